"""Deterministic builder of scanned-looking PDFs from born-digital ones.

A scanned archive is a PDF of page images: this module renders each page of a digital PDF
(built by :mod:`tests.generators.fixtures`) and degrades it the way a scanner and a
photocopier do, then writes an image-only PDF of the same page size:

* resolution: 200 to 300 dpi;
* skew: up to ±2°;
* speckle: dark specks of dust and toner;
* JPEG artefacts: pages are stored as JPEG at a low quality, as scanners do;
* a rubber stamp over the text of the first page, a handwritten signature over the last;
* a slightly dark photocopy: grey background, thickened and blurred strokes;
* for ``profile="rescan"`` (a published document printed and scanned again, the bench of the
  real documents: ``bench/bench_rescans.py``): blur and sensor noise on every page, skew up to
  ±1.5°, speckle and JPEG, and no stamp or signature over the text.

Three kinds of documents come out of it:

* :func:`scan_pdf`: every page an image (``profile="clean"`` renders at 300 dpi with no
  degradation, which is the baseline of the OCR error rate; ``"degraded"`` draws the
  degradations above with a seeded random generator);
* :func:`stamp_pdf`: a scan with an "Accusé de réception en préfecture" stamp added as real
  text over its first page, as the @CTES platforms do: that page has a text layer of a few
  words over a scanned page;
* :func:`mix_pdf`: some pages scanned and some born-digital.

The same inputs and seed give byte-identical PDFs.

Usage::

    python -m tests.generators.scans SRC_DIR OUT_DIR [--profile clean|degraded|rescan] [--seed N]

where SRC_DIR holds born-digital PDFs (or the ``*.txt`` sources, built to PDF first).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import re
import sys
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "CLEAN",
    "Degradation",
    "PageDegradation",
    "build_scanned_corpus",
    "degrade",
    "main",
    "mix_pdf",
    "plan",
    "scan_pdf",
    "stamp_pdf",
]

DEFAULT_SEED = 20240611
Profile = Literal["clean", "degraded", "rescan"]

CTES_STAMP = (
    "Accusé de réception en préfecture",
    "062-216204982-20231206-DLB17_06122023-DE",
    "Date de télétransmission : 07/12/2023",
    "Date de réception préfecture : 07/12/2023",
)
RUBBER_STAMP = ("MAIRIE", "ARRIVÉ LE", "12 DEC. 2023", "COURRIER")


@dataclass(frozen=True)
class Degradation:
    """What a scanner and a photocopier did to a document (the same for all its pages)."""

    dpi: int = 300
    jpeg_quality: int | None = None  # None: stored losslessly
    dark: float = 0.0  # 0 (white paper) .. 1 (a dark, heavy photocopy)
    blur: float = 0.0  # Gaussian blur of the optics, sigma in pixels (0: none)
    noise: float = 0.0  # Gaussian sensor noise, standard deviation in grey levels (0: none)


CLEAN = Degradation()


@dataclass(frozen=True)
class PageDegradation:
    """What happened to one page."""

    skew: float = 0.0  # degrees, counter-clockwise
    speckle: float = 0.0  # share of the pixels hit by a speck
    stamp: bool = False  # a rubber stamp over the text
    signature: bool = False  # a handwritten signature over the text


def _rng(seed: int, *keys: str | int) -> np.random.Generator:
    """A generator seeded by the seed and the keys (stable across runs and machines)."""
    mixed = zlib.crc32("/".join(map(str, (seed, *keys))).encode())
    return np.random.default_rng(mixed)


def plan(
    stem: str, pages: int, profile: Profile = "degraded", seed: int = DEFAULT_SEED
) -> tuple[Degradation, list[PageDegradation]]:
    """The degradations drawn for a document: deterministic in (stem, pages, profile, seed)."""
    if profile == "clean":
        return CLEAN, [PageDegradation() for _ in range(pages)]
    if profile == "rescan":
        return _rescan_plan(stem, pages, seed)
    rng = _rng(seed, stem)
    document = Degradation(
        dpi=int(rng.choice([200, 240, 300])),
        jpeg_quality=int(rng.integers(30, 61)),
        dark=float(rng.uniform(0.4, 0.9)) if rng.random() < 0.4 else 0.0,
    )
    per_page = []
    for index in range(pages):
        page_rng = _rng(seed, stem, index)
        per_page.append(
            PageDegradation(
                skew=float(page_rng.uniform(-2.0, 2.0)),
                speckle=float(page_rng.uniform(0.0002, 0.0015)),
                stamp=index == 0 or page_rng.random() < 0.1,
                signature=index == pages - 1,
            )
        )
    return document, per_page


def _rescan_plan(stem: str, pages: int, seed: int) -> tuple[Degradation, list[PageDegradation]]:
    """A published document printed and scanned again: 200-300 dpi, blur, noise, skew, speckle,
    JPEG, every page; no stamp nor signature drawn over the text (the facts the gold holds stay
    legible, so the score measures reading, not what a stamp hid)."""
    rng = _rng(seed, stem, "rescan")
    document = Degradation(
        dpi=int(rng.choice([200, 240, 300])),
        jpeg_quality=int(rng.integers(35, 71)),
        blur=float(rng.uniform(0.5, 1.0)),
        noise=float(rng.uniform(4.0, 10.0)),
    )
    per_page = []
    for index in range(pages):
        page_rng = _rng(seed, stem, index, "rescan")
        per_page.append(
            PageDegradation(
                skew=float(page_rng.uniform(-1.5, 1.5)),
                speckle=float(page_rng.uniform(0.0001, 0.0008)),
            )
        )
    return document, per_page


# ------------------------------------------------------------------------- degrading


@cache
def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from tests.generators.fixtures import _find_font_file

    path = _find_font_file("DejaVuSans-Bold" if bold else "DejaVuSans")
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def _text_region(gray: np.ndarray) -> tuple[int, int, int, int]:
    """Bounding box (x0, y0, x1, y1) of the page's ink, or the whole page when blank."""
    rows = np.flatnonzero((gray < 128).any(axis=1))
    cols = np.flatnonzero((gray < 128).any(axis=0))
    if rows.size == 0:
        return 0, 0, gray.shape[1], gray.shape[0]
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def _stamp_layer(
    size: tuple[int, int], dpi: int, rng: np.random.Generator, box: tuple[int, int, int, int]
) -> Image.Image:
    """A rubber stamp (framed lines of capitals), rotated, somewhere over the text."""
    scale = dpi / 300
    font = _font(int(34 * scale))
    lines = RUBBER_STAMP
    pad = int(18 * scale)
    widths = [font.getbbox(line)[2] for line in lines]
    line_h = int(44 * scale)
    w, h = max(widths) + 2 * pad, line_h * len(lines) + 2 * pad
    stamp = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(stamp)
    ink = int(rng.integers(70, 140))
    draw.rounded_rectangle(
        (2, 2, w - 3, h - 3), radius=int(14 * scale), outline=ink, width=max(int(5 * scale), 2)
    )
    for i, line in enumerate(lines):
        draw.text(((w - widths[i]) // 2, pad + i * line_h), line, fill=ink, font=font)
    stamp = stamp.rotate(
        float(rng.uniform(-25, 25)), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )
    layer = Image.new("L", size, 255)
    x0, y0, x1, y1 = box
    x = int(rng.uniform(x0, max(x0 + 1, x1 - stamp.width)))
    y = int(rng.uniform(y0, max(y0 + 1, y1 - stamp.height)))
    layer.paste(stamp, (x, y))
    return layer


def _signature_layer(
    size: tuple[int, int], dpi: int, rng: np.random.Generator, box: tuple[int, int, int, int]
) -> Image.Image:
    """A scribbled signature: a few loops of a smooth pen stroke, over the end of the text."""
    scale = dpi / 300
    layer = Image.new("L", size, 255)
    draw = ImageDraw.Draw(layer)
    x0, y0, x1, y1 = box
    width, height = 520 * scale, 150 * scale
    left = rng.uniform(x0 + (x1 - x0) * 0.4, max(x0 + (x1 - x0) * 0.4 + 1, x1 - width))
    top = rng.uniform(max(y0, y1 - 3 * height), max(y0 + 1, y1 - height))
    t = np.linspace(0, 1, 400)
    loops = rng.uniform(4, 7)
    xs = left + width * t + 40 * scale * np.sin(2 * math.pi * loops * t + rng.uniform(0, 6))
    ys = top + height / 2 + height / 2 * np.sin(2 * math.pi * loops * 1.3 * t) * (1 - 0.5 * t)
    points = list(zip(xs.tolist(), ys.tolist(), strict=True))
    draw.line(points, fill=int(rng.integers(20, 70)), width=max(int(5 * scale), 2), joint="curve")
    return layer


def degrade(
    gray: Image.Image, document: Degradation, page: PageDegradation, rng: np.random.Generator
) -> Image.Image:
    """Apply a page's degradations to its rendering (grayscale, white paper)."""
    pixels = np.asarray(gray, dtype=np.uint8)
    box = _text_region(pixels)
    if page.stamp:
        pixels = np.minimum(pixels, np.asarray(_stamp_layer(gray.size, document.dpi, rng, box)))
    if page.signature:
        pixels = np.minimum(pixels, np.asarray(_signature_layer(gray.size, document.dpi, rng, box)))
    paper = 255
    if document.dark:
        # a photocopy: strokes spread and blur, the paper turns grey unevenly, toner noise
        pixels = cv2.GaussianBlur(cv2.erode(pixels, np.ones((3, 3), np.uint8)), (0, 0), 0.8)
        h, w = pixels.shape
        gradient = (
            np.linspace(0, 1, w, dtype=np.float32)[None, :]
            * np.linspace(0.6, 1, h, dtype=np.float32)[:, None]
        )
        paper_level = 225 - 45 * document.dark * (0.6 + 0.4 * gradient)
        noise = rng.normal(0, 6 * document.dark, (h // 2 + 1, w // 2 + 1)).astype(np.float32)
        noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_NEAREST)
        pixels = np.clip(pixels.astype(np.float32) / 255 * paper_level + noise, 0, 255).astype(
            np.uint8
        )
        paper = int(225 - 45 * document.dark)
    if document.blur:
        pixels = cv2.GaussianBlur(pixels, (0, 0), document.blur)
    if page.skew:
        h, w = pixels.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), page.skew, 1.0)
        pixels = cv2.warpAffine(
            pixels,
            matrix,
            (w, h),
            flags=cv2.INTER_CUBIC,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=paper,
        )
    if page.speckle:
        pixels = pixels.copy()
        h, w = pixels.shape
        count = int(page.speckle * h * w / 4)
        ys = rng.integers(0, h - 2, count)
        xs = rng.integers(0, w - 2, count)
        sizes = rng.integers(1, 3, count)
        values = rng.integers(0, 90, count).astype(np.uint8)
        for dy in range(2):
            for dx in range(2):
                hit = sizes > max(dx, dy)
                pixels[ys[hit] + dy, xs[hit] + dx] = values[hit]
    if document.noise:
        noise = rng.normal(0, document.noise, pixels.shape).astype(np.float32)
        pixels = np.clip(pixels.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels)


# ---------------------------------------------------------------------------- writing


def _render(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def _encode(image: Image.Image, quality: int | None) -> bytes:
    buffer = io.BytesIO()
    if quality is None:
        image.save(buffer, format="PNG", compress_level=1)
    else:
        image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _page_images(
    src: Path, stem: str, profile: Profile, seed: int
) -> list[tuple[bytes, float, float]]:
    """(encoded image, width pt, height pt) of each page of ``src`` as scanned."""
    pdf = pdfium.PdfDocument(str(src))
    try:
        document, pages = plan(stem, len(pdf), profile, seed)
        out = []
        for index, page_plan in enumerate(pages):
            page = pdf[index]
            try:
                width, height = page.get_size()
                image = _render(page, document.dpi)
            finally:
                page.close()
            if profile != "clean":
                image = degrade(image, document, page_plan, _rng(seed, stem, index, "noise"))
            out.append((_encode(image, document.jpeg_quality), width, height))
        return out
    finally:
        pdf.close()


def _write_image_pdf(
    images: Sequence[tuple[bytes, float, float]], out: Path, stamp_text: Sequence[str] = ()
) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out), invariant=1, pageCompression=1)
    # the module's first name, kept in the metadata: the same input gives the same bytes as the
    # scans built before the generators left the package
    canvas.setCreator("deliberations.corpus.scans")
    canvas.setProducer("deliberations.corpus.scans (reportlab)")
    for index, (data, width, height) in enumerate(images):
        canvas.setPageSize((width, height))
        canvas.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=width, height=height)
        if stamp_text and index == 0:
            _draw_text_stamp(canvas, width, height, stamp_text)
        canvas.showPage()
    canvas.save()


