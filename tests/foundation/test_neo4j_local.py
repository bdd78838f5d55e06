"""The managed local Neo4j, driven through the real CLI: start, status, stop and what goes wrong.

Starting a server costs a JVM start (two on a fresh data directory: the password is set first),
so the tests that need a running server share one per module, in the order of a server's life:
started, asked again, crashed and restarted, stopped. Each of them gets the server running, and
starts it again through the CLI when it is not, so any one of them also runs alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimgraph.neo4j_local import free_port

pytestmark = pytest.mark.slow


def run_cli(command: list[str], env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=timeout)


def cli_env(root: Path) -> dict[str, str]:
    """Environment with no NEO4J_URI, so the CLI manages a local server under `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(CLAIMGRAPH_DATA_DIR=str(root / "data"), CLAIMGRAPH_CONFIG=str(root / "none.toml"))
    return env


@pytest.fixture
def local_env(tmp_path: Path) -> dict[str, str]:
    """A fresh data directory of its own, for the tests that must find no server."""
    return cli_env(tmp_path)


@dataclass
class ManagedServer:
    """The module's server: its CLI environment, data directory and port."""

    command: list[str]
    env: dict[str, str]
    data: Path
    port: int

    def pid(self) -> int | None:
        state_file = self.data / "server.json"
        return json.loads(state_file.read_text())["pid"] if state_file.exists() else None

    def is_running(self) -> bool:
        pid = self.pid()
        if pid is None or not port_open(self.port):
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    def start(self) -> None:
        result = run_cli(self.command, self.env, "neo4j", "start", "--port", str(self.port))
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def managed(claimgraph_command: list[str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedServer]:
    """One local server for the module, started through the CLI; stopped (or killed) at the end."""
    env = cli_env(tmp_path_factory.mktemp("managed-neo4j"))
    server = ManagedServer(claimgraph_command, env, Path(env["CLAIMGRAPH_DATA_DIR"]) / "neo4j", free_port())
    yield server
    pid = server.pid()
    if pid is not None:
        run_cli(claimgraph_command, env, "neo4j", "stop")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def started(managed: ManagedServer) -> ManagedServer:
    """The module's server, started through the CLI unless it already runs."""
    if not managed.is_running():
        managed.start()
    return managed


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_start_records_the_server_and_status_finds_it(started: ManagedServer) -> None:
    data, port, env = started.data, started.port, started.env
    state = json.loads((data / "server.json").read_text())
    assert state["port"] == port
    password_file = data / "password"
    assert password_file.stat().st_mode & 0o777 == 0o600, "generated password must be readable only by its owner"
    assert port_open(port)

    status = run_cli(started.command, env, "neo4j", "status")
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


def test_second_start_on_same_data_is_refused(started: ManagedServer) -> None:
    pid = started.pid()
    again = run_cli(started.command, started.env, "neo4j", "start", "--port", str(free_port()))
    assert again.returncode == 1
    assert "already runs on this data directory" in again.stderr
    assert "Traceback" not in again.stderr
    assert port_open(started.port), "the running server is untouched"
    assert started.pid() == pid


def test_stale_pid_file_after_crash_is_handled(started: ManagedServer) -> None:
    data, port, env = started.data, started.port, started.env
    pid = json.loads((data / "server.json").read_text())["pid"]
    os.kill(pid, signal.SIGKILL)  # a crash: the record stays behind
    deadline = time.monotonic() + 30
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.2)

    status = run_cli(started.command, env, "neo4j", "status")
    assert status.returncode == 3
    assert "stale" in status.stdout

    restart = run_cli(started.command, env, "neo4j", "start", "--port", str(port))
    assert restart.returncode == 0, restart.stderr
    new_pid = json.loads((data / "server.json").read_text())["pid"]
    assert new_pid != pid
    assert port_open(port)


def test_stop_closes_the_port_and_status_says_not_running(started: ManagedServer) -> None:
    data, port, env = started.data, started.port, started.env
    stop = run_cli(started.command, env, "neo4j", "stop")
    assert stop.returncode == 0, stop.stderr
    assert "stopped" in stop.stdout
    assert not port_open(port), "the port must be closed when stop returns"
    assert not (data / "server.json").exists()

    status = run_cli(started.command, env, "neo4j", "status")
    assert status.returncode == 3
    assert "not running" in status.stdout


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
