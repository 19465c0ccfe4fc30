"""Fit the weights of the authority scorer (nlp/authority.py) on the real set only (never the
held-out or blind sets).

    .venv/bin/python -m scripts.fit_authority_weights          # writes nlp/weights/authority.toml
    .venv/bin/python -m scripts.fit_authority_weights --dry    # prints, writes nothing

One group per real document, read as the pipeline reads the séance's authority: its candidates
over the whole text (the assembly as ``header.find_body`` names it), the
gold value the authority of its deliberations. The fit and the threshold are
``scripts.fit_weights``'s (a conditional logit against "none of them"); the threshold is the
highest of those at which no winner of the real set is wrong and most are right (precision
first for the bodies nobody has read), else the one with the fewest wrong. A board's
organisation (``find_organisation``) is no candidate here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from deliberations.corpus.runner import process
from deliberations.nlp.authority import authority_features
from deliberations.nlp.header import find_body
from deliberations.scoring import same_place
from scripts.fit_weights import DATA, WEIGHTS, fit, real_documents, winners_right

BOARD_BODIES = {"conseil d'administration", "comité syndical", "conseil syndical"}
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def _texts(cache: Path | None) -> dict[str, str]:
    """Each real document's text, as the pipeline reads it (kept in ``cache`` between fits)."""
    if cache is not None and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    texts = {}
    for document, _ in real_documents():
        result = process(document.path(DATA))
        if result.document is not None:
            texts[document.file] = result.document.text
    if cache is not None:
        cache.write_text(json.dumps(texts), encoding="utf-8")
    return texts


def groups(
    cache: Path | None = None,
) -> tuple[list[str], list[tuple[np.ndarray, np.ndarray]], list[list[str]], list[str]]:
    names: list[str] = []
    documents, values, labels = [], [], []
    texts = _texts(cache)
    for document, gold in real_documents():
        truth = {d.get("authority") for d in gold.get("deliberations") or []} - {None}
        if not truth or document.file not in texts:
            continue
        text = texts[document.file]
        body = find_body(text)
        if body is not None and body.value in BOARD_BODIES:
            continue
        candidates = authority_features(text, body.value if body else None)
        labels.append(document.file)
        if not candidates:
            continue
        names = names or sorted(candidates[0].features)
        x = np.array([[c.features[n] for n in names] for c in candidates])
        y = np.array([float(any(same_place(c.value, t) for t in truth)) for c in candidates])
        documents.append((x, y))
        values.append([c.key for c in candidates])  # cut names merged with their whole
    return names, documents, values, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry", action="store_true", help="print the fit, write nothing")
    parser.add_argument("--l2", type=float, default=0.005)
    parser.add_argument("--cache", type=Path, help="a JSON file keeping the texts between fits")
    args = parser.parse_args()
    names, documents, values, _ = groups(args.cache)
    w = fit(documents, len(names), l2=args.l2)
    outcomes = {t: winners_right(documents, w, t, values) for t in THRESHOLDS}
    # of the thresholds at which no winner is wrong and most are right, the highest: precision
    # first for the bodies nobody has read
    safe = [t for t in THRESHOLDS if outcomes[t][1] == 0]
    best = [t for t in safe if outcomes[t][0] == max(outcomes[s][0] for s in safe)]
    threshold = (
        best[-1] if best else min(THRESHOLDS, key=lambda t: (outcomes[t][1], -outcomes[t][0]))
    )
    right, wrong, none = outcomes[threshold]
    for t in THRESHOLDS:
        print(t, outcomes[t])
    lines = [
        "# Weights of the authority scorer (nlp/authority.py), fitted on the real set only by",
        "#     .venv/bin/python -m scripts.fit_authority_weights",
        "# (a conditional logit over each real document's candidate places against 'none of them',",
        f"# {len(documents)} documents with candidates: the winner right in {right}, wrong in {wrong},",
        f"# none kept in {none}).",
        "# Do not edit by hand: fit again.",
        f"threshold = {threshold}",
        "",
        "[weights]",
        f"bias = {w[0]:.4f}",
        *(f"{n} = {v:.4f}" for n, v in zip(names, w[1:], strict=True)),
    ]
    print("\n".join(lines))
    if not args.dry:
        (WEIGHTS / "authority.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
