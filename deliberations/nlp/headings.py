"""Item headings in séance minutes: where an agenda item (and so a deliberation) may start.

Minutes number their items in many ways: "1. D2024 – 14 - Élection du président de séance",
"1/ ONF Etat d'assiette 2023 :", "2017/39 - PROJET …", "DEL2025-76 : Aides directes …",
"Délibération n° 2023-045 : …", "Objet : …", or a short dash line "- Approbation du compte de
gestion 2021" standing alone as a paragraph. Each rule is one line pattern; a heading is a
short line, not a sentence of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deliberations.nlp.header import normalize_number

MAX_HEADING_CHARS = 220


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the line
    end: int  # end of the heading's text (continuation lines included)
    title: str
    number: str | None
    rule: str
    position: int | None = None  # the item's place in the agenda ("3." -> 3), when numbered


# first words of the numbered clauses of a decision, not of agenda items
DECISION_CLAUSE_WORDS = (
    "Statuant", "Considérant", "Constatant", "Vu", "Attendu", "Décide", "Approuve", "Autorise", "Dit",
    "Précise", "Charge", "Accepte", "Adopte", "Donne", "Prend", "Déclare",
)
_CODE = r"(?:[A-Z]{1,5}\s?)?(?:19|20)\d{2}\s*[-–/._]\s*\d{1,4}"
HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.UNICODE))
    for name, pattern in (
        # "Délibération n° 2023-045 : Vente …", "DELIBERATION N°12 - …"
        ("deliberation_number",
         r"(?i:d[ée]lib[ée]ration)\s+(?i:n)\s*[°o]\s*(?P<number>[\w/\-–.]+?)\s*[-–:]\s*(?P<title>\S.*)"),
        # "2015.12.14 - 5  AUTORISATION D'ENGAGEMENT …": the séance's date, then the item's number
        ("dated_code",
         r"(?P<number>(?:19|20)\d{2}[./-]\d{2}[./-]\d{2}\s*[-–]\s*(?:\d{1,3}|[Il](?=[ \t])))(?:\s*[-–:]\s*|\s{2,}|\s+|$)(?P<title>.*)"),
        # "2017/39 - PROJET …", "DEL2025-76 : Aides …", "N° DBC 2021-012 - …"
        ("code", rf"(?:(?i:n)\s*[°o]\s*)?(?P<number>{_CODE})\s*[-–:]\s*(?P<title>\S.*)"),
        # "1. D2024 – 14 - Élection …", "3 – N° 2018-024 - Exercice 2017 …": an item number, then a code
        ("item_code",
         r"(?P<position>\d{1,3})\s*(?:[.)/]|[-–])\s*(?:(?i:n)\s*[°o]\s*)?"
         r"(?P<number>(?:[A-Z]{1,5}\s?)?(?:19|20)\d{2}\s*[-–/._]\s*\d{1,4})\s*[-–:]\s*(?P<title>\S.*)"),
        # "1/ ONF Etat d'assiette", "12) Tarifs", "3. Budget primitif", "4 - Subventions"; not a
        # clause of a decision listed by number ("2) Statuant sur l'exécution du budget ;")
        ("numbered",
         r"(?P<position>0(?!\d)|[1-9]\d{0,2})\s*(?:[.)/°]|\s[-–])\s*"
         rf"(?!(?:{'|'.join(DECISION_CLAUSE_WORDS)})\b)(?P<title>[A-ZÉÈÀÂÎÔ«\"].*)"),
        # "2 Décisions modificatives du budget 2021": a number, a space, a title in sentence case,
        # a paragraph of its own (informal minutes); not "3 rue …" nor "2 votes contre"
        ("numbered_bare",
         r"(?P<position>[1-9]\d?)[ \t]+(?!(?:rue|avenue|place|chemin|votes?|voix|pour|contre|abstentions?)\b)"
         r"(?P<title>[A-ZÉÈÀÂÎ][a-zéèêàâîôûç'’]+(?:[ \t]+[^\s.;€]+){1,12})"),
        # "Objet : Signature du contrat"
        ("object", r"(?i:objet)\s*:\s*(?P<title>\S.*)"),
        # "TRAVAUX DE VOIRIE" or "Convention financière avec le syndicat :" on its own line, the
        # presenter's opening on the next ("Monsieur X donne lecture du rapport suivant :")
        ("presented",
         r"(?P<title>(?!(?:Il|Elle|Ils|Nous|Madame|Monsieur|Mme|M\.|Apr[eè]s)\s)"
         r"(?![^\n]*(?i:unanimit|majorit|adopt|d[ée]cid|approuv|accept|d[ée]lib[ée]r|vot[ée]|abstention|pour\s*:))"
         r"(?:[A-ZÉÈÀÂÎÔÇ][^a-zà-ÿ\n.;!?]{5,150}|[A-ZÉÈÀÂÎÔÇ][^\n.;!?]{3,150}?\s*:))"),
        # "- Approbation du compte de gestion 2021" (a standalone short dash line, a noun first)
        ("dash",
         r"[-−–•]\s+(?P<title>(?!(?:D['’]|De\s|Du\s|Des\s|Le\s|La\s|Les\s|L['’]|Un\s|Une\s|À\s|A\s"
         r"|Madame\s|Monsieur\s|Mme\s|M\.\s|Mlle\s))"
         r"(?![A-ZÉÈÀÂÎ][a-zéèêàâîôûç]+(?:er|ir|re)\s)"  # "- Adopter …", "- Dire que …": decisions, not items
         r"[A-ZÉÈÀÂÎ][a-zéèêàâîôûç][^.;:,]{3,110})"),
        # "A) Budget principal", "B) Budget des opérations assujetties à la TVA": a lettered part of
        # an item (a weak heading: it tells apart several votes under one numbered item)
        ("lettered", r"[A-H]\)[ \t]+(?P<title>[A-ZÉÈÀÂÎ][a-zéèêàâîôûç][^\n]{3,118})"),
        # "COMPTE ADMINISTRATIF 2005 :", "AFFECTATION DES RESULTATS :" a title in capitals on its line
        ("capitals_colon", r"(?P<title>(?=[^a-z\n]*[A-ZÉÈ]{3})[A-ZÉÈÀÂÎÔÇ0-9][^a-z\n:]{3,118}?)\s*:"),
        # "MAISON DE LA LECTURE – Acquisition de mobilier et de matériel :": capitals first
        ("capitals_first_colon",
         r"(?P<title>[A-ZÉÈÀÂÎÔÇ]{3,}(?:\s+[A-ZÉÈÀÂÎÔÇ'’]{2,})+\s*[-–]\s*[^\n:]{3,100}?)\s*:"),
        # "Approbation du compte administratif 2017" alone as a paragraph (a weak heading: used to
        # tell apart several votes under one numbered item)
        ("plain",
         r"(?P<title>(?!(?:Vote|Pour|Contre|Abstentions?|Madame|Monsieur|Mme|M\.|Le\s|La\s|Les\s|Il\s|Elle\s))"
         r"[A-ZÉÈÀÂÎ][a-zéèêàâîôûç'’]+(?:\s+[^\s.;:,€]+){1,10})"),
    )
)
LINE_RE = re.compile(r"(?:^|(?<=[\n\f]))[ \t]*(?P<line>[^\n\f]+)", re.UNICODE)
SUM_IN_TITLE_RE = re.compile(r"\d[\d \u00a0]*,\d{2}\b|\d\s?(?:€|k€|K€)|\beuros?\b", re.IGNORECASE)
NOT_TITLES_RE = re.compile(r"^(?:(?:pour|contre|abstentions?|votants?)\b|vote\s*:)", re.IGNORECASE)
OBJECT_PREFIX_RE = re.compile(r"^(?i:objet)\s*:\s*")
# a title goes on over the next lines while they start in lower case ("… et sollicitation de\nsubventions …")
# a title cut after a word that needs a next one ("… services culturels de\nRoannais Agglomération")
OPEN_ENDED_RE = re.compile(r"(?:\s(?:de|des|du|la|le|les|à|au|aux|et|pour|sur|avec|en|par)|\s[-–]|d['’]|l['’])$", re.IGNORECASE)
DASH_END_RE = re.compile(r"\s([-–])$")
NEXT_TITLE_LINE_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?!(?:Rapporteur|Monsieur|Madame|M\.|Mme|Vu|Consid[ée]rant)\b)(?P<more>[^\n\f]{2,160})"
)
# a title wrapped by the page's width: the line ends with a space and the next one ends the
# paragraph ("16. Rapport de la Commission Locale d'Evaluation des Charges \nTransférées (CLECT)\n\n")
SOFT_WRAP_RE = re.compile(
    r"[ \t]+\n[ \t]*(?!(?:Rapporteur|Monsieur|Madame|M\.|Mme|Le|La|Les|Il|Elle|Vu|Consid[ée]rant)\b)"
    r"(?P<more>[^\n\f]{2,160}?)(?<![.;:!?])[ \t]*(?=\n[ \t]*\n|\f|\Z)"
)
WRAPPED_RULES = {"deliberation_number", "dated_code", "code", "item_code", "numbered", "object"}
# a title in capitals goes on over the next line in capitals ("… MANDATEMENT DES\nDEPENSES …"), past
# a colon left alone on its line
CAPITALS_CONTINUATION_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?(?:[ \t]*:[ \t]*\n(?:[ \t]*\n)?)?[ \t]*(?P<more>(?=[^\n\f]*[A-Z]{2})(?![ \t]*(?:\d|[-–•]))[^a-z\n\f]{1,120})(?=[ \t]*\n)"
)
# the presenter's opening line under an item's title: "Monsieur X donne lecture du rapport suivant :",
# "Madame la Maire expose au conseil que …", "Rapporteur : M. X"
PRESENTER_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:Rapporteur\b|(?:Monsieur|Madame|M\.|Mme|MM\.|Le|La)\s[^\n]{0,80}?"
    r"\b(?:donnen?t?\s+lecture|exposen?t?|présentent|présente|rappellen?t?|informen?t?|indiquen?t?|expliquen?t?"
    r"|fait\s+part|font\s+part|proposen?t?|soumet(?:tent)?)\b)",
    re.UNICODE,
)
# (over a blank line too when it goes on with a link word: "… théâtre »\n\net la Ville du Coteau …")
CONTINUATION_RE = re.compile(
    r"[ \t]*\n(?:[ \t]*\n(?=[ \t]*(?:et|ou|de|du|des|pour|à|au|aux|avec|sur)\s))?"
    r"[ \t]*(?P<more>[a-zéèêàâîôûç«(][^\n\f]*)"
)


NEXT_LINE_RE = re.compile(r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<line>[^\n\f]+)")


def _blank_after(text: str, end: int) -> bool:
    after = text[end : end + 4].lstrip(" \t")
    return after.startswith(("\n\n", "\f", "\n \n")) or not after


def _standalone(text: str, start: int, end: int) -> bool:
    """A paragraph of its own: a blank line (or a page break) before or after it."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 3]
    return start == 0 or "\n\n" in before or "\f" in before or after.startswith(("\n\n", "\f")) or not after


