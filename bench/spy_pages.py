"""Where a worker's time goes, sampled by py-spy (no profiler overhead on the many small calls).

    pip install py-spy      # not a dependency of the project: a tool, anywhere on the PATH
    py-spy record -r 200 -f raw -o build/spy.txt -- \\
        .venv/bin/python bench/spy_pages.py work build/bench/real-digital-x2 --repeat 2
    .venv/bin/python bench/spy_pages.py report build/spy.txt [--top 40] [--under lattice_tables]

``work`` does what a batch's worker does: the warm-up (pipeline run once, spaCy model loaded),
then every PDF of the folder processed ``--repeat`` times, one after the other (thread limits
as in a worker). ``report`` reads py-spy's raw stacks, leaves out the warm-up, and prints the
share of the samples in each function (inclusive, then self); ``--under F`` splits the samples
of function F by the function it calls. cProfile (``make bench-profile``) counts calls and CPU
time but inflates code made of many small calls (the tables' readers); py-spy's samples do not.
Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deliberations.corpus.worker import WORKER_ENV  # noqa: E402  (a light module)


def work(corpus: Path, repeat: int) -> None:
    os.environ.update(WORKER_ENV)  # before numpy is imported, as in a worker
    from deliberations.corpus.runner import process
    from deliberations.corpus.worker import warm_up

    warm_up(model=True)
    pdfs = sorted(corpus.glob("*.pdf"))
    started = time.process_time()
    pages = 0
    for _ in range(repeat):
        for path in pdfs:
            done = process(path)
            if done.error is not None:
                print(f"{path}: {done.error.one_line()}", file=sys.stderr)
            pages += done.pages
    seconds = time.process_time() - started
    print(f"{pages} pages in {seconds:.2f}s CPU = {1000 * seconds / max(pages, 1):.1f} ms a page")


def _frame(raw: str) -> str:
    """``function (path/file.py:line)`` as ``function (file.py)``."""
    name, _, where = raw.partition(" (")
    return f"{name} ({where.split(':')[0].rsplit('/', 1)[-1]})" if where else name


def report(stacks: Path, top: int, under: str | None) -> None:
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    callees: Counter[str] = Counter()
    total = 0
    for line in stacks.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit() or "warm_up" in stack:
            continue
        samples = int(count)
        total += samples
        frames = [_frame(f) for f in stack.split(";")]
        for name in set(frames):
            inclusive[name] += samples
        own[frames[-1]] += samples
        names = [f.split(" (")[0] for f in frames]
        if under in names:
            at = names.index(under)
            callees[frames[at + 1] if at + 1 < len(frames) else "(itself)"] += samples
    print(f"{total} samples (the warm-up left out)")
    sections = [("inclusive", inclusive), ("self", own)]
    if under:
        sections.append((f"under {under}", callees))
    for title, counts in sections:
        print(f"--- {title}")
        for name, samples in counts.most_common(top):
            print(f"{100 * samples / max(total, 1):5.1f}%  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("work", help="a worker's work on a folder of PDFs")
    run.add_argument("corpus", type=Path)
    run.add_argument("--repeat", type=int, default=2)
    read = commands.add_parser("report", help="shares of py-spy's raw stacks")
    read.add_argument("stacks", type=Path)
    read.add_argument("--top", type=int, default=40)
    read.add_argument("--under", help="split this function's samples by what it calls")
    args = parser.parse_args()
    if args.command == "work":
        work(args.corpus, args.repeat)
    else:
        report(args.stacks, args.top, args.under)


if __name__ == "__main__":
    main()
