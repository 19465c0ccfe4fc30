"""One `delib ingest` at a time per database: a second one waits for the first to finish.

Two ingests into the same database at once would both process the documents neither had
stored yet, and both count them as stored. The batch therefore holds an exclusive ``flock`` on
``<database>-ingest.lock`` (next to SQLite's own ``-wal`` and ``-shm`` files) from its first
look at the database to its last write; the lock goes with the process, however it ends
(``kill -9`` included). A second ingest says that it waits, then runs: it finds what the first
stored unchanged.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-ingest.lock")


@contextlib.contextmanager
def writer_lock(db_path: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the database's ingest lock; ``waiting`` is told (once) when another run holds it."""
    fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"another `delib ingest` is writing to {db_path}; waiting for it to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
