"""The import rule of docs/ARCHITECTURE.md: stages import the core, the core no stage, nothing the shell.

Each package's modules are imported one by one in a fresh interpreter, and every module that an
import brought into `sys.modules` is checked, so what a module pulls in through others counts too.
Imports inside functions (loaded only when called) are checked in the source as well.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = "claimgraph"
SHELL = "claimgraph_app"
STAGES = ("crawler", "nlp", "graph", "api")

ALLOWED_STAGE_EDGES = {
    ("api", "graph"): "the API serves what the graph holds, through graph/'s public functions (no Cypher of its own)",
}
"""The only imports from one stage into another, each with its reason."""

API_GRAPH_MODULES = {
    "graph.reads": "timelines, profiles, claims, search and the events alerts are made of",
    "graph.analytics": "networkx analytics over subgraphs read from Neo4j",
    "graph.subscriptions": "subscriptions, feed entries and deliveries are stored in the graph",
    "graph.console": "the Cypher console's EXPLAIN and READ transaction (the API keeps the policy)",
    "graph.exports": "the graph exports (formats and the reads behind them)",
    "graph.driver": "connect() and ping(): the API's driver and its reachability probe",
}
"""The modules of graph/ that api/ may import: its public read/write functions."""

PROBE = """
import importlib, json, sys
loaded = {}
for name in json.loads(sys.argv[1]):
    before = set(sys.modules)
    importlib.import_module(name)
    loaded[name] = sorted(set(sys.modules) - before)
print(json.dumps(loaded))
"""


def _top(module: str) -> str:
    return module.partition(".")[0]


def forbidden_for(package: str) -> set[str]:
    """The top-level packages that `package` must not import."""
    if package == CORE:
        return {SHELL, *STAGES}
    allowed = {target for source, target in ALLOWED_STAGE_EDGES if source == package}
    return {SHELL, *STAGES} - {package} - allowed


def modules_of(package: str) -> list[str]:
    """Every module of a package, found on disk without importing anything (`__main__` modules run on import)."""
    names = [package]

    def walk(path: Path, prefix: str) -> None:
        for info in pkgutil.iter_modules([str(path)]):
            if info.name == "__main__":
                continue
            names.append(prefix + info.name)
            if info.ispkg:
                walk(path / info.name, f"{prefix}{info.name}.")

    walk(ROOT / package, f"{package}.")
    return names


@cache
def loaded_by_each_module(package: str) -> dict[str, list[str]]:
    """Import a package's modules one by one in a fresh interpreter: what each import brought in."""
    names = modules_of(package)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, f"importing {package}'s modules failed:\n{result.stderr[-3000:]}"
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert list(loaded) == names
    return loaded


def _import_violations(package: str) -> list[str]:
    forbidden = forbidden_for(package)
    return [
        f"importing {module} loads {other}"
        for module, brought in loaded_by_each_module(package).items()
        for other in brought
        if _top(other) in forbidden
    ]


def _imported_names(path: Path) -> list[tuple[int, str]]:
    """Every absolute import in a source file, wherever it is (module level or inside a function)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_the_core_imports_no_stage_and_not_the_shell() -> None:
    assert len(loaded_by_each_module(CORE)) > 1
    assert not _import_violations(CORE)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_neither_the_shell_nor_another_stage_except_the_allowed_edges(stage: str) -> None:
    assert len(loaded_by_each_module(stage)) > 1
    assert not _import_violations(stage)


@pytest.mark.parametrize("package", (CORE, *STAGES))
def test_no_import_inside_a_function_crosses_the_rule(package: str) -> None:
    """The imports that run only when called: `sys.modules` after import does not show them."""
    forbidden = forbidden_for(package)
    violations = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, name in _imported_names(path)
        if _top(name) in forbidden
    ]
    assert not violations


def test_api_imports_only_graphs_public_modules() -> None:
    violations = []
    for path in sorted((ROOT / "api").rglob("*.py")):
        for line, name in _imported_names(path):
            if _top(name) != "graph" or name == "graph":
                continue
            module = ".".join(name.split(".")[:2])
            if module not in API_GRAPH_MODULES:
                violations.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not violations, "api/ may import only the graph modules in API_GRAPH_MODULES (docs/ARCHITECTURE.md)"


def test_the_allowed_edges_are_the_documented_ones() -> None:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for source, target in ALLOWED_STAGE_EDGES:
        assert f"`{source}/ → {target}/`" in text
    for module in API_GRAPH_MODULES:
        path = module.replace(".", "/")
        assert f"`{path}.py`" in text or f"`{module}." in text, f"{module} is not named in docs/ARCHITECTURE.md"

