"""`claimgraph neo4j start|stop|status`: the managed local Neo4j server."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.exceptions import Neo4jServerError
from claimgraph.neo4j_local import LocalNeo4j
from claimgraph_app.cli.app import app, console, settings

neo4j_app = typer.Typer(help="Start, stop and inspect the managed local Neo4j server.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="The server's data directory (default: <data_dir>/neo4j)."),
]
PortOption = Annotated[int | None, typer.Option("--port", help="Bolt port on 127.0.0.1 (default 7687).")]


def _server(data: Path | None, port: int | None = None) -> LocalNeo4j:
    current = settings()
    if current.neo4j_uri:
        raise Neo4jServerError(
            f"NEO4J_URI is set ({current.neo4j_uri}): ClaimGraph uses that server and starts none. "
            "Unset NEO4J_URI to use the managed local server."
        )
    return LocalNeo4j(current, data_dir=data, port=port)


@neo4j_app.command()
def start(data: DataOption = None, port: PortOption = None) -> None:
    """Start the server bound to 127.0.0.1 and wait until Bolt answers."""
    server = _server(data, port)
    began = time.monotonic()
    with console.status(f"starting Neo4j on 127.0.0.1:{server.port} ..."):
        state = server.start()
    console.print(
        f"Neo4j is up at {state.uri} (pid {state.pid}) after {time.monotonic() - began:.1f} s; data in {server.root}",
        highlight=False,
    )


@neo4j_app.command()
def stop(data: DataOption = None) -> None:
    """Stop the server cleanly and wait until its port is closed."""
    console.print(_server(data).stop(), highlight=False)


@neo4j_app.command()
def status(data: DataOption = None) -> None:
    """Say whether the server is up, and where. Exit code 0 when up, 3 when not."""
    current = _server(data).status()
    console.print(current.message, highlight=False)
    if not current.running:
        raise typer.Exit(3)
