"""People named in a deliberation: civility, name lists, rapporteur, president, secretary.

Names are kept as written, civility dropped; a name printed surname-first ("PARIS Olivier")
is turned to the usual order ("Olivier PARIS"), as the gold records write it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from deliberations.nlp import lexicon, phrasings, units
from deliberations.nlp.found import Found

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
LOWER = "a-zàâäçéèêëîïôöùûüÿæœß"
# one word of a name: a capital, then letters, apostrophes or hyphens ("AIT-CHIKHEBBIH", "d'Estaing")
# ("S?RI": OCR writes "?" for a letter it could not read)
NAME_WORD = rf"(?:[{UPPER}][{UPPER}{LOWER}'’\-?]*[{UPPER}{LOWER}]|[{UPPER}])"
# between two words of a name: spaces, or a line break before a surname in capitals
# ("Madame Michèle\nBOURBIER"), or before a last word that a comma ends ("monsieur Philippe\nMallard,
# Président de la commission"): a name wrapped at the end of a line
NAME_SEP = (
    rf"(?:[ \t]+|[ \t]*\n[ \t]*(?=[{UPPER}][{UPPER}'’\-]+\b)"
    rf"|[ \t]*\n[ \t]*(?=[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?,))"
)
# words in capitals that end a name in text written in capitals ("SEILLE QUI VOTENT CONTRE")
CAPITALS_STOP = (
    r"(?!(?:QUI|QUE|VOTENT|VOTE|VOTANT|ONT|A|À|ET|OU|POUR|CONTRE|S['’]ABST\w*|ACCEPTE\w*|DÉCIDE\w*|"
    r"DECIDE\w*|ADOPTE\w*|APPROUVE\w*|REFUSE\w*|LE|LA|LES|DE|DU|DES|EST|SONT|AU|AUX|CE|CETTE)\b)"
)
NAME = rf"{NAME_WORD}(?:{NAME_SEP}{CAPITALS_STOP}(?:(?:de|du|d'|le|la|van|von|ben)[ \t]+)?{NAME_WORD}){{0,4}}"
CIVILITY = lexicon.pattern("civility")
CIVILITY_RE = re.compile(rf"^\s*{CIVILITY}\s*", re.UNICODE)
# a civility as running text may write it, in lower case after a verb or a comma: "donne la parole à
# monsieur Philippe X", "…, madame Y expose" (census: one in-sample body, a commune nouvelle, in four
# documents; the stored pages show lower-case titles, "Mme le maire", not yet a lower-case civility).
# Only the civilities written in full: a lower-case "m." or "me" is no civility.
RUNNING_CIVILITY = rf"(?:{CIVILITY}|(?=[a-zé]{{6}})(?i:{CIVILITY}))"
RUNNING_CIVILITY_RE = re.compile(rf"^\s*{RUNNING_CIVILITY}", re.UNICODE)
# words that start with a capital but are not names, where a name may be expected
NOT_NAMES = {
    "Maire",
    "Adjoint",
    "Adjointe",
    "Conseiller",
    "Conseillère",
    "Président",
    "Présidente",
    "Le",
    "La",
    "Les",
    "Il",
    "Elle",
    "Vu",
    "Fait",
    "Pour",
    "Contre",
    "Abstention",
    "Abstentions",
    "Directeur",
    "Directrice",
    "Secrétaire",
    "Rapporteur",
    "Monsieur",
    "Madame",
    "Objet",
    "Après",
    "Considérant",
    "Ville",
    "Commune",
    "Conseil",
    "Et",
    "En",
    "Au",
    "Aux",
    "Un",
    "Une",
    "VU",
    "LE",
    "LA",
    "LES",
    "POUR",
    "CONTRE",
    "ET",
    "ADOPTE",
    "ADOPTÉ",
    "ADOPTEE",
    "ADOPTÉE",
}
NAME_RE = re.compile(NAME, re.UNICODE)
AFTER_CIVILITY = r"(?:[ \t]*\n?[ \t]*\n?[ \t]*(?<=[\s.])|(?<=\.))"
# a civility, or none: never one read as the first word of a name ("Madame la Préfète" is nobody's
# name, "la" taken for a particle)
CIVILITY_OR_NONE = rf"(?:{RUNNING_CIVILITY}{AFTER_CIVILITY}|(?!{RUNNING_CIVILITY}[\s.]))"
PERSON_RE = re.compile(rf"{CIVILITY_OR_NONE}(?P<name>{NAME})", re.UNICODE)


def person_found(name: str, start: int, end: int, rule: str = "") -> Found:
    """A person named in the text: ``value`` the name, civility dropped; the span the name's
    itself, civility excluded; ``rule_id`` the role rule that named the person, when one did."""
    return Found("person", name, start, end, rule)


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
    if not words or (len(words) == 1 and len(words[0]) == 1):
        return None  # nobody, or a lone letter: the "M" of "M. le Maire", not a name
    # "PARIS Olivier" (surname in capitals first) -> "Olivier PARIS"
    first_lower = next((i for i, w in enumerate(words) if not _is_upper(w)), None)
    if (
        first_lower is not None
        and first_lower > 0
        and all(not _is_upper(w) for w in words[first_lower:])
    ):
        words = words[first_lower:] + words[:first_lower]
    return " ".join(words)


SPACES_RE = re.compile(r"[ \t]*")


def person_at(text: str, position: int) -> Found | None:
    """The person named at ``position`` (after optional spaces), civility dropped."""
    match = PERSON_RE.match(text, SPACES_RE.match(text, position).end())
    if not match:
        return None
    name = clean_name(match.group("name"))
    if not name:
        return None
    return person_found(name, match.start("name"), match.end("name"))


LIST_SEPARATOR_RE = re.compile(
    r"(?:\s*(?:,\s*et\b|,|;|\s[-–—]\s|\bet\b|/)\s*|\s*\n\s*|[ \t]+)", re.UNICODE
)
LIST_ITEM_RE = re.compile(
    rf"(?:(?P<civ>{CIVILITY}){AFTER_CIVILITY})?(?P<name>{CAPITALS_STOP}{NAME_WORD}(?:[ \t]+{CAPITALS_STOP}{NAME_WORD}){{0,3}})",
    re.UNICODE,
)


# "Jean Dupont", "Marie-Anne Martin": a first name and a surname, neither in capitals
TITLE_CASE_WORD_RE = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?")
TITLE_CASE_NAME_WORDS = (2, 3)


def _title_case_name(words: list[str]) -> bool:
    return (
        len(words) in TITLE_CASE_NAME_WORDS
        and all(TITLE_CASE_WORD_RE.fullmatch(w) for w in words)
        and not any(w in NOT_NAMES for w in words)
    )


def name_list(
    text: str, position: int, end: int | None = None, *, title_case: bool = False
) -> list[Found]:
    """Persons listed from ``position`` on ("Mme ACS - M. HENRI – M. CAUX", "MM. X et Y").

    A name without civility is taken only in capitals, so the list stops at the next sentence;
    with ``title_case`` (a list under a label, "Contre : Jean Dupont, Marie Martin") also a first
    name and a surname neither in capitals.
    """
    end = len(text) if end is None else end
    people: list[Found] = []
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
            first_name_then_surname = (
                len(words) >= 2 and words[0][:1].isupper() and _is_upper(words[1])
            )
            if not (
                surname_first or first_name_then_surname or (title_case and _title_case_name(words))
            ):
                break
            if words[0] in NOT_NAMES:
                break
        name = clean_name(raw)
        if not name:
            break
        people.append(person_found(name, item.start("name"), item.end("name")))
        cursor = item.end()
    return people


@dataclass(frozen=True)
class RoleRule:
    """A phrase that names a person in a role; the person is read right after (or before) it."""

    role: str
    pattern: re.Pattern[str]
    person_before: bool = False  # "M. X, rapporteur" / "M. X est désigné secrétaire"
    name: str = ""
    # read only when no other rule of the role names anyone: a signature under the chair's title
    # ("Le Maire, / Daniel X"), the person read by :func:`signed_at`
    fallback: bool = False
    # the words every match ends on: a text without them is not searched with the pattern
    cue: re.Pattern[str] | None = None


def _rule(
    role: str,
    pattern: str,
    *,
    before: bool = False,
    name: str = "",
    fallback: bool = False,
    cue: str = "",
) -> RoleRule:
    # MULTILINE: "^" in a rule is the start of a line ("Président : …")
    flags = re.IGNORECASE | re.UNICODE | re.MULTILINE
    if not cue:
        return RoleRule(role, re.compile(pattern, flags), before, name, fallback)
    if not pattern.endswith(cue):
        raise ValueError(f"role rule {name}: its cue is not the end of its pattern")
    # the pattern read as what comes before the cue, then the cue: every match holds a cue's
    head = pattern[: -len(cue)]
    return RoleRule(
        role,
        re.compile(f"(?:{head})(?:{cue})", flags),
        before,
        name,
        fallback,
        re.compile(cue, flags),
    )


#: the role phrasings, from ``phrasings/role.toml``
ROLE_RULES: tuple[RoleRule, ...] = tuple(
    _rule(
        str(rule.properties["role"]),
        rule.expand({"CIVILITY": CIVILITY, "NAME": NAME}),
        before=bool(rule.properties.get("before", False)),
        name=rule.id,
        fallback=bool(rule.properties.get("fallback", False)),
        cue=rule.model_copy(update={"pattern": str(rule.properties.get("cue", ""))}).expand(
            {"CIVILITY": CIVILITY, "NAME": NAME}
        ),
    )
    for rule in phrasings.table("role")
)

# a signature's name: a first name then a surname in capitals ("Daniel JUGY", "Anne-Sophie X"), or
# the surname first ("JUGY Daniel"); a word of one letter or a civility ends it ("Dr. Xavier X M.
# Marc Y": the secretary's column beside the chair's)
SIGNED_WORD_RE = re.compile(rf"[{UPPER}][{UPPER}{LOWER}'’\-]*[{UPPER}{LOWER}]")
# lines between the title and the name that hold no word: a scan's stamp or stroke ("e—— = =.", "(")
NO_WORD_LINE_RE = re.compile(
    rf"[^\S\n]*(?:[^{UPPER}{LOWER}\n]|[{UPPER}{LOWER}](?![{UPPER}{LOWER}]))*\n"
)
SIGNATURE_GAP_LINES = 4


def signed_at(text: str, position: int) -> Found | None:
    """The person who signs under a title read up to ``position``: on the same line, else on the
    first line with a word after it (blank lines and a scan's strokes skipped). When the title's
    line holds a second column ("Le maire, Le secrétaire de séance,"), the names' line holds two
    persons and the first is taken. A signature is a first name and a surname in capitals, or
    nobody."""
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    if text[position:line_end].strip():
        same_line = _signed_line(text, position, line_end, two_columns=False)
        if same_line is not None:
            return same_line
    two_columns = bool(text[position:line_end].strip())
    start = line_end + 1
    for _ in range(SIGNATURE_GAP_LINES):
        gap = NO_WORD_LINE_RE.match(text, start)
        if not gap:
            break
        start = gap.end()
    if start >= len(text):
        return None
    end = text.find("\n", start)
    return _signed_line(text, start, len(text) if end < 0 else end, two_columns=two_columns)


def _signed_line(text: str, start: int, end: int, *, two_columns: bool) -> Found | None:
    """The first person of the signatures' line ``text[start:end]``."""
    line = text[start:end]
    civility = CIVILITY_RE.match(line)
    offset = civility.end() if civility else len(line) - len(line.lstrip())
    words: list[tuple[int, int]] = []
    for token in re.finditer(r"\S+", line[offset:]):
        word = token.group().rstrip(",;")
        if not SIGNED_WORD_RE.fullmatch(word):
            break
        words.append((offset + token.start(), offset + token.start() + len(word)))
    kept = _one_person([line[a:b] for a, b in words], two_columns)
    if len(kept) < 2 or not any(_is_upper(w) and len(w) > 1 for w in kept):
        return None
    if any(w in NOT_NAMES for w in kept):
        return None
    name = clean_name(" ".join(kept))
    if not name:
        return None
    return person_found(name, start + words[0][0], start + words[len(kept) - 1][1])


def _one_person(words: list[str], two_columns: bool) -> list[str]:
    """The first person of a signatures' line: the words up to where the case turns back
    ("Daniel JUGY Louis DERUMAUX": a first name after a surname starts the next person). Beside a
    second column a surname of two words in capitals is the chair's surname and the secretary's
    ("Xavier POLI GUGLIELMI", the secretary's first name lost): its first word is kept."""
    if not words:
        return []
    surname_first = _is_upper(words[0])
    kept = [words[0]]
    for word in words[1:]:
        upper = _is_upper(word)
        last_upper = _is_upper(kept[-1])
        if surname_first and last_upper is False and upper:
            break  # "JUGY Daniel DERUMAUX"
        if not surname_first and last_upper and not upper:
            break  # "Daniel JUGY Louis"
        kept.append(word)
    if two_columns and not surname_first and len(kept) == len(words):
        capitals = [w for w in kept if _is_upper(w)]
        if len(capitals) >= 2:
            kept = kept[: len(kept) - len(capitals) + 1]
    return kept


def find_role(text: str, role: str, *, fallback: bool = True) -> Found | None:
    """The first person named in ``role`` (rapporteur, president, secretary); a fallback rule (the
    chair's signature) only when no other rule names anyone, and with ``fallback`` only."""
    best: Found | None = None
    for last_resort in (False, True) if fallback else (False,):
        for rule in ROLE_RULES:
            if rule.role != role or rule.fallback != last_resort:
                continue
            if rule.cue is not None and not rule.cue.search(text):
                continue  # no match can end on a cue the text does not hold
            for match in rule.pattern.finditer(text):
                if rule.fallback:
                    person = signed_at(text, match.end())
                elif rule.person_before:
                    person = person_at(text, match.start())
                else:
                    person = person_at(text, match.end())
                if person and (best is None or person.start < best.start):
                    best = person_found(person.value, person.start, person.end, rule.name)
                    break
        if best is not None:
            break
    if best is not None:
        best = person_found(usual_spelling(best.value, text), best.start, best.end, best.rule_id)
    return best


SURNAME_MIN_LETTERS = 4  # a shorter surname one letter away from another is likely someone else


def _one_letter_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


@functools.lru_cache(maxsize=32)  # asked for the same few people by every deliberation of a text
def usual_spelling(name: str, text: str) -> str:
    """The spelling the text gives a person most often: an OCR engine misreads one letter of a
    name once ("Anne DUPONT" in the preamble) and reads it right elsewhere ("Présents : Anne
    DURONT", "procuration à Anne DURONT"). Only a first name then a surname in capitals, the same
    first name, the surname one letter apart: two members that alike are not two people."""
    words = name.split()
    if len(words) >= 2 and len(words[-1]) == 1 and _is_upper(words[-2]) and len(words[-2]) > 1:
        # "COCHA T": a surname's last letter split off by OCR, when the text spells it whole
        joined = words[-2] + words[-1]
        if re.search(rf"(?<![{UPPER}{LOWER}]){re.escape(joined)}(?![{UPPER}{LOWER}])", text):
            return " ".join([*words[:-2], joined])
    if len(words) < 2 or not _is_upper(words[-1]) or len(words[-1]) < SURNAME_MIN_LETTERS:
        return name
    first, surname = " ".join(words[:-1]), words[-1]
    spelt = re.compile(
        rf"(?<![{UPPER}{LOWER}]){re.escape(first)}[ \t]+([{UPPER}]{{{len(surname)}}})(?![{UPPER}{LOWER}])"
    )
    counts: dict[str, int] = {}
    for match in spelt.finditer(text):
        if match.group(1) == surname or _one_letter_apart(match.group(1), surname):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    best = max(counts, key=lambda spelling: counts[spelling], default=surname)
    if best != surname and counts[best] > counts.get(surname, 0):
        return f"{first} {best}"
    return name


def respelled(person: Found | None, text: str) -> Found | None:
    """``person`` named with the spelling the whole ``text`` gives them most often.

    A person found in one part of a text (the chair, in the preamble) is spelled as that part
    spells them; when OCR misread their name there ("sous la présidence de Monsieur Paul
    LOBIN") and the preamble is cut short before the attendance spells it again, only the whole
    text says which spelling is the usual one."""
    if person is None:
        return None
    return person_found(
        usual_spelling(person.value, text), person.start, person.end, person.rule_id
    )


# who presents an item in minutes: "Monsieur VENDERBURE donne lecture du rapport suivant",
# "passe la parole à Madame Emmanuelle LEMAITRE qui présente", "Monsieur le Maire rappelle"
# (also in the past tense of minutes written after the séance: "Monsieur le Maire a ensuite rappelé")
PRESENTING_VERBS = (
    rf"(?:{lexicon.pattern('presenting_verb')}|{lexicon.pattern('presenting_verb_past')})"
)
# ("donne ensuite la parole à M. X"; "donne la parole Madame X", the "à" left out before a civility)
GIVES_FLOOR_RE = re.compile(
    r"\b(?:(?:passe|donne|cède)(?:\s+(?:ensuite|alors|maintenant|également|enfin))?\s+la\s+parole"
    r"|la\s+parole\s+est\s+(?:donnée|passée|cédée))"
    rf"\s+(?:à\s+|(?=(?-i:{CIVILITY})\s))",
    re.IGNORECASE,
)
# an office a member holds, opening the title written after their name; an ordinal's superscript
# set on a line of its own by the text layer ("Jean-Pierre X, 1\ner adjoint délégué à la voirie,
# expose": PDFs of ten bodies of the real set split "1er", "4ème" so)
OFFICE = (
    r"(?i:pr[ée]sident|vice-pr[ée]sident|adjoint|maire-adjoint|maire\s+d[ée]l[ée]gu|conseill[eè]r"
    r"|d[ée]l[ée]gu[ée]|rapporteu|membre\s+d|premi[eè]re?\s+adjoint"
    r"|\d+[ \t]*\n?[ \t]*(?:er|[eè]re?|[eè]me)\s+adjoint)"
)
# between who speaks and the verb: a title between commas ("M. X, adjoint aux finances, présente"),
# or a lone comma ("Le Maire, rappelle"); a longer title opening on an office, up to the comma before
# the verb ("M. X, Président de la commission travaux de voirie, bâtiments communaux, réseaux
# assainissement, eau et électricité, présente", its first comma sometimes left out)
# a participle clause between commas, over a line's end: "Monsieur le Maire, après avoir expliqué aux
# membres du Conseil le calcul des taxes locales, propose" (registers of communes)
SPEAKER_APPOSITION = (
    rf"\s*(?:,[^,\n]{{1,60}},\s*|,?\s*{OFFICE}[^.:]{{0,200}}?,\s*"
    r"|,\s*(?i:après\s+avoir)\s[^.,;:]{1,150},\s*|,\s*)?"
)
# a sentence may open on a connective before its subject: "En conséquence, M. le Maire propose",
# "Ainsi, Monsieur le Maire expose"
# the start of a line or of a sentence; a scan's table rule read as "|" before the words ("| Monsieur le
# Maire présente au Conseil …", a scanned register of 2022 in the real set); the top of a page (after
# the document's page separator, "…2014/2015\f Mme X indique les projets": every paginated body)
SENTENCE_OPENING = r"(?:^|(?<=[\n\f.:;]))[ \t]*(?:\|[ \t]*)?"
OPENING_CONNECTIVE = (
    r"(?:(?:En\s+conséquence|Par\s+conséquent|Ainsi|Aussi|Dès\s+lors|De\s+plus|Enfin|Puis|Ensuite"
    r"|Par\s+ailleurs|En\s+outre|Dans\s+ce\s+cadre|À\s+cet\s+effet|A\s+cet\s+effet)\s*,\s*)?"
)
# the speaker opens a sentence, or follows a comma with a civility ("Monsieur X, Maire, étant absent,
# monsieur Philippe Y, Président de la commission des finances, présente les résultats"; "Dans le
# cadre de la manifestation …, madame Z expose à l'Assemblée")
PRESENTER_RE = re.compile(
    rf"(?:{SENTENCE_OPENING}{OPENING_CONNECTIVE}|(?<=,)[ \t]*\n?[ \t]*(?={RUNNING_CIVILITY}\s))"
    rf"(?P<who>{CIVILITY_OR_NONE}{NAME}){SPEAKER_APPOSITION}{PRESENTING_VERBS}\b",
    re.UNICODE | re.MULTILINE,
)
# the title first, the name between commas: "L'adjoint aux finances, M. Paul VIDAL, présente", "Le rapporteur,
# Mme X, expose"
TITLE_THEN_PRESENTER_RE = re.compile(
    rf"(?:^|(?<=[\n\f.:;]))[ \t]*(?:{CIVILITY}\s+)?(?:[Ll]['’]\s*(?i:adjointe?|élue?)|[Ll][ea]\s+(?i:rapporteure?|vice-présidente?|conseill[eè]re?))"
    rf"[^,\n]{{0,60}},\s*(?P<who>(?:{CIVILITY}{AFTER_CIVILITY})?{NAME})\s*,\s*{PRESENTING_VERBS}\b",
    re.UNICODE | re.MULTILINE,
)
# "Ayant entendu les explications de Madame/Monsieur le Maire", "Sur proposition du Maire", "sur le
# rapport de Madame la Présidente", "ouï l'exposé du Maire", "Rapporteur : Monsieur le Maire": the chair
# presented the item
# ("ayant entendu l'exposé de son Maire", "Le Conseil … Adopte la proposition de son Maire" / "ADOPTE la
# proposition du Maire": the council's own chair, in a Corsican town's comptes-rendus of 2024 and 2025,
# one in-sample body, the possessive of the registers' "Autorise son Maire à signer")
CHAIR_EXPLAINED_RE = re.compile(
    r"(?:(?i:entendu|ouï)\s+(?:les\s+explications|l['’]exposé|le\s+rapport|la\s+présentation)"
    r"|(?i:sur\s+le\s+rapport|sur\s+(?:la\s+)?proposition)"
    rf"|(?i:{lexicon.pattern('decision_verb')})\s+(?i:la\s+proposition))"
    rf"\s+(?:de\s+{CIVILITY}(?:\s*/\s*{CIVILITY})?\s+l[ea]|du|(?i:de\s+son|de\s+sa))\s+(?i:maire|pr[ée]sidente?)\b"
    # "Rapporteur : Monsieur le Maire", "Rapporteur : Le Président" (EPCI minutes write the title alone)
    rf"|(?i:\brapporteur(?:e)?\s*[:\-–]\s*(?:{CIVILITY}\s+)?l[ea]\s+(?:maire|pr[ée]sidente?)\b"
    r"(?!\s+(?:de|du|des|d['’])\s))"
    # "Monsieur le Maire, rapporteur, retrace le déroulement de la consultation" (whatever the verb)
    rf"|{CIVILITY}\s+l[ea]\s+(?i:maire|pr[ée]sidente?)\s*,\s*(?i:rapporteu(?:re?|se))\b",
    re.UNICODE,
)
# "Après avoir entendu l'exposé de Monsieur X", "ouï le rapport de Mme Y": a member presented the item
MEMBER_EXPLAINED_RE = re.compile(
    r"(?i:entendu|ouï)\s+(?i:les\s+explications|l['’]exposé|le\s+rapport|la\s+présentation)"
    rf"\s+(?i:de)\s+(?P<who>{CIVILITY}{AFTER_CIVILITY}{NAME})",
    re.UNICODE,
)
# the chair named by the commune it heads: "Mr le Maire de la commune nouvelle présente les résultats"
# (a commune nouvelle's minutes, the délégués' CAs read by its maire), "Monsieur le Maire de la Ville
# expose"; not "le Président de la commission"
CHAIR_OF_COMMUNE = r"(?:\s+(?i:de\s+la\s+(?:commune|ville)(?:\s+nouvelle)?))?"
# the chair presents: opening a sentence, or after a comma ("Mme X, Maire délégué, étant absente,
# Mr le Maire de la commune présente les résultats")
CHAIR_PRESENTS_RE = re.compile(
    rf"(?:{SENTENCE_OPENING}{OPENING_CONNECTIVE}|(?<=,)[ \t]*\n?[ \t]*(?={CIVILITY}\s))"
    rf"(?:{CIVILITY}\s+(?:le|la)\s+(?i:maire|pr[ée]sidente?){CHAIR_OF_COMMUNE}|Le\s+(?i:maire|pr[ée]sident)|La\s+(?i:pr[ée]sidente))"
    rf"{SPEAKER_APPOSITION}{PRESENTING_VERBS}\b",
    re.UNICODE | re.MULTILINE,
)


@dataclass(frozen=True)
class Presenter:
    """Who presents an item: a person named, or the chair of the séance."""

    person: Found | None
    chair: bool
    start: int
    end: int


# the council deciding: who speaks after it explains a vote or debates, and presents nothing
DELIBERATED_RE = re.compile(lexicon.pattern("deliberated"), re.IGNORECASE)


def find_presenter(text: str, voted: int | None = None) -> Presenter | None:
    """The first person the minutes show presenting the item (or the chair doing so), before the
    decision: the deliberative formula, or ``voted``, where the vote cast is first read (minutes
    that print "Vote : Pour : 16, Abstentions : 3" and no formula, a member heard after it
    explaining their abstention)."""
    given: Presenter | None = None
    given_at = len(text)
    floor = GIVES_FLOOR_RE.search(text, 0, len(text) if voted is None else voted)
    if floor and (person := person_at(text, floor.end())):
        given = Presenter(person, False, person.start, person.end)  # the floor given to a member
        # it counts from the start of its sentence: "Madame le Maire rappelle que … et passe la
        # parole à Mme X qui présente" is X's presentation, the chair only opening it
        stops = [text.rfind(stop, 0, floor.start()) for stop in (". ", "\n\n")]
        given_at = max((i + 2 for i in stops if i >= 0), default=0)
    deliberated = DELIBERATED_RE.search(text)
    decision = deliberated.start() if deliberated else len(text)
    if voted is not None:
        decision = min(decision, voted)
    found: list[Presenter] = []
    for rule in (PRESENTER_RE, TITLE_THEN_PRESENTER_RE, MEMBER_EXPLAINED_RE):
        for named in rule.finditer(text, 0, decision):
            person = person_at(text, named.start("who"))
            if person and (
                len(person.value.split()) > 1 or RUNNING_CIVILITY_RE.match(named.group("who"))
            ):
                found.append(Presenter(person, False, person.start, person.end))
                break
    chairs = [
        m
        for m in (CHAIR_PRESENTS_RE.search(text, 0, decision), CHAIR_EXPLAINED_RE.search(text))
        if m
    ]
    if chairs:
        chair = min(chairs, key=lambda m: m.start())
        found.append(Presenter(None, True, chair.start(), chair.end()))
    # whoever speaks first: a member heard later in the debate ("M. X rappelle que …") does not
    # take the item from the chair who opened it
    first = min(found, key=lambda p: p.start) if found else None
    if given is not None and (first is None or given_at <= first.start):
        return given
    return first


# "par Yves Nicolin, Président.", "Philippe DUBOURG, Maire.": the chair named with the title
# A président of a commission or an association is someone else, never the séance's chair:
# minutes of communes and EPCI hand the floor to "Mme X, Présidente de la commission urbanisme"
# or thank "M. Y, président de l'association des parents d'élèves" in their preamble.
OTHER_PRESIDENCY = (
    rf"\s+(?i:de\s+la|du|des|de\s+l['’]|d['’])\s*"
    rf"(?:{lexicon.pattern('advisory_body')}|(?i:associations?|amicale|club|comité))\b"
)
# the title after a comma, or in brackets in an attendance list ("Présents : M. Jean X (Maire), Mme Y
# (adjointe)"); not a maire adjoint, délégué or honoraire, nor a vice-président
TITLED_CHAIR_RE = re.compile(
    rf"(?P<who>(?:{CIVILITY}{AFTER_CIVILITY})?{NAME})\s*(?:,|\()\s*(?:Président|Présidente|Maire|PRÉSIDENT|MAIRE)\b"
    rf"(?![\s\-]*(?i:adjoint|délégu|deleg|honoraire|suppl))"
    rf"(?!\s+(?:de|d['’]|du)\s+[A-Z])(?!{OTHER_PRESIDENCY})",
    re.UNICODE,
)


def find_titled_chair(text: str) -> Found | None:
    """The person the preamble names with the title of the chair, when no "sous la présidence"."""
    for match in TITLED_CHAIR_RE.finditer(text):
        person = person_at(text, match.start("who"))
        if person and len(person.value.split()) > 1:
            return person
    return None


# The maire presides the conseil municipal (art. L.2121-14 CGCT): minutes that print no "sous la
# présidence" and no titled chair in their preamble still name the maire with the title somewhere,
# "monsieur Paul X, Maire, quitte momentanément la salle", "Monsieur Paul X, maire de <la commune>,
# remercie les bénévoles" (a commune nouvelle's PV of 2023 and 2024 in the real set; "Monsieur Gérard
# X, Maire, déclare la séance ouverte" in communes' minutes of the stored pages). Not a maire délégué,
# adjoint or honoraire, nor the maire of another commune ("M. Y, maire de Z" in a community's minutes).
NAMED_MAYOR_RE = re.compile(
    rf"(?P<who>{RUNNING_CIVILITY}{AFTER_CIVILITY}{NAME})\s*,\s*(?i:maire)\b"
    rf"(?![\s\-]*(?i:délégu|deleg|adjoint|honoraire|suppl))"
    rf"(?:\s+(?i:de\s+la\s+(?:commune|ville)\b|(?P<of>de|d['’]|du)\s*(?P<place>[{UPPER}][^,.;\n]{{0,60}})))?",
    re.UNICODE,
)


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in folded if not unicodedata.combining(c)))


