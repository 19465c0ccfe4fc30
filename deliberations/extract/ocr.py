"""OCR of scanned pages: render with pypdfium2, clean up, read with Tesseract (fra).

A page is rendered in memory at 300 dpi in grayscale (pypdfium2 takes milliseconds where
pdftoppm takes most of a second), cleaned of specks by a 3×3 median filter, and read by
Tesseract 5 with the French model through pytesseract, keeping every word's box and
confidence. Pages go in parallel, each in a Tesseract process of its own run with
``OMP_THREAD_LIMIT=1``, since Tesseract's OpenMP threads fight over the cores and made it
several times slower per page (4.5 s instead of 1.06 s on a page here). The choices were
measured on scans of the dev documents (``bench/bench_ocr.py``, 2 cores):

* the 3×3 median filter: character error rate on degraded scans 4.7% without, 2.8% with
  (psm 3); with OpenCV it costs 4 ms a page;
* ``--psm 3``: as accurate as ``--psm 6`` (2.8%) but it drops the text under a stamp or a
  signature where psm 6 reads it as garbage ("W@URRIEParfe"), and a missing word is better
  than a wrong one; psm 4 was worse (6.9%);
* no deskew: a projection-profile deskew found the ±2° angles but Tesseract 5 reads such
  pages as well without it (CER not better, worse on several pages);
* no ruling-line removal: it helped a clean table page, and hurt degraded ones.

Words come back in Tesseract's reading order with their block, paragraph and line
(``block_num``, ``par_num``, ``line_num`` of its TSV); :mod:`deliberations.extract.ocr_layout`
turns them into page text (columns kept apart, table rows kept whole, stamps set aside).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from deliberations.schemas.document import BBox

LANG = "fra"
DPI = 300
PSM = 3  # fully automatic page segmentation (see above)
PAGE_TIMEOUT = 300  # seconds Tesseract may spend on one page before it is recorded as failed
# An amount or imputation whose digits were read with a confidence below this is not trusted
# (``DocumentText.span_confidence(start, end, digits=True) < LOW_CONFIDENCE``): a wrong digit is
# worse than a missing value. bench/bench_ocr.py aligns every OCR'd number with the source: below
# 0.80 the wrong ones pile up (0.75 keeps 20 wrong of 964, 0.50 keeps 33), above it the gain is
# small for the recall lost (0.80: 15 wrong of 954 kept, 97.2% of the right ones kept; 0.90: 12
# wrong, 93.8% kept).
LOW_CONFIDENCE = 0.80
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-fra"
WORKERS_ENV = "DELIB_OCR_WORKERS"


@dataclass(frozen=True)
class OcrSettings:
    """How pages are read; the defaults are the measured best."""

    dpi: int = DPI
    psm: int = PSM
    lang: str = LANG
    median: bool = True  # 3×3 median filter against speckle
    tesseract_cmd: str = ""  # empty: pytesseract's (``tesseract`` on the PATH)

    def command(self) -> str:
        return self.tesseract_cmd or pytesseract.pytesseract.tesseract_cmd


@dataclass(frozen=True)
class RawWord:
    """A word as Tesseract returned it, with its place in the page's layout."""

    text: str
    confidence: float  # 0..1
    bbox: BBox  # PDF points from the page's top-left corner
    block: int  # Tesseract's block_num
    line: int  # running number of the line on the page (reading order)
    par: int = 0  # Tesseract's par_num within the block (0: unknown)


@dataclass
class OcrPage:
    """What OCR made of one page (``error`` set when it could not be read)."""

    index: int  # 0-based
    words: list[RawWord] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None


# --------------------------------------------------------------------------- Tesseract


def tesseract_problem(settings: OcrSettings | None = None) -> str | None:
    """Why OCR cannot run here (one line saying what to install), or None when it can."""
    settings = settings or OcrSettings()
    command = settings.command()
    if shutil.which(command) is None:
        return (
            f"Tesseract OCR is not installed ({command!r} not found), so scanned pages "
            f"cannot be read; install it: {INSTALL_HINT}"
        )
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract OCR does not run ({exc}); reinstall it: {INSTALL_HINT}"
    if settings.lang not in {line.strip() for line in listed.splitlines()}:
        return (
            f"Tesseract has no {settings.lang!r} language model, so scanned pages cannot "
            f"be read; install it: {INSTALL_HINT}"
        )
    return None


def render_page(pdf: pdfium.PdfDocument, index: int, dpi: int = DPI) -> Image.Image:
    """One page rendered in memory, grayscale, at ``dpi`` (annotations such as stamps included)."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True, no_smoothimage=True)
        return bitmap.to_pil().convert("L")
    finally:
        page.close()


def render(path: Path | str, index: int, dpi: int = DPI) -> Image.Image:
    """One page of a PDF file rendered in memory, grayscale, at ``dpi``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return render_page(pdf, index, dpi)
    finally:
        pdf.close()


def median3(image: Image.Image) -> Image.Image:
    """3×3 median filter: removes isolated specks and keeps strokes (OpenCV: a few ms a page)."""
    return Image.fromarray(cv2.medianBlur(np.asarray(image, dtype=np.uint8), 3))


def preprocess(image: Image.Image, settings: OcrSettings) -> Image.Image:
    """The clean-up measured to help: a 3×3 median filter."""
    return median3(image) if settings.median else image


