"""`claimgraph entities`: the merges entity resolution made, and undoing one."""

from __future__ import annotations

from typing import Annotated

import typer

from claimgraph_app.cli.app import app, console, settings

entities_app = typer.Typer(
    help="Entity resolution: list the names merged into other entities, undo a merge.", no_args_is_help=True
)
app.add_typer(entities_app, name="entities")


@entities_app.command("merges")
def merges(
    into: Annotated[str | None, typer.Option("--into", help="Only the names merged into this entity id.")] = None,
) -> None:
    """List the merges entity resolution recorded: merged id -> entity id, name, reason, refused."""
    from claimgraph.connection import resolve_connection
    from graph import reads
    from graph.driver import connect

    current = settings()
    connection = resolve_connection(current)
    driver = connect(connection, timeout=current.neo4j_connect_timeout)
    try:
        rows = reads.entity_merges(driver, into=into, database=connection.database)
    finally:
        driver.close()
    if not rows:
        console.print("no entity merges recorded", highlight=False)
    for row in rows:
        state = "undone" if row.get("refused") else "active"
        console.print(
            f"{row['id']} -> {row['into']}  ({row.get('name')}, {row.get('type')}; {row.get('reason')}; {state})",
            highlight=False,
        )


@entities_app.command("unmerge")
def unmerge(
    merged_id: Annotated[str, typer.Argument(help="The id the merged name had (see `claimgraph entities merges`).")],
) -> None:
    """Undo a merge: the name is its own entity again, with its claims and disputes, and is never merged back."""
    from claimgraph.connection import resolve_connection
    from graph.driver import connect
    from graph.writer import unmerge_entity

    current = settings()
    connection = resolve_connection(current)
    driver = connect(connection, timeout=current.neo4j_connect_timeout)
    try:
        record = unmerge_entity(
            driver,
            merged_id,
            window_days=current.claim_merge_window_days,
            status_min_confidence=current.status_min_confidence,
            database=connection.database,
        )
    finally:
        driver.close()
    console.print(f"undone: {record['id']} ({record.get('name')}) is no longer {record['into']}", highlight=False)
