"""The OCR correction table: every row corrects its examples and leaves its near misses alone,
and no row ever changes a digit of an amount, a date or a code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.extract.ocr_normalize import (
    A_IN_CONTEXT_EXAMPLES,
    A_IN_CONTEXT_KEEPS,
    CORRECTIONS,
    MONTH_EXAMPLES,
    MONTH_KEEPS,
    VOTE_LABEL_EXAMPLES,
    VOTE_LABEL_KEEPS,
    correct_word,
    lexicon,
    normalize_text,
    normalize_words,
)
from tests.conftest import DEV_TEXT

needs_lexicon = pytest.mark.skipif(
    not lexicon(), reason="the French word list (Debian package wfrench) is not installed"
)
ROWS = [
    pytest.param(row, id=row.name, marks=[needs_lexicon] if row.needs_lexicon else [])
    for row in CORRECTIONS
]


@pytest.mark.parametrize("row", ROWS)
def test_row_corrects_its_examples(row) -> None:
    for read, corrected in row.examples:
        assert row.pattern.fullmatch(read), f"{row.name}: {read!r} does not match the row"
        assert correct_word(read) == corrected


@pytest.mark.parametrize("row", ROWS)
def test_row_leaves_its_near_misses(row) -> None:
    for word in row.keeps:
        assert correct_word(word) == word


@needs_lexicon
@pytest.mark.parametrize(("read", "corrected"), A_IN_CONTEXT_EXAMPLES)
def test_a_for_a_grave_in_context(read: str, corrected: str) -> None:
    assert normalize_text(read) == corrected


@needs_lexicon
@pytest.mark.parametrize("text", A_IN_CONTEXT_KEEPS)
def test_a_stays_the_verb(text: str) -> None:
    assert normalize_text(text) == text


@needs_lexicon
@pytest.mark.parametrize(("read", "corrected"), MONTH_EXAMPLES + VOTE_LABEL_EXAMPLES)
def test_a_month_in_a_date_and_a_vote_label_are_read_again(read: str, corrected: str) -> None:
    assert normalize_text(read) == corrected


@needs_lexicon
@pytest.mark.parametrize("text", MONTH_KEEPS + VOTE_LABEL_KEEPS)
def test_no_month_nor_vote_label_where_the_words_around_do_not_say_so(text: str) -> None:
    assert normalize_text(text) == text


@needs_lexicon
def test_a_cue_word_keeps_its_digits_and_punctuation() -> None:
    assert correct_word("(Canseil)") == "(Conseil)"
    assert correct_word("Notnbre:") == "Nombre:"
    assert correct_word("Canse1l") == "Canse1l"  # a digit in it: left as read


@given(st.text(alphabet="abcdeilmnorstuéè", min_size=1, max_size=12))
def test_a_cue_word_correction_is_a_word_of_the_list_or_the_word(word: str) -> None:
    from deliberations.extract.ocr_normalize import CUE_WORDS, _cue_word

    match = re.fullmatch(r"[^\W\d_]+", word)
    fixed = _cue_word(match) if match and len(word) >= 4 else None
    assert fixed is None or fixed.lower() in CUE_WORDS


@needs_lexicon
def test_punctuation_around_a_word_is_kept() -> None:
    assert correct_word("(ceuvre),") == "(œuvre),"
    assert correct_word("«I'habitat»") == "«l'habitat»"


@needs_lexicon
def test_rows_apply_after_an_elision_and_in_turn() -> None:
    assert correct_word("I'ceuvre") == "l'œuvre"  # 'I' for 'l', then 'ce' for 'œ'
    assert correct_word("d'étre") == "d'être"
    assert correct_word("qu'aprés") == "qu'après"


@needs_lexicon
def test_real_ocr_output_is_corrected() -> None:
    """The dev document 001 is real OCR output: its known errors are corrected."""
    text = (DEV_TEXT / "001_ab49b6cf94f6b13d.txt").read_text(encoding="utf-8")
    fixed = normalize_text(text)
    for wrong in ("I'habitat", "1'ensemble", "Vorganisation", " étre ", "ceuvre", "mémesi"):
        assert wrong in text
        assert wrong not in fixed
    for right in ("l'habitat", "l'ensemble", "l'organisation", " être ", "œuvre", "même si"):
        assert right in fixed
    assert re.findall(r"\d", fixed) == re.findall(r"\d", re.sub("1(?=['’][A-Za-zé])", "l", text))


def test_words_keep_their_number_and_order() -> None:
    words = ["I'habitat", "a", "titre", "2023", "", "21 900"]
    assert len(normalize_words(words)) == len(words)
    assert normalize_words(words)[3:] == ["2023", "", "21 900"]


AMOUNTS_DATES_CODES = st.one_of(
    st.from_regex(r"\A[1-9][0-9]{0,2}( [0-9]{3}){0,3}(,[0-9]{2})? ?(€|euros)?\Z"),
    st.from_regex(r"\A[0-3][0-9]/[01][0-9]/(19|20)[0-9]{2}\Z"),
    st.from_regex(r"\A0[0-9]{2}-[0-9]{9}-20[0-9]{6}-[A-Z0-9_]{4,20}-(DE|AR|AI)\Z"),
    st.from_regex(r"\A(chapitre|article|fonction|opération) [0-9]{2,6}\Z"),
    st.from_regex(r"\A[IVl|1O0]['’]?[0-9]{1,6}([.,][0-9]+)?\Z"),
)


@given(AMOUNTS_DATES_CODES, st.sampled_from(["", "a ", "I'", "le ", "de "]))
def test_no_digit_of_an_amount_a_date_or_a_code_changes(value: str, before: str) -> None:
    text = f"{before}{value}"
    assert re.findall(r"\d", normalize_text(text)) == re.findall(r"\d", text)
    for token in value.split():
        if any(ch.isdigit() for ch in token):
            assert correct_word(token) == token


@given(st.text(alphabet="Il1|'’aeéèêiouVvcrnmst0123456789 ", max_size=40))
def test_only_a_1_before_an_apostrophe_may_lose_its_digit(text: str) -> None:
    before, after = re.findall(r"\d", text), re.findall(r"\d", normalize_text(text))
    assert [d for d in after if d != "1"] == [d for d in before if d != "1"]
    assert (
        before.count("1") - len(re.findall("1['’]", text)) <= after.count("1") <= before.count("1")
    )


@given(st.text(alphabet="acemnrt", max_size=8), st.text(alphabet="acemnrt", max_size=8))
def test_one_slip_is_one_edit_or_an_ocr_split(read: str, word: str) -> None:
    from deliberations.extract.ocr_normalize import _distance, _one_slip

    distance = _distance(read, word)
    if distance == 1:
        assert _one_slip(read, word)
    if _one_slip(read, word):
        assert 1 <= distance <= 2
