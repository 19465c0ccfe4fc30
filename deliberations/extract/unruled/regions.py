"""Where a table stands: runs of lines with sums in the amount columns, grown by their header
and title above and the imputation sentence below, joined across a page break."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium

from deliberations.extract.unruled.columns import (
    ALIGN,
    Column,
    amount_columns,
    row_amount,
    same_columns,
)
from deliberations.extract.unruled.geometry import (
    Line,
    Word,
    line_gap,
    page_words,
    visual_lines,
)
from deliberations.extract.unruled.patterns import ANNOUNCES_RE, IMPUTATION_RE, TOTAL_RE
from deliberations.extract.unruled.rulings import Rule, horizontal_rules, struck_lines
from deliberations.schemas.document import PageText

MAX_GAP_LINES = 8  # lines without an amount that may separate two rows of one table


HEAD_LINES = 6  # lines above a table's first row that may be its header and title


EDGE_LINES = 4  # a table at the foot of a page, continued at the head of the next


@dataclass
class PageLayout:
    number: int
    lines: list[Line]
    columns: list[Column]  # amount columns found on the page
    rules: list[Rule] = field(default_factory=list)


def read_page(pdf: pdfium.PdfDocument, number: int, base: int = 0) -> PageLayout | None:
    """The lines of one page and its amount columns (None without any)."""
    page = pdf[number - 1]
    try:
        textpage = page.get_textpage()
        try:
            return page_layout(page, textpage, number, base)
        finally:
            textpage.close()
    finally:
        page.close()


def page_layout(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, base: int = 0
) -> PageLayout | None:
    """:func:`read_page` of a page already loaded (the reader of its text layer's pass)."""
    height = page.get_height()
    _, words = page_words(textpage, height, base)
    lines = visual_lines(words, number)
    columns = amount_columns(lines)
    if not columns:
        return None
    rules = horizontal_rules(page, height)
    struck_lines(rules, lines)
    return PageLayout(number, lines, columns, rules)


def shifted(layout: PageLayout, by: int) -> PageLayout:
    """``layout`` with its words' offsets moved by ``by``: a layout read before the page's start
    in the document text was known (offsets are used by nothing that groups the words)."""
    if by == 0:
        return layout
    moved = {
        id(w): replace(w, start=w.start + by, end=w.end + by)
        for line in layout.lines
        for w in line.words
    }
    lines = [
        replace(
            line,
            words=[moved[id(w)] for w in line.words],
            chunks=[replace(c, words=[moved[id(w)] for w in c.words]) for c in line.chunks],
        )
        for line in layout.lines
    ]
    return replace(layout, lines=lines)


def read_ocr_page(page: PageText, base: int = 0) -> PageLayout | None:
    """The same from the words OCR read on a scanned page (boxes in PDF points from the page's
    top-left corner); no rule is seen there."""
    words = [
        Word(w.text, base + w.start, base + w.end, *w.bbox, confidence=w.confidence)
        for w in page.words
        if w.zone == "body"
    ]
    lines = visual_lines(words, page.number)
    columns = amount_columns(lines)
    return PageLayout(page.number, lines, columns) if columns else None


@dataclass
class Region:
    """Consecutive lines of one table (maybe over several pages)."""

    lines: list[Line]
    columns: list[Column]
    rules: dict[int, list[Rule]] = field(default_factory=dict)  # per page


def regions_of(layout: PageLayout) -> list[tuple[int, int]]:
    """[first, last] line indices of each run of rows on the page (with what lies between)."""
    rows = [i for i, line in enumerate(layout.lines) if row_amount(line, layout.columns)]
    prose = [i for i, line in enumerate(layout.lines) if is_sentence(line, layout.columns)]
    out: list[list[int]] = []
    for i in rows:
        # a sentence across the columns between two rows ends a table: the next rows are
        # another's (a grant list, then "Monsieur le Maire demande de voter le budget …", then
        # the budget's table)
        if (
            out
            and i - out[-1][1] <= MAX_GAP_LINES + 1
            and not any(out[-1][1] < j < i for j in prose)
        ):
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(a, b) for a, b in out if sum(1 for r in rows if a <= r <= b) >= 2]


