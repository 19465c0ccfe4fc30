"""Budget tables laid out in ways the reader once got wrong (small inputs shaped as the real set's
tables are): a dash's thin box, two tables of other columns one above the other, a figure noted
under a total, a header's labels wrapped in lower case, a whole sum without its thousands' space,
a table introduced by a sentence at a page's head, a total that is a balance."""

from __future__ import annotations

from pathlib import Path

from deliberations.extract import read_document
from deliberations.extract.unruled.columns import Column, amount_columns, in_column
from deliberations.extract.unruled.geometry import Chunk, Line, Word, chunks_of, visual_lines
from deliberations.extract.unruled.regions import PageLayout, Region, introduced
from deliberations.extract.unruled.rows import build_rows, wraps_labels
from deliberations.extract.unruled.totals import check_sums
from deliberations.nlp.beneficiaries import find_beneficiaries
from deliberations.nlp.pipeline import analyze
from deliberations.schemas.document import Table, TableCell, TableSection
from deliberations.schemas.record import Beneficiary, Source
from tests.test_word_tables import CULTURE, SPORT, Row, Section, draw_grant_pdf


def _line(page: int, top: float, cells: list[tuple[str, float, float]]) -> Line:
    """A line whose cells are chunks of their own (each cell's words spread over its width)."""
    words = []
    for text, x0, x1 in cells:
        parts = text.split()
        step = (x1 - x0) / len(parts)
        for i, part in enumerate(parts):
            start = sum(len(p) + 1 for p in parts[:i])
            words.append(
                Word(
                    part,
                    start,
                    start + len(part),
                    x0 + i * step,
                    top,
                    x0 + (i + 1) * step - 2,
                    top + 9,
                )
            )
    line = Line(page, words)
    line.chunks = chunks_of(words)
    return line


def test_a_dash_with_a_thin_box_stays_on_its_line() -> None:
    """ "011 | - Charges à caractère général | 9 586 490,00": the dash's box is 0.9 pt high, its
    middle off the letters' by more than its own height allows; it is still on their line."""
    words = [
        Word("011", 0, 3, 49.5, 674.9, 63.7, 682.1),
        Word("-", 4, 5, 68.9, 678.7, 71.3, 679.6),
        Word("Charges", 6, 13, 75.0, 674.6, 111.9, 684.1),
        Word("9", 14, 15, 353.4, 674.9, 358.1, 682.1),
        Word("586", 16, 19, 361.6, 674.9, 377.6, 682.1),
        Word("490,00", 20, 26, 381.0, 674.9, 410.9, 683.4),
    ]
    lines = visual_lines(words, 33)
    assert [[w.text for w in line.words] for line in lines] == [
        ["011", "-", "Charges", "9", "586", "490,00"]
    ]
    # near miss: letters of the next printed line (15 pt lower) are another line
    below = Word("012", 27, 30, 49.5, 689.9, 65.2, 697.1)
    assert len(visual_lines([*words, below], 33)) == 2


def test_two_tables_of_other_columns_one_above_the_other() -> None:
    """A two-column table ("BP 2021 | DM1") above a three-column one ("BP 2021 | DM1 | RAR")
    whose sums overlap the first one's: two sums of one line never share a column."""
    lines = [
        _line(34, 100 + 15 * i, [("9 586 490,00", 353.0, 411.0), ("71 100,00", 481.0, 524.0)])
        for i in range(3)
    ]
    lines += [
        _line(
            34,
            200 + 15 * i,
            [
                ("667 900,00", 326.0, 376.0),
                ("-586 836,80", 394.0, 446.0),
                ("593 836,80", 475.0, 524.0),
            ],
        )
        for i in range(3)
    ]
    columns = amount_columns(lines)
    assert len(columns) == 3
    assert [round(c.right) for c in columns] == [409, 444, 522]
    # near miss: sums of one column set unevenly (centred), never two on a line: one column
    ragged = [
        _line(5, 100 + 15 * i, [(s, x0, x1)])
        for i, (s, x0, x1) in enumerate(
            [("3 301,00 €", 342.0, 376.0), ("840,00 €", 362.0, 394.0), ("750,00", 379.0, 406.0)]
        )
    ]
    assert len(amount_columns(ragged)) == 1


