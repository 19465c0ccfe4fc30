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

The imports go one way: this module imports the executors (:mod:`.pool`, and :mod:`.cluster` when
asked for), they and the worker import :mod:`.work` (the task, its outcome, the interface), which
imports none of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from deliberations.corpus.pool import ProcessPoolExecutor
from deliberations.corpus.work import (
    Executor,
    Outcome,
    Stop,
    Task,
    WorkSettings,
    peak_rss,
)
from deliberations.errors import MissingDependencyError

__all__ = [
    "EXECUTORS",
    "Executor",
    "Outcome",
    "SerialExecutor",
    "Stop",
    "Task",
    "WorkSettings",
    "default_workers",
    "make_executor",
    "peak_rss",
]

EXECUTORS = ("serial", "process", "dask")


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
        return ProcessPoolExecutor(settings, workers, timeout=timeout, max_memory=max_memory)
    if name == "dask":
        try:  # dask is heavy to import: only for this executor
            from deliberations.corpus.cluster import DaskExecutor
        except ImportError as exc:
            raise MissingDependencyError(
                f"--executor dask needs dask[distributed] ({exc}); run `pip install 'dask[distributed]'`"
            ) from exc
        return DaskExecutor(
            settings, workers, scheduler=scheduler, timeout=timeout, max_memory=max_memory
        )
    raise ValueError(f"unknown executor {name!r}; one of {', '.join(EXECUTORS)}")
