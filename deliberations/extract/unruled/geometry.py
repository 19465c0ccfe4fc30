"""Words with their boxes (pypdfium2's character boxes), grouped into the lines a reader sees
and, within a line, into chunks separated by a column gap."""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from dataclasses import dataclass, field
from functools import cached_property

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.pdf import layer_text_map, text_range
from deliberations.extract.unruled.patterns import AMOUNT_RE, PARTS_RE, YEAR_RE

CHUNK_GAP = 0.9  # a gap wider than this many text heights separates two cells of a line


WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # offsets in the document text
    end: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # OCR's, on a scanned page (0..1)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Chunk:
    """Words of one cell of a line. Its words are not changed once its text or its edges are
    read (the readers of a table read them many times, each read once)."""

    words: list[Word]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def is_amount(self) -> bool:
        text = self.text
        return (
            bool(AMOUNT_RE.match(text) or PARTS_RE.match(text))
            and any(ch.isdigit() for ch in text)
            and not YEAR_RE.match(text)
        )


@dataclass
class Line:
    page: int
    words: list[Word]
    chunks: list[Chunk] = field(default_factory=list)
    struck: bool = False

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.chunks)

    @property
    def baseline(self) -> float:
        return statistics.median(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)


def page_words(
    textpage: pdfium.PdfTextPage, height: float, base: int = 0
) -> tuple[str, list[Word]]:
    """The page text and its words with their boxes (PDF points from the page's top-left) and
    their offsets in the page text plus ``base`` (the page's start in the document text)."""
    text, index = layer_text_map(textpage)
    if textpage.count_chars() != len(text_range(textpage)):
        return text, []  # characters do not line up with the text: no boxes
    words = []
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    left_ref, right_ref = ctypes.byref(left), ctypes.byref(right)
    bottom_ref, top_ref = ctypes.byref(bottom), ctypes.byref(top)
    get_box = pdfium_c.FPDFText_GetCharBox

    # each character's box as textpage.get_charbox(i), without its wrapper's cost (a page
    # holds thousands), the word's box grown a character at a time: the least left and bottom,
    # the greatest right and top of its characters that have a box (not empty)
    for match in WORD_RE.finditer(text):
        x0 = None
        for i in index[match.start() : match.end()]:
            if i < 0:
                continue
            get_box(raw, i, left_ref, right_ref, bottom_ref, top_ref)
            c_left, c_right, c_bottom, c_top = left.value, right.value, bottom.value, top.value
            if not (c_right > c_left or c_top > c_bottom):
                continue
            if x0 is None:
                x0, x1, y0, y1 = c_left, c_right, c_bottom, c_top
                continue
            if c_left < x0:
                x0 = c_left
            if c_right > x1:
                x1 = c_right
            if c_bottom < y0:
                y0 = c_bottom
            if c_top > y1:
                y1 = c_top
        if x0 is None:
            continue
        words.append(
            Word(
                match.group(),
                base + match.start(),
                base + match.end(),
                x0,
                height - y1,
                x1,
                height - y0,
            )
        )
    return text, words


def visual_lines(words: list[Word], page: int) -> list[Line]:
    """Words grouped into the lines a reader sees (same height on the page), top to bottom."""
    lines: list[Line] = []
    # the current line's words' heights and middles, kept sorted: their medians at each word
    heights: list[float] = []
    middles: list[float] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        line = lines[-1] if lines else None
        if line is not None:
            height = sorted_median(heights)
            middle = sorted_median(middles)
            if abs(word.middle - middle) <= 0.45 * max(_reach(height, word.height), 1.0):
                line.words.append(word)
                bisect.insort(heights, word.height)
                bisect.insort(middles, word.middle)
                continue
        lines.append(Line(page, [word]))
        heights, middles = [word.height], [word.middle]
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.chunks = chunks_of(line.words)
    return lines


THIN = 0.35  # a word this much lower than the text beside it is a mark (a dash, a dot)


def _reach(height: float, other: float) -> float:
    """The height a word and a line are compared by: the smaller one's, but a mark's box (a dash
    "-" 0.9 pt high beside 7 pt letters, "- Charges") says nothing of its line's height: the
    letters' height then."""
    low, high = min(height, other), max(height, other)
    return high if low < THIN * high else low


def sorted_median(ordered: list[float]) -> float:
    """statistics.median of values already sorted."""
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def chunks_of(words: list[Word]) -> list[Chunk]:
    """A line's words in runs separated by a column gap."""
    if not words:
        return []
    height = statistics.median(w.height for w in words)
    out = [Chunk([words[0]])]
    for word in words[1:]:
        if word.x0 - out[-1].words[-1].x1 > CHUNK_GAP * height:  # (the chunk still growing)
            out.append(Chunk([word]))
        else:
            out[-1].words.append(word)
    return split_amounts(split_euros(out))


def split_euros(chunks: list[Chunk]) -> list[Chunk]:
    """ "320 € 320 €", "0 500 €": sums of neighbouring columns set close, split after each "€"
    (and after a lone "0" or "-", which no thousands group follows)."""
    out = []
    for chunk in chunks:
        start = 0
        for i, word in enumerate(chunk.words[:-1]):
            if (word.text.endswith("€") or word.text in {"0", "-"}) and chunk.words[i + 1].text[
                :1
            ].isdigit():
                out.append(Chunk(chunk.words[start : i + 1]))
                start = i + 1
        out.append(Chunk(chunk.words[start:]))
    return out


# a word of a sum: digits groups, "€", a dash
AMOUNT_PART_RE = re.compile(r"[\d.,\u00a0\u202f]+|€|-")
DIGIT_RE = re.compile(r"\d")


def split_amounts(chunks: list[Chunk]) -> list[Chunk]:
    """ "Judo 500 €" written close: a run ending with an amount is split before it when the run
    before is text ("Judo") and the amount is whole (its words are digits groups and "€")."""
    out = []
    for chunk in chunks:
        words = chunk.words
        cut = len(words)
        while cut > 0 and AMOUNT_PART_RE.fullmatch(words[cut - 1].text):
            cut -= 1
        tail = Chunk(words[cut:])
        if 0 < cut < len(words) and tail.is_amount and not DIGIT_RE.search(words[cut - 1].text):
            gap = words[cut].x0 - words[cut - 1].x1
            space = statistics.median(
                w2.x0 - w1.x1 for w1, w2 in zip(words, words[1:], strict=False)
            )
            if gap > 1.5 * max(space, 0.5):
                out.extend([Chunk(words[:cut]), tail])
                continue
        out.append(chunk)
    return out


def line_pitch(above: Line, below: Line) -> float:
    """Distance between two lines' baselines (descenders left aside)."""
    if above.page != below.page:
        return 1e9
    return below.baseline - above.baseline


def line_gap(above: Line, below: Line) -> float:
    if above.page != below.page:
        return 1e9
    return below.top - above.bottom
