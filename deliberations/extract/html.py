"""HTML documents: minutes saved from a word processor as a web page, or published as one.

Many bodies write their minutes in a word processor; archives and open-data portals keep some of
them as the HTML it exports ("Enregistrer sous … page Web": paragraphs ``<p class=MsoNormal>``
made of styled ``<span>``s, tables for grants and budgets, ``&nbsp;`` between a figure and its
``€``). The rules read lines, so the page is given its lines back: one line per paragraph,
heading, list item or line break, one line per table row with its cells between bars (the
markdown form a PDF-to-text converter gives, which the table readers take), nothing from
scripts, styles or the document head, and a page break where the word processor printed one.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from deliberations.schemas.document import PAGE_SEPARATOR

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# elements that end a line: a paragraph, a heading, a list item, a block, a table row
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "table", "caption",
    "tr", "address", "center", "hr", "title",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "noscript", "template", "xml"}
_PAGE_BREAK = re.compile(
    r"page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page"
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break space: "1 500&nbsp;€" keeps it


def decode(raw: bytes) -> str:
    """The page's text in the charset it declares (Word exports often say windows-1252), else
    UTF-8, else windows-1252 (Latin-1 with the euro sign and typographic quotes)."""
    declared = _CHARSET.search(raw[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    # the text of the line being built, or of the cell being built inside a row
    def _sink(self) -> list[str]:
        return self.cell if self.cell is not None else self.current

    def _end_line(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            return
        style = " ".join(value or "" for name, value in attrs if name == "style")
        if _PAGE_BREAK.search(style):
            self._end_line()
            self.lines.append(PAGE_SEPARATOR)
        if tag in ("td", "th"):
            self.cell = []
        elif tag == "tr":
            self._end_line()
            self.row = []
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._end_line()
        elif tag in _BLOCKS and self.cell is None:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in ("td", "th") and self.cell is not None:
            if self.row is not None:
                self.row.append(_SPACES.sub(" ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append("|" + "|".join(self.row) + "|")
            self.row = None
        elif tag in _BLOCKS and self.cell is None:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._sink().append(data)

    def text(self) -> str:
        self._end_line()
        return "\n".join(self.lines)


def html_to_text(page: str) -> str:
    """The lines of an HTML page, as the rules read a text file."""
    parser = _Lines()
    parser.feed(page)
    parser.close()
    return parser.text()
