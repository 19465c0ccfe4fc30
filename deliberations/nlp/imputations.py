"""Budget imputations (M14 / M57 nomenclatures) as councils print them.

Two kinds of rules, both rows of the phrasing table ``phrasings/imputation.toml`` (each with its
examples and near misses), compiled once at import; the characters a code is printed with are the
fragments this module fills into their placeholders:

* ``COMPONENT_PATTERNS``: one labelled component ("chapitre 65", "article 6574", "fonction 520",
  "opération 1056", "c/6574", ...).  Adjacent labelled components separated only by
  punctuation or a small connector ("-", ",", "de l'") are merged into one imputation.
* ``COMPACT_PATTERNS``: unlabelled codes that need a context to be trusted ("imputation
  65-6574-520", a credit line "65 - 6574 : 1 500 €", a table row "D 6574 ... + 1 500").

Offsets are offsets into the string given.  Newlines and form feeds count as spaces.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from deliberations import nomenclature
from deliberations.nlp import phrasings, units
from deliberations.nlp.found import Found, ImputationParts

__all__ = [
    "COMPACT_PATTERNS",
    "COMPONENT_PATTERNS",
    "distinct_imputations",
    "find_imputations",
    "is_valid_article",
    "is_valid_chapitre",
    "is_valid_fonction",
    "parse_imputation",
    "parts_of",
]

# --------------------------------------------------------------------------- validation

#: Chapitres starting with 0 that exist in M14/M57 (soldes, virements, opérations d'ordre,
#: dépenses imprévues, charges à caractère général / de personnel, atténuations).
SPECIAL_CHAPITRES = frozenset(
    {
        "001", "002", "011", "012", "013", "014", "015", "016", "017", "018", "019",
        "020", "021", "022", "023", "024", "026", "027", "040", "041", "042", "043", "045",
    }
)  # fmt: skip


def is_valid_chapitre(code: str) -> bool:
    """2-3 digits of class 1-7, one of the special ``0xx`` chapitres, or a chapter of the functional
    presentation (``900``–``954``, as the shipped M14/M57 plans list them)."""
    if not code.isdigit() or not 2 <= len(code) <= 3:
        return False
    if code[0] == "0":
        return code in SPECIAL_CHAPITRES
    if code[0] == "9":
        return code in nomenclature.functional_chapters()
    return code[0] in "1234567"


# the accounts that carry a section's balance or transfer ("compte 001 « Solde d'exécution »")
SECTION_ACCOUNTS = frozenset({"001", "002", "021", "023", "024"})


def is_valid_article(code: str) -> bool:
    """An account (nature) of classes 1 to 7: 2 to 6 digits starting with 1-7."""
    return code.isdigit() and 2 <= len(code) <= 6 and code[0] in "1234567"


def is_valid_fonction(code: str, *, sous_fonction: bool = False) -> bool:
    """1-3 digits (M14 "025", M57 "0", "311"); M57 sous-fonctions may have 4 ("0100")."""
    return code.isdigit() and 1 <= len(code) <= (4 if sous_fonction else 3)


# --------------------------------------------------------------------------- building blocks

_WS = r"[\s\u00a0]"  # \s covers \n, \r, \f, \t
_NUM_END = r"(?![\d])(?![.,/\-–]\d)(?!\s*(?:er|e|ème|°)\b)"
_VALUE_SEP = rf"{_WS}*(?:n\s?°|n[o°]\.?{_WS}|:|=)?{_WS}*"
_QUALIFIER = rf"(?:{_WS}+(?:budg[ée]taires?|comptables?|d['’]imputation))?"

# after an "article"/"chapitre" number: what shows it is a legal or contractual reference
_LEGAL_AFTER = re.compile(
    rf"{_WS}*(?:,{_WS}*)?(?:"
    r"(?:\d{1,2}\s+)?(?:[A-Z]\s+)?(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)\b"
    r"|al(?:in[ée]a|\.)|\d+°|[IVX]+\b"
    r"|[A-Z]\s+(?:du|de)\b"
    r"|(?:du|de|de\s+la|de\s+l['’]|des|dudit|de\s+ladite)\s+(?:m[êe]me\s+|pr[ée]sente?\s+|nouve(?:au|l(?:le)?)\s+)?"
    r"(?:code|cgct|cgi|c\.g\.|loi|d[ée]cret|arr[êe]t[ée]|convention|contrat|r[èe]glement|statuts?"
    r"|ordonnance|directive|trait[ée]|constitution|cahier|march[ée]|accord|acte|annexe|bail"
    r"|avenant|ccap|cctp|rapport|document|titre|livre|pacte|charte|protocole|d[ée]lib[ée]ration"
    r"|pr[ée]sente?|pr[ée]c[ée]dent|plan|projet|texte|circulaire)"
    r")",
    re.IGNORECASE,
)
# before "article N": the article is a legal reference
_LEGAL_BEFORE = re.compile(
    r"(?:\bvu|application|conform[ée]ment|pr[ée]vue?s?|vis[ée]e?s?|mentionn[ée]e?s?|d[ée]finie?s?"
    r"|au\s+sens|en\s+vertu|titre|dispositions|r[ée]f[ée]rence|stipul[ée]e?s?|notamment)\b[^.;\n\f]{0,25}$"
    r"|\b(?:code|cgct|cgi|loi)\b[^.;\n\f]{0,40}$",
    re.IGNORECASE,
)
# "l'association compte 12 adhérents": the verb, not the account
_COMPTE_NOUN_BEFORE = re.compile(
    r"(?:^|[(\[,:;\-–—/*•]|\b(?:au|du|le|un|ce|m[êe]me|sur|en|imput[ée]e?s?|inscrits?|pr[ée]vus?"
    r"|ouverts?|d[ée]bit|cr[ée]dit|dont))[ \t\u00a0]*$",
    re.IGNORECASE,
)
_THOUSANDS_AFTER = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")
_AFTER_COMPTE_VERB = re.compile(
    r"[ \t\u00a0]+(?!du\b|de\b|des\b|au\b|aux\b|en\b|sur\b|et\b|ou\b|pour\b|intitul)[a-zà-ÿ]"
)


@dataclass(frozen=True)
class ComponentPattern:
    """One labelled component: ``label value`` (e.g. "chapitre 65"), a rule of
    ``phrasings/imputation.toml``."""

    name: str
    field: str  # chapitre | article | fonction | operation | line
    regex: re.Pattern[str]


@dataclass(frozen=True)
class CompactPattern:
    """An unlabelled code trusted because of its context (a rule of ``phrasings/imputation.toml``)."""

    name: str
    regex: re.Pattern[str]


# "opération d'investissement n° 0004", "opération d'équipement 109": the kind of operation
_OPERATION_QUALIFIER = rf"(?:{_WS}+d['’](?:investissement|[ée]quipement))?"
# "Compte R001 : Solde d'exécution reporté", "compte R 1068": the sense (recette, dépense) glued
# before an account an affectation names (not "compte R 1068" read as a whole class "R")
_SENSE_BEFORE = r"(?:(?-i:[DR])[ \t\u00a0]?(?=\d))?"


_DIGITS_2_3 = rf"\d{{2,3}}{_NUM_END}"
_DIGITS_2_6 = rf"\d{{2,6}}{_NUM_END}"
_DIGITS_3_6 = rf"\d{{3,6}}{_NUM_END}"
_DIGITS_1_4 = rf"\d{{1,4}}{_NUM_END}"
_OP_CODE = r"(?=[\w]*\d)[A-Z0-9][A-Z0-9_]*(?:[/.\-][A-Z0-9_]+)*(?![\w])"


# the placeholders of ``phrasings/imputation.toml``: the characters a code is printed with
_FRAGMENTS = {
    "WS": _WS,
    "NUM_END": _NUM_END,
    "VALUE_SEP": _VALUE_SEP,
    "QUALIFIER": _QUALIFIER,
    "OPERATION_QUALIFIER": _OPERATION_QUALIFIER,
    "SENSE_BEFORE": _SENSE_BEFORE,
    "DIGITS_2_3": _DIGITS_2_3,
    "DIGITS_2_6": _DIGITS_2_6,
    "DIGITS_3_6": _DIGITS_3_6,
    "DIGITS_1_4": _DIGITS_1_4,
    "OP_CODE": _OP_CODE,
}


#: the labelled components, from ``phrasings/imputation.toml`` (in its order)
COMPONENT_PATTERNS: tuple[ComponentPattern, ...] = tuple(
    ComponentPattern(rule.id, str(rule.properties["field"]), rule.compiled(_FRAGMENTS))
    for rule in phrasings.of_kind("imputation", "component")
)

# between two labelled components of one imputation
_JOIN = re.compile(
    rf"{_WS}*(?:[-–—/,:;|(]{_WS}*)?(?:(?:de{_WS}+l['’]|du|de{_WS}+la|et|en|l['’]){_WS}*)?",
    re.IGNORECASE,
)

_CODE3 = (
    rf"(?P<chapitre>\d{{2,3}}){_WS}*(?P<sep>[-–/.]){_WS}*(?P<article>\d{{2,6}})"
    rf"(?:{_WS}*(?P=sep){_WS}*(?P<fonction>\d{{1,3}}))?{_NUM_END}"
)
_AMOUNT_AHEAD = (
    r"(?=[^\n]{0,120}(?:\n[^\n]{0,80})?"
    r"(?:[+\-−]\s?\d|\d(?:[\d \u00a0.]*\d)?,\d{2}\b|\d\s*(?:€|euros?\b|EUR\b)))"
)

# a signed change in the row's column after the code, not another part of the code: "D 611 -3
# 463,00 €" (a spaced minus, then a sum with cents), not "D 6574-025" nor "R 1641 / 16"
_SIGNED_CELL = r"[ \t]+[-−–][ \t]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*[,.]\d{2}(?!\d)"

_FRAGMENTS |= {"CODE3": _CODE3, "AMOUNT_AHEAD": _AMOUNT_AHEAD, "SIGNED_CELL": _SIGNED_CELL}
#: the unlabelled codes trusted from their context ("imputation 65-6574-520", a credit line "65 -
#: 6574 : 1 500 €", a table row "D 6574 ... + 1 500"), from ``phrasings/imputation.toml``
COMPACT_PATTERNS: tuple[CompactPattern, ...] = tuple(
    CompactPattern(rule.id, rule.compiled(_FRAGMENTS))
    for rule in phrasings.of_kind("imputation", "compact")
)

_ARTICLE_LABEL_BEFORE = re.compile(r"\b(?:articles?|art\.)[\s\u00a0]*$", re.IGNORECASE)


# --------------------------------------------------------------------------- scanning


TOTAL_BEFORE_RE = re.compile(r"\b(?:sous[-\s]?)?total\b[^\n]*$", re.IGNORECASE)


def _component_ok(p: ComponentPattern, m: re.Match[str], text: str) -> bool:
    value = m.group("value")
    after = text[m.end() : m.end() + 80]
    before = text[max(0, m.start() - 60) : m.start()]
    if TOTAL_BEFORE_RE.search(before):
        return False  # "Sous-total cpte 6574", "Total chapitre 011": a table's total, no imputation
    if p.field == "chapitre":
        return is_valid_chapitre(value) and not _LEGAL_AFTER.match(after)
    if p.field == "article":
        if not (is_valid_article(value) or value in SECTION_ACCOUNTS):
            return False
        if p.name == "article":
            return not _LEGAL_AFTER.match(after) and not _LEGAL_BEFORE.search(before)
        if (
            p.name == "compte"
            and m.group("label").islower()
            and not _COMPTE_NOUN_BEFORE.search(before)
        ):
            # "compte" lowercase, not after a determiner: maybe the verb ("compte 12 adhérents",
            # "compte 100 000 habitants")
            return (
                not _AFTER_COMPTE_VERB.match(after)
                and not _THOUSANDS_AFTER.match(after)
                and len(value) >= 3
            )
        return True
    if p.field == "fonction":
        if re.search(r"\ben[\s\u00a0]*$", before, re.IGNORECASE):
            return False
        return is_valid_fonction(value, sous_fonction=p.name == "sous_fonction")
    return True  # operation: any code string


# more codes after a labelled one: "chapitres 68 et 78", "articles 6574, 6558 et 65738" -- each is
# an imputation of its own; not a sum nor a count ("article 6574 et 300 €", "et 100 000 habitants")
ENUMERATION_NEXT = re.compile(
    rf"{_WS}*(?:,|\bet\b|\bou\b){_WS}*(?P<value>\d{{2,6}}){_NUM_END}"
    r"(?![ \u00a0\u202f]?(?:\d{3}(?!\d)|€|eur|%))",
    re.IGNORECASE,
)
_ENUMERABLE = frozenset({"chapitre", "article", "compte", "nature"})


def _enumerated(p: ComponentPattern, m: re.Match[str], text: str) -> list[Found] | None:
    """The codes listed after a labelled one; None when the list is of legal articles."""
    out: list[Found] = []
    pos = m.end()
    while (nxt := ENUMERATION_NEXT.match(text, pos)) is not None:
        value = nxt.group("value")
        valid = is_valid_chapitre(value) if p.field == "chapitre" else is_valid_article(value)
        if not valid or len(value) < len(m.group("value")) - 1:
            break  # "article 6574 et 12": not another account
        if _LEGAL_AFTER.match(text, nxt.end()):
            return None  # "articles 1609 et 1636 du CGI": references to a code
        out.append(Found(p.field, nxt.group("value"), nxt.start("value"), nxt.end("value"), p.name))
        pos = nxt.end()
    return out


def _labelled_parts(text: str) -> list[Found]:
    """Each component labelled in ``text`` (``field`` the part it fills, "chapitre", "article",
    …; ``rule_id`` the component pattern that read it), the first of overlapping ones kept."""
    parts: list[Found] = []
    for p in COMPONENT_PATTERNS:
        for m in p.regex.finditer(text):
            if _component_ok(p, m, text):
                more = _enumerated(p, m, text) if p.name in _ENUMERABLE else []
                if more is None:
                    continue
                parts.append(Found(p.field, m.group("value"), m.start(), m.end(), p.name))
                parts.extend(more)
    parts.sort(key=lambda q: (q.start, -q.end))
    kept: list[Found] = []
    for q in parts:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


# the label of a component, up to the next component's line: "Compte 6574 – Subventions de
# fonctionnement aux\nassociations et autres personnes de droit privé\nSous-fonction 025" (a label
# wrapped on at most three lines, no figure in it; OCR'd text may leave a blank line between them)
LABELLED_ROW_GAP = re.compile(
    r"[ \t]*[:\-–]?[ \t]*[A-Za-zÀ-ÿ'’][^\n\d€]{0,70}\n(?:[ \t]*\n)?[ \t]*"
    r"(?:[a-zà-ÿ(][^\n\d€]{0,70}\n(?:[ \t]*\n)?[ \t]*){0,2}"
)
FIELD_ORDER = ("chapitre", "article", "fonction", "operation")


def _follows(previous: str, following: str) -> bool:
    if previous not in FIELD_ORDER or following not in FIELD_ORDER:
        return False
    return FIELD_ORDER.index(following) > FIELD_ORDER.index(previous)


# between an account's line and the fonction lines broken down under it: labels, no other code,
# no total ("Sous-total cpte 6574" closes the breakdown)
BREAKDOWN_GAP = re.compile(r"(?:(?!\b(?:sous-)?total\b)[^\d€+])*", re.IGNORECASE)
BREAKDOWN_REACH = 600


def _account_above(text: str, groups: list[list[Found]], q: Found) -> list[Found] | None:
    """The chapter and account of the table row above that a fonction line breaks down, when the
    lines between are labels of the same breakdown (each on its own line, no sum, no total)."""
    if q.field != "fonction" or not groups or "\n" not in text[groups[-1][-1].end : q.start]:
        return None
    last = groups[-1]
    if "article" not in {p.field for p in last} or "fonction" not in {p.field for p in last}:
        return None
    if q.start - last[-1].end > BREAKDOWN_REACH or not BREAKDOWN_GAP.fullmatch(
        text[last[-1].end : q.start]
    ):
        return None
    # the inherited parts stand, empty, where the fonction line starts: its span is its own line's
    return [
        Found(p.field, p.value, q.start, q.start, "inherited")
        for p in last
        if p.field in ("chapitre", "article")
    ]


# An operation alone is an imputation where a spending is put on it: in a vote by operation, the
# operation's number is the chapter its spendings are voted in (M14/M57: "chaque opération est
# affectée d'un numéro ... le chapitre de dépenses correspond à ce numéro"). Seen put so: "régler
# ces dépenses à l'opération 0004", "abonder l'opération 2019001", "inscrire les crédits sur
# l'opération d'investissement 0004", "budget général - section d'investissement – opération 1040"
# (a commune and an agglomeration of the real set; communes' minutes in the census). Not an
# operation talked about ("L'opération 0009 pour un montant de …", "l'opération n°1 concerne"), nor
# a year ("l'opération 2019"), nor a count ("opération 12 logements").
OPERATION_PUT_BEFORE = re.compile(
    r"(?:\b(?:[àa]|sur|abonder)\s+l['’]|(?:budget|investissement)\b[^.;\n]{0,40}?\s[-–—]\s*)\Z",
    re.IGNORECASE,
)
OPERATION_SPENDING_CUE = re.compile(
    r"\b(?:budget|section\s+d['’]investissement|cr[ée]dits?|d[ée]penses?|abonder|inscri\w*"
    r"|imput\w*|r[ée]gl\w+|financ\w+|mandat\w*)\b",
    re.IGNORECASE,
)
OPERATION_SENTENCE_BREAK = re.compile(r"[.;]\s|\n\s*\n")
OPERATION_CODE_ALONE = re.compile(r"(?!(?:19|20)\d\d\b)\d{3,8}(?:-\d{2,6}){0,2}")


def _operation_cued(text: str, part: Found) -> bool:
    """An operation named alone is one a spending is put on (see OPERATION_PUT_BEFORE)."""
    if part.rule_id != "operation" or not OPERATION_CODE_ALONE.fullmatch(str(part.value)):
        return False
    if not text[part.start : part.start + 2].lower().startswith("op"):
        return False
    sentence = text[units.sentence_start(text, part.start, OPERATION_SENTENCE_BREAK) : part.start]
    if not OPERATION_PUT_BEFORE.search(sentence):
        return False
    return OPERATION_SPENDING_CUE.search(sentence) is not None


def _imputation(parts: ImputationParts, printed: str, start: int, end: int, rule: str) -> Found:
    """An imputation read: its parts, as printed, where, and by which rule."""
    return Found("imputations", parts, start, end, rule, text=printed)


def _group_parts(text: str, parts: list[Found]) -> list[Found]:
    groups: list[list[Found]] = []
    for q in parts:
        if groups:
            last = groups[-1]
            gap = text[last[-1].end : q.start]
            fields = {x.field for x in last}
            j = _JOIN.fullmatch(gap)
            # a new line starting with a capitalised label is a new table row, not a wrap
            new_row = "\n" in gap and gap.strip() == "" and text[q.start].isupper()
            if j is not None and len(gap) <= 16 and q.field not in fields and not new_row:
                last.append(q)
                continue
            # a table of credits: "Chapitre 23 Immobilisations en cours\nArticle 2315 : …\nProgramme 101"
            # -- each component on its own line after a label, in the order of the nomenclature
            if (
                LABELLED_ROW_GAP.fullmatch(gap)
                and q.field not in fields
                and _follows(last[-1].field, q.field)
            ):
                last.append(q)
                continue
            # a credit table broken down by fonction under its account: "Compte 6574 - Subventions …\n
            # Sous-fonction 025 …\nSous-fonction 0410 …": each fonction line is the account's
            account = _account_above(text, groups, q)
            if account is not None:
                groups.append([*account, q])
                continue
        groups.append([q])
    groups = _bound_by_nomenclature(text, groups)
    out: list[Found] = []
    for g in groups:
        values = {q.field: q.value for q in g if q.field != "line"}
        # an operation, a fonction or a credit line number alone is too ambiguous -- unless the
        # operation is where a spending is put ("abonder l'opération 2019001")
        if not values or (set(values) == {"operation"} and not _operation_cued(text, g[0])):
            continue
        if set(values) == {"fonction"} and len(values["fonction"]) < 2:
            continue
        start, end = g[0].start, g[-1].end
        out.append(
            _imputation(
                ImputationParts(
                    values.get("chapitre"),
                    values.get("article"),
                    values.get("fonction"),
                    values.get("operation"),
                ),
                text[start:end],
                start,
                end,
                "labelled",
            )
        )
    return out


# between an account and its chapter stated apart: "compte 1068 (chapitre 10)", "article 6574 du
# chapitre 65", "au chapitre 65, article 6574" -- no sentence end, no figure
BOUND_GAP = re.compile(r"[^.;\n\d€]{0,30}")


def _bound_by_nomenclature(text: str, groups: list[list[Found]]) -> list[list[Found]]:
    """Join an account and a chapter printed apart when the plans vote that account in that chapter
    (whatever their order): one imputation, not two."""
    out: list[list[Found]] = []
    for g in groups:
        if out:
            last = out[-1]
            fields_last = {q.field for q in last}
            fields_g = {q.field for q in g}
            gap = text[last[-1].end : g[0].start]
            if BOUND_GAP.fullmatch(gap) and not (fields_last & fields_g - {"line"}):
                merged = last + g
                values = {q.field: q.value for q in merged}
                if (
                    "chapitre" in values
                    and "article" in values
                    and nomenclature.account_in_chapter(values["article"], values["chapitre"])
                ):
                    out[-1] = merged
                    continue
        out.append(g)
    return out


def _chapitre_article_pair(a: str, b: str) -> tuple[str, str] | None:
    """Order a pair of codes as (chapitre, article) when the nomenclature allows it."""
    if is_valid_chapitre(a) and is_valid_article(b) and (b.startswith(a) or a[0] == "0"):
        return a, b
    if is_valid_chapitre(b) and is_valid_article(a) and a.startswith(b) and len(a) > len(b):
        return b, a
    if a == b and a in SECTION_ACCOUNTS:
        return a, a  # "024/024 : + 500 €": virements, cessions and soldes are their own chapter
    return None


# the sense each section account is printed with in a credit table: the transfer between the
# sections is a dépense of fonctionnement (023) and a recette of investissement (021), the
# proceeds of sales a recette (024), the results carried over either (001, 002)
SECTION_ROW_SENSES = {"021": "R", "023": "D", "024": "R", "001": "DR", "002": "DR"}


def _section_row(sens: str | None, article: str) -> bool:
    """A row of a section account under its own sense ("D 023", "R 021"; not "R 023")."""
    return bool(sens) and sens[0] in SECTION_ROW_SENSES.get(article, "")


def _operation_suffix(article: str, suffix: str) -> bool:
    """The code glued after an account by a hyphen ("D 2313-164", "R 1322-076") is the operation its
    investment is voted in: M14/M57 vote operations in the investment section only (accounts of
    classes 1 and 2), and a suffix that is a fonction of the plans ("2313-020", "2183-212") may be
    the fonction instead: left unread (a gap is better than a wrong part); so is an account the
    plans do not have ("D2025-008-": an act's number)."""
    return (
        article[0] in "12"
        and nomenclature.known_account(article)
        and suffix not in nomenclature.fonctions()
    )


def _compact_matches(text: str) -> list[Found]:
    out: list[Found] = []
    for p in COMPACT_PATTERNS:
        for m in p.regex.finditer(text):
            chapitre = article = fonction = operation = None
            start = m.start()
            if p.name == "imputation_code":
                chapitre, article, fonction = m.group("chapitre", "article", "fonction")
                if not (is_valid_chapitre(chapitre) and is_valid_article(article)):
                    continue
                if fonction is not None and not is_valid_fonction(fonction):
                    continue
            elif p.name == "imputation_article_fonction":
                article, fonction = m.group("article", "fonction")
                if not (nomenclature.known_account(article) and is_valid_fonction(fonction)):
                    continue
            elif p.name == "imputation_account":
                article = m.group("article")
                if not is_valid_article(article):
                    continue
            elif p.name == "credit_line":
                pair = _chapitre_article_pair(m.group("a"), m.group("b"))
                if pair is None:
                    continue
                chapitre, article = pair
                start = m.start("a")
            elif p.name == "table_sens":
                article = m.group("article")
                chapitre = m.group("chapitre") or m.group("ordre")
                operation = m.group("operation")
                if not (is_valid_article(article) or _section_row(m.group("sens"), article)) or (
                    chapitre and chapitre not in SPECIAL_CHAPITRES
                ):
                    continue
                if operation is not None and not (
                    _operation_suffix(article, operation)
                    and not text[text.rfind("\n", 0, start) + 1 : start].strip()
                ):
                    continue  # an operation is read on a row of its own, not in a sentence
                    # ("Vu les articles L 2121-29 et R 2312-17 du CGCT")
                if _ARTICLE_LABEL_BEFORE.search(text[max(0, start - 20) : start]):
                    continue  # "article R 2342": a code reference
            if p.name == "credit_line":
                end = m.end("b")
            elif p.name == "table_sens" and (m.group("chapitre") or m.group("operation")):
                end = m.end("chapitre") if m.group("chapitre") else m.end("operation")
            elif p.name == "table_sens" and m.group("ordre"):
                end = m.end("ordre") + 1  # the closing bracket
            elif fonction is not None:
                end = m.end("fonction")
            else:
                end = m.end("article")
            parts = ImputationParts(chapitre, article, fonction, operation)
            out.append(_imputation(parts, text[start:end], start, end, p.name))
    return out


def find_imputations(text: str) -> list[Found]:
    """Every budget imputation printed in ``text``, in reading order, spans not overlapping."""
    found = _compact_matches(text) + _group_parts(text, _labelled_parts(text))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Found] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            prev = kept[-1]
            if (m.end - m.start) > (prev.end - prev.start) and m.start == prev.start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


