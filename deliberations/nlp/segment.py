"""Is the document a deliberation, and where does each deliberation's text start and end.

A document is of kind ``deliberation`` when it states a vote or the deliberative formula; a
report, a letter, a list of deliberations or a budget table alone is ``other``.

Minutes of a séance hold many deliberations. Each statement of a vote closes one: the
deliberation runs from its item heading (see :mod:`deliberations.nlp.headings`) to the next
heading, or to the end of the vote's paragraph when the next vote follows without a heading.
Items with no vote (information, questions diverses) are not deliberations. Annexes bound
after the last deliberation (a letter, a convention) are cut off so that their sums and names
are not the deliberation's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deliberations.extract.word_tables import cell_value
from deliberations.nlp import layout, lexicon, units
from deliberations.nlp.beneficiaries import ROWS_TOTAL_RE
from deliberations.nlp.cast import (
    cast_here,
    sentence_around,
)
from deliberations.nlp.headings import (
    HEADING_TABLE,
    STRONG_RULES,
    VOTE_LABEL,
    Heading,
    find_headings,
)
from deliberations.nlp.votes import deliberation_formulas, vote_statements

_M = re.IGNORECASE | re.MULTILINE | re.UNICODE

DELIBERATIVE_RE = re.compile(
    rf"{lexicon.pattern('deliberated')}|\bd[ée]lib[èe]re\b|registre\s+des\s+d[ée]lib[ée]rations"
    rf"|\bd[ée]lib[ée]ration\s+du\s+(?:{lexicon.pattern('assembly_head')}|{lexicon.pattern('bureau')})"
    r"|\bd[ée]cision\s+adopt[ée]e",
    _M,
)
# where a new, appended document starts: an annex, a letter, a convention, a second "Objet :"
ANNEX_START_RE = re.compile(
    r"^[ \t]*(?:ANNEXE|Annexe)\b|^[ \t]*PR[ÉE]AMBULE\b|^[ \t]*CONVENTION\b|^[ \t]*Objet\s*:"
    rf"|^[ \t]*{lexicon.pattern('civility')}\s+(?:le|la|l['’])\s*[\w ]{{3,40}},[ \t]*$",
    re.MULTILINE | re.UNICODE,
)
PARAGRAPH_END_RE = re.compile(r"\n[ \t]*\n|\f")
CLUSTER_GAP = 250  # vote statements closer than this, with no heading between, are one vote
MAX_ITEM_JUMP = 3  # the next agenda item is numbered at most this far ahead
FAR_APART = 1200  # farther than this, two votes are two deliberations
NEW_QUESTION_RE = re.compile(
    rf"{lexicon.pattern('deliberated')}|il\s+(?:est|sera)\s+(?:donc\s+)?propos[ée]|\bpropose\s+(?:au|aux|de|d['’])"
    r"|\bdemande\s+(?:au|aux)\s+(?:membres|conseil)|\bsoumet\b|mise?\s+aux\s+voix|pass[eé]\s+au\s+vote"
    r"|\?\s*(?:\n|$)",
    re.IGNORECASE,
)


# a sentence closed between two votes: a full stop then a new line or a capital
SENTENCE_END_RE = re.compile(r"[a-z0-9éèàû)»][.!?][ \t]*(?:\n|[ \t][A-ZÉÈÀ])")


# a count of the votes for: "Pour : 16"
COUNT_FOR_RE = re.compile(r"pour[ \t]*:[ \t]*\d", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """The span of one deliberation in the document text, and the heading it starts at."""

    start: int
    end: int
    heading: Heading | None = None


# a heading that opens a report, not items to vote: the decisions taken by delegation
REPORT_HEADING_RE = re.compile(
    r"(?:compte[- ]rendu|rend\s+compte|informations?|communications?)\b.{0,100}?"
    r"(?:d[ée]l[ée]gation|d[ée]l[ée]gu[ée]s?|d[ée]cisions?)"
    r"|pouvoirs\s+d[ée]l[ée]gu[ée]s|d[ée]cisions?\s+(?:du\s+maire|du\s+pr[ée]sident|prises?\s+(?:en\s+vertu|par\s+d[ée]l[ée]gation|dans\s+le\s+cadre))",
    re.IGNORECASE,
)
# "Le compte-rendu du Conseil Municipal du 14 novembre 2018 est approuvé à l'unanimité"
# (or the vote labelled so: "Vote du compte-rendu de la précédente réunion :\npour : 10\n…")
MINUTES_APPROVED_RE = re.compile(
    r"(?:compte[- ]rendu|proc[èe]s[- ]verbal|\bPV)\b[^.]{0,160}?\b(?:est|a\s+été|sont|ont\s+été)\s+(?:approuv|adopt)"
    r"|\b(?:vote|approbation|adoption)\s+du\s+(?:compte[- ]rendu|proc[èe]s[- ]verbal|PV)\b",
    re.IGNORECASE,
)
# the order of the day changed in passing: "Le conseil municipal accepte à l'unanimité d'ajouter les
# points précités à l'ordre du jour", "L'Assemblée accepte … l'ajout de deux rapports au titre des
# questions diverses", "… accepte le retrait du point 7 de l'ordre du jour" (a formality of the
# séance, no deliberation: the gold's convention, FORMALITY_RE below for a titled one)
# (the order of the day named first: "Monsieur le Maire donne lecture de l'ordre du jour et propose
# au Conseil municipal : - d'y ajouter le point suivant : … - de retirer les points suivants …
# Le Conseil municipal donne son accord.")
AGENDA = lexicon.pattern("agenda")
AGENDA_CHANGE_RE = re.compile(
    r"\b(?:r?ajout\w*|inscri\w*|retir\w*|retrait|modifi\w*|compl[ée]t\w*)\b[^.]{0,100}?"
    rf"\b(?:{AGENDA}|questions?\s+diverses)\b"
    rf"|\b{AGENDA}\b[^.]{{0,80}}?\bpropose\b[^.]{{0,60}}?\b(?:r?ajout\w*|inscri\w*|retir\w*|retrait)\b",
    re.IGNORECASE,
)
AGENDA_REACH = 500  # the change put this close before the vote
# the séance deciding how it votes ("… demande aux membres s'ils souhaitent conserver le mode de
# vote à main levée et nominatif.\n\nVote : Pour à l'unanimité"): a formality, no item
# (or its ways: "… demande en début de séance à ce que le Conseil Municipal se prononce sur les
# modalités de vote du budget et propose un vote à bulletin secret. A 8 voix pour, … il est décidé
# que les budgets 2009 … seront votés à bulletin secret")
VOTING_MODE_RE = re.compile(
    r"\b(?:mode|modalit[ée]s)\s+de\s+(?:vote|scrutin)\b|\bvote\s+(?:à|a)\s+main\s+lev[ée]e\b"
    r"|\bvot\w*\s+(?:à|a|au)\s+bulletins?\s+secrets?\b",
    re.IGNORECASE,
)
VOTING_MODE_REACH = 300  # the question put this close before the vote
ITEM_REACH = 600  # a numbered item heading this close before a vote owns it
# a decision with no count: "Le Conseil Municipal considérant … décide de lui allouer …",
# "LE CONSEIL MUNICIPAL, À L'EXCEPTION DE …, DÉCIDE DE REFUSER …", the assembly opening the sentence
DECISION_RE = re.compile(
    rf"\b(?:le|la)\s+{lexicon.deciding_body()}\b"
    r"(?:[^.;!?]|(?<=\bMM)\.|(?<=\bM)\.){0,220}?"
    rf"\b(?:{lexicon.pattern('decision_verb')}|{lexicon.pattern('rejecting_verb')})\b",
    re.IGNORECASE,
)
# the form's decision on the number of adjoints, in the past tense and with dotted blanks filled
# in by hand: "le conseil municipal a fixé à .....5..... le nombre des adjoints au maire"
FORM_DECISION_RE = re.compile(
    r"\ble\s+conseil\s+municipal\s+a\s+fix[ée]\b(?:(?!\n[ \t]*\n)[\s\S]){0,200}?\ble\s+nombre\s+(?:des\s+|d['’])adjoints\b",
    re.IGNORECASE,
)
# the dispositif of a register's act: the assembly alone at the end of its line, its recitals
# ("Vu …,", "Statuant sur …,", "Constatant que … :" and their figures) with no full stop, then the
# verb opening a line: "Le Conseil Municipal ;\nAprès s'être assuré …,\nStatuant …,\nDECLARE que le
# compte de gestion … n'appelle ni observation ni réserve" (the national model of the approval of a
# compte de gestion, and the affectation of a result: "Le Conseil Municipal,\nAprès avoir entendu …
# \nDécide d'affecter …"; registers of most communes)
RECITED_DECISION_RE = re.compile(
    rf"(?:^|(?<=[\n\f]))[^\n\f]{{0,80}}?\b(?i:le|la)\s+{lexicon.pattern('deciding_body')}(?:[ \t]*[,;:][^\n.]{{0,80}}|[ \t]*)(?=\n)"
    # (a full stop in an abbreviation or a figure goes on: "fonct. antérieur", "12.379,08")
    r"(?:[^.!?]|\.(?![ \t]*(?:[A-ZÉÈÀÂÎÔ]|\n|$))){0,2500}?"
    rf"\n[ \t]*(?:[-–•✓➢]\s*)?(?:{lexicon.pattern('decision_verb')})\b",
    re.UNICODE,
)
OPENS_SENTENCE_RE = re.compile(r"(?:[.;:!?»)]|\n[ \t]*\n|\f|^)\s*$")
# a table's last row (a sum, a rate) right above: "Montant total du marché 259 930,70 €\nLe Conseil
# municipal, après avoir pris connaissance de la proposition de la CAO et délibéré, décide …"
# (a sum or a rate closing the line, not a year: "Location de matériel 2016\nLe conseil municipal …"
# is a title over a sentence that goes on)
AFTER_TABLE_ROW_RE = re.compile(
    r"(?:\d[ \t\u00a0]*(?:€|%|euros?)|\d,\d{2})[ \t]*(?:HT|H\.T\.|TTC)?[ \t]*\n[ \t]*$"
)
# an election's outcome closes its item: "Sont déclarés élus : …", "M. X est proclamé élu"
ELECTED_RE = re.compile(
    r"\b(?:est|sont)\s+(?:proclam|d[ée]clar)[ée]e?s?\s+[ée]lue?s?\b"
    # the form of the election of the mayor and the adjoints: "M. X a été proclamé(e) maire",
    # "Ont été proclamés adjoints …"
    r"|\b(?:a|ont)\s+été\s+proclam[ée](?:\(e\)|e)?s?(?:\s+(?:maire|adjoints?)\b)?",
    re.IGNORECASE,
)
# a line holding only a count of votes: "13 votes", "12 voix"
BARE_COUNT_RE = re.compile(
    r"^[ \t]*\d{1,3}[ \t]+(?:votes?|voix)[ \t]*$", re.IGNORECASE | re.MULTILINE
)
# the vote's label opening a line, what was decided written after it: "Vote : la demande de
# participation communale est acceptée et monsieur le maire est autorisé à signer la convention"
# (no count nor unanimity printed; the label of "Vote : Unanimité" lines, Flaux, Pierrefonds)
VOTE_LABEL_LINE_RE = re.compile(rf"(?:^|(?<=[\n\f])){VOTE_LABEL}(?=[ \t]*\S)")


def _report_spans(headings: list[Heading]) -> list[tuple[int, int]]:
    """Sections that report decisions taken by delegation, up to the next agenda item."""
    spans = []
    for index, heading in enumerate(headings):
        if heading.rule in STRONG_RULES and REPORT_HEADING_RE.search(heading.title):
            end = next(
                (
                    h.start
                    for h in headings[index + 1 :]
                    if h.position is not None and h.rule in STRONG_RULES
                ),
                None,
            )
            spans.append((heading.start, end if end is not None else heading.end))
    return spans


def vote_clusters(
    text: str, headings: list[Heading], body: str | None = None, with_decisions: bool = True
) -> list[tuple[int, int]]:
    """Statements of one vote grouped: "Vote : - Pour : 14 - Contre : 3 (…)" is one.

    ``with_decisions``: a decision stated with no count ("Le conseil municipal décide …") closes
    an item of minutes too; in a document of one deliberation it is no vote.
    """
    clusters: list[list[int]] = []  # [start, end, 1 when only a formula so far]
    starts = [h.start for h in headings]
    strong_starts = [h.start for h in headings if h.rule in STRONG_RULES]
    # (an item of the agenda owns the approval of the minutes or a change of the agenda voted
    # under it; "QUESTIONS DIVERSES" listed in the agenda above them does not)
    item_starts = [
        h.start for h in headings if h.rule in STRONG_RULES and h.rule not in CLOSING_RULES
    ]
    reports = _report_spans(headings)
    statements = [(a, b, 0) for a, b in vote_statements(text)]
    statements += [(m.start(), m.end(), 0) for m in BARE_COUNT_RE.finditer(text)]
    statements += [(m.start(), m.end(), 0) for m in VOTE_LABEL_LINE_RE.finditer(text)]
    statements += [(m.start(), m.end(), 0) for m in ELECTED_RE.finditer(text)]
    statements += [(a, b, 1) for a, b in deliberation_formulas(text)]
    statements += [(a, b, 1) for a, b in decisions(text)] if with_decisions else []
    for start, end, formula in sorted(statements):
        if not cast_here(text, start, end, body, reports):
            continue
        if MINUTES_APPROVED_RE.search(sentence_around(text, start, end)) and not any(
            start - ITEM_REACH <= s < start for s in item_starts
        ):
            continue  # the previous minutes approved in passing, not as a numbered item
        asked = _asked_before(text, start, end, starts)
        if AGENDA_CHANGE_RE.search(
            _asked_before(text, start, end, starts, AGENDA_REACH)
        ) and not any(start - ITEM_REACH <= s < start for s in item_starts):
            continue  # the order of the day changed in passing
        if VOTING_MODE_RE.search(asked) and not any(
            start - ITEM_REACH <= s < start for s in starts
        ):
            continue  # how the séance votes, decided before its items
        # "après en avoir délibéré, décide : … ADOPTÉ À LA MAJORITÉ": one decision
        if (
            clusters
            and clusters[-1][2]
            and start - clusters[-1][1] <= FAR_APART
            and not any(clusters[-1][1] <= s < start for s in strong_starts)
        ):
            clusters[-1][1] = max(clusters[-1][1], end)
            clusters[-1][2] = formula
            continue
        if clusters:
            last = clusters[-1]
            heading_between = any(last[1] <= s < start for s in starts)
            gap = start - last[1]
            # with no heading between, a second vote is a new deliberation only when a new
            # question was put to the council in between (or far away): "Vote : 2 abstentions"
            # after the decision it closes is the same vote
            new_question = NEW_QUESTION_RE.search(text, last[1], start) is not None
            # (close by too: "Vote : Pour : 16 …\n\nM. X propose aux membres d'approuver le
            # compte administratif.\n\nVote : Pour : 15 …", a question put in a sentence of its own)
            # (both counts of votes: a recital's "a adopté le rapport" before the question is
            # no vote of its own)
            asked_apart = (
                new_question
                and SENTENCE_END_RE.search(text, last[1], start) is not None
                and COUNT_FOR_RE.search(text, last[0], last[1]) is not None
                and COUNT_FOR_RE.match(text, start, end) is not None
            )
            if not heading_between and (
                (gap <= CLUSTER_GAP and not asked_apart) or (gap <= FAR_APART and not new_question)
            ):
                last[1] = max(last[1], end)
                last[2] = last[2] and formula
                continue
        clusters.append([start, end, formula])
    return [(a, b) for a, b, _ in clusters]


def _asked_before(
    text: str, start: int, end: int, starts: list[int], reach: int = VOTING_MODE_REACH
) -> str:
    """What was put to the vote: the statement's sentence and the text just before it, back to
    the nearest heading ("… souhaite rajouter un point à l'ordre du jour : …\n\nVOTE : Unanimité")."""
    since = max([max(0, start - reach)] + [s for s in starts if s < start])
    return text[since:start] + sentence_around(text, start, end)


def decisions(text: str) -> list[tuple[int, int]]:
    """Decisions stated with no count, the assembly opening its sentence ("Le conseil … décide …"),
    and the election form's "le conseil municipal a fixé à 5 le nombre des adjoints"."""
    found = [
        (m.start(), m.end())
        for m in DECISION_RE.finditer(text)
        if OPENS_SENTENCE_RE.search(text, max(0, m.start() - 40), m.start())
        or (
            text[m.start()] == "L"
            and AFTER_TABLE_ROW_RE.search(text, max(0, m.start() - 40), m.start())
        )
    ]
    found += [(m.start(), m.end()) for m in RECITED_DECISION_RE.finditer(text)]
    return sorted(found + [(m.start(), m.end()) for m in FORM_DECISION_RE.finditer(text)])


