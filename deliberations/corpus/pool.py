"""A pool of worker processes that survives its documents: timeouts, memory limit, crashes.

Each worker (spawned, see :mod:`deliberations.corpus.worker`) has its own pipe and works on one
document at a time, so the pool always knows which document a worker is on. A worker still on
a document after ``timeout`` seconds, or whose resident memory goes over ``max_memory``, is killed
and replaced, and that document alone gets the error (:class:`DocumentTimeoutError`,
:class:`MemoryLimitError`); a worker that dies by itself (a crash in a C library, the kernel's
OOM killer) costs only its document too (:class:`WorkerCrashedError`). The standard library's
pools cannot do this: ``concurrent.futures`` breaks whole when a worker dies and cannot stop a
running task; ``multiprocessing.Pool`` loses the task of a worker that dies.

A worker that keeps more than three quarters of ``max_memory`` once a document is done is
replaced between documents rather than killed in the middle of one.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

import psutil

from deliberations.corpus import worker
from deliberations.corpus.runner import Processed
from deliberations.corpus.work import Executor, Outcome, Stop, Task, WorkSettings
from deliberations.errors import (
    DeliberationsError,
    DocumentTimeoutError,
    MemoryLimitError,
    WorkerCrashedError,
)

log = logging.getLogger("deliberations.ingest")
POLL_SECONDS = 0.1  # how often busy workers' memory and deadlines are checked
RECYCLE_SHARE = 0.75  # of max_memory, kept between documents: replace the worker
MAX_START_FAILURES = 3


@dataclass
class _Slot:
    index: int
    process: BaseProcess
    conn: Connection
    tmpdir: str
    ready: bool = False
    task: Task | None = None
    task_id: int = 0
    started: float = 0.0
    done: int = 0
    checked: float = 0.0  # when its memory was last read
    ps: psutil.Process | None = None
    loading_since: float | None = None  # loading the spaCy model (not counted in the timeout)

    @property
    def pid(self) -> int:
        return self.process.pid or 0


class ProcessPoolExecutor(Executor):
    name = "process"

    def __init__(
        self,
        settings: WorkSettings,
        workers: int,
        *,
        timeout: float | None = None,
        max_memory: int | None = None,
    ) -> None:
        super().__init__(settings, workers)
        self.timeout = timeout
        self.max_memory = max_memory
        self._context = _context()
        self._slots: list[_Slot] = []
        self._ids = itertools.count(1)
        self._start_failures = 0
        self.ready_at: float | None = None  # when every worker had loaded the model

    # ------------------------------------------------------------------ workers

    def __enter__(self) -> ProcessPoolExecutor:
        self._slots = [self._spawn(i) for i in range(self.workers)]
        return self

    def _spawn(self, index: int) -> _Slot:
        parent_end, child_end = self._context.Pipe(duplex=True)
        # the worker's temporary files (zip entries, OCR images) go here: removed when it ends,
        # even when it is killed
        tmpdir = tempfile.mkdtemp(prefix=f"delib-worker-{index}-")
        process = self._context.Process(
            target=worker.serve,
            args=(child_end, self.settings, tmpdir),
            name=f"delib-worker-{index}",
            daemon=True,
        )
        with _environment(worker.WORKER_ENV):
            process.start()
        child_end.close()
        return _Slot(index, process, parent_end, tmpdir)

    def _replace(self, slot: _Slot, kill: bool) -> None:
        _stop_process(slot, kill=kill)
        self._slots[slot.index] = self._spawn(slot.index)

    def close(self) -> None:
        """Idle workers are asked to exit, busy ones terminated; all at once, then waited for."""
        for slot in self._slots:  # a worker still loading the model would not read the pipe
            _ask_to_stop(slot, kill=slot.task is not None or not slot.ready)
        for slot in self._slots:
            _reap(slot)
        self._slots = []

    # --------------------------------------------------------------------- run

    def run(self, tasks: Iterable[Task], stop: Stop) -> Iterator[Outcome]:
        pending = iter(tasks)
        exhausted = False

        def feed(slot: _Slot) -> None:
            nonlocal exhausted
            # no document before every worker has loaded the model: the timing is the work's
            if exhausted or self.ready_at is None or not slot.ready or slot.task is not None:
                return
            task = next(pending, None)
            if task is None:
                exhausted = True
                return
            slot.task, slot.task_id, slot.started = task, next(self._ids), time.monotonic()
            slot.conn.send((slot.task_id, task.source))

        while not stop():
            for slot in self._slots:
                feed(slot)
            if exhausted and all(s.task is None for s in self._slots):
                return
            outcomes: list[Outcome] = []
            handles = {s.conn: s for s in self._slots} | {
                s.process.sentinel: s for s in self._slots
            }
            for handle in wait(list(handles), timeout=POLL_SECONDS):
                slot = handles[handle]
                if self._slots[slot.index] is not slot:
                    continue  # replaced while handling an earlier handle
                if handle is slot.conn:
                    outcomes.extend(self._receive(slot))
                elif not slot.process.is_alive():
                    outcomes.extend(self._died(slot))
                if self._slots[slot.index].ready:
                    feed(self._slots[slot.index])  # the worker back at work before the write
            outcomes.extend(self._watch())
            for slot in self._slots:
                feed(slot)
            yield from outcomes

    def _receive(self, slot: _Slot) -> list[Outcome]:
        try:
            message = slot.conn.recv()
        except (EOFError, OSError):
            slot.process.join(1)
            return self._died(slot)
        kind = message[0]
        if kind == "ready":
            slot.ready = True
            self._start_failures = 0
            if self.ready_at is None and all(s.ready for s in self._slots):
                self.ready_at = time.monotonic()
                log.info("%d worker(s) ready", len(self._slots))
            return []
        if kind == "failed":
            error: DeliberationsError = message[1]
            raise error
        if kind == "model":  # the worker loads the spaCy model for its document
            now = time.monotonic()
            if message[1] == "loading":
                slot.loading_since = now
            elif slot.loading_since is not None:
                slot.started += now - slot.loading_since
                slot.loading_since = None
            return []
        _, task_id, result, peak = message
        task = slot.task
        if task is None or task_id != slot.task_id:
            return []
        slot.task = None
        slot.done += 1
        outcome = Outcome(task, result, worker=str(slot.pid), peak_rss=peak)
        if self.max_memory and (rss := _rss(slot)) > RECYCLE_SHARE * self.max_memory:
            log.info("worker %s keeps %d MiB after a document: replaced", slot.pid, rss >> 20)
            self._replace(slot, kill=False)
        return [outcome]

    def _died(self, slot: _Slot) -> list[Outcome]:
        task = slot.task
        code = slot.process.exitcode
        self._replace(slot, kill=True)
        if task is None:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise WorkerCrashedError(
                    f"workers die while starting (exit code {code}); run `delib ingest "
                    f"--executor serial` on one file to see why"
                )
            return []
        error = WorkerCrashedError(
            f"{task.key}: the worker died on this document ({_describe_exit(code)}); "
            f"the file may be malformed: check it with `qpdf --check`"
        )
        return [_failed(task, error, slot)]

    def _watch(self) -> list[Outcome]:
        """Kill the workers past their deadline or over the memory limit."""
        outcomes = []
        now = time.monotonic()
        for slot in list(self._slots):
            task = slot.task
            if task is None:
                continue
            error: DeliberationsError | None = None
            if (
                self.timeout is not None
                and slot.loading_since is None
                and now - slot.started > self.timeout
            ):
                error = DocumentTimeoutError(
                    f"{task.key}: still running after {self.timeout:g}s (--timeout); the worker "
                    f"was stopped. Check the file, or raise --timeout"
                )
            elif (
                self.max_memory is not None
                and now - slot.checked >= POLL_SECONDS
                and (rss := _rss(slot)) > self.max_memory
            ):
                error = MemoryLimitError(
                    f"{task.key}: the worker's memory reached {rss >> 20:,} MiB, over --max-memory "
                    f"({self.max_memory >> 20:,} MiB); the worker was stopped"
                )
            if error is not None:
                log.warning("%s", error.one_line())
                outcomes.append(_failed(task, error, slot))
                slot.task = None
                self._replace(slot, kill=True)
        return outcomes


def _context() -> mp.context.BaseContext:
    """Fork server where there is one (the model loaded once, shared), spawn elsewhere.

    Never plain fork: the batch process runs threads (hashing, the progress bar).
    """
    if "forkserver" in mp.get_all_start_methods():
        context = mp.get_context("forkserver")
        context.set_forkserver_preload(["deliberations.corpus.preload"])
        return context
    return mp.get_context("spawn")


def start_server() -> None:
    """Start the fork server now, so that its imports run while the batch finds its documents
    and opens its database (the workers are forked from it once it is ready)."""
    if _context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with _environment(worker.WORKER_ENV):  # read by the libraries the server imports
        forkserver.ensure_running()


def _failed(task: Task, error: DeliberationsError, slot: _Slot) -> Outcome:
    return Outcome(task, Processed(Path(task.key), task.sha256, error=error), worker=str(slot.pid))


def _rss(slot: _Slot) -> int:
    slot.checked = time.monotonic()
    try:
        if slot.ps is None:
            slot.ps = psutil.Process(slot.pid)
        return slot.ps.memory_info().rss
    except (psutil.Error, ValueError):
        return 0


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit code"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def _stop_process(slot: _Slot, kill: bool) -> None:
    _ask_to_stop(slot, kill)
    _reap(slot)


def _ask_to_stop(slot: _Slot, kill: bool) -> None:
    if not slot.process.is_alive():
        return
    if kill:  # SIGKILL: a worker stuck in C code would not see a SIGTERM before it returns
        with contextlib.suppress(psutil.Error):  # and its children (Tesseract) with it
            for child in psutil.Process(slot.pid).children(recursive=True):
                child.kill()
        slot.process.kill()
    else:
        with contextlib.suppress(OSError):
            slot.conn.send(None)


def _reap(slot: _Slot, grace: float = 3.0) -> None:
    slot.process.join(grace)
    if slot.process.is_alive():
        slot.process.kill()
        slot.process.join(2)
    slot.conn.close()
    shutil.rmtree(slot.tmpdir, ignore_errors=True)


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` set in os.environ while a worker is spawned (it inherits them from birth)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
