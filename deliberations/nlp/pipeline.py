"""The nlp stage: a document's text in, a validated extraction record out.

Each rule module finds facts with the span they were read from (a ``Found``); this module
assembles them per deliberation and turns every value found into page evidence, in one place
(``Evidences.add_found``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from deliberations import nomenclature
from deliberations.extract.unruled.cells import check_only
from deliberations.nlp import act_number, header, layout, people
from deliberations.nlp.attendance import find_attendance
from deliberations.nlp.authority import find_authority, find_organisation
from deliberations.nlp.beneficiaries import AMOUNT_HEADER_RE, ROW_RULES, find_beneficiaries
from deliberations.nlp.cast import SENTENCE_START_RE
from deliberations.nlp.found import Found
from deliberations.nlp.imputations import (
    IMPUTATION_PARTS,
    credit_change,
    distinct_imputations,
    parts_of,
)
from deliberations.nlp.money import MoneyCandidate, amount_candidates, kept, scored_imputations
from deliberations.nlp.segment import Segment, document_kind, segments
from deliberations.nlp.session_date import find_session_date
from deliberations.nlp.votes import VoteFacts, find_vote
from deliberations.nlp.zones import zones_of
from deliberations.schemas.document import DocumentText
from deliberations.schemas.record import (
    Absence,
    Amount,
    Beneficiary,
    Deliberation,
    Evidence,
    ExtractionRecord,
    Imputation,
    Seance,
    Source,
    Vote,
)

PREAMBLE_CHARS = 3000  # where the chair is named with its title ("par Yves Nicolin, Président")
BOARD_BODIES = {"conseil d'administration", "comité syndical", "conseil syndical"}


class Evidences:
    """Collects evidence per field, mapping global spans to pages."""

    def __init__(self, document: DocumentText) -> None:
        self.document = document
        self.by_field: dict[str, list[Evidence]] = {}

    def add_found(self, found: Found, scored: bool = False) -> None:
        """The evidence of a value found, under its field; with its score when ``scored`` (an
        imputation's evidence carries its score, a sum's score is on the sum itself)."""
        evidence = self.document.evidence(found.start, found.end)
        if scored:
            evidence = evidence.model_copy(update={"score": round(found.score, 3)})
        self.by_field.setdefault(found.field, []).append(evidence)


def _amount_cells(segment: Segment, document: DocumentText) -> list[tuple[str, int, int]]:
    """The cells of the "Montant" columns of the document's tables within the segment."""
    cells: list[tuple[str, int, int]] = []
    for table in document.tables:
        header_row = table.rows[0]
        columns = [
            i
            for i, cell in enumerate(header_row)
            # a header broken inside a word in a narrow column ("Monta" / "nt")
            if AMOUNT_HEADER_RE.search(cell.text)
            or AMOUNT_HEADER_RE.search("".join(cell.text.split()))
        ]
        for row in table.rows[1:]:
            for i in columns:
                if i >= len(row) or row[i].start is None:
                    continue
                if check_only(row[i].text):
                    continue  # a whole number flush in the column: its sum check's alone
                if segment.start <= row[i].start < segment.end:
                    cells.append((row[i].text, row[i].start, row[i].end or row[i].start))
    return cells


def imputation_candidates(
    document: DocumentText, segment: Segment, vote_spans: list[tuple[int, int]]
) -> list[MoneyCandidate]:
    """Every distinct imputation of the segment, scored (nlp/money.py)."""
    scope = document.text[segment.start : segment.end]
    return scored_imputations(
        document, segment.start, distinct_imputations(scope), vote_spans, credit_change(scope)
    )


def _amounts(
    segment: Segment, document: DocumentText, vote_spans: list[tuple[int, int]]
) -> list[MoneyCandidate]:
    """Every distinct sum in the segment, from sentences and from "Montant" table columns, whose
    score reaches the threshold (nlp/money.py)."""
    candidates = amount_candidates(
        document, segment.start, segment.end, vote_spans, _amount_cells(segment, document)
    )
    return [c for c in kept(candidates, "amounts") if _sure(document, c.found.start, c.found.end)]


