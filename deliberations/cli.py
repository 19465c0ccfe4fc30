"""The `delib` command: ingest archives into SQLite, print extraction records, score them."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from deliberations import __version__
from deliberations.corpus.discovery import discover
from deliberations.errors import DeliberationsError, ExitCode

EXAMPLES = """
\b
Examples:
  delib ingest archives/2023/ --db deliberations.db
  delib extract demo/corpus/004_05d0b8aa3f9328d5.pdf --format json
  delib eval --gold tests/data/dev/gold demo/corpus/
  delib demo
"""


@click.group(epilog=EXAMPLES)
@click.version_option(__version__, prog_name="delib")
def main() -> None:
    """Turn French local-government deliberations (PDF, text or HTML) into a SQLite database.

    Every deliberation found gets its séance date, authority, body, subject, number, @CTES act
    id and matter code, rapporteur, president, vote (with who voted against or abstained),
    amounts, budget imputations and beneficiaries, each with the page and character span it
    was read from.
    """


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    """The document files under ``paths``; a folder that cannot be read is said on stderr."""
    found = []
    for item in discover(paths):
        if isinstance(item, DeliberationsError):
            click.echo(f"error: {item.one_line()}", err=True)
        else:
            found.append(item)
    if not found:
        raise click.UsageError("no .pdf, .txt or .html document found under the paths given")
    return found


@contextlib.contextmanager
def _database_errors(db_path: Path) -> Iterator[None]:
    """A database that cannot be opened or written: one line and exit code 13, no traceback."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, OSError) and not Path(str(exc.filename)).name.startswith(db_path.name):
            raise  # not the database's (its -wal, -shm and -ingest.lock files included)
        click.echo(
            f"error: database {db_path}: {exc}; check that the file and its folder can be "
            "written and that it is a database made by delib",
            err=True,
        )
        sys.exit(ExitCode.database_error)


def parse_size(text: str) -> int | None:
    """``2G``, ``1500M``, ``512MiB``, ``1000000`` (bytes) -> bytes; ``0`` or ``none`` -> no limit."""
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    raw = text.strip().upper().removesuffix("IB").removesuffix("B")
    if raw in {"0", "NONE", ""}:
        return None
    number, unit = (raw[:-1], raw[-1]) if raw[-1] in units else (raw, "")
    try:
        return int(float(number) * units[unit])
    except ValueError:
        raise click.BadParameter(f"{text!r} is no size; write e.g. 2G, 1500M") from None


INGEST_EXAMPLES = """
\b
Examples:
  delib ingest archives/ --db deliberations.db
  delib ingest communes/*.zip --db dept.db --workers 8 --log-file ingest.log --quiet
  delib ingest archives/ --db d.db --executor dask --scheduler tcp://10.0.0.5:8786
"""


