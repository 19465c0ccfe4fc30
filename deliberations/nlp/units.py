"""The units of text a match stands in: its line, the lines above it, its sentence, its paragraph,
its page. Rules ask these (or the zone of ``zones.py``) instead of looking a set number of
characters around a match: a paragraph is as long as it is written, a sentence ends where its
full stop is.

A paragraph ends at a blank line, a page break, or a line closing a sentence followed by one
opening with a capital (the break ``zones.py`` also reads: OCR and text layers often drop the
blank line between paragraphs). Offsets are in the text given.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

LINE_BREAK_RE = re.compile(r"[\n\f]")
# a blank line or a page break
BLANK_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n|\f")
# a line ending a sentence, then one starting with a capital: a new paragraph, whatever the zone
NEW_SENTENCE_RE = re.compile(r"[.!?][ \t]*\n(?=[ \t]*[A-ZÉÈÀÂÎÔ])")
PARAGRAPH_BREAK_RE = re.compile(rf"{BLANK_BREAK_RE.pattern}|{NEW_SENTENCE_RE.pattern}")
# the end of a sentence: a full stop (or ";", "!", "?") and a space, or a paragraph's break
SENTENCE_BREAK_RE = re.compile(rf"[.;!?](?=[\s\u00a0])\s*|{BLANK_BREAK_RE.pattern}")


def line_start(text: str, offset: int) -> int:
    """Where the line holding ``offset`` starts."""
    return max(text.rfind("\n", 0, offset), text.rfind("\f", 0, offset)) + 1


def line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends (its line break, or the text's end)."""
    found = LINE_BREAK_RE.search(text, offset)
    return found.start() if found else len(text)


def lines_above(text: str, offset: int, count: int) -> list[str]:
    """The ``count`` lines above the line holding ``offset`` (fewer at the text's start), nearest
    last, blank ones included; lines are cut at line breaks only, a page break stays in the line it opens
    ("\\f…")."""
    start = text.rfind("\n", 0, offset) + 1
    lines: list[str] = []
    while start > 0 and len(lines) < count:
        top = text.rfind("\n", 0, start - 1) + 1
        lines.append(text[top : start - 1])
        start = top
    return lines[::-1]


@lru_cache(maxsize=16)
def _breaks(text: str, breaks: re.Pattern[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and the ends of the breaks of ``text``, in order."""
    found = [(m.start(), m.end()) for m in breaks.finditer(text)]
    return tuple(s for s, _ in found), tuple(e for _, e in found)


def paragraph_start(text: str, offset: int, breaks: re.Pattern[str] = PARAGRAPH_BREAK_RE) -> int:
    """Where the paragraph holding ``offset`` starts (after the last of ``breaks`` ending at or
    before it)."""
    _, ends = _breaks(text, breaks)
    index = bisect.bisect_right(ends, offset) - 1
    return ends[index] if index >= 0 else 0


def paragraph_end(text: str, offset: int, breaks: re.Pattern[str] = PARAGRAPH_BREAK_RE) -> int:
    """Where the paragraph holding ``offset`` ends (at the first of ``breaks`` from it)."""
    starts, _ = _breaks(text, breaks)
    index = bisect.bisect_left(starts, offset)
    return starts[index] if index < len(starts) else len(text)


def sentence_start(text: str, offset: int, breaks: re.Pattern[str] = SENTENCE_BREAK_RE) -> int:
    """Where the sentence holding ``offset`` starts: after the last of ``breaks`` before it, within
    its paragraph."""
    start = paragraph_start(text, offset)
    for found in breaks.finditer(text, start, offset):
        start = found.end()
    return start


def sentence_end(text: str, offset: int, breaks: re.Pattern[str] = SENTENCE_BREAK_RE) -> int:
    """Where the sentence holding ``offset`` ends: at the first of ``breaks`` from it, within its
    paragraph."""
    end = paragraph_end(text, offset)
    found = breaks.search(text, offset, end)
    return found.start() if found else end


def page_span(text: str, offset: int) -> tuple[int, int]:
    """The page holding ``offset`` (between page breaks; the whole text when it has none)."""
    start = text.rfind("\f", 0, offset) + 1
    end = text.find("\f", offset)
    return start, end if end >= 0 else len(text)
