"""Document kind and deliberation spans (deliberations.nlp.segment): each case next to a near miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deliberations.nlp.cast import not_cast_reason
from deliberations.nlp.headings import find_headings
from deliberations.nlp.segment import document_kind, segments, vote_clusters

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


def _dev_gold(path: Path) -> dict:
    return json.loads((DEV / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((DEV / "text").glob("*.txt")), ids=lambda p: p.stem[:3])
def test_dev_kinds(path: Path) -> None:
    assert document_kind(path.read_text(encoding="utf-8")) == _dev_gold(path)["kind"]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((DEV / "text").glob("*.txt")) if _dev_gold(p)["kind"] == "deliberation"],
    ids=lambda p: p.stem[:3],
)
def test_dev_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    gold = _dev_gold(path)
    assert len(segments(text)) == len(gold["deliberations"])
    segment = segments(text)[0]
    scope = text[segment.start : segment.end]
    # the vote is inside the deliberation, the appended letter and convention are not
    assert any(word in scope.lower() for word in ("unanimité", "majorite", "majorité"))
    if path.stem.startswith("001"):
        assert "Monsieur le Directeur de Territoire" not in scope
        assert "Monsieur le Directeur de Territoire" in text[segment.end :]


def _titles(text: str) -> list[str | None]:
    return [s.heading.title if s.heading else None for s in segments(text)]


ITEM_ONE = "1. Tarifs de la cantine\n\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n\n"


def test_a_vote_quoted_in_a_visa_is_not_cast() -> None:
    text = ITEM_ONE + (
        "2. Election d'un délégué au syndicat\n\n"
        "Vu le code général des collectivités territoriales prévoyant que « le conseil municipal peut "
        "décider, à l'unanimité, de ne pas procéder au scrutin secret » ;\n\n"
        + "Vu les statuts du syndicat ;\n\n" * 40
        + "Le Conseil municipal, après en avoir délibéré, avec 20 voix pour et 3 abstentions, élit M. Paul RIVET.\n"
    )
    assert _titles(text) == ["Tarifs de la cantine", "Election d'un délégué au syndicat"]


def test_a_recital_reporting_another_vote_is_not_cast() -> None:
    text = ITEM_ONE + (
        "2. Rapport de la commission d'évaluation des charges\n\n"
        "Considérant que la commission a adopté son rapport à l'unanimité des membres présents le 3 mai ;\n\n"
        + "Considérant que le rapport a été transmis aux communes ;\n\n" * 40
        + "Le Conseil municipal, après en avoir délibéré à l'unanimité, approuve le rapport.\n"
    )
    assert len(segments(text)) == 2
    # near miss: the recital holds the decision itself
    assert (
        len(
            segments(
                ITEM_ONE
                + "2. Voirie\n\nConsidérant l'urgence, le Conseil, après en avoir délibéré, "
                "à l'unanimité, décide les travaux.\n"
            )
        )
        == 2
    )


def test_a_required_majority_and_a_date_are_not_votes() -> None:
    text = ITEM_ONE + (
        "2. Modification des statuts de la communauté\n\n"
        "La définition des compétences est fixée à la majorité qualifiée requise pour la création de la "
        "communauté. Le bail court depuis le 15/08/07 pour les parcelles du hameau.\n\n"
        "3. Subventions\n\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, attribue les subventions.\n"
    )
    assert _titles(text) == ["Tarifs de la cantine", "Subventions"]
    # near miss: a count on its own is a vote
    assert len(segments(ITEM_ONE + "2. Subventions\n\nPour 7\nContre 0\n")) == 2


def test_a_decision_without_a_count_closes_its_item() -> None:
    decided = "Le Conseil Municipal considérant les services rendus par M. Jean DURAND décide de lui allouer l'indemnité.\n\n"
    text = (
        ITEM_ONE
        + "N°2024/27 - INDEMNITE DU COMPTABLE\n\nMonsieur le Maire expose la demande.\n"
        + decided
    )
    assert _titles(text) == ["Tarifs de la cantine", "INDEMNITE DU COMPTABLE"]
    # near miss: the council named inside a proposal, not deciding
    proposed = "Monsieur le Maire expose la demande et souhaite que le conseil municipal approuve l'indemnité.\n\n"
    assert _titles(ITEM_ONE + "N°2024/27 - INDEMNITE DU COMPTABLE\n\n" + proposed) == [None]


def test_an_election_result_and_a_bare_count_close_their_items() -> None:
    text = ITEM_ONE + (
        "2. Election de deux délégués\n\nListe A : 20 voix\nListe B : 6 voix\n\nSont déclarés élus : M. Paul RIVET et "
        "Mme Anne ROUX.\n\n3. Subventions aux associations\n\nClub de tennis : 300 €\n13 votes\n\n"
    )
    assert _titles(text) == [
        "Tarifs de la cantine",
        "Election de deux délégués",
        "Subventions aux associations",
    ]
    # near miss: a count of votes inside a sentence is no vote
    assert (
        len(
            segments(
                ITEM_ONE + "2. Bilan\n\nLe scrutin précédent avait recueilli 13 votes au total.\n"
            )
        )
        == 1
    )


def test_items_without_a_vote_are_skipped_over_in_the_numbering() -> None:
    text = (
        "Ordre du jour\n1) Tarifs de la cantine\n2) Subventions\n3) Questions diverses\n\n"
        "1) Tarifs de la cantine\n\nLe Conseil, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n\n"
        "2) Présentation du rapport du syndicat\n\nLe rapport est présenté.\n\n"
        "3) Rapport de la médiathèque\n\nLe rapport est présenté.\n\n"
        "4) Subventions\n\nLe Conseil, après en avoir délibéré, à l'unanimité, attribue les subventions.\n"
    )
    assert _titles(text) == ["Tarifs de la cantine", "Subventions"]


def test_a_section_title_and_a_numbered_theme_give_way_to_the_item_presented() -> None:
    text = (
        "TRAVAUX :\n•\nECLAIRAGE DU STADE\nMonsieur MARTIN donne lecture du rapport suivant :\nLes devis sont reçus.\n"
        "Adopté à l'unanimité par le Conseil Municipal,\n"
        "3) Urbanisme\nConvention de servitude avec le syndicat d'énergie :\nMonsieur le Maire expose au conseil "
        "que la ligne passe sur la parcelle.\nAprès en avoir délibéré, le Conseil Municipal approuve la convention.\n"
        "Pour 9\n Abstention 0\n Contre 0\n"
        "4) Camping\nLe conseil discute du loyer.\nAprès en avoir délibéré, le Conseil Municipal :\nADOPTE le loyer.\n"
        "Pour 9\n Abstention 0\n Contre 0\n"
    )
    assert _titles(text) == [
        "ECLAIRAGE DU STADE",
        "Convention de servitude avec le syndicat d'énergie",
        "Camping",
    ]
    found = segments(text)
    # with no blank line in the text, each deliberation still ends before the next one starts
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_an_advisory_bodys_vote_and_an_ocr_item_number() -> None:
    """ "validé par le comité technique à l'unanimité" is not the council's vote; "2018.04.09 - I"
    (OCR for 1) numbers the item; "Il sera proposé au conseil" puts a new question."""
    first = (
        "2018.04.09 - I TARIFS DE LA CANTINE\n\nIl est proposé de fixer les tarifs.\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
    )
    second = (
        "Le protocole a été validé par le comité technique à l'unanimité le 12 mars.\n\n"
        "Il sera proposé au conseil municipal d'approuver le protocole.\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CES PROPOSITIONS\n"
    )
    found = segments(first + "Les tarifs restent inchangés depuis 2015. " * 20 + "\n\n" + second)
    assert [s.heading.number if s.heading else None for s in found] == ["2018.04.09-1", None]
    # near miss: the council's own vote naming the commission's opinion is cast
    assert (
        len(
            segments(
                first + "Les tarifs restent inchangés. " * 20 + "\n\nIl est proposé d'approuver le "
                "protocole.\n\nAprès avis favorable de la commission des finances, le conseil "
                "municipal, à l'unanimité, approuve le protocole.\n"
            )
        )
        == 2
    )


def test_lettered_parts_of_an_item_voted_apart_share_its_number() -> None:
    item = (
        "2019.03.04 - 4 APPROBATION DES BUDGETS\n\nIl est proposé d'approuver les budgets.\n\n"
        "A) Budget principal de la ville\n\nEquilibre : 11 455 203,06 €\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CES PROPOSITIONS\n\n"
        "B) Budget des opérations assujetties à la TVA\n\nEquilibre : 307 424,68 €\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CES PROPOSITIONS\n\n"
    )
    found = segments(
        item
        + "2019.03.04 - 5 TARIFS\n\nIl est proposé de fixer les tarifs.\n\nLE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n"
    )
    assert [(s.heading.number, s.heading.title) for s in found] == [
        ("2019.03.04-4", "APPROBATION DES BUDGETS – Budget principal de la ville"),
        ("2019.03.04-4", "APPROBATION DES BUDGETS – Budget des opérations assujetties à la TVA"),
        ("2019.03.04-5", "TARIFS"),
    ]
    # near misses: a lettered line that is no title (lower case, capitals only, past H)
    assert [
        h.rule for h in find_headings("A) ce que dit le texte\nB) BUDGET ANNEXE\nM) Budget\n")
    ] == []


def test_the_election_form_gives_the_mayor_the_number_of_adjoints_and_the_adjoints() -> None:
    """The national form of the procès-verbal of the election of the mayor and the adjoints: its
    recalled rules are no votes; the proclamations and the number fixed are the decisions."""
    form = (
        "2. Election du maire\n\n2.1. Présidence\nLe maire est élu au scrutin secret et à la majorité absolue. "
        "Si, après deux tours de scrutin, aucun candidat n'a obtenu la majorité absolue, il est procédé à un "
        "troisième tour et l'élection a lieu à la majorité relative. En cas d'égalité de suffrages, le plus âgé "
        "est déclaré élu.\n\n"
        + "Chaque conseiller a déposé son bulletin dans l'urne. "
        * 10
        + "\n\n"
        "M. Jean DURAND a été proclamé(e) maire et a été immédiatement installé(e).\n\n"
        "3. Election des adjoints\n\n3.1. Nombre d'adjoints\nAu vu de ces éléments, le conseil municipal a fixé\n"
        "à .......4....... le nombre des adjoints au maire de la commune.\n\n"
        "3.2. Listes de candidats\nLes adjoints sont élus au scrutin secret de liste à la majorité absolue, sans "
        "panachage ni vote préférentiel.\n\n"
        + "Le dépouillement a été fait par le bureau. "
        * 30
        + "\n\n"
        "Ont été proclamés adjoints les candidats figurant sur la liste conduite par Mme Anne ROUX.\n"
    )
    found = segments(form, "conseil municipal")
    assert len(found) == 3
    assert "a été proclamé(e) maire" in form[found[0].start : found[0].end]
    assert "le nombre des adjoints" in form[found[1].start : found[1].end]
    assert "Ont été proclamés adjoints" in form[found[2].start : found[2].end]
    # near miss: the rules alone, with no proclamation, decide nothing
    rules_only = form[: form.index("M. Jean DURAND")]
    assert vote_clusters(rules_only, find_headings(rules_only), "conseil municipal") == []


def test_grants_voted_one_by_one_are_deliberations_of_their_own() -> None:
    text = (
        "− Vote des subventions aux associations\n\nMadame le maire rappelle les demandes reçues.\n\n"
        "Club de judo 700 €\nVote :\n\n− Pour : 16\n\n− Abstentions : 3, Monsieur PETIT, Madame ROUX, Madame NOIR\n\n"
        "Comité des fêtes 1700 €\nMonsieur Jean BLANC, président de l'association, ne prend pas part au vote.\n\n"
        "Vote :\n\n− Pour : 15\n\n− Contre : 3, Monsieur PETIT, Madame ROUX, Madame NOIR\n\n"
        "− Vote des taux\n\nVote :\n\n− Pour : 19\n"
    )
    assert _titles(text) == [
        "Vote des subventions aux associations – Club de judo",
        "Vote des subventions aux associations – Comité des fêtes",
        "Vote des taux",
    ]
    # near miss: a list of grants voted once, after the list, is one deliberation
    once = (
        "− Vote des subventions aux associations\n\nClub de judo 700 €\nComité des fêtes 1700 €\n"
        "Tennis club 300 €\n\nVote :\n\n− Pour : 16\n\n− Vote des taux\n\nVote :\n\n− Pour : 19\n"
    )
    assert _titles(once) == ["Vote des subventions aux associations", "Vote des taux"]


def test_a_report_read_with_no_vote_printed_is_still_an_item() -> None:
    """Old minutes: each item is a title, then "X donne lecture du rapport suivant"; an item
    whose vote is lost in the text is still a deliberation (its vote unknown)."""
    budget = "BUDGET PRIMITIF 2006 :\nMadame MARTIN donne lecture du rapport suivant :\nLes crédits sont inscrits.\n"
    taxes = "FISCALITE LOCALE 2006 :\nMonsieur PETIT donne lecture du rapport suivant :\nLes taux restent.\n"
    vote = "Adopté à l'unanimité par le Conseil Municipal,\n"
    voted = (
        "COMPTE DE GESTION 2005 :\nMonsieur DURAND donne lecture du rapport suivant :\nLe compte est "
        "conforme.\n" + vote
    )
    assert _titles(voted + budget + taxes + vote) == [
        "COMPTE DE GESTION 2005",
        "BUDGET PRIMITIF 2006",
        "FISCALITE LOCALE 2006",
    ]
    # near miss: an item only told about ("expose") before a voted report is no deliberation
    told = "TRAVAUX DE LA SALLE :\nMonsieur le Maire expose l'avancement des travaux.\n"
    assert len(segments(voted + told + taxes + vote)) == 2


MINUTES_ITEM = (
    "\n\n\x01 Vente d’un terrain communal\n\nMonsieur le Maire propose de vendre la parcelle.\n\n"
    "Le Conseil Municipal, après en avoir délibéré, à l’unanimité, APPROUVE la vente.\n\n"
    "\x01 Tarifs de la cantine\n\nMonsieur le Maire propose de fixer les tarifs.\n\n"
    "Le Conseil Municipal, après en avoir délibéré, à l’unanimité, FIXE les tarifs.\n"
)


def test_minutes_bound_twice_give_each_deliberation_once() -> None:
    once = segments("COMPTE RENDU" + MINUTES_ITEM)
    twice = segments("COMPTE RENDU" + MINUTES_ITEM + "\fCOMPTE RENDU" + MINUTES_ITEM)
    assert [s.heading.title for s in once] == [
        "Vente d’un terrain communal",
        "Tarifs de la cantine",
    ]
    assert [s.heading.title for s in twice if s.heading] == [s.heading.title for s in once]
    # near miss: two items of the same title but different texts are two deliberations
    other = MINUTES_ITEM.replace("la parcelle", "la parcelle B").replace(
        "FIXE les tarifs", "FIXE les tarifs de l'étude"
    )
    assert len(segments("COMPTE RENDU" + MINUTES_ITEM + other)) == 4


def test_the_secretarys_nomination_is_a_formality_not_a_deliberation() -> None:
    text = (
        "\n\nNomination du secrétaire\n\nMonsieur le Maire propose la candidature de Mme X.\n\n"
        "Vote : à l'unanimité\n\nCCPU - marché nocturne 2022\n\nMonsieur le Maire expose le "
        "projet de marché.\n\nVote : à l'unanimité\n"
    )
    found = segments(text)
    assert [s.heading.title for s in found if s.heading] == ["CCPU - marché nocturne 2022"]
    # near miss: the nomination of a delegate is a deliberation
    kept = segments(text.replace("Nomination du secrétaire", "Nomination du délégué au SIVOM"))
    assert [s.heading.title for s in kept if s.heading][0] == "Nomination du délégué au SIVOM"


def test_minutes_approved_in_passing_as_pv_are_no_item() -> None:
    text = (
        "Secrétaire de séance : M. X\n\n"
        "Le PV de la séance du 5 février 2024 est approuvé à l'unanimité des votes exprimés.\n\n"
        "Délibération n°20240325-01\n\nBudget principal – Compte de gestion 2023\n\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, APPROUVE le compte.\n\n"
        "Délibération n°20240325-02\n\nBudget principal – Compte administratif 2023\n\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, APPROUVE le compte.\n"
    )
    found = segments(text)
    assert [s.heading.number for s in found if s.heading] == ["20240325-01", "20240325-02"]
    assert all(s.heading is not None for s in found)
    # near miss: the PV put to the vote as a numbered item is a deliberation
    numbered = text.replace(
        "Le PV de la séance",
        "Délibération n°20240325-00\n\nApprobation du PV\n\nLe PV de la séance",
    )
    assert [s.heading.number for s in segments(numbered) if s.heading][0] == "20240325-00"


def test_an_items_title_gives_the_act_it_names_and_drops_the_annex_pointer() -> None:
    from deliberations.nlp.headings import _act_in_title

    title = "Décision modificative n° 3 - Délibération n° 2023_033_D - Régularisation (Voir annexe)"
    assert _act_in_title(title) == ("Décision modificative n° 3 - Régularisation", "2023_033_D")
    # near misses: a number OCR split by spaces is left out; a plain title is kept as it is
    split = "Restes à recouvrer 2023 - Délibération n° 2023 039 _D (Voir annexe)"
    assert _act_in_title(split) == ("Restes à recouvrer 2023", None)
    assert _act_in_title("Tarifs de la cantine") == ("Tarifs de la cantine", None)


# the attendance's names going on over a line of their own, then the first item
ATTENDANCE = (
    "Présents : Denis JUVIN - Muriel NIGGEL - Patricia MICHOT - Jean-Pierre PLUS\n"
    "- Michel VAILLIES - Catherine VINAS\n\n"
    "Approbation du compte rendu du Conseil Municipal du 28 janvier 2022\n\n"
    "Monsieur le Maire demande s'il y a des observations.\n"
    "Vote : à l'unanimité\n"
)


def test_the_attendance_names_are_no_item_title() -> None:
    titles = [h.title for h in find_headings(ATTENDANCE)]
    assert titles == ["Approbation du compte rendu du Conseil Municipal du 28 janvier 2022"]
    # near miss: the same dash line away from the attendance is a title
    alone = ATTENDANCE.replace("Présents : Denis JUVIN", "Le rapport est lu par Denis JUVIN")
    assert "Michel VAILLIES - Catherine VINAS" in [h.title for h in find_headings(alone)]


def _minutes_then_extracts(annexes_title: str, pointer: str = " (Voir annexe)") -> str:
    minutes = "".join(
        f"{n}. {title} - Délibération n° 2023_0{30 + n}_D{pointer}\n"
        f"Le conseil approuve à l'unanimité {title.lower()}.\n\n"
        for n, title in ((1, "Décision modificative n° 3"), (2, "Restes à recouvrer 2023"))
    )
    extracts = "".join(
        "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n\n"
        f"Délibération n° 2023_0{30 + n}_D\n\n{title}\n\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, approuve le projet.\n"
        "Pour : 11 Contre : 0 Abstention : 0\n\f"
        for n, title in ((1, "Décision modificative n° 3"), (2, "Restes à recouvrer 2023"))
    )
    return f"Séance du 11 décembre 2023\n\n{minutes}\f{annexes_title}\f{extracts}"


def test_the_extracts_annexed_to_minutes_are_the_same_acts() -> None:
    found = segments(_minutes_then_extracts("ANNEXES"))
    assert [s.heading.number for s in found if s.heading] == ["2023_031_D", "2023_032_D"]
    # (the items pointing to their annexed acts say it with no annexes' title too)
    found = segments(_minutes_then_extracts("SUITE"))
    assert [s.heading.number for s in found if s.heading] == ["2023_031_D", "2023_032_D"]
    # near miss: with no annexes' title nor pointers, the same numbers are read as printed twice
    assert len(segments(_minutes_then_extracts("SUITE", pointer=""))) == 4


# a register's printed frame, a table's header row, a ballot's tally, a lone decision verb: the
# shapes of item headings ("plain" paragraph, "a." lettered row, capitals then a colon) that never
# open an item; a real title of the same shape still does
@pytest.mark.parametrize(
    "line",
    [
        "\n\nDate d'affichage\n\n",
        "\n\nDate de la convocation et affichage\n\n",
        "\n\nc. Nombre de suffrages déclarés nuls par le bureau\n\n",
        "\n\ne. Majorité absolue\n\n",
        "\n\nDECIDE :\n\n",
        "\n\nLibellé de l'opération\n\n",
        "\n\nReçues Demandées Proposées\n\n",
        "\n\nEn chiffres En toutes lettres\n\n",
        "\n\nDépartement de l'Ardèche - Arrondissement de Tournon\n\n",
        "\n\nMaire de SAINT-MARTIN\n\n",
        "\n\nCommune de Saint-Martin\n\n",
        "\n\nTotal superficie 61 100 m2\n\n",
        "\n\nConseil Municipal du 12 décembre 2017\n\n",
        "\n\nCompte rendu conseil municipal du 17 novembre 2023\n\n",
    ],
)
def test_form_lines_open_no_item(line: str) -> None:
    assert find_headings(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "\n\nNombre d'adjoints au maire\n\n",
        "\n\nTotalité des travaux de voirie\n\n",
        "\n\nApprobation du compte rendu du conseil municipal du 27 janvier 2023\n\n",
        "\n\nb. Demande de subvention pour la voirie\n\n",
        "\n\nDélibération n° 2023-045 : Date de la convocation du conseil\n\n",
    ],
)
def test_titles_near_form_lines_still_open_an_item(line: str) -> None:
    assert len(find_headings(line)) == 1


def test_a_table_header_row_does_not_go_on_with_a_title_in_capitals() -> None:
    text = "\n\n3. BUDGET PRINCIPAL - DECISION MODIFICATIVE\nLIBELLE DE L'OPERATION\n\n"
    assert [h.title for h in find_headings(text)] == ["BUDGET PRINCIPAL - DECISION MODIFICATIVE"]


def test_a_registers_dispositif_after_its_recitals_closes_its_item() -> None:
    """The national model of a compte de gestion's approval and of an affectation: the assembly
    alone on its line, recitals with no full stop (figures and abbreviations), then the verb."""
    text = (
        "14. BUDGET ANNEXE - APPROBATION DU COMPTE DE GESTION\n\n"
        "Le Conseil Municipal ;\nAprès s’être assuré que le receveur a repris les soldes,\n"
        "Statuant sur l’ensemble des opérations effectuées du 1er janvier au 31 décembre 2015,\n"
        "DECLARE que le compte de gestion n’appelle ni observation ni réserve de sa part.\n\n"
        "15. BUDGET ANNEXE - AFFECTATION DU RESULTAT\n\n"
        "Le Conseil Municipal,\nConstatant que le compte administratif fait apparaître :\n\n"
        "- un excédent de fonct. antérieur reporté de 21.015,69 €\n\n"
        "Décide d’affecter le résultat de l’exercice comme suit :\n\n"
        "- Art. 002 - report à nouveau 19.427,24 €\n"
    )
    found = segments(text)
    assert [s.heading.title for s in found if s.heading] == [
        "BUDGET ANNEXE - APPROBATION DU COMPTE DE GESTION",
        "BUDGET ANNEXE - AFFECTATION DU RESULTAT",
    ]
    # near miss: a sentence ending with a full stop between the assembly and the verb is no dispositif
    told = text.replace("Le Conseil Municipal ;\n", "Le Conseil Municipal ;\nIl en est informé. ")
    told = told.replace(
        "Le Conseil Municipal,\nConstatant", "Le Conseil Municipal,\nIl voit. Constatant"
    )
    assert len(segments(told)) == 1


def test_the_order_of_the_day_changed_in_passing_is_no_item() -> None:
    text = (
        "Secrétaire de séance : M. X\n\n"
        "Le conseil municipal accepte à l’unanimité d’ajouter les points précités à l’ordre du jour.\n\n"
        "20220711 1 Location d’un local commercial, Rapporteur Mme Macé\n\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, APPROUVE le bail.\n\n"
        "20220711 2 Vente d’un terrain situé avenue du 18 juin, Rapporteur M. Mallard\n\n"
        "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, APPROUVE la vente.\n"
    )
    found = segments(text)
    assert [(s.heading.number, s.heading.title) for s in found if s.heading] == [
        ("20220711 1", "Location d’un local commercial"),
        ("20220711 2", "Vente d’un terrain situé avenue du 18 juin"),
    ]
    assert all(s.heading is not None for s in found)
    # the question put in the paragraph above the vote line: "… rajouter un point à l'ordre du jour"
    asked = text.replace(
        "Le conseil municipal accepte à l’unanimité d’ajouter les points précités à l’ordre du jour.",
        "Le Maire souhaite rajouter un point à l’ordre du jour :\n\n-Subvention au club\n\nVOTE : Unanimité",
    )
    assert all(s.heading is not None for s in segments(asked))
    # near miss: an item of its own about the order of the day, numbered, is kept (as the PV's)
    numbered = text.replace(
        "Le conseil municipal accepte", "20220711 0 Ajout de points\n\nLe conseil municipal accepte"
    )
    assert [s.heading.number for s in segments(numbered) if s.heading][0] == "20220711 0"


def test_an_offer_rejected_in_a_tender_report_is_no_vote() -> None:
    text = (
        "2020-11-05 TRAVAUX DE VOIRIE – APPEL D’OFFRES\n\n"
        "L’entreprise X n’ayant pas répondu à la régularisation de son offre, son offre a été rejetée.\n\n"
        "Tableau des offres de base Lot 2\n\n"
        "N° ENTREPRISE MONTANT\n\n1 ELIE BLIN 335 050,17 €\n\n"
        "Sa candidature a été rejetée.\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, accepte l’offre.\n\n"
        "2020-11-06 EAU POTABLE : ADOPTION DU RAPPORT\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, adopte le rapport.\n"
    )
    assert [s.heading.number for s in segments(text)] == ["2020-11-05", "2020-11-06"]
    # near miss: the council rejecting the proposal is a vote
    assert not_cast_reason("Le conseil municipal a rejeté la proposition.", 21, 31) is None


def test_how_the_seance_votes_is_no_item() -> None:
    text = (
        "Madame le maire demande aux membres s’ils souhaitent conserver le mode de vote à main "
        "levée et nominatif.\n\nVote : Pour à l’unanimité\n\n"
        "1. Approbation du compte de gestion 2015\n\nLe conseil approuve le compte.\n\n"
        "Vote : Pour à l’unanimité\n\n"
        "2. Approbation du compte administratif 2015\n\nLe conseil approuve le compte.\n\n"
        "Vote : Pour : 15 - Contre : 3\n"
    )
    found = segments(text)
    assert [s.heading.title for s in found if s.heading] == [
        "Approbation du compte de gestion 2015",
        "Approbation du compte administratif 2015",
    ]
    assert all(s.heading is not None for s in found)
    # near miss: an item of its own on the voting mode, under its heading, is kept
    titled = text.replace(
        "Madame le maire demande", "1. Mode de scrutin\n\nMadame le maire demande"
    )
    titled = titled.replace("1. Approbation", "2. Approbation").replace(
        "2. Approbation du compte a", "3. Approbation du compte a"
    )
    assert len(segments(titled)) == 3


def test_parts_under_questions_diverses_keep_their_own_titles() -> None:
    text = (
        "4. INDEMNITES DE FONCTIONS\n\nMonsieur le Maire expose.\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, prend acte de cette "
        "modification et décide que les indemnités seront calculées sur l’indice brut terminal.\n\n"
        "5. QUESTIONS DIVERSES\n\nA. Taux d’imposition des taxes directes locales 2017\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, vote les taux.\n\n"
        "B. Eglise de Méguillaume – Travaux supplémentaires\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, décide les travaux.\n"
    )
    assert [s.heading.title for s in segments(text) if s.heading] == [
        "INDEMNITES DE FONCTIONS",
        "Taux d’imposition des taxes directes locales 2017",
        "Eglise de Méguillaume – Travaux supplémentaires",
    ]
    # near miss: the council only taking note is no vote
    noted = text.replace(
        " et décide que les indemnités seront calculées", ", les indemnités étant calculées"
    )
    assert [s.heading.title for s in segments(noted) if s.heading][0] != "INDEMNITES DE FONCTIONS"


def test_a_vote_word_in_a_quoted_article_of_law_is_no_vote() -> None:
    text = (
        "2020-01-9 DEPENSES D’INVESTISSEMENT A ENGAGER\n\n"
        "Madame X rappelle l’article L 1612-1 : « Dans le cas où le budget d’une collectivité n’a pas "
        "été adopté avant le 1er janvier, l’exécutif peut mandater les dépenses. »\n\n"
        "Après en avoir délibéré, le Conseil Municipal, à l’unanimité, accepte l’ouverture de crédits.\n\n"
        "2020-01-10 TARIFS\n\nAprès en avoir délibéré, le Conseil Municipal, à l’unanimité, fixe les tarifs.\n"
    )
    assert [s.heading.number for s in segments(text)] == ["2020-01-9", "2020-01-10"]
    start = text.index("n’a pas")
    assert not_cast_reason(text, start, start + 20) == "quoted"
    # near miss: the same words outside a quotation are a vote
    plain = text.replace("« ", "").replace(" »", "")
    assert not_cast_reason(plain, plain.index("n’a pas"), plain.index("n’a pas") + 20) is None


# items numbered by levels under themes (Coulon's procès-verbal, a converter's markdown headings)
LEVELS = (
    "Réunion du Conseil Municipal du 12 juillet 2023\n\n"
    "1 – FINANCES\n\n1-1 : Subventions 2023\n\n1-1-1 : Subventions aux associations\n\n"
    "Après délibération et à l’unanimité, le Conseil Municipal décide d’attribuer les subventions.\n\n"
    "1-1-2 : Subvention au CCAS\n\n"
    "Sur sa proposition et à l’unanimité, le Conseil municipal décide de verser 5 000€ au CCAS.\n\n"
    "1-2 : Tarifs prestations scolaires\n\n"
    "Après délibération et à l’unanimité, le Conseil Municipal valide ces propositions de tarifs.\n\n"
    "2- RAPPORT DES DECISIONS DU MAIRE\n\nMadame le Maire a pris les décisions suivantes.\n"
)


def test_items_numbered_by_levels_are_the_leaves_not_their_themes() -> None:
    found = segments(LEVELS, "conseil municipal")
    assert [s.heading.title for s in found if s.heading] == [
        "Subventions aux associations",
        "Subvention au CCAS",
        "Tarifs prestations scolaires",
    ]
    themes = [h.title for h in find_headings(LEVELS) if h.theme]
    assert themes == ["FINANCES", "Subventions 2023"]
    assert "RAPPORT" not in LEVELS[found[-1].start : found[-1].end]


def test_a_level_that_goes_on_from_nothing_above_is_no_item() -> None:
    # a report's own numbering under item 3: "1.1 Contexte" does not go on from "3."
    text = "3. Budget primitif 2024\n\n1.1 Contexte général\n\nLe conseil municipal, à l'unanimité, adopte le budget.\n"
    assert [h.rule for h in find_headings(text)] == ["numbered"]


# acts headed by their number (the year in two digits) under thematic parts (Corte's comptes-rendus)
ACTS = (
    "Point n° 1 : Finances Communales\n\n"
    "25-04/031 — Vote des taux d’imposition 2025 :\n\n"
    "Le Conseil, à l’unanimité des membres présents et représentés, décide d’appliquer les taux.\n\n"
    "25-04/032 — Adoption du Budget Primitif 2025 :\n\n"
    "Le Budget Primitif 2025 est adopté à la Majorité, par 22 voix Pour, et 5 Abstentions.\n\n"
    "Point n° 2 : REGIE DE L’EAU\n\n"
    "25-04/033 — Affectation du Résultat 2024 :\n\n"
    "Le Conseil affecte à l’unanimité le résultat de fonctionnement.\n"
)


def test_acts_headed_by_their_number_under_thematic_parts() -> None:
    found = segments(ACTS, "conseil municipal")
    assert [(s.heading.number, s.heading.title) for s in found if s.heading] == [
        ("25-04/031", "Vote des taux d’imposition 2025"),
        ("25-04/032", "Adoption du Budget Primitif 2025"),
        ("25-04/033", "Affectation du Résultat 2024"),
    ]
    assert [h.title for h in find_headings(ACTS) if h.theme] == [
        "Finances Communales",
        "REGIE DE L’EAU",
    ]
    # the thematic part after an item is no part of it
    assert "REGIE" not in ACTS[found[1].start : found[1].end]


def test_parts_of_one_theme_closed_by_one_vote_are_one_item_titled_by_the_theme() -> None:
    # the national form of the election of the adjoints: parts 3.2 … 3.4 lead to one vote
    text = (
        "3. Election des adjoints\n\n3.1 Nombre d'adjoints\n\n"
        "Le conseil municipal décide à l'unanimité de fixer à quatre le nombre des adjoints.\n\n"
        "3.2 Listes de candidats aux fonctions d'adjoint\n\nUne liste a été déposée.\n\n"
        "3.3 Résultats du premier tour de scrutin\n\nLe dépouillement a donné la majorité absolue.\n\n"
        "3.4 Proclamation de l'élection des adjoints\n\n"
        "Ont été proclamés adjoints les candidats de la liste conduite par Mme Anne PETIT.\n"
    )
    found = segments(text, "conseil municipal")
    assert [s.heading.title for s in found if s.heading] == [
        "Nombre d'adjoints",
        "Election des adjoints",
    ]
    assert text[found[1].start :].startswith("3.2 Listes de candidats")


GRANTS_ITEM = (
    "41. TAUX D'IMPOSITION 2016\n\nLe conseil municipal vote les taux d'imposition pour 2016 :\n"
    "Taxe d'habitation : 16,04 %\n\n"
    "La parole est donnée à Madame X qui expose les subventions ci-après :\n\n"
    "42. SUBVENTIONS 2016\n\nSubventions aux associations à caractère social\n\n"
    "1. Association SOINS SANTE 282,00\n2. AMDS (Malentendants) 80,00\n3. ADMR 60,00\n"
    " Sous total 422,00\n\nSubventions aux associations à caractère communal\n\n"
    "1. ACTIV'ORNE 200,00\n2. AFAC 153,00\n Sous total 353,00\n TOTAL 775,00\n\n"
    "43. VOTE DU BUDGET PRIMITIF 2016\n\nLe budget primitif 2016 a été adopté à l'unanimité.\n"
)


def test_an_unvoted_numbered_grants_item_whose_table_adds_up_is_an_item() -> None:
    titles = [s.heading.title for s in segments(GRANTS_ITEM) if s.heading]
    assert titles == ["TAUX D'IMPOSITION 2016", "SUBVENTIONS 2016", "VOTE DU BUDGET PRIMITIF 2016"]


def test_a_grants_list_that_does_not_add_up_opens_no_item() -> None:
    # near miss: the total printed is not the rows' sum (a list of requests, not the grants)
    text = GRANTS_ITEM.replace("TOTAL 775,00", "TOTAL 9.999,00").replace(
        "Sous total 422,00", "Sous total 500,00"
    )
    titles = [s.heading.title for s in segments(text) if s.heading]
    assert "SUBVENTIONS 2016" not in titles


PAGE_TOP_TITLE = (
    "Approbation du compte administratif 2017\n\nLe conseil approuve le compte.\n\n"
    "Vote : \n\n- Pour : 15 \n\n- Abstentions : 3, Mme A, M. B \fBudget primitif 2018 \n"
    "▪ section d'exploitation \n▪ section d'investissement \n\n"
    "Madame le maire présente le budget.\n\nVote : \n\n- Pour : 18\n"
)


def test_a_title_opening_a_page_after_a_vote_needs_no_blank_line() -> None:
    titles = [s.heading.title if s.heading else None for s in segments(PAGE_TOP_TITLE)]
    assert titles == ["Approbation du compte administratif 2017", "Budget primitif 2018"]


def test_a_line_opening_a_page_in_the_middle_of_an_item_is_no_title() -> None:
    # near miss: the page before ends on the item's text, not on its vote
    text = PAGE_TOP_TITLE.replace("- Abstentions : 3, Mme A, M. B \f", "les comptes suivants :\f")
    titles = [s.heading.title if s.heading else None for s in segments(text)]
    assert "Budget primitif 2018" not in titles


MINUTES_WITH_EXTRACTS = (
    "1. COMMISSION FINANCES\n"
    "a. Mise en place du RIFSEEP - Délibération n° 2023_034_D (Voir annexe)\n"
    "Le conseil approuve à l'unanimité le RIFSEEP.\n"
    "b. Demande de subvention DETR\nDélibération n° 2023 037 _D (Voir annexe)\n"
    "Le conseil approuve à l'unanimité la demande.\n"
    "c. Questions diverses\nLe maire informe le conseil.\n\fANNEXES\f"
    "Délibération n° 2023 034 D\n\nMise en place du régime indemnitaire\n\n"
    "ID : 007-210701280-20231211-2023_034_D-DE\nLe conseil municipal, après en avoir délibéré, "
    "décide d'instaurer le RIFSEEP.\nPour : 11 Contre : 0\n\f"
    "Délibération n° 2023_037_D\n\nDemande de subvention\n\n"
    "Le conseil municipal, après en avoir délibéré, décide de solliciter la DETR.\nPour : 11\n"
)


def test_items_citing_their_annexed_extracts_are_the_extracts() -> None:
    found = segments(MINUTES_WITH_EXTRACTS)
    assert [s.heading.number for s in found if s.heading] == ["2023_034_D", "2023_037_D"]
    assert [s.heading.title for s in found if s.heading] == [
        "Mise en place du RIFSEEP",
        "Demande de subvention DETR",
    ]
    assert (
        "ID : 007-210701280-20231211-2023_034_D-DE"
        in MINUTES_WITH_EXTRACTS[found[0].start : found[0].end]
    )


def test_items_citing_acts_with_no_extract_bound_stay_the_minutes_items() -> None:
    # near miss: the minutes point to annexes that are not bound after them
    text = MINUTES_WITH_EXTRACTS.split("\fANNEXES")[0]
    found = segments(text)
    assert all(s.start < len(text) for s in found)
    assert not any(s.heading and s.heading.rule == "deliberation_number" for s in found)


APPROVED_TOGETHER = (
    "Monsieur le Maire propose aux maires délégués de se retirer.\n\n"
    "1. COMMUNE HISTORIQUE A - APPROBATION du COMPTE ADMINISTRATIF\n\n"
    "Le maire présente les résultats du compte administratif 2015 comme suit :\n\n"
    "➢ Excédent de fonctionnement : 33.394,77 €\n\n"
    "2. COMMUNE HISTORIQUE B - APPROBATION du COMPTE ADMINISTRATIF\n\n"
    "Le maire présente les résultats du compte administratif 2015 comme suit :\n\n"
    "➢ Excédent de fonctionnement : 130.698,66 €\n\n"
    "Après avoir entendu et approuvé les comptes administratifs 2015 des communes historiques, "
    "le maire donne la parole à Mme X.\n\n"
    "3. APPROBATION DES COMPTES DE GESTION\n\nLe conseil municipal approuve les comptes de "
    "gestion.\n\nVote : unanimité\n\n"
    "4. TARIFS 2016\n\nLe conseil municipal fixe les tarifs.\n\nVote : unanimité\n"
)


def test_items_presented_one_by_one_then_approved_together_are_items() -> None:
    titles = [s.heading.title for s in segments(APPROVED_TOGETHER) if s.heading]
    assert titles[:2] == [
        "COMMUNE HISTORIQUE A - APPROBATION du COMPTE ADMINISTRATIF",
        "COMMUNE HISTORIQUE B - APPROBATION du COMPTE ADMINISTRATIF",
    ]
    assert len(titles) == 4


def test_items_presented_with_no_approval_after_them_are_no_items() -> None:
    # near miss: the results only presented, the council approving nothing of them
    text = APPROVED_TOGETHER.replace(
        "Après avoir entendu et approuvé les comptes", "Vu les comptes"
    )
    titles = [s.heading.title for s in segments(text) if s.heading]
    assert titles == ["APPROBATION DES COMPTES DE GESTION", "TARIFS 2016"]


TITLES_LISTED_TOGETHER = (
    "2. Budget - Eau et Assainissement\n\n"
    "− Approbation du compte de gestion 2015 \n\n"
    "− Approbation du compte administratif 2015 \n\n"
    "Monsieur X présente le compte administratif 2015.\n\n"
    "Madame le maire propose l'approbation du compte de gestion.\n\n"
    "Vote : \n\n− Pour : 16 \n\n− Abstentions : 3, Monsieur A, Madame B \n\n"
    "Monsieur Y, premier adjoint, propose aux membres du conseil municipal d'approuver le compte "
    "administratif 2015. \n\n"
    "Vote : \n\n− Pour : 15 \n\n− Contre : 3, Monsieur A, Madame B \n\n"
    "3. Repas des aînés\n\nLe conseil municipal fixe le prix du repas.\n\nVote : unanimité\n"
)


def test_titles_listed_together_take_the_votes_that_follow_in_turn() -> None:
    titles = [s.heading.title if s.heading else None for s in segments(TITLES_LISTED_TOGETHER)]
    assert titles == [
        "Approbation du compte de gestion 2015",
        "Approbation du compte administratif 2015",
        "Repas des aînés",
    ]


def test_a_vote_and_its_remainder_close_by_are_one_vote() -> None:
    # near miss: no question put between the two statements, one vote
    text = (
        "1. Tarifs\n\nLe conseil municipal fixe les tarifs.\n\nVote : Pour : 16\n\n"
        "Abstentions : 3, Monsieur A, Madame B\n\n2. Repas\n\nLe conseil municipal fixe le prix."
        "\n\nVote : unanimité\n"
    )
    assert [s.heading.title for s in segments(text) if s.heading] == ["Tarifs", "Repas"]


# items closed by a paragraph opened by the vote's label, each title a paragraph of its own
# wrapped over two lines by the page's width (the shape of Aiglun's minutes, session 8)
VOTE_PARAGRAPHS = (
    "Rythmes scolaires - Projet Educatif Territorial (PEDT) avec l'association Léo Lagrange\n\n"
    "Madame X informe le conseil municipal que le PEDT peut être signé par monsieur le maire.\n\n"
    "Vote : le conseil municipal prend acte de la convention signée et à l'unanimité autorise "
    "monsieur le maire à\nsigner le PEDT avec le président de l'association.\n\n"
    "Rythmes scolaires - Convention (pluri)annuelle d'objectifs avec l'association Léo Lagrange\n"
    "Méditerranée\n\n"
    "Le coût prévisionnel total de cette action pour les trois années scolaires est de 130 750 €,"
    "\nla subvention communale s'élève à 79 009 €.\n\n"
    "Vote : la convention est acceptée à l'unanimité et monsieur le maire est autorisé à la\n"
    "signer avec le président de l'association Léo Lagrange Méditerranée.\n\n"
    "Convention de transport d'un élève résidant sur la commune avec le Syndicat Intercommunal "
    "de\nTransport des Elèves (SITE)\n\n"
    "La famille sollicite une participation de la commune aux frais de transport.\n\n"
    "Vote : la demande de participation communale est acceptée et monsieur le maire est autorisé "
    "à signer la\nconvention avec le SITE.\n\n"
    "VOIRIE – Convention avec la commune de Mallemoisson entretien voie du Monégros\n\n"
    "Des travaux de réfection de chaussée s'élèveraient à environ 30 000 € H.T.\n\n"
    "Vote : le principe est accepté à l'unanimité et monsieur le maire est autorisé à signer "
    "cette convention.\n"
)


def test_titles_after_a_vote_paragraph_open_the_items() -> None:
    # the vote stated in a sentence after "Vote :", even with no unanimity nor count (the third)
    titles = [s.heading.title if s.heading else None for s in segments(VOTE_PARAGRAPHS)]
    assert titles == [
        "Rythmes scolaires - Projet Educatif Territorial (PEDT) avec l'association Léo Lagrange",
        "Rythmes scolaires - Convention (pluri)annuelle d'objectifs avec l'association Léo "
        "Lagrange Méditerranée",
        "Convention de transport d'un élève résidant sur la commune avec le Syndicat "
        "Intercommunal de Transport des Elèves (SITE)",
        "VOIRIE – Convention avec la commune de Mallemoisson entretien voie du Monégros",
    ]


def test_a_short_title_followed_by_its_text_is_not_wrapped_over_it() -> None:
    # near miss: the title is short, the line under it is the item's text, not its title's end
    text = (
        "Vote : à l'unanimité\n\nCCPU – Marché nocturne 2023\nLa candidature de la commune a été "
        "retenue par la commission en charge de\nl'organisation des marchés.\n\nVote : à "
        "l'unanimité\n"
    )
    assert [h.title for h in find_headings(text)] == ["CCPU – Marché nocturne 2023"]


def test_a_note_taken_with_a_decision_is_cast() -> None:
    text = (
        "Vote : la poursuite de l'opération est acceptée à l'unanimité et le conseil municipal "
        "prend acte des marchés.\n"
    )
    start = text.index("à l'unanimité")
    assert not_cast_reason(text, start, start + 13) is None
    # near miss: the council only takes note
    text = "Le conseil municipal prend acte à l'unanimité du rapport d'activité 2023.\n"
    start = text.index("à l'unanimité")
    assert not_cast_reason(text, start, start + 13) == "takes_note"


def test_a_quotation_never_closed_before_the_decision_does_not_hold_it() -> None:
    text = (
        "2009/136 – Actualisation tarifs assainissement 2010\nMonsieur le Maire, rapporteur, "
        "expose :\n\n« Chaque année, la SAUR nous sollicite pour la révision de nos tarifs.\n"
        "Le Conseil municipal, après avoir entendu son rapporteur, décide à l’unanimité "
        "d'appliquer les tarifs proposés.\n\n2009/137 – Poste CAE\nMonsieur le Maire expose :\n\n"
        "« Dans le cadre du dispositif, je vous propose de créer un poste ».\n"
    )
    start = text.index("à l’unanimité")
    assert not_cast_reason(text, start, start + 13) is None
    # near miss: the quotation closed after the statement, a quotation inside it closed first
    text = "« Le conseil a décidé à l’unanimité de la ligne « Hydraulique » du contrat ».\n"
    start = text.index("à l’unanimité")
    assert not_cast_reason(text, start, start + 13) == "quoted"


# the parts of one item voted one by one under their labels, then the agenda's last part
PARTS_UNDER_LABELS = (
    "Vote du compte-rendu de la précédente réunion :\npour : 10\nabstention : 1\ncontre : 1\n\n"
    "1. VOTE DES COMPTES ADMINISTRATIFS\n\n- Lotissement :\nLa responsable de la commission "
    "présente le compte administratif 2008 du lotissement.\nAprès délibération, le Conseil "
    "Municipal approuve, à 11 voix pour, le Compte Administratif 2008.\n\n- Assainissement :\n"
    "La responsable présente le compte administratif 2008 du service assainissement.\n\n"
    "Après délibération, le Conseil Municipal approuve, à 11 voix pour, le Compte Administratif "
    "2008.\n\n2) FCTVA 2009\n\nMonsieur le Maire expose la convention avec l'État.\n\n"
    "A l'unanimité des membres présents, le Conseil accepte cette proposition.\n\n"
    "3) MISE A DISPOSITION DES LOGEMENTS SOCIAUX\n\nIl est donc décidé de reporter cette "
    "question à une séance ultérieure.\f"
    "QUESTIONS DIVERSES\n\nUn des conseillers demande que soit ouverte la possibilité de mettre "
    "une gerbe de fleurs.\n\nA 4 voix pour et 8 abstentions, la demande est rejetée.\n"
)


def test_parts_under_labels_and_questions_diverses_are_items() -> None:
    # the previous minutes voted under a label are no item (a formality)
    titles = [s.heading.title if s.heading else None for s in segments(PARTS_UNDER_LABELS)]
    assert titles == [
        "VOTE DES COMPTES ADMINISTRATIFS – Lotissement",
        "VOTE DES COMPTES ADMINISTRATIFS – Assainissement",
        "FCTVA 2009",
        "QUESTIONS DIVERSES",
    ]


def test_a_label_heading_names_is_no_item_title() -> None:
    # near miss: labels over the names designated, then the next item's title
    text = (
        "Le Conseil Municipal, après en avoir délibéré,\n\n- DESIGNE à l’unanimité en tant que "
        "membres de la Commission :\n\nMembres titulaires :\n\nM. Marc MIOTTO\n\nMembres "
        "suppléants :\n\nMme Odile BRACHET\n\n▪ Mise en place des commissions municipales\n\n"
        "Il est rappelé que le conseil peut créer des commissions.\n\nLe Conseil Municipal, "
        "après en avoir délibéré, à l’unanimité: \n\n- CREE 5 commissions.\n"
    )
    titles = [s.heading.title if s.heading else None for s in segments(text)]
    assert titles[-1] == "Mise en place des commissions municipales"


def test_the_voting_mode_and_an_agenda_changed_are_no_items() -> None:
    text = (
        "Madame X demande en début de séance à ce que le Conseil Municipal se prononce sur les "
        "modalités de vote du budget et propose un vote à bulletin secret.\n\nA 8 voix pour, 5 "
        "votes contre et 1 abstention, il est décidé que les budgets seront votés à bulletin "
        "secret.\n\nOrdre du jour\nMonsieur le Maire donne lecture de l’ordre du jour et propose "
        "au Conseil municipal :\n\n- d’y ajouter le point suivant : Travaux extension de la salle "
        "de sports,\n\n- de retirer les points suivants faute d’éléments : Convention "
        "bibliothèque.\n\nLe Conseil municipal donne son accord.\n\n"
        "1. DEMANDE D'EMPLACEMENT AU CIMETIÈRE\n\nMonsieur le Maire expose la requête.\n\n"
        "Après en avoir délibéré, le Conseil Municipal accorde un emplacement.\n\n"
        "2. SUBVENTION CNDS\n\nAprès en avoir délibéré, les membres du Conseil acceptent à "
        "l'unanimité de procéder à cette demande.\n"
    )
    titles = [s.heading.title if s.heading else None for s in segments(text)]
    assert titles == ["DEMANDE D'EMPLACEMENT AU CIMETIÈRE", "SUBVENTION CNDS"]


def test_a_decision_opening_a_line_after_a_table_row_closes_the_item() -> None:
    text = (
        "2009/139 – Marché des vestiaires : Attribution\nLa Commission propose :\nLot 1 SARC "
        "216 026,60 €\nMontant total du marché 259 930,70 €\nLe Conseil municipal, après avoir "
        "pris connaissance de la proposition de la CAO et délibéré, décide d’attribuer les lots."
        "\n\n2009/140 – Budget Commune 2009 : Décision modificative n°2\nLe Conseil municipal, "
        "après en avoir délibéré, adopte à l’unanimité la décision modificative.\n"
    )
    assert len(segments(text)) == 2
    # near miss: a title with a year over a sentence that goes on is no table's row
    text = (
        "Caution : 500 € pour la salle Féron.\nLocation de matériel 2016\nLe conseil municipal "
        "décide de fixer les tarifs de location des différents matériels.\n"
    )
    assert [(a, b) for a, b in vote_clusters(text, find_headings(text))] == []


def test_a_funders_council_accepting_is_no_vote_of_the_seance() -> None:
    text = (
        "Le conseil départemental a quant à lui accepté de subventionner la maîtrise d’œuvre sur "
        "ce dossier à hauteur de 6970 €.\n"
    )
    start = text.index("Le conseil")
    assert not_cast_reason(text, start, start + 10, "conseil municipal") == "other_assembly"
    # near miss: the séance's own council
    text = "Le conseil municipal a accepté à l'unanimité de subventionner le dossier.\n"
    start = text.index("à l'unanimité")
    assert not_cast_reason(text, start, start + 13, "conseil municipal") is None


def test_lettered_parts_voted_apart_are_named_under_their_item() -> None:
    text = (
        "QUESTION No 9\n\nMOUVEMENTS AU SEIN DU PERSONNEL : CREATIONS DE POSTES\n\n"
        "Rapporteur : Madame CAPELLE\n\n"
        "A) Emplois saisonniers 2016 :\n\nIl est proposé de créer les postes suivants.\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "B) Création d'un poste permanent - police municipale :\n\nIl est proposé de créer le poste.\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "QUESTION No 10\n\nCREANCES ETEINTES\n\nRapporteur : Madame COCHAT\n\nIl est proposé d'admettre.\n\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n"
    )
    assert _titles(text) == [
        "MOUVEMENTS AU SEIN DU PERSONNEL : CREATIONS DE POSTES – Emplois saisonniers 2016",
        "MOUVEMENTS AU SEIN DU PERSONNEL : CREATIONS DE POSTES – Création d'un poste permanent - police municipale",
        "CREANCES ETEINTES",
    ]
    # near miss: dashed parts under a numbered item keep their own titles
    dashed = text.replace(
        "A) Emplois saisonniers 2016 :", "- Recrutement des emplois saisonniers de l'été 2016"
    ).replace("B) ", "- ")
    assert _titles(dashed)[:2] == [
        "Recrutement des emplois saisonniers de l'été 2016",
        "Création d'un poste permanent - police municipale",
    ]
