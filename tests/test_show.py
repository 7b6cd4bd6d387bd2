"""`govreport show`: a legend once, output that fits the terminal, full labels on request."""

from __future__ import annotations

from helpers import CORPUS
from test_cli import run

from govreport.writers.text import LEGEND, display_width

SEED = CORPUS / "real" / "town-2019.txt"


def test_the_legend_is_printed_once_for_several_documents() -> None:
    proc = run("show", str(SEED), str(SEED))
    assert proc.returncode == 0
    assert proc.stdout.startswith(LEGEND + "\n") and proc.stdout.count(LEGEND) == 1
    assert proc.stdout.count("== table 1") == 2


def test_output_wraps_to_columns() -> None:
    narrow = run("show", str(SEED), env={"COLUMNS": "70"})
    assert narrow.returncode == 0
    lines = narrow.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= 70
    assert "[columns 0, 1, 2, 3" in narrow.stdout  # table 3 in bands, label columns repeated
    wide = run("show", str(SEED))
    assert max(display_width(line) for line in wide.stdout.splitlines()) > 70
    assert "[columns" not in wide.stdout


def test_full_prints_labels_uncut() -> None:
    def grid_lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if "│" in line]

    cut = grid_lines(run("show", str(SEED)).stdout)
    full = grid_lines(run("show", "--full", str(SEED)).stdout)
    assert any("│ 2.其他法律行政法规禁止公开 " in line for line in full)
    assert not any("2.其他法律行政法规禁止公开" in line for line in cut)
    assert any("│ 2.其他法律行政法…" in line for line in cut)
