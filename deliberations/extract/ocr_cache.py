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

import contextlib
import hashlib
import json
import os
import shlex
import subprocess
import tempfile
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


def images_to_data(
    images: list[Image.Image], *, lang: str, config: str, timeout: float
) -> list[dict[str, Any]]:
    """:func:`image_to_data` for each of ``images``, those the cache lacks read by one Tesseract.

    Each Tesseract process spends about 0.15 s of CPU loading its model before it reads
    anything, more than it takes to read a sheet of a few figures: the sheets of a whole
    document (:func:`deliberations.extract.ocr.reread_document`) are read by one process, given
    them as a list of image files. Tesseract reads each image of the list on its own (the same
    words, boxes and confidences as one process per image: checked on the 75 sheets of the real
    set's scans); each answer is kept in the cache under its own image, as one asked alone.
    """
    folder = cache_dir()
    answers: list[dict[str, Any] | None] = [None] * len(images)
    keys: list[str] = []
    if folder is not None:
        version = _tesseract_version(pytesseract.pytesseract.tesseract_cmd)
        for n, image in enumerate(images):
            keys.append(image_key(image, lang, config, version))
            kept = folder / keys[n][:2] / f"{keys[n]}.json"
            if kept.exists():
                with contextlib.suppress(OSError, ValueError):  # a damaged entry: asked again
                    answers[n] = json.loads(kept.read_text(encoding="utf-8"))
    missing = [n for n, answer in enumerate(answers) if answer is None]
    if len(missing) == 1:  # asked alone, as before
        answers[missing[0]] = image_to_data(
            images[missing[0]], lang=lang, config=config, timeout=timeout
        )
    elif missing:
        read = _read_list([images[n] for n in missing], lang, config, timeout * len(missing))
        for n, data in zip(missing, read, strict=True):
            answers[n] = data
            if folder is not None:
                kept = folder / keys[n][:2] / f"{keys[n]}.json"
                kept.parent.mkdir(parents=True, exist_ok=True)
                partial = kept.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(json.dumps(data), encoding="utf-8")
                partial.replace(kept)
    return [answer for answer in answers if answer is not None]


def _read_list(
    images: list[Image.Image], lang: str, config: str, timeout: float
) -> list[dict[str, Any]]:
    """One Tesseract process over ``images`` (a list file of BMPs), its TSV cut image by image
    into what ``pytesseract.image_to_data`` gives for each alone (``page_num`` 1)."""
    command = pytesseract.pytesseract.tesseract_cmd
    with tempfile.TemporaryDirectory(prefix="delib-ocr-") as tmp:
        names = []
        for n, image in enumerate(images):
            name = os.path.join(tmp, f"{n}.bmp")
            image.save(name, format="BMP")
            names.append(name)
        listed = os.path.join(tmp, "images.txt")
        with open(listed, "w", encoding="utf-8") as fh:
            fh.write("\n".join(names) + "\n")
        base = os.path.join(tmp, "out")
        # the arguments pytesseract.image_to_data gives Tesseract, the list file for the image
        args = [
            command,
            listed,
            base,
            "-l",
            lang,
            *shlex.split(f"-c tessedit_create_tsv=1 {config}"),
        ]
        try:
            done = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError as exc:
            raise pytesseract.TesseractNotFoundError() from exc
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError("Tesseract process timeout") from exc
        if done.returncode:
            message = done.stderr.decode("utf-8", "replace")
            raise pytesseract.TesseractError(done.returncode, message)
        with open(f"{base}.tsv", "rb") as fh:
            tsv = fh.read().decode("utf-8")
    lines = [line for line in tsv.split("\n") if line]
    header, rows = lines[0], lines[1:]
    page = header.split("\t").index("page_num")
    by_image: dict[int, list[str]] = {}
    for row in rows:
        cells = row.split("\t")
        number = int(cells[page])
        cells[page] = "1"
        by_image.setdefault(number, []).append("\t".join(cells))
    if sorted(by_image) != list(range(1, len(images) + 1)):
        raise RuntimeError(f"Tesseract read {len(by_image)} of a list of {len(images)} images")
    return [
        pytesseract.pytesseract.file_to_dict("\n".join([header, *by_image[n]]), "\t", -1)
        for n in range(1, len(images) + 1)
    ]
