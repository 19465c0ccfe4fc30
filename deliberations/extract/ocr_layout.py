"""Page text from OCR'd words: reading order, columns, table rows, stamps, and word offsets.

The text is laid out as :mod:`deliberations.extract.pdf` lays out a text layer, so the rules
read both alike: words of a line joined by a space, lines by ``\\n``, paragraphs by a blank line.
It follows Tesseract's own structure (``--psm 3``: blocks, paragraphs, lines, in its reading
order) and mends what that structure gets wrong on deliberations:

* **blocks in reading order**: beside a sidebar Tesseract's order of blocks goes astray (the
  sidebar, then blocks from half way down the body, then the body's title). Blocks are put in
  order by recursive cuts of the page (:func:`_xy_order`): columns first, where a gutter no
  block crosses runs down the page (a sidebar whole, then the body), else bands from top to
  bottom; blocks that no cut parts and lie one above the other have their lines taken top to
  bottom. On the scans of tests/data/real, 25 pages of 77 came out in another order;
* **columns and sidebars**: beside a narrow column (the body's identity and act number on the
  left, the séance and attendance on the right) Tesseract often reads one line across both
  ("Extrait du registre    Convoqué le …"). Lines are cut where the gap between two words is
  wider than ``CELL_GAP`` text heights; consecutive lines whose pieces all keep to either side
  of one vertical gutter are a two-column *region*, emitted column by column (the left one
  whole, then the right one), each as a block of its own;
* **tables**: a region whose rows hold three cells or more, or end with a figure, or whose
  narrower side is no running text (figures, codes, a repeated status such as "Approuvée") is
  a table: each row stays one line, its cells in order from left to right. A column of figures
  that Tesseract read as a block of its own (the amounts of a budget table) is put back in the
  rows it faces: "Chapitre 011 Charges à caractère général 12 000,00" stays one line;
* **stamps**: a block that is a prefecture's acknowledgement, a certification or a mail stamp
  (:mod:`deliberations.extract.ocr_stamps`), a small block slanted against the page (a rubber
  stamp put on askew) or a small block of words Tesseract is unsure of (a signature) is moved
  to the end of the page text, after a blank line, and its words are marked ``zone="stamp"``.
  Words left of a stamp in its block (a title the stamp touches) go back to the body;
* **amounts**: a head Tesseract split from the amount's last group ("1758 724,05") is
  regrouped by thousands (:mod:`deliberations.extract.ocr_numbers`).
* **rulings and bullets**: an upright ruling of a table read as "|" is left out of the text
  (kept in the geometry), and a "|" glued to a figure cut off ("300,43|"); a list's bullet
  read as a stray sign a tab before a capital ("“ Désignation …", "= Détermination …") is
  given back as "▪", the symbol font's bullet the text layer gives. On the rescans of the real
  set (``bench/bench_rescans.py``) the bullets alone took Taluyers 2014 from 0.50 to 0.62.

Blank lines come from the gaps between lines, as on a text layer: a gap larger than the page's
ordinary line spacing by more than ``PARAGRAPH_GAP`` text heights, a block beside another, a
column, a stamp. Tesseract's own paragraphs and blocks one below the other make none by
themselves (``TESSERACT_PARAGRAPHS``): it starts them at hanging indents, wrapped table cells
and the last words of a sentence, and on the rescans of the real documents that cost F1. A
scan is often skewed: a line's position is taken where it crosses the left edge of the
page once the page's slant (the median slope of words along their lines) is taken out, so a
short last line of a paragraph is not mistaken for a gap.

Every word keeps its box and confidence, and its offsets in the text (the words are returned in
text order), so evidence and the low-confidence digit filter read the right words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from deliberations.extract.ocr import RawWord
from deliberations.extract.ocr_numbers import regroup_thousands
from deliberations.extract.ocr_stamps import is_stamp, stamp_line
from deliberations.schemas.document import OcrWord, Zone

PARAGRAPH_GAP = 0.5  # as in deliberations.extract.pdf: extra gap, in text heights, for a paragraph
MAX_LINE_SPACING = 2.0  # the ordinary distance between lines is at most this many text heights
CELL_GAP = 2.0  # a gap between two words of a line wider than this many text heights cuts it
MIN_GUTTER = 1.0  # a gutter between two columns is at least this many text heights wide
REGION_REACH = 3.0  # a line joins a region when at most this many text heights below its last line
ROW_TOLERANCE = 0.5  # two lines face each other when their centres differ by less (text heights)
# Tesseract's own paragraphs (par_num) as blank lines: off. On the rescans of the real documents
# (bench/bench_rescans.py) they cost 0.5 to 2 points of micro F1, even kept to where the lines
# show a paragraph: Tesseract starts one at every hanging indent ("— Pour : 9, Mme …" then the
# names), every wrapped cell of a table and every "Vote :" above its counts. The blank lines
# come from the gaps between lines, as on a text layer, and from blocks.
TESSERACT_PARAGRAPHS = False
INDENT = 1.0  # a paragraph's first line starts this many text heights right of the line above
SHORT_LINE = 3.0  # a paragraph's last line ends this many text heights left of the line below
PROSE_WORDS = 2.5  # words per piece, on average, of a column of running text
NUMERIC_SHARE = 0.6  # a piece of text is a figure when this share of its characters are digits
SLANT_STAMP = math.tan(math.radians(5))  # a small block slanted more than this is a stamp
SMALL_BLOCK = 6  # lines: at most this many for a slanted or unsure block to be a mark
UNSURE = 0.45  # mean confidence under which a small block is a mark (a signature)...
SURE_WORD = 0.6  # ...if no word of it is read with this confidence (handwriting stays)
COLUMN_SPAN = 0.25  # a column runs down this share of the blocks it is cut from, at least
STAMP_GAP = 0.4  # text heights: a title parted from the stamp it touches by such a gap at least
XY_ORDER = True  # blocks in reading order by recursive cuts rather than in Tesseract's order
# a gutter between columns of blocks, in text heights: a sidebar's text often runs up to the
# rule drawn between it and the body, a few points from the body's text
BLOCK_GUTTER = 0.25


@dataclass
class _Line:
    """One line of the page, as indexes into the words (in Tesseract order, or by x)."""

    words: list[int]
    block: int
    par: int
    table: bool = False  # holds cells taken from a column of figures: a table row


@dataclass
class _Unit:
    """A run of lines emitted together: a block, a column of a region, or a table."""

    lines: list[_Line]
    paragraphs: bool = True  # Tesseract's paragraph numbers still mean something here
    column: bool = False  # one side of a two-column region
    zone: Zone = "body"


@dataclass
class _Page:
    words: Sequence[RawWord]
    texts: Sequence[str]
    height: float = 1.0  # median text height, PDF points
    slope: float = 0.0  # the page's slant
    ordinary: float = 1.0  # the ordinary line spacing
    lines: list[_Line] = field(default_factory=list)

    # -- geometry of words and lines
    def x0(self, ids: Sequence[int]) -> float:
        return min(self.words[i].bbox[0] for i in ids)

    def x1(self, ids: Sequence[int]) -> float:
        return max(self.words[i].bbox[2] for i in ids)

    def centre(self, ids: Sequence[int]) -> float:
        """Where the words' line crosses x = 0 once the slant is taken out."""
        return median(
            (self.words[i].bbox[1] + self.words[i].bbox[3]) / 2
            - self.slope * (self.words[i].bbox[0] + self.words[i].bbox[2]) / 2
            for i in ids
        )

    def text(self, ids: Sequence[int]) -> str:
        return " ".join(self.texts[i] for i in ids)

    def pieces(self, line: _Line) -> list[list[int]]:
        """The line cut at gaps wider than ``CELL_GAP`` text heights (words in x order)."""
        ids = sorted(line.words, key=lambda i: self.words[i].bbox[0])
        out = [[ids[0]]]
        for previous, current in zip(ids, ids[1:], strict=False):
            if self.words[current].bbox[0] - self.words[previous].bbox[2] > CELL_GAP * self.height:
                out.append([])
            out[-1].append(current)
        return out


