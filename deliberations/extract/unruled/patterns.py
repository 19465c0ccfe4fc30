"""The words and figures of a table without rulings: a sum as a cell prints it, a total's label,
page furniture, header words, the status that says a row is not granted, an imputation's cue."""

from __future__ import annotations

import re

from deliberations.nlp import lexicon

_I = re.IGNORECASE


# a sum as a table prints it: "12 500 €", "1 000,00", "320,00 €", "-", "0 €"; a space typed
# before the cents is no gap between two sums ("8.200 ,00")
AMOUNT_RE = re.compile(
    r"^-?(?:[1-9]\d{0,2}(?:[ \u00a0\u202f.]\d{3})*|0)(?:,\d{1,2}| ,\d\d)?(?:\s?€|\s?EUR)?$"
    r"|^-?\d+(?:,\d{1,2})?\s?€$"
    # cents after a dot where no thousands group can stand ("35.163.08", "19440.89")
    r"|^-?(?:[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{3,})\.\d\d(?:\s?€)?$"
)


# a granted sum printed as its parts, each with its own purpose told in the name cell ("Val d'Orne
# Environnement (école, achat de matériel) | 120 € + 150 €"): one amount, their sum
_PART = r"(?:[1-9]\d{0,2}(?:[ \u00a0\u202f.]\d{3})*|0)(?:,\d{1,2})?"
PARTS_RE = re.compile(rf"^{_PART}(?:\s?€)?(?:\s*\+\s*{_PART}(?:\s?€)?)+$")


YEAR_RE = re.compile(r"^(?:19|20)\d\d$")  # a year in a header ("2021"), not a sum


TOTAL_RE = re.compile(r"^\W*(?:sous[- ]?)?(?:total(?:es?)?|totaux)\b|^\W*montant\s+total\b", _I)


SUBTOTAL_RE = re.compile(r"^\W*sous[- ]?total", _I)

# a row detailing the one above: "dont participation du budget général", "dont emprunts", an
# operation's chapters each led by an asterisk ("* | 21 - Immobilisations corporelles")
DETAIL_RE = re.compile(r"^\W*dont\b|^\s*\*", _I)

# a budget by chapter and account (M14/M57 nomenclatures): a chapter's row, its code and its
# words ("011 CHARGES A CARACTERE GENERAL", "014 ATTENUATION DE PRODUITS", "65 AUTRES CHARGES"),
# then its accounts' rows, their code alone ("60", "61", "6413")
CHAPTER_LABEL_RE = re.compile(r"^0?\d{2,3}\s+[^\W\d_]{2,}")
ARTICLE_CODE_RE = re.compile(r"^\d{2,5}$")


# page furniture that may sit between a table's rows at a page break
FURNITURE_RE = re.compile(
    r"^\W*(?:page\s+\d+(?:\s*(?:/|sur)\s*\d+)?|\d+\s*/\s*\d+|-\s*\d+\s*-|\d{1,3})\W*$", _I
)


HEADER_WORD_RE = re.compile(
    r"\b(?:montants?|sommes?|subventions?|code|n°|objet|organismes?|associations?|bénéficiaires?|tiers|types?"
    r"|projets?|actions?|nature|structures?|porteurs?|attribu\w*|propos\w*|vot\w*|accord\w*|euros|€|nom)\b|€",
    _I,
)


NAME_HEADER_RE = re.compile(
    r"association|bénéficiaire|organisme|structure|porteur|attributaire|club|\btiers\b|raison\s+sociale|\bnom\b",
    _I,
)


GRANTED_HEADER_RE = re.compile(r"montant|somme|subvention|attribu|propos|accord|vot|€|euros", _I)
# the granted column's header naming a grant, not any sum ("Subvention votée", "Montant
# attribué"; not "Montant", "Crédits votés", "Réalisé"): what a scanned grant table with no
# column of beneficiaries named says of itself
GRANT_COLUMN_RE = re.compile(r"subvention|attribu|accord", _I)


# printed in a row or next to it: the grant is not made (postponed, cancelled, withdrawn)
STATUS_RE = re.compile(
    r"\b(?:vote\s+(?:report[ée]|ajourn[ée]|diff[ée]r[ée])|report[ée]e?\s+(?:à|au)\s|ajourn[ée]e?"
    rf"|{lexicon.pattern('cancelling_word')}"  # "Annulée", "Retiré", "Refusé", "Rejetée"
    r"|sans\s+objet|non\s+(?:attribu[ée]e?|vot[ée]e?|accord[ée]e?))\b"
    # the status alone in a cell: "Reporté", "Différé"
    r"|^\s*(?:report[ée]e?|diff[ée]r[ée]e?)\s*$",
    _I,
)


IMPUTATION_RE = re.compile(
    r"imput\w*|\bchapitre\b|\barticle\b|\bnature\b|ligne\s+(?:de\s+)?crédits?|\bfonction\b|\bcompte\s+\d",
    _I,
)


SUM_RE = re.compile(r"\d[\d  .]*(?:,\d{2})?\s?€|\d{1,3}(?:[  .]\d{3})*,\d{2}\b")


# a page listing grants in whole euros, without "€" nor cents ("ADMR  350  0" under the header
# "Subvention votée | Redevance"): a grant header word, and lines ending with a bare sum
GRANT_PAGE_RE = re.compile(r"\b(?:subventions?|montants?)\b", _I)
BARE_SUM_LINE_RE = re.compile(
    r"^[^\n]*[^\W\d][^\n]*?\s(?:[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})*|0)[ \t]*$", re.MULTILINE
)


# the last line of a sentence that introduces a table: it ends with a colon or announces what
# follows ("… le besoin de financement s'établit comme suit :", "le tableau ci-dessous")
ANNOUNCES_RE = re.compile(rf":\s*$|\b(?:{lexicon.pattern('announcing_word')})\b", _I)
