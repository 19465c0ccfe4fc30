"""Grants as real deliberations print them (issue 14): a grant the text cancels is not summed,
a postponed row is not granted, wrapped names are whole, and the grants do not depend on where
the renderer wraps the lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import cm

from deliberations.extract import read_document
from deliberations.nlp.beneficiaries import find_beneficiaries, same_beneficiary
from deliberations.nlp.pipeline import analyze
from deliberations.schemas.record import Source
from tests.conftest import DATA, DEV_TEXT
from tests.generators.fixtures import Layout, build_pdf


def _record(path: Path):
    return analyze(read_document(path), Source(file=path.name))


def _grants(text: str, authority: str | None = None) -> list[tuple[str, float | None]]:
    return [(m.value, m.amount) for m, _ in find_beneficiaries(text, 0, len(text), [], authority)]


# ----------------------------------------------------------------------------- cancelled


def test_a_grant_the_same_deliberation_cancels_is_not_summed() -> None:
    """The Roannais PV (p. 40) abrogates the grant of 300 000 € and states the total, 294 802,81 €."""
    record = _record(
        DATA / "real" / "docs" / "roannais_agglomeration_PV_conseil_communautaire_2021-10-28.pdf"
    )
    office = [
        b
        for d in record.deliberations
        for b in d.beneficiaries
        if same_beneficiary(b.name, "Office de Tourisme de Roannais Agglomération")
    ]
    assert [b.amount for b in office] == [294802.81]


CANCELLED = [
    # the grant of a deliberation abrogated, with the new grant stated after it
    (
        "- abroge la délibération du 25 mars 2021 octroyant à l'Office de tourisme du Val une subvention "
        "globale de 300 000 € ;\n- précise que le montant total de la subvention accordée à l'Office de tourisme "
        "du Val, au titre de l'année 2021, s'élève donc à 294 802,81 € ;",
        [("Office de tourisme du Val", 294802.81)],
    ),
    ("Le Conseil annule la subvention de 1 200 € attribuée au Comité des fêtes.", []),
    (
        "Le Conseil retire la délibération attribuant une subvention de 450 € à la Compagnie d'arc.",
        [],
    ),
]
# near misses: the same words that cancel nothing
NOT_CANCELLED = [
    (
        "Vu le rapport de la commission, le Conseil attribue une subvention de 500 € à l'association Les Amis du Livre.",
        [("Les Amis du Livre", 500.0)],
    ),
    (
        "La présente délibération annule et remplace celle du 3 mars ; le Conseil attribue une subvention de 500 € "
        "à l'association Les Amis du Livre.",
        [("Les Amis du Livre", 500.0)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CANCELLED + NOT_CANCELLED)
def test_cancelled_grants(text: str, expected: list[tuple[str, float | None]]) -> None:
    found = _grants(text)
    assert len(found) == len(expected)
    for (name, amount), (want, want_amount) in zip(found, expected, strict=True):
        assert same_beneficiary(name, want) and amount == want_amount


# ------------------------------------------------------------------ postponed, wrapped names


def test_a_postponed_row_is_not_granted_and_wrapped_names_are_whole() -> None:
    """Pierrefonds 2022: "Festival des forêts" says "Vote reporté" in its voted column; two voted
    rows have names over two to four lines, one at the head of the next page."""
    record = _record(DATA / "minutes" / "pierrefonds_CM-12-avril-2022.pdf")
    (grants,) = [
        d for d in record.deliberations if d.subject == "Vote des subventions aux associations"
    ]
    found = {b.name: b.amount for b in grants.beneficiaries}
    assert found["Les amis des petites bouilles"] == 3000.0
    assert found["En quête de l'intérêt de Pierrefonds Palesne"] == 500.0
    assert not any(same_beneficiary(name, "Festival des forêts") for name in found)
    # the rows granted add up to the printed total (7 940 €), the postponed one left out
    assert sum(found.values()) == 7940.0


def test_the_grant_table_of_the_minutes_adds_up() -> None:
    document = read_document(DATA / "minutes" / "pierrefonds_CM-12-avril-2022.pdf")
    (table,) = [
        t
        for t in document.tables
        if t.method == "words"
        and t.name_column is not None
        and t.rows[0][t.name_column].text == "Tiers"
    ]
    assert table.pages == [3, 4]
    assert table.adds_up is True
    assert [s.lower() for s in table.statuses.values()] in (["vote reporté"], ["reporté"])


def test_a_carried_forward_result_is_no_status() -> None:
    """Near miss: "Résultat d'exploitation reporté" in a budget table is a sum carried forward."""
    document = read_document(DATA / "minutes" / "pierrefonds_CM-12-avril-2022.pdf")
    statuses = [s for t in document.tables for s in t.statuses.values()]
    assert len(statuses) == 1 and "report" in statuses[0].lower()


# -------------------------------------------------------------------- another line wrapping

# another font size and page width than demo/corpus's layouts: cells, names and headers wrap
# elsewhere ("Montant" broken as "Monta" / "nt" in a narrow column)
NARROW = Layout("narrow", "Helvetica", 11.5, 14.0, (4 * cm, 4 * cm, 2 * cm, 2 * cm))
WIDE_SMALL = Layout("small", "Times", 8.5, 10.5, (1.5 * cm, 1.5 * cm, 1.5 * cm, 1.5 * cm))


def _comparable(record) -> list[dict]:
    """A record's deliberations without evidence (offsets move with the line breaks), an amount's
    text with its spaces normalised (a sum printed over a line break: "30 000\\n€")."""
    out = []
    for deliberation in record.deliberations:
        dumped = deliberation.model_dump(exclude={"evidence"})
        for amount in dumped["amounts"]:
            amount["text"] = " ".join(amount["text"].split())
        out.append(dumped)
    return out


@pytest.fixture(scope="module")
def relaid(
    tmp_path_factory: pytest.TempPathFactory, dev_pdfs: list[Path]
) -> list[tuple[list, list, list]]:
    """For each dev text: its record on demo/corpus's layout and on the two others."""
    out = tmp_path_factory.mktemp("relaid")
    cases = []
    for pdf, text in zip(dev_pdfs, sorted(DEV_TEXT.glob("*.txt")), strict=True):
        records = [_comparable(_record(pdf))]
        for layout in (NARROW, WIDE_SMALL):
            path = out / f"{text.stem}_{layout.name}.pdf"
            build_pdf(text.read_text(encoding="utf-8"), path, layout)
            records.append(_comparable(_record(path)))
        cases.append(tuple(records))
    return cases


def test_grants_do_not_depend_on_where_lines_wrap(relaid: list[tuple[list, list, list]]) -> None:
    for demo, *others in relaid:
        for other in others:
            assert [d["beneficiaries"] for d in other] == [d["beneficiaries"] for d in demo]
            assert [d["amounts"] for d in other] == [d["amounts"] for d in demo]


def test_records_do_not_depend_on_where_lines_wrap(relaid: list[tuple[list, list, list]]) -> None:
    """Every field but the imputations (see the next test) is the same on every layout."""
    for demo, *others in relaid:
        for other in others:
            strip = [{k: v for k, v in d.items() if k != "imputations"} for d in other]
            assert strip == [{k: v for k, v in d.items() if k != "imputations"} for d in demo]


def test_imputations_do_not_depend_on_where_lines_wrap(
    relaid: list[tuple[list, list, list]],
) -> None:
    for demo, *others in relaid:
        for other in others:
            assert [d["imputations"] for d in other] == [d["imputations"] for d in demo]
