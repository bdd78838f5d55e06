"""The `claimgraph` command line.

Each command group lives in its own module here and registers itself on `app` when imported;
`COMMAND_MODULES` lists them. An intended error (`ClaimGraphError`) is printed as one line on
standard error with exit code 1, never as a traceback.
"""

from __future__ import annotations

import importlib
import sys

from claimgraph.cli.app import app, console_err
from claimgraph.exceptions import ClaimGraphError

COMMAND_MODULES = (
    "claimgraph.cli.version",
    "claimgraph.cli.neo4j",
    "claimgraph.cli.extract",
    "claimgraph.cli.serve",
    "claimgraph.cli.alerts",
    "claimgraph.cli.crawl",
    "claimgraph.cli.ingest",
    "claimgraph.cli.entities",
    "claimgraph.cli.run",
    "claimgraph.cli.demo",
    "claimgraph.cli.worker",
    "claimgraph.cli.status",
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
