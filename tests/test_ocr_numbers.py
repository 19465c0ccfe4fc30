"""An amount's head, split from its last group by Tesseract, regrouped by thousands."""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from deliberations.extract.ocr import RawWord
from deliberations.extract.ocr_numbers import group_thousands, regroup_thousands


def _words(*texts: str, gap: float = 3.0, line_of: dict[int, int] | None = None) -> list[RawWord]:
    words, x = [], 72.0
    for n, text in enumerate(texts):
        width = 6.0 * len(text)
        line = (line_of or {}).get(n, 0)
        words.append(RawWord(text, 0.9, (x, 100.0, x + width, 110.0), block=1, line=line))
        x += width + gap
    return words


def _regrouped(*texts: str, **kwargs) -> list[str]:
    words = _words(*texts, **kwargs)
    return regroup_thousands(words, [w.text for w in words])


def test_a_head_split_from_its_last_group_is_regrouped() -> None:
    assert _regrouped("Fonctionnement", "1758", "724,05") == ["Fonctionnement", "1 758", "724,05"]
    assert _regrouped("384081", "326,00", "€") == ["384 081", "326,00", "€"]


def test_years_codes_cells_and_lines_apart_are_left_alone() -> None:
    assert _regrouped("2023", "724,05") == ["2023", "724,05"]  # a year, then an amount
    assert _regrouped("2023", "039") == ["2023", "039"]  # an act number: no cents
    assert _regrouped("1758", "724,05", gap=20.0) == ["1758", "724,05"]  # two cells
    assert _regrouped("1758", "724,05", line_of={1: 1}) == ["1758", "724,05"]  # two lines
    assert _regrouped("1 758", "724,05") == ["1 758", "724,05"]
    assert _regrouped("17587624", "724,05") == ["17587624", "724,05"]  # no head of an amount


@given(st.from_regex(r"\A[1-9][0-9]{3,5}\Z"), st.from_regex(r"\A[0-9]{3},[0-9]{2}\Z"))
def test_no_digit_changes_and_groups_are_of_three(head: str, group: str) -> None:
    assume(not re.fullmatch(r"(19|20)\d\d", head))  # a year stays (see above)
    out = _regrouped(head, group)
    assert re.sub(r"\D", "", "".join(out)) == head + re.sub(r"\D", "", group)
    assert all(len(g) == 3 for g in out[0].split()[1:]) and 1 <= len(out[0].split()[0]) <= 3


def test_group_thousands() -> None:
    assert [group_thousands(d) for d in ("1758", "41517", "384081")] == [
        "1 758",
        "41 517",
        "384 081",
    ]
