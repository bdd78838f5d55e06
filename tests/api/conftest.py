"""Fixtures: a real uvicorn serving the API on 127.0.0.1, against the session's real Neo4j."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from apitest_support import make_settings, running_api

from claimgraph.connection import Neo4jConnection
from claimgraph.settings import Settings


@pytest.fixture(scope="session")
def api_settings(neo4j_connection: Neo4jConnection, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(neo4j_connection, tmp_path_factory.mktemp("api-data"))


@pytest.fixture(scope="session")
def api_url(api_settings: Settings) -> Iterator[str]:
    """Base URL of one API server shared by the session's tests."""
    with running_api(api_settings) as url:
        yield url


@pytest.fixture
def client(api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_url, timeout=30) as http:
        yield http


@pytest.fixture
def api_factory(
    neo4j_connection: Neo4jConnection, tmp_path: Path
) -> Iterator[Callable[..., AbstractContextManager[str]]]:
    """Start another API server with some settings changed: `with api_factory(cypher_timeout=1) as url:`."""

    def factory(**overrides: object) -> AbstractContextManager[str]:
        return running_api(make_settings(neo4j_connection, tmp_path / "data", **overrides))

    yield factory
