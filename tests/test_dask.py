"""The same per-document work on a Dask cluster (a LocalCluster here): the same database.

One test starts a LocalCluster in this process and points `delib ingest --scheduler` at it, as a
user points it at a real cluster; the database must equal that of the process pool.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from deliberations.corpus.discovery import Source
from deliberations.corpus.executors import WorkSettings
from deliberations.corpus.runner import Processed
from deliberations.errors import DocumentTimeoutError, ExitCode
from tests.db_content import ENTITY_TABLES, content, differences, entities_by_content
from tests.generators.synthetic import generate

DELIB = str(Path(sys.executable).parent / "delib")


@dataclass(frozen=True)
class Sleeper(WorkSettings):
    warm_up: bool = False

    def run(self, source: Source) -> Processed:
        time.sleep(5)
        return Processed(Path(str(source)), None)


def test_a_task_past_the_timeout_is_reported_without_waiting_for_it() -> None:
    from deliberations.corpus.cluster import run_task

    started = time.monotonic()
    result, address, peak = run_task(Path("slow.pdf"), Sleeper(), 0.2)
    assert time.monotonic() - started < 2
    assert isinstance(result.error, DocumentTimeoutError) and address.startswith("pid:")
    assert peak > 0


@pytest.mark.slow
def test_ingest_on_a_dask_cluster_equals_the_process_pool(tmp_path: Path) -> None:
    from distributed import LocalCluster

    archive = tmp_path / "archive"
    generate(archive, 16, seed=11, scanned=0.0, broken=0.07, zipped=0.3, workers=2)
    (archive / "manifest.jsonl").unlink()
    pool_db, dask_db = tmp_path / "pool.db", tmp_path / "dask.db"
    pool = subprocess.run(
        [DELIB, "ingest", str(archive), "--db", str(pool_db), "--workers", "2", "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pool.returncode == ExitCode.some_documents_failed, pool.stderr

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run = subprocess.run(
            [
                DELIB,
                "ingest",
                str(archive),
                "--db",
                str(dask_db),
                "--scheduler",
                cluster.scheduler_address,
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )

    assert run.returncode == ExitCode.some_documents_failed, run.stderr
    assert "error: " in run.stderr and "16 stored" not in run.stderr
    expected, got = content(pool_db), content(dask_db)
    assert entities_by_content(pool_db) == entities_by_content(dask_db)
    for table in ENTITY_TABLES & set(expected):
        expected.pop(table), got.pop(table)
    assert sum(expected["documents"].values()) >= 14
    assert differences(expected, got) == []
