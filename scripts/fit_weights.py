"""Fit the weights of the scored fields on the real set only (never the held-out or blind sets).

    .venv/bin/python -m scripts.fit_weights            # print the fit and rewrite nlp/weights/*.toml

A conditional logit, document by document: each document's candidates compete with "none of
them" (score 0), and the fit raises the gold value's share (or the share of none when the gold
value is not among the candidates); L2-regularised, by plain gradient descent (numpy). A
candidate's score is its share in its document; the winner is kept when its share reaches the
threshold: the lowest (0.3 at least) at which no winner of the real set is wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from deliberations.corpus.runner import process
from deliberations.evaluation import read_documents
from deliberations.nlp.candidates import session_date_features

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
WEIGHTS = ROOT / "deliberations" / "nlp" / "weights"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)  # 0.3 at least: a lone date with no cue is no séance date


def training_documents() -> tuple[list[str], list[tuple[np.ndarray, np.ndarray]]]:
    """Per real document: its candidates' features and which are the gold value."""
    names: list[str] = []
    documents: list[tuple[np.ndarray, np.ndarray]] = []
    for document in read_documents(DATA / "documents.tsv"):
        if document.set != "real":
            continue
        gold = json.loads(
            (document.gold_dir(DATA) / f"{Path(document.file).stem}.json").read_text(
                encoding="utf-8"
            )
        )
        truth = {
            d.get("session_date") for d in gold.get("deliberations") or [] if d.get("session_date")
        }
        result = process(document.path(DATA))
        if not truth or result.document is None:
            continue
        candidates = session_date_features(result.document.text)
        if not candidates:
            continue
        names = names or sorted(candidates[0].features)
        x = np.array([[c.features[n] for n in names] for c in candidates])
        y = np.array([float(c.value in truth) for c in candidates])
        documents.append((x, y))
    return names, documents


def fit(
    documents: list[tuple[np.ndarray, np.ndarray]],
    size: int,
    l2: float = 0.01,
    steps: int = 4000,
    rate: float = 0.3,
) -> np.ndarray:
    w = np.zeros(size + 1)  # bias first
    for _ in range(steps):
        gradient = l2 * np.r_[0.0, w[1:]]
        for x, y in documents:
            x1 = np.hstack([np.ones((len(x), 1)), x])
            e = np.exp(np.clip(x1 @ w, -30, 30))
            all_share = e / (1.0 + e.sum())
            right = e * y
            right_share = right / right.sum() if y.any() else np.zeros_like(e)
            gradient += (all_share - right_share) @ x1 / len(documents)
        w -= rate * gradient
    return w


def winners_right(
    documents: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray, threshold: float
) -> tuple[int, int, int]:
    right = wrong = none = 0
    for x, y in documents:
        e = np.exp(np.clip(np.hstack([np.ones((len(x), 1)), x]) @ w, -30, 30))
        share = e / (1.0 + e.sum())
        best = int(np.argmax(share))
        if share[best] < threshold:
            none += 1
        elif y[best]:
            right += 1
        else:
            wrong += 1
    return right, wrong, none


def main() -> int:
    names, documents = training_documents()
    w = fit(documents, len(names))
    # the lowest threshold at which no training winner is wrong (precision first), 0.2 at least
    threshold = next(
        (t for t in THRESHOLDS if winners_right(documents, w, t)[1] == 0), THRESHOLDS[-1]
    )
    right, wrong, none = winners_right(documents, w, threshold)
    print(f"{len(documents)} documents: winner right {right}, wrong {wrong}, none kept {none}")
    lines = [
        "# Weights of the séance-date scorer (nlp/candidates.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_weights",
        "# (a conditional logit over every explicit date of each real document against 'none of them',",
        f"# {len(documents)} documents: the winner right in {right}, wrong in {wrong}, none kept in {none}).",
        "# Do not edit by hand: fit again.",
        f"threshold = {threshold}",
        "",
        "[weights]",
        f"bias = {w[0]:.4f}",
        *(f"{name} = {value:.4f}" for name, value in zip(names, w[1:], strict=True)),
    ]
    (WEIGHTS / "session_date.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[7:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
