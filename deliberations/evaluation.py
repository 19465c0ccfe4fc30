"""Measuring extraction against gold records: per document, per body, per fold.

``evaluate`` extracts documents and scores each against ``<gold>/<stem>.json`` (what ``delib eval``
prints). A table of gold documents (``documents.tsv``: file, set, body, text, fold) says where each
document comes from, so that figures can be given by body and by fold: a figure on bodies whose
documents nobody read while writing rules (``set`` = blind) is the one a user meets on an archive
never seen; the others are in-sample.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel

from deliberations.scoring import FAMILIES, Score, explain_document, score_document

Progress = Callable[[int, int, Path], None]


def evaluate(
    gold_dir: Path,
    paths: list[Path],
    *,
    explain: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> tuple[Score, dict[str, Score]]:
    """Extract each document and score it against ``gold_dir/<stem>.json``.

    ``explain`` receives, document by document, every fact that differs from the gold;
    ``progress`` is called before each document (index, count, path).
    """
    from deliberations.corpus.runner import error_record, process  # the pipeline, loaded on use

    total = Score()
    per_document: dict[str, Score] = {}
    with_gold = [p for p in paths if (gold_dir / f"{p.stem}.json").exists()]
    for index, path in enumerate(with_gold):
        if progress is not None:
            progress(index, len(with_gold), path)
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        result = process(path)
        predicted = (result.record if result.ok else error_record(result)).to_json_dict()
        score = score_document(gold, predicted)
        if explain is not None:
            explain(f"== {path.name}")
            for line in explain_document(gold, predicted):
                explain(f"   {line}")
        per_document[path.name] = score
        total.add(score)
    return total, per_document


def format_score_table(score: Score) -> str:
    lines = [
        f"{'family':<15} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
    ]
    for name in FAMILIES:
        c = score.families[name]
        if c.tp + c.fp + c.fn == 0:
            continue
        lines.append(
            f"{name:<15} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
        )
    m = score.micro
    lines.append(
        f"{'micro':<15} {m.precision:>9.3f} {m.recall:>7.3f} {m.f1:>6.3f} {m.tp:>4} {m.fp:>4} {m.fn:>4}"
    )
    return "\n".join(lines)


class GoldDocument(BaseModel):
    """One row of ``documents.tsv``."""

    file: str
    set: str  # real (in-sample), heldout (unread documents of in-sample bodies), blind (unread bodies)
    body: str
    text: str  # digital, or ocr when the text the gold reads comes from OCR
    fold: str  # for blind bodies, the rotation fold; "-" otherwise

    def path(self, data: Path) -> Path:
        return data / self.set / "docs" / self.file

    def gold_dir(self, data: Path) -> Path:
        return data / self.set / "gold"


def read_documents(table: Path) -> list[GoldDocument]:
    """The rows of a ``documents.tsv`` (lines starting with # are comments)."""
    lines = [
        line
        for line in table.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [GoldDocument(**row) for row in csv.DictReader(lines, delimiter="\t")]


def measure(
    documents: Iterable[GoldDocument], data: Path, progress: Progress | None = None
) -> dict[str, Score]:
    """Score every listed document that exists, by file name."""
    scores: dict[str, Score] = {}
    listed = [d for d in documents if d.path(data).exists()]
    for index, document in enumerate(listed):
        if progress is not None:
            progress(index, len(listed), document.path(data))
        _, per_document = evaluate(document.gold_dir(data), [document.path(data)])
        scores.update(per_document)
    return scores


def total(scores: dict[str, Score], documents: Iterable[GoldDocument]) -> Score:
    """The sum of the scores of these documents."""
    out = Score()
    for document in documents:
        if document.file in scores:
            out.add(scores[document.file])
    return out


def by_key(
    scores: dict[str, Score], documents: Iterable[GoldDocument], key: Callable[[GoldDocument], str]
) -> dict[str, Score]:
    """Scores summed by a key of the documents (their body, their fold …)."""
    groups: dict[str, list[GoldDocument]] = {}
    for document in documents:
        if document.file in scores:
            groups.setdefault(key(document), []).append(document)
    return {name: total(scores, members) for name, members in sorted(groups.items())}


def macro_f1(groups: dict[str, Score]) -> float:
    """The mean over groups (bodies) of their micro F1: each body weighs the same."""
    return statistics.fmean(g.micro.f1 for g in groups.values()) if groups else 0.0


def spread(values: list[float]) -> tuple[float, float, float]:
    """Mean, lowest and highest of a list of figures."""
    return (statistics.fmean(values), min(values), max(values)) if values else (0.0, 0.0, 0.0)
