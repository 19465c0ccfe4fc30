"""Scanned documents end to end: eval on the scanned dev corpus, page-by-page decisions on a
mixed PDF and a stamped scan, the database rows, and a machine without Tesseract."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberations.cli import main
from deliberations.extract import read_document
from deliberations.extract.ocr import LOW_CONFIDENCE, tesseract_problem
from tests.conftest import DEV_GOLD
from tests.generators.scans import build_scanned_corpus, mix_pdf, stamp_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(tesseract_problem() is not None, reason=tesseract_problem() or ""),
]

LOMME = "000_cdcb5809c422d6af"
LENS = "004_05d0b8aa3f9328d5"
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def scanned_dev(dev_pdfs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five dev documents as degraded scans (same stems as the gold files)."""
    out = tmp_path_factory.mktemp("scanned_dev")
    build_scanned_corpus(dev_pdfs[0].parent, out, profile="degraded")
    return out


@pytest.fixture(scope="session")
def mixed(dev_pdfs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lens deliberation with its page 2 (the one with the amounts) scanned."""
    source = next(p for p in dev_pdfs if p.stem == LENS)
    return mix_pdf(source, tmp_path_factory.mktemp("mixed") / f"{LENS}.pdf", scanned={2})


@pytest.fixture(scope="session")
def stamped(dev_pdfs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lomme deliberation scanned, with an @CTES stamp as real text over its first page."""
    source = next(p for p in dev_pdfs if p.stem == LOMME)
    return stamp_pdf(source, tmp_path_factory.mktemp("stamped") / f"{LOMME}.pdf")


def test_eval_on_the_scanned_dev_corpus(scanned_dev: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--gold", str(DEV_GOLD), str(scanned_dev), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 5
    assert scores["micro"]["f1"] >= 0.9, scores
    for family in ("amounts", "imputations"):
        assert scores["families"][family]["precision"] >= 0.98, scores["families"][family]


def test_mixed_pdf_is_read_page_by_page(mixed: Path) -> None:
    document = read_document(mixed)
    assert [p.method for p in document.pages] == ["text-layer", "ocr", "text-layer"]
    assert [p.reason for p in document.pages] == ["text layer", "no text layer", "text layer"]
    scanned = document.pages[1]
    assert "Compagnons" in scanned.text and scanned.confidence > LOW_CONFIDENCE
    assert all(scanned.text[w.start : w.end] == w.text for w in scanned.words)
    assert document.pages[0].words == [] and document.pages[0].confidence is None


def test_mixed_pdf_record_marks_its_ocr_page_and_evidence(mixed: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(mixed)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["source"]["ocr_pages"] == [2]
    deliberation = record["deliberations"][0]
    assert {a["value"] for a in deliberation["amounts"]} >= {259100.0}
    for ev in deliberation["evidence"]["amounts"]:
        assert ev["page"] == 2 and len(ev["bbox"]) == 4 and 0 <= ev["confidence"] <= 1
    for ev in deliberation["evidence"]["session_date"]:  # read on a digital page
        assert ev["page"] != 2 and "bbox" not in ev and "confidence" not in ev


def test_stamped_scan_is_ocrd_despite_its_text_layer(stamped: Path) -> None:
    """OCRmyPDF's --skip-text would keep the stamp's words and skip the page."""
    document = read_document(stamped)
    first, second = document.pages
    assert first.method == "ocr" and "ink" in first.reason and "stamp" in first.reason
    assert second.method == "ocr" and second.reason == "no text layer"
    assert "PROJET" in first.text and "MITTERIE" in first.text  # the page, not only the stamp
    assert "réception" in first.text  # and the stamp, as it is drawn


def test_a_stamp_drawn_over_a_scan_is_read_from_its_text_not_from_its_drawing(
    stamped: Path,
) -> None:
    """The stamp's box is left out of the render (it would hide the scan beneath it) and its
    words come from the text layer, exact, set aside at the page's end as a stamp."""
    first = read_document(stamped).pages[0]
    stamp = [w for w in first.words if w.zone == "stamp"]
    identifier = "062-216204982-20231206-DLB17_06122023-DE"
    assert [w.confidence for w in stamp if w.text == identifier] == [1.0]
    assert first.text.index(identifier) > max(w.start for w in first.words if w.zone == "body")
    assert first.text.count(identifier) == 1  # not read a second time off the image


def test_ingest_stores_pages_words_and_evidence_regions(
    mixed: Path, stamped: Path, tmp_path: Path
) -> None:
    db = tmp_path / "scans.db"
    result = CliRunner().invoke(
        main,
        ["ingest", str(mixed), str(stamped), "--db", str(db), "--executor", "serial", "--quiet"],
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        pages = conn.execute(
            "SELECT d.path, p.page_no, p.method, p.reason, p.confidence FROM pages p "
            "JOIN documents d ON d.id = p.document_id ORDER BY d.path, p.page_no"
        ).fetchall()
        by_doc = {}
        for path, _, method, reason, confidence in pages:
            by_doc.setdefault(Path(path).stem, []).append((method, reason, confidence))
        assert [m for m, _, _ in by_doc[LENS]] == ["text-layer", "ocr", "text-layer"]
        assert by_doc[LENS][1][2] > LOW_CONFIDENCE and by_doc[LENS][0][2] is None
        assert [m for m, _, _ in by_doc[LOMME]] == ["ocr", "ocr"]
        assert conn.execute(
            "SELECT ocr_pages FROM documents WHERE path LIKE ?", (f"%mixed%{LENS}.pdf",)
        ).fetchone() == ("2",)
        # every stored word gives itself back from the stored page text
        words = conn.execute(
            "SELECT w.text, substr(p.text, w.start_char + 1, w.end_char - w.start_char), w.confidence, "
            "w.x0 < w.x1 AND w.top < w.bottom FROM page_words w JOIN pages p "
            "ON p.document_id = w.document_id AND p.page_no = w.page_no"
        ).fetchall()
        assert len(words) > 300
        assert all(text == stored and 0 <= conf <= 1 and ok for text, stored, conf, ok in words)
        # values read on OCR'd pages carry the region and the confidence; digital ones do not
        rows = conn.execute("SELECT a.page, a.bbox, a.confidence FROM amounts a").fetchall()
        assert rows and all(
            len(json.loads(bbox)) == 4 and conf is not None for _, bbox, conf in rows
        )
        digital = conn.execute(
            "SELECT bbox, confidence FROM evidence WHERE field = 'session_date' "
            "AND page != 2 AND deliberation_id IN (SELECT d.id FROM deliberations d "
            "JOIN documents doc ON doc.id = d.document_id WHERE doc.path LIKE ?)",
            (f"%{LENS}.pdf",),
        ).fetchall()
        assert digital == [(None, None)]


def _without_tesseract() -> dict[str, str]:
    """The environment of a machine where Tesseract is not installed (not on the PATH)."""
    env = {k: v for k, v in os.environ.items() if k != "DELIB_OCR_WORKERS"}
    env["PATH"] = str(VENV_BIN)
    return env


def test_without_tesseract_digital_pages_are_read_and_scanned_ones_are_errors(
    dev_pdfs: list[Path], tmp_path: Path
) -> None:
    # the Lens deliberation with its last page scanned: the first two still make a deliberation
    source = next(p for p in dev_pdfs if p.stem == LENS)
    mixed = mix_pdf(source, tmp_path / f"{LENS}.pdf", scanned={3})
    delib = str(VENV_BIN / "delib")
    env = _without_tesseract()
    extract = subprocess.run(
        [delib, "extract", str(mixed)], capture_output=True, text=True, env=env, timeout=300
    )
    warnings = [line for line in extract.stderr.splitlines() if "esseract" in line]
    assert len(warnings) == 1, extract.stderr
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in warnings[0]
    record = json.loads(extract.stdout.splitlines()[0])
    assert record["source"]["ocr_pages"] == []
    assert record["deliberations"][0]["session_date"] == "2023-12-06"  # from the digital pages

    db = tmp_path / "no-tesseract.db"
    # two worker processes, each of which meets the scanned page of its document: one line
    other = mix_pdf(
        next(p for p in dev_pdfs if p.stem == LOMME), tmp_path / f"{LOMME}.pdf", scanned={2}
    )
    ingest = subprocess.run(
        [delib, "ingest", str(mixed), str(other), "--db", str(db), "--workers", "2", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert len([line for line in ingest.stderr.splitlines() if "apt-get install" in line]) == 1, (
        ingest.stderr
    )
    with sqlite3.connect(db) as conn:
        methods = conn.execute(
            "SELECT page_no, method, chars FROM pages WHERE document_id = "
            "(SELECT id FROM documents WHERE path = ?) ORDER BY page_no",
            (str(mixed),),
        ).fetchall()
        assert [(n, m) for n, m, _ in methods] == [
            (1, "text-layer"),
            (2, "text-layer"),
            (3, "error"),
        ]
        assert methods[2][2] == 0 and methods[0][2] > 100
        errors = conn.execute(
            "SELECT stage, error_class, message FROM errors WHERE path = ?", (str(mixed),)
        ).fetchall()
        assert len(errors) == 1
        stage, error_class, message = errors[0]
        assert (stage, error_class) == ("ocr", "OcrUnavailableError")
        assert "page 3" in message and "apt-get install tesseract-ocr tesseract-ocr-fra" in message
        assert conn.execute(
            "SELECT status FROM documents WHERE path = ?", (str(mixed),)
        ).fetchone() == ("partial",)
