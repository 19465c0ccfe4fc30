"""Zones: what part of a deliberation each line belongs to (an item's heading, stamp, signature,
attendance, recital, vote, decision, table, or the body), read from the line's first words and shape by the
rules of ``phrasings/zone.toml``, and from OCR's stamp blocks where the page was scanned.

Rules ask a zone instead of looking a set number of characters around a match: a vote stated in a
recital or in the séance's attendance counts is not the deliberation's vote because of where it
stands, whatever its words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from deliberations.nlp import phrasings
from deliberations.nlp.headings import find_headings

BODY = "body"
LINE_BREAK_RE = re.compile(r"[\n\f]")
# a line ending a sentence, then one starting with a capital: a new paragraph, whatever the zone
NEW_SENTENCE_RE = re.compile(r"[.!?][ \t]*\n[ \t]*[A-ZÉÈÀÂÎÔ]")


@dataclass(frozen=True)
class ZoneRule:
    name: str
    zone: str
    regex: re.Pattern[str]
    continues: int  # how many lines after it may be in its zone
    follows: str  # the rule applies only right after a line of this zone ("" always)


ZONE_RULES: tuple[ZoneRule, ...] = tuple(
    ZoneRule(
        rule.id,
        str(rule.properties["zone"]),
        re.compile(rule.expand({}), re.IGNORECASE | re.UNICODE),
        int(rule.properties.get("continues", 0)),
        str(rule.properties.get("follows", "")),
    )
    for rule in phrasings.table("zone")
)


def zone_rule(name: str) -> ZoneRule:
    """The rule of that id (``phrasings/zone.toml``)."""
    return next(rule for rule in ZONE_RULES if rule.name == name)


def line_rule(line: str, previous: str = BODY) -> ZoneRule | None:
    """The rule that gives a line its zone, after a line of zone ``previous`` (None: no rule)."""
    for rule in ZONE_RULES:
        if rule.follows and rule.follows != previous:
            continue
        if rule.regex.match(line):
            return rule
    return None


def line_zone(line: str, previous: str = BODY) -> str:
    """The zone a line opens by itself ("" when it opens none: the body, or a continuation)."""
    rule = line_rule(line, previous)
    return rule.zone if rule else ""


@dataclass(frozen=True)
class Zones:
    """The zone of every line of a text: ``starts`` (line starts, sorted) and ``names``."""

    starts: tuple[int, ...]
    names: tuple[str, ...]

    def at(self, offset: int) -> str:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.names[index] if index >= 0 else BODY

    @cached_property
    def _headings(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        spans = self.spans("heading")
        return tuple(a for a, _ in spans), tuple(b for _, b in spans)

    def item_span(self, offset: int, end: int) -> tuple[int, int]:
        """The item ``offset`` stands in: from the end of the item heading above it (the text's
        start when none; the heading's start when ``offset`` is in it) to the next item heading
        (``end`` when none)."""
        starts, ends = self._headings
        index = bisect.bisect_right(starts, offset) - 1
        after = bisect.bisect_right(starts, offset)
        return (
            ends[index]
            if index >= 0 and ends[index] <= offset
            else (starts[index] if index >= 0 else 0),
            starts[after] if after < len(starts) else end,
        )

    def spans(self, zone: str) -> list[tuple[int, int]]:
        """The spans of the text in that zone, consecutive lines merged."""
        out: list[tuple[int, int]] = []
        for index, name in enumerate(self.names):
            if name != zone:
                continue
            start = self.starts[index]
            end = self.starts[index + 1] if index + 1 < len(self.starts) else start
            if out and out[-1][1] == start:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        return out


@lru_cache(maxsize=8)
def zones_of(text: str) -> Zones:
    """Every line of ``text`` with its zone; a zone that continues holds the lines after it up to
    a blank line or a line opening another zone."""
    starts: list[int] = []
    names: list[str] = []
    carried, left = "", 0  # the zone carried over to the next lines, for how many more
    previous, previous_line = BODY, ""
    last_zone, blanks = BODY, 0  # the zone of the last line with text, and blank lines since
    position = 0
    for line in LINE_BREAK_RE.split(text):
        # a rule that follows a zone follows it over one blank line ("Présents : 12\n\nVotants : 13")
        after = previous if previous != BODY or blanks != 1 else last_zone
        rule = line_rule(line, after) if line.strip() else None
        if not line.strip():
            carried, left, zone = "", 0, BODY
            blanks += 1
        elif rule is not None:
            carried, left = (rule.zone, rule.continues) if rule.continues else ("", 0)
            zone = rule.zone
        elif carried and left > 0 and not NEW_SENTENCE_RE.search(previous_line + "\n" + line):
            zone, left = carried, left - 1
        else:
            carried, left, zone = "", 0, BODY
        if line.strip():
            last_zone, blanks = zone, 0
        starts.append(position)
        names.append(zone)
        previous, previous_line = zone, line
        position += len(line) + 1
    for heading in find_headings(text):  # an item's heading, its wrapped title lines included
        first = bisect.bisect_right(starts, heading.start) - 1
        last = bisect.bisect_left(starts, heading.end)
        for index in range(max(first, 0), min(last, len(names))):
            names[index] = "heading"
    return Zones(tuple(starts), tuple(names))


def zone_run_start(text: str, offset: int) -> int:
    """Where the lines of the zone holding ``offset`` start: the lines right above it in the same
    zone, up to a line of another zone or a blank line."""
    zones = zones_of(text)
    index = bisect.bisect_right(zones.starts, offset) - 1
    if index < 0:
        return 0
    zone = zones.names[index]
    while (
        index > 0
        and zones.names[index - 1] == zone
        and text[zones.starts[index - 1] : zones.starts[index]].strip()
    ):
        index -= 1
    return zones.starts[index]


def item_span(text: str, offset: int) -> tuple[int, int]:
    """The item ``offset`` stands in, by the item headings' zone: from the end of the heading above
    it (the text's start when none) to the next heading (the text's end when none)."""
    return zones_of(text).item_span(offset, len(text))
