"""Accuracy on the in-sample real set, compared both ways with the stored figures.

The gold records under tests/data/real/gold were annotated by hand on real minutes and
deliberations of several bodies (origins in tests/data/real/NOTES*.md); rules were written while
reading them, so these figures are in-sample. `baseline.json` holds the last figures measured by

    .venv/bin/python -m tests.real_baseline

A family that moves by more than TOLERANCE either way fails the suite: a drop is a regression; a
rise is a change nobody has reviewed yet (look at it, then store the figures again and say why in
the commit). A family stored at 0.0 is a family the set scores nothing right in, not a free pass.
"""

from __future__ import annotations

import json

import pytest

from deliberations.evaluation import evaluate
from tests.real_baseline import BASELINE, GOLD, subsets

pytestmark = pytest.mark.slow
TOLERANCE = 0.005


@pytest.fixture(scope="module")
def measured() -> dict:
    assert BASELINE.exists(), "no baseline: run python -m tests.real_baseline"
    return {name: evaluate(GOLD, paths)[0] for name, paths in subsets().items() if paths}


def moved(stored: dict, score) -> dict:
    """The families (and micro) whose F1 moved by more than TOLERANCE, as (stored, now)."""
    now = {family: round(score.families[family].f1, 4) for family in stored["families"]}
    now["micro"] = round(score.micro.f1, 4)
    was = {**stored["families"], "micro": stored["micro"]}
    return {k: (was[k], now[k]) for k in was if abs(was[k] - now[k]) > TOLERANCE}


@pytest.mark.parametrize("subset", ["digital", "scans"])
def test_figures_match_the_stored_ones(measured: dict, subset: str) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert subset in baseline and subset in measured, f"{subset}: no stored or no measured figures"
    changes = moved(baseline[subset], measured[subset])
    assert not changes, (
        f"F1 moved (stored, now): {changes}; review, then python -m tests.real_baseline"
    )


def test_a_rise_is_reported_as_well_as_a_drop() -> None:
    from deliberations.scoring import Counts, Score

    score = Score()
    score.families["amounts"] = Counts(tp=9, fp=1, fn=0)
    stored = {"families": {"amounts": 0.5}, "micro": 0.5}
    assert set(moved(stored, score)) == {"amounts", "micro"}
    stored = {
        "families": {"amounts": round(score.families["amounts"].f1, 4)},
        "micro": round(score.micro.f1, 4),
    }
    assert moved(stored, score) == {}
