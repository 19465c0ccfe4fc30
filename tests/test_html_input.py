"""HTML documents: minutes saved from a word processor as a web page are read as lines."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from deliberations.extract import read_document
from deliberations.extract.html import decode, html_to_text

# the shape a word processor gives ("Enregistrer sous … page Web"): a head with styles, paragraphs
# of styled spans, a no-break space before the euro sign, a table of grants, a page break
WORD_PAGE = """<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<style>p.MsoNormal {margin:0cm; font-size:12.0pt}</style><title>CR</title></head>
<body lang=FR><div class=WordSection1>
<p class=MsoNormal><b><span style='font-size:14.0pt'>S\xe9ance du 12 mars 2021</span></b></p>
<p class=MsoNormal><span>Le Conseil municipal, apr\xe8s en avoir </span><span>d\xe9lib\xe9r\xe9,
d\xe9cide \xe0 l’unanimit\xe9</span><br>d’attribuer 1&nbsp;500&nbsp;€ au club.</p>
<table class=MsoTableGrid><tr><td><p class=MsoNormal>Associations</p></td><td><p>Montant</p></td></tr>
<tr><td><p class=MsoNormal>Comit\xe9 des f\xeates</p></td><td><p class=MsoNormal>800&nbsp;€</p></td></tr>
</table>
<br clear=all style='page-break-before:always'>
<p class=MsoNormal>2. TARIFS</p>
<script>var x = "d\xe9cide";</script>
</div></body></html>"""


def test_word_page_gives_lines_rows_and_pages(tmp_path: Path) -> None:
    path = tmp_path / "cr.htm"
    path.write_bytes(WORD_PAGE.encode("cp1252"))
    document = read_document(path)
    first, second = (page.text for page in document.pages)
    lines = first.splitlines()
    assert lines[:2] == [
        "Séance du 12 mars 2021",
        "Le Conseil municipal, après en avoir délibéré, décide à l’unanimité",
    ]
    assert lines[2] == "d’attribuer 1\xa0500\xa0€ au club."  # the no-break spaces kept
    assert lines[3:] == ["|Associations|Montant|", "|Comité des fêtes|800\xa0€|"]
    assert second == "2. TARIFS"  # near miss: the script's words are no text
    assert "CR" not in first  # nor the head's title


def test_inline_elements_do_not_break_lines() -> None:
    """Near miss: spans, bold and links inside a paragraph are one line."""
    page = "<p>Le <b>Conseil</b> <a href='#'>municipal</a><span> décide</span></p><p>Vote</p>"
    assert html_to_text(page) == "Le Conseil municipal décide\nVote"


def test_decode_follows_the_declared_charset_else_utf8() -> None:
    assert decode('<meta charset="windows-1252"><p>€</p>'.encode("cp1252")) == (
        '<meta charset="windows-1252"><p>€</p>'
    )
    assert decode("<p>délibéré</p>".encode()) == "<p>délibéré</p>"
    assert decode("<p>d\xe9lib\xe9r\xe9</p>".encode("latin-1")).endswith("</p>")


@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Cn", "Zl", "Zp"]), min_size=1
        ),
        max_size=6,
    )
)
def test_every_paragraph_is_one_line(paragraphs: list[str]) -> None:
    """Property: paragraphs come out one per line, spaces folded (a no-break space kept)."""
    escaped = ["".join(f"&#{ord(c)};" for c in p) for p in paragraphs]
    text = html_to_text("".join(f"<p>{p}</p>" for p in escaped))
    expected = [re.sub(r"[ \t\r\n\f\v]+", " ", p).strip() for p in paragraphs]
    assert text.splitlines() == [line for line in expected if line]
