"""Table cells located in their page's text: a cell's words found where they are written."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from deliberations.extract.tables import find_words

# the text of a page, and cells' words to find in it: letters, digits, punctuation of amounts,
# white space of every kind pdfium and OCR give (no-break and narrow no-break spaces included)
PAGE_TEXT = st.text(alphabet=st.sampled_from(list("ab1 .,€\n\t\u00a0\u202f-(")), max_size=60)


WORDS = st.lists(st.text(alphabet=st.sampled_from(list("ab1.,€-(")), min_size=1), min_size=1)
SPACE = st.text(alphabet=st.sampled_from(list(" \n\t\u00a0\u202f")), min_size=1, max_size=3)


@given(
    before=PAGE_TEXT,
    words=WORDS,
    spaces=st.lists(SPACE, min_size=8, max_size=8),
    after=PAGE_TEXT,
    cell=PAGE_TEXT,
    start=st.integers(min_value=0, max_value=60),
)
def test_a_cells_words_are_found_where_the_pattern_of_its_words_finds_them(
    before: str, words: list[str], spaces: list[str], after: str, cell: str, start: int
) -> None:
    # the cell written in the page (its words apart by any white space), or any other words
    written = "".join(w + s for w, s in zip(words, spaces * len(words), strict=False))
    text = before + written.rstrip() + after
    for looked_for in (words[:8], cell.split()):
        if not looked_for:
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in looked_for))
        match = pattern.search(text, start)
        assert find_words(text, looked_for, start) == (match.span() if match else None)


def test_a_cells_words_are_found_across_a_line_break_not_inside_a_word() -> None:
    text = "Total\u00a0des   subventions\n12 500 €"
    assert find_words(text, ["subventions", "12", "500", "€"]) == (text.index("subv"), len(text))
    # near miss: "des" is no word of "dessert" followed by white space
    assert find_words("dessert subventions", ["des", "subventions"]) is None
