"""`claimgraph serve`: the HTTP API under uvicorn."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from claimgraph.ports import ensure_port_free
from claimgraph_app.cli.app import app, console_err, settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (default: api_host, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port to bind (default: api_port, 8000).")] = None,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) until interrupted."""
    import uvicorn

    from api.main import create_app

    current = settings()
    bind_host = host or current.api_host
    bind_port = port or current.api_port
    ensure_port_free(bind_host, bind_port, "--port")
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # query hints, not errors: keep the log readable
    console_err.print(f"ClaimGraph API on http://{bind_host}:{bind_port} (docs at /docs)", highlight=False)
    uvicorn.run(create_app(current), host=bind_host, port=bind_port, log_level=log_level)
