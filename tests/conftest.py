from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DEV_TEXT = DATA / "dev" / "text"
DEV_GOLD = DATA / "dev" / "gold"
DEMO_CORPUS = ROOT / "demo" / "corpus"
SCHEMA = DATA / "spec" / "extraction.schema.json"


@pytest.fixture(scope="session")
def extraction_schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def dev_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The dev PDFs built afresh by the fixture builder (the same bytes as demo/corpus)."""
    from tests.generators.fixtures import build_corpus

    out = tmp_path_factory.mktemp("dev_pdfs")
    return build_corpus(DEV_TEXT, out)


def dev_deliberations() -> list[tuple[str, str, dict]]:
    """(name, text, gold deliberation) for each dev document that holds one deliberation."""
    cases = []
    for path in sorted(DEV_TEXT.glob("*.txt")):
        gold = json.loads((DEV_GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        if gold["kind"] == "deliberation":
            cases.append(
                (path.stem[:3], path.read_text(encoding="utf-8"), gold["deliberations"][0])
            )
    return cases
