"""Tables without rulings read from word positions (deliberations.extract.word_tables).

The fixtures are drawn here with reportlab the way a large body's yearly grant deliberation
prints its subsidies: sections of rows ``code | organisation | type | project | amount`` with no
rule drawn, names and projects wrapping over two or three lines, each section closed by a
``Total … €`` line and the sentence giving its credit line, a section running over a page break
(header repeated, or not), a row postponed and a row struck out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from deliberations.extract import read_document
from deliberations.extract.unruled.cells import cell_index, join_wrapped_sums
from deliberations.extract.unruled.columns import Column, amount_columns
from deliberations.extract.unruled.geometry import Chunk, Line, Word
from deliberations.extract.unruled.totals import article_rows, check_sums, euros, section_note
from deliberations.extract.word_tables import STATUS_RE, cell_value, read_word_tables
from deliberations.nlp.beneficiaries import find_beneficiaries
from deliberations.schemas.document import (
    DocumentText,
    OcrWord,
    PageText,
    Table,
    TableCell,
    TableSection,
)

FONT, SIZE, LEADING = "Helvetica", 9.0, 11.0
# column left edges (code, organisation, type, project) and the amounts' right edge
CODE, ORG, KIND, PROJECT, AMOUNT_RIGHT = 50.0, 95.0, 250.0, 330.0, 545.0
ORG_WIDTH, PROJECT_WIDTH = 140.0, 150.0
TOP, BOTTOM = 800.0, 60.0


@dataclass
class Row:
    code: str
    name: str
    kind: str
    project: str
    amount: str
    note: str | None = None  # a line printed under the row ("Vote reporté")
    struck: bool = False


@dataclass
class Section:
    title: str
    rows: list[Row]
    total: str
    imputation: str
    extra: list[str] = field(default_factory=list)


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", FONT, SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def draw_grant_pdf(
    path: Path,
    sections: list[Section],
    *,
    repeat_header: bool = True,
    page_break_after: int | None = None,
    intro: str = "",
    bottom: bool = False,
) -> None:
    """The sections drawn without any rule; ``page_break_after``: rows before the break;
    ``bottom``: each row's code, type and sum on its last line (a spreadsheet's alignment)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    y = TOP
    drawn = 0

    def text(x: float, y: float, value: str, font: str = FONT) -> None:
        canvas.setFont(font, SIZE)
        canvas.drawString(x, y, value)

    def header(y: float) -> float:
        for x, label in ((CODE, "Code"), (ORG, "Organisme"), (KIND, "Type"), (PROJECT, "Projet")):
            text(x, y, label, "Helvetica-Bold")
        canvas.setFont("Helvetica-Bold", SIZE)
        canvas.drawRightString(AMOUNT_RIGHT, y, "Montant")
        return y - LEADING * 1.4

    def new_page(with_header: bool) -> float:
        canvas.drawString(280, 30, f"Page {canvas.getPageNumber()}")
        canvas.showPage()
        y = TOP
        return header(y) if with_header else y

    if intro:
        for line in _wrap(intro, 495):
            text(CODE, y, line)
            y -= LEADING
        y -= LEADING
    for section in sections:
        text(CODE, y, section.title, "Helvetica-Bold")
        y -= LEADING * 1.4
        y = header(y)
        for row in section.rows:
            if page_break_after is not None and drawn == page_break_after:
                y = new_page(repeat_header)
            names, projects = _wrap(row.name, ORG_WIDTH), _wrap(row.project, PROJECT_WIDTH)
            foot = y - LEADING * (max(len(names), len(projects)) - 1) if bottom else y
            text(CODE, foot, row.code)
            text(KIND, foot, row.kind)
            canvas.setFont(FONT, SIZE)
            canvas.drawRightString(AMOUNT_RIGHT, foot, row.amount)
            if row.struck:
                canvas.line(CODE, foot + 3, AMOUNT_RIGHT, foot + 3)
            for i in range(max(len(names), len(projects))):
                if i < len(names):
                    text(ORG, y - i * LEADING, names[i])
                if i < len(projects):
                    text(PROJECT, y - i * LEADING, projects[i])
            y -= LEADING * max(len(names), len(projects))
            if row.note:
                text(PROJECT, y, row.note)
                y -= LEADING
            drawn += 1
        text(CODE, y, f"Total {section.title}", "Helvetica-Bold")
        canvas.setFont("Helvetica-Bold", SIZE)
        canvas.drawRightString(AMOUNT_RIGHT, y, section.total)
        y -= LEADING
        for line in _wrap(section.imputation, 495):
            text(CODE, y, line)
            y -= LEADING
        y -= LEADING
    canvas.drawString(280, 30, f"Page {canvas.getPageNumber()}")
    canvas.showPage()
    canvas.save()


SPORT = Section(
    "Sport",
    [
        Row(
            "S01",
            "Association sportive et culturelle des cheminots de la gare",
            "Fonctionnement",
            "Activités annuelles du club et accueil des jeunes licenciés",
            "12 000 €",
        ),
        Row("S02", "Judo club", "Projet", "Tournoi régional", "1 500 €"),
        Row(
            "S03",
            "Union cycliste du canton et des communes voisines réunies en fédération",
            "Projet",
            "Course cycliste de printemps ouverte à tous",
            "3 500 €",
        ),
        Row(
            "S04",
            "Tennis de table",
            "Fonctionnement",
            "Fonctionnement courant",
            "800 €",
            note="Vote reporté",
        ),
    ],
    "17 000 €",
    "Ces subventions seront imputées sur la ligne de crédit 6574, nature 6574, chapitre 65, fonction 40.",
)
CULTURE = Section(
    "Culture",
    [
        Row("C01", "Les amis de la musique ancienne", "Projet", "Festival d'été", "2 000 €"),
        Row(
            "C02",
            "Compagnie théâtrale du Vieux Moulin",
            "Fonctionnement",
            "Saison théâtrale, ateliers dans les écoles et résidences d'artistes",
            "4 250,50 €",
        ),
        Row("C03", "Chorale Saint Martin", "Projet", "Concert de Noël", "600 €", struck=True),
    ],
    "6 250,50 €",
    "Ces subventions seront imputées sur la ligne de crédit 6574, nature 6574, chapitre 65, fonction 30.",
)
INTRO = (
    "Le Conseil municipal, après en avoir délibéré, décide d'attribuer aux associations les "
    "subventions suivantes au titre de l'exercice :"
)


def _tables(path: Path) -> tuple[DocumentText, list[Table]]:
    document = read_document(path)
    return document, [t for t in document.tables if t.method == "words"]


@pytest.fixture(scope="module")
def grant_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("grants") / "grants.pdf"
    draw_grant_pdf(path, [SPORT, CULTURE], intro=INTRO)
    return path


