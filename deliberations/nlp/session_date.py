"""The séance date: the one module that reads the date of the sitting that voted; the pipeline,
the field readers and the act number ask here.

Read as scored candidates, like the act number (``nlp/act_number.py``):

1. candidates, permissive: every explicit date of the text (``dates.find_dates``), and the
   "L'an <illegible year>, le 06 décembre" of a scan, its year taken from the document's cued
   dates;
2. features of each place (``place_features``): the cue before or after it (the rules of
   ``phrasings/session_date.toml``, by tier: "Séance du …", "réuni le …", "L'an deux mille …,
   le …"), the words that exclude it (a convocation, a posting, a transmission, a signature, a
   previous sitting, another act cited), where it stands (how near the top, a stamp, a recital, a
   short title line), and what the document says of its value: how often it is printed (a
   séance's date recurs in every extract of a register, in every page's running title), whether
   it comes before the document's convocation (no séance precedes its own convocation: a date
   copied over from the previous minutes, a past séance recalled), whether the act numbers and
   @CTES ids print it ("20220329 14", "…-20220329-…"), and whether its year is one of the
   budgets the document votes ("budget primitif 2022" is voted in 2021 or 2022);
3. a logistic score whose weights are data (``nlp/weights/session_date.toml``), fitted on the
   real set only (``python -m scripts.fit_weights``): a place's share against the document's
   other places and "none of them"; a value's score is the sum of its places' shares, and the
   best value is kept when its score reaches the threshold (a gap is better than another
   séance's date: every fact of the document is paired through it).

``delib extract --explain FILE`` prints every candidate with its features and score.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from deliberations.nlp import dates
from deliberations.nlp.candidates import Candidate, shares, weights
from deliberations.nlp.found import Found
from deliberations.nlp.zones import zones_of

__all__ = [
    "best_session_date",
    "find_session_date",
    "session_date_candidates",
    "session_date_features",
]

EARLY_CHARS = 3000  # "early": 1 at the top of the text, 0 from here on
NEAR = 70  # how far before a date the words of a convocation may stand

# the date of the convocation: "convoqués le 10 mai 2017", "Date de la convocation :\n15.03.2006",
# "Convocation a été adressée le 22 octobre 2014", "sur convocation en date du 29 novembre 2023"
CONVOCATION_RE = re.compile(r"convo(?:c|qu)", re.IGNORECASE)
# ... unless the words between name another séance: "joint à la convocation, le compte rendu de la
# séance du 17 décembre"
OTHER_SITTING_RE = re.compile(r"s[ée]ance|r[ée]union|compte[\s\-]*rendu|proc[èe]s", re.IGNORECASE)
# an act number or an @CTES id printing the séance's day: "20220329 14", "061-216100...-20220329-"
COMPACT_DAY_RE = re.compile(r"(?<!\d)((?:19|20)\d{2}[01]\d[0-3]\d)(?!\d)")
# act numbers stemmed by the séance's year and month: "2019-03-12", "2020-11-05", "2020.01.3"
MONTH_STEM_RE = re.compile(
    r"(?:d[ée]lib[ée]ration|n\s*[°o])\s*[:.]?\s*((?:19|20)\d{2})[-/._ ]([01]\d)[-/._ ]\d{1,3}(?!\d)",
    re.IGNORECASE,
)
# the budgets a document votes: "budget primitif 2022", "BP 2019", "compte administratif 2015"
BUDGET_RE = re.compile(
    r"\b(?P<kind>(?i:budgets?\s+primitifs?|budgets?|comptes?\s+administratifs?"
    r"|comptes?\s+de\s+gestion)|B\.?P\.?|C\.?A\.?)\s+"
    r"(?i:(?:de\s+l['’]\s*|pour\s+l['’]\s*|l['’]\s*)(?:exercice|ann[ée]e)\s+)?"
    r"(?P<year>(?:19|20)\d{2})(?![\d/]|[.\-]\d)",
)


def _places(text: str) -> list[Found]:
    """Every date of the text (``rule_id`` the name of the date's pattern in dates.DATE_PATTERNS),
    and each "L'an <illegible>, le 06 décembre" (``rule_id`` "an_le_no_year") with the year of the
    document's most cued dates (of all its dates when none is cued)."""
    places = dates.find_dates(text)
    if not places:
        return places
    cued = [_year(p) for p in places if p.rule_id == "an_le" or _cue(text, p) is not None]
    year = Counter(cued or [_year(p) for p in places]).most_common(1)[0][0]
    taken = [(p.start, p.end) for p in places]
    for match in dates._AN_LE_NO_YEAR.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue  # the same "L'an …, le …" already read with its year
        value = dates._build(
            dates._day_value(match.group("day")), dates._month_number(match.group("month")), year
        )
        if value is not None:
            places.append(Found("date", value, match.start(), match.end(), "an_le_no_year"))
    return sorted(places, key=lambda p: p.start)


def _year(place: Found) -> int:
    assert isinstance(place.value, dt.date)
    return place.value.year


@lru_cache(maxsize=4096)
def _cue_at(text: str, start: int, end: int) -> dates.SessionCue | None:
    return dates._cue_for(text, start, end)


def _cue(text: str, place: Found) -> dates.SessionCue | None:
    return None if place.rule_id.startswith("an_le") else _cue_at(text, place.start, place.end)


def _is_convocation(text: str, place: Found, previous_end: int) -> bool:
    """The words just before the date (not past the previous date, nor a sentence's end) say it
    is the convocation's: "convoqués le …", "Date de la convocation : …"."""
    lo = max(previous_end, place.start - NEAR, dates._sentence_start(text, place.start))
    before = text[lo : place.start]
    found = CONVOCATION_RE.search(before)
    return found is not None and not OTHER_SITTING_RE.search(before[found.end() :])


def _budget_years(text: str) -> set[int]:
    """The years a séance voting the budgets named could be held in: a budget of year N is voted
    in N or at the end of N-1, an account of year N (administratif, de gestion) in N+1."""
    years: set[int] = set()
    for match in BUDGET_RE.finditer(text):
        year = int(match.group("year"))
        kind = match.group("kind").lower()
        if kind.startswith(("compte", "c")):
            years.add(year + 1)
        else:
            years |= {year - 1, year}
    return years


@lru_cache(maxsize=8)
def session_date_features(text: str) -> list[Candidate]:
    """Every place of a date in ``text`` as a candidate séance date, with its features (not
    scored): what the fit reads."""
    places = _places(text)
    zones = zones_of(text)
    count = Counter(p.value for p in places)
    convocations = [
        p.value
        for index, p in enumerate(places)
        if _is_convocation(text, p, places[index - 1].end if index else 0)
    ]
    budget_years = _budget_years(text)
    compact_days = set(COMPACT_DAY_RE.findall(text))
    month_stems = {(y, m) for y, m in MONTH_STEM_RE.findall(text)}
    out = []
    for index, place in enumerate(places):
        cue = _cue(text, place)
        an_le = place.rule_id.startswith("an_le")
        zone = zones.at(place.start)
        value = place.value
        iso = value.isoformat()
        excluded = dates.excluded_near(text, place.start)
        features = {
            "an_le": float(place.rule_id == "an_le"),
            "an_le_no_year": float(place.rule_id == "an_le_no_year"),  # its year not read
            "cue_tier1": float(cue is not None and cue.tier == 1),
            "cue_tier2": float(cue is not None and cue.tier == 2),
            "no_cue": float(not an_le and cue is None),
            "excluded_near": float(excluded),
            "first_date": float(index == 0),
            "early": 1.0 - min(1.0, place.start / EARLY_CHARS),
            "repeated": float(count[value] > 1),
            "recurs": min(1.0, (count[value] - 1) / 3.0),  # 4 places and more: 1
            "before_convocation": float(any(value < c for c in convocations)),
            "is_convocation": float(value in convocations),
            "in_numbers": float(iso.replace("-", "") in compact_days),
            "month_in_numbers": float((iso[:4], iso[5:7]) in month_stems),
            "off_budget_year": float(bool(budget_years) and value.year not in budget_years),
            "in_stamp_or_signature": float(zone in ("stamp", "signature")),
            "in_recital": float(zone == "recital"),
        }
        rule = place.rule_id if an_le else (cue.name if cue else "")
        out.append(Candidate(iso, place.start, place.end, features, rule=rule))
    return out


def session_date_candidates(text: str) -> list[Candidate]:
    """The candidates scored, best first (the earliest of equal scores first). A date printed
    several times is one candidate: its score sums its places' shares, its evidence is its best
    place."""
    found = [
        Candidate(c.value, c.start, c.end, dict(c.features), rule=c.rule)
        for c in session_date_features(text)
    ]
    shares(found, weights("session_date"))
    by_value: dict[str, Candidate] = {}
    for candidate in sorted(found, key=lambda c: (-c.score, c.start)):
        if candidate.value in by_value:
            by_value[candidate.value].score += candidate.score
        else:
            by_value[candidate.value] = candidate
    return sorted(by_value.values(), key=lambda c: (-round(c.score, 6), c.start))


def best_session_date(text: str) -> Candidate | None:
    """The séance date: the best candidate, when its score reaches the threshold."""
    ranked = session_date_candidates(text)
    if not ranked or ranked[0].score < weights("session_date")["_threshold"]:
        return None
    return ranked[0]


def find_session_date(text: str) -> Found | None:
    """The séance date as a value found (``best_session_date``'s winner): ``value`` the date,
    ``rule_id`` the cue (or date form) that made it the sitting's, ``score`` its score."""
    best = best_session_date(text)
    if best is None:
        return None
    value = dt.date.fromisoformat(best.value)
    return Found(
        "session_date",
        value,
        best.start,
        best.end,
        best.rule,
        score=best.score,
        text=text[best.start : best.end],
    )
