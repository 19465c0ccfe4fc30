"""`delib subsidies`: each grant with its deliberation, vote, imputations and source; totals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberations.cli import main
from tests.seeded_db import demo_db, seeded_db


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["subsidies", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_arefep_on_the_demo_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    data = json.loads(
        _run("--beneficiary", "arefep", "--format", "json", "--db", str(demo_db(tmp_path_factory)))
    )
    [grant] = data["grants"]
    assert grant["beneficiary"] == "AREFEP" and grant["amount"] == 21900.0
    assert grant["date"] == "2017-06-21" and grant["authority"] == "Lomme"
    assert [
        (i["chapitre"], i["article"], i["fonction"], i["operation"]) for i in grant["imputations"]
    ] == [("65", "6574", "520", "1056"), ("65", "6574", "520", "1005")]
    assert grant["vote"]["against_names"] == [
        "ACS",
        "HENRI",
        "NIEUVIART",
        "CAUX",
        "KEIGNAERT",
        "DUEZ",
        "MOMBOISSE",
    ]
    assert (
        Path(grant["source"]["file"]).name == "000_cdcb5809c422d6af.pdf"
        and grant["source"]["page"] == 2
    )
    assert data["totals"]["by_beneficiary"][0]["total"] == 21900.0


def test_spellings_add_up_to_one_beneficiary(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(seeded_db(tmp_path_factory))
    # "AREFEP" (Lomme), "Association AREFEP" (2022), "l'A.R.E.F.E.P." (2024): one beneficiary
    for query in ("arefep", "A.R.E.F.E.P.", "l'Association AREFEP", "W595000017"):
        data = json.loads(_run("--beneficiary", query, "--format", "json", "--db", db))
        assert {g["beneficiary"] for g in data["grants"]} == {"AREFEP"}, query
        assert [t["total"] for t in data["totals"]["by_beneficiary"]] == [25900.0], query
    data = json.loads(
        _run("--beneficiary", "compagnons batisseurs", "--format", "json", "--db", db)
    )
    assert sorted(g["amount"] for g in data["grants"]) == [4000.0, 30000.0]


def test_filters_and_totals_by_year(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(seeded_db(tmp_path_factory))
    data = json.loads(_run("--year", "2024", "--format", "json", "--db", db))
    assert [t for t in data["totals"]["by_year"]] == [
        {"year": 2024, "grants": 2, "total": 6500.0, "amount_not_stated": 0}
    ]
    assert (
        json.loads(_run("--authority", "LENS", "--format", "json", "--db", db))["grants"][0][
            "amount"
        ]
        == 30000.0
    )
    assert "No grant matches." in _run("--authority", "Paris", "--db", db)


def test_majority_vote_with_counts_and_names(tmp_path_factory: pytest.TempPathFactory) -> None:
    data = json.loads(
        _run(
            "--year",
            "2024",
            "--beneficiary",
            "arefep",
            "--format",
            "json",
            "--db",
            str(seeded_db(tmp_path_factory)),
        )
    )
    vote = data["grants"][0]["vote"]
    assert (vote["for"], vote["against"], vote["abstentions"]) == (24, 3, 2)
    assert vote["against_names"] == ["BERNARD", "COLIN", "FAURE"]


def test_table_and_csv(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = str(seeded_db(tmp_path_factory))
    table = _run("--db", db)
    assert (
        table.startswith("5 grant(s)")
        and "Totals by beneficiary:" in table
        and "Totals by year:" in table
    )
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv", "--db", db))))
    assert len(rows) == 5
    assert {r["beneficiary"] for r in rows} == {"AREFEP", "Compagnons bâtisseurs"}
    assert rows[0]["imputations"] == "65/6574/520 op. 1056; 65/6574/520 op. 1005"


def test_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["subsidies", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.output.startswith("error: database") and "delib ingest" in result.output