_COMPACT_ONE = re.compile(
    r"[\s\u00a0]*(?P<chapitre>\d{2,3})[\s\u00a0]*(?P<sep>[-–/.])[\s\u00a0]*(?P<article>\d{2,6})"
    r"(?:[\s\u00a0]*(?P=sep)[\s\u00a0]*(?P<fonction>\d{1,3}))?[\s\u00a0]*"
)


def parse_imputation(text: str) -> Found | None:
    """Parse one compact code "65-6574-520" / "65/6574/520" / "65-6574" (chapitre-article-fonction)."""
    m = _COMPACT_ONE.fullmatch(text)
    if m is None:
        return None
    chapitre, article, fonction = m.group("chapitre", "article", "fonction")
    if not (is_valid_chapitre(chapitre) and is_valid_article(article)):
        return None
    if fonction is not None and not is_valid_fonction(fonction):
        return None
    start = m.start("chapitre")
    end = m.end("fonction") if fonction else m.end("article")
    parts = ImputationParts(chapitre, article, fonction, None)
    return _imputation(parts, text[start:end], start, end, "compact_code")


# --------------------------------------------------------------------------- account lines

# a deliberation that changes credits: its tables list the accounts they move (the cue rule of
# phrasings/imputation.toml)
(CREDIT_CHANGE_RE,) = (rule.compiled(_FRAGMENTS) for rule in phrasings.of_kind("imputation", "cue"))
_ACCOUNT_LINE_RULES = {
    rule.id: rule.compiled(_FRAGMENTS) for rule in phrasings.of_kind("imputation", "account_line")
}
# "6521 Déficit budget annexe", "6811 (042) Dotations aux amortissements", "1641 - 00 Emprunts",
# "023 Virement à la section d'investissement": a line (or a cell after a sum) opening on an account;
# the rows of the DM tables accounting software prints under "Article (Chap.) - Opération Montant":
# "6156 (011) : Maintenance -204,00", "673 (67) : Titres annulés", "2313 (23) - 118 : Constructions"
ACCOUNT_LINE_RE = _ACCOUNT_LINE_RULES["account_line"]


