"""A table's header: header words over the columns, on one line or several."""

from __future__ import annotations

from deliberations.extract.unruled.columns import ALIGN, Column, row_amount
from deliberations.extract.unruled.geometry import Line, line_gap
from deliberations.extract.unruled.patterns import HEADER_WORD_RE


def is_header(line: Line, columns: list[Column]) -> bool:
    """Header words over the columns, one of them over an amount column, and no sum."""
    over_amounts = any(
        not c.is_amount and c.x1 >= col.left - ALIGN and c.x0 <= col.right + ALIGN
        for c in line.chunks
        for col in columns
    )
    return (
        len(line.chunks) >= 2
        and len(HEADER_WORD_RE.findall(line.text)) >= 2
        and over_amounts
        and not any(c.is_amount for c in line.chunks)
    )


def is_label_line(line: Line) -> bool:
    """A header's further line: short labels, each capitalised ("Reçues  Demandées")."""
    return all(
        len(c.words) <= 4 and (c.text[:1].isupper() or c.text[:1].isdigit() or c.text[:1] in "(€%")
        for c in line.chunks
    )


def header_blocks(lines: list[Line], columns: list[Column]) -> set[int]:
    """Ids of the lines of headers set over several lines ("2023  2024" / "Tiers … VOTE" /
    "Reçues  Demandées  Proposées  VOTÉES"): close lines without a sum, from the first with
    several cells on, naming at least two header words, one of them over an amount column."""
    found: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        if (
            line is not None
            and not any(c.is_amount for c in line.chunks)
            and (not run or (line_gap(run[-1], line) < line.height and line.page == run[-1].page))
        ):
            if run or len(line.chunks) >= 2:
                run.append(line)
            continue
        text = " ".join(r.text for r in run)
        over = any(
            c.x1 >= col.left - ALIGN and c.x0 <= col.right + ALIGN
            for r in run
            for c in r.chunks
            for col in columns
        )
        if (
            len(run) >= 2
            and len(HEADER_WORD_RE.findall(text)) >= 2
            and over
            and is_row_line(line, columns)
        ):
            found.update(id(r) for r in run if is_label_line(r) or is_header(r, columns))
        run = (
            [line]
            if line is not None
            and len(line.chunks) >= 2
            and not any(c.is_amount for c in line.chunks)
            else []
        )
    return found


def is_row_line(line: Line | None, columns: list[Column]) -> bool:
    return line is not None and row_amount(line, columns)


def over_amount_columns(line: Line, columns: list[Column]) -> bool:
    """A header label's wrapped end ("Subvention" / "votée"): words without a sum, each over an
    amount column (a name or a project never stands there)."""
    return bool(line.chunks) and all(
        not c.is_amount
        and any(c.x1 >= col.left - ALIGN and c.x0 <= col.right + ALIGN for col in columns)
        for c in line.chunks
    )
