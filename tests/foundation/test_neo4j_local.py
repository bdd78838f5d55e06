"""The managed local Neo4j, driven through the real CLI: start, status, stop and what goes wrong."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.neo4j_local import free_port

pytestmark = pytest.mark.slow


def run_cli(command: list[str], env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def local_env(tmp_path: Path) -> dict[str, str]:
    """Environment with no NEO4J_URI, so the CLI manages a local server in tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"), CLAIMGRAPH_CONFIG=str(tmp_path / "none.toml"))
    return env


@pytest.fixture
def started(claimgraph_command: list[str], local_env: dict[str, str]) -> Iterator[tuple[Path, int]]:
    """A local server started through the CLI; stopped (or killed) afterwards whatever happens."""
    data = Path(local_env["CLAIMGRAPH_DATA_DIR"]) / "neo4j"
    port = free_port()
    result = run_cli(claimgraph_command, local_env, "neo4j", "start", "--port", str(port))
    assert result.returncode == 0, result.stderr
    yield data, port
    state_file = data / "server.json"
    if state_file.exists():
        pid = json.loads(state_file.read_text())["pid"]
        run_cli(claimgraph_command, local_env, "neo4j", "stop")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_start_status_stop(claimgraph_command, local_env, started) -> None:
    data, port = started
    state = json.loads((data / "server.json").read_text())
    assert state["port"] == port
    password_file = data / "password"
    assert password_file.stat().st_mode & 0o777 == 0o600, "generated password must be readable only by its owner"
    assert port_open(port)

    status = run_cli(claimgraph_command, local_env, "neo4j", "status")
    assert status.returncode == 0
    assert f"bolt://127.0.0.1:{port}" in status.stdout

    # The rest of the project finds the server and its generated password on its own.
    from claimgraph.connection import resolve_connection
    from claimgraph.settings import Settings
    from graph.driver import connect

    connection = resolve_connection(Settings(data_dir=data.parent, neo4j_password=None, neo4j_uri=None))
    assert connection.uri == f"bolt://127.0.0.1:{port}"
    driver = connect(connection)
    try:
        records, _, _ = driver.execute_query("RETURN 42 AS answer")
        assert records[0]["answer"] == 42
    finally:
        driver.close()

    stop = run_cli(claimgraph_command, local_env, "neo4j", "stop")
    assert stop.returncode == 0, stop.stderr
    assert "stopped" in stop.stdout
    assert not port_open(port), "the port must be closed when stop returns"
    assert not (data / "server.json").exists()

    status = run_cli(claimgraph_command, local_env, "neo4j", "status")
    assert status.returncode == 3
    assert "not running" in status.stdout


def test_second_start_on_same_data_is_refused(claimgraph_command, local_env, started) -> None:
    _data, port = started
    again = run_cli(claimgraph_command, local_env, "neo4j", "start", "--port", str(free_port()))
    assert again.returncode == 1
    assert "already runs on this data directory" in again.stderr
    assert "Traceback" not in again.stderr
    assert port_open(port), "the running server is untouched"


def test_stale_pid_file_after_crash_is_handled(claimgraph_command, local_env, started) -> None:
    data, port = started
    pid = json.loads((data / "server.json").read_text())["pid"]
    os.kill(pid, signal.SIGKILL)  # a crash: the record stays behind
    deadline = time.monotonic() + 30
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.2)

    status = run_cli(claimgraph_command, local_env, "neo4j", "status")
    assert status.returncode == 3
    assert "stale" in status.stdout

    restart = run_cli(claimgraph_command, local_env, "neo4j", "start", "--port", str(port))
    assert restart.returncode == 0, restart.stderr
    new_pid = json.loads((data / "server.json").read_text())["pid"]
    assert new_pid != pid
    assert port_open(port)


def test_port_in_use_is_reported(claimgraph_command, local_env) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = run_cli(claimgraph_command, local_env, "neo4j", "start", "--port", str(port))
    assert result.returncode == 1
    assert f"port {port}" in result.stderr and "already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_stop_when_nothing_runs(claimgraph_command, local_env) -> None:
    result = run_cli(claimgraph_command, local_env, "neo4j", "stop")
    assert result.returncode == 0
    assert "nothing to stop" in result.stdout


def test_neo4j_uri_means_no_local_server(claimgraph_command, local_env) -> None:
    env = {**local_env, "NEO4J_URI": "bolt://127.0.0.1:1"}
    result = run_cli(claimgraph_command, env, "neo4j", "start")
    assert result.returncode == 1
    assert "NEO4J_URI is set" in result.stderr


def test_missing_jars_say_how_to_install(claimgraph_command, local_env, tmp_path) -> None:
    env = {**local_env, "CLAIMGRAPH_NEO4J_HOME": str(tmp_path / "no-such-home")}
    result = run_cli(claimgraph_command, env, "neo4j", "start", "--port", str(free_port()))
    assert result.returncode == 1
    assert "make setup" in result.stderr
