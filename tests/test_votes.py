"""The vote of a deliberation (deliberations.nlp.votes): each phrasing next to a near miss."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from deliberations.nlp.cast import not_cast_reason
from deliberations.nlp.segment import decisions, segments
from deliberations.nlp.votes import VoteFacts, find_vote, vote_statements

DEV = Path(__file__).parent / "data" / "dev"


def _spans(text: str, facts: VoteFacts) -> list[str]:
    return [text[start:end] for start, end in facts.spans]


# (phrase, result, unanimous, the text each vote span points at)
OUTCOMES = [
    (
        "Le Conseil municipal, après en avoir délibéré, adopte à l'unanimité.",
        "adopted",
        True,
        ["à l'unanimité"],
    ),
    ("ADOPTE A L'UNANIMITE", "adopted", True, ["A L'UNANIMITE"]),
    ("Décision adoptée a l'unanimité", "adopted", True, ["a l'unanimité"]),  # OCR lost the accent
    ("La délibération est adoptée unanimement.", "adopted", True, ["unanimement"]),
    (
        "Après en avoir délibéré, le Conseil adopte à la majorité des suffrages exprimés.",
        "adopted",
        False,
        ["à la majorité"],
    ),
    ("Après en avoir délibéré, la délibération est rejetée.", "rejected", None, ["est rejetée"]),
    ("Le projet de délibération n'est pas adopté.", "rejected", None, ["n'est pas adopt"]),
]


@pytest.mark.parametrize(("phrase", "result", "unanimous", "spans"), OUTCOMES)
def test_outcome(phrase: str, result: str, unanimous: bool | None, spans: list[str]) -> None:
    facts = find_vote(phrase)
    assert facts.result == result
    assert facts.unanimous is unanimous
    assert _spans(phrase, facts) == spans


# (phrase, for, against, abstentions, voters, unanimous, counts_consistent)
COUNTS = [
    ("Vote : 14 pour / 0 contre / 0 abstention", 14, 0, 0, None, True, None),
    ("11 votes pour 2 abstentions", 11, None, 2, None, True, None),
    ("2 votes contre 1 abstention 9 votes pour", 9, 2, 1, None, False, None),
    ("25 voix pour, 3 voix contre", 25, 3, None, None, False, None),
    ("Pour : 25 Contre : 2 Abstentions : 1 Votants : 28", 25, 2, 1, 28, False, True),
    ("Pour : 25\nContre : 2\nAbstentions : 1\nVotants : 28", 25, 2, 1, 28, False, True),
    ("- Pour : 25\n- Contre : 0\n- Abstentions : 0\n- Votants : 25", 25, 0, 0, 25, True, True),
    # does not add up: flagged, never fixed
    ("Pour : 25 Contre : 2 Abstentions : 1 Votants : 30", 25, 2, 1, 30, False, False),
    ("vingt-cinq voix pour", 25, None, None, None, True, None),
]


@pytest.mark.parametrize(
    ("phrase", "for_", "against", "abstentions", "voters", "unanimous", "consistent"), COUNTS
)
def test_counts(
    phrase: str,
    for_: int | None,
    against: int | None,
    abstentions: int | None,
    voters: int | None,
    unanimous: bool,
    consistent: bool | None,
) -> None:
    facts = find_vote(phrase)
    assert (facts.for_, facts.against, facts.abstentions, facts.voters) == (
        for_,
        against,
        abstentions,
        voters,
    )
    assert facts.unanimous is unanimous
    assert facts.counts_consistent is consistent
    assert facts.result == ("adopted" if for_ > (against or 0) else "rejected")
    # every span holds one of the printed counts, as a whole number ("2" is not read in "25")
    printed = {str(n) for n in (for_, against, abstentions, voters) if n is not None}
    spans = _spans(phrase, facts)
    assert spans, "no evidence span for the counts read"
    for span in spans:
        assert (
            any(re.search(rf"(?<!\d){n}(?!\d)", span) for n in printed) or "vingt-cinq" in span
        ), span


def test_label_count_is_not_read_as_the_previous_count() -> None:
    """In "Pour : 25 Contre : 2" the 25 is the votes for, not "25 contre"."""
    text = "Pour : 25 Contre : 2 Abstentions : 1"
    facts = find_vote(text)
    assert _spans(text, facts) == ["Pour : 25", "Contre : 2", "Abstentions : 1"]


def test_votes_rejected_by_counts() -> None:
    facts = find_vote("Pour : 10 Contre : 15 Abstentions : 2 Votants : 27")
    assert facts.result == "rejected"
    assert facts.counts_consistent is True


def test_a_proposal_turned_down_not_one_put_off() -> None:
    """ "repoussée par 12 voix contre 3" turns the proposal down; near miss: "repoussé à la
    prochaine séance par 12 voix contre 3" puts it off, and the postponement is adopted."""
    down = find_vote("La proposition est repoussée par 12 voix contre 3.")
    assert (down.result, down.for_, down.against) == ("rejected", 3, 12)
    put_off = find_vote(
        "L'examen du dossier est repoussé à la prochaine séance par 12 voix contre 3."
    )
    assert put_off.result != "rejected" and put_off.against != 12