def _draw_text_stamp(canvas, width: float, height: float, lines: Sequence[str]) -> None:
    """An @CTES acknowledgement stamp, as real text in a frame at the top right."""
    size, leading, pad = 6.5, 8.0, 4.0
    box_w = max(canvas.stringWidth(line, "Helvetica", size) for line in lines) + 2 * pad
    box_h = leading * len(lines) + 2 * pad
    x, y = width - box_w - 18, height - box_h - 14
    canvas.saveState()
    canvas.setStrokeColorRGB(0.1, 0.2, 0.6)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=1)
    canvas.setFillColorRGB(0.1, 0.2, 0.6)
    for i, line in enumerate(lines):
        canvas.setFont("Helvetica-Bold" if i == 0 else "Helvetica", size)
        canvas.drawString(x + pad, y + box_h - pad - (i + 1) * leading + 2, line)
    canvas.restoreState()


def scan_pdf(
    src: Path,
    out: Path,
    *,
    profile: Profile = "degraded",
    seed: int = DEFAULT_SEED,
    stem: str | None = None,
) -> Path:
    """An image-only PDF of ``src``, every page scanned with the profile's degradations."""
    _write_image_pdf(_page_images(Path(src), stem or Path(src).stem, profile, seed), Path(out))
    return Path(out)