def _sure(document: DocumentText, start: int, end: int) -> bool:
    """Digits read by OCR below the confidence threshold are dropped: a wrong digit is worse
    than a missing value. Text-layer spans have no confidence and are always kept."""
    confidence = document.span_confidence(start, end, digits=True)
    if confidence is None:
        return True
    from deliberations.extract.ocr import LOW_CONFIDENCE  # heavy (OpenCV): once OCR has run

    return confidence >= LOW_CONFIDENCE


def _vote(facts: VoteFacts) -> Vote | None:
    if facts.result is None and facts.unanimous is None and not facts.found:
        return None
    return Vote(
        result=facts.result,
        unanimous=facts.unanimous,
        for_=facts.for_,
        against=facts.against,
        abstentions=facts.abstentions,
        against_names=[p.value for p in facts.against_names],
        abstention_names=[p.value for p in facts.abstention_names],
        counts_consistent=facts.counts_consistent,
        unanimity_contradicted=facts.unanimity_and_counts_disagree,
    )


def _located(field: str, match: Found | None, offset: int) -> Found | None:
    """A value read in a slice of the text starting at ``offset`` as a value found for
    ``field``, its span made global."""
    if match is None:
        return None
    return dataclasses.replace(
        match, field=field, start=offset + match.start, end=offset + match.end
    )


def _scored(candidate: MoneyCandidate) -> Found:
    """A scored sum or imputation as the value found, with its score."""
    return dataclasses.replace(candidate.found, score=candidate.score)


def _first(*candidates: Found | None) -> Found | None:
    return next((c for c in candidates if c is not None), None)


@dataclass
class SeanceFacts:
    """What holds for every deliberation of the séance, with where it was read."""

    body: Found | None = None
    authority: Found | None = None
    session_date: Found | None = None
    president: Found | None = None
    secretary: Found | None = None


def _seance_facts(text: str, start: int, end: int) -> SeanceFacts:
    scope = text[start:end]
    facts = SeanceFacts()
    facts.body = _located("body", header.find_body(scope), start)
    board = facts.body is not None and facts.body.value in BOARD_BODIES
    body = facts.body.value if facts.body else None
    facts.authority = _located(
        "authority",
        (find_organisation(scope) if board else None) or find_authority(scope, body),
        start,
    )
    date = find_session_date(scope)  # scored candidates (nlp/session_date.py)
    if date:
        assert isinstance(date.value, dt.date)
        facts.session_date = dataclasses.replace(
            date, value=date.value.isoformat(), start=start + date.start, end=start + date.end
        )
    facts.president = _located(
        "president",
        people.find_chair(
            scope, facts.authority.value if facts.authority else None, text, PREAMBLE_CHARS
        ),
        start,
    )
    facts.secretary = _located("secretary", people.find_role(scope, "secretary"), start)
    return facts


def seance_facts(text: str, segments_found: list[Segment]) -> SeanceFacts:
    """Séance-level facts: from the preamble before the first deliberation, else the whole text."""
    whole = _seance_facts(text, 0, segments_found[-1].end if segments_found else len(text))
    if whole.body is None or whole.body.value not in BOARD_BODIES:
        # a collectivity's name is scored over the whole document (nlp/authority.py: its
        # repetition, the neighbours named with it, the signature after the last item)
        body = whole.body.value if whole.body else None
        whole.authority = _located("authority", find_authority(text, body), 0)
    first = segments_found[0].start if segments_found else 0
    if whole.president is None:  # the chair's signature, under the last item (people.py)
        last = segments_found[-1].start if segments_found else 0
        whole.president = _located("president", people.find_signed_chair(text, last), 0)
    if first == 0:
        return whole
    preamble = _seance_facts(text, 0, first)
    facts = SeanceFacts(
        **{
            name: _first(getattr(preamble, name), getattr(whole, name))
            for name in SeanceFacts.__dataclass_fields__
        }
    )
    # the séance date is scored over the whole text (its weights were fitted so: recurrence, the
    # convocation's order): a preamble's best date may be the previous séance whose minutes it
    # approves ("le procès-verbal de la séance du 10 avril 2017 est adopté")
    facts.session_date = _first(whole.session_date, preamble.session_date)
    # so is a collectivity's name: a preamble's lone name may be a neighbour's on the agenda
    if whole.body is None or whole.body.value not in BOARD_BODIES:
        facts.authority = whole.authority
    return facts


