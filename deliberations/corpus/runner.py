"""Running the pipeline on documents: one document in, a record (or a one-line error) out.

:func:`process` is the whole per-document work, the same in the batch's worker processes, on a
Dask cluster and in `delib extract`: it is a module-level function of picklable arguments, and
it never raises for a document's fault (the failure is in :attr:`Processed.error`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deliberations.corpus.archive import ArchiveLimits, ZipMember, extract_member
from deliberations.corpus.hashing import sha256_of
from deliberations.corpus.preflight import DocumentLimits, preflight
from deliberations.errors import DeliberationsError, ExtractionError, InputFileError

if TYPE_CHECKING:
    from deliberations.schemas.document import DocumentText
    from deliberations.schemas.record import ExtractionRecord

DEFAULT_LIMITS = DocumentLimits()
DEFAULT_ARCHIVE_LIMITS = ArchiveLimits()


@dataclass
class Processed:
    path: Path
    sha256: str | None
    record: ExtractionRecord | None = None
    document: DocumentText | None = None
    error: DeliberationsError | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def pages(self) -> int:
        return len(self.document.pages) if self.document is not None else 0


def process(
    path: Path | ZipMember,
    *,
    with_tables: bool = True,
    limits: DocumentLimits = DEFAULT_LIMITS,
    archive_limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
) -> Processed:
    """Read and extract one document (a file, or an entry of a zip archive)."""
    # the stages are imported by the workers that run them, not by the batch that only writes
    from deliberations.extract import PDF_SUFFIXES, read_document
    from deliberations.schemas.record import DocumentError, Source

    analyze = sys.modules[__name__].analyze  # the module's attribute (see __getattr__)

    if isinstance(path, ZipMember):
        return _process_member(path, with_tables, limits, archive_limits)
    try:
        sha = sha256_of(path)
    except OSError as exc:
        return Processed(
            path, None, error=InputFileError(f"{path}: cannot read file ({exc.strerror})")
        )
    result = Processed(path, sha)
    try:
        check_page = None
        if path.suffix.lower() in PDF_SUFFIXES:
            started = time.perf_counter()
            check_page = preflight(path, limits)  # the page count; each page's images as read
            result.seconds["preflight"] = time.perf_counter() - started
        started = time.perf_counter()
        document = read_document(path, with_tables=with_tables, check_page=check_page)
        result.seconds["extract"] = time.perf_counter() - started
        started = time.perf_counter()
        _forget_earlier_texts()
        source = Source(
            file=path.name,
            sha256=sha,
            pages=len(document.pages),
            ocr_pages=[p.number for p in document.pages if p.method == "ocr"],
        )
        result.record = analyze(document, source)
        # a page that could not be read (OCR failed or unavailable) is said in the record too
        result.record.errors.extend(
            DocumentError(
                stage="ocr",
                error_class=page.error or "OcrPageError",
                message=f"page {page.number}: {page.reason}",
            )
            for page in document.pages
            if page.method == "error"
        )
        result.seconds["nlp"] = time.perf_counter() - started
        result.document = document
    except DeliberationsError as exc:
        result.error = exc
    except Exception as exc:  # a bug or an input no rule expected: recorded, the batch goes on
        result.error = ExtractionError(f"{path}: {type(exc).__name__}: {exc}")
    return result


def __getattr__(name: str) -> object:
    """``analyze`` (the rules), imported on first use: by the workers, not by the batch."""
    if name == "analyze":
        from deliberations.nlp.pipeline import analyze

        globals()["analyze"] = analyze
        return analyze
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _forget_earlier_texts() -> None:
    """The rules keep what they read of a text for the rest of its document (the vote rules'
    view of it, its vote statements): a new document starts with none (so that a copy of the
    document before is timed like any other)."""
    from deliberations.nlp import headings, votes, zones

    votes.matching_view.cache_clear()
    votes._vote_statements.cache_clear()
    headings._headings.cache_clear()
    zones.zones_of.cache_clear()


def _process_member(
    member: ZipMember, with_tables: bool, limits: DocumentLimits, archive_limits: ArchiveLimits
) -> Processed:
    """A zip entry: streamed into a fresh temporary folder, processed, removed."""
    label = Path(member.key)
    with tempfile.TemporaryDirectory(prefix="delib-") as tmp:
        try:
            local = extract_member(member, Path(tmp), archive_limits)
        except DeliberationsError as exc:
            return Processed(label, None, error=exc)
        result = process(local, with_tables=with_tables, limits=limits)
    result.path = label
    if result.error is not None:  # messages name the entry, not the temporary copy
        message = str(result.error).replace(str(local), member.key)
        result.error = type(result.error)(message)
    return result


def error_record(processed: Processed) -> ExtractionRecord:
    """The JSON record printed for a document that failed."""
    from deliberations.schemas.record import DocumentError, ExtractionRecord, Source

    assert processed.error is not None
    return ExtractionRecord(
        source=Source(file=processed.path.name, sha256=processed.sha256),
        kind="other",
        errors=[
            DocumentError(
                stage=processed.error.stage,
                error_class=type(processed.error).__name__,
                message=processed.error.one_line(),
            )
        ],
    )
