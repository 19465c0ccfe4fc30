"""The imputation audit: every budget imputation read, checked against its nomenclature.

For each imputation the nomenclature (M14 or M57) and its exercice are chosen; when the plan of
that exercice is not shipped (before 2020, after 2024), the imputation is "non vérifiée" (a plan
of another year would flag accounts created or deleted since as errors). Then:

* the account exists (``compte_inconnu``) and is not deleted that year (``compte_supprime``);
* it is votable (``compte_non_votable``): an account with no voting chapter is a grouping node,
  e.g. M57 6574, whose votable subdivisions are 65741, 65742, 65748;
* the chapter cited is the account's chapter (``chapitre_incoherent``, ``chapitre_inconnu``);
  a functional chapter (vote by fonction) or an equipment operation is accepted;
* the fonction exists in the same nomenclature (``fonction_inconnue``), and does not mean
  something else there than in the other one while the text speaks of the other meaning
  (``fonction_autre_nomenclature``: 025 is "Aides aux associations" in M14, "Cimetières" in M57);
* a subsidy to an association sits on a subsidy account (``compte_non_subvention``) and, in
  M57, on the association's one (``compte_subvention_inadapte``: 65741 is for households).

Each anomaly carries its evidence (what the nomenclature says) and a plain-French explanation.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass, field

from deliberations.nomenclature import (
    M57_COMPULSORY_FROM,
    NORMES,
    Compte,
    Plan,
    exercices,
    plan_for,
)
from deliberations.queries.common import fold, year_of

ERREUR = "erreur"
A_VERIFIER = "à vérifier"
_NORME_RE = re.compile(r"\bM[ \u00a0.-]?(14|57)\b")
_LABEL_STOP = frozenset(
    [
        "services",
        "service",
        "communs",
        "commun",
        "autres",
        "autre",
        "actions",
        "action",
        "generale",
        "generales",
        "general",
        "generaux",
        "non",
        "classees",
        "ailleurs",
        "interventions",
        "divers",
        "diverses",
    ]
)


@dataclass
class Anomaly:
    check: str
    severity: str
    evidence: str
    explanation: str


@dataclass
class CheckedImputation:
    imputation_id: int
    deliberation_id: int
    authority: str | None
    session_date: str | None
    subject: str | None
    path: str
    page: int | None
    printed: str | None
    chapitre: str | None
    article: str | None
    fonction: str | None
    operation: str | None
    norme: str | None = None
    norme_reason: str = ""
    exercice: int | None = None
    plan: str = ""
    anomalies: list[Anomaly] = field(default_factory=list)
    unchecked: str = ""  # why it was not checked (no plan shipped for its year), if so

    @property
    def status(self) -> str:
        if self.norme is None or self.unchecked:
            return "non vérifiée"
        return "anomalie" if self.anomalies else "conforme"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["status"] = self.status
        return data


# --------------------------------------------------------------------------- context

IMPUTATIONS_SQL = """
SELECT i.id, i.deliberation_id, d.authority, d.session_date, d.subject, doc.path, i.page,
       i.text, i.chapitre, i.article, i.fonction, i.operation, d.document_id