def _rows(table: Table) -> list[tuple[str, str, str | None]]:
    """(name, amount, status) of each data row."""
    return [
        (row[table.name_column].text, row[table.amount_column].text, table.statuses.get(i))
        for i, row in enumerate(table.rows)
        if table.kinds[i] == "row"
    ]


# (name, amount, status) of the rows of SPORT and CULTURE as the reader must give them
ROWS = [
    ("Association sportive et culturelle des cheminots de la gare", "12 000 €", None),
    ("Judo club", "1 500 €", None),
    (
        "Union cycliste du canton et des communes voisines réunies en fédération",
        "3 500 €",
        None,
    ),
    ("Tennis de table", "800 €", "Vote reporté"),
    ("Les amis de la musique ancienne", "2 000 €", None),
    ("Compagnie théâtrale du Vieux Moulin", "4 250,50 €", None),
    ("Chorale Saint Martin", "600 €", "barré"),
]


def test_rows_with_wrapped_names_are_whole(grant_pdf: Path) -> None:
    document, tables = _tables(grant_pdf)
    assert len(tables) == 1
    table = tables[0]
    assert [c.text for c in table.rows[0]] == ["Code", "Organisme", "Type", "Projet", "Montant"]
    assert _rows(table) == ROWS
    # the project wraps over more lines than the name: each part stays in its column
    first = table.rows[1]
    assert first[3].text == "Activités annuelles du club et accueil des jeunes licenciés"
    # each cell is located in the page text: its span starts and ends with its first and last word
    for row in table.rows:
        for cell in row:
            if cell.text:
                assert cell.start is not None
                span = document.text[cell.start : cell.end]
                assert span.startswith(cell.text.split()[0]) and span.endswith(
                    cell.text.split()[-1]
                )


def test_sections_tie_title_total_and_imputation_to_their_rows(grant_pdf: Path) -> None:
    _, (table,) = _tables(grant_pdf)
    sport, culture = table.sections
    assert sport.title.text == "Sport" and culture.title.text == "Culture"
    assert [table.rows[i][1].text for i in sport.rows][:2] == [
        "Association sportive et culturelle des cheminots de la gare",
        "Judo club",
    ]
    assert len(sport.rows) == 4 and len(culture.rows) == 3
    assert sport.total_value == 17000.0 and culture.total_value == 6250.5
    assert "chapitre 65, fonction 40" in sport.imputation.text
    assert "fonction 30" in culture.imputation.text
    # the postponed row is left out of the total, the struck one too: both add up
    assert sport.adds_up is True and culture.adds_up is True
    assert table.adds_up is True


def test_a_total_that_does_not_add_up_is_flagged(tmp_path: Path) -> None:
    wrong = Section(SPORT.title, SPORT.rows, "18 000 €", SPORT.imputation)
    path = tmp_path / "wrong.pdf"
    draw_grant_pdf(path, [wrong, CULTURE])
    _, (table,) = _tables(path)
    assert [s.adds_up for s in table.sections] == [False, True]
    assert table.adds_up is False
    # the rows keep the values printed
    assert table.rows[table.sections[0].rows[0]][4].text == "12 000 €"
    # the check in words, on the section and on each grant of the table, with a lower score
    assert section_note(table.sections[0]) == "rows sum to 17 000 €, the table says 18 000 €"
    assert section_note(table.sections[1]) == "rows sum to 6 250,50 €, the table says 6 250,50 €"
    document = read_document(path)
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    checks = {m.value: (m.check, m.score) for m, _ in found}
    assert checks["Judo club"] == ("rows sum to 17 000 €, the table says 18 000 €", 0.5)
    # near miss: a grant of the section whose own total matches stays sure
    assert checks["Les amis de la musique ancienne"] == (None, 1.0)


def test_grants_of_a_table_that_adds_up_are_not_flagged(grant_pdf: Path) -> None:
    """Near miss: every total matches, no grant carries a check."""
    document = read_document(grant_pdf)
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert found and all(m.check is None and m.score == 1.0 for m, _ in found)


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_euros_reads_back(cents: int) -> None:
    """A sum written as a table prints it reads back as the same value."""
    assert cell_value(euros(cents / 100).replace("€", "").strip()) == cents / 100


@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_section_continues_across_a_page_break(tmp_path: Path, repeat_header: bool) -> None:
    path = tmp_path / "break.pdf"
    draw_grant_pdf(path, [SPORT, CULTURE], repeat_header=repeat_header, page_break_after=2)
    _, tables = _tables(path)
    assert len(tables) == 1
    table = tables[0]
    assert table.pages == [1, 2]
    names = [name for name, _, _ in _rows(table)]
    assert names[2] == "Union cycliste du canton et des communes voisines réunies en fédération"
    assert len(names) == 7
    assert table.adds_up is True


def test_rows_aligned_at_their_foot_keep_their_wrapped_names(tmp_path: Path) -> None:
    """Sums on the last line of their row (a spreadsheet's alignment): the name's first lines,
    above the sum, are that row's, not the row above's; the note under a row stays with it."""
    path = tmp_path / "bottom.pdf"
    draw_grant_pdf(path, [SPORT, CULTURE], intro=INTRO, bottom=True)
    _, (table,) = _tables(path)
    assert _rows(table) == ROWS
    assert table.adds_up is True


def test_grants_come_from_the_rows(grant_pdf: Path) -> None:
    document = read_document(grant_pdf)
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert [(m.value, m.amount) for m, _ in found] == [
        ("Association sportive et culturelle des cheminots de la gare", 12000.0),
        ("Judo club", 1500.0),
        ("Union cycliste du canton et des communes voisines réunies en fédération", 3500.0),
        ("Les amis de la musique ancienne", 2000.0),
        ("Compagnie théâtrale du Vieux Moulin", 4250.5),
    ]


def test_prose_with_sums_is_no_table(tmp_path: Path) -> None:
    """Near miss: sentences ending with sums, one under the other, are not rows of a table."""
    path = tmp_path / "prose.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = TOP
    for sentence in (
        "Le Conseil décide d'attribuer une subvention au club de judo pour un montant de 1 500 €",
        "Le Conseil décide d'attribuer une subvention à la chorale pour un montant de 600 €",
        "Le Conseil décide d'attribuer une subvention au tennis de table pour un montant de 800 €",
        "Le Conseil décide d'attribuer une subvention à l'union cycliste pour un montant de 3 500 €",
    ):
        canvas.drawString(CODE, y, sentence)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    assert _tables(path)[1] == []


