"""Rapporteur and president of each deliberation, as the pipeline assembles them from people.py's rules."""

from __future__ import annotations

from deliberations.nlp.headings import Heading
from deliberations.nlp.pipeline import analyze, analyze_segment, seance_facts
from deliberations.nlp.segment import Segment
from deliberations.schemas.document import DocumentText, PageText
from deliberations.schemas.record import Source

PREAMBLE = (
    "COMPTE RENDU DU CONSEIL MUNICIPAL DU 12 MARS 2024\n"
    "Le Conseil Municipal s'est réuni sous la présidence de Monsieur Pierre LEGRAND, Maire.\n\n"
)


def _document(text: str) -> DocumentText:
    return DocumentText(pages=[PageText(number=1, text=text)])


def _deliberations(text: str) -> list[tuple[str | None, str | None, str | None]]:
    record = analyze(_document(text), Source(file="minutes.txt"))
    return [(d.subject, d.rapporteur, d.president) for d in record.deliberations]


def test_the_chair_leaves_for_the_account_and_the_elected_member_presides() -> None:
    text = PREAMBLE + (
        "1. Élection du président de séance\n"
        "Monsieur le Maire rappelle que le conseil élit son président pour le vote du compte administratif.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, ÉLIT Madame Claire FAURE, adjointe au "
        "maire, pour présider la séance lors du vote du compte administratif.\n\n"
        "2. Compte administratif 2023\n"
        "Monsieur Paul VIDAL, adjoint aux finances, présente le compte administratif 2023.\n"
        "Hors de la présence de Monsieur le Maire, le conseil municipal est invité à se prononcer.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve le compte administratif.\n\n"
        "3. Tarifs de la cantine scolaire\n"
        "Monsieur le Maire expose au conseil le projet de nouveaux tarifs de la cantine.\n"
        "Madame ROUX demande si les tarifs seront dégressifs.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs proposés.\n"
        "Monsieur BLANC explique qu'il votera pour malgré ses réserves.\n"
    )
    assert _deliberations(text) == [
        ("Élection du président de séance", "Pierre LEGRAND", "Pierre LEGRAND"),
        # the adjoint presents, the elected member presides in the chair's absence
        ("Compte administratif 2023", "Paul VIDAL", "Claire FAURE"),
        # the chair is back and presents; the members heard in the debate and after the vote present nothing
        ("Tarifs de la cantine scolaire", "Pierre LEGRAND", "Pierre LEGRAND"),
    ]


def test_the_chair_leaves_and_nobody_is_named() -> None:
    text = PREAMBLE + (
        "1. Compte administratif 2023\n"
        "Le compte administratif 2023 est présenté au conseil.\n"
        "DECISION : En l’absence de Monsieur le Maire, le Conseil Municipal approuve le compte à l’unanimité.\n\n"
        "2. Affectation des résultats 2023\n"
        "Il est proposé d'affecter le résultat de fonctionnement.\n"
        "Le Conseil Municipal, après en avoir délibéré, décide à l'unanimité d'affecter le résultat.\n"
    )
    # null where the stand-in is not named, rather than the séance's chair; the chair presides again after
    assert [president for _, _, president in _deliberations(text)] == [None, "Pierre LEGRAND"]


def test_a_second_vote_under_the_same_item_keeps_its_rapporteur() -> None:
    text = PREAMBLE + (
        "4) Personnel communal\n"
        "Monsieur Luc MOREAU, adjoint au personnel, présente le tableau des avancements de grade.\n"
        "Le Conseil Municipal adopte le tableau. Pour 9 Contre 0\n"
        "Le Conseil Municipal décide de créer le poste correspondant. Pour 9 Contre 0\n"
    )
    document = _document(text)
    first_start = text.index("4) Personnel")
    second_start = text.index("Le Conseil Municipal décide")
    heading = Heading(first_start, first_start + 21, "Personnel communal", "4", "numbered")
    first_segment = Segment(first_start, second_start, heading)
    second_segment = Segment(second_start, len(text))  # no heading: a second vote under item 4
    seance = seance_facts(text, [first_segment, second_segment])
    first = analyze_segment(document, first_segment, seance)
    second = analyze_segment(document, second_segment, seance, first)
    assert first.rapporteur == second.rapporteur == "Luc MOREAU"
    assert second.evidence["rapporteur"] == first.evidence["rapporteur"]
    # near miss: a segment with its own heading and no presenter does not inherit the previous one's
    titled = Segment(
        second_start,
        len(text),
        Heading(second_start, second_start + 10, "Création de poste", None, "caps"),
    )
    assert analyze_segment(document, titled, seance, first).rapporteur is None