FROM imputations i
JOIN deliberations d ON d.id = i.deliberation_id
JOIN documents doc ON doc.id = d.document_id
ORDER BY d.session_date, d.id, i.seq
"""


@dataclass
class Context:
    """What the checks read about the deliberation beyond the imputation itself."""

    text: str  # folded text of the pages the deliberation was read from
    beneficiaries: list[str]
    association: bool  # the grant goes to an association


def deliberation_context(
    conn: sqlite3.Connection, deliberation_id: int, document_id: int
) -> Context:
    pages = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT page FROM evidence WHERE deliberation_id = ? AND page IS NOT NULL",
            (deliberation_id,),
        )
    ]
    if pages:
        marks = ",".join("?" * len(pages))
        rows = conn.execute(
            f"SELECT text FROM pages WHERE document_id = ? AND page_no IN ({marks}) "
            "ORDER BY page_no",
            (document_id, *pages),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT text FROM pages WHERE document_id = ? ORDER BY page_no", (document_id,)
        ).fetchall()
    raw = "\n".join(r[0] or "" for r in rows)
    subject = conn.execute(
        "SELECT subject FROM deliberations WHERE id = ?", (deliberation_id,)
    ).fetchone()
    raw += "\n" + (subject[0] or "" if subject else "")
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM beneficiaries WHERE deliberation_id = ? ORDER BY seq",
            (deliberation_id,),
        )
    ]
    folded = fold(raw)
    return Context(raw, names, bool(names) and "association" in folded)


def choose_norme(year: int | None, text: str, article: str | None) -> tuple[str, str]:
    """M14 or M57, and why: the text's own word, then the year, then the account."""
    cited = sorted({"M" + m for m in _NORME_RE.findall(text)})
    if len(cited) == 1:
        return cited[0], f"la délibération cite la nomenclature {cited[0]}"
    if year is not None and year >= M57_COMPULSORY_FROM:
        return (
            "M57",
            f"la M57 s'applique à toutes les communes depuis le 1er janvier {M57_COMPULSORY_FROM}",
        )
    if article and year is not None:
        holders = [n for n in NORMES if article in plan_for(n, year)[0].comptes]
        if len(holders) == 1:
            return holders[0], f"le compte {article} n'existe qu'en {holders[0]}"
    if len(cited) == 2:
        return (
            "M14",
            f"la délibération cite la M14 et la M57 ; avant {M57_COMPULSORY_FROM}, la M14 est retenue",
        )
    return "M14", (
        f"avant {M57_COMPULSORY_FROM}, la M14 est la nomenclature des communes "
        "(la délibération ne mentionne pas de passage à la M57)"
    )


# --------------------------------------------------------------------------- checks


def _chapters_text(plan: Plan, chapters: list[str]) -> str:
    return ", ".join(f"{c} (« {plan.chapter_label(c) or '?'} »)" for c in chapters)


def _other(norme: str) -> str:
    return "M57" if norme == "M14" else "M14"


def check_article(item: CheckedImputation, plan: Plan, other: Plan) -> Compte | None:
    code, norme, year = item.article, plan.norme, plan.exercice
    assert code is not None
    compte = plan.comptes.get(code)
    if compte is None:
        elsewhere = other.comptes.get(code)
        evidence = f"compte {code} absent du plan de comptes {norme} {year}"
        explanation = (
            f"Le compte {code} n'existe pas dans la nomenclature {norme} (plan de comptes {year})."
        )
        if elsewhere is not None:
            evidence += f" ; présent en {other.norme} : « {elsewhere.libelle} »"
            explanation += (
                f" Il existe en {other.norme} (« {elsewhere.libelle} ») : l'imputation reprend "
                f"vraisemblablement la nomenclature {other.norme}."
            )
        item.anomalies.append(Anomaly("compte_inconnu", ERREUR, evidence, explanation))
        return None
    if compte.deleted:
        item.anomalies.append(
            Anomaly(
                "compte_supprime",
                ERREUR,
                f"compte {code} marqué supprimé (Supprime=1) depuis le {compte.supprime_depuis} dans le plan {norme} {year}",
                f"Le compte {code} (« {compte.libelle} ») est supprimé de la nomenclature {norme} "
                f"depuis le {_date_fr(compte.supprime_depuis)} (plan de comptes {year}) : "
                "il ne peut plus recevoir d'imputation.",
            )
        )
    if not compte.votable:
        children = plan.votable_descendants(code)
        listed = ", ".join(f"{c.code} ({c.libelle})" for c in children)
        item.anomalies.append(
            Anomaly(
                "compte_non_votable",
                ERREUR,
                f"compte {code} en {norme} {year} : aucun chapitre de vote (DR et RR vides)"
                + (
                    f" ; subdivisions votables : {', '.join(c.code for c in children)}"
                    if children
                    else ""
                ),
                f"Le compte {code} (« {compte.libelle} ») est un compte de regroupement en {norme} : "
                "il n'a pas de chapitre de vote et ne peut pas recevoir d'imputation."
                + (
                    f" Il faut imputer sur l'une de ses subdivisions : {listed}."
                    if children
                    else ""
                ),
            )
        )
    return compte


