"""`claimgraph alerts`: match new graph events to subscriptions, fill feeds, deliver webhooks."""

from __future__ import annotations

import re
import threading
from typing import Annotated

import typer

from claimgraph.exceptions import ConfigError
from claimgraph_app.cli.app import app, console, console_err, settings

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


def parse_duration(text: str) -> float:
    """'60s', '5m', '1h' or plain seconds, as seconds."""
    match = _DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every {text!r}: give a positive duration such as 30s, 5m or 1h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]


@app.command()
def alerts(
    once: Annotated[bool, typer.Option("--once", help="Run one pass and exit (the default).")] = False,
    every: Annotated[
        str | None, typer.Option("--every", help="Run a pass every DURATION (30s, 5m, 1h) until interrupted.")
    ] = None,
) -> None:
    """Match new claims and dispute status changes to subscriptions, fill their feeds, deliver webhooks."""
    from api.dispatcher import DispatchReport, dispatch_once, run_forever
    from claimgraph.connection import resolve_connection
    from graph.driver import connect

    if once and every:
        raise ConfigError("choose either --once or --every, not both")
    interval = parse_duration(every) if every else None
    current = settings()
    driver = connect(resolve_connection(current), timeout=current.neo4j_connect_timeout)
    try:
        if interval is None:
            with console_err.status("dispatching alerts ..."):
                report = dispatch_once(driver, current)
            console.print(f"alerts: {report.summary()}", highlight=False)
            for error in report.errors:
                console_err.print(f"[yellow]warning:[/] {error}", highlight=False)
            return

        def show(report: DispatchReport) -> None:
            console.print(f"alerts: {report.summary()}", highlight=False)

        stop = threading.Event()
        console_err.print(f"dispatching alerts every {interval:g} s; Ctrl-C stops", highlight=False)
        try:
            run_forever(driver, current, interval, stop=stop, on_pass=show)
        except KeyboardInterrupt:
            stop.set()
            console_err.print("stopped", highlight=False)
    finally:
        driver.close()
