"""The text of a document as the extract stage hands it to the nlp stage.

Rules run over the whole document text (pages joined by a form feed) so that a phrase broken
across a page still matches; :meth:`DocumentText.evidence` maps a global span back to the page
and the offsets in that page's own text, which is what evidence records. On an OCR'd page each
word keeps its box and Tesseract's confidence, so evidence there also carries the page region
read and the lowest confidence over the span (:meth:`DocumentText.span_confidence`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict

from deliberations.schemas.record import Evidence

PAGE_SEPARATOR = "\f"

# "error": the page needed OCR and OCR failed (Tesseract missing, or it crashed on the page)
TextMethod = Literal["text-layer", "ocr", "plain-text", "none", "error"]
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin
# Where an OCR'd word sits on the page: the text people wrote ("body"), or a mark put over it
# afterwards ("stamp": the prefecture's acknowledgement, a certification or mail stamp, a
# signature). Stamps come last in the page text, after a blank line.
Zone = Literal["body", "stamp"]


class OcrWord(BaseModel):
    """One word read by OCR: where it is in the page text, on the page, and how sure."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int  # offsets in the page's text
    end: int
    confidence: float  # Tesseract's word confidence, 0..1
    bbox: BBox
    zone: Zone = "body"


class LineStyle(BaseModel):
    """How one line of a page is set (:mod:`deliberations.extract.typography`), against the
    page's body text: a short bold or larger line with space above is a title in almost every
    body's documents, a line set as the body's running text is none."""

    model_config = ConfigDict(frozen=True)

    start: int  # offsets of the line in the page's text (its line break excluded)
    end: int
    size: float  # its text height over the body text's (1.0: the body's size)
    bold: bool | None  # most of its letters in a bold face (None: not known, an OCR'd page)
    centred: bool  # its middle at the text column's middle, away from both margins
    indent: float  # its left edge right of the body's left margin, in body text heights
    width: float  # its width over the text column's
    space_above: float | None  # the gap above it, in body text heights (None: first on the page)