def test_a_figure_noted_under_a_total_is_no_row() -> None:
    """ "TOTAL DES DEPENSES | 1 165 400,00", then "117 000,00" alone (a balance noted beside the
    table), then the next section's title and rows: the lone figure is no row of that section."""
    lines = [
        _line(1, 100, [("16 Emprunts", 50.0, 150.0), ("215 500,00", 326.0, 376.0)]),
        _line(1, 115, [("21 Immobilisations", 50.0, 150.0), ("949 900,00", 326.0, 376.0)]),
        _line(1, 130, [("TOTAL DES DEPENSES", 50.0, 160.0), ("1 165 400,00", 318.0, 376.0)]),
        _line(1, 145, [("117 000,00", 330.0, 376.0)]),
        _line(1, 160, [("Les recettes d'investissement", 43.0, 173.0)]),
        _line(1, 175, [("10 Dotations", 50.0, 170.0), ("150 000,00", 327.0, 376.0)]),
        _line(1, 190, [("13 Subventions", 50.0, 200.0), ("92 000,00", 332.0, 376.0)]),
        _line(1, 205, [("Total des recettes", 50.0, 176.0), ("242 000,00", 326.0, 377.0)]),
    ]
    region = Region(lines, amount_columns(lines))
    rows, sections = build_rows(region)
    second = [" ".join(line.text for line in rows[r].lines) for r in sections[1].rows]
    assert second == ["10 Dotations 150 000,00", "13 Subventions 92 000,00"]
    assert "117 000,00" in " ".join(line.text for line in sections[1].title)


def test_a_headers_labels_wrapped_in_lower_case() -> None:
    """ "Origine des | Montant du" over "financements | financement": the lower line ends the
    header's labels; near miss: a row's name in capitals under them is a row's."""
    header = [_line(3, 87, [("Origine des", 341.0, 391.0), ("Montant du", 442.0, 492.0)])]
    assert wraps_labels(
        _line(3, 101, [("financements", 335.0, 397.0), ("financement", 438.0, 495.0)]), header
    )
    assert not wraps_labels(_line(3, 122, [("CCLO", 316.0, 341.0)]), header)
    assert not wraps_labels(_line(3, 101, [("financements", 100.0, 160.0)]), header)


def test_a_whole_sum_flush_in_a_column_of_sums() -> None:
    """ "014 ATTENUATION DE PRODUITS | 1000" among "11.350,00" and "3.767,00": a sum of the
    column, flush with its right edge; a year or a figure set elsewhere is not."""
    column = Column(235.0, 291.0, amounts=True)
    assert in_column(Chunk([Word("1000", 0, 4, 270.0, 653.0, 289.0, 662.0)]), column)
    assert not in_column(Chunk([Word("2016", 0, 4, 270.0, 653.0, 289.0, 662.0)]), column)
    assert not in_column(Chunk([Word("1000", 0, 4, 240.0, 653.0, 259.0, 662.0)]), column)


def test_a_sentence_at_the_pages_head_introduces_a_new_table() -> None:
    """ "Au vu des résultats présentés ci-dessus, le besoin de financement s'établit comme suit :"
    above the rows: a new table; near miss: a running header set at the right is furniture."""
    rows = [
        _line(4, 108, [("Recettes", 77.0, 110.0), ("325 023,58", 233.0, 277.0)]),
        _line(4, 120, [("Dépenses", 77.0, 114.0), ("1 085 884,20", 227.0, 278.0)]),
    ]
    columns = [Column(227.0, 278.0, amounts=True)]
    sentence = _line(
        4,
        73,
        [
            (
                "Au vu des résultats présentés ci-dessus, le besoin de financement de la collectivité s'établit comme suit :",
                71.0,
                488.0,
            )
        ],
    )
    assert introduced(PageLayout(4, [sentence, *rows], columns), 1, 2)
    running = _line(4, 37, [("Commune de X, séance du 12 avril 2016", 379.0, 525.0)])
    assert not introduced(PageLayout(4, [running, *rows], columns), 1, 2)


def test_a_running_header_written_as_a_sentence_introduces_nothing() -> None:
    """Near misses: a page's running header written as a sentence, from the table's left over
    its columns ("Procès-verbal de la séance du conseil municipal du 12 avril 2016"), opens a
    page the table of the page before goes on over: its rows are that table's."""
    rows = [
        _line(4, 108, [("Recettes", 77.0, 110.0), ("325 023,58", 233.0, 277.0)]),
        _line(4, 120, [("Dépenses", 77.0, 114.0), ("1 085 884,20", 227.0, 278.0)]),
    ]
    columns = [Column(227.0, 278.0, amounts=True)]
    for header in (
        "Procès-verbal de la séance du conseil municipal du 12 avril 2016",
        "Compte rendu de la réunion du conseil municipal du 12 avril 2016 - page 4",
    ):
        running = _line(4, 37, [(header, 71.0, 525.0)])
        assert not introduced(PageLayout(4, [running, *rows], columns), 1, 2), header


def test_a_sentence_announcing_the_table_above_its_header_introduces_it() -> None:
    """ "… le besoin de financement s'établit comme suit :", then the columns' header, then the
    rows, at the head of a page: a new table, not the one the page before ends with; near miss:
    the same page opened by its running header alone."""
    rows = [
        _line(4, 108, [("Recettes", 77.0, 110.0), ("325 023,58", 233.0, 277.0)]),
        _line(4, 120, [("Dépenses", 77.0, 114.0), ("1 085 884,20", 227.0, 278.0)]),
    ]
    columns = [Column(227.0, 278.0, amounts=True)]
    running = _line(
        4, 37, [("Commune de X - Conseil Municipal du 10 avril 2024 – Page 4", 71.0, 525.0)]
    )
    sentence = _line(
        4,
        60,
        [
            (
                "Au vu des résultats présentés, le besoin de financement s’établit comme suit :",
                71.0,
                525.0,
            )
        ],
    )
    header = _line(
        4, 84, [("Recettes à réaliser", 77.0, 160.0), ("Besoin de financement", 233.0, 330.0)]
    )
    layout = PageLayout(4, [running, sentence, header, *rows], columns)
    assert introduced(layout, 3, 4)
    assert not introduced(PageLayout(4, [running, header, *rows], columns), 2, 3)


