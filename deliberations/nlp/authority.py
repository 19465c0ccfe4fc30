"""The authority: the one module that reads the collectivity a deliberation is taken for (the
commune, the communauté, the métropole), and the organisation a board deliberates for.

The collectivity is read as scored candidates, like the séance date (``nlp/candidates.py``):

1. candidates, permissive: every place a French body names itself or its own things, by the rules
   of ``phrasings/authority.toml`` (each naming its cue): the letterhead or title block ("COMMUNE
   DE X", "Ville de X", "Mairie de X"), the preamble ("le Conseil municipal de la commune de X",
   "réunis à la mairie de la commune de X"), the mayor ("Monsieur le Maire de X"), the signature
   ("Fait à X, le …", "X, le 20 juin 2024"), the running text ("sur le territoire de la
   commune de X"; not "la voie communale de X": a road is named after where it leads) and, for a
   conseil communautaire, the grouping ("Communauté de communes …",
   "X Agglomération");
2. features of each place (``authority_features``): its cue, where it stands (how near the top,
   on a short line of its own as a letterhead is, in an item's title or the agenda, beside another commune
   named with it: "convention avec la commune de X"), and what the document says of the name:
   how often it is named with a cue, whether it is cited elsewhere as another body's ("Vu la
   délibération du conseil municipal de X": no candidate there, and another commune's anywhere);
3. a logistic score whose weights are data (``nlp/weights/authority.toml``), fitted on the real
   set only (``python -m scripts.fit_authority_weights``): a place's share against the document's
   other places and "none of them"; a name's score is the sum of its places' shares, and the best
   name is kept when its score reaches the threshold.

The assembly tells which kind to look for: a conseil municipal deliberates for its commune,
never for the communauté it names; a conseil communautaire for its grouping, not for one of the
communes its members come from.

A board (conseil d'administration, comité syndical) deliberates for an organisation whose name
follows the patterns of French public bodies: a social landlord "<Place> Habitat", an "Office
public de l'habitat", a "Syndicat intercommunal …", a "Centre communal d'action sociale". The
organisation named most often in the deliberation is taken (``find_organisation``).

``delib extract --explain FILE`` prints every candidate with its features and score.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from deliberations.nlp import lexicon, phrasings
from deliberations.nlp.candidates import Candidate, shares, weights
from deliberations.nlp.found import Found
from deliberations.nlp.people import LOWER, UPPER
from deliberations.nlp.zones import zones_of

__all__ = [
    "authority_candidates",
    "authority_features",
    "find_authority",
    "find_organisation",
]

# -- the collectivity -------------------------------------------------------------------------
# a place's word: capitalised, its parts joined by hyphens, a hyphen may end a line
# ("PUTANGES-\nLE-LAC"); the words joined by the short words of French place names
# (atomic: a hyphen is either inside a word or a joiner, never tried both ways, which on OCR
# junk like "I-I-I-…" took seconds)
_PLACE_WORD = rf"(?>[{UPPER}][\w'’]*(?:-(?:[ \t]*\n[ \t]*)?[\w'’]+)*)"
# ("Arc en Barrois", "Castillon du Gard"); "au", "aux" and "et" join a name's parts by hyphens only
# ("Montliot-et-Courcelles"): spaced, they join a place to the next thing named ("Pierrefonds au
# Syndicat …", "Eybens et SAEML …")
PLACE = (
    rf"{_PLACE_WORD}(?:(?:[ \-](?:sur|sous|en|lès|lez|les|le|la|de|du|des|d['’]|Saint|Sainte)"
    rf"[ \-]?|-(?:aux?|et)-|[ \-]){_PLACE_WORD}){{0,5}}"
)
AUTHORITY_RULES: tuple[tuple[str, str, str, re.Pattern[str]], ...] = tuple(
    (
        rule.id,
        str(rule.properties["cue"]),
        str(rule.properties.get("kind", "commune")),
        re.compile(rule.expand({"PLACE": PLACE}), re.UNICODE),
    )
    for rule in phrasings.table("authority")
)
CUES = tuple(dict.fromkeys(cue for _, cue, _, _ in AUTHORITY_RULES))

GROUPING_BODIES = {
    "conseil communautaire",
    "bureau communautaire",
    "conseil métropolitain",
    "comité syndical",
    "conseil syndical",
}
MUNICIPAL_BODIES = {"conseil municipal", "conseil communal"}
# words that follow "Ville de" / "Commune de" without naming a place: an article, the kind again,
# a person's title, a heading of the attendance printed beside it in a two-column scan
NOT_PLACES = {
    "La",
    "Le",
    "Les",
    "Ville",
    "Commune",
    "Conseil",
    "Maire",
    "Présents",
    "Presents",
    "Absents",
    "Excusés",
    "Votants",
    "Séance",
    "Enfin",
}
# a civility is no place either ("Commune de X Monsieur …"): the lexicon's
CIVILITY_WORD_RE = re.compile(rf"{lexicon.pattern('civility')}\Z")


def _not_place(word: str) -> bool:
    return word in NOT_PLACES or CIVILITY_WORD_RE.match(word) is not None


EARLY_CHARS = 3000  # "early": 1 at the top of the text, 0 from here on
SHORT_LINE = 70  # a letterhead's or a title block's line
BESIDE = 150  # how near another commune named with it stands ("la commune de X et la commune de Y")


def _place_name(raw: str) -> str:
    raw = re.sub(r"-[ \t]*\n[ \t]*", "-", raw)  # a name cut at a line's end after its hyphen
    words = raw.strip(" ,.;:-").split()
    while words and _not_place(words[-1]):
        words.pop()
    name = " ".join(words)
    if name.isupper():  # "SAINT-MARTIN-DE-RE" -> "Saint-Martin-de-Re": short words in lower case
        name = " ".join(
            "-".join(
                part.capitalize() if len(part) > 2 or (w == 0 and p == 0) else part.lower()
                for p, part in enumerate(word.split("-"))
            )
            for w, word in enumerate(name.split(" "))
        )
    return name


def name_key(name: str) -> str:
    """A name as compared: no accents, no case, hyphens and apostrophes as spaces."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


