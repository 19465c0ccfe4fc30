"""The generator that prints a ``pdftohtml -xml`` export back to a PDF (blind set's documents)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from tests.generators.pdf2xml import render

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml producer="poppler" version="22.02.0">
<page number="1" position="absolute" top="0" left="0" height="1263" width="892">
<fontspec id="0" size="15" family="Times" color="#000000"/>
<text top="300" left="64" width="264" height="16" font="0">Le Conseil municipal, après en avoir délibéré,</text>
<text top="34" left="64" width="264" height="16" font="0"><b>SÉANCE DU 13 OCTOBRE 2009</b></text>
<text top="320" left="64" width="264" height="16" font="0">décide d&apos;attribuer 1 500&#160;€ à l&amp;association</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="1263" width="892">
<text top="34" left="64" width="100" height="16" font="0">Page 2</text>
</page>
</pdf2xml>
"""


def test_lines_back_in_their_places(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert render(EXPORT, out) == 2
    document = pypdfium2.PdfDocument(out)
    first = document[0].get_textpage().get_text_range()
    # printed by position: the heading at the top comes first although the export lists it second
    assert first.index("SÉANCE DU 13 OCTOBRE 2009") < first.index("après en avoir délibéré")
    assert "1 500\u00a0€ à l&association" in first or "1 500 € à l&association" in first
    assert "Page 2" in document[1].get_textpage().get_text_range()