def document_kind(text: str) -> str:
    if DELIBERATIVE_RE.search(text) or vote_statements(text):
        return "deliberation"
    return "other"


def _paragraph_end(text: str, position: int) -> int:
    match = PARAGRAPH_END_RE.search(text, position)
    return match.start() if match else len(text)


# a row of a list of grants put to the vote on its own: "Amitié Loisirs Aînés 610 €" then, within
# three lines, "Vote :" and its counts; each such row is a deliberation of its own
VOTED_ROW_RE = re.compile(
    # (not a line of a budget's figures: "Excédent de fonctionnement : 82 837.02 €", "Dépenses 322 915 €",
    # "002 - Affectation de résultat de fonctionnement 40 000.00 €")
    r"(?:^|(?<=[\n\f]))[ \t]*(?!(?i:exc[ée]dent|d[ée]ficit|d[ée]penses|recettes|r[ée]sultat|total|solde|section|affectation)\b)(?!\d{3,4}\s*[-–])"
    r"(?P<name>[A-ZÉÈÀÂÎ0-9][^\n\f€:]{1,70}?)[ \t]+\d[\d \u00a0.]*(?:,\d{2})?[ \t]*€[ \t]*\n"
    r"(?:[^\n€]*\n){0,3}?[ \t]*Vote[ \t]*:",  # lines between: a remark, not another row
)


