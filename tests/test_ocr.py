"""OCR of a page: render, median filter, Tesseract words with boxes and confidences, in parallel."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from deliberations.extract import ocr
from deliberations.extract.ocr import (
    INSTALL_HINT,
    LOW_CONFIDENCE,
    OcrSettings,
    default_workers,
    median3,
    ocr_documents,
    ocr_page,
    ocr_pages,
    tesseract_problem,
)

needs_tesseract = pytest.mark.skipif(
    tesseract_problem() is not None, reason=tesseract_problem() or ""
)
LINES = [
    "Le Conseil municipal décide d'attribuer une subvention",
    "de 21 900 € à l'association AREFEP.",
    "Chapitre 65 - article 6574 - fonction 520",
]


def _page_of_text(path: Path, pages: int = 1) -> Path:
    """A digital PDF whose pages are :data:`LINES` in 12 pt Helvetica: OCR reads its rendering,
    and its text layer says where each word really is."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(pages):
        y = 760
        for line in [*LINES, f"Page {number + 1}"]:
            text = canvas.beginText(72, y)
            text.setFont("Helvetica", 12)
            text.textLine(line)
            canvas.drawText(text)
            y -= 20
        canvas.showPage()
    canvas.save()
    return path


def test_median_filter_removes_specks_and_keeps_strokes() -> None:
    a = np.full((60, 60), 255, np.uint8)
    a[10, 10] = a[30, 45] = 0  # specks
    a[20:50, 20:23] = 0  # a 3-pixel stroke
    out = np.asarray(median3(Image.fromarray(a)))
    assert out[10, 10] == 255 and out[30, 45] == 255
    assert (out[22:48, 21] == 0).all()


def test_tesseract_missing_says_what_to_install() -> None:
    problem = tesseract_problem(OcrSettings(tesseract_cmd="/nonexistent/tesseract"))
    assert problem is not None and "apt-get install tesseract-ocr tesseract-ocr-fra" in problem
    assert INSTALL_HINT == "apt-get install tesseract-ocr tesseract-ocr-fra"
    assert "\n" not in problem


@needs_tesseract
def test_missing_language_model_says_what_to_install() -> None:
    problem = tesseract_problem(OcrSettings(lang="qqq"))
    assert problem is not None and "'qqq'" in problem and INSTALL_HINT in problem


def test_workers_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DELIB_OCR_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.delenv("DELIB_OCR_WORKERS")
    assert default_workers() >= 1


def test_low_confidence_is_a_probability() -> None:
    assert 0.5 <= LOW_CONFIDENCE < 1


@needs_tesseract
def test_words_come_with_boxes_where_the_text_is_and_confidences(tmp_path: Path) -> None:
    pdf = _page_of_text(tmp_path / "p.pdf")
    result = ocr_page(pdf, 0)
    assert result.error is None
    texts = [w.text for w in result.words]
    for word in ("Conseil", "subvention", "21", "900", "AREFEP.", "6574"):
        assert word in texts
    assert all(0 <= w.confidence <= 1 for w in result.words)
    assert (
        min(w.confidence for w in result.words if w.text in ("21", "900", "6574")) > LOW_CONFIDENCE
    )
    # the box of "AREFEP." is where the PDF drew it (points from the top-left corner)
    doc = pdfium.PdfDocument(str(pdf))
    textpage = doc[0].get_textpage()
    layer = textpage.get_text_range()
    start = layer.index("AREFEP")
    left, bottom, _, top = textpage.get_charbox(start)
    height = doc[0].get_size()[1]
    box = next(w.bbox for w in result.words if w.text == "AREFEP.")
    assert box[0] == pytest.approx(left, abs=2)
    assert box[1] == pytest.approx(height - top, abs=3)
    assert box[3] == pytest.approx(height - bottom, abs=3)
    assert set(result.seconds) == {"render", "preprocess", "tesseract"}


@needs_tesseract
def test_pages_in_parallel_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _page_of_text(tmp_path / "p3.pdf", pages=3)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    monkeypatch.delenv("DELIB_OCR_CACHE", raising=False)  # every page through Tesseract
    seen: list[str | None] = []
    original = pytesseract.pytesseract.run_tesseract

    def spy(*args, **kwargs):
        seen.append(os.environ.get("OMP_THREAD_LIMIT"))
        return original(*args, **kwargs)

    monkeypatch.setattr(pytesseract.pytesseract, "run_tesseract", spy)
    results = ocr_pages(pdf, [2, 0, 1], workers=2)
    assert [r.index for r in results] == [2, 0, 1]
    assert [
        next(w.text for w in r.words if w.text.isdigit() and len(w.text) == 1) for r in results
    ] == ["3", "1", "2"]
    assert seen == ["1", "1", "1"]  # every Tesseract runs with one OpenMP thread


