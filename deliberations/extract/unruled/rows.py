"""A region's lines as rows: a line with a sum starts a row, the lines without one are wrapped
lines of the row above (or below); a ``Total`` line closes a section, whose title is above its
rows and whose imputation sentence follows the total."""

from __future__ import annotations

from dataclasses import dataclass, field

from deliberations.extract.unruled.columns import ALIGN, Column, row_amount
from deliberations.extract.unruled.geometry import Line, line_gap, line_pitch
from deliberations.extract.unruled.headers import (
    header_blocks,
    is_header,
    is_label_line,
    over_amount_columns,
)
from deliberations.extract.unruled.patterns import FURNITURE_RE, IMPUTATION_RE, STATUS_RE, TOTAL_RE
from deliberations.extract.unruled.regions import Region
from deliberations.extract.unruled.rulings import Rule, ruled_between
from deliberations.schemas.document import RowKind


@dataclass
class RowDraft:
    kind: RowKind
    lines: list[Line]


@dataclass
class SectionDraft:
    title: list[Line] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # indices in the drafts
    total: int | None = None
    imputation: list[Line] = field(default_factory=list)


def line_kind(line: Line, columns: list[Column], headers: set[int] | None = None) -> str:
    if is_header(line, columns) or (headers is not None and id(line) in headers):
        return "header"
    if row_amount(line, columns):
        return "total" if TOTAL_RE.match(line.text) else "row"
    return "other"


def bottom_aligned(lines: list[Line], columns: list[Column], headers: set[int]) -> bool:
    """Whether the rows' cells sit at their foot (a spreadsheet's default alignment): the line
    with a row's sum holds the end of a wrapped name ("la gare"), its start ("Association
    sportive et") being the line above; top-aligned rows hold the start, the end below. Said
    so only when at least two rows show it and rows showing the other way are few."""
    kinds = [line_kind(line, columns, headers) for line in lines]
    bottom = top = 0
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind != "row":
            continue
        if i > 0 and kinds[i - 1] == "other" and continues(lines[i - 1], line):
            bottom += 1
        if i + 1 < len(lines) and kinds[i + 1] == "other" and continues(line, lines[i + 1]):
            top += 1
    return bottom >= 2 and bottom > 2 * top


def continues(upper: Line, lower: Line) -> bool:
    """A cell wrapped from ``upper`` onto ``lower``: in one column (same left edge), the upper
    part starts with a capital, the lower one in lower case."""
    if upper.page != lower.page:
        return False
    return any(
        abs(c.x0 - d.x0) <= ALIGN and _initial(c.text).isupper() and _initial(d.text).islower()
        for c in upper.chunks
        if not c.is_amount
        for d in lower.chunks
        if not d.is_amount
    )


def wraps_labels(line: Line, header: list[Line]) -> bool:
    """A header's labels wrapped onto the next line ("Origine des" / "financements", "Montant
    du" / "financement"): each of its runs in lower case, under a label of the header."""
    return bool(line.chunks) and all(
        _initial(c.text).islower()
        and any(min(c.x1, h.x1) - max(c.x0, h.x0) > 0 for above in header for h in above.chunks)
        for c in line.chunks
    )


def _initial(text: str) -> str:
    return next((ch for ch in text if ch.isalpha()), "")


def split_between(
    above: Line,
    lines: list[Line],
    below: Line | None,
    rules: dict[int, list[Rule]],
    bottom: bool = False,
) -> int:
    """Lines between two rows: how many go with the row above; the others belong to the row
    below (its cell is centred or bottom-aligned). A rule drawn between two of them is the rows'
    border; without rules, a line sits with the row it is closer to, and even spacing keeps it
    with the row above."""
    sequence = [above, *lines, *([below] if below is not None else [])]
    borders = [
        i
        for i in range(len(sequence) - 1)
        if ruled_between(rules.get(sequence[i].page, []), sequence[i], sequence[i + 1])
    ]
    inside = [i for i in borders if sequence[i].page == sequence[i + 1].page]
    if inside:
        return min(inside[0], len(lines))
    if bottom and below is not None and not TOTAL_RE.match(below.text):
        # the lines belong to the row below, but a status printed under a row stays with it
        return next((i for i, line in enumerate(lines) if not STATUS_RE.search(line.text)), 0)
    for i, line in enumerate(lines):
        previous = above if i == 0 else lines[i - 1]
        following = lines[i + 1] if i + 1 < len(lines) else below
        if (
            following is not None
            and line_pitch(previous, line) > line_pitch(line, following) + 0.25 * line.height
        ):
            return i
    return len(lines)


