"""Who a deliberation grants money to (deliberations.nlp.beneficiaries): each phrasing next to a near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from deliberations.nlp.beneficiaries import (
    _acceptable,
    find_beneficiaries,
    from_tables,
    grantee,
    merge,
    same_beneficiary,
)
from deliberations.nlp.segment import segments
from deliberations.schemas.document import Table, TableCell
from tests.conftest import dev_deliberations

DEV = Path(__file__).parent / "data" / "dev"


def _found(text: str, authority: str | None = None, tables: list[Table] | None = None) -> list:
    return find_beneficiaries(text, 0, len(text), tables or [], authority)


# (sentence, [(name, amount)])
SENTENCES = [
    (
        "♦ AUTORISER le versement de la somme de 21 900 € à l'AREFEP\n",
        [("AREFEP", 21900.0)],
    ),
    (
        "Le Conseil décide d'attribuer une subvention de 500 € à l'association Les Amis du Livre.",
        [("Les Amis du Livre", 500.0)],
    ),
    (
        "Le Conseil décide d'accorder une participation financière à une association "
        "« les compagnons bâtisseurs » pour la réalisation du chantier.",
        [("compagnons bâtisseurs", None)],
    ),
    (
        "Le Conseil attribue une subvention exceptionnelle au Comité des fêtes d'un montant de 1 200 €.",
        [("Comité des fêtes", 1200.0)],
    ),
    (
        "Le Conseil attribue une subvention exceptionnelle de 1 200 € au Comité des fêtes.",
        [("Comité des fêtes", 1200.0)],
    ),
    (
        "Il est proposé d'allouer une aide de 3 000 € en faveur du Club de football de la ville.",
        [("Club de football de la ville", 3000.0)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence(text: str, expected: list[tuple[str, float | None]]) -> None:
    found = _found(text)
    assert len(found) == len(expected)
    for (match, _group), (name, amount) in zip(found, expected, strict=True):
        assert same_beneficiary(match.value, name), match.value
        assert match.amount == amount
        # the span is the name as printed
        assert text[match.start : match.end] == match.value


def test_list_under_subsidies_heading() -> None:
    text = "Subventions aux associations :\nASSPEC : 600€\nCoopérative scolaire : 600€\nTotal : 1 200 €\n"
    found = _found(text)
    assert [(m.value, m.amount) for m, _ in found] == [
        ("ASSPEC", 600.0),
        ("Coopérative scolaire", 600.0),
    ]
    for match, _ in found:
        assert text[match.start : match.end] == match.value


def test_list_needs_a_subsidies_heading() -> None:
    """ "Name : amount" lines about something else are not grants."""
    text = "Dépenses de fonctionnement :\nFournitures : 600€\nTransport : 1 200 €\n"
    assert _found(text) == []


def test_table_header_broken_inside_a_word() -> None:
    """A narrow column breaks its header inside a word ("Monta" / "nt"): still the amount column."""
    text = "Association\tMonta nt\nASSPEC\t600 €\n"
    cells = []
    for value in ("Association", "Monta nt", "ASSPEC", "600 €"):
        start = text.index(value, cells[-1].end if cells else 0)
        cells.append(TableCell(text=value, start=start, end=start + len(value)))
    table = Table(page=1, rows=[cells[0:2], cells[2:4]])
    assert [(m.value, m.amount) for m, _ in _found(text, tables=[table])] == [("ASSPEC", 600.0)]
    # near miss: two words that are no header of sums
    cells[1] = TableCell(text="Mon tage", start=cells[1].start, end=cells[1].end)
    table = Table(page=1, rows=[cells[0:2], cells[2:4]])
    assert [(m.value, m.amount) for m in from_tables([table], 0, len(text), None)] == [
        ("ASSPEC", None)
    ]


def test_table() -> None:
    text = "Association\tMontant\nASSPEC\t600 €\nTotal\t600 €\n"
    cells = []
    for value in ("Association", "Montant", "ASSPEC", "600 €", "Total", "600 €"):
        start = text.index(value, cells[-1].end if cells else 0)
        cells.append(TableCell(text=value, start=start, end=start + len(value)))
    table = Table(page=1, rows=[cells[0:2], cells[2:4], cells[4:6]])
    found = _found(text, tables=[table])
    assert [(m.value, m.amount) for m, _ in found] == [("ASSPEC", 600.0)]


def _ruled(values: list[str], width: int) -> tuple[str, Table]:
    text = "\t".join(values)
    cells = []
    for value in values:
        start = text.index(value, cells[-1].end if cells else 0)
        cells.append(TableCell(text=value, start=start, end=start + len(value)))
    rows = [cells[i : i + width] for i in range(0, len(cells), width)]
    return text, Table(page=1, rows=rows)


def test_persons_listed_by_name_and_address_with_the_grant_each_gets() -> None:
    """A grant passed on to persons ("Nom / Prénom / Adresse | Montant des travaux | Subvention
    de l'Agence de l'Eau"): each person's name without the address, the grant's column."""
    text, table = _ruled(
        [
            "Nom / Prénom / Adresse",
            "Montant des travaux",
            "Subvention de l'Agence de l'Eau",
            "M. Eric DURAND 6, Sente des Prés 60350 VILLAGE",
            "4023.64 € TTC",
            "3500 € TTC",
            "M. et Mme MARTIN 4, Sente des Prés 60350 VILLAGE",
            "2841.12 € TTC",
            "2841.12 € TTC",
        ],
        3,
    )
    assert [(m.value, m.amount) for m in from_tables([table], 0, len(text), None)] == [
        ("Eric DURAND", 3500.0),
        ("MARTIN", 2841.12),
    ]


def test_a_list_of_names_without_sums_is_no_grant() -> None:
    """Near miss: a ruled list of persons by name with no column of sums (the attendance)."""
    text, table = _ruled(["Nom", "Prénom", "Fonction", "DURAND", "Eric", "Adjoint"], 3)
    assert from_tables([table], 0, len(text), None) == []


# near misses: an amount and a preposition, no beneficiary
NEAR_MISSES = [
    # money the authority receives
    (
        "Le projet bénéficie d'une subvention de 259 100 € versée par l'État à la Ville de Lens.",
        "Lens",
    ),
    ("Une subvention de 259 100 € a été notifiée par l'État à la commune.", None),
    # the authority itself
    ("Il est proposé d'inscrire une participation de 30 000 € à la Ville de Lens.", "Lens"),
    ("une subvention de 3 000 € à la commune", None),
    # a total, a budget line
    ("Subventions aux associations :\nTotal : 2 000 €\n", None),
    ("Le versement de 2 000 € au titre de l'exercice 2024.", None),
    ("le versement de la somme de 500 € au Budget Primitif 2024", None),
    # an amount with no grant cue
    ("Le coût total de l'opération s'élève à 259 100 € à la charge du budget communal.", None),
]


@pytest.mark.parametrize(("text", "authority"), NEAR_MISSES)
def test_near_miss(text: str, authority: str | None) -> None:
    assert _found(text, authority) == []


# (a, b, same)
SAME = [
    ("AREFEP", "l'A.R.E.F.E.P.", True),
    ("AREFEP", "Association AREFEP", True),
    ("AREFEP", "l'AREFEP", True),
    ("Compagnons bâtisseurs", "les compagnons bâtisseurs", True),
    ("Comité des fêtes", "COMITE DES FETES", True),
    ("AREFEP", "ASSPEC", False),
    ("Comité des fêtes", "Comité de jumelage", False),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME)
def test_same_beneficiary(a: str, b: str, same: bool) -> None:
    assert same_beneficiary(a, b) is same
    assert same_beneficiary(b, a) is same


def test_mentions_merge_into_one() -> None:
    text = (
        "Le Conseil décide le versement de la somme de 21 900 € à l'AREFEP.\n"
        "Il précise qu'une subvention à l'A.R.E.F.E.P. sera versée en deux fois.\n"
        "Une participation financière à l'Association AREFEP est inscrite au budget."
    )
    found = _found(text)
    assert len(found) == 1
    merged, group = found[0]
    assert merged.value == "AREFEP"
    assert merged.amount == 21900.0  # the same amount is counted once
    assert len(group) >= 2
    assert text[merged.start : merged.end] == "AREFEP"


def test_merge_sums_distinct_amounts() -> None:
    merged = merge(
        [
            grantee("grant_sum_to", "AREFEP", 0, 6, 10000.0),
            grantee("grant_sum_to", "l'A.R.E.F.E.P.", 20, 34, 11900.0),
            grantee("grant_sum_to", "AREFEP", 40, 46, 10000.0),
        ]
    )
    assert [(m.value, m.amount) for m, _ in merged] == [("AREFEP", 21900.0)]


def _tab_tables(text: str) -> list[Table]:
    """The tables of a dev text: runs of lines holding TAB characters, cells located in ``text``."""
    tables: list[Table] = []
    rows: list[list[TableCell]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if "\t" in line:
            cells, cursor = [], offset
            for value in line.rstrip("\n").split("\t"):
                start = text.index(value, cursor)
                cells.append(TableCell(text=value, start=start, end=start + len(value)))
                cursor = start + len(value)
            rows.append(cells)
        elif rows:
            tables.append(Table(page=1, rows=rows))
            rows = []
        offset += len(line)
    if rows:
        tables.append(Table(page=1, rows=rows))
    return tables


# the dev deliberations whose gold states its beneficiaries (one leaves the key out: not scored)
DEV_WITH_BENEFICIARIES = [case for case in dev_deliberations() if "beneficiaries" in case[2]]


def test_the_dev_set_states_beneficiaries_to_check() -> None:
    assert len(DEV_WITH_BENEFICIARIES) >= 3


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    DEV_WITH_BENEFICIARIES,
    ids=lambda c: c if isinstance(c, str) and len(c) == 3 else "",
)
def test_dev_texts(name: str, text: str, expected: dict) -> None:
    segment = segments(text)[0]
    authority = expected.get("authority")
    found = find_beneficiaries(text, segment.start, segment.end, _tab_tables(text), authority)
    assert len(found) == len(expected["beneficiaries"])
    for (match, _), gold_one in zip(found, expected["beneficiaries"], strict=True):
        assert same_beneficiary(match.value, gold_one["name"])
        assert match.amount == gold_one["amount"]
        assert text[match.start : match.end] == match.value


SUBSIDY_TABLE_AS_TEXT = (
    "Subventions 2024 aux associations\n\n"
    "ACPG 320 € 320 € 320 € 320 € 14 pour \n2 abstentions\n"
    "Union nationale des \ncombattants 320 € 320 € 320 € 320 € 14 pour \n2 abstentions\n\n"
    "Compagnie d’arc 500 € 500 € 300 € 300 € 14 pour\n"
    "Comité des Fêtes 0 1 000 € 1 000 € 1 000 € 14 pour \n"
    "TOTAL 10 740 € 14 140 € 14 140 €\n"
)
STACKED_LIST = (
    "1) Vote des subventions 2015\nMonsieur le Maire propose :\nSki-club Réallon\n 200 €\n"
    "ASL\n (Travaux )\n 300 €\nLe budget réservé aux associations s’élève à\n 2 000 €\n"
)


def test_rows_of_a_subsidy_table_read_as_text() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    found = [
        (m.value, m.amount)
        for m in from_rows(SUBSIDY_TABLE_AS_TEXT, 0, len(SUBSIDY_TABLE_AS_TEXT), None)
    ]
    # the name may wrap over two lines; the sum granted is the last column; TOTAL is no one
    assert found == [
        ("ACPG", 320.0),
        ("Union nationale des combattants", 320.0),
        ("Compagnie d’arc", 300.0),
        ("Comité des Fêtes", 1000.0),
    ]


def test_a_name_above_its_sum_and_a_sentence_cut_before_its_sum() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    found = [(m.value, m.amount) for m in from_rows(STACKED_LIST, 0, len(STACKED_LIST), None)]
    assert found == [("Ski-club Réallon", 200.0), ("ASL", 300.0)]


def test_rows_of_sums_outside_a_subsidy_deliberation_are_not_beneficiaries() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    budget = "Décision modificative n° 2\n\nCharges à caractère général 9 586 490 € 71 100 €\n"
    assert from_rows(budget, 0, len(budget), None) == []


def test_verb_then_beneficiary_then_sum() -> None:
    text = "ACCEPTE de verser au Collège Georges Brassens de Podensac une\nsubvention d’un montant de 376.47 € sur le compte"
    found = [(m.value, m.amount) for m, _ in find_beneficiaries(text, 0, len(text), [], "Illats")]
    assert found == [("Collège Georges Brassens de Podensac", 376.47)]


# (text, authority, [(name, amount)]): each phrasing the rules read, next to its near miss below
GRANTS = [
    # a body named after the authority is not the authority
    (
        "Le Conseil attribue une subvention de 450 € à la Compagnie d'arc de Lens.",
        "Lens",
        [("Compagnie d'arc de Lens", 450.0)],
    ),
    # a participle, with the grant named next to it
    (
        "- précise que cette participation sera versée au Centre social des Tilleuls ;",
        None,
        [("Centre social des Tilleuls", None)],
    ),
    (
        "- approuve la convention octroyant à l'Office de tourisme du Val une subvention de 20 000 € ;",
        "Communauté de communes du Val",
        [("Office de tourisme du Val", 20000.0)],
    ),
    # a commune other than the authority, written in lower case
    (
        "La participation de chaque commune est de 4 000 € ; il est proposé de régler la participation "
        "complémentaire de 812,40 € à la commune de Vieux-Moulin (solde des travaux).",
        "Tracy",
        [("commune de Vieux-Moulin", 812.4)],
    ),
    # support for a body named in capitals, no sum
    (
        "Il est proposé de poursuivre l'engagement de la communauté en faveur du Festival Lumières, pour 2026.",
        None,
        [("Festival Lumières", None)],
    ),
    # a grant to the person named earlier in the sentence
    (
        "Le Conseil, considérant les services rendus par M. Paul MARTIN, receveur municipal, décide de lui "
        "allouer l'indemnité de conseil au taux de 100 %.",
        None,
        [("Paul MARTIN", None)],
    ),
    # what a community pays back to a member commune
    (
        "Le Conseil communautaire dit que l'attribution de compensation versée à la commune de Saint-Paul "
        "s'élève à 120 000 €.",
        "Agglomération du Lac",
        [("commune de Saint-Paul", 120000.0)],
    ),
    # a share of a syndicate's running costs, named by its acronym after a title naming it whole
    (
        "PARTICIPATION AU SYNDICAT INTERCOMMUNAL D'EAU (SIE) DE \n LA VALLEE\n\n"
        "- accepte de participer à hauteur de 6.000,00 € aux frais de "
        "fonctionnement du SIE de LA VALLEE.",
        None,
        [("SIE de LA VALLEE", 6000.0)],
    ),
    # an indemnity paid to a body (the guarding of churches)
    (
        "- accepte de verser une indemnité globale à l'Association Diocésaine de Sées en appliquant "
        "les montants ci-dessus.",
        None,
        [("Diocésaine de Sées", None)],
    ),
    # a title naming the grantee by its acronym after "Subvention pour"; the sum asked is not
    # said to be granted
    (
        "6. Subvention pour l'ASL (Association Sport & Loisirs)\n\nL'ASL a fait une demande de "
        "subvention de 500€\n\nAdoption à 0 Contre, 0 abstention, 11 voix pour\n",
        None,
        [("ASL", None)],
    ),
    # the comptable's indemnity, granted by name (a surname with its particle)
    (
        "- d'accorder l'indemnité de conseil au taux de 100% à Madame Véronique DE WAELE, receveur,",
        None,
        [("Véronique DE WAELE", None)],
    ),
    # a body helped by a subsidy told after its name
    (
        "- décide d'aider la Fondation du Patrimoine sous la forme d'une subvention de 160,00 € et de "
        "régler cette dépense au chapitre 65.",
        None,
        [("Fondation du Patrimoine", 160.0)],
    ),
]


@pytest.mark.parametrize(("text", "authority", "expected"), GRANTS)
def test_grant(text: str, authority: str | None, expected: list[tuple[str, float | None]]) -> None:
    found = _found(text, authority)
    assert [(m.value, m.amount) for m, _ in found] == expected
    for match, _ in found:
        assert text[match.start : match.end] == match.value


NOT_GRANTS = [
    # the authority written with its kind
    ("Le Conseil attribue une subvention de 450 € à la commune de Lens.", "Lens"),
    # fees paid for a service, with no grant named
    (
        "A ce taux s'ajoutent les frais de gestion qui seront versés au Centre de gestion pour sa mission.",
        None,
    ),
    # someone else's grant, told by a gerund
    ("Le Département participe au loyer en attribuant au CCAS une aide de 80 € par mois.", None),
    # "d'aide à": the complement of a noun
    ("Le Fonds régional d'aide à la Restauration finance la moitié des travaux.", None),
    # a lower-case commune with no name
    ("Il est proposé de régler la somme de 812,40 € à la commune voisine.", None),
    # an engagement for a cause, in lower case
    (
        "Il est proposé de poursuivre l'engagement de la commune en faveur de la transition écologique.",
        None,
    ),
    # "lui" in another sentence than the person
    (
        "M. Paul MARTIN présente le dossier. L'association demande une aide ; le Conseil décide de lui attribuer 300 €.",
        None,
    ),
    # money the authority asks for
    ("Le Conseil décide de solliciter une subvention de 5 000 € au Département du Calvados.", None),
    (
        "Il est proposé de solliciter une aide financière à la Direction régionale des affaires culturelles.",
        None,
    ),
    # a grant someone else used to pay
    (
        "La commune voisine l'utilisait pour verser une subvention à la Société hippique, ce qui n'est plus le cas.",
        None,
    ),
    # someone's own contribution
    ("Le complément indemnitaire tient compte de sa contribution au Collectif de travail.", None),
    # what a participation pays for, not who gets it
    ("Participation à l'Assainissement Collectif : maintien du paiement en trois fois", None),
    # someone else taking part in costs: a funder, and the authority as the one paid
    ("Le Département participe à hauteur de 5 000 € aux travaux de la commune.", None),
    # an indemnity to the mayor by his role, no one named
    ("- d'accorder l'indemnité de fonction au taux de 100 % à Monsieur le Maire.", None),
    # "Subvention pour" a purpose, not a body
    (
        "Subvention pour la Rénovation de l'église\n\nLe Conseil approuve le plan de financement.",
        None,
    ),
    # helping without a subsidy told, or a subsidy in another sentence
    (
        "- décide d'aider la Maison des jeunes dans ses démarches. Une subvention de 300 € suivra.",
        None,
    ),
    # a grant the clause cancels (its near miss, a convention approved, is in GRANTS)
    (
        "- abroge la délibération octroyant à l'Office de tourisme du Val une subvention de 20 000 € ;",
        "Communauté de communes du Val",
    ),
]


@pytest.mark.parametrize(("text", "authority"), NOT_GRANTS)
def test_not_a_grant(text: str, authority: str | None) -> None:
    assert _found(text, authority) == []


def test_list_of_credits_announced_by_a_sentence() -> None:
    """Grants listed after "accorder les crédits ci-après", a sum on the line below, a closing ";"."""
    text = (
        "Nous vous proposons d'accorder les crédits ci-après pour la classe de neige :\n"
        "·\n Ecole des Tilleuls :\n 1 250 € ;\n·\n Ecole du Centre : 900 € ;\nAdopté à l'unanimité.\n"
    )
    assert [(m.value, m.amount) for m, _ in _found(text)] == [
        ("Ecole des Tilleuls", 1250.0),
        ("Ecole du Centre", 900.0),
    ]


def test_list_lines_before_the_list_heading_are_not_grants() -> None:
    text = (
        "ACQUISITION DE MOBILIER\nLes devis retenus sont :\nMaintenance annuelle : 1 309,60 €\n"
        "VOYAGE\nNous vous proposons d'accorder les crédits ci-après :\nEcole du Centre : 900 €\n"
    )
    assert [(m.value, m.amount) for m, _ in _found(text)] == [("Ecole du Centre", 900.0)]


def test_accounts_grant_nothing() -> None:
    """A compte administratif reports what was spent: its budget lines are not grants."""
    lines = "- Subventions aux associations :\n 37 249,57\n- Subvention au CCAS :\n 18 000,00\n"
    assert _found("COMPTE ADMINISTRATIF 2023\nLes charges de gestion courante :\n" + lines) == []
    # nor does a budget primitif, which opens the credits
    assert _found("BUDGET PRIMITIF 2024 :\nLes crédits ouverts au chapitre 65 :\n" + lines) == []
    # the same lines in a deliberation voting subsidies do grant
    found = _found("SUBVENTIONS 2024\nLe Conseil vote :\n" + lines)
    assert [(m.value, m.amount) for m, _ in found] == [("CCAS", 18000.0)]


def test_rows_of_a_request_for_subsidies_are_not_grants() -> None:
    """The financing plan of works for which the authority asks a subsidy names no beneficiary."""
    from deliberations.nlp.beneficiaries import from_rows

    text = (
        "2. Réfection du clocher\n− Sollicitation de subventions auprès de la Région\n\n"
        "Installation de chantier 8 630 € HT\nFinancement complémentaire de la Commune 12 400 €\n"
    )
    assert from_rows(text, 0, len(text), None) == []


def test_rows_of_a_deliberation_opening_with_a_grant() -> None:
    """A deliberation that opens by granting money lists more grants in rows."""
    text = (
        "Il est proposé de verser à l'Union sportive une subvention de 2 600 € en trois fois.\n\n"
        "Vote : Pour : 10\n\nCompagnie d'arc 450 €\n\nVote : Pour : 12\n"
    )
    assert [(m.value, m.amount) for m, _ in _found(text)] == [
        ("Union sportive", 2600.0),
        ("Compagnie d'arc", 450.0),
    ]


def test_rows_granting_nothing_or_saying_something() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    text = (
        "Subventions 2022\nJudo / 700,00 € 500 €\nLes amis du jumelage 600,00 € 0 €\n"
        "Cette année 2 000 € de budget mais on peut dépasser.\n"
    )
    # a trailing "/" is no part of the name; "0 €" grants nothing; a sentence is no one
    assert [(m.value, m.amount) for m in from_rows(text, 0, len(text), None)] == [("Judo", 500.0)]


SAME_AUTHORITY = [
    ("Ville de Lens", "Lens", True),
    ("la commune de Lens", "Commune de Lens", True),
    ("Roannais Agglomération", "Communauté d'agglomération Roannais Agglomération", True),
    ("Office de tourisme de Roannais Agglomération", "Roannais Agglomération", False),
    ("Compagnie d'arc de Lens", "Lens", False),
]


@pytest.mark.parametrize(("name", "authority", "same"), SAME_AUTHORITY)
def test_is_authority(name: str, authority: str, same: bool) -> None:
    from deliberations.nlp.beneficiaries import is_authority

    assert is_authority(name, authority) is same


def _cells(text: str, rows: list[list[str]], page: int) -> Table:
    located, cursor = [], 0
    for row in rows:
        cells = []
        for value in row:
            start = text.index(value, cursor) if value else None
            cells.append(
                TableCell(
                    text=value, start=start, end=start + len(value) if start is not None else None
                )
            )
            cursor = start + len(value) if start is not None else cursor
        located.append(cells)
    return Table(page=page, rows=located)


def test_table_continued_on_the_next_page_and_rows_without_a_sum() -> None:
    text = "ASSOCIATIONS Subventions 2016\nTennis club 650 €\nVote : Pour : 16\n\fJumelage 480 €\nVote : Pour : 15\n"
    first = _cells(
        text,
        [["ASSOCIATIONS", "Subventions 2016"], ["Tennis club", "650 €"], ["Vote : Pour : 16", ""]],
        3,
    )
    tail = text.index("\f")
    second = _cells(text[tail:], [["Jumelage", "480 €"], ["Vote : Pour : 15", ""]], 4)
    for row in second.rows:
        for cell in row:
            if cell.start is not None:
                cell.start, cell.end = cell.start + tail, cell.end + tail
    found = [(m.value, m.amount) for m in from_tables([first, second], 0, len(text), None)]
    # the vote under each row is no one; the table on the next page keeps the header's columns
    assert found == [("Tennis club", 650.0), ("Jumelage", 480.0)]
    # a table two pages further on is another table
    second.page = 6
    assert [(m.value, m.amount) for m in from_tables([first, second], 0, len(text), None)] == [
        ("Tennis club", 650.0)
    ]


def test_a_row_after_a_page_break() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    text = "Vote des subventions\nTennis club 650 €\n\fLens animations 800 €\n"
    assert [(m.value, m.amount) for m in from_rows(text, 0, len(text), "Lens")] == [
        ("Tennis club", 650.0),
        ("Lens animations", 800.0),
    ]


# who funds the authority, and grants only recalled: each cue with a real-shaped example it must
# leave out and a near miss it must still read as a grant
FUNDER_PLANS = [
    # a financing plan's rows are its funders and the authority's own share
    (
        "Subvention DSIL – rénovation de la mairie\n\nLe plan de financement est le suivant :\n"
        "Etat (DSIL) : 40 000 €\nConseil Régional : 20 000 €\nAgence de l'eau : 12 000 €\n"
        "Autofinancement : 23 000 €\n",
        [],
    ),
    # funders named as rows of a subsidies title, no plan heading
    (
        "Subventions – travaux de l'école\n\nDETR 30 000 €\nConseil départemental 15 000 €\n"
        "CAF 5 000 €\n",
        [],
    ),
    # a column headed "Financeurs": its rows fund the project
    (
        "Subvention – aménagement du bourg\n\nFinanceurs\nSyndicat d'énergie 12 000 €\n"
        "Communauté de communes 8 000 €\n",
        [],
    ),
    # near miss: the word in prose heads nothing
    (
        "Subventions politique de la ville\n\nLe comité des financeurs composé des services de "
        "l'État s'est réuni.\nCentre social 4 000 €\n",
        [("Centre social", 4000.0)],
    ),
    # near miss: a list of grants announced after the plan is read again
    (
        "Subventions 2024\n\nPlan de financement de la salle : Région 10 000 €.\n\n"
        "Le conseil attribue les subventions suivantes :\nComité des fêtes : 800 €\n",
        [("Comité des fêtes", 800.0)],
    ),
    # near miss: an association whose name only looks like a funder's
    (
        "Subventions aux associations\n\nCafé associatif : 300 €\nConseil municipal des jeunes : 150 €\n",
        [("Café associatif", 300.0), ("Conseil municipal des jeunes", 150.0)],
    ),
]


RECALLED = [
    (
        "Pour rappel, en 2023 une subvention de 400 € avait été versée à l'association Les Marcheurs.",
        [],
    ),
    (
        "Jusqu'alors, la commune versait une attribution de compensation de 24 523 € à la COPAMO.",
        [],
    ),
    (
        "1 Subventions associatives\n\nRappel des demandes 2019, on a donné 1 000 € :\n"
        "ACCA : 60 €\nAmicale sportive 940 €\n\nDemandes en cours :\n"
        "Cyclo club (demande non précisée) : proposition du conseil municipal → 230 €\n"
        "Banque alimentaire (demande 380 €) : proposition du conseil municipal → 380 €\n",
        [("Cyclo club", 230.0), ("Banque alimentaire", 380.0)],
    ),
    # near miss: a grant of this deliberation, told in the present or the passé composé
    (
        "Le conseil décide qu'une subvention de 400 € a été attribuée à l'association Les Marcheurs.",
        [("Marcheurs", None)],  # named; the sum before the participle is not tied to it
    ),
    (
        "Monsieur le Maire rappelle que le conseil décide de verser une subvention de 250 € au Club de judo.",
        [("Club de judo", 250.0)],
    ),
]


FIRMS = [
    # a contractor paid for works or services
    (
        "Le conseil décide de verser à l'entreprise DUVAL TP la somme de 5 000 € au titre des travaux.",
        [],
    ),
    (
        "Le conseil autorise le versement de la somme de 12 000 € à la société SOGEA pour les travaux.",
        [],
    ),
    # near miss: an aid to a firm is a grant
    (
        "Le conseil décide d'octroyer une aide de 3 000 € à l'entreprise Martin Bâtiment au titre "
        "du dispositif de soutien aux commerces.",
        [("Martin Bâtiment", 3000.0)],
    ),
    # a firm's row in a deliberation on works; near miss: an association's row beside it
    (
        "Subventions – travaux de la salle\n\nSARL Batiment : 3 000 €\nClub de foot : 400 €\n",
        [("Club de foot", 400.0)],
    ),
    # a person after a civility: the name, not the civility's letter
    (
        "Le conseil attribue une aide à l'installation de 1 000 € à M. Jean DURAND, médecin.",
        [("Jean DURAND", 1000.0)],
    ),
]


NOT_THE_AUTHORITYS = [
    # dues for a membership
    (
        "Le conseil décide d'adhérer au CAUE et de verser une cotisation de 150 € à cet organisme.",
        [],
    ),
    (
        "Le conseil décide de verser une cotisation annuelle de 150 € à l'Association des Maires.",
        [],
    ),
    # near miss: a subsidy to a body the authority belongs to
    (
        "Le conseil, adhérent de longue date, décide de verser une subvention de 150 € à l'Amicale.",
        [("Amicale", 150.0)],
    ),
    # a funder's grant told of
    ("La Région a accordé une subvention de 30 000 € à la Communauté de communes du Val.", []),
    (
        "Le conseil approuve la convention par laquelle l'Agence de l'eau attribue une aide de "
        "25 000 € au Syndicat des eaux.",
        [],
    ),
    # near miss: a funder named, but the authority grants
    (
        "Le conseil décide, comme le Département l'a fait, d'attribuer une subvention de 300 € au "
        "Comité départemental de judo.",
        [("Comité départemental de judo", 300.0)],
    ),
]


POOLS = [
    # a section's heading with its sub-total, envelopes kept for later: no one; near misses: the
    # clubs under them, and an association named in the singular
    (
        "Subventions aux associations 2024\n\nASSOCIATIONS SPORTIVES 3 500 €\nFootball club 2 000 €\n"
        "Association sportive du collège 1 500 €\nDivers 300 €\nEnveloppe non affectée 700 €\n",
        [("Football club", 2000.0), ("Association sportive du collège", 1500.0)],
    ),
    (
        "Subventions\n\nLe conseil décide de verser les subventions suivantes :\n- Judo club : 2 000 €\n"
        "- Réserve : 500 €\n- Solde disponible : 1 200 €\n- Réserve naturelle du Marais : 400 €\n",
        [("Judo club", 2000.0), ("Réserve naturelle du Marais", 400.0)],
    ),
]


WRAPPED_OR_SELF = [
    # a name broken by the line's end after "de": read over the next line; near miss: a name
    # whole on its line stops there
    (
        "Le conseil décide de verser une subvention de 300 € au Comité de\nJumelage pour 2024.",
        [("Comité de Jumelage", 300.0)],
    ),
    (
        "Le conseil décide de verser une subvention de 300 € au Comité des fêtes\nLe conseil dit …",
        [("Comité des fêtes", 300.0)],
    ),
    # the authority named by its acronym; near miss: another body's acronym
    ("Le conseil décide de verser une participation de 5 000 € à la CCLO.", []),
    (
        "Le conseil décide de verser une participation de 5 000 € au SIVOS.",
        [("SIVOS", 5000.0)],
    ),
]


WITHHELD = [
    ("Le conseil refuse d'attribuer une subvention de 500 € à l'association Les Amis du Rail.", []),
    ("Le conseil n'accorde pas la subvention de 300 € au Club de tir.", []),
    ("Le conseil décide de reporter l'attribution d'une subvention de 800 € au Moto Club.", []),
    # near miss: a ceiling written with a negation is still a grant
    (
        "Le conseil décide de verser une subvention de 800 € au Moto Club, qui ne pourra pas être "
        "renouvelée.",
        [("Moto Club", 800.0)],
    ),
]

BUDGETS = [
    # a budget amendment moves credits; a project's breakdown of costs names no grantee
    (
        "Décision modificative n°1 – subventions\n\nFonctionnement\nMatériel de bureau 1 200 €\n"
        "Amicale des pompiers 800 €\n",
        [],
    ),
    (
        "Subvention au Comité des fêtes\n\nBudget de la fête\nLocation du chapiteau 2 000 €\n"
        "Buvette 800 €\n",
        [("Comité des fêtes", None)],
    ),
    # near miss: the grants listed after the costs are read
    (
        "Subventions 2024\n\nCoût de la fête 3 000 €\n\nLe conseil attribue les subventions "
        "suivantes :\nComité des fêtes : 1 500 €\n",
        [("Comité des fêtes", 1500.0)],
    ),
]

PRICES = [
    # the price of a sale, fees, a purchase paid: a seller or a supplier
    (
        "Le conseil décide d'acquérir la parcelle et de verser le prix de 15 000 € à Mme Claire MARTIN.",
        [],
    ),
    ("Le conseil décide de verser les honoraires de 1 200 € à Maître DURAND, notaire.", []),
    ("Le conseil décide de verser à l'EPF la somme de 120 000 € pour le rachat du terrain.", []),
    # near miss: a subsidy for a purchase is a grant
    (
        "Le conseil décide de verser une subvention de 500 € à l'Amicale pour l'achat de matériel.",
        [("Amicale", 500.0)],
    ),
    # a civility alone is no one
    ("Le conseil décide de verser à M. le Percepteur l'indemnité de conseil de 350 €.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    FUNDER_PLANS
    + RECALLED
    + FIRMS
    + NOT_THE_AUTHORITYS
    + POOLS
    + WRAPPED_OR_SELF
    + PRICES
    + WITHHELD,
)
def test_money_not_granted_by_the_authority(text: str, expected: list[tuple[str, float]]) -> None:
    """Funders, financing plans, recalled grants and paid firms left out; near misses read."""
    authority = "Communauté de communes des Lisières de l'Oise"
    assert [(m.value, m.amount) for m, _ in _found(text, authority)] == expected


def test_a_clause_read_before_the_sum_is_no_beneficiary() -> None:
    # "Le conseil municipal, après en avoir délibéré, attribue 500 € au club": the words before
    # the sum are the council's clause, not a grantee's name: a gap, never that clause
    from deliberations.nlp.beneficiaries import _acceptable

    assert not _acceptable("Le conseil municipal, après en avoir délibéré, attribue", None)
    assert not _acceptable("Le Conseil décide et accorde", None)
    # near misses: names holding such a word capitalised, or none
    assert _acceptable("Association Valide", None)
    assert _acceptable("Amicale des sapeurs-pompiers", None)


def _minutes_record(text: str):
    from deliberations.nlp.pipeline import analyze
    from deliberations.schemas.document import DocumentText, PageText
    from deliberations.schemas.record import Source

    page = PageText(number=1, text=text, method="plain-text", reason="text file")
    return analyze(DocumentText(pages=[page]), Source(file="minutes.txt"))


MINUTES = """Conseil municipal de Pierrefonds
Séance du 17 novembre 2015

4. Indemnité de conseil au comptable du trésor

Madame le maire propose d'accorder l'indemnité de conseil au taux de 100% à Madame Véronique
DURAND, receveur, pour un montant de 625,29 €.

Vote :
- Pour : {for_}
- Contre : {against}

5. Questions diverses
"""


def test_a_rejected_grant_has_no_beneficiary() -> None:
    """The council votes the indemnity down: no one is granted it. Near miss: the same
    deliberation adopted names its grantee."""
    adopted = _minutes_record(MINUTES.format(for_=15, against=0)).deliberations[0]
    assert [b.name for b in adopted.beneficiaries] == ["Véronique DURAND"]
    rejected = _minutes_record(MINUTES.format(for_=7, against=8)).deliberations[0]
    assert rejected.vote is not None and rejected.vote.result == "rejected"
    assert rejected.beneficiaries == []


# a scanned grants list whose column header holds the unit: sums with cents and no "€", a
# category line with its subtotal, a name with a dash inside it (OCR of a commune's minutes)
CENTS_ROWS = (
    "Vote des subventions 2024\n"
    "la commission propose la liste des subventions suivantes :\n\n"
    "SUBVENTIONS A CARACTERE SCOLAIRE: 710,00\n"
    "MFR CFA - HALEINE 40,00\n"
    "MFR VIMOUTIERS 20,00\n"
    "ACTIV'ORNE 1 500,00\n"
    "TOTAL DES SUBVENTIONS : 1560€\n"
)


def test_rows_with_cents_and_no_euro_sign_under_a_grants_title() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    found = [(m.value, m.amount) for m in from_rows(CENTS_ROWS, 0, len(CENTS_ROWS), None)]
    # the category's line and the total are no one
    assert found == [("MFR CFA - HALEINE", 40.0), ("MFR VIMOUTIERS", 20.0), ("ACTIV'ORNE", 1500.0)]


def test_a_rate_with_cents_is_no_grant() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    # near miss: the rates voted in a subsidies deliberation's neighbour, "41,25%"
    text = "Vote des subventions 2024\n\nTaxe Foncière sur le bâti (TFB) . 41,25%\nCFE 13,81 %\n"
    assert from_rows(text, 0, len(text), None) == []


def test_a_digit_led_acronym_and_a_name_wrapped_before_the_authoritys_name() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    text = (
        "Vote des subventions 2024\nla commission propose les subventions suivantes :\n\n"
        "3IFA ALENCON 60,00\nCOMITE ANIMATION\nPUTANGES 600,00\nPUTANGES 100,00\n"
    )
    found = [(m.value, m.amount) for m in from_rows(text, 0, len(text), "Putanges")]
    # near miss: the authority's name alone on its row, under a row that does not wrap
    assert found == [("3IFA ALENCON", 60.0), ("COMITE ANIMATION PUTANGES", 600.0)]


def test_rows_read_as_text_are_checked_against_the_total_after_them() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    adds_up = from_rows(CENTS_ROWS, 0, len(CENTS_ROWS), None)
    assert [m.check for m in adds_up] == [None, None, None]
    # a row left out (OCR read its sum "2O,00", a letter for a digit): the total says so
    short = CENTS_ROWS.replace("MFR VIMOUTIERS 20,00", "MFR VIMOUTIERS 2O,00")
    flagged = from_rows(short, 0, len(short), None)
    assert [(m.value, m.check, m.score) for m in flagged] == [
        ("MFR CFA - HALEINE", "rows sum to 1 540 €, the table says 1 560 €", 0.5),
        ("ACTIV'ORNE", "rows sum to 1 540 €, the table says 1 560 €", 0.5),
    ]


def test_subtotals_and_a_grand_total_of_rows_read_as_text() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    text = (
        "SUBVENTIONS 2016\n\nSubventions aux associations à caractère social\n"
        "ADMR 60,00\nUNA 322,00\n Sous total 382,00\n"
        "Subventions aux associations à caractère scolaire\n"
        "Collège du Houlme 60,00\nLycée Mézeray 30,00\n Sous total 90,00\n TOTAL 472,00\n"
    )
    found = from_rows(text, 0, len(text), None)
    assert [(m.value, m.amount, m.check) for m in found] == [
        ("ADMR", 60.0, None),
        ("UNA", 322.0, None),
        ("Collège du Houlme", 60.0, None),
        ("Lycée Mézeray", 30.0, None),
    ]


def test_a_count_in_brackets_after_a_rows_name_is_no_part_of_it() -> None:
    from deliberations.nlp.beneficiaries import from_rows

    text = (
        "Vote des subventions 2024\nla commission propose les subventions suivantes :\n\n"
        "APE BAZOCHES (24 enf.) 150,00\nAMDS (Malentendants) 80,00\nTOTAL DES SUBVENTIONS : 230€\n"
    )
    found = [(m.value, m.amount, m.check) for m in from_rows(text, 0, len(text), None)]
    # an aside without a figure stays in the name
    assert found == [("APE BAZOCHES", 150.0, None), ("AMDS (Malentendants)", 80.0, None)]


def test_a_subsidy_asked_of_a_body_is_no_grant_to_it() -> None:
    """A title asking a funder for a subsidy ("DEMANDE DE SUBVENTION AU CENTRE NATIONAL …"):
    the body asked gives money, it is granted none."""
    text = (
        "2. DEMANDE DE SUBVENTION AU CENTRE NATIONAL POUR LE DEVELOPPEMENT DU SPORT (CNDS)\n\n"
        "Monsieur le Maire propose qu'il soit demandé une subvention au Centre National pour le "
        "Développement du Sport.\n"
    )
    assert _found(text) == []


def test_a_grant_to_a_body_after_its_request_is_read() -> None:
    """Near miss: the body that asked ("demande de subvention de l'association …") is granted
    what the council decides."""
    text = (
        "DEMANDE DE SUBVENTION DE L'ASSOCIATION DES AMIS DU LIVRE\n\n"
        "Le Conseil décide d'attribuer une subvention de 500 € à l'association Les Amis du Livre.\n"
    )
    assert [(m.value, m.amount) for m, _ in _found(text)] == [("Amis du Livre", 500.0)]


def test_rows_of_one_grantee_for_two_purposes_are_one_grant() -> None:
    """Two rows naming one grantee, each with its purpose in brackets, are one grantee granted
    their sum; a pool ("Imprévus (voyages scolaires)") is no one; a body whose name holds the
    other's ("APE Collège …") stays apart."""
    merged = merge(
        [
            grantee("text_row", "APE Collège Gaston LEFAVRAIS", 0, 10, 30.0),
            grantee("text_row", "Collège Gaston LEFAVRAIS (voyages scolaires)", 20, 30, 1678.0),
            grantee("text_row", "Collège Gaston LEFAVRAIS (Jardin pédagogique)", 40, 50, 60.0),
        ]
    )
    assert [(m.value, m.amount) for m, _ in merged] == [
        ("APE Collège Gaston LEFAVRAIS", 30.0),
        ("Collège Gaston LEFAVRAIS", 1738.0),
    ]
    assert not _acceptable("Imprévus (voyages scolaires)", None)
    assert _acceptable("Club des PRIMEVERES (aînés de la Fresnaye)", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a service paid under a convention: the pound's keeper is paid, not granted
        (
            "Le Conseil décide de verser à la SPA la somme de 800 € au titre de la convention "
            "de fourrière.",
            [],
        ),
        (
            "Le Conseil décide de verser à l'association X la somme de 1 200 € en rémunération "
            "de l'animation du marché.",
            [],
        ),
        # near miss: the same body granted a subsidy
        ("Le Conseil décide de verser à la SPA une subvention de 800 €.", [("SPA", 800.0)]),
    ],
)
def test_a_body_paid_for_a_service_is_no_grantee(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(m.value, m.amount) for m, _ in _found(text)] == expected


GRANTS_MINUTES = """Conseil municipal
Séance du 17 novembre 2015

N° 2015-45 : Subventions 2015

Le Conseil municipal, après en avoir délibéré, à l'unanimité,
{decision}
"""

GRANTS_LIST = """DÉCIDE d'attribuer les subventions suivantes :
- Association Les Amis du Patrimoine : 1 500 €
- Football Club : 3 000 €
- Comité des fêtes : 800 €
"""

SENTENCE_GRANTS = """DÉCIDE d'attribuer une subvention de 1 500 € à l'association Les Amis du Patrimoine ;
DÉCIDE d'attribuer une subvention de 3 000 € au Centre communal d'action sociale ;
"""


def _grant_imputations(decision: str) -> list[str | None]:
    deliberation = _minutes_record(GRANTS_MINUTES.format(decision=decision)).deliberations[0]
    assert deliberation.beneficiaries
    return [b.imputation for b in deliberation.beneficiaries]


def test_a_list_of_grants_tied_to_the_one_imputation_stated_after_it() -> None:
    """ "DIT que les crédits sont inscrits à l'article 6574" after the list of grants: every
    grant of the list is drawn from it."""
    tied = _grant_imputations(GRANTS_LIST + "DIT que les crédits sont inscrits à l'article 6574.")
    assert tied == ["article 6574"] * 3


def test_one_grant_tied_to_the_one_imputation_stated() -> None:
    """One sum granted to one grantee and one imputation on a grant account: the grant is drawn
    from it, the sentence naming the grantee or not. Near miss: the one imputation stated is a
    purchase's (21571), not the grant's."""
    one = "DÉCIDE d'attribuer une subvention exceptionnelle de 600 € au Comité des fêtes ;\n"
    assert _grant_imputations(one + "DIT que la dépense sera imputée à l'article 6574.") == [
        "article 6574"
    ]
    purchase = (
        one + "DÉCIDE d'acheter un tracteur pour 12 000 € chez la société Agri Services, "
        "dépense imputée à l'article 21571 ;"
    )
    assert set(_grant_imputations(purchase)) == {None}


def test_no_grant_tied_to_an_imputation_not_stated_for_all() -> None:
    """Near misses: the imputation names one grantee ("la subvention au CCAS sera imputée à
    l'article 657362": the association is paid from 6574), a second account printed bare in the
    sentence ("à l'article 6574 pour l'association et au 657362 pour le CCAS"), two accounts
    stated (credits moved from 6574 to 65738), an account no grant is paid from (2313) or one the
    plans lack (65749), a grant stated in a sentence rather than read from a list."""
    for decision in (
        SENTENCE_GRANTS + "DIT que la subvention au Centre communal d'action sociale sera "
        "imputée à l'article 657362 du budget.",
        SENTENCE_GRANTS + "DIT que les crédits sont inscrits à l'article 6574 pour "
        "l'association et au 657362 pour le CCAS.",
        GRANTS_LIST + "DIT que la subvention au Comité des fêtes sera imputée à l'article 657362.",
        GRANTS_LIST + "DIT que les crédits sont inscrits à l'article 6574 pour les associations "
        "et au 657362 pour le CCAS.",
        GRANTS_LIST + "DIT que les crédits sont inscrits à l'article 6574. Les crédits du "
        "collège sont inscrits à l'article 65738.",
        GRANTS_LIST + "DIT que la dépense est imputée à l'article 2313.",
        # a grant head's digits the plans lack (an OCR's "65749" for 6574)
        GRANTS_LIST + "DIT que les crédits sont inscrits à l'article 65749.",
        SENTENCE_GRANTS + "DIT que les crédits sont inscrits à l'article 6574.",
    ):
        assert set(_grant_imputations(decision)) == {None}, decision
