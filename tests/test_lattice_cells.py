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


CHAR_TEXTS = st.sampled_from(["a", "B", "1", "€", " ", "ﬁ", "-", "é", "\xa0"])
POSITIONS = st.sampled_from([0.0, 1.5, 2.0, 3.0, 4.5, 6.0, 7.0, 10.0, 11.5])


@st.composite
def characters(draw: st.DrawFn) -> list[dict]:
    chars = []
    for _ in range(draw(st.integers(0, 16))):
        x0, top = draw(POSITIONS), draw(POSITIONS)
        width = draw(st.sampled_from([0.0, 1.0, 2.5]))
        chars.append(
            {
                "text": draw(CHAR_TEXTS),
                "x0": x0,
                "x1": x0 + width,
                "top": top,
                "doctop": top,
                "bottom": top + 8.0,
                "upright": True,
            }
        )
    return chars


@settings(max_examples=500, deadline=None)
@given(chars=characters())
def test_a_cells_text_is_pdfplumbers(chars: list[dict]) -> None:
    from pdfplumber.utils import extract_text

    from deliberations.extract.tables import cell_text

    assert cell_text(chars) == extract_text(chars)


# the born-digital real documents that print ruled tables
RULED = [
    "ccLisieresOise_CC_2025.11.13-CR-CC-du-13-novembre-2025-approuve.pdf",
    "couthenans_CR_conseil_municipal_24_02_2023.pdf",
    "pierrefonds_CM-du-10-avril-2024.pdf",
    "pierrefonds_compte-rendu-10-04-2018.pdf",
]


def test_the_cells_of_real_tables_read_as_pdfplumber_reads_them(monkeypatch) -> None:
    """Every cell of the ruled tables of real born-digital documents: the same text."""
    from pathlib import Path

    import pypdfium2 as pdfium
    from pdfplumber.utils import extract_text

    import deliberations.extract.tables as tables

    seen: list[bool] = []
    ours = tables.cell_text

    def both(chars: list[dict]) -> str:
        seen.append(ours(chars) == extract_text(chars))
        return ours(chars)

    monkeypatch.setattr(tables, "cell_text", both)
    docs = Path(__file__).parent / "data" / "real" / "docs"
    for name in RULED:
        pdf = pdfium.PdfDocument(str(docs / name))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                tables._ruled_page(page)
                page.close()
        finally:
            pdf.close()
    assert len(seen) > 500 and all(seen)


@st.composite
def drawn_edges(draw: st.DrawFn) -> list[dict]:
    """Edges as pypdfium2's paths give them (short ones, slanted ones without an orientation)."""
    edges = []
    for _ in range(draw(st.integers(0, 14))):
        x0, x1 = sorted(draw(st.lists(COORDINATES | st.just(1.0), min_size=2, max_size=2)))
        top, bottom = sorted(draw(st.lists(COORDINATES | st.just(2.0), min_size=2, max_size=2)))
        orientation = draw(st.sampled_from(["v", "h", None]))
        if orientation == "v":
            x1 = x0
        elif orientation == "h":
            bottom = top
        edges.append(
            {
                "object_type": "curve_edge",
                "x0": x0,
                "x1": x1,
                "top": top,
                "doctop": top,
                "bottom": bottom,
                "width": x1 - x0,
                "height": bottom - top,
                "orientation": orientation,
            }
        )
    return edges


@settings(max_examples=300, deadline=None)
@given(edges=drawn_edges())
def test_the_lines_edges_are_the_finders(edges: list[dict]) -> None:
    """tables._lines_edges is ``TableFinder.get_edges`` with the default settings."""
    from pdfplumber.table import TableFinder, TableSettings

    from deliberations.extract.tables import _LatticePage, _lines_edges

    finder = TableFinder.__new__(TableFinder)
    finder.page = _LatticePage(100.0, 100.0, edges, [])
    finder.settings = defaults = TableSettings.resolve(None)
    assert _lines_edges(edges, defaults) == finder.get_edges()
    # near miss: other strategies are the finder's own
    text = TableSettings.resolve({"vertical_strategy": "text"})
    assert _lines_edges(edges, text) is None


@settings(max_examples=300, deadline=None)
@given(
    intervals=st.lists(st.tuples(POSITIONS, POSITIONS).map(sorted), max_size=6),
    value=POSITIONS | st.sampled_from([-1.0, 2.9, 12.0]),
)
def test_a_value_is_within_the_union_where_within_an_interval(
    intervals: list[tuple[float, float]], value: float
) -> None:
    from deliberations.extract.tables import _union, _within

    union = _union([tuple(i) for i in intervals])
    assert _within(union, value) == any(low <= value <= high for low, high in intervals)
