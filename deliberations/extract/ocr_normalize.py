"""Corrections for the errors Tesseract makes on French, applied word by word to OCR'd text.

Each row of :data:`CORRECTIONS` is one kind of error, seen in real OCR output (see
``tests/data/dev/text/001_*.txt``): ``I'habitat`` and ``1'ensemble`` for ``l'habitat`` and
``l'ensemble``, ``Vorganisation`` for ``l'organisation``, ``étre`` for ``être``, ``ceuvre`` for
``œuvre``, ``mémesi`` for ``même si``, ``a`` for ``à``. A row lists what it corrects and the
near misses it must leave alone; ``tests/test_ocr_normalize.py`` checks every one.

Rules of the table:

* only OCR'd words are corrected, never a text layer;
* a word holding a digit is never changed, except ``1'`` before letters (``1'ensemble``),
  which is no amount, date or code: no digit of an amount, a date or a code is ever touched;
* a correction that needs to know French words (a wrong accent, a lost apostrophe) applies
  only when the word read is not French and exactly one correction is; the word list is
  Debian's ``wfrench`` (``/usr/share/dict/french``), and without it those rows do nothing;
* each word is corrected in place, so it keeps its box and confidence (``mémesi`` becomes
  the one word ``même si``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path

LEXICON_PATHS = (Path("/usr/share/dict/french"),)
LETTERS = "a-zA-ZàâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
_EDGES = re.compile(r"^([«\"“(\[]*)(.*?)([.,;:!?»\"”)\]…]*)$", re.S)
_APOSTROPHES = "'’"


# ---------------------------------------------------------------------------- lexicon


def _fold(word: str) -> str:
    return word.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")


@cache
def lexicon() -> frozenset[str]:
    """French word forms (lowercase, ligatures spelt out); empty when no word list is installed."""
    for path in LEXICON_PATHS:
        if path.is_file():
            with path.open(encoding="utf-8", errors="replace") as fh:
                return frozenset(_fold(line.strip()) for line in fh if line.strip())
    return frozenset()


def known(word: str) -> bool:
    """Whether ``word`` is a French word form (any case; ``l'``/``d'`` prefixes allowed)."""
    folded = _fold(word)
    words = lexicon()
    if folded in words:
        return True
    head, sep, tail = folded.partition("'")
    return bool(sep) and len(head) <= 5 and tail in words


# ------------------------------------------------------------------------ word fixes

Fix = Callable[[re.Match[str]], str | None]


def _elide(match: re.Match[str]) -> str | None:
    """``I'habitat``/``1'ensemble``/``|'année``: the ``l`` of an elided article misread."""
    return f"l{match['apostrophe']}{match['rest']}"


def _v_elision(match: re.Match[str]) -> str | None:
    """``Vorganisation``: ``l'`` read as one ``V``; only when the rest is a word and the whole is not."""
    rest = match["rest"]
    if not lexicon() or known(match[0]) or not known(rest):
        return None
    return f"l'{rest}"


def _one_known(candidates: list[str]) -> str | None:
    found = sorted({c for c in candidates if known(c)})
    return found[0] if len(found) == 1 else None


def _accent_candidates(word: str, wrong: str, right: str) -> list[str]:
    positions = [i for i, ch in enumerate(word) if ch == wrong]
    out = []
    for size in (1, 2):
        for chosen in combinations(positions, size):
            chars = list(word)
            for i in chosen:
                chars[i] = right
            out.append("".join(chars))
    return out


def _accent(wrong: str, right: str) -> Fix:
    def fix(match: re.Match[str]) -> str | None:
        word = match[0]
        if not lexicon() or known(word):
            return None
        return _one_known(_accent_candidates(word, wrong, right))

    fix.__doc__ = f"``{wrong}`` read for ``{right}`` in a word that is French only with ``{right}``"
    return fix


