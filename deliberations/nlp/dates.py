"""French dates in deliberations: explicit dates, and the date of the sitting (séance) that voted.

* :func:`find_dates` locates every explicit date ("21 juin 2017", "17/03/2023",
  "L'an deux mille vingt-trois, le 06 décembre", "le onze juin deux mille vingt-quatre").
* :func:`parse_french_date` turns one located span into a :class:`datetime.date`: number
  words are converted to digits first, then ``dateparser`` reads the normalised span.
* the cue table ``SESSION_CUES`` (a date introduced as the sitting's, strongest first) and the
  exclusions ``EXCLUSIONS`` (dates of convocation, posting, signature, transmission to the
  prefecture, references to other acts): the features that ``nlp/session_date.py``, the one
  reader of the séance date, asks of each candidate.

Offsets are offsets into the string given.  Newlines and form feeds count as spaces.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import dateparser

from deliberations.nlp import lexicon, phrasings, units
from deliberations.nlp.found import Found
from deliberations.nlp.numbers_fr import FIRST, number_words_pattern, words_to_number

__all__ = [
    "EXCLUSIONS",
    "SESSION_CUES",
    "find_dates",
    "parse_french_date",
]

# --------------------------------------------------------------------------- folding


def _fold(s: str) -> str:
    """Lower case without accents."""
    return "".join(
        c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn"
    )


# --------------------------------------------------------------------------- patterns

_WS = r"[\s\u00a0]"
# a day or a year in words ("le premier mars", "l'an deux mille vingt-trois"): the number words
# are numbers_fr's, the only list of them
_NUMWORDS = rf"(?:{FIRST}|{number_words_pattern()})"
_MONTH = (
    r"(?:janv(?:ier|\.)|f[ée]v(?:rier|r?\.)|mars|avr(?:il|\.)|mai|juin|juil(?:let|\.)"
    r"|ao[uûù]t|sept(?:embre|\.)|oct(?:obre|\.)|nov(?:embre|\.)|d[ée]c(?:embre|\.))(?![\w])"
)
_WEEKDAY = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)" + _WS + r"+)?"
_DAYNUM = r"(?<!\d)[0-3]?\d(?:[ \u00a0]?(?:er|ER|e|°)(?![\w]))?"
_DAY = rf"(?:{_DAYNUM}|{_NUMWORDS})"
_YEAR4 = r"(?:1[89]|2[01])\d{2}(?!\d)"
_OF_MONTH = rf"(?:du{_WS}+mois{_WS}+d(?:e{_WS}+|['’]{_WS}*))?"

_MONTH_NUMBERS = {
    "janv": 1, "fev": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7,
    "aou": 8, "aout": 8, "aoutt": 8, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


@dataclass(frozen=True)
class DatePattern:
    """A way of writing an explicit date."""

    name: str
    example: str
    regex: re.Pattern[str]


DATE_PATTERNS: tuple[DatePattern, ...] = (
    DatePattern(
        "an_le",
        "L'an deux mille vingt-trois, le 06 décembre / L'an deux mil six et le vingt quatre mars",
        re.compile(
            rf"\bl{_WS}*['’]?{_WS}*an{_WS}+(?P<year>{_YEAR4}|{_NUMWORDS}){_WS}*,?{_WS}*"
            rf"(?:et{_WS}+)?(?:le{_WS}+)?{_WEEKDAY}(?P<day>{_DAY}){_WS}*{_OF_MONTH}(?P<month>{_MONTH})",
            re.IGNORECASE,
        ),
    ),
    DatePattern(
        "textual",
        "21 juin 2017 / lundi 4 avril 2016 / 1er mars 2021 / le onze juin deux mille vingt-quatre",
        re.compile(
            rf"(?<![\w]){_WEEKDAY}(?P<day>{_DAY}){_WS}*{_OF_MONTH}(?P<month>{_MONTH}){_WS}*"
            rf"(?P<year>{_YEAR4}|{_NUMWORDS})",
            re.IGNORECASE,
        ),
    ),
    DatePattern(
        "numeric",
        "17/03/2023 / 17.03.2023 / 17-03-2023",
        re.compile(
            r"(?<![\w/.\-])(?P<day>[0-3]?\d)[ \u00a0]?(?P<sep>[/.\-])[ \u00a0]?(?P<month>[01]?\d)"
            r"[ \u00a0]?(?P=sep)[ \u00a0]?(?P<year>(?:19|20)\d{2})(?![\w]|[/.\-]\d)"
        ),
    ),
    DatePattern(
        "iso",
        "2023-12-06",
        re.compile(
            r"(?<![\w/.\-])(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w]|[/.\-]\d)"
        ),
    ),
)

# "L'an <illegible year>, le 06 décembre": the year must come from elsewhere
_AN_LE_NO_YEAR = re.compile(
    rf"\bl{_WS}*['’]?{_WS}*an\b[^\n]{{0,60}}?\ble{_WS}+{_WEEKDAY}(?P<day>{_DAY}){_WS}*"
    rf"{_OF_MONTH}(?P<month>{_MONTH})",
    re.IGNORECASE,
)

_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


# --------------------------------------------------------------------------- parsing


def _month_number(word: str) -> int | None:
    w = _fold(word).rstrip(".")
    for prefix in sorted(_MONTH_NUMBERS, key=len, reverse=True):
        if w.startswith(prefix):
            return _MONTH_NUMBERS[prefix]
    return None


def _day_value(text: str) -> int | None:
    t = text.strip()
    m = re.fullmatch(r"(\d{1,2})\s*(?:er|e|°)?", t, re.IGNORECASE)
    value = int(m.group(1)) if m else words_to_number(t, first=True)
    return value if value is not None and 1 <= value <= 31 else None


def _year_value(text: str) -> int | None:
    t = text.strip()
    value = int(t) if t.isdigit() else words_to_number(t)
    return value if value is not None and 1800 <= value <= 2199 else None


@lru_cache(maxsize=4096)
def _dateparser(normalised: str) -> dt.date | None:
    parsed = dateparser.parse(normalised, languages=["fr"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


def _build(day: int | None, month: int | None, year: int | None) -> dt.date | None:
    """Validate the parts (31 février is None) and let dateparser read them."""
    if day is None or month is None or year is None:
        return None
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        return None
    parsed = _dateparser(f"{day} {_MONTH_NAMES[month - 1]} {year}")
    return parsed if parsed == expected else None


def _from_match(pattern: str, m: re.Match[str]) -> dt.date | None:
    if pattern in ("numeric", "iso"):
        return _build(int(m.group("day")), int(m.group("month")), int(m.group("year")))
    return _build(
        _day_value(m.group("day")), _month_number(m.group("month")), _year_value(m.group("year"))
    )


def parse_french_date(text: str) -> dt.date | None:
    """Parse one located date span ("6 décembre 2023", "17/03/2023", "L'an ..., le 6 mars")."""
    span = re.sub(r"[\s\u00a0]+", " ", text).strip()
    if not span:
        return None
    for p in DATE_PATTERNS:
        m = p.regex.search(span)
        if m is not None:
            value = _from_match(p.name, m)
            if value is not None:
                return value
    # a form the patterns do not cover: let dateparser try the (short) span itself
    if len(span) > 60:
        return None
    return _dateparser(span)


def _raw_dates(text: str) -> list[tuple[str, dt.date, int, int]]:
    found: list[tuple[str, dt.date, int, int]] = []
    for p in DATE_PATTERNS:
        for m in p.regex.finditer(text):
            value = _from_match(p.name, m)
            if value is not None:
                found.append((p.name, value, m.start(), m.end()))
    order = {p.name: i for i, p in enumerate(DATE_PATTERNS)}
    found.sort(key=lambda f: (f[2], order[f[0]], -(f[3] - f[2])))
    kept: list[tuple[str, dt.date, int, int]] = []
    for f in found:
        if kept and f[2] < kept[-1][3]:
            continue
        kept.append(f)
    return kept


def find_dates(text: str) -> list[Found]:
    """Every explicit date (day, month and year all printed) in reading order: ``value`` the
    date, ``rule_id`` the name of the date form that read it."""
    return [
        Found("date", value, s, e, name, text=text[s:e]) for name, value, s, e in _raw_dates(text)
    ]


# --------------------------------------------------------------------------- session date

# the assembly, by its full name or by its head word (its kind, if printed, is among the free
# words that follow it in the cues)
_COUNCIL = (
    rf"(?:{lexicon.pattern('assembly')}|{lexicon.pattern('bureau')}"
    rf"|{lexicon.pattern('assembly_head')}|{lexicon.pattern('assembly_word')})"
)
_FREE_WORDS = rf"(?:{_WS}+[\w'’.\-]+){{0,5}}?"
_REPORT = (
    r"(?:d[ée]lib[ée]rations?|r[ée]union|compte[\s\-]*rendu|CR|proc[èe]s[\s\-]*verbal|P\.?V\.?"
    r"|extrait(?:\s+du\s+registre)?(?:\s+des\s+d[ée]lib[ée]rations)?)"
)


@dataclass(frozen=True)
class SessionCue:
    """Text that, right before (or right after) a date, says the date is the sitting's: one rule
    of ``phrasings/session_date.toml``."""

    name: str
    tier: int  # 0 strongest
    example: str
    regex: re.Pattern[str]  # left: must match up to the date; right: must match from its end
    needs_council: bool = False  # the sentence must name the council
    side: str = "left"


_CUE_FRAGMENTS = {
    "WS": _WS,
    "COUNCIL": _COUNCIL,
    "FREE_WORDS": _FREE_WORDS,
    "REPORT": _REPORT,
    "REPORT_OR_DECISIONS": rf"(?:{_REPORT}|d[ée]cisions?)",
}


def _cue(rule: phrasings.Phrasing) -> SessionCue:
    body = rule.expand(_CUE_FRAGMENTS)
    side = rule.properties.get("side", "left")
    if side == "left":
        rx = re.compile(rf"(?:{body}){_WS}*[,:]?{_WS}*$", re.IGNORECASE | re.MULTILINE)
    else:
        rx = re.compile(body, re.IGNORECASE)
    return SessionCue(
        rule.id,
        int(rule.properties["tier"]),
        rule.examples[0].text,
        rx,
        bool(rule.properties.get("needs_council", False)),
        side,
    )


SESSION_CUES: tuple[SessionCue, ...] = tuple(_cue(rule) for rule in phrasings.table("session_date"))


@dataclass(frozen=True)
class Exclusion:
    """Words near a date that say it is not the sitting's date."""

    name: str
    example: str
    regex: re.Pattern[str]
    near: bool  # True: only within the few words before the cue; False: in the whole sentence


