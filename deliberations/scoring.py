"""Scoring extraction records against gold records, as ``shared/spec/extraction.md`` describes.

A key the gold leaves out is not scored; a key present with null (or an empty list) means the
document does not state it, so a predicted value there is a false positive. Deliberations are
paired by session date and subject; each field family is scored as precision, recall and F1
over its facts, and a micro total sums every family's counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from deliberations.nlp.beneficiaries import same_beneficiary
from deliberations.nlp.number_form import normalize_number
from deliberations.nlp.people import CIVILITY_RE
from deliberations.schemas.record import HEADER_FIELDS as SCALAR_FAMILIES

VOTE_KEYS = ("result", "unanimous", "for", "against", "abstentions")
FAMILIES = (
    "kind",
    *SCALAR_FAMILIES,
    "vote",
    "vote_names",
    "amounts",
    "imputations",
    "beneficiaries",
)
SUBJECT_RATIO = 0.8


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    families: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FAMILIES})

    def add(self, other: Score) -> None:
        for name, counts in other.families.items():
            self.families[name].add(counts)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.families.values():
            total.add(counts)
        return total

    def scored_families(self) -> dict[str, Counts]:
        return {k: v for k, v in self.families.items() if v.tp + v.fp + v.fn}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _contained(a: str, b: str) -> bool:
    """Equal, or the words of one all among the words of the other."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def same_person(a: str, b: str) -> bool:
    return _contained(_plain(CIVILITY_RE.sub("", a)), _plain(CIVILITY_RE.sub("", b)))


def same_text(a: str, b: str) -> bool:
    na, nb = _plain(a), _plain(b)
    return bool(na and nb) and (na == nb or SequenceMatcher(None, na, nb).ratio() >= SUBJECT_RATIO)


def same_place(a: str, b: str) -> bool:
    return _contained(_plain(a), _plain(b))


def _exact(a, b) -> bool:
    return str(a).strip().lower() == str(b).strip().lower()


def same_number(a: object, b: object) -> bool:
    """Act numbers compare with the spaces around their separators dropped (the spec's convention:
    ``n° 2019 / 12`` is ``2019/12``)."""
    return normalize_number(str(a)).lower() == normalize_number(str(b)).lower()


COMPARATORS: dict[str, Callable[[object, object], bool]] = {
    "number": same_number,
    "authority": same_place,
    "subject": same_text,
    "rapporteur": same_person,
    "president": same_person,
}


def _scalar(gold, pred, same: Callable[[object, object], bool]) -> Counts:
    c = Counts()
    if gold is None:
        c.fp += pred is not None
    elif pred is None:
        c.fn += 1
    elif same(gold, pred):
        c.tp += 1
    else:
        c.fp += 1
        c.fn += 1
    return c


def _match_lists(gold: list, pred: list, same: Callable[[object, object], bool]) -> Counts:
    """One-to-one greedy matching of two lists of facts."""
    unmatched = list(pred)
    c = Counts()
    for item in gold:
        hit = next((i for i, p in enumerate(unmatched) if same(item, p)), None)
        if hit is None:
            c.fn += 1
        else:
            c.tp += 1
            unmatched.pop(hit)
    c.fp += len(unmatched)
    return c


def _same_amount(a: dict, b: dict) -> bool:
    return round(float(a["value"]) * 100) == round(float(b["value"]) * 100)


def _same_imputation(gold: dict, pred: dict) -> bool:
    return all(
        gold.get(k) is None or (pred.get(k) is not None and str(gold[k]) == str(pred[k]))
        for k in ("chapitre", "article", "fonction", "operation")
    )


def _same_beneficiary(gold: dict, pred: dict) -> bool:
    return same_beneficiary(gold["name"], pred["name"])


LIST_FAMILIES = {
    "amounts": _same_amount,
    "imputations": _same_imputation,
    "beneficiaries": _same_beneficiary,
}


