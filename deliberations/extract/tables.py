"""Tables: ruled ones read with pdfplumber's lattice algorithm, only on pages that draw enough
lines to hold one, and every table of sums read from word positions
(:mod:`deliberations.extract.word_tables`).

pdfplumber reads a page by parsing it whole in Python (pdfminer), about 0.3 s a page; its table
finder is fed here with the ruling paths and the characters pypdfium2 reads, about ten times
faster, and pdfplumber itself reads only the pages this does not handle (rotated or cropped).
Each cell is located in the page's text so that a value read from a table carries the same
evidence as a value read from a sentence.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import operator
from pathlib import Path

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.pdf import text_range
from deliberations.extract.text_quality import page_objects
from deliberations.extract.unruled.regions import PageLayout, page_layout
from deliberations.extract.word_tables import has_sums, read_word_tables
from deliberations.schemas.document import PAGE_SEPARATOR, PageText, Table, TableCell

MIN_RULING_PATHS = 4  # a page with fewer path objects has no ruled table


def pages_with_rulings(path: Path) -> list[int]:
    """1-based numbers of the pages that draw at least ``MIN_RULING_PATHS`` paths."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        found = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]))
            finally:
                page.close()
            if paths >= MIN_RULING_PATHS:
                found.append(index + 1)
        return found
    finally:
        pdf.close()


def find_words(text: str, words: list[str], start: int = 0) -> tuple[int, int] | None:
    """Where ``words`` (none empty, none holding white space) are first written one after the
    other in ``text`` from ``start``, separated by white space: what the pattern of the words
    joined by ``\\s+`` finds, without a pattern compiled for each table cell."""
    first = words[0]
    at = text.find(first, start)
    while at >= 0:
        end = at + len(first)
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return at, end
        at = text.find(first, at + 1)
    return None


def locate_cells(
    rows: list[list[str | None]], page: PageText, page_start: int
) -> list[list[TableCell]]:
    """Cells with their global offsets, searched in reading order in the page text."""
    located: list[list[TableCell]] = []
    cursor = 0
    for row in rows:
        cells = []
        for raw in row:
            words = (raw or "").split()
            text = " ".join(words)
            found = find_words(page.text, words, cursor) if words else None
            if found is None and words:
                found = find_words(page.text, words)  # cell text extracted out of order
            if found:
                cursor = found[1]
                cells.append(
                    TableCell(text=text, start=page_start + found[0], end=page_start + found[1])
                )
            else:
                cells.append(TableCell(text=text))
        located.append(cells)
    return located


Rows = list[list[str | None]]


class PagePass:
    """What the tables' readers take of each page while it is loaded for its text layer (the
    ``on_page`` of :func:`deliberations.extract.pdf.read_pdf_pages`): a page is loaded, and its
    text page made, once for its text and its tables. Holds the ruled tables read by the
    lattice, the pages left to pdfplumber, and the word layout of each text-layer page that
    prints sums, with the page's start in the document text its words' offsets were read from:
    the page's start when every page before it was read from its text layer, else 0 (an OCR'd
    page's text is not known yet; the words are moved once every page is read)."""

    def __init__(self) -> None:
        self.ruled: dict[int, list[Rows]] = {}
        self.unhandled: list[int] = []
        self.layouts: dict[int, tuple[int, PageLayout | None]] = {}
        self._start: int | None = 0  # the next page's start in the document text, if known

    def __call__(
        self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, index: int, text: str, method: str
    ) -> None:
        number = index + 1
        tables = _ruled_page(page, textpage)
        if tables is None:
            self.unhandled.append(number)
        elif tables:
            self.ruled[number] = tables
        start = self._start or 0
        if method == "text-layer" and has_sums(text):
            self.layouts[number] = (start, _word_layout(page, textpage, number, start))
        if method == "text-layer" and self._start is not None:
            self._start += len(text) + len(PAGE_SEPARATOR)
        else:
            self._start = None


def _ruled_page(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None
) -> list[Rows] | None:
    """The ruled tables of a page ([] when it draws too few paths to hold one); None when it is
    pdfplumber's to read (see :func:`lattice_tables`)."""
    paths = _page_paths(page)
    if len(paths) < MIN_RULING_PATHS:
        return []
    return lattice_tables(page, textpage, paths)


