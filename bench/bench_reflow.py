"""Real documents read from a plain-text export that lost their layout, as well as as given?

    .venv/bin/python bench/bench_reflow.py [--set real|heldout|all] [--out build/reflow]
                                           [--only STEM] [--variant NAME] [--details FILE]

Users also feed plain-text files: text extracted by another tool, OCR output exported as text.
Such texts lose what the rules lean on. For every gold document of ``tests/data/<set>/docs``
(a PDF: the text the pipeline reads from it, pages joined by a form feed; a ``.txt`` as it is),
this writes under ``--out`` (``build/reflow/<set>/<variant>/<stem>.txt``, out of git, written
afresh each run) the text as it is and three degraded variants:

* ``text``: the text the pipeline reads, unchanged (what a PDF loses by being given as text:
  its tables' cells and its lines' styles);
* ``flat``: every run of white space (line breaks and page breaks too) made one space: a whole
  document on one line, as some extractors and copy-pastes give it;
* ``wrap70``: paragraphs (blocks between blank lines) kept, their lines joined then wrapped
  again at 70 columns: titles no longer alone on their line, a vote's lines run together;
* ``markdown``: a converter's markdown: numbered and coded titles prefixed with ``##``,
  titles in capitals set bold (``**…**``), a numbered line's dot escaped (``1\\.``) as
  converters do to keep it from becoming a list.

Each file is named ``<stem>.txt``, so ``delib eval`` (:func:`deliberations.evaluation.evaluate`)
scores it against the same gold file, ``tests/data/<set>/gold/<stem>.json``. Prints the micro F1
per document and variant, and per set the micro F1 of each variant and its ratio to the
document as given. Measures; asserts nothing.

Measured in session 6 (39 real documents, 3 held-out), micro F1 and ratio to as given, before
and after :mod:`deliberations.extract.reflow` (the ``text`` variant is unchanged by it):

    set      as given  text          flat          wrap70        markdown
    real     0.749     0.740 (0.99)  0.006 (0.01)  0.582 (0.78)  0.283 (0.38)   before
                                     0.389 (0.52)  0.620 (0.83)  0.738 (0.99)   after
    heldout  0.834     0.834 (1.00)  0.007 (0.01)  0.701 (0.84)  0.033 (0.04)   before
                                     0.662 (0.79)  0.776 (0.93)  0.821 (0.98)   after

Session 7 (44 real documents: fold C opened, among them an OCR text on one line; 3 held-out),
before and after the boundaries of a vote's box, the text after a vote's counts, a title after a
vote line, lists, ballot fields, a member presenting, an act's labelled number:

    set      as given  text          flat          wrap70        markdown
    real     0.840     0.839 (1.00)  0.479 (0.57)  0.715 (0.85)  0.831 (0.99)   before
             0.849     0.848 (1.00)  0.580 (0.68)  0.737 (0.87)  0.840 (0.99)   after
    heldout  0.952     0.951 (1.00)  0.670 (0.70)  0.778 (0.82)  0.950 (1.00)   before
                                     0.667 (0.70)  0.778 (0.82)  0.950 (1.00)   after

What the variants still lose (``--details``): tables run into one line (sums, grant rows);
a page's running head inside an item; an item's title whose end no boundary marks (a title
running into a sentence that opens with a word of its own, not an article or a presenter).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deliberations.evaluation import evaluate  # noqa: E402
from deliberations.extract import read_document  # noqa: E402
from deliberations.schemas.document import PAGE_SEPARATOR  # noqa: E402
from deliberations.scoring import Score  # noqa: E402

SETS = {"real": ROOT / "tests" / "data" / "real", "heldout": ROOT / "tests" / "data" / "heldout"}
WIDTH = 70

BLANK_RE = re.compile(r"\n[ \t]*\n\s*|\f\s*")
SPACE_RE = re.compile(r"\s+")
NUMBERED_RE = re.compile(r"^(\d{1,3})([.)/]|\s[-–])\s*(?=\S)")
CODED_RE = re.compile(r"^(?:(?i:objet)\s*:|(?i:d[ée]lib[ée]ration)\b|(?:19|20)\d{2}[-/._]\d)")
CAPITALS_RE = re.compile(r"^(?=.*[A-ZÉÈ]{3})[^a-zà-ÿ]{4,120}$")


def source_text(path: Path) -> str:
    """The text the pipeline reads from ``path``: a text file as it is, a PDF's pages (text
    layer or OCR) joined by a form feed."""
    document = read_document(path, with_tables=False)
    return PAGE_SEPARATOR.join(page.text for page in document.pages)


def flat(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip() + "\n"


def wrap70(text: str) -> str:
    paragraphs = [SPACE_RE.sub(" ", block).strip() for block in BLANK_RE.split(text)]
    return (
        "\n\n".join(textwrap.fill(p, width=WIDTH, break_on_hyphens=False) for p in paragraphs if p)
        + "\n"
    )


def markdown(text: str) -> str:
    out = []
    for line in text.replace(PAGE_SEPARATOR, "\n\n").split("\n"):
        stripped = line.strip()
        numbered = NUMBERED_RE.match(stripped)
        heading = numbered is not None or CODED_RE.match(stripped) is not None
        if numbered and numbered.group(2) == ".":
            stripped = stripped.replace(".", "\\.", 1)
        if stripped and CAPITALS_RE.match(stripped):
            stripped = f"**{stripped}**"
        out.append(f"## {stripped}" if heading and len(stripped) < 200 else stripped)
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "text": lambda text: text,
    "flat": flat,
    "wrap70": wrap70,
    "markdown": markdown,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=["real", "heldout", "all"], default="real")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "reflow")
    parser.add_argument(
        "--only", action="append", default=[], help="a document's stem (repeatable)"
    )
    parser.add_argument(
        "--variant", action="append", choices=list(VARIANTS), help="only these (repeatable)"
    )
    parser.add_argument(
        "--details",
        type=Path,
        help="write every fact differing from gold, per variant, to <DETAILS>-<set>-<variant>.txt",
    )
    args = parser.parse_args(argv)
    variants = args.variant or list(VARIANTS)
    names = list(SETS) if args.set == "all" else [args.set]
    summary: list[tuple[str, Score, dict[str, Score]]] = []
    for name in names:
        folder = SETS[name]
        gold = folder / "gold"
        docs = sorted(
            p
            for p in (folder / "docs").iterdir()
            if p.suffix in {".pdf", ".txt"}
            and (gold / f"{p.stem}.json").exists()
            and (not args.only or p.stem in args.only)
        )
        started = time.perf_counter()
        written: dict[str, list[Path]] = {v: [] for v in variants}
        for doc in docs:
            text = source_text(doc)
            for variant in variants:
                out = args.out / name / variant / f"{doc.stem}.txt"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(VARIANTS[variant](text), encoding="utf-8")
                written[variant].append(out)
        built = time.perf_counter() - started
        runs = {"as given": docs} | written
        totals: dict[str, Score] = {}
        per_doc: dict[str, dict[str, Score]] = {}
        seconds: dict[str, float] = {}
        for run, paths in runs.items():
            lines: list[str] = []
            started = time.perf_counter()
            totals[run], scores = evaluate(
                gold, paths, explain=lines.append if args.details else None
            )
            seconds[run] = time.perf_counter() - started
            per_doc[run] = {Path(k).stem: v for k, v in scores.items()}
            if args.details:
                target = args.details.with_name(
                    f"{args.details.name}-{name}-{run.replace(' ', '-')}.txt"
                )
                target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        timing = ", ".join(f"{run} {s:.0f}s" for run, s in seconds.items())
        print(
            f"\n{name}: {len(docs)} documents (variants written in {built:.0f}s to {args.out / name}; eval {timing})"
        )
        header = "".join(f" {run:>9}" for run in runs)
        print(f"  {'document':<52} {'facts':>5}{header}")
        for doc in docs:
            given = per_doc["as given"][doc.stem].micro
            cells = "".join(f" {per_doc[run][doc.stem].micro.f1:>9.3f}" for run in runs)
            print(f"  {doc.stem[:52]:<52} {given.tp + given.fn:>5}{cells}")
        summary.append((name, totals["as given"], totals))
        _families(totals)
    print("\nper set (micro F1 over all facts of the set; ratio to the documents as given)")
    for name, given, totals in summary:
        cells = []
        for run, score in totals.items():
            ratio = score.micro.f1 / given.micro.f1 if given.micro.f1 else float("nan")
            cells.append(f"{run} {score.micro.f1:.3f} ({ratio:.2f})")
        print(f"  {name:<8} " + "  ".join(cells))
    return 0


def _families(totals: dict[str, Score]) -> None:
    """F1 per field family, one column per run."""
    given = next(iter(totals.values()))
    print("  per family, F1 " + " / ".join(totals))
    for family in given.families:
        others = [s.families[family] for s in totals.values()]
        if any(c.tp + c.fp + c.fn for c in others):
            print(f"    {family:<15} " + " / ".join(f"{c.f1:.2f}" for c in others))


if __name__ == "__main__":
    sys.exit(main())
