"""The nlp stage: a document's text in, a validated extraction record out.

Each rule module finds facts with the span they were read from; this module assembles them per
deliberation and turns every span into page evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from deliberations.nlp import header, people
from deliberations.nlp.amounts import find_amounts, parse_figure
from deliberations.nlp.authority import find_organisation
from deliberations.nlp.beneficiaries import AMOUNT_HEADER_RE, find_beneficiaries
from deliberations.nlp.dates import find_session_date
from deliberations.nlp.imputations import find_imputations
from deliberations.nlp.segment import Segment, document_kind, segments
from deliberations.nlp.votes import VoteFacts, find_vote
from deliberations.schemas.document import DocumentText
from deliberations.schemas.record import (
    Amount,
    Beneficiary,
    Deliberation,
    Evidence,
    ExtractionRecord,
    Imputation,
    Source,
    Vote,
)

BOARD_BODIES = {"conseil d'administration", "comité syndical", "conseil syndical"}


class Evidences:
    """Collects evidence per field, mapping global spans to pages."""

    def __init__(self, document: DocumentText) -> None:
        self.document = document
        self.by_field: dict[str, list[Evidence]] = {}

    def add(self, field: str, spans: Iterable[tuple[int, int]]) -> None:
        for start, end in spans:
            self.by_field.setdefault(field, []).append(self.document.evidence(start, end))


def _amounts(
    text: str, segment: Segment, document: DocumentText
) -> list[tuple[float, str, int, int]]:
    """Every distinct sum in the segment, from sentences and from "Montant" table columns."""
    seen: dict[float, tuple[float, str, int, int]] = {}
    for match in find_amounts(text[segment.start : segment.end]):
        value = round(match.value, 2)
        if value not in seen:
            seen[value] = (value, match.text, segment.start + match.start, segment.start + match.end)
    for table in document.tables:
        header_row = table.rows[0]
        columns = [i for i, cell in enumerate(header_row) if AMOUNT_HEADER_RE.search(cell.text)]
        for row in table.rows[1:]:
            for i in columns:
                if i >= len(row) or row[i].start is None:
                    continue
                if not segment.start <= row[i].start < segment.end:
                    continue
                value = parse_figure(row[i].text.replace("€", "").strip())
                if value is not None and round(value, 2) not in seen:
                    seen[round(value, 2)] = (value, row[i].text, row[i].start, row[i].end or row[i].start)
    return sorted(seen.values(), key=lambda item: item[2])


def _vote(facts: VoteFacts) -> Vote | None:
    if facts.result is None and facts.unanimous is None and not facts.found:
        return None
    return Vote(
        result=facts.result,
        unanimous=facts.unanimous,
        for_=facts.for_,
        against=facts.against,
        abstentions=facts.abstentions,
        against_names=[p.name for p in facts.against_names],
        abstention_names=[p.name for p in facts.abstention_names],
        counts_consistent=facts.counts_consistent,
        unanimity_contradicted=facts.unanimity_and_counts_disagree,
    )


def analyze_segment(document: DocumentText, segment: Segment) -> Deliberation:
    text = document.text
    scope = text[segment.start : segment.end]
    evidence = Evidences(document)

    def located(field: str, match: header.TextMatch | people.PersonMatch | None) -> str | None:
        if match is None:
            return None
        evidence.add(field, [(segment.start + match.start, segment.start + match.end)])
        return match.value if isinstance(match, header.TextMatch) else match.name

    body = located("body", header.find_body(scope))
    authority_match = None
    if body in BOARD_BODIES:
        authority_match = find_organisation(scope)
    authority = located("authority", authority_match or header.find_authority(scope))

    date = find_session_date(scope)
    session_date = None
    if date:
        session_date = date.value.isoformat()
        evidence.add("session_date", [(segment.start + date.start, segment.start + date.end)])

    vote_facts = find_vote(text, segment.start, segment.end)
    vote = _vote(vote_facts)
    evidence.add("vote", vote_facts.spans)
    evidence.add("vote.against_names", [(p.start, p.end) for p in vote_facts.against_names])
    evidence.add("vote.abstention_names", [(p.start, p.end) for p in vote_facts.abstention_names])

    amounts = []
    for value, printed, start, end in _amounts(text, segment, document):
        amounts.append(Amount(value=value, text=printed))
        evidence.add("amounts", [(start, end)])

    imputations = []
    seen_lines: set[tuple] = set()
    for imp in find_imputations(scope):
        key = (imp.chapitre, imp.article, imp.fonction, imp.operation, " ".join(imp.text.split()))
        if key in seen_lines:
            continue
        seen_lines.add(key)
        imputations.append(
            Imputation(
                chapitre=imp.chapitre,
                article=imp.article,
                fonction=imp.fonction,
                operation=imp.operation,
                text=" ".join(imp.text.split()),
            )
        )
        evidence.add("imputations", [(segment.start + imp.start, segment.start + imp.end)])

    beneficiaries = []
    for merged, _group in find_beneficiaries(text, segment.start, segment.end, document.tables, authority):
        beneficiaries.append(Beneficiary(name=merged.name, amount=merged.amount))
        evidence.add("beneficiaries", [(merged.start, merged.end)])

    deliberation = Deliberation(
        authority=authority,
        body=body,
        session_date=session_date,
        number=located("number", header.find_number(scope)),
        act_id=located("act_id", header.find_act_id(scope)),
        matter_code=located("matter_code", header.find_matter_code(scope)),
        subject=located("subject", header.find_subject(scope)),
        rapporteur=located("rapporteur", people.find_role(scope, "rapporteur")),
        president=located("president", people.find_role(scope, "president")),
        secretary=located("secretary", people.find_role(scope, "secretary")),
        vote=vote,
        amounts=amounts,
        imputations=imputations,
        beneficiaries=beneficiaries,
        evidence=evidence.by_field,
    )
    return deliberation


def analyze(document: DocumentText, source: Source) -> ExtractionRecord:
    """Extract every deliberation of one document."""
    kind = document_kind(document.text)
    deliberations = []
    if kind == "deliberation":
        for segment in segments(document.text):
            deliberations.append(analyze_segment(document, segment))
    return ExtractionRecord(source=source, kind=kind, deliberations=deliberations)