def imputation_lines(lines: list[Line]) -> int:
    """How many of the lines after a total are its imputation sentence."""
    if not lines or not IMPUTATION_RE.search(lines[0].text):
        return 0
    for i, line in enumerate(lines):
        if line.text.rstrip().endswith((".", ";")):
            return i + 1
    return len(lines)


def build_rows(region: Region) -> tuple[list[RowDraft], list[SectionDraft]]:
    """The region's lines as header, data and total rows, grouped in sections: each row with
    its wrapped lines, each section with its title, total and imputation sentence."""
    columns = region.columns
    rows: list[RowDraft] = []
    sections = [SectionDraft()]
    buffer: list[Line] = []
    anchor = "start"  # what the last anchored line was: start, header, row, total
    header_text: str | None = None
    headers = header_blocks(region.lines, columns)
    bottom = bottom_aligned(region.lines, columns, headers)
    for line in region.lines:
        if FURNITURE_RE.match(line.text):
            continue
        kind = line_kind(line, columns, headers)
        if kind == "row" and anchor == "total" and not buffer and len(line.chunks) == 1:
            # a sum alone on its line under a total, no label: a figure noted beside the table
            # (a balance), no row of the next section
            kind = "other"
        if kind == "other":
            header = rows[0] if rows and rows[0].kind == "header" and len(rows) == 1 else None
            if (
                anchor == "header"
                and header is not None
                and not buffer
                and line_gap(header.lines[-1], line) < line.bottom - line.top
                and (
                    is_label_line(line)
                    or over_amount_columns(line, columns)
                    or wraps_labels(line, header.lines)
                )
            ):
                header.lines.append(line)  # the header's next line
                continue
            buffer.append(line)
            continue
        if kind == "header":
            settle(buffer, rows, sections, anchor, None, region.rules)
            buffer = []
            if (
                header_text is not None
                and anchor == "header"
                and rows
                and rows[0].kind == "header"
                and len(rows) == 1
            ):
                rows[0].lines.append(line)  # the first header's next line
            elif header_text is None:
                header_text = line.text
                rows.insert(0, RowDraft("header", [line]))
                for section in sections:
                    section.rows = [r + 1 for r in section.rows]
                    section.total = None if section.total is None else section.total + 1
            anchor = "header" if len(rows) == 1 else anchor
            continue
        below = settle(buffer, rows, sections, anchor, line, region.rules, bottom)
        buffer = []
        if kind == "row" and below and TOTAL_RE.match(below[0].text):
            kind = "total"  # "Totaux dépenses" printed a little above its sums' line
        rows.append(RowDraft(kind, [*below, line]))  # type: ignore[arg-type]
        if kind == "total":
            sections[-1].total = len(rows) - 1
            sections.append(SectionDraft())
        else:
            sections[-1].rows.append(len(rows) - 1)
        anchor = kind
    settle(buffer, rows, sections, anchor, None, region.rules)
    if not sections[-1].rows and sections[-1].total is None:
        sections.pop()
    return rows, sections


def settle(
    buffer: list[Line],
    rows: list[RowDraft],
    sections: list[SectionDraft],
    anchor: str,
    below: Line | None,
    rules: dict[int, list[Rule]],
    bottom: bool = False,
) -> list[Line]:
    """Give the lines since the last anchored line their place; returns those of the next row."""
    if not buffer:
        return []
    if anchor == "row":
        up = split_between(rows[-1].lines[-1], buffer, below, rules, bottom)
        rows[-1].lines.extend(buffer[:up])
        return buffer[up:] if below is not None else []
    rest = buffer
    if anchor == "total" and len(sections) >= 2:
        taken = imputation_lines(buffer)
        sections[-2].imputation.extend(buffer[:taken])
        rest = buffer[taken:]
    if anchor == "header" and below is not None:
        return rest  # between the header and the first row: the first row's upper lines
    sections[-1].title.extend(rest)
    return []
