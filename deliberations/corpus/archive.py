"""Zip archives, read safely: no path traversal, no absolute path or link, no zip bomb.

An archive is never unpacked as a whole by the batch: discovery lists its entries (the central
directory only) and each document is read by the worker that processes it, streamed into a fresh
temporary folder under its bare file name. An entry is refused, with an error row of its own,
when its name is absolute, contains a ``..`` component or is a symbolic link
(:class:`UnsafeArchiveError`), when it is itself a zip archive (:class:`NestedArchiveError`: not
read, so that no document inside vanishes unsaid), when it would decompress to more than ``max_member_bytes`` or is
compressed more than ``max_ratio`` to one (:class:`ArchiveBombError`), or when it is encrypted.
Sizes are checked twice: as the central directory declares them, and while decompressing (a
forged header cannot make the reader write more than the limit).

:func:`extract_all` unpacks a whole archive with the same checks, plus a total size limit, for
whoever needs the files on disk.
"""

from __future__ import annotations

import hashlib
import stat
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from deliberations.errors import (
    ArchiveBombError,
    ArchiveError,
    NestedArchiveError,
    UnsafeArchiveError,
)

ARCHIVE_SUFFIXES = {".zip"}
MEMBER_SEPARATOR = "!"
CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """What a zip entry may decompress to."""

    max_member_bytes: int = 1 << 30  # 1 GiB: more than any real deliberation PDF
    max_ratio: float = 100.0  # PDFs are compressed already: real ones zip at 1-10 to one
    ratio_floor: int = 1 << 20  # entries under 1 MiB are not held to the ratio
    max_total_bytes: int = 64 << 30  # extract_all only: the whole archive unpacked


@dataclass(frozen=True, order=True)
class ZipMember:
    """One document inside a zip archive, known as ``archive.zip!folder/file.pdf``."""

    archive: Path
    name: str

    @property
    def key(self) -> str:
        return f"{self.archive}{MEMBER_SEPARATOR}{self.name}"

    @property
    def filename(self) -> str:
        return PurePosixPath(self.name.replace("\\", "/")).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.filename).suffix.lower()


def _refuse(cls: type[ArchiveError], where: str, text: str) -> ArchiveError:
    """An error about ``where`` (an archive, or ``archive!entry``), which it keeps as ``key``."""
    error = cls(f"{where}: {text}")
    error.key = where  # type: ignore[attr-defined]
    return error


