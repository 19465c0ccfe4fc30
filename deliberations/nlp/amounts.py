"""Sums of money in French text: "21 900 €", "30.000,00 euros", "1,5 M€", "mille euros"...

A number is an amount only when a currency is attached to it (before or after). Years, dates,
article numbers, percentages, counts, surfaces and phone numbers carry no currency and are
therefore never returned. Bare numbers (table columns headed "Montant") are left to the caller,
who can parse them with :func:`parse_figure`.

The rules are the phrasing table ``phrasings/amount.toml`` (each a named regex, with its examples
and near misses), tried in the table's order; a later rule cannot claim text already claimed by an
earlier one. This module gives the characters a figure is printed with (the table's placeholders). A figure followed by the same sum in words
("259 100 € (deux cent cinquante-neuf mille et cent euros)") is then merged into one match.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from deliberations.nlp import phrasings
from deliberations.nlp.found import Found
from deliberations.nlp.numbers_fr import number_words_pattern, words_to_number

__all__ = ["FIGURE_RE", "NUMBERED_BEFORE", "find_amounts", "parse_figure", "rules_read"]

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
# decimal part: ",00", ".50", " ,90", " .84" (space before the mark, common in OCR output)
_DEC = r"(?:,\d+|\.\d+| [,.]\d{2}(?!\d))"
_FIGURE = rf"{_INT}{_DEC}?"
# a figure standing alone: not glued to other digits, decimal marks or letters
# (a dot is a decimal mark only after a digit: leader dots before a figure, "Dépenses ......158
# 610,34 €", do not glue it to anything)
# (nor the head of a figure glued to a code by a hyphen: "D 2313-160 500,00 €" is the account 2313
# of the operation 160, then 500,00 €, not 160 500,00 €; "10-15 €", no thousands group, is a range)
_CODE_TAIL = rf"(?!(?<=\d[-–])\d{{1,3}}{_GROUP_SEP}\d{{3}})"
_NUM = rf"(?<![\d,])(?<!\d\.)(?<!\d{_HSPACE}\.)(?<!{_LETTER}){_CODE_TAIL}(?P<num>{_FIGURE})(?![\d])"

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
    """One way of writing a sum of money (a rule of ``phrasings/amount.toml``)."""

    name: str
    kind: Literal["figure", "words"]
    regex: re.Pattern[str]


# the placeholders of ``phrasings/amount.toml``: the characters a figure is printed with
_FRAGMENTS = {
    "NUM": _NUM,
    "HSPACE": _HSPACE,
    "GROUP_SEP": _GROUP_SEP,
    "LETTER": _LETTER,
    "CODE_TAIL": _CODE_TAIL,
    "EURO_WORD": _EURO_WORD,
    "CUR_AFTER": _CUR_AFTER,
    "SCALE": _SCALE,
    "WORDS": _WORDS,
    "WORDS_CUR": _WORDS_CUR,
}


#: the ways of writing a sum, from ``phrasings/amount.toml`` in its order: earlier rules win
#: overlaps ("1,5 M€" before "1,5 €"; a figure and its currency before a figure with cents alone)
RULES: tuple[_Rule, ...] = tuple(
    _Rule(rule.id, rule.properties["kind"], rule.compiled(_FRAGMENTS))
    for rule in phrasings.table("amount")
    if rule.properties["kind"] in ("figure", "words")
)

# "entre 1 et 2 millions €", "entre 5 et 10.000 €": the low end of a range shares the scale of
# the high end, which alone carries the currency ("1" is one million, "5" five thousand)
(RANGE_LOW_RE,) = (rule.compiled(_FRAGMENTS) for rule in phrasings.of_kind("amount", "range_low"))


# --- rows of a table whose cells are sums without any currency ---------------------------------

# local taxes: in a "vote des taux" table, the bases and products of a tax are euros, printed
# without "€" and without cents ("Taxe d'habitation 9,16 451 700 41 376"); its rate is not a sum
ROW_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule.id, rule.compiled(_FRAGMENTS)) for rule in phrasings.of_kind("amount", "row")
)
# the total row closing such rows ("TOTAL 1 077 825"), on the next non-empty line
_ROW_TOTAL = re.compile(
    rf"{_HSPACE}*(?:\r?\n{_HSPACE}*)+total(?:{_HSPACE}+g[ée]n[ée]ral)?{_HSPACE}*:?"
    rf"(?P<cells>(?:{_HSPACE}+[\d,.]+(?:{_HSPACE}?%)?)+){_HSPACE}*$",
    re.IGNORECASE | re.MULTILINE,
)
# a cell of such a row: a figure with at least one thousands group ("8 242 871", "91 100")
_GROUPED_CELL = re.compile(rf"(?<![\d,.])[1-9]\d{{0,2}}(?:{_GROUP_SEP}\d{{3}})+(?![\d,.%])")
# in a row of sums with cents, a cell printed without cents just before one of them
# ("DTNSI 161 800 25 190,54 124 600,00": "161 800" is the first column of the row)
_CELL_BEFORE_CENTS = re.compile(
    rf"(?<![\d,.\w])[1-9]\d{{0,2}}(?:{_GROUP_SEP}\d{{3}})+(?={_HSPACE}+[-−–+]?\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})*,\d{{2}}(?![\d,]))"
)

# a list of sums without currency, each figure closing its line ("- Bâtiments scolaires :\n 20 700"):
# they are sums when they add up to a sum stated with its currency in the same text (the
# deliberation: find_amounts is given one) ("s'élèvent à 433 728 €")
# (or a signed change of fewer than five digits in a column of credit changes: "60623 Alimentation
# + 200" among "6232 Fêtes et cérémonies +10 000" rows summing to "TOTAL + 14 700€")
_LIST_CELL = re.compile(
    rf"(?:(?<![\d.,\w])[1-9]\d{{0,2}}(?:{_GROUP_SEP}\d{{3}})+"
    rf"|(?:(?<=[ \t][+\-−–])|(?<=[ \t][+\-−–][ \t]))[1-9]\d{{0,3}})"
    r"(?=[ \t\u00a0]*(?:\r?\n|$))"
)
SUM_LIST_MAX = 40  # figures in one list

# rules whose figures carry no currency: a figure of eleven digits or more there is two cells of a
# table row glued by the text layer ("46 400 165 350,00" is "46 400" and "165 350,00")
_BARE_RULES = frozenset({"figure_cents"})
MERGED_CELLS_MIN_DIGITS = 11
# a minus sign glued to a figure ("-1 075 800,00", "-5,05 k€"), after a space or a line start
_NEGATIVE_BEFORE = re.compile(r"(?:^|(?<=[\s(:;]))[-−–]\Z")
# a minus sign and a space before a figure with cents: a sign only where the line is a row of
# signed sums ("+ 67 651,03 - 221 561,33", "0,00 - 16 720,00", "RESULTAT (en €) - 1 384 371,81
# - 120 575,09", a cell alone on its line "- 1 535 010,80") or after a colon ("solde : - 1 535
# 010,80 €"); a bullet ("- 1 166 357 € pour la TH"), a dash between a label and a cell
# ("reporté (001) - 371 205,01") or a subtraction ("6 185 – 800 = 5 385 €") is no sign
_SPACED_MINUS = re.compile(rf"[-−–]{_HSPACE}$")
_CENTS_FIGURE = rf"\d(?:{_GROUP_SEP}?\d)*[,.]\d{{2}}"
_SIGNED_ROW_BEFORE = re.compile(rf"(?:{_CENTS_FIGURE}(?:{_HSPACE}*€)?|:){_HSPACE}*$|^{_HSPACE}*$")
_SIGNED_CELL_AFTER = re.compile(rf"(?:{_HSPACE}*€)?{_HSPACE}+[-−–+]{_HSPACE}?\d")
_LINE_END = re.compile(rf"(?:{_HSPACE}*€)?{_HSPACE}*(?:\r?\n|$)")

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


# a figure grouped by apostrophes ("1’697€", "-22'973,41€"), which no rule reads: its last group
# alone is no sum
_APOSTROPHE_GROUP_BEFORE = re.compile(r"\d['’]\Z")


def _read(
    kind: Literal["figure", "words"], value: Decimal, start: int, end: int, rule: str
) -> Found:
    """A rule's match before figures and words of one sum merge: ``rule_id`` the rule of
    phrasings/amount.toml (or the row reading) that read it, ``in_words`` when it read words,
    ``value`` the exact sum (a ``Decimal``: the figures of a list are added up)."""
    return Found("amounts", value, start, end, rule, in_words=kind == "words")


# a category's number glued to its sum by a flattened table: "Cat. 3 840,00 €" (a coordinator's
# category 3, then 840,00 €: one body in the real set, Chéméré 2009/143); the one digit after the
# label is its number, not the sum's thousands ("Cat. 3 1 287,00 €" reads right). Only the
# category: after "Lot 2 650 €", "n° 5 000,00 €", "Classe 3 500 €" the figure is as likely one sum
# (a gap would be safer than either reading, but nothing real says which), so it stays as printed
_NUMBERING_LABEL = rf"(?<!{_LETTER})(?i:cat(?:[ée]gorie)?)\.?{_HSPACE}*"
NUMBERING_LABEL_BEFORE = re.compile(rf"{_NUMBERING_LABEL}\Z")
_HEAD_GROUP = re.compile(rf"\d{_GROUP_SEP}(?=\d{{3}}(?!{_GROUP_SEP}?\d))")
# the same label and its number just before a figure read without them
NUMBERED_BEFORE = re.compile(rf"{_NUMBERING_LABEL}\d{_HSPACE}+\Z")


def _numbering_head(text: str, m: re.Match[str]) -> int | None:
    """Where the sum starts when the figure's first group is the number of a label before it
    (see NUMBERING_LABEL_BEFORE); None when it is not."""
    a = m.start("num")
    head = _HEAD_GROUP.match(text, a, m.end("num"))
    if head is None or not NUMBERING_LABEL_BEFORE.search(text, max(0, a - 12), a):
        return None
    if text[head.end() : head.end() + 1] == "0":  # "Cat. 5 000,00 €": no sum starts with a 0
        return None
    return head.end()


# a credit table's row opening on its sense, the account then its change: "D 611 250,00 €" is the
# account 611 and 250,00 €, not 611 250,00 € (one body in the real set writes its DM rows so,
# Chéméré 2009/141-142). Only a bare "D"/"R": "DF 615 200,00 €", "RI 231 500,00 €" are section
# totals whose figure is whole; and never when what is left starts with a 0 ("D 215 000,00 €")
_SENSE_OPENING = re.compile(rf"(?:^|\n){_HSPACE}*[DR]{_HSPACE}\Z")
_ACCOUNT_GROUP = re.compile(rf"(?P<account>[1-9]\d\d){_GROUP_SEP}(?=\d{{3}})")


def _sense_row_head(text: str, m: re.Match[str]) -> int | None:
    """Where the sum starts when the figure's first group is the account of a sense row (see
    _SENSE_OPENING); None when it is not."""
    from deliberations import nomenclature  # the plans, read once they are asked for

    a = m.start("num")
    head = _ACCOUNT_GROUP.match(text, a, m.end("num"))
    if head is None or not _SENSE_OPENING.search(text, max(0, a - 8), a):
        return None
    if not nomenclature.known_account(head.group("account")):
        return None
    if text[head.end() : head.end() + 1] == "0":
        return None
    return head.end()


def _candidates(text: str) -> list[Found]:
    """Non-overlapping matches of the rule table, earlier rules first, sorted by position."""
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for rule in RULES:
        for m in rule.regex.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if rule.kind != "words" and _APOSTROPHE_GROUP_BEFORE.search(
                text, max(0, start - 2), start
            ):
                continue  # the last group of "1’697 €": reading "697" would be a wrong sum
            if rule.kind == "words":
                number = words_to_number(m.group("words"))
                if number is None:
                    continue
                value = Decimal(number)
            elif rule.name in _BARE_RULES and (cells := _merged_cells(m.group("num"))):
                taken.append((start, end))
                found.extend(
                    _read("figure", _figure_decimal(cell), start + a, start + b, rule.name)
                    for cell, a, b in cells
                )
                continue
            else:
                figure = m.group("num")
                if (head := _numbering_head(text, m) or _sense_row_head(text, m)) is not None:
                    # "Cat. 3 840,00 €": the category's number, then the sum; "D 611 250,00 €":
                    # the row's account, then its change
                    start, figure = head, text[head : m.end("num")]
                value = _figure_decimal(figure)
                scale = m.groupdict().get("scale")
                if scale:
                    value *= _scale_factor(scale)
                if start > 0 and _NEGATIVE_BEFORE.search(text, max(0, start - 2), start):
                    value, start = -value, start - 1
                elif (
                    _signed_cell(text, start, end, m.group("num"))
                    or _signed_line(text, start, end)
                    or _signed_after_word(text, start, end, m.group("num"))
                    or _signed_last_cell(text, start, end)
                ):
                    value, start = -value, start - 2
            taken.append((start, end))
            found.append(_read(rule.kind, value, start, end, rule.name))
    for m in RANGE_LOW_RE.finditer(text):
        start, end = m.span("num")
        low = _figure_decimal(m.group("num"))
        if any(start < e and s < end for s, e in taken):
            continue
        if m.group("high"):
            value = low * _scale_factor(m.group("scale"))
        elif low < Decimal(m.group("thousands")):
            value = low * 1000
        else:
            continue
        taken.append((start, end))
        found.append(_read("figure", value, start, end, "range_low"))
    found.extend(_row_cells(text, taken))
    found.extend(_summing_list(text, found, taken))
    found.sort(key=lambda f: f.start)
    return found


def _row_cells(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Sums without currency read from table rows (ROW_RULES, their total, cells before cents)."""
    rows = [(m.span("cells"), name) for name, row in ROW_RULES for m in row.finditer(text)]
    rows += [
        (total.span("cells"), name)
        for (_a, b), name in list(rows)
        if (total := _ROW_TOTAL.match(text, b))
    ]
    cells = [(c, name) for (a, b), name in rows for c in _GROUPED_CELL.finditer(text, a, b)]
    cells += [(c, "cell_before_cents") for c in _CELL_BEFORE_CENTS.finditer(text)]
    out: list[Found] = []
    for cell, name in cells:
        start, end = cell.span()
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        parts = _merged_cells(cell.group()) or [(cell.group(), 0, end - start)]
        out.extend(
            _read("figure", _figure_decimal(figure), start + a, start + b, name)
            for figure, a, b in parts
        )
    return out


