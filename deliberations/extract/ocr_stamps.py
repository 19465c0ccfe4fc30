"""Stamps on a scanned page: the prefecture's acknowledgement, certification and mail stamps.

A published deliberation is often scanned after the prefecture's platform (@CTES, S²LOW) or
the town hall stamped it: "Accusé de réception en préfecture / 062-216204982-20231206-… /
Date de télétransmission : 07/12/2023", "Acte certifié exécutoire", "Reçu en préfecture le",
"Publié le", "ARRIVÉ LE … COURRIER". Tesseract reads such a stamp as a block of its own, or as
the end of the lines beside it. Laid out among the body text, its dates and numbers sit in the
middle of the séance's facts; :mod:`deliberations.extract.ocr_layout` moves every block this
module calls a stamp to the end of the page text.

A block is a stamp when most of its lines are stamp lines (:data:`STAMP_LINES`, each a phrase
seen on such stamps) and it is short; a sentence of the minutes that mentions the prefecture
("transmis en préfecture le 7 décembre") is one line of a longer paragraph, and stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

MAX_STAMP_LINES = 8  # a stamp is a few lines; a longer block is text that quotes one
STAMP_SHARE = 0.5  # share of a block's lines that must be stamp lines

# one pattern per kind of stamp line, on text folded to lowercase ASCII
STAMP_LINES: dict[str, str] = {
    # @CTES: "Accusé de réception en préfecture", "Accusé certifié exécutoire"
    "acknowledgement": r"\baccuse (de reception|certifie)",
    # the stamp opens its line with it: "Acte certifié exécutoire", "Pour extrait certifié
    # conforme", "Certifié conforme au registre"; inside a sentence it is the wording of every
    # compte de gestion ("… visé et certifié conforme par l'ordonnateur, n'appelle ni
    # observation …"), which made a two-line paragraph of it a stamp, sent to the page's end
    "certification": (
        r"^\W*((pour )?(extrait|copie) )?(acte )?certifie(e)? (executoire|conforme)\b"
    ),
    "teletransmission": r"\bteletransmi",
    # "Date de réception préfecture : 07/12/2023", "Reçu en préfecture le 07/12/2023"
    "prefecture": r"\b(recu|envoye|depose|transmis|reception) (en |a la |par la |par le )?prefe",
    "prefect": r"\breception par le prefet\b",
    # S²LOW: "Publié le", "Affiché le", "ID : 062-216204982-20231206-DLB17-DE"
    "published": r"^\W*(date de )?(publi|affich|mis en ligne)\w* (le|:)",
    "act_id": r"\b\d{3}-\d{9}-\d{8}-",
    "id": r"^\W*id\s*:",
    # the town hall's mail stamp: "MAIRIE / ARRIVÉ LE / 12 DEC. 2023 / COURRIER"
    "mail": r"^\W*(arrive le|courrier( arrive)?)\W*$",
    "date_line": r"^\W*(le\s+)?\d{1,2}\s*[/.-]?\s*(\d{1,2}|[a-z]{3,9}\.?)\s*[/.-]?\s*\d{2,4}\W*$",
    "date_of": r"^\W*date d(e|')\s*(reception|teletransmission|affichage|publication|envoi)",
}
_PATTERNS = [re.compile(pattern) for pattern in STAMP_LINES.values()]
# a date alone or "MAIRIE" alone is a stamp line only beside stronger ones
_WEAK = {"date_line"}
_STRONG = [re.compile(p) for name, p in STAMP_LINES.items() if name not in _WEAK]


def fold(text: str) -> str:
    """Lowercase ASCII, runs of spaces as one: "Accusé  de réception" -> "accuse de reception"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def stamp_line(text: str, *, strong: bool = False) -> bool:
    """Whether one line of OCR'd text is a line of a stamp (``strong``: not a bare date)."""
    folded = fold(text)
    return any(p.search(folded) for p in (_STRONG if strong else _PATTERNS))


def is_stamp(lines: Sequence[str]) -> bool:
    """Whether a block of OCR'd lines is a stamp: short, at least one strong stamp line, and
    most of its lines stamp lines."""
    lines = [line for line in lines if line.strip()]
    if not lines or len(lines) > MAX_STAMP_LINES:
        return False
    if not any(stamp_line(line, strong=True) for line in lines):
        return False
    return sum(stamp_line(line) for line in lines) >= STAMP_SHARE * len(lines)
