"""Tables without rulings, read from where their words sit on the page.

A grant deliberation prints its subsidies in sections of rows ``code | organisation | type |
project | amount``, each closed by a ``Total … €`` line and a sentence giving the credit line it
is drawn from. No rule is drawn, so pdfplumber's lattice does not see them, and the text layer
flattens them into lines in which a wrapped name and the next row look alike. Here:

* each word of the text layer gets its box (pypdfium2's character boxes; on a scanned page, the
  box and confidence OCR gave it), and words are grouped into visual lines and, within a line,
  into chunks separated by a column gap;
* amounts whose right edges align on the page make the amount columns; the left edges of the
  other chunks of those lines make the text columns;
* a line with an amount in an amount column starts a row; a line with none is a wrapped line of
  the row above (of the row below when it sits closer to it, a cell centred in its row); a
  ``Total`` line closes a section, whose title is above its rows and whose imputation sentence
  follows the total;
* a table whose last row is at the foot of a page continues on the next page when that page
  starts with rows in the same columns, under a repeated header or none;
* every printed total is checked against the sum of the rows above it (:func:`check_sums`;
  a table that does not add up keeps its values, and its grants are flagged with a lower
  score), and the status printed in or next to a row ("Vote reporté", "annulé", a line struck
  through) is kept: such a row grants nothing; nor does a row whose sum OCR read unsure.

Each cell is located in the page text (its words' offsets), so evidence works as for sentences.

The reading is split by job under :mod:`deliberations.extract.unruled`: ``geometry`` (words,
lines, chunks), ``columns`` (amount column bands), ``rulings`` (borders and strike-throughs),
``regions`` (where a table stands, across pages), ``headers``, ``rows`` (rows, wrapped lines,
sections), ``cells`` (words into cells), ``roles`` (name and granted columns, statuses) and
``totals`` (the self-check).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pypdfium2 as pdfium

from deliberations.extract.unruled.cells import (
    amount_position,
    cell_of,
    cell_value,
    column_lefts,
    join_wrapped_sums,
    row_cells,
)
from deliberations.extract.unruled.columns import MIN_COLUMN_AMOUNTS
from deliberations.extract.unruled.patterns import (
    BARE_SUM_LINE_RE,
    GRANT_COLUMN_RE,
    GRANT_PAGE_RE,
    NAME_HEADER_RE,
    STATUS_RE,
    SUM_RE,
)
from deliberations.extract.unruled.regions import (
    PageLayout,
    Region,
    find_regions,
    read_ocr_page,
    read_page,
    shifted,
)
from deliberations.extract.unruled.roles import (
    find_granted_column,
    find_name_column,
    row_status,
    unsure_sum,
)
from deliberations.extract.unruled.rows import RowDraft, build_rows
from deliberations.extract.unruled.totals import check_sums
from deliberations.schemas.document import PageText, Table, TableCell, TableSection

__all__ = ["NAME_HEADER_RE", "STATUS_RE", "cell_value", "read_word_tables", "to_table"]


def to_table(region: Region, page_starts: list[int] | None = None) -> Table | None:
    """The region as a :class:`Table`: header first (empty cells when none is printed), its
    sections, row statuses, and the check of every printed total."""
    drafts, section_drafts = build_rows(region)
    data = [d for d in drafts if d.kind == "row"]
    if len(data) < 2:
        return None
    lefts = column_lefts(region.columns, drafts)
    columns = region.columns
    width = len(lefts) + len(columns)
    amount_positions = sorted(amount_position(i, lefts, columns) for i in range(len(columns)))
    cells = [row_cells(d.lines, lefts, columns, d.kind == "header") for d in drafts]
    join_wrapped_sums(cells, [d.kind for d in drafts])
    if drafts[0].kind != "header":
        drafts.insert(0, RowDraft("header", []))
        cells.insert(0, [TableCell(text="") for _ in range(width)])
        for section in section_drafts:
            section.rows = [r + 1 for r in section.rows]
            section.total = None if section.total is None else section.total + 1
    header = cells[0] if drafts[0].lines else None
    statuses = {
        i: s for i, d in enumerate(drafts) if d.kind == "row" for s in [row_status(d.lines)] if s
    }
    amount = find_granted_column(
        header, amount_positions, [c for c, d in zip(cells, drafts, strict=True) if d.kind == "row"]
    )
    table = Table(
        page=region.lines[0].page,
        rows=cells,
        method="words",
        pages=sorted({line.page for line in region.lines}),
        kinds=[d.kind for d in drafts],
        name_column=find_name_column(
            header,
            [c for c, d in zip(cells, drafts, strict=True) if d.kind == "row"],
            set(amount_positions),
        ),
        amount_column=amount,
        statuses=statuses,
        unsure=[
            i
            for i, d in enumerate(drafts)
            if d.kind == "row" and amount is not None and unsure_sum(d.lines, cells[i][amount])
        ],
    )
    table.sections = [
        TableSection(
            title=cell_of([w for line in s.title for w in line.words]) if s.title else None,
            rows=s.rows,
            total=cells[s.total][amount] if s.total is not None and amount is not None else None,
            imputation=cell_of([w for line in s.imputation for w in line.words])
            if s.imputation
            else None,
        )
        for s in section_drafts
    ]
    check_sums(table, amount_positions)
    return table


def read_word_tables(
    path: Path,
    pages: list[PageText],
    page_starts: list[int],
    read: dict[int, tuple[int, PageLayout | None]] | None = None,
) -> list[Table]:
    """Every table of the document read from word positions (ruled ones too: the rules are not
    needed), continued across pages. ``read``: text-layer pages' layouts read as the pages were
    loaded for their text, each with the page start its offsets were read from; a page not in
    it is loaded here."""
    pdf: pdfium.PdfDocument | None = None  # opened for the first page not read already
    layouts = []
    try:
        for page in pages:
            if not has_sums(page.text):
                continue
            base = page_starts[page.number - 1]
            if page.method == "text-layer":
                if read is not None and page.number in read:
                    read_at, done = read[page.number]
                    layout = None if done is None else shifted(done, base - read_at)
                else:
                    pdf = pdf or pdfium.PdfDocument(str(path))
                    layout = read_page(pdf, page.number, base)
            elif page.method == "ocr" and page.words:
                layout = read_ocr_page(page, base)
            else:
                continue
            if layout is not None:
                layouts.append(layout)
    finally:
        if pdf is not None:
            pdf.close()
    return [
        table
        for region in find_regions(layouts)
        for table in [to_table(region)]
        if table is not None and (not scanned(region) or confirmed(table))
    ]


def scanned(region: Region) -> bool:
    """Whether the region was read from OCR'd words."""
    return any(w.confidence is not None for line in region.lines for w in line.words)