def _ligature(match: re.Match[str]) -> str | None:
    """``ceuvre``/``manceuvre``/``sceur``: the ligature ``œ`` read as ``ce``."""
    word = match[0]
    if not lexicon() or known(word):
        return None
    starts = [m.start() for m in re.finditer("(?=ceu)", word)]
    return _one_known([word[:i] + "œu" + word[i + 3 :] for i in starts])


def _spelled(word: str) -> str | None:
    """``word`` itself when French, else its single French accent correction."""
    if known(word):
        return word
    return _one_known(_accent_candidates(word, "é", "ê") + _accent_candidates(word, "é", "è"))


GLUED_SHORT_WORDS = ("si", "que", "de", "la", "le", "les", "et", "en", "du")
GLUED_HEAD_MIN = 4  # letters of the word before: "lisle" is no "lis le"


def _unglue(match: re.Match[str]) -> str | None:
    """``mémesi``: a short word glued to the word before it (and a wrong accent on that one)."""
    word = match[0]
    if not lexicon() or known(word):
        return None
    splits = []
    for short in GLUED_SHORT_WORDS:
        head = word[: -len(short)]
        if word.endswith(short) and len(head) >= GLUED_HEAD_MIN:
            spelled = _spelled(head)
            if spelled:
                splits.append(f"{spelled} {short}")
    return splits[0] if len(splits) == 1 else None


@dataclass(frozen=True)
class Correction:
    """One kind of OCR error: the words it applies to, how to fix them, and examples."""

    name: str
    pattern: re.Pattern[str]  # must match the whole word (without surrounding punctuation)
    fix: Fix
    examples: tuple[tuple[str, str], ...]  # (as read, as corrected)
    keeps: tuple[str, ...] = ()  # near misses left as they are
    needs_lexicon: bool = False
    digits: bool = False  # whether it may apply to a word holding a digit (its own digit only)


def _row(
    name: str,
    pattern: str,
    fix: Fix,
    examples: Sequence[tuple[str, str]],
    keeps: Sequence[str] = (),
    needs_lexicon: bool = False,
    digits: bool = False,
) -> Correction:
    return Correction(
        name, re.compile(pattern), fix, tuple(examples), tuple(keeps), needs_lexicon, digits
    )


_REST = rf"(?P<rest>[{LETTERS}][{LETTERS}'’-]*)"
CORRECTIONS: tuple[Correction, ...] = (
    _row(
        "I for l before an apostrophe",
        rf"[I|](?P<apostrophe>[{_APOSTROPHES}]){_REST}",
        _elide,
        [
            ("I'habitat", "l'habitat"),
            ("I’abattement", "l’abattement"),
            ("|'année", "l'année"),
            ("I'Etat", "l'Etat"),
        ],
        keeps=["I", "I'", "Il", "III", "l'habitat"],
    ),
    _row(
        "1 for l before an apostrophe",
        rf"1(?P<apostrophe>[{_APOSTROPHES}])(?P<rest>[{LETTERS}][{LETTERS}'’-]+)",
        _elide,
        [("1'ensemble", "l'ensemble"), ("1’objet", "l’objet"), ("1’Habitat", "l’Habitat")],
        keeps=["1'000", "1'", "1'A", "2023", "1er", "1'2", "11'ensemble"],
        digits=True,
    ),
    _row(
        "V for l' before a vowel",
        r"[Vv](?P<rest>[aeiouyàâéèêîôûh][a-zàâäçéèêëîïôöùûüÿœæ-]{4,})",
        _v_elision,
        [
            ("Vorganisation", "l'organisation"),
            ("Vabattement", "l'abattement"),
            ("Vhabitat", "l'habitat"),
        ],
        keeps=[
            "Vous",
            "Ville",
            "Vendredi",
            "Voir",
            "Vote",
            "Vérifier",
            "VILLE",
            "Vincent",
            "Vaulx",
            "Valenciennes",
            "Vauban",
        ],
        needs_lexicon=True,
    ),
    _row(
        "é for ê",
        r"[a-zA-ZàâäçèêëîïôöùûüÿœæÀÂÊÎÔÛ]*é[a-zàâäçéèêëîïôöùûüÿœæ]*",
        _accent("é", "ê"),
        [("étre", "être"), ("mémes", "mêmes"), ("intérét", "intérêt"), ("Intérét", "Intérêt")],
        keeps=["été", "général", "Béthune", "délibéré", "Etre", "Liévin"],
        needs_lexicon=True,
    ),
    _row(
        "é for è",
        r"[a-zA-ZàâäçèêëîïôöùûüÿœæÀÂÊÎÔÛ]*é[a-zàâäçéèêëîïôöùûüÿœæ]*",
        _accent("é", "è"),
        [("problémes", "problèmes"), ("aprés", "après"), ("troisiéme", "troisième")],
        keeps=["après", "dés", "prés", "réglementation", "Béthune"],
        needs_lexicon=True,
    ),
    _row(
        "ce for œ",
        r"[a-zA-Zàâäçéèêëîïôöùûüÿæ]*ceu[a-zàâäçéèêëîïôöùûüÿæ]*",
        _ligature,
        [("ceuvre", "œuvre"), ("manceuvre", "manœuvre"), ("sceurs", "sœurs")],
        keeps=["ceux", "receveur", "douceur", "lanceur"],
        needs_lexicon=True,
    ),
    _row(
        "short word glued on",
        r"[a-zàâäçéèêëîïôöùûüÿœæ]{5,}",
        _unglue,
        [("mémesi", "même si"), ("mêmesi", "même si")],
        keeps=["mémés", "aussi", "ainsi", "parmi", "lisle", "Lillers", "commune"],
        needs_lexicon=True,
    ),
)


