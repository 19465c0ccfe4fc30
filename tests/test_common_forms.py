"""Forms many bodies write that the rules once missed (issue 10's list), each with a near miss."""

from __future__ import annotations

import pytest

from deliberations.nlp.headings import find_headings
from deliberations.nlp.segment import segments
from deliberations.nlp.votes import find_vote

ITEM = "Le conseil municipal, après en avoir délibéré, à l'unanimité, {decision}.\n\n"


def _minutes(headings: list[str]) -> str:
    body = "COMMUNE DE SAINT-MARTIN\nSéance du 12 mars 2021\n\nPrésents : M. André, Mme Berthe\n\n"
    for heading, decision in zip(
        headings, ("fixe les tarifs", "décide d'adhérer", "accorde 500 €"), strict=False
    ):
        body += heading + ITEM.format(decision=decision)
    return body


@pytest.mark.parametrize(
    ("headings", "numbers"),
    [
        # registers heading each act by its number, alone on its line, the object below
        (
            [
                "DÉLIBÉRATION N° 2021-015\n\nOBJET : Tarifs de la cantine\n\n",
                "DÉLIBÉRATION N° 2021-016\n\nOBJET : Adhésion au syndicat\n\n",
                "DÉLIBÉRATION N° 2021-017\n\nOBJET : Subvention au club\n\n",
            ],
            ["2021-015", "2021-016", "2021-017"],
        ),
        (
            [
                "N° 2021/15\nTarifs de la cantine\n",
                "N° 2021/16\nAdhésion au syndicat\n",
                "N° 2021/17\nSubvention au club\n",
            ],
            ["2021/15", "2021/16", "2021/17"],
        ),
        # the number then the object on one line, with no dash
        (
            [
                "2021-15 Tarifs de la cantine\n\n",
                "2021-16 Adhésion au syndicat\n\n",
                "2021-17 Subvention au club\n\n",
            ],
            ["2021-15", "2021-16", "2021-17"],
        ),
        # spaces around the slash: the number whole, without them
        (
            [
                "Délibération n° 2019 / 12 – Tarifs de la cantine\n\n",
                "Délibération n° 2019 / 13 – Adhésion au syndicat\n\n",
            ],
            ["2019/12", "2019/13"],
        ),
    ],
)
def test_minutes_headed_by_act_numbers_split_at_each(
    headings: list[str], numbers: list[str]
) -> None:
    found = segments(_minutes(headings), "conseil municipal")
    assert [s.heading.number if s.heading else None for s in found] == numbers


def test_a_period_of_years_heads_no_item() -> None:
    text = "2021-15 Tarifs de la cantine\n\n2021-2026 Plan pluriannuel d'investissement\n\nIl sera revu.\n"
    assert [h.number for h in find_headings(text)] == ["2021-15"]


def test_an_advisory_bodys_unanimity_is_not_the_councils_vote() -> None:
    text = (
        "La commission des finances a émis un avis favorable à l'unanimité.\n\n"
        "Le conseil municipal, après en avoir délibéré, adopte à la majorité (3 voix contre) le budget."
    )
    vote = find_vote(text)
    assert (vote.unanimous, vote.against, vote.result) == (False, 3, "adopted")


def test_the_councils_own_opinion_is_its_vote() -> None:
    # near miss: the council itself "émet un avis favorable" (on a neighbour's plan): its vote
    vote = find_vote(
        "Le conseil municipal, après en avoir délibéré, émet un avis favorable à l'unanimité."
    )
    assert vote.unanimous is True


@pytest.mark.parametrize(
    ("word", "count"), [("Abstentions", 3), ("Absentions", 3), ("Absents", None)]
)
def test_the_misspelt_abstention_is_a_vote_word(word: str, count: int | None) -> None:
    vote = find_vote(f"Le conseil adopte la subvention.\nPour : 15\nContre : 0\n{word} : 3\n")
    assert vote.abstentions == count


REGISTER_EXTRACT = """DÉPARTEMENT DE L'ORNE
COMMUNE DE SAINT-MARTIN
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 11 mars 2019
L'an deux mille dix-neuf, le onze mars à vingt heures trente, le Conseil Municipal, dûment convoqué, s'est réuni
sous la présidence de Monsieur Jean DUPONT, Maire.
Nombre de conseillers en exercice : 15 - Présents : 12 - Votants : 13
Présents : M. Jean DUPONT, Mme Anne PETIT, M. Paul DURAND
Secrétaire de séance : Mme Anne PETIT

Délibération n° {number}
Objet : {subject}

{body}

Après en avoir délibéré, le Conseil Municipal, {vote}, {decision}.

Pour extrait conforme,
Le Maire, Jean DUPONT
"""


def test_a_register_of_extracts_each_with_the_seances_header(tmp_path) -> None:
    """Registers of many small communes print each act as an extract with the séance's header
    (attendance counts included): one deliberation per extract, the header's 'Votants : 13' none."""
    from deliberations.corpus.runner import process

    items = [
        (
            "2019-015",
            "Vote du compte administratif 2018",
            "Le compte fait apparaître 12 500,00 €.",
            "à l'unanimité",
            "approuve le compte administratif 2018",
        ),
        (
            "2019-016",
            "Tarifs de la cantine scolaire",
            "Le Maire propose de fixer le repas à 3,20 €.",
            "à la majorité (2 voix contre : Mme Anne PETIT, M. Paul DURAND)",
            "fixe le prix du repas à 3,20 €",
        ),
    ]
    text = "\n\f".join(
        REGISTER_EXTRACT.format(number=n, subject=s, body=b, vote=v, decision=d)
        for n, s, b, v, d in items
    )
    path = tmp_path / "registre.txt"
    path.write_text(text, encoding="utf-8")
    record = process(path).record
    assert [(d.number, d.subject) for d in record.deliberations] == [(n, s) for n, s, *_ in items]
    assert {d.authority for d in record.deliberations} == {"Saint-Martin"}
    last = record.deliberations[-1].vote
    # a sentence stating the vote, then a sum, is no row of a table of sums
    assert (last.unanimous, last.against, last.against_names) == (
        False,
        2,
        ["Anne PETIT", "Paul DURAND"],
    )