# another body cited in a recital: "Vu la délibération du conseil municipal de X du 17 octobre"
CITED_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*vu\b[^.;\n]*\Z", re.IGNORECASE)
# a verb opening the next line, not a place: "Il est proposé au conseil municipal de\nValider la …"
VERB_NAME_RE = re.compile(r"[A-ZÉ][a-zéèê]+(?:er|ir)")
ELIDED_VERB_RE = re.compile(r"D['’]+[a-zéè]")
OBJECT_AFTER_RE = re.compile(r"[ \t]+(?:la|le|les|l['’]|un|une|des|du|au|aux|à|ce|cette|ces)\b")


def _is_verb(text: str, start: int, name_end: int) -> bool:
    """The match reads a verb as a place ("… du conseil municipal de\nValider la convention")."""
    words = text[start:name_end].split()
    name = words[-1] if words else ""
    if ELIDED_VERB_RE.match(name):
        return True  # "… du conseil municipal d'\nD'approuver le principe …"
    return bool(VERB_NAME_RE.fullmatch(name) and OBJECT_AFTER_RE.match(text, name_end))


# the agenda: a line "Ordre du jour" (OCR reads "iour"), then the items' titles, short lines
AGENDA_RE = re.compile(
    rf"^[ \t]*(?:[IVX\d]+\W*)?{lexicon.pattern('agenda')}\b.{{0,30}}$", re.I | re.M
)
AGENDA_LINE = 100  # a longer line is prose: the agenda has ended
AGENDA_LINES = 30


