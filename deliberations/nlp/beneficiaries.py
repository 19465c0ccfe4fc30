"""Who the deliberation grants money to, and how much each gets.

Read from sentences ("le versement de la somme de 21 900 € à l'AREFEP", "une subvention de
500 € à l'association X", "une participation financière à une association « X »"), from lines
"Name : 600 €" under a subsidies heading, and from tables with a beneficiary and an amount
column: a table read from word positions gives each row's name whole (wrapped over lines) and
the sum of its granted column, and the text lines it covers are not read again as rows. Not
beneficiaries: whoever gives money to the authority ("versée par l'État à la Ville"), the
authority itself, a grant the text cancels ("abroge la délibération octroyant à X une
subvention"), a row whose status says it is not granted ("Vote reporté", struck out).

The ways of writing a grant (the cues before a sum granted, the verbs and sentences naming a
grantee) are the rules of ``phrasings/grant.toml``; this module keeps the building blocks (how a
name is read and where it stops, the rows of lists and tables), the guards (money asked of a
funder, a funder's grant, a grant cancelled, recalled or withheld, dues, a price, a firm paid for
works: the lexicon's concepts where it has them) and what says a deliberation is about grants.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from difflib import SequenceMatcher

from deliberations import nomenclature
from deliberations.extract.unruled.totals import euros, granted_fails, section_note
from deliberations.extract.word_tables import NAME_HEADER_RE, cell_value
from deliberations.nlp import lexicon, phrasings, units
from deliberations.nlp.amounts import amounts_between, find_amounts, parse_figure
from deliberations.nlp.found import Found
from deliberations.nlp.imputations import find_imputations, parts_of
from deliberations.nlp.model import organisation_at
from deliberations.nlp.money import both_labelled, plan_rejects
from deliberations.nlp.people import CIVILITY, person_at
from deliberations.schemas.document import Table, TableCell

_I = re.IGNORECASE | re.UNICODE


def _grant_rule(rule_id: str) -> re.Pattern[str]:
    """One way of writing a grant, from ``phrasings/grant.toml`` (read whatever the case)."""
    (rule,) = (r for r in phrasings.table("grant") if r.id == rule_id)
    return re.compile(rule.expand({}), _I)


# The ways of writing a grant are the rules of ``phrasings/grant.toml``: the words before a sum
# granted ("attribue une subvention de", "participer à hauteur de") and what leads from that sum
# to its grantee ("à", "au profit de", "aux frais de fonctionnement du …")
GRANT_CUE_RE = _grant_rule("grant_cue")
TO_RE = _grant_rule("grant_sum_to")
# "subvention (de fonctionnement) à l'association X d'un montant de 500 €", "… au Comité des fêtes";
# the verb also as a participle ("octroyant à l'Office …", "la subvention accordée à l'Office …",
# "cette participation sera versée au Centre …"); "d'aide à" is a noun's complement ("le Fonds
# d'aide à la restauration", "le dispositif d'aide aux commerces"), not a grant
GRANT_TO_NAME_RE = _grant_rule("grant_to_name")
# support without a sum, named only when written in capitals: "poursuivre l'engagement de la
# communauté en faveur du Festival X", "son soutien financier au profit de l'association Y"
SUPPORT_FOR_NAME_RE = _grant_rule("support_for_name")
# a grantee as the object of "aider" / "soutenir", the grant told after it in the same sentence:
# "décide d'aider la Fondation X sous la forme d'une subvention de 160 €", "de soutenir
# l'association Y par une subvention de 500 €"; a name written as a proper name only
AID_NAME_RE = _grant_rule("aid_in_the_form_of")
AID_FORM_RE = _grant_rule("aid_form")
# a title naming the grantee after "pour" ("Subvention pour l'ASL (Association Sport & Loisirs)",
# "Vote de subvention pour le Collège Georges Brassens"): "pour" also leads a purpose ("pour
# la rénovation de l'église", "pour le voyage scolaire"), so the name must be an acronym or
# start with the kind of body a grant goes to
TITLE_GRANT_FOR_RE = _grant_rule("title_grant_for")
# a title about subsidies the authority asks for ("Sollicitation de subvention auprès du Département",
# "DEMANDE DE SUBVENTION"): the rows of its financing plan are givers, not beneficiaries
REQUEST_BEFORE_RE = re.compile(
    r"(?:demandes?|sollicitations?|sollicit\w+|obten\w+|obtention)\s+"
    r"(?:de\s+la\s+|de\s+|d['’]une?\s+|des\s+|d['’]|une?\s+|la\s+|les\s+)?$",
    _I,
)
# money the authority asks for: "solliciter une subvention de 5 000 € au Département"
REQUEST_RE = re.compile(
    r"\b(?:sollicit\w*|demand\w*)\s+(?:une|la|l['’]|les|des|un|le)?\s*"
    r"(?:subventions?|aides?|participations?|contributions?|dotations?|financements?)\b",
    _I,
)
# a participle pays a grant only when a grant is named next to it (not "les frais de gestion
# qui seront versés au centre de gestion")
GRANT_NOUN_RE = re.compile(
    r"\b(?:subventions?|participations?|aides?|contributions?|dotations?|bourses?|primes?|fonds\s+de\s+concours"
    r"|attributions?\s+de\s+compensation)\b",
    _I,
)
GIVER_RE = re.compile(r"\b(?:versée?s?|accordée?s?|attribuée?s?|notifiée?s?)\s+par\b", _I)
# money asked of someone ("solliciter une aide financière à la DRAC", a title "DEMANDE DE
# SUBVENTION AU CENTRE NATIONAL POUR LE DEVELOPPEMENT DU SPORT"), a grant told of in the
# past by someone else ("la commune qui l'utilisait pour verser une subvention à …"), how someone
# else takes part ("le Département participe en attribuant au CCAS une aide …")
NOT_GRANTING_BEFORE_RE = re.compile(
    r"(?:\ben\s+|\b(?:sa|son|ses|leurs?)\s+"
    r"|\b(?:sollicit\w*|demand\w*)\s+(?:une|la|l['’]|les|des|un|le|de|d['’])?\s*"
    r"|\b\w{3,}(?:ait|aient)\s+(?:pour|de|d['’])\s*(?:\w+er\s+(?:une|la|l['’]|les|des|un|le)?\s*)?)$",
    _I,
)
# a grant the same clause cancels: "abroge la délibération du 25 mars octroyant à l'Office une
# subvention de 300 000 €", "annule la subvention attribuée à …", "retire la délibération …"
CANCELLED_BEFORE_RE = re.compile(
    rf"\b{lexicon.pattern('cancelling_word')}\s+(?:la|les|sa|ses|cette|ces|une|leur)\s+"
    r"(?:délibérations?|décisions?|subventions?|attributions?|aides?|participations?)\b",
    _I,
)

# who gives money to the authority, named as a beneficiary would be ("Conseil départemental :
# 15 000 €", "Agence de l'eau", "DETR"): a row or a name starting so is a funder, never a grantee
FUNDER_NAME_RE = re.compile(
    rf"^(?i:l['’]\s*|la\s+|le\s+)?(?:(?i:[ée]tat)\W{{0,3}})?{lexicon.pattern('funding_body')}(?!\w)"
)
# a row naming a pool or a category ("Associations sportives 12 500 €", "Réserve", "Divers")
POOL_LABEL_RE = re.compile(lexicon.pattern("pool_label"), _I)
# a financing plan: the rows after it are its funders, up to a list of grants announced
FUNDING_PLAN_RE = re.compile(rf"\b{lexicon.pattern('funding_plan')}\b", _I)
# a line opening a breakdown of costs ("Coût des tatamis 3 000 €", "Dépenses", "Budget de la fête")
# written as a heading, capitalised: a sentence wrapped before "dépenses" opens nothing
COST_LINE_RE = re.compile(
    rf"^[ \t]*(?-i:(?=[A-ZÉÈ])){lexicon.pattern('cost_breakdown')}\b", _I | re.MULTILINE
)
# grants recalled from the past ("Pour rappel, … avait été versée à …", "Rappel des demandes
# 2019 :"): the clause, or the list up to the next blank line, grants nothing
RECALLED_RE = re.compile(rf"\b{lexicon.pattern('recalled_grant')}", _I)
LIST_END_RE = re.compile(r"\n[ \t]*\n")
# the word opening a name, not a recall: "Rappel d’R  200€" (an association's row)
RECALL_AS_NAME_RE = re.compile(r"\s*d['’]\s*(?-i:[A-ZÉÈÀ])")
# a firm ("l'entreprise X", "la société Y", "SARL Z") is paid for works or services: a grantee
# only when the money is an aid or a subsidy, and never as a row of a deliberation on works
COMPANY_BEFORE_RE = re.compile(
    rf"\b{lexicon.pattern('company_word')}\s*(?:[«\"“]\s*)?$|^\s*{lexicon.pattern('company_word')}\b",
    _I,
)
COMPANY_NAME_RE = re.compile(rf"^\s*{lexicon.pattern('company_word')}\b", _I)
# a "société" that is an association of its members' pastime, in the grant lists of rural
# communes ("Société de chasse de …", "Société communale de chasse", "Société de pêche",
# "Société musicale", "Société de tir"): not a firm; "Société X Travaux" is one
CLUB_SOCIETY_RE = re.compile(
    rf"^\s*soci[ée]t[ée]\s+(?:[\w'’-]+\s+){{0,2}}?{lexicon.pattern('pastime_society')}", _I
)
# money that is no grant of the authority's: dues for a membership ("adhérer au CAUE et verser la
# cotisation de 150 €"), a grant a funder makes ("la Région a accordé … à la communauté")
MEMBERSHIP_RE = re.compile(rf"\b{lexicon.pattern('membership_fee')}\b", _I)
SUBSIDY_WORD_RE = re.compile(r"\bsubventions?\b", _I)
WITHHELD_RE = re.compile(rf"\b{lexicon.pattern('withheld_grant')}", _I)
THIRD_PARTY_RE = re.compile(rf"\b{lexicon.pattern('third_party_granter')}", _I)
PRICE_RE = re.compile(rf"\b{lexicon.pattern('price_paid')}\b", _I)
CIVILITY_ALONE_RE = re.compile(rf"{CIVILITY}", _I)
WORKS_RE = re.compile(
    r"\b(?:devis|march[ée]s?|lots?\s+n|travaux|prestations?|ma[îi]trise\s+d['’]\s*[œo]e?uvre)\b", _I
)


# a grant to a person named earlier in the sentence: "considérant les services rendus par
# M. Jean DUPONT, receveur municipal, décide de lui allouer l'indemnité de conseil"
PRONOUN_GRANT_RE = _grant_rule("granted_to_pronoun")
CIVILITY_BEFORE_NAME_RE = re.compile(rf"\b{CIVILITY}\s+(?=[A-ZÉÈÀ])")
# where the clause before a cue starts
CLAUSE_BREAK_RE = re.compile(r"[.;]\s|\n\n")
# a sentence's end, not the dot of "M." or of an initial
SENTENCE_END_RE = re.compile(r"(?<![A-Z])\.\s|;\s|\n\s*\n")
NAME_START_RE = re.compile(
    r"(?:(?:l['’]\s*|la\s+|le\s+|les\s+|une\s+|un\s+|des\s+)?(?:association|structure|organisme|club|coopérative)\s+)?"
    r"(?:l['’]\s*|la\s+|le\s+|les\s+)?",
    _I,
)
QUOTED_RE = re.compile(r"[«\"“]\s*(?P<q>[^»\"”]{2,100}?)\s*[»\"”]")
# a name ends at punctuation, but not at the dots inside an acronym ("l'A.R.E.F.E.P.")
NAME_STOP_RE = re.compile(
    r"[,;:()\n«»]|\.(?!\w)|\s(?:pour|afin|dans|au\s+titre|dont|qui|selon|conformément|sous|en\s+vue|ainsi|"
    r"d['’]un\s+montant|pour\s+un\s+montant|de\s+\d|sur|en\s+\w+ant|et\s+(?:de|d['’]|à|autorise|précise|dit)"
    r"|(?:une?|la|le|les)\s+(?:subvention|somme|participation|aide|contribution|dotation))\b",
    _I,
)
# a title about grants; "attribution de compensation": what a community pays back to each member commune
SUBSIDY_TITLE_RE = re.compile(
    r"\bsubventions?\b|\bparticipations?\s+financi[èe]res?|\battributions?\s+de\s+compensation", _I
)
# a list of grants announced: "les subventions suivantes :", "répartition des subventions"
SUBSIDY_LIST_CUE_RE = re.compile(
    r"subventions?\s+(?:suivantes|aux\s+associations|attribu[ée]es|allou[ée]es|accord[ée]es|vot[ée]es)"
    r"|r[ée]partition\s+des\s+subventions|demandes\s+de\s+subventions"
    # "accorder les crédits ci-après pour le voyage :", "verser les sommes suivantes :"
    r"|(?:accord|attribu|allou|vers|répart)\w*\s+(?:les|des)\s+(?:crédits|sommes|montants|subventions|participations)"
    rf"\s+(?:{lexicon.pattern('announcing_word')})",
    _I,
)
# a row: a name, then sums (and maybe the vote on it); one line. A sum is written with "€", or
# with cents when the column's header holds the unit ("3IFA ALENCON 60,00", "ACTIV'ORNE 1 500,00"
# under "subventions suivantes"), never a rate ("41,25%") nor the start of a longer figure; a
# dash is an empty cell, not one inside the name ("MFR CFA - HALEINE 40,00"); a name holds no
# figure but a digit glued to an acronym ("3IFA ALENCON 60,00") or a count in brackets at its end,
# which is no part of it ("APE BAZOCHES (24 enf.) 150,00")
SUBSIDY_ROW_RE = re.compile(
    r"(?:^|(?<=\n))[ \t\f]*(?P<name>(?:\d(?-i:[A-Z]{2,})\b)?(?:[^\d\n\f€:]{2,80}?(?:[ \t]*\((?=[^()\n]{0,20}\d)[^()\n€:]{1,20}\))?))[ \t]+(?P<sums>(?:(?:\d[\d \u00a0.,]*\s?€"
    r"|[1-9]\d{0,2}(?:[ \u00a0.]\d{3})*,\d\d(?![\d,.]|[ \t]*%)|0|-(?![ \t]*[^\W\d_]))[ \t]*){1,6})"
    r"[^\n]{0,40}$",
    re.MULTILINE,
)
# a name on its line, the sum alone on the next ("Ski-club Réallon\n 200 €")
SUBSIDY_STACKED_RE = re.compile(
    r"(?:^|(?<=\n))[ \t\f]*(?P<name>[A-ZÉÈÀ][^\d\n\f€:]{1,80}?)[ \t]*\n(?:[ \t]*\([^\n]{0,40}\)[ \t]*\n)?"
    r"[ \t]*(?P<sums>\d[\d \u00a0.,]*\s?€)[ \t]*$",
    re.MULTILINE,
)
# a sentence cut before its sum, not a name ("Le budget réservé s'élève à", "pour un montant de")
SENTENCE_FRAGMENT_RE = re.compile(
    r"(?:\s(?:à|a|de|du|des|le|la|les|d['’]|l['’]|pour|par|soit|est|sont)$)|s['’][ée]l[eè]ve|montant|total|restes?\s+à",
    _I,
)
# a name cut after a word that needs a next one ("Compagnie d'arc de\nPierrefonds 500 €")
OPEN_ENDED_NAME_RE = re.compile(r"(?:\s(?:de|des|du|la|le|les|et|pour)|d['’]|l['’])\s*$", _I)
WRAPPED_NAME_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<part>[A-ZÉÈÀ][^\d\n€:]{1,60}?)[ \t]*\n[ \t]*\Z"
)
# a row's label that is no one: a heading, a total, a sentence ("Cette année 2 000 € de budget");
# a "tiers-lieu" is someone ("Tiers lieu « la Maraichinerie »  500€")
ROW_NOT_NAME_RE = re.compile(
    r"^(?:total|sous[- ]total|tiers(?!\s+lieux?\b)|reçues|demand[ée]es|propos[ée]es|montant|soit"
    r"|cette|ce|cet|ces|il|elle|ils|on|nous|dont|par|avec)\b",
    _I,
)
# "- ASSPEC : 600 €", "· Ecole Primaire :\n 1 100 € ;" (the sum may go to the next line)
LIST_LINE_RE = re.compile(
    r"^[ \t]*[-•♦*·]?[ \t]*(?P<name>[^\n:]{2,80}?)[ \t]*:[ \t]*(?:\n[ \t]*(?=[^\n:]+$))?(?P<amount>[^\n]+)$",
    re.MULTILINE,
)
# a list line's outcome after an arrow, the sum alone at the line's end ("… → 230 €")
ARROW_OUTCOME_RE = re.compile(r"(?:→|=>|->)\s*(?P<sum>[^→>\n]+?)\s*[;.]?\s*$")
TRAILING_ASIDE_RE = re.compile(r"\s*\([^()]*\)\s*$")
# not a name: the authority's kind alone ("la commune", but "la commune de Janville" is one), a
# budget word, a budget line's label ("Subventions aux associations : 37 249,57", "Contributions
# aux syndicats : 31 690"), a prepositional phrase ("à titre exceptionnel", "à hauteur de 50 %")
NOT_BENEFICIARY_RE = re.compile(
    r"^(?:l['’]\s*)?(?:[ée]tat|département|région|(?:ville|commune|collectivit[ée])(?!\s+(?:de|du|d['’])\s*(?-i:[A-ZÉÈÀ]))"
    r"|budget|total|montant|soit|somme|prix|co[uû]t|dépenses?|recettes?|crédits?|chapitre|article|compte|ligne"
    r"|subventions?|participations?|contributions?|aides?(?!\s+à\s+domicile)|dotations?|indemnités?|charges|frais"
    r"|titre|hauteur|compter|partir|raison|concurrence|condition"
    # a financing plan's row, what the money is for ("une participation à l'Assainissement collectif")
    r"|financements?|autofinancement|fonds\s+propres|emprunts?|assainissement|restauration|voirie|travaux"
    r"|fonctionnement|investissement|entretien|acquisition|construction|rénovation|réalisation|organisation)\b",
    _I,
)
# the authority as the text writes it with its kind: "la Ville de Lens", "Commune de Clairoix"
AUTHORITY_KIND_RE = re.compile(
    r"^\s*(?:l['’]\s*|la\s+|le\s+)?(?:ville|commune|mairie|métropole|communauté\s+(?:de\s+communes|d['’]agglomération"
    r"|urbaine)|communauté)\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)?",
    _I,
)
# a public body written in lower case before its place: "la commune de Janville", "le collège de
# Mably", "la commune de Saint-Paul-sur-Mer"; the name ends with the place
PLACE_WORD = r"(?-i:[A-ZÉÈÀÂÎ])[\w'’-]*"
PLACE_BODY_RE = re.compile(
    r"(?:commune|ville|communauté\s+de\s+communes|collège|lycée|école)\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)"
    rf"{PLACE_WORD}(?:[ \t]+(?:(?:sur|sous|en|lès|les|le|la|de|du|des|d['’]|l['’])[ \t]*)?{PLACE_WORD})*",
    _I,
)
# deliberations on accounts report what was spent, and a budget primitif opens credits: they grant
# nothing (the grants are decided in deliberations of their own)
ACCOUNTS_TITLE_RE = re.compile(
    r"\bcomptes?\s+(?:administratifs?|de\s+gestion|financiers?\s+uniques?)\b|\bbudgets?\s+primitifs?\b"
    rf"|\b{lexicon.pattern('budget_amendment')}\b",
    _I,
)
BENEFICIARY_HEADER_RE = re.compile(
    r"association|bénéficiaire|organisme|structure|porteur|attributaire|club", _I
)
AMOUNT_HEADER_RE = re.compile(
    r"montant|somme|subvention|€|euros|attribu|proposition|accord|vot", _I
)
MATCH_RATIO = 0.85
# a grant's column among the sums of a ruled table ("Subvention de l'Agence de l'Eau")
GRANT_HEADER_RE = re.compile(r"subvention|attribu|accord|vot|aide|participation", _I)
# a column of persons' names, read only beside a column of sums
PERSON_HEADER_RE = re.compile(r"\bnoms?\b", _I)
ADDRESS_HEADER_RE = re.compile(r"\badresses?\b", _I)
LEADING_CIVILITIES_RE = re.compile(rf"^(?:{CIVILITY}\s+(?:et\s+)?)+")


# tables whose rows, columns' roles and totals are read as the grants' (from word positions on a
# PDF's page, from a text document's lines): read by from_word_tables
ROW_TABLES = ("words", "text")
FLAGGED_SCORE = 0.5  # a grant read from a table whose rows do not add up to its printed total


# the rules reading a row of a table or a list: one grantee per row (two rows are two grantees)
ROW_RULES = frozenset({"list_line", "text_row", "ruled_table", "word_table"})


def grantee(
    rule_id: str,
    name: str,
    start: int,
    end: int,
    amount: float | None,
    check: str | None = None,
    imputation: str | None = None,
) -> Found:
    """A grantee found: its name and span, the sum granted (when the text says it), the
    self-check of the table it was read from when its rows do not add up (the grant less sure),
    and the imputation the document ties its row to (the sentence after its section's total)."""
    return Found(
        "beneficiaries",
        name,
        start,
        end,
        rule_id,
        score=grant_score(check),
        amount=amount,
        check=check,
        imputation=imputation,
    )


def grant_score(check: str | None) -> float:
    """A grantee's score, derived from its table's self-check alone: sure (1.0) unless its
    table's rows do not add up (FLAGGED_SCORE)."""
    return 1.0 if check is None else FLAGGED_SCORE


def normalized_name(name: str) -> str:
    """Name for comparison: no accents, case, quotes, leading article, nor "association"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # an acronym with dots: "A.R.E.F.E.P." -> "AREFEP."
    text = re.sub(r"[«»\"“”'’.]", " ", text)
    text = re.sub(r"\b(?:association|asso)\b", " ", text)
    text = re.sub(r"^\s*(?:l|la|le|les|une|un|des|d)\s+", " ", text)
    return " ".join(text.replace("-", " ").split())


def same_beneficiary(a: str, b: str, *, fuzzy: bool = True) -> bool:
    """The same grantee written twice; ``fuzzy`` False: only the same words, or one name within
    the other (two rows of a list are two grantees, however alike: "ADAC de Putanges" and
    "ABCD Ecole de Putanges")."""
    na, nb = normalized_name(a), normalized_name(b)
    if not na or not nb:
        return False
    if na == nb or (len(min(na, nb, key=len)) >= 4 and (na in nb or nb in na)):
        return True
    return fuzzy and SequenceMatcher(None, na, nb).ratio() >= MATCH_RATIO


def _without_article(found: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """ "les compagnons bâtisseurs" -> "compagnons bâtisseurs" (span moved with it)."""
    if found is None:
        return None
    name, start, end = found
    article = LEADING_ARTICLE_RE.match(name)
    if article and len(name) > article.end():
        return name[article.end() :], start + article.end(), end
    return found


def _name_at(text: str, position: int, end: int) -> tuple[str, int, int] | None:
    """The beneficiary's name written at ``position`` (article dropped)."""
    return _without_article(_raw_name_at(text, position, end))


def _name_start(text: str, position: int, end: int) -> tuple[int, tuple[str, int, int] | None, int]:
    """Where a name written at ``position`` starts (a lead such as "l'association" skipped), the
    name itself when it is quoted, and where it stops (a stop word, or 120 characters on)."""
    lead = NAME_START_RE.match(text, position, end)
    cursor = lead.end() if lead else position
    quoted = QUOTED_RE.match(text, cursor, end)
    if quoted:
        return (
            cursor,
            (" ".join(quoted.group("q").split()), quoted.start("q"), quoted.end("q")),
            quoted.end(),
        )
    limit = min(end, cursor + 120)
    stop = NAME_STOP_RE.search(text, cursor, limit)
    for _ in range(3):
        if stop is None:
            break
        # a name broken by the line's end after a word that needs a next one ("l'association
        # des Amis de\nla Bibliothèque"): it goes on over the next line; a name with its acronym
        # in brackets ("Syndicat intercommunal d'assainissement (SIAC) de Fromentel") goes on
        # after it
        acronym = ACRONYM_IN_NAME_RE.match(text, stop.start(), limit)
        if acronym:
            stop = NAME_STOP_RE.search(text, acronym.end(), limit)
        elif (
            text[stop.start()] == "\n"
            and OPEN_ENDED_NAME_RE.search(text, cursor, stop.start())
            and not text[stop.end() : limit].lstrip(" \t")[:1].isspace()
        ):
            stop = NAME_STOP_RE.search(text, stop.end(), limit)
        else:
            break
    return cursor, None, stop.start() if stop else limit


ACRONYM_IN_NAME_RE = re.compile(r"\(\s*[A-Z][A-Z0-9&.-]{1,11}\s*\)")


def _raw_name_at(text: str, position: int, end: int) -> tuple[str, int, int] | None:
    """The name written at ``position``: quoted, or up to a stop word, or found by the NER."""
    cursor, quoted, stop_at = _name_start(text, position, end)
    if quoted:
        return quoted
    civility = CIVILITY_BEFORE_NAME_RE.match(text, cursor, end)
    if civility:
        # a person ("à M. Jean DURAND, médecin"): the name after the civility, not its "M"
        person = person_at(text, civility.end())
        if person is None:
            return None
        # a surname with its particle in capitals: "Véronique DE WAELE", "Jean LE GALL"
        particle = SURNAME_PARTICLE_RE.match(text, person.end, end)
        if particle:
            return (
                f"{person.value} {' '.join(particle.group(1).split())}",
                person.start,
                particle.end(),
            )
        return person.value, person.start, person.end
    raw = " ".join(text[cursor:stop_at].split())
    stop_at = cursor + len(text[cursor:stop_at].rstrip())
    place = PLACE_BODY_RE.match(text, cursor, stop_at)
    if place:
        return place.group(), cursor, place.end()
    words = raw.split()
    if not words:
        return None
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        # not a proper name in capitals: ask the NER ("l'association des parents d'élèves …")
        return organisation_at(text, position, min(end, position + 160))
    if len(words) > 10:
        # too long for a name: the NER's entity, if it starts right there
        return organisation_at(text, cursor, min(end, cursor + 160), max_lead_tokens=0)
    return raw, cursor, stop_at


def _capitalised_name_at(text: str, position: int, end: int) -> tuple[str, int, int] | None:
    """The name at ``position`` only when written as a proper name (no NER guess)."""
    cursor, quoted, stop_at = _name_start(text, position, end)
    if quoted:
        return quoted
    raw = " ".join(text[cursor:stop_at].split())
    words = raw.split()
    if not words or len(words) > 6 or not words[0][:1].isupper():
        return None
    return raw, cursor, cursor + len(text[cursor:stop_at].rstrip())


SURNAME_PARTICLE_RE = re.compile(
    r"[ \t]+((?:DE|DU|DES|LE|LA|DE[ \t]+LA|D['’])[ \t]*[A-ZÉÈÀÂÎÔÇ][A-ZÉÈÀÂÎÔÇ'’-]+)\b"
)
LEADING_ARTICLE_RE = re.compile(r"^(?:l['’]\s*|la\s+|le\s+|les\s+)", _I)


def is_authority(name: str, authority: str | None) -> bool:
    """The authority itself ("la Ville de Lens" for Lens); not a body named after it ("Office de
    tourisme de Lens", "Compagnie d'arc de Lens")."""
    if not authority:
        return False
    na = normalized_name(AUTHORITY_KIND_RE.sub("", name))
    nb = normalized_name(AUTHORITY_KIND_RE.sub("", authority))
    if not na or not nb:
        return False
    if na == nb or (len(na) >= 4 and na in nb):
        return True
    if ACRONYM_RE.fullmatch(name.strip()) and name.strip() == _initials(authority):
        return True  # "la CCLO" for the Communauté de communes des Lisières de l'Oise
    return SequenceMatcher(None, na, nb).ratio() >= MATCH_RATIO


ACRONYM_RE = re.compile(r"[A-Z]{3,8}")
LINK_WORDS = {
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "l",
    "d",
    "et",
    "en",
    "sur",
    "sous",
    "aux",
    "au",
}


def _initials(authority: str) -> str | None:
    """The authority's acronym from the initials of its words, when it has three or more."""
    words = [w for w in re.findall(r"\w+", authority) if w.lower() not in LINK_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else None


# a clause, not a name: the deliberative formula in what was read as the grantee, or a decision
# verb in lower case ending it ("Le conseil municipal, après en avoir délibéré, … attribue" read
# before "500 € au club"); a name may hold such a word capitalised ("Association Valide")
CLAUSE_AS_NAME_RE = re.compile(
    rf"{lexicon.pattern('deliberated')}|(?:^|\s)(?=[a-zà-ÿ]){lexicon.pattern('decision_verb')}\W*$"
)


def _acceptable(name: str, authority: str | None) -> bool:
    if (
        NOT_BENEFICIARY_RE.match(name)
        or CLAUSE_AS_NAME_RE.search(name)
        or any(CIVILITY_ALONE_RE.fullmatch(n) for n in (name.strip(), name.strip() + "."))
        or FUNDER_NAME_RE.match(name.strip())
        # "Imprévus (voyages scolaires)": a pool, whatever it is kept for
        or POOL_LABEL_RE.fullmatch(TRAILING_ASIDE_RE.sub("", name).strip(" \t-–:.;"))
    ):
        return False
    return not is_authority(name, authority)


def from_sentences(text: str, start: int, end: int, authority: str | None) -> list[Found]:
    found: list[Found] = []
    for amount in amounts_between(text, start, end):
        a_start, a_end = amount.start + start, amount.end + start
        before = text[max(start, a_start - 160) : a_start]
        sentence_before = CLAUSE_BREAK_RE.split(before)[-1]
        if (
            not GRANT_CUE_RE.search(sentence_before)
            or GIVER_RE.search(sentence_before)
            or REQUEST_RE.search(sentence_before)
            or RECALLED_RE.search(sentence_before)
            or _not_granted_here(sentence_before)
            or _cancelled(text, start, a_start)
        ):
            continue
        to = TO_RE.match(text, a_end, end)
        if not to:
            continue
        named = _name_at(text, to.end(), end)
        if (
            named
            and _acceptable(named[0], authority)
            and not _paid_firm(text, start, end, named, sentence_before)
            and not _paid_for(text, end, named, sentence_before)
        ):
            found.append(grantee("grant_sum_to", *named, amount.value))
    for cue in GRANT_TO_NAME_RE.finditer(text, start, end):
        before = text[max(start, cue.start() - 60) : cue.start()]
        if (
            GIVER_RE.search(before)
            or NOT_GRANTING_BEFORE_RE.search(before)
            or _recalled(text, start, cue.start())
            or _not_granted_here(CLAUSE_BREAK_RE.split(before)[-1] + cue.group())
            or _cancelled(text, start, cue.start())
        ):
            continue
        named = _name_at(text, cue.end(), end)
        if (
            not named
            or not _acceptable(named[0], authority)
            or _paid_firm(text, start, end, named, CLAUSE_BREAK_RE.split(before)[-1] + cue.group())
            or _paid_for(text, end, named, CLAUSE_BREAK_RE.split(before)[-1] + cue.group())
        ):
            continue
        if cue.group("participle") and not GRANT_NOUN_RE.search(
            CLAUSE_BREAK_RE.split(before)[-1] + text[named[2] : min(end, named[2] + 80)]
        ):
            continue
        after = text[named[2] : min(end, named[2] + 80)]
        # the sum in the same sentence, not in the next paragraph ("Subvention au Comité des
        # fêtes\n\nLocation du chapiteau 2 000 €")
        amount = next(iter(find_amounts(SENTENCE_END_RE.split(after)[0])), None)
        found.append(grantee("grant_to_name", *named, amount.value if amount else None))
    found.extend(_granted_to_a_person(text, start, end))
    for cue in AID_NAME_RE.finditer(text, start, end):
        named = _without_article(_capitalised_name_at(text, cue.end(), end))
        if not named or not _acceptable(named[0], authority):
            continue
        after = SENTENCE_END_RE.split(text[named[2] : min(end, named[2] + 160)])[0]
        form = AID_FORM_RE.match(after)
        amount = next(iter(find_amounts(after[form.end() :])), None) if form else None
        if form and amount is not None:
            found.append(grantee("aid_in_the_form_of", *named, amount.value))
    for cue in SUPPORT_FOR_NAME_RE.finditer(text, start, end):
        named = _without_article(_capitalised_name_at(text, cue.end(), end))
        if named and _acceptable(named[0], authority):
            found.append(grantee("support_for_name", *named, None))
    return found


def _paid_firm(
    text: str, start: int, end: int, named: tuple[str, int, int], clause_before: str
) -> bool:
    """A firm named as the payee ("verser à l'entreprise X la somme de …") when no aid or
    subsidy is named in the clause: a contractor paid, not a grantee."""
    lead = text[max(start, named[1] - 40) : named[1]]
    if not (COMPANY_BEFORE_RE.search(lead) or COMPANY_NAME_RE.match(named[0])):
        return False
    after = text[named[2] : min(end, named[2] + 120)]
    clause = clause_before + " " + SENTENCE_END_RE.split(after)[0]
    return not GRANT_NOUN_RE.search(clause)


def _not_granted_here(clause: str) -> bool:
    """A clause paying dues rather than a subsidy, telling of a funder's grant, or refusing,
    withholding or putting off the grant."""
    if MEMBERSHIP_RE.search(clause) and not SUBSIDY_WORD_RE.search(clause):
        return True
    return bool(THIRD_PARTY_RE.search(clause) or WITHHELD_RE.search(clause))


def _paid_for(text: str, end: int, named: tuple[str, int, int], clause_before: str) -> bool:
    """Money paid as a price, a rent, fees or for works ("verser le prix de 15 000 € à …",
    "la somme de 800 € à X pour les travaux") with no aid or subsidy named: not a grant."""
    after = text[named[2] : min(end, named[2] + 120)]
    clause = clause_before + " " + SENTENCE_END_RE.split(after)[0]
    return bool(PRICE_RE.search(clause) or WORKS_RE.search(clause)) and not GRANT_NOUN_RE.search(
        clause
    )


def _clause_before(text: str, start: int, position: int) -> str:
    """The clause before ``position`` (from its sentence's start or its last ";"), in the
    deliberation starting at ``start``."""
    return text[max(start, units.sentence_start(text, position, CLAUSE_BREAK_RE)) : position]


def _recalled(text: str, start: int, position: int) -> bool:
    """Whether the clause before ``position`` recalls a past grant ("Pour rappel, …")."""
    clause = _clause_before(text, start, position)
    return bool(RECALLED_RE.search(clause))


def not_granting_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where rows name no grantee: a financing plan or a breakdown of costs (up to a list of
    grants announced, or the deliberation's end) and a list of past grants recalled (up to the next blank line)."""
    spans = []
    for plan in [
        *FUNDING_PLAN_RE.finditer(text, start, end),
        *COST_LINE_RE.finditer(text, start, end),
    ]:
        grants = SUBSIDY_LIST_CUE_RE.search(text, plan.end(), end)
        spans.append((plan.start(), grants.start() if grants else end))
    for recall in RECALLED_RE.finditer(text, start, end):
        line_start = text.rfind("\n", start, recall.start()) + 1
        if (
            text[max(start, line_start) : recall.start()].strip()
            or not recall.group()[0].isupper()
            or RECALL_AS_NAME_RE.match(text, recall.end())
        ):
            continue  # "Pour rappel" opening a line, capitalised: a list of past grants follows
        stop = LIST_END_RE.search(text, recall.end(), end)
        spans.append((recall.start(), stop.start() if stop else end))
    return spans


def _cancelled(text: str, start: int, position: int) -> bool:
    """Whether the clause before ``position`` cancels the grant it names."""
    clause = _clause_before(text, start, position)
    return bool(CANCELLED_BEFORE_RE.search(clause))


def _granted_to_a_person(text: str, start: int, end: int) -> list[Found]:
    """ "… M. Jean DUPONT … décide de lui allouer …": the last person named in the sentence."""
    found = []
    for cue in PRONOUN_GRANT_RE.finditer(text, start, end):
        lead = max(start, cue.start() - 400)
        sentence_start = max(
            (m.end() for m in SENTENCE_END_RE.finditer(text, lead, cue.start())), default=lead
        )
        civilities = list(CIVILITY_BEFORE_NAME_RE.finditer(text, sentence_start, cue.start()))
        if not civilities:
            continue
        person = person_at(text, civilities[-1].end())
        if person is None or person.end > cue.start():
            continue
        words = person.value.split()
        # "Jean DUPONT Receveur Municipal": the name ends with its surname in capitals
        last_upper = max(
            (i for i, w in enumerate(words) if len(w) > 1 and w.isupper()), default=len(words) - 1
        )
        name = " ".join(words[: last_upper + 1])
        name_end = text.find(words[last_upper], person.start) + len(words[last_upper])
        sentence_end = SENTENCE_END_RE.search(text, cue.end(), end)
        amount = next(
            iter(find_amounts(text[cue.end() : sentence_end.start() if sentence_end else end])),
            None,
        )
        found.append(
            grantee(
                "granted_to_pronoun", name, person.start, name_end, amount.value if amount else None
            )
        )
    return found


TITLE_LINES = (
    3  # a title runs over its first lines: "N° 12 - Travaux …\n− Sollicitation de subventions"
)


def _subsidy_spans(
    text: str, start: int, end: int, granting: bool = False
) -> list[tuple[int, int]]:
    """Where grants are listed: the whole deliberation when its title (first lines) is about
    subsidies or when it opens by granting money (``granting``: a grant sentence in its first
    lines), else what follows a list heading ("accorder les crédits ci-après :")."""
    if granting:
        return [(start, end)]
    head = "\n".join(
        [line for line in text[start : min(end, start + 400)].splitlines() if line.strip()][
            :TITLE_LINES
        ]
    )
    if any(
        not REQUEST_BEFORE_RE.search(head, 0, m.start()) for m in SUBSIDY_TITLE_RE.finditer(head)
    ):
        return [(start, end)]
    cue = SUBSIDY_LIST_CUE_RE.search(text, start, end)
    return [(cue.start(), end)] if cue else []


def from_lists(
    text: str, start: int, end: int, authority: str | None, granting: bool = False
) -> list[Found]:
    """Lines "Name : 600 €" in a deliberation about subsidies."""
    found = []
    spans = _subsidy_spans(text, start, end, granting)
    lines = {m.start(): m for s, e in spans for m in LIST_LINE_RE.finditer(text, s, e)}
    for line in lines.values():
        # "Cyclo club (demande 380 €) : proposition du conseil → 230 €": the sum the arrow leads to
        outcome = ARROW_OUTCOME_RE.search(line.group("amount"))
        written = outcome.group("sum") if outcome else line.group("amount")
        amounts: list[Found] = find_amounts(written)
        if len(amounts) != 1 or written.strip(" \t;.,") != amounts[0].text.strip():
            continue
        name = line.group("name").strip()
        if outcome:
            name = TRAILING_ASIDE_RE.sub("", name)
        if _acceptable(name, authority) and name[:1].isupper() and amounts[0].value != 0:
            found.append(
                grantee("list_line", name, line.start("name"), line.end("name"), amounts[0].value)
            )
    return found


def from_rows(
    text: str, start: int, end: int, authority: str | None, granting: bool = False
) -> list[Found]:
    """Rows of a table of subsidies read as text: "Bols d'air 400 € 500 € 400 € 400 € Unanimité".

    The name is the row's leading text (continued from the line above when the name wraps:
    "Union nationale des\ncombattants 320 € …"); the sum granted is the row's last sum, the
    column of the sums voted.
    """
    found = []
    spans = _subsidy_spans(text, start, end, granting)
    rows = sorted(
        {
            m.start(): m
            for s, e in spans
            for m in [
                *SUBSIDY_ROW_RE.finditer(text, s, e),
                *SUBSIDY_STACKED_RE.finditer(text, s, e),
            ]
        }.values(),
        key=lambda m: m.start(),
    )
    for row in rows:
        # a bare sum with cents the row's shape vouches for ("MFR VIMOUTIERS 20,00"): alone in
        # its column, not a figure of a sentence
        values = [a.value for a in find_amounts(row.group("sums"))] or [
            v for v in [cell_value(row.group("sums"))] if v is not None
        ]
        if not values:
            continue
        name_start = row.start("name")
        name = COUNT_ASIDE_RE.sub("", row.group("name"))
        above = WRAPPED_NAME_RE.search(text, max(start, name_start - 80), name_start)
        # a name wraps when its end starts in lower case, its first line needs a next word, or
        # its end alone is the authority's name, no one's ("COMITE ANIMATION\nPUTANGES 600,00")
        if above and (
            not _capitalised(name)
            or OPEN_ENDED_NAME_RE.search(above.group("part"))
            or is_authority(name.strip(), authority)
        ):
            name_start = above.start("part")
            name = f"{above.group('part')} {name}"
        name = " ".join(name.split()).strip(" :-–/")
        if (
            not name
            or not _capitalised(name)
            or NOT_BENEFICIARY_RE.match(name)
            or ROW_NOT_NAME_RE.match(name)
            or SENTENCE_FRAGMENT_RE.search(name)
        ):
            continue
        if _acceptable(name, authority) and values[-1] != 0:  # "0 €": nothing granted
            found.append(grantee("text_row", name, name_start, name_start + len(name), values[-1]))
    return checked_rows(text, found, end)


# a total line closing rows read as text: "TOTAL DES SUBVENTIONS : 8020€", "Sous total 1.064,00"
ROWS_TOTAL_RE = re.compile(
    r"^[ \t]*(?P<sub>sous[- ]?)?total\b[^\n\d]{0,60}?(?P<sum>\d[\d \u00a0.,]*\d(?:[ \t]*€)?|\d[ \t]*€)[ \t]*$",
    _I | re.MULTILINE,
)


def checked_rows(text: str, rows: list[Found], end: int) -> list[Found]:
    """Rows read as text checked against the total line printed after them, as a table's: the
    rows since the last total (a grand total: since the last grand total) must sum to it; when
    they do not, each is flagged with the check in words (a row misread or left out) and the
    table's lower score."""
    if not rows:
        return rows
    since_total: list[int] = []  # indices of rows since the last total line
    since_grand: list[int] = []
    position = 0
    flagged: dict[int, str] = {}
    for total in ROWS_TOTAL_RE.finditer(text, rows[0].start, end):
        while position < len(rows) and rows[position].start < total.start():
            since_total.append(position)
            since_grand.append(position)
            position += 1
        printed = _table_value(total.group("sum"))
        if printed is None or not since_total:
            continue
        sums = [sum(rows[i].amount or 0.0 for i in group) for group in (since_total, since_grand)]
        if not any(abs(value - printed) < 0.01 for value in sums):
            note = f"rows sum to {euros(sums[0])}, the table says {euros(printed)}"
            flagged.update({i: note for i in since_total})
        since_total = []
        if not total.group("sub"):
            since_grand = []
    return [
        dataclasses.replace(m, check=flagged[i], score=grant_score(flagged[i]))
        if i in flagged
        else m
        for i, m in enumerate(rows)
    ]


COUNT_ASIDE_RE = re.compile(r"[ \t]*\([^()\n]*\d[^()\n]*\)[ \t]*$")  # "(24 enf.)" after a name
DIGIT_ACRONYM_RE = re.compile(r"\d[A-Z]{2,}\b")  # "3IFA": an acronym led by a digit


def _capitalised(name: str) -> bool:
    """Whether a row's text starts as a name does: a capital, or an acronym led by a digit."""
    return name[:1].isupper() or bool(DIGIT_ACRONYM_RE.match(name))


def _table_value(cell_text: str) -> float | None:
    amounts = find_amounts(cell_text)
    if amounts:
        return amounts[0].value
    return parse_figure(cell_text.replace("€", "").strip())


def _header_matches(pattern: re.Pattern[str], header: str) -> bool:
    """A header cell's words, or its letters run together: a narrow cell breaks a word over two
    lines ("Monta" / "nt")."""
    return bool(pattern.search(header) or pattern.search("".join(header.split())))


def grant_tables(
    tables: list[Table], text: str, start: int, end: int, granting: bool = False
) -> list[Table]:
    """The tables read from word positions that list grants in [start, end): a beneficiary and
    a granted column, under a header naming the beneficiary or in a deliberation about grants."""
    about_grants = bool(_subsidy_spans(text, start, end, granting))
    found = []
    for table in tables:
        span = table.span()
        if table.method not in ROW_TABLES or span is None or not (start <= span[0] < end):
            continue
        if table.name_column is None or table.amount_column is None:
            continue
        named = _header_matches(NAME_HEADER_RE, table.rows[0][table.name_column].text)
        if named or about_grants:
            found.append(table)
    return found


def from_word_tables(
    tables: list[Table], start: int, end: int, authority: str | None
) -> list[Found]:
    """Rows of grant tables read from word positions: the name whole, the granted column's sum;
    a row whose status says it is not granted, a total, a row granting 0 give no one."""
    found = []
    for table in tables:
        for index, row in enumerate(table.rows):
            if table.kinds[index] != "row" or index in table.statuses or index in table.unsure:
                continue
            cell = row_name_cell(table, row)
            name = ENUMERATION_RE.sub("", " ".join(cell.text.split())).strip(" :-–/")
            if (
                cell.start is None
                or not (start <= cell.start < end)
                or not name
                or not name[:1].isupper()
            ):
                continue
            value = cell_value(row[table.amount_column or 0].text)
            if not value or ROW_NOT_NAME_RE.match(name) or not _acceptable(name, authority):
                continue
            found.append(
                grantee(
                    "word_table",
                    name,
                    cell.start,
                    cell.end or cell.start,
                    value,
                    failed_check(table, index),
                    row_imputation(table, index),
                )
            )
    return found


# an item number before a name in a numbered list ("1. UNC de …", "2.FESTIV'ART", "3) Club …")
ENUMERATION_RE = re.compile(r"^\s*\d{1,3}\s*[.)]\s*(?=\D)")


def row_name_cell(table: Table, row: list[TableCell]) -> TableCell:
    """The row's cell in the name column; when it is empty, the row's other text cells joined
    (an item number glued to the name, "2.FESTIV'ART", set it in the number's column)."""
    cell = row[table.name_column or 0]
    if cell.text.strip():
        return cell
    others = [
        c
        for i, c in enumerate(row)
        if i != table.amount_column
        and c.text.strip()
        and c.start is not None
        and not cell_value(c.text)
    ]
    if not others:
        return cell
    return TableCell(
        text=" ".join(c.text for c in others),
        start=others[0].start,
        end=others[-1].end,
    )


def row_imputation(table: Table, index: int) -> str | None:
    """The imputation the row's section states in the sentence printed after the section's
    total ("Total 3 324 €" then "Imputation : article 6574"), as its code is labelled ("article
    6574", "nature 6574, chapitre 65, fonction 40"): the same kind of value as the imputation of
    the deliberation the pipeline ties a grant to (the sentence stays the table section's). None
    when its section states none (a sentence of another section is not the row's), or two."""
    own = next((s for s in table.sections if index in s.rows), None)
    if own is None or own.imputation is None:
        return None
    sentence = " ".join(own.imputation.text.split())
    # a sentence that names a chapter but prints no code ("… vote par chapitre") ties nothing,
    # nor one printing a sum: the next budget line ("Chapitre 10 « Dotations » : 2 800 €")
    if find_amounts(sentence):
        return None
    believed = [i for i in find_imputations(sentence) if _believed(i)]
    # two imputations in the section's sentence: which one pays which row is not said
    if len({parts_of(i) for i in believed}) != 1:
        return None
    return " ".join(believed[0].text.split())


def _believed(imputation: Found) -> bool:
    """An imputation the pipeline would believe (nlp/money.py): one the plans allow, on an
    account they know or a chapter and an article each labelled; not an association's
    "compte 2023", nor a fonction alone ("relèvent de la fonction 40")."""
    if plan_rejects(imputation):
        return False
    parts = parts_of(imputation)
    if parts.article and nomenclature.known_account(parts.article):
        return True
    return bool(parts.chapitre and parts.article and both_labelled(imputation.text))


def failed_check(table: Table, index: int) -> str | None:
    """When the sums granted do not add up to a printed total, the check in words: that of the
    row's own section; a row whose section prints no total of its own takes the first that
    fails in the table. A section whose total matches is sure, and so is a table whose other
    columns fail while the granted one adds up."""
    own = next((s for s in table.sections if index in s.rows), None)
    if own is not None and own.total_value is not None:
        return section_note(own) if granted_fails(own) else None
    return next((section_note(s) for s in table.sections if granted_fails(s)), None)


def _outside(matches: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    return [m for m in matches if not any(a <= m.start < b for a, b in spans)]


def from_tables(tables: list[Table], start: int, end: int, authority: str | None) -> list[Found]:
    """Rows of a table with a beneficiary column (and an amount column). A table on the next page
    with as many columns and no header of its own continues the one before: all its rows are data.
    With an amount column, a row with no sum in it (a vote, a remark) grants nothing."""
    found = []
    previous: tuple[Table, int, int | None] | None = None
    for table in tables:
        if table.method in ROW_TABLES:
            continue  # read by from_word_tables
        header = [cell.text for cell in table.rows[0]]
        who = next(
            (i for i, h in enumerate(header) if _header_matches(BENEFICIARY_HEADER_RE, h)), None
        )
        amounts = [
            i for i, h in enumerate(header) if _header_matches(AMOUNT_HEADER_RE, h) and i != who
        ]
        # "Montant des travaux | Subvention de l'Agence": the column of the grant, not the cost
        how_much = next(
            (i for i in amounts if _header_matches(GRANT_HEADER_RE, header[i])),
            amounts[0] if amounts else None,
        )
        if who is None and how_much is not None:
            # persons listed by name ("Nom / Prénom / Adresse") with the sum each gets
            who = next(
                (i for i, h in enumerate(header) if PERSON_HEADER_RE.search(h) and i != how_much),
                None,
            )
        rows = table.rows[1:]
        if (
            who is None
            and previous
            and table.page == previous[0].page + 1
            and len(header) == len(previous[0].rows[0])
        ):
            _, who, how_much = previous
            rows = table.rows
        if who is None:
            previous = None
            continue
        previous = (table, who, how_much)
        for row in rows:
            if who >= len(row):
                continue
            cell = row[who]
            if cell.start is None or not (start <= cell.start < end):
                continue
            name = _cell_name(cell.text, header[who] if who < len(header) else "")
            if not name or not _acceptable(name, authority):
                continue
            value = (
                _table_value(row[how_much].text)
                if how_much is not None and how_much < len(row)
                else None
            )
            if how_much is not None and not value:
                continue
            found.append(grantee("ruled_table", name, cell.start, cell.end or cell.start, value))
    return found


def _cell_name(text: str, header: str) -> str:
    """The name a cell prints: under a header that adds the address ("Nom / Prénom /
    Adresse"), what comes before the address's number ("M. Eric BURLET 6, Sente …"); a
    civility before it dropped ("M. et Mme DELACOURT")."""
    name = " ".join(text.split())
    if ADDRESS_HEADER_RE.search(header):
        name = re.split(r"\n|\s(?=\d)", name, maxsplit=1)[0]
    return LEADING_CIVILITIES_RE.sub("", name) or name


def _known_as(name: str) -> str:
    """A name with its acronym in brackets as the acronym and what follows it: "Syndicat
    intercommunal d'assainissement (SIAC) de Fromentel" -> "SIAC de Fromentel"."""
    acronym = ACRONYM_IN_NAME_RE.search(name)
    if acronym is None:
        return name
    return acronym.group().strip("() ") + name[acronym.end() :]


def _without_aside(name: str) -> str:
    """A row's name without the purpose told in brackets at its end: "Collège X (voyages
    scolaires)" -> "Collège X"."""
    return TRAILING_ASIDE_RE.sub("", name).strip() or name


def _same_but_aside(a: str, b: str) -> bool:
    """Two rows naming one grantee for two purposes ("Collège X (voyages scolaires)", "Collège X
    (Jardin pédagogique)"): the same name once the asides are dropped, word for word (not one
    within the other: "APE Collège X" is another grantee than "Collège X (…)")."""
    return (a != _without_aside(a) or b != _without_aside(b)) and normalized_name(
        _without_aside(a)
    ) == normalized_name(_without_aside(b))


def _same_grantee(a: Found, b: Found) -> bool:
    fuzzy = not (a.rule_id in ROW_RULES and b.rule_id in ROW_RULES)
    name_a, name_b = str(a.value), str(b.value)
    return (
        same_beneficiary(name_a, name_b, fuzzy=fuzzy)
        or _same_but_aside(name_a, name_b)
        or (
            (_known_as(name_a) != name_a or _known_as(name_b) != name_b)
            and same_beneficiary(_known_as(name_a), _known_as(name_b), fuzzy=fuzzy)
        )
    )


def merge(matches: list[Found]) -> list[tuple[Found, list[Found]]]:
    """One entry per beneficiary: distinct amounts summed, the same amount counted once."""
    groups: list[list[Found]] = []
    for match in matches:
        for group in groups:
            if any(_same_grantee(match, other) for other in group):
                group.append(match)
                break
        else:
            groups.append([match])
    merged = []
    for group in groups:
        amounts = sorted({m.amount for m in group if m.amount is not None})
        # the name as a table or an amount-bearing sentence writes it, else its first mention
        head = min(group, key=lambda m: (m.amount is None, m.start))
        name = str(head.value)
        names = {str(m.value) for m in group}
        if len(names) > 1 and all(_same_but_aside(name, n) for n in names if n != name):
            name = _without_aside(name)  # the grantee, not one of its purposes
        flagged = next((m for m in group if m.check is not None), None)
        # the imputation its rows are tied to, when they agree (two grants of two sections
        # drawn from two lines: none)
        tied = {m.imputation for m in group if m.imputation is not None}
        one = dataclasses.replace(
            head,
            value=name,
            amount=sum(amounts) if amounts else None,
            check=flagged.check if flagged else None,
            score=grant_score(flagged.check if flagged else None),
            imputation=tied.pop() if len(tied) == 1 else None,
        )
        merged.append((one, group))
    return merged


OPENING = 400  # a deliberation that grants money by a sentence this early is about grants


def _title(text: str, start: int, end: int) -> str:
    """The deliberation's first lines, up to the first blank line."""
    return re.split(r"\n[ \t]*\n", text[start : min(end, start + 160)])[0]


def find_beneficiaries(
    text: str, start: int, end: int, tables: list[Table], authority: str | None
) -> list[tuple[Found, list[Found]]]:
    """Each grantee of the deliberation in [start, end): a Found (field "beneficiaries", ``value``
    the name, ``amount`` its sums added up, ``check`` and a lower score when a table's rows do not
    add up; the span and rule of its first mention with a sum, else its first) with every
    mention merged into it."""
    if ACCOUNTS_TITLE_RE.search(_title(text, start, end)):
        return []
    sentences = from_sentences(text, start, end, authority) + _named_in_title(
        text, start, end, authority
    )
    granting = any(m.start < start + OPENING for m in sentences)
    read = grant_tables(tables, text, start, end, granting)
    # the lines a grant table covers are its rows: not read again as text, nor as a ruled table
    covered = [span for table in read for span in [table.span()] if span is not None]
    ruled = [
        t
        for t in tables
        if t.method not in ROW_TABLES and not any(_overlaps(t.span(), c) for c in covered)
    ]
    rows = (
        _outside(from_lists(text, start, end, authority, granting), covered)
        + _outside(from_rows(text, start, end, authority, granting), covered)
        + from_tables(ruled, start, end, authority)
        + from_word_tables(read, start, end, authority)
    )
    if WORKS_RE.search(text, start, end):
        rows = [  # a contractor's row
            m
            for m in rows
            if not COMPANY_NAME_RE.match(str(m.value)) or CLUB_SOCIETY_RE.match(str(m.value))
        ]
    matches = sentences + _outside(rows, not_granting_spans(text, start, end))
    return merge(sorted(matches, key=lambda m: m.start))


def _named_in_title(text: str, start: int, end: int, authority: str | None) -> list[Found]:
    """The grantee a title names after "Subvention pour" (the sum is the decision's to say)."""
    title_end = start + len(_title(text, start, end))
    found = []
    for cue in TITLE_GRANT_FOR_RE.finditer(text, start, title_end):
        named = _without_article(_capitalised_name_at(text, cue.end(), title_end))
        if named and _acceptable(named[0], authority):
            found.append(grantee("title_grant_for", *named, None))
    return found


def _overlaps(span: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    return span is not None and span[0] < other[1] and other[0] < span[1]