def _summing_list(text: str, found: list[Found], taken: list[tuple[int, int]]) -> list[Found]:
    """Figures without currency, one per line, whose sum is a sum stated in the same text (a
    deliberation)."""
    cells = [
        _read("figure", _figure_decimal(m.group()), m.start(), m.end(), "summing_list")
        for m in _LIST_CELL.finditer(text)
        if not any(m.start() < e and s < m.end() for s, e in taken)
    ]
    if len(cells) < 2:
        return []
    stated = [(f.value, f.start) for f in found if f.value > 0]
    positions = sorted(f.start for f in found)
    out: list[Found] = []
    i = 0
    while i < len(cells) - 1:
        total = cells[i].value
        accepted = 0
        for j in range(i + 1, min(len(cells), i + SUM_LIST_MAX)):
            # a list is contiguous: no other sum printed between two of its figures
            if any(cells[j - 1].end <= at < cells[j].start for at in positions):
                break
            total += cells[j].value
            if any(value == total for value, _ in stated):
                accepted = j
        if accepted:
            out.extend(_signed(text, c) for c in cells[i : accepted + 1])
            i = accepted + 1
        else:
            i += 1
    return out


def _signed(text: str, cell: Found) -> Found:
    """A cell of a summing list with its sign: a minus glued to it ("-10 000"), or spaced in a
    column of signed rows ("615221 Bâtiments publics - 2 500" below "6232 Fêtes +10 000"); the
    list's figures sum to the stated total whatever their signs (the credits moved)."""
    start, end = cell.start, cell.end
    if start > 0 and _NEGATIVE_BEFORE.search(text, max(0, start - 2), start):
        return dataclasses.replace(cell, value=-cell.value, start=start - 1)
    if _signed_last_cell(text, start, end):
        return dataclasses.replace(cell, value=-cell.value, start=start - 2)
    return cell


