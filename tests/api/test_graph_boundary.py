"""api/ reads and writes the graph only through graph/'s public functions (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

API = Path(__file__).resolve().parents[2] / "api"
SESSION_CALLS = {"session", "execute_query", "begin_transaction", "execute_read", "execute_write"}
QUERY_NAMES = {"Query", "READ_ACCESS", "WRITE_ACCESS", "RoutingControl"}


@pytest.mark.parametrize("path", sorted(API.rglob("*.py")), ids=lambda path: str(path.relative_to(API.parent)))
def test_api_opens_no_neo4j_session_and_runs_no_cypher_of_its_own(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in SESSION_CALLS, f"{path.name}:{node.lineno} calls .{node.func.attr}()"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("neo4j"):
            names = {alias.name for alias in node.names}
            assert not names & QUERY_NAMES, f"{path.name}:{node.lineno} imports {sorted(names & QUERY_NAMES)}"
