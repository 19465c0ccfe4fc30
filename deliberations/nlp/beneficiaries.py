"""Who the deliberation grants money to, and how much each gets.

Read from sentences ("le versement de la somme de 21 900 € à l'AREFEP", "une subvention de
500 € à l'association X", "une participation financière à une association « X »"), from lines
"Name : 600 €" under a subsidies heading, and from tables with a beneficiary and an amount
column. Not beneficiaries: whoever gives money to the authority ("versée par l'État à la
Ville"), the authority itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from deliberations.nlp.amounts import find_amounts, parse_figure
from deliberations.nlp.found import AmountMatch
from deliberations.nlp.model import organisation_at
from deliberations.schemas.document import Table

_I = re.IGNORECASE | re.UNICODE

GRANT_CUE_RE = re.compile(
    r"\b(?:vers(?:er|ement)|subventions?|participations?|aides?|attribu\w*|allou\w*|alloc\w*|"
    r"octro\w*|accord\w*|contributions?|dotations?|primes?|bourses?|fonds\s+de\s+concours)\b",
    _I,
)
TO_RE = re.compile(
    r"\s*(?:\([^)]{0,120}\)\s*)?,?\s*(?:au\s+profit\s+d(?:e|u|es)|en\s+faveur\s+d(?:e|u|es)|au\s+bénéfice\s+d(?:e|u|es)|à|au|aux|pour)\s+",
    _I,
)
# "subvention (de fonctionnement) à l'association X d'un montant de 500 €", "… au Comité des fêtes"
GRANT_TO_NAME_RE = re.compile(
    r"\b(?:(?i:verser|attribuer|allouer|octroyer|accorder|versement)"  # "ACCEPTE de verser au Collège X une subvention"
    r"|subvention|participation(?:\s+financière)?|aide(?:\s+financière)?|contribution)"
    r"(?:\s+(?:de\s+fonctionnement|exceptionnelle|d['’]investissement|annuelle))?"
    r"\s+(?:au\s+profit\s+d(?:e|u|es)|en\s+faveur\s+d(?:e|u|es)|à|aux?)\s+",
    _I,
)
GIVER_RE = re.compile(r"\b(?:versée?s?|accordée?s?|attribuée?s?|notifiée?s?)\s+par\b", _I)
NAME_START_RE = re.compile(
    r"(?:(?:l['’]\s*|la\s+|le\s+|les\s+|une\s+|un\s+|des\s+)?(?:association|structure|organisme|club|coopérative)\s+)?"
    r"(?:l['’]\s*|la\s+|le\s+|les\s+)?",
    _I,
)
QUOTED_RE = re.compile(r"[«\"“]\s*(?P<q>[^»\"”]{2,100}?)\s*[»\"”]")
# a name ends at punctuation, but not at the dots inside an acronym ("l'A.R.E.F.E.P.")
NAME_STOP_RE = re.compile(
    r"[,;:()\n«»]|\.(?!\w)|\s(?:pour|afin|dans|au\s+titre|dont|qui|selon|conformément|sous|en\s+vue|ainsi|"
    r"d['’]un\s+montant|pour\s+un\s+montant|de\s+\d|sur|et\s+(?:de|d['’]|à|autorise|précise|dit)"
    r"|une?\s+(?:subvention|somme|participation|aide|contribution|dotation))\b",
    _I,
)
SUBSIDY_TITLE_RE = re.compile(r"\bsubventions?\b|\bparticipations?\s+financi[èe]res?", _I)
# a list of grants announced: "les subventions suivantes :", "répartition des subventions"
SUBSIDY_LIST_CUE_RE = re.compile(
    r"subventions?\s+(?:suivantes|aux\s+associations|attribu[ée]es|allou[ée]es|accord[ée]es|vot[ée]es)"
    r"|r[ée]partition\s+des\s+subventions|demandes\s+de\s+subventions",
    _I,
)
# a row: a name, then sums (and maybe the vote on it); one line
SUBSIDY_ROW_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<name>[^\d\n€:]{2,80}?)[ \t]+(?P<sums>(?:(?:\d[\d \u00a0.,]*\s?€|0|-)[ \t]*){1,6})"
    r"[^\n]{0,40}$",
    re.MULTILINE,
)
# a name on its line, the sum alone on the next ("Ski-club Réallon\n 200 €")
SUBSIDY_STACKED_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<name>[A-ZÉÈÀ][^\d\n€:]{1,80}?)[ \t]*\n(?:[ \t]*\([^\n]{0,40}\)[ \t]*\n)?"
    r"[ \t]*(?P<sums>\d[\d \u00a0.,]*\s?€)[ \t]*$",
    re.MULTILINE,
)
# a sentence cut before its sum, not a name ("Le budget réservé s'élève à", "pour un montant de")
SENTENCE_FRAGMENT_RE = re.compile(
    r"(?:\s(?:à|a|de|du|des|le|la|les|d['’]|l['’]|pour|par|soit|est|sont)$)|s['’][ée]l[eè]ve|montant|total|restes?\s+à",
    _I,
)
# a name cut after a word that needs a next one ("Compagnie d'arc de\nPierrefonds 500 €")
OPEN_ENDED_NAME_RE = re.compile(r"(?:\s(?:de|des|du|la|le|les|et|pour)|d['’]|l['’])\s*$", _I)
WRAPPED_NAME_RE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<part>[A-ZÉÈÀ][^\d\n€:]{1,60}?)[ \t]*\n[ \t]*\Z")
ROW_NOT_NAME_RE = re.compile(r"^(?:total|sous[- ]total|tiers|reçues|demand[ée]es|propos[ée]es|montant|soit)\b", _I)
LIST_LINE_RE = re.compile(r"^[ \t]*[-•♦*]?[ \t]*(?P<name>[^\n:]{2,80}?)[ \t]*:[ \t]*(?P<amount>[^\n]+)$", re.MULTILINE)
NOT_BENEFICIARY_RE = re.compile(
    r"^(?:l['’]\s*)?(?:[ée]tat|ville|commune|collectivit[ée]|département|région|budget|total|montant|"
    r"soit|somme|prix|co[uû]t|dépenses?|recettes?|crédits?|chapitre|article|compte|ligne)\b",
    _I,
)
BENEFICIARY_HEADER_RE = re.compile(r"association|bénéficiaire|organisme|structure|porteur|attributaire|club", _I)
AMOUNT_HEADER_RE = re.compile(r"montant|somme|subvention|€|euros|attribu|proposition|accord|vot", _I)
MATCH_RATIO = 0.85


@dataclass
class BeneficiaryMatch:
    name: str
    amount: float | None
    start: int
    end: int


def normalized_name(name: str) -> str:
    """Name for comparison: no accents, case, quotes, leading article, nor "association"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # an acronym with dots: "A.R.E.F.E.P." -> "AREFEP."
    text = re.sub(r"[«»\"“”'’.]", " ", text)
    text = re.sub(r"\b(?:association|asso)\b", " ", text)
    text = re.sub(r"^\s*(?:l|la|le|les|une|un|des|d)\s+", " ", text)
    return " ".join(text.replace("-", " ").split())


