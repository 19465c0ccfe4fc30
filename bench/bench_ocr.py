"""OCR benchmark on scans of the dev documents: accuracy, speed, and the confidence threshold.

    .venv/bin/python bench/bench_ocr.py [--out DIR] [--speed-pages 40] [--skip-eval]

1. builds the five dev documents as born-digital PDFs, then as clean scans (300 dpi, no
   degradation) and degraded scans (200-300 dpi, ±2° skew, speckle, JPEG, stamp, signature,
   dark photocopy), with :mod:`tests.generators.scans`;
2. character error rate (CER) of the OCR'd page text against the page's source text (the
   digital PDF's text layer), whitespace collapsed: ``raw``, and ``folded`` where typographic
   variants (’ and ', « and ", – and -) count as the same character;
3. speed on the first pages of the degraded corpus with 1 and 2 workers: pages/s, and the share
   of the time spent outside Tesseract (rendering, filtering, pytesseract's file and parsing,
   a worker waiting at a document's end), document by document and as one stream of pages,
   then with the making of each page's text added (corrections and layout, ``ocr_page_text``);
4. calibration of :data:`deliberations.extract.ocr.LOW_CONFIDENCE`: every OCR'd word holding a
   digit is aligned with the source words; the precision of the digit words kept at each
   confidence threshold (a wrong digit is worse than a missing value);
5. ``delib eval`` on the degraded scans against ``tests/data/dev/gold``, per family, then with
   the amounts and imputations whose digits' confidence
   (``DocumentText.span_confidence(start, end, digits=True)``) is below LOW_CONFIDENCE dropped
   (the filter the nlp stage applies).

Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import pickle
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deliberations.extract import ocr  # noqa: E402
from deliberations.extract.pdf import ocr_page_text, page_text  # noqa: E402
from tests.generators.fixtures import build_corpus  # noqa: E402
from tests.generators.scans import build_scanned_corpus  # noqa: E402

DEV_TEXT = ROOT / "tests" / "data" / "dev" / "text"
DEV_GOLD = ROOT / "tests" / "data" / "dev" / "gold"
FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95)


def collapse(text: str) -> str:
    return " ".join(text.split())


def source_pages(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page_text(doc[i]) for i in range(len(doc))]
    finally:
        doc.close()


class TesseractClock:
    """Time spent inside the Tesseract processes themselves (pytesseract's run_tesseract)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._original = pytesseract.pytesseract.run_tesseract

    def __enter__(self) -> TesseractClock:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._original(*args, **kwargs)
            finally:
                with self._lock:
                    self.seconds += time.perf_counter() - started

        pytesseract.pytesseract.run_tesseract = timed
        return self

    def __exit__(self, *exc) -> None:
        pytesseract.pytesseract.run_tesseract = self._original


def ocr_corpus(pdfs: list[Path], workers: int, cache: Path | None = None) -> dict[str, list]:
    """Every page of every PDF OCR'd: {stem: [OcrPage, ...]} (kept in ``cache`` when given)."""
    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    out = {}
    for pdf in pdfs:
        count = len(pdfium.PdfDocument(str(pdf)))
        out[pdf.stem] = ocr.ocr_pages(pdf, list(range(count)), workers=workers)
    if cache is not None:
        cache.write_bytes(pickle.dumps(out))
    return out


def cer_report(name: str, results: dict[str, list], sources: dict[str, list[str]]) -> None:
    raw_err = fold_err = total = 0
    per_doc = []
    for stem, pages in results.items():
        d_raw = d_fold = d_total = 0
        for page, source in zip(pages, sources[stem], strict=True):
            text = ocr_page_text(page, page.index + 1, "bench").text
            ref, hyp = collapse(source), collapse(text)
            d_raw += Levenshtein.distance(hyp, ref)
            d_fold += Levenshtein.distance(hyp.translate(FOLD), ref.translate(FOLD))
            d_total += len(ref)
        per_doc.append(f"{stem[:3]} {d_fold / d_total:.2%}")
        raw_err, fold_err, total = raw_err + d_raw, fold_err + d_fold, total + d_total
    print(
        f"  {name:<9} CER raw {raw_err / total:6.2%}   folded {fold_err / total:6.2%}   "
        f"({total:,} chars; folded per document: {', '.join(per_doc)})"
    )


def digit_words(
    results: dict[str, list], sources: dict[str, list[str]], min_digits: int = 1
) -> list[tuple[float, bool]]:
    """(confidence, correct) of every OCR'd word holding ``min_digits`` digits or more, aligned
    with the source words."""
    out = []
    for stem, pages in results.items():
        for page, source in zip(pages, sources[stem], strict=True):
            ocr_text = ocr_page_text(page, page.index + 1, "bench")
            hyp = [w.text for w in ocr_text.words]
            ref = source.split()
            matcher = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
            for tag, a1, a2, b1, b2 in matcher.get_opcodes():
                for j in range(b1, b2):
                    if len(re.findall(r"\d", hyp[j])) < min_digits:
                        continue
                    if tag == "equal":
                        correct = True
                    else:
                        i = a1 + (j - b1)
                        correct = tag == "replace" and i < a2 and ref[i] == hyp[j]
                    out.append((ocr_text.words[j].confidence, correct))
    return out


def calibration_report(words: list[tuple[float, bool]]) -> None:
    right = sum(1 for _, ok in words if ok)
    print(f"  {len(words)} OCR'd words with a digit, {len(words) - right} of them wrong")
    print(f"  {'threshold':>9} {'kept':>6} {'wrong kept':>10} {'precision':>9} {'recall':>7}")
    for threshold in THRESHOLDS:
        kept = [ok for conf, ok in words if conf >= threshold]
        good = sum(kept)
        precision = good / len(kept) if kept else 1.0
        mark = "  <- LOW_CONFIDENCE" if abs(threshold - ocr.LOW_CONFIDENCE) < 1e-9 else ""
        print(
            f"  {threshold:>9.2f} {len(kept):>6} {len(kept) - good:>10} {precision:>9.4f} "
            f"{good / right if right else 1:>7.3f}{mark}"
        )


def speed_report(pdfs: list[Path], pages: int) -> None:
    """Pages/s and the share of the workers' time spent outside Tesseract, three ways: one
    worker; two workers document by document (``ocr_pages`` per document, as ``delib extract``
    reads one scan: a worker idles while the other reads a document's last page); two workers on
    one stream of pages across documents (``ocr_documents``, as a batch keeps its workers fed)."""
    jobs: list[tuple[Path, int]] = []
    for pdf in pdfs:
        count = len(pdfium.PdfDocument(str(pdf)))
        jobs += [(pdf, i) for i in range(count)]
    by_pdf: dict[Path, list[int]] = {}
    for pdf, i in jobs[:pages]:
        by_pdf.setdefault(pdf, []).append(i)
    ocr.ocr_pages(jobs[0][0], [0], workers=1)  # warm: imports, Tesseract's model in the cache
    runs = (
        ("1 worker, stream", 1, True),
        ("2 workers, document by document", 2, False),
        ("2 workers, stream across documents", 2, True),
    )
    for title, workers, stream in runs:
        with TesseractClock() as clock:
            started = time.perf_counter()
            if stream:
                results = [
                    r
                    for _, pages in ocr.ocr_documents(by_pdf.items(), workers=workers)
                    for r in pages
                ]
            else:
                results = [
                    r
                    for pdf, idx in by_pdf.items()
                    for r in ocr.ocr_pages(pdf, idx, workers=workers)
                ]
            wall = time.perf_counter() - started
        stage = {
            k: sum(r.seconds.get(k, 0.0) for r in results)
            for k in ("render", "preprocess", "tesseract")
        }
        # what the caller does next with each page: corrections and layout (ocr_page_text)
        started = time.perf_counter()
        for r in results:
            ocr_page_text(r, r.index + 1, "bench")
        text_seconds = time.perf_counter() - started
        busy = wall * workers
        print(
            f"  {title}: {len(results)} pages in {wall:5.1f}s = {len(results) / wall:.2f} pages/s; "
            f"outside Tesseract {1 - clock.seconds / busy:5.1%} of the workers' time, "
            f"{1 - clock.seconds / (busy + text_seconds):5.1%} with the page text "
            f"(corrections and layout {text_seconds / len(results) * 1000:.0f} ms/page) "
            f"(render {stage['render'] / len(results) * 1000:.0f} ms/page, "
            f"median filter {stage['preprocess'] / len(results) * 1000:.0f} ms/page, "
            f"pytesseract call {stage['tesseract'] / len(results):.2f} s/page of which "
            f"Tesseract itself {clock.seconds / len(results):.2f} s/page)"
        )


def eval_report(pdfs: list[Path]) -> None:
    from deliberations.corpus.runner import error_record, process
    from deliberations.scoring import FAMILIES, Score, score_document

    plain, filtered = Score(), Score()
    dropped = 0
    for pdf in pdfs:
        gold = json.loads((DEV_GOLD / f"{pdf.stem}.json").read_text(encoding="utf-8"))
        result = process(pdf)
        record = (result.record if result.ok else error_record(result)).to_json_dict()
        plain.add(score_document(gold, record))
        document = result.document

        def trusted(ev: dict, document=document) -> bool:
            start = document.page_start(ev["page"]) + ev["start"]
            confidence = document.span_confidence(
                start, start + ev["end"] - ev["start"], digits=True
            )
            return confidence is None or confidence >= ocr.LOW_CONFIDENCE

        for deliberation in record["deliberations"]:
            for family in ("amounts", "imputations"):
                evidence = deliberation["evidence"].get(family, [])
                keep = [
                    i
                    for i in range(len(deliberation[family]))
                    if i >= len(evidence) or trusted(evidence[i])
                ]
                dropped += len(deliberation[family]) - len(keep)
                deliberation[family] = [deliberation[family][i] for i in keep]
        filtered.add(score_document(gold, record))
    for title, score in (
        ("as extracted", plain),
        (f"amounts/imputations under {ocr.LOW_CONFIDENCE} dropped ({dropped} dropped)", filtered),
    ):
        print(f"  {title}")
        print(
            f"  {'family':<15} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
        )
        for name in FAMILIES:
            c = score.families[name]
            if c.tp + c.fp + c.fn:
                print(
                    f"  {name:<15} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
                )
        m = score.micro
        print(
            f"  {'micro':<15} {m.precision:>9.3f} {m.recall:>7.3f} {m.f1:>6.3f} {m.tp:>4} {m.fp:>4} {m.fn:>4}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, help="keep the built PDFs here (default: a temporary folder)"
    )
    parser.add_argument(
        "--speed-pages",
        type=int,
        default=40,
        help="pages timed with 1 and 2 workers (fewer make the first and last pages weigh)",
    )
    parser.add_argument("--workers", type=int, default=2, help="workers for the accuracy runs")
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --out: reuse the PDFs and OCR results kept there by an earlier run",
    )
    args = parser.parse_args()
    problem = ocr.tesseract_problem()
    if problem:
        sys.exit(f"error: {problem}")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        started = time.perf_counter()
        if args.reuse and args.out and (out / "degraded").is_dir():
            digital, clean, degraded = (
                sorted((out / name).glob("*.pdf")) for name in ("digital", "clean", "degraded")
            )
        else:
            digital = build_corpus(DEV_TEXT, out / "digital")
            clean = build_scanned_corpus(out / "digital", out / "clean", profile="clean")
            degraded = build_scanned_corpus(out / "digital", out / "degraded", profile="degraded")
        pages = sum(len(pdfium.PdfDocument(str(p))) for p in digital)
        print(
            f"corpus: {len(digital)} documents, {pages} pages, built digital + clean + degraded "
            f"scans in {time.perf_counter() - started:.1f}s ({out})"
        )
        print(f"settings: {ocr.OcrSettings()}, OMP_THREAD_LIMIT=1, cores {os.cpu_count()}")
        sources = {p.stem: source_pages(p) for p in digital}

        print("\nOCR accuracy (character error rate against the source text)")
        started = time.perf_counter()
        cache = args.out is not None and args.reuse
        clean_results = ocr_corpus(clean, args.workers, out / "ocr-clean.pickle" if cache else None)
        degraded_results = ocr_corpus(
            degraded, args.workers, out / "ocr-degraded.pickle" if cache else None
        )
        print(
            f"  ({2 * pages} pages OCR'd in {time.perf_counter() - started:.0f}s with {args.workers} workers)"
        )
        cer_report("clean", clean_results, sources)
        cer_report("degraded", degraded_results, sources)

        if not args.skip_speed:
            print(f"\nOCR speed (first {args.speed_pages} pages of the degraded scans)")
            speed_report(degraded, args.speed_pages)

        print("\nconfidence of OCR'd words holding a digit (clean + degraded scans)")
        calibration_report(
            digit_words(clean_results, sources) + digit_words(degraded_results, sources)
        )
        print("  words of two digits or more (numbers, not a bullet 'o' read as '0'):")
        calibration_report(
            digit_words(clean_results, sources, 2) + digit_words(degraded_results, sources, 2)
        )

        if not args.skip_eval:
            print("\ndelib eval on the degraded scans (tests/data/dev/gold)")
            eval_report(degraded)
        words = [len(p.words) for pages in degraded_results.values() for p in pages]
        print(f"\n(words per degraded page: median {statistics.median(words):.0f})")


if __name__ == "__main__":
    main()