def _starts_item(line: str) -> bool:
    """The line is an item's own heading ("N°2014/29 - ACTION SOCIALE"), not a title's next line."""
    content = line.strip()
    return any(pattern.fullmatch(content) for name, pattern in HEADING_RULES if name in WRAPPED_RULES)


# an item number OCR'd as a letter: "2018.04.09 - I ADOPTION …" is item 1
OCR_ONE_RE = re.compile(r"(?<=[-–\s])[Il]$")


def _ocr_one(number: str) -> str:
    return OCR_ONE_RE.sub("1", number)


def find_headings(text: str) -> list[Heading]:
    """Every item heading of the document, in order."""
    headings: list[Heading] = []
    for line in LINE_RE.finditer(text):
        if headings and line.start("line") < headings[-1].end:
            continue  # a line of the title above, read over as its continuation
        content = line.group("line").rstrip()
        if len(content) > MAX_HEADING_CHARS:
            continue
        for name, pattern in HEADING_RULES:
            match = pattern.fullmatch(content)
            if not match:
                continue
            title = " ".join(OBJECT_PREFIX_RE.sub("", match.group("title")).split()).strip(" :.-–")
            start = line.start("line")
            end = start + len(content)
            if not title and name == "dated_code" and (following := NEXT_LINE_RE.match(text, end)):
                title, end = following.group("line").strip(" :.-–"), following.end("line")
            if len(title) < 3 or NOT_TITLES_RE.match(title) or SUM_IN_TITLE_RE.search(title):
                break  # a row of a table of sums is no heading
            if name == "plain" and not (_standalone(text, start, end) and _blank_after(text, end)):
                break
            if name == "numbered_bare" and not (_standalone(text, start, end) or _blank_after(text, end)):
                break
            last_line = content
            while len(title) < MAX_HEADING_CHARS and (
                (more := CONTINUATION_RE.match(text, end))
                or (OPEN_ENDED_RE.search(last_line.rstrip()) and (more := NEXT_TITLE_LINE_RE.match(text, end)))
                or (title.isupper() and (more := CAPITALS_CONTINUATION_RE.match(text, end)))
                or (name in WRAPPED_RULES and (more := SOFT_WRAP_RE.match(text, end)))
            ):
                dash = DASH_END_RE.search(last_line.rstrip())  # "… de l'eau –" goes on "– Demande …"
                last_line = more.group("more")
                if _starts_item(last_line):
                    break  # the next item's heading, not the rest of this title
                joint = f" {dash.group(1)} " if dash else " "
                title = " ".join(f"{title}{joint}{last_line}".split()).strip(" .-–")
                end = more.end()
            if name == "dash" and not _standalone(text, start, end):
                break
            if name == "presented" and not PRESENTER_RE.match(text, end):
                continue  # a line in capitals, or ending with a colon, with no presenter after it
            number = match.groupdict().get("number")
            position = match.groupdict().get("position")
            headings.append(
                Heading(start, end, title, normalize_number(_ocr_one(" ".join(number.split()))) if number else None, name,
                        int(position) if position else None)
            )
            break
    return headings
