"""Scored sums and imputations (nlp/money.py): each feature on a real-shaped example and a near
miss, the hard rules, and the weights as data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deliberations.nlp import money
from deliberations.nlp.found import Found, ImputationParts
from deliberations.nlp.imputations import parts_of
from deliberations.schemas.document import DocumentText, PageText


def _document(text: str) -> DocumentText:
    return DocumentText(pages=[PageText(number=1, text=text, method="plain-text")])


def _amounts(text: str, vote: str | None = None) -> dict[float, money.MoneyCandidate]:
    """The scored candidates of a one-deliberation text, by value; ``vote`` marks the vote."""
    spans = []
    if vote is not None:
        at = text.index(vote)
        spans = [(at, at + len(vote))]
    found = money.amount_candidates(_document(text), 0, len(text), spans)
    return {c.found.value: c for c in found}


def _kept(text: str, vote: str | None = None) -> set[float]:
    return {c.found.value for c in money.kept(list(_amounts(text, vote).values()), "amounts")}


# --------------------------------------------------------------------------- hard rules


def test_zero_is_no_amount() -> None:
    # "Zero cells are left out" (the gold's conventions): a column of "0,00"
    found = _amounts("Restes à réaliser 0,00 € 12 500,00 €")
    assert 0.0 not in found and 12500.0 in found


def test_bare_year_in_a_column_is_no_amount() -> None:
    # a column headed "Montant provision fin d'exercice 2021" read as a cell
    document = _document("MONTANT PROVISION FIN D'EXERCICE\n2021\nBUDGET GENERAL 285 517")
    cells = [("2021", 33, 37), ("285 517", 53, 60)]
    found = {c.found.value for c in money.amount_candidates(document, 0, 60, [], cells)}
    assert 2021.0 not in found
    assert 285517.0 in found  # near miss: a cell that is a sum


# --------------------------------------------------------------------------- features


def test_speaker_civility_from_the_lexicon() -> None:
    # the lexicon's civilities, as whole words: "Mme", "M." glued to the name, "MONSIEUR", "Mr"
    for spoken in (
        "Mme MARTIN indique que",
        "M.DUPONT précise que",
        "MONSIEUR DURAND demande",
        "Mr BERT ajoute",
        "Monsieur le Maire répond",
    ):
        assert money.SPEAKER_RE.search(spoken), spoken
    # near misses: a word that starts like a civility ("Meuble", "Mes") is none
    assert not money.SPEAKER_RE.search("Meuble DURAND indique")
    assert not money.SPEAKER_RE.search("Mes DURAND indique")


def test_debate_feature() -> None:
    text = (
        "Monsieur SUPERBI rappelle l'engagement des dernières années avec un budget de 30 000 € "
        "annuel.\n"
    )
    assert _amounts(text)[30000.0].features["debate"] == 1.0
    # near miss: the exposé names no speaker
    plain = "Le budget alloué au festival est de 30 000 € annuel.\n"
    assert _amounts(plain)[30000.0].features["debate"] == 0.0


def test_after_vote_feature() -> None:
    vote = "Adopté à l'unanimité."
    text = (
        "DÉCIDE d'attribuer une subvention de 1 500 €.\n" + vote + "\n"
        "Monsieur le Maire informe que le marché est de 30 000 € par an.\n"
    )
    found = _amounts(text, vote)
    assert found[30000.0].features["after_vote"] == 1.0
    assert found[1500.0].features["after_vote"] == 0.0


def test_the_votes_sentence_running_on_over_broken_lines_is_not_after_the_vote() -> None:
    # Corte 2025/044: the vote stated first, its sentence broken over lines, the sum at its end
    vote = "à l’unanimité des membres présents et représentés"
    text = (
        "Le Conseil, à l’unanimité des membres présents et représentés, Adopte la proposition du Maire\n"
        "telle que\n\nprésentée, Autorise son Maire à admettre en non-valeurs, au chapitre 654 du Budget\n\n"
        "les titres tels que présentés, pour un montant total de 40 879, 78 €.\n"
    )
    assert _amounts(text, vote)[40879.78].features["after_vote"] == 0.0
    # near miss: the vote's line closes, the next paragraph opens in capitals (Avranches 2016)
    vote = "A L'UNANIMITE, ACCEPTE CETTE PROPOSITION"
    text = (
        "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE CETTE PROPOSITION\n\n"
        "Par délibération no 8, le Conseil municipal a décidé d'éteindre les créances pour 3 892,45 €\n"
    )
    assert _amounts(text, vote)[3892.45].features["after_vote"] == 1.0


def test_a_vote_recorded_at_the_head_of_a_deliberation_is_not_its_end() -> None:
    # Arc-en-Barrois 2023: the vote's record heads the deliberation, its text and its formula
    # follow ("A l'unanimité Pour : 11 … Le Maire propose … Après en avoir délibéré …")
    text = (
        "Délibération n° : D202347 Objet de la délibération Budget principal Décision Modificative N°3\n"
        "A l'unanimité\nPour : 11\nContre : 0\nAbstentions : 0\n"
        "Le Maire propose l'adoption de la décision modificative n°3 : Imputation Libellé Montant\n"
        "615221 Entretien et réparations sur bâtiments publics +100 000.00 €\n"
        "Après en avoir délibéré, le Conseil Municipal décide à l'unanimité d'accepter.\n"
    )
    assert _amounts(text, "A l'unanimité")[100000.0].features["after_vote"] == 0.0
    # near miss: the item deliberated, then voted; the next item's sum the segment ran into
    ran_into = (
        "Après en avoir délibéré, le Conseil adopte à l'unanimité.\n\n"
        "Le Maire présente le devis de 30 000 €.\nAprès en avoir délibéré, le Conseil décide.\n"
    )
    assert _amounts(ran_into, "à l'unanimité")[30000.0].features["after_vote"] == 1.0


def test_dispositif_after_a_vote_stated_first_is_not_after_the_vote() -> None:
    # "Le conseil, à l'unanimité : - adopte …": the sums of the dispositif come after the vote
    vote = "à l'unanimité"
    text = "Le conseil communautaire, après en avoir délibéré, à l'unanimité :\n- adopte la DM3 de 230 000 €\n"
    assert _amounts(text, vote)[230000.0].features["after_vote"] == 0.0


def test_glued_digit_feature() -> None:
    # "1 758 724,05" printed "1758 724,05" by the OCR of a scanned summary table
    text = "REALISATIONS Section de fonctionnement | 1758 724,05 | 2 293 434,15\n"
    assert _amounts(text)[724.05].features["glued_digit"] == 1.0
    # near miss: a count column before a sum ("Pépites 0 855 €") and a year ("2019 500 €")
    assert _amounts("Pépites 0 855 € 500 €\n")[855.0].features["glued_digit"] == 0.0
    assert _amounts("Subvention 2019 500 €\n")[500.0].features["glued_digit"] == 0.0


def test_digits_of_a_rows_code_are_no_lost_thousands() -> None:
    # a DM's rows, sense and account then the change (Chéméré 2009/141): "6251 " is the code
    text = "D 6251 300,00 €\nD 2313-118 -475,00 €\nD 2313-160 500,00 €\n"
    found = _amounts(text)
    assert set(found) == {300.0, -475.0, 500.0}  # not 160 500,00 €: 160 is the operation
    assert all(c.features["glued_digit"] == 0.0 for c in found.values())
    # a category's number before a sum, its table flattened (Chéméré 2009/143)
    assert _kept("SARL ATAE (Basse Goulaine - 44115) Cat. 3 840,00 €\n") == {840.0}
    # near misses: without the sense the head may be a lost group; a sum after "soit"
    assert _amounts("6251 300,00 €\n")[300.0].features["glued_digit"] == 1.0
    assert _kept("soit 3 840,00 €\n") == {3840.0}
    assert _kept("Lot 12 500,00 €\n") == {12500.0}
    # only a category's number is split off: after other labels the figure stays whole
    assert _kept("n° 5 000,00 €\n") == {5000.0}
    assert _kept("Classe 3 500,00 €\n") == {3500.0}
    assert _kept("Cat. 5 000,00 €\n") == {5000.0}


def test_a_sum_whose_sign_is_in_doubt_and_printed_signed_elsewhere_is_the_signed_one() -> None:
    # Putanges-le-Lac 2016, an affectation: the deficit printed signed, then in the account's row
    text = (
        "soit un déficit d’investissement de - 1.162,02 €\n\n"
        "- Art. 001 - déficit d’invest. Reporté - 1.162,02 €\n"
    )
    assert _kept(text) == {-1162.02}
    # near miss: printed only after a row's label and a dash, the sum is kept (its sign in doubt)
    assert _kept("- Art. 001 - déficit d’invest. Reporté - 1.162,02 €\n") == {1162.02}
    # near miss: two rows of a credit transfer, the minus of one row is no sign of the other's
    text = "022 Dépenses imprévues -1 500,00 €\n6232 Fêtes et cérémonies - 1 500,00 €\n"
    assert _kept(text) == {-1500.0, 1500.0}


def test_one_digit_off_feature() -> None:
    # a row that repeats a sum across its columns, one cell misread by OCR ("0" read "9")
    text = (
        "19 Dotations, fonds divers et réserves 105 000,00 0,00 330 009,00 330 000,00 330 000,00\n"
    )
    found = _amounts(text)
    assert found[330009.0].features["one_digit_off"] == 1.0
    assert found[330000.0].features["one_digit_off"] == 0.0
    # near miss: two columns that truly differ by one leading digit
    row = "Travaux de mobilité douce 377 500,00 € 277 500,00 € 100 000,00 €\n"
    assert _amounts(row)[277500.0].features["one_digit_off"] == 0.0


def test_small_bare_and_currency_features() -> None:
    # a flattened table leaves cells alone on their lines ("15183344900,00\n195,00\n885,00")
    found = _amounts("Restes à réaliser\n15183344900,00\n195,00\n885,00\nsoit 400,00 €\n")
    assert found[195.0].features["small_bare"] == 1.0
    assert found[400.0].features["small_bare"] == 0.0  # near miss: it carries "€"
    assert found[400.0].features["currency"] == 1.0
    # near miss: a labelled row of a credit change ("60633 Fournitures de voirie -565.00")
    row = _amounts("60633 Fournitures de voirie -565.00\n701249 Reversement redevance 565.00\n")
    assert row[-565.0].features["small_bare"] == 0.0


def test_three_decimals_feature() -> None:
    found = _amounts("ajustement des avances de trésorerie (1 800,116 €) et 0,075 € le m3\n")
    assert found[1800.12].features["three_decimals"] == 1.0
    rate = next(c for c in found.values() if c.found.text.startswith("0,075"))
    assert rate.features["three_decimals"] == 0.0  # near miss: a per-unit rate


def test_cue_and_repetition_features() -> None:
    found = _amounts("pour un montant de 59 784,85 € HT, soit 59 784,85 € ; et 12 € le ticket.\n")
    assert found[59784.85].features["cue_before"] == 1.0
    assert found[59784.85].features["repeated"] == 1.0
    assert found[12.0].features["repeated"] == 0.0


# --------------------------------------------------------------------------- scores and threshold


def test_plain_sums_are_kept_and_doubtful_ones_left_out() -> None:
    vote = "Adopté à l'unanimité."
    kept = _kept(
        "Le conseil municipal DÉCIDE d'attribuer une subvention de 1 500 € à l'association.\n"
        + vote
        + "\nMonsieur DUPONT regrette que la subvention ne soit que de 1 000 € contre 2 000 €.\n",
        vote,
    )
    assert 1500.0 in kept
    assert 1000.0 not in kept and 2000.0 not in kept


def test_ocr_tail_of_a_longer_figure_is_left_out() -> None:
    kept = _kept("Section de fonctionnement | 1758 724,05 | 2 293 434,15\n")
    assert 2293434.15 in kept and 724.05 not in kept


def test_weights_are_data() -> None:
    for name in ("amounts", "imputations"):
        w, threshold = money.weights(name)
        assert "bias" in w and 0.0 < threshold < 1.0


@given(st.dictionaries(st.sampled_from(["debate", "after_vote", "repeated"]), st.floats(0, 1)))
def test_score_is_a_probability(features: dict[str, float]) -> None:
    w, _ = money.weights("amounts")
    assert 0.0 <= money.score(features, w) <= 1.0


# --------------------------------------------------------------------------- imputations


def _imputation(text: str, printed: str) -> dict[str, float]:
    at = text.index(printed)
    article = "".join(ch for ch in printed if ch.isdigit())
    imp = _imp(None, article, None, None, printed, at, at + len(printed))
    [found] = money.scored_imputations(_document(text), 0, [imp], [], True)
    return found.features


def test_sense_row_of_a_budget_summary_is_doubtful() -> None:
    text = "R 001 SOLDE D'EXECUTION REPORTE | 270 419,13 |\nR 1068 AFFECTATION DU RESULTAT | 534 710,10 |\n"
    assert _imputation(text, "R 1068")["sense_row"] == 1.0  # in a credit change: scored, doubtful
    # outside a deliberation that moves credits, with no label nor column of codes: no candidate
    row = _imp(None, "1068", None, None, "R 1068", 47, 53)
    assert money.uncued_in(_document(text).text, 0, row, credit_change=False)
    # near miss: the account is labelled ("Compte R 1068 : Affectation en réserve")
    labelled = "Compte R 1068 : Affectation en réserve d'investissement 11 454,29 €\n"
    assert _imputation(labelled, "R 1068")["sense_row"] == 0.0


def test_plan_binds_account_and_chapter() -> None:
    text = "imputée à l'article 6574 du chapitre 65\n"
    at = text.index("article")
    bound = _imp("65", "6574", None, None, "article 6574 du chapitre 65", at, len(text))
    [c] = money.scored_imputations(_document(text), 0, [bound], [], False)
    assert c.features["bound_by_plan"] == 1.0
    assert money.plan_rejects(bound) is None
    # near miss: an account the plans do not vote in that chapter, bound to it by adjacency only
    wrong = _imp("011", "6574", None, None, "011 - 6574", at, len(text))
    assert money.plan_rejects(wrong) == "account not voted in that chapter"
    assert money.scored_imputations(_document(text), 0, [wrong], [], False) == []


def test_a_wrong_chapter_printed_with_its_labels_is_kept_for_the_audit() -> None:
    # "imputée au chapitre 011 - article 6574": the council voted this imputation as printed,
    # although the plan votes 6574 in chapter 65; `delib audit` reports it, so it is no gap
    printed = _code("chapitre 011 - article 6574 - fonction 025", "011", "6574")
    assert money.plan_rejects(printed) is None
    # near miss: the same parts side by side with no label are judged by the plan
    assert money.plan_rejects(_code("011 6574", "011", "6574")) == (
        "account not voted in that chapter"
    )


def _imp(
    chapitre: str | None,
    article: str | None,
    fonction: str | None,
    operation: str | None,
    printed: str,
    start: int,
    end: int,
) -> Found:
    """An imputation as the readers of nlp/imputations.py return it."""
    parts = ImputationParts(chapitre, article, fonction, operation)
    return Found("imputations", parts, start, end, "test", text=printed)


def _code(printed: str, chapitre: str | None = None, article: str | None = None) -> Found:
    return _imp(chapitre, article, None, None, printed, 0, len(printed))


def test_plan_rejects_codes_the_plans_do_not_have() -> None:
    # an act number at the start of a line of a list of deliberations ("2023-20 Subvention … 500 €")
    # read as chapter 20, account 2023; a postal code opening a line ("61210 Ville"); "les comptes
    # 2023"; a chapter of a regulation
    assert money.plan_rejects(_code("2023-20", "20", "2023")) == "account unknown to the plans"
    assert money.plan_rejects(_code("61210 Ville", article="61210"))
    assert money.plan_rejects(_code("comptes 2023", article="2023"))
    assert money.plan_rejects(_code("chapitre 12", chapitre="12")) == "chapter unknown to the plans"
    # near misses: real imputations of the M14/M57 plans
    assert money.plan_rejects(_code("65 - 6574", "65", "6574")) is None
    assert money.plan_rejects(_code("6521 Déficit budget annexe", article="6521")) is None
    assert money.plan_rejects(_code("chapitre 011", chapitre="011")) is None
    assert money.plan_rejects(_code("024/024", "024", "024")) is None


def test_a_bodys_subdivision_of_an_account_needs_a_cue() -> None:
    # "compte 606321": a body's own subdivision of account 60632 (a cue before it)
    assert money.plan_rejects(_code("compte 606321", article="606321")) is None
    assert money.plan_rejects(_code("c/606321", article="606321")) is None
    # near miss: the same digits with no cue, opening a line ("606321 Fournitures"), and a postal
    # code whose head is an account of three digits only ("61210": 612, too short a parent)
    assert money.plan_rejects(_code("606321 Fournitures", article="606321"))
    assert money.plan_rejects(_code("compte 61210", article="61210"))
    # a line of the table of a décision modificative is cued by the deliberation: an account of an
    # older plan ("73925 Fonds péréquation", under 7392) is kept there, not outside one
    older = _code("73925 Fonds péréquation ress.", article="73925")
    assert money.plan_rejects(older, credit_change=True) is None
    assert money.plan_rejects(older) == "account unknown to the plans"


def test_vote_stated_before_its_dispositif_ends_with_a_colon() -> None:
    vote = "avec 74 voix pour, 0 contre et 4 abstentions"
    text = (
        "Le Conseil communautaire, après en avoir délibéré, " + vote + " :\n\n"
        "- modifie l'autorisation de programme comme suit :\naugmenter de 230 000 € le montant\n"
    )
    assert _amounts(text, vote)[230000.0].features["after_vote"] == 0.0


def test_glued_digit_with_a_lost_decimal_comma() -> None:
    # a tariff table whose OCR dropped the commas: "4 65 €" is 4,65 €, not 65 €
    assert (
        _amounts("Professeurs des écoles\n\n3 00 €\n\n4 65 €\n")[65.0].features["glued_digit"]
        == 1.0
    )
    # near miss: a count before a sum on the line above ("16\n\n100 € bruts")
    assert _amounts("Nombre de jours\n\n16\n\n100 € bruts\n")[100.0].features["glued_digit"] == 0.0


def _scored_codes(text: str, credit_change: bool = False) -> list[str | None]:
    from deliberations.nlp.imputations import find_imputations

    found = money.scored_imputations(_document(text), 0, find_imputations(text), [], credit_change)
    return [parts_of(c.found).article for c in found]


def test_an_unlabelled_code_needs_a_cue() -> None:
    # a departmental road printed like a sense row ("D 613") before a sum, in a deliberation that
    # moves no credits and has no column of codes: no imputation
    road = "Travaux de sécurisation de la traversée par la D 613 pour 15 000 € HT.\n"
    assert _scored_codes(road) == []
    # near misses: the same row in a décision modificative, under a column headed "Article", or
    # after a label on its line
    row = "D 613 Locations + 1 500,00\n"
    assert _scored_codes(row, credit_change=True) == ["613"]
    assert _scored_codes("Article Désignation Montant\n" + row) == ["613"]
    assert _scored_codes("Compte R 1068 : Affectation en réserve 11 454,29 €\n") == ["1068"]


def test_a_dispositif_article_is_no_column_header() -> None:
    # "Article 1er : …" opens a line of the dispositif, not a column of codes
    assert money.COLUMN_HEADER_RE.search("Article 1er : le conseil municipal décide\n") is None
    assert money.COLUMN_HEADER_RE.search("Article 2 : Montant de la subvention\n") is None
    assert money.COLUMN_HEADER_RE.search("Comptes Dépenses Recettes\n") is not None
    assert money.COLUMN_HEADER_RE.search("Chapitre\net article\nSommes\n") is not None


def _budget_line(text: str, printed: str, chapitre: str | None, article: str | None) -> float:
    at = text.index(printed)
    imp = _imp(chapitre, article, None, None, printed, at, at + len(printed))
    [found] = money.scored_imputations(_document(text), 0, [imp], [], False)
    return found.features["budget_line"]


def test_a_chapter_of_the_budget_adopted_is_a_budget_line() -> None:
    # the adoption of a budget votes its chapters: "au chapitre 65" is one of its lines, no
    # imputation of an expense (left out by the weights)
    text = (
        "24-04/046 — Adoption du Budget Primitif 2024 :\n\nLe Budget Primitif 2024 de la Commune "
        "est adopté … En Dépenses de Fonctionnement au chapitre 65 : Subventions aux Associations\n"
    )
    assert _budget_line(text, "chapitre 65", "65", None) == 1.0
    scan = "Vote du budget primitif 2024 de la commune\n… compte 2313 Constructions 150 000 €\n"
    assert _budget_line(scan, "compte 2313", None, "2313") == 1.0
    # near misses: the result a budget takes over is charged to its own accounts ("l'article
    # 1068"); a grant's deliberation charges its sum to the chapter
    bp = "BUDGET PRIMITIF 2006\n… affecté à l’article 1068 de la section d’investissement\n"
    assert _budget_line(bp, "article 1068", None, "1068") == 0.0
    grant = (
        "24-04/047 — Attribution de subventions aux Associations :\n… cette somme sera inscrite "
        "au chapitre 65 du budget général de la Commune 2024.\n"
    )
    assert _budget_line(grant, "chapitre 65", "65", None) == 0.0
    dm = "Décision modificative n° 2 – Budget primitif 2024\n… chapitre 65 : + 1 500 €\n"
    assert _budget_line(dm, "chapitre 65", "65", None) == 0.0
    w, threshold = money.weights("imputations")
    assert money.score({"budget_line": 1.0}, w) < threshold <= money.score({}, w)


def test_a_dash_between_a_label_and_its_sum_puts_the_sign_in_doubt() -> None:
    # "Résultat de l'exercice - 1 160,35 €" is a deficit the rules cannot tell from a mere dash
    text = "Dépenses 6 019,24 €\n\nRecettes 4 858,89 €\n\nRésultat de l'exercice - 1 160,35 €\n"
    found = _amounts(text)
    assert found[1160.35].features["dash_before"] == 1.0
    assert found[1160.35].score < found[4858.89].score  # doubted (dropped with other doubts)
    # near misses: the same row with no dash, or with the minus glued (a sign, read as such)
    assert _amounts("Résultat de l'exercice 1 160,35 €\n")[1160.35].features["dash_before"] == 0.0
    assert _kept("Résultat de l'exercice -1 160,35 €\n") == {-1160.35}
