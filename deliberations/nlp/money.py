"""Scored sums and imputations: every candidate a deliberation's span gives, with its features and a
score; only candidates whose score reaches the threshold are facts of the record.

A gap is better than a wrong digit or a wrong chapter. The rules of ``amounts.py`` and
``imputations.py`` say what *could* be a sum or an imputation; this module says how sure each one
is, from where it stands (its zone, before or after the vote, in a debate), what surrounds it (a
digit glued before it, a currency, a cue of money), how it was read (OCR confidence, a row whose
cells disagree by one digit) and what the plans say (an account voted in that chapter). The
weights are data (``nlp/weights/amounts.toml``, ``nlp/weights/imputations.toml``), fitted on the
real set only by ``python -m scripts.fit_money_weights``.

Two hard rules stand before any weight, because the spec's conventions say so: a zero is not an
amount (zero cells are left out), and a year standing alone in a column is not a sum. One more
stands before the weights of an imputation, because the plans say so: its parts must be ones the
M14/M57 plans have, and have together (``plan_rejects``).
"""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from deliberations import nomenclature
from deliberations.nlp import lexicon, phrasings, units
from deliberations.nlp.amounts import NUMBERED_BEFORE, amounts_between, parse_figure
from deliberations.nlp.found import Found
from deliberations.nlp.imputations import COMPONENT_PATTERNS, SPECIAL_CHAPITRES, parts_of
from deliberations.nlp.zones import zones_of
from deliberations.schemas.document import DocumentText

__all__ = [
    "MoneyCandidate",
    "amount_candidates",
    "amount_features",
    "imputation_features",
    "score",
    "weights",
]


@dataclass
class MoneyCandidate:
    """A sum or an imputation that a rule read (``found``: global offsets in the document text; a
    sum's value to the cent, a "Montant" column's cell read by the rule "table_cell"), scored."""

    found: Found
    features: dict[str, float] = field(default_factory=dict)
    score: float = 1.0


def _sum(candidate: MoneyCandidate) -> float:
    value = candidate.found.value
    assert isinstance(value, float)
    return value


# --------------------------------------------------------------------------- weights


@cache
def weights(name: str) -> tuple[dict[str, float], float]:
    """The weights of ``nlp/weights/<name>.toml`` and its threshold."""
    raw = tomllib.loads(
        resources.files("deliberations.nlp.weights")
        .joinpath(f"{name}.toml")
        .read_text(encoding="utf-8")
    )
    return {k: float(v) for k, v in raw["weights"].items()}, float(raw["threshold"])


def score(features: dict[str, float], w: dict[str, float]) -> float:
    """The logistic score of a candidate: 1 / (1 + exp(-(bias + w·features)))."""
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# --------------------------------------------------------------------------- shared features

_WS = r"[ \t\u00a0\u202f]"
# a speaker in minutes: "M. DUPONT précise que", "Madame Anne PETIT rappelle", "Monsieur SUPERBI
# regrette", "Christine Chevillard ne comprend pas … et affirme", "M. le Président répond": a
# civility and a name in capitals, or a first name and a name, then a verb of speech
_SPEECH = (
    r"(?:pr[ée]cise|rappelle|indique|r[ée]pond|demande|affirme|explique|souligne|regrette"
    r"|s['’]interroge|interroge|ajoute|estime|pense|signale|note|s['’][ée]tonne|remarque|observe"
    r"|trouve|constate|intervient|d[ée]plore|comprend|insiste|craint|confirme|annonce|questionne)"
)
# a civility of the lexicon, as a whole word ("M.DUPONT" glued after the dot; not "Mes" nor "Meuble")
_CIVILITY = rf"\b{lexicon.pattern('civility')}(?:(?<=\.)|\b)"
SPEAKER_RE = re.compile(
    rf"(?:{_CIVILITY}\s*(?:[A-ZÉÈ][\w'’-]+\s+){{0,2}}[A-ZÉÈ][A-ZÉÈ'’-]{{2,}}\b"
    r"|\b[A-ZÉÈ][a-zéèëï]+(?:-[A-ZÉÈ][a-zéèëï]+)?\s+[A-ZÉÈ][a-zéèëï]+(?:-[A-ZÉÈ][a-zéèëï]+)?"
    r"(?=\s+(?:ne\s+)?" + _SPEECH + r"\b))"
    r"[^.\n]{0,30}?\b" + _SPEECH + r"\b"
    rf"|{_CIVILITY}\s+(?:le|la)\s+(?:Pr[ée]sidente?|Maire)\s+r[ée]pond\b"
)
# the start of the paragraph a candidate stands in: "Monsieur BEGUIN ajoute que … Pour 2025, ce
# sont déjà 6 prêts accordés pour 77 500 €" is the speaker's, whatever the sentence
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
SENTENCE_START_RE = re.compile(r"[.!?;]\s|\n\s*\n")
# a cue of money just before a figure: "pour un montant de", "s'élève à", "subvention de" (the
# cue rule of phrasings/amount.toml), then at most MONEY_CUE_GAP characters of its line, no figure
MONEY_CUE_GAP = 25
(MONEY_CUE_RE,) = (
    re.compile(rf"{rule.expand({})}[^\n\d]{{0,{MONEY_CUE_GAP}}}\Z", re.IGNORECASE)
    for rule in phrasings.table("amount")
    if rule.properties["kind"] == "cue"
)


