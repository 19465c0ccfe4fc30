"""Who got money, from whom, voted how: every grant with its deliberation, and totals.

One grant is one row of ``beneficiaries`` (a deliberation's grants to one beneficiary, summed),
named by its entity (``beneficiary_entities``) so that "AREFEP" and "l'A.R.E.F.E.P." add up.
Its imputations are the deliberation's; when a deliberation grants to several beneficiaries,
the imputations whose line names the beneficiary, if any do.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from deliberations.queries.common import (
    euros,
    fold,
    searchable,
    text_table,
    to_csv,
    to_json,
    year_of,
)
from deliberations.queries.entities import core_name, name_key

GRANTS_SQL = """
SELECT b.id AS beneficiary_id, b.name AS printed_name, b.amount, b.page, b.start_char,
       b.table_check, b.score,
       e.id AS entity_id, e.canonical_name, e.rna, e.siren, e.siret,
       d.id AS deliberation_id, d.document_id, d.session_date, d.authority, d.body, d.subject,
       d.number, d.act_id, d.matter_code, doc.path,
       v.result, v.unanimous, v.for_count, v.against_count, v.abstentions,
       (SELECT COUNT(*) FROM beneficiaries o WHERE o.deliberation_id = d.id) AS grants_in_deliberation
FROM beneficiaries b
JOIN deliberations d ON d.id = b.deliberation_id
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN beneficiary_links l ON l.beneficiary_id = b.id
LEFT JOIN beneficiary_entities e ON e.id = l.entity_id
LEFT JOIN votes v ON v.deliberation_id = d.id
ORDER BY d.session_date, d.id, b.seq
"""


@dataclass
class Filters:
    beneficiary: str | None = None
    authority: str | None = None
    year: int | None = None


def _members(conn: sqlite3.Connection, deliberation_id: int, role: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM vote_members WHERE deliberation_id = ? AND role = ? ORDER BY id",
            (deliberation_id, role),
        )
    ]


def _imputations(conn: sqlite3.Connection, row: sqlite3.Row) -> list[dict]:
    rows = conn.execute(
        "SELECT i.chapitre, i.article, i.fonction, i.operation, i.text, i.page, i.start_char, i.end_char, p.text AS page_text "
        "FROM imputations i LEFT JOIN pages p ON p.document_id = ? AND p.page_no = i.page "
        "WHERE i.deliberation_id = ? ORDER BY i.seq",
        (row["document_id"], row["deliberation_id"]),
    ).fetchall()
    items = [
        {k: r[k] for k in ("chapitre", "article", "fonction", "operation", "text", "page")}
        for r in rows
    ]
    if row["grants_in_deliberation"] <= 1:
        return items
    wanted = fold(core_name(row["printed_name"]))
    named = []
    for r, item in zip(rows, items, strict=True):
        line = (r["page_text"] or "")[r["end_char"] or 0 :][:200].split("\n")[0]
        if wanted and wanted in fold(line):
            named.append(item)
    if named:
        return named
    grants = conn.execute(
        "SELECT page, start_char FROM beneficiaries WHERE deliberation_id = ?",
        (row["deliberation_id"],),
    ).fetchall()
    return section_imputations(
        (row["page"], row["start_char"]),
        [(g["page"], g["start_char"]) for g in grants],
        [(r["page"], r["start_char"]) for r in rows],
        items,
    )


Position = tuple[int | None, int | None]  # page, offset in the page


def section_imputations(
    grant: Position, grants: list[Position], places: list[Position], items: list[dict]
) -> list[dict]:
    """A grant table in sections, each closed by its total and the sentence giving its credit
    line: when the deliberation's imputations stand between its grants, a grant's imputation is
    the first after it (its section's); otherwise every imputation of the deliberation."""

    def known(position: Position) -> bool:
        return position[0] is not None and position[1] is not None

    if not known(grant) or not items or not all(known(p) for p in [*grants, *places]):
        return items
    ordered = sorted(grants)
    between = any(ordered[0] < place < ordered[-1] for place in places)
    if not between:
        return items
    after = [(place, item) for place, item in zip(places, items, strict=True) if place > grant]
    return [min(after, key=lambda pair: pair[0])[1]] if after else items


def name_matches(name: str | None, text: str | None) -> bool:
    """Whether ``text`` names ``name`` in any spelling: part of the name once case, accents,
    dots, article and the word "association" are set aside (``arefep``, ``l'A.R.E.F.E.P.``,
    ``batisseurs``). A text with no letter or digit (``.``, ``%``) names nothing. The same
    matching serves `delib subsidies` and the web view (``delib_name_matches`` in SQL)."""
    wanted = fold(text)
    if not name or not searchable(text):
        return False
    key = name_key(text or "")
    return wanted in fold(name) or bool(key and key in name_key(name))


def _matches(grant: dict, text: str) -> bool:
    names = [grant["beneficiary"], grant["printed_name"]]
    if any(name_matches(n, text) for n in names):
        return True
    ids = (grant["rna"], grant["siren"], grant["siret"])
    wanted = text.strip().lower().replace(" ", "")
    return bool(wanted) and any(i and i.lower() == wanted for i in ids)


def grants(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict]:
    """Every grant, as a dict, filtered by beneficiary (name, RNA, SIREN), authority and year."""
    filters = filters or Filters()
    out = []
    entity_names: dict[int, list[str]] = defaultdict(list)
    for entity_id, name in conn.execute("SELECT entity_id, name FROM beneficiary_links"):
        entity_names[entity_id].append(name)
    for row in conn.execute(GRANTS_SQL).fetchall():
        year = year_of(row["session_date"])
        if filters.year is not None and year != filters.year:
            continue
        if filters.authority is not None and not (
            fold(filters.authority) and fold(filters.authority) in fold(row["authority"])
        ):
            continue
        grant = {
            "beneficiary": row["canonical_name"] or row["printed_name"],
            "printed_name": row["printed_name"],
            "entity_id": row["entity_id"],
            "rna": row["rna"],
            "siren": row["siren"],
            "siret": row["siret"],
            "amount": row["amount"],
            # read from a table whose rows do not add up: the check in words, a lower score
            "check": row["table_check"],
            "score": row["score"],
            "date": row["session_date"],
            "year": year,
            "authority": row["authority"],
            "body": row["body"],
            "subject": row["subject"],
            "number": row["number"],
            "act_id": row["act_id"],
            "matter_code": row["matter_code"],
            "imputations": [],
            "vote": {
                "result": row["result"],
                "unanimous": None if row["unanimous"] is None else bool(row["unanimous"]),
                "for": row["for_count"],
                "against": row["against_count"],
                "abstentions": row["abstentions"],
                "against_names": _members(conn, row["deliberation_id"], "against"),
                "abstention_names": _members(conn, row["deliberation_id"], "abstention"),
            },
            "source": {"file": row["path"], "page": row["page"]},
            "deliberation_id": row["deliberation_id"],
        }
        if filters.beneficiary is not None and not (
            _matches(grant, filters.beneficiary)
            or any(
                _matches({**grant, "printed_name": n}, filters.beneficiary)
                for n in entity_names.get(row["entity_id"], [])
            )
        ):
            continue
        grant["imputations"] = _imputations(conn, row)
        out.append(grant)
    return out


def totals(items: list[dict]) -> dict[str, list[dict]]:
    by_beneficiary: dict[tuple, dict] = {}
    by_year: dict[int | None, dict] = {}
    for g in items:
        key = (g["entity_id"], g["beneficiary"])
        b = by_beneficiary.setdefault(
            key,
            {
                "beneficiary": g["beneficiary"],
                "entity_id": g["entity_id"],
                "rna": g["rna"],
                "grants": 0,
                "total": 0.0,
                "amount_not_stated": 0,
                "authorities": [],
            },
        )
        y = by_year.setdefault(
            g["year"], {"year": g["year"], "grants": 0, "total": 0.0, "amount_not_stated": 0}
        )
        for t in (b, y):
            t["grants"] += 1
            if g["amount"] is None:
                t["amount_not_stated"] += 1
            else:
                t["total"] += g["amount"]
        if g["authority"] and g["authority"] not in b["authorities"]:
            b["authorities"].append(g["authority"])
    return {
        "by_beneficiary": sorted(
            by_beneficiary.values(), key=lambda t: (-t["total"], fold(t["beneficiary"]))
        ),
        "by_year": sorted(by_year.values(), key=lambda t: (t["year"] is None, t["year"] or 0)),
    }


# --------------------------------------------------------------------------- output


def _imputation_text(g: dict) -> str:
    parts = []
    for i in g["imputations"]:
        codes = "/".join(x for x in (i["chapitre"], i["article"], i["fonction"]) if x)
        parts.append(codes + (f" op. {i['operation']}" if i["operation"] else ""))
    return "; ".join(parts) or "-"


def _checks_text(items: list[dict]) -> list[str]:
    """The grants read from tables whose rows do not add up to the printed total: each table's
    check once, with where it is ("(?)" after their amounts)."""
    checks: dict[tuple, list[str]] = {}
    for g in items:
        if g["check"]:
            key = (g["source"]["file"], g["deliberation_id"], g["check"])
            checks.setdefault(key, []).append(g["beneficiary"])
    if not checks:
        return []
    lines = ["", "(?) read from a table whose rows do not add up (amounts kept as printed):"]
    for (file, _, check), names in checks.items():
        lines.append(f"  {file}: {check} ({len(names)} grant(s) of that table)")
    return lines


def _vote_text(v: dict) -> str:
    if v["result"] is None:
        return "vote not found"
    text = v["result"] + (
        " unanimously" if v["unanimous"] else " by majority" if v["unanimous"] is False else ""
    )
    counts = (v["for"], v["against"], v["abstentions"])
    if any(c is not None for c in counts):  # a count not read is unknown ("?"), never 0
        shown = ["?" if c is None else str(c) for c in counts]
        text += f" ({shown[0]} for, {shown[1]} against, {shown[2]} abst.)"
    if v["against_names"]:
        text += "; against: " + ", ".join(v["against_names"])
    return text


CSV_COLUMNS = [
    "date",
    "authority",
    "beneficiary",
    "printed_name",
    "rna",
    "siren",
    "siret",
    "amount",
    "subject",
    "number",
    "act_id",
    "imputations",
    "vote",
    "against_names",
    "file",
    "page",
    "score",
    "check",
]


def as_csv(items: list[dict]) -> str:
    rows = [
        [
            g["date"],
            g["authority"],
            g["beneficiary"],
            g["printed_name"],
            g["rna"],
            g["siren"],
            g["siret"],
            g["amount"],
            g["subject"],
            g["number"],
            g["act_id"],
            _imputation_text(g),
            _vote_text(g["vote"]),
            ", ".join(g["vote"]["against_names"]),
            g["source"]["file"],
            g["source"]["page"],
            g["score"],
            g["check"],
        ]
        for g in items
    ]
    return to_csv(CSV_COLUMNS, rows)


def as_json(items: list[dict]) -> str:
    return to_json({"grants": items, "totals": totals(items)})


def as_table(items: list[dict]) -> str:
    if not items:
        return "No grant matches."
    lines = [f"{len(items)} grant(s)", ""]
    lines.append(
        text_table(
            ["date", "authority", "beneficiary", "amount", "imputation", "vote", "source"],
            [
                [
                    g["date"],
                    g["authority"],
                    g["beneficiary"],
                    euros(g["amount"]) + (" (?)" if g["check"] else ""),
                    _imputation_text(g),
                    _vote_text(g["vote"]),
                    f"{g['source']['file']} p.{g['source']['page']}",
                ]
                for g in items
            ],
            max_width=70,
        )
    )
    lines += _checks_text(items)
    t = totals(items)
    lines += ["", "Totals by beneficiary:"]
    lines.append(
        text_table(
            ["beneficiary", "grants", "total", "authorities"],
            [
                [
                    b["beneficiary"],
                    b["grants"],
                    euros(b["total"])
                    + (
                        f" (+{b['amount_not_stated']} not stated)" if b["amount_not_stated"] else ""
                    ),
                    ", ".join(b["authorities"]),
                ]
                for b in t["by_beneficiary"]
            ],
        )
    )
    lines += ["", "Totals by year:"]
    lines.append(
        text_table(
            ["year", "grants", "total"],
            [
                [
                    y["year"] or "?",
                    y["grants"],
                    euros(y["total"])
                    + (
                        f" (+{y['amount_not_stated']} not stated)" if y["amount_not_stated"] else ""
                    ),
                ]
                for y in t["by_year"]
            ],
        )
    )
    return "\n".join(lines)
