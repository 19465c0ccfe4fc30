"""Why each value was read: the candidates a document offered, the rule that read each, and the
winner, for ``delib extract --explain FILE``.

Printed for a person reviewing a document: the séance-date candidates (every explicit date near
the top, with the cue that made it the sitting's date or the lack of one), the item headings
found (their rule, strong or weak), then for each deliberation its act-number candidates (their
site, features and score), its fields with the rule and the words they were read from, and the
vote statements with whether they count as cast here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deliberations.nlp import act_number, header
from deliberations.nlp.authority import authority_candidates
from deliberations.nlp.candidates import weights
from deliberations.nlp.cast import NOT_THE_VOTE, not_cast_reason
from deliberations.nlp.headings import STRONG_RULES, find_headings
from deliberations.nlp.segment import Segment, segments
from deliberations.nlp.session_date import session_date_candidates
from deliberations.nlp.votes import VOTE_RULES
from deliberations.nlp.zones import zones_of
from deliberations.schemas.document import DocumentText
from deliberations.schemas.record import ExtractionRecord

QUOTE = 70
CANDIDATES_SHOWN = 8
NUMBERS_SHOWN = 5


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE else flat[: QUOTE - 1] + "…"


def _shown(value: object, position: int) -> str:
    """A field's value as printed in the explanation (the n-th item of a list)."""
    if isinstance(value, list):
        if position >= len(value):
            return "…"
        item = value[position]
        for attr in ("name", "value", "text"):
            if hasattr(item, attr):
                shown = getattr(item, attr)
                amount = getattr(item, "amount", None)
                return f"{shown!r}" + (f" ({amount} €)" if amount is not None else "")
        return repr(item)
    if hasattr(value, "result"):
        return f"{value.result}, unanimous {value.unanimous}, for {value.for_}, against {value.against}, abstentions {value.abstentions}"
    return repr(value)


def _where(document: DocumentText, start: int) -> str:
    return f"p.{document.page_of(start)}"


def _ranked_lines(
    document: DocumentText,
    ranked: list,
    weights_name: str,
    title: str,
    describe: Callable[[Any], str],
) -> list[str]:
    """The best candidates of a scored field, the winner marked, each with where it stands, its
    text, and ``describe``'s account of its rule and features."""
    text = document.text
    threshold = weights(weights_name)["_threshold"]
    lines = [
        f"{title}, scored candidates (nlp/weights/{weights_name}.toml; kept when the best scores ≥ {threshold}):"
    ]
    for rank, candidate in enumerate(ranked[:CANDIDATES_SHOWN]):
        mark = "→" if rank == 0 and candidate.score >= threshold else " "
        lines.append(
            f" {mark} {candidate.value} {candidate.score:.2f} {_where(document, candidate.start)} "
            f"«{_quote(text[candidate.start : candidate.end])}»: {describe(candidate)}"
        )
    if len(ranked) > CANDIDATES_SHOWN:
        lines.append(f"   … {len(ranked) - CANDIDATES_SHOWN} more")
    return lines


def date_candidates(document: DocumentText) -> list[str]:
    def describe(candidate: Any) -> str:
        features = ", ".join(name for name, value in candidate.features.items() if value == 1.0)
        why = f"rule {candidate.rule}" if candidate.rule else "no session cue"
        return f"{why}; {features}"

    ranked = session_date_candidates(document.text)
    return _ranked_lines(document, ranked, "session_date", "séance date", describe)


def authority_lines(document: DocumentText) -> list[str]:
    """The collectivity's candidates over the whole text, for the assembly it names."""

    def describe(candidate: Any) -> str:
        features = ", ".join(
            f"{name}={value:.2f}" if value != 1.0 else name
            for name, value in candidate.features.items()
            if value
        )
        return f"rule {candidate.rule}; {features}"

    body = header.find_body(document.text)
    ranked = authority_candidates(document.text, body.value if body else None)
    return _ranked_lines(document, ranked, "authority", "authority", describe)