def money_cued(text: str, start: int) -> bool:
    """A cue of money stands just before the figure at ``start``, on its line (see MONEY_CUE_RE,
    which holds no line break)."""
    return MONEY_CUE_RE.search(text, units.line_start(text, start), start) is not None


# a digit and nothing but spaces (or one line break) just before the figure: the figure is the
# tail of a longer one whose thousands group the text layer or OCR cut off ("1 758 724,05" read
# "1758 724,05", "412\n699,74 €", "1 2,60 €")
# (a head of one to four digits on the same line, or of one to three ending the line before, and
# the figure's own integer part of exactly three digits; or a head of one digit and an integer part
# of one or two, a decimal comma lost: "4 65 €"; a year is no head: "2019 500 €")
GLUED_DIGIT_BEFORE_RE = re.compile(
    rf"(?<![\d,.])(?:(?!19\d\d|20\d\d)[1-9]\d{{0,3}}{_WS}+|[1-9]\d{{0,2}}{_WS}*\r?\n{_WS}*)\Z"
)
_THREE_DIGIT_INTEGER_RE = re.compile(r"[-−–]?\s*\d{3}(?:[,.]\d+)?(?:\s*€.*)?", re.DOTALL)
SHORT_GLUED_BEFORE_RE = re.compile(rf"(?<![\d,.\w])[1-9]{_WS}+\Z")
_SHORT_INTEGER_RE = re.compile(r"\d{1,2}(?:[,.]\d+)?(?:\s*€.*)?", re.DOTALL)
_DIGITS_RE = re.compile(r"\d+")


def _sentence_before(text: str, start: int) -> str:
    """The sentence up to ``start``, within its paragraph."""
    return text[units.sentence_start(text, start, SENTENCE_START_RE) : start]


def _in_debate(text: str, start: int) -> bool:
    """A speaker's words: the sentence, or the opening of the paragraph, names a speaker."""
    if SPEAKER_RE.search(_sentence_before(text, start)):
        return True
    opening = text[units.paragraph_start(text, start, PARAGRAPH_BREAK_RE) : start]
    return SPEAKER_RE.match(opening.lstrip()) is not None


# the code of a credit table's row, all that stands before the figure on its line: a sense, an
# account of the plans, its operation or its chapitre d'ordre ("D 6251 300,00 €", "D 2313-118
# -475,00 €", "D 668 (040) 1 415,00 €"): the digits before the figure are the code's, no lost
# thousands group (without the sense, "6068 500,00" may be "6 068 500,00": still in doubt)
ROW_CODE_BEFORE_RE = re.compile(
    rf"^{_WS}*[DR][IF]?{_WS}?(?P<account>\d{{3,6}})(?:[-–]\d{{2,4}})?(?:{_WS}*\(0\d\d\))?{_WS}+\Z"
)


def _row_code_before(line_before: str) -> bool:
    m = ROW_CODE_BEFORE_RE.match(line_before)
    return m is not None and nomenclature.known_account(m.group("account"))


