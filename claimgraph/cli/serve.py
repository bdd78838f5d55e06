"""`claimgraph serve`: the HTTP API under uvicorn."""

from __future__ import annotations

import errno
import logging
import socket
from typing import Annotated

import typer

from claimgraph.cli.app import app, console_err, settings
from claimgraph.exceptions import ConfigError


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ConfigError(f"port {port} on {host} is already in use: choose another with --port") from error
            raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror}") from error


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
    _check_port_free(bind_host, bind_port)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # query hints, not errors: keep the log readable
    console_err.print(f"ClaimGraph API on http://{bind_host}:{bind_port} (docs at /docs)", highlight=False)
    uvicorn.run(create_app(current), host=bind_host, port=bind_port, log_level=log_level)