# where the minutes say they were made: the commune ("Fait à Putanges, le 12 septembre 2023")
MADE_AT_RE = re.compile(
    rf"\b(?i:fait|délibéré)(?:\s+et\s+(?i:délibéré))?\s+(?:à|en)\s+(?P<place>[{UPPER}][^,\n]{{1,60}}),"
)
# the chair as the minutes call it: "Monsieur le Maire", "M. le Président"
MAYOR_CALLED_RE = re.compile(rf"\b{CIVILITY}\s+le\s+(?i:maire)\b")
PRESIDENT_CALLED_RE = re.compile(rf"\b{CIVILITY}\s+l[ea]\s+(?i:pr[ée]sidente?)\b")


def find_named_mayor(text: str, authority: str | None, whole: str | None = None) -> Found | None:
    """The maire of the commune, named with the title anywhere in the minutes (see NAMED_MAYOR_RE),
    when the minutes call their chair "le Maire" (not "le Président": a community's minutes name
    the maires of its communes) and every such mention names the same person; the place after
    "maire de" must be the authority, or where the minutes were made when the authority is not
    known (read in ``whole``, the whole text, when ``text`` is part of it)."""
    if len(MAYOR_CALLED_RE.findall(text)) <= len(PRESIDENT_CALLED_RE.findall(text)):
        return None
    places = [_plain(authority).strip()] if authority else []
    places += [_plain(m.group("place")).strip() for m in MADE_AT_RE.finditer(whole or text)]
    found: Found | None = None
    for match in NAMED_MAYOR_RE.finditer(text):
        place = match.group("place")
        if place and not any(p and _plain(place).startswith(p) for p in places):
            continue
        person = person_at(text, match.start("who"))
        if person is None or len(person.value.split()) < 2:
            continue
        if found is not None and _plain(found.value) != _plain(person.value):
            return None  # two maires: not this rule's to choose
        found = found or person
    return found


