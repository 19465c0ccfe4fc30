"""A synthetic archive of deliberations, as big as wanted, for scale tests and benchmarks.

Each document is drawn from one of four templates built on the dev corpus (`tests/data/dev/text`:
the Lomme, Loison-sous-Lens, Lens and conseil d'administration layouts) with its own town,
body, séance date, number, @CTES act id, rapporteur, vote (unanimous, by majority with names
and counts, rejected), grants (beneficiaries, amounts in figures and sometimes in words) and
budget imputations, each written in one of several French phrasings. Context paragraphs are
taken from the dev texts, so documents run from one page to dozens.

Most documents are born-digital PDFs (:func:`tests.generators.fixtures.build_pdf`, four
layouts); a share is scanned (:mod:`tests.generators.scans`: image-only, degraded), a share
is broken (empty, truncated, not a PDF, encrypted); some towns come as one zip archive. The same
seed gives the same archive, byte for byte. ``manifest.jsonl`` lists every document with the
facts written into it.

Usage::

    python -m tests.generators.synthetic OUT --count 2000 [--seed 1] [--scanned 0.02]
        [--broken 0.01] [--zipped 0.25] [--workers N]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from deliberations.nlp.numbers_fr import int_to_words
from tests.generators.fixtures import build_pdf, layout_for

DEV_TEXT = Path(__file__).resolve().parents[2] / "tests" / "data" / "dev" / "text"
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# (town, département code)
TOWNS = [
    ("Arras", "62"),
    ("Béthune", "62"),
    ("Lens", "62"),
    ("Liévin", "62"),
    ("Hénin-Beaumont", "62"),
    ("Bruay-la-Buissière", "62"),
    ("Carvin", "62"),
    ("Bully-les-Mines", "62"),
    ("Avion", "62"),
    ("Harnes", "62"),
    ("Noyelles-Godault", "62"),
    ("Saint-Omer", "62"),
    ("Boulogne-sur-Mer", "62"),
    ("Calais", "62"),
    ("Berck", "62"),
    ("Lillers", "62"),
    ("Auchel", "62"),
    ("Marles-les-Mines", "62"),
    ("Lomme", "59"),
    ("Roubaix", "59"),
    ("Tourcoing", "59"),
    ("Villeneuve-d'Ascq", "59"),
    ("Douai", "59"),
    ("Cambrai", "59"),
    ("Valenciennes", "59"),
    ("Maubeuge", "59"),
    ("Denain", "59"),
    ("Armentières", "59"),
    ("Wattrelos", "59"),
    ("Croix", "59"),
    ("Hem", "59"),
    ("Loos", "59"),
    ("Hazebrouck", "59"),
    ("Caudry", "59"),
    ("Somain", "59"),
    ("Anzin", "59"),
    ("Amiens", "80"),
    ("Abbeville", "80"),
    ("Albert", "80"),
    ("Péronne", "80"),
    ("Doullens", "80"),
    ("Beauvais", "60"),
    ("Compiègne", "60"),
    ("Creil", "60"),
    ("Noyon", "60"),
    ("Senlis", "60"),
    ("Pierrefonds", "60"),
    ("Laon", "02"),
    ("Soissons", "02"),
    ("Saint-Quentin", "02"),
    ("Château-Thierry", "02"),
    ("Reims", "51"),
    ("Épernay", "51"),
    ("Vitry-le-François", "51"),
    ("Troyes", "10"),
    ("Romilly-sur-Seine", "10"),
    ("Charleville-Mézières", "08"),
    ("Sedan", "08"),
    ("Rouen", "76"),
    ("Dieppe", "76"),
    ("Fécamp", "76"),
    ("Elbeuf", "76"),
    ("Évreux", "27"),
    ("Vernon", "27"),
    ("Caen", "14"),
    ("Lisieux", "14"),
    ("Bayeux", "14"),
    ("Cherbourg-en-Cotentin", "50"),
    ("Saint-Lô", "50"),
    ("Alençon", "61"),
    ("Le Mans", "72"),
    ("Laval", "53"),
    ("Angers", "49"),
    ("Cholet", "49"),
    ("Saumur", "49"),
    ("Nantes", "44"),
    ("Saint-Nazaire", "44"),
    ("Rennes", "35"),
    ("Saint-Malo", "35"),
    ("Vitré", "35"),
    ("Brest", "29"),
    ("Quimper", "29"),
    ("Morlaix", "29"),
    ("Lorient", "56"),
    ("Vannes", "56"),
    ("Pontivy", "56"),
    ("Tours", "37"),
    ("Amboise", "37"),
    ("Blois", "41"),
    ("Orléans", "45"),
    ("Montargis", "45"),
    ("Bourges", "18"),
    ("Vierzon", "18"),
    ("Châteauroux", "36"),
    ("Dijon", "21"),
    ("Beaune", "21"),
    ("Besançon", "25"),
    ("Montbéliard", "25"),
    ("Couthenans", "70"),
    ("Vesoul", "70"),
    ("Lons-le-Saunier", "39"),
    ("Dole", "39"),
    ("Mâcon", "71"),
    ("Chalon-sur-Saône", "71"),
    ("Le Creusot", "71"),
    ("Nevers", "58"),
    ("Auxerre", "89"),
    ("Sens", "89"),
    ("Lyon", "69"),
    ("Villeurbanne", "69"),
    ("Vénissieux", "69"),
    ("Grenoble", "38"),
    ("Vienne", "38"),
    ("Voiron", "38"),
    ("Annecy", "74"),
    ("Thonon-les-Bains", "74"),
    ("Chambéry", "73"),
    ("Valence", "26"),
    ("Montélimar", "26"),
    ("Privas", "07"),
    ("Aubenas", "07"),
    ("Saint-Étienne", "42"),
    ("Roanne", "42"),
    ("Clermont-Ferrand", "63"),
    ("Riom", "63"),
    ("Vichy", "03"),
    ("Montluçon", "03"),
    ("Moulins", "03"),
    ("Aurillac", "15"),
    ("Le Puy-en-Velay", "43"),
    ("Limoges", "87"),
    ("Brive-la-Gaillarde", "19"),
    ("Tulle", "19"),
    ("Guéret", "23"),
    ("Poitiers", "86"),
    ("Châtellerault", "86"),
    ("Niort", "79"),
    ("La Rochelle", "17"),
    ("Rochefort", "17"),
    ("Saintes", "17"),
    ("Angoulême", "16"),
    ("Cognac", "16"),
    ("Bordeaux", "33"),
    ("Mérignac", "33"),
    ("Libourne", "33"),
    ("Arcachon", "33"),
    ("Périgueux", "24"),
    ("Bergerac", "24"),
    ("Agen", "47"),
    ("Mont-de-Marsan", "40"),
    ("Dax", "40"),
    ("Pau", "64"),
    ("Bayonne", "64"),
    ("Biarritz", "64"),
    ("Tarbes", "65"),
    ("Lourdes", "65"),
    ("Auch", "32"),
    ("Montauban", "82"),
    ("Toulouse", "31"),
    ("Muret", "31"),
    ("Albi", "81"),
    ("Castres", "81"),
    ("Rodez", "12"),
    ("Millau", "12"),
    ("Cahors", "46"),
    ("Foix", "09"),
    ("Pamiers", "09"),
    ("Carcassonne", "11"),
    ("Narbonne", "11"),
    ("Perpignan", "66"),
    ("Montpellier", "34"),
    ("Béziers", "34"),
    ("Sète", "34"),
    ("Nîmes", "30"),
    ("Alès", "30"),
    ("Mende", "48"),
    ("Avignon", "84"),
    ("Carpentras", "84"),
    ("Marseille", "13"),
    ("Arles", "13"),
    ("Aix-en-Provence", "13"),
    ("Toulon", "83"),
    ("Fréjus", "83"),
    ("Draguignan", "83"),
    ("Nice", "06"),
    ("Cannes", "06"),
    ("Grasse", "06"),
    ("Gap", "05"),
    ("Digne-les-Bains", "04"),
    ("Ajaccio", "2A"),
    ("Bastia", "2B"),
    ("Metz", "57"),
    ("Thionville", "57"),
    ("Forbach", "57"),
    ("Nancy", "54"),
    ("Lunéville", "54"),
    ("Épinal", "88"),
    ("Saint-Dié-des-Vosges", "88"),
    ("Bar-le-Duc", "55"),
    ("Verdun", "55"),
    ("Strasbourg", "67"),
    ("Haguenau", "67"),
    ("Colmar", "68"),
    ("Mulhouse", "68"),
    ("Belfort", "90"),
    ("Chaumont", "52"),
    ("Langres", "52"),
]
FIRST_NAMES = [
    "Marie",
    "Jean",
    "Nathalie",
    "Philippe",
    "Isabelle",
    "Michel",
    "Sylvie",
    "Alain",
    "Catherine",
    "Patrick",
    "Françoise",
    "Christophe",
    "Sandrine",
    "Daniel",
    "Valérie",
    "Éric",
    "Sophie",
    "Laurent",
    "Martine",
    "Frédéric",
    "Karima",
    "Mohamed",
    "Fatima",
    "Jacky",
    "Dorine",
    "Rémy",
    "Hélène",
    "Gérard",
    "Corinne",
    "Thierry",
    "Aurélie",
    "Bernard",
    "Claire",
    "Olivier",
    "Anne",
    "Stéphane",
    "Julie",
    "Yves",
    "Chantal",
]
SURNAMES = [
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "RICHARD",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "SIMON",
    "LAURENT",
    "LEFEBVRE",
    "MICHEL",
    "GARCIA",
    "DAVID",
    "BERTRAND",
    "ROUX",
    "VINCENT",
    "FOURNIER",
    "MOREL",
    "GIRARD",
    "ANDRÉ",
    "LEFÈVRE",
    "MERCIER",
    "DUPONT",
    "LAMBERT",
    "BONNET",
    "FRANÇOIS",
    "MARTINEZ",
    "LEGRAND",
    "GARNIER",
    "FAURE",
    "ROUSSEAU",
    "BLANC",
    "GUERIN",
    "MULLER",
    "HENRY",
    "ROUSSEL",
    "NICOLAS",
    "PERRIN",
    "MORIN",
    "MATHIEU",
    "CLEMENT",
    "GAUTHIER",
    "DUMONT",
    "LOPEZ",
    "FONTAINE",
    "CHEVALIER",
    "ROBIN",
    "KRUSZKA",
    "WABLE",
    "DELATTRE",
    "DEBRABANT",
    "VANDAMME",
]
SPORTS = [
    "football",
    "basket-ball",
    "handball",
    "judo",
    "tennis de table",
    "cyclisme",
    "natation",
    "pétanque",
    "athlétisme",
    "gymnastique",
]
SCHOOLS = [
    "Jules Ferry",
    "Jean Jaurès",
    "Victor Hugo",
    "Louise Michel",
    "Paul Bert",
    "Pasteur",
    "Jean Moulin",
    "Marie Curie",
    "Anatole France",
    "Jacques Prévert",
]
ACRONYMS = [
    "AREFEP",
    "ADIL",
    "APF",
    "ASEP",
    "CIDFF",
    "FCPE",
    "UNRPA",
    "AFEV",
    "ADMR",
    "ESAT",
    "CLLAJ",
    "GEIQ",
    "APEI",
    "ACSEL",
    "OMS",
]
ACTIONS = [
    "l'organisation de la fête de quartier",
    "son fonctionnement pour l'année {year}",
    "l'organisation d'un séjour de vacances",
    "l'achat de matériel pédagogique",
    "l'accompagnement des demandeurs d'emploi",
    "la mise en place d'ateliers numériques",
    "le festival de musique de l'été {year}",
    "l'organisation du marché de Noël",
    "le déplacement de l'équipe en championnat",
    "l'aide aux devoirs",
]
FUNCTIONS = ["025", "40", "30", "33", "520", "411", "212", "64", "524", "020"]
BODIES = [
    ("conseil municipal", "Conseil Municipal", "le Maire"),
    ("conseil communal", "Conseil Communal", "le Maire"),
    ("conseil communautaire", "Conseil Communautaire", "le Président"),
    ("conseil d'administration", "Conseil d'Administration", "le Président"),
]
MATTERS = ["7.5", "7.1", "8.5", "8.9", "5.7", "7.10", "3.5", "1.4"]


# ------------------------------------------------------------------------------ facts


@dataclass
class Grant:
    name: str
    amount: int
    action: str


@dataclass
class Vote:
    result: str  # adopted / rejected
    unanimous: bool
    for_: int | None = None
    against: int | None = None
    abstentions: int | None = None
    against_names: list[str] = field(default_factory=list)
    abstention_names: list[str] = field(default_factory=list)


@dataclass
class Spec:
    """Everything written into one synthetic document."""

    index: int
    template: str
    town: str
    department: str
    body: str
    date: tuple[int, int, int]  # year, month, day
    number: str
    act_id: str | None
    matter: str | None
    subject: str
    rapporteur: str
    president: str
    secretary: str
    grants: list[Grant]
    imputations: list[tuple[str, str, str]]  # chapitre, article, fonction
    vote: Vote
    filler: int  # how many context paragraphs
    kind: str = "digital"  # digital, scanned, or a broken kind

    @property
    def stem(self) -> str:
        year, month, day = self.date
        return f"{_slug(self.town)}_{year}{month:02d}{day:02d}_{self.index:05d}"

    @property
    def relative(self) -> str:
        return f"{self.department}/{_slug(self.town)}/{self.date[0]}/{self.stem}.pdf"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _person(rng: random.Random) -> str:
    title = rng.choice(["Monsieur", "Madame"])
    return f"{title} {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _de(town: str) -> str:
    """ "de Lens", "d'Arras"."""
    return f"d'{town}" if town[0].lower() in "aeiouéèêâîôûh" else f"de {town}"


def _beneficiary(rng: random.Random, town: str) -> str:
    pick = rng.randrange(8)
    if pick == 0:
        return f"Comité des fêtes {_de(town)}"
    if pick == 1:
        return f"Amicale laïque {_de(town)}"
    if pick == 2:
        return f"Club de {rng.choice(SPORTS)} {_de(town)}"
    if pick == 3:
        return f"Association des parents d'élèves de l'école {rng.choice(SCHOOLS)}"
    if pick == 4:
        return rng.choice(ACRONYMS)
    if pick == 5:
        return f"Harmonie municipale {_de(town)}"
    if pick == 6:
        return rng.choice(
            [
                "Secours populaire français",
                "Restos du Cœur",
                "Croix-Rouge française",
                "Compagnons bâtisseurs",
                "Ligue contre le cancer",
            ]
        )
    return f"Union sportive {_de(town)}"


def draw_spec(index: int, seed: int) -> Spec:
    """The facts of document ``index`` (deterministic in index and seed)."""
    rng = random.Random(f"{seed}/{index}")
    town, department = rng.choice(TOWNS)
    template = rng.choice(["lomme", "loison", "lens", "board"])
    body = {
        "lomme": rng.choice(["conseil communal", "conseil municipal"]),
        "loison": "conseil municipal",
        "lens": "conseil municipal",
        "board": rng.choice(["conseil communautaire", "conseil d'administration"]),
    }[template]
    year = rng.randint(2004, 2024)
    date = (year, rng.randint(1, 12), rng.randint(1, 28))
    grants = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        amount = rng.choice(
            [
                rng.randrange(100, 5000, 50),
                rng.randrange(1000, 60000, 100),
                rng.randrange(50_000, 900_000, 500),
            ]
        )
        action = rng.choice(ACTIONS).format(year=year)
        name = _beneficiary(rng, town)
        if all(g.name != name for g in grants):
            grants.append(Grant(name, amount, action))
    chapitre, article = rng.choice(
        [("65", "6574"), ("65", "6574"), ("204", "20421"), ("67", "6745")]
    )
    imputations = [(chapitre, article, rng.choice(FUNCTIONS))]
    second = (chapitre, article, rng.choice(FUNCTIONS))
    if rng.random() < 0.3 and second != imputations[0]:
        imputations.append(second)
    members = rng.randint(15, 45)
    pick = rng.random()
    if pick < 0.6:
        vote = Vote("adopted", True)
    elif pick < 0.93:
        against_names = [
            f"{rng.choice(['M.', 'Mme'])} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 5))
        ]
        abstentions = rng.randint(0, 3)
        vote = Vote(
            "adopted",
            False,
            members - len(against_names) - abstentions,
            len(against_names),
            abstentions,
            against_names,
        )
    else:
        against = members // 2 + 1
        vote = Vote("rejected", False, members - against, against, 0)
    number = rng.choice(
        [
            f"{year}/{rng.randint(1, 150)}",
            f"{year}-{rng.randint(1, 150):03d}",
            f"DEL{rng.randint(1, 99)}_{date[2]:02d}{date[1]:02d}{year}",
            str(rng.randint(1, 120)),
        ]
    )
    siren = f"2{department.replace('A', '0').replace('B', '0')}{rng.randrange(10**6):06d}"
    act_id = (
        f"0{department}-{siren}-{year}{date[1]:02d}{date[2]:02d}-{number.replace('/', '_')}-DE"
        if rng.random() < 0.5 and year >= 2010
        else None
    )
    first = grants[0]
    subject = rng.choice(
        [
            f"Attribution d'une subvention à {_article(first.name)}",
            f"Subvention exceptionnelle – {first.name}",
            f"Versement d'une participation financière à {_article(first.name)}",
            f"Convention d'objectifs et de moyens avec {_article(first.name)}",
            "Attribution de subventions aux associations"
            if len(grants) > 1
            else f"Soutien à {_article(first.name)} pour {first.action}",
        ]
    )
    filler = rng.choice([0, 1, 2, 3, 4, 6]) if rng.random() < 0.93 else rng.randint(15, 45)
    return Spec(
        index,
        template,
        town,
        department,
        body,
        date,
        number,
        act_id,
        rng.choice(MATTERS) if act_id else None,
        subject,
        _person(rng),
        _person(rng),
        _person(rng),
        grants,
        imputations,
        vote,
        filler,
    )


def _article(name: str) -> str:
    if name.isupper():
        return f"l'association {name}"
    low = name[0].lower()
    if low in "aeiouéh":
        return f"l'{name}"
    if name.startswith(("Comité", "Club", "Secours", "Harmonie")):
        return f"le {name}"
    if name.startswith("Restos"):
        return f"les {name}"
    return f"la {name}"


# ------------------------------------------------------------------------------ phrasing


def _amount(rng: random.Random, value: int, words: bool = True) -> str:
    digits = f"{value:,}".replace(",", rng.choice([" ", " ", ".", "\u202f"]))
    figure = rng.choice([f"{digits} €", f"{digits},00 €", f"{digits} euros", f"{digits},00 euros"])
    if words and rng.random() < 0.25:
        return f"{int_to_words(value)} euros ({figure})"
    return figure


def _date_text(rng: random.Random, date: tuple[int, int, int], upper: bool = False) -> str:
    year, month, day = date
    text = rng.choice(
        [f"{day} {MONTHS[month - 1]} {year}", f"{day:02d} {MONTHS[month - 1]} {year}"]
    )
    return text.upper() if upper else text


def _imputation(rng: random.Random, imp: tuple[str, str, str]) -> str:
    chapitre, article, fonction = imp
    return rng.choice(
        [
            f"Chapitre {chapitre} - article {article} - fonction {fonction}",
            f"chapitre {chapitre}, article {article}, fonction {fonction}",
            f"Imputation budgétaire : chapitre {chapitre} article {article} fonction {fonction}",
            f"au chapitre {chapitre}, compte {article}, fonction {fonction}",
        ]
    )


def _vote(rng: random.Random, vote: Vote, body: str) -> str:
    if vote.unanimous:
        return rng.choice(
            [
                "ADOPTE A L'UNANIMITE",
                "Adopté à l'unanimité des membres présents et représentés.",
                "Vote à l'unanimité",
                f"⇒ **Adoptée à l'unanimité après que le {body} en eut délibéré.**",
                "La délibération est adoptée à l'unanimité.",
            ]
        )
    names = " - ".join(vote.against_names)
    if vote.result == "rejected":
        return rng.choice(
            [
                f"La proposition est rejetée (Pour : {vote.for_}, Contre : {vote.against}).",
                f"REJETE\nPour : {vote.for_}\nContre : {vote.against}\nAbstention : 0",
            ]
        )
    return rng.choice(
        [
            f"ADOPTE A LA MAJORITE,\nContre : {names}.",
            f"Adopté à la majorité (Pour : {vote.for_}, Contre : {vote.against}, "
            f"Abstentions : {vote.abstentions}).\nOnt voté contre : {names}.",
            f"Votes : Pour : {vote.for_} ; Contre : {vote.against} ({names}) ; "
            f"Abstentions : {vote.abstentions}\nLa délibération est adoptée à la majorité.",
        ]
    )


@cache
def _paragraphs() -> tuple[str, ...]:
    """Context paragraphs of the dev texts, without sums or dates (they would be read)."""
    out = []
    for path in sorted(DEV_TEXT.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if 200 < len(text) < 1200 and not re.search(r"€|euros?\b|\d{4}|\t|\d[\d ]{3,}", text):
                out.append(text)
    return tuple(out) or ("Le présent rapport expose le contexte de la demande.",)


def _context(rng: random.Random, spec: Spec) -> list[str]:
    paragraphs = _paragraphs()
    return [rng.choice(paragraphs) for _ in range(spec.filler)]


# ------------------------------------------------------------------------------ templates


def render_text(spec: Spec) -> str:
    """The text of the document (the input of :func:`build_pdf`)."""
    rng = random.Random(f"text/{spec.index}/{spec.stem}")
    label = next(b[1] for b in BODIES if b[0] == spec.body)
    chief = next(b[2] for b in BODIES if b[0] == spec.body)
    grants = spec.grants
    grant_lines = [
        f"- d'attribuer une subvention de {_amount(rng, g.amount)} à {_article(g.name)} "
        f"pour {g.action} ;"
        for g in grants
    ]
    imputations = [_imputation(rng, imp) for imp in spec.imputations]
    context = _context(rng, spec)
    year, month, day = spec.date
    if spec.template == "lomme":
        lines = [
            f"DÉLIBÉRATION DU {label.upper()} DU {_date_text(rng, spec.date, upper=True)}",
            "",
            f"{spec.number} - {spec.subject.upper()}",
            "",
            *_paras(context),
            f"Le {label}, après en avoir délibéré, décide de bien vouloir:",
            "",
        ]
        for g in grants:
            lines += [
                f"♦ AUTORISER le versement de la somme de {_amount(rng, g.amount)} à "
                f"{_article(g.name)}",
                "",
            ]
        lines += [
            "♦ IMPUTER les dépenses de la façon suivante :",
            *[f"{imp} : {grants[0].name}" for imp in imputations],
            "",
            _vote(rng, spec.vote, label),
            f"Fait et délibéré à {spec.town}, les jour, mois et an ci-dessus.",
            "Pour expédition conforme,",
            "",
            f"Le Maire de {spec.town}",
        ]
    elif spec.template == "loison":
        lines = [
            "EXTRAIT DU REGISTRE DES DELIBERATIONS",
            f"DU {label.upper()}",
            "",
            f"L'an {int_to_words(year)}, le {day} {MONTHS[month - 1]},",
            f"Le {label} s'est réuni au lieu ordinaire de ses séances,",
            f"Sous la Présidence de {spec.president}, Maire,",
            f"En suite de convocation en date du {max(day - 6, 1)} {MONTHS[month - 1]} {year},",
            "",
            f"{spec.secretary} est désigné secrétaire de séance.",
            "",
            f"Objet : {spec.subject}.",
            "",
            f"{spec.rapporteur}, rapporteur, rappelle aux membres du {label} la demande "
            f"présentée par {_article(grants[0].name)}.",
            "",
            *_paras(context),
            f"Les membres du {label} décident :",
            "",
            _vote(rng, spec.vote, label),
            "",
            *grant_lines,
            f"- d'imputer la dépense {imputations[0]}.",
            "",
            "Ainsi fait et délibéré les jours, mois et an susdits",
            "",
            f"{spec.town}, le {_date_text(rng, spec.date)}",
            "",
            "le Maire,",
            "",
            spec.president.split(" ", 1)[1],
        ]
    elif spec.template == "lens":
        lines = [
            f"NOMENCLATURE : {spec.matter or '7.5'}",
            "",
            f"VILLE DE {spec.town.upper()}",
            label.upper(),
            f"SÉANCE DU {_date_text(rng, spec.date, upper=True)}",
            "",
        ]
        if spec.act_id:
            lines += [
                "Accusé de réception - Ministère de l'Intérieur",
                "",
                spec.act_id,
                "",
                "Accusé certifié exécutoire",
                "",
            ]
        lines += [
            spec.subject.upper(),
            "",
            f"Rapporteur : {spec.rapporteur}",
            "",
            *_paras(context),
            "Il est proposé d'attribuer les subventions suivantes :",
            "",
            "Association\tObjet\tMontant",
            *[f"{g.name}\t{g.action}\t{g.amount:,} €".replace(",", " ") for g in grants],
            "",
            f"La dépense sera imputée {imputations[0]}.",
            "",
            _vote(rng, spec.vote, label),
            "",
            "Le Maire,",
            "",
            spec.president.split(" ", 1)[1],
            "",
            "Le Secrétaire de Séance,",
            "",
            spec.secretary.split(" ", 1)[1],
        ]
    else:
        authority = (
            f"COMMUNAUTÉ D'AGGLOMÉRATION {_de(spec.town).upper()}"
            if spec.body == "conseil communautaire"
            else f"CENTRE COMMUNAL D'ACTION SOCIALE {_de(spec.town).upper()}"
        )
        lines = [
            authority,
            "",
            f"DECISION EXTRAITE DU PROCES VERBAL DE LA REUNION DU {label.upper()}",
            f"SEANCE DU {_date_text(rng, spec.date, upper=True)}",
            "",
            f"Président : {spec.president}",
            "",
            f"Délibération n° {spec.number}",
            "",
            f"Objet : {spec.subject}",
            "",
            f"Rapporteur : {spec.rapporteur}",
            "",
            *_paras(context),
            f"Le {label}, ouï l'exposé du rapporteur, décide :",
            "",
            *grant_lines,
            "",
            *[f"Imputation : {imp}" for imp in imputations],
            "",
            _vote(rng, spec.vote, label),
            "",
            f"Pour extrait conforme, {chief},",
            "",
            spec.president.split(" ", 1)[1],
        ]
    return "\n".join(lines) + "\n"


def _paras(context: list[str]) -> list[str]:
    out: list[str] = []
    for paragraph in context:
        out += [paragraph, ""]
    return out


def truth(spec: Spec) -> dict:
    """The facts written into the document, for the manifest."""
    vote = asdict(spec.vote)
    vote["for"] = vote.pop("for_")
    return {
        "town": spec.town,
        "department": spec.department,
        "body": spec.body,
        "session_date": "{:04d}-{:02d}-{:02d}".format(*spec.date),
        "number": spec.number,
        "act_id": spec.act_id,
        "subject": spec.subject,
        "vote": vote,
        "beneficiaries": [{"name": g.name, "amount": float(g.amount)} for g in spec.grants],
        "imputations": [
            dict(zip(("chapitre", "article", "fonction"), imp, strict=True))
            for imp in spec.imputations
        ],
    }


# ------------------------------------------------------------------------------ building


BROKEN_KINDS = ("empty", "truncated", "not-a-pdf", "encrypted")


def plan(count: int, seed: int, scanned: float, broken: float) -> list[Spec]:
    """The specs of an archive: each document's facts and what it is (digital, scanned, broken)."""
    specs = [draw_spec(i, seed) for i in range(count)]
    rng = random.Random(f"{seed}/plan")
    order = list(range(count))
    rng.shuffle(order)
    n_broken, n_scanned = round(count * broken), round(count * scanned)
    for rank, index in enumerate(order[:n_broken]):
        specs[index].kind = BROKEN_KINDS[rank % len(BROKEN_KINDS)]
    for index in order[n_broken : n_broken + n_scanned]:
        specs[index].kind = "scanned"
        specs[index].filler = min(specs[index].filler, 2)  # OCR is slow: short scans
    return specs


