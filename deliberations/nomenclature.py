"""The M14 and M57 budget nomenclatures (plans de comptes 2020-2024) shipped in
``data/nomenclatures/``, for the rules and for the audit alike.

Built by ``scripts/build_nomenclatures.py`` from the DGFiP ``planDeCompte.xml`` files. The rules
(``nlp/``) ask across every norme and exercice at once (a deliberation's rules do not know the
plan its body follows): which codes are chapters, which accounts exist, which chapter an account
is voted in. The audit (``queries/``) checks an imputation against the :class:`Plan` of its
norme and exercice.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("deliberations") / "data" / "nomenclatures" / name
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def functional_chapters() -> frozenset[str]:
    """The chapters of the functional presentation (``900``–``954``): a chapter of a fonction, in
    which any account of its section may be voted."""
    return frozenset(r["code"] for r in _rows("chapitres.csv") if r["axe"] == "fonction")


@cache
def chapters() -> frozenset[str]:
    """Every chapter of the plans (by nature and by fonction)."""
    return frozenset(
        r["code"] for r in _rows("chapitres.csv") if r["axe"] in {"nature", "fonction"}
    )


@cache
def _account_chapters() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in _rows("comptes.csv"):
        out.setdefault(r["code"], set()).update(
            c for c in (r["dr"], r["rr"], *r["ordre"].split()) if c
        )
    # a grouping account (6411) is voted in its sub-accounts' chapters (64111 …)
    for code in list(out):
        for parent in (code[:n] for n in range(len(code) - 1, 1, -1)):
            if parent in out:
                out[parent].update(out[code])
    return {code: frozenset(found) for code, found in out.items()}


@cache
def fonctions() -> frozenset[str]:
    """Every fonction (and sous-fonction) code of the plans: "020", "212", "0100"."""
    return frozenset(r["code"] for r in _rows("fonctions.csv"))


@cache
def grant_heads() -> frozenset[str]:
    """The accounts the plans pay grants from, as they head them: an expense account (class 6
    or 2) labelled "Subventions …" right under its chapter (657 "Subventions de fonctionnement
    versées", 674 "… exceptionnelles", 204 "Subventions d'équipement versées"); not a receipt
    (74, 13) nor an amortisation (2804, under 280)."""
    return frozenset(
        r["code"]
        for r in _rows("comptes.csv")
        if r["libelle"].lower().startswith("subvention")
        and len(r["parent"]) == 2
        and r["code"][:1] in ("6", "2")
    )


def grant_account(code: str) -> bool:
    """Whether an article of the plans is one a grant is paid from ("6574", "65738", "2041582"):
    an account the plans know under a grant head; a chapter ("65", "204"), another expense
    ("6156", "2313") or a code the plans lack ("6579999", an OCR's "65749") is not."""
    return (
        len(code) >= 4
        and known_account(code)
        and any(code.startswith(head) for head in grant_heads())
    )


def known_account(code: str) -> bool:
    return code in _account_chapters()


def account_in_chapter(account: str, chapter: str) -> bool:
    """The account may be voted in the chapter: the plans say so, the chapter is a functional one
    (any account of its section), or the account is a subdivision of the chapter's number
    (``chapitre 21``, ``article 2183``)."""
    if chapter in functional_chapters():
        return account[:1] in ("1", "2") if chapter < "930" else account[:1] in ("6", "7")
    if chapter in _account_chapters().get(account, frozenset()):
        return True
    return len(account) > len(chapter) and account.startswith(chapter)


# --------------------------------------------------------------------------- plans, for the audit

NORMES = ("M14", "M57")
#: the M57 became compulsory for every commune on 1 January 2024 (the M14 was withdrawn)
M57_COMPULSORY_FROM = 2024


@dataclass(frozen=True)
class Compte:
    code: str
    parent: str
    libelle: str
    dr: str
    rr: str
    ordre: tuple[str, ...]
    equip: bool
    supprime_depuis: str

    @property
    def votable(self) -> bool:
        """An account with no voting chapter is a grouping node: nothing can be imputed on it."""
        return bool(self.dr or self.rr or self.ordre)

    @property
    def chapters(self) -> tuple[str, ...]:
        """The chapters an imputation on this account may cite (real then order)."""
        return tuple(dict.fromkeys(c for c in (self.dr, self.rr, *self.ordre) if c))

    @property
    def deleted(self) -> bool:
        return bool(self.supprime_depuis)


@dataclass
class Plan:
    norme: str
    exercice: int
    comptes: dict[str, Compte] = field(default_factory=dict)
    fonctions: dict[str, str] = field(default_factory=dict)
    chapitres: dict[tuple[str, str], str] = field(default_factory=dict)  # (axe, code) -> label

    def children(self, code: str) -> list[Compte]:
        return [c for c in self.comptes.values() if c.parent == code]

    def votable_descendants(self, code: str) -> list[Compte]:
        out: list[Compte] = []
        for child in sorted(self.children(code), key=lambda c: c.code):
            if child.votable and not child.deleted:
                out.append(child)
            else:
                out.extend(self.votable_descendants(child.code))
        return out

    def lineage(self, code: str) -> list[Compte]:
        """The account then its parents, up to the class."""
        out: list[Compte] = []
        current = self.comptes.get(code)
        while current is not None and current not in out:
            out.append(current)
            current = self.comptes.get(current.parent)
        return out

    def chapter_label(self, code: str) -> str | None:
        return self.chapitres.get(("nature", code)) or self.chapitres.get(("fonction", code))


@cache
def _plans() -> dict[tuple[str, int], Plan]:
    plans: dict[tuple[str, int], Plan] = {}

    def each_year(row: dict[str, str]):
        for year in row["exercices"].split():
            key = (row["norme"], int(year))
            yield plans.setdefault(key, Plan(row["norme"], int(year)))

    for row in _rows("comptes.csv"):
        compte = Compte(
            row["code"],
            row["parent"],
            row["libelle"],
            row["dr"],
            row["rr"],
            tuple(row["ordre"].split()),
            row["equip"] == "1",
            row["supprime_depuis"],
        )
        for plan in each_year(row):
            plan.comptes[compte.code] = compte
    for row in _rows("fonctions.csv"):
        for plan in each_year(row):
            plan.fonctions[row["code"]] = row["libelle"]
    for row in _rows("chapitres.csv"):
        for plan in each_year(row):
            plan.chapitres[(row["axe"], row["code"])] = row["libelle"]
    return plans


def exercices(norme: str) -> list[int]:
    return sorted(year for n, year in _plans() if n == norme)


def plan_for(norme: str, year: int) -> tuple[Plan, str | None]:
    """The plan of ``norme`` for ``year``; outside 2020-2024 the nearest one, with a note why."""
    years = exercices(norme)
    if not years:
        raise KeyError(norme)
    chosen = min(max(year, years[0]), years[-1])
    note = None
    if chosen != year:
        which = "le plus ancien" if year < years[0] else "le plus récent"
        note = f"{which} fourni ; séance de {year}"
    return _plans()[(norme, chosen)], note
