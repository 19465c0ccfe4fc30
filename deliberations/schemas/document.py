"""The text of a document as the extract stage hands it to the nlp stage.

Rules run over the whole document text (pages joined by a form feed) so that a phrase broken
across a page still matches; :meth:`DocumentText.evidence` maps a global span back to the page
and the offsets in that page's own text, which is what evidence records.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict

from deliberations.schemas.record import Evidence

PAGE_SEPARATOR = "\f"

TextMethod = Literal["text-layer", "ocr", "plain-text", "none"]


class PageText(BaseModel):
    """One page's text and how it was obtained."""

    model_config = ConfigDict(frozen=True)

    number: int  # 1-based
    text: str
    method: TextMethod = "text-layer"
    reason: str = ""


class TableCell(BaseModel):
    text: str
    start: int | None = None  # global offset in DocumentText.text when it could be located
    end: int | None = None


class Table(BaseModel):
    """A table read by pdfplumber: the first row is taken as its header."""

    page: int
    rows: list[list[TableCell]]


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

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the global span [start, end): page and offsets in that page."""
        page = self.page_of(start)
        base = self._page_starts[page - 1]
        page_len = len(self.pages[page - 1].text)
        return Evidence(page=page, start=start - base, end=min(end - base, page_len))