def _glued(printed: str, before: str, line_before: str = "") -> bool:
    """The figure is the tail of a longer one (see GLUED_DIGIT_BEFORE_RE), unless what stands
    before it on its line is a row's code (ROW_CODE_BEFORE_RE)."""
    if _row_code_before(line_before) or NUMBERED_BEFORE.search(line_before):
        return False  # "D 6251 300,00 €", "Cat. 3 840,00 €": the digits before are a code's
    if _THREE_DIGIT_INTEGER_RE.fullmatch(printed):
        return GLUED_DIGIT_BEFORE_RE.search(before) is not None
    return bool(_SHORT_INTEGER_RE.fullmatch(printed) and SHORT_GLUED_BEFORE_RE.search(before))


def _line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : len(text) if b < 0 else b]


def _zone_features(zone: str) -> dict[str, float]:
    return {
        "zone_table": float(zone == "table"),
        "zone_decision": float(zone == "decision"),
        "zone_recital": float(zone == "recital"),
        "zone_heading": float(zone == "heading"),
        "zone_meta": float(zone in ("attendance", "stamp", "signature", "vote")),
    }


# a line of the dispositif: "- adopte la décision modificative", "DÉCIDE de …", "• approuve …"
DISPOSITIF_LINE_RE = re.compile(
    rf"^[ \t]*(?:[-–•*]|\d+[°).])?[ \t]*{lexicon.pattern('decision_verb')}\b",
    re.IGNORECASE | re.MULTILINE,
)


# the end of a sentence: a full stop, a question or exclamation mark before a space or a line end
SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")
# a sum or a cell of a table: a figure with cents or a thousands group, or a currency
_SUM_BETWEEN_RE = re.compile(r"\d[,.]\d{2}\b|\d{1,3}[ \u00a0\u202f]\d{3}\b|€|\beuros?\b", re.I)
VOTE_SENTENCE_REACH = 600


DELIBERATED_RE = re.compile(lexicon.pattern("deliberated"), re.IGNORECASE)


def _vote_in_the_header(
    text: str, start: int, vote_spans: list[tuple[int, int]], scope: tuple[int, int]
) -> bool:
    """The votes before the candidate are the record of the vote a deliberation prints at its
    head, before its text ("Délibération n° : D202347 Objet … A l'unanimité Pour : 11 Contre : 0
    … Le Maire propose … Après en avoir délibéré, le Conseil décide …"): the deliberative formula
    comes after the candidate, and none stands before those votes."""
    first_vote = min(s for s, _ in vote_spans)
    if DELIBERATED_RE.search(text, scope[0], first_vote):
        return False  # the item deliberated, then voted: what follows its vote is after it
    return DELIBERATED_RE.search(text, start, scope[1]) is not None


def _after_vote(
    text: str,
    start: int,
    vote_spans: list[tuple[int, int]],
    scope: tuple[int, int] | None = None,
) -> bool:
    """The candidate stands after the deliberation's vote, a paragraph later and not in the
    dispositif that follows a vote stated first ("à l'unanimité : - adopte …"): a remark made after
    the vote, or the next item's text the segment ran into. ``scope``: the deliberation's span."""
    ends = [e for _, e in vote_spans if e <= start]
    if not ends:
        return False
    if scope is not None and _vote_in_the_header(text, start, vote_spans, scope):
        return False
    between = text[max(ends) : start]
    if "\n" not in between or DISPOSITIF_LINE_RE.search(between):
        return False
    if (
        len(between) <= VOTE_SENTENCE_REACH
        and not SENTENCE_END_RE.search(between)
        and not _SUM_BETWEEN_RE.search(between)
        and between.split("\n", 1)[1].lstrip()[:1].islower()
    ):
        # the vote's own sentence runs on to the candidate, over broken lines (the line after the
        # vote's goes on in lower case), with no other sum (no table row) between: "Le Conseil, à
        # l'unanimité …, Adopte la proposition du Maire\ntelle que\n\nprésentée, … pour un
        # montant total de 40 879, 78 €."; not "… ACCEPTE CETTE PROPOSITION\n\nPar délibération …"
        return False
    # "avec 74 voix pour, 0 contre et 4 abstentions :": the dispositif follows the vote
    return not between.split("\n", 1)[0].rstrip().endswith(":")