# a member reading a report to the council, under an item's title: a draft deliberation
REPORT_READ_RE = re.compile(
    rf"[ \t]*\n(?:[ \t]*\n)?[ \t]*{lexicon.pattern('civility')}\s[^\n]{{0,60}}?\bdonnen?t?\s+lecture\s+du\s+rapport\b"
)


def voted_rows(text: str, headings: list[Heading]) -> list[Heading]:
    """Rows of a list of grants each followed by its own vote, as weak headings titled by their
    item ("Vote des subventions aux associations – Judo") and carrying its number."""
    rows = []
    for match in VOTED_ROW_RE.finditer(text):
        name = " ".join(match.group("name").split())
        item = next(
            (
                h
                for h in reversed(headings)
                if h.start < match.start() and h.rule not in PART_LABEL_RULES
            ),
            None,
        )
        title = f"{item.title} – {name}" if item else name
        rows.append(
            Heading(
                match.start("name"),
                match.end("name"),
                title,
                item.number if item else None,
                "voted_row",
            )
        )
    return rows


def _first_voted_row(
    before: list[Heading], headings: list[Heading], clusters: list[tuple[int, int]], index: int
) -> Heading | None:
    """The last heading before a vote, when it is a row of a list of grants and the next vote
    closes another row of the same list: each row is voted on its own, the first one too. (A
    single row voted under its item is the item's: the item's title names it.)"""
    if not before or before[-1].rule != "voted_row" or index + 1 >= len(clusters):
        return None
    row = before[-1]
    following = [h for h in headings if clusters[index][1] <= h.start < clusters[index + 1][0]]
    if following and following[-1].rule == "voted_row" and following[-1].number == row.number:
        item = row.title.rsplit(" – ", 1)[0]
        if following[-1].title.startswith(item + " – ") and row.title != item:
            # (the deliberation starts at its item's title: who presents the list is said there)
            owner = next((h for h in reversed(before) if h.title == item), row)
            return Heading(owner.start, row.end, row.title, row.number, row.rule, row.position)
    return None


