"""Plain texts that come without their layout: their lines given back before the rules read them.

Users feed text files made by other tools (a PDF's text extracted elsewhere, OCR output exported
as text). Such a text may have lost what the rules lean on:

* its line breaks: a whole document on one line, or on a few very long ones;
* its lines: paragraphs re-wrapped at a fixed width by a tool that fills each line, so that an
  item's title runs on into the text under it and a vote's lines run together;
* plain text itself: a converter's markdown (``## 3\\. Budget``, ``**TITRE**``, ``| a | b |``).

:func:`reflow` gives back a text the rules can read: markdown marks stripped, a filled paragraph
joined again (a word cut by a hyphen at a line's end made whole), and in a line too long to be
one (or a joined paragraph) a new line started at each boundary French deliberations mark
(``phrasings/reflow.toml``: an item's heading, the deliberative formula, a dispositif's verb in
capitals, a vote's line, attendance labels, recitals, the closing formula). A text whose lines
are normal (every text of the real, held-out and dev sets) is given back unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from deliberations.nlp import lexicon, phrasings
from deliberations.nlp.found import Found

LONG_LINE = 1000  # characters: no line of a document laid out by page is this long
# a text re-wrapped by a tool that fills its lines: this share of a paragraph's lines (all but
# its last) would not take the next line's first word within the text's width, over enough lines
FILLED_SHARE = 0.97
FILLED_MIN_LINES = 12

ZONES = {
    "VOTE_LINE": "vote_line",
    "SIGNATURE": "signature",
    "ATTENDANCE": "attendance",
    "RECITAL": "recital",
    "STAMP": "prefecture_stamp",
}
GROUP_RE = re.compile(r"\(\?P<\w+>")
# what the text must end with before a new line of each kind
BEFORE = {
    # a sentence's or a clause's end, a rule ("-----")
    "clause": re.compile(r"(?:[.;:!?»)]|(?i:unanimit[ée])|[-_=*]{3})\s+$"),
    # or a count ("Pour : 12")
    "sentence": re.compile(r"(?:[.;:!?»)]|\d|(?i:unanimit[ée])|[-_=*]{3})\s+$"),
    # or a sum ("… : -13.967,53 € 2. COMMUNE …"), a word in capitals: a heading's label
    # ("DÉLIBÉRATIONS 1) …"), a name; or a vote's
    # words after its count ("10 votes pour. 2 Abstentions 2/ Délibération …")
    "label": re.compile(
        r"(?:[.;:!?»)€]|\d|(?i:unanimit[ée])|[-_=*]{3}|\b[A-ZÉÈ]{3,}"
        r"|\d\s+(?i:votes?|voix)\s+(?i:pour|contre)|\d\s+(?i:abstentions?))\s+$"
    ),
    "space": re.compile(r"\S\s+$"),
    # a vote's count ("Abstentions : 0", OCR's "Contre : Q" too): the running text starts again
    "count": re.compile(
        r"\b(?i:pour|contre|abstentions?|votants|exprim[ée]s|absolue)\s*:\s*(?:\d{1,3}|[OQ])\s+$"
    ),
    # a vote's statement: unanimity, or its last count ("Vote : à l'unanimité", "Contre : 0")
    "voted": re.compile(
        r"(?:(?i:unanimit[ée])\.?|\b(?i:pour|contre|abstentions?)\s*:\s*\d{1,3}"
        r"|\d\s+(?i:voix|votes?)\s+(?i:pour|contre)\.?)\s+$"
    ),
    # a sum in euros, or a table's column of sums ("… -100 000.00 € 021 Virement …")
    "sum": re.compile(r"(?:\d\s?€|\d\s?(?i:euros?|EUR)|\b(?i:montants?|sommes))\s+$"),
    # a clause's end or a comma: the next item of a list ("… : - Abattage …, - Vidange …")
    "list": re.compile(r"(?:[.;:!?»,]|(?i:unanimit[ée]))\s+$"),
}
# where the running text starts again after an item's title: a presenter ("Monsieur le Maire
# expose", "Rapporteur : …", "Jacques Troncy présente"), a recital, or a sentence opening with a capitalised article, pronoun
# or preposition ("Le conseil …", "Il est proposé …", "Par délibération du …")
TITLE_END_RE = re.compile(
    rf"\s+(?=(?:{lexicon.pattern('civility')})\s|(?:Rapporteur|Rapporteuse)\b"
    # a member named, then presenting: "… Jacques Troncy présente la décision …"
    rf"|(?:[A-ZÉÈ][\w'’-]+\s+){{1,3}}(?:{lexicon.pattern('presenting_verb')})\b"
    r"|(?:Le|La|Les|L['’]|Il|Elle|Ils|Elles|On|Nous|Vu|Considérant|Après|Apr[eè]s|Par|Lors|Suite|Dans"
    r"|Ce|Cette|Ces|Un|Une|Afin|Conformément|Depuis|Comme|Sur|Pour|En)\s)"
)
# a dash or a bullet opening the new line ("… à l'unanimité - APPROUVE …") goes with it
BULLET_BEFORE_RE = re.compile(r"\s([-–—•])\s+$")
CAPITALS_END_RE = re.compile(r"\s+(?=\S*[a-zà-ÿ])")
MAX_TITLE = 200

# markdown: a heading's hashes, bold or italic marks around words, an escaped character, a
# table's rows and rule
MD_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
MD_BOLD_RE = re.compile(r"\*\*(?=\S)([^*\n]*?\w[^*\n]*?)(?<=\S)\*\*")
MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
MD_TABLE_RULE_RE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"
)
MD_TABLE_ROW_RE = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
MD_MARKS = 3  # markdown headings, bold runs or table rows before a text is taken for markdown
# a quotation's mark; a quotation wrapped over lines is a mark ("> Le Conseil, à …\n> représentés")
MD_QUOTE_RE = re.compile(r"^[ \t]*>[ \t]?")
MD_QUOTED_RE = re.compile(r"^[ \t]*>[ \t]?\S[^\n]*\n[ \t]*>[ \t]?\S", re.MULTILINE)

HYPHEN_END_RE = re.compile(r"(\w+)-$")
FIRST_WORD_RE = re.compile(r"^\s*(\S+)")
WORD_RE = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Boundary:
    """One rule of ``phrasings/reflow.toml``."""

    name: str
    regex: re.Pattern[str]
    before: re.Pattern[str]
    title: bool
    paragraph: bool
    follows: bool = False  # only after what ``before`` says, never at a line's start


def _zone_fragment(rule_id: str) -> str:
    rule = next(r for r in phrasings.table("zone") if r.id == rule_id)
    return f"(?i:{rule.expand({})})"


@cache
def _strong_headings() -> tuple[re.Pattern[str], ...]:
    from deliberations.nlp.headings import HEADING_TABLE

    # (a heading that needs a paragraph of its own cannot be told in a running line)
    return tuple(rule.regex for rule in HEADING_TABLE if rule.strong and not rule.requires)


@cache
def boundaries() -> tuple[Boundary, ...]:
    fragments = {name: _zone_fragment(rule_id) for name, rule_id in ZONES.items()}
    fragments["HEADING"] = (
        "(?:" + "|".join(GROUP_RE.sub("(?:", r.pattern) for r in _strong_headings()) + ")"
    )
    return tuple(
        Boundary(
            rule.id,
            re.compile(f"(?=(?P<span>{rule.expand(fragments)}))", re.UNICODE),
            BEFORE[str(rule.properties.get("before", "sentence"))],
            bool(rule.properties.get("title")),
            bool(rule.properties.get("paragraph")),
            bool(rule.properties.get("follows")),
        )
        for rule in phrasings.table("reflow")
    )


def _bullet(char: str) -> bool:
    """A bullet or a dash opening a title: a symbol font's glyph, as text layers give it."""
    return bool(char) and (
        char in "-–—•▪■◆➢➤►▶●Ÿ" or "\x01" <= char <= "\x08" or "\uf000" <= char <= "\uf0ff"
    )


