"""Whether a statement of a vote was cast by the assembly on this item: not quoted in a visa or
a recital, not a rule of law, not an advisory body's opinion, not another assembly's vote, not a
note taken. Shared by the splitting of minutes (segment) and the reading of the vote (votes).
"""

from __future__ import annotations

import re

from deliberations.nlp import lexicon, units
from deliberations.nlp.zones import item_span, zone_rule, zones_of

# the assembly named as the subject of the decision ("Le bureau communautaire, après en avoir délibéré")
DECIDING_BODY_RE = re.compile(
    rf"\b(?:le|la)\s+(?P<body>{lexicon.deciding_body()})\b", re.IGNORECASE
)
# a body that gives an opinion, never a deliberation: "validé par le comité technique à l'unanimité",
# "la commission des finances a émis un avis favorable à l'unanimité"
# (the lexicon's advisory bodies; a commission that deliberates, the commission permanente, is an
# assembly)
_ADVISORY = rf"(?!{lexicon.assembly_pattern()}){lexicon.pattern('advisory_body')}\b"
ADVISORY_BODY_RE = re.compile(
    rf"\bpar\s+(?:le|la)\s+{_ADVISORY}|\b(?:le|la)\s+{_ADVISORY}[^.;]{{0,60}}?\ba\s+(?:émis|rendu|donné|adopté|validé|approuvé)",
    re.IGNORECASE,
)

# an opinion named as such before the statement, an advisory body beside it: "Avis favorable à
# l'unanimité de la commission des finances", "Commission Finances du 5 mars : avis favorable à
# l'unanimité", "Après avis favorable de la commission, réunie le 3 mars, à l'unanimité, il est
# proposé …"; not when the council is named or has deliberated in the sentence ("Vu l'avis de la
# commission, le conseil, après en avoir délibéré, à l'unanimité, …")
OPINION_RE = re.compile(r"\bavis\b", re.IGNORECASE)
ADVISORY_WORD_RE = re.compile(
    rf"\b(?:{lexicon.pattern('advisory_body')})\b", re.IGNORECASE | re.UNICODE
)
# the assembly by its head word ("le Conseil", "le Comité", "l'assemblée"), not an advisory body
COUNCIL_NAMED_RE = re.compile(
    rf"\b(?:le|la)\s+(?!{lexicon.pattern('advisory_body')}\b)"
    rf"(?:{lexicon.pattern('assembly_head')}|{lexicon.pattern('assembly_word')})\b",
    re.IGNORECASE,
)
OPINION_TAIL = 80  # "à l'unanimité de la commission des finances": the body named right after


def advisory_opinion(sentence: str, opening: str, statement: str) -> bool:
    """Whether the statement in ``sentence`` (after ``opening``) is an advisory body's opinion."""
    if not OPINION_RE.search(opening):
        return False
    if DECIDED_RE.search(opening) or COUNCIL_NAMED_RE.search(opening):
        return False  # the council speaks in this sentence: its opinion, its vote
    tail = sentence[len(opening) + len(statement) :][:OPINION_TAIL]
    return ADVISORY_WORD_RE.search(opening + statement + tail) is not None


# a vote quoted, not cast: in a visa or a recital ("Vu le code … prévoyant que « le conseil peut
# décider, à l'unanimité, … »", "Considérant que la commission a adopté son rapport à l'unanimité")
RECITAL_RE = zone_rule("recital").regex  # "Vu …", "Considérant …": the zone table's words
DECIDED_RE = re.compile(r"d[ée]lib[ée]r[ée]|\bd[ée]cide\b", re.IGNORECASE)
# a rule of law, not a result: "à la majorité qualifiée requise", "le conseil peut décider à l'unanimité"
LEGAL_RULE_RE = re.compile(
    r"majorit[ée]\s+(?:qualifi[ée]e\s+)?requise|majorit[ée]\s+des\s+deux\s+tiers\s+au\s+moins|\bpeut\s+d[ée]cider"
    # "le rapport doit dorénavant être approuvé à la majorité qualifiée des conseils municipaux":
    # the rule the law sets for the member communes, never the council's own vote
    r"|\bdoit\s+(?:[^\W\d_]+\s+)?(?:être\s+)?(?:adopt|approuv|vot)|majorit[ée]\s+qualifi[ée]e\s+des\b"
    # the election's rules as the form recalls them: "le maire est élu au scrutin secret et à la
    # majorité absolue", "en cas d'égalité de suffrages, le plus âgé est déclaré élu"
    r"|\b[ée]lus?\s+au\s+scrutin\s+secret|\ben\s+cas\s+d['’][ée]galit[ée]|\bl\W{0,2}[ée]lection\s+a\s+lieu\b"
    r"|\bsans\s+panachage\b",
    re.IGNORECASE,
)

DATE_BEFORE_RE = re.compile(r"\d[/.]\Z")  # "15/08/07 pour les parcelles": a date, not "7 pour"

