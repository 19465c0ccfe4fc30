"""The phrasing census (scripts/phrasing_census.py) covers every rule of every phrasing table."""

from collections import Counter

from deliberations.nlp import phrasings
from scripts.phrasing_census import Source, census, compiled_rules


def test_every_phrasing_rule_is_counted():
    counted = Counter(field for field, _, _ in compiled_rules())
    tables = {field: len(phrasings.table(field)) for field in phrasings.fields()}
    assert dict(counted) == tables


def test_a_rule_counts_the_bodies_whose_text_it_matches():
    a = Source("body-a", "a.txt", None)  # type: ignore[arg-type]
    b = Source("body-b", "b.txt", None)  # type: ignore[arg-type]
    texts = {
        a: "Après en avoir délibéré, le conseil municipal, à l'unanimité, approuve.",
        b: "La commission a examiné le dossier.",
    }
    rows = {name: bodies for field, name, bodies, _ in census(texts, "vote")}
    assert rows["unanimity"] == {"body-a"}
    assert rows["majority"] == set()
