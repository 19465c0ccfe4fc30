"""What a deliberation says about itself: authority, body, number, @CTES act id and matter, subject.

The act number is read by ``nlp/act_number.py`` (scored candidates); ``find_number`` asks it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from deliberations.nlp import act_number, lexicon
from deliberations.nlp.act_number import normalize_number as normalize_number  # re-exported
from deliberations.nlp.people import UPPER


@dataclass(frozen=True)
class TextMatch:
    value: str
    start: int
    end: int
    rule: str = ""


_I = re.IGNORECASE | re.UNICODE
_M = _I | re.MULTILINE

# -- body -------------------------------------------------------------------------------------
# (pattern, canonical name), from the lexicon of assemblies
BODY_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{a.pattern})\b", _I), a.name) for a in lexicon.assemblies()
)
HEADER_CHARS = 2500  # the heading of a deliberation: where body and authority are printed


def find_body(text: str) -> TextMatch | None:
    """The assembly: the first one named in the heading, else the first one named at all."""
    for window in (text[:HEADER_CHARS], text):
        best: TextMatch | None = None
        for pattern, name in BODY_RULES:
            match = pattern.search(window)
            if match and (best is None or match.start() < best.start):
                best = TextMatch(name, match.start(), match.end())
        if best:
            return best
    return None


# -- authority --------------------------------------------------------------------------------
_PLACE = rf"[{UPPER}][\w'’\-]*(?:(?:[ \-](?:sur|sous|en|lès|lez|les|le|la|de|du|des|d['’]|aux?|et|Saint|Sainte)[ \-]?|[ \-])[{UPPER}][\w'’\-]*){{0,5}}"
AUTHORITY_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.UNICODE)
    for p in (
        # "VILLE DE LENS", "Commune de Pierrefonds", "Mairie de Lillers", "COMMUNE NOUVELLE DE X" (the
        # communes nouvelles merged since 2015), "le Conseil municipal de la commune de X"
        rf"\b(?:VILLE|COMMUNE|MAIRIE|Ville|Commune|Mairie)(?:\s+(?:NOUVELLE|[Nn]ouvelle))?\s+(?:DE|D['’]|de|d['’])\s*(?P<name>{_PLACE})",
        rf"\b(?i:conseil\s+municipal)\s+de\s+la\s+commune\s+(?:de|d['’])\s*(?P<name>{_PLACE})",
        # "Conseil Municipal d'OUZOUS", "le Conseil Municipal de PIERREFONDS"
        rf"\b(?i:conseil\s+municipal|conseil\s+communal)\s+(?:(?:de|DE)\s+|(?:d|D)['’]\s*)(?P<name>{_PLACE})",
        # "Le Maire de Lomme", "le Conseil municipal de X"
        rf"\b(?:Maire|MAIRE)\s+(?:de|DE|d['’]|D['’])\s*(?P<name>{_PLACE})",
        # "Fait et délibéré à Lomme", "Fait à Lens, le"
        rf"\bFait\s+(?:et\s+délibéré\s+)?(?:à|a)\s+(?P<name>{_PLACE})",
        # "Loison-sous-Lens, le 20 juin 2024" at the start of a line (signature place and date)
        rf"(?m)^\s*(?P<name>{_PLACE}),?\s+le\s+\d{{1,2}}(?:er)?\s+\w+\s+\d{{4}}",
    )
)
# groupings of communes (EPCI) and syndicates, the authority of a conseil communautaire
GROUPING_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.UNICODE)
    for p in (
        # "Communauté de Communes des Lisières de l'Oise", "Communauté d'agglomération de Lens-Liévin"
        rf"\b(?P<name>(?i:communaut[ée])\s+(?i:de\s+communes|d['’]\s*agglom[ée]ration|urbaine)\s+"
        rf"(?:(?i:du|de\s+la|des|de|d['’])\s*)?{_PLACE})",
        # "Roannais Agglomération", "Lens-Liévin Agglomération", "Grenoble-Alpes Métropole"
        rf"\b(?P<name>{_PLACE}\s+(?:Agglom[ée]ration|AGGLOM[ÉE]RATION|M[ée]tropole|MÉTROPOLE))\b",
        # "Métropole Européenne de Lille", "Métropole de Lyon"
        rf"\b(?P<name>M[ée]tropole\s+(?:[A-ZÉ][\wé]+\s+)?(?:de|du|d['’])\s*{_PLACE})",
        # "Syndicat intercommunal des eaux de …", "Syndicat mixte …"
        r"\b(?P<name>(?i:syndicat)\s+(?i:intercommunal|mixte)[^\n,.;()]{0,60})",
    )
)
GROUPING_BODIES = {
    "conseil communautaire",
    "bureau communautaire",
    "conseil métropolitain",
    "comité syndical",
    "conseil syndical",
}
MUNICIPAL_BODIES = {"conseil municipal", "conseil communal"}
# words that follow "Ville de" / "Commune de" without naming a place
NOT_PLACES = {"La", "Le", "Les", "Ville", "Commune", "Conseil", "Monsieur", "Madame", "Maire"}


def _place_name(raw: str) -> str:
    words = raw.strip(" ,.;:").split()
    while words and words[-1] in NOT_PLACES:
        words.pop()
    name = " ".join(words)
    if (
        name.isupper()
    ):  # "SAINT-MARTIN-DE-RE" -> "Saint-Martin-de-Re": each part, short words in lower case
        name = " ".join(
            "-".join(
                part.capitalize() if len(part) > 2 or (w == 0 and p == 0) else part.lower()
                for p, part in enumerate(word.split("-"))
            )
            for w, word in enumerate(name.split(" "))
        )
    return name


# another body cited in a recital: "Vu la délibération du conseil municipal de X du 17 octobre"
CITED_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*vu\b[^.;\n]*\Z", re.IGNORECASE)
# a verb opening the next line, not a place: "Il est proposé au conseil municipal de\nValider la …"
VERB_NAME_RE = re.compile(r"[A-ZÉ][a-zéèê]+(?:er|ir)")
ELIDED_VERB_RE = re.compile(r"D['’]+[a-zéè]")
OBJECT_AFTER_RE = re.compile(r"[ \t]+(?:la|le|les|l['’]|un|une|des|du|au|aux|à|ce|cette|ces)\b")


def _cited_or_verb(text: str, start: int, name_end: int) -> bool:
    """The match names another collectivity cited in a recital, or reads a verb as a place."""
    if CITED_BEFORE_RE.search(text, max(0, start - 120), start):
        return True
    words = text[start:name_end].split()
    name = words[-1] if words else ""
    if ELIDED_VERB_RE.match(name):
        return True  # "… du conseil municipal d'\nD'approuver le principe …"
    return bool(VERB_NAME_RE.fullmatch(name) and OBJECT_AFTER_RE.match(text, name_end))


def find_authority(text: str, body: str | None = None) -> TextMatch | None:
    """The collectivity that deliberates, where the text names it as such.

    The assembly tells which kind to look for first: a conseil communautaire deliberates for a
    communauté or a métropole, not for one of the communes its members come from.
    """
    rules = (
        GROUPING_RULES + AUTHORITY_RULES
        if body in GROUPING_BODIES
        # a municipal council deliberates for its commune, never for the communauté it names
        else AUTHORITY_RULES
        if body in MUNICIPAL_BODIES
        else AUTHORITY_RULES + GROUPING_RULES
    )
    for pattern in rules:
        for match in pattern.finditer(text):
            name = _place_name(match.group("name"))
            if _cited_or_verb(text, match.start(), match.end("name")):
                continue
            if name and name.split()[0] not in NOT_PLACES and len(name) > 1:
                return TextMatch(
                    name,
                    match.start("name"),
                    match.start("name") + len(match.group("name").rstrip(" ,.;:")),
                )
    return None


# -- number, act id, matter -------------------------------------------------------------------
ACT_ID_RE = re.compile(
    r"\b(?P<id>[0-9]{2}[0-9AB]-\d{9}-\d{8}-[A-Za-z0-9_]{1,15}-(?:DE|AR|AI|CC|BF|AU))\b"
)
MATTER_RE = re.compile(
    r"\b(?:nomenclature|mati[èe]re|code\s+mati[èe]re|classification)\s*(?:@?actes?\s*)?:?\s*"
    r"(?P<a>\d{1,2})\s*[.–\-—]\s*(?P<b>\d{1,2})(?:\s*[.–\-—]\s*(?P<c>\d{1,2}))?",
    _I,
)


def find_number(text: str) -> TextMatch | None:
    """The number of the act ``text`` holds, read by ``nlp/act_number.py`` (the one reader of act
    numbers: scored candidates) with the text as one item, its first heading the item's and its
    séance date the scored one."""
    best = act_number.number_of_text(text)
    return TextMatch(best.value, best.start, best.end, best.rule) if best else None


# the @CTES natures a deliberation is transmitted under: DE (délibération), BF (a budget voted);
# AU ("autre": minutes, reports), AR/AI (the mayor's orders), CC (a contract) are other acts
DELIBERATION_NATURES = frozenset({"DE", "BF"})


def find_act_id(text: str, session_date: str | None = None) -> TextMatch | None:
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
        return TextMatch(act, match.start("id"), match.end("id"))
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


def find_matter_code(text: str) -> TextMatch | None:
    """The @CTES matter as ``N.N`` ("NOMENCLATURE : 08 – 05" -> ``8.5``), when it is a known one."""
    for match in MATTER_RE.finditer(text):
        parts = [str(int(match.group(g))) for g in ("a", "b", "c") if match.group(g)]
        code = ".".join(parts)
        if ".".join(parts[:2]) in known_matters():
            return TextMatch(code, match.start("a"), match.end())
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


def _paragraph_before(text: str, position: int) -> TextMatch | None:
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
            return TextMatch(block.strip(), start, start + len(block.strip()))
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


def find_subject(text: str) -> TextMatch | None:
    """The object of the deliberation: "Objet :", a numbered title, or the title above "Rapporteur"."""
    for pattern in (OBJECT_RE, NUMBERED_TITLE_RE):
        match = pattern.search(text)
        if match:
            start = match.start("s")
            end = _with_title_continuation(text, start, start + len(match.group("s").rstrip()))
            return TextMatch(_clean_subject(text[start:end]), start, end)
    rapporteur = RAPPORTEUR_LINE_RE.search(text)
    if rapporteur:
        block = _paragraph_before(text, rapporteur.start())
        if block and len(block.value) < 300 and not HEADING_WORDS_RE.search(block.value):
            return TextMatch(_clean_subject(block.value), block.start, block.end)
    return None
