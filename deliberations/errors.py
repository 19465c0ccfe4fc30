"""Exit codes and one exception class per kind of failure, in the manner of OCRmyPDF.

Every exception carries the exit code it maps to, the stage it happened in (the `stage` column
of the `errors` table) and a message written for the person running the batch: one line, saying
what is wrong with the document and what to do about it.

A batch never stops on a document's failure: the failure becomes a row in `errors` and the
batch exits with :attr:`ExitCode.some_documents_failed`. The other codes are those of a run that
could not go on (bad arguments, a missing dependency, a database that cannot be written, an
interruption) or of a one-document command (`delib extract`). Wrong arguments exit with 2, as
click (and most Unix commands) do; `delib extract` also gives 2 to a document it cannot read.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 2  # wrong arguments: click's usage errors, a --db that does not exist, a busy port
    input_file = 2  # extract: a file could not be read as a PDF / text document (same number)
    missing_dependency = 3
    encrypted_pdf = 4
    extraction_failed = 5  # a document was read but a stage failed on it
    some_documents_failed = 6  # the batch finished; some documents are in the errors table
    gold_mismatch = 7  # eval: a gold file has no matching input (or the reverse)
    unsafe_archive = 8  # a zip entry that escapes its folder, or a zip bomb
    document_too_large = 9  # too many pages, or an image that would decompress to gigabytes
    timeout = 10  # a document took longer than --timeout
    memory_limit = 11  # a worker went over --max-memory on a document
    worker_crashed = 12  # the process working on a document died (segfault, OOM killer)
    database_error = (
        13  # the database cannot be opened or written (read-only, not SQLite, disk full)
    )
    interrupted = 130  # SIGINT / SIGTERM: the run stopped; the same command resumes it


class DeliberationsError(Exception):
    """Base class: a failure on one document (or of the run), with its exit code."""

    exit_code = ExitCode.extraction_failed
    stage = "pipeline"

    def one_line(self) -> str:
        return " ".join(str(self).split())


class InputFileError(DeliberationsError):
    """The file is not a readable document: empty, not a PDF, truncated or corrupt."""

    exit_code = ExitCode.input_file
    stage = "read"


class EncryptedPdfError(InputFileError):
    exit_code = ExitCode.encrypted_pdf


class MissingDependencyError(DeliberationsError):
    exit_code = ExitCode.missing_dependency
    stage = "setup"


class ExtractionError(DeliberationsError):
    exit_code = ExitCode.extraction_failed
    stage = "nlp"


# ----------------------------------------------------------------------- archives (zip)


class ArchiveError(InputFileError):
    """A zip archive (or one of its members) that cannot be read: corrupt, encrypted member."""

    stage = "archive"


class UnsafeArchiveError(ArchiveError):
    """A zip entry that would be written outside its folder: ``../``, an absolute path, a link."""

    exit_code = ExitCode.unsafe_archive


class ArchiveBombError(UnsafeArchiveError):
    """A zip entry over the size limit, or compressed more than any real PDF is (zip bomb)."""


class FolderError(InputFileError):
    """A folder under the paths given that cannot be listed (permissions, I/O error)."""

    stage = "discovery"


class NestedArchiveError(ArchiveError):
    """A zip archive inside a zip archive: not read (unpack the outer one first)."""


# ------------------------------------------------------------------ preflight (before work)


class DocumentTooLargeError(InputFileError):
    """A document beyond what the pipeline accepts (see the subclasses)."""

    exit_code = ExitCode.document_too_large
    stage = "preflight"


class TooManyPagesError(DocumentTooLargeError):
    """More pages than --max-pages."""


class DecompressionBombError(DocumentTooLargeError):
    """A page image whose declared size would decompress to more than the pixel limit."""


# ------------------------------------------------------------------- the worker's limits


class WorkerError(DeliberationsError):
    """The process working on the document was stopped or died: the document was not read."""

    stage = "worker"
    exit_code = ExitCode.worker_crashed


class DocumentTimeoutError(WorkerError):
    """The document took longer than --timeout seconds; its worker was stopped."""

    exit_code = ExitCode.timeout


class MemoryLimitError(WorkerError):
    """The worker's memory went over --max-memory on the document; the worker was stopped."""

    exit_code = ExitCode.memory_limit


class WorkerCrashedError(WorkerError):
    """The worker died on the document (a crash in a C library, the kernel's OOM killer)."""


class BatchInterrupted(DeliberationsError):
    """The run was stopped by SIGINT or SIGTERM; what was committed stays, the rest resumes."""

    exit_code = ExitCode.interrupted
    stage = "batch"


# every failure kind a document can have, for the documentation and the tests
DOCUMENT_ERRORS: tuple[type[DeliberationsError], ...] = (
    InputFileError,
    EncryptedPdfError,
    ExtractionError,
    FolderError,
    ArchiveError,
    NestedArchiveError,
    UnsafeArchiveError,
    ArchiveBombError,
    TooManyPagesError,
    DecompressionBombError,
    DocumentTimeoutError,
    MemoryLimitError,
    WorkerCrashedError,
)


class NoDocumentsError(DeliberationsError):
    """Nothing to ingest under the paths given."""

    exit_code = ExitCode.bad_args
    stage = "discovery"


# ---------------------------------------------------------------------- OCR (scanned pages)


class OcrUnavailableError(MissingDependencyError):
    """Tesseract (or its French model) is not installed: scanned pages cannot be read.

    It is recorded per page (the document's digital pages are still read), never raised for a
    whole batch: `apt-get install tesseract-ocr tesseract-ocr-fra` fixes it.
    """

    stage = "ocr"


class OcrPageError(ExtractionError):
    """Tesseract failed on one page (a crash, a timeout): that page is recorded as an error."""

    stage = "ocr"
