"""Is the document a deliberation, and where does each deliberation's text start and end.

A document is of kind ``deliberation`` when it states a vote or the deliberative formula; a
report, a letter, a list of deliberations or a budget table alone is ``other``.

Minutes of a séance hold many deliberations. Each statement of a vote closes one: the
deliberation runs from its item heading (see :mod:`deliberations.nlp.headings`) to the next
heading, or to the end of the vote's paragraph when the next vote follows without a heading.
Items with no vote (information, questions diverses) are not deliberations. Annexes bound
after the last deliberation (a letter, a convention) are cut off so that their sums and names
are not the deliberation's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deliberations.nlp.headings import Heading, find_headings
from deliberations.nlp.votes import vote_statements

_M = re.IGNORECASE | re.MULTILINE | re.UNICODE

DELIBERATIVE_RE = re.compile(
    r"après\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bd[ée]lib[èe]re\b|registre\s+des\s+d[ée]lib[ée]rations"
    r"|\bd[ée]lib[ée]ration\s+du\s+(?:conseil|comit[ée]|bureau)|\bd[ée]cision\s+adopt[ée]e",
    _M,
)
# where a new, appended document starts: an annex, a letter, a convention, a second "Objet :"
ANNEX_START_RE = re.compile(
    r"^[ \t]*(?:ANNEXE|Annexe)\b|^[ \t]*PR[ÉE]AMBULE\b|^[ \t]*CONVENTION\b|^[ \t]*Objet\s*:"
    r"|^[ \t]*(?:Monsieur|Madame)\s+(?:le|la|l['’])\s*[\w ]{3,40},[ \t]*$",
    re.MULTILINE | re.UNICODE,
)
PARAGRAPH_END_RE = re.compile(r"\n[ \t]*\n|\f")
CLUSTER_GAP = 250  # vote statements closer than this, with no heading between, are one vote
STRONG_RULES = {"deliberation_number", "dated_code", "code", "item_code", "numbered", "object"}


@dataclass(frozen=True)
class Segment:
    """The span of one deliberation in the document text, and the heading it starts at."""

    start: int
    end: int
    heading: Heading | None = None


def vote_clusters(text: str, headings: list[Heading]) -> list[tuple[int, int]]:
    """Statements of one vote grouped: "Vote : - Pour : 14 - Contre : 3 (…)" is one."""
    clusters: list[list[int]] = []
    starts = [h.start for h in headings]
    for start, end in vote_statements(text):
        if clusters:
            last = clusters[-1]
            heading_between = any(last[1] <= s < start for s in starts)
            if start - last[1] <= CLUSTER_GAP and not heading_between:
                last[1] = max(last[1], end)
                continue
        clusters.append([start, end])
    return [(a, b) for a, b in clusters]


def document_kind(text: str) -> str:
    if DELIBERATIVE_RE.search(text) or vote_statements(text):
        return "deliberation"
    return "other"


def _paragraph_end(text: str, position: int) -> int:
    match = PARAGRAPH_END_RE.search(text, position)
    return match.start() if match else len(text)


def segments(text: str) -> list[Segment]:
    """The deliberations of a document, in order, annexes cut off."""
    headings = find_headings(text)
    clusters = vote_clusters(text, headings)
    if len(clusters) <= 1:
        # a single deliberation: the whole document (its heading may follow the vote)
        end = len(text)
        if clusters:
            annex = ANNEX_START_RE.search(text, clusters[0][1])
            end = annex.start() if annex else end
        return [Segment(0, end, None)]
    result: list[Segment] = []
    previous_end = 0
    expected_position = 1
    for index, (vote_start, vote_end) in enumerate(clusters):
        next_vote = clusters[index + 1][0] if index + 1 < len(clusters) else len(text)
        before = [h for h in headings if previous_end <= h.start < vote_start]
        strong = [h for h in before if h.rule in STRONG_RULES]
        # the agenda numbering goes on from item to item; a list inside an item starts again at 1
        in_sequence = [h for h in strong if h.position in (expected_position, expected_position + 1)]
        # a heading that carries the deliberation's own number ("DEL2025-76 : …") comes first
        numbered = [h for h in before if h.number]
        heading = (numbered or in_sequence or strong or before or [None])[-1]
        if heading is not None and heading.position is not None:
            expected_position = heading.position
        if strong and before[-1] is not heading and before[-1].rule not in STRONG_RULES and (
            _next_vote_under_same_heading(headings, clusters, index)
        ):
            heading = before[-1]  # a dash sub-item under a numbered item holding several votes
        start = heading.start if heading else previous_end
        after = [h for h in headings if vote_end <= h.start < next_vote]
        end = after[0].start if after else (
            len(text) if index + 1 == len(clusters) else _paragraph_end(text, vote_end)
        )
        result.append(Segment(start, end, heading))
        previous_end = end
    last = result[-1]
    annex = ANNEX_START_RE.search(text, clusters[-1][1], last.end)
    if annex:
        result[-1] = Segment(last.start, annex.start(), last.heading)
    return result


def _next_vote_under_same_heading(headings: list[Heading], clusters: list[tuple[int, int]], index: int) -> bool:
    """The next vote follows under sub-item headings only: the numbered heading is shared."""
    if index + 1 >= len(clusters):
        return False
    between = [h for h in headings if clusters[index][1] <= h.start < clusters[index + 1][0]]
    return bool(between) and not any(h.rule in STRONG_RULES for h in between)
