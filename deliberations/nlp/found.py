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
