"""Tables in a text document: rows a converter wrote as markdown (``|ACCA Coulon|500€|``, which
:mod:`deliberations.extract.reflow` gives back as cells two spaces apart) or a plain-text export
wrote with its cells apart by runs of spaces or tabs.

They take the road of the tables read from word positions (:mod:`deliberations.extract.word_tables`):
the same columns' roles (the beneficiary's column, the column of the sums granted:
:mod:`deliberations.extract.unruled.roles`), the same statuses, and the same self-check of every
printed total against its rows (:func:`deliberations.extract.unruled.totals.check_sums`), so that
:mod:`deliberations.nlp.beneficiaries` reads their grants as it reads a PDF's.

* a block of at least three lines, each of two to eight cells, most as many, is a table (a line of
  justified prose, its words spaced out, has a little word alone in a cell: "de", "à"); its first
  line is its header when it prints no sum;
* in a table with a column of sums, a line that prints none is a category ("Sport | Sport",
  printed in both columns), not a row; a ``Total`` line (``Sous total``) closes a section, the
  rows it adds up, titled by the category above its first row;
* a row with fewer cells than the table (an empty cell lost in the conversion: "Repas adulte |
  | 5.65€") keeps its first cell in the first column and the others at the right.

A table of tariffs, of pre-emption decisions or of any other sums names no beneficiary column,
or its deliberation is about no grant: nothing there is read as a grant (the beneficiaries'
module decides, as for a PDF's table).
"""

from __future__ import annotations

import re
from collections import Counter

from deliberations.extract.reflow import MD_TABLE_RULE_RE
from deliberations.extract.unruled.cells import cell_value
from deliberations.extract.unruled.patterns import STATUS_RE, TOTAL_RE
from deliberations.extract.unruled.roles import find_granted_column, find_name_column, holds_sums
from deliberations.extract.unruled.totals import check_sums
from deliberations.schemas.document import (
    DocumentText,
    RowKind,
    Table,
    TableCell,
    TableSection,
)

# what separates two cells: a tab or two spaces or more; in a markdown row left as written
# ("|a|b|"), a "|" (elsewhere a "|" is OCR's reading of a rule or a letter, no separator)
CELL_GAP_RE = re.compile(r"\t[ \t]*| {2,}")
PIPE_GAP_RE = re.compile(r"[ \t]*\|[ \t]*")
MIN_LINES = 3  # a header and two rows, or three rows
MIN_SUMS = 2  # rows printing a sum in a column that make it a column of sums
MAX_CELL = 160  # a longer "cell" is a paragraph whose words are spaced out
MAX_CELLS = 8
MAX_WRAPPED = 2  # lines a name runs over before its row's line
MAX_FRAGMENT = 60
BULLET_RE = re.compile(r"[-–—•·*♦➢✓o]")  # "-  Signalisation": a list's item, not a row
# a justified line of prose spaces out its words: a "cell" that is a little word alone is one
PROSE_WORD_RE = re.compile(
    r"(?:de|d['’]|à|a|la|le|les|l['’]|des|du|et|ou|en|pour|par|au|aux|un|une|sur|dans|que|qui|est)",
    re.IGNORECASE,
)


Cells = list[TableCell]


def split_cells(line: str, offset: int) -> Cells:
    """The cells of one line (``offset``: where it starts in the document text); a markdown
    row's outer pipes are no cells."""
    stripped = line.strip()
    gaps = CELL_GAP_RE
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        lead = line.index("|") + 1
        body = line[lead : line.rindex("|")]
        offset += lead
        gaps = PIPE_GAP_RE
    else:
        body = line
    cells = []
    at = 0
    for gap in [*gaps.finditer(body), None]:
        end = gap.start() if gap else len(body)
        raw = body[at:end]
        text = raw.strip()
        start = offset + at + (len(raw) - len(raw.lstrip()))
        if text:
            cells.append(TableCell(text=" ".join(text.split()), start=start, end=start + len(text)))
        elif gap is not None and at > 0:
            cells.append(TableCell(text=""))  # "a    b": an empty cell between two (reflow's "  ")
        if gap is None:
            break
        at = gap.end()
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _blocks(text: str) -> list[list[Cells]]:
    """Runs of consecutive lines each holding two cells or more; a line of one short cell between
    two rows is the start of the next row's name, wrapped ("Union nationale des anciens" /
    "combattants    320 €")."""
    blocks: list[list[Cells]] = []
    run: list[Cells] = []
    wrapped: list[TableCell] = []
    offset = 0
    for line in [*text.split("\n"), ""]:
        if run and MD_TABLE_RULE_RE.match(
            line
        ):  # a markdown header's rule left as written: "|---|---|"
            offset += len(line) + 1
            continue
        cells = split_cells(line, offset) if line.strip() else []
        named = [c for c in cells if c.text]
        if (
            2 <= len(named) <= MAX_CELLS
            and not BULLET_RE.fullmatch(cells[0].text)
            and not any(len(c.text) > MAX_CELL or PROSE_WORD_RE.fullmatch(c.text) for c in cells)
        ):
            if wrapped and cells[0].text:
                head = wrapped[0]
                words = " ".join([*(c.text for c in wrapped), cells[0].text])
                cells[0] = TableCell(text=words, start=head.start, end=cells[0].end)
            run.append(cells)
            wrapped = []
        elif run and len(cells) == 1 and len(wrapped) < MAX_WRAPPED and _fragment(cells[0].text):
            wrapped.append(cells[0])
        else:
            if len(run) >= MIN_LINES and _steady(run):
                blocks.append(run)
            run, wrapped = [], []
        offset += len(line) + 1
    return blocks


