"""Deterministic builder of born-digital PDF fixtures from plain document texts.

Each text file becomes a PDF whose text layer reproduces the source words:

* every source line stays a line; long lines are word-wrapped to the page width;
  blank lines are kept and text flows onto as many pages as needed;
* consecutive lines containing TAB characters form a table drawn with ruled
  cell borders (so ``pdfplumber``'s ``extract_tables()`` finds it), the first
  row being its header;
* ``**bold**`` markers are rendered in the bold face, without the asterisks.

Layouts (font, size, margins, letterhead) cycle with the document index so a
corpus mixes several page designs.  DejaVu TrueType fonts are used when they
are installed (Debian package ``fonts-dejavu-core``) because reportlab's
standard Type1 fonts cannot draw characters such as ``⇒`` or ``♦``; without
them the builder falls back to the Type1 fonts and substitutes the characters
they cannot encode.  PDFs are written with ``invariant=1``: the same input
gives byte-identical output.

Usage::

    python -m tests.generators.fixtures SRC_DIR OUT_DIR [--check]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pypdfium2
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "LAYOUTS",
    "Layout",
    "RoundTrip",
    "build_corpus",
    "build_pdf",
    "char_substitutions",
    "dejavu_available",
    "expected_words",
    "extract_words",
    "layout_for",
    "main",
    "prepare_text",
    "unsupported_chars",
    "verify_roundtrip",
]

# --------------------------------------------------------------------------- fonts

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/usr/share/fonts"),
)

# Type1 family -> (DejaVu regular file, DejaVu bold file)
_DEJAVU: dict[str, tuple[str, str]] = {
    "Helvetica": ("DejaVuSans", "DejaVuSans-Bold"),
    "Times": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "Courier": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
    "Helvetica-Narrow": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
}
_TYPE1: dict[str, tuple[str, str]] = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
    "Helvetica-Narrow": ("Helvetica", "Helvetica-Bold"),
}

# Characters replaced before drawing when the font cannot render them.  Only
# the private-use U+F0D8 (a Wingdings arrowhead bullet from the source Word
# documents) is needed with DejaVu; the rest is for the Type1 fallback.
_TTF_SUBSTITUTIONS: dict[str, str] = {"\uf0d8": "\u27a2"}  # -> ➢
_TYPE1_SUBSTITUTIONS: dict[str, str] = {
    "\uf0d8": ">",
    "\u27a2": ">",
    "\u21d2": "=>",
    "\u2666": "*",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\u2192": "->",
    "\u2022": "\u00b7",
    "\u2212": "-",
    "\u2009": " ",
    "\u202f": " ",
}


@cache
def _find_font_file(stem: str) -> Path | None:
    for directory in FONT_DIRS:
        candidate = directory / f"{stem}.ttf"
        if candidate.is_file():
            return candidate
    for directory in FONT_DIRS:
        if directory.is_dir():
            for candidate in sorted(directory.rglob(f"{stem}.ttf")):
                return candidate
    return None


@cache
def dejavu_available() -> bool:
    """True when all DejaVu faces used by the layouts are installed."""
    return all(_find_font_file(stem) for pair in _DEJAVU.values() for stem in pair)


@cache
def _font_names(family: str) -> tuple[str, str]:
    """Registered (regular, bold) font names for a Type1 family name."""
    if dejavu_available():
        names = _DEJAVU[family]
        for name in names:
            if name not in pdfmetrics.getRegisteredFontNames():
                path = _find_font_file(name)
                assert path is not None
                pdfmetrics.registerFont(TTFont(name, str(path)))
        return names
    return _TYPE1[family]


def _font_can_draw(font_name: str, ch: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    if isinstance(font, TTFont):
        return ord(ch) in font.face.charToGlyph
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def char_substitutions() -> dict[str, str]:
    """Character substitutions applied by the builder with the fonts available here."""
    return dict(_TTF_SUBSTITUTIONS if dejavu_available() else _TYPE1_SUBSTITUTIONS)


# -------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Layout:
    """Page design: page size in points, margins, font family and size."""

    name: str
    family: str = "Helvetica"  # Type1 family name; mapped to DejaVu when installed
    size: float = 10.0
    leading: float = 12.5
    margins: tuple[float, float, float, float] = (2 * cm, 2 * cm, 2 * cm, 2 * cm)  # l, r, t, b
    pagesize: tuple[float, float] = A4
    letterhead: bool = False

    @property
    def fonts(self) -> tuple[str, str]:
        return _font_names(self.family)

    @property
    def text_width(self) -> float:
        left, right, _, _ = self.margins
        return self.pagesize[0] - left - right


LAYOUTS: tuple[Layout, ...] = (
    Layout("sans-a4", "Helvetica", 10.0, 12.5, (2 * cm, 2 * cm, 2 * cm, 2 * cm)),
    Layout("serif-wide", "Times", 11.0, 13.5, (3.5 * cm, 3.5 * cm, 3 * cm, 3 * cm)),
    Layout("mono", "Courier", 9.0, 11.0, (1.8 * cm, 1.8 * cm, 2 * cm, 2 * cm)),
    Layout(
        "letter",
        "Helvetica-Narrow",
        10.0,
        12.5,
        (2.2 * cm, 2.0 * cm, 2.2 * cm, 2.2 * cm),
        letterhead=True,
    ),
)


def layout_for(index: int) -> Layout:
    """Layout of the ``index``-th document of a corpus (cycles through LAYOUTS)."""
    return LAYOUTS[index % len(LAYOUTS)]


# -------------------------------------------------------------------- text parsing

_BOLD = "**"


@dataclass(frozen=True)
class _Run:
    text: str
    bold: bool


@dataclass
class _TextLine:
    runs: list[_Run]


@dataclass
class _Table:
    rows: list[list[list[_Run]]] = field(default_factory=list)


_Block = _TextLine | _Table


def prepare_text(text: str, substitutions: dict[str, str] | None = None) -> str:
    """Normalise newlines and apply the character substitutions the builder uses."""
    subs = char_substitutions() if substitutions is None else substitutions
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if subs:
        text = text.translate({ord(k): v for k, v in subs.items()})
    return text


def _parse_runs(line: str) -> list[_Run]:
    """Split a line on ``**`` markers (only when they are balanced)."""
    if line.count(_BOLD) < 2:
        return [_Run(line, False)] if line else []
    parts = line.split(_BOLD)
    if len(parts) % 2 == 0:  # odd number of markers: keep the last one literally
        parts = [*parts[:-2], parts[-2] + _BOLD + parts[-1]]
    return [_Run(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def _parse(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if "\t" in line:
            cells = [_parse_runs(cell.strip()) for cell in line.split("\t")]
            if blocks and isinstance(blocks[-1], _Table):
                blocks[-1].rows.append(cells)
            else:
                blocks.append(_Table([cells]))
        else:
            blocks.append(_TextLine(_parse_runs(line.rstrip())))
    return blocks


# ------------------------------------------------------------------------- wrapping

_Word = list[_Run]  # a word may mix regular and bold pieces


def _words(runs: Sequence[_Run]) -> tuple[str, list[_Word]]:
    """Leading indentation and the words (split on spaces) of a list of runs."""
    words: list[_Word] = []
    current: _Word = []
    indent = ""
    seen_text = False
    for run in runs:
        for piece in re.split(r"( +)", run.text):
            if not piece:
                continue
            if piece.startswith(" "):
                if not seen_text:
                    indent += piece
                elif current:
                    words.append(current)
                    current = []
            else:
                seen_text = True
                current.append(_Run(piece, run.bold))
    if current:
        words.append(current)
    return indent, words


def _run_width(run: _Run, layout: Layout, size: float | None = None) -> float:
    regular, bold = layout.fonts
    return pdfmetrics.stringWidth(run.text, bold if run.bold else regular, size or layout.size)


def _word_width(word: _Word, layout: Layout, size: float | None = None) -> float:
    return sum(_run_width(run, layout, size) for run in word)


def _split_long_word(word: _Word, width: float, layout: Layout) -> list[_Word]:
    """Hard-break a word wider than the line (only for pathological tokens)."""
    chars = [_Run(ch, run.bold) for run in word for ch in run.text]
    pieces: list[_Word] = []
    current: _Word = []
    for ch in chars:
        if current and _word_width([*current, ch], layout) > width:
            pieces.append(current)
            current = []
        current.append(ch)
    if current:
        pieces.append(current)
    return pieces


def _wrap(runs: Sequence[_Run], width: float, layout: Layout) -> list[list[_Run]]:
    """Greedy word wrap; returns the visual lines as lists of runs."""
    indent, words = _words(runs)
    if not words:
        return [[]]
    space = pdfmetrics.stringWidth(" ", layout.fonts[0], layout.size)
    indent_width = space * len(indent)
    if indent_width > width / 3:
        indent, indent_width = "", 0.0
    lines: list[list[_Run]] = []
    current: list[_Run] = [_Run(indent, False)] if indent else []
    used = indent_width
    empty = True
    for word in words:
        pieces = [word]
        if _word_width(word, layout) > width:
            pieces = _split_long_word(word, width, layout)
        for piece in pieces:
            w = _word_width(piece, layout)
            if not empty and used + space + w > width:
                lines.append(current)
                current, used, empty = [], 0.0, True
            if not empty:
                current.append(_Run(" ", False))
                used += space
            current.extend(piece)
            used += w
            empty = False
    lines.append(current)
    return [_merge(line) for line in lines]


def _merge(runs: Sequence[_Run]) -> list[_Run]:
    merged: list[_Run] = []
    for run in runs:
        if merged and merged[-1].bold == run.bold:
            merged[-1] = _Run(merged[-1].text + run.text, run.bold)
        else:
            merged.append(run)
    return merged


# -------------------------------------------------------------------------- drawing

_RULE = Color(0.15, 0.2, 0.35)
_HEADER_FILL = Color(0.88, 0.9, 0.94)
_CELL_PAD = 3.0


class _Writer:
    """Cursor over the pages of a canvas."""

    def __init__(self, canvas: Canvas, layout: Layout) -> None:
        self.canvas = canvas
        self.layout = layout
        self.pages = 0
        self.y = 0.0
        self._start_page()

    @property
    def left(self) -> float:
        return self.layout.margins[0]

    @property
    def bottom(self) -> float:
        return self.layout.margins[3]

    def _start_page(self) -> None:
        self.pages += 1
        width, height = self.layout.pagesize
        top = self.layout.margins[2]
        if self.layout.letterhead:
            top += self._draw_letterhead(first=self.pages == 1)
        self.y = height - top

    def new_page(self) -> None:
        self.canvas.showPage()
        self._start_page()

    def _draw_letterhead(self, first: bool) -> float:
        """Purely graphical letterhead (adds no text); returns the extra top space."""
        c = self.canvas
        width, height = self.layout.pagesize
        left, right, top, _ = self.layout.margins
        c.saveState()
        c.setStrokeColor(_RULE)
        c.setFillColor(_RULE)
        if first:
            # emblem: a framed disc with a band, then a double rule
            ey = height - top + 0.2 * cm
            c.setLineWidth(1.2)
            c.rect(left, ey - 1.6 * cm, 1.6 * cm, 1.6 * cm, stroke=1, fill=0)
            c.circle(left + 0.8 * cm, ey - 0.8 * cm, 0.55 * cm, stroke=0, fill=1)
            c.rect(left + 2.0 * cm, ey - 0.35 * cm, 5 * cm, 0.12 * cm, stroke=0, fill=1)
            c.rect(left + 2.0 * cm, ey - 0.8 * cm, 3.5 * cm, 0.08 * cm, stroke=0, fill=1)
            ry = ey - 2.0 * cm
            c.setLineWidth(1.5)
            c.line(left, ry, width - right, ry)
            c.setLineWidth(0.5)
            c.line(left, ry - 3, width - right, ry - 3)
            extra = 2.6 * cm
        else:
            ry = height - top + 0.4 * cm
            c.setLineWidth(0.7)
            c.line(left, ry, width - right, ry)
            extra = 0.3 * cm
        c.restoreState()
        return extra

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def draw_runs(self, runs: Sequence[_Run], x: float, y: float, size: float) -> None:
        if not runs:
            return
        regular, bold = self.layout.fonts
        text = self.canvas.beginText(x, y)
        for run in runs:
            text.setFont(bold if run.bold else regular, size)
            text.textOut(run.text)
        self.canvas.drawText(text)

    def text_line(self, line: _TextLine) -> None:
        layout = self.layout
        for visual in _wrap(line.runs, layout.text_width, layout):
            self.ensure(layout.leading)
            self.y -= layout.leading
            self.draw_runs(
                visual, self.left, self.y + (layout.leading - layout.size) / 2, layout.size
            )

    def table(self, table: _Table) -> None:
        layout = self.layout
        ncols = max(len(row) for row in table.rows)
        rows = [row + [[]] * (ncols - len(row)) for row in table.rows]
        rows = [
            [[_Run(r.text, True) for r in cell] for cell in row] if i == 0 else row
            for i, row in enumerate(rows)
        ]
        widths = _column_widths(rows, layout)
        leading = layout.leading
        self.ensure(leading / 2)
        self.y -= leading / 2  # breathing space above the table
        for i, row in enumerate(rows):
            wrapped = [
                _wrap(cell, w - 2 * _CELL_PAD, layout) for cell, w in zip(row, widths, strict=True)
            ]
            height = max(len(lines) for lines in wrapped) * leading + 2 * _CELL_PAD
            if self.y - height < self.bottom:
                self.new_page()
            top = self.y
            self._grid_row(top, height, widths, header=i == 0)
            x = self.left
            for lines, w in zip(wrapped, widths, strict=True):
                y = top - _CELL_PAD
                for visual in lines:
                    y -= leading
                    self.draw_runs(
                        visual, x + _CELL_PAD, y + (leading - layout.size) / 2, layout.size
                    )
                x += w
            self.y = top - height
        self.y -= leading / 2

    def _grid_row(self, top: float, height: float, widths: Sequence[float], header: bool) -> None:
        c = self.canvas
        total = sum(widths)
        bottom = top - height
        c.saveState()
        if header:
            c.setFillColor(_HEADER_FILL)
            c.rect(self.left, bottom, total, height, stroke=0, fill=1)
        c.setStrokeColor(Color(0, 0, 0))
        c.setLineWidth(0.6)
        c.line(self.left, top, self.left + total, top)
        c.line(self.left, bottom, self.left + total, bottom)
        x = self.left
        for w in (0.0, *widths):
            x += w
            c.line(x, top, x, bottom)
        c.restoreState()


def _column_widths(rows: Sequence[Sequence[Sequence[_Run]]], layout: Layout) -> list[float]:
    """Natural column widths, shrunk proportionally when the table is too wide."""
    ncols = len(rows[0])
    natural = [
        max(sum(_run_width(r, layout) for r in row[j]) for row in rows) + 2 * _CELL_PAD + 2
        for j in range(ncols)
    ]
    available = layout.text_width
    total = sum(natural)
    if total <= available:
        # spread the remaining space evenly so the table spans the text width
        extra = (available - total) / ncols
        return [w + extra for w in natural]
    floor = available / (ncols * 3)
    flexible = [max(w - floor, 0.0) for w in natural]
    budget = available - floor * ncols
    scale = budget / sum(flexible) if sum(flexible) else 0.0
    return [floor + f * scale for f in flexible]


# --------------------------------------------------------------------------- public


def build_pdf(text: str, out: Path, layout: Layout) -> int:
    """Render ``text`` to the PDF ``out`` with ``layout``; return the page count."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    blocks = _parse(prepare_text(text))
    canvas = Canvas(str(out), pagesize=layout.pagesize, invariant=1, pageCompression=1)
    canvas.setTitle(out.stem)
    # the module's first name, kept in the metadata: the same input gives the same bytes as the
    # PDFs built before the generators left the package (demo/corpus, shipped in the package)
    canvas.setCreator("deliberations.corpus.fixtures")
    canvas.setProducer("deliberations.corpus.fixtures (reportlab)")
    writer = _Writer(canvas, layout)
    for block in blocks:
        if isinstance(block, _Table):
            writer.table(block)
        else:
            writer.text_line(block)
    canvas.showPage()
    canvas.save()
    return writer.pages


