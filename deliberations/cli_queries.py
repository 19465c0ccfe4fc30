"""The query commands of `delib`: subsidies, audit, export, serve (registered on the main group)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deliberations.errors import ExitCode

if TYPE_CHECKING:
    from deliberations.queries.common import QueryError

# the queries (and the database layer under them) are imported by the command that runs, not by
# every `delib` command: `delib ingest` and `delib --help` start without them

DERIVED = ("deliberations", "beneficiary_entities", "beneficiary_links")


def _db_option(f):
    return click.option(
        "--db",
        "db_path",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="SQLite database built by `delib ingest`.",
    )(f)


def _fail(error: QueryError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(ExitCode.bad_args)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text.rstrip("\n"))
    else:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        click.echo(f"written: {output}", err=True)


@click.command(
    epilog="""
\b
Examples:
  delib subsidies --db demo.db
  delib subsidies --beneficiary arefep --format json --db demo.db
  delib subsidies --authority lens --year 2023 --format csv --db demo.db > lens-2023.csv
"""
)
@click.option(
    "--beneficiary",
    help="Part of the beneficiary's name (any spelling: case, accents, "
    "article, dots do not matter), or its RNA / SIREN / SIRET.",
)
@click.option("--authority", help="Part of the granting authority's name.")
@click.option("--year", type=click.IntRange(1900, 2100), help="Year of the séance (YYYY).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: grants then totals; csv: one row per grant; json: grants and totals.",
)
@_db_option
def subsidies(
    beneficiary: str | None, authority: str | None, year: int | None, fmt: str, db_path: Path
) -> None:
    """Every grant: who got how much, from whom, when, imputed where, voted how, read where.

    Each row is one beneficiary of one deliberation, named by its entity (the spellings of one
    association merged, see the table beneficiary_links), with the séance date, authority,
    subject, amount, imputations, the vote and who voted against, and the source file and
    page. Totals per beneficiary and per year follow (table and json).
    """
    from deliberations.queries import subsidies as s
    from deliberations.queries.common import QueryError, connect, searchable

    try:
        for option, value in (("--beneficiary", beneficiary), ("--authority", authority)):
            if value is not None and not searchable(value):
                raise QueryError(
                    f"{option} {value!r}: nothing to search for; give part of a name "
                    "(letters or digits)"
                )
        conn = connect(db_path, need=DERIVED)
    except QueryError as e:
        _fail(e)
    items = s.grants(conn, s.Filters(beneficiary, authority, year))
    click.echo({"table": s.as_table, "csv": s.as_csv, "json": s.as_json}[fmt](items).rstrip("\n"))


@click.command(
    epilog="""
\b
Examples:
  delib audit --db demo.db
  delib audit --format html --db demo.db -o audit.html
  delib audit --format csv --db demo.db > anomalies.csv