def check_chapitre(item: CheckedImputation, plan: Plan, compte: Compte | None) -> None:
    chapitre = item.chapitre
    assert chapitre is not None
    if ("fonction", chapitre) in plan.chapitres:
        return  # vote by fonction: the chapter is functional
    known = ("nature", chapitre) in plan.chapitres
    if compte is None:
        if not known and not item.operation:
            item.anomalies.append(
                Anomaly(
                    "chapitre_inconnu",
                    ERREUR,
                    f"chapitre {chapitre} absent du plan {plan.norme} {plan.exercice}",
                    f"Le chapitre {chapitre} n'existe pas dans la nomenclature {plan.norme} "
                    f"(plan de comptes {plan.exercice}).",
                )
            )
        return
    expected = list(compte.chapters)
    if not compte.votable:
        for child in plan.votable_descendants(compte.code):
            expected += [c for c in child.chapters if c not in expected]
    if not expected or chapitre in expected:
        return
    if not known and (item.operation or compte.equip):
        return  # an equipment operation voted as its own chapter
    cited = f"{chapitre} « {plan.chapter_label(chapitre)} »" if known else chapitre
    item.anomalies.append(
        Anomaly(
            "chapitre_incoherent",
            ERREUR,
            f"chapitre cité {chapitre} ; chapitre(s) du compte {compte.code} en {plan.norme} {plan.exercice} : "
            + ", ".join(expected),
            f"Le chapitre cité, {cited}, n'est pas celui du compte {compte.code} : en {plan.norme}, "
            f"ce compte relève du chapitre {_chapters_text(plan, expected)}.",
        )
    )


def _words(text: str) -> set[str]:
    return {w.rstrip("sx") for w in fold(text).split() if len(w) >= 4 and w not in _LABEL_STOP}


def check_fonction(item: CheckedImputation, plan: Plan, other: Plan, context: Context) -> None:
    code = item.fonction
    assert code is not None
    label = plan.fonctions.get(code)
    elsewhere = other.fonctions.get(code)
    if label is None:
        evidence = f"fonction {code} absente de la nomenclature {plan.norme} {plan.exercice}"
        explanation = f"La fonction {code} n'existe pas dans la nomenclature {plan.norme}."
        if elsewhere:
            evidence += f" ; en {other.norme} : « {elsewhere} »"
            explanation += (
                f" C'est une fonction de la {other.norme} (« {elsewhere} ») : l'imputation "
                f"reprend vraisemblablement le code {other.norme}."
            )
        item.anomalies.append(Anomaly("fonction_inconnue", ERREUR, evidence, explanation))
        return
    if not elsewhere or fold(elsewhere) == fold(label):
        return
    text_words = _words(context.text)
    here, there = _words(label) & text_words, _words(elsewhere) & text_words
    if there and not here:
        item.anomalies.append(
            Anomaly(
                "fonction_autre_nomenclature",
                A_VERIFIER,
                f"fonction {code} : « {label} » en {plan.norme}, « {elsewhere} » en {other.norme} ; "
                f"le texte parle de : {', '.join(sorted(there))}",
                f"La fonction {code} désigne « {label} » en {plan.norme}, ce dont la délibération ne parle pas ; "
                f"en {other.norme}, la fonction {code} désignait « {elsewhere} », ce qui correspond à son objet : "
                f"le code {other.norme} a vraisemblablement été repris dans une année {plan.norme}.",
            )
        )


def _is_subsidy_account(plan: Plan, code: str) -> bool:
    return any("subvention" in fold(c.libelle) for c in plan.lineage(code))


