"""The `claimgraph` command line.

Each command group lives in its own module here and registers itself on `app` when imported;
`COMMAND_MODULES` lists them. An intended error (`ClaimGraphError`) is printed as one line on
standard error with exit code 1, never as a traceback.
"""

from __future__ import annotations

import importlib
import sys

from claimgraph.exceptions import ClaimGraphError
from claimgraph_app.cli.app import app, console_err

COMMAND_MODULES = (
    "claimgraph_app.cli.version",
    "claimgraph_app.cli.neo4j",
    "claimgraph_app.cli.extract",
    "claimgraph_app.cli.serve",
    "claimgraph_app.cli.alerts",
    "claimgraph_app.cli.crawl",
    "claimgraph_app.cli.ingest",
    "claimgraph_app.cli.entities",
    "claimgraph_app.cli.run",
    "claimgraph_app.cli.demo",
    "claimgraph_app.cli.worker",
    "claimgraph_app.cli.status",
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module)


def main() -> None:
    """Entry point of the `claimgraph` script."""
    try:
        app()
    except ClaimGraphError as error:
        console_err.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)


__all__ = ["app", "main"]