def is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def check_name(archive: Path, info: zipfile.ZipInfo) -> None:
    """Refuse an entry whose name would land outside the folder it is extracted to."""
    name = info.filename
    posix = name.replace("\\", "/")
    where = f"{archive}{MEMBER_SEPARATOR}{name}"
    if not posix or "\x00" in posix:
        raise _refuse(UnsafeArchiveError, where, "zip entry with an empty or invalid name; refused")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        raise _refuse(
            UnsafeArchiveError,
            where,
            "zip entry with an absolute path; refused (unpack it by hand if you trust it)",
        )
    if ".." in PurePosixPath(posix).parts:
        raise _refuse(
            UnsafeArchiveError, where, "zip entry with '..' in its path (path traversal); refused"
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _refuse(UnsafeArchiveError, where, "zip entry is a symbolic link; refused")


def check_size(archive: Path, info: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    """Refuse an entry that is too big, too compressed (a zip bomb) or encrypted."""
    where = f"{archive}{MEMBER_SEPARATOR}{info.filename}"
    if info.flag_bits & 0x1:
        raise _refuse(ArchiveError, where, "encrypted zip entry; unpack it with its password first")
    if info.file_size > limits.max_member_bytes:
        raise _refuse(
            ArchiveBombError,
            where,
            f"zip entry of {info.file_size:,} bytes unpacked, over the limit of "
            f"{limits.max_member_bytes:,}; refused",
        )
    if info.file_size >= limits.ratio_floor:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise _refuse(
                ArchiveBombError,
                where,
                f"zip entry compressed {ratio:,.0f} to one (zip bomb?), over the limit "
                f"of {limits.max_ratio:,.0f}; refused",
            )


def list_members(
    archive: Path, suffixes: set[str], limits: ArchiveLimits
) -> Iterator[ZipMember | ArchiveError]:
    """The documents of an archive (sorted by name), or the error of each entry refused.

    Every entry's name is checked, whatever its suffix (a ``../`` entry is an attack even when it
    is no PDF); sizes only for the documents that would be read.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = sorted(zf.infolist(), key=lambda i: i.filename)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield _refuse(ArchiveError, str(archive), f"unreadable zip archive ({exc}); re-download it")
        return
    for info in infos:
        if info.is_dir():
            continue
        try:
            check_name(archive, info)
        except UnsafeArchiveError as exc:
            yield exc
            continue
        member = ZipMember(archive, info.filename)
        if member.filename.startswith("."):
            continue
        if member.suffix in ARCHIVE_SUFFIXES:
            yield _refuse(
                NestedArchiveError,
                member.key,
                "zip archive inside a zip archive: not read; unpack "
                f"{archive.name} and ingest the folder it gives",
            )
            continue
        if member.suffix not in suffixes:
            continue
        try:
            check_size(archive, info, limits)
        except ArchiveError as exc:
            yield exc
            continue
        yield member


# -------------------------------------------------------------------------- reading

_local = threading.local()


def _open(archive: Path) -> zipfile.ZipFile:
    """The archive, kept open per thread: a big archive's directory is read once, not per entry."""
    cached: tuple[Path, int, zipfile.ZipFile] | None = getattr(_local, "zip", None)
    mtime = archive.stat().st_mtime_ns
    if cached is not None and cached[0] == archive and cached[1] == mtime:
        return cached[2]
    if cached is not None:
        cached[2].close()
    zf = zipfile.ZipFile(archive)
    _local.zip = (archive, mtime, zf)
    return zf


def _chunks(member: ZipMember, limits: ArchiveLimits) -> Iterator[bytes]:
    """The entry's bytes, checked again and never more than the limit."""
    try:
        zf = _open(member.archive)
        info = zf.getinfo(member.name)
        check_name(member.archive, info)
        check_size(member.archive, info, limits)
        read = 0
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                read += len(chunk)
                if read > limits.max_member_bytes:
                    raise ArchiveBombError(
                        f"{member.key}: zip entry unpacks past the limit of "
                        f"{limits.max_member_bytes:,} bytes; refused"
                    )
                yield chunk
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError) as exc:
        raise ArchiveError(
            f"{member.key}: unreadable zip entry ({exc}); re-download the archive"
        ) from exc


def hash_member(member: ZipMember, limits: ArchiveLimits) -> str:
    digest = hashlib.sha256()
    for chunk in _chunks(member, limits):
        digest.update(chunk)
    return digest.hexdigest()


def extract_member(member: ZipMember, folder: Path, limits: ArchiveLimits) -> Path:
    """Write the entry to ``folder/<its bare file name>`` (the folder is the caller's, fresh)."""
    target = folder / (member.filename or "document")
    with target.open("wb") as out:
        for chunk in _chunks(member, limits):
            out.write(chunk)
    return target


def extract_all(archive: Path, dest: Path, limits: ArchiveLimits | None = None) -> list[Path]:
    """Unpack a whole archive into ``dest`` with every check; refuses it whole if one fails."""
    limits = limits or ArchiveLimits()
    dest = dest.resolve()
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            for info in infos:
                check_name(archive, info)
                check_size(archive, info, limits)
            total = sum(i.file_size for i in infos)
            if total > limits.max_total_bytes:
                raise ArchiveBombError(
                    f"{archive}: unpacks to {total:,} bytes, over the limit of "
                    f"{limits.max_total_bytes:,}; refused"
                )
            written: list[Path] = []
            for info in infos:
                target = (dest / info.filename.replace("\\", "/")).resolve()
                if not target.is_relative_to(dest):
                    raise UnsafeArchiveError(
                        f"{archive}{MEMBER_SEPARATOR}{info.filename}: "
                        "zip entry resolves outside the destination; refused"
                    )
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, target.open("wb") as out:
                    copied = 0
                    while chunk := src.read(CHUNK):
                        copied += len(chunk)
                        if copied > limits.max_member_bytes:
                            raise ArchiveBombError(
                                f"{archive}{MEMBER_SEPARATOR}{info.filename}: "
                                "zip entry unpacks past its limit; refused"
                            )
                        out.write(chunk)
                written.append(target)
            return written
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ArchiveError(f"{archive}: unreadable zip archive ({exc}); re-download it") from exc