EXCLUSIONS: tuple[Exclusion, ...] = tuple(
    Exclusion(name, example, re.compile(pattern, re.IGNORECASE), near)
    for name, example, pattern, near in (
        (
            "convocation",
            "convocation en date du ... / Date de convocation : ...",
            r"convoc|convoqu",
            True,
        ),
        (
            "posting",
            "affiché le ... / AFFICHE EN MAIRIE LE ...",
            r"affich|publi[ée]|publication|mise?\s+en\s+ligne",
            True,
        ),
        (
            "transmission",
            "Réception par le préfet : ... / transmis en préfecture le ... / Reçu en préfecture le ...",
            r"pr[ée]fe|transmis|transmission|re[çc]ue?\b|r[ée]ception|accus[ée]|ex[ée]cutoire|l[ée]galit",
            True,
        ),
        ("signature", "Fait à ..., le ... / signé le ...", r"\bfait\b|\bsign[ée]", True),
        (
            "previous_sitting",
            "destinataire du procès-verbal de la séance du ... / adoption du compte rendu de la séance du ...",
            r"destinataire|adoption|approbation|approuv|adopt|pr[ée]c[ée]dente?|derni(?:er|[èe]re)|prochaine?"
            r"|\blors\b|suivante?|ant[ée]rieure?",
            True,
        ),
        (
            "other_act",
            "Vu la délibération du Conseil Communautaire du ... / par délibération du ... / décret n° ... du ...",
            r"\bvu\b|\bpar\s+(?:la\s+|une\s+|sa\s+)?d[ée]lib|\bpar\s+(?:le|la|les)\b"
            r"|\b(?:une|sa|cette|ladite|les|aux?|ses)\s+d[ée]lib|(?<!extrait\sde\s)\bla\s+d[ée]lib"
            r"|d[ée]cret|arr[êe]t[ée]|\bloi\b|circulaire|application|conform[ée]ment|ordonnance|(?<!ance\s)\bn°|avis\b|courrier|lettre|mail",
            False,
        ),
        (
            "other_body",
            "la commission des finances, réunie le ... / le comité technique, réuni le ...",
            rf"\b{lexicon.pattern('advisory_body')}\b",
            False,
        ),
    )
)

