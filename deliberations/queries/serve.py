"""`delib serve`: the database in Datasette, read-only, with titles, column descriptions in
French and English, canned queries and full-text search over the pages' text.

Datasette runs in this process (uvicorn), on the database opened immutable: nothing can be
written through the web view (a write request is answered 405). The canned queries are in
:data:`QUERIES`; the plugin they rely on (``delib_name_matches``) is
:mod:`deliberations.queries.serve_plugin`.
"""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path
from typing import Any

from deliberations.queries.common import QueryError

#: column descriptions, "français / English"
TABLES: dict[str, dict[str, Any]] = {
    "deliberations": {
        "title": "Délibérations / Deliberations",
        "description": "Une ligne par délibération lue / one row per deliberation read.",
        "columns": {
            "authority": "Collectivité / authority",
            "body": "Assemblée / assembly",
            "session_date": "Date de la séance / session date",
            "number": "Numéro / number",
            "act_id": "Identifiant @CTES / @CTES act id",
            "matter_code": "Code matière @CTES / matter code",
            "subject": "Objet / subject",
            "rapporteur": "Rapporteur",
            "president": "Président(e) / chair",
            "secretary": "Secrétaire de séance / secretary",
        },
    },
    "beneficiaries": {
        "title": "Bénéficiaires (tels qu'écrits) / Beneficiaries as printed",
        "description": "Chaque mention d'un bénéficiaire et ce qu'il reçoit / each beneficiary mention and its grant.",
        "columns": {
            "name": "Nom tel qu'imprimé / name as printed",
            "amount": "Montant (€) / amount (EUR)",
            "page": "Page de la preuve / evidence page",
        },
    },
    "beneficiary_entities": {
        "title": "Bénéficiaires (entités) / Beneficiary entities",
        "description": "Les mentions d'un même bénéficiaire réunies / the mentions of one beneficiary merged.",
        "columns": {
            "canonical_name": "Nom retenu / canonical name",
            "rna": "Numéro RNA / RNA number",
            "siren": "SIREN",
            "siret": "SIRET",
            "mentions": "Nombre de mentions / mentions",
            "total_amount": "Total reçu (€) / total received (EUR)",
            "authorities": "Collectivités attribuantes / granting authorities",
        },
    },
    "beneficiary_links": {
        "title": "Rapprochements / Entity links",
        "description": "Pourquoi chaque mention appartient à son entité / why each mention belongs to its entity.",
        "columns": {
            "name": "Nom tel qu'imprimé / name as printed",
            "matched_with": "Mention rapprochée / mention it was matched with",
            "reason": "Motif du rapprochement / reason for the merge",
            "rna": "RNA lu près de la mention / RNA read near the mention",
            "siren": "SIREN lu près de la mention / SIREN read near the mention",
            "siret": "SIRET lu près de la mention / SIRET read near the mention",
        },
    },
    "imputations": {
        "title": "Imputations budgétaires / Budget imputations",
        "columns": {
            "chapitre": "Chapitre / chapter",
            "article": "Article (compte par nature) / account",
            "fonction": "Fonction / functional code",
            "operation": "Opération / operation",
            "text": "Texte imprimé / printed text",
        },
    },
    "imputation_checks": {
        "title": "Contrôle des imputations / Imputation checks",
        "columns": {
            "norme": "Nomenclature (M14, M57) / chart of accounts",
            "norme_reason": "Pourquoi cette nomenclature / why this one",
            "exercice": "Plan de comptes (année) / chart of accounts year",
            "status": "Statut / status",
        },
    },
    "imputation_anomalies": {
        "title": "Anomalies d'imputation / Imputation anomalies",
        "columns": {
            "check_name": "Contrôle / check",
            "severity": "Gravité / severity",
            "evidence": "Preuve (nomenclature) / evidence",
            "explanation": "Explication / explanation",
        },
    },
    "votes": {
        "title": "Votes",
        "columns": {
            "result": "Résultat / result",
            "unanimous": "Unanimité / unanimous",
            "for_count": "Pour / for",
            "against_count": "Contre / against",
            "abstentions": "Abstentions",
        },
    },
    "vote_members": {
        "title": "Élus nommés dans un vote / Members named in a vote",
        "columns": {"name": "Nom / name", "role": "Contre ou abstention / against or abstention"},
    },
    "pages": {
        "title": "Pages (texte intégral) / Pages (full text)",
        "description": "Recherche plein texte sur le texte des pages / full-text search over the pages' text.",
        "columns": {
            "page_no": "Numéro de page / page number",
            "method": "Lecture : text-layer (couche texte), ocr, plain-text (fichier .txt), "
            "none (page blanche, rien à lire), error (OCR impossible) / how it was "
            "read: text-layer, ocr, plain-text, none (blank page), error",
            "reason": "Pourquoi cette lecture / why it was read so",
            "text": "Texte / text",
        },
        "fts_table": "pages_fts",
        "fts_pk": "id",
    },
    "documents": {
        "title": "Documents",
        "columns": {
            "path": "Fichier / file",
            "kind": "Nature du document / kind",
            "pages": "Pages",
        },
    },
}

