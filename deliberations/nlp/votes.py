"""The vote of a deliberation: outcome, unanimity or majority, counts, and who voted against.

Every phrasing is a named pattern in :data:`VOTE_RULES`; :func:`find_vote` reads them all in a
deliberation's text, drops the near misses (a secretary "désigné à l'unanimité", a quorum
"la majorité des membres en exercice") and assembles the vote that was cast.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from deliberations.nlp import lexicon, phrasings
from deliberations.nlp.cast import NOT_THE_VOTE, not_cast_reason
from deliberations.nlp.found import Found
from deliberations.nlp.numbers_fr import (
    number_words_pattern,
    printed_number_words,
    words_to_number,
)
from deliberations.nlp.people import CIVILITY, DELIBERATED_RE, name_list, person_found

# a count, in figures or in words (numbers_fr's, the only list of French number words), or a
# zero OCR read as a capital letter, alone at its line's end ("Contre : Q", "Abstentions : O") or
# before the next line's words OCR ran into it ("Abstentions : O Philippe X et Y ne participent
# pas au vote"); not an initial, dotted ("Contre : O. Martin")
OCR_ZERO = ("O", "Q")
_NUM = (
    rf"(?P<n>\d{{1,3}}|{number_words_pattern()}"
    rf"|(?-i:[{''.join(OCR_ZERO)}])(?=[ \t]*(?:\n|$)|[ \t]+(?-i:[A-ZÀ-Ý])[^\W\d_]))"
)
_A = r"(?:à|a|À|A)"
# a count printed after its word is a label "Contre : 2", not "25 contre": never before a colon
_NOT_LABEL = r"(?!(?i:\(s\))?\s*:\s*\d)"
_ABST = lexicon.pattern("abstention_word")  # "Abstention", and the common misspelling "Absention"
# where a label "Pour :" / "Contre :" may stand: a line start, after a separator or a bullet, or
# right after the previous count ("Pour : 25 Contre : 2")
_LABEL_AT = r"(?:^|(?<=[\n;:,/(\-–−•\d])|(?<=[\n;:,/(\-–−•\d][ \t])|(?<=[\n;:,/(\-–−•\d][ \t]{2}))"


# Letters an OCR engine reads in place of another, folded (one character for one, so every
# offset stays true) before the rules are matched: a capital T read as "Ï" ("A L'UNANIMIÏE",
# "QUI VOTENT CONÏRE"), a letter French capitals all but never hold. The text itself is not
# changed.
OCR_LOOKALIKES = str.maketrans({"Ï": "T"})


# a question mark between two letters is an OCR engine's unread glyph, most often a capital I in
# text written in capitals ("MUN?CIPAL", "PROPOSIT?ONS"): never a question ending a sentence
UNREAD_GLYPH_RE = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")


@functools.lru_cache(maxsize=4)  # find_vote reads the whole text once per deliberation
def matching_view(text: str) -> str:
    """``text`` as the vote rules read it: OCR look-alikes folded, same length."""
    return UNREAD_GLYPH_RE.sub("I", text.translate(OCR_LOOKALIKES))


@dataclass(frozen=True)
class VoteRule:
    name: str
    kind: str  # unanimous | majority | for | against | abstentions | voters | against_names | abstention_names | adopted | accepted | rejected
    pattern: re.Pattern[str]
    keep: str = (
        "first"  # first: the first count read wins; highest: the highest (an election's winner)
    )
    # for a rule that opens on a count ({NOT_VALUE}\b{NUM}[ \t]+): the words one of which stands
    # right after the count; the rule is then tried only before them (see rule_matches)
    cue: re.Pattern[str] | None = None
    # "rejeté par 7 voix contre 3": after a rejection the first count is the votes against
    swap_if_rejected: bool = False
    # the pattern opens on a line's start (LINE_START): tried there only (see rule_matches)
    line_start: bool = False


def _rule(
    name: str,
    kind: str,
    pattern: str,
    keep: str = "first",
    cue: str = "",
    swap_if_rejected: bool = False,
) -> VoteRule:
    flags = re.IGNORECASE | re.UNICODE
    return VoteRule(
        name,
        kind,
        re.compile(pattern, flags),
        keep,
        re.compile(rf"(?<=[ \t])(?:{cue})", flags) if cue else None,
        swap_if_rejected,
        pattern.startswith(LINE_START),
    )


# a pattern opening so matches only at the text's start or right after a line break
LINE_START = r"(?:^|(?<=\n))"


# between "voix" and "pour" / "contre": spaces, at most one line break ("une voix\ncontre")
_WRAP = r"[ \t]*(?:\n[ \t]*)?"
# a count that is not the value of the label before it: in "Pour : 11 Contre : © …" (an OCR engine's
# unread 0) the 11 is the votes for, not "11 contre"
_VALUE_OF = ("pour", "contre", "abstention", "abstentions", "votants")
_VALUE_GAPS = (":", " :", ": ", " : ", ":\t", " :\t")
# (every label's gap ends in ":", " " or a tab: the thirty look-behinds are read only after one
# of them, not at every character of the text; the same matches, in half the time)
# a number that names a thing, not a count: "avenant n°2 pour sujétions imprévisibles", "lot 1 pour
# un montant", "phase 2 pour la voirie" (the designations of every body's contracts and works)
_ORDINAL_MARKS = ("n°", "nº", "n° ", "nº ", "n°\u00a0", "no ", "lot ", "phase ", "tranche ")
_NOT_ORDINAL = "".join(f"(?<!{re.escape(mark)})" for mark in _ORDINAL_MARKS)
_NOT_VALUE = (
    _NOT_ORDINAL
    + "(?:(?<=[: \t])"
    + "".join(f"(?<!{word}{gap})" for word in _VALUE_OF for gap in _VALUE_GAPS)
    + "|(?<![: \t]))"
)


# a count printed in words after the same count in figures, "16 Seize" (the results table of the
# official record of an election: "Nombre de suffrages obtenus — En chiffres / En toutes lettres")
_IN_WORDS = rf"(?P<w>{number_words_pattern()})"

_FRAGMENTS = {
    "NUM": _NUM,
    "IN_WORDS": _IN_WORDS,
    "A": _A,
    "NOT_LABEL": _NOT_LABEL,
    "ABST": _ABST,
    "LABEL_AT": _LABEL_AT,
    "WRAP": _WRAP,
    "NOT_VALUE": _NOT_VALUE,
}
#: the vote phrasings, from ``phrasings/vote.toml`` (in its order: for one kind, the first read wins)
VOTE_RULES: tuple[VoteRule, ...] = tuple(
    _rule(
        rule.id,
        str(rule.properties["kind"]),
        rule.expand(_FRAGMENTS),
        str(rule.properties.get("keep", "first")),
        rule.model_copy(update={"pattern": str(rule.properties.get("cue", ""))}).expand(_FRAGMENTS),
        bool(rule.properties.get("swap_if_rejected", False)),
    )
    for rule in phrasings.table("vote")
)
# a cue says where the count ends only for a rule that opens on the count
COUNT_FIRST = "{NOT_VALUE}\\b{NUM}[ \\t]+"
for _phrasing in phrasings.table("vote"):
    if "cue" in _phrasing.properties and not _phrasing.pattern.startswith(COUNT_FIRST):
        raise ValueError(
            f"vote rule {_phrasing.id}: a cue needs a pattern opening on {COUNT_FIRST}"
        )

# Where a rule that opens on a count can match, read cheaply (issue 13): the count {NUM} ends
# right before the blanks that precede a cue word, on a figure or on the last letters of a number
# word (the letters after a line break inside it: "cinquan-\nte"); it starts at a word start,
# with nothing between it and its end but the characters number words, blanks and hyphens are
# made of. Only those starts are tried, in order, as finditer would try every position: the
# same matches, without the number-word alternation at every character of the text.
_NUMBER_WORDS = printed_number_words()
_NUM_CHARS_RUN_RE = re.compile(
    r"[\s\d\-" + re.escape("".join(sorted(set("".join(_NUMBER_WORDS) + "et")))) + "]+",
    re.IGNORECASE | re.UNICODE,
)
_NUMBER_WORD_END_RE = re.compile(
    "(?:"
    + "|".join(sorted({re.escape(w[i:]) for w in _NUMBER_WORDS for i in range(len(w))}))
    + ")",
    re.IGNORECASE | re.UNICODE,
)
_LETTERS_RUN_RE = re.compile(r"[^\W\d_]+")
_BLANKS_RUN_RE = re.compile(r"[ \t]+")
_DIGIT_RE = re.compile(r"\d")
_WORD_START_RE = re.compile(r"\b(?=\w)")
_LONGEST_NUMBER_WORD = max(map(len, _NUMBER_WORDS))


@functools.lru_cache(maxsize=4)
def _reversed(text: str) -> str:
    return text[::-1]


def _count_starts(rule: VoteRule, text: str, start: int, end: int) -> list[int]:
    """Every position where ``rule`` (one with a cue) may match in ``text[start:end]``."""
    assert rule.cue is not None
    backwards = _reversed(text)
    size = len(text)
    starts: set[int] = set()
    for cue in rule.cue.finditer(text, start, end):
        blanks = _BLANKS_RUN_RE.match(backwards, size - cue.start())
        if blanks is None:  # pragma: no cover - the cue's look-behind holds a blank
            continue
        count_end = cue.start() - len(blanks.group())
        if count_end <= start:
            continue
        if not _DIGIT_RE.match(text, count_end - 1):
            letters = _LETTERS_RUN_RE.match(backwards, size - count_end)
            if (
                letters is None
                or len(letters.group()) > _LONGEST_NUMBER_WORD
                or not _NUMBER_WORD_END_RE.fullmatch(letters.group()[::-1])
            ):
                continue
        run = _NUM_CHARS_RUN_RE.match(backwards, size - count_end)
        first = max(start, count_end - (len(run.group()) if run else 0))
        starts.update(m.start() for m in _WORD_START_RE.finditer(text, first, count_end))
    return sorted(starts)


_LINE_BREAK_RE = re.compile(r"\n")


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """The positions in ``text[start:end]`` (its end included) where a line starts."""
    starts = [0] if start == 0 else []
    starts += [m.end() for m in _LINE_BREAK_RE.finditer(text, max(start - 1, 0), end)]
    return starts


def rule_matches(rule: VoteRule, text: str, start: int, end: int) -> list[re.Match[str]]:
    """``rule.pattern.finditer(text, start, end)``, the same matches, read faster for a rule
    with a cue or opening on a line's start: tried only where it can match (with IGNORECASE, the
    regex engine would try every character)."""
    if rule.cue is not None:
        positions = _count_starts(rule, text, start, end)
    elif rule.line_start:
        positions = _line_starts(text, start, end)
    else:
        return list(rule.pattern.finditer(text, start, end))
    found: list[re.Match[str]] = []
    after = start  # finditer goes on after the end of the previous match
    for position in positions:
        if position < after:
            continue
        match = rule.pattern.match(text, position, end)
        if match is not None:
            found.append(match)
            after = max(match.end(), position + 1)
    return found


# the outcome said before "par 7 voix contre 3" is the proposal turned down: the first count is
# against it ("Texte rejeté par 7 voix contre 3"); not the council that refuses, by a vote, what
# another body asked ("le conseil refuse, par 10 voix contre 5, …": a decision adopted)
REJECTED_BEFORE_RE = re.compile(
    rf"\b{lexicon.pattern('cancelling_word', subset='turned_down')}\b"
    r"|\bn['’](?:est|a)\s+pas\s+(?:été\s+)?adopt",
    re.IGNORECASE,
)
# an outcome word adopting: "rejetée par le tribunal en 2019, est adoptée par 12 voix contre 3"
# is adopted, the last outcome before the count says which way it goes
ADOPTED_WORD_RE = re.compile(rf"\b{lexicon.pattern('adopted_word')}\b")


def _rejected_last(sentence: str) -> bool:
    """Whether the last outcome word of ``sentence`` turns the proposal down."""
    rejected = [m.start() for m in REJECTED_BEFORE_RE.finditer(sentence)]
    adopted = [m.start() for m in ADOPTED_WORD_RE.finditer(sentence)]
    return bool(rejected) and (not adopted or rejected[-1] > adopted[-1])


COUNT_IN_LABEL_RE = re.compile(r"\d{1,3}")
# the vote named here is a designation, not the deliberation's vote: the secretary named in the
# sentence, or a person "désigné" right before it ("M. X a été désigné à l'unanimité"); not a
# "titulaire désigné par le groupement" further back in the sentence
DESIGNATION_RE = re.compile(r"\bsecrétaire|\bdésign[ée]e?s?[ \t]*,?[ \t]*\Z", re.IGNORECASE)
# "qui", and "oui": an OCR engine's reading of "QUI" in text written in capitals ("SEILLE oui VOTENT
# CONTRE"); "oui votent" is no French otherwise
QUI = r"(?:qui|(?-i:oui))"
# persons listed before "votent contre" / "s'abstiennent"
NAMES_BEFORE_RE = re.compile(
    rf"\b(?:{QUI}\s+)?(?:votent|vote|votant|ont\s+voté|a\s+voté|ayant\s+voté)\s+contre\b"
    rf"|\b(?:{QUI}\s+)?s['’](?:abst(?:iennent|ient|enant)|étant\s+abstenue?s?)\b",
    re.IGNORECASE,
)
# "à l'exception de Madame X, …" right before the persons named: all the others voted as the
# sentence says; "Adopté, sauf par M. X qui s'abstient" the same
# (OCR drops the apostrophe or garbles the word's end: "a lexceptlon de")
EXCEPTION_OF = r"\b(?:à|a)\s+l['’]?\s*excep\w*\s+(?:de|des|du)"
ALL_BUT_RE = re.compile(
    rf"(?:{EXCEPTION_OF}|\bsauf(?:\s+par)?)\s+(?:{CIVILITY}\.?\s*)?\Z",
    re.IGNORECASE,
)
# "à l'exception de Mme X, M. Y qui ne prennent pas part au vote, accepte": those named cast no vote,
# every vote cast was for (the verb left open: an OCR engine garbles it, "ne ppewwewT pas part")
NOT_VOTING_RE = re.compile(
    rf"\b{QUI}\s+ne\s+[^\W\d_]+\s+pas\s+(?:part\s+)?au\s+vote\b", re.IGNORECASE
)
EXCEPTED_RE = re.compile(rf"{EXCEPTION_OF}\b", re.IGNORECASE)
# the end of the sentence before such a phrase; the dot of a civility ("M.", "MM.") is no end
SENTENCE_STOP_RE = re.compile(
    "".join(rf"(?<!\b{short})" for short in lexicon.concepts()["civility"].abbreviations())
    + r"\.(?=\s)|[:;]"
    r"|\n[ \t]*\n(?![ \t]*[A-ZÉÈ]{2,}[ ,])"  # a blank line, unless a list in capitals goes on
)
# where the list of those persons may start in that sentence: after a comma or a bracket, or at
# a civility ("Adopté à la majorité, Mme X et M. Y ayant voté contre")
LIST_START_RE = re.compile(rf"(?<=[,(])|(?={CIVILITY}[ \t])")


@dataclass
class VoteFacts:
    """The vote read from a deliberation, with the statements it was read from."""

    result: str | None = None
    unanimous: bool | None = None
    for_: int | None = None
    against: int | None = None
    abstentions: int | None = None
    voters: int | None = None
    against_names: list[Found] = field(default_factory=list)
    abstention_names: list[Found] = field(default_factory=list)
    # each statement read, as printed (field "vote", the rule that read it)
    statements: list[Found] = field(default_factory=list)
    unanimity_and_counts_disagree: bool = False
    unanimity_stated: bool = False
    # "le conseil, à l'exception de X qui s'abstient, accepte": every vote cast was for
    all_others_for: bool = False
    rules: list[str] = field(
        default_factory=list
    )  # the rules (phrasings/vote.toml) that read a fact

    @property
    def found(self) -> bool:
        return bool(self.statements)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where the statements stand."""
        return [(s.start, s.end) for s in self.statements]

    @property
    def counts_consistent(self) -> bool | None:
        """pour + contre + abstentions = votants, when the document prints them."""
        if self.voters is None or self.for_ is None:
            return None
        return self.for_ + (self.against or 0) + (self.abstentions or 0) == self.voters


