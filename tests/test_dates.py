"""French dates, and the date of the sitting that voted."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberations.nlp.dates import find_dates, parse_french_date
from deliberations.nlp.session_date import find_session_date


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("21 juin 2017", dt.date(2017, 6, 21)),
        ("06 DECEMBRE 2023", dt.date(2023, 12, 6)),
        ("6 décembre 2023", dt.date(2023, 12, 6)),
        ("1er mars 2021", dt.date(2021, 3, 1)),
        ("17/03/2023", dt.date(2023, 3, 17)),
        ("17.03.2023", dt.date(2023, 3, 17)),
        ("lundi 4 avril 2016", dt.date(2016, 4, 4)),
        ("L'an deux mille vingt-trois, le 06 décembre", dt.date(2023, 12, 6)),
        ("L'an Deux Mil Vingt Quatre, le 11 juin", dt.date(2024, 6, 11)),
        ("le onze juin deux mille vingt-quatre", dt.date(2024, 6, 11)),
        ("L’an deux mil six et le vingt quatre mars", dt.date(2006, 3, 24)),
        ("L’an deux mille quatorze le six du mois de novembre", dt.date(2014, 11, 6)),
        ("L'an deux mille quinze, le vingt-deux mai", dt.date(2015, 5, 22)),
        (
            "L'an mil neuf cent quatre-vingt-dix-neuf, le trente et un décembre",
            dt.date(1999, 12, 31),
        ),
        ("4 aout 2020", dt.date(2020, 8, 4)),
        ("12 FEVRIER 2019", dt.date(2019, 2, 12)),
        ("24\nMARS 2006", dt.date(2006, 3, 24)),
        ("le premier juin deux milles vingt", dt.date(2020, 6, 1)),
        ("L'an deux mille vingt-et-un, le vingt et un mai", dt.date(2021, 5, 21)),
    ],
)
def test_parse_french_date(span, expected):
    assert parse_french_date(span) == expected


@pytest.mark.parametrize(
    "span",
    [
        "31 février 2023",
        "30/02/2024",
        "32 mars 2020",
        "mars 2020",
        "",
        "6574 habitants",
        # number words that make no number: no year (they once summed to 2050)
        "le onze juin deux mille vingt trente",
    ],
)
def test_parse_french_date_invalid(span):
    assert parse_french_date(span) is None


def test_find_dates_spans():
    text = "Convoqué le 29/11/2023, réuni le 6 décembre 2023 ; affiché le 7 DECEMBRE 2023."
    found = find_dates(text)
    assert [d.value for d in found] == [
        dt.date(2023, 11, 29),
        dt.date(2023, 12, 6),
        dt.date(2023, 12, 7),
    ]
    assert [d.text for d in found] == ["29/11/2023", "6 décembre 2023", "7 DECEMBRE 2023"]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_find_dates_ignores_codes():
    text = "062-216204982-20231206-DLB17_06122023-DE ; D2025-008 ; contrat 2015/2020 ; cité 12/14"
    assert find_dates(text) == []


# ---------------------------------------------------------------------------- session date


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        (
            "EXTRAIT DU REGISTRE\nAFFICHE EN MAIRIE LE 7 DECEMBRE 2023\n\n=====\n\nSEANCE DU 06 DECEMBRE 2023\n\n"
            "L'an deux mille vingt-trois, le 06 décembre, à 14 heures, le Conseil Municipal s'est assemblé, "
            "sur convocation en date du 29 novembre 2023.",
            "06 DECEMBRE 2023",  # the value's best place: the séance heading, before the "L'an"
            dt.date(2023, 12, 6),
        ),
        (
            "CONSEIL MUNICIPAL\nSÉANCE DU 06 DECEMBRE 2023\nRéception par le préfet : 12/12/2023\n"
            "La Ville s'est engagée, par délibération du 26 mai 2015, dans le contrat.",
            "06 DECEMBRE 2023",
            dt.date(2023, 12, 6),
        ),
        (
            "EXTRAIT DU REGISTRE DES DELIBERATIONS\nL'an Deux Mil Vingt Quatre, le 11 juin,\n"
            "Le Conseil Municipal s'est réuni au lieu ordinaire de ses séances,\n"
            "En suite de convocation en date du 5 juin 2024,\nLe décret n°2023-1314 du 28 décembre 2023 dresse\n"
            "Vu la délibération du Conseil Communautaire du 28 mars 2024,\nLoison-sous-Lens, le 20 juin 2024",
            "L'an Deux Mil Vingt Quatre, le 11 juin",
            dt.date(2024, 6, 11),
        ),
        ("\nDÉLIBÉRATION DU CONSEIL COMMUNAL DU 21 JUIN 2017\n2017/39 - PROJET", "21 JUIN 2017", dt.date(2017, 6, 21)),
        ("Séance du conseil municipal du 21 juin 2017", "21 juin 2017", dt.date(2017, 6, 21)),
        ("Réunion du conseil municipal du 3 mai 2022", "3 mai 2022", dt.date(2022, 5, 3)),
        ("Le Conseil Municipal, réuni le 12 avril 2022, décide", "12 avril 2022", dt.date(2022, 4, 12)),
        ("Le conseil municipal, dûment convoqué, s'est réuni le 3 mai 2022.", "3 mai 2022", dt.date(2022, 5, 3)),
        ("Le conseil municipal, en sa séance du 4 juin 2021, décide", "4 juin 2021", dt.date(2021, 6, 4)),
        ("Compte rendu du conseil municipal du 10 avril 2024\n", "10 avril 2024", dt.date(2024, 4, 10)),
        ("Procès-verbal de la séance du 9 mai 2023\n", "9 mai 2023", dt.date(2023, 5, 9)),
        ("CR du conseil municipal 7 octobre 2022\nPrésents :", "7 octobre 2022", dt.date(2022, 10, 7)),
        ("CONSEIL MUNICIPAL DU 24\nMARS 2006\n", "24\nMARS 2006", dt.date(2006, 3, 24)),
        ("Commune de X - Conseil Municipal du 03/04/2025 – Page 1 / 10", "03/04/2025", dt.date(2025, 4, 3)),
        ("PROCES VERBAL DE LA RÉUNION DU CONSEIL MUNICIPAL\n\nDU LUNDI 26 JANVIER 2015\n"
         "Date de l'avis de convocation :\n19 janvier 2015", "LUNDI 26 JANVIER 2015", dt.date(2015, 1, 26)),
        ("Séance Publique du Conseil Municipal de Village du 6 novembre 2014", "6 novembre 2014", dt.date(2014, 11, 6)),
        (
            "Conseil Municipal du 3 avril 2025\nchacun a été destinataire du procès-verbal de la séance du 6 "
            "mars 2025. Le procès-verbal de la séance du 6 mars 2025 est approuvé.",
            "3 avril 2025",
            dt.date(2025, 4, 3),
        ),
        (
            "SÉANCE DU 06 DECEMBRE 2023\nL'an deux mil..., le 06 décembre, le conseil",
            "06 DECEMBRE 2023",
            dt.date(2023, 12, 6),
        ),
    ],
)  # fmt: skip
def test_find_session_date(text, phrase, expected):
    d = find_session_date(text)
    assert d is not None
    assert d.value == expected
    assert d.text == phrase
    assert text[d.start : d.end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "convocation en date du 29 novembre 2023",
        "Date de convocation : 29/11/2023",
        "Le conseil municipal dûment convoqué le 22 octobre 2014",
        "AFFICHE EN MAIRIE LE 7 DECEMBRE 2023",
        "Date de l'affichage : 16.03.2006",
        "Loison-sous-Lens, le 20 juin 2024",
        "Fait à Lens, le 20 juin 2024",
        "Réception par le préfet : 12/12/2023",
        "Acte transmis en préfecture le 12 décembre 2023",
        "Reçu en préfecture le 12/12/2023",
        "La Ville s'est engagée, par délibération du 26 mai 2015, dans le contrat",
        "Le décret n°2023-1314 du 28 décembre 2023 dresse la liste",
        "Vu la délibération du Conseil Communautaire du 28 mars 2024,",
        "Vu la délibération du conseil municipal en date du 3 mai 2022,",
        "en application de la délibération du 10 avril 2017",
        "une stratégie validée par le Conseil Communautaire du 28 mars 2024",
        "chacun a été destinataire du compte rendu de la séance du 01 mars 2022.",
        "Le compte-rendu du conseil municipal du 08 avril 2015 n'est pas adopté.",
        "1 ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 30 JUIN 2015",
        "de nommer ses membres à l'occasion du prochain conseil municipal du 4 juillet 2016",
        "la commission des finances élargie à l'ensemble du conseil municipal, réunie le 18 mars 2025",
        "le comité des financeurs qui s'est réuni le jeudi 02 février 2023",
        "La loi de programmation pour la ville du 21 février 2014 institue",
        "le Contrat de ville signé le 15 juillet 2015 pour 5 ans",
    ],
)
def test_find_session_date_rejects(text):
    assert find_session_date(text) is None


def test_session_cue_beats_other_dates():
    text = (
        "Date de convocation : 29/11/2023\nSéance du 6 décembre 2023\n"
        "Par délibération du 26 mai 2015, la ville...\nFait à Ville, le 8 décembre 2023"
    )
    d = find_session_date(text)
    assert d is not None and d.value == dt.date(2023, 12, 6)


# ---------------------------------------------------------------------------- properties

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize"]  # fmt: skip
_TENS = {2: "vingt", 3: "trente"}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _below_100(n: int) -> str:
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    tens = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
    if n < 70:
        t, u = divmod(n, 10)
        return tens[t] + ("" if u == 0 else " et un" if u == 1 else "-" + _UNITS[u])
    if n < 80:
        return "soixante" + (" et onze" if n == 71 else "-" + _below_100(n - 60))
    return "quatre-vingt" + ("s" if n == 80 else "-" + _below_100(n - 80))


def _year_words(year: int, mil: str) -> str:
    if year >= 2000:
        rest = year - 2000
        return f"deux {mil}" + (f" {_below_100(rest)}" if rest else "")
    return f"{mil} neuf cent {_below_100(year - 1900)}"


_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    _dates,
    st.sampled_from(["lower", "upper", "title"]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_rendered_textual_dates_parse_back(d, case, accents, first_er, pad):
    month = _MONTHS[d.month - 1] if accents else _strip_accents(_MONTHS[d.month - 1])
    month = {"lower": month, "upper": month.upper(), "title": month.title()}[case]
    day = "1er" if d.day == 1 and first_er else (f"{d.day:02d}" if pad else str(d.day))
    span = f"{day} {month} {d.year}"
    assert parse_french_date(span) == d
    text = f"Séance du conseil municipal du {span}, convoqué le 01/01/1989."
    found = find_dates(text)
    assert found[0].value == d and found[0].text == span
    session = find_session_date(text)
    assert session is not None and session.value == d
    assert (session.start, session.end) == (text.index(span), text.index(span) + len(span))


@settings(max_examples=200, deadline=None)
@given(_dates, st.sampled_from(["/", "."]))
def test_rendered_numeric_dates_parse_back(d, sep):
    span = f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    assert parse_french_date(span) == d
    text = f"Séance du {span}\n"
    session = find_session_date(text)
    assert session is not None and session.value == d and session.text == span


@settings(max_examples=200, deadline=None)
@given(_dates, st.sampled_from(["mille", "mil"]), st.booleans(), st.booleans(), st.booleans())
def test_rendered_year_words_parse_back(d, mil, capitalise, day_words, accents):
    year = _year_words(d.year, mil)
    if capitalise:
        year = " ".join(w.capitalize() for w in year.split(" "))
    day = _below_100(d.day) if day_words else f"{d.day:02d}"
    if d.day == 1 and day_words:
        day = "premier"
    month = _MONTHS[d.month - 1] if accents else _strip_accents(_MONTHS[d.month - 1])
    span = f"L'an {year}, le {day} {month}"
    assert parse_french_date(span) == d
    text = f"DELIBERATIONS\n{span}, à 19 heures, le Conseil Municipal, convoqué le 01/01/1989, s'est réuni."
    session = find_session_date(text)
    assert session is not None
    assert session.value == d
    assert session.text == span
    assert text[session.start : session.end] == span


def test_the_seance_date_is_the_best_scored_candidate_kept_only_above_its_threshold() -> None:
    from deliberations.nlp.candidates import weights
    from deliberations.nlp.session_date import best_session_date, session_date_candidates

    text = (
        "Convocation du 5 mars 2021.\n\nL'an deux mille vingt et un, le douze mars, le Conseil Municipal "
        "s'est réuni. Vu la délibération du 3 février 2020.\n"
    )
    ranked = session_date_candidates(text)
    assert (
        ranked[0].value == "2021-03-12" and ranked[0].score >= weights("session_date")["_threshold"]
    )
    assert best_session_date(text).value == "2021-03-12"
    # near miss: dates with no cue only (a convocation, a visa) give no séance date
    assert (
        best_session_date("Convocation du 5 mars 2021. Vu la délibération du 3 février 2020.")
        is None
    )
    assert (
        best_session_date("Le 5 mars 2021, la commune a reçu un courrier de la préfecture.") is None
    )
