"""Batch ingest: documents into the database, one transaction each, skipping what is stored.

The API behind `delib ingest` (the command only parses options and prints).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from deliberations import __version__
from deliberations.corpus.discovery import discover
from deliberations.corpus.hashing import sha256_of
from deliberations.corpus.runner import process
from deliberations.store import open_database, store_document, store_error


@dataclass
class IngestSummary:
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    deliberations: int = 0
    pages: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.stored} stored, {self.unchanged} unchanged, {self.failed} failed; "
            f"{self.deliberations} deliberation(s), {self.pages} page(s) in {self.seconds:.1f}s"
        )


Progress = Callable[[int, int, Path, str], None]


def ingest(
    paths: Iterable[Path], db_path: Path, *, force: bool = False, progress: Progress | None = None
) -> IngestSummary:
    """Ingest every document under ``paths`` into ``db_path``."""
    db = open_database(db_path)
    files = list(discover(paths))
    summary = IngestSummary()
    started = time.perf_counter()
    for index, path in enumerate(files, start=1):
        if not force and _stored_unchanged(db, path):
            summary.unchanged += 1
            if progress:
                progress(index, len(files), path, "unchanged, skipped")
            continue
        result = process(path)
        for stage, seconds in result.seconds.items():
            summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds
        if result.error is not None:
            summary.failed += 1
            message = result.error.one_line()
            summary.errors.append(message)
            store_error(db, str(path), result.sha256, result.error.stage,
                        type(result.error).__name__, message)
            if progress:
                progress(index, len(files), path, f"error: {message}")
            continue
        assert result.record is not None and result.document is not None
        write_started = time.perf_counter()
        store_document(db, str(path), result.record, result.document)
        summary.stage_seconds["store"] = summary.stage_seconds.get("store", 0.0) + (
            time.perf_counter() - write_started
        )
        summary.stored += 1
        summary.deliberations += len(result.record.deliberations)
        summary.pages += len(result.document.pages)
        if progress:
            progress(index, len(files), path,
                     f"{result.record.kind}, {len(result.record.deliberations)} deliberation(s)")
    summary.seconds = time.perf_counter() - started
    db.conn.close()
    return summary


def _stored_unchanged(db, path: Path) -> bool:
    try:
        sha = sha256_of(path)
    except OSError:
        return False
    row = db.execute(
        "SELECT 1 FROM documents WHERE sha256 = ? AND extractor_version = ? AND status = 'ok'",
        (sha, __version__),
    ).fetchone()
    return row is not None
