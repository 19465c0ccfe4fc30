"""Finding the documents of an archive: files, folders (recursively) and zip archives.

The order is stable (paths sorted, a zip's entries sorted by name) so that a batch meets its
documents in the same order every time: of two files with the same content, the first one met
is the one stored, in an interrupted run as in an uninterrupted one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from deliberations.corpus.archive import ArchiveLimits, ZipMember, is_archive, list_members
from deliberations.errors import FolderError, InputFileError

Source = Path | ZipMember


def source_key(source: Source) -> str:
    """What a document is called in the database (`documents.path`, `errors.path`)."""
    return source.key if isinstance(source, ZipMember) else str(source)


def _folder_error(exc: OSError) -> FolderError:
    folder = str(exc.filename)
    error = FolderError(
        f"{folder}: cannot read this folder ({exc.strerror or exc}); the documents "
        "in it were not ingested: check its permissions and run again"
    )
    error.key = folder  # type: ignore[attr-defined]
    return error


def _files_under(folder: Path) -> tuple[list[Path], list[FolderError]]:
    """Every file under ``folder`` (recursively), and the sub-folders that could not be read."""
    errors: list[FolderError] = []
    files = [
        Path(top) / name
        for top, _dirs, names in os.walk(
            folder, onerror=lambda exc: errors.append(_folder_error(exc))
        )
        for name in names
    ]
    return [f for f in files if f.is_file()], errors


def discover(
    paths: Iterable[Path], suffixes: set[str] | None = None
) -> Iterator[Path | FolderError]:
    """Every document file under ``paths`` (files given are taken whatever their suffix), in a
    stable order; a folder that cannot be read is its :class:`FolderError` (after the files)."""
    wanted = suffixes or _supported()
    for path in paths:
        if path.is_dir():
            files, errors = _files_under(path)
            for child in sorted(files):
                if child.suffix.lower() in wanted and not child.name.startswith("."):
                    yield child
            yield from sorted(errors, key=str)
        else:
            yield path


def discover_sources(
    paths: Iterable[Path],
    limits: ArchiveLimits | None = None,
    suffixes: set[str] | None = None,
) -> Iterator[Source | InputFileError]:
    """Every document under ``paths``, zip archives opened; a refused zip entry or an unreadable
    folder is its error."""
    wanted = suffixes or _supported()
    limits = limits or ArchiveLimits()
    for path in discover(paths, wanted | {".zip"}):
        if isinstance(path, FolderError):
            yield path
        elif is_archive(path):
            yield from list_members(path, wanted, limits)
        else:
            yield path


def _supported() -> set[str]:
    # imported here: the batch's own process finds documents without the extract stage's
    # libraries (the workers import them)
    from deliberations.extract import SUPPORTED_SUFFIXES

    return SUPPORTED_SUFFIXES
