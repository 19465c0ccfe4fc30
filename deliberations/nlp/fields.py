"""Where each field with a phrasing table is read: one reader per field, text in, value out.

The suite runs every rule's examples and near misses through these readers
(tests/test_phrasings.py); ``delib extract --explain`` names the rule that read each value.
"""

from __future__ import annotations

from collections.abc import Callable

from deliberations.extract.reflow import read_reflow
from deliberations.nlp.amounts import find_amounts, rules_read
from deliberations.nlp.authority import find_authority
from deliberations.nlp.beneficiaries import find_beneficiaries
from deliberations.nlp.found import Found
from deliberations.nlp.header import find_body, find_number
from deliberations.nlp.headings import find_headings
from deliberations.nlp.imputations import (
    COMPONENT_PATTERNS,
    IMPUTATION_PARTS,
    credit_change,
    distinct_imputations,
    parts_of,
)
from deliberations.nlp.money import CUE_RE, code_cue, money_cued, plan_rejects, uncued_in
from deliberations.nlp.people import find_role
from deliberations.nlp.session_date import best_session_date
from deliberations.nlp.votes import VoteFacts, find_vote
from deliberations.nlp.zones import line_rule, zones_of


def read_session_date(text: str) -> Found | None:
    """As the pipeline reads it: the best scored candidate (nlp/candidates.py), kept above its
    threshold, named by the cue rule that made it a candidate."""
    found = best_session_date(text)
    if found is None:
        return None
    return Found("session_date", found.value, found.start, found.end, found.rule, score=found.score)


def read_authority(text: str) -> Found | None:
    """As the pipeline reads it: the best scored candidate for the assembly the text names."""
    body = find_body(text)
    return find_authority(text, body.value if body else None)


def read_number(text: str) -> Found | None:
    return find_number(text)


def read_item_heading(text: str) -> Found | None:
    """The first item heading: "number | title" (the number empty when none is printed)."""
    found = find_headings(text)
    if not found:
        return None
    heading = found[0]
    return Found(
        "item_heading",
        f"{heading.number or ''} | {heading.title}",
        heading.start,
        heading.end,
        heading.rule,
    )


def vote_summary(facts: VoteFacts) -> str:
    """The vote in one line: what is known, in a fixed order ("result=adopted unanimous=True for=12")."""
    parts = [
        f"{name}={value}"
        for name, value in (
            ("result", facts.result),
            ("unanimous", facts.unanimous),
            ("for", facts.for_),
            ("against", facts.against),
            ("abstentions", facts.abstentions),
            ("voters", facts.voters),
        )
        if value is not None
    ]
    if facts.against_names:
        parts.append("against=[" + ";".join(p.value for p in facts.against_names) + "]")
    if facts.abstention_names:
        parts.append("abstaining=[" + ";".join(p.value for p in facts.abstention_names) + "]")
    return " ".join(parts)


def read_vote(text: str) -> Found | None:
    facts = find_vote(text)
    summary = vote_summary(facts)
    if not summary:
        return None
    start = min((a for a, _ in facts.spans), default=0)
    end = max((b for _, b in facts.spans), default=0)
    return Found("vote", summary, start, end, ",".join(facts.rules))


ROLES = ("rapporteur", "president", "secretary")


def read_roles(text: str) -> Found | None:
    """The person named in each role: "rapporteur=X president=Y" (roles not named left out)."""
    found = {role: find_role(text, role) for role in ROLES}
    named = {role: person for role, person in found.items() if person is not None}
    if not named:
        return None
    rules = [rule for role, person in named.items() for rule in (person.rule_id,) if rule]
    summary = " ".join(f"{role}={person.value}" for role, person in named.items())
    first = min(named.values(), key=lambda p: p.start)
    return Found("role", summary, first.start, first.end, ",".join(rules))


def read_zone(text: str) -> Found | None:
    """The zone of the text's last line, after the zones of the lines before it (a zone may depend
    on the line before)."""
    zones = zones_of(text)
    previous = zones.names[-2] if len(zones.names) > 1 else "body"
    rule = line_rule(text.rsplit("\n", 1)[-1], previous)
    if rule is None:
        return None
    return Found("zone", rule.zone, zones.starts[-1], len(text), rule.name)


