"""The séance date read as scored candidates (nlp/session_date.py): its features, each with an
example and a near miss, and the winner on documents shaped like the real ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations.nlp.candidates import weights
from deliberations.nlp.session_date import (
    best_session_date,
    session_date_candidates,
    session_date_features,
)

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def _features(text: str, value: str) -> dict[str, float]:
    """The features of the first place of ``value``."""
    return next(c.features for c in session_date_features(text) if c.value == value)


def _spelled(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


# a preamble copied over from the previous minutes: its "le dix avril" is the last séance's, the
# convocation (10 May) and the title and every page's running title (19 May) are this one's
COPIED_OVER = (
    "COMMUNE DE SAINT-MARTIN\ndu 19 mai 2017\n\n"
    "L'an deux mil dix sep, le dix avril, à vingt heures, les membres du Conseil municipal "
    "convoqués le 10 mai 2017 se sont réunis à la mairie, sous la présidence du Maire.\n\n"
    "Il est précisé que Mme Durand était absente excusée à la séance du 10 avril 2017.\n\n"
    "1. VOIRIE\nLe conseil retient l'offre.Saint-Martin, séance du 19 mai 2017\n\n"
    "2. SUBVENTION\nLors de sa séance du 10 avril 2017, le Conseil a octroyé une "
    "subvention.Saint-Martin, séance du 19 mai 2017\n"
)


def test_a_date_before_the_convocation_is_no_seance_date() -> None:
    # Clairoix, Eybens, Illats, Ouzous, Taluyers, Roannais, Putanges print the convocation's date
    assert _features(COPIED_OVER, "2017-04-10")["before_convocation"] == 1.0
    assert _features(COPIED_OVER, "2017-05-19")["before_convocation"] == 0.0
    assert _features(COPIED_OVER, "2017-05-10")["is_convocation"] == 1.0
    assert best_session_date(COPIED_OVER).value == "2017-05-19"
    # near miss: the same preamble, convoked before it, is the séance's own
    own = COPIED_OVER.replace("10 mai 2017", "3 avril 2017").replace("19 mai", "10 avril")
    assert best_session_date(own).value == "2017-04-10"


def test_the_convocation_date_is_read_on_its_label_line_not_past_another_seance() -> None:
    labelled = "Séance du 24 mars 2006\nDate de la convocation :\n15.03.2006\nPrésents : 12\n"
    assert _features(labelled, "2006-03-15")["is_convocation"] == 1.0
    assert _features(labelled, "2006-03-24")["before_convocation"] == 0.0
    # near miss: the minutes joined to the convocation are another séance's
    joined = (
        "Séance du 27 janvier 2020\nIl est indiqué qu'était joint à la convocation le compte "
        "rendu de la séance du 17 décembre 2019.\n"
    )
    assert _features(joined, "2019-12-17")["is_convocation"] == 0.0
    # written in the opening sentence (census of published minutes, session 6: "sur convocation
    # régulière en date du …", "Convocation adressée le … pour la réunion du …")
    opening = (
        "L'an deux mille vingt et un, le vingt-six mars, le Conseil Municipal, sur convocation "
        "régulière en date du 19 mars 2021, s'est réuni. Par délibération du 4 juin 2020, il a fixé"
        " la composition des commissions.\n"
    )
    assert _features(opening, "2021-03-19")["is_convocation"] == 1.0
    assert _features(opening, "2020-06-04")["before_convocation"] == 1.0
    assert best_session_date(opening).value == "2021-03-26"
    sent = "Convocation adressée le 9 septembre 2011 pour la réunion du mardi 20 septembre 2011\n"
    assert _features(sent, "2011-09-09")["is_convocation"] == 1.0
    assert _features(sent, "2011-09-20")["is_convocation"] == 0.0


def test_a_date_printed_in_the_act_numbers_or_ids() -> None:
    # numbers stemmed by the séance's day (Putanges 2022, Taluyers' @CTES ids, Lalouvesc)
    text = (
        "Séance du 29 mars 2022\nDélibération n° 20220329 14\nVu la délibération du 1er mars 2021\n"
    )
    assert _features(text, "2022-03-29")["in_numbers"] == 1.0
    assert _features(text, "2021-03-01")["in_numbers"] == 0.0
    # by its year and month ("2019-03-12", "2020-11-05"); near miss: another month
    stems = "Séance du 11 mars 2019\nDélibération n° 2019-03-12\nLe 2 avril 2019\n"
    assert _features(stems, "2019-03-11")["month_in_numbers"] == 1.0
    assert _features(stems, "2019-04-02")["month_in_numbers"] == 0.0


def test_a_year_off_the_budgets_voted() -> None:
    text = (
        "Séance du 8 avril 2019\nVote du budget primitif 2019. Compte administratif 2018.\n"
        "Vu la délibération du 12 juin 2015\n"
    )
    assert _features(text, "2019-04-08")["off_budget_year"] == 0.0
    assert _features(text, "2015-06-12")["off_budget_year"] == 1.0
    # near miss: a document naming no budget says nothing of any year
    assert _features("Séance du 8 avril 2019\n", "2019-04-08")["off_budget_year"] == 0.0


def test_how_often_a_date_recurs() -> None:
    text = "Séance du 3 mars 2020\n" * 4 + "Vu le décret du 2 février 2019\n"
    assert _features(text, "2020-03-03")["recurs"] == 1.0
    assert _features(text, "2019-02-02")["recurs"] == 0.0
    assert _features(text, "2019-02-02")["repeated"] == 0.0


def test_the_year_of_an_illegible_an_le_is_the_cued_dates() -> None:
    text = "SÉANCE DU 6 DÉCEMBRE 2023\nL'an deux mille vingt-trosi, le six décembre, le Conseil.\n"
    places = [c for c in session_date_features(text) if c.rule == "an_le_no_year"]
    assert [c.value for c in places] == ["2023-12-06"]
    assert places[0].features["an_le_no_year"] == 1.0 and places[0].features["an_le"] == 0.0


def test_a_lone_date_with_no_cue_is_no_seance_date() -> None:
    assert best_session_date("Le 5 mars 2021, la commune a reçu un courrier.") is None
    ranked = session_date_candidates("Séance du 5 mars 2021\n")
    assert ranked[0].score >= weights("session_date")["_threshold"]


_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=100, deadline=None)
@given(_dates, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=400))
def test_the_seance_after_its_convocation_wins_over_a_past_seance_recalled(
    seance: dt.date, notice: int, back: int
) -> None:
    convocation = seance - dt.timedelta(days=notice)
    past = convocation - dt.timedelta(days=back)
    text = (
        f"Séance du {_spelled(seance)}\n"
        f"Le Conseil municipal, convoqué le {_spelled(convocation)}, s'est réuni.\n"
        f"Il est rappelé que lors de la séance du {_spelled(past)}, le Conseil a voté.\n"
        f"Absente excusée à la séance du {_spelled(past)}.\n"
    )
    found = best_session_date(text)
    assert found is not None and found.value == seance.isoformat()


def test_seance_date_scored_over_the_whole_text_not_the_preamble() -> None:
    """Real shape (Putanges-le-Lac 2017 minutes; minutes of many communes recall the previous
    séance in their preamble): the preamble's one cued date is the previous séance's ("absente
    excusée à la séance du 10 avril 2017"); the séance's own date heads the text and recurs in
    every page's running header. Near miss: the header's
    date stays the séance's when an item recalls an earlier deliberation."""
    from deliberations.nlp.pipeline import seance_facts
    from deliberations.nlp.segment import Segment

    preamble = (
        "COMMUNE DE PUTANGES LE LAC\ndu 19 mai 2017\n\nLe Conseil municipal s'est réuni sous la "
        "présidence de M. le Maire.\nIl est précisé que Mme X était absente excusée à la séance "
        "du 10 avril 2017.\n\n"
    )
    items = (
        "1. TRAVAUX DE VOIRIE\nAprès en avoir délibéré, décide à l'unanimité …\x0c"
        "Putanges-Le-Lac, séance du 19 mai 2017\n\n"
        "2. TAUX D'IMPOSITION\nLe Conseil municipal décide …\x0cPutanges-Le-Lac, séance du 19 mai "
        "2017\n"
    )
    text = preamble + items
    first = Segment(len(preamble), len(preamble) + items.index("2."))
    second = Segment(first.end, len(text))
    facts = seance_facts(text, [first, second])
    assert facts.session_date is not None and facts.session_date.value == "2017-05-19"
    header = (
        "Séance du conseil municipal du 10 avril 2017\n\n1. TRAVAUX\nVu la délibération du "
        "3 mars 2017, le Conseil municipal décide …\n"
    )
    facts = seance_facts(header, [Segment(header.index("1."), len(header))])
    assert facts.session_date is not None and facts.session_date.value == "2017-04-10"
