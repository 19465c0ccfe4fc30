"""Fit the weights of the scored fields on the real set only (never the held-out or blind sets).

    .venv/bin/python -m scripts.fit_weights            # séance date: nlp/weights/session_date.toml
    .venv/bin/python -m scripts.fit_weights number     # act number: nlp/weights/number.toml

A conditional logit: each group's candidates (a document's dates; a deliberation's act numbers)
compete with "none of them" (score 0), and the fit raises the gold value's share (or the share
of none when the gold value is not among the candidates, or is null); L2-regularised, by plain
gradient descent (numpy). A candidate's score is its share in its group; the winner is kept when
its share reaches the threshold: the lowest of the grid at which no winner of the real set is
wrong (precision first), else the one with the fewest wrong.

The act numbers' groups are the deliberations of the real set's records paired with their gold
ones (``scoring.pair_deliberations``), each read from its item's span as the pipeline does.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from deliberations.corpus.runner import process
from deliberations.evaluation import GoldDocument, read_documents
from deliberations.nlp import act_number
from deliberations.nlp.candidates import Candidate
from deliberations.nlp.segment import segments
from deliberations.nlp.session_date import session_date_features
from deliberations.scoring import pair_deliberations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
WEIGHTS = ROOT / "deliberations" / "nlp" / "weights"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)  # 0.3 at least: a lone date with no cue is no séance date
NUMBER_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
Group = tuple[np.ndarray, np.ndarray]


def real_documents() -> Iterator[tuple[GoldDocument, dict]]:
    """The real set's documents with their gold records (never the held-out or blind sets)."""
    for document in read_documents(DATA / "documents.tsv"):
        if document.set == "real":
            path = document.gold_dir(DATA) / f"{Path(document.file).stem}.json"
            yield document, json.loads(path.read_text(encoding="utf-8"))


def training_documents() -> tuple[list[str], list[tuple[np.ndarray, np.ndarray]], list[list[str]]]:
    """Per real document: its dates' places' features, which are the gold value, and each
    place's value (a value's score sums its places' shares)."""
    names: list[str] = []
    documents: list[tuple[np.ndarray, np.ndarray]] = []
    values: list[list[str]] = []
    for document, gold in real_documents():
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
        values.append([c.value for c in candidates])
    return names, documents, values


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
    documents: list[tuple[np.ndarray, np.ndarray]],
    w: np.ndarray,
    threshold: float,
    values: list[list[str]] | None = None,
) -> tuple[int, int, int]:
    """Right, wrong and none kept: each group's winner by value when ``values`` are given (its
    places' shares summed, as nlp/session_date.py picks it), else by place."""
    right = wrong = none = 0
    for index, (x, y) in enumerate(documents):
        e = np.exp(np.clip(np.hstack([np.ones((len(x), 1)), x]) @ w, -30, 30))
        share = e / (1.0 + e.sum())
        keys = values[index] if values is not None else [str(i) for i in range(len(x))]
        summed: dict[str, float] = {}
        for key, value in zip(keys, share, strict=True):
            summed[key] = summed.get(key, 0.0) + float(value)
        best_key = max(summed, key=lambda k: summed[k])
        best = keys.index(best_key)
        if summed[best_key] < threshold:
            none += 1
        elif y[best]:
            right += 1
        else:
            wrong += 1
    return right, wrong, none


LONE_DATE = {"no_cue": 1.0, "first_date": 1.0, "early": 1.0}


def lone_date_share(names: list[str], w: np.ndarray) -> float:
    """The score of a text's only date, at its top, with no cue ("Le 5 mars 2021, la commune a
    reçu un courrier"): the séance-date threshold must stand above it."""
    x = np.array([1.0, *(LONE_DATE.get(n, 0.0) for n in names)])
    e = float(np.exp(np.clip(x @ w, -30, 30)))
    return e / (1.0 + e)


def number_groups(text: str, record: dict, gold: dict) -> list[tuple[list[Candidate], str | None]]:
    """One document's deliberations paired with gold ones that state a number (or null): each
    one's candidates as the pipeline reads them, and the gold number."""
    from deliberations.nlp.header import find_body

    body = find_body(text)
    found = segments(text, body.value if body else None)
    predicted = record.get("deliberations") or []
    gold_delibs = gold.get("deliberations") or []
    if len(found) != len(predicted):
        return []  # the record is not one deliberation per item (it should be)
    pairs, _, _ = pair_deliberations(gold_delibs, predicted)
    groups = []
    for gi, pi in pairs:
        if "number" not in gold_delibs[gi]:
            continue
        segment, deliberation = found[pi], predicted[pi]
        candidates = act_number.raw_candidates(
            text,
            act_number.Item(
                segment.start,
                segment.end,
                segment.heading,
                deliberation.get("session_date"),
                deliberation.get("act_id"),
            ),
        )
        groups.append((candidates, gold_delibs[gi]["number"]))
    return groups