def find_chair(scope: str, authority: str | None, whole: str, preamble_chars: int) -> Found | None:
    """Who presides the séance, read in ``scope`` (a part of ``whole``, the text): a phrasing that
    names the chair ("sous la présidence de", "Président de séance :"); else the person the
    preamble (its first ``preamble_chars``) names with the chair's title; else the maire named with
    the title anywhere. Spelled as the whole text spells them most often (OCR misreads names).
    When none names the chair, the signature under the minutes may (:func:`find_signed_chair`)."""
    return respelled(
        find_role(scope, "president", fallback=False)
        or find_titled_chair(scope[:preamble_chars])
        or find_named_mayor(scope, authority, whole),
        whole,
    )


def find_signed_chair(text: str, start: int = 0) -> Found | None:
    """The chair signing the minutes under its title ("Le maire, / Daniel X"): the last resort of
    :func:`find_chair`, read from ``start`` (where the last item begins: the signature follows it
    and the questions diverses after it; a box "Le Maire / Mme X / est nommée secrétaire" in a
    preamble is no signature) to the end of the text."""
    if find_role(text, "president", fallback=False) is not None:
        return None  # a phrasing names the chair: not the signature's to say
    signed = find_role(text[start:], "president")
    if signed is None:
        return None
    return respelled(
        person_found(signed.value, start + signed.start, start + signed.end, signed.rule_id), text
    )