def _signed_cell(text: str, start: int, end: int, figure: str) -> bool:
    """A "- " before a figure with cents is its sign in a row of signed sums (see _SPACED_MINUS)."""
    if (
        start < 2
        or not _SPACED_MINUS.search(text, start - 2, start)
        or not re.search(r"[,.]\d{2}$", figure)
    ):
        return False
    line_start = text.rfind("\n", 0, start - 2) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if "=" in text[line_start:line_end]:
        return False  # a subtraction: "1 200,00 - 200,00 = 1 000,00"
    before = text[line_start : start - 2]
    if before.strip() and _SIGNED_ROW_BEFORE.search(before):
        return True  # after another cell, or after a colon
    if _SIGNED_CELL_AFTER.match(text, end):
        return True  # more signed cells follow on the line
    # a cell alone on its line (a bullet names what its sum is for: "- 1 166 357 € pour la TH")
    return not before.strip() and _LINE_END.match(text, end) is not None


# a word that a sum follows ("un déficit reporté de - 3.068,47 €", "le delta était de - 1.697€",
# "un besoin de financement de - 13.967,53 €", "soit - 120,00 €"): the "- " after it can be
# neither a bullet (not at a line start) nor a subtraction (no figure before it), so it is a sign
_SUM_INTRODUCER_BEFORE = re.compile(
    rf"(?<!\w)(?:de|soit|à|égal{_HSPACE}+à|:){_HSPACE}*$", re.IGNORECASE
)
_CURRENCY_IN = re.compile(r"€|\beuros?\b|\bEUR\b", re.IGNORECASE)


