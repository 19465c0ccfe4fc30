"""The package's imports go one way (no cycle, not even through an import inside a function), each
module of the batch imports alone in a fresh interpreter, and what starts a batch stays light.

Issue 10 (item 8): executors ↔ pool/cluster/worker imported each other, the cycle hidden by
imports inside functions. Issue 13: `delib ingest` starts the pool's fork server before the heavy
imports, so `deliberations.cli` and the pool must not import the pipeline.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "deliberations"


def module_files(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` (a folder)."""
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports, anywhere in its code (at the top,
    inside a function, under ``if TYPE_CHECKING``: a cycle hidden in a function is still one)."""
    modules = module_files(package)
    root = package.name

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {owner(a.name) for a in node.names if a.name.split(".")[0] == root}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] != root:
                    continue
                for alias in node.names:  # `from pkg import module` names a module
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else owner(node.module))
        graph[name] = {m for m in found if m is not None and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or not (strongly connected
    components of more than one module), each sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return sorted(found)


def test_the_package_imports_go_one_way() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "interface.py").write_text(
        "def make():\n    from pkg.impl import Impl\n\n    return Impl()\n"
    )
    (package / "impl.py").write_text("from pkg.interface import make\n\nclass Impl: ...\n")
    (package / "alone.py").write_text("from pkg import interface\n")
    assert cycles(import_graph(package)) == [["pkg.impl", "pkg.interface"]]
    # near miss: the same imports, one way only
    (package / "impl.py").write_text("class Impl: ...\n")
    assert cycles(import_graph(package)) == []


BATCH_MODULES = sorted(
    name
    for name in module_files(PACKAGE)
    if name.startswith("deliberations.corpus.") and name != "deliberations.corpus.preload"
)


def _fresh(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.mark.parametrize("module", BATCH_MODULES)
def test_each_batch_module_imports_alone(module: str) -> None:
    done = _fresh(f"import {module}")
    assert done.returncode == 0, done.stderr


def test_the_command_and_the_pool_do_not_import_the_pipeline() -> None:
    """What runs before the pool's fork server starts: no rules, no PDF reader, no database."""
    heavy = ("deliberations.nlp", "deliberations.extract", "deliberations.store", "spacy")
    heavy += ("numpy", "pydantic", "pypdfium2", "sqlite_utils")
    assert _imported("import deliberations.cli, deliberations.corpus.pool", heavy) == "[]"


def _imported(code: str, prefixes: tuple[str, ...]) -> str:
    """The modules starting with one of ``prefixes`` that ``code`` imports in a fresh
    interpreter, as a printed list."""
    done = _fresh(
        f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_worker_warmed_up_has_not_imported_the_ocr() -> None:
    """What the fork server imports and runs before any worker starts (the pipeline, run once on
    a text): OpenCV, Tesseract's wrapper and the OCR module come with the first scanned page,
    the spaCy model with the first document that asks the NER."""
    heavy = ("cv2", "pytesseract", "deliberations.extract.ocr", "spacy", "pdfplumber")
    code = "from deliberations.corpus.worker import warm_up\nwarm_up()"
    assert _imported(code, heavy) == "[]"
    # near miss: the OCR module itself brings OpenCV
    assert "cv2" in _imported("import deliberations.extract.ocr", ("cv2",))
