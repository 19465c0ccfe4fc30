"""Séance minutes: one document, many deliberations, and the séance's attendance."""

from __future__ import annotations

from pathlib import Path

import pytest

from deliberations.extract import read_document
from deliberations.nlp.attendance import find_attendance
from deliberations.nlp.headings import find_headings
from deliberations.nlp.pipeline import analyze
from deliberations.nlp.segment import segments
from deliberations.schemas.record import Source
from tests.conftest import DATA

MINUTES = DATA / "minutes"


def _record(name: str):
    document = read_document(MINUTES / name)
    return analyze(document, Source(file=name))


def test_informal_minutes_split_into_their_numbered_votes() -> None:
    record = _record("couthenans_CR_conseil_municipal_24_02_2023.pdf")
    subjects = [d.subject for d in record.deliberations]
    # twelve numbered items carry a vote; "Questions diverses" and "Fréquence des conseils" do not
    assert len(subjects) == 12
    assert subjects[0] == "Délibération reversement taxe d’aménagement à la CCPH"
    assert all(s != "Questions diverses" for s in subjects)
    fourth = record.deliberations[3].vote
    assert (fourth.for_, fourth.against, fourth.abstentions, fourth.unanimous) == (9, 2, 1, False)
    assert record.deliberations[1].vote.unanimous is True  # "12 votes pour": every vote cast for


def test_pv_with_sub_items_gives_one_deliberation_per_vote() -> None:
    record = _record("pierrefonds_CM-12-avril-2022.pdf")
    subjects = [d.subject for d in record.deliberations]
    assert subjects[:3] == [
        "Approbation du compte de gestion 2021",
        "Approbation du compte administratif 2021",
        "Affectation des résultats 2021",
    ]
    assert len(subjects) == 9
    assert {d.session_date for d in record.deliberations} == {"2022-04-12"}
    # the mayor leaves for the vote of her compte administratif: the first adjoint puts it to the vote
    assert [d.president for d in record.deliberations] == ["Florence DEMOUY", "PAPIN"] + [
        "Florence DEMOUY"
    ] * 7
    first, second = record.deliberations[0].vote, record.deliberations[1].vote
    assert (first.for_, first.abstentions, first.abstention_names) == (
        15,
        3,
        ["DEBUISSER", "THUILLIER", "LEBLANC"],
    )
    assert (second.for_, second.against, second.against_names) == (
        14,
        3,
        ["DEBUISSER", "THUILLIER", "LEBLANC"],
    )
    # each deliberation keeps its own sums: the results of 2021 are not the budget's
    assert [a.value for a in record.deliberations[2].amounts] == [120655.71, 158214.66]


def test_the_seance_attendance_is_read_with_proxies() -> None:
    record = _record("pierrefonds_CM-12-avril-2022.pdf")
    seance = record.seance
    assert seance.secretary == "Gilles PAPIN"
    assert len(seance.present) == 14 and seance.present[0] == "Florence DEMOUY"
    assert ("Delphine DECKER", "Gilles PAPIN") in [(a.name, a.proxy_to) for a in seance.excused]
    assert seance.absent == ["Ronan TANGUY"]


@pytest.mark.parametrize(
    ("preamble", "present", "excused"),
    [
        (
            "Etaient présents : MM. ROBERT et HANON, Mmes LOURDELLE, GLEMBA et BRAET.\n\n"
            "Etaient excusés : M. BOUKERCHA ayant donné pouvoir à M. ROBERT, M. DUCASTEL n'ayant pas donné de pouvoir.",
            ["ROBERT", "HANON", "LOURDELLE", "GLEMBA", "BRAET"],
            [("BOUKERCHA", "ROBERT"), ("DUCASTEL", None)],
        ),
        (
            "Présents : Jean-Pierre, Yves, Jacques.\nExcusés : Anne-Marie (pouvoir donné à Yves) / Marc",
            ["Jean-Pierre", "Yves", "Jacques"],
            [("Anne-Marie", "Yves"), ("Marc", None)],
        ),
        (
            "Excusés : Monsieur LEROY qui a donné pouvoir a Monsieur COTTIGNY.",
            [],
            [("LEROY", "COTTIGNY")],
        ),
        (
            "- Madame Françoise TOULOUSE donne procuration à Monsieur Jacky LELONG",
            [],
            [],  # a proxy line with no "Excusés :"/"Pouvoirs :" label is not read as attendance
        ),
    ],
)
def test_attendance_phrasings(preamble: str, present: list[str], excused: list[tuple]) -> None:
    attendance = find_attendance(preamble)
    assert attendance.present == present
    assert [(a.name, a.proxy_to) for a in attendance.excused] == excused


def test_members_in_office_in_words_and_quorum() -> None:
    attendance = find_attendance(
        "Les conseillers présents formant la majorité des membres en exercice, lesquels sont au nombre "
        "de trente-neuf, le quorum étant atteint."
    )
    assert attendance.members_in_office == 39
    assert attendance.quorum_reached is True


