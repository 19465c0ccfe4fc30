"""Ingest speed end to end, against pypdfium2's raw text extraction, on the same PDFs.

    .venv/bin/python bench/bench_ingest.py [CORPUS] [--copies 16] [--workers 2]
    .venv/bin/python bench/bench_ingest.py --profile 40       # the same PDFs under cProfile

Without CORPUS, a batch of born-digital deliberations is built once in build/bench/: the real
documents of tests/data/real/docs whose pages all have a text layer (five documents, 49 pages),
each copied --copies times with a comment appended after its end, so that every copy is a
document of its own (its own sha256) with the same pages: 80 PDFs, 784 pages by default.

One run prints, on those PDFs:

* raw text extraction with pypdfium2 (open, every page's text layer, close): pages/s, one process;
* ``delib --help``: its time, and that it does not import spaCy;
* the start-up's two steps in CPU seconds (robust to other jobs on the machine), each in a fresh
  interpreter: the command's imports until it starts the pool's fork server, and the fork
  server's (the pipeline imported and run once on a small text, before any worker is forked);
  with the compiled patterns kept between runs (:mod:`deliberations.regex_cache`), and without;
* ``delib ingest`` run as a user runs it (a fresh database, the default process pool of
  --workers workers): pages/s end to end, start-up included, against the raw pages/s; the
  start-up (from the command to its workers ready to read the first page, read from the log);
  the CPU seconds of the command and of every process under it (sampled), a page;
* the share of each stage in CPU seconds (robust to other jobs), measured in one process
  (serial executor, spaCy loaded on demand as
  in a worker): hashing, preflight (the page count), text layer (each page's images checked as
  it is loaded), ruled tables, word tables, rules (and within them the spaCy model's loading and
  the NER), the SQLite writes, the derived tables at the end.

``--profile N`` runs the same batch in one process under cProfile instead (CPU time, after a
worker's warm-up) and prints the N functions with the most cumulative time
(``make bench-profile``; ``--copies 2`` for a quicker one); ``--imports N`` prints the N
slowest imports (``python -X importtime``, cumulative) of each start-up step. Measures; asserts
nothing. Python's bytecode: the line "start-up" says whether this interpreter writes it
(``PYTHONDONTWRITEBYTECODE``: each run then compiles the project's modules again; pip wrote the
libraries' at install); when it does not, the start-up is measured again after the project's
bytecode is written once (``compileall``), as a user's second run finds it.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
REAL_DOCS = ROOT / "tests" / "data" / "real" / "docs"
PACKAGE = Path(__import__("deliberations").__file__).parent  # the code the commands run
CACHE = ROOT / "build" / "bench"
BIN = Path(sys.executable).parent
# the born-digital real documents (every page has a text layer; the others hold scans)
BORN_DIGITAL = [
    "ccLisieresOise_CC_2025.11.13-CR-CC-du-13-novembre-2025-approuve.pdf",
    "couthenans_CR_conseil_municipal_07_10_2022.pdf",
    "couthenans_CR_conseil_municipal_24_02_2023.pdf",
    "pierrefonds_CM-du-10-avril-2024.pdf",
    "pierrefonds_compte-rendu-10-04-2018.pdf",
]


def build_batch(copies: int) -> Path:
    """``copies`` copies of each born-digital real document, each with its own sha256."""
    out = CACHE / f"real-digital-x{copies}"
    if out.is_dir() and len(list(out.glob("*.pdf"))) == copies * len(BORN_DIGITAL):
        return out
    out.mkdir(parents=True, exist_ok=True)
    for name in BORN_DIGITAL:
        data = (REAL_DOCS / name).read_bytes()
        for copy in range(1, copies + 1):
            # a comment after %%EOF: readers ignore it, the file's hash changes
            (out / f"{Path(name).stem}_{copy:03d}.pdf").write_bytes(
                data + f"\n%copy {copy}\n".encode()
            )
    return out


def raw_text(pdfs: list[Path]) -> tuple[int, float, float]:
    """Pages, wall and CPU seconds of pypdfium2 reading every page's text layer, nothing else."""
    pages = 0
    started, cpu = time.perf_counter(), time.process_time()
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - started, time.process_time() - cpu