def score_deliberation(gold: dict, pred: dict, keys: Iterable[str] | None = None) -> Score:
    """Score one paired deliberation. ``pred`` may be empty (missed) or ``gold`` (spurious)."""
    score = Score()
    keys = set(gold) if keys is None else set(keys)
    for name in SCALAR_FAMILIES:
        if name in keys:
            score.families[name].add(
                _scalar(gold.get(name), pred.get(name), COMPARATORS.get(name, _exact))
            )
    if "vote" in keys:
        gold_vote = gold.get("vote") or {}
        pred_vote = pred.get("vote") or {}
        for key in VOTE_KEYS:
            if key in gold_vote or (not gold and key in pred_vote):
                score.families["vote"].add(_scalar(gold_vote.get(key), pred_vote.get(key), _exact))
        for key in ("against_names", "abstention_names"):
            if key in gold_vote or not gold:
                score.families["vote_names"].add(
                    _match_lists(gold_vote.get(key) or [], pred_vote.get(key) or [], same_person)
                )
    for name, same in LIST_FAMILIES.items():
        if name in keys:
            score.families[name].add(_match_lists(gold.get(name) or [], pred.get(name) or [], same))
    return score


PAIR_SUBJECT = 0.5  # how alike two subjects must be for their deliberations to pair
CONTAINED_WORDS = 3  # a subject this long or longer pairs with a subject holding all its words


def subject_similarity(a: str | None, b: str | None) -> float:
    """How alike two subjects are (0 to 1): the ratio of their plain texts, or 1.0 when every
    word of the shorter (of three words or more) stands in the longer (a title cut short)."""
    if not a or not b:
        return 0.0
    pa, pb = _plain(a), _plain(b)
    ratio = SequenceMatcher(None, pa, pb).ratio()
    shorter, longer = sorted((set(pa.split()), set(pb.split())), key=len)
    if len(shorter) >= CONTAINED_WORDS and shorter <= longer:
        return 1.0
    return ratio


def _dates_agree(gold: dict, pred: dict) -> bool:
    return (
        not gold.get("session_date")
        or not pred.get("session_date")
        or (gold["session_date"] == pred["session_date"])
    )


