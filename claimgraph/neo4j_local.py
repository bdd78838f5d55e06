"""The managed local Neo4j: the real Neo4j Community server, run from jars in a cache.

`make setup` fetches the server's jars from Maven Central into `<cache_dir>/neo4j-<version>/lib`.
This module writes a conf bound to 127.0.0.1, sets the password before the first start, launches
the server through its own entry point, waits until Bolt answers, and records the pid and port
in `<data_dir>/neo4j/server.json` so that `status`, `stop` and the rest of the project find it.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from claimgraph.exceptions import ConfigError, Neo4jServerError
from claimgraph.ports import ensure_port_free, free_port, port_is_free
from claimgraph.settings import Settings

logger = logging.getLogger(__name__)

__all__ = ["LocalNeo4j", "ServerState", "ServerStatus", "free_port"]

STATE_FILE = "server.json"
PASSWORD_FILE = "password"
JAVA_OPENS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)


@dataclass(frozen=True)
class ServerState:
    """What `start` records about a running server."""

    pid: int
    port: int
    started_at: str
    home: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    state: ServerState | None
    bolt_ready: bool
    message: str


class LocalNeo4j:
    """One managed server, identified by its data directory."""

    def __init__(self, settings: Settings, data_dir: Path | None = None, port: int | None = None):
        self.settings = settings
        self.root = (data_dir or settings.neo4j_data_dir).resolve()
        self.port = port or settings.neo4j_port
        self.home = settings.neo4j_server_home

    # --- paths ------------------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def state_file(self) -> Path:
        return self.root / STATE_FILE

    @property
    def password_file(self) -> Path:
        return self.root / PASSWORD_FILE

    @property
    def log_file(self) -> Path:
        return self.root / "logs" / "neo4j.log"

    @property
    def console_file(self) -> Path:
        return self.root / "logs" / "console.log"

    # --- state ------------------------------------------------------------------------------
    def read_state(self) -> ServerState | None:
        try:
            return ServerState(**json.loads(self.state_file.read_text()))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as error:
            logger.warning("ignoring unreadable %s: %s", self.state_file, error)
            return None

    def password(self) -> str:
        """NEO4J_PASSWORD when set, else the one generated at first start (created if absent)."""
        if self.settings.neo4j_password:
            return self.settings.neo4j_password
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        self.root.mkdir(parents=True, exist_ok=True)
        generated = secrets.token_urlsafe(24)
        descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(generated + "\n")
        return generated

    def status(self) -> ServerStatus:
        state = self.read_state()
        if state is None:
            return ServerStatus(False, None, False, f"not running (no server recorded in {self.root})")
        if not _is_neo4j_process(state.pid, self.root):
            return ServerStatus(False, state, False, f"not running (stale record of pid {state.pid}; it is gone)")
        ready = self._bolt_answers(state.port)
        where = f"{state.uri} (pid {state.pid}, data {self.root})"
        return ServerStatus(True, state, ready, f"running at {where}" + ("" if ready else ", Bolt not ready"))

    # --- start ------------------------------------------------------------------------------
    def start(self) -> ServerState:
        """Start the server and wait until Bolt answers; refuse if one already runs here."""
        self._check_installed()
        current = self.status()
        if current.running and current.state:
            raise Neo4jServerError(
                f"a Neo4j server already runs on this data directory: {current.state.uri} "
                f"(pid {current.state.pid}). Stop it first with `claimgraph neo4j stop --data {self.root}`."
            )
        if current.state is not None:
            logger.info("removing stale server record for pid %s", current.state.pid)
            self.state_file.unlink(missing_ok=True)
        _check_port_free(self.port)
        for folder in ("conf", "data", "logs", "run", "import"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        self._write_conf()
        password = self.password()
        if not (self.root / "data" / "dbms" / "auth.ini").exists() and not self._store_exists():
            self._set_initial_password(password)
        process = self._launch()
        state = ServerState(
            pid=process.pid,
            port=self.port,
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            home=str(self.home),
        )
        self.state_file.write_text(json.dumps(asdict(state), indent=2) + "\n")
        try:
            self._wait_until_ready(process, password)
        except Neo4jServerError:
            self.state_file.unlink(missing_ok=True)
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
            raise
        return state

    def _check_installed(self) -> None:
        lib = self.home / "lib"
        if not any(lib.glob("neo4j-*.jar")):
            raise Neo4jServerError(
                f"the Neo4j server jars are not in {lib}. Run `make setup` (it fetches Neo4j "
                f"{self.settings.neo4j_version} from Maven Central), or set NEO4J_URI to use an existing server."
            )

    def _store_exists(self) -> bool:
        return (self.root / "data" / "databases" / "system").exists()

    def _write_conf(self) -> None:
        root = self.root
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.directories.data": str(root / "data"),
            "server.directories.logs": str(root / "logs"),
            "server.directories.run": str(root / "run"),
            "server.directories.import": str(root / "import"),
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            "dbms.security.auth_enabled": "true",
            # The configured database is the server's own (created at the first start; Community has one).
            "initial.dbms.default_database": self.settings.neo4j_database,
            "dbms.usage_report.enabled": "false",
            "internal.server.bolt.connection_shutdown_wait_time": "0s",
            "internal.server.bolt.thread_pool_shutdown_wait_time": "0s",
        }
        text = "# Written by `claimgraph neo4j start`; changes are overwritten at the next start.\n"
        text += "".join(f"{key}={value}\n" for key, value in lines.items())
        (self.conf_dir / "neo4j.conf").write_text(text)

    def _classpath(self) -> str:
        return f"{self.conf_dir}/*:{self.home / 'lib'}/*"

    def _set_initial_password(self, password: str) -> None:
        environment = {**os.environ, "NEO4J_HOME": str(self.root), "NEO4J_CONF": str(self.conf_dir)}
        command = [
            "java", "-cp", self._classpath(), "org.neo4j.server.startup.Neo4jAdminCommand",
            "dbms", "set-initial-password", password,
        ]  # fmt: skip
        result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise Neo4jServerError(
                "could not set the initial Neo4j password: "
                + (result.stderr.strip() or result.stdout.strip() or f"exit {result.returncode}")
            )

    def _launch(self) -> subprocess.Popen[bytes]:
        command = [
            "java", f"-Xms{min_heap(self.settings.neo4j_heap)}", f"-Xmx{self.settings.neo4j_heap}",
            *JAVA_OPENS, "-cp", self._classpath(), "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.root}", f"--config-dir={self.conf_dir}",
        ]  # fmt: skip
        try:
            with open(self.console_file, "ab") as console:
                return subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=console,
                    stderr=subprocess.STDOUT,
                    cwd=self.root,
                    start_new_session=True,
                )
        except FileNotFoundError as error:
            raise Neo4jServerError("`java` was not found: install Java 17 or newer") from error

    def _wait_until_ready(self, process: subprocess.Popen[bytes], password: str) -> None:
        deadline = time.monotonic() + self.settings.neo4j_start_timeout
        uri = f"bolt://127.0.0.1:{self.port}"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise Neo4jServerError(
                    f"the Neo4j server exited with code {process.returncode} while starting: {self._failure_reason()}"
                )
            try:
                with (
                    GraphDatabase.driver(uri, auth=("neo4j", password), connection_timeout=2) as driver,
                    driver.session(database=self.settings.neo4j_database) as session,
                ):
                    session.run("RETURN 1").consume()
                return
            except AuthError as error:
                raise Neo4jServerError(
                    f"the local Neo4j refused the password ({error.message}). Its data in {self.root} "
                    "was initialised with another password: set NEO4J_PASSWORD to that one, or remove "
                    "the data directory to start afresh."
                ) from error
            except (ServiceUnavailable, SessionExpired, TransientError, OSError):
                time.sleep(0.5)
        raise Neo4jServerError(
            f"the Neo4j server did not answer on {uri} within {self.settings.neo4j_start_timeout:.0f} s; "
            f"see {self.log_file}"
        )

    def _failure_reason(self) -> str:
        text = ""
        for path in (self.log_file, self.console_file):
            if path.exists():
                text += path.read_text(errors="replace")[-20_000:]
        if "store_lock" in text or "Lock file has been locked" in text:
            return f"its data directory {self.root} is locked by another Neo4j process"
        if "Address already in use" in text:
            return f"port {self.port} is already in use"
        errors = [line for line in text.splitlines() if "ERROR" in line or "Exception" in line]
        return errors[-1].strip() if errors else f"see {self.log_file}"

    # --- stop -------------------------------------------------------------------------------
    def stop(self, timeout: float = 60.0) -> str:
        """Stop the server cleanly (SIGTERM, then wait for the process and the port)."""
        state = self.read_state()
        if state is None:
            return f"no Neo4j server recorded in {self.root}; nothing to stop"
        if not _is_neo4j_process(state.pid, self.root):
            self.state_file.unlink(missing_ok=True)
            return f"Neo4j (pid {state.pid}) was not running; removed its stale record"
        os.kill(state.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _pid_alive(state.pid):
            time.sleep(0.2)
        if _pid_alive(state.pid):
            logger.warning("Neo4j pid %s did not stop within %.0f s; killing it", state.pid, timeout)
            os.kill(state.pid, signal.SIGKILL)
            time.sleep(0.5)
        while time.monotonic() < deadline and not port_is_free("127.0.0.1", state.port):
            time.sleep(0.2)
        self.state_file.unlink(missing_ok=True)
        return f"stopped Neo4j (pid {state.pid}, port {state.port})"

    @staticmethod
    def _bolt_answers(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False


def min_heap(heap: str) -> str:
    """Initial heap: 256m, or the maximum when that is smaller."""
    return heap if heap.lower() in {"128m", "192m"} else "256m"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def _is_neo4j_process(pid: int, root: Path) -> bool:
    """True when `pid` is alive and is the Neo4j server of this data directory (not a reused pid)."""
    if not _pid_alive(pid):
        return False
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return True
    return "CommunityEntryPoint" in command_line and f"--home-dir={root}" in command_line


def _check_port_free(port: int) -> None:
    try:
        ensure_port_free("127.0.0.1", port, "--port (or CLAIMGRAPH_NEO4J_PORT)")
    except ConfigError as error:
        raise Neo4jServerError(str(error)) from error
