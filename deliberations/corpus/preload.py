"""Imported once by the pool's fork server: the pipeline imported there is shared by every worker.

With the ``forkserver`` start method, workers are forked from a server process that imported
this module: the modules and their compiled patterns are loaded once per batch instead of once
per worker (a worker replaced after a timeout starts at once). The spaCy model is not loaded
here (it would hold every worker back by about 2 s): a worker loads it on the first document
that asks the NER.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):  # a worker that finds no model says so when it starts
    from deliberations.corpus.worker import warm_up

    warm_up()
