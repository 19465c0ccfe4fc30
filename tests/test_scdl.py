"""SCDL open-data exports, validated with frictionless against the published schemas."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from frictionless import Resource, Schema

from deliberations.cli import main
from deliberations.queries.scdl import SCHEMAS
from tests.seeded_db import ROOT, SHARED_SCDL, demo_db, seeded_db

# test values (14 digits): SCDL wants the authority's SIRET, which the documents do not print
SIRETS = [
    "Lomme=11111111111111",
    "Lens=22222222222222",
    "Loison-sous-Lens=33333333333333",
    "Pas-de-Calais habitat=44444444444444",
    "Villers-les-Ormes=55555555555555",
    "Saint-Aubin-des-Prés=66666666666666",
]


def _schema(kind: str) -> Schema:
    """The schema as published (shared/reference/scdl) when beside the repo, else the shipped copy."""
    name = SCHEMAS[kind]
    path = (
        SHARED_SCDL / name
        if (SHARED_SCDL / name).exists()
        else ROOT / "deliberations" / "data" / "scdl" / name
    )
    return Schema.from_descriptor(json.loads(path.read_text(encoding="utf-8")))


def _export(kind: str, db: Path, out: Path, *extra: str) -> tuple[list[dict], str]:
    args = ["export", kind, "-o", str(out), "--db", str(db)]
    for s in SIRETS:
        args += ["--siret", s]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f)), result.output


def _assert_valid(kind: str, path: Path) -> None:
    report = Resource(path=path.name, basepath=str(path.parent), schema=_schema(kind)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_demo_deliberations_validate(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    out = tmp_path / "deliberations.csv"
    rows, _ = _export("scdl-deliberations", demo_db(tmp_path_factory), out, "--matter", "7.5")
    _assert_valid("scdl-deliberations", out)
    assert len(rows) == 4
    lens = next(r for r in rows if r["COLL_NOM"] == "Lens")
    # the @CTES act id and the matter code read in the text win over --matter
    assert lens["DELIB_ID"] == "062-216204982-20231206-DLB17_06122023-DE"
    assert (lens["DELIB_MATIERE_CODE"], lens["DELIB_MATIERE_NOM"]) == (
        "8.5",
        "Domaines de competences par themes/Politique de la ville-habitat-logement",
    )
    lomme = next(r for r in rows if r["COLL_NOM"] == "Lomme")
    assert (lomme["DELIB_ID"], lomme["DELIB_MATIERE_CODE"]) == ("2017/39", "7.5")


def test_demo_subsidies_validate(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    out = tmp_path / "subventions.csv"
    rows, _ = _export("scdl-subventions", demo_db(tmp_path_factory), out)
    _assert_valid("scdl-subventions", out)
    assert [(r["nomBeneficiaire"], r["montant"], r["idAttribuant"]) for r in rows] == [
        ("AREFEP", "21900.00", "11111111111111"),
        ("Compagnons bâtisseurs", "30000.00", "22222222222222"),
    ]
    assert rows[0]["dateConvention"] == "2017-06-21" and rows[0]["referenceDecision"] == "2017/39"
    assert rows[0]["datesPeriodeVersement"] == "2017-06-21/2017-12-31"


def test_votes_all_or_nothing(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    out = tmp_path / "deliberations.csv"
    rows, _ = _export("scdl-deliberations", seeded_db(tmp_path_factory), out, "--matter", "7.5")
    _assert_valid("scdl-deliberations", out)
    votes = ["VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]
    for row in rows:
        filled = [row[c] for c in votes if row[c]]
        assert len(filled) in (0, 5), row
        if filled:
            assert int(row["VOTE_REEL"]) == int(row["VOTE_POUR"]) + int(row["VOTE_CONTRE"]) + int(
                row["VOTE_ABSTENTION"]
            )
    seeded = next(r for r in rows if r["DELIB_ID"] == "2024-017")
    assert [seeded[c] for c in votes] == ["33", "29", "24", "3", "2"]


def test_subsidy_rows_carry_rna_and_siret(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    out = tmp_path / "subventions.csv"
    rows, _ = _export("scdl-subventions", seeded_db(tmp_path_factory), out)
    _assert_valid("scdl-subventions", out)
    assert len(rows) == 5  # one row per beneficiary of each deliberation
    arefep = [r for r in rows if r["nomBeneficiaire"] == "AREFEP"]
    assert {(r["rnaBeneficiaire"], r["idBeneficiaire"]) for r in arefep} == {
        ("W595000017", "44218375200017")
    }


def test_rows_lacking_required_values_are_left_out_and_said(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    out = tmp_path / "d.csv"
    result = CliRunner().invoke(
        main,
        ["export", "scdl-deliberations", "-o", str(out), "--db", str(demo_db(tmp_path_factory))],
    )
    assert result.exit_code == 2  # no row could be written: said, and no file
    assert result.output.count("left out: ") == 4 and "nothing written" in result.output
    assert "no COLL_SIRET" in result.output and "--siret" in result.output
    assert not out.exists()
    # with the SIRET of one authority only, its row is written and the others left out
    result = CliRunner().invoke(
        main,
        [
            "export",
            "scdl-deliberations",
            "-o",
            str(out),
            "--matter",
            "7.5",
            "--siret",
            SIRETS[0],
            "--db",
            str(demo_db(tmp_path_factory)),
        ],
    )
    assert (
        result.exit_code == 0
        and "1 row(s) written" in result.output
        and "3 left out" in result.output
    )
    _assert_valid("scdl-deliberations", out)


def test_bad_options(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = str(demo_db(tmp_path_factory))
    bad = CliRunner().invoke(
        main,
        [
            "export",
            "scdl-subventions",
            "-o",
            str(tmp_path / "x.csv"),
            "--db",
            db,
            "--siret",
            "Lens=123",
        ],
    )
    assert bad.exit_code == 2 and "14 digits" in bad.output
    bad = CliRunner().invoke(
        main,
        [
            "export",
            "scdl-deliberations",
            "-o",
            str(tmp_path / "x.csv"),
            "--db",
            db,
            "--matter",
            "42",
        ],
    )
    assert bad.exit_code == 2 and "matter code" in bad.output
