"""Item headings in séance minutes: where an agenda item (and so a deliberation) may start.

Minutes number their items in many ways: "1. D2024 – 14 - Élection du président de séance",
"1/ ONF Etat d'assiette 2023 :", "2017/39 - PROJET …", "DEL2025-76 : Aides directes …",
"Délibération n° 2023-045 : …", "Objet : …", or a short dash line "- Approbation du compte de
gestion 2021" standing alone as a paragraph. Each rule is one line pattern; a heading is a
short line, not a sentence of the body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from deliberations.nlp import layout, lexicon, phrasings, units
from deliberations.nlp.number_form import normalize_number

MAX_HEADING_CHARS = 220


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the line
    end: int  # end of the heading's text (continuation lines included)
    title: str
    number: str | None
    rule: str
    position: int | None = None  # the item's place in the agenda ("3." -> 3), when numbered
    # the item's place in a numbering by levels ("1-1-2" -> (1, 1, 2); "3." -> (3,))
    outline: tuple[int, ...] = ()
    # a thematic part over items ("1 – FINANCES" over "1-1 : Subventions", "Point n° 1 : Finances"
    # over "25-04/031 — Vote des taux"): it opens no item of its own
    theme: bool = False


# first words of the numbered clauses of a decision, not of agenda items
DECISION_CLAUSE_WORDS = (
    "Statuant",
    "Considérant",
    "Constatant",
    "Vu",
    "Attendu",
    "Décide",
    "Approuve",
    "Autorise",
    "Dit",
    "Précise",
    "Charge",
    "Accepte",
    "Adopte",
    "Donne",
    "Prend",
    "Déclare",
    "Notifie",
    "Sollicite",
    "Mandate",
    "Valide",
    "Désigne",
    "Fixe",
    "Attribue",
    "Confie",
)
# an act number: a year (or the séance's date, "20240325") then one or two numbers ("2021-015",
# "DEL 2025-85", "2019-03-11-01", "20240325-01"); not a period of years ("2021-2026"); a dash OCR
# doubled in it ("20200217- -04") is one dash (DOUBLED_DASH_RE gives it back)
_CODE = (
    r"(?:[A-Z]{1,5}\s?)?(?:19|20)\d{2}(?:[01]\d[0-3]\d)?"
    r"(?:\s*(?:[-–][ \t]?[-–]|[-–/._])\s*(?!(?:19|20)\d{2}\b)\d{1,4}){1,3}(?:_[A-Z]{1,2}\b)?"
    r"(?![\d/])"
)
DOUBLED_DASH_RE = re.compile(r"(?<=\d)\s*([-–])[ \t]?[-–]\s*(?=\d)")
# the year in two digits, the month and the act's rank in the year ("24-04/046", "23.07.112"): the
# form of the spec's own example ("24-07/059"); not a date ("08/04/2024": the rank is no year, and
# has three or four digits)
_SHORT_CODE = (
    r"(?:[A-Z]{1,5}\s?)?\d{2}[-/.](?:0[1-9]|1[0-2])[-/.](?!(?:19|20)\d{2}\b)\d{3,4}(?![\d/])"
)
_ACT = rf"(?:{_CODE}|{_SHORT_CODE})"
_FRAGMENTS = {"ACT": _ACT, "DECISION_WORDS": "|".join(DECISION_CLAUSE_WORDS)}


@dataclass(frozen=True)
class HeadingRule:
    """One rule of ``phrasings/item_heading.toml``."""

    name: str
    regex: re.Pattern[str]
    strong: bool = False
    wraps: bool = False
    title_next_line: bool = False
    requires: str = ""


HEADING_TABLE: tuple[HeadingRule, ...] = tuple(
    HeadingRule(
        rule.id,
        re.compile(rule.expand(_FRAGMENTS), re.UNICODE),
        bool(rule.properties.get("strong")),
        bool(rule.properties.get("wraps")),
        bool(rule.properties.get("title_next_line")),
        str(rule.properties.get("requires", "")),
    )
    for rule in phrasings.table("item_heading")
)
# a line of the prefecture's stamp ("Envoyé en préfecture le …", "Affiché le …", "ID : 030-…") is no
# item's title, wherever OCR put it among the body's lines (the zone table's stamp rule)
STAMP_LINE_RE = re.compile(
    next(r for r in phrasings.table("zone") if r.id == "prefecture_stamp").expand({}),
    re.IGNORECASE | re.UNICODE,
)
# bullets a title may open with, as PDF text layers and OCR give them: a symbol font's glyph
# (U+0001, U+F0xx private use), "▪", "➢", "•", "Ø" …; they are no part of the title
LEADING_BULLET_RE = re.compile(
    r"^(?:[\x01-\x08\uf000-\uf0ff▪■□◆◇➢➤►▶●○•✓✔Ø*»]|«(?![^»]*»))+\s*(?=\S)"
)


def _without_bullet(title: str) -> str:
    """A title without the bullet it opens with ("▪ Désignation …" -> "Désignation …"); a
    quotation mark opening a quote closed further on stays."""
    return LEADING_BULLET_RE.sub("", title)


HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (r.name, r.regex) for r in HEADING_TABLE
)
#: headings that open an item by themselves; the others only tell apart votes under one item
STRONG_RULES = frozenset(r.name for r in HEADING_TABLE if r.strong)
LINE_RE = re.compile(r"(?:^|(?<=[\n\f]))[ \t]*(?P<line>[^\n\f]+)", re.UNICODE)
SUM_IN_TITLE_RE = re.compile(r"\d[\d \u00a0]*,\d{2}\b|\d\s?(?:€|k€|K€)|\beuros?\b", re.IGNORECASE)
NOT_TITLES_RE = re.compile(r"^(?:(?:pour|contre|abstentions?|votants?)\b|vote\s*:)", re.IGNORECASE)
# a line of a register's printed frame ("Date d'affichage", "Nombre de membres en exercice : 11",
# "Nombre de suffrages déclarés nuls …"), a table's header row ("Libellé de l'opération",
# "Reçues Demandées Proposées") or a decision verb alone on its line ("DECIDE :"): never an item's
# heading, whatever rule its shape matches (the lexicon's register_field, column_label, decision_verb);
# nor is a line of the extract's frame ("Département de X – Arrondissement de Y", "Maire de X"), nor a
# table's total row ("Total superficie 61 100 m2")
_CELL = lexicon.pattern("column_label")
FORM_LINE_RE = re.compile(
    rf"{lexicon.pattern('register_field')}\b"
    rf"|{lexicon.pattern('register_frame')}$"
    rf"|{lexicon.pattern('table_total')}\b"
    # the séance's own title: "Conseil Municipal du 12 décembre 2017", "Compte rendu du conseil …"
    rf"|(?:{lexicon.pattern('seance_record')}[ \t]+(?:(?i:de\s+la\s+s[ée]ance|du|de\s+la)[ \t]+)?)?"
    rf"(?i:du[ \t]+)?{lexicon.pattern('assembly')}[ \t]+(?i:du|en\s+date\s+du)[ \t]+"
    r"\d{1,2}(?:er)?[ \t]+\w+[ \t]+\d{4}[ \t]*$"
    rf"|{_CELL}(?:[ \t|/]+{_CELL})+[ \t|:]*$"
    r"|(?i:libell[ée]s?)\b"
    # the title of the séance's agenda, over the items it lists or the first item's theme ("Ordre du
    # iour" as OCR reads it)
    rf"|{lexicon.pattern('agenda')}[ \t]*:?[ \t]*$"
    rf"|{lexicon.pattern('decision_verb')}[ \t]*:?[ \t]*$",
    re.UNICODE,
)
OBJECT_PREFIX_RE = re.compile(r"^(?i:objet)\s*:\s*")
# the presenter named at the end of the item's title: "Vente d'une parcelle, Rapporteur M. Durand",
# "… – Rapporteur : Mme X" (the rapporteur is read apart; the subject is the title before it)
RAPPORTEUR_IN_TITLE_RE = re.compile(
    rf"\s*[,;–-]\s*(?i:rapporteure?)(?:\s*:\s*(?:{lexicon.pattern('civility')})?|\s+(?:{lexicon.pattern('civility')}))"
    r"\s*[^,;:]{1,60}$"
)
# a title goes on over the next lines while they start in lower case ("… et sollicitation de\nsubventions …")
# a title cut after a word that needs a next one ("… services culturels de\nRoannais Agglomération")
OPEN_ENDED_RE = re.compile(
    r"(?:\s(?:de|des|du|la|le|les|à|au|aux|et|pour|sur|avec|en|par)|\s[-–]|d['’]|l['’])$",
    re.IGNORECASE,
)
DASH_END_RE = re.compile(r"\s([-–])$")
# (not a line ending with a semicolon: the opening of a decision, "Le Conseil Municipal ;")
NEXT_TITLE_LINE_RE = re.compile(
    rf"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?!(?:Rapporteur|Vu|Consid[ée]rant|{lexicon.pattern('civility')})\b)"
    r"(?![^\n\f]*;[ \t]*(?:\n|$))(?P<more>[^\n\f]{2,160})"
)
# a title wrapped by the page's width: the line ends with a space and the next one ends the
# paragraph ("16. Rapport de la Commission Locale d'Evaluation des Charges \nTransférées (CLECT)\n\n")
SOFT_WRAP_RE = re.compile(
    rf"[ \t]+\n[ \t]*(?!(?:Rapporteur|Le|La|Les|Il|Elle|Vu|Consid[ée]rant|{lexicon.pattern('civility')})\b)"
    r"(?P<more>[^\n\f]{2,160}?)(?<![.;:!?])[ \t]*(?=\n[ \t]*\n|\f|\Z)"
)
# the same with no space left at the line's end, when the layout shows the line running to the
# column's right edge ("6. ÉLUS – INTERCOMMUNALITE - COMMUNAUTE DE COMMUNES ASSE\nBLEONE VERDON –
# Pouvoir de police administrative spéciale du maire\n\n")
HARD_WRAP_RE = re.compile(SOFT_WRAP_RE.pattern.replace(r"[ \t]+\n", r"[ \t]*\n", 1))
WRAPPED_RULES = frozenset(r.name for r in HEADING_TABLE if r.wraps)
# a title in capitals goes on over the next line in capitals ("… MANDATEMENT DES\nDEPENSES …"), past
# a colon left alone on its line
CAPITALS_CONTINUATION_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?(?:[ \t]*:[ \t]*\n(?:[ \t]*\n)?)?[ \t]*(?P<more>(?=[^\n\f]*[A-Z]{2})(?![ \t]*(?:\d|[-–•]))[^a-z\n\f]{1,120})(?=[ \t]*\n)"
)
# the presenter's opening line under an item's title: "Monsieur X donne lecture du rapport suivant :",
# "Madame la Maire expose au conseil que …", "Rapporteur : M. X"
PRESENTER_RE = re.compile(
    rf"[ \t]*(?:\n(?:[ \t]*\n)?|\f)[ \t]*(?:Rapporteur\b|(?:{lexicon.pattern('civility')}|Le|La)\s[^\n]{{0,80}}?"
    rf"\b{lexicon.pattern('presenting_verb')}\b)",
    re.UNICODE,
)
# (over a blank line too when it goes on with a link word: "… théâtre »\n\net la Ville du Coteau …")
CONTINUATION_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n(?=[ \t]*(?:et|ou|de|du|des|pour|à|au|aux|avec|sur)\s))?"
    r"[ \t]*(?P<more>[a-zéèêàâîôûç«(][^\n\f]*)"
)


NEXT_LINE_RE = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<line>[^\n\f]+)")


# a title in capitals may hold a few small letters: the "o" of "No7" (N° as typed or read),
# "ACTIVITES ASSUJETTIES A LA TVA (en euros)" aside; this share of its letters at most
SMALL_LETTERS_SHARE = 0.05


def _in_capitals(title: str) -> bool:
    """Set in capitals ("APPROBATION DE L'AVENANT No7 AU CONTRAT …"), a few small letters aside."""
    letters = [c for c in title if c.isalpha()]
    small = sum(c.islower() for c in letters)
    return len(letters) > small and small <= SMALL_LETTERS_SHARE * len(letters)


# a full stop closing a line, next to its last word: a stop set apart by a space ("… aux
# intercommunalités .") is a speck OCR read, French setting no space before a full stop
FULL_STOP_END_RE = re.compile(r"(?<=\S)\.[ \t]*$")


def _blank_after(text: str, end: int) -> bool:
    after = text[end : end + 4].lstrip(" \t")
    return after.startswith(("\n\n", "\f", "\n \n")) or not after


# the line that closes an item of minutes with its vote: "Vote : à l'unanimité", "Pour : 12",
# "Adopté à l'unanimité" (the zone table's vote line), or any short line stating unanimity
VOTE_LINE_RE = re.compile(
    next(r for r in phrasings.table("zone") if r.id == "vote_line").expand({})
    + r"|[^\n]{0,40}\bunanimit[ée]",
    re.IGNORECASE | re.UNICODE,
)


VOTE_ROW_DASH_RE = re.compile(r"^[ \t]*[-–−•▪][ \t]*")


# the label opening a paragraph that states the vote in a sentence: "Vote : la convention est
# acceptée à l'unanimité et monsieur le maire est autorisé à la signer avec …" (the label of the
# vote lines above, "Vote : Unanimité", written before a sentence)
# a vote's label opening a line (segment.py takes it too)
VOTE_LABEL = r"[ \t]*(?:[-–•][ \t]*)?(?i:votes?|vote\s+du\s+conseil)[ \t]*:"
VOTE_LABEL_RE = re.compile(rf"{VOTE_LABEL}[ \t]*\S")
VOTE_PARAGRAPH_LINES = 4  # a vote's paragraph this long at most
# a paragraph's last words OCR set apart by a blank line, at most this many, under a line that
# ends no sentence
TAIL_WORDS = 2
SENTENCE_ENDS = (".", "!", "?", ":", ";")


def _after_vote_line(text: str, start: int) -> bool:
    """The line before (blank lines skipped) closes the previous item with its vote, or the
    paragraph before is the vote's, opened by its label ("Vote : le principe est accepté à
    l'unanimité et …")."""
    # the paragraph before (up to the blank line or the page break opening it), and the break after it
    above = start
    while above > 0 and text[above - 1] in " \t\n\f":
        above -= 1
    begin = units.paragraph_start(text, above, units.BLANK_BREAK_RE)
    before = text[begin:start]
    if "\n\n" not in before[-4:] and not before.endswith("\f"):
        return False  # a blank line between the vote and the title
    tail = text[begin:above].strip()
    upper = text[:begin].rstrip(" \t\n")
    if (
        "\n" not in tail
        and len(tail.split()) <= TAIL_WORDS
        and text[begin - 1 : begin] == "\n"
        and upper
        and not upper.endswith(SENTENCE_ENDS)
    ):
        # the paragraph's last words, set apart by a blank line OCR put before them: read on
        # from the paragraph above ("… signer l'avenant avec la\n\n*DDT.")
        before = text[units.paragraph_start(text, len(upper), units.BLANK_BREAK_RE) : len(upper)]
        before += "\n" + text[begin:start]
    lines = [line for line in re.split(r"[\n\f]", before) if line.strip()]
    # (a vote table's rows may be dashed: "- Abstentions : 3, Mme X, M. Y")
    last = VOTE_ROW_DASH_RE.sub("", lines[-1]) if lines else ""
    if bool(lines) and len(lines[-1]) <= 80 and VOTE_LINE_RE.match(last) is not None:
        return True
    paragraph = re.split(r"\n[ \t]*\n|\f", before.rstrip(" \t\n\f"))[-1].strip("\n").split("\n")
    return len(paragraph) <= VOTE_PARAGRAPH_LINES and VOTE_LABEL_RE.match(paragraph[0]) is not None


