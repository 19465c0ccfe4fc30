"""Extract stage: a document file in, its pages of text (and tables) out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from deliberations.errors import InputFileError
from deliberations.extract.html import HTML_SUFFIXES, decode, html_to_text
from deliberations.extract.pdf import read_pdf_pages
from deliberations.extract.reflow import reflow as reflow_text
from deliberations.extract.tables import PagePass, read_tables
from deliberations.extract.text_tables import read_text_tables
from deliberations.extract.typography import LayerStyles, with_styles
from deliberations.schemas.document import PAGE_SEPARATOR, DocumentText, PageText

TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES


def read_text_file(path: Path) -> list[PageText]:
    """A plain-text document (already extracted): pages split on form feeds; a text that lost
    its layout (no line breaks, lines re-filled, markdown) given its lines back
    (:mod:`deliberations.extract.reflow`)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")
    raw = reflow_text(raw.replace("\r\n", "\n"))
    return [
        PageText(number=i + 1, text=chunk, method="plain-text", reason="text file")
        for i, chunk in enumerate(raw.split(PAGE_SEPARATOR))
    ]


def read_html_file(path: Path) -> list[PageText]:
    """An HTML page (minutes saved from a word processor, or published as a web page): its
    paragraphs, headings and table rows as lines (:mod:`deliberations.extract.html`), pages split
    where it breaks them."""
    text = html_to_text(decode(path.read_bytes()))
    return [
        PageText(number=i + 1, text=chunk.strip("\n"), method="plain-text", reason="HTML file")
        for i, chunk in enumerate(text.split(PAGE_SEPARATOR))
        if chunk.strip() or i == 0
    ]


def read_document(
    path: Path, *, with_tables: bool = True, check_page: Callable | None = None
) -> DocumentText:
    """Read a PDF, text or HTML file into a :class:`DocumentText`; ``check_page``: see
    :func:`read_pdf_pages` (the preflight's image limits)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        text_document = DocumentText(
            pages=read_text_file(path) if suffix in TEXT_SUFFIXES else read_html_file(path)
        )
        if with_tables:  # rows a converter wrote ("|ACCA Coulon|500€|"), read as a PDF's tables
            text_document.tables = read_text_tables(text_document)
        return text_document
    if suffix not in PDF_SUFFIXES:
        raise InputFileError(
            f"{path}: unsupported file type {suffix or '(none)'}; give a .pdf, .txt or .html"
        )
    # the lines' styles and the tables' readings of each page made while it is loaded for its
    # text layer
    styles = LayerStyles()
    passed = PagePass() if with_tables else None

    def on_page(*read: Any) -> None:
        styles(*read)
        if passed is not None:
            passed(*read)

    pages = read_pdf_pages(path, check_page=check_page, on_page=on_page)
    document = DocumentText(pages=with_styles(path, pages, styles))
    if with_tables:
        starts = [document.page_start(p.number) for p in document.pages]
        document.tables = read_tables(path, document.pages, starts, passed)
    return document