def real_number_groups() -> list[tuple[list[Candidate], str | None]]:
    groups = []
    for document, gold in real_documents():
        result = process(document.path(DATA))
        if result.document is None or result.record is None:
            continue
        record = result.record.to_json_dict()
        groups += number_groups(result.document.text, record, gold)
    return groups


def _same(value: str, gold: str | None) -> bool:
    return gold is not None and (
        act_number.normalize_number(value).lower() == act_number.normalize_number(gold).lower()
    )


def as_arrays(groups: list[tuple[list[Candidate], str | None]], names: list[str]) -> list[Group]:
    return [
        (
            np.array([[c.features.get(n, 0.0) for n in names] for c in candidates]),
            np.array([float(_same(c.value, gold)) for c in candidates]),
        )
        for candidates, gold in groups
        if candidates
    ]


def number_outcomes(
    groups: list[tuple[list[Candidate], str | None]],
    names: list[str],
    w: np.ndarray,
    threshold: float,
) -> tuple[int, int, int, int]:
    """Right, wrong, gap where a number was due, and right gaps: the winner of each group by
    value (a value's places' shares summed), as the module picks it."""
    right = wrong = missed = empty = 0
    for candidates, gold in groups:
        by_value: dict[str, float] = {}
        if candidates:
            x = np.array([[c.features.get(n, 0.0) for n in names] for c in candidates])
            e = np.exp(np.clip(np.hstack([np.ones((len(x), 1)), x]) @ w, -30, 30))
            share = e / (1.0 + e.sum())
            for candidate, value in zip(candidates, share, strict=True):
                key = candidate.value.lower()
                by_value[key] = by_value.get(key, 0.0) + float(value)
        best = max(by_value.items(), key=lambda kv: kv[1], default=None)
        if best is None or best[1] < threshold:
            missed += gold is not None
            empty += gold is None
        elif _same(best[0], gold):
            right += 1
        else:
            wrong += 1
    return right, wrong, missed, empty


def fit_number(groups: list[tuple[list[Candidate], str | None]]) -> int:
    names = sorted({n for candidates, _ in groups for c in candidates for n in c.features})
    arrays = as_arrays(groups, names)
    w = fit(arrays, len(names))
    outcomes = {t: number_outcomes(groups, names, w, t) for t in NUMBER_THRESHOLDS}
    # precision first: the lowest threshold with the fewest wrong winners
    threshold = min(NUMBER_THRESHOLDS, key=lambda t: (outcomes[t][1], t))
    right, wrong, missed, empty = outcomes[threshold]
    print(
        f"{len(groups)} deliberations: right {right}, wrong {wrong}, missed {missed}, null {empty}"
    )
    for t in NUMBER_THRESHOLDS:
        print(f"  threshold {t}: right, wrong, missed, null = {outcomes[t]}")
    lines = [
        "# Weights of the act-number scorer (nlp/act_number.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_weights number",
        "# (a conditional logit over each real deliberation's candidate numbers against 'none of",
        f"# them', {len(groups)} deliberations paired with gold: the winner right in {right}, wrong in",
        f"# {wrong}, a number missed in {missed}, rightly none in {empty}).",
        "# Do not edit by hand: fit again.",
    ]
    write_weights("number", lines, threshold, names, w)
    return 0


def write_weights(
    field: str, comments: list[str], threshold: float, names: list[str], w: np.ndarray
) -> None:
    """nlp/weights/<field>.toml: its comments, the threshold, the bias and each feature's weight."""
    lines = [
        *comments,
        f"threshold = {threshold}",
        "",
        "[weights]",
        f"bias = {w[0]:.4f}",
        *(f"{name} = {value:.4f}" for name, value in zip(names, w[1:], strict=True)),
    ]
    (WEIGHTS / f"{field}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[len(comments) :]))


def main() -> int:
    if sys.argv[1:] == ["number"]:
        return fit_number(real_number_groups())
    names, documents, values = training_documents()
    w = fit(documents, len(names))
    # the lowest threshold at which no training winner is wrong (precision first) and a lone
    # date with no cue, at the top of a text, is no séance date
    lone = lone_date_share(names, w)
    threshold = next(
        (t for t in THRESHOLDS if t > lone and winners_right(documents, w, t, values)[1] == 0),
        THRESHOLDS[-1],
    )
    right, wrong, none = winners_right(documents, w, threshold, values)
    print(f"{len(documents)} documents: winner right {right}, wrong {wrong}, none kept {none}")
    lines = [
        "# Weights of the séance-date scorer (nlp/session_date.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_weights",
        "# (a conditional logit over every date's place in each real document against 'none of",
        f"# them', {len(documents)} documents: the winner (a value's places' shares summed) right in",
        f"# {right}, wrong in {wrong}, none kept in {none}; a lone date with no cue scores {lone:.2f}).",
        "# Do not edit by hand: fit again.",
    ]
    write_weights("session_date", lines, threshold, names, w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