def draw_whole_euros_pdf(path: Path, header: bool = True) -> None:
    """A small commune's grant list: whole euros without "€" nor cents in two columns
    ("Subvention" over "votée", then "Redevance"), a name wrapped over two lines."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = TOP
    canvas.drawString(CODE, y, "Vote des subventions aux associations")
    y -= 2 * LEADING
    if header:
        canvas.drawString(250, y, "Subvention")
        canvas.drawString(320, y, "Redevance")
        y -= LEADING
        canvas.drawString(262, y, "votée")
        y -= 1.3 * LEADING
    rows = [
        ("AMICALE BOULES", "900", "500"),
        ("COMITE DES FETES", "1 800", "0"),
        ("ECOLE DE JUDO", "1 000", "400"),
        ("Office central de coopération à", "1 000", "0"),
    ]
    for name, granted, fee in rows:
        canvas.drawString(CODE, y, name)
        canvas.drawRightString(299, y, granted)
        canvas.drawRightString(366, y, fee)
        y -= 1.3 * LEADING
    canvas.drawString(CODE, y + 0.3 * LEADING, "l'école du village (OCCE)")
    canvas.showPage()
    canvas.save()


def test_whole_euros_under_a_wrapped_header(tmp_path: Path) -> None:
    path = tmp_path / "whole.pdf"
    draw_whole_euros_pdf(path)
    document = read_document(path)
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    # the header's wrapped word ("votée") is the header's, not the first row's
    assert [(m.value, m.amount) for m, _ in found] == [
        ("AMICALE BOULES", 900.0),
        ("COMITE DES FETES", 1800.0),
        ("ECOLE DE JUDO", 1000.0),
        ("Office central de coopération à l'école du village (OCCE)", 1000.0),
    ]


def test_whole_numbers_without_a_grant_header_are_no_table(tmp_path: Path) -> None:
    """Near miss: counts ending lines ("Votants 18") on a page naming no grant are not read."""
    path = tmp_path / "counts.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = TOP
    for label, count in (("Membres en exercice", "19"), ("Présents", "15"), ("Votants", "18")):
        canvas.drawString(CODE, y, label)
        canvas.drawRightString(299, y, count)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    assert _tables(path)[1] == []


STATUSES = [
    ("Vote reporté", True),
    ("Subvention annulée", True),
    ("Dossier retiré", True),
    ("Sans objet", True),
    ("Reporté", True),
    # near misses: a sum carried forward, a word inside a name
    ("Résultat d'exploitation reporté", False),
    ("Excédent reporté", False),
    ("Association Report de jeux", False),
]


@pytest.mark.parametrize(("text", "status"), STATUSES)
def test_status_words(text: str, status: bool) -> None:
    assert bool(STATUS_RE.search(text)) is status


CELLS = [
    ("12 000 €", 12000.0),
    ("4 250,50 €", 4250.5),
    ("1.500,00", 1500.0),
    ("320,00 €", 320.0),
    ("8.200 ,00", 8200.0),  # a space typed before the cents
    ("200 ,5", None),
    ("35.163.08", 35163.08),  # cents after a dot where no thousands group can stand
    ("19440.89", 19440.89),
    ("12.05", None),  # a date, not a sum
    ("0 €", 0.0),
    ("Vote reporté", None),
    ("/", None),
    ("2021", None),
]  # a bare year is no sum


@pytest.mark.parametrize(("text", "value"), CELLS)
def test_cell_value(text: str, value: float | None) -> None:
    assert cell_value(text) == value


@given(
    st.integers(min_value=0, max_value=99_999_999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([" ", "\u00a0", "\u202f", "."]),
    st.booleans(),
)
def test_cell_value_reads_every_printed_sum(
    units: int, cents: int, separator: str, euro: bool
) -> None:
    """Any sum printed with a thousands separator, cents or not, a euro sign or not."""
    grouped = f"{units:,}".replace(",", separator)
    printed = f"{grouped},{cents:02d}" + (" €" if euro else "")
    assert cell_value(printed) == pytest.approx(units + cents / 100)
    assert cell_value(grouped + (" €" if euro else "")) == units


def _budget_table(rows: list[tuple[str, str, str]], sections: list[list[int]]) -> Table:
    """A budget table built by hand: (kind, label, sum) rows, each section closed by the total
    row after its rows (a section of no rows: by the next total after the last one)."""
    cells = [[TableCell(text="Chapitre"), TableCell(text="Montant")]]
    cells += [
        [TableCell(text=label, start=10 * i, end=10 * i + 5), TableCell(text=value)]
        for i, (_, label, value) in enumerate(rows, start=1)
    ]
    kinds = ["header", *(kind for kind, _, _ in rows)]
    table = Table(page=1, rows=cells, method="words", kinds=kinds, amount_column=1)
    totals = iter(i for i, kind in enumerate(kinds) if kind == "total")
    table.sections = [TableSection(rows=members) for members in sections]
    for section in table.sections:
        section.total = table.rows[next(totals)][0]
    check_sums(table, [1])
    return table


def test_details_and_a_grand_total_over_a_sub_total_add_up() -> None:
    """'dont …' rows and an operation's '*' chapters detail the row above; the grand total sums
    the sub-total above it and the order rows."""
    table = _budget_table(
        [
            ("row", "16 Emprunts", "49 600,00"),
            ("row", "dont remboursement avance", "12 100,00"),
            ("row", "601 Matériels", "138 300,00"),
            ("row", "* 21 Immobilisations corporelles", "138 300,00"),
            ("total", "Total des dépenses réelles", "187 900,00"),
            ("row", "040 Amortissements", "10 000,00"),
            ("total", "TOTAL DES DEPENSES", "197 900,00"),
        ],
        [[1, 2, 3, 4], [6]],
    )
    assert [s.adds_up for s in table.sections] == [True, True]


def test_a_detail_counted_in_the_total_does_not_add_up() -> None:
    """Near miss: a total that counts a 'dont' row is off, and says by how much."""
    table = _budget_table(
        [
            ("row", "16 Emprunts", "49 600,00"),
            ("row", "dont remboursement avance", "12 100,00"),
            ("total", "Total", "61 700,00"),
        ],
        [[1, 2]],
    )
    assert table.adds_up is False
    assert table.sections[0].mismatch == "rows sum to 49 600 €, the table says 61 700 €"


def test_a_chapters_accounts_are_not_counted_twice() -> None:
    """A budget by chapter prints each chapter's accounts under it ("011 CHARGES A CARACTERE
    GENERAL 16.000,00", then "60 1.000,00", "61 15.000,00"): the total sums the chapters."""
    table = _budget_table(
        [
            ("row", "011 CHARGES A CARACTERE GENERAL", "16.000,00"),
            ("row", "60", "1.000,00"),
            ("row", "61", "15.000,00"),
            ("row", "014 ATTENUATION DE PRODUITS", "71.220,00"),
            ("row", "73", "71.220,00"),
            ("row", "67 CHARGES EXCEPTIONNELLES", "146.088,96"),
            ("total", "TOTAL SECTION", "233.308,96"),
        ],
        [[1, 2, 3, 4, 5, 6]],
    )
    assert table.adds_up is True
    assert article_rows(table, 1, [1]) == {2, 3, 5}


