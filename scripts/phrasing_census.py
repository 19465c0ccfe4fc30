"""How many bodies write each phrasing? A census of the phrasing tables over the in-sample documents.

    .venv/bin/python -m scripts.phrasing_census              # every table
    .venv/bin/python -m scripts.phrasing_census --field vote --narrow 1

Each rule of ``nlp/phrasings/*.toml`` says in its ``bodies`` field how many bodies write that
way; this script measures it on the documents rules are written from: the real set of
``tests/data/documents.tsv`` (never the held-out or blind sets) and the five dev texts, each dev
text counted as a body of its own. For every rule it prints the bodies and documents whose text
it matches anywhere (with the rule's own pattern and flags, as its module compiled it), so a rule
that fires in one body only, or in none, stands out: a rule written from one document, or a
phrasing nobody here writes. A match is not a use: the module may still reject it in context.

Texts of scanned documents come from OCR, slow; they are kept in ``build/census/`` between runs.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from deliberations.evaluation import read_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CACHE = ROOT / "build" / "census"


@dataclass(frozen=True)
class Source:
    body: str
    name: str
    path: Path


def sources() -> list[Source]:
    """The in-sample documents: the real set and the dev texts (never held-out or blind)."""
    out = [
        Source(d.body, d.file, d.path(DATA))
        for d in read_documents(DATA / "documents.tsv")
        if d.set == "real" and d.path(DATA).exists()
    ]
    for path in sorted((DATA / "dev" / "text").glob("*.txt")):
        out.append(Source(f"dev-{path.stem.split('_')[0]}", path.name, path))
    return out


def text_of(source: Source) -> str:
    """The document's text as the pipeline reads it (cached: OCR is slow)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    kept = CACHE / f"{source.name}.txt"
    if kept.exists():
        return kept.read_text(encoding="utf-8")
    from deliberations.extract import read_document

    text = read_document(source.path, with_tables=False).text
    kept.write_text(text, encoding="utf-8")
    return text


