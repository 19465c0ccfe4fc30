"""The self-check: every printed total against the sum of the rows it closes."""

from __future__ import annotations

import re

from deliberations.extract.unruled.cells import cell_value, row_value
from deliberations.extract.unruled.patterns import (
    ARTICLE_CODE_RE,
    CHAPTER_LABEL_RE,
    DETAIL_RE,
    SUBTOTAL_RE,
)
from deliberations.nlp import lexicon
from deliberations.schemas.document import Table, TableSection


def check_sums(table: Table, amount_columns_at: list[int]) -> None:
    """Every printed total against the rows it closes: the section's rows, else every row since
    the last total that is not a sub-total, else the whole table, else the section's rows with
    the total just above (a grand total over a sub-total: "Total des dépenses réelles", then the
    order rows, then "TOTAL DES DEPENSES"). A row that details the one above ("dont …") is no
    part of any sum. A row with a status counts or not, whichever the printed total says (a
    postponed grant is often left out of it). A budget's chapter followed by the accounts it is
    made of ("011 Charges à caractère général 16 000" then "60 1 000", "61 15 000"): the
    accounts are no part of the column's sum when they add up to their chapter's."""
    articles = {
        column: article_rows(table, column, amount_columns_at) for column in amount_columns_at
    }
    since_total: list[int] = []
    everything: list[int] = []
    results = []
    previous_total: int | None = None
    totals_before: list[int] = []
    for section in table.sections:
        own = [r for r in section.rows if not is_detail(table, r)]
        since_total.extend(own)
        everything.extend(own)
        total_index = total_row(table, section)
        if total_index is None:
            continue
        label = " ".join(c.text for c in table.rows[total_index])
        candidates = [own, since_total, everything]
        if previous_total is not None:
            candidates.append([previous_total, *own])
        if not own:
            # a total of the totals above it ("TOTAL DES RECETTES REELLES" over "TOTAL DES
            # RECETTES D'EQUIPEMENT" and "TOTAL DES RECETTES FINANCIERES"): the last ones
            candidates.extend(totals_before[-n:] for n in range(2, len(totals_before) + 1))
        totals_before.append(total_index)
        checks = []
        for column in amount_columns_at:
            printed = cell_value(table.rows[total_index][column].text)
            if printed is None:
                continue
            own_candidates = without(candidates, articles[column])
            restated = restated_sum(label_of(table, total_index, column, amount_columns_at))
            checks.append(
                any(
                    sums_to(table, rows, column, value)
                    for rows in own_candidates
                    for value in (printed, restated)
                    if value is not None
                )
                or balances_to(table, own, column, amount_columns_at, printed)
            )
            if not checks[-1] and section.mismatch is None:
                found = rows_sum(table, own_candidates, column, printed)
                section.mismatch = f"rows sum to {euros(found)}, the table says {euros(printed)}"
        section.total_value = (
            cell_value(table.rows[total_index][table.amount_column].text)
            if table.amount_column is not None
            else None
        )
        section.adds_up = all(checks) if checks else None
        if section.total_value is not None and table.amount_column is not None:
            section.rows_sum = rows_sum(
                table,
                without(candidates, articles.get(table.amount_column, set())),
                table.amount_column,
                section.total_value,
            )
        if section.adds_up is not None:
            results.append(section.adds_up)
        if not SUBTOTAL_RE.match(label):
            since_total = []
        previous_total = total_index
    table.adds_up = all(results) if results else None


RECEIPTS_RE = re.compile(rf"^\s*{lexicon.pattern('budget_side', subset='receipts')}\s*$")
EXPENSES_RE = re.compile(rf"^\s*{lexicon.pattern('budget_side', subset='expenses')}\s*$")


def balances_to(
    table: Table, rows: list[int], column: int, amount_columns_at: list[int], printed: float
) -> bool:
    """Whether a total under one row of receipts and one of expenses, labelled so alone
    ("Recettes 325 023,58", "Dépenses 1 085 884,20", "Total -760 860,62"), prints their balance:
    receipts less expenses. Any other label, and the rows are added. The other sign (a "besoin
    de financement" printed as expenses less receipts, positive) is not taken: its table is
    flagged, a gap rather than a wrong sum."""
    sides = [label_of(table, r, column, amount_columns_at) for r in rows]
    receipts = [r for r, side in zip(rows, sides, strict=True) if RECEIPTS_RE.match(side)]
    expenses = [r for r, side in zip(rows, sides, strict=True) if EXPENSES_RE.match(side)]
    if len(receipts) != 1 or len(expenses) != 1 or len(rows) != 2:
        return False
    values = [row_value(table.rows[r][column].text) for r in (*receipts, *expenses)]
    if values[0] is None or values[1] is None:
        return False
    return abs(values[0] - values[1] - printed) < 0.01


def without(candidates: list[list[int]], rows: set[int]) -> list[list[int]]:
    """The candidate row sets with ``rows`` left out (the sets as they are when none is)."""
    if not rows:
        return candidates
    return [[r for r in group if r not in rows] for group in candidates]


