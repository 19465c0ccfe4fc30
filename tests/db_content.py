"""A database's content, comparable between runs: ids and timestamps left out.

Every row of every table becomes a tuple of its values, the autoincrement ``id`` dropped, the
timestamps (columns ending in ``_at``) dropped, and each foreign key replaced by the content of
the row it points to (recursively); a table becomes the multiset of its rows. Two databases built
by runs that committed documents in different orders compare equal when they hold the same
facts. FTS5 index tables are left out (their content is that of `pages`).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from functools import cache
from pathlib import Path

Row = tuple


def tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return sorted(
        name
        for name, _ in rows
        if not name.startswith("sqlite_")
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    )


def content(db_path: Path) -> dict[str, Counter[Row]]:
    conn = sqlite3.connect(db_path)
    try:
        return _content(conn)
    finally:
        conn.close()


def _content(conn: sqlite3.Connection) -> dict[str, Counter[Row]]:
    info = {t: conn.execute(f"PRAGMA table_info({t})").fetchall() for t in tables(conn)}
    fks = {
        t: {fk[3]: (fk[2], fk[4]) for fk in conn.execute(f"PRAGMA foreign_key_list({t})")}
        for t in info
    }

    def kept(table: str) -> list[str]:
        return [
            c[1] for c in info[table] if not (c[1] == "id" and c[5]) and not c[1].endswith("_at")
        ]

    @cache
    def row_of(table: str, column: str, value: object) -> Row | None:
        names = [c[1] for c in info[table]]
        row = conn.execute(f'SELECT * FROM {table} WHERE "{column}" = ?', (value,)).fetchone()
        return None if row is None else canonical(table, tuple(zip(names, row, strict=True)))

    def canonical(table: str, pairs: tuple[tuple[str, object], ...]) -> Row:
        keep = set(kept(table))
        out = []
        for name, value in pairs:
            if name not in keep:
                continue
            if name in fks[table] and value is not None:
                target, target_column = fks[table][name]
                value = (target, row_of(target, target_column or "id", value))
            out.append((name, value))
        return tuple(out)

    result: dict[str, Counter[Row]] = {}
    for table in info:
        names = [c[1] for c in info[table]]
        result[table] = Counter(
            canonical(table, tuple(zip(names, row, strict=True)))
            for row in conn.execute(f"SELECT * FROM {table}")
        )
    return result


def differences(
    a: dict[str, Counter[Row]], b: dict[str, Counter[Row]], limit: int = 3
) -> list[str]:
    """What differs, table by table (for assertion messages)."""
    out = []
    for table in sorted(set(a) | set(b)):
        left, right = a.get(table, Counter()), b.get(table, Counter())
        if left != right:
            only_left = list((left - right).elements())[:limit]
            only_right = list((right - left).elements())[:limit]
            out.append(
                f"{table}: {sum(left.values())} vs {sum(right.values())} rows; "
                f"only in first: {only_left}; only in second: {only_right}"
            )
    return out


# beneficiary_links.matched_with holds the id of the mention a name was merged with: ids depend on
# the order documents were committed in, so the entity tables are compared by what they say
ENTITY_TABLES = {"beneficiary_entities", "beneficiary_links"}


def entities_by_content(db_path: Path) -> Counter[Row]:
    """Each link as (mention's name, its entity's canonical name, the reason, identifiers)."""
    conn = sqlite3.connect(db_path)
    try:
        return Counter(
            conn.execute(
                "SELECT l.name, e.canonical_name, l.reason, l.rna, l.siren, l.siret FROM beneficiary_links l "
                "JOIN beneficiary_entities e ON e.id = l.entity_id"
            ).fetchall()
        )
    finally:
        conn.close()