def _ocr_doubt(document: DocumentText, start: int, end: int) -> float:
    confidence = document.span_confidence(start, end, digits=True)
    if confidence is None:
        return 0.0
    from deliberations.extract.ocr import LOW_CONFIDENCE  # heavy (OpenCV): once OCR has run

    return max(0.0, min(1.0, (1.0 - confidence) / (1.0 - LOW_CONFIDENCE)))


# --------------------------------------------------------------------------- amounts


_CURRENCY_RE = re.compile(r"€|\beur|\bk€|\bm€", re.IGNORECASE)
_CENTS_TAIL_RE = re.compile(r"[,.](\d+)\s*(?:€|eur|$)", re.IGNORECASE)
YEARS = range(1950, 2100)


def _one_digit_off(line: str, printed: str) -> bool:
    """Another figure of the same row has the same digits but one, and is printed more often: a
    row that repeats a sum across its columns ("330 009,00 330 000,00 330 000,00") where OCR
    misread one digit of one cell."""
    mine = "".join(_DIGITS_RE.findall(printed))
    if len(mine) < 4:
        return False
    figures = ["".join(_DIGITS_RE.findall(m.group())) for m in _ROW_FIGURE_RE.finditer(line)]
    for other in set(figures):
        if len(other) != len(mine) or other == mine:
            continue
        diff = [i for i, (a, b) in enumerate(zip(other, mine, strict=True)) if a != b]
        if len(diff) == 1 and diff[0] > 0 and other[diff[0]] == "0":
            return True  # "330 009,00" beside "330 000,00": a zero misread
    return False


# letters before the figure on its line: a labelled row ("60633 Fournitures de voirie -565.00"),
# not a cell left alone on its line by a flattened table
_ROW_LABEL_RE = re.compile(r"[^\W\d_]{3,}")
_ROW_FIGURE_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*[,.]\d{2}(?!\d)")


# a spaced dash between a row's label and its sum that no rule of amounts.py took for a sign:
# "Résultat de l'exercice - 1 160,35 €" (a deficit) or "reporté (001) - 371 205,01" (a mere
# dash): the sign is in doubt
DASH_BEFORE_RE = re.compile(r"(?:[^\W\d_]|\))[ \t\u00a0]*[-−–][ \t\u00a0]\Z")


# a line opening on an account or article code, as a credit table's rows do ("022 Dépenses
# imprévues", "- Art. 001 - déficit", "D 6232 Fêtes"), not a sentence ("soit un déficit de")
_ACCOUNT_ROW_RE = re.compile(
    r"[ \t]*(?:[-–•][ \t]*)?(?:(?:Art(?:icle)?|Compte|Chap(?:itre)?)\.?[ \t]*|[DR][IF]?[ \t]+)?\d{2,}\b"
)


def _account_row(text: str, start: int) -> bool:
    """Whether the line a sum stands on is a row opening on an account or article code."""
    return _ACCOUNT_ROW_RE.match(text, text.rfind("\n", 0, start) + 1, start) is not None


def _row_labelled(text: str, start: int) -> bool:
    """Whether the line a sum stands on opens on a row's label (an account, an article)."""
    return _ROW_LABEL_RE.search(text, text.rfind("\n", 0, start) + 1, start) is not None


def amount_features(
    document: DocumentText,
    candidate: MoneyCandidate,
    vote_spans: list[tuple[int, int]],
    repeated: bool,
    scope: tuple[int, int] | None = None,
) -> dict[str, float]:
    """What says how sure a sum is (each feature between 0 and 1); ``scope``: its deliberation's
    span."""
    text = document.text
    start, end, printed = candidate.found.start, candidate.found.end, candidate.found.text
    zone = zones_of(text).at(start)
    integer = abs(_sum(candidate))
    currency = bool(_CURRENCY_RE.search(printed)) or candidate.found.in_words
    before = text[max(0, start - 12) : start]
    tail = _CENTS_TAIL_RE.search(printed)
    labelled = _row_labelled(text, start)
    return {
        "currency": float(currency),
        "in_words": float(candidate.found.in_words),
        "table_cell": float(candidate.found.rule_id == "table_cell"),
        **_zone_features(zone),
        "after_vote": float(_after_vote(text, start, vote_spans, scope)),
        "debate": float(_in_debate(text, start)),
        "cue_before": float(money_cued(text, start)),
        "glued_digit": float(
            _glued(printed.strip(), before, text[text.rfind("\n", 0, start) + 1 : start])
        ),
        # a small bare figure alone on its line: a cell a flattened table cut from its row
        "small_bare": float(not currency and integer < 1000 and not labelled),
        "three_decimals": float(tail is not None and len(tail.group(1)) >= 3 and integer >= 1000),
        "one_digit_off": float(_one_digit_off(_line_of(text, start, end), printed)),
        "ocr_doubt": _ocr_doubt(document, start, end),
        "repeated": float(repeated),
        "dash_before": float(
            labelled and _sum(candidate) > 0 and DASH_BEFORE_RE.search(before) is not None
        ),
    }