def test_a_rapporteur_named_over_a_group_of_items() -> None:
    """ "QUESTION N° 9 … Rapporteur : Mme X" then A), B): X reports every lettered item under it, not
    the next numbered question."""
    text = PREAMBLE + (
        "QUESTION N° 8\n\nTARIFS DU MUSEE\n\nRapporteur : Monsieur Paul VIDAL\n\nIl est proposé de "
        "fixer les tarifs.\nLE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "QUESTION N° 9\n\nMOUVEMENTS DU PERSONNEL\n\nRapporteur : Madame Anne CAPELLE\n\n"
        "A) Création d'un poste d'animateur :\n\nIl est proposé de créer un poste.\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "B) Emplois saisonniers 2016 :\n\nIl est proposé de recruter des saisonniers.\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "QUESTION N° 10\n\nDEMANDE DE SUBVENTION\n\nIl est proposé de solliciter une subvention.\n"
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n"
    )
    rapporteurs = [rapporteur for _, rapporteur, _ in _deliberations(text)]
    assert rapporteurs == ["Paul VIDAL", "Anne CAPELLE", "Anne CAPELLE", None]
    # near miss: a sub-item whose presenter is named keeps its presenter
    other = text.replace(
        "Il est proposé de recruter des saisonniers.",
        "Monsieur Luc MOREAU présente le recrutement des saisonniers.",
    )
    rapporteurs = [rapporteur for _, rapporteur, _ in _deliberations(other)]
    assert rapporteurs[:3] == ["Paul VIDAL", "Anne CAPELLE", "Luc MOREAU"]


def test_the_chair_as_rapporteur_by_its_title_is_the_chair() -> None:
    """ "Rapporteur : M. le Maire": the chair presents (its name from the preamble), never "M"."""
    text = PREAMBLE + (
        "1. Tarifs de la cantine\nRapporteur : M. le Maire\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n"
    )
    assert [rapporteur for _, rapporteur, _ in _deliberations(text)] == ["Pierre LEGRAND"]


def test_a_block_of_items_on_the_same_matter_keeps_its_presenter() -> None:
    """The subsidies voted association by association, the budgets one after another: the member
    who presents the first item of the block presents the items after it on the same matter, until
    one shows its own presenter (the subsidies of a town's minutes of 2016 and 2018 in the real set).
    Near miss: the next item on another matter."""
    text = PREAMBLE + (
        "1. Vote des subventions aux associations – Comité des fêtes\n"
        "Madame le Maire passe la parole à Monsieur Paul LAMY qui présente les demandes de subventions.\n"
        "Vote : Pour : 15, Abstentions : 3\n\n"
        "2. Vote des subventions aux associations – Club de judo\n"
        "Vote : Pour : 16, Abstentions : 3\n"
        "Monsieur Marc GOSSE indique qu'ils s'abstiennent sur toutes les subventions.\n\n"
        "3. Vote des subventions aux associations – Jumelage\n"
        "Madame Anne ROUX présente la demande du comité de jumelage.\n"
        "Vote : Pour : 16\n\n"
        "4. Repas des aînés\n"
        "Il est proposé de fixer la participation des accompagnants.\n"
        "Vote : Pour à l'unanimité\n"
    )
    rapporteurs = [rapporteur for _, rapporteur, _ in _deliberations(text)]
    # the member heard after the vote of item 2 explains an abstention and presents nothing
    assert rapporteurs == ["Paul LAMY", "Paul LAMY", "Anne ROUX", None]


def test_the_maire_named_with_the_title_presides_when_no_presidency_is_printed() -> None:
    """Minutes with no "sous la présidence de" nor a titled chair in their preamble: the maire named
    with the title in the minutes presides (a commune nouvelle's PV of 2023 and 2024 in the real set).
    Near misses: the maire of another commune; a community's minutes, whose chair is "le Président"."""
    body = (
        "1. Tarifs de la cantine\n"
        "Monsieur le Maire expose le projet de nouveaux tarifs.\n"
        "Monsieur Paul MARTIN, maire de Bellecombe, remercie les bénévoles.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n\n"
        "2. Compte administratif 2023\n"
        "Monsieur Jean DURAND, Maire, étant absent, monsieur Luc MOREAU, Président de la commission\n"
        "des finances, présente le compte administratif.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve le compte.\n\n"
        "Fait à Valfleury, le 13 mars 2024\n"
    )
    text = "PROCÈS-VERBAL DU CONSEIL MUNICIPAL\nSéance du 12 mars 2024\n\n" + body
    assert _deliberations(text) == [
        ("Tarifs de la cantine", "Jean DURAND", "Jean DURAND"),
        ("Compte administratif 2023", "Luc MOREAU", None),
    ]
    from deliberations.nlp.people import find_named_mayor

    assert find_named_mayor(body, None) is not None
    assert find_named_mayor(body.replace("Jean DURAND, Maire,", "X,"), None) is None
    community = body.replace("Monsieur le Maire expose", "Monsieur le Président expose")
    community = community.replace("1. Tarifs", "Monsieur le Président rappelle.\n1. Tarifs")
    assert find_named_mayor(community, None) is None


