"""Page text from OCR'd words: lines, paragraphs, and every word's offsets in that text.

The text is laid out as :mod:`deliberations.extract.pdf` lays out a text layer, so the rules
read both alike: words of a line joined by a space, lines by ``\\n``, and a blank line where
the gap between two lines is larger than the page's ordinary line spacing by more than
``PARAGRAPH_GAP`` times the text height. A scan is often skewed: a line's position is taken
where it crosses the left edge of the page once the page's slant (the median slope of words
along their lines) is taken out, so a short last line of a paragraph is not mistaken for a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from deliberations.extract.ocr import RawWord
from deliberations.schemas.document import OcrWord

PARAGRAPH_GAP = 0.5  # as in deliberations.extract.pdf: extra gap, in text heights, for a paragraph
MAX_LINE_SPACING = 2.0  # the ordinary distance between lines is at most this many text heights


def _slope(lines: list[list[RawWord]]) -> float:
    """The page's slant: median slope of word centres along each line with several words."""
    slopes = []
    for words in lines:
        if len(words) < 3:
            continue
        xs = [(w.bbox[0] + w.bbox[2]) / 2 for w in words]
        ys = [(w.bbox[1] + w.bbox[3]) / 2 for w in words]
        dx = xs[-1] - xs[0]
        if dx > 0:
            slopes.append((ys[-1] - ys[0]) / dx)
    return median(slopes) if slopes else 0.0


def _separators(lines: list[list[RawWord]]) -> list[str]:
    """What goes between each line and the next: ``\\n``, or ``\\n\\n`` for a paragraph break."""
    if len(lines) < 2:
        return []
    slope = _slope(lines)
    heights = [w.bbox[3] - w.bbox[1] for words in lines for w in words]
    height = max(median(heights), 1.0)
    # where each line crosses x = 0 once the slant is taken out, and its block
    positions = [median((w.bbox[1] + w.bbox[3]) / 2 - slope * (w.bbox[0] + w.bbox[2]) / 2
                        for w in words) for words in lines]
    pitches = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    below = sorted(p for p in pitches if p > height / 2)
    # the ordinary line spacing; on a page of few lines (all of them paragraph gaps, maybe) no
    # more than a double-spaced line's
    ordinary = min(below[len(below) // 4] if below else height, MAX_LINE_SPACING * height)
    out = []
    for i, pitch in enumerate(pitches):
        new_block = lines[i][0].block != lines[i + 1][0].block
        if pitch <= height / 2:  # next line not below: another column or block
            out.append("\n\n" if new_block else "\n")
        elif pitch - ordinary > PARAGRAPH_GAP * height:
            out.append("\n\n")
        else:
            out.append("\n")
    return out


def layout(words: Sequence[RawWord], texts: Sequence[str] | None = None) -> tuple[str, list[OcrWord]]:
    """The page text and its words with offsets; ``texts`` replaces the words' text (corrected)."""
    texts = [w.text for w in words] if texts is None else list(texts)
    lines: list[list[RawWord]] = []
    line_texts: list[list[str]] = []
    for word, text in zip(words, texts, strict=True):
        if not lines or lines[-1][-1].line != word.line:
            lines.append([])
            line_texts.append([])
        lines[-1].append(word)
        line_texts[-1].append(text)
    if not lines:
        return "", []
    separators = [*_separators(lines), ""]
    parts: list[str] = []
    placed: list[OcrWord] = []
    offset = 0
    for line, texts_of_line, separator in zip(lines, line_texts, separators, strict=True):
        for j, (word, text) in enumerate(zip(line, texts_of_line, strict=True)):
            if j:
                parts.append(" ")
                offset += 1
            placed.append(OcrWord(text=text, start=offset, end=offset + len(text),
                                  confidence=word.confidence, bbox=word.bbox))
            parts.append(text)
            offset += len(text)
        parts.append(separator)
        offset += len(separator)
    return "".join(parts), placed