class PageText(BaseModel):
    """One page's text and how it was obtained."""

    model_config = ConfigDict(frozen=True)

    number: int  # 1-based
    text: str
    method: TextMethod = "text-layer"
    reason: str = ""
    words: list[OcrWord] = []  # OCR'd pages only, in text order
    confidence: float | None = None  # OCR'd pages: mean word confidence (0..1)
    error: str | None = None  # method "error": the error class (e.g. "OcrUnavailableError")
    lines: list[LineStyle] = []  # how each line is set, where known (text layers, OCR'd pages)

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The OCR'd words overlapping [start, end) of this page's text."""
        if not self.words:
            return []
        first = max(bisect_right(self._word_starts, start) - 1, 0)
        last = bisect_left(self._word_starts, end)
        return [w for w in self.words[first:last] if w.end > start and w.start < end]

    def zone_spans(self, zone: Zone = "stamp") -> list[tuple[int, int]]:
        """The [start, end) spans of this page's text whose OCR'd words are in ``zone``, each
        run of consecutive such words one span (none on a text-layer page)."""
        spans: list[tuple[int, int]] = []
        previous_in_zone = False
        for word in self.words:
            in_zone = word.zone == zone
            if in_zone and previous_in_zone:
                spans[-1] = (spans[-1][0], word.end)
            elif in_zone:
                spans.append((word.start, word.end))
            previous_in_zone = in_zone
        return spans


class TableCell(BaseModel):
    text: str
    start: int | None = None  # global offset in DocumentText.text when it could be located
    end: int | None = None


RowKind = Literal["header", "row", "total"]


class TableSection(BaseModel):
    """Rows of a table closed by a printed total, with the title above them and the sentence
    after the total that gives the credit line they are drawn from (each may be missing).

    ``adds_up`` is the self-check: the section's rows sum to its printed total (None when no
    total is printed); a table whose sums fail is flagged, its values kept as printed.
    """

    title: TableCell | None = None
    rows: list[int] = []  # indices in Table.rows of the section's data rows
    total: TableCell | None = None  # the printed total's amount cell
    total_value: float | None = None
    imputation: TableCell | None = None
    adds_up: bool | None = None
    rows_sum: float | None = None  # what the rows it closes sum to, in the granted column
    mismatch: str | None = None  # the first column that does not add up, in words


class Table(BaseModel):
    """A table: ruled ones read by pdfplumber ("lattice"), unruled ones from word positions
    ("words"), a text document's from its lines ("text", extract/text_tables.py). The first row
    is taken as its header (all empty when none is printed)."""

    page: int
    rows: list[list[TableCell]]
    method: Literal["lattice", "words", "text"] = "lattice"
    pages: list[int] = []  # every page it runs over (a words table continues across pages)
    kinds: list[RowKind] = []  # per row, when known (words tables)
    name_column: int | None = None  # the beneficiary's column, when recognised
    amount_column: int | None = None  # the column of the sums granted, when recognised
    statuses: dict[int, str] = {}  # row index -> status printed in or next to it ("Vote reporté")
    unsure: list[int] = []  # rows whose granted sum OCR read below its confidence threshold
    sections: list[TableSection] = []
    adds_up: bool | None = None  # every printed total matches its rows (None: no total printed)

    def span(self) -> tuple[int, int] | None:
        """The global [start, end) of the text its located cells cover."""
        located = [
            (c.start, c.end or c.start) for row in self.rows for c in row if c.start is not None
        ]
        if not located:
            return None
        return min(s for s, _ in located), max(e for _, e in located)


class DocumentText(BaseModel):
    """All pages of one document, with the global text the rules read."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    pages: list[PageText]
    tables: list[Table] = []

    @cached_property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    @cached_property
    def _page_starts(self) -> list[int]:
        starts, offset = [], 0
        for page in self.pages:
            starts.append(offset)
            offset += len(page.text) + len(PAGE_SEPARATOR)
        return starts

    def page_of(self, offset: int) -> int:
        """1-based page number holding a global offset."""
        return max(bisect_right(self._page_starts, offset), 1)

    def page_start(self, page: int) -> int:
        return self._page_starts[page - 1]

    def _span_words(self, start: int, end: int) -> list[tuple[PageText, list[OcrWord]]]:
        """Per page touched by the global span [start, end), its OCR'd words in the span."""
        out = []
        for number in range(self.page_of(start), self.page_of(max(end - 1, start)) + 1):
            page = self.pages[number - 1]
            base = self._page_starts[number - 1]
            out.append((page, page.words_in(start - base, end - base)))
        return out

    def span_confidence(self, start: int, end: int, *, digits: bool = False) -> float | None:
        """Lowest OCR word confidence over the global span; None when no OCR'd word is in it.

        A span on a text-layer page has no confidence (None), and so does one on an OCR'd page
        that covers no word (blank space). With ``digits``, only the words holding a digit count
        (a "€" or a table rule read as "|" is often unsure while the figures are not): the nlp
        stage drops amounts and imputations whose digits' confidence is below
        :data:`deliberations.extract.ocr.LOW_CONFIDENCE`.
        """
        confidences = [
            w.confidence
            for _, words in self._span_words(start, end)
            for w in words
            if not digits or any(ch.isdigit() for ch in w.text)
        ]
        return min(confidences) if confidences else None

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the global span [start, end): page and offsets in that page.

        On an OCR'd page it also gives the region read (the union of the words' boxes on the
        first page of the span) and the lowest word confidence over the span.
        """
        page = self.page_of(start)
        base = self._page_starts[page - 1]
        page_len = len(self.pages[page - 1].text)
        bbox = None
        words = self.pages[page - 1].words_in(start - base, end - base)
        if words:
            bbox = (
                round(min(w.bbox[0] for w in words), 1),
                round(min(w.bbox[1] for w in words), 1),
                round(max(w.bbox[2] for w in words), 1),
                round(max(w.bbox[3] for w in words), 1),
            )
        confidence = self.span_confidence(start, end)
        return Evidence(
            page=page,
            start=start - base,
            end=min(end - base, page_len),
            bbox=bbox,
            confidence=None if confidence is None else round(confidence, 3),
        )
