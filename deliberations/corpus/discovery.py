"""Finding the documents of an archive: files, folders (recursively) and zip archives.

The order is stable (paths sorted, a zip's entries sorted by name) so that a batch meets its
documents in the same order every time: of two files with the same content, the first one met
is the one stored, in an interrupted run as in an uninterrupted one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from deliberations.corpus.archive import ArchiveLimits, ZipMember, is_archive, list_members
from deliberations.errors import ArchiveError
from deliberations.extract import SUPPORTED_SUFFIXES

Source = Path | ZipMember


def source_key(source: Source) -> str:
    """What a document is called in the database (`documents.path`, `errors.path`)."""
    return source.key if isinstance(source, ZipMember) else str(source)


def discover(paths: Iterable[Path], suffixes: set[str] | None = None) -> Iterator[Path]:
    """Every document file under ``paths`` (files given are taken whatever their suffix)."""
    wanted = suffixes or SUPPORTED_SUFFIXES
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in wanted and not child.name.startswith("."):
                    yield child
        else:
            yield path


def discover_sources(
    paths: Iterable[Path],
    limits: ArchiveLimits | None = None,
    suffixes: set[str] | None = None,
) -> Iterator[Source | ArchiveError]:
    """Every document under ``paths``, zip archives opened; a refused zip entry is its error."""
    wanted = suffixes or SUPPORTED_SUFFIXES
    limits = limits or ArchiveLimits()
    for path in discover(paths, wanted | {".zip"}):
        if is_archive(path):
            yield from list_members(path, wanted, limits)
        else:
            yield path
