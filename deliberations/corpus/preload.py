"""Imported once by the pool's fork server: the model loaded there is shared by every worker.

With the ``forkserver`` start method, workers are forked from a server process that imported
this module: the spaCy model is loaded once per batch instead of once per worker (a worker
replaced after a timeout starts at once), and its pages are shared copy-on-write.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(Exception):  # a worker that finds no model says so when it starts
    from deliberations.corpus.worker import warm_up

    warm_up()