def analyze_segment(
    document: DocumentText,
    segment: Segment,
    seance: SeanceFacts,
    previous: Deliberation | None = None,
    group: Found | None = None,
    handover: tuple[int | None, int | None] = (None, None),
) -> Deliberation:
    """One deliberation: its own facts from its span, the séance's facts shared (``group``: the
    rapporteur named over the group of items it belongs to; ``handover``: where the previous
    item's span and this one's hand the floor for the next item, see people.handover_start)."""
    text = document.text
    scope = text[segment.start : segment.end]
    evidence = Evidences(document)

    def put(found: Found | None) -> str | None:
        """A field's value, its evidence kept."""
        if found is None:
            return None
        evidence.add_found(found)
        assert isinstance(found.value, str)
        return found.value

    body = put(seance.body)
    authority = put(seance.authority)
    session_date = put(seance.session_date)
    president = put(_president(text, segment, seance))
    secretary = put(seance.secretary)

    heading = segment.heading
    subject_found = (
        Found("subject", heading.title, heading.start, heading.end, heading.rule)
        if heading
        else _located("subject", header.find_subject(scope), segment.start)
    )
    subject = put(subject_found)
    if subject is None and previous is not None:
        subject = previous.subject  # a second vote under the same item
    act_id_found = _located("act_id", header.find_act_id(scope, session_date), segment.start)
    # the act number, scored among the item's candidates (nlp/act_number.py)
    number_found = act_number.best_number(
        text,
        act_number.Item(
            segment.start,
            segment.end,
            heading,
            session_date,
            act_id_found.value if act_id_found else None,
        ),
    )

    vote_facts = find_vote(text, segment.start, segment.end)
    chair = seance.president
    rapporteur = put(
        _located(
            "rapporteur",
            people.find_rapporteur(
                text,
                segment.start,
                handover[1] or segment.end,
                people.person_found(chair.value, chair.start, chair.end) if chair else None,
                group,
                (handover[0], segment.start) if handover[0] is not None else None,
                min((start for start, _ in vote_facts.spans), default=None),
            ),
            0,
        ),
    )
    if (
        rapporteur is None
        and previous is not None
        and (
            (heading is None and subject_found is None)
            or people.same_block(previous.subject or "", subject or "")
        )
    ):
        # a second vote under the same item, or the next item of a block on the same matter (the
        # subsidies voted association by association, the budgets one after another): presented
        # with the first, while it shows no presenter of its own
        rapporteur = previous.rapporteur
        if rapporteur is not None and "rapporteur" in previous.evidence:
            evidence.by_field["rapporteur"] = list(previous.evidence["rapporteur"])

    vote = _vote(vote_facts)
    for statement in vote_facts.statements:
        evidence.add_found(statement)
    for field, persons in (
        ("vote.against_names", vote_facts.against_names),
        ("vote.abstention_names", vote_facts.abstention_names),
    ):
        for person in persons:
            evidence.add_found(dataclasses.replace(person, field=field))

    amounts = []
    for candidate in _amounts(segment, document, vote_facts.spans):
        found = _scored(candidate)
        assert isinstance(found.value, float)
        amounts.append(  # "30 000\n€" -> "30 000 €"
            Amount(
                value=found.value, text=" ".join(found.text.split()), score=round(found.score, 3)
            )
        )
        evidence.add_found(found)

    imputations = []
    # what the text states, before any is dropped: a grant is tied to the one it states alone
    stated_imputations = distinct_imputations(text[segment.start : segment.end])
    imputations_read: list[Found] = []
    for candidate in kept(
        imputation_candidates(document, segment, vote_facts.spans), "imputations"
    ):
        if not _sure(document, candidate.found.start, candidate.found.end):
            continue
        found = _scored(candidate)
        parts = parts_of(found)
        imputations.append(
            Imputation(
                chapitre=parts.chapitre,
                article=parts.article,
                fonction=parts.fonction,
                operation=parts.operation,
                text=" ".join(found.text.split()),
            )
        )
        imputations_read.append(found)
        evidence.add_found(found, scored=True)

    beneficiaries = []
    grants_read: list[Found] = []
    # a grant the council rejects is granted to no one
    rejected = vote is not None and vote.result == "rejected"
    for merged, _group in (
        []
        if rejected
        else find_beneficiaries(text, segment.start, segment.end, document.tables, authority)
    ):
        assert isinstance(merged.value, str)
        beneficiaries.append(
            Beneficiary(
                name=merged.value,
                amount=merged.amount,
                check=merged.check,
                score=merged.score if merged.score < 1.0 else None,  # a sure grant: no score
                imputation=merged.imputation,
            )
        )
        grants_read.append(merged)
        evidence.add_found(merged)

    tie_grants(beneficiaries, grants_read, imputations, imputations_read, stated_imputations, text)

    deliberation = Deliberation(
        authority=authority,
        body=body,
        session_date=session_date,
        number=put(number_found),
        act_id=put(act_id_found),
        matter_code=put(_located("matter_code", header.find_matter_code(scope), segment.start)),
        subject=subject,
        rapporteur=rapporteur,
        president=president,
        secretary=secretary,
        vote=vote,
        amounts=amounts,
        imputations=imputations,
        beneficiaries=beneficiaries,
        evidence=evidence.by_field,
    )
    return deliberation


