"""`claimgraph ingest FILE.jsonl`: Extraction records into the graph, in batched transactions."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from neo4j import Driver
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.connection import resolve_connection
from claimgraph.jsonl import BadLine, count_lines, open_input, parse_line
from claimgraph.records import Extraction
from claimgraph.stage_driver import Item, StageDriver
from claimgraph_app.cli.app import app, console, console_err, settings
from graph.batch import check_extraction
from graph.driver import connect
from graph.writer import BatchResult, write_extractions

logger = logging.getLogger(__name__)


class _Ingestion:
    """Writes extractions through the stage driver (a refused batch is retried line by line) and keeps the tally."""

    def __init__(self, driver: Driver, batch_size: int, window_days: int, database: str, min_confidence: float):
        self.driver = driver
        self.window_days = window_days
        self.database = database
        self.min_confidence = min_confidence
        self.total = BatchResult()
        self.refused: list[str] = []
        self.stage: StageDriver[Extraction, BatchResult] = StageDriver(
            self._write,
            batch_size=batch_size,
            validate=check_extraction,
            on_batch=lambda items, result: self.total.add(result),
            on_refused=lambda item, reason: self.refuse(item.key, reason),
        )

    def refuse(self, where: str, reason: str) -> None:
        message = f"{where}: {reason}"
        self.refused.append(message)
        console_err.print(f"[yellow]refused[/] {message}", highlight=False)

    def _write(self, extractions: list[Extraction]) -> BatchResult:
        return write_extractions(
            self.driver,
            extractions,
            window_days=self.window_days,
            status_min_confidence=self.min_confidence,
            database=self.database,
        )


@app.command()
def ingest(
    path: Annotated[
        Path, typer.Argument(help="JSONL file of Extraction records (from `claimgraph extract`); - for stdin.")
    ],
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size", min=1, help="Extractions per write transaction (default: setting ingest_batch_size)."
        ),
    ] = None,
    window_days: Annotated[
        int | None,
        typer.Option(
            "--window-days",
            min=0,
            help="Reports of one accusation at most this many days apart are one claim (default: setting).",
        ),
    ] = None,
) -> None:
    """Write extractions into the Neo4j graph: idempotent, one transaction per batch; bad lines are reported."""
    current = settings()
    handle = open_input(path)  # a missing file is reported before any connection is tried
    try:
        total_lines = None if handle is sys.stdin else count_lines(path)
        connection = resolve_connection(current)
        driver = connect(connection, timeout=current.neo4j_connect_timeout)
        try:
            ingestion = _Ingestion(
                driver,
                batch_size or current.ingest_batch_size,
                current.claim_merge_window_days if window_days is None else window_days,
                connection.database,
                current.status_min_confidence,
            )
            _run(ingestion, numbered_records(handle), total_lines)
        finally:
            driver.close()
    finally:
        if handle is not sys.stdin:
            handle.close()
    _print_summary(ingestion.total, ingestion.refused)
    if ingestion.refused:
        raise typer.Exit(1)


def _run(ingestion: _Ingestion, records: Iterator[tuple[int, Extraction | BadLine]], total: int | None) -> None:
    """Feed every line to the ingestion under a progress display on stderr."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[claims]} claims new"),
        TimeElapsedColumn(),
        console=console_err,
        transient=True,
    )
    with progress:
        task = progress.add_task("ingest", total=total, claims=0)

        def advance(event: dict[str, Any]) -> None:
            progress.advance(task, event.get("count", 1))
            progress.update(task, claims=ingestion.total.claims_new)

        ingestion.stage.progress = advance

        def items() -> Iterator[Item[Extraction]]:
            for line_number, item in records:
                if isinstance(item, BadLine):
                    ingestion.refuse(f"line {item.line_number}", item.reason)
                    progress.advance(task)
                    continue
                yield Item(f"line {line_number}", item)

        ingestion.stage.run(items())


def numbered_records(handle: IO[str]) -> Iterator[tuple[int, Extraction | BadLine]]:
    """Each non-blank line as (line number, Extraction or BadLine): `read_records`, with line numbers."""
    for line_number, line in enumerate(handle, start=1):
        if line.strip():
            yield line_number, parse_line(line, Extraction, line_number)


def _print_summary(total: BatchResult, refused: list[str]) -> None:
    console.print(
        f"ingested {total.extractions} extractions: {total.articles} articles, {total.entities} entities, "
        f"{total.reports} claim reports ({total.claims_new} new claims, {total.reports_merged} merged into "
        f"existing claims), {total.responses} responses, disputes {total.disputes_new} new / "
        f"{total.disputes_changed} changed; {len(refused)} bad lines refused"
        + ("" if total.changed else "; the graph was already up to date"),
        highlight=False,
    )