# (phrase, against names, abstention names)
NAMES = [
    (
        "ADOPTE A LA MAJORITE, Contre : Mme ACS - M. HENRI - M. NIEUVIART – M. CAUX",
        ["ACS", "HENRI", "NIEUVIART", "CAUX"],
        [],
    ),
    ("CONTRE : 1 (Mme DEFOSSEZ)", ["DEFOSSEZ"], []),
    (
        "Abstentions : 3 (Mme DEBUISSER, M. THUILLIER, M. LEBLANC)",
        [],
        ["DEBUISSER", "THUILLIER", "LEBLANC"],
    ),
    ("Adopté à la majorité. MM. DURAND et MARTIN votent contre.", ["DURAND", "MARTIN"], []),
    ("Adopté à la majorité. Mme LEROY s'abstient.", [], ["LEROY"]),
    (
        "Adopté à la majorité, Mme Claire DUBOIS et M. Paul BERNARD ayant voté contre. "
        "M. Jean PETIT s'abstient.",
        ["Claire DUBOIS", "Paul BERNARD"],
        ["Jean PETIT"],
    ),
    ("ADOPTE A LA MAJORITE, M. DURAND et Mme LEROY s'étant abstenus.", [], ["DURAND", "LEROY"]),
    ("Mme DUBOIS, M. BERNARD et M. PETIT votent contre.", ["DUBOIS", "BERNARD", "PETIT"], []),
]


@pytest.mark.parametrize(("phrase", "against", "abstaining"), NAMES)
def test_names(phrase: str, against: list[str], abstaining: list[str]) -> None:
    facts = find_vote(phrase)
    assert [p.value for p in facts.against_names] == against
    assert [p.value for p in facts.abstention_names] == abstaining
    # each name's span is the name as printed, civility dropped
    for person in facts.against_names + facts.abstention_names:
        assert phrase[person.start : person.end] == person.value
    if against:
        assert facts.unanimous is False


def test_count_and_names_together() -> None:
    text = "CONTRE : 1 (Mme DEFOSSEZ)"
    facts = find_vote(text)
    assert facts.against == 1
    assert [p.value for p in facts.against_names] == ["DEFOSSEZ"]
    assert "CONTRE : 1" in _spans(text, facts)


def test_unanimity_contradicted_by_names_is_flagged() -> None:
    facts = find_vote("Adopté à l'unanimité. Contre : M. DURAND")
    assert facts.unanimous is True
    assert facts.unanimity_and_counts_disagree is True


# near misses: a vote word that is not the deliberation's vote
NEAR_MISSES = [
    # the secretary's designation
    "M. CUGIER, conformément aux dispositions de l'article L. 2121-15 du Code général des "
    "collectivités territoriales, a été désigné à l'unanimité des Conseillers présents, pour "
    "remplir ces fonctions qu'il a acceptées.",
    "Monsieur DUPONT est désigné secrétaire de séance à l'unanimité.",
    # the quorum
    "Les conseillers présents formant la majorité des membres en exercice, lesquels sont au "
    "nombre de trente-neuf.",
    # prose
    "Le parc est majoritairement composé d'anciennes maisons ouvrières.",
    "Une grande majorité de collèges des quartiers prioritaires apparaissent peu attractifs.",
    "La délibération sera votée lors du prochain conseil.",
    # an advisory body's opinion, named as such before the unanimity (issue 10)
    "Avis favorable à l'unanimité de la commission des finances.",
    "Commission Finances du 5 mars 2024 : avis favorable à l'unanimité",
    "Avis du comité social territorial : favorable à l'unanimité des représentants.",
    "Après avis favorable de la commission des finances, réunie le 3 mars, à l'unanimité, il est "
    "proposé au conseil d'approuver le budget.",
]


