"""What a table's columns and rows say: the beneficiary's column, the column of the sums
granted, a row's status (postponed, cancelled, struck out: not granted)."""

from __future__ import annotations

import re

from deliberations.extract.unruled.cells import cell_value
from deliberations.extract.unruled.geometry import Line
from deliberations.extract.unruled.patterns import GRANTED_HEADER_RE, NAME_HEADER_RE, STATUS_RE
from deliberations.schemas.document import TableCell


def row_status(lines: list[Line]) -> str | None:
    for line in lines:
        if line.struck:
            return "barré"
        for text in (line.text, *(c.text for c in line.chunks)):
            found = STATUS_RE.search(text)
            if found:
                return found.group().strip()
    return None


def find_name_column(
    header: list[TableCell] | None, cells: list[list[TableCell]], amount_positions: set[int]
) -> int | None:
    if header is not None:
        named = next((i for i, c in enumerate(header) if NAME_HEADER_RE.search(c.text)), None)
        if named is not None:
            return named
    for i in range(len(cells[0]) if cells else 0):
        if i in amount_positions:
            continue
        texts = [row[i].text for row in cells if row[i].text]
        names = [
            t
            for t in texts
            if sum(ch.isalpha() for ch in t) >= 3 and not re.fullmatch(r"[\w./-]{1,12}", t)
        ]
        if texts and len(names) * 2 >= len(texts):
            return i
    return None


def find_granted_column(
    header: list[TableCell] | None, amount_positions: list[int], rows: list[list[TableCell]]
) -> int | None:
    """The column of the sums granted: the last one its header calls so, else the last one;
    a column of counts (votes "14", "2") is no column of sums."""
    sums = [i for i in amount_positions if holds_sums([row[i].text for row in rows])]
    if header is not None:
        named = [i for i in sums if GRANTED_HEADER_RE.search("".join(header[i].text.split()))]
        if named:
            return named[-1]
    return sums[-1] if sums else None


def holds_sums(texts: list[str]) -> bool:
    values = [(t, cell_value(t)) for t in texts if cell_value(t) is not None]
    sums = [t for t, v in values if "€" in t or "," in t or (v or 0) >= 100]
    return bool(values) and 2 * len(sums) >= len(values)


def unsure_sum(lines: list[Line], cell: TableCell) -> bool:
    """Whether OCR read the digits of a row's sum below its confidence threshold (a wrong digit is
    worse than a grant left out); a text-layer row is sure."""
    if cell.start is None or cell.end is None:
        return False
    confidences = [
        w.confidence
        for line in lines
        for w in line.words
        if w.confidence is not None
        and cell.start <= w.start < cell.end
        and any(ch.isdigit() for ch in w.text)
    ]
    if not confidences:
        return False
    from deliberations.extract.ocr import LOW_CONFIDENCE  # heavy: only once OCR has run

    return min(confidences) < LOW_CONFIDENCE