def test_accounts_that_do_not_make_their_chapter_are_counted() -> None:
    """Near miss: rows of a code alone that do not add up to the row above are rows of their own
    (a chapter printed without its label), and a total that leaves them out is off."""
    table = _budget_table(
        [
            ("row", "002 EXCEDENT ANT.REPORTE", "765.510,33"),
            ("row", "70", "17.576,00"),
            ("row", "73 IMPOTS ET TAXES", "794.275,00"),
            ("total", "TOTAL SECTION", "765.510,33"),
        ],
        [[1, 2, 3]],
    )
    assert article_rows(table, 1, [1]) == set()
    assert table.adds_up is False


def test_a_total_of_sub_totals_adds_up() -> None:
    """A total printed right under others sums the last of them ("TOTAL DES RECETTES REELLES"
    over the receipts of equipment and the financial ones)."""
    table = _budget_table(
        [
            ("row", "13 SUBVENTIONS D'INVESTISSEMENT", "1 645 074,17"),
            ("total", "TOTAL DES RECETTES D'EQUIPEMENT", "1 645 074,17"),
            ("row", "10 DOTATIONS, FONDS DIVERS ET RESERVES", "115 000,00"),
            ("row", "1068 EXCEDENT DE FONCTIONNEMENT CAPITALISE", "1 583 183,43"),
            ("total", "TOTAL DES RECETTES FINANCIERES", "1 698 183,43"),
            ("total", "TOTAL DES RECETTES REELLES", "3 343 257,60"),
        ],
        [[1], [3, 4], []],
    )
    assert [s.adds_up for s in table.sections] == [True, True, True]


def test_a_total_of_sub_totals_that_is_off_does_not_add_up() -> None:
    """Near miss: a total under others that none of their runs makes is flagged."""
    table = _budget_table(
        [
            ("row", "13 SUBVENTIONS", "1 645 074,17"),
            ("total", "TOTAL DES RECETTES D'EQUIPEMENT", "1 645 074,17"),
            ("row", "10 DOTATIONS", "115 000,00"),
            ("total", "TOTAL DES RECETTES FINANCIERES", "115 000,00"),
            ("total", "TOTAL DES RECETTES REELLES", "1 760 000,00"),
        ],
        [[1], [3], []],
    )
    assert table.adds_up is False


def test_a_sum_wrapped_in_its_cell_is_made_whole() -> None:
    """A narrow cell wraps "1 312 650,00" as "1 312" on a line of its own above "650,00": one sum
    in the lower row; a figure alone above a sum that is no continuation of it stays."""
    cells = [
        [TableCell(text="67"), TableCell(text="Charges"), TableCell(text="3 000,00")],
        [TableCell(text=""), TableCell(text=""), TableCell(text="1 312", start=10, end=15)],
        [TableCell(text="Totaux"), TableCell(text=""), TableCell(text="650,00", start=30, end=36)],
    ]
    join_wrapped_sums(cells, ["row", "row", "total"])
    assert cells[1][2].text == ""
    assert (cells[2][2].text, cells[2][2].start, cells[2][2].end) == ("1 312 650,00", 10, 36)
    assert cell_value(cells[2][2].text) == 1312650.0
    kept = [
        [TableCell(text=""), TableCell(text=""), TableCell(text="1 312")],
        [TableCell(text="Totaux"), TableCell(text=""), TableCell(text="1 650,00")],
    ]
    join_wrapped_sums(kept, ["row", "total"])
    assert [c.text for c in kept[1]] == ["Totaux", "", "1 650,00"]
    # a whole-euro column: "1 312" over "650" may be two rows' sums, never glued into 1 312 650
    whole = [
        [TableCell(text=""), TableCell(text=""), TableCell(text="1 312")],
        [TableCell(text="Club"), TableCell(text=""), TableCell(text="650")],
    ]
    join_wrapped_sums(whole, ["row", "row"])
    assert [c.text for c in whole[1]] == ["Club", "", "650"]


def _ocr_page(lines: list[list[tuple[str, float, float]]], unsure: str = "") -> PageText:
    """An OCR'd page built by hand: each line's words with their left and right edges (points),
    lines 14 points apart; the word ``unsure`` read with a low confidence."""
    text, words = "", []
    for n, line in enumerate(lines):
        top = 100.0 + 14 * n
        for i, (word, x0, x1) in enumerate(line):
            start = len(text)
            text += word + (" " if i < len(line) - 1 else "\n")
            confidence = 0.4 if word == unsure else 0.95
            words.append(
                OcrWord(
                    text=word,
                    start=start,
                    end=start + len(word),
                    confidence=confidence,
                    bbox=(x0, top, x1, top + 9),
                )
            )
    return PageText(number=1, text=text, method="ocr", words=words)


def _grant_rows() -> list[list[tuple[str, float, float]]]:
    rows = [("JUDO", "1400"), ("TENNIS", "3000"), ("FNACA", "500")]
    return [
        [("ASSOCIATIONS", 50, 120), ("Subvention", 380, 430), ("2024", 432, 452)],
        *(
            [(name, 50, 50 + 7 * len(name)), (sum_, 420 - 6 * len(sum_), 420), ("€", 423, 429)]
            for name, sum_ in rows
        ),
        [("TOTAL", 50, 80), ("SUBVENTIONS", 83, 150), ("4900", 396, 420), ("€", 423, 429)],
    ]


def _scan_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.showPage()
    canvas.save()
    return path


def test_a_scanned_grant_table_is_read_from_the_ocr_boxes(tmp_path: Path) -> None:
    page = _ocr_page(_grant_rows(), unsure="3000")
    (table,) = read_word_tables(_scan_pdf(tmp_path), [page], [0])
    names = [row[table.name_column].text for row in table.rows[1:4]]
    assert names == ["JUDO", "TENNIS", "FNACA"]
    assert table.adds_up is True
    # the sum OCR read unsure is no grant (a wrong digit is worse than a gap)
    document = DocumentText(pages=[page], tables=[table])
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert [(m.value, m.amount) for m, _ in found] == [("JUDO", 1400.0), ("FNACA", 500.0)]


def test_a_scanned_table_without_a_beneficiary_header_is_left_to_the_text(tmp_path: Path) -> None:
    """Near miss: a budget table OCR'd cell by cell (no column of beneficiaries, its sums not
    called grants) whose printed total its rows do not make (a digit misread) is not kept."""
    lines = _grant_rows()
    lines[0] = [("Chapitre", 50, 100), ("Montant", 380, 420)]
    lines[-1] = [("TOTAL", 50, 80), ("4800", 396, 420), ("€", 423, 429)]
    assert read_word_tables(_scan_pdf(tmp_path), [_ocr_page(lines)], [0]) == []


