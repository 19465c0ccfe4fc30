"""Fit the weights of the scored sums and imputations on the real set only (never the held-out or
blind sets).

    .venv/bin/python -m scripts.fit_money_weights          # print the fit and rewrite the weights

Every candidate sum (and imputation) of every deliberation of a real document that pairs with a
gold deliberation is a row: its features (``nlp/money.py``) and whether the gold has it. Candidates
of deliberations that pair with none are left out (whether they are right is a question of
segmenting, not of money). An L2-regularised logistic regression by plain gradient descent (numpy)
gives the weights; the threshold is the one of best F0.5 on the real set's candidates (precision
weighs twice recall) among those that cost at most ``MAX_RECALL_LOSS`` of their recall.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from deliberations.evaluation import read_documents
from deliberations.nlp import header, money
from deliberations.nlp.segment import document_kind, segments
from deliberations.nlp.votes import find_vote
from deliberations.schemas.document import DocumentText
from deliberations.scoring import _same_imputation, pair_deliberations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
WEIGHTS = ROOT / "deliberations" / "nlp" / "weights"
MAX_RECALL_LOSS = 0.01  # of the candidates' recall
L2 = 0.05
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 19))

Rows = list[tuple[dict[str, float], int]]


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
                amounts.append((c.features, int(round((c.value or 0) * 100) in wanted)))
        if "imputations" in gold_d[gi]:
            left = list(gold_d[gi]["imputations"] or [])
            for c in imputation_candidates(document, segment, spans):
                imp = c.imputation
                assert imp is not None
                pred = {
                    k: getattr(imp, k) for k in ("chapitre", "article", "fonction", "operation")
                }
                hit = next((g for g in left if _same_imputation(g, pred)), None)
                if hit is not None:
                    left.remove(hit)
                imputations.append((c.features, int(hit is not None)))
    return amounts, imputations


def training_rows(read: Callable[[Path], DocumentText] = _read) -> tuple[Rows, Rows]:
    from deliberations.nlp.pipeline import analyze
    from deliberations.schemas.record import Source

    amounts: Rows = []
    imputations: Rows = []
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
        amounts += a
        imputations += i
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


def choose_threshold(rows: Rows, w: dict[str, float]) -> tuple[float, list[str]]:
    scored = [(money.score(f, w), label) for f, label in rows]
    positives = sum(label for _, label in scored)
    lines = []
    table = []
    for t in (0.0, *THRESHOLDS):
        kept = [(s, label) for s, label in scored if s >= t]
        tp = sum(label for _, label in kept)
        precision = tp / len(kept) if kept else 1.0
        recall = tp / positives if positives else 1.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        table.append((t, precision, recall, f1))
        lines.append(f"  {t:.2f}: kept {len(kept)}, precision {precision:.3f}, recall {recall:.3f}")
    base_recall = table[0][2]
    # precision first: the threshold of best F0.5 (precision weighs twice recall) among those that
    # cost little recall; the lowest of equals
    allowed = [t for t in table if base_recall - t[2] <= MAX_RECALL_LOSS]
    chosen = max(allowed, key=lambda t: (round(_f_half(t[1], t[2]), 4), -t[0]))
    return chosen[0], lines


def _f_half(precision: float, recall: float) -> float:
    beta2 = 0.25
    if not precision or not recall:
        return 0.0
    return (1 + beta2) * precision * recall / (beta2 * precision + recall)


def write(name: str, w: dict[str, float], threshold: float, note: str) -> None:
    lines = [
        f"# Weights of the scored {name} (nlp/money.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_money_weights",
        f"# ({note}). Do not edit by hand: fit again.",
        f"threshold = {threshold}",
        "",
        "[weights]",
        *(f"{k} = {v:.4f}" for k, v in w.items()),
    ]
    (WEIGHTS / f"{name}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(read: Callable[[Path], DocumentText] = _read) -> None:
    amounts, imputations = training_rows(read)
    for name, rows in (("amounts", amounts), ("imputations", imputations)):
        names = sorted({n for f, _ in rows for n in f})
        w = fit(rows, names)
        threshold, lines = choose_threshold(rows, w)
        positives = sum(label for _, label in rows)
        print(f"{name}: {len(rows)} candidates, {positives} in the gold; threshold {threshold}")
        print("\n".join(lines))
        print(json.dumps(w, indent=1))
        write(
            name,
            w,
            threshold,
            f"{len(rows)} candidates of paired deliberations, {positives} in the gold",
        )


if __name__ == "__main__":
    main()