QUERIES: dict[str, dict[str, str]] = {
    "subventions_par_association": {
        "title": "Subventions par association / Subsidies by association",
        "description": "Chaque subvention, bénéficiaire réuni en entité ; filtre facultatif sur le nom "
        "/ each grant, by beneficiary entity; optional name filter.",
        "sql": """
SELECT e.canonical_name AS beneficiaire, e.rna, b.amount AS montant, d.session_date AS date,
       d.authority AS collectivite, d.subject AS objet,
       (SELECT group_concat(coalesce(i.chapitre, '-') || '/' || coalesce(i.article, '-') || '/'
               || coalesce(i.fonction, '-'), '; ') FROM imputations i WHERE i.deliberation_id = d.id) AS imputations,
       (SELECT group_concat(m.name, ', ') FROM vote_members m
         WHERE m.deliberation_id = d.id AND m.role = 'against') AS contre,
       doc.path AS fichier, b.page
FROM beneficiary_entities e
JOIN beneficiary_links l ON l.entity_id = e.id
JOIN beneficiaries b ON b.id = l.beneficiary_id
JOIN deliberations d ON d.id = b.deliberation_id
JOIN documents doc ON doc.id = d.document_id
WHERE e.id IN (SELECT entity_id FROM beneficiary_links
               WHERE delib_name_matches(name, :beneficiaire)
                  OR lower(replace(:beneficiaire, ' ', '')) IN (lower(rna), siren, siret))
   OR delib_name_matches(e.canonical_name, :beneficiaire)
ORDER BY e.canonical_name, d.session_date""",
    },
    "anomalies_imputation": {
        "title": "Anomalies d'imputation / Imputation anomalies",
        "description": "Imputations contraires à la nomenclature M14/M57 de leur année, avec preuve et "
        "explication / imputations at odds with their year's nomenclature.",
        "sql": """
SELECT d.session_date AS date, d.authority AS collectivite, d.subject AS objet, i.text AS imputation,
       c.plan, a.check_name AS controle, a.severity AS gravite, a.evidence AS preuve,
       a.explanation AS explication, doc.path AS fichier, i.page
FROM imputation_anomalies a
JOIN imputations i ON i.id = a.imputation_id
JOIN imputation_checks c ON c.imputation_id = a.imputation_id
JOIN deliberations d ON d.id = a.deliberation_id
JOIN documents doc ON doc.id = d.document_id
ORDER BY d.session_date, a.id""",
    },
    "votes_contre": {
        "title": "Qui a voté contre quoi / Who voted against what",
        "description": "Élus ayant voté contre ou s'étant abstenus ; filtre facultatif sur le nom "
        "/ members who voted against or abstained; optional name filter.",
        "sql": """
SELECT m.name AS elu, m.role AS vote, d.session_date AS date, d.authority AS collectivite,
       d.subject AS objet, doc.path AS fichier
FROM vote_members m
JOIN deliberations d ON d.id = m.deliberation_id
JOIN documents doc ON doc.id = d.document_id
WHERE m.name LIKE '%' || replace(replace(replace(:elu, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' ESCAPE '\\'
ORDER BY m.name, d.session_date""",
    },
    "deliberations_seance": {
        "title": "Délibérations d'une séance / Deliberations of a session",
        "description": "Date (AAAA-MM-JJ) et, au choix, la collectivité / date (YYYY-MM-DD) and optionally the authority.",
        "sql": """
SELECT d.session_date AS date, d.authority AS collectivite, d.body AS assemblee, d.number AS numero,
       d.subject AS objet, v.result AS resultat, v.unanimous AS unanimite, v.for_count AS pour,
       v.against_count AS contre, v.abstentions, doc.path AS fichier
FROM deliberations d
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN votes v ON v.deliberation_id = d.id
WHERE d.session_date = :date
  AND d.authority LIKE '%' || replace(replace(replace(:collectivite, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' ESCAPE '\\'
ORDER BY d.authority, d.seq""",
    },
    "recherche": {
        "title": "Recherche plein texte / Full-text search",
        "description": "Mots recherchés dans le texte des pages (accents ignorés) / words searched in the pages' text.",
        "sql": """
SELECT doc.path AS fichier, p.page_no AS page,
       snippet(pages_fts, 0, '[', ']', '…', 16) AS extrait
FROM pages_fts
JOIN pages p ON p.id = pages_fts.rowid
JOIN documents doc ON doc.id = p.document_id
WHERE pages_fts MATCH coalesce(nullif(:mots, ''), '""')
ORDER BY rank LIMIT 100""",
    },
}


def metadata(database_name: str) -> dict[str, Any]:
    return {
        "title": "Délibérations des collectivités / Local-government deliberations",
        "description": "Base construite par delib à partir des délibérations (PDF) : subventions, "
        "votes, imputations contrôlées / built by delib from deliberation PDFs.",
        "databases": {database_name: {"tables": TABLES, "queries": QUERIES}},
    }


def checkpoint(db_path: Path) -> None:
    """Fold a leftover write-ahead log into the file: an immutable reader sees the file only."""
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        try:
            with sqlite3.connect(db_path) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:
            raise QueryError(
                f"{db_path} has an unmerged write-ahead log ({wal.name}) and cannot be "
                f"checkpointed ({exc}); open it once with write access"
            ) from exc


def _register_plugin() -> None:
    from datasette.plugins import pm

    from deliberations.queries import serve_plugin

    if not pm.is_registered(serve_plugin):
        pm.register(serve_plugin, name="deliberations")


def build_app(db_path: Path):  # -> ASGI app
    from datasette.app import Datasette

    checkpoint(db_path)
    _register_plugin()
    ds = Datasette(
        immutables=[str(db_path)],
        metadata=metadata(db_path.stem),
        settings={"sql_time_limit_ms": 5000},
    )
    return ds.app()


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a QueryError saying why not (a port in use)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise QueryError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): another program "
            "uses this port, or the address is not this machine's; choose another "
            "with --port or --host"
        ) from exc
    sock.set_inheritable(True)
    return sock


def serve(db_path: Path, sock: socket.socket) -> None:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(build_app(db_path), log_level="warning"))
    server.run(sockets=[sock])
