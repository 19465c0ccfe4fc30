"""Generators of test and bench documents (reportlab, a dev dependency): born-digital PDFs from
plain texts (:mod:`.fixtures`, also the builder of ``demo/corpus``), their scanned and degraded
versions (:mod:`.scans`) and synthetic archives of any size (:mod:`.synthetic`).

They live with the tests, not in the ``deliberations`` package: nothing a user runs needs them.
The benches import them from here (``bench/*.py`` put the repository on ``sys.path``).
"""
