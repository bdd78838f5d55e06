"""Connecting to Neo4j: one driver per process, errors a user can act on."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DatabaseUnavailable,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from claimgraph.connection import Neo4jConnection
from claimgraph.exceptions import ClaimGraphError, GraphUnavailableError
from graph import queries

logger = logging.getLogger(__name__)

DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"


def missing_database(database: str | None) -> GraphUnavailableError:
    """The error for a configured database the server does not have (never a silent fall-back)."""
    return GraphUnavailableError(
        f"Neo4j has no database {database!r}: set the neo4j_database setting (CLAIMGRAPH_NEO4J_DATABASE) "
        "to one it has, such as 'neo4j' (Neo4j Community has only 'neo4j')"
    )


@contextmanager
def neo4j_errors(
    database: str | None, doing: str, other: Callable[[Neo4jError], ClaimGraphError] | None = None
) -> Iterator[None]:
    """The one translation of the driver's errors into ours, for every read and write of `graph/`.

    Unreachable server, refused credentials, a database the server does not have: `GraphUnavailableError`
    saying what to do; any other server error: `other(error)` when given (a write's `GraphWriteError`),
    else it propagates as it is (a read's caller decides). `doing` names the work in the message.
    """
    try:
        yield
    except AuthError as error:
        raise GraphUnavailableError(f"Neo4j refused the credentials ({doing}): {error.message}") from error
    except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as error:
        raise GraphUnavailableError(f"Neo4j is not reachable ({doing}): {error}") from error
    except Neo4jError as error:
        if error.code == DATABASE_NOT_FOUND:
            raise missing_database(database) from error
        if other is None:
            raise
        raise other(error) from error


def connect(connection: Neo4jConnection, *, timeout: float = 5.0, verify: bool = True) -> Driver:
    """A driver for `connection`; with `verify`, fail now (one clear message) when unreachable."""
    if connection.password is None:
        raise GraphUnavailableError(
            f"no Neo4j password known for {connection.uri}: {connection.hint} (or set NEO4J_PASSWORD)"
        )
    try:
        driver = GraphDatabase.driver(
            connection.uri,
            auth=(connection.user, connection.password),
            connection_timeout=timeout,
            max_transaction_retry_time=15.0,
            # Our queries name optional properties (fetched_at, ...) that may not exist yet: no log noise.
            notifications_min_severity="OFF",
        )
    except (ValueError, ConfigurationError) as error:
        raise GraphUnavailableError(f"invalid Neo4j URI {connection.uri!r}: {error}") from error
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as error:
            driver.close()
            raise GraphUnavailableError(
                f"Neo4j at {connection.uri} refused the credentials of user {connection.user!r}: {connection.hint}"
            ) from error
        except (ServiceUnavailable, OSError) as error:
            driver.close()
            raise GraphUnavailableError(f"Neo4j is not reachable at {connection.uri}: {connection.hint}") from error
    return driver


def ping(driver: Driver, connection: Neo4jConnection) -> None:
    """Raise GraphUnavailableError unless the server answers `queries.PING` now, in `connection.database`.

    Auto-commit, so the driver does not retry; no time limit of its own (a frozen server is the
    caller's to wait for, as `api.graph_gate` does in a thread of its own).
    """
    try:
        with driver.session(database=connection.database) as session:
            session.run(queries.PING).consume()
    except AuthError as error:
        raise GraphUnavailableError(f"Neo4j at {connection.uri} refused the credentials: {connection.hint}") from error
    except (ServiceUnavailable, SessionExpired, OSError) as error:
        raise GraphUnavailableError(f"Neo4j is not reachable at {connection.uri}: {connection.hint}") from error
    except ClientError as error:
        if error.code == DATABASE_NOT_FOUND:
            raise missing_database(connection.database) from error
        raise
