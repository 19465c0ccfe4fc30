"""What a deliberation says about itself (deliberations.nlp.header): each phrasing next to a near miss."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from deliberations.nlp.authority import find_organisation
from deliberations.nlp.header import (
    find_act_id,
    find_authority,
    find_body,
    find_matter_code,
    find_number,
    find_subject,
)
from deliberations.nlp.segment import segments
from deliberations.scoring import same_text
from tests.conftest import dev_deliberations

DEV = Path(__file__).parent / "data" / "dev"


def _fold(text: str) -> str:
    """For comparing subjects: no case, accents nor spacing."""
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


# -- body -----------------------------------------------------------------------------------
BODIES = [
    (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\nDU CONSEIL MUNICIPAL",
        "conseil municipal",
        "CONSEIL MUNICIPAL",
    ),
    ("DELIBERATION DU CONSEIL COMMUNAL DU 21 JUIN 2017", "conseil communal", "CONSEIL COMMUNAL"),
    # OCR dropped the apostrophe
    (
        "DECISION EXTRAITE DU PROCES VERBAL\nDU CONSEIL DADMINISTRATION",
        "conseil d'administration",
        "CONSEIL DADMINISTRATION",
    ),
    ("Séance du Conseil d’administration", "conseil d'administration", "Conseil d’administration"),
    ("Le Conseil communautaire, réuni le", "conseil communautaire", "Conseil communautaire"),
    ("EXTRAIT DU REGISTRE DU COMITE SYNDICAL", "comité syndical", "COMITE SYNDICAL"),  # no accent
    ("Délibération de la Commission permanente", "commission permanente", "Commission permanente"),
]


@pytest.mark.parametrize(("text", "body", "printed"), BODIES)
def test_body(text: str, body: str, printed: str) -> None:
    match = find_body(text)
    assert match is not None
    assert match.value == body
    assert text[match.start : match.end] == printed


def test_body_heading_first() -> None:
    """The assembly of the heading, not one named later in the text."""
    text = "CONSEIL MUNICIPAL\nSÉANCE DU 6 DÉCEMBRE\n\nVu la délibération du conseil communautaire"
    assert find_body(text).value == "conseil municipal"


@pytest.mark.parametrize("text", ["Le conseil de quartier s'est réuni.", "Le Conseil a délibéré."])
def test_body_near_miss(text: str) -> None:
    assert find_body(text) is None


# -- authority ------------------------------------------------------------------------------
AUTHORITIES = [
    ("VILLE DE LENS\nCONSEIL MUNICIPAL", "Lens", "LENS"),
    ("Commune de Pierrefonds", "Pierrefonds", "Pierrefonds"),
    ("Mairie de Lillers", "Lillers", "Lillers"),
    ("Fait et délibéré à Lomme, les jour, mois et an ci-dessus.", "Lomme", "Lomme"),
    ("Fait à Lens, le 7 décembre 2023", "Lens", "Lens"),
    # a signature line: place, date
    (
        "Ainsi fait et délibéré les jours, mois et an susdits\n\nLoison-sous-Lens, le 20 juin 2024\n",
        "Loison-sous-Lens",
        "Loison-sous-Lens",
    ),
    ("Le Maire de Lomme", "Lomme", "Lomme"),
]


@pytest.mark.parametrize(("text", "authority", "printed"), AUTHORITIES)
def test_authority(text: str, authority: str, printed: str) -> None:
    match = find_authority(text)
    assert match is not None
    assert match.value == authority
    assert text[match.start : match.end] == printed


@pytest.mark.parametrize(
    "text",
    [
        "DELIBERATION DU CONSEIL MUNICIPAL",
        "Fait en séance, les jour, mois et an susdits.",
        "la Ville de la",  # no place after "Ville de"
        "Il est proposé, le 20 juin 2024, de",  # a date, no place before it
    ],
)
def test_authority_near_miss(text: str) -> None:
    assert find_authority(text) is None


# a board deliberates for an organisation (deliberations.nlp.authority): (text, name)
ORGANISATIONS = [
    (
        "Le Conseil d'administration de Pas-de-Calais habitat approuve. Pas-de-Calais habitat signera.",
        "Pas-de-Calais habitat",
    ),
    ("L'Office Public de l'Habitat de Lens", "Office Public de l'Habitat de Lens"),
    (
        "le Syndicat Intercommunal des Eaux du Nord, réuni le",
        "Syndicat Intercommunal des Eaux du Nord",
    ),
    ("Le Centre Communal d'Action Sociale de Lomme", "Centre Communal d'Action Sociale de Lomme"),
]


@pytest.mark.parametrize(("text", "name"), ORGANISATIONS)
def test_organisation(text: str, name: str) -> None:
    match = find_organisation(text)
    assert match is not None
    assert match.value == name
    assert text[match.start : match.end] == name


@pytest.mark.parametrize(
    "text",
    ["la politique de l'habitat", "Le logement social reste rare.", "Chaque logement sera rénové."],
)
def test_organisation_near_miss(text: str) -> None:
    assert find_organisation(text) is None


def test_organisation_named_most_often() -> None:
    text = "Le Syndicat Mixte du Parc adhère.\nLENS HABITAT signe. LENS HABITAT verse."
    assert find_organisation(text).value == "LENS HABITAT"


# -- number ---------------------------------------------------------------------------------
NUMBERS = [
    ("2017/39 - PROJET D’ACCOMPAGNEMENT DES HABITANTS", "2017/39"),
    ("Délibération n° 2023-045\nObjet : Subvention", "2023-045"),
    ("DELIBERATION N°2023-45 : Subventions", "2023-45"),
    ("N° 2023-12 : Subventions aux associations", "2023-12"),
    ("Délibération n°DLB17 du 6 décembre 2023", "DLB17"),
]


@pytest.mark.parametrize(("text", "number"), NUMBERS)
def test_number(text: str, number: str) -> None:
    match = find_number(text)
    assert match is not None
    assert match.value == number
    assert text[match.start : match.end] == number


@pytest.mark.parametrize(
    "text",
    [
        "Le décret n°2023-1314 du 28 décembre 2023 dresse la liste des quartiers.",
        "Vu la loi n° 2014-173 du 21 février 2014 de programmation pour la ville,",
        "Vu l'article L. 2121-15 du Code général des collectivités territoriales,",
        "par délibération du 26 mai 2015, dans la mise en place",
    ],
)
def test_number_near_miss(text: str) -> None:
    assert find_number(text) is None


def test_number_is_the_deliberation_s_not_a_cited_decree() -> None:
    text = "Délibération n° 2023-045\n\nVu le décret n°2023-1314 du 28 décembre 2023,"
    assert find_number(text).value == "2023-045"


# -- act id ---------------------------------------------------------------------------------
ACT_ID = "062-216204982-20231206-DLB17_06122023-DE"


@pytest.mark.parametrize(
    "text",
    [
        f"Accusé de réception - Ministère de l'Intérieur\n\n{ACT_ID}\n\nAccusé certifié exécutoire",
        f"ID : {ACT_ID}",
    ],
)
def test_act_id(text: str) -> None:
    match = find_act_id(text)
    assert match is not None
    assert match.value == ACT_ID
    assert text[match.start : match.end] == ACT_ID


@pytest.mark.parametrize(
    "text",
    [
        "062-216204982-20231206-DLB17_06122023-XX",  # not an act nature
        "062-21620498-20231206-DLB17_06122023-DE",  # SIREN one digit short
        "062-216204982-2023126-DLB17_06122023-DE",  # date one digit short
        "Réception par le préfet : 12/12/2023",
    ],
)
def test_act_id_near_miss(text: str) -> None:
    assert find_act_id(text) is None


# -- matter ---------------------------------------------------------------------------------
MATTERS = [
    ("NOMENCLATURE : 08 – 05", "8.5", "08 – 05"),
    ("Matière : 7.5", "7.5", "7.5"),
    ("Code matière 3.1", "3.1", "3.1"),
    ("Nomenclature : 7.5.2", "7.5.2", "7.5.2"),
]


@pytest.mark.parametrize(("text", "code", "printed"), MATTERS)
def test_matter(text: str, code: str, printed: str) -> None:
    match = find_matter_code(text)
    assert match is not None
    assert match.value == code
    assert text[match.start : match.end] == printed


@pytest.mark.parametrize(
    "text",
    [
        "Nomenclature : 12.3",  # no such matter
        "Vu l'article 8.5 du règlement intérieur",  # no matter label
    ],
)
def test_matter_near_miss(text: str) -> None:
    assert find_matter_code(text) is None


# -- subject --------------------------------------------------------------------------------
SUBJECTS = [
    (
        "Monsieur X est désigné secrétaire de séance.\n\nObjet : Signature du Contrat de Ville 2024-2030.\n\nMadame Y, rapporteur,",
        "Signature du Contrat de Ville 2024-2030",
        "Signature du Contrat de Ville 2024-2030.",
    ),
    (
        "OBJET : SUBVENTION AU COMITE DES FETES\n\nLe Conseil municipal,",
        "Subvention au comite des fetes",
        "SUBVENTION AU COMITE DES FETES",
    ),
    # a numbered title in capitals, continued in capitals on the next paragraph
    (
        "DÉLIBÉRATION DU CONSEIL COMMUNAL DU 21 JUIN 2017\n\n"
        "2017/39 - PROJET D’ACCOMPAGNEMENT DES HABITANTS DE LA MITTERIE  \n\n"
        "DANS LE CADRE DU CONTRAT DE VILLE ET DE LA GESTION \nSOCIALE ET URBAINE DE PROXIMITÉ (GUSP)  \n\n"
        "Le Contrat de Ville porté par la MEL constitue un cadre contractuel.",
        "Projet d’accompagnement des habitants de la Mitterie dans le cadre du contrat de ville et "
        "de la gestion sociale et urbaine de proximité (GUSP)",
        "PROJET D’ACCOMPAGNEMENT DES HABITANTS DE LA MITTERIE  \n\n"
        "DANS LE CADRE DU CONTRAT DE VILLE ET DE LA GESTION \nSOCIALE ET URBAINE DE PROXIMITÉ (GUSP)",
    ),
    # the title paragraph above "Rapporteur :"
    (
        "SÉANCE DU 06 DECEMBRE 2023\n\nAccusé certifié exécutoire\n\n"
        "REALISATION D'UN CHANTIER COOPERATIF AVEC LES\nHABITANTS DE LA CITE 12/14 – CONTRAT DE VILLE\n\n"
        "Rapporteur : Madame Fatima AIT CHIKHEBBIH\n\nLa Ville de Lens s'est engagée",
        "Réalisation d'un chantier coopératif avec les habitants de la cité 12/14 – Contrat de ville",
        "REALISATION D'UN CHANTIER COOPERATIF AVEC LES\nHABITANTS DE LA CITE 12/14 – CONTRAT DE VILLE",
    ),
]


@pytest.mark.parametrize(("text", "subject", "printed"), SUBJECTS)
def test_subject(text: str, subject: str, printed: str) -> None:
    match = find_subject(text)
    assert match is not None
    assert _fold(match.value) == _fold(subject)
    assert text[match.start : match.end].rstrip(" .") == printed.rstrip(" .")


@pytest.mark.parametrize(
    "text",
    [
        # the paragraph above "Rapporteur" is the heading, not a title
        "VILLE DE LENS\nCONSEIL MUNICIPAL\nSÉANCE DU 06 DECEMBRE 2023\n\nRapporteur : Mme X\n",
        # no "Objet", no numbered title, no rapporteur
        "Le Conseil municipal, après en avoir délibéré, décide d'approuver la convention.",
        # a cited decree is not a numbered title
        "Vu le décret n°2023-1314 du 28 décembre 2023 relatif aux quartiers.",
    ],
)
def test_subject_near_miss(text: str) -> None:
    assert find_subject(text) is None


# -- the dev texts --------------------------------------------------------------------------
FINDERS = {
    "body": find_body,
    "authority": find_authority,
    "number": find_number,
    "act_id": find_act_id,
    "matter_code": find_matter_code,
    "subject": find_subject,
}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    dev_deliberations(),
    ids=lambda c: c if isinstance(c, str) and len(c) == 3 else "",
)
def test_dev_texts(name: str, text: str, expected: dict) -> None:
    text = text[: segments(text)[0].end]  # the deliberation, its annexes cut off
    for field, finder in FINDERS.items():
        if field not in expected:
            continue
        match = finder(text)
        if field == "authority" and expected["body"] == "conseil d'administration":
            match = find_organisation(text)  # a board deliberates for its organisation
        if expected[field] is None:
            assert match is None, field
            continue
        assert match is not None, field
        if field == "subject":
            assert same_text(match.value, expected[field])
        else:
            assert match.value == expected[field], field
        assert match.end > match.start


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        (
            "Séance Publique du Conseil Municipal d’OUZOUS du 6 novembre 2014",
            "conseil municipal",
            "Ouzous",
        ),
        # a conseil communautaire deliberates for its communauté, not for a member commune
        (
            "les membres du Conseil Communautaire de la Communauté de Communes des Lisières de L’Oise. "
            "Mairie de Bitry",
            "conseil communautaire",
            "Communauté de Communes des Lisières de L’Oise",
        ),
        (
            "ROANNAIS AGGLOMÉRATION\nProcès-verbal",
            "conseil communautaire",
            "Roannais Agglomération",
        ),
        # near miss: "le Conseil Municipal DECIDE" names no place
        (
            "Après en avoir délibéré, le Conseil Municipal DECIDE à l’unanimité",
            "conseil municipal",
            None,
        ),
    ],
)
def test_authority_depends_on_the_assembly(text: str, body: str, expected: str | None) -> None:
    found = find_authority(text, body)
    assert (found.value if found else None) == expected


def test_another_act_cited_is_not_the_deliberations_number() -> None:
    from deliberations.nlp.header import find_number

    assert find_number("Vu la délibération n° 2021 - 30 du 26 novembre 2021") is None
    assert find_number("Par délibération no 8 du 11 avril 2016, le conseil") is None
    # near miss: the extract's own heading, dated, is its number
    own = find_number("EXTRAIT\nDélibération n° 2023-045 du 12 mars 2023\nObjet : vente")
    assert own is not None and own.value == "2023-045"


def test_act_id_of_another_nature_or_day_is_left_out() -> None:
    from deliberations.nlp.header import find_act_id

    stamp = "ID : 030-213001100-20231215-PV17112023-AU"
    assert find_act_id(stamp) is None  # "AU": minutes transmitted as "autre"
    dated = "ID : 030-213001100-20230609-PV31032023-DE"
    assert find_act_id(dated, "2023-03-31") is None  # dated the day of transmission
    # near miss: a deliberation's id dated the séance's day
    own = find_act_id("ID : 007-210701280-20231211-2023_034_D-DE", "2023-12-11")
    assert own is not None and own.value == "007-210701280-20231211-2023_034_D-DE"


def test_a_verb_or_a_council_cited_is_no_authority() -> None:
    from deliberations.nlp.header import find_authority

    assert (
        find_authority("Il est demandé aux membres du conseil municipal de\nValider la convention")
        is None
    )
    assert find_authority("du conseil municipal d’\nD'’approuver le principe") is None
    cited = "Vu la délibération du conseil municipal de Castillon du Gard du 17 octobre 2023,"
    assert find_authority(cited) is None
    # a municipal council deliberates for its commune, not the communauté it names
    epci = "la Communauté de Communes du Pont du Gard"
    assert find_authority(epci, "conseil municipal") is None
    # near misses: the council of the commune itself, and the communauté for its own council
    own = find_authority(cited + "\nLe Conseil municipal de Flaux, après en avoir délibéré")
    assert own is not None and own.value == "Flaux"
    council = find_authority(epci, "conseil communautaire")
    assert council is not None and council.value.startswith("Communauté de Communes")


def test_number_candidates_say_why_one_is_left_out() -> None:
    from deliberations.nlp.header import number_candidates

    text = "Délibération n° 2023-045 : Vente\nVu la délibération n° 2019-12 du 3 mars 2019,\n"
    found = [(m.value, why) for m, why in number_candidates(text)]
    assert ("2023-045", "") in found and ("2019-12", "another act cited") in found
