"""OCR'd words laid out by regions: sidebars read whole, table rows kept, stamps set aside."""

from __future__ import annotations

import math

from deliberations.extract.ocr import LOW_CONFIDENCE, RawWord
from deliberations.extract.ocr_layout import layout
from deliberations.extract.ocr_stamps import is_stamp, stamp_line
from deliberations.schemas.document import DocumentText, PageText


class _Words:
    """Builds a page of RawWords line by line, numbering Tesseract's lines as it goes."""

    def __init__(self) -> None:
        self.words: list[RawWord] = []
        self._line = 0

    def line(
        self,
        *pieces: tuple[float, str],
        top: float,
        block: int = 1,
        par: int = 1,
        confidence: float = 0.95,
        slope: float = 0.0,
    ) -> None:
        """One Tesseract line: each piece is (x where it starts, its words)."""
        for x, text in pieces:
            for word in text.split():
                width = 6.0 * len(word)
                y = top + slope * (x - 72)
                self.words.append(
                    RawWord(
                        text=word,
                        confidence=confidence,
                        bbox=(x, y, x + width, y + 10.0),
                        block=block,
                        line=self._line,
                        par=par,
                    )
                )
                x += width + 4
        self._line += 1


def _check_offsets(text: str, words: list) -> None:
    assert all(text[w.start : w.end] == w.text for w in words)
    assert [w.start for w in words] == sorted(w.start for w in words)


SIDEBAR = [
    ("Extrait du registre", "Convoqué le 2 mars 2023, le Conseil Municipal de"),
    ("des délibérations", "Saint-Martin s'est réuni le 9 mars 2023 à 20 h 30"),
    ("du Conseil Municipal", "sous la présidence de Monsieur Jean DUPONT, Maire."),
    ("de la commune de", "Présents : M. DUPONT, Mme MARTIN, M. PETIT,"),
    ("en exercice : 15", "Mme DURAND, M. LEROY, Mme MOREAU."),
    ("présents : 12 votants : 14", "Secrétaire de séance : Mme MARTIN."),
]


def test_a_sidebar_read_across_by_tesseract_comes_out_whole() -> None:
    """Tesseract reads "Extrait du registre    Convoqué le …" as one line: the sidebar is
    emitted whole, then the séance paragraph, each a block of its own."""
    page = _Words()
    for i, (left, right) in enumerate(SIDEBAR):
        page.line((72.0, left), (260.0, right), top=100.0 + 14 * i, block=1 + (i > 2))
    page.line((72.0, "Objet : Vote du budget primitif de la commune pour 2023"), top=200.0, block=3)
    text, words = layout(page.words)
    assert text.split("\n\n") == [
        "\n".join(left for left, _ in SIDEBAR),
        "\n".join(right for _, right in SIDEBAR),
        "Objet : Vote du budget primitif de la commune pour 2023",
    ]
    _check_offsets(text, words)


def test_a_table_keeps_its_rows_with_cells_in_order() -> None:
    page = _Words()
    page.line((72.0, "Chapitre"), (200.0, "Libellé"), (450.0, "Montant"), top=100.0)
    rows = [
        ("Chapitre 011", "Charges à caractère général", "12 000,00"),
        ("Chapitre 012", "Charges de personnel", "45 500,00"),
        ("Chapitre 65", "Autres charges de gestion courante", "8 250,00"),
    ]
    for i, cells in enumerate(rows):
        page.line(*zip((72.0, 200.0, 450.0), cells, strict=True), top=114.0 + 14 * i)
    text, words = layout(page.words)
    assert text.split("\n") == ["Chapitre Libellé Montant", *(" ".join(cells) for cells in rows)]
    _check_offsets(text, words)


def test_a_column_of_figures_read_as_its_own_block_goes_back_in_its_rows() -> None:
    """Tesseract gives the labels as one block and the amounts, after the next paragraph, as
    another: each amount goes back at the end of the row it faces."""
    page = _Words()
    labels = [
        "Chapitre 011 Charges à caractère général",
        "Chapitre 012 Charges de personnel",
        "Chapitre 65 Autres charges de gestion courante",
    ]
    amounts = ["12 000,00", "45 500,00", "8 250,00"]
    for i, label in enumerate(labels):
        page.line((72.0, label), top=100.0 + 14 * i, block=1)
    page.line((72.0, "Adopté à l'unanimité."), top=160.0, block=2)
    for i, amount in enumerate(amounts):
        page.line((450.0, amount), top=100.0 + 14 * i, block=3)
    text, words = layout(page.words)
    assert text == "\n".join(
        f"{label} {amount}" for label, amount in zip(labels, amounts, strict=True)
    ) + ("\n\nAdopté à l'unanimité.")
    _check_offsets(text, words)


