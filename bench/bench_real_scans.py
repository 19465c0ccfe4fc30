"""Real published scans: ``delib ingest`` end to end against Tesseract alone on the same pages.

    .venv/bin/python bench/bench_real_scans.py [--workers 2] [PDF ...]

Without PDFs, the real set's PDFs whose text comes from OCR (``tests/data/documents.tsv``,
column ``text`` = ``ocr``): scans as the bodies published them, wholly or in part.

1. ``delib ingest`` as a user runs it: a fresh database, ``--workers`` worker processes, no OCR
   cache (``DELIB_OCR_CACHE`` unset), start-up included: wall seconds, pages/s. The ``pages``
   table then says which pages were OCR'd.
2. Tesseract alone on exactly those pages: each rendered at 300 dpi in grayscale beforehand
   (not timed), then ``tesseract IMAGE stdout -l fra --psm 3 --dpi 300 tsv`` (the settings
   ``delib`` uses, word boxes out) over a pool of ``--workers`` processes, ``OMP_THREAD_LIMIT=1``:
   wall seconds, pages/s.

Prints both and their ratio, Tesseract alone's wall time over the end to end one (issue 13's goal
on scans: at least 0.9, i.e. everything but Tesseract under a tenth of the wall time). Both runs
share the machine with whatever else runs on it: the ratio is meaningful only when it is quiet.
Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "data" / "documents.tsv"
REAL_DOCS = ROOT / "tests" / "data" / "real" / "docs"
DPI = 300
DELIB = Path(sys.executable).parent / "delib"


def scanned_real_pdfs() -> list[Path]:
    """The real set's PDFs whose text comes from OCR."""
    lines = [line for line in DOCUMENTS.read_text().splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return [
        REAL_DOCS / row["file"]
        for row in rows
        if row["set"] == "real" and row["text"] == "ocr" and row["file"].endswith(".pdf")
    ]


def ingest(pdfs: list[Path], workers: int, db: Path) -> float:
    """Wall seconds of ``delib ingest`` on ``pdfs``, no OCR cache."""
    env = {k: v for k, v in os.environ.items() if k != "DELIB_OCR_CACHE"}
    command = [str(DELIB), "ingest", *map(str, pdfs), "--db", str(db)]
    command += ["--workers", str(workers), "--quiet"]
    began = time.perf_counter()
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:  # a failed ingest is fast: its time measures nothing
        raise SystemExit(f"delib ingest failed ({done.returncode}):\n{done.stderr}")
    return time.perf_counter() - began


def ocr_pages(db: Path) -> list[tuple[str, int]]:
    """(PDF file name, 0-based page index) of every page ``delib`` read by OCR."""
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT d.path, p.page_no FROM pages p JOIN documents d ON d.id = p.document_id "
            "WHERE p.method = 'ocr' ORDER BY d.path, p.page_no"
        ).fetchall()
    return [(Path(path).name, number - 1) for path, number in rows]


def render(pages: list[tuple[str, int]], pdfs: list[Path], into: Path) -> list[Path]:
    """Each page rendered at 300 dpi in grayscale to a PNG file under ``into``."""
    by_name = {pdf.name: pdf for pdf in pdfs}
    images = []
    for name, index in pages:
        page = pdfium.PdfDocument(by_name[name])[index]
        image = page.render(scale=DPI / 72, grayscale=True).to_pil()
        path = into / f"{len(images):04d}.png"
        image.save(path)
        images.append(path)
    return images


def tesseract_alone(images: list[Path], workers: int) -> float:
    """Wall seconds of Tesseract on ``images``, ``workers`` processes at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(image: Path) -> None:
        command = ["tesseract", str(image), "stdout", "-l", "fra", "--psm", "3", "--dpi"]
        subprocess.run([*command, str(DPI), "tsv"], env=env, check=True, capture_output=True)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pdfs = args.pdfs or scanned_real_pdfs()
    total = sum(len(pdfium.PdfDocument(pdf)) for pdf in pdfs)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        wall = ingest(pdfs, args.workers, db)
        pages = ocr_pages(db)
        if not pages:
            raise SystemExit("0 pages OCR'd by delib: nothing measured")
        images = render(pages, pdfs, Path(tmp))
        alone = tesseract_alone(images, args.workers)
    print(f"{len(pdfs)} real scanned PDFs, {total} pages, {len(pages)} of them OCR'd by delib")
    print(
        f"delib ingest end to end ({args.workers} workers, no OCR cache): {wall:.1f} s, "
        f"{total / wall:.2f} pages/s ({len(pages) / wall:.2f} OCR'd pages/s)"
    )
    print(
        f"Tesseract alone on the {len(pages)} OCR'd pages ({args.workers} processes, fra, "
        f"psm 3, 300 dpi, tsv): {alone:.1f} s, {len(pages) / alone:.2f} pages/s"
    )
    print(f"ratio Tesseract alone / end to end: {alone / wall:.2f} (goal: at least 0.90)")


if __name__ == "__main__":
    main()
