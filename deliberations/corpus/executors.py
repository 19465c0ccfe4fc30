"""Where the per-document work runs, behind one small interface (as OCRmyPDF's executors).

An executor takes the batch's tasks one at a time, runs :func:`deliberations.corpus.runner.process`
on each wherever it runs (this process, a pool of worker processes, a Dask cluster), and hands
the outcomes back, in the order they finish, to the batch's single writer::

    with make_executor("process", settings, workers=4) as executor:
        for outcome in executor.run(tasks, stop=interrupted):
            write(outcome)

``run`` pulls the next task only when a worker is free, so a lazy iterator of tasks (hashing
and skipping as it goes) is never read far ahead. It returns early, leaving tasks unread and
the outcomes of documents in progress unreported, as soon as ``stop()`` is true: what was not
reported was not written, and the next run does it again.
"""

from __future__ import annotations

import os
import resource
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Self

from deliberations.corpus.archive import ArchiveLimits
from deliberations.corpus.discovery import Source
from deliberations.corpus.preflight import DocumentLimits
from deliberations.corpus.runner import Processed

EXECUTORS = ("serial", "process", "dask")


@dataclass(frozen=True)
class WorkSettings:
    """The arguments of :func:`process` besides the document (sent once to each worker)."""

    with_tables: bool = True
    limits: DocumentLimits = field(default_factory=DocumentLimits)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    warm_up: bool = True  # load the spaCy model when a worker starts (off only in tests)

    def run(self, source: Source) -> Processed:
        from deliberations.corpus.runner import process

        return process(
            source,
            with_tables=self.with_tables,
            limits=self.limits,
            archive_limits=self.archive_limits,
        )


@dataclass(frozen=True)
class Task:
    """One document to process: its name in the database, where to read it, its sha256."""

    key: str
    source: Source
    sha256: str | None = None


@dataclass
class Outcome:
    task: Task
    result: Processed
    worker: str = "main"  # which worker did it (a pid, a Dask worker address)
    peak_rss: int | None = None  # the worker's peak resident memory so far, in bytes


Stop = Callable[[], bool]


class Executor(ABC):
    """Runs tasks somewhere; a context manager that starts and stops its workers."""

    name = "executor"

    def __init__(self, settings: WorkSettings, workers: int = 1) -> None:
        self.settings = settings
        self.workers = max(1, workers)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Stop the workers (those busy are killed: their documents were not reported)."""

    @abstractmethod
    def run(self, tasks: Iterable[Task], stop: Stop) -> Iterator[Outcome]:
        """Process ``tasks``, yielding each outcome as it finishes."""


def peak_rss() -> int:
    """This process's peak resident memory, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class SerialExecutor(Executor):
    """In this process, one document after the other: no timeout or memory limit (debugging)."""

    name = "serial"

    def run(self, tasks: Iterable[Task], stop: Stop) -> Iterator[Outcome]:
        for task in tasks:
            if stop():
                return
            result = self.settings.run(task.source)
            yield Outcome(task, result, worker=str(os.getpid()), peak_rss=peak_rss())


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_executor(
    name: str,
    settings: WorkSettings,
    *,
    workers: int | None = None,
    timeout: float | None = None,
    max_memory: int | None = None,
    scheduler: str | None = None,
) -> Executor:
    """The executor called ``name`` (one of :data:`EXECUTORS`)."""
    workers = workers or default_workers()
    if name == "serial":
        return SerialExecutor(settings, 1)
    if name == "process":
        from deliberations.corpus.pool import ProcessPoolExecutor

        return ProcessPoolExecutor(settings, workers, timeout=timeout, max_memory=max_memory)
    if name == "dask":
        try:
            from deliberations.corpus.cluster import DaskExecutor
        except ImportError as exc:
            from deliberations.errors import MissingDependencyError

            raise MissingDependencyError(
                f"--executor dask needs dask[distributed] ({exc}); run `pip install 'dask[distributed]'`"
            ) from exc
        return DaskExecutor(
            settings, workers, scheduler=scheduler, timeout=timeout, max_memory=max_memory
        )
    raise ValueError(f"unknown executor {name!r}; one of {', '.join(EXECUTORS)}")
