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
* underlines erased (:func:`unline_array`): Tesseract drops an underlined heading ("M 14 -
  approbation du compte de gestion", "Approbation du compte rendu du …", the usual way small
  communes mark an item) or reads it as garbage, since the underline joins its letters into
  one shape. On a page scanned askew (±1.5°) the underline is looked for with two rows of
  play (``RULE_SLANT``) and erased along its course: before, no such line was found, and on
  the rescans of tests/data/real whole item headings went missing ("DEL 2025-90 : Approbation
  de la convention …" under its underline). Only free horizontal lines go: runs of ink at least ``RULE_LENGTH`` long, at most
  ``RULE_THICKNESS`` thick, meeting no upright line. Erasing every horizontal ruling cost 0.19
  micro F1 on a scanned budget table page (its rows read worse), and an earlier removal of all
  rulings hurt the CER of degraded table pages; vertical rulings also tell Tesseract a sidebar
  from the body beside it.

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
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image

from deliberations.extract import ocr_cache
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
INVISIBLE = 3  # PDF text render mode 3: an OCR layer under a scan, not drawn
OVERLAY_BLOCK = 10_000  # block number of an overlay's words, after any of Tesseract's


@dataclass(frozen=True)
class OcrSettings:
    """How pages are read; the defaults are the measured best."""

    dpi: int = DPI
    psm: int = PSM
    lang: str = LANG
    median: bool = True  # 3×3 median filter against speckle
    unline: bool = True  # thin horizontal lines (underlines, rulings) erased before reading
    reread: bool = True  # unsure figures read again on their own (see :func:`reread_figures`)
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


Sheet = tuple[list[tuple[int, int, int]], Image.Image]  # (word index, top, bottom) of each cut


@dataclass
class OcrPage:
    """What OCR made of one page (``error`` set when it could not be read)."""

    index: int  # 0-based
    words: list[RawWord] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    # unsure figures cut out, waiting for their second reading (:func:`reread_document`)
    sheets: list[Sheet] = field(default_factory=list, repr=False, compare=False)


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


def render_scan(
    pdf: pdfium.PdfDocument, index: int, dpi: int = DPI
) -> tuple[Image.Image, list[RawWord]]:
    """A page to OCR rendered as :func:`render_page`, but a scan without what was put over it.

    The prefecture's platform or the town hall often stamps a scanned act after the scan: a box
    drawn over the page ("Envoyé en préfecture le …", "ID : 030-…") as text and paths, or as a
    stamp annotation. Drawn, it hides what the scan holds beneath it: the end of a heading, the
    body's name in the title ("COMMUNE de FLAUX"). On a page whose images cover
    ``SCAN_COVER`` of it at least, the rest (text, paths, forms, annotations) is left out of
    the render; the visible text of the text layer, which then is the overlay's, comes back as
    words of their own (confidence 1, block after Tesseract's), so the stamp is still read, and
    set aside as a stamp by the layout. Any other page: rendered whole, no words.
    """
    page = pdf[index]
    try:
        overlay = _overlay(page)
        if overlay is None:
            bitmap = page.render(scale=dpi / 72, grayscale=True, no_smoothimage=True)
            return bitmap.to_pil().convert("L"), []
        words = _overlay_words(page)
        for obj in overlay:
            page.remove_obj(obj)
        bitmap = page.render(scale=dpi / 72, grayscale=True, no_smoothimage=True, draw_annots=False)
        return bitmap.to_pil().convert("L"), words
    finally:
        page.close()


SCAN_COVER = 0.8  # share of a page its images cover when it is a scan


def _overlay(page: pdfium.PdfPage) -> list[pdfium.PdfObject] | None:
    """What is drawn over a scanned page (its objects other than images; an empty list when it
    has annotations only), or None when the page is no scan or has nothing over it."""
    width, height = page.get_size()
    objects = list(page.get_objects(max_depth=1))
    covered = 0.0
    for obj in objects:
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            covered += max(min(right, width) - max(left, 0), 0) * max(
                min(top, height) - max(bottom, 0), 0
            )
    if covered < SCAN_COVER * width * height:
        return None
    others = [obj for obj in objects if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE]
    if not others and not pdfium_c.FPDFPage_GetAnnotCount(page.raw):
        return None
    return others


def _overlay_words(page: pdfium.PdfPage) -> list[RawWord]:
    """The words of a page's visible text layer (invisible text, an OCR layer, left out), as
    Tesseract would give them: boxes in points from the top-left corner, one line per line."""
    _, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = []
        for i in range(textpage.count_chars()):
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i)
            visible = bool(obj) and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) != INVISIBLE
            chars.append((textpage.get_text_range(i, 1), textpage.get_charbox(i), visible))
    finally:
        textpage.close()
    words: list[RawWord] = []
    line, text, box = 0, "", [0.0, 0.0, 0.0, 0.0]

    def flush() -> None:
        nonlocal text
        if text.strip():
            words.append(
                RawWord(
                    text=text.strip(),
                    confidence=1.0,
                    bbox=(
                        round(box[0], 2),
                        round(height - box[3], 2),
                        round(box[2], 2),
                        round(height - box[1], 2),
                    ),
                    block=OVERLAY_BLOCK,
                    line=OVERLAY_BLOCK + line,
                )
            )
        text = ""

    for char, (left, bottom, right, top), visible in chars:
        if char in "\r\n":
            flush()
            line += char == "\n"
        elif not visible or char.isspace():
            flush()
        else:
            box = (
                [left, bottom, right, top]
                if not text
                else [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
            )
            text += char
    flush()
    return words


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


RULE_LENGTH = 0.45  # inches: a horizontal run of ink at least this long is a line, not a letter
RULE_THICKNESS = 0.02  # inches: ...when it is at most this thick (a filled box is no line)
RULE_UPRIGHT = 0.2  # inches: an upright run of ink this long is a ruling (no letter is as tall)
RULE_STEP = 2  # lines are looked for on every other column of pixels (a line is long: it shows)
# pixels (rows) of play up and down when a line is looked for: an underline on a page scanned
# 1.5° askew drifts 3.5 pixels at 300 dpi along RULE_LENGTH, so no horizontal segment of that
# length lies on it, and the heading it underlines was lost (Tesseract drops the whole line)
RULE_SLANT = 2


def unline_array(gray: np.ndarray, dpi: int = DPI) -> np.ndarray:
    """``gray`` (a page, uint8) with its thin horizontal lines (underlines, rulings, form
    fields) made white, in place; returned.

    Lines are looked for on every ``RULE_STEP``-th column only, ink told from paper by Otsu's
    threshold there: a line is a run that a morphological opening by a horizontal segment
    ``RULE_LENGTH`` long keeps (in the ink grown by ``RULE_SLANT`` rows up and down, so that a
    line drawn askew is one), in a connected piece at most ``RULE_THICKNESS`` thick (:func:`_thickness`: a
    filled box, a black header row, is no line), that
    meets no upright run of ink ``RULE_UPRIGHT`` long: the rulings of a table and the frame of
    a page stay, since Tesseract reads a table's rows better with them. Each line's rows, and
    one more above and below (its grey edge), are made white (:func:`_erase_line`). A few ms a
    page at 300 dpi: only the lines' boxes are worked on at full size.
    """
    height, width = gray.shape
    cells = width // RULE_STEP
    pooled = np.ascontiguousarray(gray[:, : cells * RULE_STEP : RULE_STEP])
    _, ink = cv2.threshold(pooled, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    length = max(int(RULE_LENGTH * dpi) // RULE_STEP, 3)
    segment = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    # the ink grown by RULE_SLANT rows up and down, so that a line drawn askew holds a
    # horizontal segment; what the opening keeps is then taken back to the ink itself
    grown = cv2.dilate(ink, np.ones((2 * RULE_SLANT + 1, 1), np.uint8))
    runs = cv2.bitwise_and(cv2.morphologyEx(grown, cv2.MORPH_OPEN, segment), ink)
    if not runs.any():
        return gray
    contours, _ = cv2.findContours(runs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    thick = RULE_THICKNESS * dpi
    upright = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(int(RULE_UPRIGHT * dpi), 3)))
    verticals = cv2.morphologyEx(ink, cv2.MORPH_OPEN, upright)
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        piece = runs[y : y + h, x : x + w] > 0
        if _thickness(piece) > thick:
            continue  # thicker than a line (the letters it touches aside): a filled box
        if verticals[max(y - 2, 0) : y + h + 2, max(x - 2, 0) : x + w + 2].any():
            continue  # it meets an upright line: a table's ruling or a frame, which stays
        _erase_line(gray, piece, y, x * RULE_STEP)
    return gray


LINE_ALONE = 25  # percentile of a line's columns that no letter touches, at least


def _thickness(piece: np.ndarray) -> float:
    """A line's thickness in rows: over its columns, a low quantile (``LINE_ALONE``) of the
    ink each holds, so that the letters an underline touches (the foot of a heading set
    close above it, a descender across it) do not count, and a filled box is thick all along."""
    counts = piece.sum(axis=0)
    return float(np.percentile(counts[counts > 0], LINE_ALONE))


def _erase_line(gray: np.ndarray, piece: np.ndarray, top: int, left: int) -> None:
    """Make white the line ``piece`` (a boolean box of the pooled columns, at ``top``, ``left``
    of the page): the rows the line runs along in each column, its median thickness, and one
    row more above and below (its grey edge), the line followed as drawn (askew on a scan).
    Only the line's own rows go: a descender it crosses ("p", "g", "ç" of an underlined
    heading) keeps the rest of its stroke, since what the piece holds a few rows off the line
    (letters touching it) is left out of the line's course."""
    counts = piece.sum(axis=0)
    drawn = counts > 0
    thickness = _thickness(piece)
    rows = np.arange(piece.shape[0], dtype=float)[:, None]
    centres = (piece * rows).sum(axis=0) / np.maximum(counts, 1)
    pure = drawn & (counts <= thickness)  # columns no letter touches
    columns = np.flatnonzero(pure)
    if len(columns) >= 2 and np.ptp(columns) > 0:
        slope, offset = np.polyfit(columns, centres[pure], 1)
    else:
        slope, offset = 0.0, float(np.median(centres[drawn]))
    height, width = gray.shape
    full = np.arange(left, min(left + piece.shape[1] * RULE_STEP, width))
    pooled = (full - left) // RULE_STEP
    course = top + offset + slope * (full - left) / RULE_STEP
    first = np.floor(course - thickness / 2 + 0.5).astype(int) - 1
    last = np.floor(course + thickness / 2 + 0.5).astype(int) + 1  # exclusive
    keep = drawn[pooled]
    if not keep.any():
        return
    band = slice(max(int(first[keep].min()), 0), min(int(last[keep].max()), height))
    span = np.arange(band.start, band.stop)[:, None]
    mask = (span >= first[None, :]) & (span < last[None, :]) & keep[None, :]
    gray[band, full[0] : full[-1] + 1][mask] = 255


def unline(image: Image.Image, dpi: int = DPI) -> Image.Image:
    """The page with its thin horizontal lines made white (see :func:`unline_array`)."""
    return Image.fromarray(unline_array(np.array(image, dtype=np.uint8), dpi))


def preprocess(image: Image.Image, settings: OcrSettings) -> Image.Image:
    """The clean-up measured to help: a 3×3 median filter, then thin horizontal lines erased."""
    gray = np.asarray(image, dtype=np.uint8)
    if settings.median:
        gray = cv2.medianBlur(gray, 3)
    if settings.unline:
        gray = unline_array(gray if settings.median else gray.copy(), settings.dpi)
    return Image.fromarray(gray)


def read_words(image: Image.Image, settings: OcrSettings) -> list[RawWord]:
    """Tesseract's words on a page image, in reading order, boxes in PDF points."""
    image.format = "BMP"  # pytesseract writes the image to a file: BMP costs nothing to encode
    data = ocr_cache.image_to_data(
        image,
        lang=settings.lang,
        config=f"--psm {settings.psm} --dpi {settings.dpi}",
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


REREAD_SURE = 0.90  # a second reading this sure, of the very same digits, vouches for them
REREAD_PAD = 0.3  # text heights of the page kept around a figure read again (above and below)
REREAD_SIDE = 0.15  # ...and left and right of it (a neighbour's stroke would add a character)
REREAD_GAP = 1.5  # text heights of white between two figures on the sheet read again


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def reread_figures(
    image: Image.Image, words: list[RawWord], settings: OcrSettings
) -> list[RawWord]:
    """``words`` with the confidence of unsure figures raised where a second reading agrees.

    On a scan blurred or compressed hard, Tesseract reads many figures right but unsure
    (``7100.00`` at 0.21 beside a "+" in a table; an amount at 0.7 in a sentence), and the nlp
    stage drops every figure under :data:`LOW_CONFIDENCE`. Each word holding a digit read under
    that threshold is cut out of the page with a little margin, the cuts are set one below the
    other on a white sheet, and Tesseract reads the sheet once (``--psm 6``: lines of a block).
    Where the second reading holds the very same digits, in the same order, read at
    ``REREAD_SURE`` at least, the word takes that confidence; anything else (other digits, a
    digit more or less, an unsure second reading) leaves it as it was: a figure is never
    changed nor guessed, only vouched for by a reading out of its page's context.
    """
    sheets = reread_sheets(image, words, settings)
    if not sheets:
        return words
    return vouched(words, sheets, read_sheets([sheet for _, sheet in sheets], settings))


def reread_sheets(image: Image.Image, words: list[RawWord], settings: OcrSettings) -> list[Sheet]:
    """The sheets :func:`reread_figures` reads: the page's unsure figures cut out, one below the
    other, each sheet with its cuts' places (none when no figure is unsure)."""
    unsure = [
        i
        for i, w in enumerate(words)
        if w.confidence < LOW_CONFIDENCE and _digits(w.text) and w.block != OVERLAY_BLOCK
    ]
    if not unsure:
        return []
    scale = settings.dpi / 72
    crops = []
    for i in unsure:
        x0, y0, x1, y1 = (v * scale for v in words[i].bbox)
        height = max(y1 - y0, 1.0)
        box = (
            max(int(x0 - REREAD_SIDE * height), 0),
            max(int(y0 - REREAD_PAD * height), 0),
            min(int(x1 + REREAD_SIDE * height) + 1, image.width),
            min(int(y1 + REREAD_PAD * height) + 1, image.height),
        )
        crops.append((i, image.crop(box), height))
    gap = int(REREAD_GAP * median_height(crops))
    return [_sheet(chunk, gap) for chunk in _sheets(crops, gap)]


def read_sheets(sheets: list[Image.Image], settings: OcrSettings) -> list[dict]:
    """Tesseract's answers (``--psm 6``: lines of a block) on sheets of figures, all read by
    one Tesseract process (:func:`deliberations.extract.ocr_cache.images_to_data`)."""
    return ocr_cache.images_to_data(
        sheets, lang=settings.lang, config=f"--psm 6 --dpi {settings.dpi}", timeout=PAGE_TIMEOUT
    )


def vouched(words: list[RawWord], sheets: list[Sheet], answers: list[dict]) -> list[RawWord]:
    """``words`` with the figures the second reading (``answers``, one a sheet) vouches for."""
    read: dict[int, list[tuple[str, float]]] = {}
    rows: list[tuple[int, int, int]] = []
    for (sheet_rows, _), data in zip(sheets, answers, strict=True):
        rows.extend(sheet_rows)
        read.update(_sheet_reading(sheet_rows, data))
    out = list(words)
    for i, _, _ in rows:
        again = read.get(i)
        if not again or _digits("".join(t for t, _ in again)) != _digits(words[i].text):
            continue
        sure = min(c for t, c in again if _digits(t))
        if sure >= REREAD_SURE:
            out[i] = replace(words[i], confidence=round(sure, 4))
    return out


# Tesseract reads images up to 32,767 pixels a side; a page with hundreds of unsure figures (a
# budget's tables) makes a taller sheet: it is read in several (one sheet when it fits, as before)
REREAD_SHEET_MAX = 30_000


def _sheets(
    crops: list[tuple[int, Image.Image, float]], gap: int
) -> list[list[tuple[int, Image.Image, float]]]:
    """The crops in runs whose sheet stays under :data:`REREAD_SHEET_MAX` pixels high."""
    sheets: list[list[tuple[int, Image.Image, float]]] = [[]]
    height = gap
    for crop in crops:
        if sheets[-1] and height + crop[1].height + gap > REREAD_SHEET_MAX:
            sheets.append([])
            height = gap
        sheets[-1].append(crop)
        height += crop[1].height + gap
    return sheets


def _sheet(crops: list[tuple[int, Image.Image, float]], gap: int) -> Sheet:
    """The crops set one below the other on a white sheet, with each crop's place on the sheet
    (word index, top, bottom)."""
    width = max(c.width for _, c, _ in crops) + 2 * gap
    sheet = Image.new("L", (width, gap + sum(c.height + gap for _, c, _ in crops)), 255)
    rows: list[tuple[int, int, int]] = []  # (word index, top, bottom) on the sheet
    top = gap
    for i, crop, _ in crops:
        sheet.paste(crop, (gap, top))
        rows.append((i, top, top + crop.height))
        top += crop.height + gap
    sheet.format = "BMP"
    return rows, sheet


def _sheet_reading(
    rows: list[tuple[int, int, int]], data: dict
) -> dict[int, list[tuple[str, float]]]:
    """What was read in each crop of a sheet (by word index), from Tesseract's answer on it."""
    read: dict[int, list[tuple[str, float]]] = {}
    for n, text in enumerate(data["text"]):
        conf = float(data["conf"][n])
        if int(data["level"][n]) != 5 or conf < 0 or not text.strip():
            continue
        centre = int(data["top"][n]) + int(data["height"][n]) / 2
        row = next((i for i, a, b in rows if a <= centre < b), None)
        if row is not None:
            read.setdefault(row, []).append((text.strip(), conf / 100))
    return read


def median_height(crops: list[tuple[int, Image.Image, float]]) -> float:
    heights = sorted(h for _, _, h in crops)
    return heights[len(heights) // 2]


def read_image(image: Image.Image, index: int, settings: OcrSettings = OcrSettings()) -> OcrPage:
    """Clean up and read one rendered page; a failure is returned in ``error``, not raised."""
    page = read_page(image, index, settings)
    reread_document([page], settings)
    return page


def read_page(image: Image.Image, index: int, settings: OcrSettings = OcrSettings()) -> OcrPage:
    """:func:`read_image` but for the second reading of its unsure figures: their sheets are
    left in ``sheets``, for :func:`reread_document` to read with the rest of the document's."""
    result = OcrPage(index=index)
    try:
        clock = time.perf_counter()
        image = preprocess(image, settings)
        result.seconds["preprocess"] = time.perf_counter() - clock
        clock = time.perf_counter()
        result.words = read_words(image, settings)
        if settings.reread:
            result.sheets = reread_sheets(image, result.words, settings)
        result.seconds["tesseract"] = time.perf_counter() - clock
    except (pytesseract.TesseractError, RuntimeError, OSError) as exc:
        result.error = _failure(exc, index)
    return result


def _failure(exc: Exception, index: int) -> str:
    if isinstance(exc, pytesseract.TesseractNotFoundError):
        return f"Tesseract OCR is not installed; install it: {INSTALL_HINT}"
    message = " ".join(str(exc).split())
    return f"OCR failed on page {index + 1}: {type(exc).__name__}: {message}"


def reread_document(pages: Sequence[OcrPage], settings: OcrSettings) -> None:
    """The unsure figures of ``pages`` (their ``sheets``) read again and vouched for in place
    (:func:`reread_figures`), the sheets of all the pages by one Tesseract process: each process
    costs about 0.15 s of CPU before it reads anything, more than a sheet of figures takes
    (:func:`deliberations.extract.ocr_cache.images_to_data`). Should that fail, each page's
    sheets are read on their own, so that a failure is its page's alone."""
    waiting = [page for page in pages if page.sheets and page.error is None]
    if not waiting:
        return
    clock = time.perf_counter()
    if len(waiting) > 1:
        try:
            answers = read_sheets([sheet for page in waiting for _, sheet in page.sheets], settings)
        except (pytesseract.TesseractError, RuntimeError, OSError):
            pass  # each page asked on its own below
        else:
            start = 0
            for page in waiting:
                done = answers[start : start + len(page.sheets)]
                page.words = vouched(page.words, page.sheets, done)
                start += len(page.sheets)
                page.sheets = []
    for page in waiting:
        if page.sheets:
            try:
                answers = read_sheets([sheet for _, sheet in page.sheets], settings)
                page.words = vouched(page.words, page.sheets, answers)
            except (pytesseract.TesseractError, RuntimeError, OSError) as exc:
                page.error = _failure(exc, page.index)
            page.sheets = []
    share = (time.perf_counter() - clock) / len(waiting)
    for page in waiting:
        page.seconds["tesseract"] = page.seconds.get("tesseract", 0.0) + share


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

    def job(
        image: Image.Image, overlay: list[RawWord], index: int, render_seconds: float
    ) -> OcrPage:
        try:
            page = read_page(image, index, settings)
            page.seconds["render"] = render_seconds
            if page.error is None:
                page.words.extend(overlay)
            return page
        finally:
            slots.release()

    def finished() -> Iterator[tuple[Path | str, list[OcrPage]]]:
        while pending and all(future.done() for future in pending[0][1]):
            yield whole(*pending.popleft())

    def whole(path: Path | str, futures: list[Future[OcrPage]]) -> tuple[Path | str, list[OcrPage]]:
        pages = [future.result() for future in futures]
        reread_document(pages, settings)  # the document's unsure figures, one Tesseract
        return path, pages

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
                        image, overlay = render_scan(pdf, index, settings.dpi)
                    except pdfium.PdfiumError as exc:
                        slots.release()
                        futures.append(_failed(index, f"cannot render it ({exc})"))
                        continue
                    futures.append(
                        executor.submit(job, image, overlay, index, time.perf_counter() - clock)
                    )
            finally:
                pdf.close()
            yield from finished()
        while pending:
            yield whole(*pending.popleft())


def _failed(index: int, why: str) -> Future[OcrPage]:
    failed = Future[OcrPage]()
    failed.set_result(OcrPage(index=index, error=f"OCR failed on page {index + 1}: {why}"))
    return failed
