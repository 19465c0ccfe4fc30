"""What a deliberation says about itself: body, number, @CTES act id and matter, subject.

The act number is read by ``nlp/act_number.py`` (scored candidates); ``find_number`` asks it.
The authority is read by ``nlp/authority.py`` (scored candidates).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from deliberations.nlp import act_number, lexicon
from deliberations.nlp.act_number import normalize_number as normalize_number  # re-exported
from deliberations.nlp.found import Found

_I = re.IGNORECASE | re.UNICODE
_M = _I | re.MULTILINE

# -- body -------------------------------------------------------------------------------------
# (pattern, canonical name), from the lexicon of assemblies
BODY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{a.pattern})\b", _I), a.name) for a in lexicon.assemblies()
)
HEADER_CHARS = 2500  # the heading of a deliberation: where body and authority are printed


def find_body(text: str) -> Found | None:
    """The assembly: the first one named in the heading, else the first one named at all."""
    for window in (text[:HEADER_CHARS], text):
        best: Found | None = None
        for pattern, name in BODY_RULES:
            match = pattern.search(window)
            if match and (best is None or match.start() < best.start):
                best = Found("body", name, match.start(), match.end(), "")
        if best:
            return best
    return None


# -- authority --------------------------------------------------------------------------------
# read by nlp/authority.py (scored candidates): the collectivity, and a board's organisation


# -- number, act id, matter -------------------------------------------------------------------
ACT_ID_RE = re.compile(
    r"\b(?P<id>[0-9]{2}[0-9AB]-\d{9}-\d{8}-[A-Za-z0-9_]{1,15}-(?:DE|AR|AI|CC|BF|AU))\b"
)
MATTER_RE = re.compile(
    r"\b(?:nomenclature|mati[èe]re|code\s+mati[èe]re|classification)\s*(?:@?actes?\s*)?:?\s*"
    r"(?P<a>\d{1,2})\s*[.–\-—]\s*(?P<b>\d{1,2})(?:\s*[.–\-—]\s*(?P<c>\d{1,2}))?",
    _I,
)


def find_number(text: str) -> Found | None:
    """The number of the act ``text`` holds, read by ``nlp/act_number.py`` (the one reader of act
    numbers: scored candidates) with the text as one item, its first heading the item's and its
    séance date the scored one."""
    return act_number.number_of_text(text)


# the @CTES natures a deliberation is transmitted under: DE (délibération), BF (a budget voted);
# AU ("autre": minutes, reports), AR/AI (the mayor's orders), CC (a contract) are other acts
DELIBERATION_NATURES = frozenset({"DE", "BF"})


def find_act_id(text: str, session_date: str | None = None) -> Found | None:
    """The @CTES id of the act, when it can be this deliberation's: of a deliberation's nature
    and, when the séance's date is known, dated that day (the id's date is the decision's; an id
    dated otherwise is the transmitted minutes' or another act's)."""
    day = session_date.replace("-", "") if session_date else None
    for match in ACT_ID_RE.finditer(text):
        act = match.group("id")
        parts = act.split("-")
        if parts[-1] not in DELIBERATION_NATURES:
            continue
        if day is not None and parts[2] != day:
            continue
        return Found("act_id", act, match.start("id"), match.end("id"), "")
    return None


def drop_shared_act_ids(deliberations: list) -> None:
    """An id read in several deliberations of one document is the document's (the stamp printed
    on every page of transmitted minutes), no one act's: a gap is better than a wrong id."""
    counts: dict[str, int] = {}
    for deliberation in deliberations:
        if deliberation.act_id:
            counts[deliberation.act_id] = counts.get(deliberation.act_id, 0) + 1
    for deliberation in deliberations:
        if deliberation.act_id and counts[deliberation.act_id] > 1:
            deliberation.act_id = None
            deliberation.evidence.pop("act_id", None)


@cache
def known_matters() -> frozenset[str]:
    path = resources.files("deliberations.data").joinpath("actes_matieres_niveau1_2.csv")
    with path.open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


def find_matter_code(text: str) -> Found | None:
    """The @CTES matter as ``N.N`` ("NOMENCLATURE : 08 – 05" -> ``8.5``), when it is a known one."""
    for match in MATTER_RE.finditer(text):
        parts = [str(int(match.group(g))) for g in ("a", "b", "c") if match.group(g)]
        code = ".".join(parts)
        if ".".join(parts[:2]) in known_matters():
            return Found("matter_code", code, match.start("a"), match.end(), "")
    return None


# -- subject ----------------------------------------------------------------------------------
OBJECT_RE = re.compile(
    r"^[ \t]*(?:objet|OBJET|Objet)\s*:\s*(?P<s>.+(?:\n(?!\s*\n)[^\n]+){0,3})", re.MULTILINE
)
NUMBERED_TITLE_RE = re.compile(
    r"^[ \t]*(?:n\s*[°o]\s*)?(?:19|20)\d{2}\s*[/\-_.]\s*\d{1,4}\s*[-–:]\s+(?P<s>.+(?:\n(?!\s*\n)[^\n]+){0,3})",
    _M,
)
RAPPORTEUR_LINE_RE = re.compile(r"^[ \t]*rapporteur", _M)
HEADING_WORDS_RE = re.compile(
    r"\b(?:séance|seance|conseil|présents?|excusés?|absents?|président|extrait|registre|convocation|"
    r"nomenclature|accusé|préfet|direction)\b",
    _I,
)


def _clean_subject(raw: str) -> str:
    return " ".join(raw.split()).strip(" .;:-–")


def _paragraph_before(text: str, position: int) -> Found | None:
    """The paragraph (blank-line separated) before the one holding ``position``."""
    own_start = text.rfind("\n\n", 0, position)
    if own_start < 0:
        return None
    cursor = own_start
    while cursor > 0:
        prev_start = text.rfind("\n\n", 0, cursor)
        block = text[prev_start + 2 if prev_start >= 0 else 0 : cursor]
        if block.strip():
            start = (prev_start + 2 if prev_start >= 0 else 0) + (len(block) - len(block.lstrip()))
            return Found("subject", block.strip(), start, start + len(block.strip()), "")
        cursor = prev_start
    return None


CAPITALS_PARAGRAPH_RE = re.compile(r"[ \t]*\n[ \t]*\n(?P<p>[^\n]+(?:\n(?![ \t]*\n)[^\n]+){0,3})")


def _with_title_continuation(text: str, start: int, end: int) -> int:
    """A title in capitals may go on after a blank line, in capitals: extend ``end`` over it."""
    while text[start:end].isupper():
        following = CAPITALS_PARAGRAPH_RE.match(text, end)
        if not following or not following.group("p").isupper() or len(following.group("p")) > 200:
            break
        end = following.end("p")
    return end


def find_subject(text: str) -> Found | None:
    """The object of the deliberation: "Objet :", a numbered title, or the title above "Rapporteur"."""
    for pattern in (OBJECT_RE, NUMBERED_TITLE_RE):
        match = pattern.search(text)
        if match:
            start = match.start("s")
            end = _with_title_continuation(text, start, start + len(match.group("s").rstrip()))
            return Found("subject", _clean_subject(text[start:end]), start, end, "")
    rapporteur = RAPPORTEUR_LINE_RE.search(text)
    if rapporteur:
        block = _paragraph_before(text, rapporteur.start())
        if block and len(block.value) < 300 and not HEADING_WORDS_RE.search(block.value):
            return Found("subject", _clean_subject(block.value), block.start, block.end, "")
    return None
