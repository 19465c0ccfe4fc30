"""Print the README's accuracy table: F1 per field family on every gold set, from ``delib eval``.

    .venv/bin/python -m tests.accuracy_table

Columns: the dev documents rendered to PDF (``demo/corpus``), the real set and the held-out set,
each split into digital documents and documents whose text comes from OCR (the file names listed
in each set's ``scans.txt``). Only summary figures are printed for the held-out set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from deliberations.cli import evaluate
from deliberations.scoring import FAMILIES, Score
from tests.conftest import DATA

ROOT = DATA.parent.parent


def _split(folder: Path) -> tuple[list[Path], list[Path]]:
    listed = folder / "scans.txt"
    scans = set(listed.read_text(encoding="utf-8").split()) if listed.exists() else set()
    documents = sorted(p for p in (folder / "docs").iterdir() if (folder / "gold" / f"{p.stem}.json").exists())
    return [p for p in documents if p.name not in scans], [p for p in documents if p.name in scans]


def columns() -> list[tuple[str, Score, int]]:
    out = []
    dev = sorted((ROOT / "demo" / "corpus").glob("*.pdf"))
    out.append(("dev PDFs", evaluate(DATA / "dev" / "gold", dev)[0], len(dev)))
    for name, label in (("real", "real"), ("heldout", "held-out")):
        digital, scans = _split(DATA / name)
        out.append((f"{label}, digital", evaluate(DATA / name / "gold", digital)[0], len(digital)))
        out.append((f"{label}, OCR", evaluate(DATA / name / "gold", scans)[0], len(scans)))
    return out


def table(cols: list[tuple[str, Score, int]]) -> str:
    lines = ["| family | " + " | ".join(f"{title} ({n})" for title, _, n in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    for family in FAMILIES:
        cells = []
        for _, score, _ in cols:
            c = score.families[family]
            cells.append(f"{c.f1:.2f}" if c.tp + c.fp + c.fn else "–")
        if any(cell != "–" for cell in cells):
            lines.append(f"| {family} | " + " | ".join(cells) + " |")
    lines.append("| **micro F1** | " + " | ".join(f"**{s.micro.f1:.3f}**" for _, s, _ in cols) + " |")
    lines.append("| facts scored | " + " | ".join(str(s.micro.tp + s.micro.fn) for _, s, _ in cols) + " |")
    return "\n".join(lines)


def main() -> int:
    print(table(columns()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