TAKES_NOTE_RE = re.compile(
    r"\b(?:prend|prennent|donne|a\s+pris|ont\s+pris)\s+acte\b", re.IGNORECASE
)
# "… prend acte de cette modification et décide que …", "… prend acte de la convention signée et à
# l'unanimité autorise monsieur le maire …", "la poursuite de l'opération est acceptée à l'unanimité
# et le conseil municipal prend acte des marchés": a decision taken with the note, cast
DECIDES_TOO_RE = re.compile(
    r"\bet\s+(?:(?:à|a)\s+l['’]\s*unanimit[ée]\s+|(?:à|a)\s+la\s+majorit[ée]\s+)?"
    rf"(?!(?:prend|donne)\s+acte)(?:{lexicon.pattern('decision_verb')})\b"
    r"|\b(?:est|sont)\s+(?:accept|adopt|approuv)[ée]e?s?\s+(?:à|a)\s+(?:l['’]\s*unanimit|la\s+majorit)",
    re.IGNORECASE,
)
SENTENCE_START_RE = re.compile(r"[.;!?]\s|\n[ \t]*\n|\f")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence around a statement, within its paragraph (``units``), up to the next item's
    heading: a vote closing an item with no full stop ("Adopté à l'unanimité par le Conseil
    Municipal,") does not run on into the next item's title and report."""
    first = units.sentence_start(text, start, SENTENCE_START_RE)
    last = max(end, min(item_span(text, end)[1], units.sentence_end(text, end, SENTENCE_START_RE)))
    return text[first:last]


# a tender set aside in the report on a call for tenders: "L'entreprise X n'ayant pas répondu, son
# offre a été rejetée", "Sa candidature a été rejetée", "les offres … ont été écartées" (procurement
# reports of every body); what is rejected is an offer, not the deliberation
OFFER_REJECTED_RE = re.compile(
    r"\b(?:offres?|candidatures?|plis?)\b[^.;]{0,60}?\b(?:a|ont|est|sont)\s+(?:été\s+)?"
    r"(?:rejet|[ée]cart|jug[ée]e?s?\s+irr[ée]guli|d[ée]clar[ée]e?s?\s+(?:irr[ée]guli|inacceptable))",
    re.IGNORECASE,
)


# a guillemet OCR read for a bullet ("«* Déclassement de la parcelle …"): no quotation
OCR_BULLET_RE = re.compile(r"«[ \t]*[*•·]")


def _in_quotation(text: str, start: int) -> bool:
    """Inside « … »: a guillemet opened before the statement in its item and not closed yet, and
    closed later in the item."""
    item_start, item_end = item_span(text, start)
    window = text[item_start:start]
    opened = window.rfind("«")
    return (
        opened >= 0
        and not OCR_BULLET_RE.match(window, opened)
        and "»" not in window[opened:]
        and _closed_after(text[start:item_end])
    )


def _closed_after(after: str) -> bool:
    """The quotation open where ``after`` starts is closed in it: a "»" with as many "«" as "»"
    before it (a quotation opened inside it is closed first; an exposé quoted and never closed
    before the decision, then the next item's « … », is not closed by that one's "»")."""
    depth = 1
    for mark in re.findall("[«»]", after):
        depth += 1 if mark == "«" else -1
        if depth == 0:
            return True
    return False


def not_cast_reason(
    text: str,
    start: int,
    end: int,
    body: str | None = None,
    reports: tuple[tuple[int, int], ...] = (),
) -> str | None:
    """Why a statement of a vote is not a vote of this séance on one of its items (None: it is)."""
    if any(a <= start < b for a, b in reports):
        return "report"  # in a report of decisions taken by delegation
    if DATE_BEFORE_RE.search(text[max(0, start - 3) : start]):
        return "date"
    if _in_quotation(text, start):
        return "quoted"  # « … n'a pas été adopté … »: a law or a letter quoted, not a vote
    zone = zones_of(text).at(start)
    if zone == "attendance":
        return (
            "attendance"  # "En exercice : 15 - Présents : 12 - Votants : 13": the séance's counts
        )
    sentence = sentence_around(text, start, end)
    opening = sentence[: sentence.find(text[start:end])] if text[start:end] in sentence else ""
    if (RECITAL_RE.match(sentence.lstrip()) or zone == "recital") and not DECIDED_RE.search(
        opening
    ):
        return "recital"  # quoted in a visa or a recital, not cast
    if LEGAL_RULE_RE.search(sentence):
        return "legal_rule"
    if OFFER_REJECTED_RE.search(sentence):
        return "offer_rejected"  # a tender set aside in the analysis of offers, not a vote
    if TAKES_NOTE_RE.search(sentence) and not DECIDES_TOO_RE.search(sentence):
        return "takes_note"  # the council only takes note (of a report, of decisions)
    if ADVISORY_BODY_RE.search(sentence) or advisory_opinion(sentence, opening, text[start:end]):
        return "advisory_body"  # an opinion given before the council's vote
    named = DECIDING_BODY_RE.search(sentence)
    if body and named:
        deciding = " ".join(named.group("body").lower().split())
        if deciding.split()[0] != body.split()[0]:
            return "other_assembly"  # voted by another assembly (the bureau), reported to this one
        if OTHER_LEVEL_RE.search(deciding) and not OTHER_LEVEL_RE.search(body):
            # "Le conseil départemental a quant à lui accepté de subventionner …": a funder's
            # council, in the municipal council's minutes
            return "other_assembly"
    return None


# the council of a département or a région (a funder), not the séance's own council (the lexicon's)
FUNDERS_COUNCILS = ("conseil départemental", "conseil régional")
OTHER_LEVEL_RE = re.compile(
    "|".join(a.pattern for a in lexicon.assemblies() if a.name in FUNDERS_COUNCILS), re.IGNORECASE
)


def cast_here(
    text: str, start: int, end: int, body: str | None, reports: list[tuple[int, int]]
) -> bool:
    """Whether a statement of a vote is a vote of this séance on one of its items."""
    return not_cast_reason(text, start, end, body, tuple(reports)) is None


#: what makes a statement not the deliberation's vote once the deliberation is cut out: quoted in a
#: recital, or an advisory body's opinion (the others only matter for cutting minutes into items)
NOT_THE_VOTE = frozenset({"recital", "advisory_body", "offer_rejected", "quoted"})