def compiled_rules() -> Iterator[tuple[str, str, re.Pattern[str]]]:
    """(field, rule id, pattern as its module compiled it) for every phrasing table."""
    from deliberations.nlp import act_number, dates, headings, people, phrasings, votes, zones

    for rule in headings.HEADING_TABLE:
        yield "item_heading", rule.name, rule.regex
    # the date cues are compiled to end where a date starts: search their phrase alone
    for rule in phrasings.table("session_date"):
        yield (
            "session_date",
            rule.id,
            re.compile(rule.expand(dates._CUE_FRAGMENTS), re.IGNORECASE | re.MULTILINE),
        )
    for rule in votes.VOTE_RULES:
        yield "vote", rule.name, rule.pattern
    for name, _, pattern in act_number.SITE_RULES:
        yield "number", name, pattern
    from deliberations.nlp import authority

    for name, _, _, pattern in authority.AUTHORITY_RULES:
        yield "authority", name, pattern
    for rule in people.ROLE_RULES:
        yield "role", rule.name, rule.pattern
    for rule in zones.ZONE_RULES:
        yield "zone", rule.name, rule.regex
    # the boundaries where a text that lost its line breaks gets them back (extract/reflow.py)
    from deliberations.extract import reflow

    for boundary in reflow.boundaries():
        yield "reflow", boundary.name, boundary.regex
    # sums: the rules as amounts.py compiled them; the money cue, which money.py reads right before
    # a figure, searched as its phrase alone
    from deliberations.nlp import amounts

    compiled = {rule.name: rule.regex for rule in amounts.RULES}
    compiled |= dict(amounts.ROW_RULES) | {"range_low": amounts.RANGE_LOW_RE}
    for rule in phrasings.table("amount"):
        yield "amount", rule.id, compiled.get(rule.id) or re.compile(rule.expand({}), re.IGNORECASE)
    # imputations: the components, codes, account lines and the credit-change cue as
    # imputations.py compiled them
    from deliberations.nlp import imputations

    compiled = {p.name: p.regex for p in imputations.COMPONENT_PATTERNS}
    compiled |= {p.name: p.regex for p in imputations.COMPACT_PATTERNS}
    compiled |= {
        "account_line": imputations.ACCOUNT_LINE_RE,
        "bare_account_line": imputations.BARE_ACCOUNT_LINE_RE,
        "credit_change": imputations.CREDIT_CHANGE_RE,
    }
    # the cues money.py reads before an unlabelled code: a column header as compiled, the label
    # words searched alone (money.py looks for them on the code's line, before it)
    from deliberations.nlp import money

    compiled["column_header"] = money.COLUMN_HEADER_RE
    for rule in phrasings.table("imputation"):
        yield (
            "imputation",
            rule.id,
            compiled.get(rule.id) or re.compile(rf"\b{rule.expand({})}\b", re.IGNORECASE),
        )
    # grants: the cues, verbs and sentences as beneficiaries.py compiled them (a cue searched
    # alone; what leads from a sum to its grantee searched after a sum and before a name in
    # capitals, as the module reads it; the aid's form searched alone, not after a name)
    from deliberations.nlp import beneficiaries

    grant_rules = {
        "grant_cue": beneficiaries.GRANT_CUE_RE,
        "grant_sum_to": re.compile(
            r"\d\s*(?:€|euros?)"
            + beneficiaries.TO_RE.pattern
            + r"(?:l['’]\s*|la\s+|le\s+|les\s+)?(?:association\s+)?(?-i:[A-ZÉÈÀ])",
            re.IGNORECASE,
        ),
        "grant_to_name": beneficiaries.GRANT_TO_NAME_RE,
        "aid_in_the_form_of": beneficiaries.AID_NAME_RE,
        "aid_form": re.compile(beneficiaries.AID_FORM_RE.pattern.removeprefix("^"), re.IGNORECASE),
        "support_for_name": beneficiaries.SUPPORT_FOR_NAME_RE,
        "title_grant_for": beneficiaries.TITLE_GRANT_FOR_RE,
        "granted_to_pronoun": beneficiaries.PRONOUN_GRANT_RE,
    }
    for rule in phrasings.table("grant"):
        yield "grant", rule.id, grant_rules[rule.id]


def census(texts: dict[Source, str], field: str | None) -> list[tuple[str, str, set, set]]:
    """Per rule: the bodies and documents it matches."""
    rows = []
    for rule_field, name, pattern in compiled_rules():
        if field and rule_field != field:
            continue
        bodies: set[str] = set()
        documents: set[str] = set()
        for source, text in texts.items():
            if pattern.search(text):
                bodies.add(source.body)
                documents.add(source.name)
        rows.append((rule_field, name, bodies, documents))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--field", help="one table only (item_heading, session_date, vote, …)")
    parser.add_argument(
        "--narrow",
        type=int,
        default=None,
        metavar="N",
        help="list only the rules matching at most N bodies",
    )
    args = parser.parse_args()
    found = sources()
    texts = {source: text_of(source) for source in found}
    all_bodies = {source.body for source in found}
    rows = census(texts, args.field)
    print(f"{len(found)} in-sample documents of {len(all_bodies)} bodies (real set + dev texts)")
    print(f"{'field':<13} {'rule':<34} {'bodies':>6} {'docs':>5}  which bodies")
    by_count: dict[int, int] = defaultdict(int)
    for rule_field, name, bodies, documents in rows:
        by_count[min(len(bodies), 2)] += 1
        if args.narrow is not None and len(bodies) > args.narrow:
            continue
        listed = ", ".join(sorted(bodies)) if len(bodies) <= 4 else f"{len(bodies)} bodies"
        print(f"{rule_field:<13} {name:<34} {len(bodies):>6} {len(documents):>5}  {listed}")
    print(
        f"{len(rows)} rules: {by_count[0]} match no in-sample body, {by_count[1]} one body, "
        f"{by_count[2]} two or more"
    )


if __name__ == "__main__":
    main()
