"""The synthetic archive generator, and a 200-document archive ingested as a user would.

(The 2,000-document run is `make bench-scale`: too long for the test suite on two cores.)
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from deliberations.errors import ExitCode
from tests.generators.synthetic import draw_spec, generate, plan, render_text

DELIB = str(Path(sys.executable).parent / "delib")


def test_specs_are_deterministic_and_varied() -> None:
    assert draw_spec(5, seed=1) == draw_spec(5, seed=1)
    specs = [draw_spec(i, seed=1) for i in range(300)]
    assert len({s.town for s in specs}) > 100
    assert {s.template for s in specs} == {"lomme", "loison", "lens", "board"}
    assert {(s.vote.result, s.vote.unanimous) for s in specs} == {
        ("adopted", True),
        ("adopted", False),
        ("rejected", False),
    }
    assert len({g.amount for s in specs for g in s.grants}) > 250
    assert len({s.date for s in specs}) > 250
    texts = [render_text(s) for s in specs[:40]]
    assert all(s.town.upper() in t.upper() for s, t in zip(specs, texts, strict=False))


def test_the_plan_mixes_scanned_and_broken_documents() -> None:
    kinds = [s.kind for s in plan(400, seed=3, scanned=0.05, broken=0.02)]
    assert kinds.count("scanned") == 20 and len(kinds) - kinds.count("digital") == 28
    assert {"empty", "truncated", "not-a-pdf", "encrypted"} <= set(kinds)


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate(tmp_path / name, 12, seed=5, scanned=0.0, broken=0.1, zipped=0.5, workers=1)
    files_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    files_b = sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    assert files_a == files_b and any(p.suffix == ".zip" for p in files_a)
    for rel in files_a:
        if rel.name != "manifest.jsonl":
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


@pytest.mark.slow
def test_a_200_document_archive_is_ingested_whole(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    manifest = generate(archive, 200, seed=2, scanned=0.01, broken=0.02, zipped=0.25, workers=2)
    db = tmp_path / "d.db"
    run = subprocess.run(
        [DELIB, "ingest", str(archive), "--db", str(db), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == ExitCode.some_documents_failed, run.stderr
    with sqlite3.connect(db) as conn:
        stored = {p for (p,) in conn.execute("SELECT path FROM documents")}
        failed = {p for (p,) in conn.execute("SELECT path FROM errors")}
        dates = dict(
            conn.execute(
                "SELECT doc.path, d.session_date FROM deliberations d "
                "JOIN documents doc ON doc.id = d.document_id WHERE d.seq = 1"
            )
        )
    good = {e["path"] for e in manifest if e["kind"] in ("digital", "scanned")}
    broken = {e["path"] for e in manifest} - good
    assert stored == good and failed == broken and len(broken) == 4
    assert any("!" in p for p in stored)  # entries of zip archives
    # the documents say what the manifest says they say (the séance date, read by the rules)
    digital = [e for e in manifest if e["kind"] == "digital"]
    wrong = [
        (e["path"], dates.get(e["path"]), e["session_date"])
        for e in digital
        if dates.get(e["path"]) != e["session_date"]
    ]
    assert wrong == [], f"{len(wrong)}/{len(digital)} séance dates misread: {wrong[:5]}"
    # the run's progress, as a log shows it (stderr is not a terminal here), then the summary
    assert "200/200 documents" in run.stderr and "pages/s" in run.stderr
    summary = [line for line in run.stderr.splitlines() if " stored, " in line]
    assert summary == [
        line for line in summary if line.startswith(f"{len(good)} stored, 0 unchanged")
    ]
    assert len(summary) == 1 and "failed: " in run.stderr.splitlines()[-2]
    assert run.stderr.splitlines()[-1].startswith(
        "  beneficiary entities and imputation audit rebuilt in "
    )
    assert json.loads((archive / "manifest.jsonl").read_text().splitlines()[0])["path"]
