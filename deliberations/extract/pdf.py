"""Page text from a PDF: its text layer read with pypdfium2, or OCR where that is not real text.

pypdfium2 reads a text layer about a hundred times faster than pdfplumber's ``extract_text``;
pdfplumber is kept for what needs layout (tables, see :mod:`deliberations.extract.tables`).
PDF text has no blank lines, yet paragraphs carry meaning in deliberations (a title, the
paragraph before "Rapporteur :"): a blank line is put back wherever the vertical gap between
two lines is larger than the lines themselves.

Page by page, :mod:`deliberations.extract.text_quality` decides whether the text layer is what
a person reads there; the pages where it is not (none, a stamp over a scan, mojibake, garbage)
are OCR'd (:mod:`deliberations.extract.ocr`), their words corrected
(:mod:`deliberations.extract.ocr_normalize`) and laid out as text
(:mod:`deliberations.extract.ocr_layout`). Each page records the path taken and why.
Without Tesseract, the digital pages are read all the same and the others are recorded as
errors (method ``error``), with one line on stderr saying what to install.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from deliberations.errors import (
    EncryptedPdfError,
    InputFileError,
    OcrPageError,
    OcrUnavailableError,
)
from deliberations.extract.text_quality import Decision, decide, loading, page_features
from deliberations.schemas.document import PageText

if TYPE_CHECKING:
    from deliberations.extract.ocr import OcrPage, OcrSettings

# Word's "Symbol" font puts bullets and dashes in the private use area (U+F02D is "-",
# U+F0B7 a bullet): map them back one for one, so offsets do not move
SYMBOL_FONT_CHARS = {code: chr(code - 0xF000) for code in range(0xF020, 0xF100)}
SYMBOL_FONT_CHARS.update({0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF0FC: "✓", 0xF0E0: "→"})
PARAGRAPH_GAP = 0.5  # extra gap, in text heights, that makes a paragraph break
# what reads more of a page while it is loaded: (page, text page, 0-based index, text, method)
PageReader = Callable[[pdfium.PdfPage, pdfium.PdfTextPage, int, str, str], None]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open a PDF, turning pdfium's failures into one-line errors that say what to do."""
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: empty file (0 bytes); re-export or re-download it")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise InputFileError(f"{path}: not a PDF (no %PDF header); convert it to PDF first")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedPdfError(
                f"{path}: encrypted PDF; decrypt it (e.g. qpdf --decrypt) and ingest it again"
            ) from exc
        raise InputFileError(
            f"{path}: unreadable PDF ({message}); the file may be truncated or corrupt"
        ) from exc