def tie_grants(
    beneficiaries: list[Beneficiary],
    grants: list[Found],
    imputations: list[Imputation],
    read: list[Found],
    stated: list[Found],
    text: str,
) -> None:
    """Grants the deliberation ties to its one imputation: when the text states a single
    imputation (counted before any is dropped), on an account grants are paid from ("DIT que
    les crédits sont inscrits à l'article 6574" after the list of grants), each grant read from
    a table or list above it and not tied already (by its table's section) is drawn from it.
    Nothing is tied when two imputations or more are stated (a transfer of credits, one account
    per grantee), when the imputation is on another account, when its sentence names a grantee
    ("la subvention au CCAS sera imputée à l'article 657362": that grantee's, not the others')
    or prints another bare code ("à l'article 6574 pour l'association et au 657362 pour le
    CCAS"), nor for a grant a sentence states beside others (which grant each pays is not
    said). A deliberation granting one sum to one grantee ties it, its sentence naming it or
    not ("une subvention de 878 € au comité des fêtes, imputée à l'article 65748")."""
    lines = {(i.chapitre, i.article, i.fonction, i.operation) for i in imputations}
    if len(lines) != 1 or len(read) != 1 or not imputations[0].article:
        return
    stated_lines = {tuple(getattr(parts_of(i), k) for k in IMPUTATION_PARTS) for i in stated}
    if len(stated_lines) != 1:
        return
    imputation = imputations[0]
    if not nomenclature.grant_account(imputation.article or ""):
        return
    sentence = _sentence_after(text, read[0], [g.end for g in grants if g.end <= read[0].start])
    own = {imputation.chapitre, imputation.article, imputation.fonction, imputation.operation}
    if any(code.group() not in own for code in BARE_CODE_RE.finditer(sentence)):
        return
    granted = [b for b in beneficiaries if b.amount is not None]
    if len(granted) == 1 and len(beneficiaries) == 1:
        if granted[0].imputation is None:
            granted[0].imputation = imputation.text
        return
    folded = _folded(sentence)
    if any(_folded(b.name) in folded for b in beneficiaries):
        return
    for beneficiary, grant in zip(beneficiaries, grants, strict=True):
        if (
            beneficiary.imputation is None
            and beneficiary.amount is not None
            and grant.rule_id in ROW_RULES
            and grant.end <= read[0].start
        ):
            beneficiary.imputation = imputation.text


# a code printed bare in an imputation's sentence: 3 to 7 digits standing alone, neither a year
# ("budget 2016") nor part of a sum ("1 500 €", "800 euros")
BARE_CODE_RE = re.compile(
    r"(?<![\d,.])(?<!\d\s)(?!(?:19|20)\d\d\b)\d{3,7}\b(?![,.]\d|\s\d|\s*(?:€|euros?\b|%))"
)