def same_beneficiary(a: str, b: str) -> bool:
    na, nb = normalized_name(a), normalized_name(b)
    if not na or not nb:
        return False
    if na == nb or (len(min(na, nb, key=len)) >= 4 and (na in nb or nb in na)):
        return True
    return SequenceMatcher(None, na, nb).ratio() >= MATCH_RATIO


def _without_article(found: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """"les compagnons bâtisseurs" -> "compagnons bâtisseurs" (span moved with it)."""
    if found is None:
        return None
    name, start, end = found
    article = LEADING_ARTICLE_RE.match(name)
    if article and len(name) > article.end():
        return name[article.end() :], start + article.end(), end
    return found


def _name_at(text: str, position: int, end: int) -> tuple[str, int, int] | None:
    """The beneficiary's name written at ``position`` (article dropped)."""
    return _without_article(_raw_name_at(text, position, end))


def _raw_name_at(text: str, position: int, end: int) -> tuple[str, int, int] | None:
    """The name written at ``position``: quoted, or up to a stop word, or found by the NER."""
    lead = NAME_START_RE.match(text, position, end)
    cursor = lead.end() if lead else position
    quoted = QUOTED_RE.match(text, cursor, end)
    if quoted:
        return " ".join(quoted.group("q").split()), quoted.start("q"), quoted.end("q")
    stop = NAME_STOP_RE.search(text, cursor, min(end, cursor + 120))
    stop_at = stop.start() if stop else min(end, cursor + 120)
    raw = text[cursor:stop_at].strip()
    words = raw.split()
    if not words or len(words) > 10 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        # not a proper name in capitals: ask the NER ("l'association des parents d'élèves …")
        return organisation_at(text, position, min(end, position + 160))
    return raw, cursor, cursor + len(raw)


LEADING_ARTICLE_RE = re.compile(r"^(?:l['’]\s*|la\s+|le\s+|les\s+)", _I)


def _acceptable(name: str, authority: str | None) -> bool:
    if NOT_BENEFICIARY_RE.match(name):
        return False
    return not (authority and same_beneficiary(name, authority))


def from_sentences(text: str, start: int, end: int, authority: str | None) -> list[BeneficiaryMatch]:
    found: list[BeneficiaryMatch] = []
    amounts = [a for a in find_amounts(text[start:end])]
    for amount in amounts:
        a_start, a_end = amount.start + start, amount.end + start
        before = text[max(start, a_start - 160) : a_start]
        sentence_before = re.split(r"[.;]\s|\n\n", before)[-1]
        if not GRANT_CUE_RE.search(sentence_before) or GIVER_RE.search(sentence_before):
            continue
        to = TO_RE.match(text, a_end, end)
        if not to:
            continue
        named = _name_at(text, to.end(), end)
        if named and _acceptable(named[0], authority):
            found.append(BeneficiaryMatch(named[0], amount.value, named[1], named[2]))
    for cue in GRANT_TO_NAME_RE.finditer(text, start, end):
        if GIVER_RE.search(text[max(start, cue.start() - 60) : cue.start()]):
            continue
        named = _name_at(text, cue.end(), end)
        if not named or not _acceptable(named[0], authority):
            continue
        after = text[named[2] : min(end, named[2] + 80)]
        amount = next(iter(find_amounts(re.split(r"\.\s", after)[0])), None)
        found.append(BeneficiaryMatch(named[0], amount.value if amount else None, named[1], named[2]))
    return found


def _about_subsidies(text: str, start: int, end: int) -> bool:
    """The deliberation grants subsidies: its title (first lines) or a list heading says so."""
    head = text[start : min(end, start + 400)]
    return bool(SUBSIDY_TITLE_RE.search(head) or SUBSIDY_LIST_CUE_RE.search(text, start, end))


def from_lists(text: str, start: int, end: int, authority: str | None) -> list[BeneficiaryMatch]:
    """Lines "Name : 600 €" in a deliberation about subsidies."""
    if not _about_subsidies(text, start, end):
        return []
    found = []
    for line in LIST_LINE_RE.finditer(text, start, end):
        amounts: list[AmountMatch] = find_amounts(line.group("amount"))
        if len(amounts) != 1 or line.group("amount").strip() != amounts[0].text.strip():
            continue
        name = line.group("name").strip()
        if _acceptable(name, authority) and name[:1].isupper():
            found.append(BeneficiaryMatch(name, amounts[0].value, line.start("name"), line.end("name")))
    return found


def from_rows(text: str, start: int, end: int, authority: str | None) -> list[BeneficiaryMatch]:
    """Rows of a table of subsidies read as text: "Bols d'air 400 € 500 € 400 € 400 € Unanimité".

    The name is the row's leading text (continued from the line above when the name wraps:
    "Union nationale des\ncombattants 320 € …"); the sum granted is the row's last sum, the
    column of the sums voted.
    """
    if not _about_subsidies(text, start, end):
        return []
    found = []
    rows = sorted(
        [*SUBSIDY_ROW_RE.finditer(text, start, end), *SUBSIDY_STACKED_RE.finditer(text, start, end)],
        key=lambda m: m.start(),
    )
    for row in rows:
        sums = find_amounts(row.group("sums"))
        if not sums:
            continue
        name_start = row.start("name")
        name = row.group("name")
        above = WRAPPED_NAME_RE.search(text, max(start, name_start - 80), name_start)
        if above and (not name[:1].isupper() or OPEN_ENDED_NAME_RE.search(above.group("part"))):
            name_start = above.start("part")
            name = f"{above.group('part')} {name}"
        name = " ".join(name.split()).strip(" :-–")
        if (
            not name
            or not name[:1].isupper()
            or NOT_BENEFICIARY_RE.match(name)
            or ROW_NOT_NAME_RE.match(name)
            or SENTENCE_FRAGMENT_RE.search(name)
        ):
            continue
        if _acceptable(name, authority):
            found.append(BeneficiaryMatch(name, sums[-1].value, name_start, name_start + len(name)))
    return found


def _table_value(cell_text: str) -> float | None:
    amounts = find_amounts(cell_text)
    if amounts:
        return amounts[0].value
    return parse_figure(cell_text.replace("€", "").strip())


def from_tables(tables: list[Table], start: int, end: int, authority: str | None) -> list[BeneficiaryMatch]:
    found = []
    for table in tables:
        header = [cell.text for cell in table.rows[0]]
        who = next((i for i, h in enumerate(header) if BENEFICIARY_HEADER_RE.search(h)), None)
        how_much = next((i for i, h in enumerate(header) if AMOUNT_HEADER_RE.search(h) and i != who), None)
        if who is None:
            continue
        for row in table.rows[1:]:
            if who >= len(row):
                continue
            cell = row[who]
            if cell.start is None or not (start <= cell.start < end):
                continue
            name = cell.text.strip()
            if not name or not _acceptable(name, authority):
                continue
            value = _table_value(row[how_much].text) if how_much is not None and how_much < len(row) else None
            found.append(BeneficiaryMatch(name, value, cell.start, cell.end or cell.start))
    return found


def merge(matches: list[BeneficiaryMatch]) -> list[tuple[BeneficiaryMatch, list[BeneficiaryMatch]]]:
    """One entry per beneficiary: distinct amounts summed, the same amount counted once."""
    groups: list[list[BeneficiaryMatch]] = []
    for match in matches:
        for group in groups:
            if any(same_beneficiary(match.name, other.name) for other in group):
                group.append(match)
                break
        else:
            groups.append([match])
    merged = []
    for group in groups:
        amounts = sorted({m.amount for m in group if m.amount is not None})
        # the name as a table or an amount-bearing sentence writes it, else its first mention
        head = min(group, key=lambda m: (m.amount is None, m.start))
        total = sum(amounts) if amounts else None
        merged.append((BeneficiaryMatch(head.name, total, head.start, head.end), group))
    return merged


def find_beneficiaries(
    text: str, start: int, end: int, tables: list[Table], authority: str | None
) -> list[tuple[BeneficiaryMatch, list[BeneficiaryMatch]]]:
    matches = (
        from_sentences(text, start, end, authority)
        + from_lists(text, start, end, authority)
        + from_rows(text, start, end, authority)
        + from_tables(tables, start, end, authority)
    )
    return merge(sorted(matches, key=lambda m: m.start))
