"""Databases the query tests share, built once per test session by `delib ingest`.

* ``demo_db()``: the demo corpus (demo/corpus/*.pdf), as `delib demo` builds it;
* ``seeded_db()``: the demo corpus plus the seeded deliberations of tests/data/seeded/
  (wrong and right M14 / M57 imputations, beneficiaries spelled several ways).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberations.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = ROOT / "demo" / "corpus"
SEEDED = ROOT / "tests" / "data" / "seeded"
SHARED_SCDL = ROOT.parent / "shared" / "reference" / "scdl"


def _build(factory: pytest.TempPathFactory, name: str, *paths: Path) -> Path:
    """Built once per session: the session's base temporary folder holds it."""
    folder = factory.getbasetemp() / "query-dbs"
    folder.mkdir(exist_ok=True)
    db = folder / f"{name}.db"
    if not db.exists():
        result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", str(db), "--quiet"])
        assert result.exit_code == 0, (result.output, result.exception)
    return db


def demo_db(factory: pytest.TempPathFactory) -> Path:
    return _build(factory, "demo", DEMO_CORPUS)


def seeded_db(factory: pytest.TempPathFactory) -> Path:
    return _build(factory, "seeded", DEMO_CORPUS, SEEDED)