def pair_deliberations(
    gold: list[dict], pred: list[dict]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs (gold index, pred index) by subject, among deliberations whose dates agree; then the
    unpaired of each.

    A gold and a found deliberation pair when their subjects are alike (``subject_similarity`` at
    least ``PAIR_SUBJECT``), most alike first; a same date alone never pairs two deliberations of
    different subjects. A found deliberation with no subject pairs with a gold one left unpaired
    only in document order, between its neighbours' pairs; a document of one deliberation pairs
    with its gold whatever the subjects.
    """
    if len(gold) == 1 and len(pred) == 1:
        return [(0, 0)], [], []
    candidates = sorted(
        (
            (subject_similarity(g.get("subject"), p.get("subject")), -abs(gi - pi), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if _dates_agree(g, p)
        ),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for similarity, _, gi, pi in candidates:
        if similarity < PAIR_SUBJECT or gi in used_g or pi in used_p:
            continue
        pairs.append((gi, pi))
        used_g.add(gi)
        used_p.add(pi)
    for pi, p in enumerate(pred):  # no subject found: the gold one between the same neighbours
        if pi in used_p or p.get("subject"):
            continue
        before = max((g for g, q in pairs if q < pi), default=-1)
        after = min((g for g, q in pairs if q > pi), default=len(gold))
        free = [
            gi for gi in range(before + 1, after) if gi not in used_g and _dates_agree(gold[gi], p)
        ]
        if len(free) == 1:
            pairs.append((free[0], pi))
            used_g.add(free[0])
            used_p.add(pi)
    pairs.sort()
    return (
        pairs,
        [i for i in range(len(gold)) if i not in used_g],
        [i for i in range(len(pred)) if i not in used_p],
    )


def score_document(gold: dict, pred: dict) -> Score:
    score = Score()
    score.families["kind"].add(_scalar(gold.get("kind"), pred.get("kind"), _exact))
    gold_delibs = gold.get("deliberations") or []
    pred_delibs = pred.get("deliberations") or []
    keys = (
        set().union(*(d.keys() for d in gold_delibs)) if gold_delibs else set(FAMILIES) | {"vote"}
    )
    pairs, missed, spurious = pair_deliberations(gold_delibs, pred_delibs)
    for gi, pi in pairs:
        score.add(score_deliberation(gold_delibs[gi], pred_delibs[pi]))
    for gi in missed:
        score.add(score_deliberation(gold_delibs[gi], {}))
    for pi in spurious:
        score.add(_score_spurious(pred_delibs[pi], keys))
    return score


def _score_spurious(pred: dict, keys: set[str]) -> Score:
    """A predicted deliberation the gold does not have: each stated fact is a false positive."""
    score = Score()
    for name in SCALAR_FAMILIES:
        if name in keys and pred.get(name) is not None:
            score.families[name].fp += 1
    vote = pred.get("vote") or {}
    if "vote" in keys:
        score.families["vote"].fp += sum(vote.get(k) is not None for k in VOTE_KEYS)
        score.families["vote_names"].fp += len(vote.get("against_names") or []) + len(
            vote.get("abstention_names") or []
        )
    for name in LIST_FAMILIES:
        if name in keys:
            score.families[name].fp += len(pred.get(name) or [])
    return score


def explain_document(gold: dict, pred: dict) -> list[str]:
    """What differs between a record and its gold, one line per fact: for `delib eval --details`."""
    lines: list[str] = []
    if gold.get("kind") != pred.get("kind"):
        lines.append(f"kind: gold {gold.get('kind')!r}, found {pred.get('kind')!r}")
    gold_delibs = gold.get("deliberations") or []
    pred_delibs = pred.get("deliberations") or []
    pairs, missed, spurious = pair_deliberations(gold_delibs, pred_delibs)
    for gi in missed:
        lines.append(f"missed deliberation #{gi + 1}: {gold_delibs[gi].get('subject')!r}")
    for pi in spurious:
        lines.append(f"spurious deliberation (found #{pi + 1}): {pred_delibs[pi].get('subject')!r}")
    for gi, pi in pairs:
        g, p = gold_delibs[gi], pred_delibs[pi]
        where = f"#{gi + 1} {str(g.get('subject'))[:50]!r}"
        for name in SCALAR_FAMILIES:
            counts = (
                _scalar(g.get(name), p.get(name), COMPARATORS.get(name, _exact))
                if name in g
                else None
            )
            if counts is not None and (counts.fp or counts.fn):
                lines.append(f"{where} {name}: gold {g.get(name)!r}, found {p.get(name)!r}")
        if "vote" in g:
            gv, pv = g.get("vote") or {}, p.get("vote") or {}
            for key in (*VOTE_KEYS, "against_names", "abstention_names"):
                if (
                    key in gv
                    and gv.get(key) != pv.get(key)
                    and not (
                        key.endswith("names")
                        and _match_lists(gv.get(key) or [], pv.get(key) or [], same_person).fp == 0
                        and _match_lists(gv.get(key) or [], pv.get(key) or [], same_person).fn == 0
                    )
                ):
                    lines.append(f"{where} vote.{key}: gold {gv.get(key)!r}, found {pv.get(key)!r}")
        for name, same in LIST_FAMILIES.items():
            if name not in g:
                continue
            gold_items, found_items = g.get(name) or [], list(p.get(name) or [])
            for item in gold_items:
                hit = next((i for i, f in enumerate(found_items) if same(item, f)), None)
                if hit is None:
                    lines.append(f"{where} {name} missed: {_short(item)}")
                else:
                    found_items.pop(hit)
            for item in found_items:
                lines.append(f"{where} {name} spurious: {_short(item)}")
    return lines


def _short(item: dict) -> str:
    if "value" in item:
        return f"{item['value']} ({item.get('text', '')})"
    if "name" in item:
        return f"{item['name']} ({item.get('amount')})"
    return item.get("text") or str(item)