def _fragment(text: str) -> bool:
    """A piece of a name wrapped over lines: short, no sum, no sentence's end."""
    return (
        len(text) <= MAX_FRAGMENT
        and cell_value(text) is None
        and not BULLET_RE.fullmatch(text)
        and not text.endswith((".", ":", ";"))
    )


def _steady(lines: list[Cells]) -> bool:
    """Whether most lines hold as many cells (a table), not as many as their words happen to
    be spaced out (justified prose)."""
    counts = Counter(len(cells) for cells in lines)
    return 3 * counts.most_common(1)[0][1] >= 2 * len(lines)


def _placed(cells: Cells, width: int) -> Cells:
    """The row on the table's columns: a row short of cells keeps its first one first and the
    others at the right (the name, then the sums)."""
    if len(cells) >= width:
        return cells[:width]
    empty = [TableCell(text="") for _ in range(width - len(cells))]
    return [cells[0], *empty, *cells[1:]]


def _prints_sum(cells: Cells) -> bool:
    return any(cell_value(c.text) is not None for c in cells[1:])


def to_table(lines: list[Cells], page: int) -> Table | None:
    """One block of lines as a :class:`Table` (header first, empty when none is printed), with
    its sections, the rows' statuses and the check of every printed total; None when it holds
    fewer than two rows."""
    width = Counter(len(cells) for cells in lines).most_common(1)[0][0]
    width = max(width, 2)
    header: Cells | None = None
    body = lines
    if not _prints_sum(lines[0]):
        header, body = _placed(lines[0], width), lines[1:]
    placed = [_placed(cells, width) for cells in body]
    sums_at = [
        i
        for i in range(1, width)
        if sum(cell_value(row[i].text) is not None for row in placed) >= MIN_SUMS
        and holds_sums([row[i].text for row in placed])
    ]
    rows: list[Cells] = [header or [TableCell(text="") for _ in range(width)]]
    kinds: list[RowKind] = ["header"]
    sections = [TableSection()]
    totals: dict[int, int] = {}  # section -> its total's row
    for cells, row in zip(body, placed, strict=True):
        if sums_at and not _prints_sum(cells):
            # a line without a sum in a table of sums: a category, the title of the rows below
            # it; a section is the rows a printed total closes, so a category inside one (no
            # total of its own) opens none
            if not sections[-1].rows and sections[-1].title is None:
                sections[-1].title = row[0]
            continue
        rows.append(row)
        if TOTAL_RE.match(row[0].text) and sums_at:
            kinds.append("total")
            totals[len(sections) - 1] = len(rows) - 1
            sections.append(TableSection())  # a total closes its section
        else:
            kinds.append("row")
            sections[-1].rows.append(len(rows) - 1)
    data = [r for r, k in zip(rows, kinds, strict=True) if k == "row"]
    if len(data) < 2:
        return None
    amount = find_granted_column(header, sums_at, data) if sums_at else None
    table = Table(
        page=page,
        rows=rows,
        method="text",
        pages=[page],
        kinds=kinds,
        name_column=find_name_column(header, data, set(sums_at)),
        amount_column=amount,
        statuses={
            i: found.group().strip()
            for i, (row, kind) in enumerate(zip(rows, kinds, strict=True))
            if kind == "row"
            for found in [STATUS_RE.search(" ".join(c.text for c in row))]
            if found
        },
    )
    for position, index in totals.items():
        # the total's cell in the granted column (located, for the self-check to find its row)
        cell = rows[index][amount] if amount is not None else TableCell(text="")
        located = [c for c in rows[index] if c.start is not None]
        sections[position].total = cell if cell.start is not None else located[0]
    table.sections = [s for s in sections if s.rows or s.total is not None]
    check_sums(table, sums_at)
    return table


def read_text_tables(document: DocumentText) -> list[Table]:
    """Every table of a text document's pages, its cells located in the document text."""
    tables = []
    for page in document.pages:
        start = document.page_start(page.number)
        for lines in _blocks(page.text):
            shifted = [
                [
                    c
                    if c.start is None
                    else TableCell(text=c.text, start=c.start + start, end=(c.end or 0) + start)
                    for c in cells
                ]
                for cells in lines
            ]
            table = to_table(shifted, page.number)
            if table is not None:
                tables.append(table)
    return tables