def _named_row(name: str, amount: str, right: float = 420) -> list[tuple[str, float, float]]:
    """A row of a scanned list: the name's words from the left margin, the sum set right."""
    words, x = [], 50.0
    for word in name.split():
        words.append((word, x, x + 6 * len(word)))
        x += 6 * len(word) + 4
    return [*words, (amount, right - 6 * len(amount), right), ("€", right + 3, right + 9)]


def test_a_scanned_table_whose_rows_make_its_total_is_kept(tmp_path: Path) -> None:
    """A commune's list of subsidies with no header, closed by its sub-total ("APE de l'école
    150 €" … "Sous total 460 €"): on a scan, the total its rows add up to proves the figures
    read right."""
    rows = [("APE de l'école", "150"), ("Judo club du canton", "160"), ("Chorale des aînés", "150")]
    lines = [
        [
            ("Subventions", 50, 120),
            ("à", 123, 130),
            ("caractère", 133, 190),
            ("scolaire", 193, 240),
        ],
        *(_named_row(name, sum_) for name, sum_ in rows),
        [("Sous", 300, 325), ("total", 328, 355), ("460", 402, 420), ("€", 423, 429)],
    ]
    (table,) = read_word_tables(_scan_pdf(tmp_path), [_ocr_page(lines)], [0])
    assert table.adds_up is True
    document = DocumentText(pages=[_ocr_page(lines)], tables=[table])
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert [(m.value, m.amount) for m, _ in found] == [
        ("APE de l'école", 150.0),
        ("Judo club du canton", 160.0),
        ("Chorale des aînés", 150.0),
    ]


def test_a_scanned_table_calling_its_sums_grants_is_kept(tmp_path: Path) -> None:
    """Whole euros under "Subvention votée | Redevance" with no total ("ADMR 350 0"): the
    header says the sums are grants, though it names no column of beneficiaries."""
    rows = [("ADMR du canton", "350"), ("Sou des écoles", "800"), ("Club de l'amitié", "400")]
    lines = [
        [("Subvention", 380, 420), ("votée", 423, 445), ("Redevance", 480, 530)],
        *(
            [*(w for w in _named_row(name, sum_, 440) if w[0] != "€"), ("0", 524, 530)]
            for name, sum_ in rows
        ),
    ]
    (table,) = read_word_tables(_scan_pdf(tmp_path), [_ocr_page(lines)], [0])
    assert table.adds_up is None
    assert [" ".join(row[table.name_column].text.split()) for row in table.rows[1:]] == [
        n for n, _ in rows
    ]
    assert [row[table.amount_column].text for row in table.rows[1:]] == ["350", "800", "400"]


def draw_numbered_list_pdf(path: Path, total: str = "2 083 €") -> None:
    """A commune's list of subsidies voted in one deliberation, in sections by purpose, each
    closed by its sub-total and the list by a total; no rules, no header. The first section
    prints each item number apart from its name, the second glues them ("1. Club des aînés",
    "2.Chorale"), a grant is printed in two parts ("120 € + 150 €"), two names differ by a
    letter or two ("ADAC de …", "ABCD Ecole de …")."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = TOP
    canvas.drawString(CODE, y, "Le Conseil vote les subventions suivantes :")
    y -= 2 * LEADING
    sections = [
        (
            "Subventions à caractère scolaire",
            [("1.", "ABCD Ecole de Saint-Martin", "200,00 €"), ("2.", "MFR Pointel", "40,00 €")],
            "240,00 €",
        ),
        (
            "Subventions à caractère local",
            [
                (None, "1. ADAC de Saint-Martin", "90,00 €"),
                (None, "2.Chorale", "100,00 €"),
                (None, "3. Val d'Orne Environnement (achat de matériel)", "120 € + 150 €"),
                (None, "4. Société de chasse de la Forêt", "153,00 €"),
            ],
            "613,00 €",
        ),
    ]
    for title, rows, subtotal in sections:
        canvas.drawString(CODE + 40, y, title)
        y -= 1.6 * LEADING
        for number, name, amount in rows:
            if number is None:
                canvas.drawString(CODE + 6, y, name)
            else:
                canvas.drawString(CODE + 6, y, number)
                canvas.drawString(CODE + 23, y, name)
            canvas.drawRightString(AMOUNT_RIGHT, y, amount)
            y -= LEADING
        canvas.drawString(400, y, "Sous total")
        canvas.drawRightString(AMOUNT_RIGHT, y, subtotal)
        y -= 1.6 * LEADING
    canvas.drawString(380, y, "TOTAL")
    canvas.drawRightString(AMOUNT_RIGHT, y, total)
    canvas.showPage()
    canvas.save()


def test_a_numbered_list_in_sections_gives_every_name_whole(tmp_path: Path) -> None:
    path = tmp_path / "numbered.pdf"
    draw_numbered_list_pdf(path, total="853,00 €")
    document = read_document(path)
    (table,) = [t for t in document.tables if t.method == "words"]
    assert table.adds_up is True  # each sub-total and the total over them
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert [(m.value, m.amount, m.check) for m, _ in found] == [
        ("ABCD Ecole de Saint-Martin", 200.0, None),
        ("MFR Pointel", 40.0, None),
        # near miss: two rows with names alike are two grantees, not one
        ("ADAC de Saint-Martin", 90.0, None),
        ("Chorale", 100.0, None),
        ("Val d'Orne Environnement (achat de matériel)", 270.0, None),
        # near miss: a "société de chasse" in a grant list is an association, no contractor
        ("Société de chasse de la Forêt", 153.0, None),
    ]


def test_a_list_whose_total_is_wrong_keeps_its_grants_flagged(tmp_path: Path) -> None:
    """Near miss: the same list with a total its rows do not make: the rows of the sections
    whose sub-totals hold are sure, and the total is reported."""
    path = tmp_path / "numbered.pdf"
    draw_numbered_list_pdf(path, total="2 083 €")
    document = read_document(path)
    (table,) = [t for t in document.tables if t.method == "words"]
    assert table.adds_up is False
    assert table.sections[-1].mismatch == "rows sum to 853 €, the table says 2 083 €"
    found = find_beneficiaries(document.text, 0, len(document.text), document.tables, None)
    assert len(found) == 6
    assert all(m.check is None for m, _ in found)  # each section's own sub-total holds


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120 € + 150 €", 270.0),
        ("500 €+300 €", 800.0),
        ("1.000,00 + 20,00", 1020.0),
        ("12 + x", None),
    ],
)
def test_a_sum_printed_in_parts(text: str, value: float | None) -> None:
    assert cell_value(text) == value


def _draw_rows(canvas: Canvas, y: float, rows: list[tuple[str, str]], right: float) -> float:
    for name, amount in rows:
        canvas.drawString(CODE + 6, y, name)
        canvas.drawRightString(right, y, amount)
        y -= LEADING
    return y


def _total_then_sentence(canvas: Canvas, y: float) -> float:
    """The grant list's total, then a sentence across the page; the line under it."""
    canvas.drawString(200, y, "TOTAL")
    canvas.drawRightString(456, y, "760,00")
    y -= 2 * LEADING
    canvas.drawString(
        CODE,
        y,
        "Monsieur le Maire demande à l'assemblée de voter le budget primitif de la commune "
        "nouvelle et donne la parole",
    )
    return y


