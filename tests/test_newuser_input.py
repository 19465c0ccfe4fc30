"""What a new user's archive meets at ingest: a zip inside a zip, a folder that cannot be read,
a read-only database, two ingests at once, a batch killed while its workers start.

The commands run in this process (CliRunner, serial executor) on small text documents.
"""

from __future__ import annotations

import fcntl
import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberations.cli import main
from deliberations.corpus.batch import ingest
from deliberations.corpus.writer_lock import lock_path
from deliberations.errors import ExitCode
from deliberations.store import database

TEXT = """VILLE DE {town}
CONSEIL MUNICIPAL
Séance du 3 mars 2021

Objet : Subvention au comité des fêtes

Le conseil municipal attribue une subvention de 1 500 € au comité des fêtes de {town}.

Adopté à l'unanimité.
"""


def _text(town: str) -> bytes:
    return TEXT.format(town=town).encode("utf-8")


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args, "--executor", "serial", "--quiet"])


# ------------------------------------------------------------------------- a zip in a zip


def test_a_zip_inside_a_zip_alone_is_reported_not_called_empty(tmp_path: Path) -> None:
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({"2021/inner.zip": _zip({"arras.txt": _text("ARRAS")})}))
    db = tmp_path / "d.db"
    result = _ingest(str(outer), "--db", str(db))
    assert result.exit_code == ExitCode.some_documents_failed, result.output
    assert "zip archive inside a zip archive" in result.output
    assert _rows(db, "SELECT path, error_class FROM errors") == [
        (f"{outer}!2021/inner.zip", "NestedArchiveError")
    ]


def test_a_zip_inside_a_zip_beside_documents_does_not_vanish(tmp_path: Path) -> None:
    outer = tmp_path / "outer.zip"
    outer.write_bytes(
        _zip({"arras.txt": _text("ARRAS"), "more.zip": _zip({"lens.txt": _text("LENS")})})
    )
    db = tmp_path / "d.db"
    result = _ingest(str(outer), "--db", str(db))
    assert result.exit_code == ExitCode.some_documents_failed, result.output
    assert _rows(db, "SELECT path FROM documents") == [(f"{outer}!arras.txt",)]
    assert _rows(db, "SELECT path FROM errors") == [(f"{outer}!more.zip",)]
    extract = CliRunner().invoke(main, ["extract", str(outer)])
    assert extract.exit_code == ExitCode.input_file and "inside a zip archive" in extract.output


# --------------------------------------------------------------- a folder that cannot be read


def test_an_unreadable_sub_folder_is_an_error_line_a_row_and_exit_6(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    (docs / "2020").mkdir(parents=True)
    (docs / "2021").mkdir()
    (docs / "2020" / "arras.txt").write_bytes(_text("ARRAS"))
    (docs / "2021" / "lens.txt").write_bytes(_text("LENS"))
    locked = docs / "2021"
    real_scandir = os.scandir

    def scandir(path=".") -> object:  # as for a folder of mode 000 when not root
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "d.db"
    result = _ingest(str(docs), "--db", str(db))
    assert result.exit_code == ExitCode.some_documents_failed, result.output
    assert f"error: {locked}: cannot read this folder (Permission denied)" in result.output
    assert _rows(db, "SELECT path, stage, error_class FROM errors") == [
        (str(locked), "discovery", "FolderError")
    ]
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]


# ------------------------------------------------------------------------ the database


def test_a_read_only_database_is_one_line_and_exit_13(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "arras.txt").write_bytes(_text("ARRAS"))
    db = tmp_path / "d.db"
    database.open_database(db).conn.close()
    real_connect = sqlite3.connect

    def read_only(path: str, **kwargs: object) -> sqlite3.Connection:  # as for a file of mode 444
        return real_connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", read_only)
    result = _ingest(str(docs), "--db", str(db))
    monkeypatch.undo()
    assert result.exit_code == ExitCode.database_error, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    assert result.output.count("\n") == 1 and "readonly database" in result.output, result.output
    assert "Traceback" not in result.output


def test_a_second_ingest_waits_for_the_first_and_counts_nothing_twice(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for town in ("ARRAS", "LENS", "LIEVIN"):
        (docs / f"{town.lower()}.txt").write_bytes(_text(town))
    db = tmp_path / "d.db"
    first = ingest([docs], db)  # the documents stored once
    assert first.stored == 3
    db2 = tmp_path / "e.db"
    heard: list[str] = []
    holder = os.open(lock_path(db2), os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another ingest is writing to e.db
    done: list[object] = []

    def second() -> None:
        from deliberations.corpus.progress import Reporter

        class Heard(Reporter):
            def error_line(self, line: str) -> None:
                heard.append(line)

        done.append(ingest([docs], db2, reporter=Heard()))

    thread = threading.Thread(target=second)
    thread.start()
    deadline = time.monotonic() + 30
    while not heard and time.monotonic() < deadline:
        time.sleep(0.05)
    assert heard and "waiting for it to finish" in heard[0]
    time.sleep(0.3)
    assert not done and not db2.exists()  # it waits: nothing written while the other holds it
    os.close(holder)
    thread.join(60)
    assert done and done[0].stored == 3  # type: ignore[attr-defined]


# ----------------------------------------------------------------- workers left alone


def test_a_worker_whose_batch_is_gone_leaves_without_a_traceback(tmp_path: Path) -> None:
    script = (
        "from multiprocessing import Pipe\n"
        "from deliberations.corpus import worker\n"
        "from deliberations.corpus.executors import WorkSettings\n"
        "parent, child = Pipe()\n"
        "parent.close()  # the batch was killed (kill -9) while this worker started\n"
        "worker.serve(child, WorkSettings(warm_up=False))\n"
        "print('left quietly')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr, run.stderr
    assert run.returncode == 0 and "left quietly" in run.stdout
