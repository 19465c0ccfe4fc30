"""A worker's peak memory as a batch goes on: at 200 documents and at 2,000 (goal: no growth).

    .venv/bin/python bench/bench_memory.py [ARCHIVE] [--count 2000] [--workers 2] [--db FILE]

Without ARCHIVE, the synthetic archive of --count documents (digital, 2 % scanned, 1 % broken,
a quarter of the towns zipped) is generated once in build/bench/. The archive is ingested with
the process pool and the progress bar; each worker reports its peak resident memory
(``ru_maxrss``) with every document, and the highest over the workers is noted when the batch
has done 200, 500, 1,000, 1,500 and 2,000 documents. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generators of tests/generators

from deliberations.corpus.batch import IngestOptions, ingest  # noqa: E402
from deliberations.corpus.progress import Reporter, reporter_for  # noqa: E402
from tests.generators.synthetic import generate  # noqa: E402

CACHE = ROOT / "build" / "bench"
CHECKPOINTS = (200, 500, 1000, 1500, 2000, 5000, 10000)


def mixed_archive(count: int) -> Path:
    out = CACHE / f"mixed-{count}"
    if not (out / "manifest.jsonl").exists():
        generate(out, count, seed=1, scanned=0.02, broken=0.01, zipped=0.25)
    return out


class MemorySnapshots(Reporter):
    """Passes everything to ``inner`` (the progress bar) and notes the workers' peaks."""

    def __init__(self, inner: Reporter) -> None:
        super().__init__()
        self.inner = inner
        self.meter = inner.meter
        self.peaks: dict[str, int] = {}
        self.at: dict[int, tuple[int, int]] = {}  # documents -> (highest peak, workers seen)

    def worker_memory(self, worker: str, peak_rss: int) -> None:
        self.peaks[worker] = max(self.peaks.get(worker, 0), peak_rss)

    def _check(self) -> None:
        done = self.meter.done
        if done in CHECKPOINTS or done == self.meter.total:
            self.at[done] = (max(self.peaks.values(), default=0), len(self.peaks))

    def start(self, total: int) -> None:
        self.inner.start(total)

    def stored(self, key: str, pages: int, status: str) -> None:
        self.inner.stored(key, pages, status)
        self._check()

    def skipped(self, key: str, reason: str) -> None:
        self.inner.skipped(key, reason)
        self._check()

    def failed(self, key: str, message: str) -> None:
        self.inner.failed(key, message)
        self._check()

    def close(self) -> None:
        self.inner.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, nargs="?")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temporary one)")
    args = parser.parse_args()
    archive = args.archive or mixed_archive(args.count)
    reporter = MemorySnapshots(reporter_for(quiet=False))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        options = IngestOptions(executor="process", workers=args.workers, force=True)
        summary = ingest([archive], db, options=options, reporter=reporter)
    print(summary.line())
    print(
        f"{summary.pages / summary.work_seconds:.1f} pages/s, "
        f"{summary.documents / summary.work_seconds:.1f} documents/s once the workers were ready"
    )
    print(f"\n{'documents':>9} {'worker peak RSS':>16} {'workers':>8}")
    for done, (peak, workers) in sorted(reporter.at.items()):
        print(f"{done:>9} {peak / 2**20:>12.0f} MiB {workers:>8}")
    marks = sorted(reporter.at)
    if len(marks) >= 2:
        first, last = reporter.at[marks[0]][0], reporter.at[marks[-1]][0]
        print(
            f"growth from {marks[0]} to {marks[-1]} documents: {(last - first) / 2**20:+.0f} MiB "
            f"({(last - first) / first:+.1%})"
        )


if __name__ == "__main__":
    main()