GRANT_ROWS = [("Comité des fêtes", "400,00"), ("Club des aînés", "300,00"), ("UNC", "60,00")]
BUDGET_ROWS = [
    ("011 CHARGES A CARACTERE GENERAL", "506.660,00"),
    ("012 CHARGES DE PERSONNEL", "455.820,00"),
    ("Opé 0002 Création Chemin Agro Forestier DE LA FORET", "16.000,00"),
]


def test_a_sentence_between_two_lists_ends_the_first(tmp_path: Path) -> None:
    """A grant list closed by its total, a sentence across the page ("Monsieur le Maire demande
    de voter le budget …"), then the budget's lines: two tables, and the list adds up. Near
    miss: a budget label set wide in capitals ("Opé 0002 Création …") is no sentence."""
    path = tmp_path / "two.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = _draw_rows(canvas, TOP, GRANT_ROWS, 456)
    y = _total_then_sentence(canvas, y)
    y -= LEADING
    canvas.drawString(CODE, y, "et donne lecture des chapitres de fonctionnement comme suit :")
    y -= 2 * LEADING
    y = _draw_rows(canvas, y, BUDGET_ROWS, 456)
    canvas.drawString(200, y, "TOTAL")
    canvas.drawRightString(456, y, "978.480,00")
    canvas.showPage()
    canvas.save()
    grants, budget = _tables(path)[1]
    assert [row[grants.name_column].text for row in grants.rows[1:4]] == [n for n, _ in GRANT_ROWS]
    assert grants.adds_up is True and budget.adds_up is True
    assert len([k for k in budget.kinds if k == "row"]) == 3


def test_a_list_goes_on_over_a_page_holding_another_table(tmp_path: Path) -> None:
    """A grant list broken by a page, its end on a page that then prints a budget table whose
    sums stand wider (other columns): the list is one table and adds up."""
    path = tmp_path / "broken.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, SIZE)
    y = BOTTOM + 3 * LEADING
    y = _draw_rows(canvas, y, GRANT_ROWS[:2], 456)
    canvas.showPage()
    canvas.setFont(FONT, SIZE)
    y = _draw_rows(canvas, TOP, GRANT_ROWS[2:], 456)
    y = _total_then_sentence(canvas, y)
    y -= 2 * LEADING
    for name, amount in BUDGET_ROWS:
        canvas.drawString(CODE + 6, y, name)
        canvas.drawRightString(513, y, amount)
        canvas.drawRightString(420, y, amount)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    grants = _tables(path)[1][0]
    assert grants.pages == [1, 2]
    assert [name for name, _, _ in _rows(grants)] == [n for n, _ in GRANT_ROWS]
    assert grants.adds_up is True


# --- tables of a text document (deliberations.extract.text_tables) --------------------------
# A converter's markdown as a small commune's minutes print their yearly grants: a category row
# printed in both columns ("|Sport|Sport|"), the sum glued to "€", thousands spaced or not; then
# the next items' tables: school-meal tariffs by family quotient, and the pre-emption decisions
# (parcels, no sum).

MD_GRANTS = """# 1-1-1 : Subventions aux associations

Sur proposition de la commission « finances », après délibération et à l’unanimité, le Conseil \
Municipal décide d’attribuer les subventions suivantes au titre de l’exercice 2023 :

|Associations|Montant alloué en 2023|
|---|---|
|Sport|Sport|
|Société de chasse|500€|
|Football club du Marais|1200€|
|Social|Social|
|SSIAD du canton|500€|
|Culture-Animation-Tourisme|Culture-Animation-Tourisme|
|Comité d’Animation|2 800€|
|Rappel d’R|200€|
|Tiers lieu « la Fabrique »|500€|
{total}
# 1-2 : Tarifs prestations scolaires – Année 2023/2024

Après délibération et à l’unanimité, le Conseil Municipal valide ces propositions de tarifs :

|Quotient familial|Tranches|Tarifs 2023/2024|
|---|---|---|
|1|0-550€|2,15 €|
|2|551€ - 770€|2,55 €|
|3|771€ - 990€|2,75 €|
|Repas enseignant et agent| |4,30 €|
|Repas adulte| |5,65 €|

# 2 : Décisions prises par délégation (DPU)

|Nature du bien|Réf cadastre|adresse|propriétaire|
|---|---|---|---|
|Maison d’habitation|D 2333|20 rue du Moulin|M. DURAND Paul|
|Terrain|AD 138|Route de la Gare|MARTIN|
|Terrain|AD 139 + AD 140|Route de la Gare|MARTIN|
"""
MD_GRANTEES = [
    ("Société de chasse", 500.0),
    ("Football club du Marais", 1200.0),
    ("SSIAD du canton", 500.0),
    ("Comité d’Animation", 2800.0),
    ("Rappel d’R", 200.0),
    ("Tiers lieu « la Fabrique »", 500.0),
]


def _text_document(tmp_path: Path, text: str) -> DocumentText:
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def _item(document: DocumentText, heading: str, following: str | None) -> tuple[int, int]:
    text = document.text
    start = text.index(heading)
    return start, text.index(following, start) if following else len(text)


def _grants(document: DocumentText, span: tuple[int, int]) -> list[tuple[str, float | None]]:
    return [
        (m.value, m.amount)
        for m, _ in find_beneficiaries(document.text, *span, document.tables, "Coulon")
    ]


def test_a_markdown_grants_table_is_read_as_a_table(tmp_path: Path) -> None:
    document = _text_document(tmp_path, MD_GRANTS.format(total=""))
    grants = document.tables[0]
    assert grants.method == "text"
    assert (grants.name_column, grants.amount_column) == (0, 1)
    assert grants.rows[0][0].text == "Associations"
    # the categories are no rows; no total closes them: one section, under the first
    assert [s.title.text for s in grants.sections if s.title] == ["Sport"]
    assert grants.kinds.count("row") == 6
    assert grants.adds_up is None  # no total printed
    # every cell is where the document text prints it (the evidence)
    for row in grants.rows:
        for cell in row:
            if cell.start is not None:
                assert document.text[cell.start : cell.end] == cell.text


def test_the_grants_of_a_markdown_table_go_to_its_deliberation(tmp_path: Path) -> None:
    document = _text_document(tmp_path, MD_GRANTS.format(total=""))
    span = _item(document, "1-1-1 : Subventions", "1-2 : Tarifs")
    # a category is no one; "Rappel d’R" is an association, not a recall of past grants;
    # a "tiers-lieu" is someone
    assert _grants(document, span) == MD_GRANTEES


