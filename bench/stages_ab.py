"""The share of each stage (CPU ms a page, as ``bench_ingest.py`` measures it) of two trees of the
code, run in turns on the same batch, to compare them on a machine other jobs share.

    .venv/bin/python bench/stages_ab.py /work/main /work/h-speed [--copies 4] [--pairs 3]

Each run is a fresh interpreter whose ``PYTHONPATH`` is one tree, ingesting the batch of
``bench_ingest.py`` (``--copies`` copies of its born-digital real documents) in one process
(serial executor, spaCy loaded on demand). The trees take turns, the first of each pair
alternating, and each stage's least figure over the pairs is printed: other jobs only ever add
CPU time (busy caches, a shared core), so the least is the figure nearest the code's own. A
difference smaller than the spread between the runs of one tree is no difference. Measures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ONE_RUN = """
import json, os, sys
sys.path.insert(0, {bench!r})
import bench_ingest as bench
import deliberations
assert deliberations.__file__.startswith({tree!r}), deliberations.__file__
from deliberations.corpus.worker import WORKER_ENV
os.environ.update(WORKER_ENV)
corpus = bench.build_batch({copies})
import pypdfium2 as pdfium
pages = sum(len(pdfium.PdfDocument(str(p))) for p in sorted(corpus.glob("*.pdf")))
stages, seconds = bench.stage_shares(corpus)
print(json.dumps({{"all stages": 1000 * seconds / pages,
                  **{{k: 1000 * v / pages for k, v in stages.items()}}}}))
"""


def one_run(tree: Path, copies: int) -> dict[str, float]:
    code = ONE_RUN.format(bench=str(HERE), copies=copies, tree=str(tree.resolve()))
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(tree)},
        # run in the tree: ``python -c`` puts its working directory first on the path, before
        # PYTHONPATH (run elsewhere, both runs would import the package found there)
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("first", type=Path, help="a tree of the code (its root)")
    parser.add_argument("second", type=Path, help="another tree of the code")
    parser.add_argument("--copies", type=int, default=4, help="copies of each real document")
    parser.add_argument("--pairs", type=int, default=3, help="runs of each tree")
    args = parser.parse_args()
    runs: dict[Path, list[dict[str, float]]] = {args.first: [], args.second: []}
    for pair in range(args.pairs):
        order = (args.first, args.second) if pair % 2 == 0 else (args.second, args.first)
        for tree in order:
            runs[tree].append(one_run(tree, args.copies))
            print(f"run {pair + 1}, {tree}: {runs[tree][-1]['all stages']:.2f} ms a page")
    stages = list(runs[args.first][0])
    print(f"least of {args.pairs} runs, CPU ms a page: {args.first} -> {args.second}")
    for stage in stages:
        first = min(run.get(stage, 0.0) for run in runs[args.first])
        second = min(run.get(stage, 0.0) for run in runs[args.second])
        spread = max(
            max(run.get(stage, 0.0) for run in runs[tree])
            - min(run.get(stage, 0.0) for run in runs[tree])
            for tree in runs
        )
        print(f"  {stage:<40} {first:7.2f} -> {second:7.2f}  (spread {spread:.2f})")


if __name__ == "__main__":
    main()