@pytest.mark.parametrize("phrase", NEAR_MISSES)
def test_near_miss_is_not_a_vote(phrase: str) -> None:
    facts = find_vote(phrase)
    assert facts.unanimous is None
    assert facts.result is None
    assert facts.spans == []


def test_secretary_unanimity_does_not_hide_the_vote() -> None:
    text = (
        "M. CUGIER a été désigné à l'unanimité des Conseillers présents.\n\n"
        "Le Conseil, après en avoir délibéré, adopte à la majorité.\nContre : M. HENRI"
    )
    facts = find_vote(text)
    assert facts.unanimous is False
    assert [p.value for p in facts.against_names] == ["HENRI"]
    assert text[facts.spans[0][0] : facts.spans[0][1]] == "à la majorité"


def test_window() -> None:
    """Only ``text[start:end]`` is read."""
    text = "Adopté à l'unanimité.\n\nAdopté à la majorité."
    cut = text.index("\n\n")
    assert find_vote(text, 0, cut).unanimous is True
    assert find_vote(text, cut).unanimous is False


def _gold(stem: str) -> dict:
    return json.loads((DEV / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


DEV_DELIBERATIONS = [
    p for p in sorted((DEV / "text").glob("*.txt")) if _gold(p.stem)["kind"] == "deliberation"
]


def test_the_dev_set_has_deliberations_to_read() -> None:
    assert len(DEV_DELIBERATIONS) >= 4


@pytest.mark.parametrize("path", DEV_DELIBERATIONS, ids=lambda p: p.stem[:3])
def test_dev_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    gold = _gold(path.stem)
    segment = segments(text)[0]
    facts = find_vote(text, segment.start, segment.end)
    vote = gold["deliberations"][0]["vote"]
    assert facts.result == vote["result"]
    assert facts.unanimous is vote["unanimous"]
    assert [p.value for p in facts.against_names] == vote["against_names"]
    assert [p.value for p in facts.abstention_names] == vote["abstention_names"]
    for person in facts.against_names:
        assert text[person.start : person.end] == person.value
    assert not facts.unanimity_and_counts_disagree


def test_dev_000_seven_names() -> None:
    path = next((DEV / "text").glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    facts = find_vote(text)
    assert len(facts.against_names) == 7
    assert [p.value for p in facts.against_names] == _gold(path.stem)["deliberations"][0]["vote"][
        "against_names"
    ]
    assert any(text[s:e] == "A LA MAJORITE" for s, e in facts.spans)


# The votes people actually write (issue "Real documents", item 2), each with what it must give:
# (text, unanimous, for, against, abstentions, against names, abstention names, flagged)
WRITTEN_VOTES = [
    ("Vote : 14 pour / 0 contre / 0 abstention", True, 14, 0, 0, [], [], False),
    ("11 votes pour 2 abstentions", True, 11, None, 2, [], [], False),
    ("2 votes contre 1 abstention 9 votes pour", False, 9, 2, 1, [], [], False),
    (
        "Vote :\n- Pour : 15\n- Abstentions : 3 (Mme DEBUISSER, M. THUILLIER, M. LEBLANC)",
        True,
        15,
        None,
        3,
        [],
        ["DEBUISSER", "THUILLIER", "LEBLANC"],
        False,
    ),
    ("Pour : 17\nCONTRE : 1 (Mme DEFOSSEZ)", False, 17, 1, None, ["DEFOSSEZ"], [], False),
    (
        "Adopté à l'unanimité.\nVote : 2 abstentions (M. DUPONT, Mme DURAND)",
        True,
        None,
        None,
        2,
        [],
        ["DUPONT", "DURAND"],
        True,
    ),
    # the names after the count and a comma, the list going on over a line after ", et"
    (
        "Vote :\n\n− Pour : 12\n\n− Contre : 2, Monsieur MARTIN, Madame ROUX\n\n− Abstentions : 4, Madame PETIT, "
        "et Monsieur\nLEGRAND, Monsieur BLANC, Madame NOIR en raison du montant\n\nClub de judo 700 €",
        False,
        12,
        2,
        4,
        ["MARTIN", "ROUX"],
        ["PETIT", "LEGRAND", "BLANC", "NOIR"],
        False,
    ),
    (
        "LE CONSEIL MUNIC?PAL, à la majorité, MESSIEURS S?RI, HUET, LEFRANC qui VOTENT CONTRE, adopte.",
        # the OCR engine's unread glyph between two letters is read as the I it stands for
        False,
        None,
        None,
        None,
        ["SIRI", "HUET", "LEFRANC"],
        [],
        False,
    ),
    # OCR that reads a capital T as "Ï": the rules read it through the fold, names included
    (
        "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME DURAND QUI VOTE CONTRE, ùccepÏe CES PROPOSITIONS",
        False,
        None,
        None,
        None,
        ["DURAND"],
        [],
        False,
    ),
    (
        "LE CONSEIL MUNICIPAL, A L'UNANIMIÏE, ACCEPÏE CEÏÏE PROPOSIÏION",
        True,
        None,
        None,
        None,
        [],
        [],
        False,
    ),
    (
        "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME DURAND, MESSIEURS BRUNEÏ, LEROUX QUI VOTENT\n"
        "CONÏRE, ACCEPTE CES PROPOSITIONS",
        False,
        None,
        None,
        None,
        ["DURAND", "BRUNET", "LEROUX"],
        [],
        False,
    ),
]


@pytest.mark.parametrize(
    (
        "text",
        "unanimous",
        "for_",
        "against",
        "abstentions",
        "against_names",
        "abstention_names",
        "flagged",
    ),
    WRITTEN_VOTES,
)
def test_votes_as_councils_write_them(
    text, unanimous, for_, against, abstentions, against_names, abstention_names, flagged
) -> None:
    vote = find_vote(text)
    assert (vote.unanimous, vote.for_, vote.against, vote.abstentions) == (
        unanimous,
        for_,
        against,
        abstentions,
    )
    assert [p.value for p in vote.against_names] == against_names
    assert [p.value for p in vote.abstention_names] == abstention_names
    assert vote.unanimity_and_counts_disagree is flagged
    assert vote.result == "adopted"


def test_a_count_alone_on_its_line_is_the_votes_for() -> None:
    vote = find_vote("Coopérative scolaire : 600€\nCycloclub : 230€\n13 votes\n\n4/ Présentation")
    assert (vote.for_, vote.against, vote.unanimous, vote.result) == (13, None, True, "adopted")
    # an election between lists: the votes split, the first count is the winner's
    vote = find_vote(
        "ONT OBTENU : LISTE A :\nLISTE B :\n23 VOIX\n6 VOIX\nSONT DÉCLARÉS ÉLUS : M. X"
    )
    assert (vote.for_, vote.unanimous) == (23, False)
    # near misses: a candidate's votes, blank votes, a count in a sentence
    for text in (
        "Mme DURAND : 13 voix\nM. PETIT : 2 voix",
        "3 votes blancs",
        "Il a obtenu 13 voix au second tour.",
    ):
        assert find_vote(text).for_ is None, text


def test_the_council_accepting_the_proposal_is_the_decision() -> None:
    """ "Le conseil …, accepte cette proposition" states the decision even with no count: it
    anchors an item of the minutes (vote_statements) and says the outcome."""
    text = (
        "Le Conseil Municipal, après en avoir délibéré et à l'exception de M. Petit qui ne prend\n"
        "pas part au vote, accepte cette proposition."
    )
    vote = find_vote(text)
    # the one member named cast no vote: every vote cast was for (NOTES-consistency, rule 3)
    assert vote.result == "adopted" and vote.unanimous is True
    assert [text[a:b] for a, b in vote_statements(text)] == [text[:-1]]
    # near misses: the proposal put to the council, a past decision told, no decision
    for near_miss in (
        "Il est proposé au conseil municipal d'approuver ces propositions.",
        "Le conseil municipal avait accepté cette proposition lors de sa séance du 3 mars.",
        "Le conseil municipal examine ces propositions en commission.",
    ):
        assert vote_statements(near_miss) == [], near_miss
        assert find_vote(near_miss).spans == [], near_miss


def test_a_table_of_the_vote_one_label_and_count_a_line() -> None:
    vote = find_vote("Pour 8\n Abstention 1 Denis DECHOUX\n Contre 0\n2) Plan de financement")
    assert (vote.for_, vote.against, vote.abstentions) == (8, 0, 1)
    assert [p.value for p in vote.abstention_names] == ["Denis DECHOUX"]
    # near miss: a count at a line's end is not the count of the next line's label
    vote = find_vote("Pour 9\n Abstention 0\n Contre 0")
    assert (vote.for_, vote.abstentions, vote.against) == (9, 0, 0)


def test_a_reason_after_the_count_is_no_name() -> None:
    vote = find_vote("Vote :\n- Pour : 12\n- Abstentions : 3, en raison du montant demandé")
    assert (vote.abstentions, vote.abstention_names) == (3, [])


def test_the_names_listed_after_a_count_are_that_many() -> None:
    vote = find_vote(
        "Vote :\n− Pour : 16\n− Contre : 3, Madame HUDIN, Monsieur GOSSE, Madame DANTE\n\n"
        "Monsieur BARRET précise qu'il est favorable à toute autre aide."
    )
    assert [p.value for p in vote.against_names] == ["HUDIN", "GOSSE", "DANTE"]
    # near miss: with no count printed the list is read to its end
    vote = find_vote("Contre : Madame HUDIN, Monsieur GOSSE\nAdopté.")
    assert [p.value for p in vote.against_names] == ["HUDIN", "GOSSE"]


def test_a_member_explaining_an_abstention_in_the_debate_is_no_vote_statement() -> None:
    remark = "Monsieur Paul MARTIN s'abstient car il n'est pas d'accord avec le montant."
    assert vote_statements(remark) == []
    # near miss: the outcome stated with the abstention is a vote
    stated = "Adopté, sauf par M. Paul MARTIN qui s'abstient."
    assert vote_statements(stated) != []
    assert [p.value for p in find_vote(stated).abstention_names] == ["Paul MARTIN"]


@pytest.mark.parametrize(
    "sentence",
    [
        # "X s'abstient" is a vote statement in a sentence that states the outcome, whichever
        # word states it: the vote itself, the votes for, the votes against
        "Monsieur DURAND s'abstient lors du vote.",
        "Monsieur DURAND s'abstient ; 12 pour.",
        "Monsieur DURAND s'abstient, Madame PETIT contre.",
    ],
)
def test_an_abstention_in_a_sentence_stating_the_outcome_is_a_vote(sentence: str) -> None:
    assert vote_statements(sentence)


def test_an_abstention_explained_in_the_debate_is_no_vote() -> None:
    assert not vote_statements(
        "Monsieur DURAND s'abstient d'intervenir sur ce point, faute de temps."
    )


def test_a_designation_far_back_in_the_sentence_does_not_hide_the_vote() -> None:
    """ "le titulaire désigné par le groupement …" earlier in the sentence is not the secretary's
    designation: the unanimity that follows is the council's."""
    text = (
        "Il est proposé de confier les travaux au titulaire désigné par le groupement de commande "
        "ci-dessus mentionné. Le Conseil Municipal, après en avoir délibéré, à l'unanimité,\n\n"
        "- DECIDE de confier les travaux"
    )
    assert find_vote(text).unanimous is True
    # a person designated right before the unanimity stays a designation
    assert find_vote("M. X a été désigné à l'unanimité des présents.").unanimous is None


def test_ocr_oui_for_qui_before_the_vote_against() -> None:
    """OCR reads "QUI" in capitals as "oui": the names before "oui VOTENT CONTRE" voted against."""
    text = (
        "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET, MESDAMES\n\n"
        "MAZIER, SEILLE oui VOTENT CONTRE, ACCEPTE CES PROPOSITIONS"
    )
    facts = find_vote(text)
    assert [p.value for p in facts.against_names] == ["LEROY", "SIRI", "HUET", "MAZIER", "SEILLE"]
    assert facts.unanimous is False


@pytest.mark.parametrize(
    "text",
    [
        # the council named or deliberating in the sentence: its own opinion, its vote
        "Le conseil municipal, après en avoir délibéré, à l'unanimité, émet un avis favorable.",
        "Vu l'avis de la commission des finances, après en avoir délibéré, à l'unanimité, DECIDE",
        "Après avis de la commission, le Conseil, à l'unanimité, approuve le budget.",
        # the opinion named after the vote: the council approves it
        "APPROUVE à l'unanimité l'avis de la commission d'appel d'offres.",
    ],
)
def test_the_council_giving_or_approving_an_opinion_is_its_vote(text: str) -> None:
    assert find_vote(text).unanimous is True


def test_all_but_those_who_abstain_is_every_vote_cast_for() -> None:
    """ "Le conseil, à l'exception de X, Y qui s'abstiennent, accepte": every vote cast was for, so
    unanimous (abstentions are no votes cast); not when someone named votes against."""
    text = (
        "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS HUET, MORAZIN,\n\n"
        "MESDAMES MAZIER, SEILLE QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS"
    )
    facts = find_vote(text)
    assert facts.unanimous is True
    assert [p.value for p in facts.abstention_names] == [
        "LEROY",
        "HUET",
        "MORAZIN",
        "MAZIER",
        "SEILLE",
    ]
    # "Adopté, sauf par X qui s'abstient" the same (NOTES-consistency, rule 3)
    assert find_vote("Adopté, sauf par M. GUESNIER qui s'abstient.").unanimous is True
    # near misses: abstainers named without "à l'exception de" / "sauf" (no one says the others
    # voted for); the exception votes against
    assert find_vote("Adopté. M. GUESNIER s'abstient.").unanimous is None
    against = find_vote(
        "Le conseil municipal, à l'exception de M. DURAND qui vote contre, accepte."
    )
    assert against.unanimous is False


# the assemblies, the advisory bodies and the dispositif's verbs come from the lexicon
# (nlp/lexicon/fr): whose vote a statement is, and what closes an item of minutes
CAST_CASES = [
    # (sentence, the séance's body, why the unanimity is not this assembly's vote: None, it is)
    ("Le projet a été validé par la CAO à l'unanimité.", "conseil municipal", "advisory_body"),
    ("La commission a émis un avis favorable à l'unanimité.", "conseil municipal", "advisory_body"),
    (
        "Le Bureau, après en avoir délibéré, adopte à l'unanimité.",
        "conseil communautaire",
        "other_assembly",
    ),
    # near misses: the commission permanente and the bureau deliberate
    ("La commission permanente, après en avoir délibéré, adopte à l'unanimité.", None, None),
    (
        "Le Bureau, après en avoir délibéré, adopte à l'unanimité.",
        "bureau communautaire",
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "body", "reason"), CAST_CASES)
def test_whose_vote_from_the_lexicon(sentence: str, body: str | None, reason: str | None) -> None:
    start = sentence.index("à l'unanimité")
    assert not_cast_reason(sentence, start, start + len("à l'unanimité"), body) == reason


@pytest.mark.parametrize(
    ("sentence", "decides"),
    [
        ("Le Conseil d'administration, sur proposition du président, approuve le budget.", True),
        ("Le Conseil municipal, sur proposition du maire, refuse la cession.", True),
        ("Le Conseil municipal, sur proposition du maire, élit M. Paul Martin.", True),
        ("Le Comité syndical, sur proposition du président, sollicite une subvention.", True),
        # near misses: a member, not the assembly; no verb of the dispositif
        ("Le conseiller municipal délégué approuve le budget.", False),
        ("Le Conseil municipal, réuni en séance ordinaire, entend le rapport.", False),
    ],
)
def test_a_decision_with_no_count(sentence: str, decides: bool) -> None:
    assert bool(decisions(sentence)) is decides


# counts in words are read whole, with numbers_fr's words (no count of two words at most)
@pytest.mark.parametrize(
    ("phrase", "for_", "against", "abstentions"),
    [
        ("Adopté par soixante-dix-neuf voix pour et une voix contre.", 79, 1, None),
        ("Adopté par vingt et une voix pour, deux contre.", 21, 2, None),
        ("Pour : soixante et onze\nContre : zéro\nAbstentions : quatre-vingt-un", 71, 0, 81),
    ],
)
def test_counts_in_words(
    phrase: str, for_: int, against: int | None, abstentions: int | None
) -> None:
    facts = find_vote(phrase)
    assert (facts.for_, facts.against, facts.abstentions) == (for_, against, abstentions)


def test_rules_with_a_cue_read_what_finditer_reads():
    """rule_matches (the counts tried only before their cue words) finds exactly the matches of
    the rule's pattern read at every position (issue 13), on texts mixing number words cut by
    line breaks, figures, labels and cue words."""
    import random

    from deliberations.nlp.votes import VOTE_RULES, rule_matches

    pieces = [
        "vingt",
        "et",
        "un",
        "une",
        "deux",
        "cent",
        "quatre-vingt-dix",
        "cinquan-\nte",
        "mil\nle",
        "mille",
        "dix-sept",
        "Douze",
        "ONZE",
        "zéro",
        "3",
        "12",
        "104",
        "2024",
        "voix",
        "votes",
        "vote",
        "suffrages",
        "pour",
        "POUR",
        "favorables",
        "contre",
        "défavorable",
        "abstentions",
        "Absention",
        "abstention(s)",
        "Pour :",
        "Contre :",
        "le",
        "conseil",
        "par",
        "(",
        ")",
        ",",
        ".",
        ";",
        ":",
        "-",
        "\n",
        "\n\n",
        "l'",
        "à",
        "exercice",
        "€",
        "5 000",
    ]
    glue = [" ", " ", " ", "  ", "\t", "\n", "", "-", " - "]
    rng = random.Random(13)
    cued = [rule for rule in VOTE_RULES if rule.cue is not None]
    assert {rule.name for rule in cued} >= {"n_for", "n_against", "n_abstentions"}
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(5, 60)))
        start = rng.randint(0, len(text) // 3)
        end = rng.randint(start, len(text))
        for rule in cued:
            expected = [m.span() for m in rule.pattern.finditer(text, start, end)]
            assert [m.span() for m in rule_matches(rule, text, start, end)] == expected, text


def test_rules_opening_on_a_line_read_what_finditer_reads():
    """rule_matches tries a rule opening on a line's start only at the text's start and after
    each line break: the matches of its pattern read at every position, whatever the bounds (a
    start inside a line, right after a break, at 0)."""
    import random

    from deliberations.nlp.votes import VOTE_RULES, rule_matches

    lines = [
        "Pour 12",
        "  Contre 3",
        "Abstentions 2",
        "Contre 2 Mme X, M. Y",
        "14 voix",
        "M. Paul DURAND a obtenu 12 voix",
        "Jean DUPONT ANDRÉ 12 douze",
        "pour 11 Le conseil",
        "le conseil décide",
        "",
    ]
    rng = random.Random(13)
    at_line_start = [rule for rule in VOTE_RULES if rule.line_start]
    assert {rule.name for rule in at_line_start} >= {"line_votes", "candidate_votes"}
    for _ in range(300):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 12)))
        start = rng.choice([0, rng.randint(0, len(text)), text.find("\n") + 1])
        end = rng.randint(start, len(text))
        for rule in at_line_start:
            expected = [m.span() for m in rule.pattern.finditer(text, start, end)]
            assert [m.span() for m in rule_matches(rule, text, start, end)] == expected, text