_ELIDED = re.compile(r"^((?:[lLdDnNsScCjJmMtT]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’])(.+)$")


def _apply(row: Correction, word: str) -> str:
    if not row.digits and any(ch.isdigit() for ch in word):
        return word
    match = row.pattern.fullmatch(word)
    fixed = row.fix(match) if match else None
    return fixed if fixed else word


def correct_word(token: str) -> str:
    """One word as read by OCR, corrected by every row that applies in turn (punctuation kept).

    After an elision (``l'``, ``d'``, ``qu'`` …) the rows apply to the word that follows it:
    ``I'ceuvre`` becomes ``l'œuvre``.
    """
    lead, core, trail = _EDGES.match(token).groups()  # type: ignore[union-attr]
    if not core:
        return token
    for row in CORRECTIONS:
        elided = _ELIDED.match(core)
        if elided and not row.pattern.fullmatch(core):
            core = elided.group(1) + _apply(row, elided.group(2))
        else:
            core = _apply(row, core)
    return f"{lead}{core}{trail}"


# --------------------------------------------------------------- "a" for "à" in context

# after these, "a" is the verb avoir ("il a", "qui a", "la commune n'y a")
SUBJECTS = frozenset(
    {
        "il",
        "elle",
        "on",
        "qui",
        "cela",
        "ça",
        "ce",
        "y",
        "qu'il",
        "qu'elle",
        "qu'on",
        "l'on",
        "n'y",
        "il(s)",
        "quiconque",
    }
)
# "a" before these is "à": "à compter de", "à titre", "pouvoir à Monsieur", "à l'unanimité"
A_BEFORE = frozenset(
    {
        "compter",
        "hauteur",
        "titre",
        "savoir",
        "partir",
        "travers",
        "condition",
        "défaut",
        "destination",
        "proximité",
        "nouveau",
        "Monsieur",
        "Madame",
        "M.",
        "Mme",
        "Mmes",
        "MM.",
        "Mr",
        "l'unanimité",
        "l’unanimité",
        "l'issue",
        "l’issue",
        "l'occasion",
        "l’occasion",
        "l'égard",
        "l’égard",
        "l'exception",
        "l’exception",
        "l'article",
        "l’article",
        "l'horizon",
        "l’horizon",
        "l'échelle",
        "l’échelle",
    }
)
A_BEFORE_PAIRS = frozenset(
    {
        ("la", "fois"),
        ("la", "suite"),
        ("la", "demande"),
        ("la", "date"),
        ("la", "majorité"),
        ("la", "mise"),
        ("la", "disposition"),
        ("la", "signature"),
        ("la", "réalisation"),
    }
)
# "a" after these is "à": "conformément à", "grâce à", "relative à", "jusqu'a"
A_AFTER = frozenset(
    {
        "conformément",
        "grâce",
        "quant",
        "face",
        "relatif",
        "relative",
        "relatifs",
        "relatives",
        "consécutivement",
        "afférent",
        "afférente",
        "afférents",
        "afférentes",
        "lié",
        "liée",
        "liés",
        "liées",
        "jusqu'",
        "jusqu’",
        "préalablement",
        "intérêt",
        "pouvoir",
    }
)
INFINITIVE = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœ]{2,}(?:er|ir|re|oir)")
# words ending like an infinitive that a verb "a" may come before ("la Ville a notre soutien")
NOT_INFINITIVES = frozenset(
    {
        "notre",
        "votre",
        "autre",
        "entre",
        "contre",
        "affaire",
        "ordre",
        "premier",
        "dernier",
        "entier",
        "plusieurs",
        "leur",
        "mémoire",
    }
)
A_IN_CONTEXT_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("qui a donné pouvoir a Monsieur COTTIGNY", "qui a donné pouvoir à Monsieur COTTIGNY"),
    ("autorisent le Directeur a fixer les clauses", "autorisent le Directeur à fixer les clauses"),
    ("Décision adoptée a l'unanimité", "Décision adoptée à l'unanimité"),
    ("liés a l'habitat", "liés à l'habitat"),
    ("a compter du 1er janvier", "à compter du 1er janvier"),
    ("une démarche a la fois coordonnée", "une démarche à la fois coordonnée"),
)
A_IN_CONTEXT_KEEPS: tuple[str, ...] = (
    "il a la charge de",
    "qui a donné pouvoir",
    "La Ville a la volonté",
    "elle a fixer",
    "la commune a été",
    "il a titre",
    "a",
    "Il y a lieu",
    "le Conseil a délibéré",
    "la Ville a notre soutien",
    "Lens a 2 projets",
)


