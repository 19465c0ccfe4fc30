"""French number words: parse them, locate them in text, and write them.

Handles traditional and 1990-reform spellings ("deux cent cinquante-neuf mille et cent",
"deux-cent-cinquante-neuf-mille-cent"), "mil" in dates ("deux mil vingt-quatre"),
"quatre-vingt(s)", "soixante-dix", "million(s)", "milliard(s)", any case, accents optional,
and words wrapped across lines by PDF text extraction ("deux cent\\ncinquante",
"mil\\nle", "cinquan-\\nte"), and the ordinal "premier" that dates print for the first day
of a month (``FIRST``).

This module is the one place French number words are listed: the dates, the amounts, the votes
and the attendance counts read them from here (``tests/test_lexicon.py`` fails when another
module lists them again).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "FIRST",
    "NUMBER_WORDS_RE",
    "int_to_words",
    "number_words_pattern",
    "printed_number_words",
    "words_to_number",
]

# --- lexicon ---------------------------------------------------------------------------------

# value of every simple number word (accents stripped, lower case)
_SMALL: dict[str, int] = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
_TENS: dict[str, int] = {
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    # Belgian / Swiss forms
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_HUNDRED = {"cent", "cents"}
# "milles": a misspelling of mille ("deux milles vingt"), read as the dates' own table read it
# before it moved here (no body of the published minutes searched writes it; a slip costs nothing)
_THOUSAND = {"mille", "mil", "milles"}
_SCALES: dict[str, int] = {
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
}

# spellings as they may be printed (accents optional)
_PRINTED_WORDS: list[str] = [
    *(w for w in _SMALL if w != "zero"),
    "zéro",
    "zero",
    *_TENS,
    *_HUNDRED,
    *_THOUSAND,
    *_SCALES,
]

# --- regexes ---------------------------------------------------------------------------------

_LETTER = r"[^\W\d_]"
# a word cut at the end of a line by PDF extraction: "cinquan-\nte", "mil\nle"
_BREAK = r"(?:-?[ \t]*\r?\n[ \t]*)?"
_SEP = r"(?:\s*-\s*|\s+)"


def _word_regex(word: str) -> str:
    """Regex for one printed number word, tolerating a line break inside it."""
    return _BREAK.join(re.escape(ch) for ch in word)


# longest first so that "mille" wins over "mil", "cents" over "cent", "une" over "un"; words of
# one length (no two match at one place) in alphabetical order, so that the pattern is the same
# in every process (its compiled code is kept between runs: deliberations.regex_cache)
_WORD = (
    rf"(?<!{_LETTER})(?:"
    + "|".join(_word_regex(w) for w in sorted(set(_PRINTED_WORDS), key=lambda w: (-len(w), w)))
    + rf")(?!{_LETTER})"
)
_ET = rf"(?<!{_LETTER})et(?!{_LETTER})"
_RUN = rf"{_WORD}(?:{_SEP}(?:{_ET}{_SEP})?{_WORD})*"


def printed_number_words() -> tuple[str, ...]:
    """Every number word as it may be printed (lower case), the words of :func:`number_words_pattern`."""
    return tuple(_PRINTED_WORDS)


def number_words_pattern() -> str:
    """Regex source matching a maximal run of French number words (use with re.IGNORECASE)."""
    return _RUN


#: the ordinal of one, printed for the first day of a month ("le premier mars", "1ère"): a number
#: word of dates only (use with re.IGNORECASE); :func:`words_to_number` reads it with ``first``
FIRST = rf"(?<!{_LETTER})premi[eè]re?(?!{_LETTER})"
_FIRST_RE = re.compile(FIRST, re.IGNORECASE)


NUMBER_WORDS_RE: re.Pattern[str] = re.compile(_RUN, re.IGNORECASE)
_WORD_RE = re.compile(_WORD, re.IGNORECASE)
_GAP_RE = re.compile(rf"{_SEP}(?P<et>{_ET}{_SEP})?", re.IGNORECASE)
_BREAK_RE = re.compile(r"-?[ \t]*\r?\n[ \t]*")


def _normalize(token: str) -> str:
    """Lower-case, accent-free, line-break-free form of a printed word."""
    token = _BREAK_RE.sub("", token).lower()
    return "".join(
        ch for ch in unicodedata.normalize("NFD", token) if not unicodedata.combining(ch)
    )


def _tokens(text: str) -> list[str] | None:
    """Split ``text`` into normalized number words and "et"; None if anything else is there."""
    stripped = text.strip()
    out: list[str] = []
    pos = 0
    while pos < len(stripped):
        if out:
            gap = _GAP_RE.match(stripped, pos)
            if gap is None:
                return None
            if gap.group("et"):
                out.append("et")
            pos = gap.end()
        m = _WORD_RE.match(stripped, pos)
        if m is None:
            return None
        out.append(_normalize(m.group()))
        pos = m.end()
    return out or None


# --- parsing ---------------------------------------------------------------------------------


def _evaluate(tokens: list[str]) -> int | None:
    """Value of a token list, or None when it is not a well-formed French number."""
    if tokens == ["zero"]:
        return 0
    total = 0  # millions and milliards already closed
    block = 0  # thousands of the current million block
    current = 0  # the group below one thousand being read
    last: str | None = None  # kind of the last word of the group: unit, ten, tens, hundred
    quatre_alone = False  # the last word was "quatre" starting a tens slot ("quatre-vingt")
    scale_limit = 10**12  # the next million/milliard word must be below this
    thousand_used = False
    prev: str | None = None
    for i, tok in enumerate(tokens):
        if tok == "et":
            if prev is None or prev == "et" or i == len(tokens) - 1:
                return None
            prev = tok
            continue
        if tok == "zero":
            return None
        if tok in _SMALL:
            v = _SMALL[tok]
            tail = current % 100
            if last in (None, "hundred"):
                ok = True
            elif last == "tens":
                ok = v < 10 or tail in (60, 80)
            elif last == "ten":
                ok = v in (7, 8, 9)
            else:
                ok = False
            if not ok:
                return None
            quatre_alone = tok == "quatre" and last in (None, "hundred")
            current += v
            last = "ten" if v == 10 else "unit"
        elif tok in _TENS:
            v = _TENS[tok]
            if v == 20 and quatre_alone and prev == "quatre":
                current += 76  # quatre-vingt(s) = 80
            elif last in (None, "hundred"):
                current += v
            else:
                return None
            quatre_alone = False
            last = "tens"
        elif tok in _HUNDRED:
            if current >= 20 or last not in (None, "unit", "ten"):
                return None
            current = (current or 1) * 100
            last = "hundred"
            quatre_alone = False
        elif tok in _THOUSAND:
            if thousand_used or scale_limit <= 1000:
                return None
            block = (current or 1) * 1000
            current, last, quatre_alone, thousand_used = 0, None, False, True
        else:
            scale = _SCALES[tok]
            if scale >= scale_limit:
                return None
            total += ((block + current) or 1) * scale
            block = current = 0
            last, quatre_alone, thousand_used = None, False, False
            scale_limit = scale
        prev = tok
    return total + block + current


def words_to_number(text: str, *, first: bool = False) -> int | None:
    """Parse French number words ("deux cent cinquante-neuf mille et cent" -> 259100).

    Returns None when ``text`` is not made only of number words forming a valid number. With
    ``first``, the ordinal "premier" / "première" alone is 1 (the day of a date).
    """
    if first and _FIRST_RE.fullmatch(text.strip()):
        return 1
    tokens = _tokens(text)
    if tokens is None:
        return None
    return _evaluate(tokens)


# --- writing ---------------------------------------------------------------------------------

_UNITS_WORDS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_TENS_WORDS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_100(n: int, *, final: bool, reform: bool) -> str:
    """Words for 1..99; ``final`` means nothing follows (plural of quatre-vingts)."""
    et = "-et-" if reform else " et "
    if n < 17:
        return _UNITS_WORDS[n]
    if n < 20:
        return "dix-" + _UNITS_WORDS[n - 10]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = n - (60 if tens == 7 else 80)
        if rest == 11 and tens == 7:
            return base + et + "onze"
        return base + "-" + _below_100(rest, final=True, reform=reform)
    if tens == 8:
        if unit == 0:
            return "quatre-vingts" if final else "quatre-vingt"
        return "quatre-vingt-" + _UNITS_WORDS[unit]
    word = _TENS_WORDS[tens]
    if unit == 0:
        return word
    if unit == 1:
        return word + et + "un"
    return word + "-" + _UNITS_WORDS[unit]


def _below_1000(n: int, *, final: bool, reform: bool) -> str:
    """Words for 1..999; ``final`` means no "mille" follows (plural of cents, vingts)."""
    sep = "-" if reform else " "
    hundreds, rest = divmod(n, 100)
    parts: list[str] = []
    if hundreds:
        head = "" if hundreds == 1 else _UNITS_WORDS[hundreds] + sep
        plural = "s" if hundreds > 1 and rest == 0 and final else ""
        parts.append(head + "cent" + plural)
    if rest:
        parts.append(_below_100(rest, final=final, reform=reform))
    return sep.join(parts)


def int_to_words(n: int, *, reform: bool = False) -> str:
    """Write ``n`` (0 <= n < 10**12) in French words, traditional or 1990-reform spelling."""
    if n < 0 or n >= 10**12:
        raise ValueError(f"out of range: {n}")
    if n == 0:
        return "zéro"
    sep = "-" if reform else " "
    parts: list[str] = []
    for scale, singular, plural in (
        (10**9, "milliard", "milliards"),
        (10**6, "million", "millions"),
    ):
        count, n = divmod(n, scale)
        if count:
            # before a noun (million, milliard) "cents" and "vingts" keep their plural
            parts.append(_below_1000(count, final=True, reform=reform))
            parts.append(singular if count == 1 else plural)
    thousands, units = divmod(n, 1000)
    if thousands:
        if thousands > 1:
            parts.append(_below_1000(thousands, final=False, reform=reform))
        parts.append("mille")
    if units:
        parts.append(_below_1000(units, final=True, reform=reform))
    return sep.join(parts)