def build_one(spec: Spec, out: Path, seed: int) -> Path:
    """Write one document's file under ``out`` (its relative path); return it."""
    target = out / spec.relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if spec.kind == "empty":
        target.write_bytes(b"")
        return target
    if spec.kind == "not-a-pdf":
        target.write_text(render_text(spec), encoding="utf-8")
        return target
    build_pdf(render_text(spec), target, layout_for(spec.index))
    if spec.kind == "truncated":
        data = target.read_bytes()
        target.write_bytes(data[: len(data) * 2 // 5])
    elif spec.kind == "encrypted":
        _encrypt(target)
    elif spec.kind == "scanned":
        _scan(target, seed)
    return target


def _encrypt(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt("secret", "owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def scans_available() -> bool:
    try:
        import tests.generators.scans  # noqa: F401
    except ImportError:
        return False
    return True


def _scan(path: Path, seed: int) -> None:
    from tests.generators.scans import scan_pdf

    with tempfile.TemporaryDirectory() as tmp:
        digital = Path(tmp) / path.name
        digital.write_bytes(path.read_bytes())
        scan_pdf(digital, path, profile="degraded", seed=seed, stem=path.stem)


def _zip_towns(specs: Sequence[Spec], seed: int, share: float) -> set[str]:
    towns = sorted({(s.department, _slug(s.town)) for s in specs})
    rng = random.Random(f"{seed}/zip")
    return {f"{d}/{t}" for d, t in towns if rng.random() < share}


def _pack(out: Path, town_dir: str) -> Path:
    """``out/<dep>/<town>/`` into ``out/<dep>/<town>.zip`` (fixed dates: reproducible bytes)."""
    folder = out / town_dir
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    folder.rmdir()
    return archive


def _build_task(args: tuple[Spec, Path, int]) -> str:
    spec, out, seed = args
    return str(build_one(spec, out, seed))


def generate(
    out: Path,
    count: int,
    *,
    seed: int = 1,
    scanned: float = 0.02,
    broken: float = 0.01,
    zipped: float = 0.25,
    workers: int | None = None,
) -> list[dict]:
    """Build an archive of ``count`` documents in ``out``; return (and write) its manifest."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if scanned and not scans_available():  # pragma: no cover - scans.py ships with the project
        print("warning: tests.generators.scans is missing: no scanned documents", file=sys.stderr)
        scanned = 0.0
    specs = plan(count, seed, scanned, broken)
    jobs = [(spec, out, seed) for spec in specs]
    workers = workers or os.cpu_count() or 1
    if workers > 1 and count > 20:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_build_task, jobs, chunksize=16))
    else:
        for job in jobs:
            _build_task(job)
    zip_towns = _zip_towns(specs, seed, zipped)
    for town_dir in sorted(zip_towns):
        _pack(out, town_dir)
    manifest = []
    for spec in specs:
        town_dir = f"{spec.department}/{_slug(spec.town)}"
        key = (
            f"{out / town_dir}.zip!{Path(spec.relative).relative_to(town_dir).as_posix()}"
            if town_dir in zip_towns
            else str(out / spec.relative)
        )
        manifest.append(
            {
                "path": key,
                "kind": spec.kind,
                "template": spec.template,
                "layout": layout_for(spec.index).name,
                **truth(spec),
            }
        )
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for entry in manifest:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.generators.synthetic", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("out", type=Path, help="folder to write the archive into")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scanned", type=float, default=0.02, help="share of scanned documents")
    parser.add_argument("--broken", type=float, default=0.01, help="share of broken files")
    parser.add_argument("--zipped", type=float, default=0.25, help="share of towns packed in a zip")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    manifest = generate(
        args.out,
        args.count,
        seed=args.seed,
        scanned=args.scanned,
        broken=args.broken,
        zipped=args.zipped,
        workers=args.workers,
    )
    kinds: dict[str, int] = {}
    for entry in manifest:
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    zips = len(list(args.out.rglob("*.zip")))
    print(
        f"{len(manifest)} documents in {args.out} ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}; "
        f"{zips} zip archive(s)); manifest: {args.out / 'manifest.jsonl'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