def agenda_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the agenda's lists of titles: from an "Ordre du jour" line to the first blank
    line after a title, or to the first long line (prose), or after ``AGENDA_LINES`` lines."""
    spans = []
    for match in AGENDA_RE.finditer(text):
        position, titles = match.end(), 0
        while position < len(text) and titles < AGENDA_LINES:
            end = text.find("\n", position + 1)
            end = len(text) if end < 0 else end
            line = text[position:end].strip()
            if len(line) > AGENDA_LINE or (not line and titles):
                break
            titles += bool(line)
            position = end
        spans.append((match.start(), position))
    return spans


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _kinds_for(body: str | None) -> tuple[str, ...]:
    """The kinds of collectivity an assembly deliberates for, the likelier first."""
    if body in MUNICIPAL_BODIES:
        return ("commune",)
    if body in GROUPING_BODIES:
        return ("grouping", "commune")
    return ("commune", "grouping")


@lru_cache(maxsize=16)
def _places(text: str) -> tuple[tuple[str, str, str, int, int, int], ...]:
    """Every place a rule reads: (rule id, cue, kind, match start, name start, name end), the
    first rule of the table reading a name at a place."""
    found: dict[int, tuple[str, str, str, int, int, int]] = {}
    for rule_id, cue, kind, pattern in AUTHORITY_RULES:
        for match in pattern.finditer(text):
            raw = match.group("name")
            start = match.start("name")
            end = start + len(raw.rstrip(" ,.;:"))
            if start in found or _is_verb(text, match.start(), match.end("name")):
                continue
            found[start] = (rule_id, cue, kind, match.start(), start, end)
    return tuple(sorted(found.values(), key=lambda p: p[4]))


@dataclass
class PlaceCandidate(Candidate):
    """A place named as the authority, with the key its name is compared by."""

    key: str = ""


def merged_keys(names: list[str]) -> list[str]:
    """Each name's key; of two names one of which begins the other ("PUTANGES-" cut at a line's
    end and "Putanges-le-Lac", "Lalouvesc" and an OCR's "Lalouvesc Lcoe"), the one printed less
    often takes the key of the one printed more often (the longer when as often)."""
    keys = [name_key(n) for n in names]
    count = Counter(keys)

    def merged(key: str) -> str:
        related = [
            k for k in count if k == key or k.startswith(key + " ") or key.startswith(k + " ")
        ]
        return max(related, key=lambda k: (count[k], len(k)))

    return [merged(k) for k in keys]


@lru_cache(maxsize=16)
def authority_features(text: str, body: str | None = None) -> list[PlaceCandidate]:
    """Every place ``text`` names a collectivity of the kinds ``body`` deliberates for, as a
    candidate authority with its features (not scored): what the fit reads."""
    kinds = _kinds_for(body)
    places = []
    for rule_id, cue, kind, match_start, start, end in _places(text):
        if kind not in kinds:
            continue
        name = _place_name(text[start:end])
        if not name or _not_place(name.split()[0]) or len(name) <= 1:
            continue
        places.append((rule_id, cue, kind, match_start, start, end, name))
    if body in GROUPING_BODIES and any(p[2] == "grouping" for p in places):
        places = [p for p in places if p[2] == "grouping"]
    keys = merged_keys([p[6] for p in places])
    count = Counter(keys)
    zones = zones_of(text)
    cited = [CITED_BEFORE_RE.search(text, max(0, p[3] - 120), p[3]) is not None for p in places]
    # a name cited once as another body's ("Vu la délibération du conseil municipal de X") is no
    # candidate there, and another commune's wherever else it is named
    cited_names = {key for key, was_cited in zip(keys, cited, strict=True) if was_cited}
    agendas = agenda_spans(text)
    out = []
    for index, (rule_id, cue, _kind, match_start, start, end, name) in enumerate(places):
        key = keys[index]
        if cited[index]:
            continue  # another body's act cited: no place of this one's
        line_start, line_end = _line_bounds(text, match_start)
        beside = any(
            keys[other] != key and abs(places[other][4] - start) < BESIDE
            for other in range(len(places))
        )
        features = {f"cue_{c}": float(c == cue) for c in CUES}
        features |= {
            "early": 1.0 - min(1.0, match_start / EARLY_CHARS),
            "short_line": float(line_end - line_start <= SHORT_LINE),
            "named_as_cited": float(key in cited_names),
            # a title naming a commune names another one, an item's or the agenda's: "Convention
            # avec la commune de X", "Demande de retrait de la commune de X de la Communauté"
            "in_title": float(
                zones.at(match_start) == "heading" or any(a <= match_start < b for a, b in agendas)
            ),
            "beside_other": float(beside),
            "recurs": min(1.0, (count[key] - 1) / 3.0),  # named with a cue 4 times and more: 1
        }
        out.append(PlaceCandidate(name, start, end, features, rule=rule_id, key=key))
    return out


def authority_candidates(text: str, body: str | None = None) -> list[PlaceCandidate]:
    """The candidates scored, best first (the earliest of equal scores first). A name read at
    several places is one candidate: its score sums its places' shares, its evidence is its best
    place written as the name's key (a name cut short or misread merged with it)."""
    found = [
        PlaceCandidate(c.value, c.start, c.end, dict(c.features), rule=c.rule, key=c.key)
        for c in authority_features(text, body)
    ]
    shares(found, weights("authority"))
    ranked = sorted(found, key=lambda c: (-c.score, c.start))
    by_key: dict[str, PlaceCandidate] = {}
    for candidate in ranked:
        if candidate.key in by_key:
            by_key[candidate.key].score += candidate.score
        else:
            by_key[candidate.key] = candidate
    for key, kept in by_key.items():  # the evidence: the best place printing the name as its key
        written = next((c for c in ranked if c.key == key and name_key(c.value) == key), None)
        if written is not None and written is not kept:
            kept.value, kept.start, kept.end, kept.rule = (
                written.value,
                written.start,
                written.end,
                written.rule,
            )
    return sorted(by_key.values(), key=lambda c: (-round(c.score, 6), c.start))


