"""The per-page decision: a text layer is used only when it is real text for the whole page."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from deliberations.extract.pdf import layer_text
from deliberations.extract.text_quality import (
    RULES,
    PageFeatures,
    decide,
    page_features,
    text_features,
)
from tests.conftest import DEV_TEXT

FRENCH = (DEV_TEXT / "004_05d0b8aa3f9328d5.txt").read_text(encoding="utf-8")[:3000]
GARBAGE = "Ll1 ,i iIl ’ Cç ll' rnrn ïl !i| l1l ;; Wvv ,. qq xkcd zzkp tqfrh\n" * 40
MOJIBAKE = FRENCH.encode("utf-8").decode("latin-1")


# ---------------------------------------------------------------------- the decision table


@pytest.mark.parametrize(
    ("features", "method", "reason"),
    [
        (PageFeatures(chars=2400, tokens=400, plausible=0.95), "text-layer", "text layer"),
        (PageFeatures(chars=0, image_cover=1.0, ink=0.05), "ocr", "no text layer"),
        (PageFeatures(chars=0, ink=0.0), "none", "blank page"),
        (PageFeatures(chars=0, image_cover=1.0, ink=0.0002), "none", "blank page"),
        (PageFeatures(chars=2400, suspicious=0.4, tokens=300, plausible=0.7), "ocr", "mojibake"),
        (
            PageFeatures(
                chars=900,
                tokens=200,
                plausible=0.2,
                invisible=1.0,
                image_cover=1.0,
                ink=0.05,
                ink_covered=0.8,
            ),
            "ocr",
            "garbage",
        ),
        (
            PageFeatures(
                chars=120, tokens=14, plausible=1.0, image_cover=1.0, ink=0.06, ink_covered=0.05
            ),
            "ocr",
            "covers 5% of the page's ink (a stamp over a scan?)",
        ),
        (
            PageFeatures(
                chars=2400,
                tokens=400,
                plausible=0.9,
                invisible=1.0,
                image_cover=1.0,
                ink=0.05,
                ink_covered=0.9,
            ),
            "text-layer",
            "invisible OCR layer",
        ),
        (
            PageFeatures(
                chars=2400, tokens=400, plausible=0.95, image_cover=0.3, ink=0.04, ink_covered=0.85
            ),
            "text-layer",
            "text layer",
        ),
        (PageFeatures(chars=5, tokens=1, plausible=0.0), "text-layer", "text layer"),
    ],
)
def test_decision(features: PageFeatures, method: str, reason: str) -> None:
    decision = decide(features)
    assert decision.method == method
    assert reason in decision.reason


# for each rule, a page whose features make that rule the first one to apply
REACHING = {
    "blank": PageFeatures(chars=0, ink=0.0),
    "no text layer": PageFeatures(chars=0, ink=0.2),
    "mojibake": PageFeatures(chars=500, suspicious=0.5),
    "garbage": PageFeatures(chars=500, tokens=200, plausible=0.1),
    "too little text for the ink": PageFeatures(
        chars=80, tokens=10, ink=0.2, ink_covered=0.05, image_cover=0.9
    ),
    "invisible layer": PageFeatures(chars=2000, tokens=300, invisible=0.9),
    "text layer": PageFeatures(chars=2000, tokens=300),
}


def test_every_rule_is_reachable() -> None:
    """Each rule is the one that decides for some page: none is shadowed by a rule above it."""
    assert [rule.name for rule in RULES] == list(REACHING)
    for rule in RULES:
        first = next(r for r in RULES if r.applies(REACHING[rule.name]))
        assert first is rule, f"{rule.name!r} is shadowed by {first.name!r}"


def test_text_features_tell_text_from_garbage_and_mojibake() -> None:
    chars, suspicious, tokens, plausible = text_features(FRENCH)
    assert chars > 2000 and suspicious < 0.01 and tokens > 300 and plausible > 0.9
    _, _, _, plausible = text_features(GARBAGE)
    assert plausible < 0.5
    _, suspicious, _, _ = text_features(MOJIBAKE)
    assert suspicious > 0.1
    assert text_features("  \n ") == (0, 0.0, 0, 1.0)


def test_real_ocr_output_reads_as_text() -> None:
    """The dev document 001 is real OCR output, with its errors: still plausible text."""
    text = (DEV_TEXT / "001_ab49b6cf94f6b13d.txt").read_text(encoding="utf-8")
    _, suspicious, _, plausible = text_features(text)
    assert suspicious < 0.02 and plausible > 0.85


# ------------------------------------------------------------------ on real PDF pages


def _page_image(text: str) -> bytes:
    """A page of text as a scanner would give it: an image, 150 dpi, grayscale JPEG."""
    width, height = int(A4[0] / 72 * 150), int(A4[1] / 72 * 150)
    image = Image.new("L", (width, height), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(22)
    y = 150
    for line in text.splitlines()[:60]:
        draw.text((150, y), line[:90], fill=20, font=font)
        y += 30
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def _pdf(
    path: Path,
    *,
    image_text: str | None = None,
    text: str | None = None,
    render_mode: int = 0,
    box: tuple[float, float] = (72, 760),
    size: float = 9,
) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    if image_text is not None:
        canvas.drawImage(
            ImageReader(io.BytesIO(_page_image(image_text))), 0, 0, width=A4[0], height=A4[1]
        )
    if text is not None:
        obj = canvas.beginText(*box)
        obj.setFont("Helvetica", size, leading=14.4 if size > 10 else size * 1.2)
        obj.setTextRenderMode(render_mode)
        for line in text.splitlines()[:60]:
            obj.textLine(line[:90])
        canvas.drawText(obj)
    canvas.showPage()
    canvas.save()
    return path


def _decide(path: Path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        text = layer_text(textpage)
        features = page_features(page, textpage, text)
        textpage.close()
        page.close()
        return decide(features), features
    finally:
        pdf.close()


def test_digital_page_keeps_its_text_layer(tmp_path: Path) -> None:
    decision, features = _decide(_pdf(tmp_path / "d.pdf", text=FRENCH[:2500]))
    assert decision.method == "text-layer"
    assert features.ink is None  # a digital page is not rendered to decide


def test_scanned_page_without_text_is_ocrd(tmp_path: Path) -> None:
    decision, features = _decide(_pdf(tmp_path / "s.pdf", image_text=FRENCH))
    assert (decision.method, decision.reason) == ("ocr", "no text layer")
    assert features.image_cover > 0.99


def test_stamp_over_a_scanned_page_does_not_stop_ocr(tmp_path: Path) -> None:
    stamp = "Accusé de réception en préfecture\n062-216204982-20231206-DLB17-DE\nReçu le 07/12/2023"
    decision, features = _decide(
        _pdf(tmp_path / "st.pdf", image_text=FRENCH, text=stamp, box=(380, 800))
    )
    assert decision.method == "ocr"
    assert "ink" in decision.reason and "stamp" in decision.reason
    assert features.chars > 50 and features.ink_covered is not None and features.ink_covered < 0.2


def test_readable_invisible_ocr_layer_is_used(tmp_path: Path) -> None:
    # an OCR layer: the scan's lines, drawn invisibly where the image shows them
    decision, features = _decide(
        _pdf(
            tmp_path / "inv.pdf",
            image_text=FRENCH,
            text=FRENCH,
            render_mode=3,
            box=(72, A4[1] - 72 - 9),
            size=10.5,
        )
    )
    assert features.invisible == 1.0
    # the invisible layer lies where the scan's text is: used as it is
    assert decision.method == "text-layer", decision.reason


def test_invisible_garbage_layer_is_ocrd(tmp_path: Path) -> None:
    decision, _ = _decide(
        _pdf(tmp_path / "g.pdf", image_text=FRENCH, text=GARBAGE[:2000], render_mode=3)
    )
    assert decision.method == "ocr"
    assert "garbage" in decision.reason and "invisible" in decision.reason


def test_blank_page_is_left_empty(tmp_path: Path) -> None:
    decision, _ = _decide(_pdf(tmp_path / "b.pdf"))
    assert (decision.method, decision.reason) == ("none", "blank page")