def _sum_text(value: float) -> str:
    """A sum as the amount table's examples write it: "21900", "1500.50", "-3068.47"."""
    printed = f"{value:.2f}"
    return printed.removesuffix(".00")


def read_amount(text: str) -> Found | None:
    """Every sum read, in order ("21900 1500.50"), each followed by " (cued)" when a money cue
    stands before it; named by the rules that read them (and money_cue when one is cued)."""
    found = find_amounts(text)
    if not found:
        return None
    cued = [money_cued(text, f.start) for f in found]
    summary = " ".join(
        _sum_text(float(f.value)) + (" (cued)" if c else "")
        for f, c in zip(found, cued, strict=True)
    )
    rules = rules_read(text) + (["money_cue"] if any(cued) else [])
    return Found("amount", summary, found[0].start, found[-1].end, ",".join(rules))


def read_imputation(text: str) -> Found | None:
    """The imputations read as the pipeline reads a deliberation (every one the plans allow and a
    cue shows is a budget code), each "chapitre=65 article=6574", joined by "; "; named by the
    rules that read them (a labelled imputation by its components) and by the cue that makes an
    unlabelled code believed (credit_change, code_label, column_header). Only the plans' and
    the cues' filters: the pipeline then scores the imputations and keeps those above the
    threshold, and drops digits OCR read unsure (pipeline.imputation_candidates, money.kept,
    pipeline._sure), which a phrasing example does not go through."""
    moving = credit_change(text)
    found = [
        imp
        for imp in distinct_imputations(text)
        if not plan_rejects(imp, moving) and not uncued_in(text, 0, imp, moving)
    ]
    if not found:
        return None
    summary = "; ".join(
        " ".join(f"{k}={v}" for k in IMPUTATION_PARTS if (v := getattr(parts_of(imp), k)))
        for imp in found
    )
    rules = [
        name
        for imp in found
        for name in (
            [p.name for p in COMPONENT_PATTERNS if p.regex.search(imp.text)]
            if imp.rule_id == "labelled"
            else [imp.rule_id]
        )
    ]
    # what says an unlabelled code is a budget code: the credit change, or a label or a column
    rules += ["credit_change"] if moving else []
    rules += [
        cue
        for imp in found
        if not moving and not CUE_RE.match(imp.text) and (cue := code_cue(text, 0, imp))
    ]
    return Found(
        "imputation", summary, found[0].start, found[-1].end, ",".join(dict.fromkeys(rules))
    )


# the rules of phrasings/grant.toml behind each way a grantee is read: a sum granted is cued, then
# led to its grantee; an aid is told in a grant's form after its grantee
GRANT_RULES = {
    "grant_sum_to": ("grant_cue", "grant_sum_to"),
    "aid_in_the_form_of": ("aid_in_the_form_of", "aid_form"),
}


def read_grant(text: str) -> Found | None:
    """Every grantee the text names, as the pipeline reads a deliberation (no table, no authority
    known), in order: "Name=500" ("Name" when no sum is told), joined by "; "; named by the rules
    that read them (grant.toml's, and the rows of lists and tables, which stay in code)."""
    found = find_beneficiaries(text, 0, len(text), [], None)
    if not found:
        return None
    summary = "; ".join(
        str(one.value) + (f"={_sum_text(one.amount)}" if one.amount is not None else "")
        for one, _ in found
    )
    rules = [
        rule
        for _, group in found
        for mention in group
        for rule in GRANT_RULES.get(mention.rule_id, (mention.rule_id,))
    ]
    first = min(one.start for one, _ in found)
    last = max(one.end for one, _ in found)
    return Found("grant", summary, first, last, ",".join(dict.fromkeys(rules)))


READERS: dict[str, Callable[[str], Found | None]] = {
    "zone": read_zone,
    "role": read_roles,
    "vote": read_vote,
    "session_date": read_session_date,
    "number": read_number,
    "authority": read_authority,
    "item_heading": read_item_heading,
    "reflow": read_reflow,  # where a text that lost its line breaks starts a line again
    "amount": read_amount,  # the sums (how a sum is written, and cued)
    "imputation": read_imputation,  # the budget imputations (how written, what cues a code)
    "grant": read_grant,  # the grantees (how a grant and its grantee are written)
}
