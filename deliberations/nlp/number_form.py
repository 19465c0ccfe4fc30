"""How an act number is written in the record: the one normaliser every reader of a number
(``nlp/act_number.py``, item headings, the scorer) goes through. A module of its own so that
headings, which ``act_number`` reads, need not import ``act_number``."""

from __future__ import annotations

import re

SEPARATOR_SPACES_RE = re.compile(r"\s*([/\-–_.])\s*")


def normalize_number(raw: str) -> str:
    """An act number as the record gives it: spaces around its separators dropped
    (``n° 2019 / 12`` -> ``2019/12``, ``D2024 – 14`` -> ``D2024–14``), other spaces kept once
    (``DEL 2025-85``)."""
    return SEPARATOR_SPACES_RE.sub(r"\1", " ".join(raw.split())).strip()
