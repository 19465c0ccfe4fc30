"""The tables read while each page is loaded for its text layer are the tables read by loading
each page again (:class:`deliberations.extract.tables.PagePass`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from deliberations.extract.pdf import read_pdf_pages
from deliberations.extract.tables import PagePass, read_tables
from deliberations.schemas.document import DocumentText

ROOT = Path(__file__).resolve().parent.parent
# a table of sums on page 19 of 39, a ruled table on page 2 of 3
WORD_TABLE = ROOT / "demo" / "corpus" / "003_1c68b7849828d15b.pdf"
RULED_TABLE = ROOT / "demo" / "corpus" / "004_05d0b8aa3f9328d5.pdf"


def _tables(path: Path, passed: PagePass | None, first_unread: bool = False) -> list:
    on_page = passed
    if passed is not None and first_unread:
        # as if the first page went to OCR: the pages after it do not know where they start

        def on_page(page, textpage, index, text, method) -> None:
            passed(page, textpage, index, text, "ocr" if index == 0 else method)

    document = DocumentText(pages=read_pdf_pages(path, on_page=on_page))
    starts = [document.page_start(p.number) for p in document.pages]
    return read_tables(path, document.pages, starts, passed)


@pytest.mark.parametrize("path", [WORD_TABLE, RULED_TABLE], ids=["words", "ruled"])
def test_the_tables_read_in_the_text_layers_pass_are_those_read_page_by_page(path: Path) -> None:
    again = _tables(path, None)
    assert again, "the document prints a table"
    assert _tables(path, PagePass()) == again


def test_words_read_before_their_page_start_is_known_are_moved_to_it() -> None:
    again = _tables(WORD_TABLE, None)
    passed = PagePass()
    assert _tables(WORD_TABLE, passed, first_unread=True) == again
    # they were read from 0 and moved: the page's offsets are past the 18 pages before it
    (read_at, layout) = passed.layouts[19]
    assert read_at == 0 and layout is not None
    read = max(w.end for line in layout.lines for w in line.words)
    starts = [c.start for row in again[0].rows for c in row if c.start is not None]
    assert starts and min(starts) > read
