"""The batch: what is skipped (unchanged, duplicate), re-processed (--force, a new extractor
version, a changed file), stored from zip archives, reported, and how an interrupt stops it.

These run the serial executor on small text documents (the pool has its own tests).
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from deliberations.cli import main, parse_size
from deliberations.corpus.batch import IngestOptions, ingest
from deliberations.corpus.progress import LiveReporter, Meter, PlainReporter, format_seconds
from deliberations.errors import BatchInterrupted, ExitCode, NoDocumentsError

TEXT = """VILLE DE {town}
CONSEIL MUNICIPAL
Séance du {day} mars 2021

Objet : Subvention au comité des fêtes

Le conseil municipal attribue une subvention de {amount} € au comité des fêtes de {town}.

Adopté à l'unanimité.
"""


def _doc(folder: Path, name: str, town: str = "Arras", day: int = 3, amount: str = "1 500") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT.format(town=town, day=day, amount=amount), encoding="utf-8")
    return path


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    _doc(docs, "a.txt", "Arras", 3)
    _doc(docs, "b.txt", "Béthune", 4, "2 000")
    (docs / "c.txt").write_bytes((docs / "a.txt").read_bytes())  # same content as a.txt
    return docs


def test_a_rerun_skips_what_is_stored_and_duplicates(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    first = ingest([folder], db)
    assert (first.stored, first.unchanged, first.duplicates, first.failed) == (2, 0, 1, 0)
    assert "1 duplicate(s)" in first.line()
    assert _rows(db, "SELECT path FROM documents ORDER BY path") == [
        (f"{folder}/a.txt",),
        (f"{folder}/b.txt",),
    ]
    again = ingest([folder], db)
    assert (again.stored, again.unchanged, again.duplicates) == (0, 2, 1)


def test_force_a_new_extractor_version_or_a_changed_file_reprocess(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "d.db"
    ingest([folder], db)
    assert ingest([folder], db, force=True).stored == 2
    _doc(folder, "b.txt", "Béthune", 9, "2 500")  # b changed: stored again, its old version gone
    changed = ingest([folder], db)
    assert (changed.stored, changed.unchanged) == (1, 1)
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(2,)]
    assert _rows(db, "SELECT value FROM amounts ORDER BY value") == [(1500.0,), (2500.0,)]
    import deliberations.corpus.batch as batch
    import deliberations.store.database as database

    monkeypatch.setattr(batch, "__version__", "99.0")
    monkeypatch.setattr(database, "__version__", "99.0")
    assert ingest([folder], db).stored == 2
    assert _rows(db, "SELECT DISTINCT extractor_version FROM documents") == [("99.0",)]


def test_zip_entries_are_stored_under_the_archive_name(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _doc(docs, "plain.txt", "Lens")
    with zipfile.ZipFile(docs / "town.zip", "w") as zf:
        zf.writestr("2021/in_zip.txt", TEXT.format(town="Liévin", day=5, amount="700"))
        zf.writestr("../evil.txt", "x")
    db = tmp_path / "d.db"
    summary = ingest([docs], db)
    assert (summary.stored, summary.failed) == (2, 1)
    assert _rows(db, "SELECT path FROM documents ORDER BY path") == [
        (f"{docs}/plain.txt",),
        (f"{docs}/town.zip!2021/in_zip.txt",),
    ]
    assert _rows(db, "SELECT path, stage, error_class FROM errors") == [
        (f"{docs}/town.zip!../evil.txt", "archive", "UnsafeArchiveError")
    ]
    assert ingest([docs], db).unchanged == 2


def test_copies_of_a_bad_file_get_an_error_row_each(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _doc(docs, "good.txt")
    for name in ("x.pdf", "y.pdf", "z/empty.pdf"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(b"")
    db = tmp_path / "d.db"
    summary = ingest([docs], db)
    assert (summary.stored, summary.failed, summary.duplicates) == (1, 3, 0)
    rows = _rows(db, "SELECT path, error_class, message FROM errors ORDER BY path")
    assert [(Path(p).name, c) for p, c, _ in rows] == [
        ("x.pdf", "InputFileError"),
        ("y.pdf", "InputFileError"),
        ("empty.pdf", "InputFileError"),
    ]
    assert all(message.startswith(path) for path, _, message in rows)


def test_the_progress_callback_hears_of_every_document(folder: Path, tmp_path: Path) -> None:
    heard: list[tuple[int, int, str, str]] = []
    ingest([folder], tmp_path / "d.db", progress=lambda i, n, p, s: heard.append((i, n, p.name, s)))
    assert [(i, n, name) for i, n, name, _ in heard] == [
        (1, 3, "a.txt"),
        (2, 3, "b.txt"),
        (3, 3, "c.txt"),
    ]
    assert heard[0][3].endswith("1 deliberation(s)") and heard[2][3] == "duplicate, skipped"


def test_no_document_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoDocumentsError):
        ingest([tmp_path], tmp_path / "d.db")
    assert not (tmp_path / "d.db").exists()


def test_sigint_stops_between_documents_and_the_next_run_resumes(
    folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "d.db"

    def interrupt_after_first(index: int, total: int, path: Path, status: str) -> None:
        if index == 1:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(BatchInterrupted) as caught:
        ingest([folder], db, progress=interrupt_after_first)
    assert caught.value.exit_code == ExitCode.interrupted
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]
    resumed = ingest([folder], db)
    assert (resumed.stored, resumed.unchanged, resumed.duplicates) == (1, 1, 1)


def test_the_command_with_quiet_and_a_log_file(folder: Path, tmp_path: Path) -> None:
    log = tmp_path / "ingest.log"
    (folder / "broken.pdf").write_bytes(b"")
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(folder),
            "--db",
            str(tmp_path / "d.db"),
            "--executor",
            "serial",
            "--quiet",
            "--log-file",
            str(log),
        ],
    )
    assert result.exit_code == ExitCode.some_documents_failed, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("error: ") and "empty file" in lines[0]
    assert lines[1].startswith("2 stored, 0 unchanged, 1 duplicate(s), 1 failed;")
    assert "documents/s" in lines[2] and lines[3] == (
        "  failed: 1 InputFileError (SELECT path, stage, error_class, message FROM errors)"
    )
    assert lines[4].startswith("  beneficiary entities and imputation audit rebuilt in ")
    assert len(lines) == 5
    text = log.read_text()
    assert "stored " in text and "duplicate " in text and "failed " in text and "done: " in text
    again = CliRunner().invoke(
        main,
        ["ingest", str(folder), "--db", str(tmp_path / "d.db"), "--executor", "serial", "--quiet"],
    )
    lines = again.output.splitlines()
    assert lines[1].startswith("0 stored, 2 unchanged, 1 duplicate(s), 1 failed;")
    assert not any("rebuilt" in line for line in lines)  # nothing written: nothing to rebuild


def test_options_reach_the_batch(folder: Path, tmp_path: Path) -> None:
    options = IngestOptions(executor="serial", with_tables=False)
    summary = ingest([folder], tmp_path / "d.db", options=options)
    assert summary.executor == "serial" and summary.workers == 1 and summary.stored == 2
    assert set(summary.stage_seconds) >= {"extract", "nlp", "store"}


def test_sizes() -> None:
    assert parse_size("2G") == 2 << 30 and parse_size("1500M") == 1500 << 20
    assert parse_size("512MiB") == 512 << 20 and parse_size("0") is None
    assert parse_size("123") == 123


def test_the_meter_gives_rates_and_the_time_left() -> None:
    now = [0.0]
    meter = Meter(clock=lambda: now[0])
    meter.total = 10
    for _ in range(4):
        now[0] += 1.0
        meter.add(pages=3)
    assert meter.rates() == (1.0, 3.0)
    assert meter.eta() == 6.0 and format_seconds(meter.eta()) == "0:00:06"
    assert meter.line() == "4/10 documents, 1.0 documents/s, 3.0 pages/s, ETA 0:00:06, 0 error(s)"


def test_the_progress_bar_shows_rates_time_left_and_errors() -> None:
    out = io.StringIO()
    reporter = LiveReporter(Console(file=out, force_terminal=True, width=150))
    reporter.start(3)
    reporter.stored("a.pdf", 2, "ok")
    reporter.failed("b.pdf", "b.pdf: empty file")
    reporter.skipped("c.pdf", "unchanged")
    reporter.close()
    screen = out.getvalue()
    assert "3/3" in screen and "docs/s" in screen and "pages/s" in screen and "ETA" in screen
    assert "1 error(s)" in screen and "error: b.pdf: empty file" in screen


def test_plain_lines_when_not_on_a_terminal() -> None:
    out = io.StringIO()
    reporter = PlainReporter(out, interval=0.0)
    reporter.start(2)
    reporter.stored("a.pdf", 2, "ok")
    reporter.failed("b.pdf", "b.pdf: empty file")
    assert out.getvalue().splitlines()[0].startswith("1/2 documents")
    assert "error: b.pdf: empty file" in out.getvalue()
