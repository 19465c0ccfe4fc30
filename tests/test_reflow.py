"""Plain texts without their layout given their lines back (deliberations/extract/reflow.py).

The boundaries themselves are rules of ``phrasings/reflow.toml`` (an example and a near miss
each, run by tests/test_phrasings.py); here: when the reflow applies, the markdown, the filled
paragraphs, the hyphens, and that a text laid out by page is never touched."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.extract import read_text_file
from deliberations.extract.reflow import (
    LONG_LINE,
    _filled,
    _join,
    reflow,
    split_line,
    strip_markdown,
)

DATA = Path(__file__).parent / "data"
# texts of the in-sample sets given without their layout (fold C, opened in session 7): an OCR
# text exported on one line, a converter's markdown
UNLAID = {"arc-en-barrois_pv_2023-11-14.txt", "coulon_pv_2023-07-12.txt"}
# texts of the in-sample sets, laid out by page: none may change
LAID_OUT = sorted(
    p
    for p in [*(DATA / "real" / "docs").glob("*.txt"), *(DATA / "heldout" / "docs").glob("*.txt")]
    + list((DATA / "dev" / "text").glob("*.txt"))
    if p.name not in UNLAID
)
ONE_LINE = DATA / "real" / "docs" / "arc-en-barrois_pv_2023-11-14.txt"

MINUTES = (
    "Présents : M. Jean DUPONT, Mme Anne PETIT, M. Paul DURAND. Absents excusés : M. Luc MOREL. "
    "Secrétaire de séance : Mme Anne PETIT. "
    "1. Approbation du compte rendu de la séance précédente Le compte rendu est approuvé. "
    "Adopté à l'unanimité. "
    "2. Tarifs de la cantine scolaire Monsieur le Maire expose au conseil que les tarifs n'ont "
    "pas été révisés depuis trois ans et propose de les augmenter de deux pour cent. "
    "Vu le code général des collectivités territoriales, "
    "Après en avoir délibéré, le Conseil Municipal FIXE les tarifs comme suit. "
    "Pour : 12 Contre : 1 Abstention : 2 "
)


@pytest.mark.parametrize("path", LAID_OUT, ids=lambda p: p.name)
def test_laid_out_texts_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    assert reflow(text) == strip_markdown(text)  # a converter's marks go, nothing is re-filled


def test_a_quotation_wrapped_over_lines_is_markdown() -> None:
    quoted = "> Le Conseil, à la\n> majorité des membres\n\n"
    assert strip_markdown("Titre\n\n" + quoted * 3) == "Titre\n\n" + quoted.replace("> ", "") * 3
    assert strip_markdown("> une ligne citée\n\nune autre\n") == "> une ligne citée\n\nune autre\n"


def test_a_document_on_one_line_gets_its_lines_back() -> None:
    flat = (MINUTES * 8).strip()
    assert len(flat) > LONG_LINE
    lines = [line.strip() for line in reflow(flat).split("\n") if line.strip()]
    assert "2. Tarifs de la cantine scolaire" in lines
    assert "Pour : 12" in lines and "Abstention : 2" in lines
    assert any(line.startswith("Après en avoir délibéré") for line in lines)
    assert any(line.startswith("Absents excusés :") for line in lines)


def test_a_short_line_is_left_alone() -> None:
    """Near miss: a running line shorter than a page's text is a paragraph, not a document."""
    line = MINUTES.strip()
    assert len(line) < LONG_LINE
    assert reflow(line) == line


def test_filled_paragraphs_are_joined_then_cut() -> None:
    paragraphs = [
        "2. Tarifs de la cantine scolaire Monsieur le Maire expose au conseil que les "
        "tarifs n'ont pas été révisés depuis trois ans et qu'il convient de les augmenter.",
        "Après en avoir délibéré, le Conseil Municipal fixe les nouveaux tarifs de la "
        "cantine scolaire à compter du premier septembre prochain pour tous les enfants.",
    ] * 4
    wrapped = "\n\n".join(textwrap.fill(p, width=70) for p in paragraphs)
    lines = [line.strip() for line in reflow(wrapped).split("\n") if line.strip()]
    assert "2. Tarifs de la cantine scolaire" in lines
    assert any(
        line.startswith("Monsieur le Maire expose") and line.endswith("augmenter.")
        for line in lines
    )