def segments(text: str, body: str | None = None) -> list[Segment]:
    """The deliberations of a document, in order, annexes cut off.

    ``body`` is the séance's assembly: a vote by another one (a bureau whose decisions are
    reported to the council) is not a deliberation of this séance.
    """
    headings = find_headings(text)
    headings = sorted(headings + voted_rows(text, headings), key=lambda h: h.start)
    clusters = vote_clusters(text, headings, body)
    reports = _report_spans(headings)  # the decisions listed there are not this séance's items
    if len(clusters) <= 1:
        # a single deliberation: the whole document (its heading may follow the vote)
        clusters = vote_clusters(text, headings, body, with_decisions=False)
        end = len(text)
        if clusters:
            annex = ANNEX_START_RE.search(text, clusters[0][1])
            end = annex.start() if annex else end
        return [Segment(0, end, None)]
    result: list[Segment] = []
    previous_end = 0
    expected_position: int | None = None  # the agenda position of the current item, once known
    owner: Heading | None = None  # the numbered item whose sub-items are being read
    sub_rule: str | None = None  # the rule of those sub-items' headings
    queued: list[Heading] = []  # titles listed together whose votes follow one by one
    for index, (vote_start, vote_end) in enumerate(clusters):
        next_vote = clusters[index + 1][0] if index + 1 < len(clusters) else len(text)
        # (a thematic part, "1 – FINANCES" over "1-1 : Subventions", opens no item of its own)
        before = [
            h
            for h in headings
            if previous_end <= h.start < vote_start
            and not h.theme
            and not any(a <= h.start < b for a, b in reports)
        ]
        strong = [h for h in before if h.rule in STRONG_RULES]
        in_sequence = _in_sequence(strong, expected_position)
        # the agenda's last part ("QUESTIONS DIVERSES") closes the numbered item above it
        closing = [h.start for h in strong if h.rule in CLOSING_RULES]
        in_sequence = [h for h in in_sequence if not closing or h.start > closing[-1]]
        # a heading that carries the deliberation's own number ("DEL2025-76 : …") comes first
        numbered = [h for h in before if h.number]
        heading = (numbered or in_sequence or strong or [None])[-1]
        heading = _parts_of_one_item(heading, before, headings)
        stacked = _stacked_titles(text, before)
        if before:
            queued = []
        listed_above = heading is None and not before and bool(queued)
        if listed_above:
            heading = queued.pop(0)  # the next of titles listed together, voted one by one
        elif (
            (heading is None or heading.start < stacked[0].start if stacked else False)
            and len(stacked) >= 2
            and index + 1 < len(clusters)
            and not any(vote_end <= h.start < clusters[index + 1][0] for h in headings)
        ):
            # titles listed together ("− Approbation du compte de gestion 2015", "− Approbation
            # du compte administratif 2015"), then as many votes with no title between: each
            # title in turn (under a numbered part: "2. Budget - Eau et Assainissement")
            heading, queued = stacked[0], stacked[1:]
            strong = []
        elif heading is None and _first_voted_row(before, headings, clusters, index):
            # the first row of a list of grants voted one by one is a deliberation like the
            # next ones, titled by its item and its row ("… – Festival des Forêts")
            heading = _first_voted_row(before, headings, clusters, index)
        elif heading is None and before:
            # weak headings only: the item's title comes first, after a section's title
            heading = next(
                (
                    h
                    for h in before
                    if not _section_title(text, h, before) and not _label_above_title(h, before)
                ),
                before[0],
            )
            heading = _last_of_peers(text, heading, before)
        if heading is not None and heading.position is not None:
            expected_position = heading.position
        if (
            strong
            and before[-1] is not heading
            and before[-1].rule not in STRONG_RULES
            and (_next_vote_under_same_heading(headings, clusters, index))
        ):
            # a dash or lettered sub-item under a numbered item holding several votes: each vote
            # is a deliberation of its own, under the item's number ("2015.01.26 - 6")
            owner = heading
            heading = _numbered_as(before[-1], owner)
            sub_rule = before[-1].rule
        elif heading is not None and heading.rule in STRONG_RULES:
            heading = _with_subtitle(heading, before)
            owner = sub_rule = None
        elif owner is not None and heading is not None and heading.rule == sub_rule and not strong:
            heading = _numbered_as(heading, owner)  # the next sub-item of the same item
        else:
            owner = sub_rule = None
        start = heading.start if heading and not listed_above else previous_end
        # an item number far ahead of the agenda's sequence is a row of a table ("194 – Mise en
        # place d'une flotte…" under item 9), not the next item
        after = [
            h
            for h in headings
            if vote_end <= h.start < next_vote
            # (a part's label right after a vote may head the names it designated: "Membres
            # titulaires :\n\nM. Marc MIOTTO …"; the next part starts at its label all the same)
            and h.rule not in PART_LABEL_RULES
            and (
                h.position is None
                or expected_position is None
                or h.position <= expected_position + MAX_ITEM_JUMP
            )
        ]
        end = (
            after[0].start
            if after
            else (
                len(text)
                if index + 1 == len(clusters)
                else min(_paragraph_end(text, vote_end), next_vote)
            )
        )
        read = [h for h in before if h.rule == "presented" and REPORT_READ_RE.match(text, h.end)]
        if len(read) > 1 and heading in read:
            # "X donne lecture du rapport suivant" under each of several titles before one vote:
            # the reports before the last are items whose vote is not printed
            result += [
                Segment(h.start, following.start, h)
                for h, following in zip(read, read[1:], strict=False)
            ]
            heading, start = read[-1], read[-1].start
        result.append(Segment(start, end, heading))
        previous_end = end
    last = result[-1]
    annex = ANNEX_START_RE.search(text, clusters[-1][1], last.end)
    if annex:
        result[-1] = Segment(last.start, annex.start(), last.heading)
    result = _with_unvoted_items(text, headings, reports, result)
    return _printed_once(text, _extracts_for_items(text, headings, result))