def _signed_after_word(text: str, start: int, end: int, figure: str) -> bool:
    """A "- " between a word that introduces a sum ("de", "soit", "à") and a figure with cents or a
    currency is its sign ("reporté de - 3.068,47 €"); see _SUM_INTRODUCER_BEFORE."""
    if start < 2 or not _SPACED_MINUS.search(text, start - 2, start):
        return False
    if not (re.search(r"[,.]\d{2}$", figure) or _CURRENCY_IN.search(text, start, end + 6)):
        return False
    line_start = text.rfind("\n", 0, start - 2) + 1
    return _SUM_INTRODUCER_BEFORE.search(text, line_start, start - 2) is not None


# a line holding only a signed sum ("+ 20 600 €", "- 10 805 €"), in a column of such lines
_SIGNED_LINE = re.compile(rf"(?m)^{_HSPACE}*[-−–+]{_HSPACE}?\d[^\n]*?€{_HSPACE}*$")
SIGNED_LINE_REACH = 3  # non-blank lines looked at on each side


def _signed_line(text: str, start: int, end: int) -> bool:
    """A "- " before a sum alone on its line is a sign in a column of signed sums (a line above or
    below, among the nearest, is "+ …"): a credit change printed one cell a line ("+ 20 600 €",
    "- 10 805 €"); a bullet list ("- 500 € pour …", "- 300 €" with no "+" near) is no sign."""
    if start < 2 or not _SPACED_MINUS.search(text, start - 2, start):
        return False
    line_start = text.rfind("\n", 0, start - 2) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : start - 2].strip() or not re.fullmatch(
        rf"{_HSPACE}*€?{_HSPACE}*", text[end:line_end]
    ):
        return False
    before = [x for x in text[:line_start].splitlines() if x.strip()][-SIGNED_LINE_REACH:]
    after = [x for x in text[line_end:].splitlines() if x.strip()][:SIGNED_LINE_REACH]
    return any(x.lstrip().startswith("+") and _SIGNED_LINE.fullmatch(x) for x in before + after)


