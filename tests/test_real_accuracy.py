"""Accuracy on real documents the rules were not written for, with a regression guard.

The gold records under tests/data/real/gold were annotated by hand on real minutes and
deliberations of several bodies (origins in tests/data/real/NOTES*.md). `baseline.json` holds
the last figures measured by

    .venv/bin/python -m tests.real_baseline

and a family that drops by more than 0.02 below them fails the suite.
"""

from __future__ import annotations

import json

import pytest

from deliberations.cli import evaluate
from tests.real_baseline import BASELINE, GOLD, subsets

pytestmark = pytest.mark.slow
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def measured() -> dict:
    if not BASELINE.exists():
        pytest.skip("no baseline yet: run python -m tests.real_baseline")
    results = {}
    for name, paths in subsets().items():
        if paths:
            total, _ = evaluate(GOLD, paths)
            results[name] = total
    return results


@pytest.mark.parametrize("subset", ["digital", "scans"])
def test_no_family_drops_below_the_stored_figures(measured: dict, subset: str) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    if subset not in baseline:
        pytest.skip(f"no {subset} documents in the baseline")
    score = measured[subset]
    drops = {
        family: (stored, round(score.families[family].f1, 4))
        for family, stored in baseline[subset]["families"].items()
        if score.families[family].f1 < stored - TOLERANCE
    }
    assert not drops, f"families below the stored F1 (stored, now): {drops}"
    assert score.micro.f1 >= baseline[subset]["micro"] - TOLERANCE
