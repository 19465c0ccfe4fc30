"""Rebuild the derived tables: beneficiary entities and the imputation audit.

Called once at the end of ``delib ingest`` (``deliberations.corpus.batch.ingest``). The rows
are rebuilt whole, in one transaction and in a deterministic order, so running it again on the
same extracted rows gives the same tables; it is skipped when no document was written since the
last rebuild (every document's transaction counts itself in ``meta``; the rebuild records the
count its rows were read at, and the code's version), so re-running an
ingest over an unchanged archive of thousands of documents does not spend seconds re-resolving
the same beneficiaries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from deliberations.queries.audit import audit, store_audit
from deliberations.queries.entities import load_mentions, resolve, store_entities
from deliberations.store.database import derived_state, mark_derived, open_database


def refresh_derived(
    db_path: Path | str, *, force: bool = False, starting: Callable[[], None] | None = None
) -> bool:
    """Resolve beneficiaries into entities and audit every imputation, into ``db_path``, when a
    document was written since the last time (or ``force``); True when the tables were rebuilt.
    ``starting`` is called once it is decided that they will be."""
    db = open_database(db_path)  # creates the derived tables in a database made by an older version
    conn: sqlite3.Connection = db.conn
    try:
        conn.execute("BEGIN")  # one snapshot: the count and the rows it counts
        try:
            state, current = derived_state(conn)
            if current and not force:
                return False
            if starting is not None:
                starting()
            mentions = load_mentions(conn)
            checked = audit(conn)
        finally:
            conn.execute("COMMIT")
        entities = resolve(mentions)
        conn.execute("BEGIN IMMEDIATE")
        try:
            store_entities(conn, entities)
            store_audit(conn, checked)
            mark_derived(conn, state)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return True
