"""The Typer application and what every command shares (consoles, logging, settings)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler

from claimgraph.settings import Settings, get_settings

app = typer.Typer(
    name="claimgraph",
    help="Follow disputes in the AI industry through the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
console_err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _configure(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug messages.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log warnings and errors only.")] = False,
) -> None:
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=console_err, show_path=False, show_time=False)],
        force=True,
    )
    for noisy in ("neo4j", "scrapy", "twisted", "trafilatura", "htmldate", "filelock", "urllib3", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def settings() -> Settings:
    """The settings every command reads (environment and config file)."""
    return get_settings()
