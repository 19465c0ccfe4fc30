"""The self-check of the tables read from word positions (a text document's, from its lines): each
printed total against its rows.

    .venv/bin/python -m scripts.table_sums                      # the real set (tests/data/real)
    .venv/bin/python -m scripts.table_sums FILE.pdf FILE.txt …  # any documents
    .venv/bin/python -m scripts.table_sums --rows FILE.pdf      # with every row read
    .venv/bin/python -m scripts.table_sums --imputations        # rows and their imputation

For each table with a printed total: its pages, and each total with the sum of the rows it closes
("rows sum to 136 500 €, the table says 137 000 €"); last, how many tables add up. Blind
documents are refused (tests/data/blind, the intake folders, and the files of the bodies that
documents.tsv sets "blind", wherever they lie).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from deliberations.extract import read_document
from deliberations.extract.unruled.totals import section_note
from deliberations.nlp.beneficiaries import row_imputation
from deliberations.schemas.document import Table

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real" / "docs"
DOCUMENTS = ROOT / "tests" / "data" / "documents.tsv"
BLIND = ("tests/data/blind", "intake-fold")


def blind_bodies(table: Path = DOCUMENTS) -> set[str]:
    """The bodies whose documents are blind now (set "blind" in documents.tsv): their files are
    never read, wherever they lie."""
    bodies = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#") and fields[1] == "blind":
            bodies.add(fields[2].lower())
    return bodies


def _blind(path: Path) -> bool:
    text = str(path.resolve()).lower()
    return any(part in text for part in BLIND) or any(
        path.name.lower().startswith(body) for body in blind_bodies()
    )


def describe(table: Table, rows: bool = False) -> list[str]:
    """A table's pages, its sections' checks and (with ``rows``) each row read."""
    pages = ",".join(str(p) for p in table.pages or [table.page])
    verdict = {True: "adds up", False: "DOES NOT ADD UP", None: "no printed total"}
    out = [
        f"  table p.{pages}: {sum(k == 'row' for k in table.kinds)} rows, {verdict[table.adds_up]}"
    ]
    for section in table.sections:
        title = section.title.text[:50] if section.title else "-"
        if section.adds_up is False:
            out.append(f"    [!!] {title}: {section.mismatch}")
        elif section.adds_up:
            out.append(f"    [ok] {title}: {section_note(section) or 'every column adds up'}")
    if rows:
        for index, row in enumerate(table.rows):
            if table.kinds and table.kinds[index] == "header":
                continue
            status = table.statuses.get(index)
            cells = " | ".join(c.text for c in row)
            kind = table.kinds[index] if table.kinds else "row"
            out.append(f"      {kind:5} {cells}" + (f"  [{status}]" if status else ""))
    return out


def imputations(table: Table) -> list[str]:
    """The rows of a table that states an imputation (a sentence after a section's total): each
    with its amount and the imputation it is tied to, or "-" when its own section states none
    with a code (the document ties it to no imputation the reader could give it)."""
    if not any(s.imputation is not None for s in table.sections):
        return []
    out = []
    for index, row in enumerate(table.rows):
        if not table.kinds or table.kinds[index] != "row":
            continue
        tied = row_imputation(table, index) or "-"
        amount = row[table.amount_column].text if table.amount_column is not None else "?"
        name = row[table.name_column].text if table.name_column is not None else row[0].text
        out.append(f"      {name[:40]:40} | {amount:>12} | {' '.join(tied.split())[:70]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rows", action="store_true", help="print every row read")
    parser.add_argument(
        "--imputations",
        action="store_true",
        help="print the rows of tables stating an imputation, each with the one it is tied to",
    )
    args = parser.parse_args(argv)
    paths = args.paths or sorted([*REAL.glob("*.pdf"), *REAL.glob("*.txt")])
    checked = adding = 0
    for path in paths:
        if _blind(path):
            print(f"{path}: blind, not read", file=sys.stderr)
            continue
        if path.suffix.lower() not in (".pdf", ".txt"):
            continue
        tables = [  # a text table without a column of sums (a list of parcels) has nothing to add
            t
            for t in read_document(path).tables
            if t.method == "words" or (t.method == "text" and t.amount_column is not None)
        ]
        if not tables:
            continue
        print(path.name)
        for table in tables:
            print("\n".join(describe(table, args.rows)))
            if args.imputations:
                print("\n".join(imputations(table)))
            if table.adds_up is not None:
                checked += 1
                adding += bool(table.adds_up)
    print(f"\n{adding} of {checked} tables with a printed total add up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
