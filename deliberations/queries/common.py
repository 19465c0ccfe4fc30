"""Helpers shared by the query commands: text folding, opening a database, output formats."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class QueryError(Exception):
    """A one-line message for the person running the command (what is wrong, what to do)."""


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces, spaces collapsed: for comparisons."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def connect(db_path: Path | str, *, need: Sequence[str] = ("deliberations",)) -> sqlite3.Connection:
    """Open an existing database read-only, or raise a QueryError saying what to do."""
    path = Path(db_path)
    if not path.is_file():
        raise QueryError(
            f"database {path} not found; build it with `delib ingest PDFS... --db {path}`"
        )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise QueryError(
            f"{path} cannot be read as a database ({exc}); give the file `delib ingest` built"
        ) from exc
    missing = [t for t in need if t not in tables]
    if missing:
        conn.close()
        raise QueryError(
            f"{path} has no table {', '.join(missing)}; re-run `delib ingest PDFS... --db {path}` "
            "with this version of delib"
        )
    return conn


def searchable(text: str | None) -> bool:
    """Whether a search text has something to look for (a letter or a digit)."""
    return any(c.isalnum() for c in fold(text))


def year_of(date: str | None) -> int | None:
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    return None


def euros(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f} €".replace(",", " ")


def text_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    max_width: int = 60,
    keep_end: Sequence[str] = ("source",),
) -> str:
    """A plain aligned table (long cells cut with an ellipsis). The columns named in
    ``keep_end`` (a file and its page) are cut at their start, so that their end stays."""

    def cell(value: Any, header: str) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        if len(text) <= max_width:
            return text
        return "…" + text[-(max_width - 1) :] if header in keep_end else text[: max_width - 1] + "…"

    body = [[cell(v, h) for v, h in zip(row, headers, strict=True)] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in body
    ]
    return "\n".join(lines)


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
