"""`claimgraph worker crawl|extract|ingest|alerts`: one stage as a long-lived worker over Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.exceptions import ConfigError
from claimgraph.settings import Settings
from claimgraph_app.cli.app import app, console_err, settings
from claimgraph_app.cli.run import stop_on_signals
from claimgraph_app.durations import parse_duration

ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
"""Worker processes share the cores: each keeps numpy's BLAS to one thread (unless the user set it)."""


class WorkerStage(StrEnum):
    CRAWL = "crawl"
    EXTRACT = "extract"
    INGEST = "ingest"
    ALERTS = "alerts"


@app.command()
def worker(
    stage: Annotated[WorkerStage, typer.Argument(help="The stage this worker runs.")],
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, help="Worker processes to run (one per core for extract).")
    ] = 1,
    exit_when_idle: Annotated[
        float | None,
        typer.Option("--exit-when-idle", min=0, help="Exit after SECONDS idle (default: run until stopped)."),
    ] = None,
    every: Annotated[str, typer.Option("--every", help="crawl: a crawl pass every DURATION.")] = "15m",
    sources: Annotated[Path | None, typer.Option("--sources", help="crawl: sources file (default: setting).")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="crawl: fills {base_url} in sources.")] = None,
) -> None:
    """Run one stage as a worker over Redis (needs CLAIMGRAPH_REDIS_URL).

    extract, ingest and alerts read their stage's stream: any number of workers, on any number of
    machines, share it. crawl runs a crawl pass every --every on the shared frontier and hands the
    articles to the stream (one crawler per data directory; more on other machines).
    SIGINT/SIGTERM stop after the current batch; a worker killed outright leaves its entries to be
    claimed by another.
    """
    current = settings()
    if not current.redis_url:
        raise ConfigError("`claimgraph worker` needs Redis: set CLAIMGRAPH_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
    if stage == WorkerStage.CRAWL:
        if concurrency > 1:
            raise ConfigError(
                "one crawl worker per data directory: start more on other machines (or with another "
                "CLAIMGRAPH_DATA_DIR); they share the frontier through Redis"
            )
        _crawl_worker(current, sources, base_url, parse_duration(every))
        return
    if concurrency > 1:
        raise typer.Exit(_run_processes(stage, concurrency, exit_when_idle))
    from claimgraph_app.workers import Worker

    with stop_on_signals() as stop:
        process = Worker(str(stage), current, stop=stop, idle_exit=exit_when_idle)
        console_err.print(f"{stage} worker {process.consumer.name} reading {process.consumer.key}", highlight=False)
        report = process.run()
    console_err.print(f"{stage} worker: {report.handled} records handled, {report.refused} dead-lettered")


def _crawl_worker(current: Settings, sources: Path | None, base_url: str | None, every: float) -> None:
    from claimgraph_app.cli.run import run_passes
    from claimgraph_app.pipeline import Pipeline

    sources_file = sources or current.sources_file
    if not sources_file.exists():
        raise ConfigError(
            f"sources file not found: {sources_file} (pass --sources FILE or set CLAIMGRAPH_SOURCES_FILE)"
        )
    with stop_on_signals() as stop:
        pipeline = Pipeline(current, sources_file=sources_file, base_url=base_url, stop=stop)
        try:
            run_passes(pipeline, every)
        finally:
            pipeline.close()


def _run_processes(stage: WorkerStage, count: int, exit_when_idle: float | None) -> int:
    """`count` single workers as child processes (one process each: extraction is CPU-bound)."""
    command = [sys.executable, "-m", "claimgraph_app", "worker", str(stage)]
    if exit_when_idle is not None:
        command += ["--exit-when-idle", str(exit_when_idle)]
    env = {**ONE_THREAD, **os.environ}
    children = [subprocess.Popen(command, env=env) for _ in range(count)]

    def forward(signum: int, frame: object) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        codes = [child.wait() for child in children]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return max(codes)
