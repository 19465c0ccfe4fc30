"""Fit the weights of the scored sums and imputations on the real set only (never the held-out or
blind sets).

    .venv/bin/python -m scripts.fit_money_weights          # print the fit and rewrite the weights

Every candidate sum (and imputation) of every deliberation of a real document that pairs with a
gold deliberation is a row: its features (``nlp/money.py``) and whether the gold has it. Candidates
of deliberations that pair with none are left out (whether they are right is a question of
segmenting, not of money). An L2-regularised logistic regression by plain gradient descent (numpy)
gives the weights.

The threshold is chosen on a pseudo-blind measure: leave-one-body-out on the scorer (rules
in-sample). For each body of the real set, the weights are fitted without its documents and its
candidates scored by them; pooled over the bodies, the threshold is the smallest whose precision
reaches ``TARGET_PRECISION`` (precision first: a gap is better than a wrong digit or chapter), else
the one of best F0.5 (precision weighs twice recall). The rules that make the candidates were
written from these same bodies, so this measures the scorer only, not the rules.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from deliberations.evaluation import read_documents
from deliberations.nlp import header, money
from deliberations.nlp.imputations import parts_of
from deliberations.nlp.segment import document_kind, segments
from deliberations.nlp.votes import find_vote
from deliberations.schemas.document import DocumentText
from deliberations.scoring import _same_imputation, pair_deliberations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
WEIGHTS = ROOT / "deliberations" / "nlp" / "weights"
TARGET_PRECISION = 0.98
# a score under one half says a candidate is more likely wrong than right: never kept, whatever the
# figures (with no wrong candidate at all, as for imputations, every threshold reaches the target)
MIN_THRESHOLD = 0.5
L2 = 0.05
THRESHOLDS = (*(round(0.05 * k, 2) for k in range(1, 20)), 0.97, 0.99)
CV_LABEL = "leave-one-body-out on the scorer, rules in-sample"

Rows = list[tuple[dict[str, float], int]]
Scored = list[tuple[float, int]]  # (score, label)


def _read(path: Path) -> DocumentText:
    from deliberations.extract import read_document

    return read_document(path, with_tables=True)


def rows_of_document(document: DocumentText, gold: dict, record: dict) -> tuple[Rows, Rows]:
    """The amount and imputation candidates of each paired deliberation, labelled by the gold."""
    from deliberations.nlp.pipeline import _amount_cells, imputation_candidates

    text = document.text
    if document_kind(text) != "deliberation":
        return [], []
    body = header.find_body(text)
    found = segments(text, body.value if body else None)
    gold_d = gold.get("deliberations") or []
    pred_d = record.get("deliberations") or []
    pairs, _, _ = pair_deliberations(gold_d, pred_d)
    amounts: Rows = []
    imputations: Rows = []
    for gi, pi in pairs:
        if pi >= len(found):
            continue
        segment = found[pi]
        spans = find_vote(text, segment.start, segment.end).spans
        if "amounts" in gold_d[gi]:
            wanted = {round(a["value"] * 100) for a in gold_d[gi]["amounts"] or []}
            for c in money.amount_candidates(
                document, segment.start, segment.end, spans, _amount_cells(segment, document)
            ):
                value = c.found.value
                assert isinstance(value, float)
                amounts.append((c.features, int(round(value * 100) in wanted)))
        if "imputations" in gold_d[gi]:
            left = list(gold_d[gi]["imputations"] or [])
            for c in imputation_candidates(document, segment, spans):
                imp = parts_of(c.found)
                pred = {
                    k: getattr(imp, k) for k in ("chapitre", "article", "fonction", "operation")
                }
                hit = next((g for g in left if _same_imputation(g, pred)), None)
                if hit is not None:
                    left.remove(hit)
                imputations.append((c.features, int(hit is not None)))
    return amounts, imputations


def training_rows(
    read: Callable[[Path], DocumentText] = _read,
) -> tuple[dict[str, Rows], dict[str, Rows]]:
    """The amount and imputation rows of the real set, by body."""
    from deliberations.nlp.pipeline import analyze
    from deliberations.schemas.record import Source

    amounts: dict[str, Rows] = {}
    imputations: dict[str, Rows] = {}
    for document in read_documents(DATA / "documents.tsv"):
        if document.set != "real":
            continue
        path = document.path(DATA)
        gold = json.loads(
            (document.gold_dir(DATA) / f"{path.stem}.json").read_text(encoding="utf-8")
        )
        text = read(path)
        record = analyze(text, Source(file=path.name)).to_json_dict()
        a, i = rows_of_document(text, gold, record)
        amounts.setdefault(document.body, []).extend(a)
        imputations.setdefault(document.body, []).extend(i)
        print(f"{path.name}: {len(a)} sums, {len(i)} imputations", file=sys.stderr)
    return amounts, imputations


def fit(rows: Rows, names: list[str]) -> dict[str, float]:
    x = np.array([[f.get(n, 0.0) for n in names] for f, _ in rows])
    y = np.array([label for _, label in rows], dtype=float)
    w = np.zeros(len(names))
    b = 0.0
    for _ in range(6000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= 0.5 * ((x.T @ (p - y)) / len(y) + L2 * w / len(y) * 10)
        b -= 0.5 * float(np.mean(p - y))
    return {"bias": round(b, 4)} | {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


@dataclass(frozen=True)
class Counts:
    """Candidates kept at a threshold and how many of them (and of all) the gold has."""

    kept: int
    right: int
    positives: int

    @property
    def precision(self) -> float:
        return self.right / self.kept if self.kept else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.positives if self.positives else 1.0


def counts(scored: Scored, threshold: float) -> Counts:
    kept = [label for s, label in scored if s >= threshold]
    return Counts(len(kept), sum(kept), sum(label for _, label in scored))


def cross_validate(by_body: dict[str, Rows], names: list[str]) -> dict[str, Scored]:
    """Leave-one-body-out: each body's candidates scored by weights fitted without that body."""
    out: dict[str, Scored] = {}
    for body, rows in by_body.items():
        others = [r for b, rs in by_body.items() if b != body for r in rs]
        w = fit(others, names) if others else {}
        out[body] = [(money.score(f, w), label) for f, label in rows]
    return out