def build_corpus(src_dir: Path, out_dir: Path) -> list[Path]:
    """Build ``<stem>.pdf`` in ``out_dir`` for every ``*.txt`` of ``src_dir`` (sorted)."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs: list[Path] = []
    for index, src in enumerate(sorted(src_dir.glob("*.txt"))):
        out = out_dir / f"{src.stem}.pdf"
        build_pdf(src.read_text(encoding="utf-8"), out, layout_for(index))
        outputs.append(out)
    return outputs


def unsupported_chars(text: str, layout: Layout) -> set[str]:
    """Characters of ``text`` (after substitution) that the layout's fonts cannot draw."""
    prepared = prepare_text(text)
    missing: set[str] = set()
    for ch in set(prepared) - {"\n", "\t"}:
        if not all(_font_can_draw(name, ch) for name in layout.fonts):
            missing.add(ch)
    return missing


# ------------------------------------------------------------------------ roundtrip


def expected_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words the PDF text layer should contain, and the [start, end) spans of table rows."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for block in _parse(prepare_text(text)):
        rows = block.rows if isinstance(block, _Table) else [[block.runs]]
        for row in rows:
            start = len(words)
            for cell in row:
                words.extend("".join(run.text for run in cell).split())
            if isinstance(block, _Table):
                spans.append((start, len(words)))
    return words, spans