# a total restated after "soit" ("TOTAL 17 305 soit 20 766 € TTC"): the sum before it
RESTATED_RE = re.compile(r"(\d[\d \u00a0\u202f.,]*\d|\d)\s*€?\s*soit\s*$", re.IGNORECASE)


def restated_sum(label: str) -> float | None:
    """The sum a total prints before "soit" and the same total otherwise put (taxes included)
    in the column: the column's rows add up to the first."""
    found = RESTATED_RE.search(label)
    return cell_value(found.group(1)) if found else None


def label_of(table: Table, row: int, column: int, amount_columns_at: list[int]) -> str:
    """The text of a row's cells from the sum printed before ``column`` up to it: the label that
    sum is printed with (a budget prints expenses and receipts side by side). A column of codes
    alone ("60", "011") aligns as sums do: it is part of the label, not the sum before it."""
    first = column
    while first > 0:
        text = table.rows[row][first - 1].text
        if first - 1 in amount_columns_at and FORMATTED_SUM_RE.search(text):
            break
        first -= 1
    cells = table.rows[row][first:column]
    return " ".join(" ".join(c.text for c in cells).split())


FORMATTED_SUM_RE = re.compile(r"\d[.,  ]\d|€")  # "1.000,00", "320 €": a sum, not a code


def article_rows(table: Table, column: int, amount_columns_at: list[int]) -> set[int]:
    """The rows of ``column`` that detail the chapter above them: a row labelled with a chapter's
    code and its words ("011 CHARGES A CARACTERE GENERAL | 16.000,00"), then rows labelled with
    an account's code alone ("60 | 1.000,00", "61 | 15.000,00") whose sums add up, to the cent,
    to the chapter's. A run that does not add up to its chapter is left in the sum."""
    found: set[int] = set()
    rows = [i for i, kind in enumerate(table.kinds) if kind == "row"]
    for at, index in enumerate(rows):
        if not CHAPTER_LABEL_RE.match(label_of(table, index, column, amount_columns_at)):
            continue
        chapter = cell_value(table.rows[index][column].text)
        if chapter is None:
            continue
        run = []
        for following in rows[at + 1 :]:
            if following != (run[-1] if run else index) + 1:
                break  # a total or a header between: the run ends
            if not ARTICLE_CODE_RE.match(label_of(table, following, column, amount_columns_at)):
                break
            value = row_value(table.rows[following][column].text)
            if value is None:
                break
            run.append(following)
        values = [row_value(table.rows[r][column].text) or 0.0 for r in run]
        if run and abs(sum(values) - chapter) < 0.01:
            found.update(run)
    return found


def is_detail(table: Table, row: int) -> bool:
    """A row detailing the one above it ("dont participation du budget général")."""
    return bool(DETAIL_RE.match(" ".join(c.text for c in table.rows[row] if c.text)))


def total_row(table: Table, section: TableSection) -> int | None:
    if section.total is None or section.total.start is None:
        return None
    for i, kind in enumerate(table.kinds):
        if kind == "total" and any(c.start == section.total.start for c in table.rows[i]):
            return i
    return None


def sums_to(table: Table, rows: list[int], column: int, printed: float) -> bool:
    return any(abs(value - printed) < 0.01 for value in column_sums(table, rows, column))


def column_sums(table: Table, rows: list[int], column: int) -> tuple[float, float]:
    """The rows' sums in ``column``: of every row, and of the rows granted (no status)."""
    values = [(row_value(table.rows[r][column].text), r in table.statuses) for r in rows]
    every = sum(v for v, _ in values if v is not None)
    granted = sum(v for v, held in values if v is not None and not held)
    return every, granted


def rows_sum(table: Table, candidates: list[list[int]], column: int, printed: float) -> float:
    """What the rows closed by a total sum to: the sum that matches the printed total when one
    does, else the granted rows' sum of the section (of the rows since the last total when the
    section has none of its own)."""
    sums = [column_sums(table, rows, column) for rows in candidates if rows]
    for every, granted in sums:
        for value in (every, granted):
            if abs(value - printed) < 0.01:
                return value
    return sums[0][1] if sums else 0.0


def euros(value: float) -> str:
    """A sum as a French table prints it: "136 500 €", "6 250,50 €"."""
    whole = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",")
    whole = whole.removesuffix(",00")
    return f"{'-' if value < 0 else ''}{whole} €"


def section_note(section: TableSection) -> str | None:
    """The self-check of the granted column in words: "rows sum to 136 500 €, the table says
    137 000 €" (None when no total is printed in that column)."""
    if section.total_value is None or section.rows_sum is None:
        return None
    return f"rows sum to {euros(section.rows_sum)}, the table says {euros(section.total_value)}"


def granted_fails(section: TableSection) -> bool:
    """Whether the sums granted do not add up to the section's printed total (another column
    failing leaves the grants as sure)."""
    return (
        section.total_value is not None
        and section.rows_sum is not None
        and abs(section.rows_sum - section.total_value) >= 0.01
    )
