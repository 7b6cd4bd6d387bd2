"""PDF rendering: the report's .docx converted by LibreOffice in batches.

LibreOffice is slow to start, so documents are converted several per call,
with a private user profile so a running office instance cannot interfere.
PDF bytes are not reproducible (LibreOffice stamps dates and IDs); the truth
does not depend on them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from .model import Report


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_batch(docx_files: list[Path], batch_size: int = 10, timeout: int = 600,
                  to: str = "pdf", suffix: str = ".pdf") -> list[Path]:
    """Convert .docx files with LibreOffice (`to`: its ``--convert-to`` filter) to files
    beside them named with `suffix`; return the files that were produced."""
    binary = soffice_path()
    if binary is None or not docx_files:
        return []
    produced: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="govreport_lo_") as tmp:
        profile = Path(tmp, "profile").as_uri()
        outdir = Path(tmp, "out")
        outdir.mkdir()
        for start in range(0, len(docx_files), batch_size):
            batch = docx_files[start:start + batch_size]
            cmd = [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", to, "--outdir", str(outdir), *map(str, batch)]
            subprocess.run(cmd, check=False, timeout=timeout, capture_output=True)
            for docx in batch:
                made = outdir / f"{docx.stem}.{to}"
                if made.exists():
                    target = docx.with_name(docx.stem + suffix)
                    shutil.move(str(made), target)
                    produced.append(target)
    return produced


def missing_text(report: Report, pdf: Path) -> str:
    """Table text the PDF does not print (LibreOffice clips the text of a tall merged
    cell cut by page breaks): the characters of the report's table cells that the
    PDF's text lacks, or "" when nothing is missing or pdftotext is not installed."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return ""
    done = subprocess.run([binary, str(pdf), "-"], capture_output=True, timeout=120, check=False)
    # Letters and digits only: extraction may print a dash or a bracket differently.
    have = Counter(_LETTERS.findall(done.stdout.decode("utf-8", "replace")))
    want = Counter(_LETTERS.findall("".join(c.text for t in report.tables for c in t.cells)))
    return "".join(sorted((want - have).elements()))


_LETTERS = re.compile(r"[\u4e00-\u9fff0-9]")
