"""Batch ingest: documents into the database, one transaction each, skipping what is stored.

The API behind `delib ingest` (the command only parses options and prints)::

    discover ─▶ hash (threads) ─▶ skip stored / duplicates ─▶ executor (workers) ─▶ one writer

Documents are found in a stable order (:mod:`deliberations.corpus.discovery`), hashed a little
ahead of the workers, and skipped when their sha256 is already stored by this extractor version
(unless ``force``) or was met earlier in the run. The others go to the executor; each outcome
comes back to this process, the only one that writes, and is committed in its own transaction:
the document whole, or its row in `errors`. An interrupted run (SIGINT, SIGTERM, SIGKILL) has
committed whole documents only, and the same command resumes it: the database ends as an
uninterrupted run leaves it (rows compared by content; ids and timestamps differ).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from deliberations import __version__
from deliberations.corpus.archive import ArchiveLimits, ZipMember, hash_member
from deliberations.corpus.discovery import Source, discover_sources, source_key
from deliberations.corpus.executors import Outcome, Task, WorkSettings, make_executor
from deliberations.corpus.hashing import sha256_of
from deliberations.corpus.interrupt import stop_on_signals
from deliberations.corpus.preflight import DocumentLimits
from deliberations.corpus.progress import CallbackReporter, ProgressCallback, Reporter
from deliberations.corpus.writer_lock import writer_lock
from deliberations.errors import (
    BatchInterrupted,
    DeliberationsError,
    InputFileError,
    NoDocumentsError,
)
from deliberations.queries import refresh_derived
from deliberations.store import open_database, store_document, store_error

log = logging.getLogger("deliberations.ingest")
log.addHandler(logging.NullHandler())  # nothing on stderr unless the caller configures logging
HASH_THREADS = 4
HASH_AHEAD = 64  # documents hashed ahead of the workers

Progress = ProgressCallback


@dataclass
class IngestOptions:
    """How to run a batch (the options of `delib ingest`)."""

    force: bool = False
    executor: str = "serial"  # "serial", "process" or "dask"
    workers: int | None = None  # None: every core
    scheduler: str | None = None  # Dask scheduler address; None: a local cluster
    timeout: float | None = 600.0  # seconds per document (not enforced by "serial")
    max_memory: int | None = 2 << 30  # bytes per worker (not enforced by "serial")
    limits: DocumentLimits = field(default_factory=DocumentLimits)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    with_tables: bool = True


@dataclass
class IngestSummary:
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: int = 0
    deliberations: int = 0
    pages: int = 0
    seconds: float = 0.0
    work_seconds: float = 0.0  # from the moment the workers were ready (the model loaded)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    error_classes: dict[str, int] = field(default_factory=dict)  # error class -> documents
    worker_peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    executor: str = "serial"
    workers: int = 1
    derived_seconds: float | None = None  # rebuilding entities and audit; None: nothing changed
    partial: int = 0  # documents stored with some pages unread (OCR failed or unavailable)
    missing_dependency: str | None = None  # why OCR could not run (Tesseract not installed)

    @property
    def documents(self) -> int:
        return self.stored + self.unchanged + self.duplicates + self.failed

    def line(self) -> str:
        duplicates = f", {self.duplicates} duplicate(s)" if self.duplicates else ""
        return (
            f"{self.stored} stored, {self.unchanged} unchanged{duplicates}, {self.failed} failed; "
            f"{self.deliberations} deliberation(s), {self.pages} page(s) in {self.seconds:.1f}s"
        )

    def details(self) -> list[str]:
        """The lines after :meth:`line` at the end of a run: throughput, failures by kind."""
        out = []
        if self.work_seconds > 0 and self.stored:
            out.append(
                f"  {self.stored / self.work_seconds:.1f} documents/s, "
                f"{self.pages / self.work_seconds:.1f} pages/s with {self.workers} "
                f"{self.executor} worker(s), once they were ready"
            )
        if self.error_classes:
            kinds = ", ".join(f"{n} {name}" for name, n in sorted(self.error_classes.items()))
            out.append(f"  failed: {kinds} (SELECT path, stage, error_class, message FROM errors)")
        if self.derived_seconds is not None:
            out.append(
                f"  beneficiary entities and imputation audit rebuilt in {self.derived_seconds:.1f}s"
            )
        return out


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    options: IngestOptions | None = None,
    reporter: Reporter | None = None,
) -> IngestSummary:
    """Ingest every document under ``paths`` (folders, files, zip archives) into ``db_path``.

    Raises :class:`NoDocumentsError` when there is none, :class:`BatchInterrupted` on SIGINT or
    SIGTERM (what was committed stays; the same call resumes).
    """
    options = options or IngestOptions()
    options.force = options.force or force
    if options.executor == "process":
        from deliberations.corpus.pool import start_server

        start_server()  # its imports run while the documents are found
    if reporter is None:
        reporter = CallbackReporter(progress) if progress else Reporter()
    sources = list(discover_sources(paths, options.archive_limits))
    if not sources:
        raise NoDocumentsError("no .pdf, .txt, .html or .zip document found under the paths given")
    with writer_lock(Path(db_path), reporter.error_line):
        return _ingest_locked(sources, Path(db_path), options, reporter)


def _ingest_locked(
    sources: list[Source | InputFileError],
    db_path: Path,
    options: IngestOptions,
    reporter: Reporter,
) -> IngestSummary:
    db = open_database(db_path)
    # with WAL, NORMAL keeps every transaction atomic and survives a killed process; a power cut
    # may undo the last commits, which the next run redoes (FULL would fsync each document)
    db.conn.execute("PRAGMA synchronous = NORMAL")
    try:
        summary = _run(db, sources, options, reporter)
    except BaseException:
        db.conn.close()
        raise
    finally:
        reporter.close()
    # steps over the whole database once every document is in go here
    db.conn.close()
    clock = time.monotonic()
    if refresh_derived(
        db_path,
        starting=lambda: reporter.step(
            "rebuilding the beneficiary entities and the imputation audit over the whole database…"
        ),
    ):
        summary.derived_seconds = time.monotonic() - clock
    return summary


def _run(
    db: sqlite_utils.Database,
    sources: list[Source | InputFileError],
    options: IngestOptions,
    reporter: Reporter,
) -> IngestSummary:
    started = time.monotonic()
    settings = WorkSettings(options.with_tables, options.limits, options.archive_limits)
    executor = make_executor(
        options.executor,
        settings,
        workers=options.workers,
        timeout=options.timeout,
        max_memory=options.max_memory,
        scheduler=options.scheduler,
    )
    summary = IngestSummary(executor=executor.name, workers=executor.workers)
    writer = _Writer(db, summary, reporter, options)
    log.info(
        "ingest of %d document(s) with the %s executor (%d worker(s))",
        len(sources),
        executor.name,
        executor.workers,
    )
    with stop_on_signals() as stop, executor:
        summary.workers = executor.workers  # a Dask cluster's, once connected
        reporter.start(len(sources))
        for outcome in executor.run(writer.tasks(sources), stop):
            writer.write(outcome)
        finished = time.monotonic()
        ready_at = getattr(executor, "ready_at", None) or started
        if stop():
            log.warning("interrupted: %s", summary.line())
            raise BatchInterrupted(
                f"interrupted after {summary.documents} of {len(sources)} document(s); "
                f"run the same command again to resume"
            )
    summary.seconds = time.monotonic() - started
    summary.work_seconds = finished - ready_at
    log.info("done: %s", summary.line())
    return summary


class _Writer:
    """The single writer: decides what to skip, commits each outcome in its own transaction."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        summary: IngestSummary,
        reporter: Reporter,
        options: IngestOptions,
    ) -> None:
        self.db = db
        self.summary = summary
        self.reporter = reporter
        self.options = options
        self.seen: set[bytes] = set()  # sha256 of every document met in this run
        # a copy of a document still being worked on waits for its outcome: stored, the copy is
        # a duplicate; failed, the copy gets the same error row (each bad file has its row)
        self.in_flight: dict[bytes, tuple[str, list[str]]] = {}  # sha -> (key, copies)
        self.failed_content: dict[bytes, tuple[str, DeliberationsError]] = {}

    # ------------------------------------------------------------------ skipping

    def tasks(self, sources: list[Source | InputFileError]) -> Iterator[Task]:
        """The documents to process, in discovery order; the others are recorded as they pass."""
        for source, sha in _hashed(sources, self.options.archive_limits):
            if isinstance(source, InputFileError):
                self._error(_error_key(source), None, source)
                continue
            key = source_key(source)
            if isinstance(sha, DeliberationsError):
                self._error(key, None, sha)
                continue
            digest = bytes.fromhex(sha)
            if digest in self.seen:
                self._copy(key, sha, digest)
                continue
            self.seen.add(digest)
            if not self.options.force and (stored := self._stored_path(sha)) is not None:
                if stored == key:
                    self._skip(key, "unchanged", "already stored")
                else:
                    self._skip(key, "duplicate", f"same content as {stored}")
                continue
            self.in_flight[digest] = (key, [])
            yield Task(key, source, sha)

    def _copy(self, key: str, sha: str, digest: bytes) -> None:
        """A document with the content of one met earlier in this run."""
        if digest in self.in_flight:
            self.in_flight[digest][1].append(key)
        elif digest in self.failed_content:
            first, error = self.failed_content[digest]
            self._error(key, sha, type(error)(str(error).replace(first, key)))
        else:
            self._skip(key, "duplicate", "same content as a document met earlier in this run")

    def _resolve_copies(self, sha: str | None, error: DeliberationsError | None) -> None:
        if sha is None or (entry := self.in_flight.pop(bytes.fromhex(sha), None)) is None:
            return
        first, copies = entry
        if error is not None:
            self.failed_content[bytes.fromhex(sha)] = (first, error)
        for key in copies:
            self._copy(key, sha, bytes.fromhex(sha))

    def _stored_path(self, sha: str) -> str | None:
        row = self.db.execute(
            "SELECT path FROM documents WHERE sha256 = ? AND extractor_version = ? AND status = 'ok'",
            (sha, __version__),
        ).fetchone()
        return None if row is None else str(row[0])

    def _skip(self, key: str, kind: str, why: str) -> None:
        if kind == "unchanged":
            self.summary.unchanged += 1
        else:
            self.summary.duplicates += 1
        log.info("%s %s: %s", kind, key, why)
        self.reporter.skipped(key, kind)

    # ------------------------------------------------------------------- writing

    def write(self, outcome: Outcome) -> None:
        result, key = outcome.result, outcome.task.key
        for stage, seconds in result.seconds.items():
            self.summary.stage_seconds[stage] = self.summary.stage_seconds.get(stage, 0.0) + seconds
        if outcome.peak_rss:
            peaks = self.summary.worker_peak_rss
            peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_rss)
            self.reporter.worker_memory(outcome.worker, outcome.peak_rss)
        if result.error is not None:
            self._error(key, result.sha256 or outcome.task.sha256, result.error)
            self._resolve_copies(outcome.task.sha256, result.error)
            return
        assert result.record is not None and result.document is not None
        started = time.perf_counter()
        store_document(self.db, key, result.record, result.document)
        self.summary.stage_seconds["store"] = (
            self.summary.stage_seconds.get("store", 0.0) + time.perf_counter() - started
        )
        self.summary.stored += 1
        unread = [p for p in result.document.pages if p.method == "error"]
        if unread:
            self.summary.partial += 1
        missing = next((p for p in unread if p.error == "OcrUnavailableError"), None)
        if missing is not None and self.summary.missing_dependency is None:
            self.summary.missing_dependency = missing.reason.rsplit("; ", 1)[-1]
        self.summary.deliberations += len(result.record.deliberations)
        self.summary.pages += result.pages
        status = f"{result.record.kind}, {len(result.record.deliberations)} deliberation(s)"
        log.info("stored %s: %s, %d page(s)", key, status, result.pages)
        self.reporter.stored(key, result.pages, status)
        self._resolve_copies(outcome.task.sha256, None)

    def _error(self, key: str, sha: str | None, error: DeliberationsError) -> None:
        message = error.one_line()
        store_error(self.db, key, sha, error.stage, type(error).__name__, message)
        self.summary.failed += 1
        self.summary.errors.append(message)
        name = type(error).__name__
        self.summary.error_classes[name] = self.summary.error_classes.get(name, 0) + 1
        log.error("failed %s: [%s/%s] %s", key, error.stage, type(error).__name__, message)
        self.reporter.failed(key, message)


