"""Forms many bodies write that the rules once missed (issue 10's list), each with a near miss."""

from __future__ import annotations

import pytest

from deliberations.nlp.headings import find_headings
from deliberations.nlp.segment import segments
from deliberations.nlp.votes import find_vote

ITEM = "Le conseil municipal, après en avoir délibéré, à l'unanimité, {decision}.\n\n"


def _minutes(headings: list[str]) -> str:
    body = "COMMUNE DE SAINT-MARTIN\nSéance du 12 mars 2021\n\nPrésents : M. André, Mme Berthe\n\n"
    for heading, decision in zip(headings, ("fixe les tarifs", "décide d'adhérer", "accorde 500 €"), strict=False):
        body += heading + ITEM.format(decision=decision)
    return body


@pytest.mark.parametrize(
    ("headings", "numbers"),
    [
        # registers heading each act by its number, alone on its line, the object below
        (["DÉLIBÉRATION N° 2021-015\n\nOBJET : Tarifs de la cantine\n\n",
          "DÉLIBÉRATION N° 2021-016\n\nOBJET : Adhésion au syndicat\n\n",
          "DÉLIBÉRATION N° 2021-017\n\nOBJET : Subvention au club\n\n"], ["2021-015", "2021-016", "2021-017"]),
        (["N° 2021/15\nTarifs de la cantine\n", "N° 2021/16\nAdhésion au syndicat\n",
          "N° 2021/17\nSubvention au club\n"], ["2021/15", "2021/16", "2021/17"]),
        # the number then the object on one line, with no dash
        (["2021-15 Tarifs de la cantine\n\n", "2021-16 Adhésion au syndicat\n\n", "2021-17 Subvention au club\n\n"],
         ["2021-15", "2021-16", "2021-17"]),
        # spaces around the slash: the number whole, without them
        (["Délibération n° 2019 / 12 – Tarifs de la cantine\n\n", "Délibération n° 2019 / 13 – Adhésion au syndicat\n\n"],
         ["2019/12", "2019/13"]),
    ],
)
def test_minutes_headed_by_act_numbers_split_at_each(headings: list[str], numbers: list[str]) -> None:
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
    vote = find_vote("Le conseil municipal, après en avoir délibéré, émet un avis favorable à l'unanimité.")
    assert vote.unanimous is True


@pytest.mark.parametrize(("word", "count"), [("Abstentions", 3), ("Absentions", 3), ("Absents", None)])
def test_the_misspelt_abstention_is_a_vote_word(word: str, count: int | None) -> None:
    vote = find_vote(f"Le conseil adopte la subvention.\nPour : 15\nContre : 0\n{word} : 3\n")
    assert vote.abstentions == count