def _title_end(line: str, start: int, capitals: bool) -> int | None:
    """Where an item's title that starts at ``start`` ends (None: no end near enough)."""
    if capitals:
        match = CAPITALS_END_RE.search(line, start)
        if match is None:
            return None
        return match.start() if match.start() - start <= MAX_TITLE else None
    title_start = start
    for regex in _strong_headings():
        found = regex.match(line, start)
        if found is not None:
            groups = found.groupdict()
            key = "title" if groups.get("title") is not None else "title_empty"
            if groups.get(key) is not None:
                title_start = found.start(key)
            after = line[title_start : title_start + 4].lstrip()[:1]
            if groups.get(key) == "" and after and _bullet(after):
                # the act's number alone, its title after a bullet or a dash: a line each
                # ("Délibération n° 2020-01 ▪ Désignation des délégués …")
                return title_start
            break
    # the title's first words are its own ("Vente de la parcelle", "Le Clos …" can start one)
    match = TITLE_END_RE.search(line, title_start + 1, start + MAX_TITLE)
    return match.start() if match is not None else None


def span_start(line: str, start: int, rule: Boundary) -> int:
    """Where the words of a title that starts at ``start`` begin: past its number and its label
    ("Délibération n° : D202345 Objet de la délibération …"), the title group of the heading."""
    if rule.name == "capitals_title":
        return start
    for regex in _strong_headings():
        found = regex.match(line, start)
        if found is not None:
            groups = found.groupdict()
            for key in ("title", "title_empty"):
                if groups.get(key) is not None:
                    return found.start(key)
            break
    return start