def check_subsidy(item: CheckedImputation, plan: Plan, compte: Compte, context: Context) -> None:
    if not context.association or compte.code[0] not in "26":
        return  # only spending on a grant to an association
    who = ", ".join(context.beneficiaries[:3])
    if not _is_subsidy_account(plan, compte.code):
        item.anomalies.append(
            Anomaly(
                "compte_non_subvention",
                ERREUR,
                f"compte {compte.code} « {compte.libelle} » : ni lui ni ses comptes parents ne sont des comptes de subvention",
                f"La délibération attribue une subvention à une association ({who}) mais l'impute au compte "
                f"{compte.code} (« {compte.libelle} »), qui n'est pas un compte de subvention : en {plan.norme}, "
                "une subvention de fonctionnement à une association s'impute au compte "
                + (
                    "65748 (« Autres personnes de droit privé »)."
                    if plan.norme == "M57"
                    else "6574."
                ),
            )
        )
    elif plan.norme == "M57" and compte.code in ("65741", "65742", "65743"):
        item.anomalies.append(
            Anomaly(
                "compte_subvention_inadapte",
                A_VERIFIER,
                f"compte {compte.code} « {compte.libelle} » pour un bénéficiaire association ({who})",
                f"Le compte {compte.code} est réservé aux subventions aux « {compte.libelle.lower()} » ; "
                "en M57, une subvention de fonctionnement à une association s'impute au compte 65748 "
                "(« Autres personnes de droit privé »).",
            )
        )


def _date_fr(iso: str) -> str:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else iso


def check_imputation(item: CheckedImputation, context: Context) -> CheckedImputation:
    year = year_of(item.session_date)
    item.norme, item.norme_reason = choose_norme(year, context.text, item.article)
    if year is None:
        item.norme = None
        item.norme_reason = (
            "date de séance non lue : l'exercice, donc le plan de comptes, est inconnu"
        )
        return item
    plan, note = plan_for(item.norme, year)
    if note is not None:  # no plan of that year shipped: another year's would judge it wrongly
        shipped = exercices(item.norme)
        item.plan = f"{item.norme} {year} (non fourni)"
        item.unchecked = (
            f"plan de comptes {item.norme} {year} non fourni (plans fournis : "
            f"{shipped[0]}-{shipped[-1]}) : imputation non vérifiée"
        )
        return item
    other, _ = plan_for(_other(item.norme), year)
    item.exercice = plan.exercice
    item.plan = f"{plan.norme} {plan.exercice}"
    compte = check_article(item, plan, other) if item.article else None
    if item.chapitre:
        check_chapitre(item, plan, compte)
    if item.fonction:
        check_fonction(item, plan, other, context)
    if compte is not None:
        check_subsidy(item, plan, compte, context)
    return item


def audit(conn: sqlite3.Connection) -> list[CheckedImputation]:
    """Check every imputation of the database, in séance order."""
    out: list[CheckedImputation] = []
    contexts: dict[int, Context] = {}
    for row in conn.execute(IMPUTATIONS_SQL).fetchall():
        *fields, document_id = tuple(row)
        item = CheckedImputation(*fields)
        if item.deliberation_id not in contexts:
            contexts[item.deliberation_id] = deliberation_context(
                conn, item.deliberation_id, document_id
            )
        out.append(check_imputation(item, contexts[item.deliberation_id]))
    return out


def store_audit(conn: sqlite3.Connection, items: list[CheckedImputation]) -> None:
    """Replace ``imputation_checks`` and ``imputation_anomalies`` (the caller holds the transaction)."""
    conn.execute("DELETE FROM imputation_anomalies")
    conn.execute("DELETE FROM imputation_checks")
    anomaly_id = 0
    for item in items:
        conn.execute(
            "INSERT INTO imputation_checks (imputation_id, deliberation_id, norme, norme_reason, exercice, "
            "plan, status, anomalies) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.imputation_id,
                item.deliberation_id,
                item.norme,
                item.norme_reason,
                item.exercice,
                item.plan,
                item.status,
                len(item.anomalies),
            ),
        )
        for a in item.anomalies:
            anomaly_id += 1
            conn.execute(
                "INSERT INTO imputation_anomalies (id, imputation_id, deliberation_id, check_name, severity, "
                "evidence, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    anomaly_id,
                    item.imputation_id,
                    item.deliberation_id,
                    a.check,
                    a.severity,
                    a.evidence,
                    a.explanation,
                ),
            )
