"""`claimgraph worker extract|ingest|alerts`: one stage as a long-lived worker over Redis Streams."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from enum import StrEnum
from typing import Annotated

import typer

from claimgraph.cli.app import app, console_err, settings
from claimgraph.cli.run import stop_on_signals
from claimgraph.exceptions import ConfigError

ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
"""Worker processes share the cores: each keeps numpy's BLAS to one thread (unless the user set it)."""


class WorkerStage(StrEnum):
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
) -> None:
    """Run one stage as a worker reading its Redis stream (needs CLAIMGRAPH_REDIS_URL).

    Any number of workers, on any number of machines, share a stage's stream. SIGINT/SIGTERM stop
    after the current batch; a worker killed outright leaves its entries to be claimed by another.
    """
    current = settings()
    if not current.redis_url:
        raise ConfigError("`claimgraph worker` needs Redis: set CLAIMGRAPH_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
    if concurrency > 1:
        raise typer.Exit(_run_processes(stage, concurrency, exit_when_idle))
    from claimgraph.workers import Worker

    with stop_on_signals() as stop:
        process = Worker(str(stage), current, stop=stop, idle_exit=exit_when_idle)
        console_err.print(f"{stage} worker {process.consumer.name} reading {process.consumer.key}", highlight=False)
        report = process.run()
    console_err.print(f"{stage} worker: {report.handled} records handled, {report.refused} dead-lettered")


def _run_processes(stage: WorkerStage, count: int, exit_when_idle: float | None) -> int:
    """`count` single workers as child processes (one process each: extraction is CPU-bound)."""
    command = [sys.executable, "-m", "claimgraph", "worker", str(stage)]
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
