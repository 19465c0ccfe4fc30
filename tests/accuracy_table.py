"""Print the README's accuracy tables from ``delib eval`` on every gold set.

    .venv/bin/python -m tests.accuracy_table            # all sets (blind bodies included)
    .venv/bin/python -m tests.accuracy_table --in-sample  # only what rule writers may look at

``tests/data/documents.tsv`` lists every gold document with its set, body, text (digital or OCR)
and fold. Columns: the blind bodies (nobody read their documents while writing rules: the figure a
user meets on an archive never seen), the held-out documents of in-sample bodies, the real set the
rules were written from (in-sample), and the dev documents rendered to PDF. Then the blind figure
by fold (leave-bodies-out: mean and spread over the folds) and by body. Only totals are printed for
the blind set: never ``--details`` there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from deliberations.evaluation import (
    GoldDocument,
    by_key,
    evaluate,
    macro_f1,
    measure,
    read_documents,
    spread,
    total,
)
from deliberations.scoring import FAMILIES, Score
from tests.conftest import DATA

ROOT = DATA.parent.parent
DOCUMENTS = DATA / "documents.tsv"

Column = tuple[str, Score, int]


def _progress(index: int, count: int, path: Path) -> None:
    print(f"[{index + 1}/{count}] {path.name}", file=sys.stderr, flush=True)


def columns(scores: dict[str, Score], documents: list[GoldDocument]) -> list[Column]:
    out: list[Column] = []
    for set_name, label in (
        ("blind", "blind bodies"),
        ("heldout", "held-out docs"),
        ("real", "real, in-sample"),
    ):
        for text in ("digital", "ocr"):
            chosen = [
                d for d in documents if d.set == set_name and d.text == text and d.file in scores
            ]
            if chosen:
                out.append((f"{label}, {text}", total(scores, chosen), len(chosen)))
    dev = sorted((ROOT / "demo" / "corpus").glob("*.pdf"))
    out.append(("dev PDFs", evaluate(DATA / "dev" / "gold", dev)[0], len(dev)))
    return out


def table(cols: list[Column]) -> str:
    lines = [
        "| family | " + " | ".join(f"{title} ({n})" for title, _, n in cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    for family in FAMILIES:
        cells = []
        for _, score, _ in cols:
            c = score.families[family]
            cells.append(f"{c.f1:.2f}" if c.tp + c.fp + c.fn else "–")
        if any(cell != "–" for cell in cells):
            lines.append(f"| {family} | " + " | ".join(cells) + " |")
    lines.append(
        "| **micro F1** | " + " | ".join(f"**{s.micro.f1:.3f}**" for _, s, _ in cols) + " |"
    )
    lines.append(
        "| facts scored | " + " | ".join(str(s.micro.tp + s.micro.fn) for _, s, _ in cols) + " |"
    )
    return "\n".join(lines)


OPENED_FOLDS = DATA / "blind" / "opened_folds.tsv"


def opened_folds(table: Path = OPENED_FOLDS) -> list[dict[str, str]]:
    """Folds opened to rule writers, with the blind figures measured at their opening."""
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row and not row[0].startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=True)) for row in body]


def blind_summary(scores: dict[str, Score], documents: list[GoldDocument]) -> str:
    blind = [d for d in documents if d.set == "blind" and d.file in scores]
    opened = opened_folds()
    lines = [] if blind else ["- no blind document measured: the folds at their opening only"]
    for text in ("digital", "ocr", None):
        chosen = [d for d in blind if text is None or d.text == text]
        folds = by_key(scores, chosen, lambda d: d.fold)
        bodies = by_key(scores, chosen, lambda d: d.body)
        label = text or "all"
        figures = {f"fold {name} (blind now)": f.micro.f1 for name, f in folds.items()}
        for row in opened:
            if row[label] in ("–", "-", ""):  # a fold with no document of that kind (no scan)
                continue
            figures[f"fold {row['fold']} (at its opening, {row['code']})"] = float(row[label])
        mean, low, high = spread(list(figures.values()))
        per_fold = ", ".join(f"{name} {value:.3f}" for name, value in figures.items())
        now = f"{total(scores, chosen).micro.f1:.3f}" if chosen else "–"
        lines.append(
            f"- blind, {label}: micro {now}; leave-bodies-out over "
            f"{len(figures)} folds: mean {mean:.3f} (from {low:.3f} to {high:.3f}; {per_fold}); "
            f"macro over {len(bodies)} bodies blind now {macro_f1(bodies):.3f}"
        )
    if not blind:
        return "\n".join(lines)
    bodies = by_key(scores, blind, lambda d: d.body)
    lines.append(
        "- by body (all documents): "
        + ", ".join(
            f"{name} {score.micro.f1:.3f} ({sum(d.body == name for d in blind)} docs)"
            for name, score in bodies.items()
        )
    )
    money = total(scores, [d for d in blind if d.text == "digital"])
    lines.append(
        "- precision on money, blind digital: amounts "
        f"{money.families['amounts'].precision:.3f}, imputations {money.families['imputations'].precision:.3f}, "
        f"beneficiaries {money.families['beneficiaries'].precision:.3f}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    documents = read_documents(DOCUMENTS)
    if "--in-sample" in argv:
        documents = [d for d in documents if d.set != "blind"]
    scores = measure(documents, DATA, progress=_progress)
    print(table(columns(scores, documents)))
    print()
    print(blind_summary(scores, documents))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
