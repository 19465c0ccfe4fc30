"""Thousands separators Tesseract drops from an amount: "1758 724,05" for "1 758 724,05".

Budget tables print amounts with a thin space between groups of three digits. Tesseract often
reads the space before the last group ("724,05") but not the one before it, so the amount
comes out as two numbers, "1758" and "724,05", and the rules read 724,05 €: a wrong amount.
When a word of four to six digits is followed on its line, a word's space away, by a group of
three digits with its cents, the first word is the amount's head: its digits are grouped by
three from the right ("1 758"), so the rules read the whole amount. No digit is added, dropped
or changed; a four-digit word that may be a year (19xx, 20xx) is left alone, as is a head
parted from the group by a gap wider than a word's space (two cells of a table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from deliberations.extract.ocr import RawWord

HEAD_RE = re.compile(r"\A[1-9]\d{3,5}\Z")
YEAR_RE = re.compile(r"\A(19|20)\d\d\Z")
GROUP_RE = re.compile(r"\A\d{3}[,.]\d{2}(?!\d)")
WORD_SPACE = 0.8  # text heights: at most this gap between the head and its last group


def group_thousands(digits: str) -> str:
    """ "1758" -> "1 758", "384081" -> "384 081"."""
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def regroup_thousands(words: Sequence[RawWord], texts: Sequence[str]) -> list[str]:
    """``texts`` (the words' text, one for one) with each amount's head regrouped."""
    out = list(texts)
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        if word.line != following.line or not HEAD_RE.match(texts[i]):
            continue
        if YEAR_RE.match(texts[i]) or not GROUP_RE.match(texts[i + 1]):
            continue
        height = word.bbox[3] - word.bbox[1]
        if 0 <= following.bbox[0] - word.bbox[2] <= WORD_SPACE * height:
            out[i] = group_thousands(texts[i])
    return out
