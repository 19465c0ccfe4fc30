"""Sums of money in French text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.nlp.amounts import find_amounts, parse_figure
from deliberations.nlp.found import AmountMatch
from deliberations.nlp.numbers_fr import int_to_words

PREFIX = "Le conseil attribue la somme de "
SUFFIX = " à l'association."


def _only(text: str) -> AmountMatch:
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