# a line ending with a signed sum after its label ("6232 Fêtes et cérémonies +10 000", "615221
# Bâtiments publics - 2 500"): the rows of a credit change
_PLUS_LAST_CELL = re.compile(
    rf"[^\n]*[^\W\d_][^\n]*{_HSPACE}\+{_HSPACE}?\d[\d{_GROUP_SEP[1:-1]}]*(?:[,.]\d{{2}})?{_HSPACE}*€?{_HSPACE}*"
)


def _signed_last_cell(text: str, start: int, end: int) -> bool:
    """A "- " before the last sum of a labelled line is a sign in a column of such rows (a line
    among the nearest ends with "+ …" after its label): a décision modificative printed one account
    a line ("6232 Fêtes et cérémonies +10 000" above "615221 Bâtiments publics - 2 500"); a label
    and its cell joined by a dash with no "+" row near ("Solde reporté (001) - 84 210,35") is no
    sign."""
    if start < 2 or not _SPACED_MINUS.search(text, start - 2, start):
        return False
    line_start = text.rfind("\n", 0, start - 2) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not re.search(r"[^\W\d_]", text[line_start : start - 2]) or not re.fullmatch(
        rf"{_HSPACE}*€?{_HSPACE}*", text[end:line_end]
    ):
        return False
    before = [x for x in text[:line_start].splitlines() if x.strip()][-SIGNED_LINE_REACH:]
    after = [x for x in text[line_end:].splitlines() if x.strip()][:SIGNED_LINE_REACH]
    return any(_PLUS_LAST_CELL.fullmatch(x) for x in before + after)


