"""What the rules return: a value found in the document text, with the span it was read from.

Offsets are global offsets in ``DocumentText.text`` (or in whatever string the rule was given);
the pipeline turns them into page evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ImputationParts:
    """The parts of a budget imputation, as the M14/M57 plans name them (any may be missing)."""

    chapitre: str | None = None
    article: str | None = None
    fonction: str | None = None
    operation: str | None = None


@dataclass(frozen=True)
class Found:
    """One value read for a field, with its evidence: the span, the rule that read it, the zone it
    stands in (when zones are known) and a score (1.0 when the rule is certain). The one span type
    the readers return: the field readers of ``nlp/fields.py``, the dates (``dates.find_dates``:
    ``value`` a date), the sums (``amounts.find_amounts``: ``value`` a float, ``currency`` and
    ``in_words`` set), the imputations (``imputations.find_imputations`` and its kin: ``value``
    an ``ImputationParts``; each labelled part a ``Found`` of its own first), the act number
    (``act_number.best_number``), a vote's statements (``votes.VoteFacts.statements``: ``value``
    the words) and the grantees (``beneficiaries.find_beneficiaries``: ``value`` the name,
    ``amount`` the sum granted, ``check`` a table's failed self-check, ``imputation`` the
    imputation its row is tied to).

    ``text`` is the value as printed (a sum's figure alone, when the words of the same sum merged
    with it widen the span)."""

    field: str
    # a Decimal: a sum as a rule reads it, before its figures and words are merged (amounts.py)
    value: str | float | Decimal | dt.date | ImputationParts
    start: int
    end: int
    rule_id: str
    zone: str | None = None
    score: float = 1.0
    text: str = ""
    currency: str = ""  # a sum's currency ("EUR")
    in_words: bool = False  # a sum (also) written in words
    amount: float | None = None  # a sum the value goes with (what a grantee is granted)
    # a self-check that failed, in words ("rows sum to 136 500 €, the table says 137 000 €"); the
    # score is lowered with it
    check: str | None = None
    # the imputation the value is tied to, its code as labelled ("article 6574" for a grantee's
    # row under its section's "Les crédits sont imputés à l'article 6574")
    imputation: str | None = None