def extend_region(layout: PageLayout, first: int, last: int) -> tuple[int, int]:
    """A region grown by its header and title above, and the imputation sentence below."""
    lines = layout.lines
    start = first
    for i in range(first - 1, max(first - 1 - HEAD_LINES, -1), -1):
        if (
            row_amount(lines[i], layout.columns)
            or is_prose(lines[i], layout.columns)
            or line_gap(lines[i], lines[i + 1]) > 1.2 * (lines[i].bottom - lines[i].top)
        ):
            break
        start = i
    end = last
    if not TOTAL_RE.match(lines[last].text):
        for i in range(last + 1, min(last + 1 + EDGE_LINES, len(lines))):
            line = lines[i]
            if (
                is_prose(line, layout.columns)
                or line_gap(lines[i - 1], line) > line.bottom - line.top
                or line.chunks[0].x0
                < min(row.chunks[0].x0 for row in lines[first : last + 1]) - 2 * ALIGN
            ):
                break
            end = i
    if TOTAL_RE.match(lines[last].text):
        for i in range(last + 1, min(last + 4, len(lines))):
            if not IMPUTATION_RE.search(" ".join(line.text for line in lines[last + 1 : i + 1])):
                continue
            end = i
            if lines[i].text.rstrip().endswith((".", ";")):
                break
    return start, end


def is_prose(line: Line, columns: list[Column]) -> bool:
    """A sentence across the columns: one run of words reaching over an amount column."""
    return any(
        not c.is_amount and len(c.words) >= 6 and c.x1 > col.left and c.x0 < col.left
        for c in line.chunks
        for col in columns
    )


def is_sentence(line: Line, columns: list[Column]) -> bool:
    """Prose written as a sentence: across the page's amount columns up to the last one (a
    cell's wrapped description stays left of the sums), most of its words in lower case (a
    budget line's label set wide, "Opé 0002 Création CR Agro Forestier", is no sentence)."""
    if not is_prose(line, columns) or not columns:
        return False
    last = max(col.left for col in columns)
    if not any(not c.is_amount and c.x1 > last for c in line.chunks):
        return False
    words = [w.text for w in line.words if w.text[:1].isalpha()]
    return 2 * sum(w[:1].islower() for w in words) >= len(words)


def introduced(layout: PageLayout, start: int, end: int) -> bool:
    """Whether a sentence at the head of the page, just above the region, introduces it ("Au vu
    des résultats présentés ci-dessus, le besoin de financement s'établit comme suit :"): a new
    table, not the one the page before ends with. The sentence's last line stands just above the
    rows, or above the one line of the columns' header, and ends with a colon or announces them;
    it starts at the table's left, and it or the line before it is written across the columns.
    A running header introduces nothing, set aside ("Commune de …, séance du …" at the right) or
    written as a sentence ("Procès-verbal de la séance du conseil municipal du 12 avril 2016")."""
    if start == 0:
        return False
    left = min(line.chunks[0].x0 for line in layout.lines[start : end + 1])
    above = layout.lines[max(0, start - 2) : start]
    if not any(
        ANNOUNCES_RE.search(line.text) and line.chunks[0].x0 <= left + ALIGN for line in above
    ):
        return False
    return any(
        is_sentence(line, layout.columns) and line.chunks[0].x0 <= left + ALIGN for line in above
    )


def find_regions(layouts: list[PageLayout]) -> list[Region]:
    """Table regions of the document, those at a page's foot joined to the next page's head."""
    found: list[Region] = []
    previous_end: tuple[int, int] | None = None  # (page, lines after the region on its page)
    for layout in layouts:
        spans = [extend_region(layout, a, b) for a, b in regions_of(layout)]
        for index, (start, end) in enumerate(spans):
            lines = layout.lines[start : end + 1]
            continues = (
                index == 0
                and found
                and previous_end is not None
                and previous_end[0] == layout.number - 1
                and previous_end[1] <= EDGE_LINES
                and start <= EDGE_LINES
                and not introduced(layout, start, end)
                # the columns of the rows on either side of the break (a page's other table
                # does not blur them)
                and same_columns(
                    amount_columns(found[-1].lines) or found[-1].columns,
                    amount_columns(lines) or layout.columns,
                )
            )
            if continues:
                found[-1].lines.extend(lines)
            else:
                found.append(Region(list(lines), layout.columns))
            found[-1].rules[layout.number] = layout.rules
            previous_end = (layout.number, len(layout.lines) - 1 - end)
    for region in found:
        # the columns of the region's own sums: another table on the page does not blur them
        region.columns = amount_columns(region.lines) or region.columns
    return found
