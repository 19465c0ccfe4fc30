"""People named in a deliberation: civility, name lists, rapporteur, president, secretary.

Names are kept as written, civility dropped; a name printed surname-first ("PARIS Olivier")
is turned to the usual order ("Olivier PARIS"), as the gold records write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
LOWER = "a-zàâäçéèêëîïôöùûüÿæœß"
# one word of a name: a capital, then letters, apostrophes or hyphens ("AIT-CHIKHEBBIH", "d'Estaing")
# ("S?RI": OCR writes "?" for a letter it could not read)
NAME_WORD = rf"(?:[{UPPER}][{UPPER}{LOWER}'’\-?]*[{UPPER}{LOWER}]|[{UPPER}])"
# between two words of a name: spaces, or a line break before a surname in capitals
# ("Madame Michèle\nBOURBIER")
NAME_SEP = rf"(?:[ \t]+|[ \t]*\n[ \t]*(?=[{UPPER}][{UPPER}'’\-]+\b))"
# words in capitals that end a name in text written in capitals ("SEILLE QUI VOTENT CONTRE")
CAPITALS_STOP = (
    r"(?!(?:QUI|QUE|VOTENT|VOTE|VOTANT|ONT|A|À|ET|OU|POUR|CONTRE|S['’]ABST\w*|ACCEPTE\w*|DÉCIDE\w*|"
    r"DECIDE\w*|ADOPTE\w*|APPROUVE\w*|REFUSE\w*|LE|LA|LES|DE|DU|DES|EST|SONT|AU|AUX|CE|CETTE)\b)"
)
NAME = rf"{NAME_WORD}(?:{NAME_SEP}{CAPITALS_STOP}(?:(?:de|du|d'|le|la|van|von|ben)[ \t]+)?{NAME_WORD}){{0,4}}"
CIVILITY = (
    r"(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MM\.?|Mmes\.?|Mme\.?|Mlle\.?|Melle\.?"
    r"|Mr\.?|M\.|Me\.?|Dr\.?|Docteur|MONSIEUR|MADAME|MESSIEURS|MESDAMES)"
)
CIVILITY_RE = re.compile(rf"^\s*{CIVILITY}\s*", re.UNICODE)
# words that start with a capital but are not names, where a name may be expected
NOT_NAMES = {
    "Maire", "Adjoint", "Adjointe", "Conseiller", "Conseillère", "Président", "Présidente",
    "Le", "La", "Les", "Il", "Elle", "Vu", "Fait", "Pour", "Contre", "Abstention", "Abstentions",
    "Directeur", "Directrice", "Secrétaire", "Rapporteur", "Monsieur", "Madame", "Objet",
    "Après", "Considérant", "Ville", "Commune", "Conseil", "Et", "En", "Au", "Aux", "Un", "Une",
    "VU", "LE", "LA", "LES", "POUR", "CONTRE", "ET", "ADOPTE", "ADOPTÉ", "ADOPTEE", "ADOPTÉE",
}
NAME_RE = re.compile(NAME, re.UNICODE)
AFTER_CIVILITY = r"(?:[ \t]*\n?[ \t]*\n?[ \t]*(?<=[\s.])|(?<=\.))"
PERSON_RE = re.compile(rf"(?:{CIVILITY}{AFTER_CIVILITY})?(?P<name>{NAME})", re.UNICODE)


@dataclass(frozen=True)
class PersonMatch:
    name: str
    start: int  # span of the name itself, civility excluded
    end: int


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def clean_name(raw: str) -> str | None:
    """Drop civility and trailing titles; put a surname-first name in the usual order."""
    name = CIVILITY_RE.sub("", " ".join(raw.split())).strip(" ,.;:-–")
    words = [w.strip(",;:") for w in name.split(" ") if w.strip(",;:")]
    # a title ("Maire") or a lowercase word ("le" of "Monsieur le Maire") never ends or starts a name
    while words and (words[-1] in NOT_NAMES or words[-1].islower()):
        words.pop()
    while words and (words[0] in NOT_NAMES or words[0].islower()):
        words.pop(0)
    if not words:
        return None
    # "PARIS Olivier" (surname in capitals first) -> "Olivier PARIS"
    first_lower = next((i for i, w in enumerate(words) if not _is_upper(w)), None)
    if first_lower is not None and first_lower > 0 and all(not _is_upper(w) for w in words[first_lower:]):
        words = words[first_lower:] + words[:first_lower]
    return " ".join(words)


SPACES_RE = re.compile(r"[ \t]*")


def person_at(text: str, position: int) -> PersonMatch | None:
    """The person named at ``position`` (after optional spaces), civility dropped."""
    match = PERSON_RE.match(text, SPACES_RE.match(text, position).end())
    if not match:
        return None
    name = clean_name(match.group("name"))
    if not name:
        return None
    return PersonMatch(name=name, start=match.start("name"), end=match.end("name"))


LIST_SEPARATOR_RE = re.compile(r"(?:\s*(?:,|;|\s[-–—]\s|\bet\b|/)\s*|\s*\n\s*|[ \t]+)", re.UNICODE)
LIST_ITEM_RE = re.compile(
    rf"(?:(?P<civ>{CIVILITY}){AFTER_CIVILITY})?(?P<name>{CAPITALS_STOP}{NAME_WORD}(?:[ \t]+{CAPITALS_STOP}{NAME_WORD}){{0,3}})", re.UNICODE
)


def name_list(text: str, position: int, end: int | None = None) -> list[PersonMatch]:
    """Persons listed from ``position`` on ("Mme ACS - M. HENRI – M. CAUX", "MM. X et Y").

    A name without civility is taken only in capitals, so the list stops at the next sentence.
    """
    end = len(text) if end is None else end
    people: list[PersonMatch] = []
    cursor = position
    while cursor < end:
        sep = LIST_SEPARATOR_RE.match(text, cursor, end)
        probe = sep.end() if sep else cursor
        item = LIST_ITEM_RE.match(text, probe, end)
        if not item:
            break
        raw = item.group("name")
        if not item.group("civ"):
            words = raw.split()
            surname_first = bool(words) and _is_upper(words[0]) and len(words[0]) > 1
            # "Denis DECHOUX": a first name then a surname in capitals
            first_name_then_surname = len(words) >= 2 and words[0][:1].isupper() and _is_upper(words[1])
            if not (surname_first or first_name_then_surname):
                break
            if words[0] in NOT_NAMES:
                break
        name = clean_name(raw)
        if not name:
            break
        people.append(PersonMatch(name=name, start=item.start("name"), end=item.end("name")))
        cursor = item.end()
    return people


@dataclass(frozen=True)
class RoleRule:
    """A phrase that names a person in a role; the person is read right after (or before) it."""

    role: str
    pattern: re.Pattern[str]
    person_before: bool = False  # "M. X, rapporteur" / "M. X est désigné secrétaire"


def _rule(role: str, pattern: str, *, before: bool = False) -> RoleRule:
    # MULTILINE: "^" in a rule is the start of a line ("Président : …")
    return RoleRule(role, re.compile(pattern, re.IGNORECASE | re.UNICODE | re.MULTILINE), before)


ROLE_RULES: tuple[RoleRule, ...] = (
    # "Rapporteur : Madame Fatima AIT CHIKHEBBIH", "Rapporteur: M. PARIS Olivier"
    _rule("rapporteur", r"\brapporteur(?:e)?\s*:\s*"),
    # "sur le rapport de M. X", "exposé de Mme Y", "présenté par M. Z"
    _rule("rapporteur", r"\b(?:sur\s+le\s+rapport\s+de|rapport\s+présenté\s+par|présenté\s+par)\s+"),
    # "Madame Khadija LANNABI, rapporteur, rappelle"
    _rule("rapporteur", rf"(?:{CIVILITY})[ \t]+{NAME}\s*,\s*rapporteur", before=True),
    # "Président: Monsieur COTTIGNY", "Présidence : M. X"
    _rule("president", r"^\s*présid(?:ent|ente|ence)\s*(?:de\s+séance\s*)?:\s*"),
    # "sous la présidence de Monsieur Sylvain ROBERT, Maire"
    _rule("president", r"\bsous\s+la\s+présidence\s+de\s+"),
    # "Secrétaire : Monsieur Gilles PAPIN" at the start of a line
    _rule("secretary", r"^\s*secrétaire\s*:\s*"),
    # "Secrétaire de séance : M. X"
    _rule("secretary", r"\bsecrétaire(?:s)?\s+de\s+(?:la\s+)?séance\s*:\s*"),
    # "Monsieur Emmanuel DONDELA est désigné secrétaire de séance"
    _rule(
        "secretary",
        rf"(?:{CIVILITY})[ \t]+{NAME}\s*(?:,[^,\n]{{0,120}},)?\s*(?:est|a\s+été)\s+(?:désignée?|élue?|nommée?)"
        r"[^.]{0,80}?secrétaire",
        before=True,
    ),
)


def find_role(text: str, role: str) -> PersonMatch | None:
    """The first person named in ``role`` (rapporteur, president, secretary)."""
    best: PersonMatch | None = None
    for rule in ROLE_RULES:
        if rule.role != role:
            continue
        for match in rule.pattern.finditer(text):
            person = person_at(text, match.start()) if rule.person_before else person_at(text, match.end())
            if person and (best is None or person.start < best.start):
                best = person
                break
    return best


# who presents an item in minutes: "Monsieur VENDERBURE donne lecture du rapport suivant",
# "passe la parole à Madame Emmanuelle LEMAITRE qui présente", "Monsieur le Maire rappelle"
PRESENTING_VERBS = (
    r"(?:présente|presente|expose|rappelle|informe|propose|indique|soumet|explique|donne\s+lecture"
    r"|fait\s+(?:part|lecture|le\s+point)|présentent|rapporte)"
)
GIVES_FLOOR_RE = re.compile(r"\b(?:passe|donne|cède)\s+la\s+parole\s+à\s+", re.IGNORECASE)
PRESENTER_RE = re.compile(
    rf"(?:^|(?<=[\n.:;]))[ \t]*(?P<who>(?:{CIVILITY}{AFTER_CIVILITY})?{NAME})\s*(?:,[^,\n]{{1,60}},\s*)?{PRESENTING_VERBS}\b",
    re.UNICODE | re.MULTILINE,
)
# "Ayant entendu les explications de Madame/Monsieur le Maire": the chair presented the item
CHAIR_EXPLAINED_RE = re.compile(
    r"entendu\s+(?:les\s+explications|l['’]exposé|le\s+rapport)\s+de\s+(?:Madame|Monsieur)(?:\s*/\s*(?:Madame|Monsieur))?"
    r"\s+l[ea]\s+(?i:maire|pr[ée]sidente?)",
    re.UNICODE,
)
CHAIR_PRESENTS_RE = re.compile(
    rf"(?:^|(?<=[\n.:;]))[ \t]*(?:(?:Madame|Monsieur|Mme|M\.)\s+(?:le|la)\s+(?i:maire|pr[ée]sidente?)|Le\s+(?i:maire|pr[ée]sident)|La\s+(?i:pr[ée]sidente))"
    rf"\s*(?:,[^,\n]{{1,60}},\s*)?{PRESENTING_VERBS}\b",
    re.UNICODE | re.MULTILINE,
)


@dataclass(frozen=True)
class Presenter:
    """Who presents an item: a person named, or the chair of the séance."""

    person: PersonMatch | None
    chair: bool
    start: int
    end: int


def find_presenter(text: str) -> Presenter | None:
    """The first person the minutes show presenting the item (or the chair doing so)."""
    found: list[Presenter] = []
    floor = GIVES_FLOOR_RE.search(text)
    if floor and (person := person_at(text, floor.end())):
        found.append(Presenter(person, False, person.start, person.end))
    for named in PRESENTER_RE.finditer(text):
        person = person_at(text, named.start("who"))
        if person and (len(person.name.split()) > 1 or CIVILITY_RE.match(named.group("who"))):
            found.append(Presenter(person, False, person.start, person.end))
            break
    chair = CHAIR_PRESENTS_RE.search(text) or CHAIR_EXPLAINED_RE.search(text)
    if chair:
        found.append(Presenter(None, True, chair.start(), chair.end()))
    return found[0] if found else None  # the floor given, then a person presenting, then the chair


# "par Yves Nicolin, Président.", "Philippe DUBOURG, Maire.": the chair named with the title
TITLED_CHAIR_RE = re.compile(
    rf"(?P<who>(?:{CIVILITY}{AFTER_CIVILITY})?{NAME})\s*,\s*(?:Président|Présidente|Maire|PRÉSIDENT|MAIRE)\b(?!\s+(?:de|d['’]|du)\s+[A-Z])",
    re.UNICODE,
)


def find_titled_chair(text: str) -> PersonMatch | None:
    """The person the preamble names with the title of the chair, when no "sous la présidence"."""
    for match in TITLED_CHAIR_RE.finditer(text):
        person = person_at(text, match.start("who"))
        if person and len(person.name.split()) > 1:
            return person
    return None
