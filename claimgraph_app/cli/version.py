"""`claimgraph version`."""

from __future__ import annotations

import platform

from claimgraph import __version__
from claimgraph_app.cli.app import app, console


@app.command()
def version() -> None:
    """Print ClaimGraph's version and those of the parts it runs on."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    console.print(f"claimgraph {__version__}", highlight=False)
    for package in ("neo4j", "scrapy", "spacy", "fastapi"):
        try:
            console.print(f"  {package} {package_version(package)}", highlight=False)
        except PackageNotFoundError:
            console.print(f"  {package} (not installed)", highlight=False)
    console.print(f"  python {platform.python_version()}", highlight=False)
