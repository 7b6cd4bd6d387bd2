"""The library as a library: typed, runnable with -m, documented, quiet, and honest errors."""

from __future__ import annotations

import ast
import gc
import logging
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from helpers import CORPUS, ROOT

import govreport
from govreport.errors import GovReportError, MissingExtraError, OptionsError, UnknownKeyError
from govreport.keys import check_key, known_keys, suggest_keys
from govreport.writers import writer_for_path

SEED = CORPUS / "real" / "town-2019.txt"


def test_the_package_ships_py_typed() -> None:
    assert resources.files("govreport").joinpath("py.typed").is_file()
    assert '"py.typed"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_python_dash_m_govreport_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "govreport", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"govreport {govreport.__version__}"


@pytest.mark.parametrize(
    ("obj", "words"),
    [
        (govreport.read, ("options", "format", "strict", "EmptyInputError", "EncryptedError", "Raises")),
        (govreport.Document, ("source", "metadata", "blocks", "diagnostics", "report")),
        (govreport.Table, ("header_rows", "header_cols", "kind")),
        (govreport.Record, ("row", "col", "text", "key")),
    ],
)
def test_the_main_api_explains_itself(obj: object, words: tuple[str, ...]) -> None:
    doc = obj.__doc__ or ""
    assert len(doc) > 200
    for word in words:
        assert word in doc, word


def test_library_errors_do_not_speak_of_command_line_flags(tmp_path: Path) -> None:
    with pytest.raises(GovReportError) as info:
        writer_for_path(tmp_path / "out.v2")
    assert "--" not in str(info.value) and "'.v2'" in str(info.value)
    with pytest.raises(GovReportError) as info:
        govreport.write(govreport.read(SEED), tmp_path / "x.csv", options={"form": "wide"})
    assert "--" not in str(info.value)


def test_an_unknown_canonical_key_is_a_key_error_that_suggests_close_keys() -> None:
    assert check_key("applications.new_received@total") == "applications.new_received@total"
    with pytest.raises(KeyError) as info:
        check_key("applications.new_recieved@total")
    error = info.value
    assert isinstance(error, UnknownKeyError) and isinstance(error, GovReportError)
    assert error.suggestions[0] == "applications.new_received@total"
    assert "did you mean applications.new_received@total" in str(error)
    close = suggest_keys("review_litigation.litigation.direct.totl")
    assert close[0] == "review_litigation.litigation.direct.total"
    assert len(known_keys()) == len(set(known_keys())) > 150


def test_a_mistyped_key_in_report_values_suggests_the_real_one() -> None:
    values = govreport.read(SEED).report.values  # type: ignore[union-attr]
    assert values["applications.new_received@total"] == 0
    with pytest.raises(UnknownKeyError, match=r"did you mean applications\.new_received@total"):
        values["applications.new_recieved@total"]
    assert values.get("applications.new_recieved@total") is None and "x" not in values
    only_2021 = next(k for k in known_keys() if k not in values)
    with pytest.raises(KeyError, match="edition only") as info:
        values[only_2021]
    assert not isinstance(info.value, UnknownKeyError)
    import pickle

    assert pickle.loads(pickle.dumps(values)) == values


def test_a_missing_pandas_says_which_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import govreport\n"
        "try:\n"
        "    govreport.table_to_pandas\n"
        "except ImportError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("MissingExtraError ")
    assert "pip install 'govreport[pandas]'" in proc.stdout
    assert issubclass(MissingExtraError, GovReportError)


@pytest.mark.parametrize("options", [{"colour": "red"}, {"max_input_bytes": 0}, {"strict": True, "x": 1}, 42])
def test_a_bad_read_option_is_a_govreport_error(options: object) -> None:
    with pytest.raises(OptionsError) as info:
        govreport.read(SEED, options=options)  # type: ignore[arg-type]
    assert isinstance(info.value, GovReportError) and isinstance(info.value, ValueError)


def test_the_library_never_prints() -> None:
    offenders = []
    for path in sorted((ROOT / "govreport").rglob("*.py")):
        if path.name.startswith("cli") or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{path.name}:{node.lineno}")
            if (isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr")
                    and isinstance(node.value, ast.Name) and node.value.id == "sys"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders


def test_the_library_logs_under_the_govreport_logger(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with caplog.at_level(logging.DEBUG, logger="govreport"):
        results = list(govreport.convert_many([SEED, bad]))
    assert [r.ok for r in results] == [True, False]
    assert caplog.records and {r.name.split(".")[0] for r in caplog.records} == {"govreport"}
    assert any("empty.txt" in r.getMessage() for r in caplog.records)
    assert capsys.readouterr() == ("", "")


def test_reading_leaves_the_garbage_collector_as_it_found_it() -> None:
    """A read holds off the cyclic collector and switches it back on, also when the read
    fails; a host that switched it off finds it off."""
    seen: list[bool] = []
    real = govreport.api.assemble

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(govreport.api, "assemble", spy)
        govreport.read(SEED)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(GovReportError):
        govreport.read(b"%PDF-1.7\n garbage", name="x.pdf")
    assert gc.isenabled()
    gc.disable()
    try:
        govreport.read(SEED)
        assert not gc.isenabled()
    finally:
        gc.enable()
