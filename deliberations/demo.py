"""`delib demo`: ingest the bundled demo corpus and print a summary a person can read."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import click
import sqlite_utils

from deliberations.corpus.batch import ingest
from deliberations.errors import ExitCode

#: in a clone of the repository, where `make demo` runs
REPOSITORY_CORPUS = Path("demo/corpus")


@contextlib.contextmanager
def demo_corpus(given: Path | None = None) -> Iterator[Path]:
    """The folder of demo PDFs: ``given``, else ./demo/corpus when there is one (the repository:
    its paths are those the documentation shows), else the copy shipped in the package
    (``deliberations/data/demo``, the same bytes), so that `delib demo` runs anywhere after
    ``pip install``."""
    if given is not None:
        yield given
        return
    if REPOSITORY_CORPUS.is_dir():
        yield REPOSITORY_CORPUS
        return
    shipped = resources.files("deliberations") / "data" / "demo"
    if isinstance(shipped, Path):
        yield shipped
        return
    with tempfile.TemporaryDirectory(prefix="delib-demo-") as tmp:  # a zipped install
        folder = Path(tmp) / "demo"
        folder.mkdir()
        for entry in shipped.iterdir():
            if entry.name.endswith(".pdf"):
                with entry.open("rb") as src, (folder / entry.name).open("wb") as out:
                    shutil.copyfileobj(src, out)
        yield folder


SUBSIDIES_SQL = """
SELECT b.name AS beneficiary, COUNT(*) AS grants, SUM(b.amount) AS total,
       GROUP_CONCAT(DISTINCT d.authority) AS authorities
FROM beneficiaries b JOIN deliberations d ON d.id = b.deliberation_id
GROUP BY lower(b.name) ORDER BY total DESC
"""
IMPUTATIONS_SQL = """
SELECT d.authority, d.session_date, i.chapitre, i.article, i.fonction, i.operation
FROM imputations i JOIN deliberations d ON d.id = i.deliberation_id
ORDER BY d.session_date, i.seq
"""
DELIBERATIONS_SQL = """
SELECT d.session_date, d.authority, d.body, d.subject, v.result, v.unanimous,
       (SELECT GROUP_CONCAT(name, ', ') FROM vote_members m
         WHERE m.deliberation_id = d.id AND m.role = 'against') AS against
FROM deliberations d LEFT JOIN votes v ON v.deliberation_id = d.id
ORDER BY d.session_date
"""


def _vote_text(result: str | None, unanimous: int | None, against: str | None) -> str:
    if result is None:
        return "vote not found"
    how = {1: "unanimously", 0: "by majority"}.get(unanimous, "")
    text = f"{result} {how}".strip()
    return f"{text}; against: {against}" if against else text


def summary(db_path: Path) -> str:
    db = sqlite_utils.Database(db_path)
    documents = db.execute("SELECT COUNT(*), SUM(pages) FROM documents").fetchone()
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM documents GROUP BY kind").fetchall())
    lines = [
        f"{documents[0]} documents ({documents[1] or 0} pages): "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        "",
        "Deliberations:",
    ]
    for date, authority, body, subject, result, unanimous, against in db.execute(DELIBERATIONS_SQL):
        lines.append(f"  {date or '????-??-??'}  {authority or '?'} ({body or '?'})")
        lines.append(f"      {subject or '(no subject found)'}")
        lines.append(f"      {_vote_text(result, unanimous, against)}")
    lines += ["", "Subsidies by beneficiary:"]
    for name, grants, total, authorities in db.execute(SUBSIDIES_SQL):
        amount = f"{total:,.2f} €".replace(",", " ") if total is not None else "amount not stated"
        lines.append(f"  {name:<40} {amount:>16}  ({grants} grant(s), {authorities})")
    lines += ["", "Budget imputations:"]
    for authority, date, chapitre, article, fonction, operation in db.execute(IMPUTATIONS_SQL):
        lines.append(
            f"  {authority} {date}: chapitre {chapitre or '-'} article {article or '-'} "
            f"fonction {fonction or '-'} opération {operation or '-'}"
        )
    errors = db.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
    lines += ["", f"Errors: {errors}"]
    return "\n".join(lines)


def run_demo(corpus: Path, db_path: Path) -> int:
    result = ingest(
        [corpus],
        db_path,
        progress=lambda i, n, p, s: click.echo(f"[{i}/{n}] {p.name}: {s}", err=True),
    )
    click.echo(f"{result.line()} -> {db_path}", err=True)
    click.echo(summary(db_path))
    return ExitCode.some_documents_failed if result.failed else ExitCode.ok
