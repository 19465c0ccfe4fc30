"""Checks before a PDF is worked on: what would take a worker down is refused up front.

A PDF of thousands of pages would hold a worker for an hour; a page image declared as
100,000 × 100,000 pixels (a few kilobytes of compressed zeros) would decompress to gigabytes the
moment a page is rendered for OCR. Both are read from the file's structure without decoding
anything: the page count, and each image's declared pixel size (pdfium reads it from the image
dictionary). An empty, truncated, encrypted or not-a-PDF file fails here too, with the messages
of :func:`deliberations.extract.pdf.open_pdf`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.errors import DecompressionBombError, TooManyPagesError
from deliberations.extract.pdf import open_pdf


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may hold."""

    max_pages: int = 2000
    # PIL refuses images over 2 × 89 M pixels as decompression bombs; an A3 page scanned at
    # 600 dpi is 70 M pixels
    max_image_pixels: int = 180_000_000


def preflight(path: Path, limits: DocumentLimits) -> int:
    """Check a PDF against the limits; return its page count."""
    pdf = open_pdf(path)
    try:
        pages = len(pdf)
        if pages > limits.max_pages:
            raise TooManyPagesError(
                f"{path}: {pages:,} pages, over the limit of {limits.max_pages:,}; split it "
                f"(e.g. qpdf --split-pages) or raise --max-pages"
            )
        for index in range(pages):
            _check_images(path, pdf, index, limits)
        return pages
    finally:
        pdf.close()


def _check_images(path: Path, pdf: pdfium.PdfDocument, index: int, limits: DocumentLimits) -> None:
    page = pdf[index]
    try:
        for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            width, height = image.get_px_size()
            if width * height > limits.max_image_pixels:
                raise DecompressionBombError(
                    f"{path}: page {index + 1} holds an image of {width:,} × {height:,} pixels "
                    f"({width * height / 1e6:,.0f} M, over the limit of "
                    f"{limits.max_image_pixels / 1e6:,.0f} M): it would decompress to gigabytes; "
                    f"refused"
                )
    finally:
        page.close()
