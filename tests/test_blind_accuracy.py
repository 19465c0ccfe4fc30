"""Accuracy on blind bodies, against fixed floors written here.

Blind bodies (tests/data/blind, `set` = blind in tests/data/documents.tsv) are bodies whose
documents nobody read while writing rules: their figure is what a user meets on an archive never
seen. The floors are the figures measured at the last milestone (see the README's accuracy
section), less 0.01; they are written here by hand, never by a script. A drop below a floor fails.
Only totals are shown: nobody writing rules looks at blind details.
"""

from __future__ import annotations

import pytest

from deliberations.evaluation import measure, read_documents, total
from tests.conftest import DATA

pytestmark = pytest.mark.slow

# micro F1 floors, written by hand from the last milestone (python -m tests.accuracy_table;
# tests/data/blind/README.md), 0.01 below the figure measured.
# Sessions 4 and 5: fold A (Putanges-le-Lac) was the blind body (0.505 / 0.464 at session 5's end).
# Session 6: fold A was opened at the start (its figure at opening kept in opened_folds.tsv) and
# fold C became the blind set (0.039 at session 6's end: almost none of its deliberations paired).
# Session 7: fold C opened at the start; fold D (Aiglun, Montreuil-en-Touraine, Chéméré: seven
# born-digital PDFs printed from what open-data repositories keep of them) is blind, measured on
# its arrival with session 6's rules and one change: 0.672; at the session's end 0.671.
# Session 8: fold D opened at the start (0.671 with 756dec3, opened_folds.tsv); no new body's full
# minutes could be found (tests/data/blind/README.md): no fold is blind, the test skips.
FLOORS = {"digital": 0.661, "all": 0.661}  # measured 0.671 and 0.671 (session 7, end; fold D)


@pytest.fixture(scope="module")
def blind_scores() -> dict:
    documents = [d for d in read_documents(DATA / "documents.tsv") if d.set == "blind"]
    present = [d for d in documents if d.path(DATA).exists()]
    if not documents:
        # between a fold's opening and the next fold's gold (tests/data/blind/README.md)
        pytest.skip("no blind fold in tests/data/documents.tsv")
    assert present, "blind documents listed but absent from tests/data/blind/docs"
    return {"documents": present, "scores": measure(present, DATA)}


@pytest.mark.parametrize("text", ["digital", "all"])
def test_blind_micro_f1_stays_above_its_floor(blind_scores: dict, text: str) -> None:
    floor = FLOORS[text]
    chosen = [d for d in blind_scores["documents"] if text in (d.text, "all")]
    figure = total(blind_scores["scores"], chosen).micro.f1
    assert floor is not None, f"blind {text}: no floor written yet (measured {figure:.3f})"
    assert figure >= floor, f"blind {text}: micro F1 {figure:.3f} below the floor {floor}"
