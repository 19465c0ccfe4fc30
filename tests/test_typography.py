"""How each line is set (extract/typography.py): read on generated PDFs, on OCR'd words and on a
real in-sample PDF, and read by the headings (nlp/layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from deliberations.extract import read_document
from deliberations.extract.typography import ocr_styles
from deliberations.nlp import layout
from deliberations.nlp.headings import find_headings
from deliberations.nlp.segment import segments
from deliberations.schemas.document import DocumentText, LineStyle, OcrWord, PageText
from tests.generators.fixtures import LAYOUTS, build_pdf

REAL = Path(__file__).parent / "data" / "real" / "docs"
BODY = (
    "Le conseil municipal a examiné le projet de rénovation de la salle des fêtes et les devis "
    "reçus des entreprises consultées pour les travaux de couverture."
)


def _style(document: DocumentText, words: str) -> LineStyle:
    for page in document.pages:
        for style in page.lines:
            if page.text[style.start : style.end].strip().startswith(words):
                return style
    raise AssertionError(f"no line starts with {words!r}")


def test_a_bold_title_is_bold_and_the_body_is_not(tmp_path: Path) -> None:
    pdf = tmp_path / "bold.pdf"
    build_pdf(f"**Subvention au comité des fêtes**\n\n{BODY}\n{BODY}\n", pdf, LAYOUTS[0])
    document = read_document(pdf, with_tables=False)
    title, body = _style(document, "Subvention"), _style(document, "Le conseil")
    assert title.bold is True and body.bold is False
    assert abs(title.size - 1.0) < 0.05 and abs(body.size - 1.0) < 0.05
    assert layout.titled(title) and layout.set_as_body(body)
    assert not layout.titled(body) and not layout.set_as_body(title)


def test_a_larger_centred_title_with_space_above(tmp_path: Path) -> None:
    pdf = tmp_path / "title.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    width, height = A4
    # the body's lines fill the column between margins of 60 points
    size = 10 * (width - 120) / canvas.stringWidth(BODY[:95], "Helvetica", 10)
    canvas.setFont("Helvetica", size)
    canvas.drawString(60, height - 60, "COMMUNE DE SAINT-MARTIN, séance du 3 mars 2024, présidée")
    canvas.setFont("Helvetica", 16)
    canvas.drawCentredString(width / 2, height - 110, "Budget primitif 2024")
    canvas.setFont("Helvetica", size)
    for row in range(8):
        canvas.drawString(60, height - 140 - 13 * row, BODY[:95])
    canvas.drawString(60 + 2 * size, height - 260, "Vote : unanimité")
    canvas.save()
    document = read_document(pdf, with_tables=False)
    title = _style(document, "Budget primitif")
    assert title.size > 1.3 and title.centred and title.space_above and title.space_above > 2
    body = _style(document, BODY[:20])
    assert abs(body.size - 1.0) < 0.05 and not body.centred and abs(body.indent) < 0.5
    indented = _style(document, "Vote")
    assert indented.indent > 1.5 and not indented.centred  # 20 points right of the margin


def _word(text: str, start: int, x0: float, top: float, height: float = 10.0) -> OcrWord:
    return OcrWord(
        text=text,
        start=start,
        end=start + len(text),
        confidence=0.9,
        bbox=(x0, top, x0 + 6 * len(text), top + height),
    )


def test_on_a_scan_a_sidebar_line_is_in_the_margin() -> None:
    lines = [(60, "Nombre de membres")] + [(160, "le conseil municipal a voté la dépense " * 2)] * 5
    text, words, position = "", [], 0
    for row, (x0, line) in enumerate(lines):
        x = x0
        for token in line.split():
            words.append(_word(token, position + line.index(token), x, 100 + 14 * row))
            x += 6 * len(token) + 4
        text += line + "\n"
        position = len(text)
    styles = ocr_styles(text, words)
    assert styles[0].bold is None  # OCR gives no weight
    assert layout.in_margin(styles[0]) and not layout.in_margin(styles[1])
    assert not layout.titled(styles[0])  # on a scan, sizes say too little to call a title


def test_a_sidebar_line_is_no_heading_on_a_scan() -> None:
    # the sidebar's "Nombre de membres" misread: no attendance words left, its place says it
    text = (
        "Notnbre de membres\n\nApprobation du compte rendu du 28 janvier\n\nVote : à l'unanimité\n"
    )
    sidebar = LineStyle(
        start=0, end=18, size=0.8, bold=None, centred=False, indent=-12, width=0.2, space_above=9
    )
    page = PageText(number=1, text=text, method="ocr", lines=[sidebar])
    layout.remember(DocumentText(pages=[page]))
    try:
        assert [h.title for h in find_headings(text)] == [
            "Approbation du compte rendu du 28 janvier"
        ]
    finally:
        layout.forget()
    assert [h.title for h in find_headings(text + " ")][0] == "Notnbre de membres"  # unknown


@pytest.mark.skipif(not (REAL / "taluyers_compte-rendu_2014-04.pdf").exists(), reason="no data")
def test_on_a_real_pdf_item_titles_are_bold_and_a_list_bullet_is_body_text() -> None:
    document = read_document(REAL / "taluyers_compte-rendu_2014-04.pdf", with_tables=False)
    title = _style(document, "\x01 Marché de construction d’une maison des Associations")
    assert title.bold and title.size > 1.05
    assert layout.set_as_body(_style(document, "\x01 Conseillers en charge d’une délégation"))
    layout.remember(document)
    try:
        titles = [h.title for h in find_headings(document.text)]
    finally:
        layout.forget()
    assert any(t.startswith("Marché de construction d’une maison") for t in titles)
    assert not any(t.startswith("Conseillers en charge") for t in titles)


def _styled_page(text: str) -> DocumentText:
    """One text-layer page whose lines opening with a bullet are set in bold, the others as body."""
    lines, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append(
                LineStyle(
                    start=position,
                    end=position + len(line),
                    size=1.0,
                    bold=line.startswith("•"),
                    centred=False,
                    indent=0.0,
                    width=0.8,
                    space_above=1.5,
                )
            )
        position += len(line) + 1
    return DocumentText(pages=[PageText(number=1, text=text, lines=lines)])


ITEMS = (
    "• Modification du tableau des effectifs\n\n"
    "Le poste d'adjoint technique passe à 17,75 heures.\n\n"
    "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, approuve le tableau.\n\n"
    "• Déclaration d'intention d'aliéner\n\n"
    "Deux déclarations, pas de préemption.\n\n"
    "• Vente d'un tènement communal\n\n"
    "Le tènement est cédé au prix évalué par les Domaines.\n\n"
    "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, approuve la vente.\n"
)


def test_of_titles_set_alike_before_one_vote_the_last_is_its_item() -> None:
    layout.remember(_styled_page(ITEMS))
    try:
        titles = [s.heading.title for s in segments(ITEMS) if s.heading]
    finally:
        layout.forget()
    assert titles == ["Modification du tableau des effectifs", "Vente d'un tènement communal"]
    # near miss: styles unknown (a plain-text file), the first title after the vote opens the item
    titles = [s.heading.title for s in segments(ITEMS + " ") if s.heading]
    assert titles[1] == "Déclaration d'intention d'aliéner"


def _page_of_widths(text: str, widths: list[float]) -> DocumentText:
    """One text-layer page whose non-blank lines have the given widths (shares of the column)."""
    lines, position, widths = [], 0, list(widths)
    for line in text.split("\n"):
        if line.strip():
            lines.append(
                LineStyle(
                    start=position,
                    end=position + len(line),
                    size=1.0,
                    bold=False,
                    centred=False,
                    indent=0.0,
                    width=widths.pop(0),
                    space_above=1.0,
                )
            )
        position += len(line) + 1
    return DocumentText(pages=[PageText(number=1, text=text, lines=lines)])


WRAPPED_TITLE = (
    "6. ÉLUS – INTERCOMMUNALITE - COMMUNAUTE DE COMMUNES ASSE\n"
    "BLEONE VERDON – Pouvoir de police administrative spéciale du maire\n\n"
    "Monsieur le maire donne lecture d'un courrier de la Communauté de Communes.\n"
)


def test_a_title_running_to_the_column_edge_goes_on_over_the_next_line() -> None:
    layout.remember(_page_of_widths(WRAPPED_TITLE, [0.95, 0.7, 1.0]))
    try:
        titles = [h.title for h in find_headings(WRAPPED_TITLE)]
    finally:
        layout.forget()
    assert titles[0] == (
        "ÉLUS – INTERCOMMUNALITE - COMMUNAUTE DE COMMUNES ASSE BLEONE VERDON – "
        "Pouvoir de police administrative spéciale du maire"
    )
    # near miss: a short title line (half the column), the next line is one of its own (another
    # text: the headings of a text are read once)
    short = WRAPPED_TITLE + "\n"
    layout.remember(_page_of_widths(short, [0.5, 0.7, 1.0]))
    try:
        titles = [h.title for h in find_headings(short)]
    finally:
        layout.forget()
    assert titles[0] == "ÉLUS – INTERCOMMUNALITE - COMMUNAUTE DE COMMUNES ASSE"
