"""Open-data exports in the SCDL formats French bodies publish: « Délibérations » 2.1.5 and
« Subventions » 2.1.1 (schemas shipped in data/scdl/, copied from schema.data.gouv.fr).

What the text does not give is never made up. Columns the schema requires but deliberations
rarely print are filled from the options (``--siret``: the authority's SIRET; ``--matter``: a
matter code for deliberations whose text gives none); a row still lacking a required value is
left out and reported, so that every row written validates.

Filled from the text: the @CTES act id (as DELIB_ID, and referenceDecision) and its matter
code where known; VOTE_* all together or not at all (members in office, and for / against /
abstentions all read, VOTE_REEL = POUR + CONTRE + ABSTENTION <= VOTE_EFFECTIF); one subsidy row
per beneficiary, named by its entity, with its RNA number or SIRET when printed near it.
Conventions, stated in docs/queries.md: dateConvention is the deliberation's date,
datesPeriodeVersement runs from it to the end of that exercice, ``nature`` is "aide en
numéraire" (an amount was voted), ``notificationUE`` is "oui" only when the text says
"de minimis".
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from deliberations.queries.common import QueryError, fold
from deliberations.queries.subsidies import grants

SCHEMAS = {
    "scdl-deliberations": "deliberations-2.1.5.schema.json",
    "scdl-subventions": "subventions-2.1.1.schema.json",
}


@cache
def schema(kind: str) -> dict:
    path = resources.files("deliberations") / "data" / "scdl" / SCHEMAS[kind]
    return json.loads(path.read_text(encoding="utf-8"))


def columns(kind: str) -> list[str]:
    return [f["name"] for f in schema(kind)["fields"]]


def required(kind: str) -> list[str]:
    return [f["name"] for f in schema(kind)["fields"] if f.get("constraints", {}).get("required")]


@cache
def matter_names() -> dict[str, str]:
    """@CTES matter code (level 2) -> "Niveau 1/Niveau 2" name, as SCDL publishers write it."""
    path = resources.files("deliberations") / "data" / "actes_matieres_niveau1_2.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {
            r["code"]: r["delib_matiere_nom_megalis_format"]
            for r in csv.DictReader(f)
            if r["niveau"] == "2"
        }


def parse_sirets(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["Lens=21620498200017", …]`` -> {folded authority: SIRET}; a QueryError if malformed."""
    out = {}
    for value in values:
        name, sep, siret = value.partition("=")
        siret = re.sub(r"[\s.]", "", siret)
        if not sep or not name.strip() or not re.fullmatch(r"\d{14}", siret):
            raise QueryError(
                f"--siret {value!r}: write AUTHORITY=SIRET, the SIRET in 14 digits "
                "(e.g. --siret 'Lens=21620498200017')"
            )
        out[fold(name)] = siret
    return out


@dataclass
class Export:
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # one line per row not written, saying why

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns(self.kind), lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


def _missing(kind: str, row: dict[str, str]) -> list[str]:
    return [c for c in required(kind) if not row.get(c)]


def _advice(missing: list[str]) -> str:
    hints = {
        "COLL_SIRET": "give --siret 'AUTHORITY=<14 digits>'",
        "idAttribuant": "give --siret 'AUTHORITY=<14 digits>'",
        "DELIB_MATIERE_CODE": "give --matter CODE (e.g. 7.5)",
        "DELIB_MATIERE_NOM": "give --matter CODE (e.g. 7.5)",
    }
    return "; ".join(dict.fromkeys(hints.get(m, f"{m} not read in the text") for m in missing))


def _matter(code: str | None, default: str | None) -> tuple[str, str]:
    for candidate in (code, default):
        if not candidate:
            continue
        level2 = ".".join(candidate.split(".")[:2])
        if level2 in matter_names():
            return level2, matter_names()[level2]
    return "", ""