def test_the_chair_presents_after_a_comma_named_by_its_commune() -> None:
    """ "Mme X, Maire délégué, étant absente, Mr le Maire de la commune présente les résultats" (a
    commune nouvelle's minutes): the chair presents. Near miss: the président of a commission."""
    from deliberations.nlp.people import find_presenter

    found = find_presenter(
        "Madame Annick X, Maire délégué de la commune historique, étant absente, Mr le \n"
        "Maire de la commune présente les résultats du compte administratif 2015 comme suit :\n"
    )
    assert found is not None and found.chair
    assert find_presenter("Le président de la commission présente le rapport.\n") is None


def test_the_floor_handed_at_the_end_of_an_item_whose_decision_is_not_printed() -> None:
    """A table of subsidies, no decision printed, then "Monsieur le Maire … donne la parole à
    Madame X pour donner lecture …" before the next heading: X presents the next item. Near miss:
    an item of one paragraph handing the floor presents itself."""
    from deliberations.nlp.people import handover_start

    text = (
        "42. SUBVENTIONS 2016\n\n1. Association A 282,00\n2. Association B 80,00\n TOTAL 362,00\n\n"
        "Monsieur le Maire demande à l’Assemblée de voter le budget primitif et donne la parole à "
        "Madame Monique DURAND pour donner lecture des chapitres :\n\n"
    )
    assert handover_start(text, 0, len(text)) == text.index("Monsieur le Maire demande")
    short = "42. SUBVENTIONS\n\nMonsieur le Maire donne la parole à Madame Monique DURAND.\n"
    assert handover_start(short, 0, len(short)) is None


def test_the_vote_boxed_above_the_text_does_not_end_the_presentation() -> None:
    """A PV whose vote box, set beside the text, is read before it ("Délibération n° … / A
    l'unanimité / Pour : 11 / … / Le Maire rappelle que …"): the chair still presents. Near miss:
    "son rapporteur" unnamed is no one the text names, not the chair."""
    text = PREAMBLE + (
        "1. Abandon de la procédure AVAP\nA l'unanimité Pour : 11 Contre : 0 Abstentions : 0\n"
        "Le Maire rappelle les délibérations concernant la procédure AVAP.\n"
        "Après en avoir délibéré, le Conseil Municipal décide à l’unanimité d'abandonner la procédure.\n\n"
        "2. Ajustements AP/CP\n"
        "Le Conseil, ayant entendu l’exposé de son rapporteur, à l’unanimité, Adopte la proposition "
        "de son Maire, Décide de procéder aux réajustements.\n"
    )
    assert [r for _, r, _ in _deliberations(text)] == ["Pierre LEGRAND", None]


def test_the_council_adopting_its_chair_s_proposal() -> None:
    """ "Le Conseil, à l'unanimité, ADOPTE la proposition du Maire": the chair presented the item;
    "Monsieur le Maire, rapporteur, retrace …" too, whatever the verb."""
    text = PREAMBLE + (
        "1. Admission en non-valeurs\n"
        "Le Conseil, à l’unanimité des membres présents, Adopte la proposition du Maire.\n\n"
        "2. Marché des vestiaires\n"
        "Monsieur le Maire, rapporteur, retrace le déroulement de la consultation.\n"
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue les lots.\n"
    )
    assert [r for _, r, _ in _deliberations(text)] == ["Pierre LEGRAND", "Pierre LEGRAND"]


def test_the_chair_as_rapporteur_by_its_title_alone() -> None:
    """ "Rapporteur : Le Président" (EPCI minutes write the title alone): the chair presents. Near
    miss: "Rapporteur : Le Président de la commission des finances" is someone else."""
    from deliberations.nlp.people import find_presenter

    found = find_presenter(
        "Rapporteur : Le Président\nLe conseil, après en avoir délibéré, décide."
    )
    assert found is not None and found.chair
    other = "Rapporteur : Le Président de la commission des finances\nLe conseil décide."
    assert find_presenter(other) is None


def test_minutes_written_in_the_past_tense() -> None:
    """ "Monsieur le Maire a ensuite rappelé …", "Mme X a présenté le projet" (comptes-rendus written
    after the séance, in the passé composé). Near miss: the passive "a été présenté"."""
    from deliberations.nlp.people import find_presenter

    chair = find_presenter(
        "Monsieur le Maire a ensuite rappelé que le conseil doit élire cinq délégués."
    )
    assert chair is not None and chair.chair
    member = find_presenter("Madame Anne PETIT a présenté le projet de règlement.")
    assert member is not None and member.person.value == "Anne PETIT"
    assert find_presenter("Le projet a été présenté en commission.") is None
