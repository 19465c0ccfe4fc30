"""Measure the in-sample real set and store the figures its regression test compares with.

    .venv/bin/python -m tests.real_baseline          # print and store tests/data/real/baseline.json

"digital" and "ocr" follow the ``text`` column of ``tests/data/documents.tsv``. The test fails when
a figure moves either way by more than its tolerance: a drop is a regression, a rise is a change
to review (and to store again with this command, saying why in the commit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from deliberations.evaluation import evaluate, format_score_table, read_documents
from tests.conftest import DATA

REAL = DATA / "real"
GOLD = REAL / "gold"
DOCS = REAL / "docs"
BASELINE = REAL / "baseline.json"


def subsets() -> dict[str, list[Path]]:
    documents = [d for d in read_documents(DATA / "documents.tsv") if d.set == "real"]
    return {
        name: [d.path(DATA) for d in documents if d.text == text and d.path(DATA).exists()]
        for name, text in (("digital", "digital"), ("scans", "ocr"))
    }


def main() -> int:
    stored = {}
    for name, paths in subsets().items():
        if not paths:
            continue
        total, _ = evaluate(GOLD, paths)
        print(f"== {name}: {len(paths)} documents")
        print(format_score_table(total))
        stored[name] = {
            "documents": len(paths),
            "families": {k: round(v.f1, 4) for k, v in total.scored_families().items()},
            "micro": round(total.micro.f1, 4),
        }
    BASELINE.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    print(f"stored in {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