def _votes(row: sqlite3.Row) -> dict[str, str]:
    """The five VOTE_* together, or none of them."""
    counts = (row["for_count"], row["against_count"], row["abstentions"])
    effectif = row["members_in_office"]
    if effectif is None or any(c is None for c in counts):
        return {}
    reel = sum(counts)
    if reel > effectif:
        return {}
    return {
        "VOTE_EFFECTIF": str(effectif),
        "VOTE_REEL": str(reel),
        "VOTE_POUR": str(counts[0]),
        "VOTE_CONTRE": str(counts[1]),
        "VOTE_ABSTENTION": str(counts[2]),
    }


DELIBERATIONS_SQL = """
SELECT d.id, d.seq, d.authority, d.session_date, d.number, d.act_id, d.matter_code, d.subject,
       doc.sha256, doc.path, v.for_count, v.against_count, v.abstentions, s.members_in_office
FROM deliberations d
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN votes v ON v.deliberation_id = d.id
LEFT JOIN seances s ON s.id = d.seance_id
ORDER BY d.session_date, d.id
"""


def _delib_id(row: sqlite3.Row) -> str:
    return row["act_id"] or row["number"] or f"{row['sha256'][:12]}-{row['seq']}"


def export_deliberations(
    conn: sqlite3.Connection, sirets: dict[str, str], matter: str | None
) -> Export:
    export = Export("scdl-deliberations")
    for row in conn.execute(DELIBERATIONS_SQL).fetchall():
        code, name = _matter(row["matter_code"], matter)
        record = {
            "COLL_NOM": row["authority"] or "",
            "COLL_SIRET": sirets.get(fold(row["authority"]), ""),
            "DELIB_ID": _delib_id(row),
            "DELIB_DATE": row["session_date"] or "",
            "DELIB_MATIERE_CODE": code,
            "DELIB_MATIERE_NOM": name,
            "DELIB_OBJET": row["subject"] or "",
            **_votes(row),
        }
        missing = _missing(export.kind, record)
        if missing:
            export.left_out.append(
                f"{row['path']} ({row['authority']}, {row['session_date']}): "
                f"no {', '.join(missing)}: {_advice(missing)}"
            )
            continue
        export.rows.append(record)
    return export


_DE_MINIMIS_RE = re.compile(r"de\s+minimis", re.IGNORECASE)


def _mentions_de_minimis(conn: sqlite3.Connection, deliberation_id: int) -> bool:
    rows = conn.execute(
        "SELECT p.text FROM pages p JOIN deliberations d ON d.document_id = p.document_id WHERE d.id = ?",
        (deliberation_id,),
    ).fetchall()
    return any(_DE_MINIMIS_RE.search(r[0] or "") for r in rows)


def export_subsidies(conn: sqlite3.Connection, sirets: dict[str, str]) -> Export:
    export = Export("scdl-subventions")
    for g in grants(conn):
        date = g["date"] or ""
        record = {
            "nomAttribuant": g["authority"] or "",
            "idAttribuant": sirets.get(fold(g["authority"]), ""),
            "dateConvention": date,
            "referenceDecision": g["act_id"] or g["number"] or "",
            "nomBeneficiaire": g["beneficiary"] or "",
            "idBeneficiaire": g["siret"] or "",
            "rnaBeneficiaire": g["rna"] or "",
            "objet": (g["subject"] or "")[:256],
            "montant": f"{g['amount']:.2f}" if g["amount"] is not None else "",
            "nature": "aide en numéraire",
            "conditionsVersement": "modalités non précisées dans la délibération",
            "datesPeriodeVersement": f"{date}/{date[:4]}-12-31" if date else "",
            "notificationUE": "oui" if _mentions_de_minimis(conn, g["deliberation_id"]) else "non",
            "pourcentageSubvention": "1.00",
        }
        missing = _missing(export.kind, record)
        if missing:
            export.left_out.append(
                f"{g['source']['file']} ({g['beneficiary']}, {g['authority']}, {date}): "
                f"no {', '.join(missing)}: {_advice(missing)}"
            )
            continue
        export.rows.append(record)
    return export


def export(
    conn: sqlite3.Connection, kind: str, sirets: dict[str, str], matter: str | None = None
) -> Export:
    if kind == "scdl-deliberations":
        return export_deliberations(conn, sirets, matter)
    return export_subsidies(conn, sirets)
