"""From PDF to database rows and JSON records, through the `delib` command as a user runs it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from deliberations.cli import main
from deliberations.errors import ExitCode
from tests.conftest import DEV_GOLD

pytestmark = pytest.mark.slow

LENS = "004_05d0b8aa3f9328d5"
LOMME = "000_cdcb5809c422d6af"


def _rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def test_ingest_builds_the_database_from_pdfs(dev_pdfs: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    result = CliRunner().invoke(main, ["ingest", str(dev_pdfs[0].parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(5,)]
    assert _rows(db, "SELECT kind, COUNT(*) FROM documents GROUP BY kind") == [
        ("deliberation", 4),
        ("other", 1),
    ]
    # the Lomme deliberation: vote by majority with seven members against, AREFEP's grant
    (delib_id, date, number) = _rows(
        db,
        "SELECT d.id, d.session_date, d.number FROM deliberations d JOIN documents doc "
        "ON doc.id = d.document_id WHERE doc.path LIKE ?",
        f"%{LOMME}.pdf",
    )[0]
    assert (date, number) == ("2017-06-21", "2017/39")
    assert _rows(db, "SELECT result, unanimous FROM votes WHERE deliberation_id = ?", delib_id) == [
        ("adopted", 0)
    ]
    against = [
        r[0]
        for r in _rows(
            db,
            "SELECT name FROM vote_members WHERE deliberation_id = ? AND role = 'against'",
            delib_id,
        )
    ]
    assert against == ["ACS", "HENRI", "NIEUVIART", "CAUX", "KEIGNAERT", "DUEZ", "MOMBOISSE"]
    assert _rows(
        db, "SELECT name, amount FROM beneficiaries WHERE deliberation_id = ?", delib_id
    ) == [("AREFEP", 21900.0)]
    assert _rows(
        db,
        "SELECT chapitre, article, fonction, operation FROM imputations WHERE deliberation_id = ? ORDER BY seq",
        delib_id,
    ) == [("65", "6574", "520", "1056"), ("65", "6574", "520", "1005")]
    # evidence points at the text it was read from, in the stored page text
    (page, start, end) = _rows(
        db, "SELECT page, start_char, end_char FROM amounts WHERE deliberation_id = ?", delib_id
    )[0]
    (text,) = _rows(
        db,
        "SELECT p.text FROM pages p JOIN deliberations d ON d.document_id = p.document_id "
        "WHERE d.id = ? AND p.page_no = ?",
        delib_id,
        page,
    )[0]
    assert text[start:end].startswith("21 900")
    # full-text search over page text
    hits = _rows(db, "SELECT COUNT(*) FROM pages_fts WHERE pages_fts MATCH 'compagnons'")
    assert hits[0][0] >= 1
    # foreign keys hold
    assert _rows(db, "PRAGMA foreign_key_check") == []


def test_reingest_is_idempotent(dev_pdfs: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    folder = str(dev_pdfs[0].parent)
    CliRunner().invoke(main, ["ingest", folder, "--db", str(db)])
    tables = [
        "documents",
        "pages",
        "deliberations",
        "votes",
        "vote_members",
        "amounts",
        "imputations",
        "beneficiaries",
        "evidence",
        "errors",
    ]
    before = {t: _rows(db, f"SELECT * FROM {t} ORDER BY 1") for t in tables}
    again = CliRunner().invoke(main, ["ingest", folder, "--db", str(db)])
    assert again.exit_code == 0
    assert "5 unchanged" in again.output
    after = {t: _rows(db, f"SELECT * FROM {t} ORDER BY 1") for t in tables}
    assert before == after


def test_bad_input_is_recorded_and_the_batch_goes_on(dev_pdfs: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_good.pdf").write_bytes(dev_pdfs[0].read_bytes())
    (folder / "b_empty.pdf").write_bytes(b"")
    (folder / "c_not_a_pdf.pdf").write_text("hello, I am a text file")
    (folder / "d_truncated.pdf").write_bytes(dev_pdfs[4].read_bytes()[:300])
    db = tmp_path / "d.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == ExitCode.some_documents_failed
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]
    errors = {
        Path(p).name: (cls, msg)
        for p, cls, msg in _rows(db, "SELECT path, error_class, message FROM errors")
    }
    assert set(errors) == {"b_empty.pdf", "c_not_a_pdf.pdf", "d_truncated.pdf"}
    assert errors["b_empty.pdf"][0] == "InputFileError" and "empty file" in errors["b_empty.pdf"][1]
    assert "not a PDF" in errors["c_not_a_pdf.pdf"][1]
    assert all("\n" not in message for _, message in errors.values())
    # one line on stderr per failed document
    assert sum(line.startswith("error:") for line in result.output.splitlines()) == 3


def test_extract_prints_records_that_follow_the_schema(
    dev_pdfs: list[Path], extraction_schema: dict
) -> None:
    result = CliRunner().invoke(main, ["extract", *map(str, dev_pdfs), "--format", "json"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(records) == 5
    for record in records:
        jsonschema.validate(record, extraction_schema)
    lens = next(r for r in records if r["source"]["file"] == f"{LENS}.pdf")
    deliberation = lens["deliberations"][0]
    assert deliberation["act_id"] == "062-216204982-20231206-DLB17_06122023-DE"
    assert deliberation["matter_code"] == "8.5"
    assert [a["value"] for a in deliberation["amounts"]] == [259100.0, 30000.0]
    assert deliberation["beneficiaries"][0]["amount"] == 30000.0
    assert "compagnons" in deliberation["beneficiaries"][0]["name"].lower()
    assert set(deliberation["evidence"]) >= {
        "session_date",
        "rapporteur",
        "vote",
        "amounts",
        "beneficiaries",
    }


def test_eval_scores_the_dev_corpus(dev_pdfs: list[Path]) -> None:
    result = CliRunner().invoke(
        main, ["eval", "--gold", str(DEV_GOLD), str(dev_pdfs[0].parent), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert "[5/5] " in result.stderr  # progress, on stderr
    scores = json.loads(result.stdout)
    assert scores["documents"] == 5
    assert scores["micro"]["f1"] >= 0.95
    assert all(family["f1"] >= 0.9 for family in scores["families"].values()), scores["families"]


def test_the_console_script_runs() -> None:
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "delib"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "ingest" in completed.stdout and "eval" in completed.stdout