def _core(token: str) -> str:
    match = _EDGES.match(token)
    return match.group(2) if match else token


def _a_is_preposition(previous: str | None, following: str | None, after_next: str | None) -> bool:
    if following is None:
        return False
    prev = _core(previous).lower() if previous else ""
    if prev in SUBJECTS:
        return False
    nxt = _core(following)
    if prev in A_AFTER or nxt in A_BEFORE or nxt.lower() in A_BEFORE:
        return True
    if after_next is not None and (nxt.lower(), _core(after_next).lower()) in A_BEFORE_PAIRS:
        return True
    return (
        bool(INFINITIVE.fullmatch(nxt))
        and nxt not in NOT_INFINITIVES
        and bool(lexicon())
        and known(nxt)
    )


def correct_a(words: Sequence[str]) -> list[str]:
    """``a`` read for ``à`` where only the preposition fits (the words around it say so)."""
    out = list(words)
    for i, word in enumerate(words):
        if word != "a":
            continue
        previous = words[i - 1] if i > 0 else None
        following = words[i + 1] if i + 1 < len(words) else None
        after_next = words[i + 2] if i + 2 < len(words) else None
        if _a_is_preposition(previous, following, after_next):
            out[i] = "à"
    return out


# ------------------------------------------------------------------------------- API


def normalize_words(words: Sequence[str]) -> list[str]:
    """The corrected text of each OCR'd word (same length and order as ``words``)."""
    return correct_a([correct_word(word) for word in words])


def normalize_text(text: str) -> str:
    """Correct the words of a text, keeping its whitespace as it is."""
    parts = re.split(r"(\s+)", text)
    parts[0::2] = normalize_words(parts[0::2])
    return "".join(parts)