def test_a_column_of_one_word_statuses_is_a_table_not_a_sidebar() -> None:
    page = _Words()
    items = [
        ("2026 011", "Création de contrats d'engagement éducatif", "Approuvée"),
        ("", "pour les accueils de loisirs 2026", ""),
        ("2026 012", "Création d'un emploi non permanent", "Approuvée"),
    ]
    for i, (number, subject, status) in enumerate(items):
        pieces = [(x, t) for x, t in ((72.0, number), (160.0, subject), (460.0, status)) if t]
        page.line(*pieces, top=100.0 + 14 * i)
    text, _ = layout(page.words)
    assert text.split("\n") == [" ".join(t for t in item if t) for item in items]


def test_a_stamp_between_paragraphs_goes_to_the_end_marked_as_a_stamp() -> None:
    page = _Words()
    page.line((72.0, "Le Conseil Municipal, après en avoir délibéré,"), top=100.0, block=1)
    page.line((72.0, "décide d'attribuer une subvention de 500 €."), top=114.0, block=1)
    stamp = [
        "Accusé de réception en préfecture",
        "062-216204982-20231206-DLB17-DE",
        "Date de télétransmission : 07/12/2023",
        "Date de réception préfecture : 07/12/2023",
    ]
    for i, line in enumerate(stamp):
        page.line((380.0, line), top=140.0 + 10 * i, block=2)
    page.line((72.0, "Adopté à l'unanimité."), top=150.0, block=3)
    text, words = layout(page.words)
    assert text == (
        "Le Conseil Municipal, après en avoir délibéré,\n"
        "décide d'attribuer une subvention de 500 €.\n\n"
        "Adopté à l'unanimité.\n\n" + "\n".join(stamp)
    )
    _check_offsets(text, words)
    stamp_words = {w.text for w in words if w.zone == "stamp"}
    assert "télétransmission" in stamp_words and "Adopté" not in stamp_words
    page_text = PageText(number=1, text=text, method="ocr", words=words)
    ((start, end),) = page_text.zone_spans("stamp")
    assert text[start:end] == "\n".join(stamp)


def test_a_sentence_about_the_prefecture_is_no_stamp() -> None:
    assert stamp_line("Accusé de réception en préfecture")
    assert stamp_line("Acte certifié exécutoire")
    assert stamp_line("Reçu en préfecture le 07/12/2023")
    assert stamp_line("ID : 062-216204982-20231206-DLB17-DE")
    assert is_stamp(["MAIRIE", "ARRIVÉ LE", "12 DEC. 2023", "COURRIER"])
    assert not is_stamp(["MAIRIE DE LENS"])
    assert not is_stamp(["Le 12 mars 2023"])
    paragraph = [
        "La présente délibération sera transmise au représentant de l'État",
        "et reçue en préfecture le 7 décembre, puis publiée et affichée",
        "à la porte de la mairie pendant deux mois, délai du recours",
        "devant le tribunal administratif d'Amiens, qui peut être saisi",
        "par l'application Télérecours citoyens accessible sur le site",
        "www.telerecours.fr, ainsi que de tout recours gracieux adressé",
        "au Maire de la commune de Saint-Martin dans le même délai",
        "de deux mois à compter de sa publication ou de sa notification.",
        "Le Maire certifie sous sa responsabilité le caractère exécutoire.",
    ]
    assert not is_stamp(paragraph)


def test_a_compte_de_gestion_certified_by_the_ordonnateur_is_no_stamp() -> None:
    """The wording of every approval of a compte de gestion holds "certifié conforme" inside its
    sentence: a two-line paragraph of it is the body's, not a stamp; the stamp's own line opens
    with the certification."""
    assert stamp_line("Pour extrait certifié conforme")
    assert stamp_line("| Certifié conforme au registre des délibérations")
    assert not stamp_line(
        "l'atelier-relais visé et certifié conforme par l'ordonnateur, n'appelle ni"
    )
    assert not is_stamp(
        [
            "Déclare que le compte de gestion dressé par le Receveur pour l'exercice 2023 concernant",
            "l'atelier-relais visé et certifié conforme par l'ordonnateur, n'appelle ni",
        ]
    )