def _count(match: re.Match[str]) -> int | None:
    raw = match.group("n")
    if raw in OCR_ZERO:
        return 0
    return int(raw) if raw.isdigit() else words_to_number(raw)


def _same_in_words(match: re.Match[str]) -> bool:
    """A count printed in figures and again in words ({IN_WORDS}) says the same number twice."""
    words = match.groupdict().get("w")
    return words is None or words_to_number(words) == _count(match)


def _sentence_before(text: str, position: int, limit: int = 160) -> str:
    start = max(0, position - limit)
    chunk = text[start:position]
    cut = max(chunk.rfind("."), chunk.rfind("\n\n"), chunk.rfind(";"))
    return chunk[cut + 1 :] if cut >= 0 else chunk


def _names_before(text: str, position: int) -> list[Found]:
    """Persons listed just before a "votent contre" / "s'abstiennent" phrase."""
    start = max(0, position - 300)
    for stop in SENTENCE_STOP_RE.finditer(text, start, position):
        start = stop.end()
    candidates = [start] + [m.start() for m in LIST_START_RE.finditer(text, start, position)]
    for candidate in candidates:
        people = name_list(text, candidate, position)
        if people and not text[people[-1].end : position].strip():
            return people
    return []


# persons named by their initials in the brackets after a count, "5 Abstentions (V. BORROMEÏ,
# M. L. CASTELLI, F. DEMUYNCK et M. SIMEON)": the initials kept (an "M." among them is an
# initial, not "Monsieur", when another person of the list has another one)
# an initial's dot read as a comma by OCR ("F, DEMUYNCK"), a line break after it ("V.\nBORROMEÏ"),
# two initials run together without their dots ("ML CASTELLI"): a scanned comptes-rendus' OCR
_INITIALS_NAME = (
    r"(?:(?:\b[A-ZÀ-Ý][.,][ \t]*\n?[ \t]*){1,3}|\b[A-ZÀ-Ý]{2}[ \t]+(?=[A-ZÀ-ÝÏ]{3}))"
    r"[A-ZÀ-ÝÏ][A-ZÀ-ÝÏ'’\-]+(?:[ \t]+[A-ZÀ-ÝÏ][A-ZÀ-ÝÏ'’\-]+)*"
)
# the items separated by commas or "et", over a line's end or a blank line (an OCR text's)
INITIALS_LIST_RE = re.compile(
    rf"[ \t]*({_INITIALS_NAME})((?:\s*(?:,|\bet\b)\s*{_INITIALS_NAME})*)[ \t]*"
    # the bracket closed, or left open by the sentence going on in lower case ("… et M. SIMEON,
    # tel que présenté")
    r"(?:\)|,(?=[ \t]+[a-zà-ÿ]))"
)
_INITIALS_ITEM_RE = re.compile(_INITIALS_NAME)


