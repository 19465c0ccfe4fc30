"""A scanned page with a sidebar, a budget table and a prefecture stamp, read by Tesseract.

The page is drawn at 300 dpi as a mairie lays out an extract of its register: the body's
identity and attendance counts in a left sidebar beside the séance paragraph (Tesseract reads
each pair of lines as one), a budget table whose amounts Tesseract reads as a block of their
own, and an @CTES acknowledgement stamp beside the closing lines.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from deliberations.extract.ocr import OcrSettings, read_image, tesseract_problem
from deliberations.extract.ocr_layout import layout
from deliberations.extract.ocr_normalize import normalize_words
from tests.generators.fixtures import _find_font_file

pytestmark = pytest.mark.skipif(tesseract_problem() is not None, reason=tesseract_problem() or "")

SIDEBAR = [
    "Extrait du registre",
    "des délibérations",
    "du Conseil Municipal",
    "de la commune de",
    "SAINT-MARTIN",
    "",
    "Nombre de conseillers :",
    "en exercice : 15",
    "présents : 12",
    "votants : 14",
]
SEANCE = [
    "Convoqué le 2 mars 2023, le Conseil Municipal de",
    "Saint-Martin s'est réuni le 9 mars 2023 à 20 h 30",
    "en séance publique à la mairie, sous la présidence",
    "de Monsieur Jean DUPONT, Maire.",
    "",
    "Présents : M. DUPONT, Mme MARTIN, M. PETIT,",
    "Mme DURAND, M. LEROY, Mme MOREAU.",
    "Absents excusés : M. GIRARD (pouvoir à M. DUPONT).",
    "Secrétaire de séance : Mme MARTIN.",
]
BODY = [
    "Objet : Vote du budget primitif 2023",
    "",
    "Le Conseil Municipal, après en avoir délibéré, approuve",
    "le budget primitif 2023 arrêté comme suit :",
]
BUDGET = [
    ("Chapitre 011", "Charges à caractère général", "12 000,00"),
    ("Chapitre 012", "Charges de personnel", "45 500,00"),
    ("Chapitre 65", "Autres charges de gestion courante", "8 250,00"),
    ("Chapitre 66", "Charges financières", "1 200,00"),
]
STAMP = [
    "Accusé de réception en préfecture",
    "062-216204982-20231206-DLB17-DE",
    "Date de télétransmission : 07/12/2023",
    "Date de réception préfecture : 07/12/2023",
]
CLOSING = ["Adopté à l'unanimité.", "Fait et délibéré les jour, mois et an susdits."]


def _page() -> Image.Image:
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    path = _find_font_file("DejaVuSans")
    if path is None:
        pytest.skip("no DejaVu font")
    font, small = ImageFont.truetype(str(path), 40), ImageFont.truetype(str(path), 30)
    for i, line in enumerate(SIDEBAR):
        draw.text((200, 300 + 60 * i), line, fill=0, font=font)
    for i, line in enumerate(SEANCE):
        draw.text((900, 300 + 60 * i), line, fill=0, font=font)
    for i, line in enumerate(BODY):
        draw.text((200, 1150 + 60 * i), line, fill=0, font=font)
    for i, cells in enumerate(BUDGET):
        for x, cell in zip((200, 600, 1900), cells, strict=True):
            draw.text((x, 1450 + 60 * i), cell, fill=0, font=font)
    for i, line in enumerate(STAMP):
        draw.text((1500, 1800 + 45 * i), line, fill=0, font=small)
    for i, line in enumerate(CLOSING):
        draw.text((200, 1850 + 60 * i), line, fill=0, font=font)
    return image


@pytest.fixture(scope="module")
def page_text() -> tuple[str, list]:
    result = read_image(_page(), 0, OcrSettings())
    assert result.error is None
    return layout(result.words, normalize_words([w.text for w in result.words]))


def test_the_sidebar_comes_out_whole_before_the_seance(page_text: tuple[str, list]) -> None:
    text, _ = page_text
    blocks = text.split("\n\n")
    sidebar = "\n".join(line for line in SIDEBAR[:5])
    assert sidebar in blocks
    assert "\n".join(SEANCE[:4]) in blocks
    assert text.index("SAINT-MARTIN") < text.index("Convoqué le 2 mars 2023")
    assert "Extrait du registre Convoqué" not in text


def test_each_budget_row_is_one_line_with_its_amount(page_text: tuple[str, list]) -> None:
    lines = page_text[0].split("\n")
    for cells in BUDGET:
        assert " ".join(cells) in lines


def test_the_stamp_is_last_and_marked(page_text: tuple[str, list]) -> None:
    text, words = page_text
    assert text.endswith("\n\n" + "\n".join(STAMP))
    assert text.index("Adopté à l'unanimité.") < text.index("Accusé de réception")
    assert all(w.zone == "stamp" for w in words if w.start >= text.index("Accusé de réception"))
    assert all(text[w.start : w.end] == w.text for w in words)
