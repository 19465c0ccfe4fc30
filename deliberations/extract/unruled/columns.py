"""Column bands: amounts standing one above the other make the amount columns."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from deliberations.extract.unruled.geometry import Chunk, Line

# a whole sum of four to six digits with no group nor currency ("1000"), not a year
WHOLE_RE = re.compile(r"^(?!(?:19|20)\d\d$)[1-9]\d{3,5}$")

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
    line_of = {id(c): id(line) for line in lines for c in line.chunks}
    on_page: dict[int, list[Chunk]] = defaultdict(list)
    for chunk in amounts:
        on_page[page[id(chunk)]].append(chunk)
    suspects = [c for c in amounts if bridging(c, on_page[page[id(c)]])]
    if suspects:
        suspected = {id(s) for s in suspects}
        settled = [c for c in amounts if id(c) not in suspected]
        columns = [g for g in overlapping(settled) if len(g) >= minimum]
        across = [
            s for s in suspects if sum(any(_overlap(s, c) > 1.0 for c in g) for g in columns) >= 2
        ]
        crossing = {id(s) for s in across if not any(s is c for c in flush(across, line_of))}
        amounts = [c for c in amounts if id(c) not in crossing]
    return [
        Column(min(c.x0 for c in part), max(c.x1 for c in part), amounts=True)
        for g in overlapping(amounts)
        for part in apart(g, line_of)
        if len(part) >= minimum
    ]


FLUSH_RUN = 3  # sums flush one above the other, on as many lines: a column, not grand totals


def flush(sums: list[Chunk], line_of: dict[int, int]) -> list[Chunk]:
    """The sums that stand flush right, at least FLUSH_RUN of them on as many lines: a column of
    its own (a table above or below sets its columns otherwise), never a grand total centred
    across two columns (one a section)."""
    runs: list[list[Chunk]] = []
    for chunk in sorted(sums, key=lambda c: c.x1):
        if runs and chunk.x1 - runs[-1][-1].x1 <= ALIGN:
            runs[-1].append(chunk)
        else:
            runs.append([chunk])
    return [c for run in runs if len({line_of[id(c)] for c in run}) >= FLUSH_RUN for c in run]


def apart(group: list[Chunk], line_of: dict[int, int]) -> list[list[Chunk]]:
    """A group of overlapping sums as the columns it holds: two sums of one line never stand in
    one column (two tables one above the other, their columns set otherwise: "BP 2021 | DM1"
    over "BP 2021 | DM1 | RAR"). The sums in runs of right edges (sums are set flush right),
    neighbouring runs joined while no line has a sum in both (a centred or left-aligned column's
    right edges vary)."""
    lines = [line_of[id(c)] for c in group]
    if len(set(lines)) == len(lines):
        return [group]
    runs: list[list[Chunk]] = []
    for chunk in sorted(group, key=lambda c: c.x1):
        if runs and chunk.x1 - runs[-1][-1].x1 <= 2 * ALIGN:
            runs[-1].append(chunk)
        else:
            runs.append([chunk])
    parts: list[list[Chunk]] = []
    for run in runs:
        if (
            parts
            and not ({line_of[id(c)] for c in parts[-1]} & {line_of[id(c)] for c in run})
            and min(c.x0 for c in run) < max(c.x1 for c in parts[-1]) - 1.0
        ):
            parts[-1].extend(run)
        else:
            parts.append(run)
    return parts


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
    if chunk.is_amount:
        return overlap >= 0.5 * (chunk.x1 - chunk.x0)
    # a whole sum typed without its thousands' space ("1000" among "11.350,00" and "3.767,00"):
    # flush with the column's right edge, as its sums are
    return bool(WHOLE_RE.match(chunk.text)) and abs(chunk.x1 - column.right) <= ALIGN


def best_column(chunk: Chunk, columns: list[Column]) -> int | None:
    """The amount column a sum stands in: of those it is in, the one it overlaps most (columns of
    two tables one above the other may overlap)."""
    inside = [i for i, col in enumerate(columns) if in_column(chunk, col)]
    return max(
        inside,
        key=lambda i: min(chunk.x1, columns[i].right) - max(chunk.x0, columns[i].left),
        default=None,
    )


def row_amount(line: Line, columns: list[Column]) -> bool:
    return any(in_column(c, col) for c in line.chunks for col in columns)


def same_columns(a: list[Column], b: list[Column]) -> bool:
    return any(abs(x.right - y.right) <= 2 * ALIGN for x in a for y in b)
