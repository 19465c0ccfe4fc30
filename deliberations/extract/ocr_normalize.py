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
import unicodedata
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


# The words the rules key on (the séance's header, the attendance, the vote, the budget's
# headings): when OCR damages one ("Canseil Municipal", "Notnbre de membres", "Vore : à
# l'unanimité", "compte tendu", "convogation"), the header is lost, the document called other or
# the vote not read. A word that is no French word and one OCR slip away from exactly one of
# them is read as it (see :func:`_cue_word`). Words of four letters or fewer are left out: too
# many names and abbreviations lie one letter from them ("JUBIN" from "juin").
CUE_WORDS: tuple[str, ...] = (
    # the body and the séance
    "conseil",
    "municipal",
    "municipale",
    "communautaire",
    "communauté",
    "commune",
    "séance",
    "réunion",
    "réuni",
    "convocation",
    "convoqué",
    "convoqués",
    "présidence",
    "président",
    "présidente",
    "secrétaire",
    "maire",
    "adjoint",
    "adjointe",
    "compte",
    "rendu",
    "procès-verbal",
    "registre",
    "délibération",
    "délibérations",
    "délibéré",
    "extrait",
    "objet",
    "ordre",
    # who presents an item
    "expose",
    "présente",
    "propose",
    # the attendance
    "nombre",
    "membres",
    "exercice",
    "présents",
    "présentes",
    "absents",
    "absentes",
    "excusés",
    "excusées",
    "représentés",
    "procuration",
    "procurations",
    "pouvoirs",
    "votants",
    # the vote
    "unanimité",
    "abstention",
    "abstentions",
    "contre",
    "adopté",
    "adoptée",
    "approuvé",
    "approuvée",
    "approbation",
    "décide",
    "votes",
    # the budget
    "budget",
    "primitif",
    "administratif",
    "affectation",
    "résultat",
    "fonctionnement",
    "investissement",
    "chapitre",
    "article",
    "recettes",
    "dépenses",
    "subvention",
    "montant",
    "euros",
    "décision",
    "modificative",
    # the months and days written in full (a date in words: "le vingt-cinq mars")
    "janvier",
    "février",
    "avril",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# One OCR slip: a letter read for another, one letter too many or too few, two letters swapped,
# or a letter read as two (or two as one): "rn"/"m", "tn"/"m", "in"/"m", "cl"/"d", "li"/"h".
OCR_SPLITS = (("m", "rn"), ("m", "tn"), ("m", "in"), ("m", "nn"), ("d", "cl"), ("h", "li"))
CUE_MIN_LETTERS = 5  # shorter words: names and abbreviations lie too near ("JUBIN", "juin")


def _bare(word: str) -> str:
    """Lowercase without accents (``Délibération`` -> ``deliberation``)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _one_slip(read: str, word: str) -> bool:
    """Whether ``read`` is ``word`` with one OCR slip (both bare: lowercase, no accents)."""
    if read == word or abs(len(read) - len(word)) > 1:
        return False
    i = next(
        (n for n, (a, b) in enumerate(zip(read, word, strict=False)) if a != b),
        min(len(read), len(word)),
    )
    if len(read) == len(word):
        return (
            read[i + 1 :] == word[i + 1 :]
            or (  # a letter for another
                read[i : i + 2] == word[i : i + 2][::-1] and read[i + 2 :] == word[i + 2 :]
            )
        )  # two letters swapped
    longer, shorter = (read, word) if len(read) > len(word) else (word, read)
    if longer[i + 1 :] == shorter[i:]:
        return True  # a letter too many or too few
    return any(  # a letter read as two, or two as one ("rn" for "m")
        longer[i : i + 2] == two and shorter[i] == one and longer[i + 2 :] == shorter[i + 1 :]
        for one, two in OCR_SPLITS
        if i < len(shorter)
    )


def _inflected(read: str, word: str) -> bool:
    """``modificatives`` for ``modificative``: the same word in another number or gender."""
    shorter, longer = sorted((read, word), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in {"s", "e", "es", "x"}


@cache
def _bare_lexicon() -> frozenset[str]:
    return frozenset(_bare(word) for word in lexicon())


@cache
def _cues_by_bare() -> dict[str, str]:
    return {_bare(cue): cue for cue in CUE_WORDS}


@cache
def _cues_by_length() -> dict[int, tuple[tuple[str, str], ...]]:
    """The cue words (bare, as written) one slip may turn a word of each length into."""
    lengths: dict[int, list[tuple[str, str]]] = {}
    for key, cue in _cues_by_bare().items():
        for size in (len(key) - 1, len(key), len(key) + 1):
            lengths.setdefault(size, []).append((key, cue))
    return {size: tuple(cues) for size, cues in lengths.items()}


def _in_case_of(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _cue_word(match: re.Match[str]) -> str | None:
    """``Canseil``/``Notnbre``/``convogation``/``afféctation``: a word the rules key on, misread.

    Only a word that is no French word (a lost accent of a capital is no misreading: ``DECIDE``
    stays), and only when one cue word alone is one slip away, or the same but for accents."""
    word = match[0]
    if len(word) < CUE_MIN_LETTERS or not lexicon() or known(word):
        return None
    bare = _bare(word)
    cues = _cues_by_bare()
    if bare in cues:
        # the cue word but for its accents: capitals often go without, a lowercase word is fixed
        return None if word.isupper() else _in_case_of(cues[bare], word)
    if bare in _bare_lexicon():
        return None  # a French word but for its accents ("COMITE")
    found = {
        cue
        for key, cue in _cues_by_length().get(len(bare), ())
        if _one_slip(bare, key) and not _inflected(bare, key)
    }
    if len(found) != 1:
        return None
    (cue,) = found
    return _in_case_of(cue, word)


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
        # Tesseract reads the en dash of a title or an act number as an em dash ("Seine
        # Normandie —" at a line's end, "D2024—14"); French minutes set the en dash there, and
        # the rules read a dash as "-" or "–": "—" went unread (a heading ending in it was not
        # carried on to its next line). No digit is touched.
        "em dash for a dash",
        r"[^—]*—[^—]*",
        lambda match: match[0].replace("—", "–"),
        [("—", "–"), ("D2024—14", "D2024–14"), ("—Demande", "–Demande")],
        keeps=["-", "–", "Normandie", "2315-041"],
        digits=True,
    ),
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
    _row(
        "a cue word misread",
        r"[^\W\d_]+(?:-[^\W\d_]+)*",
        _cue_word,
        [
            ("Canseil", "Conseil"),
            ("coñseil", "conseil"),
            ("Notnbre", "Nombre"),
            ("convogation", "convocation"),
            ("afféctation", "affectation"),
            ("EXETCICE", "EXERCICE"),
            ("procuratons", "procurations"),
            ("cornpte", "compte"),
            ("Municipdl", "Municipal"),
            ("Déliberation", "Délibération"),
            ("Obiet", "Objet"),
            ("DScide", "Décide"),
        ],
        keeps=[
            "DECIDE",  # capitals without accents: as printed
            "COMITE",  # a word, accent lost
            "JUBIN",  # a name one letter from "juin": short words are left
            "Vore",
            "conseils",  # a French word
            "Conseil",
            "membre",
            "comptes",
            "rendus",
            "MARTEL",
            "modificatives",  # the plural of a cue word
            "Objets",
            "DEPENSES",
        ],
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


# ------------------------------------------------------------------ a month in a date

# (as nlp/dates.py names them; not imported from there: it loads dateparser)
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
DAY_RE = re.compile(r"\A(?:[1-9]|[12]\d|3[01]|1er)\Z")
YEAR_RE = re.compile(r"\A(?:19|20)\d\d[.,;:]?\Z")
MONTH_SLIPS = 2  # "mmats" for "mars": a word between a day and a year is a month
MONTH_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Séance du 25 mmats 2022", "Séance du 25 mars 2022"),
    ("conseil municipal du 25 murs 2022", "conseil municipal du 25 mars 2022"),
    ("le 12 seotembre 2023", "le 12 septembre 2023"),
    ("le 1er iuin 2021", "le 1er juin 2021"),
    ("débuté au 1°’ octobre 2024", "débuté au 1er octobre 2024"),
    ("à compter du 1* janvier", "à compter du 1er janvier"),
)
MONTH_KEEPS: tuple[str, ...] = (
    "le 25 mars 2022",
    "les 12 lots 2022",  # no month two slips away, or several
    "section 3 lots 2022",
    "25 mmats",  # no year after it
    "2 ans 2022",
    "13 Mai 2022",
    "article 1° octies",  # no month after it
    "n°1 octobre",
)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute a letter)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _month(word: str) -> str | None:
    if not word.isalpha():
        return None
    bare = _bare(word)
    if bare in {_bare(month) for month in MONTHS}:
        return None
    near = [(_distance(bare, _bare(month)), month) for month in MONTHS]
    best = min(distance for distance, _ in near)
    found = [month for distance, month in near if distance == best]
    if best > min(MONTH_SLIPS, len(bare) - 2) or len(found) != 1:
        return None
    return _in_case_of(found[0], word)


VOTE_LABEL_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Vore : à l'unanimité", "Vote : à l'unanimité"),
    ("VOÏE : Unanimité", "VOTE : Unanimité"),
    ("Voté: 11 pour", "Vote: 11 pour"),
)
VOTE_LABEL_KEEPS: tuple[str, ...] = ("Note : à lire", "Voie : communale", "Vore à l'unanimité")


def correct_vote_label(words: Sequence[str]) -> list[str]:
    """``Vore :``: the label of a vote line ("Vote : à l'unanimité") misread by one letter.

    Too short for the cue words (:func:`_cue_word`), it is read so only before its colon, and
    only when the word read is no French word."""
    out = list(words)
    for i, word in enumerate(words):
        core = word.rstrip(":")
        labelled = core != word or (i + 1 < len(words) and words[i + 1].startswith(":"))
        if not labelled or len(core) != 4 or not core.isalpha() or core == "Vote":
            continue
        if not lexicon() or (known(core) and _bare(core) != "vote"):
            continue
        if _bare(core) == "vote" or _one_slip(_bare(core), "vote"):
            out[i] = _in_case_of("vote", core) + word[len(core) :]
    return out


# "1er" set with its "er" raised, as Tesseract reads it: "1°’", "1°", "1*", "1’"
FIRST_DAY_RE = re.compile(r"\A1(?:[°º*][’'`\"*]?|[’'`\"*])\Z")


def correct_months(words: Sequence[str]) -> list[str]:
    """A month misread between a day and a year ("25 mmats 2022"): the séance's date; the
    first of a month whose raised "er" was misread ("1°’ octobre 2024")."""
    out = list(words)
    for i in range(len(words) - 1):
        if FIRST_DAY_RE.match(words[i]) and words[i + 1].lower() in MONTHS:
            out[i] = "1er"
    words = list(out)
    for i in range(1, len(words) - 1):
        if DAY_RE.match(words[i - 1]) and YEAR_RE.match(words[i + 1]):
            out[i] = _month(words[i]) or words[i]
    return out


# ------------------------------------------------------------------------------- API


def normalize_words(words: Sequence[str]) -> list[str]:
    """The corrected text of each OCR'd word (same length and order as ``words``)."""
    return correct_vote_label(correct_months(correct_a([correct_word(word) for word in words])))


def normalize_text(text: str) -> str:
    """Correct the words of a text, keeping its whitespace as it is."""
    parts = re.split(r"(\s+)", text)
    parts[0::2] = normalize_words(parts[0::2])
    return "".join(parts)