# The chair leaves the room for one vote (the compte administratif, art. L.2121-14 CGCT): "Monsieur le
# Maire s'étant retiré", "Madame le maire quitte la séance", "Hors de la présence de Madame le Maire",
# "En l'absence de Monsieur le Maire, le Conseil …". Someone else presides that deliberation.
# the title alone: "le président de l'association" is someone else
CHAIR_TITLE = (
    rf"(?:{CIVILITY}\s+[Ll][ea]\s+|[Ll][ea]\s+|(?i:du)\s+)(?i:maire|pr[ée]sidente?)\b"
    r"(?!\s+(?i:de|du|des|d['’]))"
)
# the chair hands the chair over: "Monsieur le Maire cède la présidence à Mme X et sort de la salle",
# "laisse la présidence à M. Y pour le vote du compte administratif"
HANDS_OVER = r"(?i:cède|laisse|confie|passe|transmet|donne)\s+la\s+présidence(?:\s+de\s+(?:la\s+)?séance)?\s+à"
LEAVES = (
    r"(?i:s['’]étant\s+retirée?|se\s+retire|(?:ayant\s+)?quitt[ée]\s+la\s+(?:salle|séance)"
    r"|sort\s+de\s+la\s+salle|étant\s+sortie?|étant\s+absente?)"
)
# the chair named by name and title, the title of the séance's chair (not a "maire délégué", "maire
# adjoint" nor the président of a commission): "Monsieur Jean DUPONT, Maire de la commune de X, étant
# absent, M. Y présente le compte administratif", "M. Paul MARTIN, Président, s'étant retiré"
# (registers of communes and communes nouvelles for the compte administratif, art. L.2121-14 CGCT)
NAMED_CHAIR = (
    rf"{CIVILITY}{AFTER_CIVILITY}{NAME}\s*,\s*(?i:maire|présidente?)\b"
    rf"(?![\s\-]*(?i:délégu|adjoint|honoraire))(?!{OTHER_PRESIDENCY})"
)
CHAIR_AWAY_RE = re.compile(
    rf"{CHAIR_TITLE}\s*(?:,[^,\n]{{1,60}},\s*)?(?={HANDS_OVER})"
    rf"|(?i:en\s+l['’]absence|hors\s+(?:de\s+)?la\s+présence)\s+(?:de\s+)?{CHAIR_TITLE}"
    rf"|{CHAIR_TITLE}\s*(?:,[^,\n]{{1,60}},\s*)?{LEAVES}"
    rf"|{NAMED_CHAIR}(?:\s+(?i:de|du|d['’])[^,.;\n]{{1,60}})?\s*,?\s*{LEAVES}",
    re.UNICODE,
)
# who takes the chair, named just after it leaves: "…, Madame MALARD demande au Conseil de voter",
# "Monsieur PAPIN, premier adjoint, propose aux membres", "M. X, doyen d'âge, prend la présidence",
# "la présidence est assurée par Mme Y"
ACTING_CHAIR_RES = (
    re.compile(
        rf"(?P<who>{CIVILITY}{AFTER_CIVILITY}{NAME})\s*(?:,[^,\n]{{1,60}},\s*)?(?:propose|demande|met\s+aux\s+voix|soumet"
        r"|invite|prend\s+la\s+présidence|préside|assure\s+la\s+présidence)\b",
        re.UNICODE,
    ),
    re.compile(
        rf"(?:{HANDS_OVER}|(?i:présidence\s+(?:est\s+|étant\s+)?(?:assurée|confiée)\s+(?:par|à)|présidée?\s+par|sous\s+la\s+présidence\s+de))\s+"
        # the civility also in lower case after "à" / "par": "cède la présidence à madame X"
        rf"(?P<civ>(?i:{CIVILITY})){AFTER_CIVILITY}(?P<who>{NAME})",
        re.UNICODE,
    ),
)
# a président de séance elected earlier in the séance for that vote: "ÉLIT Madame X, adjointe au maire,
# pour présider la séance", "M. Y est désigné président de séance"
SEANCE_CHAIR_ELECTED_RES = (
    re.compile(
        rf"(?i:élit|désigne)\s+(?P<who>{CIVILITY}{AFTER_CIVILITY}{NAME})\s*(?:,[^,\n]{{1,60}},\s*)?"
        r"(?i:pour\s+présider|(?:comme|en\s+qualité\s+de)\s+président(?:e)?\s+de\s+séance)",
        re.UNICODE,
    ),
    re.compile(
        rf"(?P<who>{CIVILITY}{AFTER_CIVILITY}{NAME})\s*(?:,[^,\n]{{1,60}},\s*)?(?:est|a\s+été)\s+(?:élue?|désignée?)\s+"
        r"(?i:pour\s+présider|président(?:e)?\s+de\s+(?:la\s+)?séance)",
        re.UNICODE,
    ),
)


