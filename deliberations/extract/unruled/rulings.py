"""Thin horizontal rules of a page: a row's border, or a line struck out."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from deliberations.extract.unruled.geometry import Line

STRIKE_BAND = (0.25, 0.75)  # a thin rule through this part of a line's height strikes it out


Rule = tuple[float, float, float]  # left, y, right: a thin horizontal rule (top-left origin)


def horizontal_rules(page: pdfium.PdfPage, height: float) -> list[Rule]:
    """The page's thin horizontal paths: table rules, underlines, strike-throughs."""
    rules = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= 2.5 and right - left >= 15:
            rules.append((left, height - (top + bottom) / 2, right))
    return rules


def struck_lines(rules: list[Rule], lines: list[Line]) -> None:
    """Mark the lines a thin horizontal rule crosses in their middle (a line struck out)."""
    for line in lines:
        low = line.top + STRIKE_BAND[0] * (line.bottom - line.top)
        high = line.top + STRIKE_BAND[1] * (line.bottom - line.top)
        x0, x1 = line.words[0].x0, line.words[-1].x1
        for left, y, right in rules:
            if low <= y <= high and min(right, x1) - max(left, x0) >= 0.5 * (x1 - x0):
                line.struck = True
                break


def ruled_between(rules: list[Rule], above: Line, below: Line) -> bool:
    """A rule drawn between two lines of one page, under both (a row's border)."""
    if above.page != below.page:
        return True
    x0 = min(above.words[0].x0, below.words[0].x0)
    x1 = max(above.words[-1].x1, below.words[-1].x1)
    return any(
        above.bottom - 1.0 <= y <= below.top + 1.0 and min(right, x1) - max(left, x0) > 0
        for left, y, right in rules
    )
