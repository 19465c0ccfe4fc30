"""Rebuild the derived tables: beneficiary entities and the imputation audit.

Called once at the end of ``delib ingest`` (``deliberations.corpus.batch.ingest``). The rows
are rebuilt whole, in one transaction and in a deterministic order, so running it again on the
same extracted rows gives the same tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deliberations.queries.audit import audit, store_audit
from deliberations.queries.entities import load_mentions, resolve, store_entities
from deliberations.store.database import open_database


def refresh_derived(db_path: Path | str) -> None:
    """Resolve beneficiaries into entities and audit every imputation, into ``db_path``."""
    db = open_database(db_path)  # creates the derived tables in a database made by an older version
    conn: sqlite3.Connection = db.conn
    try:
        entities = resolve(load_mentions(conn))
        checked = audit(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            store_entities(conn, entities)
            store_audit(conn, checked)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
