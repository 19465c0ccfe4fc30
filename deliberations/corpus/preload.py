"""Imported once by the pool's fork server: the pipeline imported there is shared by every worker.

With the ``forkserver`` start method, workers are forked from a server process that imported
this module: the modules and their compiled patterns are loaded once per batch instead of once
per worker (a worker replaced after a timeout starts at once); their compiled patterns are
kept between runs (:mod:`deliberations.regex_cache`: 0.5 s of CPU here instead of 1.1 s). The
spaCy model is not loaded here (it would hold every worker back by about 1.3 s): a worker loads
it on the first document that asks the NER (in the real bench, one document in five).
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):  # a worker that finds no model says so when it starts
    from deliberations.corpus.worker import warm_up

    warm_up()