@main.command(epilog=INGEST_EXAMPLES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database to create or update.",
)
@click.option("--force", is_flag=True, help="Re-process documents already stored unchanged.")
@click.option("--quiet", is_flag=True, help="No progress bar: only errors and the final summary.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: every core).",
)
@click.option(
    "--executor",
    type=click.Choice(["process", "serial", "dask"]),
    default=None,
    help="process: a pool of worker processes (default); serial: in this process, no "
    "limits (debugging); dask: a Dask cluster (--scheduler, or a local one).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --executor dask).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=600.0,
    show_default=True,
    help="Seconds a document may take before its worker is stopped (0: no limit).",
)
@click.option(
    "--max-memory",
    "max_memory",
    default="2G",
    show_default=True,
    help="Resident memory a worker (spaCy model included, about 400 MB) may reach on a "
    "document before it is stopped (0: no limit).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Documents with more pages are refused (TooManyPagesError).",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append a line per document (stored, skipped, failed) to this file.",
)
def ingest(
    paths: tuple[Path, ...],
    db_path: Path,
    force: bool,
    quiet: bool,
    workers: int | None,
    executor: str | None,
    scheduler: str | None,
    timeout: float,
    max_memory: str,
    max_pages: int,
    log_file: Path | None,
) -> None:
    """Extract PDFs (files, folders recursively, zip archives) into the database --db.

    A document already stored with the same content (sha256) and extractor version is skipped,
    so running the same command again changes nothing, and resumes a run that was stopped
    (Ctrl-C, kill, a crash) where it was. A document that fails gets a one-line error on stderr
    and a row in the `errors` table; the others go on. Exit code 0 when every document was
    stored, 6 when some failed (see `SELECT * FROM errors`), 3 when scanned pages could not be
    read because Tesseract is not installed, 13 when the database cannot be written, 130 when
    interrupted. Pages read from nothing are stored too: their `pages.method` says how each
    was read (`text-layer`, `ocr`, `plain-text`, `none` for a blank page, `error`).
    """
    executor = executor or ("dask" if scheduler else "process")
    if executor == "process":
        # first of all: the pool's fork server imports the pipeline (most of the start-up) while
        # this process imports the batch, finds the documents and opens the database
        from deliberations.corpus.pool import start_server

        start_server()
    from deliberations.corpus.batch import IngestOptions
    from deliberations.corpus.batch import ingest as run_ingest
    from deliberations.corpus.preflight import DocumentLimits
    from deliberations.corpus.progress import reporter_for
    from deliberations.errors import BatchInterrupted, DeliberationsError, NoDocumentsError

    options = IngestOptions(
        force=force,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        timeout=timeout or None,
        max_memory=parse_size(max_memory),
        limits=DocumentLimits(max_pages=max_pages),
    )
    handler = _log_to(log_file) if log_file else None
    reporter = reporter_for(quiet)
    try:
        with _database_errors(db_path):
            summary = run_ingest(paths, db_path, options=options, reporter=reporter)
    except NoDocumentsError as exc:
        raise click.UsageError(str(exc)) from None
    except BatchInterrupted as exc:
        click.echo(f"interrupted: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except DeliberationsError as exc:
        click.echo(f"error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    finally:
        if handler is not None:
            logging.getLogger("deliberations").removeHandler(handler)
            handler.close()
    click.echo(f"{summary.line()} -> {db_path}", err=True)
    for line in summary.details():
        click.echo(line, err=True)
    with _database_errors(db_path):
        partial = _partial_documents(db_path)
    if partial:
        click.echo(
            f"{partial} document(s) read only in part (pages OCR could not read): see the errors table",
            err=True,
        )
    if summary.missing_dependency:
        # the warning above already said what to install: say what it cost, once
        click.echo(
            "error: scanned pages were left unread: Tesseract OCR is not available (exit 3)",
            err=True,
        )
        sys.exit(ExitCode.missing_dependency)
    sys.exit(ExitCode.some_documents_failed if summary.failed or partial else ExitCode.ok)


def _partial_documents(db_path: Path) -> int:
    """Documents stored with some pages unread (status 'partial'): retried by the next run."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'partial'").fetchone()[0]


def _log_to(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("deliberations")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of the record, say why each value was read: the séance-date candidates and the "
    "cue of each, the item headings and their rules, each field with the words it was read from, "
    "the vote statements and whether they count as cast.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "pretty"]),
    default="json",
    show_default=True,
    help="json: one record per line (JSON Lines); pretty: indented JSON.",
)
def extract(paths: tuple[Path, ...], fmt: str, explain: bool) -> None:
    """Print the extraction record of each document (PDF, text, HTML, or the entries of a zip archive),
    in the format of tests/data/spec/extraction.md (schema: extraction.schema.json beside it).

    Nothing is stored. A document that fails is printed with its `errors` and no deliberation.
    Exit code 0 when every document was read; else the failing document's own code (2 not a
    readable file, 4 encrypted, 5 a stage failed, 8 unsafe zip entry, 9 too many pages or an
    image bomb, 3 scanned pages unread because Tesseract is not installed), or 6 when several
    documents failed with different codes.
    """
    from deliberations.corpus.discovery import discover_sources
    from deliberations.corpus.runner import Processed, error_record, process

    codes: list[int] = []
    sources = list(discover_sources(paths))
    if not sources:
        raise click.UsageError("no .pdf, .txt, .html or .zip document found under the paths given")
    for source in sources:
        if isinstance(source, DeliberationsError):
            name = str(getattr(source, "key", None) or str(source).split(": ", 1)[0])
            result = Processed(Path(name), None, error=source)
        else:
            result = process(source)
        record = result.record if result.ok else error_record(result)
        if result.error is not None:
            codes.append(result.error.exit_code)
            click.echo(f"error: {result.error.one_line()}", err=True)
        elif code := _page_errors_code(result):
            codes.append(code)
        if explain and result.ok and result.document is not None:
            from deliberations.nlp.explain import explain as explanation

            click.echo(explanation(result.document, record))
            continue
        data = record.to_json_dict()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2 if fmt == "pretty" else None))
    sys.exit(extract_exit_code(codes))


def _eval_progress(index: int, count: int, path: Path) -> None:
    click.echo(f"[{index + 1}/{count}] {path.name}", err=True)


def _page_errors_code(result) -> int | None:
    """A document read in part: 3 when Tesseract is missing (said once), 5 when OCR failed."""
    unread = [p for p in (result.document.pages if result.document else []) if p.method == "error"]
    if any(p.error == "OcrUnavailableError" for p in unread):
        return ExitCode.missing_dependency
    return ExitCode.extraction_failed if unread else None


def extract_exit_code(codes: list[int]) -> int:
    """0 when nothing failed; the failures' code when they share one; else 6."""
    distinct = set(codes)
    if not distinct:
        return ExitCode.ok
    return distinct.pop() if len(distinct) == 1 else ExitCode.some_documents_failed


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold records named <document stem>.json.",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--details",
    is_flag=True,
    help="Also list, per document, every fact that differs from the gold.",
)
def eval_command(gold_dir: Path, paths: tuple[Path, ...], as_json: bool, details: bool) -> None:
    """Score the extraction of PATHS against gold records: precision, recall, F1 per family.

    Each document is paired with the gold file of the same stem (004_x.pdf with 004_x.json);
    a line on stderr says which document is being read.
    Families: kind, each header field, vote (result, unanimity, counts), vote_names (against,
    abstaining), amounts, imputations, beneficiaries; `micro` sums them all.
    """
    from deliberations.evaluation import evaluate, format_score_table

    files = _paths(paths)
    total, per_document = evaluate(
        gold_dir,
        files,
        explain=(lambda line: click.echo(line, err=True)) if details else None,
        progress=_eval_progress,
    )
    if not per_document:
        click.echo(f"error: no document under the paths has a gold file in {gold_dir}", err=True)
        sys.exit(ExitCode.gold_mismatch)
    if as_json:
        payload = {
            "documents": len(per_document),
            "families": {k: v.as_dict() for k, v in total.scored_families().items()},
            "micro": total.micro.as_dict(),
            "per_document": {
                name: {
                    "micro": s.micro.as_dict(),
                    "families": {k: v.as_dict() for k, v in s.scored_families().items()},
                }
                for name, s in per_document.items()
            },
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{len(per_document)} document(s) scored against {gold_dir}")
        click.echo(format_score_table(total))


@main.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of demo PDFs [default: ./demo/corpus when there is one "
    "(the repository), else the five PDFs shipped with the package].",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("demo.db"),
    show_default=True,
)
def demo(corpus: Path | None, db_path: Path) -> None:
    """Build the bundled demo corpus into demo.db and print what was found."""
    from deliberations.demo import demo_corpus, run_demo

    with demo_corpus(corpus) as folder, _database_errors(db_path):
        code = run_demo(folder, db_path)
    sys.exit(code)


from deliberations.cli_queries import register  # noqa: E402

register(main)

if __name__ == "__main__":
    main()
