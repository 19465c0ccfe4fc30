"""Every exit code the README lists, each produced by the situation the README names.

The codes are read from the README itself (its exit-code table, and the sentence on the codes
of `delib extract`), so a code documented without a test here, or tested without being
documented, fails. The commands run in this process (CliRunner, serial executor) on small
documents made on the spot.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from deliberations.cli import main
from deliberations.errors import ExitCode
from tests.bad_pdfs import (
    _stream,
    encrypted,
    image_bomb,
    image_page_pdf,
    many_pages,
    zip_with,
)
from tests.conftest import ROOT

TEXT = """VILLE D'ARRAS
CONSEIL MUNICIPAL
Séance du 3 mars 2021

Objet : Subvention au comité des fêtes

Le conseil municipal attribue une subvention de 1 500 € au comité des fêtes.

Adopté à l'unanimité.
"""


def readme_codes() -> tuple[set[int], set[int]]:
    """(the codes of the README's exit-code table, the codes it gives `delib extract`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| exit code | meaning |") :]
    table = table[: table.index("\n\n")]
    general = {int(n) for n in re.findall(r"^\| (\d+) \|", table, flags=re.MULTILINE)}
    paragraph = readme[readme.index("`delib extract` exits") :]
    paragraph = paragraph[: paragraph.index("\n\n")]
    extract = {int(n) for n in re.findall(r"\b(\d+)\s+[a-z]", paragraph)}
    return general, extract


def scanned_pdf() -> bytes:
    """One page that is a picture of stripes: no text layer, so it needs OCR."""
    side = 200
    pixels = b"".join((b"\x00" * 10 + b"\xff" * 10) * (side // 20) for _ in range(side))
    image = _stream(
        zlib.compress(pixels),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d "
        b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (side, side),
    )
    return image_page_pdf(image, _stream(b"q 500 0 0 700 40 60 cm /Im0 Do Q"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    from deliberations.extract import ocr

    monkeypatch.setattr(
        ocr,
        "tesseract_problem",
        lambda settings=None: (
            "Tesseract OCR is not installed ('tesseract' not found), so scanned pages cannot be read; "
            "install it: apt-get install tesseract-ocr tesseract-ocr-fra"
        ),
    )


@contextlib.contextmanager
def _always_stopped() -> Iterator[Callable[[], bool]]:
    yield lambda: True


def _txt(folder: Path, name: str = "a.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(TEXT, encoding="utf-8")
    return folder / name


def _pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# one scenario per code: it returns the exit code it got


def code_ok(tmp_path: Path) -> int:
    return _run("extract", str(_txt(tmp_path / "docs"))).exit_code


def code_wrong_arguments(tmp_path: Path) -> int:
    usage = _run("ingest", str(_txt(tmp_path / "docs")))  # no --db
    missing = _run("subsidies", "--db", str(tmp_path / "nothing-here.db"))
    assert usage.exit_code == missing.exit_code, missing.output
    return usage.exit_code


def code_input_file(tmp_path: Path) -> int:
    return _run("extract", str(_pdf(tmp_path, "empty.pdf", b""))).exit_code


def code_missing_dependency(tmp_path: Path) -> int:
    scanned = _pdf(tmp_path, "scan.pdf", scanned_pdf())
    extract = _run("extract", str(scanned))
    ingest = _run("ingest", str(scanned), "--db", str(tmp_path / "d.db"), "--executor", "serial")
    # the warning says what to install, once per process (already said here by the extract above)
    assert "Tesseract OCR is not available" in ingest.output, ingest.output
    assert extract.exit_code == ingest.exit_code, (extract.output, ingest.output)
    return ingest.exit_code


def code_encrypted(tmp_path: Path) -> int:
    return _run("extract", str(_pdf(tmp_path, "locked.pdf", encrypted(many_pages(1))))).exit_code


def code_extraction_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    from deliberations.corpus import runner

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a rule that breaks")

    monkeypatch.setattr(runner, "analyze", broken)
    return _run("extract", str(_txt(tmp_path / "docs"))).exit_code


def code_some_failed(tmp_path: Path) -> int:
    docs = tmp_path / "docs"
    _txt(docs)
    (docs / "empty.pdf").write_bytes(b"")
    ingest = _run(
        "ingest", str(docs), "--db", str(tmp_path / "d.db"), "--executor", "serial", "--quiet"
    )
    # extract: documents failing with different codes (2 and 4)
    locked = _pdf(tmp_path, "locked.pdf", encrypted(many_pages(1)))
    extract = _run("extract", str(docs / "empty.pdf"), str(locked))
    assert extract.exit_code == ingest.exit_code, extract.output
    return ingest.exit_code


def code_no_gold(tmp_path: Path) -> int:
    (tmp_path / "gold").mkdir()
    return _run("eval", "--gold", str(tmp_path / "gold"), str(_txt(tmp_path / "docs"))).exit_code


def code_unsafe_archive(tmp_path: Path) -> int:
    archive = zip_with(tmp_path / "commune.zip", {"../../etc/cron.pdf": many_pages(1)})
    return _run("extract", str(archive)).exit_code


def code_too_large(tmp_path: Path) -> int:
    return _run("extract", str(_pdf(tmp_path, "bomb.pdf", image_bomb()))).exit_code


def code_database(tmp_path: Path) -> int:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100)
    result = _run(
        "ingest", str(_txt(tmp_path / "docs")), "--db", str(not_a_db), "--executor", "serial"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    return result.exit_code


def code_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    from deliberations.corpus import batch

    monkeypatch.setattr(batch, "stop_on_signals", _always_stopped)
    result = _run(
        "ingest",
        str(_txt(tmp_path / "docs")),
        "--db",
        str(tmp_path / "d.db"),
        "--executor",
        "serial",
    )
    assert "run the same command again" in result.output
    return result.exit_code


GENERAL = {
    0: code_ok,
    2: code_wrong_arguments,
    3: code_missing_dependency,
    6: code_some_failed,
    7: code_no_gold,
    13: code_database,
    130: code_interrupted,
}
EXTRACT = {
    2: code_input_file,
    3: code_missing_dependency,
    4: code_encrypted,
    5: code_extraction_failed,
    6: code_some_failed,
    8: code_unsafe_archive,
    9: code_too_large,
}


def test_the_readme_lists_the_codes_tested_here() -> None:
    general, extract = readme_codes()
    assert general == set(GENERAL)
    assert extract == set(EXTRACT)
    assert {int(c) for c in GENERAL} | set(EXTRACT) <= {int(c) for c in ExitCode}


@pytest.mark.parametrize("code", sorted(set(GENERAL) | set(EXTRACT)))
def test_each_code_the_readme_lists(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    scenario = GENERAL.get(code) or EXTRACT[code]
    if scenario is code_missing_dependency:
        request.getfixturevalue("no_tesseract")
    needs_patch = scenario in (code_extraction_failed, code_interrupted)
    got = scenario(tmp_path, monkeypatch) if needs_patch else scenario(tmp_path)
    assert got == code
