"""Every kind of bad input in one batch: an error row each, one stderr line each, the rest stored.

`delib ingest` runs as a user runs it (a subprocess, two workers). The bad files are made here:
encrypted with pypdf, a 2 kB PDF declaring a 10-gigapixel image, a PDF of thousands of pages
written by hand in milliseconds, a zip with ``../`` and absolute entries and a zip bomb entry, a
sparse 1.2 GB text file that takes a worker over --max-memory, a PDF slower than --timeout.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from deliberations.errors import ExitCode
from tests.bad_pdfs import corrupt, encrypted, image_bomb, many_pages, zip_with
from tests.generators.fixtures import build_pdf, layout_for

pytestmark = pytest.mark.slow
DELIB = str(Path(sys.executable).parent / "delib")


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [DELIB, "ingest", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )


def _errors(db: Path) -> dict[str, tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, stage, error_class, message FROM errors").fetchall()
    return {path: (stage, cls, message) for path, stage, cls, message in rows}


def _documents(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {path for (path,) in conn.execute("SELECT path FROM documents")}


@pytest.fixture(scope="module")
def inside_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("inside") / "inside.pdf"
    build_pdf(
        "VILLE DE TESTVILLE\nCONSEIL MUNICIPAL\nSéance du 3 mai 2022\n\nObjet : Subvention "
        "au comité des fêtes\n\nLe conseil attribue 1 200 € au comité des fêtes.\n\n"
        "Adopté à l'unanimité.\n",
        out,
        layout_for(1),
    )
    return out.read_bytes()


def test_each_bad_input_is_one_error_row_and_the_good_documents_are_all_in(
    dev_pdfs: list[Path], inside_pdf: bytes, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for pdf in dev_pdfs:
        (archive / pdf.name).write_bytes(pdf.read_bytes())
    good = dev_pdfs[0].read_bytes()
    bad = {
        "empty.pdf": b"",
        "empty_too.pdf": b"",  # the same content: an error row of its own, not a duplicate
        "not_a_pdf.pdf": b"Bonjour, je suis un fichier texte.\n",
        "truncated.pdf": dev_pdfs[4].read_bytes()[:400],
        "corrupt.pdf": corrupt(good),
        "encrypted.pdf": encrypted(good),
        "bomb.pdf": image_bomb(),
        "thousands.pdf": many_pages(2500),
    }
    for name, data in bad.items():
        (archive / name).write_bytes(data)
    with (archive / "huge.txt").open("wb") as fh:  # 1.2 GB of zeros (sparse), read whole
        fh.truncate(1200 << 20)
    zip_path = zip_with(
        archive / "evil.zip",
        {
            "fine/inside.pdf": inside_pdf,
            "../../escape.pdf": good,
            "/abs/evil.pdf": good,
            "bomb.pdf": b"\0" * (16 << 20),
        },
    )
    db = tmp_path / "d.db"

    run = _ingest(str(archive), "--db", str(db), "--workers", "2", "--max-memory", "1G", "--quiet")

    assert run.returncode == ExitCode.some_documents_failed, run.stderr
    expected = {
        f"{archive}/empty.pdf": ("read", "InputFileError", "empty file"),
        f"{archive}/empty_too.pdf": ("read", "InputFileError", "empty file"),
        f"{archive}/not_a_pdf.pdf": ("read", "InputFileError", "not a PDF"),
        f"{archive}/truncated.pdf": ("read", "InputFileError", "truncated or corrupt"),
        f"{archive}/corrupt.pdf": ("read", "InputFileError", "truncated or corrupt"),
        f"{archive}/encrypted.pdf": ("read", "EncryptedPdfError", "encrypted PDF"),
        f"{archive}/bomb.pdf": ("preflight", "DecompressionBombError", "100,000 × 100,000 pixels"),
        f"{archive}/thousands.pdf": ("preflight", "TooManyPagesError", "2,500 pages"),
        f"{archive}/huge.txt": ("worker", "MemoryLimitError", "--max-memory"),
        f"{zip_path}!../../escape.pdf": ("archive", "UnsafeArchiveError", "path traversal"),
        f"{zip_path}!/abs/evil.pdf": ("archive", "UnsafeArchiveError", "absolute path"),
        f"{zip_path}!bomb.pdf": ("archive", "ArchiveBombError", "zip bomb"),
    }
    errors = _errors(db)
    assert set(errors) == set(expected), errors
    for path, (stage, error_class, words) in expected.items():
        got_stage, got_class, message = errors[path]
        assert (got_stage, got_class) == (stage, error_class), (path, errors[path])
        assert words in message and "\n" not in message
        assert message.startswith(path)
    # one line on stderr per failure, the same as the row's message
    lines = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(lines) == sorted(f"error: {message}" for _, _, message in errors.values())
    # the good documents, the zip's good entry among them, are all in; nothing escaped
    assert _documents(db) == {str(archive / p.name) for p in dev_pdfs} | {
        f"{zip_path}!fine/inside.pdf"
    }
    assert not (tmp_path / "escape.pdf").exists() and not Path("/abs/evil.pdf").exists()
    assert "6 stored" in run.stderr and "12 failed" in run.stderr


def test_a_document_past_the_timeout_is_stopped_and_the_run_goes_on(
    inside_pdf: bytes, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "good.pdf").write_bytes(inside_pdf)
    (archive / "slow.pdf").write_bytes(many_pages(10_000))  # about 2 s of work
    db = tmp_path / "d.db"

    run = _ingest(
        str(archive),
        "--db",
        str(db),
        "--workers",
        "2",
        "--timeout",
        "0.5",
        "--max-pages",
        "20000",
        "--quiet",
    )

    assert run.returncode == ExitCode.some_documents_failed, run.stderr
    errors = _errors(db)
    assert {p: (s, c) for p, (s, c, _) in errors.items()} == {
        f"{archive}/slow.pdf": ("worker", "DocumentTimeoutError")
    }
    assert "--timeout" in errors[f"{archive}/slow.pdf"][2]
    assert _documents(db) == {f"{archive}/good.pdf"}
