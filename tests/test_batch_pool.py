"""The process pool: every task back once, and a worker's timeout, crash or memory costs one task.

The work here is a stand-in (no model loaded, no PDF read): its behaviour is chosen by the file
name, so each failure can be produced on purpose.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from deliberations.corpus.discovery import Source
from deliberations.corpus.executors import SerialExecutor, Task, WorkSettings, make_executor
from deliberations.corpus.pool import ProcessPoolExecutor
from deliberations.corpus.runner import Processed
from deliberations.errors import DocumentTimeoutError, MemoryLimitError, WorkerCrashedError


@dataclass(frozen=True)
class StandIn(WorkSettings):
    """``sleep*`` sleeps, ``crash*`` exits, ``hog*`` holds 600 MB, anything else is done at once."""

    warm_up: bool = False

    def run(self, source: Source) -> Processed:
        name = Path(str(source)).name
        if name.startswith("sleep"):
            time.sleep(60)
        elif name.startswith("crash"):
            os._exit(3)
        elif name.startswith("hog"):
            hog = bytearray(600 << 20)
            for i in range(0, len(hog), 4096):
                hog[i] = 1
            time.sleep(60)
        return Processed(Path(str(source)), "0" * 64, seconds={"extract": 0.001})


def _tasks(*names: str) -> list[Task]:
    return [Task(name, Path(name), "0" * 64) for name in names]


def _run(executor, tasks: list[Task]) -> dict[str, Processed]:
    with executor:
        return {o.task.key: o.result for o in executor.run(tasks, stop=lambda: False)}


def test_every_task_comes_back_once() -> None:
    names = [f"doc{i:02d}.pdf" for i in range(40)]
    results = _run(ProcessPoolExecutor(StandIn(), 2), _tasks(*names))
    assert sorted(results) == names
    assert all(r.ok for r in results.values())


def test_a_document_past_the_timeout_is_reported_and_the_pool_goes_on() -> None:
    started = time.monotonic()
    results = _run(
        ProcessPoolExecutor(StandIn(), 2, timeout=1.0),
        _tasks("a.pdf", "sleep.pdf", "b.pdf", "c.pdf", "d.pdf"),
    )
    assert time.monotonic() - started < 30
    assert isinstance(results["sleep.pdf"].error, DocumentTimeoutError)
    assert "--timeout" in results["sleep.pdf"].error.one_line()
    assert all(results[n].ok for n in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"))


def test_a_worker_that_dies_costs_its_document_only() -> None:
    results = _run(
        ProcessPoolExecutor(StandIn(), 2), _tasks("a.pdf", "crash.pdf", "b.pdf", "c.pdf")
    )
    error = results["crash.pdf"].error
    assert isinstance(error, WorkerCrashedError) and "exit code 3" in str(error)
    assert all(results[n].ok for n in ("a.pdf", "b.pdf", "c.pdf"))


def test_a_worker_over_the_memory_limit_is_stopped() -> None:
    results = _run(
        ProcessPoolExecutor(StandIn(), 1, max_memory=400 << 20, timeout=30),
        _tasks("hog.pdf", "a.pdf"),
    )
    assert isinstance(results["hog.pdf"].error, MemoryLimitError)
    assert "--max-memory" in str(results["hog.pdf"].error)
    assert results["a.pdf"].ok


def test_a_stop_request_ends_the_run_without_reporting_unfinished_work() -> None:
    outcomes = []
    with ProcessPoolExecutor(StandIn(), 2) as pool:
        for outcome in pool.run(
            _tasks("a.pdf", "sleep1.pdf", "sleep2.pdf", "b.pdf"), stop=lambda: len(outcomes) >= 1
        ):
            outcomes.append(outcome)
    assert [o.task.key for o in outcomes] == ["a.pdf"]


def test_the_serial_executor_runs_in_this_process() -> None:
    with SerialExecutor(StandIn()) as serial:
        outcomes = list(serial.run(_tasks("a.pdf", "b.pdf"), stop=lambda: False))
    assert [o.worker for o in outcomes] == [str(os.getpid())] * 2


def test_unknown_executor() -> None:
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("threads", StandIn())