def stamp_pdf(
    src: Path,
    out: Path,
    *,
    profile: Profile = "degraded",
    seed: int = DEFAULT_SEED,
    lines: Sequence[str] = CTES_STAMP,
) -> Path:
    """A scan of ``src`` whose first page carries a stamp written as real text over the image."""
    images = _page_images(Path(src), Path(src).stem, profile, seed)
    _write_image_pdf(images, Path(out), stamp_text=lines)
    return Path(out)


def mix_pdf(
    src: Path,
    out: Path,
    scanned: set[int],
    *,
    profile: Profile = "degraded",
    seed: int = DEFAULT_SEED,
) -> Path:
    """``src`` with the 1-based pages in ``scanned`` replaced by their scan, the others digital."""
    src, out = Path(src), Path(out)
    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_pdf(src, Path(tmp) / src.name, profile=profile, seed=seed)
        digital = pdfium.PdfDocument(str(src))
        scanned_doc = pdfium.PdfDocument(str(scan))
        mixed = pdfium.PdfDocument.new()
        try:
            for index in range(len(digital)):
                origin = scanned_doc if index + 1 in scanned else digital
                mixed.import_pages(origin, [index])
            out.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            mixed.save(buffer)
            out.write_bytes(_invariant(buffer.getvalue()))
        finally:
            mixed.close()
            scanned_doc.close()
            digital.close()
    return out


