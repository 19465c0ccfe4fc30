"""Scored candidates: every value a field could take in a document, with its features, and a
score from weights kept as data (``nlp/weights/<field>.toml``) and fitted on the real set only
(``python -m scripts.fit_weights``): a candidate's share against the document's other candidates
and "none of them". The winner is the candidate of highest score, kept when its score reaches the
field's threshold; every candidate and why it scored so can be printed
(``delib extract --explain``).

First field scored this way: the séance date. Its features are what the cue rules of
``phrasings/session_date.toml`` say about each date (a cue, its tier, none), where the date stands
(its zone, how early in the text) and how often the document repeats it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from deliberations.nlp import dates
from deliberations.nlp.zones import zones_of


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


def session_date_features(text: str) -> list[Candidate]:
    """Every explicit date of ``text`` as a candidate séance date, with its features."""
    raw = dates._raw_dates(text)
    zones = zones_of(text)
    seen: dict = {}
    for _, value, _, _ in raw:
        seen[value] = seen.get(value, 0) + 1
    out = []
    for index, (name, value, start, end) in enumerate(raw):
        cue = None if name == "an_le" else dates._cue_for(text, start, end)
        zone = zones.at(start)
        features = {
            "an_le": float(name == "an_le"),
            "cue_tier1": float(cue is not None and cue.tier == 1),
            "cue_tier2": float(cue is not None and cue.tier == 2),
            "no_cue": float(name != "an_le" and cue is None),
            "excluded_near": float(dates.excluded_near(text, start)),
            "first_date": float(index == 0),
            "early": 1.0 - min(1.0, start / 3000.0),  # how near the top of the text
            "repeated": float(seen[value] > 1),
            "in_stamp_or_signature": float(zone in ("stamp", "signature")),
            "in_recital": float(zone == "recital"),
        }
        rule = "an_le" if name == "an_le" else (cue.name if cue else "")
        out.append(Candidate(value.isoformat(), start, end, features, rule=rule))
    return out


def session_date_candidates(text: str) -> list[Candidate]:
    """The candidates scored, best first (the earliest of equal scores first). A date printed
    several times is one candidate: its score sums its places' shares, its evidence is its best
    place. "L'an <an illegible year>, le 06 décembre" is a candidate too, its year taken from the
    best dated one."""
    w = weights("session_date")
    found = session_date_features(text)
    if found:
        year = int(max(found, key=lambda c: strength(c.features, w)).value[:4])
        taken = [(c.start, c.end) for c in found]
        for match in dates._AN_LE_NO_YEAR.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue  # the same "L'an …, le …" already read with its year
            value = dates._build(
                dates._day_value(match.group("day")),
                dates._month_number(match.group("month")),
                year,
            )
            if value is not None:
                features = dict.fromkeys(found[0].features, 0.0) | {
                    "an_le": 1.0,
                    "early": 1.0 - min(1.0, match.start() / 3000.0),
                }
                found.append(
                    Candidate(
                        value.isoformat(),
                        match.start(),
                        match.end(),
                        features,
                        rule="an_le_no_year",
                    )
                )
    shares(found, w)
    by_value: dict[str, Candidate] = {}
    for candidate in sorted(found, key=lambda c: (-c.score, c.start)):
        if candidate.value in by_value:
            by_value[candidate.value].score += candidate.score
        else:
            by_value[candidate.value] = Candidate(
                candidate.value,
                candidate.start,
                candidate.end,
                candidate.features,
                candidate.score,
                candidate.rule,
            )
    return sorted(by_value.values(), key=lambda c: (-round(c.score, 6), c.start))


def best_session_date(text: str) -> Candidate | None:
    """The best candidate, when its score reaches the threshold."""
    ranked = session_date_candidates(text)
    if not ranked or ranked[0].score < weights("session_date")["_threshold"]:
        return None
    return ranked[0]