def test_initials_against_and_abstaining_in_one_vote() -> None:
    """Both lists named by initials in brackets after their counts (the form of Corte's minutes,
    with a vote against added): each list read from the printed text. It raised an IndexError
    while the label's count overwrote the printed text the second list is read from."""
    from deliberations.nlp.votes import find_vote

    text = (
        "Adopté à la majorité par 15 voix Pour, 2 voix Contre (V. BORROMEÏ et M. L. CASTELLI) "
        "et 2 Abstentions (F. DEMUYNCK et P. RINIERI)."
    )
    facts = find_vote(text)
    assert (facts.for_, facts.against, facts.abstentions) == (15, 2, 2)
    assert [p.value for p in facts.against_names] == ["V. BORROMEÏ", "M. L. CASTELLI"]
    assert [p.value for p in facts.abstention_names] == ["F. DEMUYNCK", "P. RINIERI"]


def test_all_but_those_who_take_no_part_in_the_vote_is_every_vote_cast_for() -> None:
    """ "à l'exception de X, Y qui ne prennent pas part au vote, accepte": those named cast no vote,
    every vote cast was for (NOTES-consistency, rule 3); the verb garbled by OCR too."""
    for text in (
        "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET QUI NE "
        "PRENNENT PAS PART AU VOTE, ACCEPTE CETTE PROPOSITION",
        "LE CONSEIL MUNICIPAL, A lexcepÏiow DE MADAME LEROY, Messieuss SIRI, HUEÏ QUI NE "
        "ppewwewÏ PAS PARÏ AU VOÏE, ACCEPÏE CEÏÏE PROPOSITION",
    ):
        facts = find_vote(text)
        assert (facts.result, facts.unanimous) == ("adopted", True), text
        assert facts.against_names == [] and facts.abstention_names == []
    # near misses: a member leaving the vote, with no "à l'exception de": nothing said of the others
    assert (
        find_vote(
            "M. DURAND ne prend pas part au vote. Le conseil accepte cette proposition."
        ).unanimous
        is None
    )
    # … nor when the exception votes against
    against = find_vote(
        "Le conseil, à l'exception de M. DURAND qui vote contre et de M. PETIT qui ne prend pas "
        "part au vote, accepte cette proposition."
    )
    assert against.unanimous is False


