"""Fixtures of the worker tests: a few real articles, and `claimgraph worker` processes on the test services."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from worker_support import ARTICLE_COUNT

from claimgraph.connection import Neo4jConnection
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
def worker_env(neo4j_connection: Neo4jConnection, clean_redis: str, tmp_path: Path) -> dict[str, str]:
    """Environment of a `claimgraph worker` process on the test graph and the test Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        NEO4J_URI=neo4j_connection.uri,
        NEO4J_USER=neo4j_connection.user,
        NEO4J_PASSWORD=neo4j_connection.password or "",
        CLAIMGRAPH_NEO4J_DATABASE=neo4j_connection.database,
        CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"),
        CLAIMGRAPH_CONFIG=str(tmp_path / "absent.toml"),
        CLAIMGRAPH_REDIS_URL=clean_redis,
        CLAIMGRAPH_STREAM_BATCH_SIZE="2",
        CLAIMGRAPH_INGEST_BATCH_SIZE="1",
        CLAIMGRAPH_STREAM_CLAIM_IDLE="1",
        CLAIMGRAPH_WORKER_HEARTBEAT="1",
        PYTHONUNBUFFERED="1",
    )
    return env


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
