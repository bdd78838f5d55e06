"""Requests per second of the dispute-timeline endpoint beside a bare FastAPI endpoint, in one run.

usage: .venv/bin/python benchmarks/bench_api.py [--claims N] [--seconds S] [--concurrency C] [--reuse-graph]

Builds a graph of about N claims (default 10,000) through the real ingest path, in a managed
Neo4j started in a temporary directory (or the server of NEO4J_URI, which it wipes), then serves
both apps with the same uvicorn settings (one worker, 127.0.0.1, no access log) and drives each
with the same closed-loop load, alternating between them in short rounds (S seconds each in all) so
that a busy shared machine slows both alike. Prints both rates and their ratio (target: at least 0.3).
The API caches answers per graph version: the main figure asks for one dispute's timeline again and
again (warm cache, what a published timeline sees); a second figure asks for a different dispute
each time (every answer computed from Neo4j).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import LocalNeo4j, free_port
from claimgraph.records import (
    ArticleMeta,
    Category,
    Claim,
    DateSource,
    Entity,
    EntityRef,
    EntityType,
    Evidence,
    Extraction,
    Source,
    article_id,
)
from claimgraph.settings import Settings
from graph import reads
from graph.driver import connect
from graph.writer import ingest

REPO_ROOT = Path(__file__).resolve().parents[1]
CLAIMS_PER_ARTICLE = 2

bare_app = FastAPI()


@bare_app.get("/constant")
def constant() -> dict[str, str]:
    """The baseline: FastAPI and uvicorn with no work behind them."""
    return {"status": "ok"}


def synthetic_extractions(claims: int, seed: int = 7) -> Iterator[Extraction]:
    """Articles of two claims each between 150 companies over six years, so that claims rarely merge."""
    rng = random.Random(seed)
    companies = [EntityRef(id=f"company-{n:03d}", name=f"Company {n:03d}", type=EntityType.COMPANY) for n in range(150)]
    outlets = [Source(id=f"outlet-{n}", name=f"Outlet {n}", domain=f"outlet-{n}.example") for n in range(12)]
    categories = list(Category)
    start = date(2020, 1, 1)
    for number in range(claims // CLAIMS_PER_ARTICLE):
        outlet = rng.choice(outlets)
        day = start + timedelta(days=rng.randrange(6 * 365))
        url = f"https://{outlet.domain}/story-{number}"
        meta = ArticleMeta(
            id=article_id(url),
            url=url,
            canonical_url=url,
            source=outlet,
            title=f"Story {number}",
            published_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
            date_source=DateSource.META,
            content_hash=f"story-{number}",
        )
        found, entities, offset = [], {}, 0
        for _ in range(CLAIMS_PER_ARTICLE):
            accuser, accused = rng.sample(companies, 2)
            category = rng.choice(categories)
            sentence = f"{accuser.name} accused {accused.name} of {category.value.replace('_', ' ')}."
            evidence = Evidence(sentence=sentence, start=offset, end=offset + len(sentence), article_id=meta.id)
            offset += len(sentence) + 1
            found.append(
                Claim(
                    id=Claim.make_id(meta.id, accuser.id, accused.id, category.value, evidence.start),
                    accuser=accuser,
                    accused=accused,
                    category=category,
                    allegation=sentence,
                    claim_date=day,
                    evidence=evidence,
                    confidence=round(rng.uniform(0.5, 0.99), 2),
                )
            )
            for ref in (accuser, accused):
                entities[ref.id] = Entity(id=ref.id, name=ref.name, type=ref.type, in_kb=True)
        yield Extraction(url=url, article=meta, entities=list(entities.values()), claims=found)


@contextmanager
def neo4j_server() -> Iterator[Neo4jConnection]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConnection(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD"),
            "neo4j",
            "",
        )
        return
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), neo4j_password="bench-password-123")
        server = LocalNeo4j(settings, data_dir=Path(tmp) / "neo4j", port=free_port())
        state = server.start()
        try:
            yield Neo4jConnection(state.uri, "neo4j", "bench-password-123", "neo4j", "benchmark server")
        finally:
            server.stop()


@contextmanager
def uvicorn_server(app: str, env: dict[str, str], *, factory: bool = False) -> Iterator[str]:
    """One uvicorn process (one worker) serving `app`; yields its base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", "--log-level", "warning", "--no-access-log"]
    command += ["--factory"] if factory else []
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"uvicorn for {app} did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def requests_per_second(urls: list[str], seconds: float, concurrency: int) -> float:
    """Closed-loop load: `concurrency` clients each send the next request when the last is answered,
    walking through `urls` in turn (one shared walk)."""
    counts = [0] * concurrency
    walk = itertools.cycle(urls)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        with httpx.Client(timeout=30) as http:
            while time.monotonic() < stop:
                with lock:
                    url = next(walk)
                http.get(url).raise_for_status()
                counts[index] += 1

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the graph (about)")
    parser.add_argument("--seconds", type=float, default=10.0, help="load duration per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of load")
    parser.add_argument(
        "--reuse-graph", action="store_true", help="with NEO4J_URI: keep a graph a previous run built there"
    )
    args = parser.parse_args()
    with neo4j_server() as connection:
        driver = connect(connection)
        claims = driver.execute_query("MATCH (c:Claim) RETURN count(c) AS n").records[0]["n"]
        if not (args.reuse_graph and claims >= 0.9 * args.claims):
            driver.execute_query("MATCH (n) DETACH DELETE n")
            began = time.monotonic()
            result = ingest(driver, synthetic_extractions(args.claims), batch_size=200)
            claims = driver.execute_query("MATCH (c:Claim) RETURN count(c) AS n").records[0]["n"]
            print(f"ingested {result.extractions} articles in {time.monotonic() - began:.0f} s")
        print(f"graph: {claims} claims")
        disputes = [d for page in range(0, 5000, 200) for d in reads.list_disputes(driver, limit=200, offset=page)]
        dispute = sorted(disputes, key=lambda d: (d["claim_count"], d["id"]))[len(disputes) // 2]
        events = len(reads.dispute_timeline(driver, dispute["id"]))
        driver.close()
        print(f"warm: timeline of dispute {dispute['id']} ({dispute['claim_count']} claims, {events} events)")
        print(f"cold: timelines of {len(disputes)} disputes in turn")

        env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
        env.update(NEO4J_URI=connection.uri, NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password or "")
        env.update(CLAIMGRAPH_CONFIG=os.devnull, PYTHONPATH=str(REPO_ROOT))
        share = args.seconds / args.rounds
        bare = warm = 0.0
        with (
            uvicorn_server("benchmarks.bench_api:bare_app", env) as bare_url,
            uvicorn_server("api.main:create_app", env, factory=True) as api_url,
        ):
            for _ in range(args.rounds):
                bare += requests_per_second([bare_url + "/constant"], share, args.concurrency) / args.rounds
                warm_url = f"{api_url}/disputes/{dispute['id']}/timeline"
                warm += requests_per_second([warm_url], share, args.concurrency) / args.rounds
            cold = requests_per_second(
                [f"{api_url}/disputes/{d['id']}/timeline" for d in disputes], args.seconds, args.concurrency
            )
    print(f"bare FastAPI endpoint:             {bare:8.1f} requests/s")
    print(f"dispute timeline (warm cache):     {warm:8.1f} requests/s   ratio {warm / bare:.2f}x (target >= 0.3x)")
    print(f"dispute timeline (each one new):   {cold:8.1f} requests/s   ratio {cold / bare:.2f}x")


if __name__ == "__main__":
    main()