# the column headers of a credit table: "Chap. Libellé BP 2021 DM 1" lists chapters (budget
# structure, no imputation); "Article Désignation Diminution de crédits" lists accounts
TABLE_HEADER_RE = re.compile(
    r"(?im)^[ \t]*(?:(?P<chapters>chap(?:itres?|\.)?)|articles?|comptes?|natures?|imputations?)"
    r"[ \t]+(?:libell[ée]s?|intitul[ée]s?|d[ée]signations?)\b"
)


@cache
def known_accounts() -> frozenset[str]:
    """Every account code of the M14 and M57 plans shipped with the package."""
    path = resources.files("deliberations.data").joinpath("nomenclatures").joinpath("comptes.csv")
    with path.open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


def credit_change(text: str) -> bool:
    """A deliberation that moves credits (décision modificative, virement, budget supplémentaire)."""
    return CREDIT_CHANGE_RE.search(text) is not None


# a chapter's line over the accounts of a credit table: "Chapitre 21", "Chapitre 13 subventions
# d'équipement" (alone on its line, no figure)
CHAPTER_LINE_RE = re.compile(r"(?im)^[ \t]*chap(?:itre|\.)?[ \t]*(?P<chapitre>\d{2,3})\b[^\n\d€]*$")
# an account alone before its signed change, under a chapter's line: "21538 +30 000,00€"
BARE_ACCOUNT_LINE_RE = _ACCOUNT_LINE_RULES["bare_account_line"]
# lines between a chapter's line and its accounts: other accounts of the table, each on its line
UNDER_CHAPTER_GAP = re.compile(r"(?:[ \t]*(?:\d{3,7}\b|[-+−–])[^\n]*\n)*[ \t]*")


