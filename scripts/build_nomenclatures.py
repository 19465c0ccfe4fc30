"""Derive the compact M14 / M57 nomenclature tables shipped in deliberations/data/nomenclatures/.

Source: the DGFiP plans de comptes (``planDeCompte.xml``, one per exercice, norme and
déclinaison) in ``../shared/reference/plans-de-comptes``. Run from the repository root:

    .venv/bin/python scripts/build_nomenclatures.py [--source DIR] [--out DIR]

What is kept, and why:

* the déclinaisons a commune uses: M14_COM_SUP3500, M14_COM_500_3500, M14_COM_INF500 for the
  M14; M57 (2020-2021), M57_D (développé), M57_A (abrégé) and M57_P (petites communes) for the
  M57. A code present in several déclinaisons of one year is taken from the first in that order.
* a file only when the ``Exer`` and ``Declinaison`` of its own header match the folder it sits
  in. That leaves out the two mislabelled files the source README warns of:
  2022/M57/M57 (a copy of the 2020 plan, ``Exer="2020"``) and 2023/M57/M57_P (whose header says
  ``M57_D``).
* per code, only the columns the audit reads: label, parent, the voting chapters (DR / RR: the
  chapter where the account is used in real spending / revenue; DOES, DOIS, ROES, ROIS: order
  chapters), whether it may sit in an equipment operation, and the deletion date. Rows identical
  across exercices are written once, with the list of exercices they hold for.
"""

from __future__ import annotations

import argparse
import csv
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "plans-de-comptes"
DEFAULT_OUT = ROOT / "deliberations" / "data" / "nomenclatures"

DECLINAISONS = {
    "M14": ["M14_COM_SUP3500", "M14_COM_500_3500", "M14_COM_INF500"],
    "M57": ["M57", "M57_D", "M57_A", "M57_P"],
}
ORDER_ATTRS = ("DOES", "DOIS", "ROES", "ROIS")

COMPTE_COLUMNS = [
    "norme",
    "code",
    "parent",
    "libelle",
    "dr",
    "rr",
    "ordre",
    "equip",
    "supprime_depuis",
    "exercices",
]
FONCTION_COLUMNS = ["norme", "code", "parent", "libelle", "exercices"]
CHAPITRE_COLUMNS = ["norme", "axe", "code", "libelle", "section", "type", "exercices"]


def _walk(element: ET.Element, tag: str, parent: str = ""):
    for child in element.findall(tag):
        yield child, parent
        yield from _walk(child, tag, child.get("Code", ""))


def _compte_row(e: ET.Element, parent: str) -> dict[str, str]:
    ordre = sorted({e.get(a, "") for a in ORDER_ATTRS} - {""})
    deleted = e.get("Supprime") == "1"
    return {
        "code": e.get("Code", ""),
        "parent": parent,
        "libelle": e.get("Libelle", ""),
        "dr": e.get("DR", ""),
        "rr": e.get("RR", ""),
        "ordre": " ".join(ordre),
        "equip": "1" if "1" in (e.get("DEquip"), e.get("REquip")) else "",
        "supprime_depuis": (e.get("SupprimeDepuis") or "?")[:10] if deleted else "",
    }


def read_plan(path: Path) -> dict[str, list[dict[str, str]]]:
    root = ET.parse(path).getroot()
    out: dict[str, list[dict[str, str]]] = {"comptes": [], "fonctions": [], "chapitres": []}
    nature = root.find("Nature")
    if nature is not None:
        for e, parent in _walk(nature.find("Comptes") or ET.Element("x"), "Compte"):
            out["comptes"].append(_compte_row(e, parent))
        for e in nature.findall("Chapitres/Chapitre"):
            out["chapitres"].append(_chapitre_row(e, "nature"))
    fonction = root.find("Fonction")
    if fonction is not None:
        for e in fonction.findall("Chapitres/Chapitre"):
            out["chapitres"].append(_chapitre_row(e, "fonction"))
        for e, parent in _walk(fonction.find("RefFonctionnelles") or ET.Element("x"), "RefFonc"):
            out["fonctions"].append(
                {"code": e.get("Code", ""), "parent": parent, "libelle": e.get("Libelle", "")}
            )
    return out


def _chapitre_row(e: ET.Element, axe: str) -> dict[str, str]:
    return {
        "axe": axe,
        "code": e.get("Code", ""),
        "libelle": e.get("Libelle", ""),
        "section": e.get("Section", ""),
        "type": e.get("TypeChapitre", ""),
    }


def header_matches(path: Path, exer: str, declinaison: str) -> bool:
    for _event, element in ET.iterparse(path, events=("start",)):
        return element.get("Exer") == exer and element.get("Declinaison") == declinaison
    return False


def collect(source: Path) -> dict[str, list[dict[str, str]]]:
    """Rows per kind, merged across exercices (``exercices`` lists the years a row holds for)."""
    merged: dict[str, dict[tuple, dict[str, str]]] = {
        "comptes": {},
        "fonctions": {},
        "chapitres": {},
    }
    for year_dir in sorted(p for p in source.iterdir() if p.is_dir() and p.name.isdigit()):
        year = year_dir.name
        for norme, declinaisons in DECLINAISONS.items():
            seen: dict[str, set[tuple]] = {k: set() for k in merged}
            for declinaison in declinaisons:
                path = year_dir / norme / declinaison / "planDeCompte.xml"
                if not path.exists():
                    continue
                if not header_matches(path, year, declinaison):
                    print(f"skipped (header does not match its folder): {path}", file=sys.stderr)
                    continue
                for kind, rows in read_plan(path).items():
                    for row in rows:
                        code_key = (row.get("axe", ""), row["code"])
                        if code_key in seen[kind]:
                            continue
                        seen[kind].add(code_key)
                        key = (norme, *row.values())
                        entry = merged[kind].setdefault(
                            key, {"norme": norme, **row, "exercices": ""}
                        )
                        entry["exercices"] = (entry["exercices"] + " " + year).strip()
    return {
        kind: sorted(
            rows.values(), key=lambda r: (r["norme"], r.get("axe", ""), r["code"], r["exercices"])
        )
        for kind, rows in merged.items()
    }


def write(out: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    columns = {
        "comptes": COMPTE_COLUMNS,
        "fonctions": FONCTION_COLUMNS,
        "chapitres": CHAPITRE_COLUMNS,
    }
    for kind, rows in tables.items():
        with (out / f"{kind}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns[kind], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"{out / f'{kind}.csv'}: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(
            f"error: {args.source} not found; pass --source DIR (shared/reference/plans-de-comptes)",
            file=sys.stderr,
        )
        return 1
    write(args.out, collect(args.source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
