"""Reading order of OCR'd blocks; underlines and stamps drawn over a scan kept from Tesseract."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from deliberations.extract.ocr import (
    RULE_LENGTH,
    RawWord,
    render_page,
    render_scan,
    unline_array,
)
from deliberations.extract.ocr_layout import layout


class _Words:
    """A page of RawWords, one Tesseract line at a time (block numbers as Tesseract gave)."""

    def __init__(self) -> None:
        self.words: list[RawWord] = []
        self._line = 0

    def line(self, text: str, *, x: float, top: float, block: int) -> None:
        for word in text.split():
            width = 6.0 * len(word)
            self.words.append(
                RawWord(
                    text=word,
                    confidence=0.95,
                    bbox=(x, top, x + width, top + 10.0),
                    block=block,
                    line=self._line,
                )
            )
            x += width + 4
        self._line += 1


def _sidebar_page(body_blocks: list[int]) -> list[RawWord]:
    """A left sidebar from top to bottom beside the body, Tesseract's block numbers given for
    the body's three blocks (title, paragraph, heading further down)."""
    page = _Words()
    page.line("REPUBLIQUE FRANCAISE", x=50, top=20, block=1)
    page.line("Nombre de membres", x=50, top=150, block=2)
    page.line("en exercice : 11", x=50, top=162, block=2)
    page.line("Date de la convocation :", x=50, top=300, block=3)
    page.line("21 mars 2022", x=60, top=312, block=3)
    title, paragraph, heading = body_blocks
    body = [
        (title, "COMPTE RENDU du CONSEIL MUNICIPAL", 30.0),
        (paragraph, "L'an deux mille vingt-deux le vingt-cinq mars le Conseil", 150.0),
        (paragraph, "Municipal s'est réuni sous la présidence du Maire.", 162.0),
        (heading, "Ouverture de la séance", 300.0),
    ]
    for block, text, top in sorted(body, key=lambda b: b[0]):
        page.line(text, x=200, top=top, block=block)
    return page.words


def test_the_sidebar_comes_whole_then_the_body_from_its_top() -> None:
    """Tesseract read the sidebar, then a heading half way down the body, then the title."""
    text, placed = layout(_sidebar_page([6, 5, 4]))
    assert text.index("21 mars 2022") < text.index("COMPTE RENDU")
    assert text.index("COMPTE RENDU") < text.index("L'an deux mille") < text.index("Ouverture")
    assert all(text[w.start : w.end] == w.text for w in placed)


def test_blocks_in_reading_order_stay_as_they_are() -> None:
    text, _ = layout(_sidebar_page([4, 5, 6]))
    assert text.startswith("REPUBLIQUE FRANCAISE\n\nNombre de membres\nen exercice : 11")
    assert text.index("COMPTE RENDU") < text.index("L'an deux mille") < text.index("Ouverture")


def _sidebar_beside_paragraphs(body_below: bool) -> list[RawWord]:
    """A sidebar down the left margin beside the body's paragraphs, the gaps between them
    across the page (the page falls into thin bands); ``body_below``: the body runs on below the
    sidebar, starting a little left of the body's edge above (a scan's skew), so the page
    cannot be cut into columns whole."""
    page = _Words()
    page.line("Vote : à l'unanimité", x=200, top=30, block=1)
    page.line("M 49 - approbation du compte de gestion", x=200, top=80, block=2)
    page.line("Monsieur le Maire présente le compte de gestion", x=200, top=94, block=2)
    page.line("Nombre de membres", x=50, top=142, block=3)
    page.line("en exercice : 11", x=50, top=155, block=4)
    page.line("Excédent de fonctionnement 56 692,76", x=200, top=192, block=5)
    page.line("Date de la convocation :", x=50, top=300, block=6)
    page.line("Monsieur le Maire propose les affectations", x=200, top=314, block=7)
    page.line("21 mars 2022", x=60, top=330, block=8)
    page.line("Vote : à l'unanimité", x=200, top=345, block=9)
    if body_below:
        page.line("M 49 - budget primitif 2022", x=178, top=400, block=10)
        page.line("Monsieur le Maire présente le budget annexe", x=178, top=414, block=10)
    return page.words


def test_a_sidebar_beside_paragraphs_is_read_whole_beside_them() -> None:
    """Tesseract's blocks, one sidebar's line and one paragraph in turn, are read as the two
    columns they make: the sidebar whole, then the body; the body below them after both."""
    for body_below in (False, True):
        text, _ = layout(_sidebar_beside_paragraphs(body_below))
        sidebar = text.index("Nombre de membres"), text.index("21 mars 2022")
        body = text.index("M 49 - approbation"), text.index("propose les affectations")
        assert sidebar[0] < sidebar[1] < body[0] < body[1] or body[1] < sidebar[0] < sidebar[1]
        assert re.search(r"Date de la convocation :\s+21 mars 2022", text)
        if body_below:
            assert text.index("budget primitif") > max(*sidebar, *body)


def test_a_heading_tesseract_put_with_a_later_paragraph_comes_back_in_place() -> None:
    """One column: Tesseract's block 2 holds a line above and a line below block 3's lines."""
    page = _Words()
    page.line("Procurations :", x=72, top=100, block=2)
    page.line("Ouverture de la séance", x=72, top=160, block=2)
    page.line("Philippe donne procuration à Denis", x=72, top=114, block=3)
    text, _ = layout(page.words)
    assert text.index("Procurations") < text.index("Philippe") < text.index("Ouverture")