def _chapter_above(text: str, heads: list[re.Match[str]], start: int, article: str) -> str | None:
    """The chapter whose line heads the rows of accounts ``article``'s row stands in, when the plans
    vote that account in it ("Chapitre 21\n21538 +30 000,00€\n2151 -30 000,00€"); ``heads``: the
    text's chapter lines (CHAPTER_LINE_RE), found once for all its rows."""
    line_start = text.rfind("\n", 0, start) + 1
    above = bisect_right([h.end() for h in heads], line_start)
    if not above:
        return None
    head = heads[above - 1]
    gap_start = head.end() + 1
    if gap_start > line_start or not UNDER_CHAPTER_GAP.fullmatch(text, gap_start, line_start):
        return None
    chapitre = head.group("chapitre")
    return chapitre if nomenclature.account_in_chapter(article, chapitre) else None


def _plan_code(code: str) -> bool:
    """An account of the M14/M57 plans; a short code that is not one is an operation number."""
    return code in SECTION_ACCOUNTS or (
        code[0] in "1234567" and len(code) <= 7 and (len(code) >= 5 or code in known_accounts())
    )


def find_account_lines(text: str) -> list[Found]:
    """Accounts listed one per line in the tables of a décision modificative (or a virement)."""
    if not CREDIT_CHANGE_RE.search(text):
        return []
    found = []
    headers = [(h.start(), h.group("chapters") is not None) for h in TABLE_HEADER_RE.finditer(text)]
    heads = list(CHAPTER_LINE_RE.finditer(text))
    for m in ACCOUNT_LINE_RE.finditer(text):
        under = [chapters for at, chapters in headers if at < m.start()]
        if under and under[-1]:
            continue  # a line of a table by chapter
        code = m.group("article")
        if not _plan_code(code):
            continue
        chapitre = m.group("chapitre")
        if chapitre and chapitre[0] != "0" and not nomenclature.account_in_chapter(code, chapitre):
            continue  # "2031 (16)": a chapter the plans do not vote that account in
        label = m.group("label").rstrip(" \t-+−–")  # not the sign of the row's sum
        end = m.start("label") + len(label)
        start = m.start("article")
        found.append(
            _imputation(
                ImputationParts(
                    chapitre or _chapter_above(text, heads, start, code),
                    code,
                    None,
                    m.group("operation"),
                ),
                " ".join(text[start:end].split()),
                start,
                end,
                "account_line",
            )
        )
    for m in BARE_ACCOUNT_LINE_RE.finditer(text):
        code = m.group("article")
        chapitre = (
            _chapter_above(text, heads, m.start("article"), code) if _plan_code(code) else None
        )
        if chapitre is None or any(f.start == m.start("article") for f in found):
            continue  # an account alone on its line is believed under its chapter's line only
        parts = ImputationParts(chapitre, code, None, None)
        found.append(
            _imputation(parts, code, m.start("article"), m.end("article"), "bare_account_line")
        )
    return sorted(found, key=lambda f: f.start)


