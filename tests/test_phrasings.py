"""Every phrasing table (deliberations/nlp/phrasings/*.toml): each rule reads its examples, and
its near misses read as they must (nothing, or another value). Adding a phrasing is one entry in
its table; a rule without an example or a near miss does not load."""

from __future__ import annotations

import pytest

from deliberations.nlp import phrasings
from deliberations.nlp.fields import READERS

CASES = [
    pytest.param(field, rule.id, kind, case, id=f"{field}-{rule.id}-{kind}{index}")
    for field in phrasings.fields()
    for rule in phrasings.table(field)
    for kind, cases in (("example", rule.examples), ("near_miss", rule.near_misses))
    for index, case in enumerate(cases)
]


def test_every_table_has_a_reader() -> None:
    assert set(phrasings.fields()) == set(READERS)


@pytest.mark.parametrize(("field", "rule_id", "kind", "case"), CASES)
def test_phrasing(field: str, rule_id: str, kind: str, case: phrasings.Case) -> None:
    found = READERS[field](case.text)
    value = found.value if found else ""
    assert value == case.expect, f"{rule_id} {kind}: read {value!r} in {case.text!r}"
    if kind == "example":
        # the rule read it (a vote is read by several rules at once: one of them)
        assert found is not None and rule_id in found.rule_id.split(","), (
            f"read by {found and found.rule_id}, not {rule_id}"
        )


def test_a_rule_without_a_near_miss_does_not_load() -> None:
    with pytest.raises(ValueError):
        phrasings.Phrasing(
            id="x", pattern="x", bodies="x", examples=[{"text": "x"}], near_misses=[]
        )
