"""French lexicons as data: each concept that more than one rule needs, defined once.

The tables live in ``lexicon/fr/*.toml`` (see the comments there). Rules build their patterns from
them: ``pattern("deliberated")`` is the alternation of the concept's forms, to put inside a larger
regular expression; ``assemblies()`` lists the assemblies with their canonical names.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel


class Concept(BaseModel):
    """A list of forms (regular-expression fragments) with what they mean and how widely they are
    written, and the examples and near misses the suite checks."""

    name: str
    about: str
    bodies: str
    forms: list[str]
    examples: list[str]
    near_misses: list[str]
    case: str = "ignore"  # or "exact"
    # named parts of the forms, for a rule that needs fewer of them (each a subset of forms):
    # civility's "plural" are the civilities that name several persons ("MM. X et Y")
    subsets: dict[str, list[str]] = {}

    def abbreviations(self) -> list[str]:
        """The forms that are an abbreviation closed by a dot ("M\\.", "Mme\\.?"), as the letters
        before the dot ("M", "Mme"): where a dot ends no sentence."""
        out = []
        for form in self.forms:
            letters = re.sub(r"\\\.\??$", "", form)
            if letters != form and re.fullmatch(r"\w+", letters):
                out.append(letters)
        return out

    def regex(self) -> re.Pattern[str]:
        """The concept alone, matching a whole string (for its examples and near misses)."""
        flags = re.UNICODE if self.case == "exact" else re.IGNORECASE | re.UNICODE
        return re.compile(rf"(?:{'|'.join(self.forms)})", flags)


class Assembly(BaseModel):
    name: str  # canonical, lower case: "conseil municipal"
    pattern: str
    examples: list[str]
    near_misses: list[str]


def _table(file: str) -> dict:
    return tomllib.loads(
        resources.files("deliberations.nlp.lexicon")
        .joinpath("fr", file)
        .read_text(encoding="utf-8")
    )


@cache
def concepts() -> dict[str, Concept]:
    return {name: Concept(name=name, **body) for name, body in _table("concepts.toml").items()}


@cache
def pattern(name: str, subset: str | None = None) -> str:
    """The concept's forms as one non-capturing alternation, longest first; case-insensitive
    within whatever pattern it is put in, unless the concept says ``case = "exact"``. Two names
    are built from the assemblies: ``assembly`` (any of them) and ``deciding_body`` (any of them,
    or their bureau named alone: who may be the subject of a decision). ``subset`` takes one of
    the concept's named subsets instead of all its forms."""
    if name in DERIVED:
        return rf"(?i:{DERIVED[name]()})"
    concept = concepts()[name]
    chosen = concept.forms if subset is None else concept.subsets[subset]
    forms = "|".join(sorted(chosen, key=len, reverse=True))
    return rf"(?:{forms})" if concept.case == "exact" else rf"(?i:{forms})"


@cache
def assemblies() -> tuple[Assembly, ...]:
    return tuple(Assembly(**row) for row in _table("assemblies.toml")["assembly"])


@cache
def assembly_pattern() -> str:
    """Any assembly, as one alternation (case-insensitive use)."""
    return rf"(?:{'|'.join(a.pattern for a in assemblies())})"


@cache
def deciding_body() -> str:
    """An assembly, or its bureau named alone ("Le Bureau, après en avoir délibéré"): who may be
    the subject of a decision (case-insensitive use)."""
    return rf"(?:{assembly_pattern()}|{pattern('bureau')})"


DERIVED = {"assembly": assembly_pattern, "deciding_body": deciding_body}