IMPUTATION_PARTS = ("chapitre", "article", "fonction", "operation")
CHAPTER_TABLE_LINES = 3

# a row of a budget presented by chapter: "011 CHARGES A CARACTERE GENERAL 681 851.78", "65 AUTRES
# CHARGES DE GESTION", "002 EXCEDENT ANT.REPORTE" (a chapter's code, then its label in capitals; a
# cell of the facing column may stand before it on the same line)
CHAPTER_ROW_RE = re.compile(
    r"(?:^|(?<=[\n|])|(?<=\d[ \t]))[ \t]*(?P<code>\d{2,3})[ \t]+(?=[A-ZÉÈÀÂÎÔ]{3,}\b)"
    r"[A-ZÉÈÀÂÎÔ' ’.,/-]{6,}"
)


def budget_by_chapter(scope: str) -> bool:
    """The deliberation presents a budget by chapter: rows of at least ``CHAPTER_TABLE_LINES``
    chapters of the plans, each with its label in capitals. Its chapters named alone in the text
    ("des dépenses nouvelles au chapitre 011, charges à caractère général", "Le chapitre 012 …
    provisionne") describe that budget; a budget's structure is no imputation (the gold's
    convention in every body that votes its budget by chapter)."""
    chapters = nomenclature.chapters() | SPECIAL_CHAPITRES
    codes = {m.group("code") for m in CHAPTER_ROW_RE.finditer(scope) if m.group("code") in chapters}
    return len(codes) >= CHAPTER_TABLE_LINES


def parts_of(imp: Found) -> ImputationParts:
    """The parts of an imputation read by the rules of this module."""
    assert isinstance(imp.value, ImputationParts)
    return imp.value


def _chapter_only(p: ImputationParts) -> bool:
    return bool(p.chapitre) and not (p.article or p.fonction or p.operation)


def _parts(imp: Found) -> dict[str, str]:
    return {k: v for k in IMPUTATION_PARTS if (v := getattr(parts_of(imp), k)) is not None}


def _repeats(imp: Found, other: Found, other_is_line: bool) -> bool:
    """A phrase naming again an imputation read with more detail ("article 65738" after "65 -
    65738", "au chapitre 21" above "Chapitre 21 | 21538 +30 000", "abonder l'opération 0008"
    after "Article 2111 (Opé 0008)"), or the line of a credit table the text names ("comptes
    60636" and the row "60636 Habillement … + 1 000"): the same line printed twice."""
    mine, theirs = _parts(imp), _parts(other)
    if not all(theirs.get(k) == v for k, v in mine.items()):
        return False
    return len(theirs) > len(mine) or (other_is_line and len(theirs) == len(mine))


def distinct_imputations(scope: str) -> list[Found]:
    """Each imputation once: account lines of credit tables, then phrased ones; a phrase that
    repeats an imputation already read (see ``_repeats``) is the same line printed twice. The
    lines of a table are each a credit line of their own."""
    lines = find_account_lines(scope)
    taken = [(a.start, a.end) for a in lines]
    phrased = [i for i in find_imputations(scope) if not any(a <= i.start < b for a, b in taken)]
    chapters_only = [i for i in phrased if _chapter_only(parts_of(i))]
    if (credit_change(scope) and len(chapters_only) >= CHAPTER_TABLE_LINES) or (
        chapters_only and budget_by_chapter(scope)
    ):
        # a table of credits by chapter: its sums are amounts, its chapters no imputation
        phrased = [i for i in phrased if i not in chapters_only]
    line_ids = {id(a) for a in lines}
    found = sorted(phrased + lines, key=lambda i: i.start)
    kept: list[Found] = []
    seen: set[tuple] = set()
    for imp in found:
        repeated = id(imp) not in line_ids and any(
            other is not imp and _repeats(imp, other, id(other) in line_ids) for other in found
        )
        key = (*(getattr(parts_of(imp), k) for k in IMPUTATION_PARTS), " ".join(imp.text.split()))
        if id(imp) in line_ids:
            # the same account on two rows of a credit table: a dépense and a recette ("165 Dépôts
            # et cautionnements reçus" in both columns), each a credit line of its own
            key = (*key, imp.start)
        if repeated or key in seen:
            continue
        seen.add(key)
        kept.append(imp)
    return kept