# the lines that go on with a title standing as a paragraph of its own, up to the blank line or
# the page break closing it ("Rythmes scolaires - Convention (pluri)annuelle d'objectifs avec
# l'association Léo Lagrange\nMéditerranée\n\n")
PARAGRAPH_TITLE_LINES = 3
NEXT_PARAGRAPH_LINE_RE = re.compile(r"\n[ \t]*(?P<more>[^\s][^\n\f]{0,160})")


# a line wrapped by the page's width fills this share of the longest lines around it
WRAPPED_SHARE = 0.7
# (the lines of its page tell the page's width)


def _wrapped(text: str, start: int, end: int) -> bool:
    """The line from ``start`` to ``end`` runs to the page's width (a title wrapped over the next
    line), not a short title followed by a line of its own ("M4 - Taux d'imposition 2022")."""
    return len(text[start:end].rstrip()) >= WRAPPED_SHARE * _page_width(
        text, *units.page_span(text, start)
    )


@functools.lru_cache(maxsize=256)
def _page_width(text: str, start: int, end: int) -> int:
    """The length of the longest line of the page from ``start`` to ``end``."""
    return max((len(line.rstrip()) for line in re.split(r"[\n\f]", text[start:end])), default=0)


def _paragraph_title(text: str, start: int, end: int) -> re.Match[str] | None:
    """The last line of the paragraph going on after the title's first line (``start`` to
    ``end``), wrapped by the page's width, when the paragraph ends within
    ``PARAGRAPH_TITLE_LINES`` lines; None when it holds more lines, or a line that is no title's
    (a presenter, a form's field, another item's heading, a sentence closed)."""
    more = None
    for _ in range(PARAGRAPH_TITLE_LINES - 1):
        if _blank_after(text, end):
            return more
        if not _wrapped(text, start, end):
            return None
        following = NEXT_PARAGRAPH_LINE_RE.match(text, end)
        if following is None:
            return None
        line = following.group("more").strip()
        if (
            re.search(r"[a-zé][.!?]\s", line)
            or _starts_item(line)
            or FORM_LINE_RE.match(line)
            or PRESENTER_RE.match("\n" + line)
            or line.endswith((";", ":"))
        ):
            return None
        more, start, end = following, following.start("more"), following.end()
    return more if _blank_after(text, end) else None