def help_time() -> tuple[float, bool]:
    """Seconds of ``delib --help``, and whether it imported spaCy."""
    started = time.perf_counter()
    subprocess.run([str(BIN / "delib"), "--help"], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    probe = "import sys, deliberations.cli; print('spacy' in sys.modules)"
    imported = (
        subprocess.run(
            [sys.executable, "-c", probe], check=True, capture_output=True, text=True
        ).stdout.strip()
        == "True"
    )
    return seconds, imported


# the start-up, step by step: what runs before the pool's fork server starts, and what the fork
# server runs before it can fork a worker (``deliberations.corpus.preload``)
STARTUP_STEPS = {
    "command, until it starts the fork server": (
        "import deliberations.cli\nfrom deliberations.corpus.pool import start_server"
    ),
    "fork server: pipeline imported, run once": "import deliberations.corpus.preload",
}


def startup_cpu(repeat: int = 3, env: dict[str, str] | None = None) -> dict[str, float]:
    """CPU seconds of each start-up step in a fresh interpreter (the least of ``repeat`` runs;
    the interpreter's own start not counted); ``env``: set in its environment."""
    seconds = {}
    for step, code in STARTUP_STEPS.items():
        timed = f"import time\nstarted = time.process_time()\n{code}\n"
        timed += "print(time.process_time() - started)"
        runs = [
            float(
                subprocess.run(
                    [sys.executable, "-c", timed],
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, **(env or {})},
                ).stdout
            )
            for _ in range(repeat)
        ]
        seconds[step] = min(runs)
    return seconds


def slowest_imports(top: int) -> None:
    """The ``top`` slowest imports (cumulative microseconds) of each start-up step."""
    for step, code in STARTUP_STEPS.items():
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True
        )
        rows = []
        for line in done.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[1].strip().isdigit():
                rows.append((int(parts[1]), parts[2].rstrip()))
        print(f"{step}: the {top} slowest imports (cumulative, ms)")
        for micros, name in sorted(rows, reverse=True)[:top]:
            print(f"  {micros / 1000:8.1f}  {name}")


def _tree_cpu(running: subprocess.Popen, every: float = 0.05) -> float:
    """CPU seconds of a command and of every process under it (the fork server, its workers:
    processes the command does not wait for itself), read every ``every`` seconds until it
    ends; each process's last reading counts (what it spends after that is not seen)."""
    import psutil

    seen: dict[tuple[int, float], float] = {}
    root = psutil.Process(running.pid)
    while running.poll() is None:
        with contextlib.suppress(psutil.Error):
            for process in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = process.cpu_times()
                    seen[(process.pid, process.create_time())] = times.user + times.system
        time.sleep(every)
    return sum(seen.values())


LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) INFO (.*)$")


def end_to_end(corpus: Path, workers: int) -> dict:
    """``delib ingest`` into a fresh database, timed from outside: wall seconds, start-up."""
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
        db, log = Path(tmp) / "bench.db", Path(tmp) / "ingest.log"
        command = [
            str(BIN / "delib"),
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--quiet",
            "--workers",
            str(workers),
            "--log-file",
            str(log),
        ]
        launched = time.time()
        started = time.perf_counter()
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as running:
            cpu = _tree_cpu(running)
            stdout, stderr = running.communicate()
        done = subprocess.CompletedProcess(command, running.returncode, stdout, stderr)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"delib ingest failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        ready = None
        for line in log.read_text(encoding="utf-8").splitlines():
            match = LOG_TIME.match(line)
            if match and match.group(2).endswith("worker(s) ready"):
                at = dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
                ready = at - launched
                break
    output = done.stdout + done.stderr
    pages = int(re.search(r"(\d+) page\(s\) in", output).group(1))
    derived = re.search(r"rebuilt in ([\d.]+)s", output)
    if ready is None:  # a version that does not log it: what the work once ready leaves
        rate = re.search(r"([\d.]+) pages/s with \d+ process worker", output)
        ready = wall - pages / float(rate.group(1)) - (float(derived.group(1)) if derived else 0.0)
    return {
        "wall": wall,
        "cpu": cpu,
        "pages": pages,
        "startup": ready,
        "summary": output.strip(),
        "derived": float(derived.group(1)) if derived else 0.0,
    }