def _error_key(error: InputFileError) -> str:
    """The archive, ``archive!entry`` or folder an error found in discovery is about."""
    return str(getattr(error, "key", None) or str(error).split(": ", 1)[0])


def _hash(
    source: Source | InputFileError, limits: ArchiveLimits
) -> str | DeliberationsError | None:
    if isinstance(source, InputFileError):
        return None
    try:
        if isinstance(source, ZipMember):
            return hash_member(source, limits)
        return sha256_of(source)
    except DeliberationsError as exc:
        return exc
    except OSError as exc:
        return InputFileError(f"{source}: cannot read file ({exc.strerror or exc})")


def _hashed(
    sources: list[Source | InputFileError], limits: ArchiveLimits
) -> Iterator[tuple[Source | InputFileError, str | DeliberationsError | None]]:
    """Each source with its sha256 (or the error reading it), hashed a few ahead in threads."""
    with ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="delib-hash") as pool:
        ahead: deque[tuple[Source | InputFileError, Future]] = deque()
        remaining = iter(sources)
        while True:
            while len(ahead) < HASH_AHEAD and (source := next(remaining, None)) is not None:
                ahead.append((source, pool.submit(_hash, source, limits)))
            if not ahead:
                return
            source, future = ahead.popleft()
            yield source, future.result()