def _opens_page_after_vote(text: str, start: int) -> bool:
    """The line opens a page, the page before closing its last item with its vote: a title at a
    page's top needs no blank line under it ("Budget primitif 2018" then its sections listed right
    under it, "▪ section d'exploitation")."""
    return start > 0 and text[start - 1] == "\f" and _after_vote_line(text, start)


def _blank_before(text: str, start: int) -> bool:
    """A blank line (or a page break) before the line, or the text's start."""
    before = text[max(0, start - 3) : start]
    return start == 0 or "\n\n" in before or "\f" in before


def _standalone(text: str, start: int, end: int) -> bool:
    """A paragraph of its own: a blank line (or a page break) before or after it."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return (
        start == 0
        or "\n\n" in before
        or "\f" in before
        or after.startswith(("\n\n", "\f"))
        or not after
    )


def _starts_item(line: str) -> bool:
    """The line is an item's own heading ("N°2014/29 - ACTION SOCIALE"), not a title's next line."""
    content = line.strip()
    return any(
        pattern.fullmatch(content) for name, pattern in HEADING_RULES if name in WRAPPED_RULES
    )


# an item number OCR'd as a letter: "2018.04.09 - I ADOPTION …" is item 1
OCR_ONE_RE = re.compile(r"(?<=[-–\s])[Il]$")


def _ocr_one(number: str) -> str:
    return OCR_ONE_RE.sub("1", number)


# minutes that name, in an item's title, the act it gave and where it is annexed: "Décision
# modificative n° 3 - Délibération n° 2023_033_D - Régularisation (Voir annexe)"
ACT_IN_TITLE_RE = re.compile(
    r"\s*[-–:]?\s*(?i:d[ée]lib[ée]ration)\s+(?i:n)\s*[°o]\s*(?P<n>[^\s(]+(?:\s+[^\s(-]+)*?)\s*(?=[-–(]|$)"
)
SEE_ANNEX_RE = re.compile(r"\s*[({]\s*(?i:voir|cf\.?)\s+(?i:l['’])?\s*(?i:annexes?)\s*\)?")
WHOLE_ACT_RE = re.compile(_ACT)


def _act_in_title(title: str) -> tuple[str, str | None]:
    """A title without the act's number and the pointer to its annex, and that number when it
    reads whole (a number OCR split by spaces is left out)."""
    stripped = SEE_ANNEX_RE.sub("", title)
    match = ACT_IN_TITLE_RE.search(stripped)
    if match is None:
        return (title if stripped == title else stripped.strip(" -–:")), None
    number = match.group("n")
    left, right = stripped[: match.start()].strip(" -–:"), stripped[match.end() :].strip(" -–:")
    rest = f"{left} - {right}" if left and right else left or right
    if len(rest) < 3:
        return title, None
    whole = WHOLE_ACT_RE.fullmatch(number) is not None
    return " ".join(rest.split()), number if whole else None


# a line of the séance's attendance ("Présents :", "Nombre de membres en exercice", "Procurations :")
# and the lines that go on with it (the zone table's attendance rule): names, counts, no title
ATTENDANCE_LINE_RE = re.compile(
    next(r for r in phrasings.table("zone") if r.id == "attendance").expand({}),
    re.IGNORECASE | re.UNICODE,
)
ATTENDANCE_REACH = next(
    int(r.properties.get("continues", 0)) for r in phrasings.table("zone") if r.id == "attendance"
)


def _in_attendance(text: str, start: int) -> bool:
    """The line at ``start`` opens the séance's attendance or goes on with it: one of the lines
    right above it (no blank line nor page break between) opens it."""
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)]
    above = units.lines_above(text, start, ATTENDANCE_REACH)  # nearest last
    for candidate in [line, *reversed(above)]:
        if not candidate.strip() or "\f" in candidate:
            return False
        if ATTENDANCE_LINE_RE.match(candidate):
            return True
    return False


# a share of a rule's headings set apart by their face (bold, larger) from which the document
# sets its item titles so: one of them set as the running text is a line of the body
SET_ALIKE_SHARE = 0.75
SET_ALIKE_MIN = 3


def _set_as_its_peers(text: str, headings: list[Heading]) -> list[Heading]:
    """Headings without those set as body text where the others found by the same weak rule are
    set apart (bold or larger): a document sets its items' titles alike (a heading that carries
    an item's number or act number stays whatever its face)."""
    styles = [layout.style_at(text, h.start) for h in headings]
    drop: set[int] = set()
    for rule in {h.rule for h in headings if h.rule not in STRONG_RULES}:
        known = [
            (i, s)
            for i, (h, s) in enumerate(zip(headings, styles, strict=True))
            if h.rule == rule and s is not None and s.bold is not None
        ]
        titled = sum(layout.titled(s) for _, s in known)
        if len(known) >= SET_ALIKE_MIN and titled >= SET_ALIKE_SHARE * len(known):
            drop.update(i for i, s in known if layout.set_as_body(s))
    return [h for i, h in enumerate(headings) if i not in drop]


