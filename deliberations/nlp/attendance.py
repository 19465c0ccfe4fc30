"""Who attended the séance: présents, excusés with the proxy each gave, absents, members in
office, quorum.

Lists are read after their label ("Présents :", "Etaient présents :", "Excusés :", "Pouvoirs :",
"Absent :") up to the next label or the end of the paragraph; proxies are read in the ways
minutes write them ("ayant donné pouvoir à", "donne procuration à", "qui a donné pouvoir a",
"(pouvoir donné à …)", or "X à Y" under "Pouvoirs :").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deliberations.nlp import lexicon
from deliberations.nlp.numbers_fr import words_to_number
from deliberations.nlp.people import CIVILITY, clean_name

_I = re.IGNORECASE | re.UNICODE

LABELS: tuple[tuple[str, str], ...] = (
    ("present", r"(?:[ée]taient\s+)?pr[ée]sents?(?:\s+les\s+conseillers)?"),
    (
        "excused",
        r"(?:[ée]taient\s+)?(?:excus[ée]s?|absents?\s+excus[ée]s?)(?:\s+repr[ée]sent[ée]s?)?",
    ),
    ("proxies", r"pouvoirs?|procurations?"),
    ("absent", r"(?:[ée]taient\s+|[ée]tait\s+)?absents?(?:\s+non\s+excus[ée]s?)?"),
    ("secretary", r"secr[ée]taire(?:\s+de\s+s[ée]ance)?"),
)
LABEL_RE = re.compile(
    r"(?:^|(?<=[\n\f]))[ \t]*(?P<label>"
    + "|".join(f"(?P<{name}>{p})" for name, p in LABELS)
    + r")[ \t]*:",
    _I | re.MULTILINE,
)
PROXY_RE = re.compile(
    r"(?P<giver>.+?)\s*(?:\(\s*)?(?:,\s*)?(?:ayant\s+donn[ée]|qui\s+a\s+donn[ée]|a\s+donn[ée]|donne|donnant|pouvoir\s+donn[ée])"
    r"\s*(?:(?:pouvoir|procuration|délégation)\s*)?(?:[àa]\s+)?(?P<holder>[^()]+?)\s*\)?\s*$",
    _I,
)
NO_PROXY_RE = re.compile(r"n['’]ayant\s+pas\s+donn[ée]|pas\s+de\s+pouvoir|sans\s+pouvoir", _I)
SIMPLE_PROXY_RE = re.compile(
    rf"(?P<giver>(?:{CIVILITY}\s+)?[^,]+?)\s+(?:à|a)\s+(?P<holder>(?:{CIVILITY}\s+)?.+)$", _I
)
ITEM_SPLIT_RE = re.compile(
    r"\s*(?:,|;|\n\s*[-−–•]\s*|^\s*[-−–•]\s*|\s[-−–]\s|\s+/\s+|\n)\s*", re.MULTILINE
)
# a civility naming several persons before their names: "MM. ROBERT et HANON", "Mesdames X et Y"
GROUPED_CIVILITY_RE = re.compile(
    rf"^{lexicon.pattern('civility', subset='plural')}\s+(?P<names>.+)$"
)
IN_OFFICE_RE = re.compile(
    r"(?:membres|conseillers)\s+(?:municipaux\s+|communautaires\s+)?en\s+exercice\s*:?\s*(?P<n>\d{1,3})\b"
    r"|en\s+exercice[^.]{0,40}?au\s+nombre\s+de\s+(?P<w>[a-zéè\- ]+|\d{1,3})",
    _I,
)
QUORUM_RE = re.compile(
    r"quorum\s+(?:est\s+|étant\s+|a\s+été\s+)?(?P<state>atteint|réuni|constaté|n['’]est\s+pas\s+atteint|non\s+atteint)",
    _I,
)
WHOLE_COUNCIL_RE = re.compile(r"tous\s+les\s+(?:conseillers|membres)\s+en\s+exercice", _I)


@dataclass
class Absence:
    name: str
    proxy_to: str | None = None


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    excused: list[Absence] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    members_in_office: int | None = None
    quorum_reached: bool | None = None


def _names(block: str) -> list[str]:
    """Persons listed in a block: "MM. ROBERT et HANON, Mme AIT CHIKHEBBIH" -> three names."""
    names: list[str] = []
    for item in ITEM_SPLIT_RE.split(block):
        item = item.strip(" .")
        if not item:
            continue
        parts = []
        for piece in re.split(
            rf"\s+(?=(?:{CIVILITY})\s)", item
        ):  # a comma missing between two persons
            grouped = GROUPED_CIVILITY_RE.match(piece)
            parts += re.split(r"\s+et\s+(?=[A-ZÉÈ])", grouped.group("names") if grouped else piece)
        for part in parts:
            part = re.sub(r"\(.*?\)", "", part).strip(" .")
            name = clean_name(part)
            if name and len(name.split()) <= 5 and name[0].isupper():
                names.append(name)
    return names


def _absences(block: str, proxies_only: bool) -> list[Absence]:
    out: list[Absence] = []
    for item in ITEM_SPLIT_RE.split(block):
        item = item.strip(" .")
        if not item:
            continue
        if NO_PROXY_RE.search(item):
            name = clean_name(NO_PROXY_RE.split(item)[0].strip(" ,(").removesuffix("n'ayant"))
            if name:
                out.append(Absence(name))
            continue
        match = PROXY_RE.match(item) or (SIMPLE_PROXY_RE.match(item) if proxies_only else None)
        if match:
            giver = clean_name(re.sub(r"\(.*", "", match.group("giver")).strip(" ,"))
            holder = clean_name(match.group("holder"))
            if giver:
                out.append(Absence(giver, holder))
            continue
        name = clean_name(re.sub(r"\(.*?\)", "", item))
        if name and name[0].isupper() and len(name.split()) <= 5:
            out.append(Absence(name))
    return out


def find_attendance(text: str) -> Attendance:
    """Attendance of the séance, read from the preamble of the minutes."""
    attendance = Attendance()
    labels = list(LABEL_RE.finditer(text))
    for index, label in enumerate(labels):
        kind = next(name for name, _ in LABELS if label.group(name))
        stop = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        paragraph_end = re.search(r"\n[ \t]*\n(?![ \t]*[-−–•])|\f", text[label.end() : stop])
        block = text[label.end() : label.end() + paragraph_end.start() if paragraph_end else stop]
        if kind == "present" and not attendance.present:
            attendance.present = _names(block)
        elif kind in {"excused", "proxies"}:
            known = {a.name for a in attendance.excused}
            for absence in _absences(block, proxies_only=kind == "proxies"):
                if absence.name not in known:
                    attendance.excused.append(absence)
        elif kind == "absent" and not attendance.absent:
            attendance.absent = [a.name for a in _absences(block, proxies_only=False)]
    in_office = IN_OFFICE_RE.search(text)
    if in_office:
        raw = in_office.group("n") or in_office.group("w")
        attendance.members_in_office = int(raw) if raw.isdigit() else words_to_number(raw.strip())
    quorum = QUORUM_RE.search(text)
    if quorum:
        attendance.quorum_reached = "pas" not in quorum.group(
            "state"
        ) and "non" not in quorum.group("state")
    return attendance
