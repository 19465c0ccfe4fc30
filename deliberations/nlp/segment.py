"""Is the document a deliberation, and where does each deliberation's text start and end.

A document is of kind ``deliberation`` when it states a vote or the deliberative formula; a
report, a letter or a budget table alone is ``other``. Annexes bound after a deliberation (a
letter, a convention) are cut off so that their sums and names are not the deliberation's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deliberations.nlp.votes import find_vote

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


@dataclass(frozen=True)
class Segment:
    """The span of one deliberation in the document text."""

    start: int
    end: int


def document_kind(text: str) -> str:
    vote = find_vote(text)
    if DELIBERATIVE_RE.search(text) or vote.unanimous is not None or vote.for_ is not None:
        return "deliberation"
    return "other"


def segments(text: str) -> list[Segment]:
    """The deliberations of a document (one, for a single deliberation), annexes cut off."""
    vote = find_vote(text)
    end = len(text)
    if vote.spans:
        first_vote = min(stop for _, stop in vote.spans)
        annex = ANNEX_START_RE.search(text, first_vote)
        if annex:
            end = annex.start()
    return [Segment(0, end)]