def find_headings(text: str) -> list[Heading]:
    """Every item heading of the document, in order (read once per text: minutes splitting and
    the zones both ask)."""
    return list(_headings(text))


@functools.lru_cache(maxsize=4)
def _headings(text: str) -> tuple[Heading, ...]:
    headings: list[Heading] = []
    for line in LINE_RE.finditer(text):
        if headings and line.start("line") < headings[-1].end:
            continue  # a line of the title above, read over as its continuation
        content = line.group("line").rstrip()
        if len(content) > MAX_HEADING_CHARS or STAMP_LINE_RE.match(content):
            continue
        in_margin = layout.in_margin(layout.style_at(text, line.start("line")))
        for rule in HEADING_TABLE:
            name = rule.name
            match = rule.regex.fullmatch(content)
            if not match:
                continue
            title = " ".join(
                OBJECT_PREFIX_RE.sub("", _without_bullet(match.group("title") or "")).split()
            ).strip(" :.-–—,")
            start = line.start("line")
            end = start + len(content)
            last_line = content
            if not title and rule.title_next_line and (following := NEXT_LINE_RE.match(text, end)):
                title = OBJECT_PREFIX_RE.sub(
                    "", _without_bullet(following.group("line").strip())
                ).strip(" :.-–—")
                # (the title's line ends before its trailing spaces: a line wrapped by the page's
                # width keeps them, "… SPL Enfance en Pays \nMornantais ainsi que …")
                last_line = following.group("line").rstrip()
                end = following.start("line") + len(last_line)
            if len(title) < 3 or NOT_TITLES_RE.match(title) or SUM_IN_TITLE_RE.search(title):
                break  # a row of a table of sums is no heading
            if FORM_LINE_RE.match(title) and not (
                match.groupdict().get("number") or match.groupdict().get("number_bare")
            ):
                break  # a form's field, a table's header row, a lone verb: no item starts here
            if not rule.strong and (in_margin or _in_attendance(text, line.start("line"))):
                # names of the attendance list ("- Paul DURAND - Anne PETIT"); a sidebar beside
                # the body (the séance's counts, repeated on every page): no title without a number
                break
            if rule.requires == "standalone_and_blank_after" and not (
                (_standalone(text, start, end) and _blank_after(text, end))
                or _opens_page_after_vote(text, start)
            ):
                continue  # (a title with its text right under it may still open an item)
            if rule.requires == "blank_before" and not _blank_before(text, start):
                continue  # a label at a paragraph's head only
            if rule.requires == "standalone_or_blank_after" and not (
                _standalone(text, start, end) or _blank_after(text, end)
            ):
                break
            while len(title) < MAX_HEADING_CHARS and (
                # (a line ending with a colon opens what follows it: "… la précédente réunion :\n
                # pour : 10")
                (
                    not last_line.rstrip().endswith(":")
                    and (more := CONTINUATION_RE.match(text, end))
                )
                or (
                    OPEN_ENDED_RE.search(last_line.rstrip())
                    and (more := NEXT_TITLE_LINE_RE.match(text, end))
                )
                or (_in_capitals(title) and (more := CAPITALS_CONTINUATION_RE.match(text, end)))
                or (rule.wraps and (more := SOFT_WRAP_RE.match(text, end)))
                or (
                    rule.wraps
                    and layout.full_width(layout.style_at(text, end - 1))
                    and (more := HARD_WRAP_RE.match(text, end))
                )
            ):
                dash = DASH_END_RE.search(
                    last_line.rstrip()
                )  # "… de l'eau –" goes on "– Demande …"
                last_line = more.group("more")
                if _starts_item(last_line):
                    break  # the next item's heading, not the rest of this title
                if FORM_LINE_RE.match(last_line.strip()):
                    break  # a table's header row or a form's field under the title
                joint = f" {dash.group(1)} " if dash else " "
                title = " ".join(f"{title}{joint}{last_line}".split()).strip(" .-–—")
                end = more.end()
            if rule.requires == "standalone" and not _standalone(text, start, end):
                break
            if rule.requires == "presenter_after" and not PRESENTER_RE.match(text, end):
                continue  # a line in capitals, or ending with a colon, with no presenter after it
            if (
                (
                    rule.requires == "after_vote_line"
                    # (a bulleted title after the vote: OCR reads a speck before a title as a
                    # bullet, "▪ Convention d'utilisation … de l'association Léo\nLagrange …")
                    or (
                        rule.wraps
                        and rule.requires == "standalone"
                        and _after_vote_line(text, start)
                    )
                )
                and not _blank_after(text, end)
                and (more := _paragraph_title(text, start, end))
            ):
                # a title set over the two or three lines of a paragraph of its own
                title = " ".join(f"{title} {text[end : more.end()]}".split()).strip(" -–—")
                end = more.end()
            if (
                rule.requires == "after_vote_line"
                and not (
                    # one line, or a title wrapped over a paragraph of its own
                    (end == start + len(content) or _blank_after(text, end))
                    # (a title may end with a full stop when its face sets it apart)
                    and not text[start:end].rstrip().endswith((";", ":"))
                    and (
                        FULL_STOP_END_RE.search(text[start:end]) is None
                        or layout.titled(layout.style_at(text, start))
                    )
                    and _after_vote_line(text, start)
                )
            ):
                continue
            if rule.requires == "standalone_presenter_after" and not (
                end == start + len(content)  # one line, the presenter right under it
                and _blank_before(text, start)
                and PRESENTER_RE.match(text, end)
            ):
                continue
            number = match.groupdict().get("number") or match.groupdict().get("number_bare")
            position = match.groupdict().get("position")
            levels = match.groupdict().get("outline")
            title = RAPPORTEUR_IN_TITLE_RE.sub("", title).strip(" ,:.-–—") or title
            title, cited = _act_in_title(title)
            number = number or cited
            headings.append(
                Heading(
                    start,
                    end,
                    title,
                    normalize_number(_ocr_one(DOUBLED_DASH_RE.sub(r"\1", " ".join(number.split()))))
                    if number
                    else None,
                    name,
                    int(position) if position else None,
                    tuple(int(p) for p in re.findall(r"\d+", levels))
                    if levels
                    else ((int(position),) if position else ()),
                )
            )
            break
    return tuple(_themes(text, _by_levels(_set_as_its_peers(text, headings))))