"""
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "html"]),
    default="table",
    show_default=True,
    help="table: summary then one block per anomaly; csv: one row per "
    "anomaly (and per imputation found conforme); json; html: a report to share.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
@_db_option
def audit(fmt: str, output: Path | None, db_path: Path) -> None:
    """Check every budget imputation against the M14 / M57 nomenclature of its year.

    The nomenclature is the one the deliberation names, else the M57 from 2024 (compulsory for
    every commune), else the M14; the chart of accounts is that year's (2020-2024 shipped; the
    nearest one outside). Checks: the account exists, is not deleted, is votable (M57 6574 is a
    grouping node: 65741/65742/65748 are votable); the chapter is the account's; the fonction
    exists in that nomenclature and means there what the text speaks of (025 is "Aides aux
    associations" in M14, "Cimetières" in M57); a grant to an association sits on a subsidy
    account. Each anomaly comes with its evidence and an explanation in French.
    Exit code 0 whether or not anomalies are found.
    """
    from deliberations.queries.audit import audit as run_audit
    from deliberations.queries.audit_report import FORMATS
    from deliberations.queries.common import QueryError, connect

    try:
        conn = connect(db_path, need=("deliberations", "imputations"))
    except QueryError as e:
        _fail(e)
    _write(FORMATS[fmt](run_audit(conn)), output)


@click.command(
    epilog="""
\b
Examples:
  delib export scdl-subventions -o subventions.csv --db demo.db --siret "Lens=$LENS_SIRET"
  delib export scdl-deliberations -o deliberations.csv --db demo.db \\
      --siret "Lens=$LENS_SIRET" --siret "Lomme=$LOMME_SIRET" --matter 7.5
"""
)
@click.argument("kind", type=click.Choice(["scdl-deliberations", "scdl-subventions"]))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write.",
)
@_db_option
@click.option(
    "--siret",
    "sirets",
    multiple=True,
    metavar="AUTHORITY=SIRET",
    help="The SIRET (14 digits) of an authority, as the SCDL requires it and deliberations "
    "rarely print it. Repeat for each authority.",
)
@click.option(
    "--matter",
    metavar="CODE",
    help="@CTES matter code (e.g. 7.5) for deliberations whose "
    "text gives none (scdl-deliberations).",
)
def export(
    kind: str, output: Path, db_path: Path, sirets: tuple[str, ...], matter: str | None
) -> None:
    """Write an open-data CSV in the SCDL format: « Délibérations » 2.1.5 or « Subventions » 2.1.1.

    scdl-deliberations: one row per deliberation, with the @CTES act id and matter code where
    known and VOTE_* all filled (VOTE_REEL = POUR + CONTRE + ABSTENTION) or all empty.
    scdl-subventions: one row per beneficiary, with its RNA number or SIRET when printed.
    No value is guessed: a row lacking a value the schema requires (the authority's SIRET: give
    --siret; a matter code: give --matter) is left out, with one line on stderr saying why; when
    no row can be written, no file is written and the exit code is 2.

    
    Where the text is silent, scdl-subventions fills these columns by convention:
      dateConvention         the deliberation's date
      datesPeriodeVersement  from that date to 31 December of its year
      nature                 "aide en numéraire"
      conditionsVersement    "modalités non précisées dans la délibération"
      notificationUE         "non", "oui" when the text says "de minimis"
      pourcentageSubvention  1.00 (one row per beneficiary, with its own amount)
    """
    from deliberations.queries import scdl
    from deliberations.queries.common import QueryError, connect

    try:
        parsed = scdl.parse_sirets(sirets)
        if matter and ".".join(matter.split(".")[:2]) not in scdl.matter_names():
            raise QueryError(
                f"--matter {matter}: not an @CTES matter code (level 2, e.g. 7.5 or 8.5)"
            )
        conn = connect(db_path, need=DERIVED)
    except QueryError as e:
        _fail(e)
    result = scdl.export(conn, kind, parsed, matter)
    for line in result.left_out:
        click.echo(f"left out: {line}", err=True)
    if result.left_out and not result.rows:
        click.echo(
            f"error: nothing written to {output}: every row lacks a value the SCDL requires "
            "(see the lines above: give --siret AUTHORITY=SIRET, --matter CODE)",
            err=True,
        )
        sys.exit(ExitCode.bad_args)
    output.write_text(result.to_csv(), encoding="utf-8")
    click.echo(
        f"{len(result.rows)} row(s) written to {output}"
        + (f", {len(result.left_out)} left out" if result.left_out else ""),
        err=True,
    )


@click.command(
    epilog="""
\b
Examples:
  delib serve --db demo.db                 # then open http://127.0.0.1:8001/
  delib serve --db demo.db --port 8080
"""
)
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve(db_path: Path, host: str, port: int) -> None:
    """Browse the database in Datasette, read-only (opened immutable).

    With titles and column descriptions in French and English, canned queries (subsidies by
    association, imputation anomalies, who voted against what, deliberations of a séance,
    full-text search) and full-text search over the pages' text. Stop with Ctrl-C.
    """
    from deliberations.queries.common import QueryError, connect
    from deliberations.queries.serve import listen
    from deliberations.queries.serve import serve as run

    try:
        connect(db_path, need=DERIVED).close()
        sock = listen(host, port)  # before saying "serving": a busy port is said, exit code 2
    except QueryError as e:
        _fail(e)
    click.echo(f"serving {db_path} read-only on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        run(db_path, sock)
    except QueryError as e:
        _fail(e)


def register(main: click.Group) -> None:
    for command in (subsidies, audit, export, serve):
        main.add_command(command)
