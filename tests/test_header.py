"""What a deliberation says about itself (deliberations.nlp.header): each phrasing next to a near miss."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.nlp import act_number
from deliberations.nlp.authority import find_authority, find_organisation
from deliberations.nlp.candidates import Candidate
from deliberations.nlp.header import (
    find_act_id,
    find_body,
    find_matter_code,
    find_number,
    find_subject,
)
from deliberations.nlp.headings import Heading, find_headings
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
]
# (a code with no year nor separator after "Délibération n°", 'n°DLB17 du 6 décembre 2023', is
# no longer read out of context: the real set has no such number; the scorer leaves it out)


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
    # as the pipeline reads it: for the assembly the text names
    "authority": lambda text: find_authority(text, (body := find_body(text)) and body.value),
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


# -- the act number's candidates and scorer (nlp/act_number.py) ------------------------------
def _candidate(text: str, value: str, **context: object) -> Candidate:
    found = [
        c for c in act_number.raw_candidates(text, act_number.Item(**context)) if c.value == value
    ]
    assert found, f"{value!r} is no candidate of {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "features"),
    [
        # an extract's own heading
        ("Délibération n° 2023-045\nObjet : vente", "2023-045", {"cue_deliberation_n": 1}),
        # the number at the head of the item's line, an agenda rank before it
        (
            "3 – N° 2018-024 - Exercice 2017 – Budget principal – Compte de gestion",
            "2018-024",
            {"cue_n": 1, "line_start": 1, "title_after": 1, "has_year": 1},
        ),
        # the séance's date as the stem, the item's rank after it
        ("2015.01.26 - 1  PROJET DE CESSION", "2015.01.26-1", {"cue_line": 1, "separator": 1}),
        ("DL-056-07-13 : Tarifs", "DL-056-07-13", {"prefix": 1, "separator": 1}),
        ("D2024 – 14 - Élection du président", "D2024–14", {"prefix": 1, "has_year": 1}),
        # another act cited in a recital, dated: a candidate, marked cited
        (
            "Vu le budget,\nConsidérant que par délibération n° 2019-45 du 3 mai 2019 le conseil",
            "2019-45",
            {"cited": 1, "dated_after": 1},
        ),
        # an agenda rank alone
        ("1 – Création des commissions", "1", {"small_integer": 1, "line_start": 1}),
        # a decree's number
        ("Vu le décret n° 2019-12 relatif aux quartiers,", "2019-12", {"other_thing": 1}),
        # OCR's spaces for separators: read short
        ("Délibération n° 2023 034 _D (Voir annexe)", "2023", {"read_short": 1}),
        # the @CTES id's own number part
        ("ID : 007-210701280-20231211-2023_034_D-DE", "2023_034_D", {"from_act_id": 1}),
    ],
)
def test_number_candidates_and_their_features(text: str, value: str, features: dict) -> None:
    candidate = _candidate(text, value)
    for name, expected in features.items():
        assert candidate.features[name] == expected, name


@pytest.mark.parametrize(
    "text",
    [
        "12/03/2021 : date de la réunion",  # a date is no code on a "n°" or line site
        "Le montant de 1 200 € est inscrit",  # a sum
        "conformément à l'article L.2121-15 du CGCT",  # an article's number, no site
    ],
)
def test_no_number_candidate(text: str) -> None:
    assert not [
        c
        for c in act_number.raw_candidates(text)
        if not c.features["two_years_or_date"] and not c.features["small_integer"]
    ]


def test_candidates_agree_with_the_seance_and_the_act_id() -> None:
    text = "N° 20240325-01\nObjet : taux\nID : 069-216902413-20240325-20240325_01-DE"
    own = _candidate(
        text,
        "20240325-01",
        session_date="2024-03-25",
        act_id="069-216902413-20240325-20240325_01-DE",
    )
    assert own.features["seance_date"] == own.features["seance_year"] == 1
    assert own.features["agrees_act_id"] == 1
    # near miss: another séance's year and no id
    other = _candidate("N° 2019-12\nObjet : taux", "2019-12", session_date="2024-03-25")
    assert other.features["seance_year"] == other.features["agrees_act_id"] == 0


def test_the_next_act_numbered_with_an_increment_is_a_sequence() -> None:
    text = "N° 2018-024 - Compte de gestion\n\nN° 2018-025 - Compte administratif\n"
    assert _candidate(text, "2018-024", end=30).features["sequence"] == 1
    # near miss: a number printed once, nothing one more or one less
    alone = "N° 2018-024 - Compte de gestion\n\nN° 2018-031 - Compte administratif\n"
    assert _candidate(alone, "2018-024", end=30).features["sequence"] == 0


def test_the_scorer_keeps_the_act_s_number_not_the_one_cited() -> None:
    text = (
        "Séance du 12 mars 2023\n\nDélibération n° 2023-045 : Vente d'un terrain\n"
        "Considérant que par délibération n° 2019-45 du 3 mai 2019 le conseil a décidé,\n"
    )
    best = act_number.number_of_text(text)
    assert best is not None and best.value == "2023-045"
    ranked = act_number.number_candidates(text, act_number.Item(session_date="2023-03-12"))
    cited = next(c for c in ranked if c.value == "2019-45")
    assert cited.score < 0.1 < ranked[0].score
    # near misses: the act cited alone, an agenda rank alone, a street number
    recital = "Séance du 12 mars 2023\n\n" + text.split("\n")[3]
    assert act_number.number_of_text(recital) is None
    assert (
        act_number.number_of_text("Séance du 12 mars 2023\n1 – Création des commissions\n") is None
    )
    assert act_number.number_of_text("rue de la Plaine jusqu'au n° 45 (Al 385)") is None


def test_the_heading_s_number_is_a_candidate() -> None:
    text = "2017/39 - PROJET DE RENOVATION\n\nLe conseil municipal approuve."
    heading = find_headings(text)[0]
    assert heading.number == "2017/39"
    candidate = _candidate(text, "2017/39", heading=heading)
    assert candidate.features["heading_number"] == 1
    # near miss: another number on the heading's line is not the heading's
    other = _candidate("2017/39 - PROJET N° 12 DE RENOVATION\n", "12", heading=heading)
    assert other.features["heading_number"] == 0
    best = act_number.best_number(text, act_number.Item(heading=heading))
    assert best is not None and best.value == "2017/39"


SEPARATORS = "/-–_."


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="0123456789ABD", min_size=1, max_size=5),
            st.sampled_from(SEPARATORS),
            st.text(alphabet=" \t", max_size=2),
            st.text(alphabet=" \t", max_size=2),
        ),
        min_size=1,
        max_size=4,
    ),
    st.text(alphabet="0123456789", min_size=1, max_size=4),
)
def test_normalize_number_drops_the_spaces_around_separators(parts: list, last: str) -> None:
    raw = "".join(f"{p}{left}{sep}{right}" for p, sep, left, right in parts) + last
    number = act_number.normalize_number(raw)
    assert number == act_number.normalize_number(number)  # idempotent
    assert "".join(number.split()) == "".join(raw.split())  # only spaces go
    for sep in SEPARATORS:
        assert f" {sep}" not in number and f"{sep} " not in number


@pytest.mark.parametrize(
    ("line", "value"),
    [
        # the séance's date whole, then the item's rank after a plain space
        ("20220711 13 Acquisition de défibrillateurs", "20220711 13"),
        ("20230911 1-Délibération relative à un déontologue", "20230911 1"),
        # year, month and rank; a letter for an act inserted after another
        ("2019-03-01 REPARATION VITRAUX EGLISE", "2019-03-01"),
        ("2019-03-25A VENTE MAISON", "2019-03-25A"),
        ("2019-03-12BIS AMENAGEMENT DES RIVES", "2019-03-12BIS"),
    ],
)
def test_numbers_built_on_the_seance_date_are_read_whole(line: str, value: str) -> None:
    candidate = _candidate(line, value, session_date="2019-03-11")
    assert candidate.features["line_start"] == 1


@pytest.mark.parametrize(
    ("line", "not_value"),
    [
        ("2022 13 logements ont été livrés", "2022 13"),  # a year is no séance date stem
        ("20221311 4 lots", "20221311 4"),  # no month 13: no date stem
        ("20220711 13:30 ouverture", "20220711 13"),  # an hour
        ("2019-45 bis", "2019-45 bis"),  # a detached word is not the number's
    ],
)
def test_near_misses_of_numbers_on_the_seance_date(line: str, not_value: str) -> None:
    assert not_value not in {c.value for c in act_number.raw_candidates(line)}


def test_a_heading_cut_short_takes_the_number_printed_whole() -> None:
    # a heading that read "2019-03" | "01 REPARATION …" has the number printed at its head
    text = "2019-03-01 REPARATION VITRAUX EGLISE\n\nLe conseil approuve.\n"
    cut = Heading(0, 36, "01 REPARATION VITRAUX EGLISE", "2019-03", "code")
    candidate = _candidate(text, "2019-03-01", heading=cut)
    assert candidate.features["heading_number"] == 1
    assert "2019-03" not in {
        c.value for c in act_number.raw_candidates(text, act_number.Item(heading=cut))
    }
    # near miss: another number that merely starts the same is not the heading's
    other = "2019-031 REPARATION\n"
    near = Heading(0, 19, "REPARATION", "2019-03", "code")
    assert _candidate(other, "2019-031", heading=near).features["heading_number"] == 0


def test_an_item_given_no_heading_takes_its_opening_one() -> None:
    # a document of one act: the pipeline's item has no heading; its first strong one is its own
    text = "CONSEIL DU 21 JUIN 2017\n2017/39 - PROJET DE RENOVATION\n\nLe conseil approuve.\n"
    assert _candidate(text, "2017/39").features["heading_number"] == 1
    # near miss: a heading far into the item is not the one it opens with
    far = "CONSEIL DU 21 JUIN 2017\n" + "x " * 900 + "\n2017/39 - PROJET DE RENOVATION\n"
    assert _candidate(far, "2017/39").features["heading_number"] == 0


# -- authority as scored candidates (nlp/authority.py) ------------------------------------------
def test_own_commune_beats_the_neighbour_named_with_it() -> None:
    text = (
        "Réunion du Conseil Municipal du 12 juillet 2023\n\n"
        "Le douze juillet deux mil vingt-trois, les membres du Conseil Municipal se sont réunis à "
        "la mairie de la commune de Coulon sous la présidence de Madame X, Maire.\n\n"
        + "Le conseil municipal approuve le compte rendu.\n"
        * 60
        + "3. Convention avec la commune de Magné\n"
        "La commune de Magné et la commune de Coulon partagent la voie.\n"
    )
    found = find_authority(text, "conseil municipal")
    assert found is not None and found.value == "Coulon"
    # near miss: the neighbour alone, named once deep in informal minutes, beside another one
    informal = (
        "Conseil municipal du 4 juin 2021\n"
        + "Le conseil approuve.\n" * 200
        + "La zone a été actée au conseil municipal de Luze.\nSur commune d’Héricourt : JP leur en parlera.\n"
    )
    assert find_authority(informal, "conseil municipal") is None


def test_a_council_cited_is_another_commune_wherever_it_is_named() -> None:
    from deliberations.nlp.authority import authority_features

    text = (
        "PROCES VERBAL\nSéance du 17 novembre 2023\n"
        "Ordre du jour\n> Demande de retrait de la commune de Castillon du Gard de la Communauté\n\n"
        + "Le conseil municipal approuve.\n"
        * 40
        + "Vu la délibération du conseil municipal de Castillon du Gard du 17 octobre 2023,\n"
        "Considérant que la commune de Castillon du Gard est membre de la communauté,\n"
        "La commune de Flaux confie au CDG 30 le traitement des dossiers.\n"
    )
    features = {c.start: c.features for c in authority_features(text, "conseil municipal")}
    castillon = [f for s, f in features.items() if text[s:].startswith("Castillon")]
    assert castillon and all(f["named_as_cited"] == 1.0 for f in castillon)
    assert len(castillon) == 2  # the cited council itself is no candidate
    assert castillon[0]["in_title"] == 1.0  # the agenda's title
    # near miss: the commune naming itself is neither cited nor a title's
    flaux = [f for s, f in features.items() if text[s:].startswith("Flaux")]
    assert flaux == [dict(flaux[0], named_as_cited=0.0, in_title=0.0)]


def test_a_name_cut_at_a_line_end_is_the_same_candidate() -> None:
    from deliberations.nlp.authority import authority_candidates, merged_keys

    assert (
        merged_keys(["Putanges-", "Putanges-le-Lac", "Putanges-le-Lac"]) == ["putanges le lac"] * 3
    )
    # near miss: an OCR's misreading printed once does not take over the name printed more often
    assert merged_keys(["Lalouvesc", "Lalouvesc", "Lalouvesc Lcoe"]) == ["lalouvesc"] * 3
    text = (
        "les membres du Conseil Municipal de la Commune de PUTANGES-\nLE-LAC, convoqués le 4 mars\n"
    )
    ranked = authority_candidates(text, "conseil municipal")
    assert [c.value for c in ranked] == ["Putanges-le-Lac"]


def test_agenda_spans_hold_the_titles_only() -> None:
    from deliberations.nlp.authority import agenda_spans

    text = (
        "Ordre du iour\n\nApprobation du procès-verbal\n> Convention avec la commune de X\n\n"
        "Monsieur le Maire demande aux membres du conseil de rajouter un point.\n"
    )
    ((start, end),) = agenda_spans(text)
    assert "Convention avec la commune de X" in text[start:end]
    # near miss: the prose after the list is no title
    assert "rajouter" not in text[start:end]
