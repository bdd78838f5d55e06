"""Constraints and indexes, created once per process before the first write.

Every statement is `CREATE ... IF NOT EXISTS`, so running it against a graph that already has
them changes nothing and costs a few milliseconds.
"""

from __future__ import annotations

import logging
import threading

from neo4j import Driver
from neo4j.exceptions import Neo4jError

from claimgraph.exceptions import GraphWriteError
from graph import queries
from graph.driver import neo4j_errors

logger = logging.getLogger(__name__)

_ensured: set[tuple[int, str | None]] = set()
_lock = threading.Lock()


def schema_statements() -> list[str]:
    """Every set-up statement, constraints first (their backing indexes serve the MERGEs)."""
    statements = [queries.unique_constraint(label, key) for label, key in queries.UNIQUE_KEYS]
    statements += [queries.range_index(label, key) for label, key in queries.RANGE_INDEXES]
    statements += [queries.CREATE_ENTITY_FULLTEXT, queries.CREATE_DISPUTE_FULLTEXT]
    return statements


def ensure_schema(driver: Driver, *, database: str | None = None, force: bool = False) -> None:
    """Create the constraints and indexes unless this process already did so for this driver."""
    key = (id(driver), database)
    with _lock:
        if key in _ensured and not force:
            return

        def failed(error: Neo4jError) -> GraphWriteError:
            return GraphWriteError(f"could not create the graph's constraints and indexes: {error.message}")

        with neo4j_errors(database, "setting up the schema", failed), driver.session(database=database) as session:
            for statement in schema_statements():
                session.run(statement).consume()
            session.run(queries.AWAIT_INDEXES).consume()
        _ensured.add(key)
        logger.debug("graph schema ensured (%d statements)", len(schema_statements()))