def test_headings_of_items_and_their_near_misses() -> None:
    text = (
        "1. D2024 – 14 - Élection du président de séance\n\nTexte.\n\n"
        "2/ Délibération pour le calcul de la longueur de la voie publique\n"
        "12 votes pour\n\n"
        "- Approbation du compte de gestion 2021\n\n"
        "Le conseil décide :\n- D'approuver le contrat ;\n- Adopter la première tranche\n\n"
        "- Madame Delphine DECKER à Monsieur Gilles PAPIN\n\n"
        "Vote des taux 2025\n"
    )
    found = [(h.rule, h.number, h.title) for h in find_headings(text)]
    assert found == [
        ("item_code", "D2024–14", "Élection du président de séance"),
        ("numbered", None, "Délibération pour le calcul de la longueur de la voie publique"),
        ("dash", None, "Approbation du compte de gestion 2021"),
    ]


def test_votes_in_a_table_of_grants_are_not_deliberations() -> None:
    text = (
        "1. Subventions aux associations\n\n"
        "Bols d'air 400 € 500 € 400 € 400 € Unanimité\n\n"
        "Festival des forêts 1 500 € 3 000 € 1 200 € 1 200 € 4 abstentions\n2 contre\n\n"
        "Le Conseil municipal, après en avoir délibéré, à la majorité : DÉCIDE d'approuver le tableau.\n\n"
        "2. Budget primitif\n\nVote : Pour à l'unanimité\n"
    )
    found = segments(text)
    assert len(found) == 2
    assert found[0].heading.title == "Subventions aux associations"


def test_single_deliberation_documents_stay_whole(tmp_path: Path) -> None:
    from tests.conftest import DEV_TEXT

    for path in sorted(DEV_TEXT.glob("*.txt")):
        text = read_document(path).text
        assert len(segments(text)) == 1, path.name


HEADING_CASES = [
    # an item's title in capitals, the presenter's opening on the next line
    (
        "TRAVAUX DE VOIRIE RUE DES ÉCOLES\nMadame DUPONT donne lecture du rapport suivant :\n",
        [("presented", "TRAVAUX DE VOIRIE RUE DES ÉCOLES")],
    ),
    # a sub-title ending with a colon, then "Monsieur le Maire expose …"
    (
        "Convention de servitude avec le syndicat d'énergie :\nMonsieur le Maire expose au conseil que …\n",
        [("presented", "Convention de servitude avec le syndicat d'énergie")],
    ),
    # near misses: a table's header in capitals, a sentence ending with a colon
    ("SECTION DE FONCTIONNEMENT\nDEPENSES\n", []),
    ("Il informe notamment que :\nMonsieur MARTIN présente le devis.\n", []),
    # the numbered clauses of a decision are not items; a numbered item is
    (
        "Le Conseil Municipal :\n1) Statuant sur l'exécution du budget de l'exercice ;\n"
        "2) Considérant la concordance des écritures ;\n\n3) Budget primitif 2024\n",
        [("numbered", "Budget primitif 2024")],
    ),
    # a title wrapped by the page's width (the line ends with a space), then a blank line
    (
        "4. Rapport de la commission d'évaluation des charges \nTransférées et attribution de compensation\n\nTexte.",
        [
            (
                "numbered",
                "Rapport de la commission d'évaluation des charges Transférées et attribution de compensation",
            )
        ],
    ),
    # near miss: no space at the line's end, the next line is the item's text
    (
        "4. Rapport annuel du délégataire\nTransmis aux communes membres le 3 mai.\n\nTexte.",
        [("numbered", "Rapport annuel du délégataire")],
    ),
    # a title going on after a blank line with a link word; not with a sentence
    (
        "5. Convention entre le conservatoire « musique »\n\net la ville voisine pour les écoles\n\nTexte.",
        [
            (
                "numbered",
                "Convention entre le conservatoire « musique » et la ville voisine pour les écoles",
            )
        ],
    ),
    (
        "5. Convention avec le club de football\n\nla commune met à disposition le stade.\n",
        [("numbered", "Convention avec le club de football")],
    ),
    # a title cut after a dash goes on after a blank line, not over the rapporteur's line
    (
        "DEL2024-12 : Convention avec l'agence de l'eau –\n\nDemande de subventions\n\nRapporteur : M. Paul RIVET\n",
        [("code", "Convention avec l'agence de l'eau – Demande de subventions")],
    ),
    (
        "DEL2024-13 : Convention avec l'agence de l'eau –\n\nRapporteur : M. Paul RIVET\n",
        [("code", "Convention avec l'agence de l'eau")],
    ),
    # a title in capitals goes on past a lone colon, not over the next item's coded heading
    (
        "2024.03.12 - 5  SYNDICAT DES EAUX DU BASSIN\n\n:\n\nRENOUVELLEMENT DU BUREAU\n\nTexte.",
        [("dated_code", "SYNDICAT DES EAUX DU BASSIN RENOUVELLEMENT DU BUREAU")],
    ),
    (
        "DIVERS\nN°2024/12 - ACTION SOCIALE – BONS D'ACHAT\nMonsieur le Maire expose au conseil que …\n",
        [("code", "ACTION SOCIALE – BONS D'ACHAT")],
    ),
    # informal minutes: a number, a space, a title, a paragraph of its own
    (
        "Texte.\n\n2 Décisions modificatives du budget 2021 \n\nRappel reçu par mail.\n",
        [("numbered_bare", "Décisions modificatives du budget 2021")],
    ),
    # near misses: an address, a count of votes, a number inside running text
    ("Texte.\n\n3 rue des Écoles à Compiègne\n\n2 votes contre le projet\n\nSuite.\n", []),
    ("Le maire indique que\n2 Agents seront recrutés pour la saison\net logés sur place.\n", []),
]


