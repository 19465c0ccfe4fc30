"""Ingest speed on a corpus: pages/s and time per stage (extract, nlp, store).

    .venv/bin/python bench/bench_ingest.py demo/corpus [--repeat 5]

Measures; asserts nothing. The first repeat includes loading the spaCy model and is reported
apart from the steady-state repeats.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from deliberations.corpus.batch import ingest
from deliberations.extract.pdf import read_pdf_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    pdfs = sorted(args.corpus.rglob("*.pdf"))
    started = time.perf_counter()
    text_pages = sum(len(read_pdf_pages(p)) for p in pdfs)
    text_only = time.perf_counter() - started
    print(f"corpus: {len(pdfs)} PDFs, {text_pages} pages")
    print(f"text layer only (pypdfium2): {text_pages / text_only:,.0f} pages/s")

    runs = []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            summary = ingest([args.corpus], Path(tmp) / "bench.db", force=True)
        runs.append(summary)
        label = "first (cold)" if i == 0 else f"repeat {i}"
        print(f"{label:>13}: {summary.pages / summary.seconds:6.1f} pages/s, "
              f"{summary.stored / summary.seconds:5.1f} documents/s, {summary.seconds:.2f}s")
    steady = runs[1:] or runs
    seconds = statistics.median(r.seconds for r in steady)
    print(f"\ningest, median of {len(steady)} warm run(s): {text_pages / seconds:.1f} pages/s")
    print("time per stage (median, share of the run):")
    for stage in ("extract", "nlp", "store"):
        values = [r.stage_seconds.get(stage, 0.0) for r in steady]
        median = statistics.median(values)
        print(f"  {stage:<8} {median:7.3f}s  {100 * median / seconds:5.1f}%  "
              f"({1000 * median / text_pages:.1f} ms/page)")


if __name__ == "__main__":
    main()
