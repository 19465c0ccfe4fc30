"""The per-document work on a Dask distributed cluster; the results come back to the writer.

``--executor dask --scheduler tcp://host:8786`` sends :func:`run_task` (which calls
:func:`deliberations.corpus.runner.process`) to the cluster's workers; without ``--scheduler`` a
``LocalCluster`` of ``--workers`` processes is started here. Each worker loads the spaCy model
once, when it joins (:class:`WarmUp`, a worker plugin, run again on a restarted worker). Only a
window of documents is in flight at a time (four per worker thread), so a million-document
batch never holds a million futures. Paths are sent, not bytes: the workers must see the archive
at the same path as the machine running ``delib ingest`` (a shared filesystem).

Limits: a document past ``--timeout`` is reported as timed out, and its worker restarted (a
thread cannot be stopped, a worker process can). Memory is the workers' own business: start
them with ``dask worker --memory-limit``; a document whose worker dies
``distributed.scheduler.allowed-failures`` times is reported as :class:`WorkerCrashedError`.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker, wait
from distributed.client import Future

from deliberations.corpus.discovery import Source
from deliberations.corpus.runner import Processed
from deliberations.corpus.work import Executor, Outcome, Stop, Task, WorkSettings, peak_rss
from deliberations.corpus.worker import WORKER_ENV, initialize
from deliberations.errors import (
    DeliberationsError,
    DocumentTimeoutError,
    ExtractionError,
    MissingDependencyError,
    WorkerCrashedError,
)

log = logging.getLogger("deliberations.ingest")
POLL_SECONDS = 0.2
TASKS_PER_THREAD = 4


class WarmUp(WorkerPlugin):
    """Run on each worker as it joins: one thread for Tesseract, the model loaded."""

    name = "deliberations-warm-up"

    def setup(self, worker: Any) -> None:
        initialize(main_thread=False, model=True)  # a cluster's workers stay: load it now


def run_task(
    source: Source, settings: WorkSettings, timeout: float | None
) -> tuple[Processed, str, int]:
    """On a worker: process one document; (result, this worker's address, its peak memory)."""
    address = _worker_address()
    if timeout is None:
        return settings.run(source), address, peak_rss()
    box: dict[str, Processed] = {}
    thread = threading.Thread(
        target=lambda: box.setdefault("result", settings.run(source)),
        name="delib-document",
        daemon=True,
    )
    thread.start()
    thread.join(timeout)
    if "result" in box:
        return box["result"], address, peak_rss()
    key = source.key if hasattr(source, "key") else str(source)
    error = DocumentTimeoutError(
        f"{key}: still running after {timeout:g}s (--timeout); its Dask worker is restarted. "
        f"Check the file, or raise --timeout"
    )
    return Processed(Path(key), None, error=error), address, peak_rss()


def _worker_address() -> str:
    try:
        return str(get_worker().address)
    except ValueError:  # not on a worker (tests calling run_task directly)
        return f"pid:{os.getpid()}"


class DaskExecutor(Executor):
    name = "dask"

    def __init__(
        self,
        settings: WorkSettings,
        workers: int,
        *,
        scheduler: str | None = None,
        timeout: float | None = None,
        max_memory: int | None = None,
    ) -> None:
        super().__init__(settings, workers)
        self.scheduler = scheduler
        self.timeout = timeout
        self.max_memory = max_memory
        self.client: Client | None = None
        self.cluster: LocalCluster | None = None
        self.ready_at: float | None = None
        self._ids = itertools.count(1)

    def __enter__(self) -> DaskExecutor:
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    memory_limit=self.max_memory or "auto",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                    env=_worker_env(),
                )
                self.client = Client(self.cluster)
        except OSError as exc:
            self.close()
            raise MissingDependencyError(
                f"cannot reach the Dask scheduler {self.scheduler}: {exc}; start it with "
                f"`dask scheduler` and its workers with `dask worker {self.scheduler}`"
            ) from exc
        self.client.register_plugin(WarmUp(), name=WarmUp.name)  # returns once set up on all
        self.workers = self._threads()
        self.ready_at = time.monotonic()
        return self

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
        self.client = self.cluster = None

    def _threads(self) -> int:
        assert self.client is not None
        threads = self.client.nthreads()
        return max(1, sum(threads.values())) if threads else self.workers

    def run(self, tasks: Iterable[Task], stop: Stop) -> Iterator[Outcome]:
        assert self.client is not None, "use the executor as a context manager"
        pending = iter(tasks)
        in_flight: dict[Future, Task] = {}
        exhausted = False
        while not stop():
            window = TASKS_PER_THREAD * self._threads()
            while not exhausted and len(in_flight) < window:
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                future = self.client.submit(
                    run_task,
                    task.source,
                    self.settings,
                    self.timeout,
                    pure=False,
                    key=f"delib-document-{next(self._ids)}",
                )
                in_flight[future] = task
            if not in_flight:
                return
            try:
                done, _ = wait(list(in_flight), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            except TimeoutError:
                continue
            for future in done:
                yield self._collect(future, in_flight.pop(future))
        for future in in_flight:
            future.cancel()

    def _collect(self, future: Future, task: Task) -> Outcome:
        try:
            result, address, peak = future.result()
        except Exception as exc:  # the worker died (KilledWorker) or the task could not run
            name = type(exc).__name__
            error: DeliberationsError = (
                WorkerCrashedError(
                    f"{task.key}: its Dask workers died on it ({exc}); the file "
                    f"may be malformed or need more than the workers' memory"
                )
                if name == "KilledWorker"
                else ExtractionError(f"{task.key}: {name} on the cluster: {exc}")
            )
            return Outcome(task, Processed(Path(task.key), task.sha256, error=error), worker="?")
        if isinstance(result.error, DocumentTimeoutError) and not address.startswith("pid:"):
            self._restart(address)
        return Outcome(task, result, worker=address, peak_rss=peak)

    def _restart(self, address: str) -> None:
        assert self.client is not None
        try:
            self.client.restart_workers([address], raise_for_error=False)
        except Exception as exc:  # an unmanaged worker (no nanny) cannot be restarted
            log.warning("could not restart Dask worker %s after a timeout: %s", address, exc)


def _worker_env() -> dict[str, str]:
    return dict(WORKER_ENV)
