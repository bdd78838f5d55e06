"""Shared fixtures: a real Neo4j for the whole run, and a clean graph per test that asks for it;
a real redis-server (Debian's) for the tests of the workers, started only when a test asks for it.

When NEO4J_URI is set, the tests use that server (it must be a disposable one: tests wipe it).
Otherwise one managed local server is started for the session in a temporary data directory on
a free port, and stopped at the end.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from redis_support import MISSING, redis_available, redis_server

from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import LocalNeo4j, free_port
from claimgraph.settings import Settings
from graph.driver import connect

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
TEST_DATABASE = os.environ.get("CLAIMGRAPH_TEST_DATABASE", "claimgraph-test")
"""The managed test server's database: not Neo4j's default name, so that a read, a write or a test that
forgets the configured database (`neo4j_database`) fails instead of passing by luck."""


@pytest.fixture(scope="session")
def neo4j_connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConnection]:
    """The Neo4j server every graph test talks to."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConnection(
            uri=os.environ["NEO4J_URI"],
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("CLAIMGRAPH_NEO4J_DATABASE", "neo4j"),
            hint="check NEO4J_URI / NEO4J_PASSWORD",
        )
        return
    data_dir = tmp_path_factory.mktemp("neo4j")
    settings = Settings(data_dir=data_dir, neo4j_password="test-password-123", neo4j_database=TEST_DATABASE)
    server = LocalNeo4j(settings, data_dir=data_dir / "neo4j", port=free_port())
    state = server.start()
    try:
        yield Neo4jConnection(state.uri, "neo4j", "test-password-123", TEST_DATABASE, hint="test server")
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_connection: Neo4jConnection) -> Iterator[Driver]:
    driver = connect(neo4j_connection)
    yield driver
    driver.close()


@pytest.fixture
def clean_graph(neo4j_driver: Driver) -> Driver:
    """The driver, on an empty graph (nodes, relationships; constraints and indexes stay)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_driver


@pytest.fixture
def cli_env(neo4j_connection: Neo4jConnection, tmp_path: Path) -> dict[str, str]:
    """Environment for running `claimgraph` in a subprocess against the test server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        NEO4J_URI=neo4j_connection.uri,
        NEO4J_USER=neo4j_connection.user,
        NEO4J_PASSWORD=neo4j_connection.password or "",
        CLAIMGRAPH_NEO4J_DATABASE=neo4j_connection.database,
        CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"),
        CLAIMGRAPH_CONFIG=str(tmp_path / "no-config.toml"),
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="session")
def claimgraph_command() -> list[str]:
    """The `claimgraph` command of this virtualenv."""
    return [sys.executable, "-m", "claimgraph_app"]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port for the whole run (skips, naming the fix, when absent)."""
    if not redis_available():
        pytest.skip(MISSING)
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def clean_redis(redis_url: str) -> str:
    """The Redis URL, on an empty database."""
    import redis

    with redis.Redis.from_url(redis_url) as client:
        client.flushdb()
    return redis_url
