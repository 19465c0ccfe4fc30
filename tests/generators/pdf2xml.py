"""Print a ``pdftohtml -xml`` export back to a born-digital PDF, each text line where it stood.

Some open-data repositories keep a body's minutes only as the XML ``pdftohtml -xml`` made of its
PDF: every line of text with its page, position, size and font. This puts each line back at its
place on an A4 page, in reading order (DejaVu Serif, bold where the export marks it), so the pipeline reads it as it
would read the body's PDF. Used for documents of the blind set (tests/data/blind/README.md):

    .venv/bin/python -m tests.generators.pdf2xml EXPORT.xml OUT.pdf
"""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSerif", "DejaVuSerif-Bold"


def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSerif-Bold.ttf")))


def _parse(export: str) -> ET.Element:
    # the export may carry a DOCTYPE and HTML entities XML does not know
    body = re.sub(r"<!DOCTYPE[^>]*>", "", export)
    body = re.sub(
        r"&(?!amp;|lt;|gt;|quot;|apos;|#)(\w+);", lambda m: html.unescape(m.group(0)), body
    )
    return ET.fromstring(body.encode("utf-8"))


def render(export: str, out: Path) -> int:
    """Draw every text element of the export on its page; return the number of pages."""
    _register_fonts()
    root = _parse(export)
    sizes = {f.get("id"): float(f.get("size", "12")) for f in root.iter("fontspec")}
    page_width, page_height = A4
    pdf = canvas.Canvas(str(out), pagesize=A4)
    pages = 0
    for page in root.iter("page"):
        scale = page_width / float(page.get("width", page_width))
        # in reading order, top to bottom then left to right, as a word processor writes a page
        lines = sorted(
            page.iter("text"), key=lambda t: (int(t.get("top", 0)), int(t.get("left", 0)))
        )
        for text in lines:
            content = "".join(text.itertext()).strip()
            if not content:
                continue
            bold = text.find("b") is not None
            size = sizes.get(text.get("font"), 12.0) * scale
            top = float(text.get("top", 0)) * scale
            height = float(text.get("height", 0)) * scale
            pdf.setFont(BOLD if bold else REGULAR, max(size * 0.8, 4.0))
            pdf.drawString(
                float(text.get("left", 0)) * scale, page_height - top - height * 0.8, content
            )
        pdf.showPage()
        pages += 1
    pdf.save()
    return pages


def main(argv: list[str]) -> int:
    source, out = Path(argv[0]), Path(argv[1])
    pages = render(source.read_text(encoding="utf-8"), out)
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
