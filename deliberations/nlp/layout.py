"""How the lines of the document being read are set (:mod:`deliberations.extract.typography`),
for the rules that are given only its text (headings, zones).

:func:`remember` keeps the styles of one document's lines; :func:`style_at` answers for that
document's text only (another text, a plain-text file: None, and the rules read the words alone).

What the styles say, in every body's documents:

* a line far left of the body's column and narrow is in the margin (a sidebar repeating the
  séance's counts on every page, a letterhead): no item's title;
* a short bold or larger line with space above is a title (:func:`titled`);
* a line set as the running text (the body's size, not bold, not centred) is body text
  (:func:`set_as_body`), whatever its first words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from deliberations.schemas.document import DocumentText, LineStyle

MARGIN_INDENT = 4.0  # body heights left of the body's left margin: a line in the margin...
MARGIN_WIDTH = 0.5  # ...when narrower than this share of the column
LARGER = 1.1  # a line this many times the body's size is larger (a text layer's sizes are exact)
BODY_SIZE = 0.05  # a line within this share of the body's size is set at its size
FULL_WIDTH = 0.85  # a line this wide a share of the column runs to its right edge


@dataclass(frozen=True)
class _Styles:
    text: str
    starts: tuple[int, ...]  # global offsets of the styled lines' starts, sorted
    styles: tuple[LineStyle, ...]


_current: _Styles | None = None


def remember(document: DocumentText) -> None:
    """Keep the styles of ``document``'s lines (those of the document before are forgotten)."""
    global _current
    starts: list[int] = []
    styles: list[LineStyle] = []
    for page in document.pages:
        base = document.page_start(page.number)
        for style in page.lines:
            starts.append(base + style.start)
            styles.append(style)
    _current = _Styles(document.text, tuple(starts), tuple(styles)) if styles else None


def forget() -> None:
    global _current
    _current = None


def style_at(text: str, offset: int) -> LineStyle | None:
    """The style of the line of ``text`` holding ``offset`` (None: not known)."""
    current = _current
    if current is None or (current.text is not text and current.text != text):
        return None
    index = bisect.bisect_right(current.starts, offset) - 1
    if index < 0:
        return None
    style = current.styles[index]
    start = current.starts[index]
    return style if start + (style.end - style.start) > offset else None


def in_margin(style: LineStyle | None) -> bool:
    """A narrow line far left of the body's column (a sidebar, a letterhead)."""
    return style is not None and style.indent <= -MARGIN_INDENT and style.width <= MARGIN_WIDTH


def titled(style: LineStyle | None) -> bool:
    """Set apart from the running text by its face: bold, or larger (on a text layer)."""
    return style is not None and style.bold is not None and (style.bold or style.size >= LARGER)


def set_as_body(style: LineStyle | None) -> bool:
    """Set as the running text: its size, not bold, not centred (on a text layer)."""
    return (
        style is not None
        and style.bold is False
        and abs(style.size - 1.0) <= BODY_SIZE
        and not style.centred
    )


def full_width(style: LineStyle | None) -> bool:
    """The line runs to the column's right edge: a title there is wrapped over the next line."""
    return style is not None and style.width >= FULL_WIDTH