def _balance(labels: tuple[str, str], printed: str) -> Table:
    cells = [[TableCell(text=""), TableCell(text="")]]
    cells += [
        [TableCell(text=labels[0], start=10), TableCell(text="325 023,58")],
        [TableCell(text=labels[1], start=20), TableCell(text="1 085 884,20")],
        [TableCell(text="Total", start=30), TableCell(text=printed)],
    ]
    table = Table(
        page=4,
        rows=cells,
        method="words",
        kinds=["header", "row", "row", "total"],
        amount_column=1,
        sections=[TableSection(rows=[1, 2], total=cells[3][0])],
    )
    check_sums(table, [1])
    return table


def test_a_total_under_receipts_and_expenses_is_their_balance() -> None:
    """ "Recettes 325 023,58 / Dépenses 1 085 884,20 / Total -760 860,62": the balance adds up;
    near misses: two rows of other labels do not balance, a wrong balance is flagged."""
    assert _balance(("Recettes", "Dépenses"), "-760 860,62").adds_up is True
    assert _balance(("Fournitures", "Travaux"), "-760 860,62").adds_up is False
    assert _balance(("Recettes", "Dépenses"), "-760 000,00").adds_up is False
    assert _balance(("Recettes", "Dépenses"), "1 410 907,78").adds_up is True


def test_grants_are_tied_to_their_sections_imputation(tmp_path: Path) -> None:
    """A section's Total line and the imputation sentence after it belong to its rows: each grant
    gets its own section's imputation (fonction 40 for sport, 30 for culture), as its code is
    labelled, the same kind of value as the deliberation's imputation (not the sentence)."""
    path = tmp_path / "grants.pdf"
    draw_grant_pdf(path, [SPORT, CULTURE])
    document = read_document(path)
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    tied = {m.value: m.imputation for m, _ in found}
    assert tied["Judo club"] == "nature 6574, chapitre 65, fonction 40"
    assert tied["Compagnie théâtrale du Vieux Moulin"] == "nature 6574, chapitre 65, fonction 30"
    record = Beneficiary(name="Judo club", amount=1500.0, imputation=tied["Judo club"])
    assert "imputation" in record.model_dump(exclude_none=False)


def test_a_sentence_without_a_code_or_with_a_sum_ties_nothing(tmp_path: Path) -> None:
    """Near misses: "… le vote par chapitre" prints no imputation's code, "Chapitre 10 « … » :
    2 800 €" is the next budget line, "compte 2023" is the association's accounts of a year, a
    fonction alone is no account: no row gets any."""
    for sentence in (
        "Ces subventions seront votées par chapitre.",
        "Chapitre 65 « Autres charges » : 2 800 € de crédits nouveaux.",
        "Versement sur présentation du compte 2023 approuvé par l'assemblée générale.",
        "Versement sur présentation des comptes 2023 et du budget 2024.",
        "Ces subventions relèvent de la fonction 40.",
    ):
        path = tmp_path / "grants.pdf"
        draw_grant_pdf(path, [Section(SPORT.title, SPORT.rows, SPORT.total, sentence)])
        document = read_document(path)
        found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
        assert found and all(m.imputation is None for m, _ in found)
    assert Beneficiary(name="Judo club").model_dump().get("imputation", None) is None


def test_a_count_flush_in_a_column_of_sums_is_no_sum(tmp_path: Path) -> None:
    """Near miss: "Nombre d'élèves | 1250" between "Forfait par élève | 35,00" and "Frais de
    transport | 2 000,00", flush with the "Montant" column: a whole number the column's check
    may count, not a sum of the deliberation."""
    path = tmp_path / "participation.pdf"
    rows = [
        Row("", "Forfait par élève", "", "", "35,00"),
        Row("", "Nombre d'élèves", "", "", "1250"),
        Row("", "Frais de transport", "", "", "2 000,00"),
    ]
    intro = (
        "Le conseil municipal, après en avoir délibéré, fixe la participation des communes aux "
        "frais de scolarité comme suit :"
    )
    draw_grant_pdf(path, [Section("Participation", rows, "3 285,00", "")], intro=intro)
    record = analyze(read_document(path), Source(file="participation.pdf"))
    amounts = [a.value for d in record.deliberations for a in d.amounts]
    assert 2000.0 in amounts and 1250.0 not in amounts
    table = read_document(path).tables[0]
    assert table.sections and table.sections[0].adds_up is True  # 35 + 1250 + 2000
