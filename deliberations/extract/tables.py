"""Tables: ruled ones read with pdfplumber, only on pages that draw enough lines to hold one,
and every table of sums read from word positions (:mod:`deliberations.extract.word_tables`).

pdfplumber is slow compared with pypdfium2, so a page goes to it only when pypdfium2 sees
ruling paths on it. Each cell is located in the page's text so that a value read from a table
carries the same evidence as a value read from a sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.word_tables import read_word_tables
from deliberations.schemas.document import PageText, Table, TableCell

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


def _cell_pattern(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def locate_cells(rows: list[list[str | None]], page: PageText, page_start: int) -> list[list[TableCell]]:
    """Cells with their global offsets, searched in reading order in the page text."""
    located: list[list[TableCell]] = []
    cursor = 0
    for row in rows:
        cells = []
        for raw in row:
            text = " ".join((raw or "").split())
            pattern = _cell_pattern(text)
            match = pattern.search(page.text, cursor) if pattern else None
            if match is None and pattern is not None:
                match = pattern.search(page.text)  # cell text extracted out of order
            if match:
                cursor = match.end()
                cells.append(
                    TableCell(text=text, start=page_start + match.start(), end=page_start + match.end())
                )
            else:
                cells.append(TableCell(text=text))
        located.append(cells)
    return located


def read_tables(path: Path, pages: list[PageText], page_starts: list[int]) -> list[Table]:
    """Every ruled table of the document (pdfplumber), then every table of sums read from word
    positions (ruled or not), cells located in the page text."""
    return read_ruled_tables(path, pages, page_starts) + read_word_tables(path, pages, page_starts)


def read_ruled_tables(path: Path, pages: list[PageText], page_starts: list[int]) -> list[Table]:
    """Every ruled table of the document, with cells located in the page text."""
    wanted = pages_with_rulings(path)
    if not wanted:
        return []
    tables: list[Table] = []
    with pdfplumber.open(str(path)) as pdf:
        for number in wanted:
            plumber_page = pdf.pages[number - 1]
            for rows in plumber_page.extract_tables():
                if len(rows) < 2 or max(len(r) for r in rows) < 2:
                    continue
                cells = locate_cells(rows, pages[number - 1], page_starts[number - 1])
                tables.append(Table(page=number, rows=cells))
            plumber_page.close()
    return tables
