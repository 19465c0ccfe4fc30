"""How each line of a page is set: its size against the page's body text, bold, centred,
indented, the space above it (:class:`~deliberations.schemas.document.LineStyle`).

Read once per page, from where the page's text came from: on a text layer, pdfium's
characters (their font box, weight and font name), found through the index
:func:`deliberations.extract.pdf.layer_text_map` keeps from each character of the text to
pdfium's; on an OCR'd page, the boxes of the line's words (no weight: Tesseract gives none).
A line's letters are sampled (its first and last, and a few between), not all read: a page
holds thousands of characters and the style of a line is the same over its letters.

The body text is what most of the page's letters are set in: its height is the median of the
lines' heights weighted by their letters, its left margin the left edge most lines start at,
the text column runs from there to the right edge most full lines reach.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.pdf import layer_text_map
from deliberations.schemas.document import LineStyle, OcrWord, PageText

SAMPLE = 8  # letters read per line, its first and last among them, for its box...
FACE_EVERY = 3  # ...and the face (size, weight, font) of one in so many of them
BOLD_WEIGHT = 600  # a font weight from this on is bold...
HEAVIER = 150  # ...when that much heavier than the body text's (a regular face may say 690)
BOLD_NAME_RE = re.compile(r"bold|black|heavy|demi|semibold|[-,]b$|\bbd\b", re.IGNORECASE)
FORCE_BOLD = 0x40000  # pdfium's font flag for a bold face set by the PDF
CENTRED = 0.06  # the line's middle within this share of the column's width of its middle...
MARGIN = 1.5  # ...and both its edges this many body heights inside the column's edges
LINE_RE = re.compile(r"[^\n\f]+")
LONG_LINE = 0.6  # lines this share of the widest one wide at least: the body's column


@dataclass(frozen=True)
class _Box:
    """One line on the page, in PDF points from the page's top-left, and how many letters."""

    start: int
    end: int
    left: float
    top: float
    right: float
    bottom: float
    height: float
    letters: int
    bold: bool | None
    weight: float = -1  # the font's weight, where the PDF gives it

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


def layer_styles(textpage: pdfium.PdfTextPage, text: str, index: Sequence[int]) -> list[LineStyle]:
    """The style of every line of a text-layer page; ``text`` and ``index`` as
    :func:`deliberations.extract.pdf.layer_text_map` gives them."""
    raw = textpage.raw
    page_height = textpage.page.get_height()
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    flags = ctypes.c_int()
    name = ctypes.create_string_buffer(64)
    rect_ref, matrix_ref, flags_ref, name_size = (
        ctypes.byref(rect),
        ctypes.byref(matrix),
        ctypes.byref(flags),
        len(name),
    )
    loose_box, font_size, char_matrix = (
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetFontSize,
        pdfium_c.FPDFText_GetMatrix,
    )
    font_weight, font_info = pdfium_c.FPDFText_GetFontWeight, pdfium_c.FPDFText_GetFontInfo
    bold_fonts: dict[tuple[bool, bytes], bool] = {}  # a font's name and flag: named bold
    boxes: list[_Box] = []
    for match in LINE_RE.finditer(text):
        line = match.group()
        first = match.start() + len(line) - len(line.lstrip())
        last = match.end() - 1 - (len(line) - len(line.rstrip()))
        if last < first:
            continue
        step = (last - first) / (SAMPLE - 1)
        positions = sorted({first + round(k * step) for k in range(SAMPLE)})
        chars = [index[i] for i in positions if index[i] >= 0 and not text[i].isspace()]
        lefts, rights, tops, bottoms, sizes, weights, named_bold = [], [], [], [], [], [], []
        for number, char in enumerate(chars):
            if not loose_box(raw, char, rect_ref):
                continue
            r_left, r_right, r_top, r_bottom = rect.left, rect.right, rect.top, rect.bottom
            if r_right <= r_left and r_top <= r_bottom:
                continue
            lefts.append(r_left)
            rights.append(r_right)
            tops.append(page_height - r_top)
            bottoms.append(page_height - r_bottom)
            if number % FACE_EVERY:
                continue  # the face is read on a few of the letters: it is the line's throughout
            size = font_size(raw, char)
            if char_matrix(raw, char, matrix_ref):
                size *= math.hypot(matrix.c, matrix.d) or 1.0
            sizes.append(size if size > 0 else r_top - r_bottom)
            weights.append(font_weight(raw, char))
            length = font_info(raw, char, name, name_size, flags_ref)
            font = (bool(flags.value & FORCE_BOLD), name.raw[: max(length - 1, 0)])
            bold = bold_fonts.get(font)
            if bold is None:
                bold = bold_fonts[font] = (
                    font[0]
                    or BOLD_NAME_RE.search(font[1].decode("latin-1", "replace").split("+")[-1])
                    is not None
                )
            named_bold.append(bold)
        if not sizes:
            continue
        boxes.append(
            _Box(
                match.start(),
                match.end(),
                min(lefts),
                min(tops),
                max(rights),
                max(bottoms),
                median(sizes),
                len(line) - line.count(" "),
                sum(named_bold) * 2 > len(named_bold),
                median(weights),
            )
        )
    return _styles(boxes)