def _figure_groups(figure: str) -> tuple[list[str], str]:
    """Integer groups of a figure ("46 400 165 350,00" -> ["46", "400", "165", "350"], ",00")."""
    whole = re.match(rf"[\d{_GROUP_SEP[1:-1]}]+", figure)
    assert whole is not None
    return re.split(_GROUP_SEP, whole.group()), figure[whole.end() :]


def _merged_cells(figure: str) -> list[tuple[str, int, int]] | None:
    """Two table cells glued into one figure ("46 400 165 350,00"): the only way to cut it into
    two figures of at least 1 000, as (figure, start, end) within ``figure``; None if it is one
    figure or the cut is ambiguous."""
    groups, tail = _figure_groups(figure)
    if sum(len(g) for g in groups) < MERGED_CELLS_MIN_DIGITS or len(groups) < 4:
        return None
    cuts = [
        k
        for k in range(2, len(groups) - 1)
        if groups[k][0] != "0" and all(len(g) == 3 for g in groups[1:])
    ]
    if len(cuts) != 1:
        return None
    # offsets: every group is followed by one separator character
    offsets = [0]
    for g in groups:
        offsets.append(offsets[-1] + len(g) + 1)
    cut = cuts[0]
    left_end = offsets[cut] - 1
    return [(figure[:left_end], 0, left_end), (figure[offsets[cut] :], offsets[cut], len(figure))]


def _to_match(text: str, f: Found) -> Found:
    """Public form of a single match."""
    return dataclasses.replace(
        f,
        value=float(f.value),
        text=text[f.start : f.end],
        currency="EUR",
        rule_id="words" if f.in_words else "figure",
        in_words=f.in_words,
    )


def rules_read(text: str) -> list[str]:
    """The rules that read a sum in ``text`` (phrasings/amount.toml's ids, and the readings of
    table rows and summing lists), in the order of the sums, each once."""
    return list(dict.fromkeys(f.rule_id for f in _candidates(text)))


def find_amounts(text: str) -> list[Found]:
    """Every sum of money in ``text``, in order, with offsets into ``text``: ``value`` the sum,
    ``text`` its figure as printed (or its words when only words are printed), ``rule_id``
    "figure", "words" or "figure+words" (the same sum in figures and in words, one span)."""
    found = _candidates(text)
    out: list[Found] = []
    i = 0
    while i < len(found):
        cur = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if not cur.in_words:
            # figure then words: "259 100 € (deux cent cinquante-neuf mille et cent euros)"
            if (
                nxt is not None
                and nxt.in_words
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
            and not nxt.in_words
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


@functools.lru_cache(maxsize=1)  # a deliberation's sums are read for its amounts, then its grants
def amounts_between(text: str, start: int, end: int) -> tuple[Found, ...]:
    """:func:`find_amounts` of ``text[start:end]`` (offsets in that slice): the sums of one
    deliberation, read once for the readers that ask for them one after the other."""
    return tuple(find_amounts(text[start:end]))


def _merged(text: str, *, figure: Found, start: int, end: int) -> Found:
    """One match for a figure and the same sum written in words."""
    return Found(
        "amounts",
        float(figure.value),
        start,
        end,
        "figure+words",
        text=text[figure.start : figure.end],
        currency="EUR",
        in_words=True,
    )
