"""A row's words in its cells: text columns from aligned left edges, amount columns from the
sums; each cell located in the document text by its words' offsets."""

from __future__ import annotations

import re

from deliberations.extract.unruled.columns import ALIGN, WHOLE_RE, Column, best_column, in_column
from deliberations.extract.unruled.geometry import Line, Word
from deliberations.extract.unruled.patterns import AMOUNT_RE, PARTS_RE
from deliberations.extract.unruled.rows import RowDraft
from deliberations.schemas.document import TableCell


def column_lefts(columns: list[Column], rows: list[RowDraft]) -> list[float]:
    """Left edges of the text columns: where text chunks of the rows start, aligned."""
    starts = sorted(
        c.x0
        for row in rows
        if row.kind == "row"
        for line in row.lines
        for c in line.chunks
        if not c.is_amount and not any(in_column(c, col) for col in columns)
    )
    groups: list[list[float]] = []
    for x in starts:
        if groups and x - groups[-1][-1] <= ALIGN:
            groups[-1].append(x)
        else:
            groups.append([x])
    data_rows = sum(1 for r in rows if r.kind == "row")
    keep = [min(g) for g in groups if len(g) >= max(2, data_rows // 3)] or [
        min(g) for g in groups[:1]
    ]
    # text between two amount columns (or after the last): a column of its own ("Observations")
    bounds = sorted((c.left, c.right) for c in columns)
    for (_, right), (left, _) in zip(bounds, [*bounds[1:], (1e9, 1e9)], strict=True):
        inside = [
            c.x0
            for row in rows
            if row.kind == "row"
            for line in row.lines
            for c in line.chunks
            if not c.is_amount and c.x0 > right + ALIGN and c.x1 < left - ALIGN
        ]
        if inside and not any(right < x < left for x in keep):
            keep.append(min(inside))
    return sorted(keep)


def cell_index(word: Word, lefts: list[float], columns: list[Column], header: bool = False) -> int:
    """Column of a word: the amount column it overlaps, else the text column it starts in. A
    word of letters standing mostly left of an amount column, its end touching the column's
    edge (a wrapped name's end, "Rabodanges", next to the sums), is the text before it; not in a
    header, whose words stand over their column as they fit ("Subvention" over "votée")."""
    edges = sorted(
        [(x, False, i) for i, x in enumerate(lefts)]
        + [(c.left, True, i) for i, c in enumerate(columns)]
    )
    lettered = not header and len(word.text) > 1 and not any(ch.isdigit() for ch in word.text)
    middle = (word.x0 + word.x1) / 2
    for position, (_, is_amount, i) in enumerate(edges):
        if not is_amount:
            continue
        column = columns[i]
        if lettered and middle < column.left:
            continue  # mostly left of the column: the text before it
        if word.x1 >= column.left - ALIGN and word.x0 <= column.right + ALIGN:
            return position
    chosen = 0
    for position, (x, _, _) in enumerate(edges):
        if x <= word.x0 + ALIGN:
            chosen = position
    return chosen


def amount_position(i: int, lefts: list[float], columns: list[Column]) -> int:
    edges = sorted(
        [(x, False, j) for j, x in enumerate(lefts)]
        + [(c.left, True, j) for j, c in enumerate(columns)]
    )
    return next(p for p, (_, is_amount, j) in enumerate(edges) if is_amount and j == i)


def join_words(words: list[Word]) -> str:
    text = ""
    for word in words:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and word.text[:1].isalpha():
            text = text[:-1] + word.text if word.text[:1].islower() else text + word.text
        else:
            text = f"{text} {word.text}" if text else word.text
    return text


def row_cells(
    lines: list[Line], lefts: list[float], columns: list[Column], header: bool = False
) -> list[TableCell]:
    bins: list[list[Word]] = [[] for _ in range(len(lefts) + len(columns))]
    for line in lines:
        for chunk in line.chunks:
            aligned = best_column(chunk, columns)
            if aligned is not None:
                bins[amount_position(aligned, lefts, columns)].extend(chunk.words)
                continue
            for index, words in chunk_cells(chunk.words, lefts, columns, header):
                bins[index].extend(words)
    return [cell_of(words) for words in bins]


def chunk_cells(
    words: list[Word], lefts: list[float], columns: list[Column], header: bool = False
) -> list[tuple[int, list[Word]]]:
    """The cells of a run of words printed without a column gap. A run that crosses a text
    column's left edge is one cell, not two: its rows are indented otherwise than the rest of
    the table ("1. UNC de Rabodanges" with its number glued to the name, where other sections
    print "1." and the name apart; a section set further left): it goes whole to the text column
    holding most of its width. A run reaching into an amount column is split as before."""
    indices = [cell_index(word, lefts, columns, header) for word in words]
    amount_cells = {amount_position(i, lefts, columns) for i in range(len(columns))}
    if len(set(indices)) == 1 or amount_cells & set(indices):
        groups: dict[int, list[Word]] = {}
        for index, word in zip(indices, words, strict=True):
            groups.setdefault(index, []).append(word)
        return list(groups.items())
    width: dict[int, float] = {}
    for index, word in zip(indices, words, strict=True):
        width[index] = width.get(index, 0.0) + word.x1 - word.x0
    return [(max(width, key=lambda i: width[i]), words)]


def cell_of(words: list[Word]) -> TableCell:
    if not words:
        return TableCell(text="")
    return TableCell(
        text=join_words(words), start=min(w.start for w in words), end=max(w.end for w in words)
    )


def cell_value(text: str) -> float | None:
    """The sum a cell prints ("12 500 €", "1 000,00"), None when it prints none."""
    text = text.strip()
    if PARTS_RE.match(text):  # "120 € + 150 €": one grant in two parts
        parts = [cell_value(part) for part in re.split(r"\+", text)]
        return None if any(v is None for v in parts) else sum(v or 0.0 for v in parts)
    if not AMOUNT_RE.match(text) or not any(ch.isdigit() for ch in text):
        return None
    digits = re.sub(r"\s|€|EUR", "", text.replace("\u00a0", " ").replace("\u202f", " "))
    if "," in digits:
        whole, cents = digits.rsplit(",", 1)
        digits = f"{whole.replace('.', '')}.{cents}"
    elif re.fullmatch(r"-?[\d.]+\.\d\d", digits):  # "35.163.08": the last dot before the cents
        whole, cents = digits.rsplit(".", 1)
        digits = f"{whole.replace('.', '')}.{cents}"
    elif re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def row_value(text: str) -> float | None:
    """A row's sum for the self-check: as :func:`cell_value` reads it, or a whole sum typed
    without its thousands' space ("1000"), which only its place in a column of sums makes one
    (no grant is read from it)."""
    value = cell_value(text)
    if check_only(text):
        return float(text.strip())
    return value


def check_only(text: str) -> bool:
    """Whether a cell holds a whole number of four to six digits alone ("1250"): counted in its
    column's sum check when it stands flush in a column of sums, never read as a sum (it may
    be a count, "Nombre d'élèves | 1250", or an account's code)."""
    return cell_value(text) is None and WHOLE_RE.match(text.strip()) is not None


# a sum a narrow cell wrapped over two lines: its first groups alone on a line ("1 312"), the
# rest on the next ("650,00", "650 €")
SUM_HEAD_RE = re.compile(r"^-?[1-9]\d{0,2}(?:[ \u00a0\u202f.]\d{3})*$")
# the tail with its cents only: in a whole-euro column "1 312" over "650" may be two rows' sums
SUM_TAIL_RE = re.compile(r"^\d{3},\d{1,2}(?:\s?€)?$")


def join_wrapped_sums(cells: list[list[TableCell]], kinds: list[str]) -> None:
    """A sum wrapped in its cell ("1 312" on a row of nothing else, "650,00" under it in the
    same column) made whole in the lower row ("1 312 650,00"), the upper one left empty: a
    line holding only the head of a figure is no row of its own. Only when the lower cell
    starts with a group of three digits, so that the two read as one grouped sum."""
    for index in range(len(cells) - 1):
        if kinds[index] != "row" or kinds[index + 1] not in ("row", "total"):
            continue
        filled = [i for i, cell in enumerate(cells[index]) if cell.text.strip()]
        if len(filled) != 1:
            continue
        column = filled[0]
        head, tail = cells[index][column], cells[index + 1][column]
        if not SUM_HEAD_RE.match(head.text.strip()) or not SUM_TAIL_RE.match(tail.text.strip()):
            continue
        separator = next((c for c in head.text if not c.isdigit() and c != "-"), " ")
        joined = f"{head.text.strip()}{separator}{tail.text.strip()}"
        if cell_value(joined) is None:
            continue
        cells[index + 1][column] = TableCell(text=joined, start=head.start, end=tail.end)
        cells[index][column] = TableCell(text="")
