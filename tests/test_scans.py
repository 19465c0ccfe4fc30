"""The scanned-fixture builder: image-only PDFs, realistic and deterministic; mixed and stamped."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from deliberations.extract.pdf import page_text
from tests.conftest import DEV_TEXT
from tests.generators.fixtures import build_pdf, layout_for
from tests.generators.scans import (
    CTES_STAMP,
    DEFAULT_SEED,
    main,
    mix_pdf,
    plan,
    scan_pdf,
    stamp_pdf,
)

LOMME = "000_cdcb5809c422d6af"
LENS = "004_05d0b8aa3f9328d5"


@pytest.fixture(scope="module")
def digital(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("digital")
    pdfs = {}
    for index, stem in ((0, LOMME), (4, LENS)):
        pdfs[stem] = out / f"{stem}.pdf"
        build_pdf(
            (DEV_TEXT / f"{stem}.txt").read_text(encoding="utf-8"), pdfs[stem], layout_for(index)
        )
    return pdfs


def _pages(pdf: Path) -> list[dict]:
    """Per page: its text, its images' pixel sizes, and its size in points."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            images = [
                obj.get_px_size() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
            ]
            out.append({"text": page_text(page), "images": images, "size": page.get_size()})
            page.close()
        return out
    finally:
        doc.close()


def test_scan_is_image_only_same_pages_same_size(digital: dict[str, Path], tmp_path: Path) -> None:
    scan = scan_pdf(digital[LENS], tmp_path / f"{LENS}.pdf")
    source, scanned = _pages(digital[LENS]), _pages(scan)
    assert len(scanned) == len(source) == 3
    for src, page in zip(source, scanned, strict=True):
        assert page["text"].strip() == ""
        assert len(page["images"]) == 1
        assert page["size"] == pytest.approx(src["size"], abs=0.01)
        width_px = page["images"][0][0]
        dpi = width_px / (page["size"][0] / 72)
        assert 199 <= dpi <= 301


def test_degradations_are_realistic_and_drawn_from_the_seed() -> None:
    document, pages = plan(LENS, 3)
    assert document.dpi in (200, 240, 300)
    assert document.jpeg_quality is not None and 30 <= document.jpeg_quality <= 60
    assert all(-2 <= p.skew <= 2 and p.speckle > 0 for p in pages)
    assert pages[0].stamp and pages[-1].signature
    assert plan(LENS, 3) == (document, pages)
    assert plan(LENS, 3, seed=DEFAULT_SEED + 1) != (document, pages)
    clean, clean_pages = plan(LENS, 3, profile="clean")
    assert clean.dpi == 300 and clean.jpeg_quality is None and clean.dark == 0
    assert all(p.skew == 0 and not p.stamp for p in clean_pages)
    # across the dev documents the corpus holds dark photocopies and every resolution
    drawn = [plan(f"{i:03d}_x", 2)[0] for i in range(12)]
    assert any(d.dark for d in drawn) and {d.dpi for d in drawn} == {200, 240, 300}


def test_same_seed_same_bytes(digital: dict[str, Path], tmp_path: Path) -> None:
    first = scan_pdf(digital[LOMME], tmp_path / "a" / f"{LOMME}.pdf")
    second = scan_pdf(digital[LOMME], tmp_path / "b" / f"{LOMME}.pdf")
    assert first.read_bytes() == second.read_bytes()
    other = scan_pdf(digital[LOMME], tmp_path / "c" / f"{LOMME}.pdf", seed=DEFAULT_SEED + 1)
    assert other.read_bytes() != first.read_bytes()


def test_mixed_pdf_has_scanned_and_digital_pages(digital: dict[str, Path], tmp_path: Path) -> None:
    mixed = mix_pdf(digital[LENS], tmp_path / "mixed.pdf", scanned={2})
    pages = _pages(mixed)
    assert [bool(p["text"].strip()) for p in pages] == [True, False, True]
    assert pages[1]["images"] and not pages[0]["images"]
    assert pages[0]["text"] == _pages(digital[LENS])[0]["text"]
    again = mix_pdf(digital[LENS], tmp_path / "mixed2.pdf", scanned={2})
    assert again.read_bytes() == mixed.read_bytes()


def test_stamped_scan_has_a_few_words_of_text_over_its_first_page(
    digital: dict[str, Path], tmp_path: Path
) -> None:
    stamped = stamp_pdf(digital[LOMME], tmp_path / "stamped.pdf")
    pages = _pages(stamped)
    assert pages[0]["images"] and pages[1]["images"]
    assert "Accusé de réception en préfecture" in pages[0]["text"]
    assert len(pages[0]["text"].split()) == len(" ".join(CTES_STAMP).split())
    assert pages[1]["text"].strip() == ""


def test_command_line_builds_from_texts(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "note.txt").write_text(
        "Séance du 6 décembre 2023\n\nAdopté à l'unanimité.\n", encoding="utf-8"
    )
    assert main([str(src), str(tmp_path / "out"), "--profile", "clean"]) == 0
    pages = _pages(tmp_path / "out" / "note.pdf")
    assert len(pages) == 1 and pages[0]["images"] and not pages[0]["text"].strip()


def test_rescan_profile_blurs_and_adds_noise_on_every_page_without_marks() -> None:
    document, pages = plan("pierrefonds_CM-du-10-avril-2024", 4, "rescan")
    assert document.dpi in (200, 240, 300) and document.jpeg_quality is not None
    assert 0.5 <= document.blur <= 1.0 and 4 <= document.noise <= 10
    assert all(
        abs(p.skew) <= 1.5 and p.speckle > 0 and not p.stamp and not p.signature for p in pages
    )
    assert plan("pierrefonds_CM-du-10-avril-2024", 4, "rescan") == (document, pages)
    assert plan("000", 2, "degraded")[0].blur == 0 == plan("000", 2, "degraded")[0].noise


def test_rescans_are_image_only_and_deterministic(digital: dict[str, Path], tmp_path: Path) -> None:
    a = scan_pdf(digital[LENS], tmp_path / "a.pdf", profile="rescan")
    b = scan_pdf(digital[LENS], tmp_path / "b.pdf", profile="rescan")
    assert a.read_bytes() == b.read_bytes()
    assert all(not page["text"].strip() for page in _pages(a))
