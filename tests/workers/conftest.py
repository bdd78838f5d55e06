"""Fixtures of the worker tests: a few real articles, and `claimgraph worker` processes on the test services."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from worker_support import ARTICLE_COUNT

from claimgraph.records import Article
from nlp.inputs import ArticleLine

REPO_ROOT = Path(__file__).resolve().parents[2]
WIRE_SET = REPO_ROOT / "eval" / "wire_claims.jsonl"


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    """The first articles of the wire set (written for the tests: they make claims and disputes)."""
    lines = WIRE_SET.read_text(encoding="utf-8").splitlines()[:ARTICLE_COUNT]
    return [Article.model_validate(ArticleLine.model_validate(json.loads(line)).model_dump()) for line in lines]


@pytest.fixture
def worker_env(cli_env: dict[str, str], clean_redis: str) -> dict[str, str]:
    """Environment of a `claimgraph worker` process: the CLI's on the test graph, with the test Redis and
    short batches, claim timeout and heartbeat."""
    return {
        **cli_env,
        "CLAIMGRAPH_REDIS_URL": clean_redis,
        "CLAIMGRAPH_STREAM_BATCH_SIZE": "2",
        "CLAIMGRAPH_INGEST_BATCH_SIZE": "1",
        "CLAIMGRAPH_STREAM_CLAIM_IDLE": "1",
        "CLAIMGRAPH_WORKER_HEARTBEAT": "1",
    }


@pytest.fixture
def start_worker(worker_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen]]:
    """Start `claimgraph worker STAGE [ARGS]`; every process still running at the end is killed."""
    started: list[subprocess.Popen] = []

    def start(stage: str, *args: str) -> subprocess.Popen:
        log = open(tmp_path / f"worker-{stage}-{len(started)}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "-m", "claimgraph_app", "worker", stage, *args],
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