# rows of grants an unvoted item must list to stand as a deliberation (a table, not a sentence)
MIN_GRANT_ROWS = 3
# a row of a list of grants: a name (numbered or not) then the sum, alone at the line's end:
# "1. Association SOINS SANTE 282,00", "Val d'Orne Environnement 120,00", "ACCA 500 €"
GRANT_ROW_RE = re.compile(
    r"^[ \t]*(?:\d{1,3}[.)][ \t]+)?(?!(?i:sous[- ]?total|total)\b)[A-Za-zÀ-ÿ«\"'’][^\n]{1,90}?[ \t]+"
    r"(?P<sum>\d{1,3}(?:[ .\u00a0]\d{3})*(?:,\d{2})?)[ \t]*€?[ \t]*$",
    re.MULTILINE,
)
# the item is about grants: its title names them
GRANTS_TITLE_RE = re.compile(r"\bsubventions?\b", re.IGNORECASE)


def _grants_add_up(text: str, start: int, end: int) -> bool:
    """Rows of grants between ``start`` and ``end`` closed by printed totals they add up to (each
    subtotal the rows since the last total, the grand total the rows since the last grand one),
    no row after the last total."""
    rows = [
        (m.start(), value)
        for m in GRANT_ROW_RE.finditer(text, start, end)
        if (value := cell_value(m.group("sum"))) is not None
    ]
    totals = list(ROWS_TOTAL_RE.finditer(text, start, end))
    if len(rows) < MIN_GRANT_ROWS or not totals:
        return False
    since_total = since_grand = 0.0
    position = checked = 0
    for total in totals:
        while position < len(rows) and rows[position][0] < total.start():
            since_total += rows[position][1]
            since_grand += rows[position][1]
            position += 1
        printed = cell_value(total.group("sum").replace("€", "").strip())
        checked += printed is not None and any(
            abs(v - printed) < 0.01 for v in (since_total, since_grand)
        )
        since_total = 0.0
        if not total.group("sub"):
            since_grand = 0.0
    # (a row lost to the page's footer glued to it fails its total: half the totals hold)
    return checked >= 1 and 2 * checked >= len(totals) and position == len(rows)


# the items presented one by one then approved together: "Après avoir entendu et approuvé les
# comptes administratifs 2015 des 9 communes historiques" (the object in the plural, its singular
# in each item's title)
APPROVED_TOGETHER_RE = re.compile(
    r"\b(?:approuv|adopt)[ée]s?\s+(?:les|ces)\s+(?P<what>[^\W\d_]{4,})s\b", re.IGNORECASE
)
MIN_TOGETHER = 2