def _sentence_after(text: str, found: Found, ends: list[int]) -> str:
    """The sentence around an imputation, from the end of the last grant above it at most (the
    lines of a list of grants are one sentence when no stop closes them)."""
    before = text[max(0, found.start - 300) : found.start]
    cuts = list(SENTENCE_START_RE.finditer(before))
    begin = found.start - len(before) + (cuts[-1].end() if cuts else 0)
    stop = SENTENCE_START_RE.search(text, found.end, found.end + 300)
    return text[max([begin, *ends]) : stop.start() if stop else found.end + 300]


def _folded(words: str) -> str:
    return " ".join(
        unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower().split()
    )


def _president(text: str, segment: Segment, seance: SeanceFacts) -> Found | None:
    """The séance's chair, unless the chair left for this vote: then who stood in, when named."""
    away = people.find_chair_away(text, segment.start, segment.end)
    if away is None:
        return seance.president
    return _located("president", away.person, 0)


def _reasons_start(text: str) -> int:
    """Where a single deliberation's reasons or decision start (its first recital, decision or vote
    line): it prints the séance's attendance before them."""
    zones = zones_of(text)
    return next(
        (
            start
            for start, name in zip(zones.starts, zones.names, strict=True)
            if name in {"recital", "decision", "vote"}
        ),
        len(text),
    )


def _seance(text: str, facts: SeanceFacts, preamble_end: int) -> Seance:
    attendance = find_attendance(text[: preamble_end or _reasons_start(text)])
    return Seance(
        session_date=facts.session_date.value if facts.session_date else None,
        authority=facts.authority.value if facts.authority else None,
        body=facts.body.value if facts.body else None,
        president=facts.president.value if facts.president else None,
        secretary=facts.secretary.value if facts.secretary else None,
        present=attendance.present,
        excused=[Absence(name=a.name, proxy_to=a.proxy_to) for a in attendance.excused],
        absent=attendance.absent,
        members_in_office=attendance.members_in_office,
        quorum_reached=attendance.quorum_reached,
    )


def analyze(document: DocumentText, source: Source) -> ExtractionRecord:
    """Extract every deliberation of one document."""
    text = document.text
    layout.remember(document)  # how its lines are set, for the headings and zones
    kind = document_kind(text)
    if kind != "deliberation":
        return ExtractionRecord(source=source, kind=kind)
    body = header.find_body(text)
    found = segments(text, body.value if body else None)
    facts = seance_facts(text, found)
    deliberations: list[Deliberation] = []
    group: tuple[str | None, Found] | None = None
    # the floor handed, at the end of an item's span, for the next item (people.handover_start)
    handovers = [people.handover_start(text, s.start, s.end) for s in found]
    carried: Found | None = None  # handed the floor for a run of items
    run_title = ""  # the title of the run's first item: the run holds items on the same matter
    for index, segment in enumerate(found):
        before = handovers[index - 1] if index else None
        if index and found[index - 1].end < segment.start:
            # text left out between two items (an item not kept): the floor handed last in it
            before = people.handover_start(text, found[index - 1].end, segment.start) or before
        title = segment.heading.title if segment.heading else ""
        if before is not None:
            carried = people.handed_over(text, before, segment.start, None)
            run_title = title
        elif carried is not None and not people.same_matter(run_title, title):
            carried = None
        elif carried is not None:
            carried = people.handed_over(
                text, segment.start, handovers[index] or segment.end, carried
            )
        previous = deliberations[-1] if deliberations else None
        gap_start = found[index - 1].end if index else segment.start  # not the preamble
        kind_of_heading = segment.heading.rule if segment.heading else None
        group = people.group_rapporteur(text, gap_start, segment.start, kind_of_heading, group)
        deliberations.append(
            analyze_segment(
                document,
                segment,
                facts,
                previous,
                group[1] if group else carried,
                (before, handovers[index]),
            )
        )
    header.drop_shared_act_ids(deliberations)
    seance = _seance(text, facts, found[0].start if len(found) > 1 else 0)
    return ExtractionRecord(source=source, kind=kind, deliberations=deliberations, seance=seance)
