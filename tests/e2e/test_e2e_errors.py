"""What a user sees when something is wrong: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.ports import free_port

DEMO_SOURCES = Path(__file__).resolve().parents[2] / "demo" / "sources.yaml"


def claimgraph(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph_app", *args], env=env, capture_output=True, text=True, timeout=300
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        yield blocker.getsockname()[1]


def test_run_with_unreachable_neo4j(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"}
    result = claimgraph(env, "run", "--sources", str(DEMO_SOURCES), "--base-url", "http://127.0.0.1:9")
    assert_one_clear_line(result, "Neo4j is not reachable", env["NEO4J_URI"])


def test_run_with_missing_sources_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    result = claimgraph(cli_env, "run", "--sources", str(tmp_path / "nowhere.yaml"))
    assert_one_clear_line(result, "sources file not found", "nowhere.yaml")


def test_run_with_a_bad_interval(cli_env: dict[str, str]) -> None:
    result = claimgraph(cli_env, "run", "--sources", str(DEMO_SOURCES), "--every", "soon")
    assert_one_clear_line(result, "not a duration", "15m")


def test_serve_on_a_port_in_use(cli_env: dict[str, str], busy_port: int) -> None:
    result = claimgraph(cli_env, "serve", "--port", str(busy_port))
    assert_one_clear_line(result, f"port {busy_port}", "already in use")


def test_demo_on_a_port_in_use(cli_env: dict[str, str], busy_port: int) -> None:
    result = claimgraph(cli_env, "demo", "--check", "--port", str(busy_port))
    assert_one_clear_line(result, f"port {busy_port}", "already in use", "--port")