def _initials_list(text: str, position: int, end: int, printed: str) -> list[Found]:
    """The persons of "(V. BORROMEÏ, M. L. CASTELLI et M. SIMEON)" from after the bracket;
    ``printed`` the text as printed (``text`` folds OCR look-alikes: "Ï" is no "T" in a name)."""
    listed = INITIALS_LIST_RE.match(text, position, end)
    if not listed:
        return []
    items = list(_INITIALS_ITEM_RE.finditer(text, listed.start(1), listed.end(2)))
    if len(items) < 2 or all(item.group().startswith("M.") for item in items):
        return []  # "(M. DUPONT, M. MARTIN)": civilities, read by name_list
    return [
        person_found(
            INITIAL_COMMA_RE.sub(r"\1.", " ".join(printed[m.start() : m.end()].split())),
            m.start(),
            m.end(),
        )
        for m in items
    ]


INITIAL_COMMA_RE = re.compile(r"\b([A-ZÀ-Ý]),(?= )")  # "F, DEMUYNCK" printed "F. DEMUYNCK"


MONEY_ON_LINE_RE = re.compile(r"\d[\d \u00a0.,]*\s?(?:€|euros?\b|EUR\b)", re.IGNORECASE)
ROW_CONTINUATION_CHARS = 40


# a line holding nothing but a count: the end of a table row wrapped onto the next line
COUNT_ONLY_LINE_RE = re.compile(
    r"^\s*(?:\d{1,3}\s+(?:abstentions?|contre|pour|ne\s+prend|votes?\s+\w+)[^\n]{0,30}|unanimit[ée]|vote\s+report[ée])\s*$",
    re.IGNORECASE,
)


