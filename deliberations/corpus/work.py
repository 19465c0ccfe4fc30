"""The work of a batch as every executor sees it: a task, its outcome, the settings sent to each
worker, and the executor interface.

The executors (:mod:`.executors`: serial and the choice of one; :mod:`.pool`; :mod:`.cluster`)
and the worker process (:mod:`.worker`) import this module; it imports none of them, so the
imports between them go one way only (``tests/test_corpus_imports.py`` checks it). It is light:
the pipeline is imported by whoever runs a document (:meth:`WorkSettings.run`), not here.
"""

from __future__ import annotations

import resource
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from deliberations.corpus.archive import ArchiveLimits
from deliberations.corpus.preflight import DocumentLimits

if TYPE_CHECKING:
    from deliberations.corpus.discovery import Source
    from deliberations.corpus.runner import Processed


@dataclass(frozen=True)
class WorkSettings:
    """The arguments of :func:`process` besides the document (sent once to each worker)."""

    with_tables: bool = True
    limits: DocumentLimits = field(default_factory=DocumentLimits)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    warm_up: bool = True  # load the spaCy model when a worker starts (off only in tests)

    def run(self, source: Source) -> Processed:
        from deliberations.corpus.runner import process  # the worker's import, not the batch's

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