def _word_layout(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, start: int
) -> PageLayout | None:
    return page_layout(page, textpage, number, start)


def read_tables(
    path: Path, pages: list[PageText], page_starts: list[int], passed: PagePass | None = None
) -> list[Table]:
    """Every ruled table of the document (pdfplumber), then every table of sums read from word
    positions (ruled or not), cells located in the page text; ``passed``: the pages' readings
    made as they were loaded for their text layer (else each page is loaded again here)."""
    return read_ruled_tables(path, pages, page_starts, passed) + read_word_tables(
        path, pages, page_starts, passed.layouts if passed is not None else None
    )


def read_ruled_tables(
    path: Path, pages: list[PageText], page_starts: list[int], passed: PagePass | None = None
) -> list[Table]:
    """Every ruled table of the document, with cells located in the page text."""
    if passed is not None:
        found, unhandled = dict(passed.ruled), list(passed.unhandled)
    else:
        found, unhandled = {}, []
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    tables = _ruled_page(page)
                finally:
                    page.close()
                if tables is None:
                    unhandled.append(index + 1)
                elif tables:
                    found[index + 1] = tables
        finally:
            pdf.close()
    if unhandled:
        found.update(_pdfplumber_tables(path, unhandled))
    return [
        Table(page=number, rows=locate_cells(rows, pages[number - 1], page_starts[number - 1]))
        for number in sorted(found)
        for rows in found[number]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2
    ]


def read_ruled_tables_pdfplumber(
    path: Path, pages: list[PageText], page_starts: list[int]
) -> list[Table]:
    """The same as :func:`read_ruled_tables`, every page read by pdfplumber itself (slow: kept
    to compare the two, ``bench/bench_ingest.py --compare-tables``)."""
    found = _pdfplumber_tables(path, pages_with_rulings(path))
    return [
        Table(page=number, rows=locate_cells(rows, pages[number - 1], page_starts[number - 1]))
        for number in sorted(found)
        for rows in found[number]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2
    ]


def _pdfplumber_tables(path: Path, numbers: list[int]) -> dict[int, list[list[list[str | None]]]]:
    import pdfplumber  # slow to import: only for the pages pypdfium2's reader leaves

    found = {}
    with pdfplumber.open(str(path)) as pdf:
        for number in numbers:
            plumber_page = pdf.pages[number - 1]
            found[number] = plumber_page.extract_tables()
            plumber_page.close()
    return found


# ---------------------------------------------------------------- ruled tables from pypdfium2

# pdfplumber's lattice algorithm (its TableFinder and Table.extract, unchanged) fed with the page's
# ruling edges and characters as pypdfium2 reads them, in pdfplumber's coordinates (points from
# the top-left corner of the media box): the same tables as ``pdfplumber.open(...).pages[n]
# .extract_tables()``, without pdfminer's parse of the whole page in Python (about 0.3 s a page).
# Edges follow pdfminer's reading of paths: each subpath "m l" is a line (horizontal when both
# ends are at the same height, else vertical); any other subpath gives an edge between each two
# consecutive end points (a closing "h" back to its start included), horizontal or vertical when
# they share a coordinate; the control points of curves are no end points.


class _LatticePage:
    """What pdfplumber's TableFinder and Table.extract read of a page."""

    def __init__(self, width: float, height: float, edges: list[dict], chars: list[dict]) -> None:
        self.bbox = (0, 0, width, height)
        self.edges = edges
        self.chars = chars


@functools.lru_cache(maxsize=4096)
def _decimal(value: float) -> float:
    """A float32 from pdfium as the decimal number the PDF wrote (the shortest that reads back
    as the same float32), so that sums and differences come out as pdfminer's: a double border
    3 points apart is 3.0 apart, not 2.99999 (the tables' tolerances are 3 points)."""
    return float(str(numpy.float32(value)))