WORD_RE = re.compile(r"[^\W\d_]+")
RUNNING_TEXT_WORDS = (
    14  # a line of this many words or more, most of them in lower case, is a sentence
)


def _running_text(line: str) -> bool:
    words = WORD_RE.findall(line)
    return len(words) >= RUNNING_TEXT_WORDS and sum(w.islower() for w in words) > len(words) / 2


def in_table_row(text: str, position: int) -> bool:
    """A vote written in a row of a table of sums ("Bols d'air 400 € 400 € Unanimité",
    "Festival 1 200 € 4 abstentions\n2 contre"): a vote on one line of the deliberation, not
    the deliberation's own vote."""
    line_start = max(text.rfind("\n", 0, position), text.rfind("\f", 0, position)) + 1
    ends = [i for i in (text.find("\n", position), text.find("\f", position)) if i >= 0]
    line = text[line_start : min(ends) if ends else len(text)]
    if _running_text(line):
        return False  # a sentence that states the vote and then a sum ("… à la majorité, fixe le prix à 3,20 €")
    for _ in range(4):
        if MONEY_ON_LINE_RE.search(line):
            return True
        if (
            len(line.strip()) > ROW_CONTINUATION_CHARS
            or line_start == 0
            or not COUNT_ONLY_LINE_RE.match(line)
        ):
            return False
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous_start : line_start - 1]
        if not line.strip():
            return False
        line_start = previous_start
    return False


