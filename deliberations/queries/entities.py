"""Beneficiaries as entities: one association however each deliberation writes its name.

"AREFEP", "l'A.R.E.F.E.P." and "Association AREFEP" are one beneficiary; so are "les
Compagnons Bâtisseurs" and "compagnons bâtisseurs". Mentions (rows of ``beneficiaries``) are
merged when:

* they carry the same RNA number (W + 9 digits) or SIREN, read in the page text near the
  mention (a SIRET gives its SIREN);
* their names are the same once the leading article, the word "association", dots, case,
  accents and punctuation are set aside;
* one is the acronym of the other ("AREFEP" and "Association Régionale pour l'Emploi et la
  Formation En Pévèle" share the initials A-R-E-F-E-P).

Two mentions with different RNA numbers (or SIRENs) are never merged, whatever their names.
A name that every town has ("CCAS", "comité des fêtes", "coopérative scolaire") is merged only
within one authority. Every link stores why it was made (``beneficiary_links.reason``), so a
merge can be explained and contested.

The tables are rebuilt whole, in a deterministic order: running it twice gives the same rows.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from deliberations.queries.common import fold

#: identifiers this far (in characters) from a mention's evidence span belong to it
NEAR = 300

RNA_RE = re.compile(r"(?<![\w])W[ \u00a0]?(\d{3})[ \u00a0]?(\d{3})[ \u00a0]?(\d{3})(?![\d])")
SIRENE_RE = re.compile(
    r"\bSIRE(?P<kind>[TN])\b[^\d\n]{0,25}?(?P<digits>\d(?:[ \u00a0.]?\d){8}(?:(?:[ \u00a0.]?\d){5})?)(?![\d])",
    re.IGNORECASE,
)
_ARTICLES = r"(?:l|la|le|les)"
_LEADING_RE = re.compile(
    rf"^(?:{_ARTICLES}\s+)?(?:(?:association|asso|assoc)\s+)?(?:{_ARTICLES}\s+)?"
)
_ARTICLE_RE = re.compile(rf"^{_ARTICLES}\s+")
_ASSOCIATION_RE = re.compile(rf"^(?:{_ARTICLES}\s+)?(?:association|asso|assoc)\b")
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "pour",
        "par",
        "sur",
    ]
)
#: names every town has: merged only within one authority
GENERIC_RE = re.compile(
    r"^(?:c ?c ?a ?s|c ?i ?a ?s|caisse des ecoles|comite des fetes|cooperative scolaire"
    r"|amicale (?:laique|du personnel|des sapeurs pompiers)|(?:association des )?parents d eleves"
    r"|ape|apel|fcpe|office (?:de|du) tourisme|foyer rural|comite de jumelage|sou des ecoles"
    r"|club (?:du 3e age|des aines)|union sportive|centre social|m ?j ?c|maison des jeunes.*)$"
)


@dataclass
class Mention:
    id: int
    deliberation_id: int
    document_id: int
    name: str
    amount: float | None
    authority: str | None
    act_id: str | None
    page: int | None
    start: int | None
    end: int | None
    rna: str | None = None
    siren: str | None = None
    siret: str | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def scope(self) -> str:
        """Generic names are compared within their authority only."""
        return fold(self.authority) if GENERIC_RE.match(self.key) else ""


@dataclass
class Entity:
    canonical_name: str
    mentions: list[Mention]
    rna: str | None = None
    siren: str | None = None
    siret: str | None = None
    reasons: dict[int, tuple[int | None, str]] = field(default_factory=dict)


# --------------------------------------------------------------------------- names


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The name compared: no article, no leading "association", dots, case, accents."""
    return _LEADING_RE.sub("", fold(name.replace(".", ""))).strip()


