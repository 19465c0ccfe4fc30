"""The text of a page's layer read a slice at a time (`layer_text`, the pipeline's) is the text
read a character at a time with each character's index (`layer_text_map`, the word tables')."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deliberations.extract.pdf import _layer_chars, _layer_string

# pdfium's text: words, spaces, line breaks (\r\n), its hyphen marks (\ufffe, \x02), the
# characters it leaves (\x00, \uffff) and Word's Symbol-font characters (U+F020-U+F0FF)
PDFIUM_TEXT = st.text(
    alphabet=st.sampled_from(list("ab é\r\n\x02\x00\uffff\ufffe\uf02d\uf0b7\uf0e0\uf0ff-")),
    max_size=80,
)


@given(raw=PDFIUM_TEXT, data=st.data())
def test_a_slice_at_a_time_reads_as_a_character_at_a_time(raw: str, data: st.DataObject) -> None:
    line_breaks = [i for i, char in enumerate(raw) if char == "\n"]
    paragraph_breaks = data.draw(st.sets(st.sampled_from(line_breaks))) if line_breaks else set()
    text, index = _layer_chars(raw, paragraph_breaks)
    assert _layer_string(raw, paragraph_breaks) == text
    assert len(index) == len(text)


def test_the_layer_characters_read_as_a_person_reads_them() -> None:
    raw = "Sub\ufffe\r\nvention\x02A\r\n\r\nB\x00\uffff \uf0b7 item"
    breaks = {raw.index("\n", raw.index("A"))}  # the break after "A" ends a paragraph
    expected = "Sub-\n\nvention-A\n\n\nB • item"
    assert _layer_chars(raw, breaks)[0] == expected
    assert _layer_string(raw, breaks) == expected
    # near miss: without the paragraph break, one line break stays one
    assert _layer_string(raw, set()) == "Sub-\n\nvention-A\n\nB • item"