def test_a_number_naming_a_contract_or_a_phase_is_no_count() -> None:
    """ "avenant n°2 pour sujétions imprévisibles", "lot 1 pour un montant": a designation, not
    the votes for (a fold D register read blind: "vote.for 2")."""
    for text in (
        "Marché travaux lot 1 = avenant n°2 pour sujétions techniques. Le conseil approuve à l'unanimité.",
        "La tranche 3 pour la rue haute est approuvée à l'unanimité.",
    ):
        facts = find_vote(text)
        assert (facts.for_, facts.unanimous) == (None, True), text
    # near miss: a count after a word that names nothing
    assert find_vote("Adopté par 2 pour et 1 contre.").for_ == 2


def test_an_election_record_counts_the_elected_candidates_votes() -> None:
    """The national form of an election's record prints each candidate's votes in figures, then in
    words: the elected one's (the most) are the votes for."""
    text = (
        "Noms et prénoms des candidats Nombre de suffrages obtenus\n"
        "En chiffre En toutes lettres\n"
        "DURAND Paul 12 Douze\n"
        "PETIT Anne 3 trois\n"
        "Proclamation de l'élection : M. DURAND Paul a été proclamé élu.\n"
    )
    facts = find_vote(text)
    assert (facts.result, facts.for_) == ("adopted", 12)
    # near miss: the figures and the words disagree (not one count printed twice)
    assert find_vote("DURAND Paul 12 Treize\n").for_ is None


