"""Per page: is the text layer what a person reads there, or must the page be OCR'd?

OCRmyPDF's ``--skip-text`` keeps a page's text layer as soon as it has one, so a scanned page
on which a platform stamped "Accusé de réception en préfecture" keeps its six stamped words
and loses the rest. Here a layer is used only when it is real text for the whole page:

* no text layer at all: OCR (a blank page, with no ink either, is left empty);
* mojibake (a font with no usable Unicode map, an encoding read wrong): OCR;
* garbage (an invisible OCR layer of noise): OCR;
* too few characters for the page's ink: on a page covered by images, or drawing many paths
  (text turned to outlines), the page is rendered small and the share of its ink lying under
  the layer's characters measured; a stamp over a scan covers a few percent of it: OCR.

Each rule is a row of :data:`RULES` with the short reason recorded for the page
(``pages.reason`` in the database).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

INK_DPI = 50  # resolution of the rendering that measures the ink
IMAGE_COVER = 0.25  # images over this share of the page: check the layer against the ink
MANY_PATHS = 300  # path objects over this (text drawn as outlines?): check the layer too
MIN_INK_COVERED = 0.5  # a layer under less than this share of the ink does not say the page
MAX_SUSPICIOUS = 0.10  # share of characters no French text holds (mojibake)
MIN_PLAUSIBLE = 0.5  # share of word-like tokens below which a layer is garbage
MIN_TOKENS = 8  # fewer tokens than this: too few to call a layer garbage
SAMPLE_CHARS = 1500  # characters of a layer enough to tell text from mojibake or garbage
BLANK_INK = 0.001  # a page with no text and less ink than this share of its pixels is blank

# characters a French administrative text is made of; anything else is suspicious
_EXPECTED_CHARS = re.compile(
    r"[\sA-Za-z0-9ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿŒœÆæ.,;:!?'’‘\"«»“”()\[\]{}/\\&%€$£@#*+=<>_|~°§²³"
    r"\-–—…•·➢⇒→♦▪■□●○◦✓✔\u00a0\u202f\u2009\u00ad]"
)
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]|â€|\ufffd")
_TOKEN = re.compile(r"[^\W\d_]+")  # letters only: "l'habitat" is "l" and "habitat"
_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸŒÆ")
_WORD_SHAPE = re.compile(r"[A-ZÀ-ÖØ-ÞŒÆ]?[a-zß-öø-ÿœæ]+|[A-ZÀ-ÖØ-ÞŒÆ]+")


@dataclass(frozen=True)
class PageFeatures:
    """What the decision looks at, for one page."""

    chars: int  # non-blank characters of the text layer
    suspicious: float = 0.0  # share of characters no French text holds, or mojibake pairs
    tokens: int = 0  # letter tokens
    plausible: float = 1.0  # share of letter tokens shaped like words
    invisible: float = 0.0  # share of text objects drawn invisibly (an OCR layer)
    image_cover: float = 0.0  # share of the page covered by images
    paths: int = 0  # path objects
    ink: float | None = None  # share of the page's pixels that are ink (when measured)
    ink_covered: float | None = None  # share of the ink under the layer's characters


@dataclass(frozen=True)
class Decision:
    method: Literal["text-layer", "ocr", "none"]
    reason: str


@dataclass(frozen=True)
class Rule:
    """A row of the decision: when it applies, what is done, and the reason recorded."""

    name: str
    applies: Callable[[PageFeatures], bool]
    method: Literal["text-layer", "ocr", "none"]
    reason: Callable[[PageFeatures], str]


RULES: tuple[Rule, ...] = (
    Rule(
        "blank",
        lambda f: f.chars == 0 and f.ink is not None and f.ink < BLANK_INK,
        "none",
        lambda f: "blank page",
    ),
    Rule("no text layer", lambda f: f.chars == 0, "ocr", lambda f: "no text layer"),
    Rule(
        "mojibake",
        lambda f: f.suspicious > MAX_SUSPICIOUS,
        "ocr",
        lambda f: f"text layer unreadable: {f.suspicious:.0%} of its characters are mojibake",
    ),
    Rule(
        "garbage",
        lambda f: f.tokens >= MIN_TOKENS and f.plausible < MIN_PLAUSIBLE,
        "ocr",
        lambda f: (
            f"text layer is garbage: {f.plausible:.0%} of its words look like words"
            + (" (invisible OCR layer)" if f.invisible > 0.5 else "")
        ),
    ),
    Rule(
        "too little text for the ink",
        lambda f: f.ink_covered is not None and f.ink_covered < MIN_INK_COVERED,
        "ocr",
        lambda f: (
            f"text layer ({f.chars} chars) covers {f.ink_covered:.0%} of the page's ink"
            + (" (a stamp over a scan?)" if f.image_cover >= IMAGE_COVER else "")
        ),
    ),
    Rule(
        "invisible layer",
        lambda f: f.invisible > 0.5,
        "text-layer",
        lambda f: "text layer (invisible OCR layer, readable)",
    ),
    Rule("text layer", lambda f: True, "text-layer", lambda f: "text layer"),
)


def decide(features: PageFeatures) -> Decision:
    """The first rule of :data:`RULES` that applies."""
    for rule in RULES:
        if rule.applies(features):
            return Decision(rule.method, rule.reason(features))
    raise AssertionError("the last rule always applies")


# ------------------------------------------------------------------------ measuring


def text_features(text: str) -> tuple[int, float, int, float]:
    """(non-blank chars, suspicious share, letter tokens, plausible share) of a text; the shares
    are measured on its first ``SAMPLE_CHARS`` characters, which are enough."""
    stripped = "".join(text.split())
    chars = len(stripped)
    if not chars:
        return 0, 0.0, 0, 1.0
    sample = stripped[:SAMPLE_CHARS]
    unexpected = len(_EXPECTED_CHARS.sub("", sample))
    mojibake = 2 * len(_MOJIBAKE.findall(sample))
    suspicious = min((unexpected + mojibake) / len(sample), 1.0)
    tokens = _TOKEN.findall(text[: 2 * SAMPLE_CHARS])
    plausible = sum(map(_word_like, tokens)) / len(tokens) if tokens else 1.0
    return chars, suspicious, len(tokens), plausible


# words without a vowel that French texts write
ABBREVIATIONS = frozenset(
    {
        "Mme",
        "Mmes",
        "MM",
        "Mlle",
        "Mlles",
        "Mr",
        "Dr",
        "St",
        "Ste",
        "cf",
        "Cf",
        "nb",
        "NB",
        "bd",
        "Bd",
        "qqch",
        "TTC",
        "HT",
        "ct",
        "pp",
        "nº",
        "Nº",
    }
)


@lru_cache(maxsize=65536)
def _word_like(token: str) -> bool:
    """Shaped like a word: one case pattern, a vowel (acronyms and abbreviations aside), no
    run of five consonants."""
    if len(token) == 1:
        return token in "aàyAÀYlLdDnNsScCjJmMtTeE"
    if not _WORD_SHAPE.fullmatch(token):
        return False
    if not any(ch in _VOWELS for ch in token):
        return token.isupper() or token in ABBREVIATIONS
    run = 0
    for ch in token:
        run = 0 if ch in _VOWELS else run + 1
        if run > 4:
            return False
    return True


def _bounds(obj) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


# the page :func:`deliberations.extract.pdf.read_pdf_pages` is loading, and its objects once
# listed; one per thread
_listed = threading.local()


def loading(page: pdfium.PdfPage | None) -> None:
    """Say which page is being loaded (None once it is closed): its objects are listed once."""
    _listed.page, _listed.objects = page, None


def page_objects(page: pdfium.PdfPage) -> list[tuple[object, int]]:
    """The page's objects (not those inside its form objects), raw, each with its type: listed
    once for the page being loaded (:func:`loading`), for all that walk them (its images' check,
    this module's judge of its text layer, its tables' rulings)."""
    if getattr(_listed, "page", None) is page and _listed.objects is not None:
        return _listed.objects
    raw, get_object, get_type = page.raw, pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    listing = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, i)
        listing.append((obj, get_type(obj)))
    if getattr(_listed, "page", None) is page:
        _listed.objects = listing
    return listing


def object_features(page: pdfium.PdfPage) -> tuple[float, float, int]:
    """(invisible text share, image cover share, path count), through forms, with raw calls."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    texts = invisible = paths = 0
    covered = 0.0
    stack: list = [page_objects(page)]  # each: (object, its type) pairs
    while stack:
        for obj, kind in stack.pop():
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                texts += 1
                if (
                    pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
                    == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
                ):
                    invisible += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                left, bottom, right, top = _bounds(obj)
                w = min(right, width) - max(left, 0.0)
                h = min(top, height) - max(bottom, 0.0)
                covered += max(w, 0.0) * max(h, 0.0)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(stack) < 4:
                stack.append(_typed_children(obj))
    return (invisible / texts if texts else 0.0), min(covered / area, 1.0), paths


