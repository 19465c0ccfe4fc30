"""Every lexicon concept (deliberations/nlp/lexicon/fr/*.toml) matches its examples whole and none
of its near misses; each concept is defined there once and the rules use it from there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deliberations.extract.unruled.patterns import STATUS_RE
from deliberations.nlp import lexicon
from deliberations.nlp.beneficiaries import CANCELLED_BEFORE_RE
from deliberations.nlp.session_date import best_session_date

NLP = Path(lexicon.__file__).parent.parent


@pytest.mark.parametrize("name", sorted(lexicon.concepts()))
def test_concept_examples_and_near_misses(name: str) -> None:
    concept = lexicon.concepts()[name]
    rx = concept.regex()
    assert concept.examples and concept.near_misses
    for example in concept.examples:
        assert rx.fullmatch(example), f"{name}: {example!r} not matched"
    for near in concept.near_misses:
        assert not rx.fullmatch(near), f"{name}: near miss {near!r} matched"


@pytest.mark.parametrize("assembly", lexicon.assemblies(), ids=lambda a: a.name)
def test_assembly_examples_and_near_misses(assembly: lexicon.Assembly) -> None:
    rx = re.compile(rf"\b(?:{assembly.pattern})\b", re.IGNORECASE)
    assert all(rx.fullmatch(e) for e in assembly.examples)
    assert not any(rx.fullmatch(n) for n in assembly.near_misses)


# a signature of each concept: a piece of its definition that may stand in the lexicon only. The
# rule modules of the whole package (deliberations/**/*.py) and the phrasing tables
# (nlp/phrasings/*.toml) are read; a rule takes the concept with lexicon.pattern(NAME),
# lexicon.assembly_pattern(), lexicon.deciding_body() or {lexicon:NAME} in a table.
_ASSEMBLY_KIND = r"(?:municipal|communal|communautaire|syndical|m\[ée\]tropolitain|d\[ée\]partemental|r\[ée\]gional)"
_DISPOSITIF_VERB = r"(?:d\[ée\]cide|approuve|autorise|adopte|accepte|valide|fixe)"
# one civility as a rule module spells it: "Madame", "Mme", "MM\.?", "M\." (a lone "M" only with its dot)
_CIVILITY = (
    r"(?:(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MONSIEUR|MADAME|Mmes|Mme|Mlle|Melle|MM|Mr)"
    r"(?:\\\.)?\??|M\\\.)"
)
# two French number words of the tens or the teens side by side, in an alternation or a table
# ("quatorze|quinze", '"trente": 30, "quarante"')
_TEENS_TENS = r"(?:douze|treize|quatorze|trente|quarante|cinquante)"
_NEXT_TEENS_TENS = r"(?:treize|quatorze|quinze|quarante|cinquante|soixante)"
SIGNATURES = {
    "deliberated": r"avoir\\s\+\(\?:\\w\+\\s\+\)\?d\[ée\]lib|avoir\\s\+d\[ée\]lib\[ée\]r\[ée\]|avoir\\s\+délibéré",
    "presenting_verb": r"donne\\s\+lecture\|",
    # two civilities in one alternation, or a civility's dot kept from ending a sentence by hand
    "civility": rf"Mademoiselle\|Messieurs|(?<![\w\\]){_CIVILITY}\|{_CIVILITY}(?!\w)|\(\?<!\\bMme?s?\)",
    # two kinds of assembly in one alternation, or an assembly other than the council spelled out
    "assembly": rf"{_ASSEMBLY_KIND}\|{_ASSEMBLY_KIND}|comit\[ée\]\\s\+syndical|commission\\s\+permanente\b",
    # the head words of assemblies listed together: (?:conseil|comité|bureau|assemblée)
    "assembly_head": r"conseil\|(?:comit|assembl|bureau)|(?:comit\[ée\]|assembl\[ée\]e|bureau)\|conseil",
    "decision_verb": rf"{_DISPOSITIF_VERB}(?:\\b)?\|{_DISPOSITIF_VERB}",
    "rejecting_verb": r"refuse\|rejette|rejette\|refuse",
    # (or the participles of a proposal turned down: "rejet[ée]e?s?|(?:refus|…")
    "cancelling_word": r"(?:abrog|annul|retir)[^|\n]{0,12}\|(?:abrog|annul|retir)"
    r"|rejet\[ée\]e\?s\?\||\(\?:refus\|",
    "agenda": r"ordre\\s\+du\\s\+",
    "advisory_body": r"d\['’\]\\s\*\[ée\]cole|comit\[ée\]\\s\+\(\?:technique",
    # not a lexicon concept: French number words are listed by nlp/numbers_fr.py (their owner,
    # which parses and writes them); the others take its number_words_pattern and words_to_number
    "number_words": rf"{_TEENS_TENS}[^A-Za-z]{{1,16}}{_NEXT_TEENS_TENS}",
    # not lexicon concepts either, each kept by one module that the others import: a vote's label
    # (headings.VOTE_LABEL), "à l'exception de" (votes.EXCEPTION_OF), a syndicate named (the
    # authority table's "syndicate" rule, which authority.ORGANISATION_RULES takes)
    "vote_label": r"\(\?i:votes\?\)\[ \\t\]\*:|vote\\s\+du\\s\+conseil",
    "exception_of": r"l\['’\]\??\\s\*excep",
    "syndicate": r"\(\?:Syndicat\|SYNDICAT\)|\(\?i:syndicat\)\\s\+",
}
# the module that owns a concept kept outside the lexicon
OWNERS = {
    "number_words": {"nlp/numbers_fr.py"},
    "vote_label": {"nlp/headings.py"},
    "exception_of": {"nlp/votes.py"},
    "syndicate": {"nlp/phrasings/authority.toml"},
}
# copies left in modules other helpers were editing when a concept moved, as {concept: {files}}:
# take the concept there (lexicon.pattern(NAME), {lexicon:NAME}) and remove the file from this
# list. Empty: every concept is taken from the lexicon (civility's last copies went in session 7)
STILL_SPELLED: dict[str, set[str]] = {}
# a copy of each concept as a rule module spelled it before it moved to the lexicon: each signature
# must find it (a check that cannot fail checks nothing)
OLD_COPIES = {
    "deliberated": r"r'apr[èe]s\s+(?:en\s+)?avoir\s+(?:\w+\s+)?d[ée]lib[ée]r[ée]'",
    "presenting_verb": r"r'(?:donne\s+lecture|expose)'",
    "civility": [
        r"r'(?:Madame|Mademoiselle|Messieurs)'",
        r"r'(?:(?:Madame|Monsieur|Mme|M\.)\s+(?:le|la)\s+'",  # people's chair
        r'r"^(?:MM\.?|Mmes\.?|Messieurs|Mesdames)\s+(?P<names>.+)$"',  # attendance's plural
        r'r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMmes)\.(?=\s)"',  # votes' sentence stop
    ],
    "assembly": r"r'\b(?:le|la)\s+(?:conseil\s+(?:municipal|communautaire|communal)|comit[ée]\s+syndical)\b'",
    "assembly_head": r"r'(?:conseil|comit[ée]|bureau|assembl[ée]e)'",
    "decision_verb": r"r'\b(?:d[ée]cide|approuve|accepte|adopte|autorise|valide|vote)\b'",
    "rejecting_verb": r"r'\b(?:d[ée]cide|[ée]lit|refuse|rejette)\b'",
    "cancelling_word": [
        r"r'\b(?:abrog\w*|annul\w*|retir\w*)\s+(?:la|les)\s+'",
        r'r"\b(?:rejet[ée]e?s?|(?:refus|repouss)(?:ée?s?|ees?))\b"',  # votes' REJECTED_BEFORE_RE
    ],
    "agenda": [
        r'r"^[ \t]*(?:[IVX\d]+\W*)?ordre\s+du\s+[ij]our\b.{0,30}$"',  # authority's AGENDA_RE
        r'r"|(?i:ordre\s+du\s+[ji]our)[ \t]*:?[ \t]*$"',  # headings' agenda title
    ],
    "vote_label": r'r"(?:^|(?<=[\n\f]))[ \t]*(?i:votes?)[ \t]*:(?=[ \t]*\S)"',  # segment's
    "exception_of": r"""r"\b(?:à|a)\s+l['’]\s*exception\s+(?:de|des|du)" """,
    "syndicate": r'r"\b(?P<name>(?:Syndicat|SYNDICAT)\s+(?:[Ii]ntercommunal|[Mm]ixte))"',
    "advisory_body": r"r'commission|conseil\s+d['’]\s*[ée]cole'",
    "number_words": [
        r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze)",
        '_NUMBER_WORDS = {"onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15}',
        '"trente": 30,\n    "quarante": 40,',
    ],
}
PACKAGE = NLP.parent
RULE_FILES = sorted(
    [p for p in PACKAGE.rglob("*.py") if "lexicon" not in p.relative_to(PACKAGE).parts]
    + list((NLP / "phrasings").glob("*.toml"))
)


def spelled_in(signature: str) -> list[str]:
    return [
        str(path.relative_to(PACKAGE))
        for path in RULE_FILES
        if re.search(signature, path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_concept_defined_once(name: str) -> None:
    """How to check that a concept lives in one place: no rule module spells it again."""
    allowed = OWNERS.get(name, set()) | STILL_SPELLED.get(name, set())
    offenders = [path for path in spelled_in(SIGNATURES[name]) if path not in allowed]
    home = sorted(OWNERS.get(name, ())) or "the lexicon"
    assert not offenders, f"{name} spelled outside {home} in {offenders}"


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_signature_finds_a_copy(name: str) -> None:
    """Each signature finds the copy a module once held, and its own concept's definition."""
    copies = OLD_COPIES[name]
    for copy in [copies] if isinstance(copies, str) else copies:
        assert re.search(SIGNATURES[name], copy), f"{name}: its old copy {copy!r} goes unseen"