def _invariant(data: bytes) -> bytes:
    """pdfium's output with its creation date and file ID fixed (same lengths, same offsets)."""
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20000101000000", data)
    digest = hashlib.md5(re.sub(rb"/ID\[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)).hexdigest().upper()
    return re.sub(
        rb"/ID\[<([0-9A-F]{32})><([0-9A-F]{32})>\]", f"/ID[<{digest}><{digest}>]".encode(), data
    )


def build_scanned_corpus(
    src_dir: Path, out_dir: Path, *, profile: Profile = "degraded", seed: int = DEFAULT_SEED
) -> list[Path]:
    """``out_dir/<stem>.pdf`` scanned from every PDF of ``src_dir`` (same stems, sorted)."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    return [
        scan_pdf(pdf, out_dir / pdf.name, profile=profile, seed=seed)
        for pdf in sorted(src_dir.glob("*.pdf"))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.generators.scans",
        description="Build image-only (scanned-looking) PDFs from born-digital PDFs or *.txt sources.",
    )
    parser.add_argument("src", type=Path, help="directory of *.pdf (or *.txt, built to PDF first)")
    parser.add_argument("out", type=Path, help="output directory for <stem>.pdf")
    parser.add_argument("--profile", choices=["clean", "degraded", "rescan"], default="degraded")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        parser.error(f"not a directory: {args.src}")
    with tempfile.TemporaryDirectory() as tmp:
        src = args.src
        if not any(src.glob("*.pdf")):
            from tests.generators.fixtures import build_corpus

            build_corpus(src, Path(tmp))
            src = Path(tmp)
        for pdf in build_scanned_corpus(src, args.out, profile=args.profile, seed=args.seed):
            print(f"{pdf}  {pdf.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