def split_line(line: str) -> tuple[str, list[str]]:
    """A running line cut at the boundaries of ``phrasings/reflow.toml``, and the rules that cut."""
    candidates: list[tuple[int, int, int, Boundary]] = []
    for order, rule in enumerate(boundaries()):
        for match in rule.regex.finditer(line):
            start = match.start()
            if (start == 0 and rule.title and not rule.follows) or (
                start and rule.before.search(line, max(0, start - 40), start)
            ):
                bullet = BULLET_BEFORE_RE.search(line, max(0, start - 6), start)
                span_end = match.end("span")
                candidates.append((bullet.start(1) if bullet else start, order, span_end, rule))
    cuts: dict[int, str] = {}  # offset -> the break put before it
    used: list[str] = []
    position = 0
    ordered = sorted(candidates, key=lambda c: (c[0], c[1]))
    # (where a line that is no title starts: a title ends there at the latest)
    starts = sorted({c[0] for c in ordered if not c[3].title})
    for start, _, span_end, rule in ordered:
        if start < position:
            continue  # inside the title just cut, or a second rule at the same place
        if start:  # (a title opening the line: only its end is cut)
            cuts[start] = "\n\n" if rule.paragraph else "\n"
        used.append(rule.name)
        # no line starts inside the words that start this one ("Nombre de conseillers …")
        position = start + 1 if rule.title else max(start + 1, span_end)
        if rule.title:
            end = _title_end(line, start, rule.name == "capitals_title")
            # the title ends, at the latest, where the next boundary starts a line ("… du 2ème
            # Adjoint A l'unanimité Pour : 11"): that boundary is cut in its turn
            following = starts[bisect_right(starts, span_start(line, start, rule)) :]
            if (
                following
                and (end is None or following[0] < end)
                and following[0] - start <= MAX_TITLE
            ):
                cuts.setdefault(following[0], "\n")
                position = following[0]
                continue
            if end is not None:
                cuts.setdefault(end, "\n")
                position = end + 1
                if _bullet(line[end : end + 4].lstrip()[:1]):  # the title after a bullet
                    more = TITLE_END_RE.search(line, end + 2, end + MAX_TITLE)
                    if more is not None:
                        cuts.setdefault(more.start(), "\n")
                        position = more.start() + 1
    if not cuts:
        return line, []
    pieces, last = [], 0
    for offset in sorted(cuts):
        pieces.append(line[last:offset].rstrip(" \t"))
        pieces.append(cuts[offset])
        last = offset
        while last < len(line) and line[last] in " \t":
            last += 1
    pieces.append(line[last:])
    return "".join(pieces), list(dict.fromkeys(used))


