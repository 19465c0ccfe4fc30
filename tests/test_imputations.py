"""Budget imputations (M14/M57) as printed in deliberations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations import nomenclature
from deliberations.nlp.imputations import (
    distinct_imputations,
    find_account_lines,
    find_imputations,
    parse_imputation,
)


def _one(text: str):
    found = find_imputations(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    ("text", "phrase", "chapitre", "article", "fonction", "operation"),
    [
        (
            "IMPUTER les dépenses : Chapitre 65 - article 6574 - fonction 520 - opération 1056 : AREFEP",
            "Chapitre 65 - article 6574 - fonction 520 - opération 1056",
            "65", "6574", "520", "1056",
        ),
        ("imputation 65-6574-520.", "imputation 65-6574-520", "65", "6574", "520", None),
        (
            "sur l'imputation budgétaire : 65 - 6574 - 520 du budget",
            "imputation budgétaire : 65 - 6574 - 520",
            "65", "6574", "520", None,
        ),
        ("imputation 65/6574", "imputation 65/6574", "65", "6574", None, None),
        ("imputés au compte 6574 du budget principal", "compte 6574", None, "6574", None, None),
        ("à l'article budgétaire 6574.", "article budgétaire 6574", None, "6574", None, None),
        ("nature 6574 fonction 025", "nature 6574 fonction 025", None, "6574", "025", None),
        ("mandat sur c/6574 pour 500 €", "c/6574", None, "6574", None, None),
        ("charges à caractère général (chapitre 011)", "chapitre 011", "011", None, None, None),
        ("chapitre 65 article 6574", "chapitre 65 article 6574", "65", "6574", None, None),
        ("chapitre 65\narticle 6574", "chapitre 65\narticle 6574", "65", "6574", None, None),
        ("sur les crédits inscrits au chapitre 204", "chapitre 204", "204", None, None, None),
        ("au chapitre 040 en dépenses", "chapitre 040", "040", None, None, None),
        ("inscrits au budget, chapitre 012, article 6411.", "chapitre 012, article 6411", "012", "6411", None, None),
        ("article 2313 opération 109", "article 2313 opération 109", None, "2313", None, "109"),
        ("5 000 € à l'article 2188 de l'opération 90 pour", "article 2188 de l'opération 90", None, "2188", None, "90"),
        ("(recettes d'investissement, chapitre 10, compte 1068)", "chapitre 10, compte 1068", "10", "1068", None, None),
        # a credit line number goes in the text only, with the imputation it belongs to
        ("article 6574 ligne 2390 du budget", "article 6574 ligne 2390", None, "6574", None, None),
        ("compte 6574 - CRB : 28500", "compte 6574 - CRB : 28500", None, "6574", None, None),
        ("Sous-fonction 025 – Aides aux associations", "Sous-fonction 025", None, None, "025", None),
        ("compte 6574, sous-fonction 025, pour", "compte 6574, sous-fonction 025", None, "6574", "025", None),
        ("M57 : fonction 0 et chapitre 65", "fonction 0 et chapitre 65", "65", None, "0", None),
        ("Compte 7411- Dotation forfaitaire (DGF)", "Compte 7411", None, "7411", None, None),
    ],
)  # fmt: skip
def test_phrasings(text, phrase, chapitre, article, fonction, operation):
    m = _one(text)
    assert m.text == phrase
    assert (m.value.chapitre, m.value.article, m.value.fonction, m.value.operation) == (
        chapitre,
        article,
        fonction,
        operation,
    )
    assert m.start == text.index(phrase)


def test_credit_lines_table():
    text = "Décision modificative :\n65 - 6574 : + 1 500 €\n011 - 6068 : - 1 500 €\n"
    found = find_imputations(text)
    assert [(m.value.chapitre, m.value.article, m.text) for m in found] == [
        ("65", "6574", "65 - 6574"),
        ("011", "6068", "011 - 6068"),
    ]


def test_credit_line_article_then_chapitre():
    (m,) = find_imputations("775/77 : -500 €")
    assert (m.value.chapitre, m.value.article, m.text) == ("77", "775", "775/77")


def test_sens_table():
    text = "D 6574 Subventions de fonctionnement + 1 500,00\nR 7478 Participations 2 000 €\n"
    found = find_imputations(text)
    assert [(m.value.article, m.text) for m in found] == [("6574", "D 6574"), ("7478", "R 7478")]
    assert [text[m.start : m.end] for m in found] == ["D 6574", "R 7478"]


def test_component_rows_are_not_merged_across_table_rows():
    found = find_imputations("Sous-fonction 0100\nCompte 6542 - Créances éteintes")
    assert [(m.value.fonction, m.value.article) for m in found] == [("0100", None), (None, "6542")]


@pytest.mark.parametrize(
    "text",
    [
        "conformément à l'article L.2121-15 du CGCT",
        "article L 2311-7",
        "vu les articles R.2121-9 et suivants",
        "l'article 3 de la convention",
        "l'article 12 de la convention",
        "Article 1er : le conseil décide",
        "le décret n°2023-1314 du 28 décembre 2023",
        "la loi n° 2014-173 du 21 février 2014",
        "le chapitre II du règlement intérieur",
        "le chapitre 12 du règlement intérieur",
        "la commune compte 6574 habitants",
        "l'association compte 12 adhérents",
        "6574 habitants",
        "Tél. : 03 21 65 74 00",
        "62192 Lillers",
        "l'article 1388 bis du code général des impôts",
        "l'article 179 de la loi de finances",
        "l'article 1609 nonies C du Code général des impôts",
        "l'article 1636 B sexies du CGI",
        "Vu le Code général des impôts et notamment les articles 1379 0 bis, 1407",
        "l'article R 531 du Code de 1 500 €",
        "D2025-008- Objet : Élection du président, 2 000 €",
        "l'opération 2023 a été un succès",
        "en fonction 12 agents",
        "contrat de ville 2024-2030",
        "la cité 12/14",
        "au compte 21 : les immobilisations réalisées",
        "une agglomération qui compte \n120 000 habitants",
        "IR 2023 : 1 500 € de recettes",
        "012/012 : + 500 €",
        "vu les articles 1609 et 1636 du CGI",
        # an article of a code is no budget article, its "L." lost or not
        "en application de l'article L.2121-15 du CGCT, 2 000 €",
        "en application de l'article 2121-15 du CGCT, 2 000 €",
    ],
)
def test_near_misses(text):
    assert find_imputations(text) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("65-6574-520", ("65", "6574", "520")),
        ("65/6574/520", ("65", "6574", "520")),
        ("011-60632-020", ("011", "60632", "020")),
        ("65 - 6574", ("65", "6574", None)),
    ],
)
def test_parse_imputation(code, expected):
    m = parse_imputation(code)
    assert m is not None
    assert (m.value.chapitre, m.value.article, m.value.fonction) == expected
    assert m.text == code.strip()


@pytest.mark.parametrize(
    "code", ["2023-1314", "2121-15", "65-6574/520", "abc", "99-6574-520", "65-8574"]
)
def test_parse_imputation_rejects(code):
    assert parse_imputation(code) is None


# ---------------------------------------------------------------------------- properties

_chapitres = st.sampled_from(["011", "012", "014", "022", "023", "040", "042", "16", "20", "204", "21", "23", "65", "66", "67", "68", "73", "74"])  # fmt: skip
_VOTED_IN = {
    chapter: sorted(
        a
        for a in nomenclature._account_chapters()
        if 3 <= len(a) <= 6 and a[0] in "1234567" and nomenclature.account_in_chapter(a, chapter)
    )
    for chapter in ("011", "012", "014", "022", "023", "040", "042")
}
_fonctions = st.one_of(
    st.integers(0, 9).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(0, 999).map(lambda n: f"{n:03d}"),
)


@st.composite
def _imputations(draw):
    chapitre = draw(_chapitres)
    if chapitre[0] == "0":
        # an account the plans vote in that chapter (a chapter and an account of another one are
        # two imputations: tests below), or a code the plans do not know
        voted = _VOTED_IN.get(chapitre, [])
        unknown = (
            st.sampled_from("1234567")
            .flatmap(
                lambda c: st.text("0123456789", min_size=2, max_size=5).map(lambda rest: c + rest)
            )
            .filter(lambda code: not nomenclature.known_account(code))
        )
        article = draw(st.sampled_from(voted) | unknown if voted else unknown)
    else:
        # "article NN" with two digits is too often a legal article: accounts drawn with 3+ digits
        article = chapitre + draw(
            st.text("0123456789", min_size=3 - len(chapitre), max_size=6 - len(chapitre))
        )
    fonction = draw(_fonctions)
    operation = draw(st.integers(1, 99999).map(str))
    return chapitre, article, fonction, operation


_PREFIXES = st.sampled_from(
    ["", "Il est décidé d'imputer la dépense ", "IMPUTER : ", "Crédits :\n"]
)
_SUFFIXES = st.sampled_from(["", ".", " du budget 2024.", " : AREFEP", ", pour 1 500 €.\n"])


@settings(max_examples=200, deadline=None)
@given(_imputations(), st.integers(0, 4), _PREFIXES, _SUFFIXES)
def test_rendered_imputations_parse_back(imp, form, prefix, suffix):
    chapitre, article, fonction, operation = imp
    forms = [
        (f"Chapitre {chapitre} - article {article} - fonction {fonction} - opération {operation}",
         (chapitre, article, fonction, operation)),
        (f"imputation {chapitre}-{article}-{fonction}", (chapitre, article, fonction, None)),
        (f"imputation budgétaire : {chapitre} - {article} - {fonction}", (chapitre, article, fonction, None)),
        (f"chapitre {chapitre} article {article}", (chapitre, article, None, None)),
        (f"nature {article} fonction {fonction}", (None, article, fonction, None)),
    ]  # fmt: skip
    phrase, expected = forms[form]
    text = prefix + phrase + suffix
    found = find_imputations(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.value.chapitre, m.value.article, m.value.fonction, m.value.operation) == expected
    assert (m.start, m.end, m.text) == (len(prefix), len(prefix) + len(phrase), phrase)


@settings(max_examples=100, deadline=None)
@given(_imputations(), st.sampled_from(["-", "/"]))
def test_parse_imputation_roundtrip(imp, sep):
    chapitre, article, fonction, _ = imp
    m = parse_imputation(sep.join([chapitre, article, fonction]))
    assert m is not None
    assert (m.value.chapitre, m.value.article, m.value.fonction) == (chapitre, article, fonction)


def test_sens_table_with_section_and_chapitre_d_ordre():
    text = (
        "Comptes Dépenses Recettes\n"
        "ID –2313-041 Constructions + 4 200.00 €\n"
        "IR - 2031-041 Frais d'études + 4 200.00 €\n"
    )
    found = find_imputations(text)
    assert [(m.value.chapitre, m.value.article, m.text) for m in found] == [
        ("041", "2313", "ID –2313-041"),
        ("041", "2031", "IR - 2031-041"),
    ]


def test_credit_lines_of_accounts_that_are_their_own_chapter():
    text = "Virement :\n023/023 : - 1 200 €\n021/021 : + 1 200 €\n"
    found = find_imputations(text)
    assert [(m.value.chapitre, m.value.article) for m in found] == [("023", "023"), ("021", "021")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "les crédits seront inscrits aux chapitres 66 et 76 du budget",
            [("66", None), ("76", None)],
        ),
        (
            "imputés aux articles 6574, 6558 et 65738.",
            [(None, "6574"), (None, "6558"), (None, "65738")],
        ),
        # near misses: a sum, a count or a legal article after "et"
        ("au compte 6574 et 300 € au compte 6558", [(None, "6574"), (None, "6558")]),
        ("au compte 6574 et 2 000 habitants", [(None, "6574")]),
        ("l'article 6574 et 12 de la loi", [(None, "6574")]),
    ],
)
def test_enumerated_codes(text, expected):
    assert [(m.value.chapitre, m.value.article) for m in find_imputations(text)] == expected


def test_component_label_wrapped_on_several_lines():
    text = (
        "Compte 6574 – Subventions de fonctionnement aux\n"
        "associations et autres personnes de droit privé\n"
        "Sous-fonction 025 – Aides aux associations\n"
    )
    (m,) = find_imputations(text)
    assert (m.value.article, m.value.fonction) == ("6574", "025")


def test_next_row_label_is_not_a_wrapped_label():
    found = find_imputations("Compte 6574 – Subventions\nChapitre 65 – Autres charges\n")
    assert [(m.value.chapitre, m.value.article) for m in found] == [(None, "6574"), ("65", None)]


def test_account_lines_of_a_credit_table():
    text = (
        "Décision modificative n° 2\n"
        "Article Désignation Diminution Augmentation\n"
        "6541 Créances admises en non-valeur 1 500,00 €\n"
        "023 Virement à la section d'investissement 1 500,00 €\n"
    )
    assert [m.value.article for m in find_account_lines(text)] == ["6541", "023"]


def test_lines_of_a_table_by_chapter_are_no_account_lines():
    text = (
        "Décision modificative n° 2\n"
        "Chap. Libellé BP 2024 DM 1\n"
        "023 Virement à la section d'investissement 120 000,00 15 000,00\n"
        "204 Subventions d'équipement versées 40 000,00 -5 000,00\n"
    )
    assert find_account_lines(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an account and its chapter printed apart, in either order (registers of many communes)
        (
            "le résultat est affecté au compte 1068 (chapitre 10) pour 12 000 €",
            [("10", "1068", None)],
        ),
        ("au chapitre 65, article 6574, pour 300 €", [("65", "6574", None)]),
        # a chapter of the functional presentation (M14/M57 9xx) keeps its account
        ("Les crédits sont inscrits au chapitre 934, article 6574.", [("934", "6574", None)]),
        # an account then a fonction, after "imputation"
        ("imputation : 6574-025", [(None, "6574", "025")]),
        # printed side by side, a chapter and an account are one imputation as printed, even when the
        # plans vote that account elsewhere (the audit flags it: an auditor wants what was voted)
        ("chapitre 011, article 6574 pour la subvention", [("011", "6574", None)]),
        # near misses: apart, they are bound only when the plans agree; a legal article
        (
            "au chapitre 011 (charges générales), article 6574",
            [("011", None, None), (None, "6574", None)],
        ),
        ("conformément à l'article L.2121-15 du CGCT", []),
        ("chapitre 99 article 6574", [(None, "6574", None)]),
        # a page break ends a sentence: the code named on the page before is not this article's
        ("- code service NGF\fChapitre 65 - article 6574 - fonction 520", [("65", "6574", "520")]),
        ("en application du code général des collectivités, article 2121", []),
    ],
)
def test_parts_are_bound_by_the_nomenclature(text: str, expected: list) -> None:
    assert [
        (m.value.chapitre, m.value.article, m.value.fonction) for m in find_imputations(text)
    ] == expected


def test_a_credit_table_broken_down_by_fonction_under_its_account() -> None:
    """Décisions modificatives of many towns list an account, then its credits by fonction, one
    line each, closed by the account's sub-total: each fonction line is that account's."""
    table = (
        "Chapitre 022 - Dépenses imprévues\nSous-fonction 0100 - Finances\n"
        "Compte 6574 - Subventions de fonctionnement aux\nassociations et autres personnes de droit privé\n"
        "Sous-fonction 0240 Fêtes et cérémonies\n\nSous-fonction 025 Aides aux associations\n"
        "Sous-fonction 4226 Animations - Evènements\n\nSous-fonction 510 Santé services communs\n\n"
        "Sous-total cpte 6574\n\nCompte 6541 - Créances admises en non-valeur\nSous-fonction 0100\n"
    )
    found = [(m.value.chapitre, m.value.article, m.value.fonction) for m in find_imputations(table)]
    assert found == [
        ("022", None, "0100"),
        (None, "6574", "0240"),
        (None, "6574", "025"),
        (None, "6574", "4226"),
        (None, "6574", "510"),
        (None, "6541", "0100"),
    ]


def test_a_fonction_after_a_sum_or_a_total_is_not_the_account_above() -> None:
    # near miss: a sum between them ends the account's row
    text = (
        "Compte 6574 - Subventions\nSous-fonction 025 Aides\n+ 900 €\nSous-fonction 0410 Jumelage\n"
    )
    assert [(m.value.article, m.value.fonction) for m in find_imputations(text)] == [
        ("6574", "025"),
        (None, "0410"),
    ]


def test_a_labelled_row_whose_wrapped_label_is_followed_by_a_blank_line() -> None:
    """OCR'd credit tables leave a blank line between a row's wrapped label and its fonction:
    "Chapitre 021 - Virement de la section de\\nfonctionnement\\n\\nSous-fonction 0100"."""
    text = "Chapitre 021 - Virement de la section de\nfonctionnement\n\nSous-fonction 0100 - Finances\n"
    found = [(m.value.chapitre, m.value.article, m.value.fonction) for m in find_imputations(text)]
    assert found == [("021", None, "0100")]
    # near miss: a figure between them closes the row; the fonction stands alone
    closed = "Chapitre 021 - Virement\n+ 5 000 €\n\nSous-fonction 0100 - Finances\n"
    assert [(m.value.chapitre, m.value.fonction) for m in find_imputations(closed)] == [
        ("021", None),
        (None, "0100"),
    ]


# --------------------------------------------------------------------------- operations alone


@pytest.mark.parametrize(
    ("text", "phrase", "operation"),
    [
        ("Charge le Maire d'abonder l'opération 201801 inscrite en report au budget", "opération 201801", "201801"),
        ("l'inscription des crédits au budget 2020 pour abonder l'opération 2019001.", "opération 2019001", "2019001"),
        ("d'inscrire les crédits sur l'opération d'investissement 0004 au BP", "opération d'investissement 0004", "0004"),
        ("de régler cette somme en section d'investissement, à l'opération 00029.", "opération 00029", "00029"),
        ("budget général - section d'investissement – opération 1040 « Collecte »", "opération 1040", "1040"),
    ],
)  # fmt: skip
def test_operation_alone_where_a_spending_is_put(text, phrase, operation):
    m = _one(text)
    assert (m.text, m.value.operation, m.value.article, m.value.chapitre) == (
        phrase,
        operation,
        None,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "L'opération 0009 pour un montant total de 181 296,39 € concerne des travaux",
        "le contrat conclu avec le Département, l'opération n°1 concerne la voirie",
        "d'inscrire au budget l'opération 2019 de voirie",
        "de financer à l'opération 12 logements sociaux",
        "une opération 0004 a été évoquée",
    ],
)
def test_operation_talked_about_is_no_imputation(text):
    assert find_imputations(text) == []


def test_operation_with_its_article():
    (m,) = find_imputations("à l'opération d'investissement n°20000-1998-201 - l'article 21318.")
    assert (m.value.article, m.value.operation) == ("21318", "20000-1998-201")
    (m,) = find_imputations("Terrains nus : Montant : 15.000 € Article 2111 (Opé 0008)")
    assert (m.value.article, m.value.operation) == ("2111", "0008")


def test_sense_letter_before_an_account():
    (m,) = find_imputations("Compte R001 : Solde d'exécution reporté : 142 703,51 €")
    assert (m.value.article, m.text) == ("001", "Compte R001")
    assert find_imputations("la commune compte R 12 habitants") == []


# --------------------------------------------------------------------------- one imputation once


def test_a_phrase_repeating_a_fuller_imputation_is_one():
    from deliberations.nlp.imputations import distinct_imputations

    text = (
        "Montant : 15.000 € Article 2111 (Opé 0008)\n\n"
        "Le conseil accepte l'ouverture de crédits pour abonder l'opération 0008."
    )
    assert [(i.value.article, i.value.operation) for i in distinct_imputations(text)] == [
        ("2111", "0008")
    ]
    # two prose imputations of different operations stay two
    text = "à l'opération 0009 - Article 21318, et pour abonder l'opération 0010."
    assert [i.value.operation for i in distinct_imputations(text)] == ["0009", "0010"]


def test_budget_presented_by_chapter_names_no_imputation():
    from deliberations.nlp.imputations import budget_by_chapter, distinct_imputations

    text = (
        "Il s'agit de dépenses nouvelles au chapitre 011, charges à caractère général.\n"
        "FONCTIONNEMENT\nDEPENSES RECETTES\n"
        "011 CHARGES A CARACTERE GENERAL 681 851.78 002 EXCEDENT ANT.REPORTE 1 014 722.53\n"
        "012 CHARGES DE PERSONNEL 465 000.00 013 ATTENUATION DE CHARGES 0.00\n"
        "65 AUTRES CHARGES DE GESTION 169 050.00 77 PRODUITS EXCEPTIONNELS 8 000.00\n"
    )
    assert budget_by_chapter(text)
    assert distinct_imputations(text) == []
    # near miss: a spending put on a chapter, and a list of accounts (no chapter's rows)
    text = (
        "Charge le Maire d'inscrire cette dépense au chapitre 011.\n"
        "6068 AUTRES MATIERES ET FOURNITURES 1 200,00\n6156 MAINTENANCE 300,00\n"
    )
    assert not budget_by_chapter(text)
    assert [i.value.chapitre for i in distinct_imputations(text)] == ["011"]


def test_accounts_under_their_chapter_line_in_a_credit_table():
    from deliberations.nlp.imputations import distinct_imputations

    text = (
        "Il s'agit d'une licence, au chapitre 20, et de travaux à imputer au compte 21538.\n"
        "La décision modificative suivante :\nDépenses\nChapitre 21\n21538 +30 000,00€\n"
        "2151 -30 000,00€\nChapitre 20\n2051 +1 068,00€\n"
    )
    assert [(i.value.chapitre, i.value.article) for i in distinct_imputations(text)] == [
        ("21", "21538"),
        ("21", "2151"),
        ("20", "2051"),
    ]
    # near misses: an account the plans do not vote in the chapter above, a figure with no chapter
    text = "Décision modificative\nChapitre 21\n6574 +500,00€\n"
    assert [(i.value.chapitre, i.value.article) for i in distinct_imputations(text)] == [
        ("21", None)
    ]
    text = "Décision modificative\n2151 -30 000,00€\n"
    assert distinct_imputations(text) == []


def test_sens_table_rows_of_a_decision_modificative() -> None:
    # a DM's table printed one account a line, sense first, its change signed or not (Chéméré
    # 2009/141 and 2009/142): the operation glued after an investment account, the chapitre
    # d'ordre in brackets, the section accounts under their own sense
    text = (
        "Article Dépenses Recettes\n"
        "D 611 -3 463,00 €\n"
        "D 2313-164 4 500,00 €\n"
        "R 1322-076 7 500,00 €\n"
        "D 023 1 886,00 €\n"
        "R 768 (042) 3 301,00 €\n"
        "R 021 1 886,00 €\n"
    )
    found = find_imputations(text)
    assert [(m.value.chapitre, m.value.article, m.value.operation, m.text) for m in found] == [
        (None, "611", None, "D 611"),
        (None, "2313", "164", "D 2313-164"),
        (None, "1322", "076", "R 1322-076"),
        (None, "023", None, "D 023"),
        ("042", "768", None, "R 768 (042)"),
        (None, "021", None, "R 021"),
    ]


def test_sens_table_near_misses() -> None:
    # a suffix that is a fonction of the plans may be the fonction: not read as an operation;
    # a section account under the other sense; an act's number; a code, not a signed change
    for text in (
        "D 2313-020 4 500,00 €\n",
        "R 023 1 886,00 €\n",
        "D2025-008- Objet : Élection du président, 2 000 €",
        "D 6574-025 1 500,00 €\n",
        "D 6574 - 25 1 500,00 €\n",
        "Vu les articles L 2121-29 et R 2312-17 du CGCT, la DM n° 2 de 5 000,00 €\n",
    ):
        assert [m.value.operation for m in find_imputations(text)] in ([], [None]), text
        assert all(m.value.article != "023" for m in find_imputations(text)), text
    assert find_imputations("D 6574-025 1 500,00 €\n") == []


def test_account_lines_of_a_software_dm_table() -> None:
    # "Article (Chap.) - Opération Montant" (the DM tables accounting software prints; Lalouvesc
    # 2023/035): the chapter in brackets bound by the plan, the operation after a dash
    text = (
        "Décision modificative n° 3\n"
        "Article (Chap.) - Opération Montant Article (Chap.) - Opération Montant\n"
        "6156 (011) : Maintenance -204,00\n"
        "673 (67) : Titres annulés (sur exercices anté 204,00\n"
        "2313 (23) - 118 : Constructions 5 000,00\n"
    )
    found = find_account_lines(text)
    assert [(m.value.chapitre, m.value.article, m.value.operation, m.text) for m in found] == [
        ("011", "6156", None, "6156 (011) : Maintenance"),
        ("67", "673", None, "673 (67) : Titres annulés (sur exercices anté"),
        ("23", "2313", "118", "2313 (23) - 118 : Constructions"),
    ]
    # near miss: a chapter the plans do not vote that account in
    assert find_account_lines("Décision modificative n° 3\n2031 (16) : Frais d'études 5,00\n") == []


def test_one_account_on_two_rows_of_a_credit_table_is_two_lines() -> None:
    # "165 Dépôts et cautionnements reçus" in the dépenses and in the recettes (Châtillon-sur-Seine
    # 2018, its DM n° 1); near miss: an account named again in a phrase is the same line
    text = (
        "Décision modificative n° 1\n"
        "165 Dépôts et cautionnements reçus 2 000,00 €\n"
        "1341 Etat DETR 18 000,00 €\n"
        "165 Dépôts et cautionnements reçus 2 000,00 €\n"
    )
    assert [m.value.article for m in distinct_imputations(text)] == ["165", "1341", "165"]
    phrase = "Décision modificative n° 1\nau compte 6541 pour 500 €, puis au compte 6541 pour 200 €"
    assert [m.value.article for m in distinct_imputations(phrase)] == ["6541"]
