"""Measure the real gold set and store the figures the regression test guards ("scans": the
documents whose text comes from OCR, scanned PDFs and OCR'd text files, listed in scans.txt).

    .venv/bin/python -m tests.real_baseline          # print and store tests/data/real/baseline.json
"""

from __future__ import annotations

import json
import sys

from deliberations.cli import evaluate, format_score_table
from tests.conftest import DATA

REAL = DATA / "real"
GOLD = REAL / "gold"
DOCS = REAL / "docs"
BASELINE = REAL / "baseline.json"
SCANS = REAL / "scans.txt"  # file names of the documents that are scans, one a line


def subsets() -> dict[str, list]:
    scans = set(SCANS.read_text(encoding="utf-8").split()) if SCANS.exists() else set()
    documents = sorted(p for p in DOCS.iterdir() if (GOLD / f"{p.stem}.json").exists()) if DOCS.exists() else []
    return {
        "digital": [p for p in documents if p.name not in scans],
        "scans": [p for p in documents if p.name in scans],
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