def choose_threshold(scored: Scored) -> tuple[float, str]:
    """The smallest threshold (from MIN_THRESHOLD) whose precision reaches TARGET_PRECISION, else
    that of best F0.5 (the lowest of equals); and which of the two it is."""
    allowed = [t for t in THRESHOLDS if t >= MIN_THRESHOLD]
    for t in allowed:
        c = counts(scored, t)
        if c.kept and c.precision >= TARGET_PRECISION:
            return t, f"smallest threshold of precision >= {TARGET_PRECISION}"
    best = max(
        allowed,
        key=lambda t: (
            round(_f_half(counts(scored, t).precision, counts(scored, t).recall), 4),
            -t,
        ),
    )
    return best, f"no threshold reaches precision {TARGET_PRECISION}: best F0.5"


def cv_table(cv: dict[str, Scored], thresholds: tuple[float, ...]) -> list[str]:
    """Per body and pooled: candidates, gold ones, and precision / recall at each threshold."""
    head = f"  {'body':<22} {'cands':>5} {'gold':>5}" + "".join(
        f"  P@{t:<4} R@{t:<4}" for t in thresholds
    )
    lines = [head]
    pooled = [x for scored in cv.values() for x in scored]
    for body, scored in [*sorted(cv.items()), ("POOLED", pooled)]:
        cells = "".join(
            f"  {counts(scored, t).precision:6.3f} {counts(scored, t).recall:6.3f}"
            for t in thresholds
        )
        lines.append(f"  {body:<22} {len(scored):>5} {sum(lb for _, lb in scored):>5}{cells}")
    return lines


def _f_half(precision: float, recall: float) -> float:
    beta2 = 0.25
    if not precision or not recall:
        return 0.0
    return (1 + beta2) * precision * recall / (beta2 * precision + recall)


def write(name: str, w: dict[str, float], threshold: float, note: str) -> None:
    lines = [
        f"# Weights of the scored {name} (nlp/money.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_money_weights",
        *(f"# {part}" for part in note.split("; ")),
        "# Do not edit by hand: fit again.",
        f"threshold = {threshold}",
        "",
        "[weights]",
        *(f"{k} = {v:.4f}" for k, v in w.items()),
    ]
    (WEIGHTS / f"{name}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(read: Callable[[Path], DocumentText] = _read, *, save: bool = True) -> None:
    amounts, imputations = training_rows(read)
    for name, by_body in (("amounts", amounts), ("imputations", imputations)):
        rows = [r for rs in by_body.values() for r in rs]
        names = sorted({n for f, _ in rows for n in f})
        cv = cross_validate(by_body, names)
        pooled = [x for scored in cv.values() for x in scored]
        threshold, why = choose_threshold(pooled)
        w = fit(rows, names)
        positives = sum(label for _, label in rows)
        print(f"{name}: {len(rows)} candidates, {positives} in the gold")
        print(f"{CV_LABEL}:")
        shown = tuple(sorted({0.0, 0.5, 0.75, 0.9, threshold}))
        print("\n".join(cv_table(cv, shown)))
        print(f"threshold {threshold} ({why}, on the pooled leave-one-body-out scores)")
        print("  in-sample, weights fitted on every body:")
        in_sample = [(money.score(f, w), label) for f, label in rows]
        for t in (0.0, *THRESHOLDS):
            c = counts(in_sample, t)
            print(f"  {t:.2f}: kept {c.kept}, precision {c.precision:.3f}, recall {c.recall:.3f}")
        print(json.dumps(w, indent=1))
        if positives == len(rows):
            # no wrong candidate to learn from: a fit would only learn its bias, and every threshold
            # reaches any precision; the weights in force stay (less features no longer computed)
            kept_w, kept_t = money.weights(name)
            w = {k: v for k, v in kept_w.items() if k == "bias" or k in names}
            threshold, why = (
                kept_t,
                "no wrong candidate in the real set: weights and threshold kept",
            )
            print(f"{name}: {why}")
        if save:
            write(
                name,
                w,
                threshold,
                f"{len(rows)} candidates of paired deliberations, {positives} in the gold; "
                f"threshold: {why} ({CV_LABEL})",
            )


if __name__ == "__main__":
    main()