def find_vote(text: str, start: int = 0, end: int | None = None) -> VoteFacts:
    """The vote cast on the deliberation in ``text[start:end]``."""
    end = len(text) if end is None else end
    printed, text = text, matching_view(text)
    facts = VoteFacts()
    adopted_seen = False
    unanimity_at = end  # where the unanimity read was stated
    bare_counts = 0  # counts alone on their lines: several are the votes each list or candidate got
    from_rule: dict[str, str] = {}  # the rule that read each count
    for rule in VOTE_RULES:
        for match in rule_matches(rule, text, start, end):
            if rule.kind in {"unanimous", "majority"} and DESIGNATION_RE.search(
                _sentence_before(text, match.start())
            ):
                continue
            if rule.kind == "adopted":
                adopted_seen = True
                if rule.name not in facts.rules:
                    facts.rules.append(rule.name)
                continue
            if in_table_row(text, match.start()):
                continue
            if not _same_in_words(match):
                continue  # "16 Quinze": not one count printed twice
            if not_cast_reason(text, match.start(), match.end()) in NOT_THE_VOTE:
                continue  # quoted in a recital, or an advisory body's opinion
            span = (match.start(), match.end())
            if rule.kind == "unanimous" and facts.unanimous is None:
                facts.unanimous = True
                facts.unanimity_stated = True
                unanimity_at = match.start()
            elif rule.kind == "majority" and facts.unanimous is None:
                facts.unanimous = False
            elif (
                rule.kind == "majority"
                and facts.unanimity_stated
                and match.start() < unanimity_at
                and not_cast_reason(text, match.start(), match.end()) is None
            ):
                # "adopté … à la Majorité, par 22 voix Pour et 5 Abstentions … chapitre 65 : Adopté
                # à l'Unanimité": the first statement is the deliberation's, the later one a part's
                facts.unanimous = False
                facts.unanimity_stated = False
            elif rule.kind == "rejected":
                facts.result = "rejected"
            elif rule.kind == "accepted":
                adopted_seen = (
                    True  # "… accepte cette proposition": adopted; the span is its evidence
                )
            elif rule.kind in {"for", "against", "abstentions", "voters"}:
                kind = rule.kind
                if rule.swap_if_rejected and _rejected_last(_sentence_before(text, match.start())):
                    kind = "against" if kind == "for" else "for"
                attr = "for_" if kind == "for" else kind
                if rule.name == "line_votes":
                    bare_counts += 1
                count = _count(match)
                if getattr(facts, attr) is not None:
                    if not (rule.keep == "highest" and from_rule.get(attr) == rule.name):
                        continue
                    if count is None or count <= getattr(facts, attr):
                        continue
                setattr(facts, attr, count)
                from_rule[attr] = rule.name
            elif rule.kind in {"against_names", "abstention_names"}:
                people = name_list(text, match.end(), end, title_case=True)
                if match.group(0).rstrip().endswith("("):
                    people = _initials_list(text, match.end(), end, printed) or people
                label_count = COUNT_IN_LABEL_RE.search(match.group(0))
                if label_count and int(label_count.group()) > 0:
                    # "Contre : 3, Mme A, M. B, Mme C\n\nM. D précise …": three names, not four
                    people = people[: int(label_count.group())]
                if not people:
                    continue
                target = (
                    facts.against_names if rule.kind == "against_names" else facts.abstention_names
                )
                if target:
                    continue
                target.extend(people)
                span = (match.start(), people[-1].end)
            else:
                continue
            facts.statements.append(_statement(printed, *span, rule.name))
            facts.rules.append(rule.name)
    for match in NAMES_BEFORE_RE.finditer(text, start, end):
        people = _names_before(text, match.start())
        if not people:
            continue
        abstaining = "abst" in match.group(0).lower()
        target = facts.abstention_names if abstaining else facts.against_names
        if not target:
            target.extend(people)
            facts.statements.append(
                _statement(printed, people[0].start, match.end(), "names_before")
            )
            if abstaining and ALL_BUT_RE.search(
                text, max(start, people[0].start - 40), people[0].start
            ):
                facts.all_others_for = True
    for match in NOT_VOTING_RE.finditer(text, start, end):
        sentence_start = max(start, match.start() - 300)
        for stop in SENTENCE_STOP_RE.finditer(text, sentence_start, match.start()):
            sentence_start = stop.end()
        if EXCEPTED_RE.search(text, sentence_start, match.start()):
            facts.all_others_for = True
            facts.statements.append(
                _statement(printed, match.start(), match.end(), "excepted_not_voting")
            )
    if bare_counts > 1 and facts.unanimous is None and facts.against is None:
        facts.unanimous = False  # "Liste A : 23 VOIX / Liste B : 6 VOIX": the votes were split
    _settle(facts, adopted_seen)
    return facts