# ----------------------------------------------------------------------------- lines


def _lines(words: Sequence[RawWord]) -> list[_Line]:
    lines: list[_Line] = []
    for i, word in enumerate(words):
        if not lines or words[lines[-1].words[-1]].line != word.line:
            lines.append(_Line(words=[], block=word.block, par=word.par))
        lines[-1].words.append(i)
    return lines


def _slope(page: _Page) -> float:
    """The page's slant: median slope of word centres along each line with several words."""
    slopes = []
    for line in page.lines:
        if len(line.words) < 3:
            continue
        first, last = page.words[line.words[0]].bbox, page.words[line.words[-1]].bbox
        dx = (last[0] + last[2]) / 2 - (first[0] + first[2]) / 2
        if dx > 0:
            slopes.append(((last[1] + last[3]) / 2 - (first[1] + first[3]) / 2) / dx)
    return median(slopes) if slopes else 0.0


def _ordinary_spacing(page: _Page) -> float:
    """The page's ordinary line spacing: a low quantile of the steps down between lines; on a
    page of few lines (all of them paragraph gaps, maybe) no more than a double-spaced line's."""
    positions = [page.centre(line.words) for line in page.lines]
    below = sorted(
        b - a for a, b in zip(positions, positions[1:], strict=False) if b - a > page.height / 2
    )
    return min(below[len(below) // 4] if below else page.height, MAX_LINE_SPACING * page.height)


# ------------------------------------------------------------------- reading order


def _block_boxes(page: _Page) -> dict[int, tuple[float, float, float, float]]:
    """Each Tesseract block's box, once the page's slant is taken out (x0, y0, x1, y1)."""
    boxes: dict[int, list[float]] = {}
    for line in page.lines:
        for i in line.words:
            x0, y0, x1, y1 = page.words[i].bbox
            dy = page.slope * (x0 + x1) / 2  # the line's drift down at the word
            dx = page.slope * (y0 + y1) / 2  # and the column's drift left
            box = boxes.setdefault(line.block, [math.inf, math.inf, -math.inf, -math.inf])
            box[0], box[1] = min(box[0], x0 + dx), min(box[1], y0 - dy)
            box[2], box[3] = max(box[2], x1 + dx), max(box[3], y1 - dy)
    return {block: (b[0], b[1], b[2], b[3]) for block, b in boxes.items()}


def _cut(
    ids: list[int], boxes: dict[int, tuple[float, float, float, float]], axis: int, gap: float
) -> list[list[int]]:
    """``ids`` split where nothing of them covers a band wider than ``gap`` along ``axis``
    (0: x, a gutter between columns; 1: y, a space between bands), in order along it."""
    ordered = sorted(ids, key=lambda b: boxes[b][axis])
    groups = [[ordered[0]]]
    reach = boxes[ordered[0]][axis + 2]
    for block in ordered[1:]:
        if boxes[block][axis] - reach > gap:
            groups.append([])
        groups[-1].append(block)
        reach = max(reach, boxes[block][axis + 2])
    return groups


def _xy_order(
    ids: list[int], boxes: dict[int, tuple[float, float, float, float]], height: float
) -> list[list[int]]:
    """Blocks in reading order by recursive cuts, as groups no cut splits: columns first (a
    gutter of ``BLOCK_GUTTER`` text heights that no block crosses, from the top of the group to
    its bottom, each column reaching down ``COLUMN_SPAN`` of the group at least), left to
    right; else bands, top to bottom."""
    if len(ids) <= 1:
        return [ids]
    gutter = BLOCK_GUTTER * height
    for axis, gap in ((0, gutter), (1, 0.0)):
        groups = _cut(ids, boxes, axis, gap)
        if axis == 0 and not _parted(groups, ids, boxes):
            continue  # a short block beside the others (a header's right half): bands first
        if axis == 1:
            groups = _join_columns(groups, boxes, gutter)
        if len(groups) > 1:
            return [g for group in groups for g in _xy_order(group, boxes, height)]
    return [sorted(ids)]


def _parted(
    groups: list[list[int]], ids: list[int], boxes: dict[int, tuple[float, float, float, float]]
) -> bool:
    """Whether ``groups`` (``ids`` cut along x) are columns: two or more of them reach down
    ``COLUMN_SPAN`` of the blocks at least (a figure alone between two, the count of members
    at a sidebar's edge, does not part them: it is read in its place, left to right)."""
    tall = COLUMN_SPAN * _span(ids, boxes)
    return sum(_span(g, boxes) >= tall for g in groups) >= 2


def _join_columns(
    bands: list[list[int]], boxes: dict[int, tuple[float, float, float, float]], gutter: float
) -> list[list[int]]:
    """Consecutive bands that one gutter parts into columns, joined into one group.

    Beside a sidebar (the number of members, the convocation's date, down the left margin) the
    body's paragraphs and the sidebar's lines leave gaps across the page between them, so the
    page falls into thin bands, and a gutter found band by band reads the sidebar a few lines at
    a time between the body's paragraphs. The page cannot be cut into columns whole either when
    the body runs on below the sidebar across its width. So from each band on, the most bands
    whose blocks part into columns are joined (a band across the gutter ends them); the group
    is then read column by column."""
    joined: list[list[int]] = []
    i = 0
    while i < len(bands):
        end = i + 1  # the bands i..end-1 make one group: the most that part into columns
        for j in range(i + 2, len(bands) + 1):
            candidate = [block for band in bands[i:j] for block in band]
            columns = _cut(candidate, boxes, 0, gutter)
            if len(columns) == 1:
                break  # a block across every gutter: no more bands part into columns
            if _parted(columns, candidate, boxes):
                end = j
        joined.append([block for band in bands[i:end] for block in band])
        i = end
    return joined


def _span(ids: list[int], boxes: dict[int, tuple[float, float, float, float]]) -> float:
    """How far down the page blocks reach, from the top of the first to the foot of the last."""
    return max(boxes[b][3] for b in ids) - min(boxes[b][1] for b in ids)


def _one_column(group: list[int], boxes: dict[int, tuple[float, float, float, float]]) -> bool:
    """Whether blocks lie one above the other: any two share most of the narrower one's width."""
    for n, a in enumerate(group):
        for b in group[n + 1 :]:
            shared = min(boxes[a][2], boxes[b][2]) - max(boxes[a][0], boxes[b][0])
            narrower = min(boxes[a][2] - boxes[a][0], boxes[b][2] - boxes[b][0])
            if shared < 0.5 * narrower:
                return False
    return True


def _reading_order(page: _Page) -> None:
    """The page's lines in reading order: blocks by :func:`_xy_order`, each block's lines in
    Tesseract's order; blocks no cut parts that lie one above the other (a heading Tesseract
    put in the block of the paragraph below the next) have their lines taken top to bottom.
    Tesseract's own order of blocks goes astray beside a sidebar: it reads the sidebar, then
    blocks of the body half way down the page, then the body's title."""
    boxes = _block_boxes(page)
    by_block: dict[int, list[_Line]] = {}
    for line in page.lines:
        by_block.setdefault(line.block, []).append(line)
    ordered: list[_Line] = []
    for group in _xy_order(sorted(boxes), boxes, page.height):
        lines = [line for block in group for line in by_block[block]]
        if len(group) > 1 and _one_column(group, boxes):
            lines.sort(key=lambda line: page.centre(line.words))
        ordered.extend(lines)
    page.lines = ordered


# ------------------------------------------------------------------------ tables


_FIGURE_CHARS = re.compile(r"[\d\s.,€%+\-()]")


def _numeric(text: str) -> bool:
    """Whether a piece of text is a figure ("12 000,00", "1 200 €", "-5,5 %")."""
    chars = text.replace(" ", "")
    if not chars or not any(c.isdigit() for c in chars):
        return False
    return sum(bool(_FIGURE_CHARS.match(c)) for c in chars) >= NUMERIC_SHARE * len(chars)


def _merge_figure_columns(page: _Page) -> None:
    """Put back in their rows the figures of a column Tesseract read as a block of its own.

    A block whose lines are mostly figures, two or more of which face a line of another block
    ending to their left, gives each such line's words to the line it faces: that line becomes
    a table row. Columns are taken from left to right, so a second column of figures joins the
    rows the first one made.
    """
    blocks: dict[int, list[_Line]] = {}
    for line in page.lines:
        blocks.setdefault(line.block, []).append(line)
    figure_blocks = [
        lines
        for lines in blocks.values()
        if len(lines) >= 2
        and sum(_numeric(page.text(line.words)) for line in lines) >= NUMERIC_SHARE * len(lines)
    ]
    figure_blocks.sort(key=lambda lines: min(page.x0(line.words) for line in lines))
    for lines in figure_blocks:
        block = lines[0].block
        others = [line for line in page.lines if line.block != block and line.words]
        pairs = []
        for line in lines:
            centre, left = page.centre(line.words), page.x0(line.words)
            facing = [
                other
                for other in others
                if page.x1(other.words) < left
                and abs(page.centre(other.words) - centre) < ROW_TOLERANCE * page.height
            ]
            if facing:
                pairs.append((line, min(facing, key=lambda o: abs(page.centre(o.words) - centre))))
        if len(pairs) < 2 or len(pairs) < NUMERIC_SHARE * len(lines):
            continue
        for line, row in pairs:
            row.words = sorted(row.words + line.words, key=lambda i: page.words[i].bbox[0])
            row.table = True
            line.words = []
    page.lines = [line for line in page.lines if line.words]


# an item's number at a line's start, its full stop read as a comma ("4, Vote des taux"), before
# a title's first word (a capital, then letters); an address ("12, Rue …") is no item
ITEM_COMMA_RE = re.compile(r"\A(\d{1,2}),\Z")
TITLE_WORD_RE = re.compile(r"\A[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]{2,}")
ADDRESS_RE = re.compile(
    r"\A(?:rue|avenue|av|place|bd|boulevard|chemin|route|all[ée]e|impasse|quai|cours|square)\b",
    re.IGNORECASE,
)


def _item_number_stops(page: _Page, texts: list[str]) -> None:
    """The full stop after an item's number that OCR read as a comma, put back in ``texts``:
    "4, Vote des taux d'imposition" at a line's start is "4. Vote …" on the page (the
    rules read "4." as an item's rank, "4," as a figure in a sentence)."""
    for line in page.lines:
        ids = sorted(line.words, key=lambda i: page.words[i].bbox[0])
        if len(ids) < 2:
            continue
        first, second = texts[ids[0]], texts[ids[1]]
        number = ITEM_COMMA_RE.match(first)
        if number and TITLE_WORD_RE.match(second) and not ADDRESS_RE.match(second):
            texts[ids[0]] = f"{number[1]}."


# a table's upright ruling read as a character: "1016 | Travaux", "1 629 300,43|" (no French word
# holds a "|"; an elided "|'année" is mended before, by ocr_normalize)
RULING_RE = re.compile(r"\A[|¦]+[.,:;!]?\Z")
EDGE_RULING_RE = re.compile(r"\A[|¦]+(?=[^\W_])|(?<=[^\W_])[|¦]+(?=[.,:;]?\Z)")


def _drop_rulings(page: _Page, units: list[_Unit], texts: list[str]) -> list[_Unit]:
    """``units`` with the upright rulings of tables Tesseract read as "|" left out, and a "|"
    glued to a word's edge ("300,43|") cut off in ``texts``: the text layer of the same page
    has none, and a bar between a row's name and its sum parts what the rules read as one row
    ("Comité des Fêtes | 2000 €"). The bars stay in the page's geometry (reading order, columns,
    tables): only the text leaves them out."""
    for i, text in enumerate(texts):
        if not RULING_RE.fullmatch(text):
            texts[i] = EDGE_RULING_RE.sub("", text)
    kept = []
    for unit in units:
        for line in unit.lines:
            line.words = [i for i in line.words if not RULING_RE.fullmatch(texts[i])]
        unit.lines = [line for line in unit.lines if line.words]
        if unit.lines:
            kept.append(unit)
    return kept


# a list's bullet (a glyph of a symbol font: ▪, ➢, ) read by Tesseract as a stray sign at a line's
# start, before the item's first word: "“ Désignation des délégués …", "= Détermination du
# nombre …", "* Délégation du conseil …", ". Désignation …", "Y_ Taxe foncière …" (➢)
BULLET_LOOKALIKE_RE = re.compile(r"\A(?:[*=.·°•®©¢«»“”„\"'`~+>]{1,2}|[YŸ]_)\Z")
QUOTE_CLOSERS = {"«": "»", "“": "”", '"': '"', "„": "“"}
BULLET_WIDTH = 1.2  # text heights: a bullet is no wider
# text heights of white at least between a sign read for a bullet and its line's first word (a
# tab: 0.8 to 1.8 on the rescans of the real set); a quote opening a line sits a space from it
# (0.36 to 0.52: "« Dans le cas où le budget …", a law quoted over several lines). A "•" read
# as such is a bullet wherever it stands.
BULLET_GAP = 0.6
BULLET = "▪"  # what the text layer gives for a symbol font's bullet (pdf.SYMBOL_FONT_CHARS)


def _bullets(page: _Page, texts: list[str]) -> None:
    """A stray sign alone at a line's start, narrow, before a word that starts with a capital, put
    back as a symbol font's bullet ("▪", as the text layer gives it): the rules read a bullet
    before an item's title, not "“" or "=". A bullet stands a tab from the word after it
    (``BULLET_GAP``); a quote opening a line, a space from it, or closed further on the line
    ("« Le conseil … »"), is a quote."""
    for line in page.lines:
        ids = sorted(line.words, key=lambda i: page.words[i].bbox[0])
        if len(ids) < 3:
            continue
        first, second = texts[ids[0]], texts[ids[1]]
        box = page.words[ids[0]].bbox
        if not BULLET_LOOKALIKE_RE.match(first) or not second[:1].isupper():
            continue
        if box[2] - box[0] > BULLET_WIDTH * page.height:
            continue
        if first != "•" and page.words[ids[1]].bbox[0] - box[2] < BULLET_GAP * page.height:
            continue
        closer = QUOTE_CLOSERS.get(first[0])
        rest = " ".join(texts[i] for i in ids[1:])
        if closer and (closer in rest or (closer == "”" and '"' in rest)):
            continue
        texts[ids[0]] = BULLET


# ------------------------------------------------------------------------ regions


def _gaps(page: _Page, pieces: list[list[int]]) -> list[tuple[float, float]]:
    return [(page.x1(a), page.x0(b)) for a, b in zip(pieces, pieces[1:], strict=False)]


def _narrow(
    page: _Page, pieces: list[list[int]], gutter: tuple[float, float]
) -> tuple[float, float] | None:
    """The widest part of ``gutter`` that no piece of a line covers, or None when narrower than
    ``MIN_GUTTER`` text heights (the line crosses the gutter)."""
    free = [gutter]
    for piece in pieces:
        x0, x1 = page.x0(piece), page.x1(piece)
        free = [
            part
            for a, b in free
            for part in ((a, min(b, x0)), (max(a, x1), b))
            if part[1] > part[0]
        ]
    best = max(free, key=lambda g: g[1] - g[0], default=None)
    if best is None or best[1] - best[0] < MIN_GUTTER * page.height:
        return None
    return best


def _region_end(
    page: _Page, start: int, cut: list[list[list[int]]]
) -> tuple[int, tuple[float, float]]:
    """How far a region that starts at line ``start`` (one with a wide gap) goes, and its gutter.

    The gutter starts as the line's widest gap; the next lines join while they leave part of it
    free (``MIN_GUTTER`` text heights at least; it narrows to that part) and are at most
    ``REGION_REACH`` text heights below the region. Lines of one piece at the region's end join
    it only on its narrower side (a sidebar goes on; the body's next paragraph does not).
    """
    gutter = max(_gaps(page, cut[start]), key=lambda g: g[1] - g[0])
    bottom = page.centre(page.lines[start].words)
    end = start + 1
    while end < len(page.lines):
        centre = page.centre(page.lines[end].words)
        narrowed = _narrow(page, cut[end], gutter)
        if centre - bottom > REGION_REACH * page.height or narrowed is None:
            break
        gutter, bottom = narrowed, max(bottom, centre)
        end += 1
    ids = [w for pieces in cut[start:end] for p in pieces for w in p]
    left_narrower = gutter[0] - page.x0(ids) < page.x1(ids) - gutter[1]
    while end > start + 1 and len(cut[end - 1]) == 1:
        on_left = page.x1(cut[end - 1][0]) <= gutter[0]
        if on_left == left_narrower:
            break
        end -= 1
    return end, gutter


def _prose(page: _Page, pieces: list[list[int]]) -> bool:
    """Whether pieces of lines read as running text: several words each (``PROSE_WORDS`` on
    average), mostly letters. A sidebar's lines are ("Extrait du registre", "de la commune de",
    "en exercice : 15"); a table's narrow column is not ("Approuvée", "2026 011", "12 000,00")."""
    if not pieces:
        return False
    words = sum(len(piece) for piece in pieces) / len(pieces)
    texts = [page.text(piece) for piece in pieces]
    wordy = sum(sum(c.isalpha() for c in t) > 0.6 * len(t.replace(" ", "")) for t in texts)
    repeated = len(set(texts)) < len(texts)  # "Approuvée", "GROUPAMA PVL": a table's column
    return words >= PROSE_WORDS and wordy >= 0.6 * len(texts) and not repeated


def _is_table(
    page: _Page, lines: list[_Line], cut: list[list[list[int]]], gutter: tuple[float, float]
) -> bool:
    """Whether a region is a table rather than two columns of text.

    A table: rows of three cells or more, or ending with a figure, or a narrower side that is
    no running text (a column of figures, codes or one-word statuses). Two columns: the
    narrower side is running text (a sidebar), read whole before or after the other one.
    """
    if any(line.table for line in lines):
        return True
    split = [pieces for pieces in cut if len(pieces) > 1]
    cells = sum(len(pieces) >= 3 for pieces in split)
    figures = sum(_numeric(page.text(pieces[-1])) for pieces in split)
    if max(cells, figures) >= 0.5 * len(split):
        return True
    left = [p for pieces in cut for p in pieces if page.x1(p) <= gutter[0]]
    right = [p for pieces in cut for p in pieces if page.x0(p) >= gutter[1]]
    ids = [w for pieces in cut for p in pieces for w in p]
    narrow = left if gutter[0] - page.x0(ids) < page.x1(ids) - gutter[1] else right
    return not _prose(page, narrow)


def _units(page: _Page) -> list[_Unit]:
    """The page's lines grouped into units, in reading order."""
    cut = [page.pieces(line) for line in page.lines]
    units: list[_Unit] = []
    i = 0
    while i < len(page.lines):
        line = page.lines[i]
        if len(cut[i]) > 1:
            end, gutter = _region_end(page, i, cut)
            split = sum(len(pieces) > 1 for pieces in cut[i:end])
            if split >= 2:
                lines, pieces = page.lines[i:end], cut[i:end]
                if _is_table(page, lines, pieces, gutter):
                    rows = [
                        _Line(
                            words=[w for p in ps for w in p], block=ln.block, par=ln.par, table=True
                        )
                        for ln, ps in zip(lines, pieces, strict=True)
                    ]
                    units.append(_Unit(rows, paragraphs=False))
                else:
                    units.extend(_columns(page, lines, pieces, gutter))
                i = end
                continue
        if line.table:
            units.append(_Unit([line], paragraphs=False))
        elif units and units[-1].paragraphs and units[-1].lines[-1].block == line.block:
            units[-1].lines.append(line)
        else:
            units.append(_Unit([line]))
        i += 1
    return units


def _columns(
    page: _Page, lines: list[_Line], cut: list[list[list[int]]], gutter: tuple[float, float]
) -> list[_Unit]:
    """A two-column region as two units: the pieces left of the gutter, then those right of it."""
    sides: list[list[_Line]] = [[], []]
    for line, pieces in zip(lines, cut, strict=True):
        for side in (0, 1):
            ids = [w for p in pieces if (page.x1(p) <= gutter[0]) == (side == 0) for w in p]
            if ids:
                sides[side].append(_Line(words=ids, block=line.block, par=line.par))
    return [_Unit(side, paragraphs=False, column=True) for side in sides if side]


# -------------------------------------------------------------------------- stamps


def _unit_slant(page: _Page, unit: _Unit) -> float:
    """How much the unit's lines slant against the page: the median over its lines of three
    words or more (a "|", a ":" or a tall capital tilts a shorter line by itself), each line's
    slope taken between its first and last words of two letters or digits at least."""
    slants = []
    for line in unit.lines:
        ids = [i for i in line.words if sum(c.isalnum() for c in page.texts[i]) >= 2]
        if len(ids) < 3:
            continue
        first, last = page.words[ids[0]].bbox, page.words[ids[-1]].bbox
        dx = (last[0] + last[2]) / 2 - (first[0] + first[2]) / 2
        if dx > 0:
            slope = ((last[1] + last[3]) / 2 - (first[1] + first[3]) / 2) / dx
            slants.append(abs(slope - page.slope))
    return median(slants) if slants else 0.0


def _is_mark(page: _Page, unit: _Unit) -> bool:
    """Whether a unit is a stamp or a signature rather than text of the page."""
    if unit.paragraphs is False and any(line.table for line in unit.lines):
        return False
    if is_stamp([page.text(line.words) for line in unit.lines]):
        return True
    if not unit.paragraphs or len(unit.lines) > SMALL_BLOCK or len(page.lines) <= len(unit.lines):
        return False  # a column of a region, a table, a long block or the whole page
    if _unit_slant(page, unit) > SLANT_STAMP:
        return True
    ids = [i for line in unit.lines for i in line.words]
    if any(ch.isdigit() for i in ids for ch in page.texts[i]):
        return False  # a faint figure stays where it is: the digit filter deals with it
    confidences = [page.words[i].confidence for i in ids]
    return sum(confidences) / len(confidences) < UNSURE and max(confidences) < SURE_WORD


def _beside_stamp(page: _Page, unit: _Unit) -> _Unit | None:
    """The words of a stamp's block that are left of the stamp, taken out of it as a unit of
    the body (None when there are none).

    A stamp put on the page's top right corner touches the title beside it: Tesseract reads
    "EXTRAIT DU REGISTRE ID : 007-210701280-…" as one line of the stamp's block, and the title
    that starts an extract would go to the end of the page with the stamp. The stamp's left
    edge is where most of its lines start (the median); a line that starts left of it gives
    back the words before the edge when a gap of ``STAMP_GAP`` text heights parts them from
    the rest, which starts at the edge."""
    if not any(stamp_line(page.text(line.words), strong=True) for line in unit.lines):
        return None
    edge = median(page.x0(line.words) for line in unit.lines)
    beside: list[_Line] = []
    for line in unit.lines:
        ids = sorted(line.words, key=lambda i: page.words[i].bbox[0])
        k = next(
            (n for n, i in enumerate(ids) if page.words[i].bbox[0] >= edge - page.height / 2),
            len(ids),
        )
        if 0 < k < len(ids):
            before, after = page.words[ids[k - 1]].bbox, page.words[ids[k]].bbox
            if before[2] < edge and after[0] - before[2] >= STAMP_GAP * page.height:
                beside.append(_Line(words=ids[:k], block=line.block, par=line.par))
                line.words = ids[k:]
    return _Unit(beside) if beside else None


# ---------------------------------------------------------------------------- text


def _separator(page: _Page, unit: _Unit, before: _Line, after: _Line) -> str:
    """``\\n``, or ``\\n\\n`` for a paragraph break, between two lines of a unit."""
    if (
        TESSERACT_PARAGRAPHS
        and unit.paragraphs
        and (before.block, before.par) != (after.block, after.par)
        and (
            page.x0(after.words) > page.x0(before.words) + INDENT * page.height
            or page.x1(before.words) < page.x1(after.words) - SHORT_LINE * page.height
        )
    ):
        return "\n\n"  # Tesseract's paragraph, where the lines show one: indent or short line
    pitch = page.centre(after.words) - page.centre(before.words)
    if pitch <= page.height / 2:
        return "\n"  # Tesseract's next line of the block is not below: keep it with this one
    return _gap(page, before, after)


def _gap(page: _Page, before: _Line, after: _Line) -> str:
    """``\n\n`` where the next line is not below (another column) or the gap between the two is
    a paragraph's, else ``\n``."""
    pitch = page.centre(after.words) - page.centre(before.words)
    if pitch <= page.height / 2 or pitch - page.ordinary > PARAGRAPH_GAP * page.height:
        return "\n\n"
    return "\n"


def layout(
    words: Sequence[RawWord], texts: Sequence[str] | None = None
) -> tuple[str, list[OcrWord]]:
    """The page text and its words with offsets (in text order); ``texts`` replaces the words'
    text (corrected), one for one."""
    texts = [w.text for w in words] if texts is None else list(texts)
    if len(texts) != len(words):
        raise ValueError(f"{len(texts)} texts for {len(words)} words")
    texts = regroup_thousands(words, texts)
    if not words:
        return "", []
    page = _Page(words=words, texts=texts, lines=_lines(words))
    page.height = max(median(w.bbox[3] - w.bbox[1] for w in words), 1.0)
    page.slope = _slope(page)
    if XY_ORDER:
        _reading_order(page)
    page.ordinary = _ordinary_spacing(page)
    _merge_figure_columns(page)
    _item_number_stops(page, texts)
    _bullets(page, texts)
    units = []
    for unit in _units(page):
        if _is_mark(page, unit):
            unit.zone = "stamp"
            beside = _beside_stamp(page, unit)
            if beside is not None:
                units.append(beside)
            unit.lines = [line for line in unit.lines if line.words]
            if not unit.lines:
                continue
        units.append(unit)
    units = _drop_rulings(page, units, texts)
    ordered = [u for u in units if u.zone == "body"] + [u for u in units if u.zone == "stamp"]
    parts: list[str] = []
    placed: list[OcrWord] = []
    offset = 0

    def put(text: str) -> None:
        nonlocal offset
        parts.append(text)
        offset += len(text)

    for u, unit in enumerate(ordered):
        if u:
            previous = ordered[u - 1]
            plain = not (previous.column or unit.column) and previous.zone == unit.zone
            # blocks and tables one below the other: a blank line where the gap shows one, as on
            # a text layer (Tesseract also starts a block at "Non Bâti." ending a sentence, and
            # at a table's wrapped cell); a block beside another, a column, a stamp: always
            put(_gap(page, previous.lines[-1], unit.lines[0]) if plain else "\n\n")
        for n, line in enumerate(unit.lines):
            if n:
                put(_separator(page, unit, unit.lines[n - 1], line))
            for j, i in enumerate(line.words):
                if j:
                    put(" ")
                word = words[i]
                placed.append(
                    OcrWord(
                        text=texts[i],
                        start=offset,
                        end=offset + len(texts[i]),
                        confidence=word.confidence,
                        bbox=word.bbox,
                        zone=unit.zone,
                    )
                )
                put(texts[i])
    return "".join(parts), placed