def test_still_spelled_lists_only_real_copies() -> None:
    """A module listed as still spelling a concept does spell it: once its copy is gone, its entry
    goes too, so the list shrinks and cannot hide a new copy in that module."""
    for name, files in STILL_SPELLED.items():
        stale = files - set(spelled_in(SIGNATURES[name]))
        assert not stale, f"{name}: no copy left in {sorted(stale)}: remove them from STILL_SPELLED"


@pytest.mark.parametrize("name", sorted(OWNERS))
def test_owner_holds_its_concept(name: str) -> None:
    """A concept kept by its owner module is spelled there (so its signature can see a copy)."""
    assert set(spelled_in(SIGNATURES[name])) == OWNERS[name]


def test_subsets_and_abbreviations() -> None:
    """A concept's named subset takes its forms from the concept; civility's abbreviations are
    the dotted forms ("M.", "Mme."), where a dot ends no sentence."""
    for concept in lexicon.concepts().values():
        for forms in concept.subsets.values():
            assert forms and set(forms) <= set(concept.forms), concept.name
    plural = re.compile(rf"{lexicon.pattern('civility', subset='plural')}\Z")
    assert all(plural.match(c) for c in ["MM.", "Mmes", "Messieurs", "MESDAMES"])
    assert not any(plural.match(c) for c in ["M.", "Mme", "Monsieur", "Madame"])
    short = lexicon.concepts()["civility"].abbreviations()
    assert {"M", "MM", "Mme", "Mmes", "Mlle", "Mr", "Dr"} <= set(short)
    assert "Monsieur" not in short and "Madame" not in short