def _statement(text: str, start: int, end: int, rule_id: str) -> Found:
    return Found("vote", text[start:end], start, end, rule_id)


def _settle(facts: VoteFacts, adopted_seen: bool) -> None:
    """Derive what the counts imply; flag, never fix, what does not add up."""
    counted = facts.for_ is not None or facts.against is not None
    if counted:
        against = facts.against or 0
        if facts.unanimous is None:
            facts.unanimous = against == 0 and (facts.for_ or 0) > 0
        elif facts.unanimous and against > 0:
            facts.unanimity_and_counts_disagree = True
        if facts.result is None and facts.for_ is not None:
            facts.result = "adopted" if facts.for_ > against else "rejected"
    if facts.unanimity_stated and (
        facts.against_names or facts.abstentions or facts.abstention_names
    ):
        # "à l'unanimité" and, a line later, "Vote : 2 abstentions (…)": both kept, flagged
        facts.unanimity_and_counts_disagree = True
    elif facts.against_names and facts.unanimous is None:
        facts.unanimous = False  # someone named as voting against: not unanimous
    if (
        facts.all_others_for
        and facts.unanimous is None
        and not facts.against_names
        and not facts.against
        and facts.result != "rejected"
    ):
        # "à l'exception de X, Y qui s'abstiennent, accepte": every vote cast was for (abstentions
        # are no votes cast)
        facts.unanimous = True
    if facts.result is None and (adopted_seen or (facts.found and facts.unanimous is not None)):
        facts.result = "adopted"


