"""Zip archives: entries listed in order, unsafe ones refused with their own error, bombs caught."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from deliberations.corpus.archive import (
    ArchiveLimits,
    ZipMember,
    extract_all,
    extract_member,
    hash_member,
    list_members,
)
from deliberations.corpus.discovery import discover_sources, source_key
from deliberations.errors import ArchiveBombError, ArchiveError, UnsafeArchiveError

PDF = b"%PDF-1.4\n% a tiny stand-in\n"
WANTED = {".pdf", ".txt"}


def _zip(path: Path, entries: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def _listed(
    archive: Path, limits: ArchiveLimits | None = None
) -> tuple[list[str], dict[str, type]]:
    members, errors = [], {}
    for item in list_members(archive, WANTED, limits or ArchiveLimits()):
        if isinstance(item, ZipMember):
            members.append(item.name)
        else:
            errors[item.key] = type(item)
    return members, errors


def test_entries_are_listed_sorted_with_their_key(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "town.zip",
        {
            "2023/b.pdf": PDF,
            "2021/a.pdf": PDF,
            "notes.doc": b"x",
            "2022/c.txt": b"text",
            "2022/": b"",
        },
    )
    members, errors = _listed(archive)
    assert members == ["2021/a.pdf", "2022/c.txt", "2023/b.pdf"]
    assert errors == {}
    member = ZipMember(archive, "2021/a.pdf")
    assert member.key == f"{archive}!2021/a.pdf"
    assert (member.filename, member.suffix) == ("a.pdf", ".pdf")


@pytest.mark.parametrize(
    "name",
    [
        "../evil.pdf",
        "a/../../evil.pdf",
        "/etc/evil.pdf",
        "..\\..\\evil.pdf",
        "C:/evil.pdf",
        "../../etc/passwd",
    ],
)
def test_unsafe_names_are_refused_whatever_their_suffix(tmp_path: Path, name: str) -> None:
    archive = _zip(tmp_path / "evil.zip", {"good.pdf": PDF, name: PDF})
    members, errors = _listed(archive)
    assert members == ["good.pdf"]
    assert list(errors.values()) == [UnsafeArchiveError]
    assert next(iter(errors)).endswith(f"!{name}")


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "link.zip", {"good.pdf": PDF}, link="passwd.pdf")
    members, errors = _listed(archive)
    assert members == ["good.pdf"]
    assert errors == {f"{archive}!passwd.pdf": UnsafeArchiveError}


def test_a_zip_bomb_entry_is_refused_by_ratio_and_by_size(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"bomb.pdf": b"\0" * (8 << 20), "good.pdf": PDF})
    members, errors = _listed(archive)
    assert members == ["good.pdf"]
    assert errors == {f"{archive}!bomb.pdf": ArchiveBombError}
    small = ArchiveLimits(max_member_bytes=1000, max_ratio=1e9)
    members, errors = _listed(archive, small)
    assert members == ["good.pdf"] and list(errors.values()) == [ArchiveBombError]


def test_a_forged_size_cannot_make_the_reader_write_past_the_limit(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "a.zip", {"big.pdf": PDF + b"x" * 5000})
    limits = ArchiveLimits(max_member_bytes=10_000)
    member = ZipMember(archive, "big.pdf")
    assert len(extract_member(member, tmp_path, limits).read_bytes()) == len(PDF) + 5000
    with pytest.raises(ArchiveBombError):
        extract_member(member, tmp_path, ArchiveLimits(max_member_bytes=100))


def test_an_unreadable_archive_is_one_error(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 not really a zip")
    members, errors = _listed(archive)
    assert members == [] and errors == {str(archive): ArchiveError}


def test_entries_are_hashed_and_extracted_under_their_bare_name(tmp_path: Path) -> None:
    import hashlib

    archive = _zip(tmp_path / "a.zip", {"deep/er/doc.pdf": PDF})
    member = ZipMember(archive, "deep/er/doc.pdf")
    assert hash_member(member, ArchiveLimits()) == hashlib.sha256(PDF).hexdigest()
    out = tmp_path / "out"
    out.mkdir()
    assert extract_member(member, out, ArchiveLimits()) == out / "doc.pdf"


def test_extract_all_unpacks_a_safe_archive_and_refuses_an_unsafe_one(tmp_path: Path) -> None:
    safe = _zip(tmp_path / "safe.zip", {"a/b.pdf": PDF, "c.txt": b"t"})
    written = extract_all(safe, tmp_path / "safe")
    assert sorted(p.relative_to(tmp_path / "safe").as_posix() for p in written) == [
        "a/b.pdf",
        "c.txt",
    ]
    evil = _zip(tmp_path / "evil.zip", {"a.pdf": PDF, "../../escape.pdf": PDF})
    with pytest.raises(UnsafeArchiveError):
        extract_all(evil, tmp_path / "evil")
    assert not (tmp_path / "escape.pdf").exists() and not (tmp_path / "evil").exists()
    with pytest.raises(ArchiveBombError):
        extract_all(safe, tmp_path / "small", ArchiveLimits(max_total_bytes=10))


def test_discovery_opens_archives_among_files(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").write_bytes(PDF)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    (tmp_path / ".hidden.pdf").write_bytes(PDF)
    (tmp_path / "skip.doc").write_bytes(b"x")
    _zip(tmp_path / "a.zip", {"z.pdf": PDF, "../evil.pdf": PDF})
    found = [
        source_key(s) if not isinstance(s, ArchiveError) else f"error {s.key}"
        for s in discover_sources([tmp_path])
    ]
    assert found == [
        f"error {tmp_path}/a.zip!../evil.pdf",
        f"{tmp_path}/a.zip!z.pdf",
        f"{tmp_path}/b.pdf",
        f"{tmp_path}/sub/c.txt",
    ]