def _with_unvoted_items(
    text: str, headings: list[Heading], reports: list[tuple[int, int]], found: list[Segment]
) -> list[Segment]:
    """Items opened by a numbered heading with no vote printed that are deliberations still:

    - an item naming grants that lists them in a table adding up to its printed totals ("42.
      SUBVENTIONS 2016" then its rows, "Sous total 1.064,00" … "TOTAL 10.544,00", then the next
      item): the council granted them (1 body of the real set: minutes reading the budget's
      annexes as items; a list of grants with its total is how most bodies print the subsidies'
      annex);
    - items numbered in a row, each presented, then approved together after the last one
      ("Après avoir entendu et approuvé les comptes administratifs 2015 …", each titled
      "… - APPROBATION du COMPTE ADMINISTRATIF"): a deliberation each (1 body of the real set:
      the comptes administratifs of a commune nouvelle's historic communes, the mayor out).

    Outside every item found only; an item with neither stays an unvoted one (information)."""
    unvoted: list[tuple[Heading, int]] = []
    for index, heading in enumerate(headings):
        if (
            heading.rule not in STRONG_RULES
            or heading.position is None
            or heading.theme
            or any(a <= heading.start < b for a, b in reports)
            or any(s.start <= heading.start < s.end for s in found)
        ):
            continue
        # (the rows may be numbered "1. Association … 282,00": the next item goes on the agenda)
        end = min(
            [
                h.start
                for h in headings[index + 1 :]
                if h.position is not None
                and heading.position < h.position <= heading.position + MAX_ITEM_JUMP
            ]
            + [s.start for s in found if s.start > heading.start]
            + [len(text)]
        )
        unvoted.append((heading, end))
    added = [
        Segment(h.start, end, h)
        for h, end in unvoted
        if GRANTS_TITLE_RE.search(h.title) and _grants_add_up(text, h.end, end)
    ]
    run: list[tuple[Heading, int]] = []
    for item in [*unvoted, None]:
        if item is not None and (
            not run or (item[0].position == run[-1][0].position + 1 and item[0].start == run[-1][1])
        ):
            run.append(item)
            continue
        if len(run) >= MIN_TOGETHER:
            last, last_end = run[-1]
            together = APPROVED_TOGETHER_RE.search(text, last.end, last_end)
            if together and all(together.group("what").lower() in h.title.lower() for h, _ in run):
                added += [Segment(h.start, end, h) for h, end in run]
        run = [item] if item is not None else []
    return sorted(found + added, key=lambda s: s.start) if added else found


# the séance's formalities, voted but no deliberations (the gold's convention): the secretary's
# nomination, the opening, a change of the order of the day
FORMALITY_RE = re.compile(
    r"^\W*(?:(?:nomination|d[ée]signation|[ée]lection|choix)\s+(?:du|de\s+la|d['’]une?)\s+secr[ée]taire"
    r"|secr[ée]taire\s+de\s+s[ée]ance|ouverture\s+de\s+(?:la\s+)?s[ée]ance"
    r"|(?:modification|changement|ajout|approbation|adoption)\s+(?:de\s+l['’]|à\s+l['’]|du\s+)?"
    rf"{AGENDA}|{AGENDA}\W*$)",
    re.IGNORECASE,
)


def _printed_once(text: str, found: list[Segment]) -> list[Segment]:
    """Each deliberation once: a document bound twice (the same minutes printed again after
    themselves) repeats each deliberation word for word, heading included (the last of each copy
    may run on over what follows it)."""
    seen: list[str] = []
    kept: list[Segment] = []
    for segment in found:
        words = " ".join(text[segment.start : segment.end].split())
        if segment.heading is not None and any(
            earlier.startswith(words) or words.startswith(earlier) for earlier in seen
        ):
            continue
        if _annexed_again(text, segment, kept):
            continue
        if segment.heading is not None and FORMALITY_RE.match(segment.heading.title):
            continue
        seen.append(words)
        kept.append(segment)
    return kept


# the title of a document's annexes, alone on its line or page ("ANNEXES", "Annexe")
ANNEXES_TITLE_RE = re.compile(
    r"(?:^|(?<=[\n\f]))[ \t]*(?:ANNEXES?|Annexes?)[ \t]*(?:$|(?=[\n\f]))", re.M
)


def _act_key(number: str | None) -> str:
    return re.sub(r"[\W_]", "", number or "").upper()


def _annexed_again(text: str, segment: Segment, kept: list[Segment]) -> bool:
    """The act of an item kept already, printed again under its number in the annexes (minutes
    that give each act's number then bind the extracts of the same acts after an "ANNEXES" title)."""
    key = _act_key(segment.heading.number if segment.heading else None)
    if not key:
        return False
    return any(
        _act_key(earlier.heading.number if earlier.heading else None) == key
        and ANNEXES_TITLE_RE.search(text, earlier.end, segment.start) is not None
        for earlier in kept
    )


def _parts_of_one_item(
    heading: Heading | None, before: list[Heading], headings: list[Heading]
) -> Heading | None:
    """Parts numbered by levels under one theme, closed by one vote ("3.2 Listes de candidats",
    "3.4 Résultats du premier tour" … "3.6 Proclamation de l'élection" under "3. Election des
    adjoints", the national form of the election of the adjoints): one item, titled by the theme,
    from its first part on."""
    if heading is None or len(heading.outline) < 2:
        return heading
    parent = heading.outline[:-1]
    parts = [
        h for h in before if h.outline[:-1] == parent and len(h.outline) == len(heading.outline)
    ]
    theme = next((h for h in reversed(headings) if h.theme and h.outline == parent), None)
    if len(parts) < 2 or theme is None or theme.start > parts[0].start:
        return heading
    first = parts[0]
    return Heading(
        first.start, first.end, theme.title, theme.number, theme.rule, theme.position, parent
    )


