"""Running the pipeline on documents: one document in, a record (or a one-line error) out."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from deliberations.corpus.hashing import sha256_of
from deliberations.errors import DeliberationsError, ExtractionError, InputFileError
from deliberations.extract import read_document
from deliberations.nlp.pipeline import analyze
from deliberations.schemas.document import DocumentText
from deliberations.schemas.record import DocumentError, ExtractionRecord, Source


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


def process(path: Path, *, with_tables: bool = True) -> Processed:
    """Read and extract one document; failures become a :class:`DeliberationsError`."""
    try:
        sha = sha256_of(path)
    except OSError as exc:
        return Processed(path, None, error=InputFileError(f"{path}: cannot read file ({exc.strerror})"))
    result = Processed(path, sha)
    try:
        started = time.perf_counter()
        document = read_document(path, with_tables=with_tables)
        result.seconds["extract"] = time.perf_counter() - started
        started = time.perf_counter()
        source = Source(
            file=path.name,
            sha256=sha,
            pages=len(document.pages),
            ocr_pages=[p.number for p in document.pages if p.method == "ocr"],
        )
        result.record = analyze(document, source)
        result.seconds["nlp"] = time.perf_counter() - started
        result.document = document
    except DeliberationsError as exc:
        result.error = exc
    except Exception as exc:  # a bug or an input no rule expected: recorded, the batch goes on
        result.error = ExtractionError(f"{path}: {type(exc).__name__}: {exc}")
    return result


def error_record(processed: Processed) -> ExtractionRecord:
    """The JSON record printed for a document that failed."""
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