def _hard_reject(candidate: MoneyCandidate) -> bool:
    """Not a sum whatever its score: a zero, or a bare year in a column ("2021")."""
    if round(_sum(candidate), 2) == 0:
        return True
    printed = candidate.found.text.strip()
    return printed.isdigit() and int(printed) in YEARS


def amount_candidates(
    document: DocumentText,
    start: int,
    end: int,
    vote_spans: list[tuple[int, int]],
    table_cells: list[tuple[str, int, int]] = (),  # type: ignore[assignment]
) -> list[MoneyCandidate]:
    """Every sum the rules read in [start, end) and the "Montant" cells given, scored; one
    candidate per value (its best-scored occurrence), in the order the values are first printed."""
    text = document.text
    found = [
        MoneyCandidate(
            dataclasses.replace(
                m, value=round(float(m.value), 2), start=start + m.start, end=start + m.end
            )
        )
        for m in amounts_between(text, start, end)
    ]
    for printed, a, b in table_cells:
        value = parse_figure(printed.replace("€", "").strip())
        if value is not None:
            cell = Found(
                "amounts", round(value, 2), a, b, "table_cell", text=printed, currency="EUR"
            )
            found.append(MoneyCandidate(cell))
    counts: dict[float, int] = {}
    for c in found:
        counts[_sum(c)] = counts.get(_sum(c), 0) + 1
    w, _ = weights("amounts")
    best: dict[float, MoneyCandidate] = {}
    first: dict[float, int] = {}
    for c in found:
        if _hard_reject(c):
            continue
        c.features = amount_features(document, c, vote_spans, counts[_sum(c)] > 1, (start, end))
        c.score = score(c.features, w)
        key = _sum(c)
        first[key] = min(first.get(key, c.found.start), c.found.start)
        if key not in best or c.score > best[key].score:
            best[key] = c
    # a sum whose sign is in doubt (a dash between its row's label and it, "Art. 001 - déficit
    # d'invest. Reporté - 1.162,02 €") that the deliberation also prints signed ("soit un déficit
    # d'investissement de - 1.162,02 €"): the same sum, not its opposite
    # Only when the signed twin stands in running text: two rows of a credit transfer ("022
    # Dépenses imprévues -1 500,00 €" then "6232 Fêtes - 1 500,00 €") are the two sides of it
    signed_in_prose = {
        _sum(c) for c in found if _sum(c) < 0 and not _account_row(text, c.found.start)
    }
    for key, c in list(best.items()):
        if key > 0 and c.features.get("dash_before") and -key in signed_in_prose:
            del best[key]
    # in the order the values are first printed, each with its surest occurrence
    return sorted(best.values(), key=lambda c: first[_sum(c)])


def kept(candidates: list[MoneyCandidate], name: str) -> list[MoneyCandidate]:
    """The candidates whose score reaches the threshold of ``nlp/weights/<name>.toml``."""
    _, threshold = weights(name)
    return [c for c in candidates if c.score >= threshold]


# --------------------------------------------------------------------------- imputations

# a line of a table of sense and account ("R 1068 AFFECTATION DU RESULTAT | 534 710,10")
SENSE_ROW_RE = re.compile(r"[DR][IF]?[ \t\u00a0]?\d{3,6}")
# ... unless a label names the account: "Compte R 1068 : Affectation en réserve"
ACCOUNT_LABEL_BEFORE_RE = re.compile(
    r"\b(?:comptes?|articles?|natures?)[ \t\u00a0]*:?[ \t\u00a0]*$", re.I
)