def test_a_small_slanted_block_is_a_stamp() -> None:
    page = _Words()
    for i in range(4):
        page.line(
            (72.0, "Le Conseil Municipal, après en avoir délibéré, décide"), top=100.0 + 14 * i
        )
    page.line(
        (300.0, "BON POUR ACCORD TAMPON"), top=110.0, block=2, slope=math.tan(math.radians(20))
    )
    text, words = layout(page.words)
    assert text.endswith("\n\nBON POUR ACCORD TAMPON")
    assert {w.zone for w in words if w.text == "TAMPON"} == {"stamp"}


def test_a_signature_read_as_garbage_goes_to_the_end_but_handwriting_read_in_part_stays() -> None:
    page = _Words()
    page.line((72.0, "Fait et délibéré les jour, mois et an susdits."), top=100.0)
    page.line((300.0, "W@URRIEParfe ——~"), top=120.0, block=2, confidence=0.2)
    page.line((72.0, "Le Maire, Jean DUPONT"), top=140.0, block=3)
    text, _ = layout(page.words)
    assert text.endswith("Le Maire, Jean DUPONT\n\nW@URRIEParfe ——~")
    page = _Words()
    page.line((72.0, "Fait et délibéré les jour, mois et an susdits."), top=100.0)
    page.line((72.0, "radame ET a été proclamé(e)"), top=120.0, block=2, confidence=0.3)
    page.words[-1] = RawWord(**{**page.words[-1].__dict__, "confidence": 0.9})
    page.line((72.0, "maire et immédiatement installé."), top=134.0, block=3)
    text, _ = layout(page.words)
    assert "radame ET a été proclamé(e)\nmaire" in text


def test_paragraph_breaks_come_from_the_gaps_not_from_tesseract_paragraphs_or_blocks() -> None:
    """Tesseract starts a paragraph or a block in the middle of a sentence ("Non Bâti." after
    "la Taxe Foncière", the names after "— Pour : 9, Mme"): measured on the rescans, a blank
    line there costs F1, so only a gap larger than the ordinary spacing makes one."""
    page = _Words()
    page.line((72.0, "Le nombre des conseillers qui n'ont pas souhaité prendre"), top=100.0, par=1)
    page.line((90.0, "part au vote a été enregistré, ainsi que leur nombre."), top=114.0, par=2)
    page.line(
        (72.0, "Les bulletins déclarés nuls ont été annexés au procès-verbal"), top=128.0, block=2
    )
    page.line((72.0, "avec mention."), top=142.0, block=3)
    page.line(
        (72.0, "Le président a proclamé les résultats du premier tour et"), top=170.0, block=3
    )
    text, _ = layout(page.words)
    assert text.split("\n") == [
        "Le nombre des conseillers qui n'ont pas souhaité prendre",
        "part au vote a été enregistré, ainsi que leur nombre.",
        "Les bulletins déclarés nuls ont été annexés au procès-verbal",
        "avec mention.",
        "",
        "Le président a proclamé les résultats du premier tour et",
    ]


def test_an_unsure_digit_in_a_table_row_still_gives_its_low_confidence() -> None:
    """The amounts moved into their rows keep their own confidence: the digit filter of the
    nlp stage drops the unsure one."""
    page = _Words()
    page.line((72.0, "Chapitre 011 Charges à caractère général"), top=100.0, block=1)
    page.line((72.0, "Chapitre 012 Charges de personnel"), top=114.0, block=1)
    page.line((450.0, "12 000,00"), top=100.0, block=2)
    page.line((450.0, "45 500,00"), top=114.0, block=2, confidence=0.41)
    text, words = layout(page.words)
    document = DocumentText(pages=[PageText(number=1, text=text, method="ocr", words=words)])
    start = text.index("45 500,00")
    assert text.split("\n")[1] == "Chapitre 012 Charges de personnel 45 500,00"
    assert (
        document.span_confidence(start, start + len("45 500,00"), digits=True)
        == 0.41
        < LOW_CONFIDENCE
    )
    first = text.index("12 000,00")
    assert document.span_confidence(first, first + 9, digits=True) == 0.95
