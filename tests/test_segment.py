"""Document kind and deliberation spans (deliberations.nlp.segment): each case next to a near miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deliberations.nlp.segment import document_kind, segments

DEV = Path(__file__).parent / "data" / "dev"

DELIBERATIONS = [
    "EXTRAIT DU REGISTRE DES DELIBERATIONS\n\nLe Conseil municipal, après en avoir délibéré, "
    "à l'unanimité, décide d'approuver la convention.",
    "Le Conseil Communal, après en avoir délibéré, décide de bien vouloir adopter le programme.",
    "Le Conseil municipal décide d'approuver la convention.\n\nDécision adoptée a l'unanimité",
    "Le Conseil municipal décide d'approuver la convention.\n\nPour : 25 Contre : 2 Abstentions : 1",
    "Le Conseil municipal, ouï l'exposé de son rapporteur, délibère et approuve le projet.",
]


@pytest.mark.parametrize("text", DELIBERATIONS)
def test_deliberation(text: str) -> None:
    assert document_kind(text) == "deliberation"


OTHERS = [
    # a report: a past deliberation mentioned, "majoritairement", no vote
    "La charte métropolitaine GUSP ayant été délibérée en juin 2016, la MEL a mis en place en "
    "2017 des groupes de travail. Le parc est majoritairement composé d'anciennes maisons ouvrières.",
    "Une grande majorité de collèges des quartiers prioritaires apparaissent peu attractifs.",
    # a letter
    "Objet : Convention GUSP\n\nMonsieur le Directeur de Territoire,\n\nJe vous prie d'agréer "
    "l'expression de mes salutations distinguées.",
    # a secretary's designation and a quorum are not a deliberation's vote
    "M. CUGIER a été désigné à l'unanimité des Conseillers présents.\n"
    "Les conseillers présents formant la majorité des membres en exercice.",
]


@pytest.mark.parametrize("text", OTHERS)
def test_other(text: str) -> None:
    assert document_kind(text) == "other"


DELIBERATION = (
    "Le Conseil municipal, après en avoir délibéré, décide d'approuver la convention et "
    "d'autoriser le versement de 5 000 €.\n\n"
    "Décision adoptée a l'unanimité\n"
)
# (annex appended after the vote, the text it starts with)
ANNEXES = [
    (
        " Objet : Convention GUSP\n\nMonsieur le Directeur de Territoire,\n\nJe vous adresse 9 000 €.",
        " Objet",
    ),
    ("\nMonsieur le Directeur,\n\nJ'ai l'honneur de vous adresser", "Monsieur"),
    ("\nANNEXE 1 : tableau des subventions\nASSPEC : 600 €\n", "ANNEXE"),
    ("\nCONVENTION DE PARTENARIAT\nEntre la Ville et l'association", "CONVENTION"),
    ("\nPRÉAMBULE\nLa présente convention a pour objet", "PRÉAMBULE"),
]


@pytest.mark.parametrize(("annex", "head"), ANNEXES)
def test_annex_after_the_vote_is_cut_off(annex: str, head: str) -> None:
    text = DELIBERATION + annex
    [segment] = segments(text)
    assert segment.start == 0
    assert text[segment.end :].lstrip(" \n").startswith(head.strip())
    assert "adoptée a l'unanimité" in text[segment.start : segment.end]
    assert "9 000" not in text[segment.start : segment.end]


def test_objet_before_the_vote_is_kept() -> None:
    """The deliberation's own "Objet :" heading comes before its vote: nothing is cut."""
    text = "Objet : Signature du Contrat de Ville\n\nLe Conseil, après en avoir délibéré,\n\nVote à l'unanimité\n"
    assert segments(text) == segments(text)[:1]
    assert segments(text)[0].end == len(text)


def test_no_vote_no_cut() -> None:
    text = "Le Conseil municipal décide d'approuver la convention.\n\nANNEXE 1 : tableau\n"
    assert segments(text)[0].end == len(text)


@pytest.mark.parametrize("path", sorted((DEV / "text").glob("*.txt")), ids=lambda p: p.stem[:3])
def test_dev_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    gold = json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert document_kind(text) == gold["kind"]
    if gold["kind"] != "deliberation":
        return
    assert len(segments(text)) == len(gold["deliberations"])
    segment = segments(text)[0]
    scope = text[segment.start : segment.end]
    # the vote is inside the deliberation, the appended letter and convention are not
    assert any(word in scope.lower() for word in ("unanimité", "majorite", "majorité"))
    if path.stem.startswith("001"):
        assert "Monsieur le Directeur de Territoire" not in scope
        assert "Monsieur le Directeur de Territoire" in text[segment.end :]
