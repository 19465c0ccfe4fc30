"""Column bands: amounts standing one above the other make the amount columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from deliberations.extract.unruled.geometry import Chunk, Line

ALIGN = 3.0  # points: right edges of one amount column, left edges of one text column


MIN_COLUMN_AMOUNTS = 2  # amounts aligned on a page to make a column


@dataclass
class Column:
    left: float
    right: float
    amounts: bool  # an amount column: right-aligned sums


def amount_columns(lines: list[Line], minimum: int = MIN_COLUMN_AMOUNTS) -> list[Column]:
    """Columns of sums: at least ``minimum`` amounts standing in cells of their own, one above
    the other (their extents overlap: right-aligned, centred or left-aligned alike). A sum set
    across two such columns (a grand total centred under the two it adds) makes neither."""
    amounts = sorted((c for line in lines for c in line.chunks if c.is_amount), key=lambda c: c.x0)
    page = {id(c): line.page for line in lines for c in line.chunks}
    on_page: dict[int, list[Chunk]] = defaultdict(list)
    for chunk in amounts:
        on_page[page[id(chunk)]].append(chunk)
    suspects = [c for c in amounts if bridging(c, on_page[page[id(c)]])]
    if suspects:
        suspected = {id(s) for s in suspects}
        settled = [c for c in amounts if id(c) not in suspected]
        columns = [g for g in overlapping(settled) if len(g) >= minimum]
        across = {
            id(s)
            for s in suspects
            if sum(any(_overlap(s, c) > 1.0 for c in g) for g in columns) >= 2
        }
        amounts = [c for c in amounts if id(c) not in across]
    return [
        Column(min(c.x0 for c in g), max(c.x1 for c in g), amounts=True)
        for g in overlapping(amounts)
        if len(g) >= minimum
    ]


def overlapping(amounts: list[Chunk]) -> list[list[Chunk]]:
    """Sums (ordered by their left edge) in groups whose extents overlap."""
    groups: list[list[Chunk]] = []
    for chunk in amounts:
        if groups and chunk.x0 < max(c.x1 for c in groups[-1]) - 1.0:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return groups


def _overlap(a: Chunk, b: Chunk) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def bridging(chunk: Chunk, amounts: list[Chunk]) -> bool:
    """Whether a sum may stand across two columns of sums: it overlaps a sum reaching further
    left and one reaching further right that do not overlap each other (a grand total centred
    under the two columns it adds, "2.478.464,95" under "Restes à réaliser" and "Propositions
    nouvelles"); it does when the columns drawn without it are two it overlaps. ``amounts``:
    the sums of its page (a table going on over the next page may set its columns otherwise)."""
    over = [c for c in amounts if c is not chunk and _overlap(c, chunk) > 1.0]
    left = [c.x1 for c in over if c.x0 < chunk.x0 - 1.0]
    right = [c.x0 for c in over if c.x1 > chunk.x1 + 1.0]
    # some sum on the left ends before some sum on the right starts: the one ending first
    # before the one starting last
    return bool(left and right) and min(left) < max(right) - 1.0


def in_column(chunk: Chunk, column: Column) -> bool:
    overlap = min(chunk.x1, column.right) - max(chunk.x0, column.left)
    return chunk.is_amount and overlap >= 0.5 * (chunk.x1 - chunk.x0)


def row_amount(line: Line, columns: list[Column]) -> bool:
    return any(in_column(c, col) for c in line.chunks for col in columns)


def same_columns(a: list[Column], b: list[Column]) -> bool:
    return any(abs(x.right - y.right) <= 2 * ALIGN for x in a for y in b)
