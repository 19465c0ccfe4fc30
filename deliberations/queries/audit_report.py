"""The imputation audit as a person reads it: a table, CSV, JSON or a standalone HTML report."""

from __future__ import annotations

import html
from collections import Counter

from deliberations.queries.audit import CheckedImputation
from deliberations.queries.common import text_table, to_csv, to_json


def _codes(item: CheckedImputation) -> str:
    parts = [
        f"{label} {value}"
        for label, value in (
            ("chap.", item.chapitre),
            ("art.", item.article),
            ("fonct.", item.fonction),
            ("op.", item.operation),
        )
        if value
    ]
    return " ".join(parts) or "-"


def summary_line(items: list[CheckedImputation]) -> str:
    """What was found, in English (the table, CSV and JSON outputs)."""
    statuses = Counter(i.status for i in items)
    anomalies = sum(len(i.anomalies) for i in items)
    flagged = statuses.get("anomalie", 0)
    parts = [
        f"{statuses.get('conforme', 0)} conforme(s)",
        f"{flagged} with {anomalies} anomaly(ies)" if flagged else "none with an anomaly",
    ]
    if unchecked := statuses.get("non vérifiée", 0):
        parts.append(
            f"{unchecked} not checked (no chart of accounts shipped for its year, or no "
            "séance date)"
        )
    return f"{len(items)} imputation(s) checked: " + ", ".join(parts)


def summary_line_fr(items: list[CheckedImputation]) -> str:
    """The same, in French (the HTML report)."""
    statuses = Counter(i.status for i in items)
    anomalies = sum(len(i.anomalies) for i in items)
    flagged = statuses.get("anomalie", 0)
    parts = [
        f"{statuses.get('conforme', 0)} conforme(s)",
        f"{flagged} avec {anomalies} anomalie(s)" if flagged else "aucune anomalie",
    ]
    if unchecked := statuses.get("non vérifiée", 0):
        parts.append(
            f"{unchecked} non vérifiée(s) (plan de comptes de l'année non fourni, ou date "
            "de séance non lue)"
        )
    return f"{len(items)} imputation(s) contrôlée(s) : " + ", ".join(parts)


def _or(value: object, missing: str) -> str:
    return missing if value is None or value == "" else str(value)


def as_table(items: list[CheckedImputation]) -> str:
    lines = [summary_line(items), ""]
    if not items:
        return lines[0]
    lines.append(
        text_table(
            ["date", "authority", "imputation", "nomenclature", "status", "source"],
            [
                [
                    i.session_date,
                    i.authority,
                    _codes(i),
                    i.plan or "-",
                    i.status,
                    f"{i.path} p.{_or(i.page, '?')}",
                ]
                for i in items
            ],
            max_width=70,
        )
    )
    number = 0
    total = sum(len(i.anomalies) for i in items)
    for item in items:
        for a in item.anomalies:
            number += 1
            lines += [
                "",
                f"Anomaly {number}/{total}: {a.check} ({a.severity})",
                f"  deliberation: {_or(item.authority, 'authority not read')}, "
                f"{_or(item.session_date, 'date not read')}, « {_or(item.subject, 'subject not read')} »",
                f"  source:       {item.path}, page {_or(item.page, '?')}: « {_or(item.printed, '?')} »",
                f"  nomenclature: {_or(item.plan, '?')}; {item.norme_reason}",
                f"  evidence:     {a.evidence}",
                f"  explanation:  {a.explanation}",
            ]
    return "\n".join(lines)


CSV_COLUMNS = [
    "date",
    "authority",
    "subject",
    "file",
    "page",
    "printed",
    "chapitre",
    "article",
    "fonction",
    "operation",
    "norme",
    "plan",
    "norme_reason",
    "status",
    "check",
    "severity",
    "evidence",
    "explanation",
]


