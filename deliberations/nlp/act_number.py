"""The act number: the one module that reads a deliberation's own number (``2017/39``,
``D2018-66``, ``24-07/059``, ``DL-056-07-13``); ``header.find_number`` and the pipeline ask here.

Read as scored candidates, like the séance date (``nlp/candidates.py``):

1. candidates, permissive: every code-like token at a place an act number is printed: after a
   "n°" (the sites of ``phrasings/number.toml``, each naming its cue), after the word
   "Délibération", at the start of a line (a heading, a register line), the number of the item's
   heading (``nlp/headings.py``), and the internal number of the act's @CTES id;
2. features of each (``number_features``): its cue, where it stands (the item's heading line, a
   recital, a stamp), the words around it (another act cited "par délibération n° … du …", a
   decree or a law), its shape (a year, a separator, a letter prefix, an agenda-like small
   integer alone), whether it agrees with the @CTES id, the séance's date and year, and whether
   the document numbers the next or the previous act the same way with an increment;
3. a logistic score whose weights are data (``nlp/weights/number.toml``), fitted on the real set
   only (``python -m scripts.fit_weights number``): a candidate's share against the item's other
   candidates and "none of them"; the best is kept when its share reaches the threshold
   (precision first: a gap is better than another act's number).

``delib extract --explain FILE`` prints every candidate with its features and score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from deliberations.nlp import phrasings, units
from deliberations.nlp.candidates import Candidate, shares, weights
from deliberations.nlp.found import Found
from deliberations.nlp.number_form import normalize_number as normalize_number  # re-exported

if TYPE_CHECKING:
    from deliberations.nlp.headings import Heading

# -- candidates -------------------------------------------------------------------------------
# a code-like token: an optional prefix of capitals ("D", "DEL ", "DL-"), then digits and up to
# three more parts after a separator ("2019 / 12", "2015.01.26 - 1", "24-07/059"); a part after
# a spaced separator is short and no year ("2017/39 - 2018 …" is the number then a title); the
# séance's date written whole as the stem may take the item's rank after a plain space
# ("20220711 13", "20240325 1 Approbation …": registers numbering acts by date and rank, the
# shape of many @CTES act ids); a letter may mark an act inserted after another ("2019-03-25A",
# "2019-03-12BIS", "2021-15 bis" is not: attached only), and an act's kind close it ("2023_033_D")
_DATE_STEM = r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_PART = (
    r"(?:[-–/._]\d{1,8}|[ \t]*[-–/][ \t]*(?!(?:19|20)\d{2}\b)\d{1,4}(?![\d,])"
    rf"|(?<={_DATE_STEM})[ \t]\d{{1,3}}(?![\d,]|[.:/]\d))"
)
# a letter after a part's digits: an act inserted after another of the same rank
_INSERTED_LETTER = r"(?-i:BIS|TER|bis|ter|[A-Z])"
_INSERTED = r"(?:(?<=[-–/._ ]\d)|(?<=[-–/._ ]\d\d)|(?<=[-–/._ ]\d\d\d))" + _INSERTED_LETTER
# a capital word before a number is no prefix of it ("DELIBERATION DU 17 DECEMBRE")
_NO_PREFIX = r"(?!(?-i:DU|DE|DES|LA|LE|LES|EN|AU|AUX|ET|PAR|SUR)[ \t])"
TOKEN = (
    r"(?<![\w/.\-–])(?>(?:"
    + _NO_PREFIX
    + r"(?-i:[A-Z]{1,5})(?:[ \-_]|(?=\d)))?\d{1,9}(?:"
    + _PART
    + r"){0,3}(?:"
    + _INSERTED
    + r")?(?:_(?-i:[A-Z]{1,2})(?!\w))?)(?![\w/]|[.,]\d)"
)
# sites: the rules of phrasings/number.toml name the cue words; {TOKEN} is the token
SITE_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (
        rule.id,
        str(rule.properties.get("cue", rule.id)),
        re.compile(rule.expand({"TOKEN": TOKEN}), re.IGNORECASE | re.MULTILINE),
    )
    for rule in phrasings.table("number")
)
CUES = tuple(dict.fromkeys(cue for _, cue, _ in SITE_RULES))

# another act cited, not this one's number: "Vu la délibération n° 2021-30 du 26 novembre 2021",
# "par délibération no 8 du 11 avril 2016", "de la délibération du Conseil communautaire\nN° DCC
# 2019-216", "référencé n° 2021-42332"
CITED_BEFORE_RE = re.compile(
    r"(?:\b(?:vu|par|de|sur|selon|à|a|en)\s+(?:la\s+|les\s+|l['’]\s*|sa\s+|ses\s+)?|\bla\s+|\bles\s+)"
    r"(?:d[ée]lib[ée]rations?|d[ée]cisions?)\b[^.;\n]{0,60}\n?[ \t]*\Z"
    r"|\br[ée]f[ée]renc[ée]e?s?\s*\n?[ \t]*\Z",
    re.IGNORECASE,
)
# a law, a decree, an order, an article, a parcel, a contract: numbers of other things
OTHER_THING_RE = re.compile(
    r"\b(?:d[ée]crets?|lois?|arr[êe]t[ée]s?|ordonnances?|articles?|art\.|parcelles?|"
    r"cadastr[ée]e?s?|sections?|lots?|avenants?|march[ée]s?|lignes?|comptes?|chapitres?|"
    r"circulaires?|r[èe]glements?|directives?|codes?)\s*"
    r"(?:n\s*[°o]|num[ée]ro)?\s*[:.]?\s*\Z",
    re.IGNORECASE,
)
DATED_AFTER_RE = re.compile(r"\s*(?:du|en\s+date\s+du)\s+\d{1,2}(?:er)?[\s/.]", re.IGNORECASE)
TITLE_AFTER_RE = re.compile(r"\A[ \t]*(?:[-–—:)]|\.(?!\d))?[ \t]*[«\"'’A-Za-zÀ-ÿ]")
# the number goes on past the token: OCR's spaces for separators ("2023 034 _D")
CUT_SHORT_RE = re.compile(r"[ \t]+_?[ \t]?\d|[ \t]*_[ \t]")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)(?:19|20)\d{2}(?=[01]\d[0-3]\d)")
# the year in two digits, as the stem of a number by year, month and rank ("24-04/046")
SHORT_YEAR_RE = re.compile(r"^(?:[A-Z]{1,5}[ ]?)?(\d{2})[-/.](?:0[1-9]|1[0-2])[-/.]\d{3,4}$")
# at the start of a line, after a bullet, an agenda rank or a "n°" at most ("3 – N° 2018-024")
LINE_START_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-–•*▪]\s*)?(?:\d{1,3}\s*[.)–-]\s*)?"
    r"(?:(?:d[ée]lib[ée]ration\s*)?(?:n\s*[°o]|num[ée]ro)\s*[:.]?\s*)?\Z",
    re.IGNORECASE,
)
ACT_ID_RE = re.compile(
    r"\b[0-9]{2}[0-9AB]-\d{9}-(?P<day>\d{8})-(?P<n>[A-Za-z0-9_]{1,15})-(?:DE|AR|AI|CC|BF|AU)\b"
)
TWO_YEARS_RE = re.compile(r"^(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}$")
# a date as French text writes it, day first ("01/08/2015"); a year, a month and a rank
# ("2019-03-01") is the act number of registers numbering by month, not a date
DATE_ONLY_RE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}$")
# a number's stem and its last rank: the act's kind ("_D") is part of the stem, the letter of
# an inserted act ("25A", "12BIS") is not
OPENING_REACH = 1500  # an item's own heading opens it: within its first characters
STEM_RE = re.compile(
    r"^(?P<stem>.*?)(?P<last>\d+)(?:BIS|TER|bis|ter|[A-Z])?(?P<suffix>_[A-Z]{1,2})?$"
)


@dataclass(frozen=True)
class Item:
    """Where a deliberation stands in its document's text (its item's span, the whole text when
    ``end`` is None) and what is known of it when its number is read."""

    start: int = 0
    end: int | None = None
    heading: Heading | None = None
    session_date: str | None = None
    act_id: str | None = None


@dataclass(frozen=True)
class Site:
    """A token at a site, with what does not depend on the deliberation it falls in."""

    value: str
    start: int
    end: int
    rule: str
    cues: frozenset[str]


def _act_id_parts(text: str) -> list[Site]:
    sites = []
    for match in ACT_ID_RE.finditer(text):
        raw = match.group("n")
        if re.search(r"\d", raw):
            sites.append(
                Site(raw, match.start("n"), match.end("n"), "act_id", frozenset({"act_id"}))
            )
    return sites


@lru_cache(maxsize=4)
def document_sites(text: str) -> tuple[Site, ...]:
    """Every token of the text at a site a number may be printed at, once per place (the cues
    of every site that reads it)."""
    by_place: dict[tuple[int, int], Site] = {}
    for rule, cue, pattern in SITE_RULES:
        for match in pattern.finditer(text):
            start, end = match.span("n")
            raw = text[start:end].rstrip(" \t-–/._")
            end = start + len(raw)
            key = (start, end)
            if key in by_place:
                old = by_place[key]
                by_place[key] = Site(old.value, start, end, old.rule, old.cues | {cue})
            else:
                by_place[key] = Site(normalize_number(raw), start, end, rule, frozenset({cue}))
    for site in _act_id_parts(text):
        by_place.setdefault((site.start, site.end), site)
    return tuple(sorted(by_place.values(), key=lambda s: (s.start, s.end)))


def _stem_and_last(value: str) -> tuple[str, int] | None:
    match = STEM_RE.match(value)
    if not match or not match.group("stem"):
        return None
    return match.group("stem") + "#" + (match.group("suffix") or ""), int(match.group("last"))


def _in_sequence(value: str, others: set[str]) -> bool:
    """The document prints the same stem with the last number one more or one less (the next
    or the previous act of the séance)."""
    parsed = _stem_and_last(value)
    if parsed is None:
        return False
    stem, last = parsed
    return any(
        (p := _stem_and_last(other)) is not None and p[0] == stem and abs(p[1] - last) == 1
        for other in others
    )


def _date_forms(session_date: str) -> tuple[str, ...]:
    y, m, d = session_date.split("-")
    return (f"{y}{m}{d}", f"{y}.{m}.{d}", f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{y}_{m}_{d}")


def number_features(
    text: str,
    site: Site,
    start: int,
    end: int,
    heading_number: str | None,
    session_date: str | None,
    act_number: str | None,
    in_sequence: bool,
    zone: str,
) -> dict[str, float]:
    """The features of one candidate in the item spanning [start, end) of ``text``."""
    value = site.value
    # the number's line up to it and the line above (CITED_BEFORE_RE reads no further)
    before = text[
        units.line_start(text, max(0, units.line_start(text, site.start) - 1)) : site.start
    ]
    bare = re.sub(r"\s*\b(?:n\s*[°o]|num[ée]ro)\s*[:.]?\s*\Z", "", before, flags=re.IGNORECASE)
    digits = re.sub(r"\D", "", value)
    years = YEAR_RE.findall(value) + [f"20{y}" for y in SHORT_YEAR_RE.findall(value)]
    return {
        **{f"cue_{cue}": float(cue in site.cues) for cue in CUES},
        "from_act_id": float(site.rule == "act_id"),
        "heading_number": float(
            heading_number is not None and heading_number.lower() == value.lower()
        ),
        "line_start": float(bool(LINE_START_RE.search(text, max(0, site.start - 40), site.start))),
        "title_after": float(bool(TITLE_AFTER_RE.match(text[site.end : site.end + 6]))),
        "first_in_item": 0.0,  # set once the item's candidates are known
        "early": 1.0 - min(1.0, max(0, site.start - start) / 1500.0),
        "cited": float(bool(CITED_BEFORE_RE.search(bare))),
        "dated_after": float(bool(DATED_AFTER_RE.match(text, site.end))),
        "other_thing": float(bool(OTHER_THING_RE.search(bare))),
        "in_recital": float(zone == "recital"),
        "in_stamp": float(zone in ("stamp", "signature")),
        "read_short": float(bool(CUT_SHORT_RE.match(text, site.end))),
        "has_year": float(bool(years)),
        "seance_year": float(bool(session_date and session_date[:4] in years)),
        "seance_date": float(
            bool(session_date) and any(f in value for f in _date_forms(session_date or "--"))
        ),
        # parts: after a separator, or the rank after the séance's date ("20220711 13")
        "separator": float(bool(re.search(r"[-–/._]|(?<=\d{8}) (?=\d)", value))),
        "prefix": float(bool(re.match(r"[A-Z]", value))),
        "small_integer": float(value.isdigit() and len(value) <= 3),
        "long_digits": float(value.isdigit() and len(value) >= 5),
        "two_years_or_date": float(bool(TWO_YEARS_RE.match(value) or DATE_ONLY_RE.match(value))),
        "agrees_act_id": float(
            act_number is not None
            and len(digits) >= 2
            and (
                value.lower() == act_number.lower()
                or digits in re.sub(r"\D", "", act_number)
                and site.rule != "act_id"
            )
        ),
        "sequence": float(in_sequence),
    }


def _opening_heading(text: str, start: int, end: int) -> Heading | None:
    """The heading of an item that was given none (a document holding one act, an extract, is
    one item from its first character): the first strong heading with a number near the start
    of its span ("2017/39 - PROJET …" under the séance's title)."""
    from deliberations.nlp.headings import STRONG_RULES, find_headings  # headings read numbers

    return next(
        (
            h
            for h in find_headings(text)
            if start <= h.start < min(end, start + OPENING_REACH)
            and h.rule in STRONG_RULES
            and h.number
        ),
        None,
    )


def _heading_number(heading: Heading | None, own: list[Site]) -> str | None:
    """The number of the item's heading, as the token printed at its head reads it whole: a
    heading that took the last rank of "2019-03-01 REPARATION …" for its title's first word
    ("2019-03" | "01 REPARATION …") has the number "2019-03-01"."""
    if heading is None or not heading.number:
        return None
    number = normalize_number(heading.number)
    for site in own:
        if (
            0 <= site.start - heading.start <= 20
            and len(site.value) > len(number)
            and site.value.lower().startswith(number.lower())
            and re.match(r"[-–/._ ]|" + _INSERTED_LETTER, site.value[len(number) :])
        ):
            return site.value
    return number


def raw_candidates(text: str, item: Item | None = None) -> list[Candidate]:
    """Every candidate number of the item (the whole text when none is given), with its features
    (not scored): what the fit reads."""
    from deliberations.nlp.zones import zones_of  # zones read item headings, which read numbers

    item = item or Item()
    start, heading, session_date, act_id = item.start, item.heading, item.session_date, item.act_id
    end = len(text) if item.end is None else item.end
    sites = document_sites(text)
    values = {s.value for s in sites if s.rule != "act_id"}
    act_number = act_id.split("-")[3] if act_id and act_id.count("-") >= 4 else None
    own = [s for s in sites if start <= s.start < end]
    heading = heading or _opening_heading(text, start, end)
    heading_number = _heading_number(heading, own)
    if (
        heading is not None
        and heading_number is not None
        and not any(s.value.lower() == heading_number.lower() for s in own)
    ):
        own.append(Site(heading_number, heading.start, heading.end, "heading", frozenset()))
    zones = zones_of(text)
    out = []
    for site in sorted(own, key=lambda s: s.start):
        features = number_features(
            text,
            site,
            start,
            end,
            heading_number,
            session_date,
            act_number,
            _in_sequence(site.value, values - {site.value}),
            zones.at(site.start),
        )
        out.append(Candidate(site.value, site.start, site.end, features, rule=site.rule))
    if out:
        out[0].features["first_in_item"] = 1.0
    return out


def number_candidates(text: str, item: Item | None = None) -> list[Candidate]:
    """The item's candidates scored, best first (the earliest of equal scores first); a value
    printed several times is one candidate, its score the sum of its places' shares."""
    found = raw_candidates(text, item)
    shares(found, weights("number"))
    by_value: dict[str, Candidate] = {}
    for candidate in sorted(found, key=lambda c: (-c.score, c.start)):
        key = candidate.value.lower()
        if key in by_value:
            by_value[key].score += candidate.score
        else:
            by_value[key] = Candidate(
                candidate.value,
                candidate.start,
                candidate.end,
                dict(candidate.features),
                candidate.score,
                candidate.rule,
            )
    return sorted(by_value.values(), key=lambda c: (-round(c.score, 6), c.start))


def best_number(text: str, item: Item | None = None) -> Found | None:
    """The item's own number: the best candidate, when its score reaches the threshold."""
    ranked = number_candidates(text, item)
    if not ranked or ranked[0].score < weights("number")["_threshold"]:
        return None
    best = ranked[0]
    return Found("number", best.value, best.start, best.end, best.rule, score=best.score)


def number_of_text(text: str) -> Found | None:
    """The number of a text taken as one item (an extract, a phrasing's example), as the pipeline
    reads it: its first item heading the item's, its séance date the scored one."""
    # both read zones, which read headings, which normalise numbers here
    from deliberations.nlp.headings import find_headings
    from deliberations.nlp.session_date import best_session_date

    headings = find_headings(text)
    date = best_session_date(text)
    return best_number(
        text,
        Item(heading=headings[0] if headings else None, session_date=date.value if date else None),
    )