# the heading of a deliberation that adopts a budget ("Adoption du Budget Primitif 2024", "VOTE DU
# BUDGET- COMMUNE 2019", "M 57 - budget primitif 2023", "Vote du budget assainissement 2024"): the
# chapters and accounts it names are the budget's lines, voted chapter by chapter, not where one
# expense is charged (no gold item of the 8 real bodies that vote a budget keeps one, but the
# accounts of the result it takes over: "l'article 1068", "l'article 002")
BUDGET_VOTE_RE = re.compile(
    r"\bbudgets?[\s\-–]+primitifs?\b|\b(?:vote|adoption|approbation)\s+d[ue]s?\s+budgets?\b",
    re.IGNORECASE,
)
# ... unless the heading amends it ("Décision modificative n° 2 – Budget primitif 2024",
# "Affectation des résultats – budget primitif"): an amendment charges its credits to accounts
AMENDMENT_RE = re.compile(
    rf"{lexicon.pattern('budget_amendment')}|\bbudgets?\s+suppl[ée]mentaires?\b|\bvirements?\b",
    re.IGNORECASE,
)
BUDGET_VOTE_OPENING = 160  # characters of the segment where its heading stands
# the accounts of a year's result taken over by the budget: the affectation's own imputations
RESULT_ACCOUNTS = frozenset({"001", "002", "1068"})


def _budget_line(imp: Found, opening: str) -> bool:
    """The imputation is a line of the budget its deliberation adopts (see BUDGET_VOTE_RE)."""
    if not BUDGET_VOTE_RE.search(opening) or AMENDMENT_RE.search(opening):
        return False
    parts = parts_of(imp)
    return not ({parts.article, parts.chapitre} & RESULT_ACCOUNTS)


def imputation_features(
    document: DocumentText,
    candidate: MoneyCandidate,
    vote_spans: list[tuple[int, int]],
    credit_change: bool,
    opening: str = "",
) -> dict[str, float]:
    """What says how sure an imputation is (each feature between 0 and 1); ``opening`` is the
    start of its deliberation (its heading)."""
    imp = candidate.found
    text = document.text
    zone = zones_of(text).at(imp.start)
    labelled = bool(re.search(r"[A-Za-z]{3,}", imp.text.split("\n")[0][:12]))
    parts = parts_of(imp)
    bound = bool(
        parts.chapitre
        and parts.article
        and nomenclature.account_in_chapter(parts.article, parts.chapitre)
    )
    return {
        **_zone_features(zone),
        "after_vote": float(_after_vote(text, imp.start, vote_spans)),
        "debate": float(_in_debate(text, imp.start)),
        "labelled": float(labelled),
        "sense_row": float(
            SENSE_ROW_RE.fullmatch(imp.text.strip()) is not None
            and ACCOUNT_LABEL_BEFORE_RE.search(text[max(0, imp.start - 20) : imp.start]) is None
        ),
        "credit_change": float(credit_change),
        "known_account": float(
            bool(parts.article) and nomenclature.known_account(parts.article or "")
        ),
        "bound_by_plan": float(bound),
        "ocr_doubt": _ocr_doubt(document, imp.start, imp.end),
        "budget_line": float(_budget_line(imp, opening)),
    }


# a cue that the code is a budget code: a label word before it ("Compte 6574", "article 6574",
# "imputation 65-6574", "Sous-fonction 025") or "c/6574"; not an unlabelled code ("6574 Subventions",
# "D 6574", "65 - 6574")
CUE_RE = re.compile(r"\s*(?:[^\W\d_]{3,}|c\s?/)", re.IGNORECASE)
# a body's own subdivision of an account ("606321" under "60632"), or one of an older plan ("73925"
# under "7392"), is believed only after a cue, and only under an account of four digits or more:
# many postal codes and numbers of five digits start with an account of three ("61210": 612)
SUBDIVISION_PARENT_MIN = 4


def _plan_account(code: str, cued: bool) -> bool:
    if nomenclature.known_account(code):
        return True
    return cued and any(
        nomenclature.known_account(code[:n])
        for n in range(len(code) - 1, SUBDIVISION_PARENT_MIN - 1, -1)
    )


