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


def _grant(name: str, amount: float, check: str | None) -> dict:
    return {
        "beneficiary": name,
        "printed_name": name,
        "entity_id": None,
        "rna": None,
        "siren": None,
        "siret": None,
        "amount": amount,
        "check": check,
        "score": 0.5 if check else None,
        "date": "2024-03-25",
        "year": 2024,
        "authority": "Ville",
        "body": "conseil municipal",
        "subject": "Subventions aux associations",
        "number": None,
        "act_id": None,
        "matter_code": None,
        "imputations": [],
        "vote": {
            "result": "adopted",
            "unanimous": True,
            "for": None,
            "against": None,
            "abstentions": None,
            "against_names": [],
            "abstention_names": [],
        },
        "source": {"file": "grants.pdf", "page": 3},
        "deliberation_id": 1,
    }


def test_grants_of_a_table_that_does_not_add_up_are_flagged() -> None:
    from deliberations.queries import subsidies as s

    check = "rows sum to 32 960 €, the table says 32 700 €"
    items = [_grant("Judo club", 1500.0, check), _grant("Chorale", 600.0, check)]
    table = s.as_table(items)
    assert "1 500.00 € (?)" in table
    assert f"grants.pdf: {check} (2 grant(s) of that table)" in table
    rows = list(csv.DictReader(io.StringIO(s.as_csv(items))))
    assert rows[0]["check"] == check and rows[0]["score"] == "0.5"


def test_grants_of_tables_that_add_up_carry_no_flag() -> None:
    """Near miss: no check, no "(?)" and no note."""
    from deliberations.queries import subsidies as s

    table = s.as_table([_grant("Judo club", 1500.0, None)])
    assert "(?)" not in table and "do not add up" not in table


def test_each_section_of_a_grant_table_has_its_own_imputation() -> None:
    """Sections closed by a total and their credit line: a grant takes the imputation after it."""
    from deliberations.queries.subsidies import section_imputations

    sport, culture = {"fonction": "40"}, {"fonction": "30"}
    grants = [(1, 100), (1, 200), (2, 50)]
    places = [(1, 400), (2, 300)]  # after the sport rows, after the culture row
    assert section_imputations((1, 200), grants, places, [sport, culture]) == [sport]
    assert section_imputations((2, 50), grants, places, [sport, culture]) == [culture]


def test_imputations_printed_before_every_grant_stay_the_deliberations() -> None:
    """Near miss: one credit line above the whole table applies to every grant."""
    from deliberations.queries.subsidies import section_imputations

    items = [{"fonction": "40"}, {"fonction": "30"}]
    grants = [(1, 500), (1, 600), (2, 50)]
    assert section_imputations((2, 50), grants, [(1, 100), (1, 120)], items) == items
