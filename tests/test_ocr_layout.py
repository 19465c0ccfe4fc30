"""OCR'd words laid out as page text: lines, paragraphs, offsets that give back each word."""

from __future__ import annotations

import math

from deliberations.extract.ocr import RawWord
from deliberations.extract.ocr_layout import layout


def _line(
    words: list[str],
    line: int,
    top: float,
    block: int = 1,
    x: float = 72.0,
    slope: float = 0.0,
    height: float = 10.0,
) -> list[RawWord]:
    out = []
    for word in words:
        width = 6.0 * len(word)
        y = top + slope * x
        out.append(
            RawWord(
                text=word,
                confidence=0.95,
                bbox=(x, y, x + width, y + height),
                block=block,
                line=line,
            )
        )
        x += width + 4
    return out


def _page(lines: list[tuple[list[str], float]], slope: float = 0.0) -> list[RawWord]:
    return [w for i, (words, top) in enumerate(lines) for w in _line(words, i, top, slope=slope)]


PARAGRAPHS = [
    (["DÉLIBÉRATION", "DU", "CONSEIL", "MUNICIPAL"], 100.0),
    (["Le", "Conseil", "municipal,", "après", "en", "avoir", "délibéré,"], 130.0),
    (["décide", "d'attribuer", "une", "subvention", "de", "21", "900", "€."], 144.0),
    (["Adopté", "à", "l'unanimité."], 174.0),
]


def test_lines_and_paragraphs() -> None:
    text, _ = layout(_page(PARAGRAPHS))
    assert text == (
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL\n\n"
        "Le Conseil municipal, après en avoir délibéré,\n"
        "décide d'attribuer une subvention de 21 900 €.\n\n"
        "Adopté à l'unanimité."
    )


def test_offsets_give_back_each_word_with_its_box_and_confidence() -> None:
    words = _page(PARAGRAPHS)
    text, placed = layout(words)
    assert [w.text for w in placed] == [w.text for w in words]
    for raw, word in zip(words, placed, strict=True):
        assert text[word.start : word.end] == word.text
        assert word.bbox == raw.bbox and word.confidence == raw.confidence


def test_corrected_texts_replace_the_words_and_offsets_follow() -> None:
    words = _page([(["I'habitat", "mémesi", "a", "titre"], 100.0)])
    text, placed = layout(words, ["l'habitat", "même si", "à", "titre"])
    assert text == "l'habitat même si à titre"
    assert [text[w.start : w.end] for w in placed] == ["l'habitat", "même si", "à", "titre"]


def test_a_skewed_page_keeps_its_paragraphs() -> None:
    """At 2° the right end of a line is lower than the next line's left end: the slant is
    taken out, and a short last line is not a paragraph break."""
    slope = math.tan(math.radians(2))
    lines = [
        (
            ["une", "démarche", "d'intervention", "partenariale", "à", "la", "fois", "coordonnée"],
            100.0,
        ),
        (["et", "partagée."], 114.0),
        (["Elle", "vise", "à", "améliorer", "la", "vie", "quotidienne", "des", "habitants"], 142.0),
        (
            [
                "en",
                "répondant",
                "aux",
                "problèmes",
                "courants",
                "liés",
                "à",
                "l'habitat",
                "et",
                "au",
            ],
            156.0,
        ),
    ]
    text, _ = layout(_page(lines, slope=slope), None)
    assert text.split("\n") == [
        "une démarche d'intervention partenariale à la fois coordonnée",
        "et partagée.",
        "",
        "Elle vise à améliorer la vie quotidienne des habitants",
        "en répondant aux problèmes courants liés à l'habitat et au",
    ]


def test_a_block_beside_another_starts_a_paragraph() -> None:
    words = _line(["MAIRIE", "DE", "LENS"], 0, 100.0, block=1)
    words += _line(["Département", "du", "Pas-de-Calais"], 1, 100.0, block=2, x=400.0)
    words += _line(["Séance", "du", "6", "décembre", "2023"], 2, 140.0, block=3)
    text, _ = layout(words)
    assert text == "MAIRIE DE LENS\n\nDépartement du Pas-de-Calais\n\nSéance du 6 décembre 2023"


def test_no_words_no_text() -> None:
    assert layout([]) == ("", [])


def test_an_item_number_whose_stop_was_read_as_a_comma_gets_its_stop_back() -> None:
    words = _page(
        [
            (["4,", "Vote", "des", "taux", "d'imposition", "2024"], 100),
            (["12,", "Rue", "de", "la", "Mairie"], 130),  # an address: no item
            (["soit", "4,", "Vote"], 160),  # not at the line's start
            (["4,5", "Vote"], 190),
        ]
    )
    text, _ = layout(words)
    assert [line for line in text.splitlines() if line] == [
        "4. Vote des taux d'imposition 2024",
        "12, Rue de la Mairie",
        "soit 4, Vote",
        "4,5 Vote",
    ]


def test_a_table_ruling_read_as_a_bar_is_left_out_of_the_text() -> None:
    words = _page(
        [
            (["Comité", "des", "Fêtes", "|", "2000", "€"], 100),
            (["1016", "|", "Travaux", "1", "629", "300,43|", "-1", "075", "800,00"], 130),
            (["|"], 160),  # a ruling alone on its line: no line of text
            (["|'année", "2024"], 190),  # an elided article is ocr_normalize's business
        ]
    )
    text, placed = layout(words)
    assert [line for line in text.splitlines() if line] == [
        "Comité des Fêtes 2000 €",
        "1016 Travaux 1 629 300,43 -1 075 800,00",
        "|'année 2024",
    ]
    assert all(text[w.start : w.end] == w.text for w in placed)
    assert "|" not in [w.text for w in placed]


def _tabbed(words: list[RawWord]) -> list[RawWord]:
    """The first word of each line a tab (two text heights) from the next one."""
    out, line = [], None
    for word in words:
        shift = 0.0 if word.line != line else 20.0
        if word.line != line:
            line = word.line
        x0, y0, x1, y1 = word.bbox
        out.append(
            RawWord(
                word.text, word.confidence, (x0 + shift, y0, x1 + shift, y1), word.block, word.line
            )
        )
    return out


def test_a_bullet_read_as_a_stray_sign_is_read_as_a_bullet() -> None:
    words = _tabbed(
        _page(
            [
                (["“", "Désignation", "des", "délégués", "au", "Syndicat"], 100),
                (["=", "Détermination", "du", "nombre", "de", "membres"], 130),
                (["Y_", "Taxe", "foncière", "sur", "le", "bâti"], 160),
                (["«", "Voie", "Douce", "»", "et", "du", "quartier"], 190),  # a quotation
                (["*", "le", "conseil", "décide"], 220),  # no capital after it
                (["-", "Pour", ":", "15"], 250),  # a dash stays a dash
            ]
        )
    )
    # a quote a space from the words it opens (a law quoted over several lines)
    words += _line(["«", "Dans", "le", "cas", "où", "le", "budget"], 6, 280)
    text, _ = layout(words)
    assert [line for line in text.splitlines() if line] == [
        "▪ Désignation des délégués au Syndicat",
        "▪ Détermination du nombre de membres",
        "▪ Taxe foncière sur le bâti",
        "« Voie Douce » et du quartier",
        "* le conseil décide",
        "- Pour : 15",
        "« Dans le cas où le budget",
    ]