def core_name(name: str) -> str:
    """The name as printed, less its dots, leading article and "association"."""
    text = name.replace(".", "").strip()
    text = re.sub(r"^(?:l['’]\s*|la\s+|le\s+|les\s+)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:association|asso|assoc)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:l['’]\s*|la\s+|le\s+|les\s+)", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def name_differences(a: str, b: str) -> list[str]:
    """What sets two spellings of one name apart, in words ("article", "dots", "case", …)."""
    parts = []
    fa, fb = fold(a.replace(".", "")), fold(b.replace(".", ""))
    if bool(_ARTICLE_RE.match(fa)) != bool(_ARTICLE_RE.match(fb)) or (
        _ARTICLE_RE.match(fa) and _ARTICLE_RE.match(fb) and fa.split()[0] != fb.split()[0]
    ):
        parts.append("article")
    if bool(_ASSOCIATION_RE.match(fa)) != bool(_ASSOCIATION_RE.match(fb)):
        parts.append("the word 'association'")
    if ("." in a) != ("." in b):
        parts.append("dots")
    ca, cb = core_name(a), core_name(b)
    if ca != cb:
        if ca.lower() != cb.lower():
            if (
                strip_accents(ca) != strip_accents(cb)
                and strip_accents(ca).lower() == strip_accents(cb).lower()
            ):
                parts += ["case", "accents"]
            elif strip_accents(ca) == strip_accents(cb):
                parts.append("accents")
            else:
                parts.append("punctuation and spacing")
        else:
            parts.append("case")
    return parts


def may_be_acronym(name: str) -> bool:
    """Whether ``name`` is one token in capitals (2 to 12 letters), as an acronym is."""
    return re.fullmatch(r"[A-Z]{2,12}", strip_accents(core_name(name))) is not None


def acronym_of(short: str, long: str) -> bool:
    """True when ``short`` (one token in capitals) is the initials of ``long``.

    Every significant word gives its initial; small words ("pour", "et", "la") and a leading
    "association" may give theirs or not: AREFEP is "Association Régionale pour l'Emploi et la
    Formation En Pévèle".
    """
    if not may_be_acronym(short):
        return False
    core = core_name(short)
    words = _ARTICLE_RE.sub("", fold(long.replace(".", ""))).split()
    if len(words) < 2 or len(words) > 20:
        return False
    optional = [
        w in STOPWORDS or (i == 0 and w in {"association", "asso"}) for i, w in enumerate(words)
    ]
    acronym = strip_accents(core).lower()

    @cache
    def match(i: int, j: int) -> bool:  # words[i:] give acronym[j:]
        if i == len(words):
            return j == len(acronym)
        if j < len(acronym) and words[i][0] == acronym[j] and match(i + 1, j + 1):
            return True
        return optional[i] and match(i + 1, j)

    return match(0, 0)


# --------------------------------------------------------------------------- identifiers


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def find_identifiers(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of every RNA number, SIRET and SIREN printed in ``text``."""
    found = [("rna", "W" + "".join(m.groups()), m.start(), m.end()) for m in RNA_RE.finditer(text)]
    for m in SIRENE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group("digits"))
        if len(digits) == 14 and luhn_ok(digits):
            found.append(("siret", digits, m.start("digits"), m.end("digits")))
        elif len(digits) >= 9 and luhn_ok(digits[:9]):
            found.append(("siren", digits[:9], m.start("digits"), m.start("digits") + 9))
    return found


def _occurrences(text: str, m: Mention) -> list[tuple[int, int]]:
    """The mention's evidence span, and every other place its name is printed on the page."""
    assert m.start is not None and m.end is not None
    spans = [(m.start, m.end)]
    core = core_name(m.name)
    if len(core) >= 3:
        pattern = (
            r"\.?".join(re.escape(c) for c in core.replace(" ", ""))
            if " " not in core
            else re.escape(core)
        )
        spans += [
            (x.start(), x.end())
            for x in re.finditer(rf"(?<!\w){pattern}\.?(?!\w)", text, re.IGNORECASE)
        ]
    return spans


def _authority_siren(act_id: str | None) -> str | None:
    m = re.match(r"^\d{3}-(\d{9})-", act_id or "")
    return m.group(1) if m else None


def attach_identifiers(conn: sqlite3.Connection, mentions: list[Mention]) -> None:
    """Give each mention the identifiers printed nearest its evidence span (within NEAR)."""
    by_page: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.page is not None and m.start is not None:
            by_page[(m.document_id, m.page)].append(m)
    for (document_id, page_no), on_page in sorted(by_page.items()):
        row = conn.execute(
            "SELECT text FROM pages WHERE document_id = ? AND page_no = ?", (document_id, page_no)
        ).fetchone()
        if row is None or not row[0]:
            continue
        text = row[0]
        spans = {m.id: _occurrences(text, m) for m in on_page}
        for kind, value, start, end in find_identifiers(text):

            def distance(m: Mention, s: int = start, e: int = end, spans: dict = spans) -> int:
                return min(max(0, s - b, a - e) for a, b in spans[m.id])

            nearest = min(on_page, key=lambda m: (distance(m), m.id))
            if distance(nearest) > NEAR or value[:9] == _authority_siren(nearest.act_id):
                continue
            if kind == "siret":
                nearest.siret = nearest.siret or value
                nearest.siren = nearest.siren or value[:9]
            elif getattr(nearest, kind) is None:
                setattr(nearest, kind, value)


# --------------------------------------------------------------------------- resolution


class _Components:
    def __init__(self, mentions: list[Mention]) -> None:
        self.parent = {m.id: m.id for m in mentions}
        self.ids: dict[int, dict[str, set[str]]] = {
            m.id: {k: {v} if v else set() for k, v in (("rna", m.rna), ("siren", m.siren))}
            for m in mentions
        }

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Merge unless the two sides carry different RNA numbers or SIRENs."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        for kind in ("rna", "siren"):
            if (
                self.ids[ra][kind]
                and self.ids[rb][kind]
                and self.ids[ra][kind] != self.ids[rb][kind]
            ):
                return False
        keep, gone = sorted((ra, rb))
        self.parent[gone] = keep
        for kind in ("rna", "siren"):
            self.ids[keep][kind] |= self.ids[gone][kind]
        return True


def _canonical(mentions: list[Mention]) -> Mention:
    """The most frequent spelling; ties: no dots, not all in small letters, the longer, then
    alphabetical order (never the storage order, which a parallel ingest may change)."""
    counts = Counter(core_name(m.name) for m in mentions)

    def rank(m: Mention) -> tuple:
        core = core_name(m.name)
        return (-counts[core], "." in m.name, core == core.lower(), -len(core), core, m.name, m.id)

    return min(mentions, key=rank)


def resolve(mentions: list[Mention]) -> list[Entity]:
    """Group mentions into entities; each mention gets (matched_with, reason)."""
    # in the order given (by document content, never by storage id, which a parallel or resumed
    # ingest changes): the same documents give the same entities and the same reasons
    comps = _Components(mentions)
    edges: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def link(a: Mention, b: Mention, kind: str) -> None:
        if comps.union(a.id, b.id):
            edges[a.id].append((b.id, kind))
            edges[b.id].append((a.id, kind))

    groups: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.rna:
            groups[("rna", m.rna)].append(m)
        if m.siren:
            groups[("siren", m.siren)].append(m)
    for m in mentions:
        if m.key:
            groups[("name", m.scope, m.key)].append(m)
    for key in sorted(groups):
        first, *others = groups[key]
        for other in others:
            link(first, other, key[0])
    longs = [m for m in mentions if len(m.key.split()) >= 2]
    for short in mentions:
        if not may_be_acronym(short.name):
            continue  # acronym_of is false for every long name (and asks it first)
        for long in longs:
            if (not short.scope or short.scope == fold(long.authority)) and acronym_of(
                short.name, long.name
            ):
                link(short, long, "acronym")
                break

    by_root: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_root[comps.find(m.id)].append(m)
    entities = [_entity(members, edges) for members in by_root.values()]
    entities.sort(
        key=lambda e: (
            fold(e.canonical_name),
            e.rna or "",
            e.siren or "",
            sorted(fold(m.authority) for m in e.mentions),
            e.canonical_name,
            e.mentions[0].id,
        )
    )
    return entities


def _reason(node: Mention, via: Mention, kind: str) -> str:
    if kind == "rna":
        return f"same RNA {node.rna} as «{via.name}»"
    if kind == "siren":
        return f"same SIREN {node.siren} as «{via.name}»"
    if kind == "acronym":
        if acronym_of(node.name, via.name):
            return f"acronym of «{via.name}» (initials {'-'.join(strip_accents(core_name(node.name)))})"
        return f"expansion of the acronym «{via.name}»"
    differences = name_differences(node.name, via.name)
    if differences:
        reason = f"same name as «{via.name}» after dropping {', '.join(differences)}"
    else:
        reason = f"same spelling as «{via.name}»"
    if node.scope:
        reason += f" (a common name: merged within {node.authority} only)"
    return reason


def _entity(members: list[Mention], edges: dict[int, list[tuple[int, str]]]) -> Entity:
    by_id = {m.id: m for m in members}
    root = _canonical(members)
    entity = Entity(core_name(root.name) or root.name, sorted(members, key=lambda m: m.id))
    entity.reasons[root.id] = (
        None,
        "canonical name: the most frequent spelling" if len(members) > 1 else "only mention",
    )
    queue = [root.id]
    while queue:
        current = queue.pop(0)
        for neighbour, kind in sorted(edges.get(current, [])):
            if neighbour in entity.reasons:
                continue
            entity.reasons[neighbour] = (current, _reason(by_id[neighbour], by_id[current], kind))
            queue.append(neighbour)
    for kind in ("rna", "siren", "siret"):
        values = Counter(getattr(m, kind) for m in members if getattr(m, kind))
        if values:
            setattr(entity, kind, min(values, key=lambda v: (-values[v], v)))
    return entity


# --------------------------------------------------------------------------- storage

MENTIONS_SQL = """
SELECT b.id, b.deliberation_id, d.document_id, b.name, b.amount, d.authority, d.act_id,
       b.page, b.start_char, b.end_char
FROM beneficiaries b JOIN deliberations d ON d.id = b.deliberation_id
JOIN documents doc ON doc.id = d.document_id
ORDER BY doc.sha256, d.seq, b.seq
"""


def load_mentions(conn: sqlite3.Connection) -> list[Mention]:
    mentions = [Mention(*row) for row in conn.execute(MENTIONS_SQL).fetchall()]
    attach_identifiers(conn, mentions)
    return mentions


def store_entities(conn: sqlite3.Connection, entities: list[Entity]) -> None:
    """Replace the two tables' rows (the caller holds the transaction)."""
    conn.execute("DELETE FROM beneficiary_links")
    conn.execute("DELETE FROM beneficiary_entities")
    for entity_id, e in enumerate(entities, start=1):
        amounts = [m.amount for m in e.mentions if m.amount is not None]
        authorities = sorted({m.authority for m in e.mentions if m.authority})
        conn.execute(
            "INSERT INTO beneficiary_entities (id, canonical_name, rna, siren, siret, mentions, "
            "total_amount, authorities) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entity_id,
                e.canonical_name,
                e.rna,
                e.siren,
                e.siret,
                len(e.mentions),
                sum(amounts) if amounts else None,
                ", ".join(authorities),
            ),
        )
        for m in e.mentions:
            matched_with, reason = e.reasons[m.id]
            conn.execute(
                "INSERT INTO beneficiary_links (beneficiary_id, entity_id, deliberation_id, name, "
                "matched_with, reason, rna, siren, siret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    m.id,
                    entity_id,
                    m.deliberation_id,
                    m.name,
                    matched_with,
                    reason,
                    m.rna,
                    m.siren,
                    m.siret,
                ),
            )