@dataclass(frozen=True)
class ChairAway:
    """The chair of the séance does not preside this deliberation; who does, when the text names them."""

    person: Found | None


WHITE_OR_STOP_RE = re.compile(r"[\s.;!?\f]*")


def _next_sentence_end(text: str, offset: int) -> int:
    """The end of the sentence after the one holding ``offset`` (who takes the chair is named in
    the sentence where the chair leaves, or in the next one)."""
    stop = units.sentence_end(text, offset)
    following = WHITE_OR_STOP_RE.match(text, stop).end()
    return units.sentence_end(text, following) if following < len(text) else stop


def find_chair_away(text: str, start: int, end: int) -> ChairAway | None:
    """Whether the chair left for the deliberation in ``text[start:end]``, and who took the chair.

    The stand-in is read after the chair leaves, else is the président de séance elected earlier in
    the séance ("élit Mme X pour présider la séance"); unnamed ("élit un président de séance"), None.
    Offsets are in ``text``.
    """
    away = CHAIR_AWAY_RE.search(text, start, end)
    if not away:
        return None
    window = min(end, _next_sentence_end(text, away.end()))
    for rule in ACTING_CHAIR_RES:
        match = rule.search(text, away.end(), window)
        if match and (person := person_at(text, match.start("who"))):
            return ChairAway(person)
    elected: Found | None = None
    for rule in SEANCE_CHAIR_ELECTED_RES:
        for match in rule.finditer(text, 0, start):
            person = person_at(text, match.start("who"))
            if person and (elected is None or person.start > elected.start):
                elected = person
    return ChairAway(elected)


