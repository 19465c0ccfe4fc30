"""People named in a deliberation (deliberations.nlp.people): each phrasing next to a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from deliberations.nlp.people import clean_name, find_role, name_list
from tests.conftest import dev_deliberations

DEV = Path(__file__).parent / "data" / "dev"

# (role, text, expected name, the text its span points at)
ROLES = [
    (
        "rapporteur",
        "Rapporteur : Madame Fatima AIT CHIKHEBBIH\n\nLe Conseil municipal,",
        "Fatima AIT CHIKHEBBIH",
        "Fatima AIT CHIKHEBBIH",
    ),
    (
        "rapporteur",
        "Madame Khadija LANNABI, rapporteur, rappelle aux membres du Conseil Municipal que",
        "Khadija LANNABI",
        "Khadija LANNABI",
    ),
    # surname first -> usual order; the span is the name as printed
    ("rapporteur", "Rapporteur : M. PARIS Olivier\n", "Olivier PARIS", "PARIS Olivier"),
    ("rapporteur", "RAPPORTEUR: Mme Claire MARTIN\n", "Claire MARTIN", "Claire MARTIN"),
    (
        "rapporteur",
        "Le Conseil, sur le rapport de M. Jean DUPONT, après en avoir délibéré,",
        "Jean DUPONT",
        "Jean DUPONT",
    ),
    (
        "president",
        "Sous la Présidence de Monsieur Daniel KRUSZKA, Maire,",
        "Daniel KRUSZKA",
        "Daniel KRUSZKA",
    ),
    ("president", "Président: Monsieur COTTIGNY\nPrésents :", "COTTIGNY", "COTTIGNY"),
    (
        "president",
        "le Conseil municipal s'est assemblé sous la présidence de M. Sylvain ROBERT, Maire, et",
        "Sylvain ROBERT",
        "Sylvain ROBERT",
    ),
    (
        "secretary",
        "Monsieur Emmanuel DONDELA est désigné secrétaire de séance.",
        "Emmanuel DONDELA",
        "Emmanuel DONDELA",
    ),
    (
        "secretary",
        "Secrétaire de séance : Mme Claire MARTIN\n",
        "Claire MARTIN",
        "Claire MARTIN",
    ),
    (
        "secretary",
        "Mme Anne DURAND a été élue secrétaire de séance.",
        "Anne DURAND",
        "Anne DURAND",
    ),
]


@pytest.mark.parametrize(("role", "text", "name", "printed"), ROLES)
def test_role(role: str, text: str, name: str, printed: str) -> None:
    person = find_role(text, role)
    assert person is not None
    assert person.name == name
    assert text[person.start : person.end] == printed


# near misses: the role word is there, no person in that role
NEAR_MISSES = [
    ("rapporteur", "Vu le rapport de présentation,"),
    ("rapporteur", "Le rapport de présentation est annexé à la présente délibération."),
    ("rapporteur", "Rapporteur : Monsieur le Maire\n"),
    ("president", "sous la présidence de Monsieur le Maire,"),
    ("president", "Le Président du Conseil départemental a notifié"),
    ("secretary", "il a été procédé à la nomination d'un secrétaire pris au sein du Conseil."),
    ("secretary", "Le Secrétaire de Séance,\n\nHenri CUGIER"),  # a signature block, no colon
]


@pytest.mark.parametrize(("role", "text"), NEAR_MISSES)
def test_role_near_miss(role: str, text: str) -> None:
    assert find_role(text, role) is None


def test_roles_do_not_mix() -> None:
    text = (
        "Sous la présidence de M. Sylvain ROBERT, Maire.\n"
        "Monsieur Emmanuel DONDELA est désigné secrétaire de séance.\n"
        "Rapporteur : Madame Fatima AIT CHIKHEBBIH\n"
    )
    assert find_role(text, "president").name == "Sylvain ROBERT"
    assert find_role(text, "secretary").name == "Emmanuel DONDELA"
    assert find_role(text, "rapporteur").name == "Fatima AIT CHIKHEBBIH"


# (raw, cleaned)
CLEAN = [
    ("M. PARIS Olivier", "Olivier PARIS"),
    ("Madame Fatima AIT CHIKHEBBIH", "Fatima AIT CHIKHEBBIH"),
    ("Monsieur Daniel KRUSZKA, Maire", "Daniel KRUSZKA"),
    ("Mme ACS", "ACS"),
    ("Jean-Pierre DE LA FONTAINE", "Jean-Pierre DE LA FONTAINE"),
    ("Monsieur le Maire", None),
    ("Madame la Présidente", None),
]


@pytest.mark.parametrize(("raw", "cleaned"), CLEAN)
def test_clean_name(raw: str, cleaned: str | None) -> None:
    assert clean_name(raw) == cleaned


# (list as printed, names)
LISTS = [
    ("Mme ACS - M. HENRI - M. NIEUVIART – M. CAUX", ["ACS", "HENRI", "NIEUVIART", "CAUX"]),
    ("MM. DURAND et MARTIN votent contre", ["DURAND", "MARTIN"]),
    ("Mme DEBUISSER, M. THUILLIER, M. LEBLANC)", ["DEBUISSER", "THUILLIER", "LEBLANC"]),
    ("Mme Claire DUBOIS et M. Paul BERNARD ayant", ["Claire DUBOIS", "Paul BERNARD"]),
    # a list ends at the next sentence
    ("M. HENRI. Fait et délibéré à Lomme", ["HENRI"]),
    ("Monsieur le Maire", []),
    ("Le Conseil municipal", []),
]


@pytest.mark.parametrize(("printed", "names"), LISTS)
def test_name_list(printed: str, names: list[str]) -> None:
    people = name_list(printed, 0)
    assert [p.name for p in people] == names
    for person in people:
        assert printed[person.start : person.end] == person.name


@pytest.mark.parametrize(("name", "text", "expected"), dev_deliberations(), ids=lambda c: c if isinstance(c, str) and len(c) == 3 else "")
def test_dev_texts(name: str, text: str, expected: dict) -> None:
    for role in ("rapporteur", "president"):
        if role not in expected:
            continue
        person = find_role(text, role)
        if expected[role] is None:
            assert person is None
            continue
        assert person is not None and person.name == expected[role]
        assert clean_name(text[person.start : person.end]) == expected[role]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monsieur VENDERBURE donne lecture du rapport suivant :", "VENDERBURE"),
        ("Jacques Troncy présente la décision modificative n° 2 du budget général.", "Jacques Troncy"),
        (
            "Madame le maire rappelle que les présidents d’association ne prennent pas part au vote et passe "
            "la parole à Madame Emmanuelle LEMAITRE qui présente les demandes",
            "Emmanuelle LEMAITRE",
        ),
        ("Monsieur le Maire rappelle au conseil municipal que la subvention", "chair"),
        # near misses: the council deciding, a sentence starting with an article
        ("Le Conseil municipal, après en avoir délibéré, décide", None),
        ("La commune propose un tarif réduit.", None),
    ],
)
def test_who_presents_an_item(text: str, expected: str | None) -> None:
    from deliberations.nlp.people import find_presenter

    presenter = find_presenter(text)
    if expected is None:
        assert presenter is None
    elif expected == "chair":
        assert presenter is not None and presenter.chair
    else:
        assert presenter is not None and presenter.person.name == expected


def test_the_chair_named_with_its_title() -> None:
    from deliberations.nlp.people import find_titled_chair

    found = find_titled_chair("La convocation a été faite le 22 octobre 2021 par Yves Nicolin, Président.")
    assert found is not None and found.name == "Yves Nicolin"
    # near miss: "le Président de la Région" is a title, not the chair's name
    assert find_titled_chair("Monsieur le Maire, Président de la Communauté") is None
