"""The imputation audit against the shipped M14 / M57 nomenclatures."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberations.cli import main
from deliberations.nomenclature import plan_for
from deliberations.queries.audit import CheckedImputation, Context, check_imputation, choose_norme
from tests.seeded_db import ROOT, demo_db, seeded_db

SHARED_PLANS = ROOT.parent / "shared" / "reference" / "plans-de-comptes"


def _checks(
    date: str,
    chapitre: str | None,
    article: str | None,
    fonction: str | None = None,
    text: str = "",
    beneficiaries: tuple[str, ...] = (),
) -> list[str]:
    item = CheckedImputation(
        1, 1, "Ville", date, "objet", "f.txt", 1, "…", chapitre, article, fonction, None
    )
    association = bool(beneficiaries) and "association" in text.lower()
    check_imputation(item, Context(text, list(beneficiaries), association))
    return [a.check for a in item.anomalies]


# --------------------------------------------------------------------------- nomenclature data


def test_nomenclature_votable_and_grouping_accounts() -> None:
    m57, _ = plan_for("M57", 2024)
    assert not m57.comptes["6574"].votable
    assert [c.code for c in m57.votable_descendants("6574")] == ["65741", "65742", "65743", "65748"]
    assert m57.comptes["65748"].chapters == ("65",)
    m14, _ = plan_for("M14", 2022)
    assert m14.comptes["6574"].votable and m14.comptes["6574"].chapters == ("65",)
    assert m14.fonctions["025"].startswith("Aides aux associations")
    assert m57.fonctions["025"].startswith("Cimetières")


def test_plan_outside_2020_2024_is_the_nearest_with_a_note() -> None:
    plan, note = plan_for("M14", 2017)
    assert plan.exercice == 2020 and note == "le plus ancien fourni ; séance de 2017"
    plan, note = plan_for("M57", 2026)
    assert plan.exercice == 2024 and note and "le plus récent" in note
    assert plan_for("M57", 2023)[1] is None


@pytest.mark.skipif(
    not SHARED_PLANS.is_dir(), reason="shared/reference/plans-de-comptes not beside the repo"
)
def test_shipped_data_is_what_the_script_derives(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_nomenclatures.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    # the two mislabelled files are left out, by their own headers
    assert (
        "2022/M57/M57/planDeCompte.xml" in out.stderr
        and "2023/M57/M57_P/planDeCompte.xml" in out.stderr
    )
    shipped = ROOT / "deliberations" / "data" / "nomenclatures"
    for name in ("comptes.csv", "fonctions.csv", "chapitres.csv"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


# --------------------------------------------------------------------------- checks


def test_seeded_wrong_m57_imputation_is_flagged_three_times() -> None:
    text = "subvention exceptionnelle à l'association A.R.E.F.E.P. : aide financière"
    assert _checks("2024-03-14", "011", "6574", "025", text, ("A.R.E.F.E.P",)) == [
        "compte_non_votable",
        "chapitre_incoherent",
        "fonction_autre_nomenclature",
    ]


def test_correct_imputations_pass() -> None:
    text = "subvention à l'association compagnons bâtisseurs, politique de la ville"
    assert _checks("2024-03-14", "65", "65748", "52", text, ("compagnons bâtisseurs",)) == []
    assert (
        _checks("2022-09-15", "65", "6574", "025", "subvention à l'association AREFEP", ("AREFEP",))
        == []
    )
    assert _checks("2017-06-21", "65", "6574", "520", "versement à l'AREFEP", ("AREFEP",)) == []


def test_deleted_account_flagged_from_the_year_it_was_deleted() -> None:
    # M57 657362 "CCAS" became "Budgets annexes et régies", deleted, in the 2024 plan
    assert "compte_supprime" in _checks("2024-05-02", "65", "657362")
    assert _checks("2023-05-02", "65", "657362", text="nomenclature M57") == []


def test_unknown_account_and_fonction_name_the_other_nomenclature() -> None:
    item = CheckedImputation(1, 1, "Ville", "2024-02-01", "", "f", 1, "", "65", "6579", "520", None)
    check_imputation(item, Context("", [], False))
    assert [a.check for a in item.anomalies] == ["compte_inconnu", "fonction_inconnue"]
    assert "C'est une fonction de la M14" in item.anomalies[1].explanation


def test_chapter_of_an_other_account_and_functional_chapter() -> None:
    assert _checks("2022-01-10", "011", "6574") == ["chapitre_incoherent"]
    assert _checks("2022-01-10", "65", "6068") == ["chapitre_incoherent"]  # 6068 is voted in 011
    assert _checks("2022-01-10", "011", "6068") == []
    assert _checks("2022-01-10", "925", "6574") == []  # vote by fonction: a functional chapter


def test_grant_to_an_association_on_a_non_subsidy_account() -> None:
    text = "subvention à l'association Les Amis du Livre"
    assert _checks("2022-01-10", "011", "6228", None, text, ("Les Amis du Livre",)) == [
        "compte_non_subvention"
    ]
    assert _checks("2024-01-10", "65", "65741", None, text, ("Les Amis du Livre",)) == [
        "compte_subvention_inadapte"
    ]
    assert (
        _checks("2022-01-10", "011", "6228", None, "honoraires d'avocat") == []
    )  # no grant: no check


def test_which_nomenclature_and_why() -> None:
    assert choose_norme(2022, "passage à la nomenclature M57 au 1er janvier 2022", "6574") == (
        "M57",
        "la délibération cite la nomenclature M57",
    )
    assert choose_norme(2024, "", "6574")[0] == "M57"
    assert choose_norme(2022, "", "65748") == ("M57", "le compte 65748 n'existe qu'en M57")
    assert choose_norme(2022, "", "6574")[0] == "M14"


# --------------------------------------------------------------------------- the command


def test_audit_on_the_seeded_corpus(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = seeded_db(tmp_path_factory)
    result = CliRunner().invoke(main, ["audit", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_file = {Path(i["path"]).name: i for i in data["imputations"]}
    wrong = by_file["2024_m57_imputation_fautive.txt"]
    assert wrong["status"] == "anomalie" and wrong["norme"] == "M57"
    assert [a["check"] for a in wrong["anomalies"]] == [
        "compte_non_votable",
        "chapitre_incoherent",
        "fonction_autre_nomenclature",
    ]
    assert "65748" in wrong["anomalies"][0]["explanation"]
    assert "relève du chapitre 65" in wrong["anomalies"][1]["explanation"]
    assert by_file["2024_m57_subvention_correcte.txt"]["status"] == "conforme"
    assert by_file["2022_m14_subvention_correcte.txt"]["status"] == "conforme"
    # the same, stored at ingest for the web view
    with sqlite3.connect(db) as conn:
        stored = [
            r[0] for r in conn.execute("SELECT check_name FROM imputation_anomalies ORDER BY id")
        ]
    assert stored == ["compte_non_votable", "chapitre_incoherent", "fonction_autre_nomenclature"]


def test_audit_formats(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = str(seeded_db(tmp_path_factory))
    table = CliRunner().invoke(main, ["audit", "--db", db])
    assert (
        "5 imputation(s) checked: 2 conforme(s), 1 with 3 anomaly(ies), 2 not checked"
        in table.output
    )  # Lomme's two of 2017: no plan of 2017 shipped
    assert "Anomaly 1/3: compte_non_votable (erreur)" in table.output
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(main, ["audit", "--format", "csv", "--db", db]).output)
        )
    )
    assert [r["check"] for r in rows if r["check"]] == [
        "compte_non_votable",
        "chapitre_incoherent",
        "fonction_autre_nomenclature",
    ]
    report = tmp_path / "audit.html"
    result = CliRunner().invoke(main, ["audit", "--format", "html", "-o", str(report), "--db", db])
    assert result.exit_code == 0
    page = report.read_text(encoding="utf-8")
    assert (
        page.startswith("<!doctype html>")
        and "chapitre_incoherent" in page
        and "Explication" in page
    )


def test_audit_on_the_demo_database_finds_nothing_wrong(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    result = CliRunner().invoke(main, ["audit", "--db", str(demo_db(tmp_path_factory))])
    assert (
        "2 imputation(s) checked: 0 conforme(s), none with an anomaly, 2 not checked"
        in result.output
    )


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "delib ingest" in result.output
