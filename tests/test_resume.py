"""Killed three times at random moments (SIGKILL, SIGTERM, SIGINT), resumed: the same database.

`delib ingest` runs as a subprocess on a synthetic archive of 60 documents (digital, scanned,
broken, some in zip archives). Each interrupted run is killed once it has committed a random
number of new documents, plus a random delay, drawn from a fixed seed (printed on failure; set
RESUME_SEED to draw other moments). Each of the three runs must really have been stopped in
the middle: a run that finished before its signal fails the test. The resumed database must equal, table by table and
row by row (ids and timestamps left out), that of an uninterrupted run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deliberations.errors import ExitCode
from tests.db_content import ENTITY_TABLES, content, differences, entities_by_content
from tests.generators.synthetic import generate

pytestmark = pytest.mark.slow
DELIB = str(Path(sys.executable).parent / "delib")
DEFAULT_SEED = 14  # the same moments every run; RESUME_SEED=N draws others


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("resume") / "archive"
    generate(out, 60, seed=7, scanned=0.03, broken=0.05, zipped=0.3, workers=2)
    (out / "manifest.jsonl").unlink()
    return out


def _command(archive: Path, db: Path) -> list[str]:
    return [DELIB, "ingest", str(archive), "--db", str(db), "--workers", "2", "--quiet"]


def _committed(db: Path) -> int:
    """Documents and errors committed so far (a reader does not disturb the WAL writer)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return sum(
                conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "errors")
            )
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _interrupt(archive: Path, db: Path, signum: int, rng: random.Random) -> tuple[int, int, bool]:
    """Run, wait for a random number of new commits and a random delay, send ``signum``:
    (exit code, documents committed by this run, whether the signal reached it running)."""
    before = _committed(db)
    target = before + rng.randint(1, 12)
    process = subprocess.Popen(_command(archive, db), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while process.poll() is None and _committed(db) < target and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.4))
    signalled = process.poll() is None
    if signalled:
        process.send_signal(signum)
    process.communicate(timeout=120)
    return process.returncode, _committed(db) - before, signalled


def test_a_run_killed_three_times_then_resumed_equals_an_uninterrupted_run(
    archive: Path, tmp_path: Path
) -> None:
    seed = int(os.environ.get("RESUME_SEED", DEFAULT_SEED))
    rng = random.Random(seed)
    reference = tmp_path / "reference.db"
    full = subprocess.run(_command(archive, reference), capture_output=True, text=True, timeout=600)
    assert full.returncode == ExitCode.some_documents_failed, full.stderr  # the broken files

    resumed = tmp_path / "resumed.db"
    codes = []
    for signum in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
        code, committed, signalled = _interrupt(archive, resumed, signum, rng)
        codes.append((signal.Signals(signum).name, code, committed, signalled))
    last = subprocess.run(_command(archive, resumed), capture_output=True, text=True, timeout=600)

    context = f"seed {seed}; interrupted runs (signal, exit code, commits, signalled): {codes}"
    assert last.returncode == ExitCode.some_documents_failed, context + last.stderr
    # each run was stopped in the middle, after committing some documents, not left to finish
    assert all(signalled and committed >= 1 for _, _, committed, signalled in codes), context
    killed, termed, inted = (code for _, code, _, _ in codes)
    assert killed == -signal.SIGKILL, context
    assert termed == ExitCode.interrupted and inted == ExitCode.interrupted, context
    summary = re.search(r"(\d+) stored, (\d+) unchanged", last.stderr)
    assert summary and int(summary.group(2)) >= 1, context + last.stderr  # what they committed
    with sqlite3.connect(resumed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    expected, got = content(reference), content(resumed)
    assert entities_by_content(resumed) == entities_by_content(reference)
    for table in ENTITY_TABLES & set(expected):
        expected.pop(table), got.pop(table)
    assert sum(expected["documents"].values()) > 40 and sum(expected["errors"].values()) >= 3
    assert differences(expected, got) == [], context