_SENTENCE_END = re.compile(r"[.;!?](?=[\s\u00a0])|\n[ \t\u00a0]*\n|={3,}|_{3,}|-{3,}|\*{3,}")
_AFTER_EXCLUDED = re.compile(
    r"^[\s\u00a0,]*(?:[àa]\s+\d{1,2}\s*h\S*\s*)?(?:est|a\s+[ée]t[ée]|sont|ont\s+[ée]t[ée]|n['’]\s*(?:est|a))\s",
    re.IGNORECASE,
)
_COUNCIL_IN_SENTENCE = re.compile(
    rf"{lexicon.deciding_body()}|{lexicon.pattern('assembly_word')}", re.IGNORECASE
)
# the words "near" a cue stop at a comma, a colon or a new capitalised line
_CLAUSE_END = re.compile(r"[,(:]|\n(?=[ \t\u00a0]*[A-ZÀ-Ý])")
_WINDOW = 200
_NEAR = 60


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, within its paragraph."""
    return units.sentence_start(text, pos, _SENTENCE_END)


def excluded_near(text: str, start: int) -> bool:
    """Words just before a date say it is not the sitting's (a convocation, a posting, a
    transmission, a signature, a previous sitting): the exclusions of this module, near."""
    near = text[max(_sentence_start(text, start), start - _NEAR) : start]
    return any(ex.near and ex.regex.search(near) for ex in EXCLUSIONS)


def _cue_for(text: str, start: int, end: int) -> SessionCue | None:
    """The strongest cue introducing the date at ``start``, unless the context rules it out."""
    if _AFTER_EXCLUDED.match(text[end : end + 60]):
        return None
    lo = max(0, start - _WINDOW)
    for cue in SESSION_CUES:
        if cue.side == "right":
            if _right_cue(text, cue, start, end):
                return cue
            continue
        m = cue.regex.search(text, lo, start)
        if m is None:
            continue
        sent = _sentence_start(text, m.start())
        near_lo = max(sent, m.start() - _NEAR)
        for b in _CLAUSE_END.finditer(text, near_lo, m.start()):
            near_lo = b.end()
        near_text = text[near_lo:start]
        sentence = text[sent:start]
        excluded = any(ex.regex.search(near_text if ex.near else sentence) for ex in EXCLUSIONS)
        if excluded:
            continue
        if cue.needs_council and not _COUNCIL_IN_SENTENCE.search(
            text[_sentence_start(text, m.start()) : start]
        ):
            continue
        return cue
    return None


# what may stand before a date that opens its sentence: "Le 12 mars …", "Ce jour, le …"
DATE_OPENS_RE = re.compile(r"(?i:le|ce\s+jour,?\s*le|aujourd['’]hui,?\s*le)")


def _right_cue(text: str, cue: SessionCue, start: int, end: int) -> bool:
    """A cue after the date: the date opens its sentence (nothing but "Le" or "Ce jour" before it),
    and no exclusion stands before it in the sentence."""
    sent = _sentence_start(text, start)
    before = text[sent:start].strip(" \t\n\u00a0,")
    if before and not DATE_OPENS_RE.fullmatch(before):
        return False
    if cue.regex.match(text, end) is None:
        return False
    sentence = text[sent : units.sentence_end(text, end, _SENTENCE_END)]
    return not cue.needs_council or bool(_COUNCIL_IN_SENTENCE.search(sentence))
