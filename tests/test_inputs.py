"""What a batch reads: folders, zip and tar archives, nested archives, (name, bytes) pairs."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import CORPUS

import govreport
from govreport.inputs import MAX_DEPTH, count_sources, iter_sources

SEED = CORPUS / "real" / "town-2019.txt"
LIMIT = 200 * 1024 * 1024


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_tar_gz_members_are_read_in_memory_in_archive_order(tmp_path: Path) -> None:
    archive = tmp_path / "reports.tar.gz"
    archive.write_bytes(tar_bytes({"b/2020.txt": SEED.read_bytes(), "a/2019.txt": SEED.read_bytes(),
                                   "style.css": b"skipped"}))
    results = list(govreport.convert_many([archive], executor="serial"))
    assert [r.name for r in results] == [f"{archive}!b/2020.txt", f"{archive}!a/2019.txt"]
    assert all(r.ok and r.document is not None and len(r.document.tables) == 3 for r in results)
    assert [r.parts for r in results] == [("reports.tar.gz", "b", "2020.txt"),
                                          ("reports.tar.gz", "a", "2019.txt")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports.tar.gz"]  # nothing extracted


def test_a_zip_inside_a_zip_is_read_and_named_by_both() -> None:
    inner = zip_bytes({"2019/town.txt": SEED.read_bytes()})
    outer = zip_bytes({"county/inner.zip": inner, "top.txt": SEED.read_bytes()})
    sources = list(iter_sources([("outer.zip", outer)], limit=LIMIT))
    assert [s.name for s in sources] == ["outer.zip!county/inner.zip!2019/town.txt", "outer.zip!top.txt"]
    assert sources[0].parts == ("outer.zip", "county", "inner.zip", "2019", "town.txt")
    assert [s.index for s in sources] == [0, 1] and all(s.error is None for s in sources)


def test_archives_nested_too_deep_are_an_error_not_a_crash() -> None:
    data = SEED.read_bytes()
    name = "r.txt"
    for level in range(MAX_DEPTH + 1):
        data, name = zip_bytes({name: data}), f"level{level}.zip"
    (source,) = iter_sources([(name, data)], limit=LIMIT)
    assert source.error is not None and "nested over" in str(source.error)


def test_a_corrupt_archive_is_one_failed_source(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip at all" * 10)
    (result,) = govreport.convert_many([bad], executor="serial")
    assert not result.ok and "cannot open archive" in str(result.error) and str(bad) in str(result.error)


def test_name_bytes_pairs_and_folders_mix(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG")
    inputs = [tmp_path / "sub", ("memory.txt", SEED.read_bytes())]
    results = list(govreport.convert_many(inputs, executor="serial"))
    assert [(r.name, r.input, r.ok) for r in results] == [
        (str(tmp_path / "sub" / "x.txt"), 0, True), ("memory.txt", 1, True)]
    assert results[0].parts == ("sub", "x.txt")
    assert results[1].sha256 == results[0].sha256
    assert count_sources(inputs) == 2


@pytest.mark.parametrize("executor", ["serial", "process"])
def test_results_carry_seconds_sha256_and_diagnostics(executor: str) -> None:
    (result,) = govreport.convert_many([SEED], executor=executor, jobs=1)  # type: ignore[arg-type]
    assert result.ok and result.status == "ok" and result.seconds > 0
    assert result.sha256 is not None and len(result.sha256) == 64
    assert result.document is not None and result.diagnostics == result.document.diagnostics
    assert isinstance(result, govreport.BatchResult)


def test_api_and_batch_do_not_import_each_other() -> None:
    import ast

    import govreport.api as api

    tree = ast.parse(Path(api.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "govreport.batch" not in imported
