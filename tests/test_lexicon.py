"""Every lexicon concept (deliberations/nlp/lexicon/fr/*.toml) matches its examples whole and none
of its near misses; each concept is defined there once and the rules use it from there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deliberations.nlp import lexicon

NLP = Path(lexicon.__file__).parent.parent


@pytest.mark.parametrize("name", sorted(lexicon.concepts()))
def test_concept_examples_and_near_misses(name: str) -> None:
    concept = lexicon.concepts()[name]
    rx = concept.regex()
    assert concept.examples and concept.near_misses
    for example in concept.examples:
        assert rx.fullmatch(example), f"{name}: {example!r} not matched"
    for near in concept.near_misses:
        assert not rx.fullmatch(near), f"{name}: near miss {near!r} matched"


@pytest.mark.parametrize("assembly", lexicon.assemblies(), ids=lambda a: a.name)
def test_assembly_examples_and_near_misses(assembly: lexicon.Assembly) -> None:
    rx = re.compile(rf"\b(?:{assembly.pattern})\b", re.IGNORECASE)
    assert all(rx.fullmatch(e) for e in assembly.examples)
    assert not any(rx.fullmatch(n) for n in assembly.near_misses)


# a signature of each concept: a piece of its definition that may stand in the lexicon only
SIGNATURES = {
    "deliberated": r"avoir\\s\+\(\?:\\w\+\\s\+\)\?d\[ée\]lib|avoir\\s\+d\[ée\]lib\[ée\]r\[ée\]|avoir\\s\+délibéré",
    "presenting_verb": r"donne\\s\+lecture\|",
    "civility": r"Mademoiselle\|Messieurs",
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_concept_defined_once(name: str) -> None:
    """How to check that a concept lives in one place: no rule module spells it again."""
    offenders = [
        str(path.relative_to(NLP))
        for path in NLP.rglob("*.py")
        if re.search(SIGNATURES[name], path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"{name} spelled outside the lexicon in {offenders}"
