"""The units a match stands in (nlp/units.py) and the item and zone run around it (nlp/zones.py):
rules ask them instead of a set number of characters around a match."""

from __future__ import annotations

from deliberations.nlp import units
from deliberations.nlp.cast import not_cast_reason, sentence_around
from deliberations.nlp.zones import item_span, zone_run_start, zones_of

MINUTES = """Présents : M. Jean DUPONT, Mme Anne PETIT, M. Paul DURAND, Mme Claire MOREAU,
M. Louis BERNARD.
Absents excusés : Mme Julie ROUX.

1 - Travaux de voirie - demande de subvention
Monsieur le Maire présente le dossier. Il rappelle que le conseil a voté à l'unanimité le programme de voirie lors de sa
séance du 12 mars ; le département finance ces travaux à hauteur de 30 %.
Vu le Code général des collectivités territoriales,
Considérant que la commission des finances a émis un avis favorable à l'unanimité,
Après en avoir délibéré, le Conseil Municipal décide de solliciter la subvention.
Adopté à l'unanimité.

2 - Tarifs de la cantine
Le Conseil Municipal fixe le prix du repas à 3,20 €.
Adopté à l'unanimité.
"""


def test_the_line_and_the_lines_above() -> None:
    at = MINUTES.index("M. Louis BERNARD")
    assert units.line_start(MINUTES, at + 5) == at
    assert MINUTES[at : units.line_end(MINUTES, at)] == "M. Louis BERNARD."
    above = units.lines_above(MINUTES, MINUTES.index("Absents"), 3)
    assert above == [
        "Présents : M. Jean DUPONT, Mme Anne PETIT, M. Paul DURAND, Mme Claire MOREAU,",
        "M. Louis BERNARD.",
    ]  # fewer at the text's start, nearest last


def test_a_sentence_runs_over_its_lines_however_long_and_stops_at_its_full_stop() -> None:
    vote = MINUTES.index("a voté à l'unanimité")
    start, end = units.sentence_start(MINUTES, vote), units.sentence_end(MINUTES, vote)
    # the whole sentence up to its ";", over the line break
    assert MINUTES[start:end] == (
        "Il rappelle que le conseil a voté à l'unanimité le programme de voirie lors de sa\n"
        "séance du 12 mars "
    )
    # near miss: the sentence after the ";" is another one
    later = MINUTES.index("le département finance")
    assert units.sentence_start(MINUTES, later) == later


def test_a_paragraph_ends_at_a_blank_line_or_at_a_line_closing_a_sentence() -> None:
    price = MINUTES.index("3,20 €")
    start = MINUTES.index("2 - Tarifs")
    # after the blank line; the title runs on into its text (no full stop ends it)
    assert units.paragraph_start(MINUTES, price) == start
    assert MINUTES[units.paragraph_end(MINUTES, price) :] == ".\nAdopté à l'unanimité.\n"
    adopted = MINUTES.index("Adopté", price)
    assert units.paragraph_start(MINUTES, adopted) == adopted  # after a line closing a sentence
    # near miss: when only blank lines break paragraphs, the vote is in the title's paragraph
    assert units.paragraph_start(MINUTES, adopted, units.BLANK_BREAK_RE) == start


def test_the_page() -> None:
    text = "page one\n\fpage two, line one\nline two\n\fpage three"
    at = text.index("line two")
    assert text[slice(*units.page_span(text, at))] == "page two, line one\nline two\n"
    assert units.page_span("no break", 3) == (0, 8)


def test_the_item_a_match_stands_in_runs_from_its_heading_to_the_next() -> None:
    price = MINUTES.index("3,20 €")
    start, end = item_span(MINUTES, price)
    assert MINUTES[start:end].startswith("Le Conseil Municipal fixe")
    assert end == len(MINUTES)
    vote = MINUTES.index("a voté à l'unanimité")
    start, end = item_span(MINUTES, vote)
    assert MINUTES[start:].startswith("Monsieur le Maire présente")
    assert MINUTES[end:].startswith("2 - Tarifs")


def test_the_lines_above_in_the_same_zone() -> None:
    avis = MINUTES.index("Considérant que la commission")
    assert zones_of(MINUTES).at(avis) == "recital"
    assert zone_run_start(MINUTES, avis) == MINUTES.index("Vu le Code")
    # near miss: the attendance's lines stop at the blank line, the heading is another zone
    absents = MINUTES.index("Absents excusés")
    assert zone_run_start(MINUTES, absents) == 0


def test_a_vote_is_the_councils_or_not_by_where_it_stands() -> None:
    # "à l'unanimité" in a recital is the commission's opinion, whatever its words
    avis = MINUTES.index("à l'unanimité", MINUTES.index("Considérant"))
    assert not_cast_reason(MINUTES, avis, avis + 13) == "recital"
    # the vote closing the item is the council's
    cast = MINUTES.index("Adopté à l'unanimité")
    assert not_cast_reason(MINUTES, cast, cast + 20) is None


def test_a_votes_sentence_stops_at_the_next_items_heading() -> None:
    # a vote closing its item with a comma, no full stop nor blank line: its sentence does not run on into the
    # next item's title and report (where an advisory body's opinion would make it not cast)
    text = MINUTES.replace(
        "Adopté à l'unanimité.\n\n2 - Tarifs",
        "Adopté à l'unanimité par le Conseil Municipal,\n2 - Tarifs",
    ).replace(
        "Le Conseil Municipal fixe", "La commission des finances a émis un avis favorable ; on fixe"
    )
    cast = text.index("Adopté à l'unanimité par")
    assert (
        sentence_around(text, cast, cast + 20) == "Adopté à l'unanimité par le Conseil Municipal,\n"
    )
    assert not_cast_reason(text, cast, cast + 20) is None
