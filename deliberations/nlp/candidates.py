"""Scored candidates: every value a field could take in a document, with its features, and a
score from weights kept as data (``nlp/weights/<field>.toml``) and fitted on the real set only
(``python -m scripts.fit_weights``): a candidate's share against the document's other candidates
and "none of them". The winner is the candidate of highest score, kept when its score reaches the
field's threshold; every candidate and why it scored so can be printed
(``delib extract --explain``).

The fields scored this way read their candidates in their own modules: the séance date in
``nlp/session_date.py``, the act number in ``nlp/act_number.py``.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass
class Candidate:
    value: str
    start: int
    end: int
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    rule: str = ""


@cache
def weights(name: str) -> dict[str, float]:
    raw = tomllib.loads(
        resources.files("deliberations.nlp.weights")
        .joinpath(f"{name}.toml")
        .read_text(encoding="utf-8")
    )
    return {k: float(v) for k, v in raw["weights"].items()} | {
        "_threshold": float(raw["threshold"])
    }


def strength(features: dict[str, float], w: dict[str, float]) -> float:
    """exp(bias + w·features): a candidate's weight against "none of them" (weight 1)."""
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in features.items())
    return math.exp(max(-30.0, min(30.0, z)))


def shares(candidates: list[Candidate], w: dict[str, float]) -> None:
    """Each candidate's score: its share against the others and "none of them"."""
    strengths = [strength(c.features, w) for c in candidates]
    total = 1.0 + sum(strengths)
    for candidate, value in zip(candidates, strengths, strict=True):
        candidate.score = value / total
