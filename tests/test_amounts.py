"""Sums of money in French text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.nlp.amounts import find_amounts, parse_figure
from deliberations.nlp.found import Found
from deliberations.nlp.numbers_fr import int_to_words

PREFIX = "Le conseil attribue la somme de "
SUFFIX = " à l'association."


def _only(text: str) -> Found:
    matches = find_amounts(text)
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("21 900 €", 21900),
        ("21 900,00 €", 21900),
        ("30.000,00 euros", 30000),
        ("30 000 euros", 30000),
        ("30 000 Euros", 30000),
        ("1 500 000 €", 1_500_000),
        ("1,5 M€", 1_500_000),
        ("8,2M€", 8_200_000),
        ("1,5 million d'euros", 1_500_000),
        ("2 millions d'euros", 2_000_000),
        ("2 millions d’euros", 2_000_000),
        ("4.7 millions\nd’euros", 4_700_000),
        ("1,2 milliard d'euros", 1_200_000_000),
        ("150 K€", 150_000),
        ("12,5 k€", 12_500),
        ("€ 1 200", 1200),
        ("1200€", 1200),
        ("12 345,67 EUR", 12345.67),
        ("21\u00a0900\u00a0€", 21900),
        ("21\u202f900\u202f€", 21900),
        ("21\u202f900,50\u00a0€", 21900.5),
        ("2 692.50 €", 2692.5),
        ("0.04 €", 0.04),
        ("10.503.195 €", 10_503_195),
        ("18 €uros", 18),
        ("6 541 ,90 €", 6541.9),
        ("763,56\n€", 763.56),
        ("mille euros", 1000),
        ("un million d'euros", 1_000_000),
        ("deux cent cinquante-neuf mille et cent euros", 259_100),
        ("deux cent\ncinquante-neuf mille euros", 259_000),
    ],
)
def test_amount_phrasings(printed: str, value: float) -> None:
    text = PREFIX + printed + SUFFIX
    m = _only(text)
    assert m.value == pytest.approx(value)
    assert (m.start, m.end) == (len(PREFIX), len(PREFIX) + len(printed))
    assert m.text == printed
    assert m.currency == "EUR"
    assert m.in_words == (printed[0].isalpha() and not printed.startswith("€"))


@pytest.mark.parametrize("tax", ["HT", "TTC", "H.T.", "hors taxes"])
def test_tax_suffix_not_in_span(tax: str) -> None:
    text = f"estimé à 150 000 € {tax} pour les travaux"
    m = _only(text)
    assert m.value == 150_000
    assert text[m.start : m.end] == "150 000 €"


def test_figure_and_same_words_are_one_amount() -> None:
    text = (
        "une subvention d'un montant global de 259 100 € "
        "(deux cent cinquante-neuf mille et cent euros), dédiée"
    )
    m = _only(text)
    assert m.value == 259_100
    assert m.text == "259 100 €"
    assert m.in_words
    assert m.start == text.index("259")
    assert m.end == text.index("euros)") + len("euros")


def test_figure_and_same_words_wrapped_mid_word() -> None:
    text = "de 259 100 € (deux cent cinquante-neuf mil\nle et cent euros), dédiée"
    m = _only(text)
    assert (m.value, m.text, m.in_words) == (259_100, "259 100 €", True)
    assert text[m.start : m.end] == "259 100 € (deux cent cinquante-neuf mil\nle et cent euros"


def test_figure_and_bracketed_words_without_currency() -> None:
    text = "soit 1 500 € (mille cinq cents) par an"
    m = _only(text)
    assert (m.value, m.text, m.in_words) == (1500, "1 500 €", True)
    assert text[m.start : m.end] == "1 500 € (mille cinq cents"


def test_words_then_figure_are_one_amount() -> None:
    text = "la somme de mille euros (1 000 €) est versée"
    m = _only(text)
    assert (m.value, m.text, m.in_words) == (1000, "1 000 €", True)
    assert text[m.start : m.end] == "mille euros (1 000 €"


def test_figure_and_different_words_are_two_amounts() -> None:
    text = "259 100 € (deux cent cinquante-neuf mille euros)"
    matches = find_amounts(text)
    assert [(m.value, m.text, m.in_words) for m in matches] == [
        (259_100, "259 100 €", False),
        (259_000, "deux cent cinquante-neuf mille euros", True),
    ]


def test_several_amounts_in_order() -> None:
    text = "est estimé à 576 000 € TTC (480 000 € HT), dont 1,5 M€ de l'État et € 1 200 de frais."
    assert [m.value for m in find_amounts(text)] == [576_000, 480_000, 1_500_000, 1200]


def test_table_row_currency_belongs_to_previous_figure() -> None:
    text = "SOUS-TOTAL 30000.00 € 0.00 € 10000.00 € 2017"
    assert [m.value for m in find_amounts(text)] == [30000, 0, 10000]


@pytest.mark.parametrize(
    "text",
    [
        "en 2017, le conseil a décidé",
        "séance du 21 juin 2017",
        "au compte 6574 du budget",
        "vu l'article L.2121-15 du CGCT",
        "vu le décret n°2023-1314 du 29 décembre 2023",
        "une hausse de 31 % par rapport",
        "financé à 50 % par l'État",
        "la construction de 90 logements",
        "accueillir 550 personnes",
        "une commune de 357 220 habitants",
        "un local de 120 m² au rez-de-chaussée",
        "tél. 03.21.61.64.64",
        "vingt-trois membres présents",
        "L'an deux mille vingt-trois, le six décembre",
        "le centre-ville et la dixième édition",
    ],
)
def test_near_misses_rejected(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30 000", 30000.0),
        ("30.000,00", 30000.0),
        ("1 234,5", 1234.5),
        ("21900", 21900.0),
        ("21\u00a0900", 21900.0),
        ("1.500", 1500.0),
        ("2 692.50", 2692.5),
        (" 0,75 ", 0.75),
    ],
)
def test_parse_figure(text: str, value: float) -> None:
    assert parse_figure(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1 2", "12 €", "3,", "03.21.61.64.64"])
def test_parse_figure_rejects(text: str) -> None:
    assert parse_figure(text) is None


# --- properties ------------------------------------------------------------------------------


def _group(n: int, sep: str) -> str:
    """Integer part with thousands separated by ``sep``."""
    return f"{n:,}".replace(",", sep)


@st.composite
def printed_amounts(draw: st.DrawFn) -> tuple[str, float]:
    """An amount (cents included) printed in one of the usual French styles."""
    cents = draw(st.integers(min_value=0, max_value=99_999_999_999))
    whole, frac = divmod(cents, 100)
    style = draw(st.sampled_from(["space", "nbsp", "thin", "dot", "plain"]))
    sep = {"space": " ", "nbsp": "\u00a0", "thin": "\u202f", "dot": ".", "plain": ""}[style]
    figure = _group(whole, sep)
    if frac or draw(st.booleans()):
        figure += f",{frac:02d}"
    currency = draw(st.sampled_from([" €", "\u00a0€", "\u202f€", "€", " euros", " EUR", "prefix"]))
    printed = f"€ {figure}" if currency == "prefix" else figure + currency
    return printed, cents / 100


@given(printed_amounts())
def test_formatted_amounts_found_back(case: tuple[str, float]) -> None:
    printed, value = case
    text = PREFIX + printed + SUFFIX
    m = _only(text)
    assert m.value == value
    assert (m.start, m.end) == (len(PREFIX), len(PREFIX) + len(printed))
    assert m.text == printed


@given(st.integers(min_value=1, max_value=999_999_999), st.booleans())
def test_amounts_in_words_found_back(n: int, reform: bool) -> None:
    printed = int_to_words(n, reform=reform) + " euros"
    m = _only(PREFIX + printed + SUFFIX)
    assert (m.value, m.in_words, m.text) == (n, True, printed)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_figure_with_words_is_one_amount(n: int) -> None:
    figure = _group(n, "\u00a0") + "\u00a0€"
    printed = f"{figure} ({int_to_words(n)} euros)"
    text = PREFIX + printed + SUFFIX
    m = _only(text)
    assert (m.value, m.text, m.in_words) == (n, figure, True)
    assert (m.start, m.end) == (len(PREFIX), len(PREFIX) + len(printed) - 1)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # budget tables print sums with cents and no currency
        ("1 914 500,00 1 629 300,43 -1 075 800,00", [1914500.0, 1629300.43, -1075800.0]),
        ("Total 14 500 250,00 3 754 151,13", [14500250.0, 3754151.13]),
        ("Chapitre 16 « Emprunts » : -3 000 €", [-3000.0]),  # a minus glued to the figure
        ("-5,05 k€", [-5050.0]),
        # near misses: a dash used as a separator, rates, surfaces, durations with cents
        ("Tarifs 2024 - 500 €", [500.0]),
        ("un taux de 12,50 %", []),
        ("une surface de 1 234,56 m²", []),
        ("3,50 h par semaine", []),
    ],
)
def test_budget_table_figures_and_signs(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


# --- signs, bare cells and rows of budget tables ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "- " before a figure with cents is a sign in a row of signed sums
        ("RESULTAT DE L'ANNEE + 12 400,50 - 3 250,00 + 9 150,50", [12400.5, -3250.0, 9150.5]),
        ("DEPENSES (en €) 1 200,00 4 800,00 - 6 000,00", [1200.0, 4800.0, -6000.0]),
        ("Restes à réaliser (en €) - 18 300,40 - 2 000,00\n", [-18300.4, -2000.0]),
        ("Résultat reporté\n - 45 120,10\nExcédent global :", [-45120.1]),
        ("- solde des restes à réaliser : - 12 050,80 €", [-12050.8]),
        # near misses: a bullet naming its sum, a dash between a label and its cell, a subtraction
        ("- 1 250 000 € pour la voirie ;", [1250000.0]),
        ("- 2 500,00 € pour le club de football", [2500.0]),
        ("Solde reporté (001) - 84 210,35\n", [84210.35]),
        ("soit 7 200,00 - 1 200,00 = 6 000,00 €", [7200.0, 1200.0, 6000.0]),
    ],
)
def test_spaced_minus_sign_in_signed_rows(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("6068 Autres fournitures -480.00\nd'investissement 3250.00\n", [-480.0, 3250.0]),
        ("2183 Matériel de bureau 104250,00", [104250.0]),
        # near misses: code references, dates, times, a glued OCR figure, long garbled cells
        ("vu les articles L-2122.22 et L-2122.23 du CGCT", []),
        ("séance du 2015.01.26 à 18.30", []),
        ("délibération n° 2014.25 du conseil", []),
        ("fonctionnement :11455 203.06", []),
        ("€\n2144900,00\n", []),
    ],
)
def test_ungrouped_figures_with_cents(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # two cells glued by the text layer: the only cut into two sums of at least 1 000
        ("aménagement des berges 46 400 165 350,00 -20 975,00", [46400.0, 165350.0, -20975.0]),
        ("plan vélo 55 000 130 000,00", [55000.0, 130000.0]),
        # near misses: a big sum with its currency, a figure below ten digits, an ambiguous cut
        ("un budget de 12 345 678 901 € consolidé", [12345678901.0]),
        ("Total 1 250 300 000,00", [1250300000.0]),
        ("Total 1 234 567 890 123,45", [1234567890123.45]),
    ],
)
def test_glued_table_cells(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


def test_tax_rate_table_rows() -> None:
    text = (
        "Taux Bases prévisionnelles Produit\n"
        "Taxe foncière sur les\npropriétés bâties 38,50 1 845 000 710 325\n"
        "Foncier (non bâti) 41,20 62 300 25 668\n"
        "Taxe d'habitation 10,05 310 400 31 195\n"
        "CFE 1 210 000 1 255 000\n"
        "\nTOTAL 767 188\n"
    )
    assert [a.value for a in find_amounts(text)] == [
        1845000,
        710325,
        62300,
        25668,
        310400,
        31195,
        1210000,
        1255000,
        767188,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "La taxe d'habitation concerne 1 250 foyers de la commune.",
        "Taxe d'habitation 12,5 %",
        "Foncier bâti : taux de 21,35",
        "TOTAL 1 250\n",
    ],
)
def test_tax_rows_near_misses(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("* 104 : Matériel informatique 18 500 12 040,25 -1 500,00", [18500.0, 12040.25, -1500.0]),
        # near misses: a count before a sum, a count at the end of the line
        ("une commune de 12 500 habitants 1 500,00 €", [1500.0]),
        ("* 105 : Réserves foncières 18 500\n", []),
    ],
)
def test_cell_without_cents_in_a_row_with_cents(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("une aide comprise entre 3 et 8.000 € par an", [3000.0, 8000.0]),
        ("un chiffre d'affaires entre 2 et 4 millions € par an", [2_000_000.0, 4_000_000.0]),
        ("un budget global de 80 à 90 K€", [80_000.0, 90_000.0]),
        ("entre 1,5 et 2 millions d'euros", [1_500_000.0, 2_000_000.0]),
        # near misses: the low end already larger, no currency, a year
        ("entre 15 et 10.000 €", [10000.0]),
        ("de 5 à 10 000 habitants", []),
        ("de 2019 à 2 000 €", [2000.0]),
    ],
)
def test_range_low_end_shares_the_scale(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


def test_list_of_sums_adding_up_to_a_stated_total() -> None:
    text = (
        "Les restes à réaliser s'élèvent à 52 700 € répartis comme suit :\n"
        "- Voirie :\n 30 500\n- Écoles :\n 12 000\n- Cimetière :\n 10 200\n"
    )
    assert [a.value for a in find_amounts(text)] == [52700, 30500, 12000, 10200]


def test_list_not_adding_up_is_left_alone() -> None:
    text = (
        "Le budget s'élève à 52 700 € ; population par quartier :\n"
        "- Centre :\n 3 500\n- Nord :\n 1 200\n"
    )
    assert [a.value for a in find_amounts(text)] == [52700]


@st.composite
def signed_rows(draw: st.DrawFn) -> tuple[str, list[float]]:
    """A row of a result table: a label, then sums (100,00 or more) each printed with its sign."""
    cells = draw(
        st.lists(st.integers(min_value=10_000, max_value=99_999_999), min_size=2, max_size=4)
    )
    signs = draw(st.lists(st.sampled_from(["+", "-"]), min_size=len(cells), max_size=len(cells)))
    printed = " ".join(
        f"{s} {_group(c // 100, ' ')},{c % 100:02d}" for s, c in zip(signs, cells, strict=True)
    )
    values = [(-1 if s == "-" else 1) * c / 100 for s, c in zip(signs, cells, strict=True)]
    return f"RESULTAT CUMULE (en €) {printed}\n", values


@given(signed_rows())
def test_signed_rows_read_back(case: tuple[str, list[float]]) -> None:
    text, values = case
    assert [a.value for a in find_amounts(text)] == values


# --- leader dots, OCR's spaced decimal dot, signed lines -------------------------------------


def test_leader_dots_do_not_cut_a_figure() -> None:
    # a CA summary: "Dépenses ............ 158 610,34 €" (the dots lead the eye to the sum)
    m = _only("Dépenses .............................158 610,34 €")
    assert m.value == 158610.34
    # near miss: a dot after a digit is a decimal mark, "12.50 €" is not "50 €"
    assert _only("un ticket à 12.50 €").value == 12.5


def test_ocr_spaced_decimal_dot() -> None:
    # OCR spaces the decimal dot of a scanned summary: "1 146 051 .84 €"
    assert _only("excédent de 1 146 051 .84 €").value == 1146051.84
    # near miss: the cents alone after the spaced dot are never a sum of their own
    assert [m.value for m in find_amounts("tarif de 1 .50 euros")] == [1.5]


def test_signed_line_in_a_column_of_signed_sums() -> None:
    # a credit change printed one signed cell a line (scanned minutes)
    text = "+ 2 000 €\n\n+ 780 €\n\n- 14 815 €\n\n- 7 000 €\n"
    assert [m.value for m in find_amounts(text)] == [2000, 780, -14815, -7000]
    # near miss: a bullet list of sums with no "+" near is no column of signs
    assert [m.value for m in find_amounts("Montants :\n- 500 €\n- 300 €\n")] == [500, 300]
    # near miss: a bullet with words after its sum
    assert [m.value for m in find_amounts("- 1 166 357 € pour la TH\n+ 5 €\n")] == [1166357, 5]


def test_a_dash_ending_the_line_above_is_no_sign() -> None:
    # a flattened budget table: "62 - Autres services extérieurs (Honoraires -" then the sum
    assert _only("(Indemnités- Honoraires -\n580 200,00 €").value == 580200
    # near miss: a minus glued to its figure is a sign
    assert _only("solde -1 075 800,00 €").value == -1075800


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "- " after a word that introduces a sum is its sign (an affectation of results)
        ("- un déficit d’investis. antérieur reporté de - 3.068,47 €", [-3068.47]),
        ("soit un besoin de financement de - 13.967,53 €\n", [-13967.53]),
        ("précisé que le delta était de - 1.697€, et qu'une DM", [-1697.0]),
        # near misses: a bullet, a dash between a label and its cell, a subtraction, a range
        ("- 2 500,00 € pour le club de football", [2500.0]),
        ("Solde reporté (001) - 84 210,35\n", [84210.35]),
        ("soit 7 200,00 - 1 200,00 = 6 000,00 €", [7200.0, 1200.0, 6000.0]),
        ("de 300 - 400 €", [400.0]),
    ],
)
def test_spaced_minus_after_a_word_introducing_a_sum(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


def test_a_figure_grouped_by_apostrophes_gives_no_fragment() -> None:
    # "1’697€" (apostrophe as thousands separator): its last group alone would be a wrong sum
    assert find_amounts("Ajustement des dotations forfaitaires, soit – 1’697€ ") == []
    assert find_amounts("Mouvement de -22'973,41€ du 10.222 au 10.68") == []
    # near miss: an apostrophe after a word is elision, the figure after it is read
    assert [a.value for a in find_amounts("l’an dernier, 1 697 €")] == [1697.0]


def test_signed_rows_of_a_credit_change_summing_to_its_total() -> None:
    # a décision modificative one account a line, each with its signed credit, under its total
    text = (
        "60623 Alimentation + 200\n"
        "60612 Energie - Electricité -10 000\n"
        "615221 Bâtiments publics - 2 500\n"
        "615228 Autres bâtiments - 2 200\n"
        "TOTAL + 14 700€ -14 700€\n"
    )
    values = [a.value for a in find_amounts(text)]
    assert values[:3] == [-10000.0, -2500.0, -2200.0]
    # near misses: a label and its cell joined by a dash, with no "+" row near, is no sign; nor
    # is "N+1" in a title above a table whose "-" marks an empty column
    affectation = (
        "Affectation sur N+1\n Dépenses Recettes\n"
        "Solde d’exécution de la section d’investissement reporté (001) - 371 205,01\n"
    )
    assert [a.value for a in find_amounts(affectation)] == [371205.01]
    assert [
        a.value for a in find_amounts("Solde reporté (001) - 84 210,35\nRésultat 2 000,00\n")
    ] == [
        84210.35,
        2000.0,
    ]


def test_bare_figure_grouped_by_dots_with_cents_in_a_budget_table() -> None:
    # a budget's chapters read out, thousands grouped by dots, no currency
    row = "011 CHARGES A CARACTERE GENERAL 25.920,00 002 EXCEDENT ANT.REPORTE 203.544,07"
    assert [a.value for a in find_amounts(row)] == [25920.0, 203544.07]
    # near misses: a date, a code's article, a surface
    assert find_amounts("séance du 12.04.2016, article L.2122,22") == []
    assert find_amounts("une surface de 1.234,56 m²") == []


def test_signed_changes_without_thousands_in_a_column_summing_to_its_total() -> None:
    # Putanges-le-Lac 2023, its DM n° 3: "+ 200" among the "+" rows summing to "TOTAL + 14 700€"
    text = (
        "6232 Fêtes et cérémonies +10 000\n"
        "6183 Frais de formation + 1 500\n"
        "6227 Frais d’actes et de contentieux + 3 000\n"
        "60623 Alimentation + 200\n"
        "TOTAL + 14 700€\n"
    )
    assert [a.value for a in find_amounts(text)] == [10000.0, 1500.0, 3000.0, 200.0, 14700.0]
    # near misses: a bullet "- 200" opening its line, and signed figures that sum to no total
    assert [a.value for a in find_amounts("- 200\n- 300\nTOTAL 500 €\n")] == [500.0]
    assert [
        a.value for a in find_amounts("enrobé 2151 -5094\n020 Dépenses imprévues +5094\n")
    ] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a space typed after the decimal comma (Montreuil-en-Touraine, Corte, Avranches, Roanne)
        ("un total du produit fiscal attendu de 152 071, 00€.", 152071.0),
        ("pour un montant total de 40 879, 78 €.", 40879.78),
        ("1 568,55 €, 306, 10 € sur l'état", 306.1),
        ("l'augmentation du montant du marché de + 2 429, 60 € HT ;", 2429.6),
    ],
)
def test_a_space_after_the_decimal_comma(text: str, value: float) -> None:
    assert value in [a.value for a in find_amounts(text)]


def test_a_space_after_a_comma_in_a_list_is_no_decimal_comma() -> None:
    assert [a.value for a in find_amounts("tarifs : 10, 15 € par jour")] == [15.0]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a year then a comma is no integer part: "2024, 12 €" is 12 €
        ("à compter de septembre 2024, 12 € par repas", [12.0]),
        ("Pour l'année 2025, 30 €", [30.0]),
    ],
)
def test_a_year_before_a_comma_is_no_sum(text: str, values: list[float]) -> None:
    assert [a.value for a in find_amounts(text)] == values


def test_a_sense_rows_account_is_not_the_head_of_its_sum() -> None:
    # a DM's row "D 611 250,00 €" (sense, account, change: Chéméré's tables with a three-digit
    # account): 250,00 €, not 611 250,00 €
    assert [a.value for a in find_amounts("D 611 250,00 €\n")] == [250.0]
    assert [a.value for a in find_amounts("D 617 2 623,00 €\n")] == [2623.0]
    # near misses: no sense letter opening the row; a group that is no account of the plans
    assert [a.value for a in find_amounts("Recettes 611 250,00 €\n")] == [611250.0]
    assert [a.value for a in find_amounts("R 999 250,00 €\n")] == [999250.0]
    # a section's total after its sense and section ("DF", "RI"): the figure is whole; and a
    # group left starting with 0 is no sum of its own
    assert [a.value for a in find_amounts("DF 615 200,00 €\n")] == [615200.0]
    assert [a.value for a in find_amounts("DI 231 500,00 €\n")] == [231500.0]
    assert [a.value for a in find_amounts("D 215 000,00 €\n")] == [215000.0]


def test_the_sums_between_two_offsets_are_those_of_the_slice() -> None:
    """``amounts_between`` reads the sums of ``text[start:end]`` (offsets in the slice), asked
    twice for one deliberation (its amounts, its grants): the same sums each time."""
    from deliberations.nlp.amounts import amounts_between

    text = "Préambule 10 €.\n\nSubvention de 1 500 € au club. Reste 200 €.\n\nFin 30 €."
    start, end = text.index("Subvention"), text.index("Fin")
    assert list(amounts_between(text, start, end)) == find_amounts(text[start:end])
    assert amounts_between(text, start, end) == amounts_between(text, start, end)
    assert [a.value for a in amounts_between(text, start, end)] == [1500.0, 200.0]