# the assembly has decided the item: the deliberative formula, a vote's outcome, or a line of the
# dispositif opening on its verb in capitals ("DECLARE que …", "- DÉCIDE de …")
DECIDED_RE = re.compile(
    rf"{lexicon.pattern('deliberated')}|(?i:\bunanimit[ée])|\b{lexicon.pattern('adopted_word')}\b"
    # a line of the dispositif opening on its verb in capitals ("DÉCIDE", "DÉCLARE", "PREND ACTE")
    rf"|^[ \t\-–•]*(?=[A-ZÉÈ]{{3}})(?i:{lexicon.pattern('decision_verb')})\b"
    # a bulleted line of the dispositif, the verb in any case, plural when the members decide
    rf"|^[ \t]*[-–•➢✓▪►][ \t]*(?i:{lexicon.pattern('decision_verb')})(?:nt)?\b"
    # the assembly deciding in running text: "Le conseil municipal vote les taux", "le Conseil
    # Municipal, à l'unanimité, décide"
    rf"|\b(?i:{lexicon.assembly_pattern()})\b[^.\n]{{0,40}}?\b(?i:{lexicon.pattern('decision_verb')})(?:nt)?\b"
    # a line of the dispositif opening on its verb with a capital ("Décide d'affecter le résultat",
    # "Donne pouvoir à Monsieur le Maire", "Fixent le prix"), not a title opening on "Vote"
    rf"|^[ \t]*(?=[A-ZÉÈ][a-zéèê])(?!(?i:vote)\b)(?i:{lexicon.pattern('decision_verb')})(?:nt)?[ \t]",
    re.UNICODE | re.MULTILINE,
)