def test_documents_stream_without_waiting_at_each_document_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next document's pages go to Tesseract while the last page of the one before is still
    being read: the first page read blocks until a second page reaches Tesseract, which (with a
    one-page first document) only happens if the stream crosses the document boundary."""
    import threading

    first = _page_of_text(tmp_path / "one.pdf", pages=1)
    second = _page_of_text(tmp_path / "two.pdf", pages=2)
    calls: list[int] = []
    second_started = threading.Event()
    crossed: list[bool] = []

    def fake_read(image, settings):
        calls.append(1)
        if len(calls) == 1:
            crossed.append(second_started.wait(timeout=10))
        else:
            second_started.set()
        return []

    monkeypatch.setattr(ocr, "read_words", fake_read)
    results = list(ocr_documents([(first, [0]), (second, [1, 0])], workers=2))
    assert crossed == [True]
    assert [(path, [page.index for page in pages]) for path, pages in results] == [
        (first, [0]),
        (second, [1, 0]),
    ]
    assert all(page.error is None for _, pages in results for page in pages)


def test_a_failing_page_is_an_error_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _page_of_text(tmp_path / "p.pdf")

    def crash(image, settings):
        raise pytesseract.TesseractError(-11, "segmentation fault")

    monkeypatch.setattr(ocr, "read_words", crash)
    result = ocr_page(pdf, 0)
    assert result.words == [] and "page 1" in result.error and "segmentation fault" in result.error


@needs_tesseract
def test_an_unsure_figure_read_again_alike_is_vouched_for_never_changed(tmp_path: Path) -> None:
    """Tesseract's words of a clean page, their figures made unsure as on a blurred scan: read
    again on their own, the same digits come back sure, and the word takes that confidence;
    a figure whose text says other digits than the page shows (a misreading) stays unsure, its
    text as it was."""
    pdf = _page_of_text(tmp_path / "p.pdf")
    settings = OcrSettings()
    image = ocr.preprocess(ocr.render(pdf, 0), settings)
    words = ocr.read_words(image, settings)
    unsure = [
        replace(w, confidence=0.3, text="6514" if w.text == "6574" else w.text)
        if w.text in ("21", "900", "6574")
        else w
        for w in words
    ]
    again = {w.text: w for w in ocr.reread_figures(image, unsure, settings)}
    assert again["21"].confidence >= ocr.REREAD_SURE
    assert again["900"].confidence >= ocr.REREAD_SURE
    assert again["6514"].confidence == 0.3  # other digits read again: no vouching, no change
    assert again["Conseil"] == next(w for w in words if w.text == "Conseil")


@needs_tesseract
def test_unsure_figures_too_many_for_one_sheet_are_read_on_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract refuses images over 32,767 pixels a side ("Image too large"): a page of budget
    tables with hundreds of unsure figures is re-read on several sheets, each under the limit,
    and vouches as one sheet does."""
    pdf = _page_of_text(tmp_path / "p.pdf")
    settings = OcrSettings()
    image = ocr.preprocess(ocr.render(pdf, 0), settings)
    words = ocr.read_words(image, settings)
    unsure = [replace(w, confidence=0.3) if w.text in ("21", "900") else w for w in words]
    monkeypatch.setattr(ocr, "REREAD_SHEET_MAX", 1)  # one crop a sheet
    sheets = ocr._sheets([(0, image.crop((0, 0, 10, 40)), 40.0)] * 3, 5)
    assert [len(s) for s in sheets] == [1, 1, 1]
    again = {w.text: w for w in ocr.reread_figures(image, unsure, settings)}
    assert again["21"].confidence >= ocr.REREAD_SURE
    assert again["900"].confidence >= ocr.REREAD_SURE


@needs_tesseract
def test_sheets_read_by_one_tesseract_answer_as_each_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheets of a document's unsure figures go to one Tesseract process (its model loaded
    once): each answer is the one Tesseract gives that sheet alone, and is kept in the cache
    under its own sheet, as if asked alone."""
    from deliberations.extract import ocr_cache

    pdf = _page_of_text(tmp_path / "p.pdf")
    settings = OcrSettings()
    image = ocr.preprocess(ocr.render(pdf, 0), settings)
    words = ocr.read_words(image, settings)
    unsure = [replace(w, confidence=0.3) if any(c.isdigit() for c in w.text) else w for w in words]
    monkeypatch.setattr(ocr, "REREAD_SHEET_MAX", 1)  # one crop a sheet: several sheets
    sheets = [sheet for _, sheet in ocr.reread_sheets(image, unsure, settings)]
    assert len(sheets) >= 3
    monkeypatch.delenv(ocr_cache.CACHE_ENV, raising=False)
    config = f"--psm 6 --dpi {settings.dpi}"
    alone = [
        ocr_cache.image_to_data(s, lang=settings.lang, config=config, timeout=60) for s in sheets
    ]
    assert ocr.read_sheets(sheets, settings) == alone
    monkeypatch.setenv(ocr_cache.CACHE_ENV, str(tmp_path / "cache"))
    assert ocr.read_sheets(sheets, settings) == alone
    monkeypatch.setattr(pytesseract, "image_to_data", None)  # from the cache now, no Tesseract
    assert [
        ocr_cache.image_to_data(s, lang=settings.lang, config=config, timeout=60) for s in sheets
    ] == alone