# "Le conseil municipal après en avoir délibéré, vote les crédits": a decision, maybe with no count


def deliberation_formulas(text: str) -> list[tuple[int, int]]:
    """Spans of "après en avoir délibéré": a decision taken, whether or not a count follows."""
    return [(m.start(), m.end()) for m in DELIBERATED_RE.finditer(text)]


STATEMENT_KINDS = {
    "unanimous",
    "majority",
    "for",
    "against",
    "abstentions",
    "voters",
    "accepted",
    "rejected",
}
# "ADOPTÉ", "Adoptée." standing alone on a line: the outcome of the item above
ADOPTED_LINE_RE = re.compile(
    r"(?:^|(?<=[\n\f]))[ \t]*(?:[⇒=>*♦-]+[ \t]*)?(?:\*\*)?(?:ADOPT[ÉE]E?S?|Adopt[ée]e?s?|APPROUV[ÉE]E?S?)\b[^\n]{0,60}$",
    re.MULTILINE | re.UNICODE,
)


def vote_statements(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of every statement of a vote cast (not a designation, not a quorum), in order."""
    return list(_vote_statements(text, start, end))


@functools.lru_cache(maxsize=4)  # read two or three times per document (kind, segments)
def _vote_statements(text: str, start: int, end: int | None) -> tuple[tuple[int, int], ...]:
    end = len(text) if end is None else end
    text = matching_view(text)
    spans: list[tuple[int, int]] = []
    for rule in VOTE_RULES:
        if rule.kind not in STATEMENT_KINDS:
            continue
        for match in rule_matches(rule, text, start, end):
            if rule.kind in {"unanimous", "majority"} and DESIGNATION_RE.search(
                _sentence_before(text, match.start())
            ):
                continue
            if in_table_row(text, match.start()):
                continue
            spans.append((match.start(), match.end()))
    spans += [(m.start(), m.end()) for m in ADOPTED_LINE_RE.finditer(text, start, end)]
    # "… MESSIEURS SIRI, HUET QUI VOTENT CONTRE, ACCEPTE CETTE PROPOSITION"
    spans += [
        (m.start(), m.end())
        for m in NAMES_BEFORE_RE.finditer(text, start, end)
        if _names_before(text, m.start()) and _states_a_vote(text, m)
    ]
    return tuple(sorted(spans))


# with "X s'abstient", the words that make it a vote statement and not a member's remark in the
# debate ("Monsieur X s'abstient car il n'est pas d'accord avec le montant")
CLAUSE_END_RE = re.compile(r"[.;\n]")
OUTCOME_RE = re.compile(
    r"adopt|accept|approuv|unanim|majorit|d[ée]cid|\bvot|\bpour\b|\bcontre\b", re.IGNORECASE
)


def _states_a_vote(text: str, match: re.Match[str]) -> bool:
    """ "qui votent contre" is a vote; "s'abstient" only in a sentence that states the outcome
    ("Adopté, sauf par M. X qui s'abstient")."""
    if "abst" not in match.group(0).lower():
        return True
    after = text[match.end() : match.end() + 160]
    stop = CLAUSE_END_RE.search(after)
    sentence = _sentence_before(text, match.start()) + after[: stop.start() if stop else len(after)]
    return OUTCOME_RE.search(sentence) is not None