def _matrix_of(obj_raw) -> tuple[float, ...]:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj_raw, ctypes.byref(matrix)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return tuple(_decimal(v) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


MOVETO, BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def _subpaths(
    path_raw, matrix: tuple[float, ...], left: float, top: float
) -> list[tuple[list[tuple[float, float]], bool]]:
    """Each subpath's end points in pdfplumber's coordinates, and whether it is a single line."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    ops = ""
    bezier = 0
    count = pdfium_c.FPDFPath_CountSegments(path_raw)
    get_segment, get_type = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetType
    get_point, x_ref, y_ref = pdfium_c.FPDFPathSegment_GetPoint, ctypes.byref(x), ctypes.byref(y)
    get_close, decimal = pdfium_c.FPDFPathSegment_GetClose, _decimal

    def close_subpath() -> None:
        if points:
            out.append((list(points), ops in ("ml", "mlh")))

    for index in range(count):
        segment = get_segment(path_raw, index)
        kind = get_type(segment)
        get_point(segment, x_ref, y_ref)
        px, py = decimal(x.value), decimal(y.value)
        point = (a * px + c * py + e - left, top - (b * px + d * py + f))
        if kind == MOVETO:
            close_subpath()
            points, ops, bezier = [point], "m", 0
            continue
        op = "l"
        if kind == BEZIERTO:
            bezier += 1
            if bezier % 3:  # a control point
                continue
            op = "c"
        if not points:
            points, ops = [point], "m"
            continue
        closes = get_close(segment)
        if closes and point == points[0] and op == "l":
            points.append(point)  # a line back to the start and "h": pdfminer's "h"
            ops += "h"
            continue
        points.append(point)
        ops += op
        if closes:
            points.append(points[0])
            ops += "h"
    close_subpath()
    return out


def _page_paths(page: pdfium.PdfPage) -> list[tuple[object, tuple[float, ...]]]:
    """The page's path objects, those inside form objects included (as ``get_objects``), each
    with its matrix (its forms' composed): walked once for the count and the rulings."""
    paths: list[tuple[object, tuple[float, ...]]] = []
    get_type, path_kind, form_kind = (
        pdfium_c.FPDFPageObj_GetType,
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_FORM,
    )

    def walk(objects, outer: tuple[float, ...] | None) -> None:
        for raw in objects:
            kind = get_type(raw)
            if kind != form_kind and kind != path_kind:
                continue  # text and images draw no ruling: their matrix is not read
            matrix = _matrix_of(raw)
            if outer is not None:
                matrix = _compose(matrix, outer)
            if kind == form_kind:
                walk(
                    [
                        pdfium_c.FPDFFormObj_GetObject(raw, i)
                        for i in range(pdfium_c.FPDFFormObj_CountObjects(raw))
                    ],
                    matrix,
                )
            else:
                paths.append((raw, matrix))

    for raw, kind in page_objects(page):  # the page's own, their types read once
        if kind == path_kind:
            paths.append((raw, _matrix_of(raw)))
        elif kind == form_kind:
            walk(
                [
                    pdfium_c.FPDFFormObj_GetObject(raw, i)
                    for i in range(pdfium_c.FPDFFormObj_CountObjects(raw))
                ],
                _matrix_of(raw),
            )
    return paths


def _page_edges(
    page: pdfium.PdfPage,
    left: float,
    top: float,
    paths: list[tuple[object, tuple[float, ...]]] | None = None,
) -> list[dict]:
    """The ruling edges of the page's paths (``paths``: :func:`_page_paths`, when walked)."""
    segments: list[tuple[tuple[float, float], tuple[float, float], str | None]] = []
    add = segments.append
    for raw, matrix in _page_paths(page) if paths is None else paths:
        for points, line in _subpaths(raw, matrix, left, top):
            if line:
                p0, p1 = points[0], points[1]
                add((p0, p1, "h" if p0[1] == p1[1] else "v"))
                continue
            for p0, p1 in zip(points, points[1:], strict=False):
                add((p0, p1, "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)))
    edges: list[dict] = []
    for (ax, ay), (bx, by), orientation in segments:
        # min() and max() of the two, the first kept when they are equal
        x0, x1 = (bx if bx < ax else ax), (bx if bx > ax else ax)
        t, bottom = (by if by < ay else ay), (by if by > ay else ay)
        edges.append(
            {
                "object_type": "curve_edge",
                "x0": x0,
                "x1": x1,
                "top": t,
                "doctop": t,
                "bottom": bottom,
                "width": x1 - x0,
                "height": bottom - t,
                "orientation": orientation,
            }
        )
    return edges


def _page_chars(
    textpage: pdfium.PdfTextPage,
    left: float,
    top: float,
    boxes: list[tuple[float, float, float, float]],
) -> list[dict]:
    """The page's characters as pdfplumber gives them to a table's cells: those printed, and the
    spaces pdfium puts between words (where pdfminer reads a space glyph); not the line breaks.
    Only those near ``boxes`` (the tables): a character elsewhere is in no cell."""
    near = [(x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN) for x0, y0, x1, y1 in boxes]
    # the band of the page the boxes span: a character whose middle is above or below it is near
    # none of them, told without trying each box (most of a page's characters)
    band_top, band_bottom = min(b[1] for b in near), max(b[3] for b in near)
    text = text_range(textpage)
    raw = textpage.raw
    if len(text) != pdfium_c.FPDFText_CountChars(raw):
        text = "".join(
            chr(pdfium_c.FPDFText_GetUnicode(raw, i))
            for i in range(pdfium_c.FPDFText_CountChars(raw))
        )
    chars: list[dict] = []
    # the character before: its index and bottom (-1: none yet)
    previous, previous_bottom = -1, 0.0
    rect = pdfium_c.FS_RECTF()
    loose_box, rect_ref = pdfium_c.FPDFText_GetLooseCharBox, ctypes.byref(rect)
    font_size, char_angle = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetCharAngle
    for index, char in enumerate(text):
        if char in "\r\n\uffff\x00":
            continue
        if not loose_box(raw, index, rect_ref):
            continue
        r_top, r_bottom = rect.top, rect.bottom
        y_mid = top - (r_top + r_bottom) / 2
        if y_mid < band_top or y_mid > band_bottom:  # near no table
            if char != " ":
                previous, previous_bottom = index, top - r_bottom
            continue
        r_left, r_right = rect.left, rect.right
        x_mid = (r_left + r_right) / 2 - left
        for x0, y0, x1, y1 in near:
            if x0 <= x_mid <= x1 and y0 <= y_mid <= y1:
                break
        else:  # near no table
            if char != " ":
                previous, previous_bottom = index, top - r_bottom
            continue
        # pdfminer's box: from the font's descent up by the font size (pdfium's loose box goes
        # up to the font's ascent): lines are told apart by their characters' tops
        char_bottom = top - r_bottom
        char_top = char_bottom - font_size(raw, index)
        if char == " " and previous >= 0 and r_top == r_bottom:
            # a space pdfium puts between two words has no height: it stands on the line of the
            # character before it, as a space printed in the PDF would
            char_bottom = previous_bottom
            char_top = char_bottom - font_size(raw, previous)
        else:
            previous, previous_bottom = index, char_bottom
        chars.append(
            {
                "text": "-" if char in "\x02\ufffe" else char,  # a hyphen that ends a line
                "x0": r_left - left,
                "x1": r_right - left,
                "top": char_top,
                "doctop": char_top,
                "bottom": char_bottom,
                "upright": char_angle(raw, index) == 0,
            }
        )
    return chars


def _placed(chars: list[dict]) -> list[tuple[float, int, float, dict]]:
    """Each character's vertical middle, index, horizontal middle and itself, by vertical middle
    then index: computed once for all the page's tables."""
    return sorted(
        (
            ((char["top"] + char["bottom"]) / 2, index, (char["x0"] + char["x1"]) / 2, char)
            for index, char in enumerate(chars)
        ),
        key=operator.itemgetter(0, 1),
    )


def _extract(
    table, chars: list[dict], text_settings: dict, placed: list | None = None
) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract`` (a cell's characters are those whose middle is in it), the
    characters' middles computed once (``placed``: :func:`_placed` of ``chars``, when made for
    the page) and those outside the table left out first."""
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = table.bbox
    if placed is None:
        placed = _placed(chars)
    # those whose middle is in the table, in the order of ``placed``
    middles = [m for m in placed if x0 <= m[2] < x1 and top <= m[0] < bottom]
    heights = [m[0] for m in middles]
    # pdfplumber's default text settings (the table finder's own: its tolerances, 3 points)
    fast = all(text_settings.get(name, TEXT_TOLERANCE) == TEXT_TOLERANCE for name in TOLERANCE_KEYS)
    fast = fast and set(text_settings) <= set(TOLERANCE_KEYS)
    rows = []
    for row in table.rows:
        row_x0, row_top, row_x1, row_bottom = row.bbox
        band = middles[
            bisect.bisect_left(heights, row_top) : bisect.bisect_left(heights, row_bottom)
        ]
        # in the page's order, as pdfplumber keeps them
        in_row = sorted((m for m in band if row_x0 <= m[2] < row_x1), key=operator.itemgetter(1))
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            # the characters whose middle is inside the cell
            c_x0, c_top, c_x1, c_bottom = cell
            in_cell = [m[3] for m in in_row if c_x0 <= m[2] < c_x1 and c_top <= m[0] < c_bottom]
            if not in_cell:
                cells.append("")
            elif fast:
                cells.append(cell_text(in_cell))
            else:
                cells.append(extract_text(in_cell, **text_settings))
        rows.append(cells)
    return rows


TEXT_TOLERANCE = 3  # pdfplumber's default x and y tolerances of ``extract_text``
TOLERANCE_KEYS = ("x_tolerance", "y_tolerance")
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def _clusters(items: list, key: str, tolerance: float) -> list[list]:
    """pdfplumber's ``cluster_objects`` (0.11): the distinct values of ``key`` sorted and chained
    while each is within ``tolerance`` of the one before; the items by cluster, each cluster in
    the items' order."""
    values = sorted({item[key] for item in items})
    group_of, group, last = {}, 0, values[0]
    for value in values:
        if value > last + tolerance:
            group += 1
        group_of[value] = group
        last = value
    groups: list[list] = [[] for _ in range(group + 1)]
    for item in items:
        groups[group_of[item[key]]].append(item)
    return groups


def cell_text(chars: list[dict]) -> str:
    """pdfplumber's ``extract_text(chars)`` with its default settings (0.11: lines clustered by
    their tops within 3 points, each line's characters by their left edge, a word broken at a
    space or where a character steps back or more than 3 points on or up or down; the words'
    lines clustered again by their tops), a few times faster; characters that are not upright,
    or without text, are left to pdfplumber (``tests/test_lattice_cells.py`` compares the two)."""
    from pdfplumber.utils import extract_text

    if not chars:
        return ""
    if any(not char["upright"] or not char["text"] for char in chars):
        return extract_text(chars)
    tolerance = TEXT_TOLERANCE
    words: list[tuple[float, str]] = []  # each word's top (its characters' least) and text
    for line in _clusters(chars, "top", tolerance):
        line.sort(key=operator.itemgetter("x0"))
        current: list[dict] = []
        for char in line:
            if char["text"].isspace():
                if current:
                    words.append(_word(current))
                    current = []
                continue
            if current:
                before = current[-1]
                if (
                    char["x0"] < before["x0"]
                    or char["x0"] > before["x1"] + tolerance
                    or abs(char["top"] - before["top"]) > tolerance
                ):
                    words.append(_word(current))
                    current = []
            current.append(char)
        if current:
            words.append(_word(current))
    if not words:
        return ""
    lines = _clusters([{"top": top, "text": text} for top, text in words], "top", tolerance)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _word(chars: list[dict]) -> tuple[float, str]:
    return min(char["top"] for char in chars), "".join(
        LIGATURES.get(char["text"], char["text"]) for char in chars
    )


MARGIN = 20.0  # points around a table where its characters are read (a box's middle may move)
MOVE = 1.0  # points a cell's border may move with the tolerances (see _steady_tables)
NEAR = 0.02  # points: pypdfium2's coordinates are float32, pdfminer's doubles
TOLERANCES = (
    "snap_x_tolerance",
    "snap_y_tolerance",
    "join_x_tolerance",
    "join_y_tolerance",
    "intersection_x_tolerance",
    "intersection_y_tolerance",
    "edge_min_length",
)


def _near_tolerance(edges: list[dict], settings) -> bool:
    """Whether two ruling coordinates that the table finder compares are as far apart as its
    tolerance for that comparison, give or take ``NEAR`` (else no comparison is in doubt): the
    vertical edges' x with one another (snapped) and their ends (joined), the same for the
    horizontal edges' y, each edge's ends with the edges across it (intersections), each edge's
    length (the shortest kept)."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    pairs = [
        ([e["x0"] for e in vertical], [e["x0"] for e in vertical], settings.snap_x_tolerance),
        ([e["top"] for e in horizontal], [e["top"] for e in horizontal], settings.snap_y_tolerance),
        ([e["bottom"] for e in vertical], [e["top"] for e in vertical], settings.join_y_tolerance),
        ([e["x1"] for e in horizontal], [e["x0"] for e in horizontal], settings.join_x_tolerance),
        (
            [e["x0"] for e in vertical],
            [x for e in horizontal for x in (e["x0"], e["x1"])],
            settings.intersection_x_tolerance,
        ),
        (
            [e["top"] for e in horizontal],
            [y for e in vertical for y in (e["top"], e["bottom"])],
            settings.intersection_y_tolerance,
        ),
    ]
    for ours, theirs, tolerance in pairs:
        values = sorted(set(theirs))
        for value in set(ours):
            for target in (value + tolerance, value - tolerance):
                at = bisect.bisect_left(values, target - NEAR)
                if at < len(values) and values[at] <= target + NEAR:
                    return True
    lengths = {e["height"] for e in vertical} | {e["width"] for e in horizontal}
    limits = (settings.edge_min_length, settings.edge_min_length_prefilter)
    return any(abs(length - limit) <= NEAR for length in lengths for limit in limits)


def _cells(intersections: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells`` (0.11), the same cells in the same order: each
    point's edges made a set once (not at each comparison), the points below and right of each
    one taken from its column and its row (not by scanning every point after it)."""
    from pdfplumber.utils import obj_to_bbox

    points = sorted(intersections)
    vertical = {p: set(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    horizontal = {p: set(map(obj_to_bbox, intersections[p]["h"])) for p in points}
    columns: dict[float, list] = {}  # the points of each x, by y: sorted as ``points``
    rows: dict[float, list] = {}  # the points of each y, by x
    for point in points:
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    after = {}  # each point's place in its column and in its row
    for line in (*columns.values(), *rows.values()):
        for place, point in enumerate(line):
            after.setdefault(point, []).append(place + 1)

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    cells = []
    for point in points[:-1]:
        in_column, in_row = after[point]
        below = columns[point[0]][in_column:]
        right = rows[point[1]][in_row:]
        cell = None
        for below_point in below:
            if not connects(point, below_point):
                continue
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if (
                    corner in intersections
                    and connects(corner, right_point)
                    and connects(corner, below_point)
                ):
                    cell = (point[0], point[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _lines_edges(edges: list[dict], settings) -> list[dict] | None:
    """``TableFinder.get_edges`` (pdfplumber 0.11) for its default strategy, "lines" both ways
    and none given: the edges long enough, merged (snapped and joined), the merged ones long
    enough, with each filter a comprehension rather than a call a test for each edge; None for
    any other settings (the finder's own then)."""
    from pdfplumber.table import merge_edges

    if (
        settings.vertical_strategy != "lines"
        or settings.horizontal_strategy != "lines"
        or settings.explicit_vertical_lines
        or settings.explicit_horizontal_lines
    ):
        return None
    shortest = settings.edge_min_length_prefilter
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= shortest]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["width"] >= shortest]
    merged = merge_edges(
        vertical + horizontal,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    shortest = settings.edge_min_length
    return [e for e in merged if e["height" if e["orientation"] == "v" else "width"] >= shortest]


def _finder(probe: _LatticePage, settings):
    """pdfplumber's ``TableFinder(probe, settings)``, its cells found by :func:`_cells`."""
    from pdfplumber.table import (
        Table,
        TableFinder,
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
    )

    finder = TableFinder.__new__(TableFinder)
    finder.page = probe
    finder.settings = settings = TableSettings.resolve(settings)
    edges = _lines_edges(probe.edges, settings)
    finder.edges = finder.get_edges() if edges is None else edges
    finder.intersections = edges_to_intersections(
        finder.edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    finder.cells = _cells(finder.intersections)
    finder.tables = [Table(probe, group) for group in cells_to_tables(finder.cells)]
    return finder


def _steady_tables(probe: _LatticePage, settings):
    """The tables found with pdfplumber's tolerances, and the bands of the page where a cell's
    border is in doubt; None when the tables themselves depend on how two coordinates exactly
    that far apart compare (two borders 3 points apart snapped into one, or not): there
    pdfminer's doubles and pypdfium2's float32 values may fall on either side, and the page is
    left to pdfplumber itself. When some comparison is in doubt, the tables are found again with
    every tolerance a little smaller and a little larger: the same tables with the same cells, to
    ``MOVE`` points, all three times, they are steady; the bands where a border moved are given
    (a character whose middle falls in one could change cells: then pdfplumber reads the page)."""
    from dataclasses import replace

    found = _finder(probe, settings).tables
    if not found or not _near_tolerance(probe.edges, settings):
        return found, []
    nominal = [sorted(table.cells) for table in found]
    bands: list[tuple[int, float, float]] = []  # (0 for x, 1 for y, low, high)
    for shift in (-NEAR, NEAR):
        shifted = replace(
            settings, **{name: getattr(settings, name) + shift for name in TOLERANCES}
        )
        other = [sorted(table.cells) for table in _finder(probe, shifted).tables]
        if [len(cells) for cells in other] != [len(cells) for cells in nominal]:
            return None
        for ours, theirs in zip(nominal, other, strict=True):
            for cell, moved in zip(ours, theirs, strict=True):
                for axis, (a, b) in enumerate(zip(cell, moved, strict=True)):
                    if abs(a - b) > MOVE:
                        return None
                    if a != b:
                        bands.append((axis % 2, min(a, b), max(a, b)))
    return found, bands


def _union(intervals: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """The closed intervals as the starts and ends of their union's disjoint pieces, sorted."""
    starts: list[float] = []
    ends: list[float] = []
    for low, high in sorted(intervals):
        if starts and low <= ends[-1]:
            if high > ends[-1]:
                ends[-1] = high
        else:
            starts.append(low)
            ends.append(high)
    return starts, ends


def _within(union: tuple[list[float], list[float]], value: float) -> bool:
    """Whether ``value`` is in one of the intervals :func:`_union` was given."""
    starts, ends = union
    at = bisect.bisect_right(starts, value) - 1
    return at >= 0 and starts[at] <= value <= ends[at]


def lattice_tables(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage | None = None,
    paths: list[tuple[object, tuple[float, ...]]] | None = None,
) -> list[list[list[str | None]]] | None:
    """The ruled tables of a page, as pdfplumber's ``extract_tables()`` gives them; None for a
    page this reader does not handle as pdfplumber does (rotated, or cropped). ``textpage``: the
    page's text page when it is open already (else one is made for the characters); ``paths``:
    its path objects when walked already (:func:`_page_paths`)."""
    from pdfplumber.table import TableSettings

    if page.get_rotation() % 360 or page.get_cropbox() != page.get_mediabox():
        return None
    left, bottom, right, top = (_decimal(v) for v in page.get_mediabox())
    settings = TableSettings.resolve(None)
    probe = _LatticePage(right - left, top - bottom, _page_edges(page, left, top, paths), [])
    steady = _steady_tables(probe, settings)
    if steady is None:
        return None
    found, bands = steady
    if not found:
        return []
    boxes = [table.bbox for table in found]
    if textpage is not None:
        chars = _page_chars(textpage, left, top, boxes)
    else:
        own = page.get_textpage()
        try:
            chars = _page_chars(own, left, top, boxes)
        finally:
            own.close()
    placed = _placed(chars)
    if bands:
        across, down = (
            _union([(low - MOVE, high + MOVE) for a, low, high in bands if a == axis])
            for axis in (0, 1)
        )
        for v_mid, _, h_mid, _ in placed:
            if _within(across, h_mid) or _within(down, v_mid):
                return None  # a character on a border in doubt: its cell is pdfplumber's to say
    return [_extract(table, chars, settings.text_settings or {}, placed) for table in found]