# a member explaining their vote on the item just decided: "M. X indique voter contre ce budget car
# …", "Mme Y précise qu'elle s'abstient"
EXPLAINS_VOTE_RE = re.compile(
    r"[^.\n]*?(?i:\bvot(?:er|e|é|ent)\s+(?:contre|pour)\b|s['’]abst(?:ien|enir|enu))", re.UNICODE
)
EXPLAINS_VOTE_REACH = 200


def handover_start(text: str, start: int, end: int) -> int | None:
    """Where the span ``text[start:end]`` of an item, once the assembly decided it, goes on to
    hand the floor for the NEXT item, before that item's heading: "… n'appelle ni observation ni
    réserve. / Monsieur le Maire donne la parole à Mme X, … comme suit ; / 15. TITRE" (the
    presenter written before the heading: communes' minutes typed as running text, where the
    heading only titles what the member then reads out). None when no one is named after the
    decision, or nothing was decided. The offset is the start of the line naming the presenter."""
    decisions = list(DECIDED_RE.finditer(text, start, end))
    if not decisions:
        return _undecided_handover(text, start, end)
    after = decisions[-1].end()
    hits = [m.start() for m in GIVES_FLOOR_RE.finditer(text, after, end)]
    hits += [m.start() for m in PRESENTER_RE.finditer(text, after, end)]
    hits += [m.start() for m in MEMBER_EXPLAINED_RE.finditer(text, after, end)]
    # the chair opening the next item ("… vote les taux. / Monsieur le Maire indique que pour
    # l'examen des subventions … / 42. SUBVENTIONS")
    hits += [m.start() for m in CHAIR_PRESENTS_RE.finditer(text, after, end)]
    for hit in sorted(hits):
        if EXPLAINS_VOTE_RE.match(text, hit, min(end, hit + EXPLAINS_VOTE_REACH)):
            continue  # "M. X indique voter contre …": the item just voted, explained
        line = text.rfind("\n", after, hit) + 1 or after
        if find_presenter(text[line:end]) is not None:
            return line
    return None


PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
PARAGRAPH_MIN_WORDS = 3  # fewer: a page's number or footer, not the item's paragraph


def _undecided_handover(text: str, start: int, end: int) -> int | None:
    """(One body in the real set writes so: a commune nouvelle's minutes.) An item whose decision the minutes do not print (a table of subsidies, the results of a
    compte administratif read out) may still end on the floor handed for the NEXT item: "Monsieur
    le Maire demande à l'Assemblée de voter le budget primitif et donne la parole à Madame X pour
    donner lecture des différents chapitres : / 43. VOTE DU BUDGET PRIMITIF" (a commune nouvelle's
    minutes typed as running text, the presenter written before the heading). Only the floor
    handed in the item's last paragraph, after at least two others (its heading and its matter),
    and to someone named."""
    breaks = [m.end() for m in PARAGRAPH_BREAK_RE.finditer(text, start, end)]
    paragraphs = [
        (a, b) for a, b in zip([start, *breaks], [*breaks, end], strict=True) if text[a:b].strip()
    ]
    while paragraphs and len(WORD_RE.findall(text[slice(*paragraphs[-1])])) < PARAGRAPH_MIN_WORDS:
        paragraphs.pop()
    if len(paragraphs) < 3:
        return None
    last, last_end = paragraphs[-1]
    floor = GIVES_FLOOR_RE.search(text, last, last_end)
    if floor is None or person_at(text, floor.end()) is None:
        return None
    return last


def handed_over(text: str, start: int, end: int, carried: Found | None) -> Found | None:
    """Who presents a run of items after the floor was handed once before the first of them
    ("… donne la parole à Mme X qui donne lecture de l'affectation du résultat pour chaque
    commune historique : / 19. … / 20. …"): the member handed the floor in ``text[start:end]``
    (see :func:`handover_start`), else ``carried`` from the items before, while the item in the
    span shows no presenter of its own; one that does takes the run over (None: the chair)."""
    presenter = find_presenter(text[start:end])
    if presenter is None:
        return carried
    return presenter.person


MATTER_WORD_RE = re.compile(rf"[{UPPER}{LOWER}]{{4,}}")
SAME_MATTER_WORDS = 2


def same_matter(first: str, title: str) -> bool:
    """Whether two items' titles are on the same matter, one of a series ("COMMUNE A - AFFECTATION
    DU RESULTAT 2015", "COMMUNE B - AFFECTATION DU RESULTAT 2015"): they share two words of four
    letters or more, whatever their case."""
    words = {w.lower() for w in MATTER_WORD_RE.findall(first)}
    return len(words & {w.lower() for w in MATTER_WORD_RE.findall(title)}) >= SAME_MATTER_WORDS


