"""The SQLite store: schema (through sqlite-utils) and one transaction per document.

A document is written whole or not at all: its rows go in inside one ``BEGIN IMMEDIATE …
COMMIT``. Writes use the connection directly because sqlite-utils commits after each insert,
which would break that guarantee; sqlite-utils creates the schema and serves the queries.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import sqlite_utils

from deliberations import __version__
from deliberations.schemas.document import DocumentText
from deliberations.schemas.record import (
    STORED_HEADER_FIELDS,
    Deliberation,
    Evidence,
    ExtractionRecord,
    Seance,
)

# bbox (JSON [x0, top, x1, bottom], PDF points from the page's top-left) and confidence (lowest
# OCR word confidence, 0..1) are set for values read on OCR'd pages only
EVIDENCE_COLUMNS = {
    "page": int,
    "start_char": int,
    "end_char": int,
    "bbox": str,
    "confidence": float,
}

TABLES: dict[str, dict] = {
    "documents": {
        "columns": {
            "id": int,
            "path": str,
            "sha256": str,
            "pages": int,
            "kind": str,
            "status": str,
            "ocr_pages": str,
            "extractor_version": str,
            "ingested_at": str,
        },
        "pk": "id",
    },
    "pages": {
        "columns": {
            "id": int,
            "document_id": int,
            "page_no": int,
            "method": str,
            "reason": str,
            "chars": int,
            "text": str,
            "confidence": float,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    # every word of an OCR'd page: its offsets in pages.text, box and Tesseract's confidence
    "page_words": {
        "columns": {
            "id": int,
            "document_id": int,
            "page_no": int,
            "seq": int,
            "text": str,
            "start_char": int,
            "end_char": int,
            "confidence": float,
            "x0": float,
            "top": float,
            "x1": float,
            "bottom": float,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "seances": {
        "columns": {
            "id": int,
            "document_id": int,
            "session_date": str,
            "authority": str,
            "body": str,
            "president": str,
            "secretary": str,
            "members_in_office": int,
            "quorum_reached": int,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "attendees": {
        "columns": {"id": int, "seance_id": int, "name": str, "status": str, "proxy_to": str},
        "pk": "id",
        "foreign_keys": [("seance_id", "seances", "id")],
    },
    "deliberations": {
        "columns": {
            "id": int,
            "document_id": int,
            "seance_id": int,
            "seq": int,
            **dict.fromkeys(STORED_HEADER_FIELDS, str),
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("seance_id", "seances", "id")],
    },
    "votes": {
        "columns": {
            "deliberation_id": int,
            "result": str,
            "unanimous": int,
            "for_count": int,
            "against_count": int,
            "abstentions": int,
            "counts_consistent": int,
            "unanimity_contradicted": int,
        },
        "pk": "deliberation_id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "vote_members": {
        "columns": {"id": int, "deliberation_id": int, "name": str, "role": str},
        "pk": "id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "amounts": {
        "columns": {
            "id": int,
            "deliberation_id": int,
            "seq": int,
            "value": float,
            "currency": str,
            "text": str,
            **EVIDENCE_COLUMNS,
        },
        "pk": "id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "imputations": {
        "columns": {
            "id": int,
            "deliberation_id": int,
            "seq": int,
            "chapitre": str,
            "article": str,
            "fonction": str,
            "operation": str,
            "text": str,
            **EVIDENCE_COLUMNS,
        },
        "pk": "id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "beneficiaries": {
        "columns": {
            "id": int,
            "deliberation_id": int,
            "seq": int,
            "name": str,
            "amount": float,
            # the failed self-check of the table it was read from, and the lower score
            "table_check": str,
            "score": float,
            # the imputation sentence of the table's section holding its row
            "imputation": str,
            **EVIDENCE_COLUMNS,
        },
        "pk": "id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "evidence": {
        "columns": {
            "id": int,
            "deliberation_id": int,
            "field": str,
            "item": int,
            **EVIDENCE_COLUMNS,
        },
        "pk": "id",
        "foreign_keys": [("deliberation_id", "deliberations", "id")],
    },
    "errors": {
        "columns": {
            "id": int,
            "path": str,
            "sha256": str,
            "stage": str,
            "error_class": str,
            "message": str,
            "created_at": str,
        },
        "pk": "id",
    },
    # facts about the database itself: ``generation`` counts the documents written, ``derived_at``
    # is the count the derived tables were last built at (deliberations.queries.derive)
    "meta": {
        "columns": {"key": str, "value": str},
        "pk": "key",
    },
    # derived tables, rebuilt whole at the end of an ingest that changed something
    # (deliberations.queries.derive)
    "beneficiary_entities": {
        "columns": {
            "id": int,
            "canonical_name": str,
            "rna": str,
            "siren": str,
            "siret": str,
            "mentions": int,
            "total_amount": float,
            "authorities": str,
        },
        "pk": "id",
    },
    "beneficiary_links": {
        "columns": {
            "beneficiary_id": int,
            "entity_id": int,
            "deliberation_id": int,
            "name": str,
            "matched_with": int,
            "reason": str,
            "rna": str,
            "siren": str,
            "siret": str,
        },
        "pk": "beneficiary_id",
        "foreign_keys": [
            ("beneficiary_id", "beneficiaries", "id"),
            ("entity_id", "beneficiary_entities", "id"),
            ("deliberation_id", "deliberations", "id"),
        ],
    },
    "imputation_checks": {
        "columns": {
            "imputation_id": int,
            "deliberation_id": int,
            "norme": str,
            "norme_reason": str,
            "exercice": int,
            "plan": str,
            "status": str,
            "anomalies": int,
        },
        "pk": "imputation_id",
        "foreign_keys": [
            ("imputation_id", "imputations", "id"),
            ("deliberation_id", "deliberations", "id"),
        ],
    },
    "imputation_anomalies": {
        "columns": {
            "id": int,
            "imputation_id": int,
            "deliberation_id": int,
            "check_name": str,
            "severity": str,
            "evidence": str,
            "explanation": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("imputation_id", "imputations", "id"),
            ("deliberation_id", "deliberations", "id"),
        ],
    },
}
INDEXES = [
    ("documents", ["sha256"], True),
    ("documents", ["path"], False),
    ("pages", ["document_id", "page_no"], True),
    ("page_words", ["document_id", "page_no"], False),
    ("deliberations", ["document_id"], False),
    ("seances", ["document_id"], False),
    ("attendees", ["seance_id"], False),
    ("vote_members", ["deliberation_id"], False),
    ("amounts", ["deliberation_id"], False),
    ("imputations", ["deliberation_id"], False),
    ("beneficiaries", ["deliberation_id"], False),
    ("beneficiaries", ["name"], False),
    ("evidence", ["deliberation_id"], False),
    ("errors", ["path"], False),
    ("beneficiary_links", ["entity_id"], False),
    ("beneficiary_links", ["deliberation_id"], False),
    ("imputation_checks", ["deliberation_id"], False),
    ("imputation_anomalies", ["deliberation_id"], False),
]
# child tables, deepest first: what deleting a document removes
CHILDREN = [
    "imputation_anomalies",
    "imputation_checks",
    "beneficiary_links",
    "evidence",
    "beneficiaries",
    "imputations",
    "amounts",
    "vote_members",
    "votes",
]


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the database, with WAL and foreign keys on."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=60)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    for name, spec in TABLES.items():
        if not db[name].exists():
            db[name].create(
                spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys", [])
            )
    _add_missing_columns(db)
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    if not db["pages_fts"].exists():
        db["pages"].enable_fts(
            ["text"],
            fts_version="FTS5",
            create_triggers=True,
            tokenize="unicode61 remove_diacritics 2",
        )
    return db


def _add_missing_columns(db: sqlite_utils.Database) -> None:
    """Columns added to TABLES since a database was created are added to it (no data lost)."""
    for name, spec in TABLES.items():
        existing = set(db[name].columns_dict)
        for column, kind in spec["columns"].items():
            if column not in existing:
                db[name].add_column(column, kind)


def _delete_document(conn: sqlite3.Connection, document_id: int) -> None:
    deliberation_ids = "SELECT id FROM deliberations WHERE document_id = ?"
    for table in CHILDREN:
        key = "deliberation_id"
        conn.execute(f"DELETE FROM {table} WHERE {key} IN ({deliberation_ids})", (document_id,))
    conn.execute("DELETE FROM deliberations WHERE document_id = ?", (document_id,))
    conn.execute(
        "DELETE FROM attendees WHERE seance_id IN (SELECT id FROM seances WHERE document_id = ?)",
        (document_id,),
    )
    conn.execute("DELETE FROM seances WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM page_words WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM pages WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid)


def _evidence(items: list[Evidence] | None, index: int) -> dict:
    if not items or index >= len(items):
        return {
            "page": None,
            "start_char": None,
            "end_char": None,
            "bbox": None,
            "confidence": None,
        }
    ev = items[index]
    return {
        "page": ev.page,
        "start_char": ev.start,
        "end_char": ev.end,
        "bbox": json.dumps(list(ev.bbox)) if ev.bbox else None,
        "confidence": ev.confidence,
    }


def _store_pages(
    conn: sqlite3.Connection,
    document_id: int,
    path: str,
    sha256: str | None,
    document: DocumentText,
) -> None:
    """The pages, the words of OCR'd pages, and an `errors` row for each page that failed."""
    for page in document.pages:
        _insert(
            conn,
            "pages",
            {
                "document_id": document_id,
                "page_no": page.number,
                "method": page.method,
                "reason": page.reason,
                "chars": len(page.text),
                "text": page.text,
                "confidence": page.confidence,
            },
        )
        if page.words:
            conn.executemany(
                "INSERT INTO page_words (document_id, page_no, seq, text, start_char, end_char, "
                "confidence, x0, top, x1, bottom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (document_id, page.number, seq, w.text, w.start, w.end, w.confidence, *w.bbox)
                    for seq, w in enumerate(page.words, start=1)
                ],
            )
        if page.method == "error":
            _insert(
                conn,
                "errors",
                {
                    "path": path,
                    "sha256": sha256,
                    "stage": "ocr",
                    "error_class": page.error or "OcrPageError",
                    "message": f"{path}: page {page.number}: {page.reason}",
                    "created_at": _now(),
                },
            )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def store_document(
    db: sqlite_utils.Database, path: str, record: ExtractionRecord, document: DocumentText
) -> int:
    """Write one document whole, replacing an earlier version stored for the same path."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for (old_id,) in conn.execute(
            "SELECT id FROM documents WHERE path = ? OR sha256 = ?", (path, record.source.sha256)
        ).fetchall():
            _delete_document(conn, old_id)
        conn.execute("DELETE FROM errors WHERE path = ?", (path,))
        document_id = _insert(
            conn,
            "documents",
            {
                "path": path,
                "sha256": record.source.sha256,
                "pages": record.source.pages,
                "kind": record.kind,
                # "partial": some pages could not be read (see errors); a re-run retries the document
                "status": "partial" if any(p.method == "error" for p in document.pages) else "ok",
                "ocr_pages": ",".join(map(str, record.source.ocr_pages)),
                "extractor_version": __version__,
                "ingested_at": _now(),
            },
        )
        _store_pages(conn, document_id, path, record.source.sha256, document)
        seance_id = _store_seance(conn, document_id, record.seance) if record.seance else None
        for seq, deliberation in enumerate(record.deliberations, start=1):
            _store_deliberation(conn, document_id, seance_id, seq, deliberation)
        mark_written(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # an interrupt right after COMMIT finds none to roll back
            conn.execute("ROLLBACK")
        raise
    return document_id


def mark_written(conn: sqlite3.Connection) -> None:
    """Count one more document written (inside the caller's transaction): the derived tables,
    built at an earlier count, are stale."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('generation', '1') ON CONFLICT (key) "
        "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def derived_state(conn: sqlite3.Connection) -> tuple[str, bool]:
    """(what the derived tables would be built from now, whether they already are): the count of
    documents written and this version of the code (a new version may resolve or audit anew)."""
    values = dict(
        conn.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'derived_at')")
    )
    written = int(values.get("generation", 0))
    if written == 0 and conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
        written = -1  # a database made before the count existed: never current
    now = f"{written} documents written, version {__version__}"
    return now, values.get("derived_at") == now


