"""`claimgraph serve` and `claimgraph alerts` as a user runs them (subprocesses, real Neo4j)."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx
import pytest

from claimgraph.exceptions import ConfigError
from claimgraph.neo4j_local import free_port
from claimgraph_app.cli.alerts import parse_duration


def test_serve_answers_health_and_stops(cli_env: dict[str, str], claimgraph_command: list[str]) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*claimgraph_command, "serve", "--port", str(port)], env=cli_env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.3)
        assert health.status_code == 200
        assert health.json()["neo4j"] == "reachable"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_on_a_busy_port_fails_with_one_line(cli_env: dict[str, str], claimgraph_command: list[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*claimgraph_command, "serve", "--port", str(port)], env=cli_env, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_alerts_once_prints_a_summary(
    clean_graph: object, cli_env: dict[str, str], claimgraph_command: list[str]
) -> None:
    result = subprocess.run(
        [*claimgraph_command, "alerts", "--once"], env=cli_env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "alerts: 0 events, 0 new alerts" in result.stdout


@pytest.mark.parametrize(("text", "seconds"), [("60s", 60), ("5m", 300), ("1h", 3600), ("30", 30), ("0.5s", 0.5)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5s", "1d", "soon"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ConfigError, match="positive duration"):
        parse_duration(text)