def test_a_tariff_table_and_a_table_of_parcels_grant_nothing(tmp_path: Path) -> None:
    document = _text_document(tmp_path, MD_GRANTS.format(total=""))
    tariffs = _item(document, "1-2 : Tarifs", "2 : Décisions")
    parcels = _item(document, "2 : Décisions", None)
    assert _grants(document, tariffs) == []
    assert _grants(document, parcels) == []
    # the parcels' table has no column of sums; the tariffs' first column is no one's name
    assert all(
        t.amount_column is None for t in document.tables if t.rows[0][0].text == "Nature du bien"
    )
    assert all(
        t.name_column is None for t in document.tables if t.rows[0][0].text.startswith("Quotient")
    )


def test_a_total_row_is_checked_against_the_rows(tmp_path: Path) -> None:
    document = _text_document(tmp_path, MD_GRANTS.format(total="|Total|5 700€|\n"))
    grants = document.tables[0]
    assert grants.kinds.count("total") == 1 and grants.adds_up is True
    span = _item(document, "1-1-1 : Subventions", "1-2 : Tarifs")
    found = find_beneficiaries(document.text, *span, document.tables, "Coulon")
    assert [(m.value, m.amount) for m, _ in found] == MD_GRANTEES  # "Total" is no one
    assert all(m.check is None for m, _ in found)


def test_grants_of_a_text_table_whose_total_fails_are_flagged(tmp_path: Path) -> None:
    document = _text_document(tmp_path, MD_GRANTS.format(total="|TOTAL|6 000 €|\n"))
    assert document.tables[0].adds_up is False
    span = _item(document, "1-1-1 : Subventions", "1-2 : Tarifs")
    found = find_beneficiaries(document.text, *span, document.tables, "Coulon")
    assert [m.check for m, _ in found] == ["rows sum to 5 700 €, the table says 6 000 €"] * 6


def test_a_plain_text_table_with_tabs_takes_the_same_road(tmp_path: Path) -> None:
    text = (
        "Vote des subventions 2024\n\nLe conseil municipal attribue les subventions suivantes :\n\n"
        "Association\tSubvention 2024\nAmicale des sapeurs-pompiers\t350 €\n"
        "Club de l’amitié\t200 €\nCoopérative scolaire\t1 000 €\nTOTAL\t1 550 €\n"
    )
    document = _text_document(tmp_path, text)
    assert document.tables[0].adds_up is True
    assert _grants(document, (0, len(document.text))) == [
        ("Amicale des sapeurs-pompiers", 350.0),
        ("Club de l’amitié", 200.0),
        ("Coopérative scolaire", 1000.0),
    ]


def test_justified_prose_and_a_bulleted_list_are_no_tables(tmp_path: Path) -> None:
    text = (
        "L’enveloppe  des  travaux  retenue  est  plafonnée  à  la  somme  de  46 000  €  H.T,  le\n"
        "taux  de  subvention  étant  de  30 %  pour  les  travaux  de  voirie  et  de  sécurité\n"
        "des  piétons  soit  13 800  €  de  subvention  attendue  pour  la  commune  en  2016.\n\n"
        "-  Signalisation  12 000 €\n-  Feux tricolores  20 000 €\n-  Eclairage public  14 000 €\n"
    )
    assert _text_document(tmp_path, text).tables == []


def test_each_category_closed_by_its_subtotal_is_a_section(tmp_path: Path) -> None:
    text = (
        "SUBVENTIONS 2016\n\nSubventions aux associations\n\n"
        "|Associations|Montant|\n|---|---|\n"
        "|À caractère social|À caractère social|\n|ADMR|60,00|\n|UNA|322,00|\n|Sous total|382,00|\n"
        "|À caractère scolaire|À caractère scolaire|\n|Collège du Houlme|60,00|\n"
        "|Lycée Mézeray|30,00|\n|Sous total|90,00|\n|TOTAL|472,00|\n"
    )
    grants = _text_document(tmp_path, text).tables[0]
    assert [s.title.text if s.title else None for s in grants.sections] == [
        "À caractère social",
        "À caractère scolaire",
        None,
    ]
    assert [s.adds_up for s in grants.sections] == [True, True, True]
    assert grants.adds_up is True


def test_a_plain_text_export_with_a_name_wrapped_over_two_lines(tmp_path: Path) -> None:
    # a PDF converter's layout text: aligned columns, a name running over two lines
    text = (
        "SUBVENTIONS AUX ASSOCIATIONS 2024\n\n"
        "Le Conseil Municipal décide d'attribuer les subventions suivantes :\n\n"
        "    Bénéficiaire                          Montant voté\n"
        "    Comité des fêtes                          1 500 €\n"
        "    Union nationale des anciens\n"
        "    combattants                                 320 €\n"
        "    Amicale des donneurs de sang                150 €\n"
        "    Total                                     1 970 €\n\n"
        "Les crédits sont inscrits au budget.\n"
    )
    document = _text_document(tmp_path, text)
    grants = document.tables[0]
    assert grants.adds_up is True
    assert _grants(document, (0, len(document.text))) == [
        ("Comité des fêtes", 1500.0),
        ("Union nationale des anciens combattants", 320.0),
        ("Amicale des donneurs de sang", 150.0),
    ]


def test_a_bar_read_by_ocr_inside_a_line_separates_no_cells() -> None:
    from deliberations.extract.text_tables import split_cells

    # OCR reads a rule as "|" ("Taxe Foncière | 22,39%"): one cell; a markdown row: cells
    assert [c.text for c in split_cells("| Taxe Foncière sur le non bâti (TFNB) | 22,39%", 0)] == [
        "| Taxe Foncière sur le non bâti (TFNB) | 22,39%"
    ]
    assert [c.text for c in split_cells("|Repas adulte| |5,65 €|", 0)] == [
        "Repas adulte",
        "",
        "5,65 €",
    ]


def test_a_financing_plan_in_a_text_table_names_givers_not_grantees(tmp_path: Path) -> None:
    text = (
        "Rénovation de la salle des fêtes – Demande de subvention DETR 2024\n\n"
        "Le Conseil Municipal approuve le plan de financement suivant :\n\n"
        "|Financeur|Montant|\n|---|---|\n|État (DETR)|45 000 €|\n|Département|30 000 €|\n"
        "|Autofinancement|25 000 €|\n|Total|100 000 €|\n"
    )
    document = _text_document(tmp_path, text)
    assert document.tables[0].adds_up is True
    assert _grants(document, (0, len(document.text))) == []


