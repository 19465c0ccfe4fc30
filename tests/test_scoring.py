"""The scorer follows shared/spec/extraction.md: what is scored, what is not, how facts compare."""

from __future__ import annotations

import copy
import json

import pytest

from deliberations.scoring import explain_document, same_person, score_document
from tests.conftest import DEV_GOLD

GOLD = json.loads((DEV_GOLD / "000_cdcb5809c422d6af.json").read_text(encoding="utf-8"))


def test_a_record_equal_to_its_gold_scores_one() -> None:
    score = score_document(GOLD, GOLD)
    assert score.micro.f1 == 1.0
    assert score.micro.fp == score.micro.fn == 0


def test_a_key_the_gold_leaves_out_is_not_scored() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["deliberations"][0]["president"] = "Quelqu'un"  # gold 000 has no "president" key
    assert score_document(GOLD, predicted).families["president"].fp == 0


def test_a_value_where_the_gold_says_null_is_a_false_positive() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["deliberations"][0]["rapporteur"] = "Jean DUPONT"  # gold: "rapporteur": null
    counts = score_document(GOLD, predicted).families["rapporteur"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 0)


def test_details_list_a_value_found_where_the_gold_says_null() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["deliberations"][0]["rapporteur"] = "Jean DUPONT"  # gold: "rapporteur": null
    assert explain_document(GOLD, GOLD) == []
    assert len(explain_document(GOLD, predicted)) == 1
    assert "rapporteur: gold None, found 'Jean DUPONT'" in explain_document(GOLD, predicted)[0]


def test_a_wrong_amount_is_both_a_false_positive_and_a_miss() -> None:
    predicted = copy.deepcopy(GOLD)
    predicted["deliberations"][0]["amounts"] = [{"value": 21900.01, "currency": "EUR", "text": "x"}]
    counts = score_document(GOLD, predicted).families["amounts"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_imputation_components_the_gold_leaves_null_are_not_compared() -> None:
    gold = copy.deepcopy(GOLD)
    gold["deliberations"][0]["imputations"] = [
        {"chapitre": None, "article": "6574", "fonction": None, "operation": None, "text": "c/6574"}
    ]
    predicted = copy.deepcopy(gold)
    predicted["deliberations"][0]["imputations"][0]["chapitre"] = "65"
    assert score_document(gold, predicted).families["imputations"].tp == 1


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Olivier PARIS", "M. Olivier PARIS", True),
        (
            "AIT CHIKHEBBIH",
            "Fatima AIT-CHIKHEBBIH",
            True,
        ),  # hyphens dropped, one contains the other
        ("Sylvain ROBERT", "Sylvain ROBERTS", False),
        ("HENRI", "Mme ACS", False),
    ],
)
def test_names_compare_without_civility_accents_case_and_hyphens(
    gold: str, predicted: str, same: bool
) -> None:
    assert same_person(gold, predicted) is same


def test_beneficiaries_compare_fuzzily_without_articles_and_association() -> None:
    gold = json.loads((DEV_GOLD / "004_05d0b8aa3f9328d5.json").read_text(encoding="utf-8"))
    predicted = copy.deepcopy(gold)
    predicted["deliberations"][0]["beneficiaries"] = [
        {"name": "l'association « Les Compagnons Batisseurs »", "amount": 30000}
    ]
    assert score_document(gold, predicted).families["beneficiaries"].tp == 1


def test_an_other_document_with_a_predicted_deliberation_is_penalised() -> None:
    gold = {"source": {"file": "r.txt"}, "kind": "other", "deliberations": []}
    predicted = {
        "source": {"file": "r.txt"},
        "kind": "deliberation",
        "deliberations": GOLD["deliberations"],
    }
    score = score_document(gold, predicted)
    assert score.families["kind"].fp == 1
    assert score.micro.fp > 5 and score.micro.tp == 0


def _delib(subject: str | None, date: str = "2021-03-12", vote: bool = True) -> dict:
    return {
        "session_date": date,
        "subject": subject,
        "vote": {"result": "adopted", "unanimous": vote},
    }


def test_deliberations_of_one_date_pair_by_subject_not_by_date_alone() -> None:
    from deliberations.scoring import pair_deliberations

    gold = [_delib("Subventions aux associations 2021"), _delib("Tarifs de la cantine scolaire")]
    found = [
        _delib("Création d'un poste d'adjoint technique"),
        _delib("Subventions aux associations 2021"),
    ]
    pairs, missed, spurious = pair_deliberations(gold, found)
    assert pairs == [(0, 1)]
    assert missed == [1] and spurious == [0]


def test_a_missed_and_an_extra_deliberation_are_counted_as_such() -> None:
    gold = {
        "kind": "deliberation",
        "deliberations": [
            _delib("Vote du budget primitif 2021"),
            _delib("Tarifs de la cantine scolaire"),
        ],
    }
    found = {
        "kind": "deliberation",
        "deliberations": [
            _delib("Vote du budget primitif 2021"),
            _delib("Motion de soutien aux agriculteurs"),
        ],
    }
    counts = score_document(gold, found).families["vote"]
    # the budget pairs (2 facts right); the cantine is missed (2 fn); the motion is extra (2 fp)
    assert (counts.tp, counts.fp, counts.fn) == (2, 2, 2)


def test_a_subject_cut_short_still_pairs_and_a_found_deliberation_with_no_subject_pairs_in_order() -> (
    None
):
    from deliberations.scoring import pair_deliberations

    gold = [
        _delib("Vote du budget primitif 2021 de la commune"),
        _delib("Tarifs de la cantine scolaire"),
        _delib("Adhésion au syndicat des eaux"),
    ]
    found = [
        _delib("Vote du budget primitif 2021"),
        _delib(None),
        _delib("Adhésion au syndicat des eaux"),
    ]
    pairs, missed, spurious = pair_deliberations(gold, found)
    assert pairs == [(0, 0), (1, 1), (2, 2)] and not missed and not spurious


def test_deliberations_of_other_dates_never_pair() -> None:
    from deliberations.scoring import pair_deliberations

    gold = [_delib("Vote du budget primitif 2021", "2021-03-12"), _delib("Tarifs", "2021-03-12")]
    found = [_delib("Vote du budget primitif 2021", "2021-04-12"), _delib("Tarifs", "2021-03-12")]
    pairs, missed, spurious = pair_deliberations(gold, found)
    assert pairs == [(1, 1)] and missed == [0] and spurious == [0]
