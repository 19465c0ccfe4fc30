"""SIGINT and SIGTERM stop a batch between two documents, never in the middle of a write.

The first signal sets a flag that the batch reads between documents: it stops handing out
work, kills the workers (their documents were not written, the next run does them) and exits
with :attr:`ExitCode.interrupted`. A second signal raises ``KeyboardInterrupt`` at once; a
document being written is then rolled back, whole. SIGKILL cannot be caught: SQLite's WAL
journal rolls back the transaction it cut, the next time the database is opened.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType

log = logging.getLogger("deliberations.ingest")
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopFlag:
    def __init__(self) -> None:
        self.signal: int | None = None

    def __call__(self) -> bool:
        return self.signal is not None

    def request(self, signum: int) -> None:
        self.signal = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    """A :class:`StopFlag` set by SIGINT / SIGTERM while the block runs (main thread only)."""
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if flag():
            raise KeyboardInterrupt
        log.warning(
            "%s received: stopping after the document being written", signal.Signals(signum).name
        )
        flag.request(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield flag
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