def _typed_children(form) -> list:
    """The objects of a form object, each with its type."""
    children = []
    for i in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, i)
        children.append((obj, pdfium_c.FPDFPageObj_GetType(obj)))
    return children


def ink_features(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[float, float | None]:
    """(ink share of the page, share of the ink under the text layer's characters).

    The page is rendered at ``INK_DPI``; ink is what is clearly darker than the paper (its
    90th percentile, so a grey photocopy counts as paper). The layer's character rectangles,
    grown by a pixel, are what it covers.
    """
    scale = INK_DPI / 72
    gray = np.asarray(page.render(scale=scale, grayscale=True, draw_annots=False).to_numpy())
    if gray.ndim == 3:
        gray = gray[..., 0]
    paper = float(np.percentile(gray, 90))
    ink = gray < max(paper - 70, 40)
    total = int(ink.sum())
    share = total / ink.size
    if total == 0:
        return share, None
    mask = np.zeros_like(ink)
    height = page.get_size()[1]
    rows, cols = mask.shape
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        x0, x1 = max(int(left * scale) - 1, 0), min(int(right * scale) + 2, cols)
        y0, y1 = (
            max(int((height - top) * scale) - 1, 0),
            min(int((height - bottom) * scale) + 2, rows),
        )
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    return share, float((ink & mask).sum() / total)


def page_features(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> PageFeatures:
    """Everything :func:`decide` needs; the page is rendered only when the layer must be checked
    against the ink (no text, or a page of images or of many paths)."""
    chars, suspicious, tokens, plausible = text_features(text)
    invisible, image_cover, paths = object_features(page)
    ink = ink_covered = None
    if chars == 0 or image_cover >= IMAGE_COVER or paths >= MANY_PATHS:
        ink, ink_covered = ink_features(page, textpage)
        if chars == 0:
            ink_covered = None
    return PageFeatures(
        chars=chars,
        suspicious=suspicious,
        tokens=tokens,
        plausible=plausible,
        invisible=invisible,
        image_cover=image_cover,
        paths=paths,
        ink=ink,
        ink_covered=ink_covered,
    )