def same_block(first: str, title: str) -> bool:
    """Whether two items are of one block, their titles opening the same way ("Vote des subventions
    aux associations – Judo" after "Vote des subventions aux associations", "VOTE DU BUDGET -
    ASSAINISSEMENT" after "VOTE DU BUDGET PRIMITIF 2022 – COMMUNE"): the same first two words of
    four letters or more, whatever their case and accents. Not two items that only share words
    ("Raccordement au réseau d'assainissement collectif", "Participation à l'assainissement
    collectif")."""
    opening = [_plain(w) for w in MATTER_WORD_RE.findall(first)[:SAME_MATTER_WORDS]]
    return len(opening) == SAME_MATTER_WORDS and opening == [
        _plain(w) for w in MATTER_WORD_RE.findall(title)[:SAME_MATTER_WORDS]
    ]


def find_rapporteur(
    text: str,
    start: int,
    end: int,
    chair: Found | None = None,
    group: Found | None = None,
    lead_in: tuple[int, int] | None = None,
    voted: int | None = None,
) -> Found | None:
    """The rapporteur of the deliberation in ``text[start:end]`` (offsets in ``text``; ``voted``:
    where the vote cast on it is first read, see :func:`find_presenter`), the one
    reader of the field: "Rapporteur : X" in the item; else who the minutes show presenting it,
    the chair (``chair``, who presides the séance) when the chair presents; else who was given
    the floor just before its heading, after the previous item was decided (``lead_in``, see
    :func:`handover_start`); else the rapporteur named over the group of items it belongs to
    (``group``, see :func:`group_rapporteur`)."""
    scope = text[start:end]
    named = find_role(scope, "rapporteur")
    if named:
        return person_found(named.value, start + named.start, start + named.end, named.rule_id)
    if UNNAMED_RAPPORTEUR_RE.search(scope):
        return None  # "ayant entendu l'exposé de son rapporteur, …": someone the text does not name
    presenter = find_presenter(scope, None if voted is None else voted - start)
    if presenter is None and voted is not None and _vote_boxed_at_top(scope, voted - start):
        presenter = find_presenter(scope)
        if presenter is not None and EXPLAINS_VOTE_RE.match(
            scope, presenter.start, presenter.start + EXPLAINS_VOTE_REACH
        ):
            presenter = None  # "Vote : Pour : 16 / M. X indique qu'ils s'abstiennent": explained
    if presenter is None and lead_in is not None:
        before = find_presenter(text[lead_in[0] : lead_in[1]])
        if before is not None and before.person is None:
            # the chair opens the next item, then hands the floor before its heading ("Monsieur le
            # Maire indique que pour l'examen des subventions … / La parole est donnée à Madame X
            # qui expose les subventions ci-après : / 42. SUBVENTIONS"): the member presents it
            handed = _floor_handed_last(text, lead_in[0], lead_in[1])
            if handed is not None:
                before = Presenter(
                    handed, False, handed.start - lead_in[0], handed.end - lead_in[0]
                )
        if before is not None and before.person is not None:
            person = before.person
            return person_found(
                person.value, lead_in[0] + person.start, lead_in[0] + person.end, "presenter"
            )
        if before is not None and chair is not None:
            return person_found(
                chair.value, lead_in[0] + before.start, lead_in[0] + before.end, "chair"
            )
    if presenter is None:
        return group
    if presenter.person is not None:
        person = presenter.person
        return person_found(person.value, start + person.start, start + person.end, "presenter")
    if chair is not None:
        # the span is where the chair is shown presenting, the name is the chair's
        return person_found(chair.value, start + presenter.start, start + presenter.end, "chair")
    return None


def _floor_handed_last(text: str, start: int, end: int) -> Found | None:
    """The member the floor is handed to last in ``text[start:end]`` (offsets in ``text``)."""
    handed: Found | None = None
    for floor in GIVES_FLOOR_RE.finditer(text, start, end):
        person = person_at(text, floor.end())
        if person is not None and person.end <= end:
            handed = person
    return handed


# the item reported by a rapporteur the text does not name: "Le Conseil, ayant entendu l'exposé de son
# rapporteur, … Adopte la proposition de son Maire" (a town's comptes-rendus; the name, when given,
# is read by the role rule rapporteur_report_of): not the chair's report
UNNAMED_RAPPORTEUR_RE = re.compile(
    r"(?i:entendu|ouï)\s+(?i:l['’]exposé|le\s+rapport)\s+(?i:de\s+son\s+rapporteur)\b"
    rf"(?!\s*,?\s*(?:{CIVILITY})\s)",
    re.UNICODE,
)
VOTE_BOX_LINES = 3  # the vote read within the item's first lines: a box beside or above its text


def _vote_boxed_at_top(scope: str, voted: int) -> bool:
    """Whether the vote of an item is printed above its text, in its first lines ("Délibération n° :
    D202346 Objet … / A l'unanimité / Pour : 11 / Contre : 0 / Le Maire rappelle que …": a PV whose
    vote box, set beside the text, is read before it): then the vote does not end the presentation."""
    lines = [line for line in scope[:voted].splitlines() if line.strip()]
    return len(lines) < VOTE_BOX_LINES


def group_rapporteur(
    text: str,
    gap_start: int,
    gap_end: int,
    heading_rule: str | None,
    group: tuple[str | None, Found] | None,
) -> tuple[str | None, Found] | None:
    """The rapporteur over a group of items: named in a heading that stands between two items and
    opens sub-items ("QUESTION N° 9 – MOUVEMENTS DU PERSONNEL / Rapporteur : Mme X / A) … B) …").
    It holds for the items that follow under headings of the same kind, until a heading of
    another kind or another such heading. ``group`` is the group so far, as (kind of heading,
    rapporteur); the group for the item at ``gap_end`` is returned."""
    gap = text[gap_start:gap_end]
    named = find_role(gap, "rapporteur") if gap.strip() else None
    if named:
        person = person_found(
            named.value, gap_start + named.start, gap_start + named.end, named.rule_id
        )
        return (heading_rule, person)
    if any(len(WORD_RE.findall(line)) >= GAP_HEADING_WORDS for line in gap.splitlines()):
        return None  # another parent heading, naming no rapporteur (a page's footer is no heading)
    if group is not None and group[0] == heading_rule:
        return group
    return None


WORD_RE = re.compile(rf"[{UPPER}{LOWER}]{{2,}}")
GAP_HEADING_WORDS = 3
