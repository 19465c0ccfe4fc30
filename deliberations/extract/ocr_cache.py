"""Tesseract's answers kept on disk, keyed by the very image it was given.

Reading a scan again (a re-run after an upgrade, an evaluation run many times while writing
rules) asks Tesseract the same question about the same pixels. With the environment variable
``DELIB_OCR_CACHE`` set to a directory, Tesseract's raw answer for a page image is kept there as
JSON, under the SHA-256 of the image's pixels, its size and mode, the language, the Tesseract
options and Tesseract's version; the same image with the same settings is then not read again.
Everything done before Tesseract (rendering, clean-up) and after it (reading order, number and
spelling repairs, stamps) still runs every time, so a change to those is never hidden by the
cache. Unset (the default), nothing is kept.

    DELIB_OCR_CACHE=~/.cache/delib-ocr delib ingest --db archive.db scans/

A page's answer is about 30-80 kB; the directory can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

CACHE_ENV = "DELIB_OCR_CACHE"


@cache
def _tesseract_version(command: str) -> str:
    return str(pytesseract.get_tesseract_version())


def cache_dir() -> Path | None:
    """The directory answers are kept in, or None when caching is off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def image_key(image: Image.Image, lang: str, config: str, version: str) -> str:
    """The key of one question to Tesseract: the pixels and everything that changes the answer."""
    digest = hashlib.sha256()
    digest.update(f"{image.mode}|{image.size}|{lang}|{config}|{version}|".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def image_to_data(image: Image.Image, *, lang: str, config: str, timeout: float) -> dict[str, Any]:
    """``pytesseract.image_to_data`` as a dict, answered from the cache when it has it."""
    folder = cache_dir()

    def ask() -> dict[str, Any]:
        return pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )

    if folder is None:
        return ask()
    version = _tesseract_version(pytesseract.pytesseract.tesseract_cmd)
    key = image_key(image, lang, config, version)
    kept = folder / key[:2] / f"{key}.json"
    if kept.exists():
        try:
            return json.loads(kept.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged entry is asked again and rewritten
    data = ask()
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(kept)  # atomic: a concurrent reader sees the whole answer or none
    return data
