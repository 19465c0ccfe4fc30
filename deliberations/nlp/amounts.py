"""Sums of money in French text: "21 900 €", "30.000,00 euros", "1,5 M€", "mille euros"...

A number is an amount only when a currency is attached to it (before or after). Years, dates,
article numbers, percentages, counts, surfaces and phone numbers carry no currency and are
therefore never returned. Bare numbers (table columns headed "Montant") are left to the caller,
who can parse them with :func:`parse_figure`.

The rules are a table of named regexes tried in priority order; a later rule cannot claim
text already claimed by an earlier one. A figure followed by the same sum in words
("259 100 € (deux cent cinquante-neuf mille et cent euros)") is then merged into one match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from deliberations.nlp.found import AmountMatch
from deliberations.nlp.numbers_fr import number_words_pattern, words_to_number

__all__ = ["FIGURE_RE", "find_amounts", "parse_figure"]

# --- building blocks -------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
_GROUP_SEP = r"[ \u00a0\u202f\u2009]"  # thousands separators: space, no-break, thin spaces
_HSPACE = r"[ \t\u00a0\u202f\u2009]"
# integer part: "1 500 000", "1.500.000", "21900", "0"
_INT = (
    rf"(?:[1-9]\d{{0,2}}(?:{_GROUP_SEP}\d{{3}})+"
    r"|[1-9]\d{0,2}(?:\.\d{3})+"
    r"|0|[1-9]\d*)"
)
# decimal part: ",00", ".50", " ,90" (space before the comma, common in OCR output)
_DEC = r"(?:,\d+|\.\d+| ,\d{2}(?!\d))"
_FIGURE = rf"{_INT}{_DEC}?"
# a figure standing alone: not glued to other digits, decimal marks or letters
_NUM = rf"(?<![\d.,])(?<!{_LETTER})(?P<num>{_FIGURE})(?![\d])"

_EURO_WORD = rf"(?:€{_HSPACE}?uros?|(?i:euros?)|EUR)(?!{_LETTER})"
# currency after a figure: same line, or wrapped onto the next one
_CUR_AFTER = rf"{_HSPACE}*(?:\r?\n{_HSPACE}*)?(?:{_EURO_WORD}|€)"
_DE = r"(?:d['’]\s*|de\s+)"  # "millions d'euros", "millions de euros"
_SCALE = (
    rf"(?P<scale>[Kk]{_HSPACE}?(?:€|{_EURO_WORD})"
    rf"|(?:Mds?|Mrds?|M){_HSPACE}?(?:€|EUR(?!{_LETTER}))"
    rf"|(?i:millions?|milliards?|mille)\s+{_DE}?(?:{_EURO_WORD}|€))"
)
_WORDS = number_words_pattern()
_WORDS_CUR = rf"(?:\s+{_DE}?{_EURO_WORD}|{_HSPACE}*€)"

_SCALE_VALUES: dict[str, int] = {"k": 10**3, "m": 10**6, "md": 10**9, "mrd": 10**9}


@dataclass(frozen=True)
class _Rule:
    """One way of writing a sum of money."""

    name: str
    kind: Literal["figure", "words"]
    regex: re.Pattern[str]


# priority order: earlier rules win overlaps
RULES: tuple[_Rule, ...] = (
    # "1,5 M€", "150 K€", "2 millions d'euros", "1,2 milliard d’euros"
    _Rule("figure_scale", "figure", re.compile(rf"{_NUM}{_HSPACE}*{_SCALE}")),
    # "21 900 €", "30.000,00 euros", "12 345,67 EUR", "18 €uros", "1200€"
    _Rule("figure_currency", "figure", re.compile(rf"{_NUM}{_CUR_AFTER}")),
    # "deux cent cinquante-neuf mille et cent euros", "un million d'euros"
    _Rule(
        "words_currency",
        "words",
        re.compile(rf"(?P<words>{_WORDS}){_WORDS_CUR}", re.IGNORECASE),
    ),
    # "€ 1 200", "EUR 1 200" (but not the "€" closing a previous figure: "500 € 2017")
    _Rule(
        "currency_figure",
        "figure",
        re.compile(
            rf"(?<!{_LETTER})(?<![\d¢])(?<![\d¢]{_HSPACE})(?:€|EUR){_HSPACE}?{_NUM}"
            rf"(?!{_CUR_AFTER}|{_HSPACE}*¢)"
        ),
    ),
    # "1 914 500,00" in a budget table: a figure with cents and at least three digits is a sum
    # even without "€" (counts, rates and surfaces are not printed with cents and thousands)
    _Rule(
        "figure_cents",
        "figure",
        re.compile(
            rf"(?<![\d.,])(?<!{_LETTER})(?P<num>[1-9]\d{{0,2}}(?:{_GROUP_SEP}\d{{3}})+[,.]\d{{2}}|[1-9]\d{{2}},\d{{2}})"
            rf"(?![\d,])(?!{_HSPACE}*(?:%|m²|m2\b|m\b|ha\b|km|kg|kW|t\b|h\b|ans?\b))"
        ),
    ),
)
# a minus sign glued to a figure ("-1 075 800,00", "-5,05 k€"), after a space or a line start
_NEGATIVE_BEFORE = re.compile(r"(?:^|(?<=[\s(:;]))[-−–]$")

# between a figure and the same sum in words: "259 100 € HT (deux cent ... euros)"
_TAX = r"(?:HT|H\.\s?T\.?|TTC|T\.\s?T\.\s?C\.?|hors\s+taxes?|toutes\s+taxes\s+comprises|net)"
_FIGURE_THEN_WORDS_GAP = re.compile(rf"\s*(?:{_TAX}\s*)?(?:soit\s+)?[(\[]?\s*", re.IGNORECASE)
_WORDS_THEN_FIGURE_GAP = re.compile(r"\s*[(\[]?\s*", re.IGNORECASE)
# words in brackets without a currency: "259 100 € (deux cent cinquante-neuf mille cent)"
_BRACKETED_WORDS = re.compile(
    rf"\s*(?:{_TAX}\s*)?[(\[]\s*(?P<words>{_WORDS})\s*[)\]]", re.IGNORECASE
)

FIGURE_RE: re.Pattern[str] = re.compile(_FIGURE)
_FIGURE_FULL_RE = re.compile(rf"\s*{_FIGURE}\s*")


# --- values ----------------------------------------------------------------------------------


def _figure_decimal(figure: str) -> Decimal:
    """Exact value of a figure already matched by ``_FIGURE``."""
    s = re.sub(r"[ \u00a0\u202f\u2009]", "", figure)
    if "," in s:
        whole, frac = s.rsplit(",", 1)
        return Decimal(f"{whole.replace('.', '')}.{frac}")
    if "." in s:
        parts = s.split(".")
        # "1.500" and "1.500.000": dots group thousands; "2.50", "0.075", "35.625.00": last is decimal
        if len(parts[-1]) == 3 and parts[0] != "0":
            return Decimal("".join(parts))
        return Decimal(f"{''.join(parts[:-1])}.{parts[-1]}")
    return Decimal(s)


def parse_figure(text: str) -> float | None:
    """Parse a bare French-formatted number ("30 000", "30.000,00", "1 234,5"); None if not one."""
    if not _FIGURE_FULL_RE.fullmatch(text):
        return None
    return float(_figure_decimal(text.strip()))


def _scale_factor(scale: str) -> int:
    """Multiplier written after a figure: K€, M€, Md€, million(s), milliard(s), mille."""
    low = scale.lower()
    if low.startswith("milliard"):
        return 10**9
    if low.startswith("million"):
        return 10**6
    if low.startswith("mille"):
        return 10**3
    key = re.match(r"[a-z]+", low)
    assert key is not None
    return _SCALE_VALUES[key.group().rstrip("s")]


# --- finding ---------------------------------------------------------------------------------


@dataclass
class _Found:
    """A rule match before merging figures with words."""

    kind: Literal["figure", "words"]
    value: Decimal
    start: int
    end: int


def _candidates(text: str) -> list[_Found]:
    """Non-overlapping matches of the rule table, earlier rules first, sorted by position."""
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    for rule in RULES:
        for m in rule.regex.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule.kind == "words":
                number = words_to_number(m.group("words"))
                if number is None:
                    continue
                value = Decimal(number)
            else:
                value = _figure_decimal(m.group("num"))
                scale = m.groupdict().get("scale")
                if scale:
                    value *= _scale_factor(scale)
                if start > 0 and _NEGATIVE_BEFORE.search(text, max(0, start - 2), start):
                    value, start = -value, start - 1
            taken.append((start, end))
            found.append(_Found(rule.kind, value, start, end))
    found.sort(key=lambda f: f.start)
    return found


def _to_match(text: str, f: _Found, *, in_words: bool | None = None) -> AmountMatch:
    """Public form of a single match."""
    return AmountMatch(
        value=float(f.value),
        text=text[f.start : f.end],
        start=f.start,
        end=f.end,
        in_words=f.kind == "words" if in_words is None else in_words,
    )


def find_amounts(text: str) -> list[AmountMatch]:
    """Every sum of money in ``text``, in order, with offsets into ``text``."""
    found = _candidates(text)
    out: list[AmountMatch] = []
    i = 0
    while i < len(found):
        cur = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if cur.kind == "figure":
            # figure then words: "259 100 € (deux cent cinquante-neuf mille et cent euros)"
            if (
                nxt is not None
                and nxt.kind == "words"
                and nxt.value == cur.value
                and _FIGURE_THEN_WORDS_GAP.fullmatch(text, cur.end, nxt.start)
            ):
                out.append(_merged(text, figure=cur, start=cur.start, end=nxt.end))
                i += 2
                continue
            bracket = _BRACKETED_WORDS.match(text, cur.end)
            if bracket and words_to_number(bracket.group("words")) == cur.value:
                out.append(_merged(text, figure=cur, start=cur.start, end=bracket.end("words")))
                i += 1
                continue
        elif (
            nxt is not None
            and nxt.kind == "figure"
            and nxt.value == cur.value
            and _WORDS_THEN_FIGURE_GAP.fullmatch(text, cur.end, nxt.start)
        ):
            # words then figure: "mille euros (1 000 €)"
            out.append(_merged(text, figure=nxt, start=cur.start, end=nxt.end))
            i += 2
            continue
        out.append(_to_match(text, cur))
        i += 1
    return out


def _merged(text: str, *, figure: _Found, start: int, end: int) -> AmountMatch:
    """One match for a figure and the same sum written in words."""
    return AmountMatch(
        value=float(figure.value),
        text=text[figure.start : figure.end],
        start=start,
        end=end,
        in_words=True,
    )