# the agenda's last part, after its numbered items (questions diverses)
CLOSING_RULES = frozenset({"miscellaneous"})
# a part's label names it only under its item: "- Lotissement :", "Commune :" (label_colon)
PART_LABEL_RULES = frozenset({"label_colon"})
PART_LABEL_WORDS = 3
# a lettered part of an item voted apart is named under its item ("MOUVEMENTS AU SEIN DU
# PERSONNEL … – Emplois saisonniers 2016" for "QUESTION No 9 …" then "B) Emplois saisonniers 2016 :")
LETTERED_PART_RULES = frozenset({"lettered", "lettered_lower"})


CLOSING_TITLE_RES = tuple(r.regex for r in HEADING_TABLE if r.name in CLOSING_RULES)


def _closing(heading: Heading) -> bool:
    """The agenda's last part ("QUESTIONS DIVERSES", "5. Questions diverses"), numbered or not."""
    return heading.rule in CLOSING_RULES or any(
        r.fullmatch(heading.title) for r in CLOSING_TITLE_RES
    )


def _numbered_as(heading: Heading, owner: Heading | None) -> Heading:
    """A sub-item's heading carrying the number of the item it belongs to; a part's short label
    titled by its item too ("VOTE DES BUDGETS 2009 – Lotissement", as a voted row of grants is)."""
    if owner is None:
        return heading
    title = heading.title
    if (heading.rule in PART_LABEL_RULES and len(title.split()) <= PART_LABEL_WORDS) or (
        # (items lettered under "QUESTIONS DIVERSES" are items of their own, not its parts)
        heading.rule in LETTERED_PART_RULES and not _closing(owner)
    ):
        title = f"{owner.title} – {title}"
    return Heading(
        heading.start,
        heading.end,
        title,
        heading.number or owner.number,
        heading.rule,
        heading.position,
    )


def _next_vote_under_same_heading(
    headings: list[Heading], clusters: list[tuple[int, int]], index: int
) -> bool:
    """The next vote follows under sub-item headings only: the numbered heading is shared."""
    if index + 1 >= len(clusters):
        return False
    between = [h for h in headings if clusters[index][1] <= h.start < clusters[index + 1][0]]
    return bool(between) and not any(h.rule in STRONG_RULES for h in between)


# between a section's title and its first item's title: nothing but bullets ("TRAVAUX :\nØ\n ELECTRICITE …")
BULLETS_ONLY_RE = re.compile(r"[\sØ•·▪►*\-–»«\x01-\x08\uf000-\uf0ff]*")


# a theme's name: one to three words in capitals, no figure ("ENSEIGNEMENT", "FINANCES",
# "AFFAIRES SCOLAIRES", "RESSOURCES HUMAINES"), the way minutes group their items by matter
THEME_NAME_RE = re.compile(r"[A-ZÉÈÊÀÂÎÔÛÇ'’]{3,}(?:[ \t]+[A-ZÉÈÊÀÂÎÔÛÇ'’]{2,}){0,2}")


def _label_above_title(heading: Heading, before: list[Heading]) -> bool:
    """A part's label above a title of another kind: the label heads a list of the item before
    ("Membres suppléants :" and the names designated), the title opens the item."""
    return heading.rule in PART_LABEL_RULES and any(
        h.start > heading.start and h.rule not in PART_LABEL_RULES for h in before
    )


def _section_title(text: str, heading: Heading, before: list[Heading]) -> bool:
    """A title directly followed by another one is a section's title, not an item's; so is a
    theme's name followed by a title before the vote (its rapporteur's line between:
    "ENSEIGNEMENT\n\nRapporteur de l'ensemble des décisions relatives à l'enseignement : …\n\n
    Rythmes scolaires - Projet Educatif Territorial …")."""
    following = [h for h in before if h.start >= heading.end]
    return bool(following) and (
        # (a part's label right under a title is the title's: "M57- Décision Modificative n° 1\n\n
        # Dépenses d'investissement :")
        (
            BULLETS_ONLY_RE.fullmatch(text[heading.end : following[0].start]) is not None
            and following[0].rule not in PART_LABEL_RULES
        )
        or (
            THEME_NAME_RE.fullmatch(heading.title) is not None
            and THEME_NAME_RE.fullmatch(following[0].title) is None
        )
    )


def _stacked_titles(text: str, before: list[Heading]) -> list[Heading]:
    """Weak titles of one rule listed one under the other with nothing but blank lines or bullets
    between them, ending the headings before a vote ("− Approbation du compte de gestion 2015\n\n
    − Approbation du compte administratif 2015\n\nMonsieur X présente …")."""
    run: list[Heading] = []
    for heading in before:
        if (
            run
            and heading.rule == run[-1].rule
            and BULLETS_ONLY_RE.fullmatch(text[run[-1].end : heading.start]) is not None
        ):
            run.append(heading)
        else:
            run = [heading]
    if any(h.rule in STRONG_RULES for h in run):
        return []
    return run


def _last_of_peers(text: str, heading: Heading, before: list[Heading]) -> Heading:
    """Of titles set alike (same rule, each set apart by its face) before one vote, the last:
    the ones above it are items with no vote (information, a declaration of intent to sell)."""
    if not layout.titled(layout.style_at(text, heading.start)):
        return heading
    peers = [
        h
        for h in before
        if h.start > heading.start
        and h.rule == heading.rule
        and layout.titled(layout.style_at(text, h.start))
    ]
    return peers[-1] if peers else heading


