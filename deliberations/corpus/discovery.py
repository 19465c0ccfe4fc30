"""Finding the documents of an archive: files and folders, recursively, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from deliberations.extract import SUPPORTED_SUFFIXES


def discover(paths: Iterable[Path], suffixes: set[str] | None = None) -> Iterator[Path]:
    """Every document under ``paths`` (files given are taken whatever their suffix)."""
    wanted = suffixes or SUPPORTED_SUFFIXES
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in wanted and not child.name.startswith("."):
                    yield child
        else:
            yield path
