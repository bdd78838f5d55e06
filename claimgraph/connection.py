"""Where the graph is: an existing server (`NEO4J_URI`) or the managed local one."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.neo4j_local import LocalNeo4j
from claimgraph.settings import Settings


@dataclass(frozen=True)
class Neo4jConnection:
    """Everything a driver needs; `hint` tells a user what to do when the server is not there."""

    uri: str
    user: str
    password: str | None
    database: str
    hint: str

    def __repr__(self) -> str:  # never print the password
        return f"Neo4jConnection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def resolve_connection(settings: Settings) -> Neo4jConnection:
    """The configured server when NEO4J_URI is set, otherwise the managed local server."""
    if settings.neo4j_uri:
        return Neo4jConnection(
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            hint="check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD",
        )
    local = LocalNeo4j(settings)
    state = local.read_state()
    port = state.port if state else settings.neo4j_port
    password = settings.neo4j_password
    if password is None and local.password_file.exists():
        password = local.password_file.read_text().strip()
    return Neo4jConnection(
        uri=f"bolt://127.0.0.1:{port}",
        user="neo4j",
        password=password,
        database=settings.neo4j_database,
        hint="start the local server with `claimgraph neo4j start`, or set NEO4J_URI",
    )