def _pages_text(pdf: Path) -> Iterator[str]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in doc:
            textpage = page.get_textpage()
            yield textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()


# PDFium reports a hyphen ending a text line as U+FFFE and joins the two lines
# ("lui-\nmême" -> "lui\ufffemême"); it also expands ligature characters.
_PDFIUM_LINE_HYPHEN = "\ufffe"
_LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def extract_words(pdf: Path) -> list[str]:
    """Whitespace-separated words of the PDF text layer (pypdfium2).

    PDFium's line-end hyphen marker U+FFFE is turned back into ``"- "``.
    """
    return [
        word
        for text in _pages_text(pdf)
        for word in text.replace(_PDFIUM_LINE_HYPHEN, "- ").split()
    ]


@dataclass(frozen=True)
class RoundTrip:
    """Comparison of the source words with the words extracted from the PDF."""

    expected: list[str]
    extracted: list[str]
    table_spans: list[tuple[int, int]]

    @property
    def exact(self) -> bool:
        """Same word sequence, table cells included in row order."""
        return self.expected == self.extracted

    @property
    def ok(self) -> bool:
        """Same word sequence, allowing words to be reordered inside a table row."""
        if len(self.expected) != len(self.extracted):
            return False
        exp, ext = list(self.expected), list(self.extracted)
        for start, end in self.table_spans:
            exp[start:end] = sorted(exp[start:end])
            ext[start:end] = sorted(ext[start:end])
        return exp == ext

    @property
    def ratio(self) -> float:
        return difflib.SequenceMatcher(None, self.expected, self.extracted, autojunk=False).ratio()

    def differences(self, limit: int = 10) -> list[str]:
        """Human-readable first differences."""
        out: list[str] = []
        matcher = difflib.SequenceMatcher(None, self.expected, self.extracted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                out.append(
                    f"{tag} @{i1}: {' '.join(self.expected[i1:i2])!r} -> {' '.join(self.extracted[j1:j2])!r}"
                )
                if len(out) >= limit:
                    break
        return out

    def summary(self) -> str:
        state = "exact" if self.exact else ("ok (table order)" if self.ok else "MISMATCH")
        return f"{len(self.expected)} words, ratio {self.ratio:.4f}, {state}"


def verify_roundtrip(pdf: Path, text: str) -> RoundTrip:
    """Compare the words of ``text`` with those pypdfium2 extracts from ``pdf``.

    Whitespace is normalised, ``**`` bold markers and the builder's character
    substitutions are applied to the source, ligature characters (which PDFium
    expands, e.g. ``ﬁ`` -> ``fi``) are expanded in the source; table rows are compared allowing
    reordering within the row (check ``.exact`` for strict cell order).
    """
    expected, spans = expected_words(text)
    ligatures = {ord(k): v for k, v in _LIGATURES.items()}
    expected = [word.translate(ligatures) for word in expected]
    return RoundTrip(expected, extract_words(Path(pdf)), spans)


# ------------------------------------------------------------------------------ CLI


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.generators.fixtures",
        description="Build born-digital PDF fixtures (one per *.txt) from document texts.",
    )
    parser.add_argument("src", type=Path, help="directory of *.txt sources")
    parser.add_argument("out", type=Path, help="output directory for <stem>.pdf")
    parser.add_argument(
        "--check", action="store_true", help="verify the text round trip of every PDF"
    )
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        parser.error(f"not a directory: {args.src}")
    if not dejavu_available():
        print(
            "warning: DejaVu fonts not found (install fonts-dejavu-core); "
            "using Type1 fonts with character substitutions",
            file=sys.stderr,
        )
    failures = 0
    sources = sorted(args.src.glob("*.txt"))
    for index, (src, pdf) in enumerate(zip(sources, build_corpus(args.src, args.out), strict=True)):
        text = src.read_text(encoding="utf-8")
        layout = layout_for(index)
        pages = sum(1 for _ in _pages_text(pdf))
        line = f"{pdf}  {pages} page(s)  layout={layout.name}"
        missing = unsupported_chars(text, layout)
        if missing:
            line += f"  unrenderable={''.join(sorted(missing))!r}"
        if args.check:
            result = verify_roundtrip(pdf, text)
            line += f"  roundtrip: {result.summary()}"
            if not result.ok:
                failures += 1
                for diff in result.differences():
                    line += f"\n    {diff}"
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