def read_words(image: Image.Image, settings: OcrSettings) -> list[RawWord]:
    """Tesseract's words on a page image, in reading order, boxes in PDF points."""
    image.format = "BMP"  # pytesseract writes the image to a file: BMP costs nothing to encode
    data = pytesseract.image_to_data(
        image,
        lang=settings.lang,
        config=f"--psm {settings.psm} --dpi {settings.dpi}",
        output_type=pytesseract.Output.DICT,
        timeout=PAGE_TIMEOUT,
    )
    scale = 72 / settings.dpi
    words: list[RawWord] = []
    line_keys: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if int(data["level"][i]) != 5 or conf < 0 or not text.strip():
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        line = line_keys.setdefault(key, len(line_keys))
        left, top = int(data["left"][i]), int(data["top"][i])
        right, bottom = left + int(data["width"][i]), top + int(data["height"][i])
        words.append(
            RawWord(
                text=text.strip(),
                confidence=round(conf / 100, 4),
                bbox=(
                    round(left * scale, 2),
                    round(top * scale, 2),
                    round(right * scale, 2),
                    round(bottom * scale, 2),
                ),
                block=key[0],
                line=line,
                par=key[1],
            )
        )
    return words


def read_image(image: Image.Image, index: int, settings: OcrSettings = OcrSettings()) -> OcrPage:
    """Clean up and read one rendered page; a failure is returned in ``error``, not raised."""
    result = OcrPage(index=index)
    try:
        clock = time.perf_counter()
        image = preprocess(image, settings)
        result.seconds["preprocess"] = time.perf_counter() - clock
        clock = time.perf_counter()
        result.words = read_words(image, settings)
        result.seconds["tesseract"] = time.perf_counter() - clock
    except pytesseract.TesseractNotFoundError:
        result.error = f"Tesseract OCR is not installed; install it: {INSTALL_HINT}"
    except (pytesseract.TesseractError, RuntimeError, OSError) as exc:
        message = " ".join(str(exc).split())
        result.error = f"OCR failed on page {index + 1}: {type(exc).__name__}: {message}"
    return result


def ocr_page(path: Path | str, index: int, settings: OcrSettings = OcrSettings()) -> OcrPage:
    """Render, clean up and read one page of a PDF."""
    return ocr_pages(path, [index], settings, workers=1)[0]


# ---------------------------------------------------------------------------- parallel


def default_workers() -> int:
    """Pages read at once: ``$DELIB_OCR_WORKERS``, else the cores this process may use.

    Inside a batch's worker process (a daemon) it is 1: the batch already keeps every core
    busy with one document per worker.
    """
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if multiprocessing.current_process().daemon:
        return 1
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return max(os.cpu_count() or 1, 1)


def ocr_pages(
    path: Path | str,
    indexes: Sequence[int],
    settings: OcrSettings = OcrSettings(),
    workers: int | None = None,
) -> list[OcrPage]:
    """OCR of the 0-based pages ``indexes`` of a PDF, ``workers`` Tesseract processes at once."""
    stream = ocr_documents([(path, indexes)], settings, workers)
    try:
        return next(stream)[1]
    finally:
        stream.close()


def ocr_documents(
    jobs: Iterable[tuple[Path | str, Sequence[int]]],
    settings: OcrSettings = OcrSettings(),
    workers: int | None = None,
) -> Iterator[tuple[Path | str, list[OcrPage]]]:
    """OCR of many documents' pages as one stream: ``(path, pages)`` per job, in job order.

    The parallel work is Tesseract's, and each Tesseract is a process of its own
    (``OMP_THREAD_LIMIT=1``): threads here only start them and wait, so they need no process
    pool (whose workers a batch's daemon processes could not start, and which would re-import
    the caller's main module). Pages are rendered in the calling thread, pdfium not being
    thread-safe, at most two per worker ahead of Tesseract, and the next document's first pages
    are rendered while the last pages of the one before are still being read: no Tesseract
    waits at a document's end (measured in ``bench/bench_ocr.py``). A document is yielded as
    soon as all its pages are read; while the caller works on it, Tesseract goes on with the
    pages already queued.
    """
    workers = default_workers() if workers is None else max(workers, 1)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # inherited by every Tesseract process
    if settings.tesseract_cmd:
        pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    slots = threading.Semaphore(2 * workers)
    pending: deque[tuple[Path | str, list[Future[OcrPage]]]] = deque()

    def job(image: Image.Image, index: int, render_seconds: float) -> OcrPage:
        try:
            page = read_image(image, index, settings)
            page.seconds["render"] = render_seconds
            return page
        finally:
            slots.release()

    def finished() -> Iterator[tuple[Path | str, list[OcrPage]]]:
        while pending and all(future.done() for future in pending[0][1]):
            path, futures = pending.popleft()
            yield path, [future.result() for future in futures]

    with ThreadPoolExecutor(workers, thread_name_prefix="ocr") as executor:
        for path, indexes in jobs:
            futures: list[Future[OcrPage]] = []
            pending.append((path, futures))
            pdf = pdfium.PdfDocument(str(path))
            try:
                for index in indexes:
                    slots.acquire()
                    clock = time.perf_counter()
                    try:
                        image = render_page(pdf, index, settings.dpi)
                    except pdfium.PdfiumError as exc:
                        slots.release()
                        futures.append(_failed(index, f"cannot render it ({exc})"))
                        continue
                    futures.append(executor.submit(job, image, index, time.perf_counter() - clock))
            finally:
                pdf.close()
            yield from finished()
        while pending:
            path, futures = pending.popleft()
            yield path, [future.result() for future in futures]


def _failed(index: int, why: str) -> Future[OcrPage]:
    failed = Future[OcrPage]()
    failed.set_result(OcrPage(index=index, error=f"OCR failed on page {index + 1}: {why}"))
    return failed
