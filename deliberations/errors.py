"""Exit codes and one exception class per kind of failure, in the manner of OCRmyPDF.

Every exception carries the exit code it maps to and a message written for the person running
the batch: one line, saying what is wrong with the document and what to do about it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 1
    input_file = 2  # a file could not be read as a PDF / text document
    missing_dependency = 3
    encrypted_pdf = 4
    extraction_failed = 5  # a document was read but a stage failed on it
    some_documents_failed = 6  # the batch finished; some documents are in the errors table
    gold_mismatch = 7  # eval: a gold file has no matching input (or the reverse)


class DeliberationsError(Exception):
    """Base class: a failure on one document (or of the run), with its exit code."""

    exit_code = ExitCode.extraction_failed
    stage = "pipeline"

    def one_line(self) -> str:
        return " ".join(str(self).split())


class InputFileError(DeliberationsError):
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