def _table_rule(line: str) -> bool:
    """A markdown table's rule under its header row: "|---|:---:|"."""
    return "|" in line and MD_TABLE_RULE_RE.match(line) is not None


def strip_markdown(text: str) -> str:
    """The text without a converter's markdown marks, when it has enough of them to be markdown."""
    rules = sum(1 for line in text.split("\n") if _table_rule(line))
    marks = len(MD_HEADING_RE.findall(text)) + len(MD_BOLD_RE.findall(text)) + rules
    marks += len(MD_QUOTED_RE.findall(text))
    if marks < MD_MARKS:
        return text
    lines = []
    for line in text.split("\n"):
        if _table_rule(line):
            continue
        row = MD_TABLE_ROW_RE.match(line) if rules else None  # a text layer's "|" is no table
        if row:
            line = "  ".join(cell.strip() for cell in row.group(1).split("|"))
        line = MD_QUOTE_RE.sub("", MD_HEADING_RE.sub("", line))
        line = MD_BOLD_RE.sub(r"\1", line)
        lines.append(MD_ESCAPE_RE.sub(r"\1", line))
    return "\n".join(lines)


def _filled(lines: list[str]) -> bool:
    """Whether the paragraphs' lines were filled to one width by a tool: each line but a
    paragraph's last would not have taken the next line's first word."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    checked = filled = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if not line.strip() or not following.strip():
            continue
        word = FIRST_WORD_RE.match(following)
        checked += 1
        filled += (
            len(line.rstrip()) + 1 + len(word.group(1) if word else "") > width
            or HYPHEN_END_RE.search(line.rstrip()) is not None  # a word cut to fill the line
        )
    return checked >= FILLED_MIN_LINES and filled >= FILLED_SHARE * checked


def _join(lines: list[str], words: set[str]) -> str:
    """A paragraph's lines as one, a word cut by a hyphen at a line's end made whole (unless the
    text writes it with its hyphen elsewhere: 'procès-verbal')."""
    out = ""
    for line in lines:
        line = line.strip()
        cut = HYPHEN_END_RE.search(out)
        if cut and line[:1].isupper():
            out += line  # a compound's name: "Saint-" then "Apollinaire"
        elif cut and line[:1].islower():
            rest = WORD_RE.match(line)
            head = cut.group(1)
            whole = head + (rest.group(0) if rest else "")
            hyphenated = f"{head}-{rest.group(0) if rest else ''}"
            if hyphenated.lower() in words and whole.lower() not in words:
                out += line
            else:
                out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def _unwrap(page: str, words: set[str]) -> str:
    """A page's filled paragraphs joined into one line each."""
    blocks = re.split(r"(\n[ \t]*\n+)", page)
    return "".join(
        block if i % 2 else _join(block.split("\n"), words) for i, block in enumerate(blocks)
    )


def reflow(text: str) -> str:
    """``text`` with its lines given back (unchanged when its lines are those of a laid-out page)."""
    text = strip_markdown(text)
    lines = text.replace("\f", "\n").split("\n")
    if _filled(lines):
        words = {w.lower() for w in WORD_RE.findall(text) if "-" in w or len(w) > 3}
        pages = [_unwrap(page, words) for page in text.split("\f")]
        return "\f".join(
            "\n".join(split_line(line)[0] if line.strip() else line for line in p.split("\n"))
            for p in pages
        )
    if not any(len(line) > LONG_LINE for line in lines):
        return text
    out = []
    for page in text.split("\f"):
        out.append(
            "\n".join(
                split_line(line)[0] if len(line) > LONG_LINE else line for line in page.split("\n")
            )
        )
    return "\f".join(out)


def read_reflow(text: str) -> Found | None:
    """The reader of ``phrasings/reflow.toml``: ``text`` as one running line, cut at its
    boundaries; the lines joined by " | " (None when no line was started)."""
    cut, rules = split_line(" ".join(text.split()))
    if not rules:
        return None
    value = " | ".join(line.strip() for line in cut.split("\n") if line.strip())
    return Found("reflow", value, 0, len(text), ",".join(rules))