def _blank_line_breaks(textpage: pdfium.PdfTextPage, raw: str) -> set[int]:
    """Offsets of the line breaks in ``raw`` that separate two paragraphs.

    The page's ordinary line spacing is its 25th-percentile gap between lines; a gap larger
    than that by more than ``PARAGRAPH_GAP`` times the text height is a paragraph break.
    """
    if len(raw) != textpage.count_chars():
        return set()  # offsets do not line up with pdfium's characters: keep the text as is
    gaps: list[tuple[int, float, float]] = []
    for match in re.finditer("\n", raw):
        before = match.start() - 1
        while before >= 0 and raw[before] in " \r\n":
            before -= 1
        after = match.end()
        while after < len(raw) and raw[after] in " \r\n":
            after += 1
        if before < 0 or after >= len(raw):
            continue
        _, prev_bottom, _, prev_top = textpage.get_charbox(before)
        _, next_bottom, _, next_top = textpage.get_charbox(after)
        if next_top > prev_bottom:  # next line is not below (columns, page furniture)
            continue
        height = max(min(prev_top - prev_bottom, next_top - next_bottom), 1.0)
        gaps.append((match.start(), prev_bottom - next_top, height))
    if not gaps:
        return set()
    ordinary = sorted(gap for _, gap, _ in gaps)[len(gaps) // 4]
    return {pos for pos, gap, height in gaps if gap - ordinary > PARAGRAPH_GAP * height}


def page_text(page: pdfium.PdfPage) -> str:
    """The text layer of one page, lines joined by ``\\n`` and paragraphs by a blank line."""
    textpage = page.get_textpage()
    try:
        return layer_text(textpage)
    finally:
        textpage.close()


def layer_text(textpage: pdfium.PdfTextPage) -> str:
    """The text of a page's text layer (see :func:`page_text`)."""
    raw = textpage.get_text_range()
    return _layer_string(raw, _blank_line_breaks(textpage, raw))


# what :func:`_layer_chars` does to each of pdfium's characters but the line breaks
_LAYER_CHARS = (("\r", ""), ("\ufffe", "-\n"), ("\x00", ""), ("\uffff", ""))
_SYMBOL_FONT = re.compile("[\uf020-\uf0ff]")


def _layer_string(raw: str, paragraph_breaks: set[int]) -> str:
    """The text of :func:`_layer_chars` without the index, a slice at a time rather than a
    character at a time (the same text: ``tests/test_pdf_layer.py`` checks it)."""
    if paragraph_breaks:
        pieces, last = [], 0
        for offset in sorted(paragraph_breaks):
            pieces += (raw[last:offset], "\n\n")
            last = offset + 1
        pieces.append(raw[last:])
        raw = "".join(pieces)
    for char, replacement in _LAYER_CHARS:
        if char in raw:
            raw = raw.replace(char, replacement)
    return _one_for_one(raw)


def _one_for_one(text: str) -> str:
    """pdfium's hyphen (``\\x02``) as a hyphen, Word's Symbol-font characters as what they
    show: one character for one, so offsets do not move."""
    if "\x02" in text:
        text = text.replace("\x02", "-")
    return text.translate(SYMBOL_FONT_CHARS) if _SYMBOL_FONT.search(text) else text


# the page read_pdf_pages has loaded: its text page, pdfium's text, the paragraph breaks and the
# text made of them, read once for the text and again by whatever reads the page's characters
# while it is loaded (the typography, the word tables); ``mapped``: that text with each
# character's index, made by the first of those readers and kept for the others; one per thread
_loaded = threading.local()


def layer_text_map(textpage: pdfium.PdfTextPage) -> tuple[str, list[int]]:
    """The text of a page's text layer, and for each of its characters the index of pdfium's
    character it was read from (-1 for a line break put in), for its box on the page."""
    read = getattr(_loaded, "page", None)
    if read is None or read[0] is not textpage:
        raw = textpage.get_text_range()
        breaks = _blank_line_breaks(textpage, raw)
        return _layer_string(raw, breaks), _layer_index(raw, breaks)
    mapped = getattr(_loaded, "mapped", None)
    if mapped is None or mapped[0] is not textpage:  # the loaded page's index, made once for all
        mapped = (textpage, (read[3], _layer_index(read[1], read[2])))
        _loaded.mapped = mapped
    return mapped[1]


def text_range(textpage: pdfium.PdfTextPage) -> str:
    """pdfium's text of ``textpage`` (``get_text_range()``): the one read for the text layer
    when it is the page :func:`read_pdf_pages` has loaded, not read again."""
    read = getattr(_loaded, "page", None)
    return read[1] if read is not None and read[0] is textpage else textpage.get_text_range()


_INDEX_SPECIAL = re.compile("[\r\n\ufffe\x00\uffff]")


def _layer_index(raw: str, paragraph_breaks: set[int]) -> list[int]:
    """The index :func:`_layer_chars` gives, a run of characters at a time (the same index:
    ``tests/test_pdf_layer.py`` checks it)."""
    index: list[int] = []
    last = 0
    for match in _INDEX_SPECIAL.finditer(raw):
        offset = match.start()
        char = raw[offset]
        if char == "\n" and offset not in paragraph_breaks:
            continue  # a line break read as it is
        index.extend(range(last, offset))
        if char == "\n":
            index.extend((-1, -1))
        elif char == "\ufffe":
            index.extend((offset, -1))
        last = offset + 1
    index.extend(range(last, len(raw)))
    return index


def _layer_chars(raw: str, paragraph_breaks: set[int]) -> tuple[str, list[int]]:
    """``raw`` (pdfium's text of a page) as the text a person reads, and the index of each
    character in ``raw`` (-1 for a line break put in); ``paragraph_breaks``: the offsets of the
    line breaks that end a paragraph (each becomes a blank line)."""
    out: list[str] = []
    index: list[int] = []
    for offset, char in enumerate(raw):
        if char == "\r":
            continue
        if char == "\n" and offset in paragraph_breaks:
            out.append("\n\n")
            index.extend((-1, -1))
        elif char == "\ufffe":  # pdfium marks a hyphen that ended a line
            out.append("-\n")
            index.extend((offset, -1))
        elif char in "\x00\uffff":
            continue
        else:
            out.append(char)
            index.append(offset)
    return _one_for_one("".join(out)), index


def read_pdf_pages(
    path: Path,
    *,
    ocr: OcrSettings | None = None,
    workers: int | None = None,
    check_page: Callable[[pdfium.PdfPage, int], None] | None = None,
    on_page: PageReader | None = None,
) -> list[PageText]:
    """Every page's text, in page order: its text layer, or OCR where that is not real text.

    ``ocr`` sets how pages are OCR'd (the measured defaults when None), ``workers`` how many
    processes read them (``$DELIB_OCR_WORKERS``, else the cores, when None). ``check_page``
    (page, 0-based index) runs on each page as it is loaded, before anything of it is read or
    rendered, and raises to refuse the document (the preflight's image limits: a page is
    loaded once for both). ``on_page`` (page, its text page, 0-based index, text layer, method
    decided) runs on each page once its text layer is read, while the page is still loaded
    (the tables' readings, :class:`deliberations.extract.tables.PagePass`: a page is loaded
    once for its text and its tables).
    """
    pdf = open_pdf(path)
    try:
        pages: list[PageText] = []
        decisions: list[Decision] = []
        for index in range(len(pdf)):
            page = pdf[index]
            loading(page)  # its objects listed once for all that walk them
            try:
                if check_page is not None:
                    check_page(page, index)
                textpage = page.get_textpage()
                try:
                    raw = textpage.get_text_range()
                    breaks = _blank_line_breaks(textpage, raw)
                    text = _layer_string(raw, breaks)  # layer_text(textpage)
                    decision = decide(page_features(page, textpage, text))
                    if on_page is not None:
                        _loaded.page = (textpage, raw, breaks, text)
                        on_page(page, textpage, index, text, decision.method)
                finally:
                    _loaded.page = _loaded.mapped = None
                    textpage.close()
            finally:
                loading(None)
                page.close()
            decisions.append(decision)
            pages.append(
                PageText(
                    number=index + 1,
                    text=text if decision.method == "text-layer" else "",
                    method=decision.method,
                    reason=decision.reason,
                )
            )
    finally:
        pdf.close()
    scanned = [i for i, d in enumerate(decisions) if d.method == "ocr"]
    if scanned:
        _read_scanned(path, pages, scanned, ocr, workers)
    return pages


def _read_scanned(
    path: Path,
    pages: list[PageText],
    indexes: list[int],
    settings: OcrSettings | None,
    workers: int | None,
) -> None:
    """OCR the pages ``indexes`` in place; without Tesseract, record them as errors."""
    from deliberations.extract.ocr import OcrSettings, ocr_pages, tesseract_problem

    settings = settings or OcrSettings()
    problem = tesseract_problem(settings)
    if problem is not None:
        warn_once(problem)
        for index in indexes:
            pages[index] = _error_page(pages[index], OcrUnavailableError(problem))
        return
    for result in ocr_pages(path, indexes, settings, workers):
        page = pages[result.index]
        if result.error is not None:
            pages[result.index] = _error_page(page, OcrPageError(result.error))
        else:
            pages[result.index] = ocr_page_text(result, page.number, page.reason)


def _error_page(page: PageText, error: OcrUnavailableError | OcrPageError) -> PageText:
    return PageText(
        number=page.number,
        text="",
        method="error",
        reason=f"{page.reason}; {error.one_line()}",
        error=type(error).__name__,
    )


def ocr_page_text(result: OcrPage, number: int, reason: str) -> PageText:
    """A page's text from its OCR'd words, corrected word by word and laid out."""
    from deliberations.extract.ocr_layout import layout
    from deliberations.extract.ocr_normalize import normalize_words

    texts = normalize_words([w.text for w in result.words])
    text, words = layout(result.words, texts)
    confidence = sum(w.confidence for w in words) / len(words) if words else None
    return PageText(
        number=number,
        text=text,
        method="ocr",
        reason=reason,
        words=words,
        confidence=None if confidence is None else round(confidence, 4),
    )


_warned: set[str] = set()


def warn_once(message: str) -> None:
    """One line on stderr, once per run: not per page nor per document, and in a batch's worker
    processes once for all of them (the first worker to get there says it)."""
    if message in _warned:
        return
    _warned.add(message)
    if multiprocessing.current_process().daemon and not _first_worker_to_warn(message):
        return
    print(f"warning: {message}", file=sys.stderr)


def _first_worker_to_warn(message: str) -> bool:
    """Whether this worker is the first of its batch (its parent process) to give ``message``."""
    import hashlib
    import tempfile

    try:
        import psutil

        parent = psutil.Process(os.getppid())
        run = f"{parent.pid}-{int(parent.create_time())}"
    except Exception:  # noqa: BLE001 - no psutil, no parent: every worker says it
        return True
    digest = hashlib.sha1(message.encode()).hexdigest()[:12]
    # the machine's /tmp: a batch gives each worker a TMPDIR of its own
    shared = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())
    marker = shared / f"delib-warned-{run}-{digest}"
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    except OSError:
        return True
    return True