def _in_sequence(strong: list[Heading], expected: int | None) -> list[Heading]:
    """Numbered headings that go on with the agenda: 3, then 4, 5 when items 3 and 4 had no vote.

    A list inside an item starts again at 1, or jumps back: it is not the agenda's. The last
    run that goes on from the expected position counts (the agenda listed first is read past).
    """

    def goes_on(position: int, last: int | None) -> bool:
        return position in (last, last + 1) if last is not None else position <= 1

    found: list[Heading] = []
    for heading in strong:
        if heading.position is None:
            continue
        if found and goes_on(heading.position, found[-1].position):
            found.append(heading)
        elif goes_on(heading.position, expected):
            found = [heading]  # the sequence starts (again) here: the agenda's list was read before
    return found


def _with_subtitle(heading: Heading, before: list[Heading]) -> Heading:
    """Under a numbered theme ("3) Urbanisme"), the title of the item presented is its subject."""
    subtitles = [h for h in before if h.start > heading.start and h.rule == "presented"]
    if len(subtitles) != 1:
        return heading
    return Heading(
        heading.start,
        subtitles[0].end,
        subtitles[0].title,
        heading.number,
        heading.rule,
        heading.position,
    )


# an item of minutes pointing to its act annexed: "Délibération n° 2023 034 _D (Voir annexe)",
# "Délibération n° 2023_033_D - Régularisation titre\nannulé (Voir annexe)"; the act's extract,
# bound after the minutes, headed by its number on a line of its own
ACT_CITED_RE = re.compile(
    r"(?i:d[ée]lib[ée]ration)\s+(?i:n)\s*[°o]\s*(?P<n>\d{4}[ _]*\d{2,4}[ _]*[A-Z]{1,3})\b"
    r"(?:[ \t]*[-–][^\n(){}]{0,80}\n?[^\n(){}]{0,60}?)?"
    r"[ \t]*[({][ \t]*(?i:voir|cf\.?)\s+(?i:l['’])?\s*(?i:annexes?)"
)
ACT_OPENS_RE = re.compile(
    r"(?:^|(?<=\f))[ \t]*(?i:d[ée]lib[ée]ration)\s+(?i:n)\s*[°o]\s*(?P<n>\d{4}[ _]*\d{2,4}[ _]*[A-Z]{1,3})\b",
    re.MULTILINE,
)
# the same numbers printed whole somewhere: "2023_037_D" (the separator OCR may drop elsewhere)
WHOLE_ACT_NUMBER_RE = re.compile(r"\b\d{4}(?P<sep>[_/-])\d{2,4}(?P=sep)[A-Z]{1,3}\b")


def _cited_key(number: str) -> str:
    return re.sub(r"[\s_]", "", number).upper()


# the blanks before a line's first word (compiled once)
LEADING_SPACE_RE = re.compile(r"\s*")


def _extracts_for_items(text: str, headings: list[Heading], found: list[Segment]) -> list[Segment]:
    """Minutes whose items point to their acts annexed ("Délibération n° 2023 034 _D (Voir
    annexe)"), the extracts of those acts bound after them, each on pages of its own and headed by
    its number: each such deliberation is its extract (its vote's counts, its @CTES id and matter
    code, its figures are there), titled as the minutes title it. Items of the minutes that cite
    no annexed act stay. (1 body of the real set; minutes with the acts' extracts annexed are
    common in small communes' published procès-verbaux.)"""
    cited = [(m.start(), _cited_key(m.group("n"))) for m in ACT_CITED_RE.finditer(text)]
    if len(cited) < 2 or not found:
        return found
    minutes_end = text.find("\f", cited[-1][0])
    if minutes_end < 0:
        return found
    keys = {key for _, key in cited}
    openings: dict[str, re.Match[str]] = {}
    for m in ACT_OPENS_RE.finditer(text, minutes_end):
        openings.setdefault(_cited_key(m.group("n")), m)
    matched = keys & set(openings)
    if len(matched) < 2 or 2 * len(matched) < len(keys):
        return found
    separators = {m.group("sep") for m in WHOLE_ACT_NUMBER_RE.finditer(text)}
    separator = next(iter(separators)) if len(separators) == 1 else None
    by_page = {text.rfind("\f", 0, m.start()) + 1: (k, m) for k, m in openings.items()}
    page_starts = sorted(by_page)
    # the pages between the minutes and the first extract so headed: an extract whose heading
    # OCR read otherwise ("N°033"), kept as the item found there
    kept = [
        Segment(s.start, min(s.end, page_starts[0]), s.heading)
        for s in found
        # (an item of the minutes whose vote was taken past them, in an extract, is no item)
        if (s.end <= minutes_end and not any(s.start <= p < s.end for p, _ in cited))
        or minutes_end <= s.start < page_starts[0]
    ]
    for index, start in enumerate(page_starts):
        end = page_starts[index + 1] if index + 1 < len(page_starts) else found[-1].end
        key, opening = by_page[start]
        # the minutes' title of the item citing the act (cited twice, OCR misread one: none)
        citing = [p for p, k in cited if k == key]
        citing = citing[0] if len(citing) == 1 else None
        item = (
            next((h for h in reversed(headings) if h.start <= citing and not h.theme), None)
            if citing is not None
            else None
        )
        groups = re.findall(r"\d+|[A-Z]+", opening.group("n"))
        line_end = opening.end()
        # the paragraph after the number's line: the title
        first = LEADING_SPACE_RE.match(text, line_end).end()
        following = text[first : units.paragraph_end(text, first, units.BLANK_BREAK_RE)]
        heading = Heading(
            opening.start(),
            line_end,
            item.title if item else " ".join(following.split()),
            separator.join(groups) if separator and len(groups) == 3 else None,
            "deliberation_number",
        )
        kept.append(Segment(start, max(end, start + 1), heading))
    return sorted(kept, key=lambda s: s.start)
