"""Compiled regular expressions kept between runs, as Python keeps a module's bytecode.

``re.compile`` parses a pattern and turns it into the regular expression engine's code in
Python: about 0.55 s of CPU for the rules' thousand patterns (the vote phrasings with their
numbers written in words are large), and 2.4 s for the one pattern of spaCy's French tokenizer
(every hyphenated word form, in classes of every Unicode letter), in every process that imports
them: the fork server before any worker is ready, each worker that loads the spaCy model. Inside
:func:`cached_patterns`, a pattern compiled before is built from the engine's code kept on disk
(``_sre.compile``, what ``re`` itself calls last), without parsing it again: the same pattern
object (``==`` compares the code), in about a thousandth of the time.

The code is kept in ``__pycache__`` beside this module, one file for each scope (``pipeline``,
``spacy``), under a tag of the Python version, the engine's version and the Unicode database
(the code depends on all three: a new Python starts afresh). A scope writes its file when it
spent ``WRITE_SECONDS`` compiling patterns the file did not hold, with the patterns it used and
nothing else, so the file follows the code (a scope covers imports and the warm-up's fixed
text, not documents; a pattern must be the same text in every process to be found again: none
is built from a set's order). ``make setup`` writes both files (``python -m
deliberations.corpus.compile_patterns``); a folder that cannot be written is read only; a file that cannot
be read is ignored. ``DELIB_REGEX_CACHE=0`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:  # the re module's own parser and compiler (Python 3.11 and later)
    import _sre
    from re import _compiler, _parser

    SUPPORTED = hasattr(_compiler, "_code") and hasattr(_parser, "parse")
except ImportError:  # pragma: no cover - another Python
    SUPPORTED = False

ENV = "DELIB_REGEX_CACHE"
# the file is written again when the patterns it missed took this long to compile: not for a
# small pattern that differs in each process (the standard library's tokenize builds one from a
# set)
WRITE_SECONDS = 0.05
FOLDER = Path(__file__).resolve().parent / "__pycache__"

Key = tuple[str, int]
Args = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _tag() -> str:
    versions = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{unicodedata.unidata_version}"
    return hashlib.sha256(versions.encode()).hexdigest()[:16]


def cache_path(scope: str) -> Path:
    return FOLDER / f"regex-{scope}-{_tag()}.marshal"


def enabled() -> bool:
    return SUPPORTED and os.environ.get(ENV, "1").strip().lower() not in {"0", "off", "no"}


def engine_args(pattern: str, flags: int) -> Args:
    """What ``re._compiler.compile`` gives ``_sre.compile`` after the pattern (the same steps)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        int(parsed.state.groups - 1),
        groupindex,
        tuple(indexgroup),
    )


def _read(path: Path) -> dict[Key, Args]:
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _write(path: Path, entries: dict[Key, Args]) -> None:
    """Atomically (a worker reading it never sees half a file); silently not when it cannot."""
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps(entries))
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


@contextlib.contextmanager
def cached_patterns(scope: str) -> Iterator[None]:
    """Patterns compiled in this block are built from the code kept for ``scope`` when it holds
    them (else compiled, and kept)."""
    if not enabled():
        yield
        return
    path = cache_path(scope)
    stored = _read(path)
    used: dict[Key, Args] = {}
    missed = 0.0  # seconds compiling what the file did not hold
    original = _compiler.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        nonlocal missed
        if type(pattern) is not str or flags & _compiler.SRE_FLAG_DEBUG:
            return original(pattern, flags)
        flags = int(flags)  # re.compile passes an int; a RegexFlag would not marshal
        key = (pattern, flags)
        args = stored.get(key)
        if args is not None:
            try:
                compiled = _sre.compile(pattern, *args)
            except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile it anew
                args = None
            else:
                used[key] = args
                return compiled
        started = time.perf_counter()
        args = engine_args(pattern, flags)
        compiled = _sre.compile(pattern, *args)
        missed += time.perf_counter() - started
        used[key] = args
        return compiled

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
        if missed >= WRITE_SECONDS:
            _write(path, used)
