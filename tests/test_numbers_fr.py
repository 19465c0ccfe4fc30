"""French number words: parsing, locating and writing."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.nlp.numbers_fr import (
    FIRST,
    NUMBER_WORDS_RE,
    int_to_words,
    number_words_pattern,
    words_to_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zéro", 0),
        ("zero", 0),
        ("un", 1),
        ("une", 1),
        ("dix-sept", 17),
        ("vingt et un", 21),
        ("vingt-et-un", 21),
        ("trente-neuf", 39),
        ("soixante-dix", 70),
        ("soixante et onze", 71),
        ("soixante-dix-neuf", 79),
        ("quatre-vingts", 80),
        ("quatre-vingt-un", 81),
        ("quatre-vingt-dix", 90),
        ("quatre-vingt-dix-sept", 97),
        ("quatre vingt dix sept", 97),
        ("septante-cinq", 75),
        ("nonante", 90),
        ("cent", 100),
        ("deux cents", 200),
        ("deux cent un", 201),
        ("mille", 1000),
        ("mille et un", 1001),
        ("deux cent cinquante-neuf mille et cent", 259100),
        ("deux-cent-cinquante-neuf-mille-cent", 259100),
        ("Deux Mil Vingt Quatre", 2024),
        ("deux mil six", 2006),
        ("deux mille dix-huit", 2018),
        ("quatre-vingt mille", 80000),
        ("un million", 1_000_000),
        ("deux millions cinq cent mille", 2_500_000),
        ("deux cents millions", 200_000_000),
        ("trois milliards", 3_000_000_000),
        ("un milliard deux cents millions", 1_200_000_000),
        ("DEUX CENT CINQUANTE", 250),
        ("deux cent\ncinquante-neuf mille", 259000),
        ("cinquante-neuf mil\nle et cent", 59100),
        ("cinquan-\nte", 50),
    ],
)
def test_words_to_number(text: str, expected: int) -> None:
    assert words_to_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "euros",
        "deux euros",
        "vingt dix",
        "dix-un",
        "mille mille",
        "et",
        "vingt et",
        "cent zéro",
    ],
)
def test_words_to_number_rejects(text: str) -> None:
    assert words_to_number(text) is None


@pytest.mark.parametrize(
    ("n", "traditional", "reform"),
    [
        (0, "zéro", "zéro"),
        (21, "vingt et un", "vingt-et-un"),
        (71, "soixante et onze", "soixante-et-onze"),
        (80, "quatre-vingts", "quatre-vingts"),
        (81, "quatre-vingt-un", "quatre-vingt-un"),
        (200, "deux cents", "deux-cents"),
        (201, "deux cent un", "deux-cent-un"),
        (80_000, "quatre-vingt mille", "quatre-vingt-mille"),
        (259_100, "deux cent cinquante-neuf mille cent", "deux-cent-cinquante-neuf-mille-cent"),
        (200_000_000, "deux cents millions", "deux-cents-millions"),
    ],
)
def test_int_to_words(n: int, traditional: str, reform: str) -> None:
    assert int_to_words(n) == traditional
    assert int_to_words(n, reform=True) == reform


def test_int_to_words_out_of_range() -> None:
    with pytest.raises(ValueError):
        int_to_words(-1)


def test_regex_finds_maximal_runs() -> None:
    text = "L'an deux mille vingt-trois, le six décembre, trente-neuf membres."
    runs = [m.group() for m in NUMBER_WORDS_RE.finditer(text)]
    assert runs == ["deux mille vingt-trois", "six", "trente-neuf"]


def test_regex_run_across_line_break_and_et() -> None:
    text = "(deux cent cinquante-neuf mil\nle et cent euros)"
    m = NUMBER_WORDS_RE.search(text)
    assert m is not None
    assert m.group() == "deux cent cinquante-neuf mil\nle et cent"
    assert words_to_number(m.group()) == 259100


def test_regex_does_not_match_inside_words() -> None:
    text = "centre, dixième, unité, milieu, seizième, neuve, Vingtaine"
    assert [m.group() for m in NUMBER_WORDS_RE.finditer(text)] == []


def test_pattern_source_compiles() -> None:
    assert re.compile(number_words_pattern(), re.IGNORECASE).fullmatch("Quatre-Vingt-Dix")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@given(st.integers(min_value=0, max_value=999_999_999))
def test_round_trip_traditional(n: int) -> None:
    assert words_to_number(int_to_words(n)) == n


@given(st.integers(min_value=0, max_value=999_999_999))
def test_round_trip_reform(n: int) -> None:
    assert words_to_number(int_to_words(n, reform=True)) == n


@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from([" ", "\n", " \n", "-", "  "]),
    st.booleans(),
)
def test_round_trip_variants(n: int, sep: str, upper: bool) -> None:
    words = _strip_accents(int_to_words(n)).replace(" ", sep)
    if upper:
        words = words.upper()
    assert words_to_number(words) == n
    m = NUMBER_WORDS_RE.search(f"soit {words} ;")
    assert m is not None and m.group() == words


# the modules that read number words take them from here: every number 0-9999 this module writes,
# in either spelling, is read back whole by each of them (the votes' count, the dates' day and year)
@given(st.integers(min_value=0, max_value=9999), st.booleans())
def test_every_reader_reads_what_the_writer_writes(n: int, reform: bool) -> None:
    from deliberations.nlp import dates, votes

    words = int_to_words(n, reform=reform)
    count = re.compile(votes._NUM, re.IGNORECASE).fullmatch(words)
    assert count is not None and votes._count(count) == n
    assert re.compile(dates._NUMWORDS, re.IGNORECASE).fullmatch(words)
    assert words_to_number(words, first=True) == n


@pytest.mark.parametrize("text", ["premier", "Première", "PREMIER"])
def test_first_is_one_only_when_asked(text: str) -> None:
    assert words_to_number(text, first=True) == 1
    assert words_to_number(text) is None
    assert re.compile(FIRST, re.IGNORECASE).fullmatch(text)


@pytest.mark.parametrize("text", ["premiers", "premièrement", "vingt premier"])
def test_first_near_misses(text: str) -> None:
    assert words_to_number(text, first=True) is None


def test_milles_is_read_as_mille() -> None:
    assert words_to_number("deux milles vingt") == 2020
    assert NUMBER_WORDS_RE.fullmatch("deux milles vingt")
