"""Tests of the born-digital PDF fixture builder (tests.generators.fixtures)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from tests.generators import fixtures
from tests.generators.fixtures import (
    LAYOUTS,
    build_corpus,
    build_pdf,
    layout_for,
    unsupported_chars,
    verify_roundtrip,
)

DEV = Path(__file__).parent / "data" / "dev"
TEXTS = sorted((DEV / "text").glob("*.txt"))
LONG_DOCS = ("001_", "003_")  # the OCR'd minutes and the long report


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("corpus")
    return {pdf.stem: pdf for pdf in build_corpus(DEV / "text", out)}


def _page_count(pdf: Path) -> int:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def test_dev_data_present() -> None:
    assert len(TEXTS) == 5
    for text in TEXTS:
        assert (DEV / "gold" / f"{text.stem}.json").is_file()


def test_build_corpus_names_one_pdf_per_text(corpus: dict[str, Path]) -> None:
    assert sorted(corpus) == [t.stem for t in TEXTS]
    for pdf in corpus.values():
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_layouts_vary() -> None:
    assert len({layout.fonts for layout in LAYOUTS}) >= 3
    assert any(layout.letterhead for layout in LAYOUTS)
    assert layout_for(0) == layout_for(len(LAYOUTS))


def test_deterministic(tmp_path: Path) -> None:
    first = build_corpus(DEV / "text", tmp_path / "a")
    second = build_corpus(DEV / "text", tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_build_pdf_returns_page_count(tmp_path: Path) -> None:
    text = TEXTS[3].read_text(encoding="utf-8")
    out = tmp_path / "doc.pdf"
    pages = build_pdf(text, out, LAYOUTS[2])
    assert pages == _page_count(out)


def test_long_documents_span_several_pages(corpus: dict[str, Path]) -> None:
    for stem, pdf in corpus.items():
        if stem.startswith(LONG_DOCS):
            assert _page_count(pdf) > 5, stem
        else:
            assert _page_count(pdf) >= 1


@pytest.mark.parametrize("index", range(len(TEXTS)), ids=[t.stem for t in TEXTS])
def test_all_characters_renderable(index: int) -> None:
    text = TEXTS[index].read_text(encoding="utf-8")
    assert unsupported_chars(text, layout_for(index)) == set()


@pytest.mark.parametrize("src", TEXTS, ids=[t.stem for t in TEXTS])
def test_roundtrip_words(src: Path, corpus: dict[str, Path]) -> None:
    result = verify_roundtrip(corpus[src.stem], src.read_text(encoding="utf-8"))
    assert result.ok, result.differences()
    assert result.ratio == 1.0


def test_bold_markers_stripped(tmp_path: Path) -> None:
    out = tmp_path / "bold.pdf"
    text = "Avant\n⇒ **Adoptée à l'unanimité.**\nAprès\n"
    build_pdf(text, out, LAYOUTS[0])
    words = fixtures.extract_words(out)
    assert "**" not in " ".join(words)
    assert words == ["Avant", "⇒", "Adoptée", "à", "l'unanimité.", "Après"]
    with pdfplumber.open(out) as pdf:
        fonts = {c["fontname"] for c in pdf.pages[0].chars if c["text"] == "A"}
    assert any("Bold" in name for name in fonts)
    assert any("Bold" not in name for name in fonts)


def test_long_lines_are_wrapped(tmp_path: Path) -> None:
    out = tmp_path / "wrap.pdf"
    text = " ".join(f"mot{i}" for i in range(400)) + "\n"
    pages = build_pdf(text, out, LAYOUTS[1])
    assert pages == 1
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert all(c["x1"] <= page.width - LAYOUTS[1].margins[1] + 0.5 for c in page.chars)
        assert len(page.extract_text().splitlines()) > 10
    assert verify_roundtrip(out, text).exact


def test_table_of_004_found_by_pdfplumber(corpus: dict[str, Path]) -> None:
    pdf_path = next(p for stem, p in corpus.items() if stem.startswith("004_"))
    with pdfplumber.open(pdf_path) as pdf:
        tables = [table for page in pdf.pages for table in page.extract_tables()]
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == ["Intitulé de l'action", "Mission", "Association", "Montant"]
    assert any("Compagnons bâtisseurs" in row and "30 000 €" in row for row in rows)
