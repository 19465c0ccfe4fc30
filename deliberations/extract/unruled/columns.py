"""Column bands: amounts standing one above the other make the amount columns."""

from __future__ import annotations

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
    the other (their extents overlap: right-aligned, centred or left-aligned alike)."""
    amounts = sorted((c for line in lines for c in line.chunks if c.is_amount), key=lambda c: c.x0)
    groups: list[list[Chunk]] = []
    for chunk in amounts:
        if groups and chunk.x0 < max(c.x1 for c in groups[-1]) - 1.0:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return [
        Column(min(c.x0 for c in g), max(c.x1 for c in g), amounts=True)
        for g in groups
        if len(g) >= minimum
    ]


def in_column(chunk: Chunk, column: Column) -> bool:
    overlap = min(chunk.x1, column.right) - max(chunk.x0, column.left)
    return chunk.is_amount and overlap >= 0.5 * (chunk.x1 - chunk.x0)


def row_amount(line: Line, columns: list[Column]) -> bool:
    return any(in_column(c, col) for c in line.chunks for col in columns)


def same_columns(a: list[Column], b: list[Column]) -> bool:
    return any(abs(x.right - y.right) <= 2 * ALIGN for x in a for y in b)