def ocr_styles(text: str, words: Sequence[OcrWord]) -> list[LineStyle]:
    """The style of every line of an OCR'd page, from its words' boxes (body words only: a
    stamp is no line of the text)."""
    boxes: list[_Box] = []
    position = 0
    for match in LINE_RE.finditer(text):
        while position < len(words) and words[position].end <= match.start():
            position += 1
        line: list[OcrWord] = []
        while position < len(words) and words[position].start < match.end():
            line.append(words[position])
            position += 1
        line = [w for w in line if w.zone == "body"]
        if not line:
            continue
        boxes.append(
            _Box(
                match.start(),
                match.end(),
                min(w.bbox[0] for w in line),
                min(w.bbox[1] for w in line),
                max(w.bbox[2] for w in line),
                max(w.bbox[3] for w in line),
                median(w.bbox[3] - w.bbox[1] for w in line),
                sum(len(w.text) for w in line),
                None,
            )
        )
    return _styles(boxes)


def _mode(values: list[float], weights: list[int]) -> float:
    """The value (rounded to a point) most letters share."""
    counts: Counter[int] = Counter()
    for value, weight in zip(values, weights, strict=True):
        counts[round(value)] += weight
    return float(counts.most_common(1)[0][0])


def _styles(boxes: list[_Box]) -> list[LineStyle]:
    """Each line's style against the page's body text (see the module's docstring)."""
    if not boxes:
        return []
    letters = [b.letters for b in boxes]
    weighted = sorted((b.height, b.letters) for b in boxes)
    half, seen, body_height = sum(letters) / 2, 0, weighted[-1][0]
    for height, count in weighted:
        seen += count
        if seen >= half:
            body_height = max(height, 1.0)
            break
    widest = max(b.right - b.left for b in boxes)
    long = [b for b in boxes if b.right - b.left >= LONG_LINE * widest]
    long_letters = [b.letters for b in long]
    left = _mode([b.left for b in long], long_letters)
    right = _mode([b.right for b in long], long_letters)
    weights = [b.weight for b in boxes if b.weight > 0]
    body_weight = _mode(weights, [b.letters for b in boxes if b.weight > 0]) if weights else 0.0
    if right - left < 10 * body_height:  # no column read (a page of a few words)
        left, right = min(b.left for b in boxes), max(b.right for b in boxes)
    width = max(right - left, 1.0)
    middle = (left + right) / 2
    styles: list[LineStyle] = []
    previous: _Box | None = None
    for box in boxes:
        above = None
        if previous is not None and box.top >= previous.top:
            above = round(max(box.top - previous.bottom, 0.0) / body_height, 2)
        styles.append(
            LineStyle(
                start=box.start,
                end=box.end,
                size=round(box.height / body_height, 2),
                bold=None
                if box.bold is None
                else box.bold
                or (box.weight >= max(BOLD_WEIGHT, body_weight + HEAVIER) and body_weight > 0),
                centred=abs(box.middle - middle) <= CENTRED * width
                and box.left - left >= MARGIN * body_height
                and right - box.right >= MARGIN * body_height,
                indent=round((box.left - left) / body_height, 2),
                width=round((box.right - box.left) / width, 2),
                space_above=above,
            )
        )
        previous = box
    return styles


class LayerStyles:
    """The style of each text-layer page's lines, read while the page is loaded for its text
    (an ``on_page`` of :func:`deliberations.extract.pdf.read_pdf_pages`): the page is not
    loaded again for it. Kept only when the text read with the index to pdfium's characters is
    the page's text."""

    def __init__(self) -> None:
        self.lines: dict[int, list[LineStyle]] = {}  # by page number

    def __call__(
        self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, index: int, text: str, method: str
    ) -> None:
        if method != "text-layer" or not text:
            return
        mapped, chars = layer_text_map(textpage)
        if mapped == text:
            self.lines[index + 1] = layer_styles(textpage, mapped, chars)


def with_styles(
    path: Path, pages: list[PageText], passed: LayerStyles | None = None
) -> list[PageText]:
    """The pages with the style of their lines: a text-layer page's read from the PDF (its
    text read again with the index to pdfium's characters, kept only when it is the page's
    text; ``passed``: read as the pages were loaded for their text, else each page is loaded
    again here), an OCR'd page's from its words."""
    out = list(pages)
    layer = [i for i, page in enumerate(pages) if page.method == "text-layer" and page.text]
    if passed is not None:
        for i in layer:
            lines = passed.lines.get(pages[i].number)
            if lines is not None:
                out[i] = pages[i].model_copy(update={"lines": lines})
    elif layer:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in layer:
                page = pdf[pages[i].number - 1]
                textpage = page.get_textpage()
                try:
                    text, index = layer_text_map(textpage)
                    if text == pages[i].text:
                        out[i] = pages[i].model_copy(
                            update={"lines": layer_styles(textpage, text, index)}
                        )
                finally:
                    textpage.close()
                    page.close()
        finally:
            pdf.close()
    for i, page in enumerate(pages):
        if page.method == "ocr" and page.words:
            out[i] = page.model_copy(update={"lines": ocr_styles(page.text, page.words)})
    return out