# a deliberation's header fields are listed once (schemas/record.py); the scorer, the store and
# any other module take them from there instead of listing them again
HEADER_LIST_RE = re.compile(r"""["']act_id["'][:,\s\w]*["']matter_code["']""")


def test_header_fields_listed_once() -> None:
    from deliberations.schemas import record

    listed = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if HEADER_LIST_RE.search(path.read_text(encoding="utf-8"))
    ]
    assert listed == ["schemas/record.py"], f"header fields listed again in {listed}"
    assert set(record.STORED_HEADER_FIELDS) <= set(record.Deliberation.model_fields)
    assert HEADER_LIST_RE.search('"act_id": str,\n    "matter_code": str,')  # the store's old copy


def test_store_and_scorer_take_the_header_fields() -> None:
    from deliberations import scoring
    from deliberations.schemas.record import HEADER_FIELDS, STORED_HEADER_FIELDS
    from deliberations.store.database import TABLES

    assert scoring.SCALAR_FAMILIES == HEADER_FIELDS
    columns = TABLES["deliberations"]["columns"]
    assert [c for c in columns if c in STORED_HEADER_FIELDS] == list(STORED_HEADER_FIELDS)


# the moved concepts reach the rules that take them: an example and a near miss each
@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Le Bureau syndical, réuni le 3 mars 2021 sous la présidence de M. Paul Martin", True),
        ("Le comité technique, réuni le 3 mars 2021, a donné un avis favorable.", False),
        ("La CAO, réunie le 3 mars 2021, a retenu l'offre.", False),
    ],
)
def test_session_date_and_the_bodies(sentence: str, found: bool) -> None:
    assert (best_session_date(sentence) is not None) is found


@pytest.mark.parametrize(
    ("cell", "status"),
    [("Annulée", True), ("Subvention rapportée", True), ("Refusé", True), ("Rapporteur", False)],
)
def test_grant_status_words(cell: str, status: bool) -> None:
    assert bool(STATUS_RE.search(cell)) is status


@pytest.mark.parametrize(
    ("clause", "cancelled"),
    [
        ("abroge la délibération du 25 mars octroyant à l'Office une ", True),
        ("refuse la subvention demandée par ", True),
        ("le rapporteur présente la subvention accordée à ", False),
    ],
)
def test_cancelled_grant_cue(clause: str, cancelled: bool) -> None:
    assert bool(CANCELLED_BEFORE_RE.search(clause)) is cancelled
