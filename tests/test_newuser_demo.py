"""`pip install` then `delib demo` anywhere: the demo corpus ships in the package."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest

from tests.conftest import DEMO_CORPUS, ROOT

DELIB = str(Path(sys.executable).parent / "delib")
SHIPPED = ROOT / "deliberations" / "data" / "demo"


def test_the_package_ships_the_demo_corpus_byte_for_byte() -> None:
    repository = sorted(p.name for p in DEMO_CORPUS.glob("*.pdf"))
    assert repository and sorted(p.name for p in SHIPPED.glob("*.pdf")) == repository
    for name in repository:
        assert (SHIPPED / name).read_bytes() == (DEMO_CORPUS / name).read_bytes(), name
    # and pyproject.toml's package data takes them into the wheel
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    for name in repository:
        relative = PurePosixPath("data", "demo", name)
        assert any(relative.match(p) for p in patterns["deliberations"]), name


def test_the_package_ships_the_rules_tables() -> None:
    """Lexicons, phrasing tables and fitted weights are read at import: a wheel without them
    would not run."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    tables = sorted((ROOT / "deliberations").rglob("*.toml"))
    assert len(tables) >= 8
    for path in tables:
        relative = PurePosixPath(path.relative_to(ROOT / "deliberations").as_posix())
        assert any(relative.match(p) for p in patterns["deliberations"]), relative


@pytest.mark.slow
def test_delib_demo_runs_in_an_empty_folder(tmp_path: Path) -> None:
    run = subprocess.run([DELIB, "demo"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "does not exist" not in run.stderr
    assert run.stdout.startswith("5 documents (82 pages): 4 deliberation, 1 other"), run.stdout
    assert "AREFEP" in run.stdout and (tmp_path / "demo.db").is_file()
