"""The Dask executor: same outputs as the local pool, panels and records as Dask frames.

Runs on a LocalCluster of 2 single-threaded worker processes, on a few documents.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS

import govreport
from govreport.cli import main

pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import govreport.dask as gdask  # noqa: E402
import govreport.keys  # noqa: E402

SEED = CORPUS / "real" / "town-2019.txt"
CASE = CORPUS / "generated" / "cases" / "g0003"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for member in sorted(CASE.iterdir()):
            if member.suffix in (".txt", ".docx", ".pdf"):
                zf.write(member, f"{CASE.name}/{member.name}")
        zf.writestr("broken/empty.txt", b"")
    return path


def outputs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != "manifest.jsonl"}


def manifest_without_times(root: Path) -> list[dict]:
    lines = [json.loads(x) for x in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return [{k: v for k, v in line.items() if k != "seconds"} for line in lines]


def test_the_dask_executor_writes_what_the_local_pool_writes(
    tmp_path: Path, archive: Path, client: Client
) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert main(["convert", str(archive), "-o", f"{local}/", "--jobs", "2", "-q"]) == 1  # the empty one
    address = client.scheduler.address
    assert main(["convert", str(archive), "-o", f"{remote}/", "--executor", "dask", "--scheduler", address,
                 "-q"]) == 1
    reports = [p for p in CASE.iterdir() if p.suffix in (".txt", ".docx", ".pdf")]
    assert outputs(local) == outputs(remote) and len(outputs(local)) == len(reports)
    assert manifest_without_times(local) == manifest_without_times(remote)


def test_the_cli_starts_a_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["convert", str(SEED), str(CASE / "g0003.docx"), "-o", f"{out}/", "--executor", "dask",
                 "--jobs", "2", "-q"]) == 0
    assert sorted(outputs(out)) == ["g0003.docx.json", "town-2019.txt.json"]


def test_convert_many_on_dask_matches_the_local_results(archive: Path, client: Client) -> None:
    remote = list(govreport.convert_many([archive], executor="dask", scheduler=client))
    local = list(govreport.convert_many([archive], jobs=2))
    assert [(r.name, r.status, r.sha256) for r in remote] == [(r.name, r.status, r.sha256) for r in local]
    assert [r.document for r in remote] == [r.document for r in local]


def test_a_bag_gives_records_and_a_panel_written_as_parquet(tmp_path: Path, client: Client) -> None:
    items = [str(SEED), ("memory/report.txt", SEED.read_bytes()), ("bad.txt", b"")]
    bag = db.from_sequence(items, npartitions=2)
    key = "applications.new_received@total"
    panel = gdask.panel(bag, keys=[key]).compute()
    assert list(panel["source"]) == [str(SEED), "memory/report.txt", "bad.txt"]
    assert list(panel["status"]) == ["ok", "ok", "failed"] and "empty" in panel["error"].iloc[2]
    expected = govreport.read(SEED).report.values[key]  # type: ignore[union-attr]
    assert panel[key].iloc[0] == expected and pd.isna(panel[key].iloc[2])
    records = gdask.records(bag).compute()
    one = govreport.read(SEED)
    assert len(records) == 2 * sum(len(govreport.records(t)) for t in one.tables)
    target = tmp_path / "panel.parquet"
    gdask.write_panel(bag, target)
    assert len(list(target.glob("*.parquet"))) == 2
    stored = pd.read_parquet(target)
    assert len(stored) == 3 and len(stored.columns) == 6 + len(govreport.keys.known_keys())