def test_figures_beside_their_labels_stay_in_their_rows() -> None:
    """Near miss of the column cut: a column of figures beside its labels is a table."""
    page = _Words()
    page.line("Le Maire présente les résultats de l'exercice 2021 :", x=72, top=80, block=1)
    rows = [
        ("Excédent de fonctionnement", "82 837,02 €"),
        ("Excédent d'investissement :", "94 100,30 €"),
    ]
    for block, x, column in ((2, 300, 1), (3, 90, 0)):  # Tesseract: the figures' block first
        for n, row in enumerate(rows):
            page.line(row[column], x=x, top=100 + 14 * n, block=block)
    text, _ = layout(page.words)
    assert "Excédent de fonctionnement 82 837,02 €" in text
    assert "Excédent d'investissement : 94 100,30 €" in text


def _page_image(underline: bool, box: bool = False) -> np.ndarray:
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "M 14 - approbation du compte de gestion", fill=0, font_size=48)
    if underline:
        draw.line([(100, 160), (1000, 163)], fill=0, width=4)  # askew, as scanned
    if box:
        draw.rectangle([(100, 220), (1000, 280)], fill=0)  # a black header row: no line
    return np.asarray(image, dtype=np.uint8).copy()


def test_an_underline_is_erased_and_the_letters_stay() -> None:
    plain, underlined = _page_image(False), _page_image(True)
    cleaned = unline_array(underlined.copy())
    line = underlined != plain
    assert line.sum() > 2500
    assert (cleaned[line] == 0).mean() < 0.02
    letters = plain == 0
    assert (cleaned[letters] == 0).mean() > 0.95


def test_an_underline_scanned_askew_is_erased_and_the_descenders_stay() -> None:
    """A page scanned 1.5° askew: the underline drifts 24 pixels along a heading 900 wide (no
    horizontal segment lies on it; Tesseract dropped the whole heading with it). The line goes,
    and the descenders it crosses ("p", "g") keep their strokes above and below it."""
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "approbation du partage", fill=0, font_size=48)
    plain = np.asarray(image, dtype=np.uint8).copy()
    draw.line([(100, 150), (1000, 174)], fill=0, width=4)
    underlined = np.asarray(image, dtype=np.uint8).copy()
    cleaned = unline_array(underlined.copy())
    line = underlined != plain
    assert line.sum() > 2500
    assert (cleaned[line] == 0).mean() < 0.05
    letters = plain == 0
    assert (cleaned[letters] == 0).mean() > 0.9


def test_a_table_ruling_that_meets_an_upright_stays() -> None:
    """Near miss of the underline: a ruling of a table's grid (Tesseract reads rows better)."""
    page = _page_image(False)
    page[200:203, 100:1000] = 0  # a row's ruling
    page[180:290, 998:1001] = 0  # the table's right edge, upright
    assert np.array_equal(unline_array(page.copy()), page)


def test_letters_a_short_dash_and_a_filled_box_are_no_lines() -> None:
    page = _page_image(False, box=True)
    page[120:124, 1050 : 1050 + int(RULE_LENGTH * 300) - 20] = 0  # a dash shorter than a rule
    assert np.array_equal(unline_array(page.copy()), page)


def _stamped_scan(path: Path, *, annotation: bool = False) -> Path:
    """A one-page scan (an image filling the page, a black bar at its top right) with a white
    box and a line of text drawn over the bar, as the prefecture's platform stamps a page."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as pdf_canvas

    scan = Image.new("L", (595, 842), 255)
    ImageDraw.Draw(scan).rectangle([(400, 20), (580, 60)], fill=0)  # what the stamp hides
    buffer = io.BytesIO()
    scan.save(buffer, format="PNG")
    page = pdf_canvas.Canvas(str(path), pagesize=(595, 842))
    page.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, width=595, height=842)
    page.setFillColorRGB(1, 1, 1)
    page.rect(390, 842 - 70, 200, 60, stroke=1, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica", 8)
    page.drawString(395, 842 - 30, "Reçu en préfecture le 21/12/2023")
    page.showPage()
    page.save()
    return path


def test_a_stamp_drawn_over_a_scan_is_left_out_of_the_render_and_read_from_its_text(
    tmp_path: Path,
) -> None:
    pdf = pdfium.PdfDocument(str(_stamped_scan(tmp_path / "stamped.pdf")))
    try:
        whole = np.asarray(render_page(pdf, 0, 72))
        image, words = render_scan(pdf, 0, 72)
    finally:
        pdf.close()
    under = (slice(25, 55), slice(410, 570))  # the bar, in points from the top left
    assert (whole[under] < 128).mean() < 0.5  # hidden by the stamp's box
    assert (np.asarray(image)[under] < 128).mean() > 0.95  # the scan beneath it
    assert [w.text for w in words] == ["Reçu", "en", "préfecture", "le", "21/12/2023"]
    assert all(w.confidence == 1.0 and 395 <= w.bbox[0] < 560 and w.bbox[1] < 35 for w in words)


def test_a_page_that_is_no_scan_is_rendered_whole_with_no_words(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas as pdf_canvas

    path = tmp_path / "digital.pdf"
    page = pdf_canvas.Canvas(str(path), pagesize=(595, 842))
    page.drawString(72, 770, "Reçu en préfecture le 21/12/2023")
    page.showPage()
    page.save()
    pdf = pdfium.PdfDocument(str(path))
    try:
        image, words = render_scan(pdf, 0, 72)
        assert words == []
        assert np.array_equal(np.asarray(image), np.asarray(render_page(pdf, 0, 72)))
    finally:
        pdf.close()
