"""Beneficiaries as entities: spellings merged, identifiers read near the mention, reasons kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from deliberations.queries import refresh_derived
from deliberations.queries.entities import (
    Mention,
    acronym_of,
    find_identifiers,
    name_differences,
    name_key,
    resolve,
)
from deliberations.schemas.document import DocumentText, PageText
from deliberations.schemas.record import ExtractionRecord
from deliberations.store.database import open_database, store_document
from tests.conftest import DATA
from tests.seeded_db import seeded_db


def _mention(i: int, name: str, authority: str = "Lens", **ids: str) -> Mention:
    return Mention(i, i, i, name, 100.0, authority, None, 1, 0, len(name), **ids)


@pytest.mark.parametrize(
    "a, b",
    [
        ("AREFEP", "l'A.R.E.F.E.P."),
        ("AREFEP", "Association AREFEP"),
        ("les Compagnons Bâtisseurs", "compagnons bâtisseurs"),
        ("Comité des Fêtes", "le comite des fetes"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Compagnons Bâtisseurs") != name_key("Compagnons du Devoir")
    assert name_key("Association AREFEP") != name_key("AREFE")


def test_differences_are_said_in_words() -> None:
    assert name_differences("l'A.R.E.F.E.P.", "AREFEP") == ["article", "dots"]
    assert name_differences("les Compagnons Bâtisseurs", "compagnons bâtisseurs") == [
        "article",
        "case",
    ]
    assert name_differences("Association Arefep", "AREFEP") == ["the word 'association'", "case"]


def test_acronym_and_near_misses() -> None:
    long = "Association Régionale pour l'Emploi et la Formation En Pévèle"
    assert acronym_of("AREFEP", long)
    assert acronym_of("A.R.E.F.E.P.", long)
    assert not acronym_of("AREFE", long)
    assert not acronym_of("Arefep", long)  # not written as an acronym
    assert not acronym_of("AS", "Association")  # one word has no initials to speak of


def test_identifiers_rna_siret_siren() -> None:
    text = (
        "l'association (RNA W595000017, SIRET 442 183 752 00017) ; Tél. 03 20 12 34 56 ; "
        "SIRET 442 183 752 00018 ; SIREN : 442183752"
    )
    found = [(kind, value) for kind, value, _, _ in find_identifiers(text)]
    assert ("rna", "W595000017") in found
    assert ("siret", "44218375200017") in found
    assert ("siren", "442183752") in found
    assert not any(value.startswith("0320") for _, value in found)  # a phone number is no SIRET
    assert ("siret", "44218375200018") not in found  # fails the Luhn key


def test_resolution_merges_spellings_and_explains_why() -> None:
    entities = resolve(
        [
            _mention(1, "AREFEP", "Lomme"),
            _mention(2, "A.R.E.F.E.P", "Saint-Aubin"),
            _mention(3, "Association Régionale pour l'Emploi et la Formation En Pévèle", "Lomme"),
            _mention(4, "compagnons bâtisseurs"),
            _mention(5, "les Compagnons Bâtisseurs", "Lille"),
        ]
    )
    assert [len(e.mentions) for e in entities] == [3, 2]
    arefep = entities[0]
    assert arefep.canonical_name == "AREFEP"
    reasons = {m: r for m, (_, r) in arefep.reasons.items()}
    assert reasons[2] == "same name as «AREFEP» after dropping dots"
    assert reasons[3].startswith("expansion of the acronym «AREFEP»")


def test_different_rna_numbers_are_never_merged() -> None:
    entities = resolve(
        [
            _mention(1, "Amicale Laïque Nord", rna="W595000017"),
            _mention(2, "Amicale laique nord", rna="W595000025"),
        ]
    )
    assert len(entities) == 2


def test_same_rna_merges_different_names() -> None:
    entities = resolve(
        [
            _mention(1, "Les Amis du Livre", rna="W595000017"),
            _mention(2, "Amis de la lecture", rna="W595000017"),
        ]
    )
    assert len(entities) == 1
    assert any("same RNA W595000017" in reason for _, reason in entities[0].reasons.values())


def test_common_names_merge_within_one_authority_only() -> None:
    entities = resolve(
        [_mention(1, "CCAS", "Lens"), _mention(2, "C.C.A.S.", "Lens"), _mention(3, "CCAS", "Lomme")]
    )
    assert sorted(len(e.mentions) for e in entities) == [1, 2]
    merged = next(e for e in entities if len(e.mentions) == 2)
    assert "merged within Lens only" in merged.reasons[2][1]


def _dump(db: Path) -> list:
    with sqlite3.connect(db) as conn:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("beneficiary_entities", "beneficiary_links")
        ]


def test_seeded_corpus_entities(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = seeded_db(tmp_path_factory)
    with sqlite3.connect(db) as conn:
        entities = conn.execute(
            "SELECT canonical_name, rna, siren, siret, mentions FROM beneficiary_entities ORDER BY id"
        ).fetchall()
        links = dict(conn.execute("SELECT name, reason FROM beneficiary_links"))
    assert entities == [
        (
            "AREFEP",
            "W595000017",
            "442183752",
            "44218375200017",
            3,
        ),  # RNA, SIRET printed beside the name
        ("Compagnons bâtisseurs", "W623000458", None, None, 2),
    ]
    assert links["A.R.E.F.E.P"] == "same name as «AREFEP» after dropping dots"
    assert links["association compagnons bâtisseurs"] == (
        "same name as «Compagnons bâtisseurs» after dropping the word 'association', case"
    )


def test_resolution_is_idempotent(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeded_db(tmp_path_factory).read_bytes())
    before = _dump(db)
    assert refresh_derived(db, force=True)
    assert refresh_derived(db, force=True)
    assert _dump(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_derived_tables_are_rebuilt_only_after_a_document_is_written(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(seeded_db(tmp_path_factory).read_bytes())
    assert not refresh_derived(db)  # the ingest that made it rebuilt them: nothing to do
    with sqlite3.connect(db) as conn:  # an entity left behind by hand shows whether a rebuild ran
        conn.execute("INSERT INTO beneficiary_entities (id, canonical_name) VALUES (999, 'stale')")
    assert not refresh_derived(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM beneficiary_entities WHERE id = 999"
        ).fetchone() == (1,)
    record = json.loads(
        (DATA / "dev" / "gold" / "004_05d0b8aa3f9328d5.json").read_text(encoding="utf-8")
    )
    database = open_database(db)
    store_document(
        database,
        "another/copy.pdf",
        ExtractionRecord.model_validate(record),
        DocumentText(pages=[PageText(number=1, text="x", method="plain-text", reason="test")]),
    )
    database.conn.close()
    assert refresh_derived(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM beneficiary_entities WHERE id = 999"
        ).fetchone() == (0,)
    assert not refresh_derived(db)
