"""What a new user meets in the query commands and the web view: unknown vote counts, long
source names, wildcards, an export with nothing to write, the audit of years whose plan is not
shipped, the web view's name search, writes and home page, a busy port, `delib eval`'s progress.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import socket
import sqlite3
import typing
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from deliberations.cli import main
from deliberations.queries import subsidies as s
from deliberations.queries.audit import CheckedImputation, Context, check_imputation
from deliberations.queries.audit_report import as_html, as_table, summary_line
from deliberations.queries.serve import QUERIES, TABLES, build_app
from deliberations.queries.serve_plugin import register_functions
from deliberations.schemas.document import TextMethod
from tests.conftest import DEV_GOLD, DEV_TEXT, ROOT
from tests.seeded_db import demo_db, seeded_db


def _grant(**vote: object) -> dict:
    return {
        "date": "2021-03-03",
        "authority": "Arras",
        "beneficiary": "Comité des fêtes",
        "printed_name": "comité des fêtes",
        "rna": None,
        "siren": None,
        "siret": None,
        "amount": 1500.0,
        "check": None,  # the table's self-check, when the rows do not add up
        "score": None,
        "subject": "Subvention",
        "number": None,
        "act_id": None,
        "imputations": [],
        "entity_id": 1,
        "year": 2021,
        "vote": {
            "result": "adopted",
            "unanimous": False,
            "for": None,
            "against": None,
            "abstentions": None,
            "against_names": [],
            "abstention_names": [],
            **vote,
        },
        "source": {"file": "archives/" + "tres-long-dossier/" * 8 + "arras_2021.pdf", "page": 7},
    }


# ----------------------------------------------------------------------- delib subsidies


def test_unknown_vote_counts_are_shown_unknown_never_zero() -> None:
    grant = _grant(**{"for": 20})  # only the votes for were printed
    table, rows = s.as_table([grant]), list(csv.DictReader(io.StringIO(s.as_csv([grant]))))
    for text in (table, rows[0]["vote"]):
        assert "20 for, ? against, ? abst." in text, text
        assert "0 against" not in text and "0 abst" not in text


def test_a_long_source_keeps_its_file_name_and_page() -> None:
    table = s.as_table([_grant()])
    assert "arras_2021.pdf p.7" in table


def test_wildcards_and_punctuation_find_nothing(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(seeded_db(tmp_path_factory))
    for text in (".", "%", "_", "  "):
        for option in ("--beneficiary", "--authority"):
            result = CliRunner().invoke(main, ["subsidies", option, text, "--db", db])
            assert result.exit_code == 2 and "nothing to search for" in result.output, (
                option,
                text,
            )
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        assert s.grants(conn, s.Filters(beneficiary="%")) == []
        assert s.grants(conn, s.Filters(authority=".")) == []


# ------------------------------------------------------------------------- delib export


def test_export_with_no_row_to_write_says_so_and_fails(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    out = tmp_path / "subventions.csv"
    result = CliRunner().invoke(
        main, ["export", "scdl-subventions", "-o", str(out), "--db", str(demo_db(tmp_path_factory))]
    )
    assert result.exit_code == 2, result.output
    assert "nothing written" in result.output and "--siret" in result.output
    assert not out.exists()


def test_export_help_names_every_column_filled_by_convention() -> None:
    help_text = CliRunner().invoke(main, ["export", "--help"]).output
    for column in (
        "dateConvention",
        "datesPeriodeVersement",
        "nature",
        "conditionsVersement",
        "notificationUE",
        "pourcentageSubvention",
    ):
        assert column in help_text, column
    assert "Nothing is made up" not in help_text


# -------------------------------------------------------------------------- delib audit


def _item(
    date: str | None,
    chapitre: str,
    article: str,
    fonction: str | None = None,
    authority: str | None = "Ville",
    subject: str | None = "objet",
) -> CheckedImputation:
    item = CheckedImputation(
        1, 1, authority, date, subject, "f.txt", 1, "…", chapitre, article, fonction, None
    )
    return check_imputation(item, Context("", [], False))


def test_a_year_whose_plan_is_not_shipped_is_not_checked_against_another() -> None:
    # 6574 exists in the M14 of 2014 but is no account of the 2020 plan's M57; 6059 was created
    # and 6578 deleted between plans: judged by another year's plan, it would be "n'existe pas"
    for date in ("2014-05-12", "2019-12-30", "2026-01-15"):
        for article in ("6574", "6578", "999999"):
            item = _item(date, "65", article)
            assert item.status == "non vérifiée" and item.anomalies == [], (date, article)
            assert "non fourni" in item.plan and "non fourni" in item.unchecked
    assert _item("2022-05-12", "65", "999999").status == "anomalie"  # a shipped year is checked


def test_the_summary_and_the_blocks_read_right() -> None:
    items = [_item("2014-05-12", "65", "6574"), _item("2021-01-10", "65", "6574")]
    line = summary_line(items)
    assert "0 with 0" not in line and "none with an anomaly" in line and "1 not checked" in line
    wrong = _item("2022-01-10", "011", "6574", authority=None, subject=None)
    wrong.session_date = None
    table = as_table([wrong])
    assert "1 with 1 anomaly(ies)" in summary_line([wrong])
    assert "None" not in table and "deliberation: authority not read, date not read" in table


def test_the_html_report_is_all_in_french() -> None:
    items = [_item("2014-05-12", "65", "6574"), _item("2022-01-10", "011", "6574", authority=None)]
    page = as_html(items)
    text = re.sub(r"<[^>]+>", " ", page)
    text = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", " ", text)  # the checks' codes
    for english in (
        "checked",
        " with ",
        "anomaly",
        "not checkable",
        "not checked",
        "None",
        "deliberation",
    ):
        assert english not in text, english
    assert "contrôlée(s)" in text and "Chapitre incohérent" in text


# ------------------------------------------------------------------------ delib serve


def _canned(db: Path, name: str, **params: str) -> list[sqlite3.Row]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        register_functions(conn)
        defaults = dict.fromkeys(re.findall(r":(\w+)", QUERIES[name]["sql"]), "")
        return conn.execute(QUERIES[name]["sql"], {**defaults, **params}).fetchall()


def test_the_web_view_finds_a_beneficiary_as_the_command_does(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = seeded_db(tmp_path_factory)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        for text in ("A.R.E.F.E.P.", "batisseurs", "l'Association AREFEP", "W595000017"):
            expected = sorted(g["amount"] for g in s.grants(conn, s.Filters(beneficiary=text)))
            got = sorted(
                r[2] for r in _canned(db, "subventions_par_association", beneficiaire=text)
            )
            assert got == expected and got, text
    assert _canned(db, "subventions_par_association", beneficiaire="%") == []
    assert _canned(db, "votes_contre", elu="%") == [] and _canned(db, "votes_contre", elu="_") == []
    assert len(_canned(db, "votes_contre")) > 0


def _client_get(app: typing.Any, method: str, path: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, path, data={"row": '{"path": "x"}'})

    return asyncio.run(go())


def test_writes_are_refused_and_the_home_page_lists_every_table(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    db = tmp_path / "seeded.db"
    db.write_bytes(seeded_db(tmp_path_factory).read_bytes())
    app = build_app(db)
    for path in ("/seeded/documents/-/insert", "/seeded/-/create", "/seeded/documents", "/seeded"):
        response = _client_get(app, "POST", path)
        assert response.status_code in (403, 405), (path, response.status_code)
        assert "Traceback" not in response.text
    home = _client_get(app, "GET", "/")
    assert home.status_code in (301, 302) and home.headers["location"] == "/seeded"
    page = _client_get(app, "GET", "/seeded").text
    for table in ("deliberations", "beneficiary_entities", "votes", "imputation_anomalies"):
        assert f'href="/seeded/{table}"' in page, table
    searched = _client_get(
        app, "GET", "/seeded/subventions_par_association.json?beneficiaire=batisseurs&_shape=array"
    )
    assert searched.status_code == 200 and len(searched.json()) >= 1


def test_serve_on_a_busy_port_says_so_before_serving(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", "--db", str(demo_db(tmp_path_factory)), "--port", str(port)]
        )
    assert result.exit_code == 2, result.output
    assert "serving" not in result.output and f"127.0.0.1:{port}" in result.output


def test_every_page_method_is_documented() -> None:
    methods = typing.get_args(TextMethod)
    described = TABLES["pages"]["columns"]["method"]
    ingest_help = " ".join(CliRunner().invoke(main, ["ingest", "--help"]).output.split())
    for method in methods:
        assert method in described and f"`{method}`" in ingest_help, method


# ------------------------------------------------------------------ extract and eval


def test_extract_help_points_to_a_spec_in_the_repository() -> None:
    help_text = CliRunner().invoke(main, ["extract", "--help"]).output
    paths = re.findall(r"[\w./-]+\.md", help_text)
    assert paths and all((ROOT / p).is_file() for p in paths), paths


def test_eval_says_which_document_it_is_on(tmp_path: Path) -> None:
    text = sorted(DEV_TEXT.glob("*.txt"))[1]
    result = CliRunner().invoke(main, ["eval", "--gold", str(DEV_GOLD), str(text)])
    assert result.exit_code == 0, result.output
    assert f"[1/1] {text.name}" in result.output