# how far a numbering by levels may jump ahead: "1-3" after "1-1" (an item lost to OCR)
OUTLINE_JUMP = 2


def _goes_on(last: tuple[int, ...], label: tuple[int, ...]) -> bool:
    """A label by levels goes on from the last one: its first child ("1-1" after "1"), or the next
    at its own level or a level above ("1-1-2" after "1-1-1", "1-2" after "1-1-2")."""
    if not last:
        return all(part == 1 for part in label)  # the numbering's first item: "1-1", "1.1.1"
    if label[:-1] == last and label[-1] == 1:
        return True
    depth = len(label) - 1
    return (
        depth < len(last)
        and label[:-1] == last[:depth]
        and 0 < label[-1] - last[depth] <= OUTLINE_JUMP
    )


def _by_levels(headings: list[Heading]) -> list[Heading]:
    """Headings numbered by levels ("1-1-1 : Subventions aux associations") kept where they go on
    from the numbering above them: a "1.1 Contexte" in a report under item 3 is no item."""
    kept: list[Heading] = []
    last: tuple[int, ...] = ()
    for heading in headings:
        label = heading.outline
        if len(label) >= 2 and not _goes_on(last, label):
            continue
        if label:
            last = label
        kept.append(heading)
    return kept


# between a thematic part's title and its first item's heading: blank lines, bullets, a colon
THEME_GAP_RE = re.compile(r"[\s:•·▪►*\-–—]*")


def _themes(text: str, headings: list[Heading]) -> list[Heading]:
    """Thematic parts marked: a heading numbered by levels whose next one is its child ("1 –
    FINANCES" then "1-1 : Subventions 2023"), and a strong heading with no act number right above
    one that has one ("Point n° 1 : Finances Communales" then "25-04/031 — Vote des taux …")."""
    marked = list(headings)
    labelled = [i for i, h in enumerate(headings) if h.outline]
    for i, j in zip(labelled, labelled[1:], strict=False):
        parent, child = headings[i].outline, headings[j].outline
        if len(child) > len(parent) and child[: len(parent)] == parent:
            marked[i] = replace(headings[i], theme=True)
    for i, (heading, following) in enumerate(zip(headings, headings[1:], strict=False)):
        if (
            heading.rule in STRONG_RULES
            and not heading.number
            and following.number
            and THEME_GAP_RE.fullmatch(text[heading.end : following.start])
        ):
            marked[i] = replace(marked[i], theme=True)
    return marked