STAGES = [
    "hash (sha256)",
    "preflight (page count)",
    "text layer (pypdfium2), images checked",
    "lines' styles (typography)",
    "ruled tables",
    "word tables",
    "rules (nlp)",
    "  of which spaCy model loading",
    "  of which NER (organisation_at)",
    "SQLite writes",
    "derived tables (entities, audit)",
]


class StageClock:
    """CPU time spent in named functions, by patching them where they are called from. A stage
    timed inside another is taken out of it (the tables read while a page is loaded for its
    text layer are the tables'), but for the sub-shares (names starting with spaces)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._patches: list[tuple[object, str, object]] = []
        self._inner: list[float] = []  # per stage running: the time of the stages inside it

    def patch(self, owner: object, name: str, stage: str) -> None:
        original = getattr(owner, name)
        share = stage.startswith("  ")

        def timed(*args, **kwargs):
            started = time.process_time()
            if not share:
                self._inner.append(0.0)
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                if share:
                    self.seconds[stage] += spent
                else:
                    self.seconds[stage] += spent - self._inner.pop()
                    if self._inner:
                        self._inner[-1] += spent

        self._patches.append((owner, name, original))
        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in reversed(self._patches):
            setattr(owner, name, original)


def stage_shares(corpus: Path) -> tuple[dict[str, float], float]:
    """Seconds per stage of one in-process ingest (serial executor) of ``corpus``."""
    import deliberations.corpus.batch as batch
    import deliberations.corpus.runner as runner
    import deliberations.extract as extract
    import deliberations.extract.tables as tables
    import deliberations.extract.typography as typography
    import deliberations.nlp.beneficiaries as beneficiaries
    import deliberations.nlp.model as model
    from deliberations.corpus.batch import IngestOptions, ingest

    clock = StageClock()
    clock.patch(batch, "sha256_of", "hash (sha256)")
    clock.patch(runner, "sha256_of", "hash (sha256)")
    clock.patch(runner, "preflight", "preflight (page count)")
    clock.patch(extract, "read_pdf_pages", "text layer (pypdfium2), images checked")
    clock.patch(typography, "with_styles", "lines' styles (typography)")
    clock.patch(typography, "layer_styles", "lines' styles (typography)")
    clock.patch(extract, "with_styles", "lines' styles (typography)")
    clock.patch(tables, "read_ruled_tables", "ruled tables")
    clock.patch(tables, "read_word_tables", "word tables")
    # read while each page is loaded for its text layer
    with contextlib.suppress(AttributeError):  # (a version that loads each page again)
        clock.patch(tables, "_ruled_page", "ruled tables")
        clock.patch(tables, "_word_layout", "word tables")
    clock.patch(runner, "analyze", "rules (nlp)")
    model.load_model.cache_clear()  # loaded on demand, as in a worker
    clock.patch(model, "load_model", "  of which spaCy model loading")
    clock.patch(beneficiaries, "organisation_at", "  of which NER (organisation_at)")
    clock.patch(batch, "store_document", "SQLite writes")
    clock.patch(batch, "refresh_derived", "derived tables (entities, audit)")
    try:
        with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
            started = time.process_time()
            ingest([corpus], Path(tmp) / "bench.db", options=IngestOptions(executor="serial"))
            wall = time.process_time() - started
    finally:
        clock.restore()
    return dict(clock.seconds), wall


def profile(corpus: Path, top: int) -> None:
    """CPU seconds (``time.process_time``: other jobs on the machine do not count), after the
    warm-up a worker does (pipeline imported, spaCy model loaded): the work of the pages."""
    from deliberations.corpus.batch import IngestOptions, ingest
    from deliberations.corpus.worker import warm_up

    warm_up(model=True)
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        ingest([corpus], Path(tmp) / "bench.db", options=IngestOptions(executor="serial"))
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus", type=Path, nargs="?", help="a folder of PDFs (default: the batch above)"
    )
    parser.add_argument("--copies", type=int, default=16, help="copies of each real document")
    parser.add_argument("--workers", type=int, default=2, help="workers of delib ingest")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="print the N top functions of a profile"
    )
    parser.add_argument(
        "--imports", type=int, metavar="N", help="print the N slowest imports of the start-up"
    )
    args = parser.parse_args()
    # one thread per library, as in a worker (the shares and the profile run in this process;
    # set before numpy is imported)
    from deliberations.corpus.worker import WORKER_ENV

    os.environ.update(WORKER_ENV)
    if args.imports:
        slowest_imports(args.imports)
        return
    corpus = args.corpus or build_batch(args.copies)
    pdfs = sorted(corpus.rglob("*.pdf"))
    if args.profile:
        profile(corpus, args.profile)
        return

    raw_pages, raw_seconds, raw_cpu = raw_text(pdfs)
    raw_rate = raw_pages / raw_seconds
    print(
        f"corpus: {corpus} ({len(pdfs)} PDFs, {raw_pages} pages); {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"raw text layer (pypdfium2, one process): {raw_rate:,.0f} pages/s "
        f"({1000 * raw_cpu / raw_pages:.2f} ms CPU a page)"
    )

    seconds, imported = help_time()
    print(f"delib --help: {seconds:.2f}s ({'imports' if imported else 'does not import'} spaCy)")
    steps = startup_cpu()
    bytecode = "not written" if sys.flags.dont_write_bytecode else "written"
    print(
        "start-up, CPU seconds in a fresh interpreter: "
        + "; ".join(f"{step} {value:.2f}s" for step, value in steps.items())
        + f" (bytecode {bytecode})"
    )
    if sys.flags.dont_write_bytecode:
        # what a user's second run finds (Python writes the bytecode unless told not to); the
        # libraries' bytecode was written when pip installed them
        import compileall

        compileall.compile_dir(str(PACKAGE), quiet=1)
        steps = startup_cpu()
        print(
            "  the same, the project's bytecode written first (compileall): "
            + "; ".join(f"{step} {value:.2f}s" for step, value in steps.items())
        )

    # the rules' compiled patterns are kept between runs (deliberations.regex_cache): what a
    # run finds without them (the first run after a change of the rules or of Python)
    cold = startup_cpu(repeat=1, env={"DELIB_REGEX_CACHE": "0"})
    print(
        "  the same, without the kept compiled patterns (DELIB_REGEX_CACHE=0): "
        + "; ".join(f"{step} {value:.2f}s" for step, value in cold.items())
    )

    run = end_to_end(corpus, args.workers)
    rate = run["pages"] / run["wall"]
    startup = f"{run['startup']:.2f}s" if run["startup"] is not None else "?"
    print(
        f"delib ingest, {args.workers} workers, end to end: {run['pages']} pages in {run['wall']:.2f}s = "
        f"{rate:.1f} pages/s, {rate / raw_rate:.3f} of the raw text layer's rate"
    )
    print(
        f"  CPU of the command and its processes: {run['cpu']:.2f}s = "
        f"{1000 * run['cpu'] / run['pages']:.1f} ms a page, start-up included; with the "
        f"machine to itself, that CPU on {args.workers} cores would take at least "
        f"{run['cpu'] / args.workers:.2f}s = {args.workers * run['pages'] / run['cpu']:.1f} pages/s "
        f"(the wall figure above counts the other jobs' load, {os.getloadavg()[0]:.2f})"
    )
    print(
        f"  start-up (command to workers ready to read the first page): {startup}; derived tables "
        f"at the end: {run['derived']:.2f}s"
    )
    for line in run["summary"].splitlines():
        print(f"  | {line}")

    stages, wall = stage_shares(corpus)
    print(
        f"share of each stage, one process (serial executor), CPU seconds: {raw_pages} pages in "
        f"{wall:.2f}s = {raw_pages / wall:.1f} pages/s of CPU"
    )
    counted = sum(v for k, v in stages.items() if not k.startswith("  "))
    for stage in STAGES:
        value = stages.get(stage, 0.0)
        print(
            f"  {stage:<40} {value:7.2f}s {100 * value / wall:5.1f}%  "
            f"{1000 * value / raw_pages:6.2f} ms/page"
        )
    other = wall - counted
    print(f"  {'other (discovery, imports, batch)':<40} {other:7.2f}s {100 * other / wall:5.1f}%")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