def confirmed(table: Table) -> bool:
    """A table read from OCR'd words that is kept: its header says it lists grants (it names the
    beneficiaries' column, "ASSOCIATIONS | Subvention 2024", or calls its sums grants, "ADMR 350"
    under "Subvention votée"), or its figures prove read right (every total it prints is the sum
    of its rows: a commune's list of subsidies with no header, closed by sub-totals). Any other
    table OCR'd cell by cell (a budget's whose total a misread digit breaks, a form) is left to
    the text: its figures are no values to add."""
    return names_beneficiaries(table) or names_grants(table) or table.adds_up is True


def names_beneficiaries(table: Table) -> bool:
    """A grant table: its header names the beneficiaries' column ("ASSOCIATIONS | Subvention
    2024")."""
    return table.name_column is not None and bool(
        NAME_HEADER_RE.search(table.rows[0][table.name_column].text)
    )


def names_grants(table: Table) -> bool:
    """A grant table: its header calls the granted column's sums grants ("Subvention votée"; a
    narrow cell breaks the word over lines, "Subven" / "tion")."""
    if table.name_column is None or table.amount_column is None:
        return False
    header = "".join(table.rows[0][table.amount_column].text.split())
    return bool(GRANT_COLUMN_RE.search(header))


BARE_ROWS = 3  # lines ending with a bare sum that make a page worth reading for a table


def has_sums(text: str) -> bool:
    """Whether the page prints sums enough to hold a table: sums with "€" or cents, or whole
    sums ending lines under a grant header ("Subvention votée")."""
    if _at_least(MIN_COLUMN_AMOUNTS, SUM_RE, text):
        return True
    return bool(GRANT_PAGE_RE.search(text)) and _at_least(BARE_ROWS, BARE_SUM_LINE_RE, text)


def _at_least(count: int, pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches ``text`` ``count`` times (the page read no further)."""
    return sum(1 for _ in itertools.islice(pattern.finditer(text), count)) == count