def test_a_laid_out_page_is_not_taken_for_filled_lines() -> None:
    """Near miss: titles, lists and vote lines are short lines inside paragraphs."""
    page = "\n".join(
        [
            "3. Budget primitif 2021",
            "Monsieur le Maire présente le budget primitif de la commune pour l'exercice 2021,",
            "équilibré en dépenses et en recettes.",
            "Pour : 12",
            "Contre : 0",
            "Abstention : 1",
        ]
        * 4
    )
    assert reflow(page) == page


def test_hyphen_at_a_filled_line_end() -> None:
    """A word a filling tool cut at a line's end is made whole when its paragraph is joined."""
    assert _join(["le conseil approuve la construc-", "tion de la salle"], set()) == (
        "le conseil approuve la construction de la salle"
    )
    # a line ending with a cut word is a filled line, whatever its length
    lines = textwrap.wrap("le conseil municipal approuve la construction de la salle " * 16, 70)
    assert _filled(lines)
    lines[3] = lines[3][: len(lines[3]) // 2] + "-"
    assert _filled(lines)


def test_a_compound_keeps_its_hyphen() -> None:
    """Near miss: 'procès-verbal' cut at its hyphen stays hyphenated when the text writes it so."""
    assert _join(["le conseil approuve le procès-", "verbal de la séance"], {"procès-verbal"}) == (
        "le conseil approuve le procès-verbal de la séance"
    )
    assert _join(["à Saint-", "Apollinaire"], set()) == "à Saint-Apollinaire"


def test_markdown_marks_stripped() -> None:
    text = (
        "## **1\\. APPROBATION DU COMPTE RENDU**\n\nLe compte rendu est approuvé.\n\n"
        "## 2\\. Subventions\n\n| Association | Montant |\n|---|---:|\n| Comité des fêtes | 500 € |\n"
    )
    out = strip_markdown(text)
    assert "1. APPROBATION DU COMPTE RENDU\n" in out
    assert "2. Subventions" in out
    assert "Comité des fêtes  500 €" in out
    assert "|" not in out and "#" not in out and "**" not in out


def test_rules_and_pipes_of_a_text_layer_are_no_markdown() -> None:
    """Near miss: a form's blank '____', a line of dashes and a text layer's '|' cells stay."""
    text = "Le Maire,\n____________________\n----------------------\n| D 002 RESULTAT | 0,00 |\n"
    assert strip_markdown(text) == text


@given(st.lists(st.sampled_from(MINUTES.split()), min_size=1, max_size=400))
def test_a_cut_line_keeps_every_character(words: list[str]) -> None:
    line = " ".join(words)
    cut, _ = split_line(line)
    assert cut.split() == line.split()


def test_reading_a_flat_text_file(tmp_path: Path) -> None:
    path = tmp_path / "seance.txt"
    path.write_text((MINUTES * 8).strip(), encoding="utf-8")
    pages = read_text_file(path)
    assert "\n2. Tarifs de la cantine scolaire\n" in pages[0].text


def test_an_ocr_text_on_one_line_gets_its_acts_back() -> None:
    """An OCR text exported on one line (fold C): each act's labelled box, 'Délibération n° :
    D2023NN Objet de la délibération <title>', a line of its own, its vote box on the lines
    after ('A l'unanimité', 'Pour : 11' …), and the text after the counts on a line again."""
    text = ONE_LINE.read_text(encoding="utf-8")
    assert "\n" not in text.strip()
    lines = [line.strip() for line in reflow(text).split("\n") if line.strip()]
    acts = [line for line in lines if line.startswith("Délibération n° : D2023")]
    assert len(acts) == 11
    assert "Délibération n° : D202345 Obiet de la délibération Réélection du 2ème Adjoint" in acts
    assert "A l'unanimité" in lines and "Pour : 11" in lines
    assert any(line.startswith("Le Maire rappelle que Monsieur") for line in lines)
    assert "Nombre de bulletins : 11" in lines
