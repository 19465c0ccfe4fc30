"""What the rules return: a value found in the document text, with the span it was read from.

Offsets are global offsets in ``DocumentText.text`` (or in whatever string the rule was given);
the pipeline turns them into page evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AmountMatch:
    value: float
    text: str  # the figure as printed ("21 900 €"), or the words when only words are printed
    start: int
    end: int  # end of the whole match, words included when figure and words were merged
    currency: str = "EUR"
    in_words: bool = False  # the sum was (also) written in words


@dataclass(frozen=True)
class ImputationMatch:
    chapitre: str | None
    article: str | None
    fonction: str | None
    operation: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DateMatch:
    value: dt.date
    text: str
    start: int
    end: int
    rule: str = ""  # the session cue (or date form) that made it the sitting's date


@dataclass(frozen=True)
class Found:
    """One value read for a field, with its evidence: the span, the rule that read it, the zone it
    stands in (when zones are known) and a score (1.0 when the rule is certain). The one span type
    the field readers of ``nlp/fields.py`` return; the older per-family types above give way to it
    field by field."""

    field: str
    value: str
    start: int
    end: int
    rule_id: str
    zone: str | None = None
    score: float = 1.0