def find_authority(text: str, body: str | None = None) -> Found | None:
    """The collectivity that deliberates: the best candidate, when its score reaches the
    threshold (a gap is better than another commune's name)."""
    ranked = authority_candidates(text, body)
    if not ranked or ranked[0].score < weights("authority")["_threshold"]:
        return None
    best = ranked[0]
    return Found("authority", best.value, best.start, best.end, best.rule)


# -- a board's organisation -------------------------------------------------------------------
_WORD = rf"[{UPPER}][{UPPER}{LOWER}'’]*"
_ORG_PLACE = rf"{_WORD}(?:[ \-](?:de|du|des|la|le|sur|sous|en|et|d['’])?[ \-]?{_WORD}){{0,4}}"
# a determiner at a sentence start is no place: "Le logement social", "Chaque logement"
_DETERMINER = r"(?:Le|La|Les|L['’]|Un|Une|Des|Du|Ce|Cet|Cette|Ces|Chaque|Tout|Toute|Tous|Aucun|Son|Sa|Ses|Leur|Leurs|Notre|Nos|Votre|Vos)"
_HOUSING = r"(?:[Hh]abitat|HABITAT|[Ll]ogements?|LOGEMENTS?)"
# a syndicate named: the authority table's rule (phrasings/authority.toml "syndicate")
SYNDICATE = next(rule.pattern for rule in phrasings.table("authority") if rule.id == "syndicate")
ORGANISATION_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.UNICODE)
    for p in (
        rf"\b(?!{_DETERMINER}[ \-]{_HOUSING}\b)(?P<name>{_ORG_PLACE}[ \-](?:[Hh]abitat|HABITAT|[Ll]ogement|LOGEMENT|[Mm]étropole [Hh]abitat))\b",
        rf"\b(?P<name>(?:Office|OFFICE)\s+(?:[Pp]ublic|PUBLIC)\s+(?:de\s+l['’]|DE\s+L['’])(?:[Hh]abitat|HABITAT)(?:\s+(?:de|du|des|d['’])\s*{_ORG_PLACE})?)",
        SYNDICATE,
        rf"\b(?P<name>(?:Centre|CENTRE)\s+(?:[Cc]ommunal|[Ii]ntercommunal|COMMUNAL)\s+d['’](?:[Aa]ction|ACTION)\s+(?:[Ss]ociale|SOCIALE)(?:\s+(?:de|d['’])\s*{_ORG_PLACE})?)",
    )
)


def find_organisation(text: str) -> Found | None:
    """The organisation named most often in ``text`` (first place of its first mention)."""
    counts: Counter[str] = Counter()
    first: dict[str, Found] = {}
    for pattern in ORGANISATION_RULES:
        for match in pattern.finditer(text):
            name = " ".join(match.group("name").split())
            key = name.lower()
            counts[key] += 1
            first.setdefault(
                key, Found("authority", name, match.start("name"), match.end("name"), "")
            )
    if not counts:
        return None
    best, _ = counts.most_common(1)[0]
    return first[best]
