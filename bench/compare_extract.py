"""What the extraction reads, dumped to compare two versions of the code: a speed change must
not change a character of it.

    .venv/bin/python bench/compare_extract.py dump build/extract-before.jsonl [PDF ...]
    (change the code)
    .venv/bin/python bench/compare_extract.py dump build/extract-after.jsonl [PDF ...]
    .venv/bin/python bench/compare_extract.py diff build/extract-before.jsonl build/extract-after.jsonl

``dump`` writes, for each PDF, ``read_document``'s pages (text, method, reason) and tables (cells
and their offsets, sections, statuses) as one JSON line. Scanned pages are not OCR'd (their text
stays empty; Tesseract is the OCR module's business and slow): what is compared is the text
layer, the ruled tables and the tables of sums. Without PDFs, every PDF of the gold sets, the
minutes and the demo corpus (tests/data/blind, never read, is none of them). ``diff`` names the documents whose dump differs and exits 1 when one does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ("tests/data/real/docs", "tests/data/heldout/docs", "tests/data/minutes", "demo/corpus")


def default_pdfs() -> list[Path]:
    found = []
    for folder in SETS:
        found += sorted((ROOT / folder).glob("*.pdf"))
    return found


def dump(out: Path, pdfs: list[Path]) -> None:
    import deliberations.extract.pdf as pdf
    from deliberations.extract import read_document

    pdf._read_scanned = lambda *args, **kwargs: None  # no OCR: scanned pages stay empty
    with out.open("w", encoding="utf-8") as fh:
        for path in pdfs:
            document = read_document(path)
            record = {"file": path.name, "document": document.model_dump(mode="json")}
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            print(f"{path.name}: {len(document.pages)} pages, {len(document.tables)} tables")


def diff(before: Path, after: Path) -> int:
    def read(path: Path) -> dict[str, str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["file"]: line for line in lines}

    old, new = read(before), read(after)
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(old.keys() & new.keys()) - len(differ)} identical, {len(differ)} differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("dump")
    write.add_argument("out", type=Path)
    write.add_argument("pdfs", type=Path, nargs="*")
    compare = commands.add_parser("diff")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.pdfs or default_pdfs())
    else:
        sys.exit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