def test_the_first_of_a_majority_and_a_unanimity_is_the_deliberations() -> None:
    """ "Le Budget est adopté … à la Majorité, par 22 voix Pour, et 5 Abstentions (…) … chapitre 65 :
    Adopté à l'Unanimité": the majority states the deliberation's vote, the later unanimity a
    part's; the bracket of initials left open by the sentence going on is read too."""
    text = (
        "Le Budget Primitif est adopté à la Majorité des membres présents, par 22 voix\nPour, et\n\n"
        "5 Abstentions (V. BORROMEÏ, M. L. CASTELLI, F. DEMUYNCK, P. RINIERI et M. SIMEON, tel que "
        "présenté et annexé.\n\nEn Dépenses au chapitre 65 : Subventions : Adopté à l'Unanimité.\n"
    )
    facts = find_vote(text)
    assert (facts.unanimous, facts.for_, facts.abstentions) == (False, 22, 5)
    assert [p.value for p in facts.abstention_names][-1] == "M. SIMEON"
    # near miss: the unanimity first, a majority further on (a part's vote) leaves it stated
    facts = find_vote("Adopté à l'unanimité.\nLe chapitre 65 est adopté à la majorité.")
    assert facts.unanimous is True
    # near miss: the law's qualified majority recalled in the exposé is no vote of the council
    facts = find_vote(
        "Le rapport de la CLECT doit dorénavant être approuvé à la majorité qualifiée des conseils "
        "municipaux.\n\nLE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION"
    )
    assert facts.unanimous is True


# "par N voix contre M" after the outcome word: turned down, the first count is against
# ("rejetée", "repoussée", "refusée"); adopted, it is for; the last outcome word decides
SWAPPED_COUNTS = [
    ("La motion est rejetée par 7 voix contre 3.", 3, 7),
    ("La proposition est repoussée par 9 voix contre 5.", 5, 9),
    ("La demande, rejetée par le tribunal en 2019, est adoptée par 12 voix contre 3.", 12, 3),
]


@pytest.mark.parametrize(("phrase", "for_", "against"), SWAPPED_COUNTS)
def test_counts_turned_by_the_last_outcome_word(phrase: str, for_: int, against: int) -> None:
    facts = find_vote(phrase)
    assert (facts.for_, facts.against) == (for_, against)
