"""Checks before a PDF is worked on: what would take a worker down is refused before it does.

A PDF of thousands of pages would hold a worker for an hour; a page image declared as
100,000 × 100,000 pixels (a few kilobytes of compressed zeros) would decompress to gigabytes the
moment a page is rendered for OCR. Both are read from the file's structure without decoding
anything: the page count, and each image's declared pixel size (pdfium reads it from the image
dictionary). The page count is checked before any page is read; each page's images as the page
is loaded to read its text layer, before anything of it is read or rendered (the page loaded
once for both; OCR and tables come after every page is checked). An empty, truncated, encrypted
or not-a-PDF file fails here too, with the messages of :func:`deliberations.extract.pdf.open_pdf`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deliberations.errors import DecompressionBombError, TooManyPagesError

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# pypdfium2 is imported by the workers that read PDFs, not by the batch (which reads only the
# limits above): ``import pypdfium2.raw as pdfium_c`` in each function


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may hold."""

    max_pages: int = 2000
    # PIL refuses images over 2 × 89 M pixels as decompression bombs; an A3 page scanned at
    # 600 dpi is 70 M pixels
    max_image_pixels: int = 180_000_000


def preflight(path: Path, limits: DocumentLimits) -> Callable[[pdfium.PdfPage, int], None]:
    """Check a PDF's page count against the limits (opening it: an empty, truncated, encrypted or
    not-a-PDF file fails here); return the check of a page's images, which the text layer's
    reader (:func:`deliberations.extract.pdf.read_pdf_pages`) runs on each page as it loads it,
    before reading or rendering anything of it: a page is loaded once for both."""
    from deliberations.extract.pdf import open_pdf  # a worker's import: not the batch's

    pdf = open_pdf(path)
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > limits.max_pages:
        raise TooManyPagesError(
            f"{path}: {pages:,} pages, over the limit of {limits.max_pages:,}; split it "
            f"(e.g. qpdf --split-pages) or raise --max-pages"
        )
    return functools.partial(check_images, path=path, limits=limits)


def check_images(page: pdfium.PdfPage, index: int, *, path: Path, limits: DocumentLimits) -> None:
    """Refuse a page (``index``: 0-based) holding an image whose declared size is over the limit."""
    import pypdfium2.raw as pdfium_c

    from deliberations.extract.text_quality import page_objects

    for raw in _images_of(page_objects(page), pdfium_c):
        width, height = _px_size(raw)
        if width * height > limits.max_image_pixels:
            raise DecompressionBombError(
                f"{path}: page {index + 1} holds an image of {width:,} × {height:,} pixels "
                f"({width * height / 1e6:,.0f} M, over the limit of "
                f"{limits.max_image_pixels / 1e6:,.0f} M): it would decompress to gigabytes; "
                f"refused"
            )


def _images_of(listing: list[tuple[object, int]], pdfium_c) -> Iterator:
    """:func:`_images` of a page's objects listed with their types (``page_objects``)."""
    for raw, kind in listing:
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield raw
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _images(
                (
                    pdfium_c.FPDFFormObj_GetObject(raw, i)
                    for i in range(pdfium_c.FPDFFormObj_CountObjects(raw))
                ),
                3,
            )


def _images(objects, depth: int) -> Iterator:
    """The raw image objects among ``objects`` and in their form objects, ``depth`` levels down
    (as ``page.get_objects(filter=[image], max_depth=4)``, without a Python object for each of
    the thousands of paths a page of tables draws)."""
    import pypdfium2.raw as pdfium_c

    for raw in objects:
        kind = pdfium_c.FPDFPageObj_GetType(raw)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield raw
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 0:
            yield from _images(
                (
                    pdfium_c.FPDFFormObj_GetObject(raw, i)
                    for i in range(pdfium_c.FPDFFormObj_CountObjects(raw))
                ),
                depth - 1,
            )


def _px_size(raw) -> tuple[int, int]:
    """An image object's declared size in pixels (as ``PdfImage.get_px_size``)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFImageObj_GetImagePixelSize(raw, ctypes.byref(width), ctypes.byref(height)):
        raise pdfium.PdfiumError("Failed to get image size.")
    return width.value, height.value
