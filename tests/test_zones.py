"""Every line of a deliberation has a zone (nlp/zones.py, rules in phrasings/zone.toml)."""

from __future__ import annotations

from deliberations.nlp.cast import not_cast_reason
from deliberations.nlp.zones import zones_of

DELIBERATION = """COMMUNE DE SAINT-MARTIN
Objet : Subvention au comité des fêtes
Nombre de conseillers en exercice : 15
Présents : 12
Votants : 13
Présents : M. Jean DUPONT, Mme Anne PETIT,
M. Paul DURAND.
Le Maire ouvre la séance.

Vu le Code général des collectivités territoriales,
Considérant que la commission a adopté son rapport à l'unanimité,
et que les crédits sont inscrits au budget,

Après en avoir délibéré, le Conseil Municipal
décide d'attribuer la subvention.
Pour : 12
Contre : 1

Pour extrait conforme,
Accusé de réception en préfecture
"""

EXPECTED = [
    "body",
    "heading",
    "attendance",
    "attendance",
    "attendance",
    "attendance",
    "attendance",
    "body",
    "body",
    "recital",
    "recital",
    "recital",
    "body",
    "decision",
    "decision",
    "vote",
    "vote",
    "body",
    "signature",
    "stamp",
    "body",
]


def test_every_line_gets_its_zone() -> None:
    assert list(zones_of(DELIBERATION).names) == EXPECTED


def test_a_zone_stops_at_a_new_sentence_and_at_a_blank_line() -> None:
    zones = zones_of(DELIBERATION)
    # "Le Maire ouvre la séance." starts a sentence after the attendance list's full stop
    assert zones.at(DELIBERATION.index("Le Maire ouvre")) == "body"
    assert zones.spans("recital") == [
        (DELIBERATION.index("Vu le Code"), DELIBERATION.index("\n\nAprès") + 1)
    ]


def test_where_a_vote_stands_says_whether_it_is_the_deliberations() -> None:
    text = DELIBERATION
    quoted = text.index("à l'unanimité")  # in a recital: the commission's, not the council's
    assert not_cast_reason(text, quoted, quoted + 13) == "recital"
    voters = text.index("Votants : 13")  # the séance's attendance counts
    assert not_cast_reason(text, voters, voters + 12) == "attendance"
    cast = text.index("Pour : 12")
    assert not_cast_reason(text, cast, cast + 9) is None


def test_the_seances_counts_one_a_paragraph_are_attendance() -> None:
    text = "Nombre de conseillers : 19\n\nPrésents : 19\n\nVotants : 19\n\nL'an deux mil quatorze"
    zones = zones_of(text)
    assert zones.at(text.index("Votants")) == "attendance"
    # near miss: after two blank lines the count follows nothing, it is a vote line
    far = "Présents : 19\n\n\n\nVotants : 19\n"
    assert zones_of(far).at(far.index("Votants")) == "vote"