def number_lines(
    document: DocumentText, segment: Segment, session_date: str | None, act_id: str | None
) -> list[str]:
    """The deliberation's act-number candidates (nlp/act_number.py), scored, with their features."""
    text = document.text
    ranked = act_number.number_candidates(
        text, act_number.Item(segment.start, segment.end, segment.heading, session_date, act_id)
    )
    if not ranked:
        return []
    threshold = weights("number")["_threshold"]
    lines = [
        f"   act number, scored candidates (nlp/weights/number.toml; kept when the best scores ≥ {threshold}):"
    ]
    for rank, candidate in enumerate(ranked[:NUMBERS_SHOWN]):
        mark = "→" if rank == 0 and candidate.score >= threshold else " "
        features = ", ".join(
            f"{name}" if value == 1.0 else f"{name} {value:.2f}"
            for name, value in candidate.features.items()
            if value
        )
        lines.append(
            f"   {mark} {candidate.value} {candidate.score:.2f} {_where(document, candidate.start)} "
            f"«{_quote(text[max(0, candidate.start - 25) : candidate.end + 15])}»: "
            f"site {candidate.rule}; {features}"
        )
    if len(ranked) > NUMBERS_SHOWN:
        lines.append(f"     … {len(ranked) - NUMBERS_SHOWN} more")
    return lines


def heading_lines(document: DocumentText) -> list[str]:
    lines = ["item headings (strong ones open an item; weak ones tell apart votes under one):"]
    for heading in find_headings(document.text):
        strength = "strong" if heading.rule in STRONG_RULES else "weak"
        number = f" n° {heading.number}" if heading.number else ""
        lines.append(
            f"   {_where(document, heading.start)} {heading.rule} ({strength}){number}: «{_quote(heading.title)}»"
        )
    return lines


def vote_lines(document: DocumentText, start: int, end: int) -> list[str]:
    text = document.text
    lines = []
    for rule in VOTE_RULES:
        for match in rule.pattern.finditer(text, start, end):
            reason = not_cast_reason(text, match.start(), match.end())
            lines.append(
                f"     vote rule {rule.name} ({rule.kind}) {_where(document, match.start())} "
                f"[{zones_of(text).at(match.start())}] "
                f"«{_quote(match.group(0))}»{f': not the vote ({reason})' if reason in NOT_THE_VOTE else ''}"
            )
    return lines


def explain(document: DocumentText, record: ExtractionRecord) -> str:
    """The explanation of one document's record, as lines of text."""
    text = document.text
    lines = [
        f"== {record.source.file}: kind {record.kind}, {len(record.deliberations)} deliberation(s)"
    ]
    lines += date_candidates(document)
    lines += authority_lines(document)
    lines += heading_lines(document)
    zones = zones_of(text)
    body = header.find_body(text)
    items = segments(text, body.value if body else None)
    for index, deliberation in enumerate(record.deliberations, 1):
        lines.append(f"-- deliberation {index}: «{_quote(deliberation.subject or '?')}»")
        if len(items) == len(record.deliberations):  # one deliberation per item, as analysed
            lines += number_lines(
                document, items[index - 1], deliberation.session_date, deliberation.act_id
            )
        for field, evidences in deliberation.evidence.items():
            value = getattr(deliberation, field.split(".")[0], None)
            for position, evidence in enumerate(evidences[:12]):
                page_start = document.page_start(evidence.page)
                words = text[page_start + evidence.start : page_start + evidence.end]
                zone = zones.at(page_start + evidence.start)
                lines.append(
                    f"   {field} = {_shown(value, position)} p.{evidence.page} [{zone}] «{_quote(words)}»"
                )
        spans = [
            (document.page_start(e.page) + e.start, document.page_start(e.page) + e.end)
            for e in deliberation.evidence.get("vote", [])
        ]
        if spans:
            lines += vote_lines(
                document, min(s for s, _ in spans) - 400, max(e for _, e in spans) + 1
            )
    return "\n".join(lines)