def mark_derived(conn: sqlite3.Connection, state: str) -> None:
    """The derived tables now reflect ``state`` (from :func:`derived_state`)."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('derived_at', ?)", (state,))


def _store_seance(conn: sqlite3.Connection, document_id: int, seance: Seance) -> int:
    seance_id = _insert(
        conn,
        "seances",
        {
            "document_id": document_id,
            "session_date": seance.session_date,
            "authority": seance.authority,
            "body": seance.body,
            "president": seance.president,
            "secretary": seance.secretary,
            "members_in_office": seance.members_in_office,
            "quorum_reached": seance.quorum_reached,
        },
    )
    rows = [(name, "present", None) for name in seance.present]
    rows += [(a.name, "excused", a.proxy_to) for a in seance.excused]
    rows += [(name, "absent", None) for name in seance.absent]
    for name, status, proxy_to in rows:
        _insert(
            conn,
            "attendees",
            {"seance_id": seance_id, "name": name, "status": status, "proxy_to": proxy_to},
        )
    return seance_id


def _store_deliberation(
    conn: sqlite3.Connection,
    document_id: int,
    seance_id: int | None,
    seq: int,
    deliberation: Deliberation,
) -> None:
    ev = deliberation.evidence
    deliberation_id = _insert(
        conn,
        "deliberations",
        {
            "document_id": document_id,
            "seance_id": seance_id,
            "seq": seq,
            **{f: getattr(deliberation, f) for f in STORED_HEADER_FIELDS},
        },
    )
    vote = deliberation.vote
    if vote is not None:
        _insert(
            conn,
            "votes",
            {
                "deliberation_id": deliberation_id,
                "result": vote.result,
                "unanimous": vote.unanimous,
                "for_count": vote.for_,
                "against_count": vote.against,
                "abstentions": vote.abstentions,
                "counts_consistent": vote.counts_consistent,
                "unanimity_contradicted": vote.unanimity_contradicted,
            },
        )
        for role, names in (("against", vote.against_names), ("abstention", vote.abstention_names)):
            for name in names:
                _insert(
                    conn,
                    "vote_members",
                    {"deliberation_id": deliberation_id, "name": name, "role": role},
                )
    for i, amount in enumerate(deliberation.amounts):
        _insert(
            conn,
            "amounts",
            {
                "deliberation_id": deliberation_id,
                "seq": i + 1,
                "value": amount.value,
                "currency": amount.currency,
                "text": amount.text,
                **_evidence(ev.get("amounts"), i),
            },
        )
    for i, imp in enumerate(deliberation.imputations):
        _insert(
            conn,
            "imputations",
            {
                "deliberation_id": deliberation_id,
                "seq": i + 1,
                "chapitre": imp.chapitre,
                "article": imp.article,
                "fonction": imp.fonction,
                "operation": imp.operation,
                "text": imp.text,
                **_evidence(ev.get("imputations"), i),
            },
        )
    for i, beneficiary in enumerate(deliberation.beneficiaries):
        _insert(
            conn,
            "beneficiaries",
            {
                "deliberation_id": deliberation_id,
                "seq": i + 1,
                "name": beneficiary.name,
                "amount": beneficiary.amount,
                "table_check": beneficiary.check,
                "score": beneficiary.score,
                "imputation": beneficiary.imputation,
                **_evidence(ev.get("beneficiaries"), i),
            },
        )
    for field, items in ev.items():
        for i, item in enumerate(items):
            _insert(
                conn,
                "evidence",
                {
                    "deliberation_id": deliberation_id,
                    "field": field,
                    "item": i,
                    "page": item.page,
                    "start_char": item.start,
                    "end_char": item.end,
                    "bbox": json.dumps(list(item.bbox)) if item.bbox else None,
                    "confidence": item.confidence,
                },
            )


def store_error(
    db: sqlite_utils.Database,
    path: str,
    sha256: str | None,
    stage: str,
    error_class: str,
    message: str,
) -> None:
    """Record one document's failure (replacing an earlier failure of the same file)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM errors WHERE path = ?", (path,))
        _insert(
            conn,
            "errors",
            {
                "path": path,
                "sha256": sha256,
                "stage": stage,
                "error_class": error_class,
                "message": message,
                "created_at": _now(),
            },
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # an interrupt right after COMMIT finds none to roll back
            conn.execute("ROLLBACK")
        raise
