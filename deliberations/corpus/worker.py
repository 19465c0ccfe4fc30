"""What runs inside a worker process: set up once, then one document after the other.

Set-up (:func:`initialize`): one thread for Tesseract and the linear algebra libraries (the
parallelism is the pool's), Ctrl-C left to the batch (which stops the workers itself), death
with the parent on Linux (a worker never outlives a batch killed with SIGKILL), and the pipeline
imported and run on a small text, so that the first document is timed like the others. The spaCy
model is not loaded then: the first document that asks the NER loads it (about 1.3 s of CPU with
the tokenizer's compiled pattern kept, :mod:`deliberations.regex_cache`; 3.6 s without), so a worker
starts reading pages at once, and a batch that never needs the model never loads it.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deliberations.corpus.work import peak_rss
from deliberations.errors import DeliberationsError, ExtractionError

if TYPE_CHECKING:
    from deliberations.schemas.document import DocumentText

# one thread each: N workers on N cores; Tesseract reads OMP_THREAD_LIMIT
WORKER_ENV = {
    "OMP_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
WARM_UP_TEXT = """COMMUNE DE SAINT-EXEMPLE
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 12 mars 2021

Objet : Subvention à l'association Les Amis de l'École

Le Conseil municipal, après en avoir délibéré, décide d'attribuer une subvention de 1 500 €
à l'association Les Amis de l'École (chapitre 65 article 6574).

Adopté à l'unanimité.
"""


def initialize(main_thread: bool = True, warm: bool = True, model: bool = False) -> None:
    """Prepare this process to work on documents (idempotent); ``model``: load the spaCy model
    now (else the first document that needs it does)."""
    os.environ.update(WORKER_ENV)
    if main_thread and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # SIGTERM from the pool: unwind, so temporary folders are removed
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        _die_with_parent()
    if warm:
        warm_up(model=model)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


_warm = False


def warm_up(model: bool = False) -> None:
    """Import the pipeline and run it on a small text (once per process); with ``model``, load
    the spaCy model too (else the first document that needs it does)."""
    global _warm
    if model:
        from deliberations.nlp.model import load_model

        load_model()
    if _warm:
        return
    from deliberations.regex_cache import cached_patterns

    # the rules' patterns, compiled as they are imported and on the first text, are kept between
    # runs (about 0.55 s of the fork server's start-up otherwise)
    with cached_patterns("pipeline"):
        from deliberations.corpus.runner import process
        from deliberations.nlp.model import check_installed

        check_installed()

        with tempfile.TemporaryDirectory(prefix="delib-warm-") as tmp:
            sample = Path(tmp) / "warm-up.txt"
            sample.write_text(WARM_UP_TEXT, encoding="utf-8")
            result = process(sample)
            if result.error is not None and result.error.stage == "setup":
                raise result.error
    _warm = True


def for_the_writer(document: DocumentText | None) -> DocumentText | None:
    """The document as the batch's writer reads it (the pages' text, method, reason, OCR'd
    words and errors: :func:`deliberations.store.store_document`), without what only the rules
    read (the lines' styles, the tables): less to pickle here and to unpickle there."""
    if document is None or not (document.tables or any(p.lines for p in document.pages)):
        return document
    return document.model_copy(
        update={
            "tables": [],
            "pages": [p.model_copy(update={"lines": []}) if p.lines else p for p in document.pages],
        }
    )


def _tell(conn: Connection, message: tuple) -> bool:
    """Send ``message`` to the batch; False when the batch is gone (its end of the pipe closed)."""
    try:
        conn.send(message)
    except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
        return False
    return True


def serve(conn: Connection, settings: Any, tmpdir: str | None = None) -> None:
    """A pool worker: ``(task id, source)`` in, ``("done", task id, Processed, peak rss)`` out."""
    if tmpdir:  # the pool removes it when this worker ends, however it ends
        tempfile.tempdir = tmpdir
        os.environ["TMPDIR"] = tmpdir

    try:
        initialize(warm=getattr(settings, "warm_up", True))
    except DeliberationsError as exc:
        _tell(conn, ("failed", exc))
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, then exit
        _tell(
            conn, ("failed", ExtractionError(f"worker set-up failed: {type(exc).__name__}: {exc}"))
        )
        return
    if not _tell(conn, ("ready", os.getpid(), peak_rss())):
        return  # the batch is gone (killed while this worker was starting): leave quietly
    from deliberations.nlp import model

    # the spaCy model is loaded by the first document that needs it: the pool is told, and does
    # not count those seconds against the document's --timeout
    model.on_load = lambda state: _tell(conn, ("model", state))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message is None:
            os._exit(0)  # nothing to flush: skip tearing down the model
        task_id, source = message
        result = settings.run(source)
        result.document = for_the_writer(result.document)
        try:
            conn.send(("done", task_id, result, peak_rss()))
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # the result would not pickle: report that instead
            result.record = result.document = None
            result.error = ExtractionError(f"{source}: result could not be sent back ({exc})")
            if not _tell(conn, ("done", task_id, result, peak_rss())):
                return
