"""The compiled patterns kept between runs are the patterns ``re`` compiles, and the rules'
patterns are the same text in every process (else the kept code would never be found)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from deliberations import regex_cache

pytestmark = pytest.mark.skipif(not regex_cache.SUPPORTED, reason="no re._compiler here")

PATTERNS = [
    (r"(?P<n>\d{1,3})\s+voix\s+(?:pour|contre)\b", re.IGNORECASE),
    (r"(?<![^\W\d_])(?:mille|cent|vingt)(?![^\W\d_])|(?P<other>é+)", 0),
    (r"(?iu)^[a-zà-ÿ]+[-‐](?:ce|elle)$", 0),
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "FOLDER", tmp_path)
    monkeypatch.setattr(regex_cache, "WRITE_SECONDS", 0.0)
    monkeypatch.delenv(regex_cache.ENV, raising=False)
    return tmp_path


def _fresh(pattern: str, flags: int) -> re.Pattern[str]:
    return re._compiler.compile(pattern, flags)  # not re's own cache


def _compile_in_scope(pattern: str, flags: int) -> re.Pattern[str]:
    with regex_cache.cached_patterns("test"):
        return _fresh(pattern, flags)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_kept_pattern_is_the_compiled_one(folder, pattern, flags):
    first = _compile_in_scope(pattern, flags)  # compiled, kept
    assert regex_cache.cache_path("test").exists()
    second = _compile_in_scope(pattern, flags)  # built from the kept code
    plain = _fresh(pattern, flags)
    for compiled in (first, second):
        assert compiled == plain  # flags, pattern and the engine's code
        assert compiled.groupindex == plain.groupindex
        assert compiled.groups == plain.groups
    text = "Adopté par 12 VOIX POUR, mille é éé vingt-ce"
    assert [m.span() for m in second.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_kept_code_is_used(folder, monkeypatch):
    pattern, flags = PATTERNS[0]
    _compile_in_scope(pattern, flags)
    monkeypatch.setattr(regex_cache, "engine_args", lambda *a: pytest.fail("compiled again"))
    assert _compile_in_scope(pattern, flags) == _fresh(pattern, flags)


def test_damaged_file_is_ignored(folder):
    regex_cache.cache_path("test").write_bytes(b"not marshal data")
    pattern, flags = PATTERNS[1]
    assert _compile_in_scope(pattern, flags) == _fresh(pattern, flags)


def test_off(folder, monkeypatch):
    monkeypatch.setenv(regex_cache.ENV, "0")
    pattern, flags = PATTERNS[0]
    assert _compile_in_scope(pattern, flags) == _fresh(pattern, flags)
    assert not regex_cache.cache_path("test").exists()


def test_a_near_miss_is_compiled_not_read(folder):
    """A pattern differing by one character, or by its flags, is not the kept one."""
    pattern, flags = PATTERNS[0]
    _compile_in_scope(pattern, flags)
    other = _compile_in_scope(pattern.replace("pour", "pours"), flags)
    assert other == _fresh(pattern.replace("pour", "pours"), flags)
    assert _compile_in_scope(pattern, 0) == _fresh(pattern, 0)


PROBE = """
import hashlib, re, sys
seen = []
original = re._compiler.compile
def compile(pattern, flags=0):
    frame = sys._getframe(1)
    while frame is not None and "/re/" in frame.f_code.co_filename:
        frame = frame.f_back
    if frame is not None and "/deliberations/" in frame.f_code.co_filename:
        seen.append((pattern, flags))  # the project's patterns, not the standard library's
    return original(pattern, flags)
re._compiler.compile = compile
from deliberations.corpus.worker import warm_up
warm_up()
print(len(seen), hashlib.sha256(repr(sorted(seen, key=repr)).encode()).hexdigest())
"""


def test_rule_patterns_same_in_every_process():
    """Built from no set's order (hash randomisation changes it from one process to the next)."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", PROBE],
            env={**os.environ, "PYTHONHASHSEED": str(seed), regex_cache.ENV: "0"},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        for seed in (1, 2)
    }
    assert len(digests) == 1, digests
    assert int(digests.pop().split()[0]) > 300  # the probe saw the rules' patterns
