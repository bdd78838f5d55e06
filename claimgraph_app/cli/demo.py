"""`claimgraph demo`: the whole product on the bundled demo news site."""

from __future__ import annotations

from typing import Annotated

import typer

from claimgraph_app.cli.app import app, console, console_err, settings
from claimgraph_app.cli.run import stop_on_signals
from claimgraph_app.demo import DEMO_SITE_PORT, check_api, running_demo
from claimgraph_app.pipeline import PassReport


@app.command()
def demo(
    port: Annotated[
        int | None, typer.Option("--port", help="Port of the API and web pages (default: api_port).")
    ] = None,
    site_port: Annotated[int, typer.Option("--site-port", help="Port of the demo news site.")] = DEMO_SITE_PORT,
    check: Annotated[
        bool, typer.Option("--check", help="Start everything, check the API answers, then stop (for CI).")
    ] = False,
) -> None:
    """Start Neo4j, serve the demo news site, run the pipeline over it, and serve the API and pages.

    Ctrl-C stops everything the demo started. A second run reuses what is installed and ingested.
    """
    current = settings()

    def say(message: str) -> None:
        console_err.print(message, highlight=False)

    def on_report(report: PassReport) -> None:
        for line in report.lines():
            console.print(line, highlight=False)

    with (
        stop_on_signals() as stop,
        running_demo(
            current,
            api_host=current.api_host,
            api_port=port or current.api_port,
            site_port=site_port,
            say=say,
            on_report=on_report,
        ) as urls,
    ):
        status = check_api(urls.api)
        disputes = status["disputes"]
        count = len(disputes["items"]) if isinstance(disputes, dict) else 0
        console.print(f"\nClaimGraph is up: open {urls.api}/ in a browser ({count} disputes so far).")
        console.print(f"API documentation: {urls.api}/docs")
        console.print(f"API key for subscriptions (the follow box): {urls.api_key}\n\nThree things to try:")
        for title, command in urls.examples():
            console.print(f"  # {title}\n  {command}", highlight=False, soft_wrap=True)
        if check:
            return
        console.print("\nPress Ctrl-C to stop everything the demo started.")
        while not stop.wait(1.0):
            pass
    console_err.print("demo stopped")
