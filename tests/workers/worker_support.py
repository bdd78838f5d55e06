"""Helpers of the worker tests: the settings a worker process reads, and killing a worker mid-batch."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import redis

from claimgraph.settings import Settings

ARTICLE_COUNT = 6


def settings_of(env: dict[str, str]) -> Settings:
    """The settings a worker process started with `env` reads."""
    return Settings(
        neo4j_uri=env["NEO4J_URI"],
        neo4j_user=env["NEO4J_USER"],
        neo4j_password=env["NEO4J_PASSWORD"],
        neo4j_database=env["CLAIMGRAPH_NEO4J_DATABASE"],
        data_dir=Path(env["CLAIMGRAPH_DATA_DIR"]),
        redis_url=env["CLAIMGRAPH_REDIS_URL"],
        stream_batch_size=int(env["CLAIMGRAPH_STREAM_BATCH_SIZE"]),
        ingest_batch_size=int(env["CLAIMGRAPH_INGEST_BATCH_SIZE"]),
        stream_claim_idle=float(env["CLAIMGRAPH_STREAM_CLAIM_IDLE"]),
        worker_heartbeat=float(env["CLAIMGRAPH_WORKER_HEARTBEAT"]),
    )


def pending_of(client: redis.Redis, stream: str, group: str) -> int:
    return int(client.xpending(stream, group)["pending"])


def kill_while_pending(process: subprocess.Popen, client: redis.Redis, stream: str, group: str) -> int:
    """SIGKILL `process` at a moment when it holds entries it has not acknowledged; returns how many.

    The process is frozen (SIGSTOP) first, and killed only when entries are still pending once it is
    frozen, so the kill always lands mid-batch however fast the batch is.
    """
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, "the worker exited before it could be killed mid-batch"
        if pending_of(client, stream, group):
            process.send_signal(signal.SIGSTOP)
            held = pending_of(client, stream, group)
            if held:
                process.kill()
                process.wait(timeout=30)
                return held
            process.send_signal(signal.SIGCONT)
        time.sleep(0.002)
    raise AssertionError("the worker never held an entry")
