"""Where each field with a phrasing table is read: one reader per field, text in, value out.

The suite runs every rule's examples and near misses through these readers
(tests/test_phrasings.py); ``delib extract --explain`` names the rule that read each value.
"""

from __future__ import annotations

from collections.abc import Callable

from deliberations.nlp.dates import find_session_date
from deliberations.nlp.found import Found
from deliberations.nlp.header import find_number
from deliberations.nlp.headings import find_headings


def read_session_date(text: str) -> Found | None:
    found = find_session_date(text)
    if found is None:
        return None
    return Found("session_date", found.value.isoformat(), found.start, found.end, found.rule)


def read_number(text: str) -> Found | None:
    found = find_number(text)
    if found is None:
        return None
    return Found("number", found.value, found.start, found.end, found.rule)


def read_item_heading(text: str) -> Found | None:
    """The first item heading: "number | title" (the number empty when none is printed)."""
    found = find_headings(text)
    if not found:
        return None
    heading = found[0]
    return Found("item_heading", f"{heading.number or ''} | {heading.title}", heading.start, heading.end, heading.rule)


READERS: dict[str, Callable[[str], Found | None]] = {
    "session_date": read_session_date,
    "number": read_number,
    "item_heading": read_item_heading,
}
