"""The ruled tables' cells found from the rulings' crossings (tables._cells) are pdfplumber's
(``intersections_to_cells``), the same cells in the same order, on any rulings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import edges_to_intersections, intersections_to_cells

from deliberations.extract.tables import _cells

COORDINATES = st.sampled_from([0.0, 10.0, 20.0, 30.5, 41.0, 55.0])


@st.composite
def rulings(draw: st.DrawFn) -> list[dict]:
    edges = []
    for _ in range(draw(st.integers(0, 14))):
        fixed = draw(COORDINATES)
        low, high = sorted(draw(st.lists(COORDINATES, min_size=2, max_size=2, unique=True)))
        if draw(st.booleans()):
            edges.append({"x0": fixed, "x1": fixed, "top": low, "bottom": high, "orientation": "v"})
        else:
            edges.append({"x0": low, "x1": high, "top": fixed, "bottom": fixed, "orientation": "h"})
    return edges


@settings(max_examples=300, deadline=None)
@given(edges=rulings())
def test_same_cells_as_pdfplumber(edges: list[dict]) -> None:
    intersections = edges_to_intersections(edges, 3, 3)
    assert _cells(intersections) == intersections_to_cells(intersections)


def test_a_grid_and_a_broken_grid() -> None:
    grid = [
        {"x0": x, "x1": x, "top": 0.0, "bottom": 20.0, "orientation": "v"} for x in (0.0, 10.0)
    ] + [{"x0": 0.0, "x1": 10.0, "top": y, "bottom": y, "orientation": "h"} for y in (0.0, 20.0)]
    intersections = edges_to_intersections(grid, 3, 3)
    assert _cells(intersections) == [(0.0, 0.0, 10.0, 20.0)]
    # near miss: without its right border the box is no cell
    broken = edges_to_intersections(grid[:1] + grid[2:], 3, 3)
    assert _cells(broken) == [] == intersections_to_cells(broken)
