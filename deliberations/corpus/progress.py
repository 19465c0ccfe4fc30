"""What a batch shows while it runs: a progress bar, log lines, or only its errors.

A reporter hears of every document (stored, skipped, failed); each failure is one line on
stderr, ``error: <path>: <what is wrong and what to do>``, whatever the reporter.

* :class:`LiveReporter`: a rich progress bar on a terminal, with documents/s, pages/s, the time
  left and the errors so far; error lines scroll above it.
* :class:`PlainReporter`: the same figures as a line every so often, when stderr is a file or a
  pipe (a log of an unattended run).
* :class:`QuietReporter` (``--quiet``): error lines only.
* :class:`CallbackReporter`: a ``progress(index, total, path, status)`` function per document.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

ProgressCallback = Callable[[int, int, Path, str], None]
WINDOW_SECONDS = 30.0  # the rates (and so the time left) are those of the last 30 s


class Meter:
    """Counts and rates of a run: documents done, pages, errors, over a sliding window."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.total = 0
        self.done = 0  # stored, skipped or failed
        self.processed = 0  # stored or failed: work done here
        self.pages = 0
        self.errors = 0
        self._window: deque[tuple[float, int, int]] = deque([(self.started, 0, 0)])

    def add(self, pages: int = 0, processed: bool = True, error: bool = False) -> None:
        self.done += 1
        self.processed += processed
        self.pages += pages
        self.errors += error
        now = self.clock()
        self._window.append((now, self.done, self.pages))
        while len(self._window) > 2 and now - self._window[1][0] > WINDOW_SECONDS:
            self._window.popleft()

    def rates(self) -> tuple[float, float]:
        """(documents/s, pages/s) over the window."""
        now = self.clock()
        first_time, first_done, first_pages = self._window[0]
        elapsed = max(now - first_time, 1e-9)
        return (self.done - first_done) / elapsed, (self.pages - first_pages) / elapsed

    def eta(self) -> float | None:
        docs_rate, _ = self.rates()
        if docs_rate <= 0:
            return None
        return max(self.total - self.done, 0) / docs_rate

    def line(self) -> str:
        docs_rate, pages_rate = self.rates()
        eta = self.eta()
        return (
            f"{self.done:,}/{self.total:,} documents, {docs_rate:.1f} documents/s, "
            f"{pages_rate:.1f} pages/s, ETA {format_seconds(eta)}, {self.errors} error(s)"
        )


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Reporter:
    """Base reporter: keeps the meter, prints error lines to ``stream``."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.meter = Meter()

    def start(self, total: int) -> None:
        self.meter.total = total

    def add_total(self, count: int) -> None:
        self.meter.total += count

    def stored(self, key: str, pages: int, status: str) -> None:
        self.meter.add(pages=pages)

    def skipped(self, key: str, reason: str) -> None:
        self.meter.add(processed=False)

    def failed(self, key: str, message: str) -> None:
        self.meter.add(error=True)
        self.error_line(f"error: {message}")

    def worker_memory(self, worker: str, peak_rss: int) -> None:
        """A worker's peak resident memory so far (bytes), reported with each of its documents."""

    def step(self, line: str) -> None:
        """A step of the run after the documents (said unless quiet)."""

    def error_line(self, line: str) -> None:
        print(line, file=self.stream or sys.stderr, flush=True)

    def close(self) -> None:
        pass


class QuietReporter(Reporter):
    """Errors only."""


class PlainReporter(Reporter):
    """A status line every ``interval`` seconds and at the end (stderr is not a terminal)."""

    def __init__(self, stream: TextIO | None = None, interval: float = 10.0) -> None:
        super().__init__(stream)
        self.interval = interval
        self._last = self.meter.started

    def _tick(self) -> None:
        now = self.meter.clock()
        if now - self._last >= self.interval:
            self._last = now
            self.error_line(self.meter.line())

    def stored(self, key: str, pages: int, status: str) -> None:
        super().stored(key, pages, status)
        self._tick()

    def skipped(self, key: str, reason: str) -> None:
        super().skipped(key, reason)
        self._tick()

    def failed(self, key: str, message: str) -> None:
        super().failed(key, message)
        self._tick()

    def close(self) -> None:
        if self.meter.total:
            self.error_line(self.meter.line())

    def step(self, line: str) -> None:
        self.error_line(line)


class LiveReporter(Reporter):
    """A rich progress bar on the terminal."""

    def __init__(self, console: Console | None = None) -> None:
        super().__init__()
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "{task.fields[docs_rate]:>6.1f} docs/s  {task.fields[pages_rate]:>6.1f} pages/s"
            ),
            TextColumn("ETA {task.fields[eta]}"),
            TextColumn("[red]{task.fields[errors]} error(s)"),
            console=self.console,
            transient=False,
        )
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        super().start(total)
        self.progress.start()
        self.task = self.progress.add_task(
            "ingest", total=total, docs_rate=0.0, pages_rate=0.0, eta=format_seconds(None), errors=0
        )

    def add_total(self, count: int) -> None:
        super().add_total(count)
        if self.task is not None:
            self.progress.update(self.task, total=self.meter.total)

    def _update(self) -> None:
        if self.task is None:
            return
        docs_rate, pages_rate = self.meter.rates()
        self.progress.update(
            self.task,
            completed=self.meter.done,
            docs_rate=docs_rate,
            pages_rate=pages_rate,
            eta=format_seconds(self.meter.eta()),
            errors=self.meter.errors,
        )

    def stored(self, key: str, pages: int, status: str) -> None:
        super().stored(key, pages, status)
        self._update()

    def skipped(self, key: str, reason: str) -> None:
        super().skipped(key, reason)
        self._update()

    def failed(self, key: str, message: str) -> None:
        self.meter.add(error=True)
        self.progress.console.print(
            f"error: {message}", markup=False, highlight=False, soft_wrap=True, style="red"
        )
        self._update()

    def close(self) -> None:
        self._update()
        self.progress.stop()

    def step(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False)


class CallbackReporter(Reporter):
    """Calls ``progress(index, total, path, status)`` for each document (and prints errors)."""

    def __init__(self, progress: ProgressCallback, print_errors: bool = False) -> None:
        super().__init__()
        self.progress = progress
        self.print_errors = print_errors

    def _call(self, key: str, status: str) -> None:
        self.progress(self.meter.done, self.meter.total, Path(key), status)

    def stored(self, key: str, pages: int, status: str) -> None:
        super().stored(key, pages, status)
        self._call(key, status)

    def skipped(self, key: str, reason: str) -> None:
        super().skipped(key, reason)
        self._call(key, f"{reason}, skipped")

    def failed(self, key: str, message: str) -> None:
        self.meter.add(error=True)
        if self.print_errors:
            self.error_line(f"error: {message}")
        self._call(key, f"error: {message}")


def reporter_for(quiet: bool, stream: TextIO | None = None) -> Reporter:
    """The reporter for the CLI: quiet, a live bar on a terminal, plain lines otherwise."""
    if quiet:
        return QuietReporter(stream)
    console = Console(stderr=True)
    if console.is_terminal:
        return LiveReporter(console)
    return PlainReporter(stream)
