"""Tables without rulings, read from where their words sit on the page.

A grant deliberation prints its subsidies in sections of rows ``code | organisation | type |
project | amount``, each closed by a ``Total … €`` line and a sentence giving the credit line it
is drawn from. No rule is drawn, so pdfplumber's lattice does not see them, and the text layer
flattens them into lines in which a wrapped name and the next row look alike. Here:

* each word of the text layer gets its box (pypdfium2's character boxes), and words are grouped
  into visual lines and, within a line, into chunks separated by a column gap;
* amounts whose right edges align on the page make the amount columns; the left edges of the
  other chunks of those lines make the text columns;
* a line with an amount in an amount column starts a row; a line with none is a wrapped line of
  the row above (of the row below when it sits closer to it, a cell centred in its row); a
  ``Total`` line closes a section, whose title is above its rows and whose imputation sentence
  follows the total;
* a table whose last row is at the foot of a page continues on the next page when that page
  starts with rows in the same columns, under a repeated header or none;
* every printed total is checked against the sum of the rows above it (:func:`check_sums`), and
  the status printed in or next to a row ("Vote reporté", "annulé", a line struck through) is
  kept: such a row grants nothing.

Each cell is located in the page text (its words' offsets), so evidence works as for sentences.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.pdf import layer_text_map
from deliberations.schemas.document import PageText, RowKind, Table, TableCell, TableSection

_I = re.IGNORECASE
# a sum as a table prints it: "12 500 €", "1 000,00", "320,00 €", "-", "0 €"
AMOUNT_RE = re.compile(
    r"^-?(?:[1-9]\d{0,2}(?:[ \u00a0\u202f.]\d{3})*|0)(?:,\d{1,2})?(?:\s?€|\s?EUR)?$|^-?\d+(?:,\d{1,2})?\s?€$"
)
YEAR_RE = re.compile(r"^(?:19|20)\d\d$")  # a year in a header ("2021"), not a sum
TOTAL_RE = re.compile(r"^\W*(?:sous[- ]?)?(?:total(?:es?)?|totaux)\b|^\W*montant\s+total\b", _I)
SUBTOTAL_RE = re.compile(r"^\W*sous[- ]?total", _I)
# page furniture that may sit between a table's rows at a page break
FURNITURE_RE = re.compile(
    r"^\W*(?:page\s+\d+(?:\s*(?:/|sur)\s*\d+)?|\d+\s*/\s*\d+|-\s*\d+\s*-|\d{1,3})\W*$", _I
)
HEADER_WORD_RE = re.compile(
    r"\b(?:montants?|sommes?|subventions?|code|n°|objet|organismes?|associations?|bénéficiaires?|tiers|types?"
    r"|projets?|actions?|nature|structures?|porteurs?|attribu\w*|propos\w*|vot\w*|accord\w*|euros|€|nom)\b|€",
    _I,
)
NAME_HEADER_RE = re.compile(
    r"association|bénéficiaire|organisme|structure|porteur|attributaire|club|\btiers\b|raison\s+sociale|\bnom\b",
    _I,
)
GRANTED_HEADER_RE = re.compile(r"montant|somme|subvention|attribu|propos|accord|vot|€|euros", _I)
# printed in a row or next to it: the grant is not made (postponed, cancelled, withdrawn)
STATUS_RE = re.compile(
    r"\b(?:vote\s+(?:report[ée]|ajourn[ée]|diff[ée]r[ée])|report[ée]e?\s+(?:à|au)\s|ajourn[ée]e?|annul[ée]e?s?|retir[ée]e?s?"
    r"|sans\s+objet|rejet[ée]e?|refus[ée]e?|non\s+(?:attribu[ée]e?|vot[ée]e?|accord[ée]e?))\b"
    # the status alone in a cell: "Reporté", "Différé"
    r"|^\s*(?:report[ée]e?|diff[ée]r[ée]e?)\s*$",
    _I,
)
IMPUTATION_RE = re.compile(
    r"imput\w*|\bchapitre\b|\barticle\b|\bnature\b|ligne\s+(?:de\s+)?crédits?|\bfonction\b|\bcompte\s+\d",
    _I,
)
CHUNK_GAP = 0.9  # a gap wider than this many text heights separates two cells of a line
ALIGN = 3.0  # points: right edges of one amount column, left edges of one text column
WORD_RE = re.compile(r"\S+")
MIN_COLUMN_AMOUNTS = 2  # amounts aligned on a page to make a column
MAX_GAP_LINES = 8  # lines without an amount that may separate two rows of one table
HEAD_LINES = 6  # lines above a table's first row that may be its header and title
EDGE_LINES = 4  # a table at the foot of a page, continued at the head of the next
STRIKE_BAND = (0.25, 0.75)  # a thin rule through this part of a line's height strikes it out


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # offsets in the document text
    end: int
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Chunk:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def is_amount(self) -> bool:
        text = self.text
        return (
            bool(AMOUNT_RE.match(text))
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


@dataclass
class Column:
    left: float
    right: float
    amounts: bool  # an amount column: right-aligned sums


@dataclass
class PageLayout:
    number: int
    lines: list[Line]
    columns: list[Column]  # amount columns found on the page
    rules: list[Rule] = field(default_factory=list)


def page_words(
    textpage: pdfium.PdfTextPage, height: float, base: int = 0
) -> tuple[str, list[Word]]:
    """The page text and its words with their boxes (PDF points from the page's top-left) and
    their offsets in the page text plus ``base`` (the page's start in the document text)."""
    text, index = layer_text_map(textpage)
    if textpage.count_chars() != len(textpage.get_text_range()):
        return text, []  # characters do not line up with the text: no boxes
    words = []
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))

    def charbox(i: int) -> tuple[float, float, float, float]:
        # as textpage.get_charbox(i), without its wrapper's cost (a page holds thousands)
        pdfium_c.FPDFText_GetCharBox(raw, i, *refs)
        return (left.value, bottom.value, right.value, top.value)

    for match in WORD_RE.finditer(text):
        boxes = [charbox(index[i]) for i in range(match.start(), match.end()) if index[i] >= 0]
        boxes = [b for b in boxes if b[2] > b[0] or b[3] > b[1]]
        if not boxes:
            continue
        words.append(
            Word(
                match.group(),
                base + match.start(),
                base + match.end(),
                min(b[0] for b in boxes),
                height - max(b[3] for b in boxes),
                max(b[2] for b in boxes),
                height - min(b[1] for b in boxes),
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
            height = _median(heights)
            middle = _median(middles)
            if abs(word.middle - middle) <= 0.45 * max(min(height, word.height), 1.0):
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


def _median(ordered: list[float]) -> float:
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
        if word.x0 - out[-1].x1 > CHUNK_GAP * height:
            out.append(Chunk([word]))
        else:
            out[-1].words.append(word)
    return _split_amounts(_split_euros(out))


def _split_euros(chunks: list[Chunk]) -> list[Chunk]:
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


def _split_amounts(chunks: list[Chunk]) -> list[Chunk]:
    """ "Judo 500 €" written close: a run ending with an amount is split before it when the run
    before is text ("Judo") and the amount is whole (its words are digits groups and "€")."""
    out = []
    for chunk in chunks:
        words = chunk.words
        cut = len(words)
        while cut > 0 and re.fullmatch(r"[\d.,\u00a0\u202f]+|€|-", words[cut - 1].text):
            cut -= 1
        tail = Chunk(words[cut:])
        if 0 < cut < len(words) and tail.is_amount and not re.search(r"\d", words[cut - 1].text):
            gap = words[cut].x0 - words[cut - 1].x1
            space = statistics.median(
                w2.x0 - w1.x1 for w1, w2 in zip(words, words[1:], strict=False)
            )
            if gap > 1.5 * max(space, 0.5):
                out.extend([Chunk(words[:cut]), tail])
                continue
        out.append(chunk)
    return out


def amount_columns(lines: list[Line], minimum: int = MIN_COLUMN_AMOUNTS) -> list[Column]:
    """Columns of sums: at least ``minimum`` amounts standing in cells of their own, one above
    the other (their extents overlap: right-aligned, centred or left-aligned alike)."""
    amounts = sorted((c for line in lines for c in line.chunks if c.is_amount), key=lambda c: c.x0)
    groups: list[list[Chunk]] = []
    for chunk in amounts:
        if groups and chunk.x0 < max(c.x1 for c in groups[-1]) - 1.0:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return [
        Column(min(c.x0 for c in g), max(c.x1 for c in g), amounts=True)
        for g in groups
        if len(g) >= minimum
    ]


def _in_column(chunk: Chunk, column: Column) -> bool:
    overlap = min(chunk.x1, column.right) - max(chunk.x0, column.left)
    return chunk.is_amount and overlap >= 0.5 * (chunk.x1 - chunk.x0)


def _row_amount(line: Line, columns: list[Column]) -> bool:
    return any(_in_column(c, col) for c in line.chunks for col in columns)


Rule = tuple[float, float, float]  # left, y, right: a thin horizontal rule (top-left origin)


def horizontal_rules(page: pdfium.PdfPage, height: float) -> list[Rule]:
    """The page's thin horizontal paths: table rules, underlines, strike-throughs."""
    rules = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= 2.5 and right - left >= 15:
            rules.append((left, height - (top + bottom) / 2, right))
    return rules


def struck_lines(rules: list[Rule], lines: list[Line]) -> None:
    """Mark the lines a thin horizontal rule crosses in their middle (a line struck out)."""
    for line in lines:
        low = line.top + STRIKE_BAND[0] * (line.bottom - line.top)
        high = line.top + STRIKE_BAND[1] * (line.bottom - line.top)
        x0, x1 = line.words[0].x0, line.words[-1].x1
        for left, y, right in rules:
            if low <= y <= high and min(right, x1) - max(left, x0) >= 0.5 * (x1 - x0):
                line.struck = True
                break


def _ruled_between(rules: list[Rule], above: Line, below: Line) -> bool:
    """A rule drawn between two lines of one page, under both (a row's border)."""
    if above.page != below.page:
        return True
    x0 = min(above.words[0].x0, below.words[0].x0)
    x1 = max(above.words[-1].x1, below.words[-1].x1)
    return any(
        above.bottom - 1.0 <= y <= below.top + 1.0 and min(right, x1) - max(left, x0) > 0
        for left, y, right in rules
    )


def read_page(pdf: pdfium.PdfDocument, number: int, base: int = 0) -> PageLayout | None:
    """The lines of one page and its amount columns (None without any)."""
    page = pdf[number - 1]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            _, words = page_words(textpage, height, base)
        finally:
            textpage.close()
        lines = visual_lines(words, number)
        columns = amount_columns(lines)
        if not columns:
            return None
        rules = horizontal_rules(page, height)
        struck_lines(rules, lines)
        return PageLayout(number, lines, columns, rules)
    finally:
        page.close()


# --------------------------------------------------------------------------------- regions


@dataclass
class Region:
    """Consecutive lines of one table (maybe over several pages)."""

    lines: list[Line]
    columns: list[Column]
    rules: dict[int, list[Rule]] = field(default_factory=dict)  # per page


def regions_of(layout: PageLayout) -> list[tuple[int, int]]:
    """[first, last] line indices of each run of rows on the page (with what lies between)."""
    rows = [i for i, line in enumerate(layout.lines) if _row_amount(line, layout.columns)]
    out: list[list[int]] = []
    for i in rows:
        if out and i - out[-1][1] <= MAX_GAP_LINES + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(a, b) for a, b in out if sum(1 for r in rows if a <= r <= b) >= 2]


def _extend(layout: PageLayout, first: int, last: int) -> tuple[int, int]:
    """A region grown by its header and title above, and the imputation sentence below."""
    lines = layout.lines
    start = first
    for i in range(first - 1, max(first - 1 - HEAD_LINES, -1), -1):
        if (
            _row_amount(lines[i], layout.columns)
            or _is_prose(lines[i], layout.columns)
            or _gap(lines[i], lines[i + 1]) > 1.2 * (lines[i].bottom - lines[i].top)
        ):
            break
        start = i
    end = last
    if not TOTAL_RE.match(lines[last].text):
        for i in range(last + 1, min(last + 1 + EDGE_LINES, len(lines))):
            line = lines[i]
            if (
                _is_prose(line, layout.columns)
                or _gap(lines[i - 1], line) > line.bottom - line.top
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


def _is_prose(line: Line, columns: list[Column]) -> bool:
    """A sentence across the columns: one run of words reaching over an amount column."""
    return any(
        not c.is_amount and len(c.words) >= 6 and c.x1 > col.left and c.x0 < col.left
        for c in line.chunks
        for col in columns
    )


def find_regions(layouts: list[PageLayout]) -> list[Region]:
    """Table regions of the document, those at a page's foot joined to the next page's head."""
    found: list[Region] = []
    previous_end: tuple[int, int] | None = None  # (page, lines after the region on its page)
    for layout in layouts:
        spans = [_extend(layout, a, b) for a, b in regions_of(layout)]
        for index, (start, end) in enumerate(spans):
            lines = layout.lines[start : end + 1]
            continues = (
                index == 0
                and found
                and previous_end is not None
                and previous_end[0] == layout.number - 1
                and previous_end[1] <= EDGE_LINES
                and start <= EDGE_LINES
                and _same_columns(found[-1].columns, layout.columns)
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


def _same_columns(a: list[Column], b: list[Column]) -> bool:
    return any(abs(x.right - y.right) <= 2 * ALIGN for x in a for y in b)


# ----------------------------------------------------------------------------------- rows


@dataclass
class RowDraft:
    kind: RowKind
    lines: list[Line]


@dataclass
class SectionDraft:
    title: list[Line] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # indices in the drafts
    total: int | None = None
    imputation: list[Line] = field(default_factory=list)


def _is_header(line: Line, columns: list[Column]) -> bool:
    """Header words over the columns, one of them over an amount column, and no sum."""
    over_amounts = any(
        not c.is_amount and c.x1 >= col.left - ALIGN and c.x0 <= col.right + ALIGN
        for c in line.chunks
        for col in columns
    )
    return (
        len(line.chunks) >= 2
        and len(HEADER_WORD_RE.findall(line.text)) >= 2
        and over_amounts
        and not any(c.is_amount for c in line.chunks)
    )


def _labels(line: Line) -> bool:
    """A header's further line: short labels, each capitalised ("Reçues  Demandées")."""
    return all(
        len(c.words) <= 4 and (c.text[:1].isupper() or c.text[:1].isdigit() or c.text[:1] in "(€%")
        for c in line.chunks
    )


def _pitch(above: Line, below: Line) -> float:
    """Distance between two lines' baselines (descenders left aside)."""
    if above.page != below.page:
        return 1e9
    return below.baseline - above.baseline


def _gap(above: Line, below: Line) -> float:
    if above.page != below.page:
        return 1e9
    return below.top - above.bottom


def _header_blocks(lines: list[Line], columns: list[Column]) -> set[int]:
    """Ids of the lines of headers set over several lines ("2023  2024" / "Tiers … VOTE" /
    "Reçues  Demandées  Proposées  VOTÉES"): close lines without a sum, from the first with
    several cells on, naming at least two header words, one of them over an amount column."""
    found: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        if (
            line is not None
            and not any(c.is_amount for c in line.chunks)
            and (not run or (_gap(run[-1], line) < line.height and line.page == run[-1].page))
        ):
            if run or len(line.chunks) >= 2:
                run.append(line)
            continue
        text = " ".join(r.text for r in run)
        over = any(
            c.x1 >= col.left - ALIGN and c.x0 <= col.right + ALIGN
            for r in run
            for c in r.chunks
            for col in columns
        )
        if (
            len(run) >= 2
            and len(HEADER_WORD_RE.findall(text)) >= 2
            and over
            and _is_row_line(line, columns)
        ):
            found.update(id(r) for r in run if _labels(r) or _is_header(r, columns))
        run = (
            [line]
            if line is not None
            and len(line.chunks) >= 2
            and not any(c.is_amount for c in line.chunks)
            else []
        )
    return found


def _is_row_line(line: Line | None, columns: list[Column]) -> bool:
    return line is not None and _row_amount(line, columns)


def _kind(line: Line, columns: list[Column], headers: set[int] | None = None) -> str:
    if _is_header(line, columns) or (headers is not None and id(line) in headers):
        return "header"
    if _row_amount(line, columns):
        return "total" if TOTAL_RE.match(line.text) else "row"
    return "other"


def _split_between(
    above: Line, lines: list[Line], below: Line | None, rules: dict[int, list[Rule]]
) -> int:
    """Lines between two rows: how many go with the row above; the others belong to the row
    below (its cell is centred or bottom-aligned). A rule drawn between two of them is the rows'
    border; without rules, a line sits with the row it is closer to, and even spacing keeps it
    with the row above."""
    sequence = [above, *lines, *([below] if below is not None else [])]
    borders = [
        i
        for i in range(len(sequence) - 1)
        if _ruled_between(rules.get(sequence[i].page, []), sequence[i], sequence[i + 1])
    ]
    inside = [i for i in borders if sequence[i].page == sequence[i + 1].page]
    if inside:
        return min(inside[0], len(lines))
    for i, line in enumerate(lines):
        previous = above if i == 0 else lines[i - 1]
        following = lines[i + 1] if i + 1 < len(lines) else below
        if (
            following is not None
            and _pitch(previous, line) > _pitch(line, following) + 0.25 * line.height
        ):
            return i
    return len(lines)


def _imputation_lines(lines: list[Line]) -> int:
    """How many of the lines after a total are its imputation sentence."""
    if not lines or not IMPUTATION_RE.search(lines[0].text):
        return 0
    for i, line in enumerate(lines):
        if line.text.rstrip().endswith((".", ";")):
            return i + 1
    return len(lines)


def build_rows(region: Region) -> tuple[list[RowDraft], list[SectionDraft]]:
    """The region's lines as header, data and total rows, grouped in sections: each row with
    its wrapped lines, each section with its title, total and imputation sentence."""
    columns = region.columns
    rows: list[RowDraft] = []
    sections = [SectionDraft()]
    buffer: list[Line] = []
    anchor = "start"  # what the last anchored line was: start, header, row, total
    header_text: str | None = None
    headers = _header_blocks(region.lines, columns)
    for line in region.lines:
        if FURNITURE_RE.match(line.text):
            continue
        kind = _kind(line, columns, headers)
        if kind == "other":
            header = rows[0] if rows and rows[0].kind == "header" and len(rows) == 1 else None
            if (
                anchor == "header"
                and header is not None
                and not buffer
                and _gap(header.lines[-1], line) < line.bottom - line.top
                and _labels(line)
            ):
                header.lines.append(line)  # the header's next line
                continue
            buffer.append(line)
            continue
        if kind == "header":
            _settle(buffer, rows, sections, anchor, None, region.rules)
            buffer = []
            if (
                header_text is not None
                and anchor == "header"
                and rows
                and rows[0].kind == "header"
                and len(rows) == 1
            ):
                rows[0].lines.append(line)  # the first header's next line
            elif header_text is None:
                header_text = line.text
                rows.insert(0, RowDraft("header", [line]))
                for section in sections:
                    section.rows = [r + 1 for r in section.rows]
                    section.total = None if section.total is None else section.total + 1
            anchor = "header" if len(rows) == 1 else anchor
            continue
        below = _settle(buffer, rows, sections, anchor, line, region.rules)
        buffer = []
        rows.append(RowDraft(kind, [*below, line]))  # type: ignore[arg-type]
        if kind == "total":
            sections[-1].total = len(rows) - 1
            sections.append(SectionDraft())
        else:
            sections[-1].rows.append(len(rows) - 1)
        anchor = kind
    _settle(buffer, rows, sections, anchor, None, region.rules)
    if not sections[-1].rows and sections[-1].total is None:
        sections.pop()
    return rows, sections


def _settle(
    buffer: list[Line],
    rows: list[RowDraft],
    sections: list[SectionDraft],
    anchor: str,
    below: Line | None,
    rules: dict[int, list[Rule]],
) -> list[Line]:
    """Give the lines since the last anchored line their place; returns those of the next row."""
    if not buffer:
        return []
    if anchor == "row":
        up = _split_between(rows[-1].lines[-1], buffer, below, rules)
        rows[-1].lines.extend(buffer[:up])
        return buffer[up:] if below is not None else []
    rest = buffer
    if anchor == "total" and len(sections) >= 2:
        taken = _imputation_lines(buffer)
        sections[-2].imputation.extend(buffer[:taken])
        rest = buffer[taken:]
    if anchor == "header" and below is not None:
        return rest  # between the header and the first row: the first row's upper lines
    sections[-1].title.extend(rest)
    return []


def _column_lefts(region: Region, rows: list[RowDraft]) -> list[float]:
    """Left edges of the text columns: where text chunks of the rows start, aligned."""
    starts = sorted(
        c.x0
        for row in rows
        if row.kind == "row"
        for line in row.lines
        for c in line.chunks
        if not c.is_amount and not any(_in_column(c, col) for col in region.columns)
    )
    groups: list[list[float]] = []
    for x in starts:
        if groups and x - groups[-1][-1] <= ALIGN:
            groups[-1].append(x)
        else:
            groups.append([x])
    data_rows = sum(1 for r in rows if r.kind == "row")
    keep = [min(g) for g in groups if len(g) >= max(2, data_rows // 3)] or [
        min(g) for g in groups[:1]
    ]
    # text between two amount columns (or after the last): a column of its own ("Observations")
    bounds = sorted((c.left, c.right) for c in region.columns)
    for (_, right), (left, _) in zip(bounds, [*bounds[1:], (1e9, 1e9)], strict=True):
        inside = [
            c.x0
            for row in rows
            if row.kind == "row"
            for line in row.lines
            for c in line.chunks
            if not c.is_amount and c.x0 > right + ALIGN and c.x1 < left - ALIGN
        ]
        if inside and not any(right < x < left for x in keep):
            keep.append(min(inside))
    return sorted(keep)


def _cell_index(word: Word, lefts: list[float], columns: list[Column]) -> int:
    """Column of a word: the amount column it overlaps, else the text column it starts in."""
    edges = sorted(
        [(x, False, i) for i, x in enumerate(lefts)]
        + [(c.left, True, i) for i, c in enumerate(columns)]
    )
    for position, (_, is_amount, i) in enumerate(edges):
        if is_amount and word.x1 >= columns[i].left - ALIGN and word.x0 <= columns[i].right + ALIGN:
            return position
    chosen = 0
    for position, (x, _, _) in enumerate(edges):
        if x <= word.x0 + ALIGN:
            chosen = position
    return chosen


def _join(words: list[Word]) -> str:
    text = ""
    for word in words:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and word.text[:1].isalpha():
            text = text[:-1] + word.text if word.text[:1].islower() else text + word.text
        else:
            text = f"{text} {word.text}" if text else word.text
    return text


def _cells(lines: list[Line], lefts: list[float], columns: list[Column]) -> list[TableCell]:
    bins: list[list[Word]] = [[] for _ in range(len(lefts) + len(columns))]
    for line in lines:
        for chunk in line.chunks:
            aligned = next((i for i, col in enumerate(columns) if _in_column(chunk, col)), None)
            for word in chunk.words:
                index = (
                    _cell_index(word, lefts, columns)
                    if aligned is None
                    else _amount_position(aligned, lefts, columns)
                )
                bins[index].append(word)
    return [_cell(words) for words in bins]


def _amount_position(i: int, lefts: list[float], columns: list[Column]) -> int:
    edges = sorted(
        [(x, False, j) for j, x in enumerate(lefts)]
        + [(c.left, True, j) for j, c in enumerate(columns)]
    )
    return next(p for p, (_, is_amount, j) in enumerate(edges) if is_amount and j == i)


def _cell(words: list[Word]) -> TableCell:
    if not words:
        return TableCell(text="")
    return TableCell(
        text=_join(words), start=min(w.start for w in words), end=max(w.end for w in words)
    )


def cell_value(text: str) -> float | None:
    """The sum a cell prints ("12 500 €", "1 000,00"), None when it prints none."""
    text = text.strip()
    if not AMOUNT_RE.match(text) or not any(ch.isdigit() for ch in text):
        return None
    digits = re.sub(r"\s|€|EUR", "", text.replace("\u00a0", " ").replace("\u202f", " "))
    if "," in digits:
        whole, cents = digits.rsplit(",", 1)
        digits = f"{whole.replace('.', '')}.{cents}"
    elif re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _status(lines: list[Line]) -> str | None:
    for line in lines:
        if line.struck:
            return "barré"
        for text in (line.text, *(c.text for c in line.chunks)):
            found = STATUS_RE.search(text)
            if found:
                return found.group().strip()
    return None


def _name_column(
    header: list[TableCell] | None, cells: list[list[TableCell]], amount_positions: set[int]
) -> int | None:
    if header is not None:
        named = next((i for i, c in enumerate(header) if NAME_HEADER_RE.search(c.text)), None)
        if named is not None:
            return named
    for i in range(len(cells[0]) if cells else 0):
        if i in amount_positions:
            continue
        texts = [row[i].text for row in cells if row[i].text]
        names = [
            t
            for t in texts
            if sum(ch.isalpha() for ch in t) >= 3 and not re.fullmatch(r"[\w./-]{1,12}", t)
        ]
        if texts and len(names) * 2 >= len(texts):
            return i
    return None


def _granted_column(
    header: list[TableCell] | None, amount_positions: list[int], rows: list[list[TableCell]]
) -> int | None:
    """The column of the sums granted: the last one its header calls so, else the last one;
    a column of counts (votes "14", "2") is no column of sums."""
    sums = [i for i in amount_positions if _holds_sums([row[i].text for row in rows])]
    if header is not None:
        named = [i for i in sums if GRANTED_HEADER_RE.search("".join(header[i].text.split()))]
        if named:
            return named[-1]
    return sums[-1] if sums else None


def _holds_sums(texts: list[str]) -> bool:
    values = [(t, cell_value(t)) for t in texts if cell_value(t) is not None]
    sums = [t for t, v in values if "€" in t or "," in t or (v or 0) >= 100]
    return bool(values) and 2 * len(sums) >= len(values)


def to_table(region: Region, page_starts: list[int] | None = None) -> Table | None:
    """The region as a :class:`Table`: header first (empty cells when none is printed), its
    sections, row statuses, and the check of every printed total."""
    drafts, section_drafts = build_rows(region)
    data = [d for d in drafts if d.kind == "row"]
    if len(data) < 2:
        return None
    lefts = _column_lefts(region, drafts)
    columns = region.columns
    width = len(lefts) + len(columns)
    amount_positions = sorted(_amount_position(i, lefts, columns) for i in range(len(columns)))
    cells = [_cells(d.lines, lefts, columns) for d in drafts]
    if drafts[0].kind != "header":
        drafts.insert(0, RowDraft("header", []))
        cells.insert(0, [TableCell(text="") for _ in range(width)])
        for section in section_drafts:
            section.rows = [r + 1 for r in section.rows]
            section.total = None if section.total is None else section.total + 1
    header = cells[0] if drafts[0].lines else None
    statuses = {
        i: s for i, d in enumerate(drafts) if d.kind == "row" for s in [_status(d.lines)] if s
    }
    amount = _granted_column(
        header, amount_positions, [c for c, d in zip(cells, drafts, strict=True) if d.kind == "row"]
    )
    table = Table(
        page=region.lines[0].page,
        rows=cells,
        method="words",
        pages=sorted({line.page for line in region.lines}),
        kinds=[d.kind for d in drafts],
        name_column=_name_column(
            header,
            [c for c, d in zip(cells, drafts, strict=True) if d.kind == "row"],
            set(amount_positions),
        ),
        amount_column=amount,
        statuses=statuses,
    )
    table.sections = [
        TableSection(
            title=_cell([w for line in s.title for w in line.words]) if s.title else None,
            rows=s.rows,
            total=cells[s.total][amount] if s.total is not None and amount is not None else None,
            imputation=_cell([w for line in s.imputation for w in line.words])
            if s.imputation
            else None,
        )
        for s in section_drafts
    ]
    check_sums(table, amount_positions)
    return table


def check_sums(table: Table, amount_columns_at: list[int]) -> None:
    """Every printed total against the rows it closes: the section's rows, else every row since
    the last total that is not a sub-total, else the whole table. A row with a status counts
    or not, whichever the printed total says (a postponed grant is often left out of it)."""
    since_total: list[int] = []
    everything: list[int] = []
    results = []
    for section in table.sections:
        since_total.extend(section.rows)
        everything.extend(section.rows)
        total_index = _total_row(table, section)
        if total_index is None:
            continue
        label = " ".join(c.text for c in table.rows[total_index])
        checks = []
        for column in amount_columns_at:
            printed = cell_value(table.rows[total_index][column].text)
            if printed is None:
                continue
            checks.append(
                any(
                    _sums_to(table, rows, column, printed)
                    for rows in (section.rows, since_total, everything)
                )
            )
        section.total_value = (
            cell_value(table.rows[total_index][table.amount_column].text)
            if table.amount_column is not None
            else None
        )
        section.adds_up = all(checks) if checks else None
        if section.adds_up is not None:
            results.append(section.adds_up)
        if not SUBTOTAL_RE.match(label):
            since_total = []
    table.adds_up = all(results) if results else None


def _total_row(table: Table, section: TableSection) -> int | None:
    if section.total is None or section.total.start is None:
        return None
    for i, kind in enumerate(table.kinds):
        if kind == "total" and any(c.start == section.total.start for c in table.rows[i]):
            return i
    return None


def _sums_to(table: Table, rows: list[int], column: int, printed: float) -> bool:
    values = [(cell_value(table.rows[r][column].text), r in table.statuses) for r in rows]
    every = sum(v for v, _ in values if v is not None)
    granted = sum(v for v, held in values if v is not None and not held)
    return abs(every - printed) < 0.01 or abs(granted - printed) < 0.01


def read_word_tables(path: Path, pages: list[PageText], page_starts: list[int]) -> list[Table]:
    """Every table of the document read from word positions (ruled ones too: the rules are not
    needed), continued across pages."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        layouts = [
            layout
            for page in pages
            if page.method == "text-layer" and _has_sums(page.text)
            for layout in [read_page(pdf, page.number, page_starts[page.number - 1])]
            if layout is not None
        ]
    finally:
        pdf.close()
    return [
        table
        for region in find_regions(layouts)
        for table in [to_table(region)]
        if table is not None
    ]


SUM_RE = re.compile(r"\d[\d  .]*(?:,\d{2})?\s?€|\d{1,3}(?:[  .]\d{3})*,\d{2}\b")


def _has_sums(text: str) -> bool:
    return len(SUM_RE.findall(text)) >= MIN_COLUMN_AMOUNTS
