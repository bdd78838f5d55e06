"""`claimgraph run`: crawl → extract → ingest → alerts, once or every so often."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from claimgraph.exceptions import ClaimGraphError, ConfigError
from claimgraph_app.cli.app import app, console, console_err, settings
from claimgraph_app.durations import parse_duration
from claimgraph_app.pipeline import PassReport, Pipeline, PipelineStopped

logger = logging.getLogger(__name__)


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM (a second SIGINT interrupts at once)."""
    stop = threading.Event()

    def handle(signum: int, frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        console_err.print(f"{signal.Signals(signum).name}: stopping at the next batch boundary ...")
        stop.set()

    previous = {signum: signal.signal(signum, handle) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class StageProgress:
    """A rich progress display with one line per stage, fed by the pipeline's events."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, event: dict[str, Any]) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=None)
        task = self.tasks[stage]
        kind = event.get("event")
        if kind == "start" and "total" in event:
            self.progress.update(task, total=event["total"], completed=0)
        elif kind == "batch":
            self.progress.advance(task, event.get("count", 1))
        elif kind in {"article", "fetched", "skipped"}:
            self.progress.advance(task, 1)
            self.progress.update(task, description=f"crawl ({kind})")
        elif kind == "loading model":
            self.progress.update(task, description="extract (loading the spaCy model)")


def run_passes(pipeline: Pipeline, every: float | None) -> PassReport | None:
    """One pass, or passes every `every` seconds until stopped; returns the last report."""
    last: PassReport | None = None
    while True:
        try:
            last = pipeline.run_pass()
            for line in last.lines():
                console.print(line, highlight=False)
        except PipelineStopped as stopped:
            console_err.print(str(stopped))
            return last
        except ClaimGraphError as error:
            if every is None:
                raise
            console_err.print(f"[bold red]pass failed:[/] {error} (retrying in {every:.0f} s)", highlight=False)
        if every is None or pipeline.stop.wait(every):
            return last


@app.command()
def run(
    sources: Annotated[Path | None, typer.Option("--sources", help="Sources file (default: sources_file).")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Fills {base_url} placeholders in the sources file.")
    ] = None,
    every: Annotated[
        str | None, typer.Option("--every", help="Run continuously, a pass every DURATION (e.g. 15m).")
    ] = None,
) -> None:
    """Run the pipeline over the configured sources: crawl, extract, ingest, alerts.

    A pass killed at any moment is finished by the next run, with nothing lost and nothing done
    twice. SIGINT/SIGTERM stop cleanly at a batch boundary.
    """
    current = settings()
    sources_file = sources or current.sources_file
    if not sources_file.exists():
        raise ConfigError(
            f"sources file not found: {sources_file} (pass --sources FILE or set CLAIMGRAPH_SOURCES_FILE)"
        )
    interval = parse_duration(every) if every else None
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with stop_on_signals() as stop, Progress(*columns, console=console_err, transient=True) as progress:
        pipeline = Pipeline(
            current, sources_file=sources_file, base_url=base_url, stop=stop, progress=StageProgress(progress)
        )
        try:
            report = run_passes(pipeline, interval)
        finally:
            pipeline.close()
    if report is None or not report.finished:
        raise typer.Exit(1)
