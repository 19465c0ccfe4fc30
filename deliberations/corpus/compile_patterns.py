"""Write the kept compiled patterns of both scopes (``make setup``): the pipeline imported and run
once, the spaCy model loaded (:mod:`deliberations.regex_cache` keeps them; this lives here, beside
the worker it warms up, so that the cache module imports nothing of the package)."""

from __future__ import annotations

from deliberations.corpus.worker import warm_up
from deliberations.regex_cache import _read, cache_path


def main() -> None:
    warm_up(model=True)
    for scope in ("pipeline", "spacy"):
        print(f"{cache_path(scope)}: {len(_read(cache_path(scope)))} patterns")


if __name__ == "__main__":
    main()
