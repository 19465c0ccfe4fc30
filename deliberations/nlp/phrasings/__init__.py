"""Phrasings as data: one table per field, each rule an id, a pattern, examples and near misses.

A table is ``phrasings/<field>.toml``: a list of ``[[rule]]`` entries with

- ``id``: the rule's name, kept in the evidence of what it finds;
- ``pattern``: a regular expression; ``{NAME}`` placeholders are filled from the fragments the
  field's module gives (and lexicon concepts: ``{lexicon:deliberated}``, or one of a concept's
  named subsets: ``{lexicon:budget_amendment/modifying}``);
- ``bodies``: how many bodies, of which kinds, write it this way (a rule describes how French
  bodies write, never one document);
- ``examples`` and ``near_misses``: ``{text = "…", expect = "…"}``: what the field's reader must
  return on that text (``expect = ""`` for nothing). Every rule has at least one of each; the
  suite reads every table (tests/test_phrasings.py);
- any other key is a property the module reads (a tier, a side, a flag).

Adding a phrasing is one entry in its table, with its example and near miss.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field

from deliberations.nlp import lexicon

PLACEHOLDER_RE = re.compile(r"\{(lexicon:)?([A-Za-z_][A-Za-z0-9_]*)(?:/([A-Za-z_]+))?\}")


class Case(BaseModel):
    text: str
    expect: str = ""


class Phrasing(BaseModel):
    id: str
    pattern: str
    bodies: str
    examples: list[Case] = Field(min_length=1)
    near_misses: list[Case] = Field(min_length=1)
    properties: dict[str, Any] = {}

    def expand(self, fragments: dict[str, str]) -> str:
        """The pattern with its placeholders filled (module fragments, lexicon concepts)."""

        def fill(match: re.Match[str]) -> str:
            if match.group(1):
                return lexicon.pattern(match.group(2), subset=match.group(3))
            return fragments[match.group(2)]

        return PLACEHOLDER_RE.sub(fill, self.pattern)

    def compiled(self, fragments: dict[str, str]) -> re.Pattern[str]:
        """The pattern filled and compiled: case-insensitive when the rule says ``ignore_case``,
        else as its own inline flags say."""
        flags = re.IGNORECASE if self.properties.get("ignore_case") else 0
        return re.compile(self.expand(fragments), flags)


KNOWN_KEYS = {"id", "pattern", "bodies", "examples", "near_misses"}


@cache
def table(field: str) -> tuple[Phrasing, ...]:
    """The rules of one field, in the table's order."""
    raw = tomllib.loads(
        resources.files("deliberations.nlp.phrasings")
        .joinpath(f"{field}.toml")
        .read_text(encoding="utf-8")
    )
    return tuple(
        Phrasing(
            **{k: v for k, v in rule.items() if k in KNOWN_KEYS},
            properties={k: v for k, v in rule.items() if k not in KNOWN_KEYS},
        )
        for rule in raw["rule"]
    )


def of_kind(field: str, kind: str) -> tuple[Phrasing, ...]:
    """The rules of one field's table that are of one ``kind``, in the table's order."""
    return tuple(r for r in table(field) if r.properties.get("kind") == kind)


def fields() -> list[str]:
    """Every field that has a table."""
    folder = resources.files("deliberations.nlp.phrasings")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )
