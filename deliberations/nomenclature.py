"""The M14 and M57 budget nomenclatures as the rules use them: which codes are chapters, which
accounts exist, and which chapter an account is voted in.

Read from the plans shipped in ``data/nomenclatures/`` (every norme and exercice at once: a
deliberation's rules do not know the plan its body follows). The audit (``queries/``) reads the
same files plan by plan.
"""

from __future__ import annotations

import csv
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
    return frozenset(r["code"] for r in _rows("chapitres.csv") if r["axe"] in {"nature", "fonction"})


@cache
def _account_chapters() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in _rows("comptes.csv"):
        out.setdefault(r["code"], set()).update(c for c in (r["dr"], r["rr"], *r["ordre"].split()) if c)
    # a grouping account (6411) is voted in its sub-accounts' chapters (64111 …)
    for code in list(out):
        for parent in (code[:n] for n in range(len(code) - 1, 1, -1)):
            if parent in out:
                out[parent].update(out[code])
    return {code: frozenset(found) for code, found in out.items()}


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