def as_csv(items: list[CheckedImputation]) -> str:
    """One row per anomaly, and one row (no check) per imputation found conforme."""
    rows = []
    for i in items:
        base = [
            i.session_date,
            i.authority,
            i.subject,
            i.path,
            i.page,
            i.printed,
            i.chapitre,
            i.article,
            i.fonction,
            i.operation,
            i.norme,
            i.plan,
            i.norme_reason,
            i.status,
        ]
        if not i.anomalies:
            rows.append([*base, "", "", "", ""])
        rows += [[*base, a.check, a.severity, a.evidence, a.explanation] for a in i.anomalies]
    return to_csv(CSV_COLUMNS, rows)


def as_json(items: list[CheckedImputation]) -> str:
    return to_json({"summary": summary_line(items), "imputations": [i.as_dict() for i in items]})


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; color: #222 }
table { border-collapse: collapse; width: 100% } td, th { border: 1px solid #ccc; padding: .3em .5em;
vertical-align: top; text-align: left } th { background: #f2f2f2 } .anomalie { color: #a00 }
.conforme { color: #070 } section { border-left: 4px solid #a00; padding: .2em 1em; margin: 1.5em 0 }
section.a-verifier { border-color: #c80 } dt { font-weight: bold } dd { margin: 0 0 .4em 0 }
"""


#: the checks' names, as the French report shows them
CHECK_LABELS = {
    "compte_inconnu": "Compte inconnu",
    "compte_supprime": "Compte supprimé",
    "compte_non_votable": "Compte non votable",
    "chapitre_incoherent": "Chapitre incohérent",
    "chapitre_inconnu": "Chapitre inconnu",
    "fonction_inconnue": "Fonction inconnue",
    "fonction_autre_nomenclature": "Fonction d'une autre nomenclature",
    "compte_non_subvention": "Compte hors subventions",
    "compte_subvention_inadapte": "Compte de subvention inadapté",
}


def as_html(items: list[CheckedImputation]) -> str:
    """The report to share, all in French."""
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        "<title>Audit des imputations budgétaires</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Audit des imputations budgétaires</h1>",
        f"<p>{e(summary_line_fr(items))}</p>",
        "<table><thead><tr><th>Séance</th><th>Collectivité</th><th>Imputation</th><th>Nomenclature</th>"
        "<th>Statut</th><th>Source</th></tr></thead><tbody>",
    ]
    for i in items:
        out.append(
            f"<tr><td>{e(_or(i.session_date, 'date non lue'))}</td><td>{e(_or(i.authority, 'non lue'))}</td>"
            f"<td>{e(_codes(i))}</td><td>{e(_or(i.plan, '-'))}</td>"
            f'<td class="{e(i.status.replace(" ", "-"))}">{e(i.status)}</td>'
            f"<td>{e(i.path)}, p. {_or(i.page, '?')}</td></tr>"
        )
    out.append("</tbody></table>")
    for i in items:
        for a in i.anomalies:
            css = "a-verifier" if a.severity != "erreur" else "erreur"
            out += [
                f'<section class="{css}"><h2>{e(CHECK_LABELS.get(a.check, a.check))} '
                f"({e(a.severity)}) <code>{e(a.check)}</code></h2><dl>",
                f"<dt>Délibération</dt><dd>{e(_or(i.authority, 'collectivité non lue'))}, séance du "
                f"{e(_or(i.session_date, 'date non lue'))} : « {e(_or(i.subject, 'objet non lu'))} »</dd>",
                f"<dt>Texte lu</dt><dd>« {e(i.printed or '')} » ({e(i.path)}, page {_or(i.page, '?')})</dd>",
                f"<dt>Nomenclature</dt><dd>{e(_or(i.plan, '-'))} ; {e(i.norme_reason)}</dd>",
                f"<dt>Preuve</dt><dd>{e(a.evidence)}</dd>",
                f"<dt>Explication</dt><dd>{e(a.explanation)}</dd></dl></section>",
            ]
    out.append("</body></html>")
    return "\n".join(out)


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json, "html": as_html}