def plan_rejects(imp: Found, credit_change: bool = False) -> str | None:
    """Why the plans say an imputation cannot be one (None when they allow it): an account they do
    not know (a year, a postal code, an act or a legal article's number: "2023-20", "61210 Ville",
    "comptes 2023"), a chapter that is none ("chapitre 12 du règlement"), or a chapter and an
    account they do not vote together (parts bound by adjacency only). A subdivision of a known
    account is believed after a label, or in the table of a deliberation that moves credits."""
    cued = credit_change or CUE_RE.match(imp.text) is not None
    parts = parts_of(imp)
    if parts.article and not _plan_account(parts.article, cued):
        return "account unknown to the plans"
    if parts.chapitre and parts.chapitre not in nomenclature.chapters() | SPECIAL_CHAPITRES:
        return "chapter unknown to the plans"
    if (
        parts.chapitre
        and parts.article
        and not nomenclature.account_in_chapter(parts.article, parts.chapitre)
        and not both_labelled(imp.text)
    ):
        return "account not voted in that chapter"
    return None


def both_labelled(printed: str) -> bool:
    """The chapter and the account each named by its label ("chapitre 011 - article 6574", read by
    the imputation reader's own labelled components): the imputation the council voted as printed,
    kept even when the plan does not vote that account in that chapter (the audit's first
    finding); only parts bound by adjacency ("65 - 6574") are judged by the plan."""
    fields = {p.field for p in COMPONENT_PATTERNS if p.regex.search(printed)}
    return {"chapitre", "article"} <= fields


_CODE_CUES = {rule.id: rule for rule in phrasings.table("imputation")}
# the words that label a budget code (phrasings/imputation.toml's code_label)
_CODE_WORD = _CODE_CUES["code_label"].expand({})
LABEL_GAP = 30  # characters between the label and the code, on its line
# a label on the code's line, before it: "Compte R 1068 :", "sur les chapitres 68 et 78"
LABEL_BEFORE_RE = re.compile(rf"\b{_CODE_WORD}\b[^\n.;:]{{0,{LABEL_GAP}}}\Z", re.IGNORECASE)
# a column of codes headed so: "Article Désignation Diminution de crédits", "Comptes Dépenses
# Recettes", "Chapitre" alone on its line (phrasings/imputation.toml's column_header)
COLUMN_HEADER_RE = _CODE_CUES["column_header"].compiled({"CODE_WORD": _CODE_WORD})


def uncued_in(text: str, offset: int, imp: Found, credit_change: bool) -> bool:
    """An unlabelled code ("6574 Subventions", "D 6574", "65 - 6574") with nothing that says it is
    a budget code: no label before it on its line, no column headed so above it in the segment
    (``imp``'s offsets from ``offset`` in ``text``), in a deliberation that moves no credits (a
    road "D 613", a parcel "section D 615", an act number "2023-20" opening a line of a list of
    deliberations)."""
    if credit_change or CUE_RE.match(imp.text):
        return False
    return code_cue(text, offset, imp) is None


def code_cue(text: str, offset: int, imp: Found) -> str | None:
    """What says an unlabelled code is a budget code, as the rule of phrasings/imputation.toml that
    reads it: a label before it on its line ("code_label"), or a column headed so above it in
    the segment that starts at ``offset`` ("column_header"); None when nothing does."""
    start = offset + imp.start
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if LABEL_BEFORE_RE.search(line):
        return "code_label"
    if COLUMN_HEADER_RE.search(text, offset, start):
        return "column_header"
    return None


def scored_imputations(
    document: DocumentText,
    offset: int,
    found: list[Found],
    vote_spans: list[tuple[int, int]],
    credit_change: bool,
) -> list[MoneyCandidate]:
    """The imputations found in a segment (offsets from ``offset``) that the plans allow and that
    a cue shows are budget codes, scored."""
    w, _ = weights("imputations")
    out = []
    for imp in found:
        if plan_rejects(imp, credit_change) or uncued_in(document.text, offset, imp, credit_change):
            continue
        c = MoneyCandidate(dataclasses.replace(imp, start=offset + imp.start, end=offset + imp.end))
        opening = document.text[offset : offset + BUDGET_VOTE_OPENING]
        c.features = imputation_features(document, c, vote_spans, credit_change, opening)
        c.score = score(c.features, w)
        out.append(c)
    return out