@pytest.mark.parametrize(("text", "expected"), HEADING_CASES)
def test_heading_phrasings(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.rule, h.title) for h in find_headings(text)] == expected


def test_a_title_in_capitals_goes_on_past_the_small_o_of_a_number() -> None:
    from deliberations.nlp.headings import find_headings

    text = (
        "QUESTION No 6\n\nAPPROBATION DE L'AVENANT No7 AU CONTRAT DE DELEGATION DE SERVICE PUBLIC\n\n"
        "DE DISTRIBUTION DE L'EAU POTABLE\n\nRapporteur : Madame COCHAT\n\nIl est proposé au conseil.\n"
    )
    assert find_headings(text)[0].title == (
        "APPROBATION DE L'AVENANT No7 AU CONTRAT DE DELEGATION DE SERVICE PUBLIC "
        "DE DISTRIBUTION DE L'EAU POTABLE"
    )
    # near miss: a title in small letters does not take the line in capitals under it
    text = (
        "QUESTION No 6\n\nApprobation de l'avenant no7 au contrat de délégation\n\n"
        "ANNEXE 4\n\nRapporteur : Madame COCHAT\n\nIl est proposé au conseil.\n"
    )
    assert find_headings(text)[0].title == "Approbation de l'avenant no7 au contrat de délégation"


# a scan's item headings as OCR reads them: a doubled dash in an act number, a vote's last words
# set apart by a blank line, a stray full stop after a title's last word (the digital PDF's bold
# told the title; a scan has no face)
SCANNED_TITLE = (
    "ELUS – Association des Maires de France – Motion de soutien pour alerter le\n"
    "gouvernement sur les conséquences de la baisse des dotations aux communes et aux\n"
    "intercommunalités .\n\nMonsieur le maire donne lecture de la motion.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Délibération n°20200217- -04\n\n▪ Budget principal – Vote des taux 2020\n\nTexte.\n",
            [("20200217-04", "Budget principal – Vote des taux 2020")],
        ),
        # near miss: a period of years with a doubled dash, a sum
        ("2021- -2026 : Programme de voirie\n\nTexte.\n", []),
        ("Le résultat 2020- -04,50 € est reporté.\n", []),
        (
            "Vote : le principe est accepté à l'unanimité et monsieur le maire est autorisé à "
            "signer l'avenant avec la\n\n*DDT.\f" + SCANNED_TITLE,
            [
                (
                    None,
                    "ELUS – Association des Maires de France – Motion de soutien pour alerter le "
                    "gouvernement sur les conséquences de la baisse des dotations aux communes et "
                    "aux intercommunalités",
                )
            ],
        ),
        # near misses: the words above close a sentence that is no vote; a full stop closing the
        # title's last word
        ("Le projet est lu en séance.\n\n*DDT.\f" + SCANNED_TITLE, []),
        (
            "Vote : le principe est accepté à l'unanimité.\n\n"
            + SCANNED_TITLE.replace("intercommunalités .", "intercommunalités."),
            [],
        ),
    ],
)
def test_scanned_headings(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(h.number, h.title) for h in find_headings(text)] == expected


BULLETED_TITLE = (
    "\n\n▪ Convention d'utilisation d'une partie des locaux du groupe scolaire auprès de "
    "l'association Léo\nLagrange Méditerranée pour l'accueil de loisirs sans hébergement du "
    "mercredi après-midi durant\nl’année scolaire 2014-2015 hors périodes de vacances scolaires\n\n"
    "Madame X informe le conseil municipal du fonctionnement de l’accueil de loisirs sans\n"
    "hébergement géré par l'association.\n"
)


def test_a_bulleted_title_after_a_vote_takes_its_paragraph() -> None:
    # OCR read a speck before the title as a bullet; the title's paragraph is taken whole
    text = "Vote : principe et conditions de remboursement votés à l'unanimité." + BULLETED_TITLE
    assert [h.title for h in find_headings(text)] == [
        "Convention d'utilisation d'une partie des locaux du groupe scolaire auprès de "
        "l'association Léo Lagrange Méditerranée pour l'accueil de loisirs sans hébergement du "
        "mercredi après-midi durant l’année scolaire 2014-2015 hors périodes de vacances scolaires"
    ]
    # near miss: not after a vote, the bulleted line stays one line
    text = "Le principe est exposé." + BULLETED_TITLE
    assert [h.title for h in find_headings(text)] == [
        "Convention d'utilisation d'une partie des locaux du groupe scolaire auprès de "
        "l'association Léo"
    ]