def _amount_line(page: int, top: float, sums: list[tuple[str, float, float]]) -> Line:
    """A line of sums, each a chunk of its own at its left and right edges."""
    words = [Word(text, 0, len(text), x0, top, x1, top + 9) for text, x0, x1 in sums]
    return Line(page, words, [Chunk([w]) for w in words])


def test_a_grand_total_centred_under_two_columns_makes_neither_one() -> None:
    """Restes à réaliser and propositions nouvelles side by side, their grand total centred under
    both: two columns, not one."""
    lines = [
        _amount_line(8, 100 + 12 * i, [(left, 213.0, 258.0), (right, 276.0, 316.0)])
        for i, (left, right) in enumerate(
            [("951.918,00", "50.000,00"), ("23.572,43", "7.000,00"), ("29.575,00", "10.000,00")]
        )
    ]
    lines.append(_amount_line(8, 160, [("2.478.464,95", 233.0, 285.0)]))
    columns = amount_columns(lines)
    assert [(c.left, c.right) for c in columns] == [(213.0, 258.0), (276.0, 316.0)]


def test_a_sum_overlapping_a_lone_sum_stays_in_its_column() -> None:
    """Near miss: a price overlapping a column of sums and a lone figure beside it (no column)
    is a sum of that column."""
    lines = [
        _amount_line(6, 100, [("3 301,00 €", 342.0, 376.0)]),
        _amount_line(6, 112, [("1 886,00 €", 342.0, 373.0)]),
        _amount_line(6, 124, [("840,00 €", 362.0, 394.0)]),
        _amount_line(6, 136, [("750,00", 379.0, 406.0)]),
    ]
    assert [(c.left, c.right) for c in amount_columns(lines)] == [(342.0, 406.0)]


def test_a_total_restated_after_soit_adds_up() -> None:
    """ "TOTAL 17 305 soit 20 766 € TTC": the rows add up to the sum before "soit", the one the
    column prints is the same total with taxes."""
    cells = [[TableCell(text="Dépense"), TableCell(text="HT")]]
    rows = [("Traitement bois", "2 405"), ("Eléments de frise", "1 365"), ("Polychromie", "13 535")]
    cells += [[TableCell(text=a, start=10 * i), TableCell(text=b)] for i, (a, b) in enumerate(rows)]
    cells.append([TableCell(text="TOTAL 17 305 soit", start=99), TableCell(text="20 766€")])
    table = Table(
        page=1,
        rows=cells,
        method="words",
        kinds=["header", "row", "row", "row", "total"],
        amount_column=1,
        sections=[TableSection(rows=[1, 2, 3], total=cells[4][0])],
    )
    check_sums(table, [1])
    assert table.adds_up is True
    table.rows[4][0] = TableCell(text="TOTAL soit", start=99)  # near miss: no sum restated
    table.sections = [TableSection(rows=[1, 2, 3], total=table.rows[4][0])]
    check_sums(table, [1])
    assert table.adds_up is False


def test_a_names_end_touching_the_sums_is_the_names() -> None:
    """A wrapped name's last word ending at the sums' edge ("Rabodanges" before "50.000,00")
    is the name's; a header's word over the column is the column's."""
    column = Column(220.1, 288.9, amounts=True)
    word = Word("Rabodanges", 0, 10, 180.0, 100.0, 219.4, 109.0)
    assert cell_index(word, [71.5], [column]) == 0
    assert cell_index(word, [71.5], [column], header=True) == 1
    assert cell_index(Word("-", 0, 1, 217.0, 100.0, 221.0, 109.0), [71.5], [column]) == 1


def test_a_sum_bridges_columns_of_its_own_page_only() -> None:
    """The grand total centred under two columns of page 8, and the same two columns' sums on
    page 9 without it: the sums of another page do not make it bridge there (each page's sums
    are weighed apart)."""
    page_8 = [
        _amount_line(8, 100 + 12 * i, [(left, 213.0, 258.0), (right, 276.0, 316.0)])
        for i, (left, right) in enumerate([("951.918,00", "50.000,00"), ("23.572,43", "7.000,00")])
    ]
    page_8.append(_amount_line(8, 160, [("2.478.464,95", 233.0, 285.0)]))
    page_9 = [_amount_line(9, 100 + 12 * i, [("1.000,00", 233.0, 285.0)]) for i in range(2)]
    columns = amount_columns(page_8 + page_9)
    # page 9's sums at 233-285 are not dropped as bridging: a column holds them (page 8's two
    # sums of one line still keep its two columns apart, see test_unruled_layouts)
    assert any(c.left <= 233.0 and c.right >= 285.0 for c in columns)
    assert [(c.left, c.right) for c in amount_columns(page_8)] == [(213.0, 258.0), (276.0, 316.0)]


def test_a_chunk_reads_its_text_once() -> None:
    """A chunk's text and whether it is a sum are read once (its words do not change after)."""
    chunk = Chunk([Word("1", 0, 1, 0.0, 0.0, 5.0, 9.0), Word("200,00", 2, 8, 7.0, 0.0, 30.0, 9.0)])
    assert chunk.text == "1 200,00" and chunk.is_amount
    assert chunk.text is chunk.text


def test_a_page_holds_sums_from_two_of_them() -> None:
    """A page is read for a table of sums from two sums with "€" or cents (its text read no
    further), or three lines ending on a whole sum under a grant header; one sum is not enough."""
    from deliberations.extract.word_tables import has_sums

    assert has_sums("Loyer 350,00 €\nCharges 40,00 €\n" + "Texte. " * 200)
    assert not has_sums("Loyer 350,00 €\nLe conseil approuve.")
    rows = "Subventions\nADMR 350\nClub de judo 200\nComité des fêtes 150\n"
    assert has_sums(rows) and not has_sums(rows.replace("Subventions", "Liste"))


def test_a_sum_bridges_when_a_left_and_a_right_sum_it_overlaps_stand_apart() -> None:
    """bridging answers what trying every pair of the sums it overlaps (one reaching further
    left, one further right) answers: some pair stands apart (random extents)."""
    import random

    from deliberations.extract.unruled.columns import _overlap, bridging

    rng = random.Random(13)
    for _ in range(300):
        chunks = []
        for i in range(rng.randint(2, 8)):
            x0 = rng.choice([100.0, 110.0, 130.0, 150.0]) + rng.random() * 20
            width = rng.choice([20.0, 40.0, 60.0])
            chunks.append(Chunk([Word("1 000,00", i, i + 8, x0, 0.0, x0 + width, 9.0)]))
        for chunk in chunks:
            over = [c for c in chunks if c is not chunk and _overlap(c, chunk) > 1.0]
            left = [c for c in over if c.x0 < chunk.x0 - 1.0]
            right = [c for c in over if c.x1 > chunk.x1 + 1.0]
            pairs = any(a.x1 < b.x0 - 1.0 for a in left for b in right)
            assert bridging(chunk, chunks) == pairs
