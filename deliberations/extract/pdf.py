"""Page text from a PDF's text layer, read with pypdfium2.

pypdfium2 reads a text layer about a hundred times faster than pdfplumber's ``extract_text``;
pdfplumber is kept for what needs layout (tables, see :mod:`deliberations.extract.tables`).
PDF text has no blank lines, yet paragraphs carry meaning in deliberations (a title, the
paragraph before "Rapporteur :"): a blank line is put back wherever the vertical gap between
two lines is larger than the lines themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

from deliberations.errors import EncryptedPdfError, InputFileError
from deliberations.schemas.document import PageText

# Word's "Symbol" font puts bullets and dashes in the private use area (U+F02D is "-",
# U+F0B7 a bullet): map them back one for one, so offsets do not move
SYMBOL_FONT_CHARS = {code: chr(code - 0xF000) for code in range(0xF020, 0xF100)}
SYMBOL_FONT_CHARS.update({0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF0FC: "✓", 0xF0E0: "→"})
PARAGRAPH_GAP = 0.5  # extra gap, in text heights, that makes a paragraph break


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
        raw = textpage.get_text_range()
        paragraph_breaks = _blank_line_breaks(textpage, raw)
    finally:
        textpage.close()
    out: list[str] = []
    for offset, char in enumerate(raw):
        if char == "\r":
            continue
        if char == "\n" and offset in paragraph_breaks:
            out.append("\n\n")
        elif char == "\ufffe":  # pdfium marks a hyphen that ended a line
            out.append("-\n")
        elif char in "\x00\uffff":
            continue
        else:
            out.append(char)
    return "".join(out).replace("\x02", "-").translate(SYMBOL_FONT_CHARS)


def read_pdf_pages(path: Path) -> list[PageText]:
    """Every page's text layer, in page order."""
    pdf = open_pdf(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                text = page_text(page)
            finally:
                page.close()
            reason = "text layer" if text.strip() else "no text layer (scanned page?)"
            pages.append(
                PageText(
                    number=index + 1,
                    text=text,
                    method="text-layer" if text.strip() else "none",
                    reason=reason,
                )
            )
        return pages
    finally:
        pdf.close()
