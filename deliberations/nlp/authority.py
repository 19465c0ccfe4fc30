"""The organisation that deliberates when it is not a commune: a board's own name.

Boards (conseil d'administration, comité syndical) deliberate for an organisation whose name
follows the patterns of French public bodies: a social landlord "<Place> Habitat", an "Office
public de l'habitat", a "Syndicat intercommunal …", a "Centre communal d'action sociale". The
organisation named most often in the deliberation is taken.
"""

from __future__ import annotations

import re
from collections import Counter

from deliberations.nlp.header import TextMatch
from deliberations.nlp.people import LOWER, UPPER

_WORD = rf"[{UPPER}][{UPPER}{LOWER}'’]*"
_PLACE = rf"{_WORD}(?:[ \-](?:de|du|des|la|le|sur|sous|en|et|d['’])?[ \-]?{_WORD}){{0,4}}"
# a determiner at a sentence start is no place: "Le logement social", "Chaque logement"
_DETERMINER = r"(?:Le|La|Les|L['’]|Un|Une|Des|Du|Ce|Cet|Cette|Ces|Chaque|Tout|Toute|Tous|Aucun|Son|Sa|Ses|Leur|Leurs|Notre|Nos|Votre|Vos)"
_HOUSING = r"(?:[Hh]abitat|HABITAT|[Ll]ogements?|LOGEMENTS?)"
ORGANISATION_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.UNICODE)
    for p in (
        rf"\b(?!{_DETERMINER}[ \-]{_HOUSING}\b)(?P<name>{_PLACE}[ \-](?:[Hh]abitat|HABITAT|[Ll]ogement|LOGEMENT|[Mm]étropole [Hh]abitat))\b",
        rf"\b(?P<name>(?:Office|OFFICE)\s+(?:[Pp]ublic|PUBLIC)\s+(?:de\s+l['’]|DE\s+L['’])(?:[Hh]abitat|HABITAT)(?:\s+(?:de|du|des|d['’])\s*{_PLACE})?)",
        r"\b(?P<name>(?:Syndicat|SYNDICAT)\s+(?:[Ii]ntercommunal|[Mm]ixte|INTERCOMMUNAL|MIXTE)[^\n,.;()]{0,60})",
        rf"\b(?P<name>(?:Centre|CENTRE)\s+(?:[Cc]ommunal|[Ii]ntercommunal|COMMUNAL)\s+d['’](?:[Aa]ction|ACTION)\s+(?:[Ss]ociale|SOCIALE)(?:\s+(?:de|d['’])\s*{_PLACE})?)",
    )
)


def find_organisation(text: str) -> TextMatch | None:
    """The organisation named most often in ``text`` (first place of its first mention)."""
    counts: Counter[str] = Counter()
    first: dict[str, TextMatch] = {}
    for pattern in ORGANISATION_RULES:
        for match in pattern.finditer(text):
            name = " ".join(match.group("name").split())
            key = name.lower()
            counts[key] += 1
            first.setdefault(key, TextMatch(name, match.start("name"), match.end("name")))
    if not counts:
        return None
    best, _ = counts.most_common(1)[0]
    return first[best]
