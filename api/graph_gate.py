"""The API's one Neo4j driver, behind a cheap reachability check.

The driver retries a managed transaction for up to 15 s when the server is down, which would make
every request hang before its 503. The gate answers at once instead: it probes the server with an
auto-commit `RETURN 1` (no retries; `graph.driver.ping`) at most once every `PROBE_INTERVAL`
seconds while the server answers, and on every request while it does not.

A frozen server (process stopped, socket open) accepts bytes and never answers: the driver would
wait for the server's own read-timeout hint (two minutes). So the probe runs in a thread of its own
and the gate waits at most `answer_timeout` seconds for it: past that, 503. Requests arriving while
a probe is still out share it instead of starting more.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from neo4j import Driver

from claimgraph.connection import Neo4jConnection
from claimgraph.exceptions import GraphUnavailableError
from graph.driver import connect, ping

logger = logging.getLogger(__name__)

PROBE_INTERVAL = 2.0


class GraphGate:
    """Holds the driver (or why there is none) and says whether the server answers."""

    def __init__(self, connection: Neo4jConnection, *, connect_timeout: float, answer_timeout: float = 5.0) -> None:
        self.connection = connection
        self.answer_timeout = answer_timeout
        self._driver: Driver | None = None
        self._error: str | None = None
        self._last_ok = 0.0
        self._lock = threading.Lock()
        self._prober = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-probe")
        self._probe: Future[None] | None = None
        try:
            self._driver = connect(connection, timeout=connect_timeout, verify=False)
        except GraphUnavailableError as error:
            self._error = str(error)
            logger.warning("the API starts without a graph: %s", error)

    def probe(self) -> None:
        """Raise GraphUnavailableError unless the server answers `RETURN 1` now, in the configured database."""
        if self._driver is None:
            raise GraphUnavailableError(self._error or "no Neo4j driver")
        ping(self._driver, self.connection)
        self._last_ok = time.monotonic()

    def check(self) -> None:
        """`probe`, waiting at most `answer_timeout` seconds (sharing a probe already out); GraphUnavailableError."""
        with self._lock:
            if self._probe is None or self._probe.done():
                self._probe = self._prober.submit(self.probe)
            probe = self._probe
        try:
            probe.result(timeout=self.answer_timeout)
        except FutureTimeout as error:
            raise GraphUnavailableError(
                f"Neo4j at {self.connection.uri} did not answer within {self.answer_timeout:g} s: "
                "it may be stopped or overloaded"
            ) from error

    def fresh_driver(self) -> Driver | None:
        """The driver when the server was seen answering within `PROBE_INTERVAL` seconds; None otherwise (no I/O)."""
        if self._driver is not None and time.monotonic() - self._last_ok < PROBE_INTERVAL:
            return self._driver
        return None

    def driver(self) -> Driver:
        """The driver, once the server was seen answering within the last `PROBE_INTERVAL` seconds."""
        if self._driver is not None and time.monotonic() - self._last_ok < PROBE_INTERVAL:
            return self._driver
        self.check()
        assert self._driver is not None
        return self._driver

    def close(self) -> None:
        self._prober.shutdown(wait=False, cancel_futures=True)
        if self._driver is not None:
            self._driver.close()
