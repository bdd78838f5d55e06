"""`claimgraph status`: the queues between stages (stream lengths, pending entries, dead letters, workers).

A stream's length counts the entries it still holds: those every group has acknowledged are
trimmed away by the workers, so `ever added` is what went through it."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer

from claimgraph.exceptions import ConfigError
from claimgraph_app.cli.app import app, console, settings


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as one JSON object.")] = False,
    dead: Annotated[int, typer.Option("--dead", min=0, help="Also list the newest N dead letters.")] = 0,
) -> None:
    """Show each stream's length, pending entries and lag, the dead letters, and the live workers."""
    current = settings()
    if not current.redis_url:
        raise ConfigError("no queues to show: ClaimGraph runs in one process unless CLAIMGRAPH_REDIS_URL is set")
    from claimgraph_app.streams import Streams, connect_redis

    streams = Streams(connect_redis(current), current)
    state = streams.status()
    letters = streams.dead_letters(dead) if dead else []
    if as_json:
        payload = {
            "streams": [vars(item) for item in state.streams],
            "dead": state.dead,
            "workers": state.workers,
            "dead_letters": letters,
        }
        console.print_json(json.dumps(payload))
        return
    for item in state.streams:
        lag = "?" if item.lag is None else item.lag
        added = "?" if item.added is None else item.added
        console.print(
            f"{item.name:<12} length {item.length:>7}  group {item.group or '-':<8} pending {item.pending:>5}  "
            f"not yet read {lag:>7}  consumers {item.consumers}  ever added {added}",
            highlight=False,
        )
    console.print(f"{'dead':<12} length {state.dead:>7}", highlight=False)
    now = time.time()
    if not state.workers:
        console.print("workers: none alive", highlight=False)
    for entry in state.workers:
        console.print(
            f"worker {entry['stage']:<8} {entry['consumer']}: {entry['handled']} handled, {entry['refused']} "
            f"dead-lettered, last beat {now - entry['at']:.0f} s ago",
            highlight=False,
        )
    for letter in letters:
        console.print(f"dead {letter['id']} ({letter['stage']}, entry {letter['entry']}): {letter['error']}",
                      highlight=False)  # fmt: skip
