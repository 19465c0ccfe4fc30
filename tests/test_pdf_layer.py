"""Reading a PDF's pages: the text of a page's layer read a slice at a time (`layer_text`, the
pipeline's) is the text read a character at a time with each character's index
(`layer_text_map`, the word tables'); each page is loaded once, checked by the preflight's image
limit before anything of it is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deliberations.corpus.preflight import DocumentLimits, preflight
from deliberations.errors import DecompressionBombError, TooManyPagesError
from deliberations.extract.pdf import _layer_chars, _layer_index, _layer_string, read_pdf_pages
from tests.bad_pdfs import image_bomb, many_pages

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
    assert _layer_index(raw, paragraph_breaks) == index


def test_the_layer_characters_read_as_a_person_reads_them() -> None:
    raw = "Sub\ufffe\r\nvention\x02A\r\n\r\nB\x00\uffff \uf0b7 item"
    breaks = {raw.index("\n", raw.index("A"))}  # the break after "A" ends a paragraph
    expected = "Sub-\n\nvention-A\n\n\nB • item"
    assert _layer_chars(raw, breaks)[0] == expected
    assert _layer_index(raw, breaks) == _layer_chars(raw, breaks)[1]
    assert _layer_string(raw, breaks) == expected
    # near miss: without the paragraph break, one line break stays one
    assert _layer_string(raw, set()) == "Sub-\n\nvention-A\n\nB • item"


DEMO_PDF = Path(__file__).resolve().parent.parent / "demo" / "corpus" / "000_cdcb5809c422d6af.pdf"


def test_each_page_is_checked_as_it_is_loaded_before_it_is_read() -> None:
    seen: list[int] = []
    pages = read_pdf_pages(DEMO_PDF, check_page=lambda page, index: seen.append(index))
    assert seen == list(range(len(pages))) and len(pages) == 2

    def refuse_the_second(page: object, index: int) -> None:
        if index == 1:
            raise DecompressionBombError("page 2 refused")

    with pytest.raises(DecompressionBombError):
        read_pdf_pages(DEMO_PDF, check_page=refuse_the_second)


def test_the_preflight_refuses_by_page_count_first_then_by_image_as_each_page_loads(
    tmp_path: Path,
) -> None:
    thick = tmp_path / "thick.pdf"
    thick.write_bytes(many_pages(3))
    with pytest.raises(TooManyPagesError):
        preflight(thick, DocumentLimits(max_pages=2))
    assert len(read_pdf_pages(thick, check_page=preflight(thick, DocumentLimits(max_pages=3)))) == 3

    image = tmp_path / "image.pdf"
    image.write_bytes(image_bomb(side=100))  # 10,000 pixels declared
    check = preflight(image, DocumentLimits(max_image_pixels=5_000))
    with pytest.raises(DecompressionBombError, match="page 1 holds an image of 100 × 100 pixels"):
        read_pdf_pages(image, check_page=check)
    # near miss: under the limit, the page is read
    check = preflight(image, DocumentLimits(max_image_pixels=10_000))
    assert len(read_pdf_pages(image, check_page=check)) == 1
