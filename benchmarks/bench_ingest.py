"""Graph write and read speed, each figure printed beside a baseline measured in the same run.

usage: .venv/bin/python benchmarks/bench_ingest.py [--rows N] [--extractions N] [--batch-size N] [--base N]
                                                  [--claims N] [--figures 1,2,3]

1. rows/s of batched `UNWIND ... MERGE` beside one row per transaction (same rows, same server);
2. extractions/s of the full claim ingest in batches beside a naive ingest that sends every row
   of every write as its own auto-commit query (the same writes and read, `naive_write`), both
   into a graph that already holds some extractions, each round on new ones;
3. the dispute-timeline read on a graph of about N claims beside the same read on a graph that
   holds only that dispute;
4. how long `claimgraph neo4j start` takes until Bolt answers, and the server's resident memory
   at rest (/proc/<pid>/status VmRSS), beside the figures measured for docs/DESIGN (6 s, 450 MB);
5. (`--figures 5`) extractions/s of the batched ingest when every party is outside the knowledge
   base (entity resolution reads the graph's names and resolves them) beside the same ingest of
   the same kind of extractions with every party in it (no resolution), alternating rounds.

It starts its own managed server in a temporary directory, or uses NEO4J_URI (which it wipes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from neo4j import Driver

from claimgraph.connection import Neo4jConnection
from claimgraph.neo4j_local import free_port
from claimgraph.records import (
    ArticleMeta,
    Category,
    Claim,
    ClaimStatus,
    DateSource,
    Entity,
    EntityRef,
    EntityType,
    Evidence,
    Extraction,
    Response,
    ResponseKind,
    Source,
    article_id,
)
from graph import queries, reads
from graph.batch import PreparedBatch, Write, prepare_batch
from graph.driver import connect
from graph.schema import ensure_schema
from graph.writer import bump_write, ingest, plan_claim_writes

REPO_ROOT = Path(__file__).resolve().parents[1]
DESIGN_START_SECONDS = 6.0
DESIGN_RSS_MB = 450.0
PASSWORD = "bench-password-123"
OUTLETS = [Source(id=f"outlet-{n}", name=f"Outlet {n}", domain=f"outlet{n}.example") for n in range(12)]
ROUNDS = 3
OUTLET_ROWS = [outlet.model_dump() for outlet in OUTLETS]
CATEGORIES = [Category.DISTILLATION, Category.COPYRIGHT, Category.TRADE_SECRET, Category.ANTITRUST]


def company(index: int) -> EntityRef:
    return EntityRef(id=f"company-{index}", name=f"Company {index}", type=EntityType.COMPANY)


def extraction(
    index: int,
    accuser: EntityRef,
    accused: EntityRef,
    when: datetime,
    *,
    category: Category = Category.DISTILLATION,
    status: ClaimStatus = ClaimStatus.ALLEGED,
    respond: bool = False,
    outlet: Source | None = None,
) -> Extraction:
    """One article reporting one accusation (and, with `respond`, the accused's denial)."""
    source = outlet or OUTLETS[index % len(OUTLETS)]
    url = f"https://{source.domain}/story-{index}"
    identifier = article_id(url)
    sentence = f"{accuser.name} accused {accused.name} of {category.value}."
    claim = Claim(
        id=Claim.make_id(identifier, accuser.id, accused.id, category.value, 0),
        accuser=accuser,
        accused=accused,
        category=category,
        status=status,
        claim_date=when.date(),
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence), article_id=identifier),
        confidence=0.7,
    )
    responses = []
    if respond:
        denial = f"{accused.name} denied it."
        responses.append(
            Response(
                id=Response.make_id(claim.id, accused.id, "denial", len(sentence) + 1),
                responder=accused,
                claim_id=claim.id,
                kind=ResponseKind.DENIAL,
                response_date=(when + timedelta(days=1)).date(),
                evidence=Evidence(
                    sentence=denial, start=len(sentence) + 1, end=len(sentence) + 1 + len(denial), article_id=identifier
                ),
            )
        )
    entities = [Entity(id=e.id, name=e.name, type=e.type, in_kb=True) for e in (accuser, accused)]
    meta = ArticleMeta(
        id=identifier,
        url=url,
        canonical_url=url,
        source=source,
        title=sentence,
        published_at=when + timedelta(hours=8),
        date_source=DateSource.META,
        content_hash=f"hash-{index}",
    )
    return Extraction(url=url, article=meta, entities=entities, claims=[claim], responses=responses)


def random_extractions(count: int, companies: int, *, seed: int, first_index: int = 0) -> list[Extraction]:
    """Accusations between random pairs of `companies` companies over ten years."""
    chooser = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    made = []
    for index in range(first_index, first_index + count):
        accuser, accused = chooser.sample(range(companies), 2)
        made.append(
            extraction(
                index,
                company(accuser),
                company(accused),
                start + timedelta(days=chooser.randrange(3650)),
                category=chooser.choice(CATEGORIES),
                respond=chooser.random() < 0.2,
            )
        )
    return made


def showcase_dispute() -> list[Extraction]:
    """A dispute of 20 articles between two companies: reports, denials, a lawsuit, a settlement."""
    accuser, accused = company(100_001), company(100_002)
    start = datetime(2025, 1, 6, tzinfo=UTC)
    made = []
    for step in range(20):
        status = ClaimStatus.LAWSUIT_FILED if step == 12 else ClaimStatus.SETTLED if step == 19 else ClaimStatus.ALLEGED
        made.append(
            extraction(
                900_000 + step,
                accuser,
                accused,
                start + timedelta(days=9 * step),
                status=status,
                respond=step % 4 == 1,
                category=CATEGORIES[step % 2],
            )
        )
    return made


def _one_row_at_a_time(driver: Driver, writes: list[Write], **shared: Any) -> None:
    """Every row of every write as its own auto-commit query."""
    for write in writes:
        for row in write.rows:
            driver.execute_query(write.query, {write.parameter: [row], **shared})


def naive_write(driver: Driver, batch: PreparedBatch, window_days: int = 30) -> None:
    """The baseline: the same writes as `write_batch_tx`, each row its own auto-commit query, and the
    same read of the stored state (one query), without batching or combined statements."""
    _one_row_at_a_time(driver, batch.article_writes())
    state, _, _ = driver.execute_query(queries.STORED_STATE, batch.state_parameters())
    planned = plan_claim_writes(batch, state[0], window_days)
    _one_row_at_a_time(driver, [*planned.writes, bump_write(True)], now=datetime.now(UTC).isoformat())
    _one_row_at_a_time(driver, planned.alias_writes)


def wipe(driver: Driver) -> None:
    while True:
        records, _, _ = driver.execute_query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS deleted")
        if records[0]["deleted"] == 0:
            return


def ratio_line(label: str, figure: float, unit: str, baseline_label: str, baseline: float, target: str = "") -> str:
    ratio = figure / baseline if baseline else float("inf")
    return f"{label}: {figure:,.1f} {unit} | {baseline_label}: {baseline:,.1f} {unit} | ratio {ratio:,.1f}x" + (
        f" (target {target})" if target else ""
    )


def _write_rows(driver: Driver, write: Write, batch: int) -> float:
    """Rows per second writing the rows of `write` with `batch` rows per transaction."""
    began = time.perf_counter()
    with driver.session() as session:
        for offset in range(0, len(write.rows), batch):
            chunk = write.rows[offset : offset + batch]
            session.execute_write(lambda tx, chunk=chunk: tx.run(write.query, {write.parameter: chunk}).consume())
    return len(write.rows) / (time.perf_counter() - began)


def _setup_sources(driver: Driver) -> None:
    driver.execute_query(queries.MERGE_SOURCES, sources=OUTLET_ROWS)


def _rows_line(driver: Driver, label: str, write: Write) -> str:
    warm_up = [{**row, "id": f"warm-{row['id']}"} for row in write.rows[:100]]
    for size in (1, 100):  # plan the query and warm the server's JIT first
        _setup_sources(driver)
        _write_rows(driver, Write(write.query, write.parameter, warm_up[: 50 if size == 1 else 100]), size)
    single, batched = [], []
    for _ in range(ROUNDS):  # alternate the two, so that a burst of load on the shared machine hits both
        for size, figures in ((1, single), (1000, batched)):
            wipe(driver)
            _setup_sources(driver)
            figures.append(_write_rows(driver, write, size))
    return ratio_line(
        f"(1) batched UNWIND MERGE of {len(write.rows)} {label} rows (median of {ROUNDS} rounds)",
        statistics.median(batched),
        "rows/s",
        "one row per transaction",
        statistics.median(single),
        ">= 50x",
    )


def bench_row_writes(driver: Driver, count: int) -> list[str]:
    entities = [
        {"id": f"bench-{n}", "name": f"Bench {n}", "type": "Company", "in_kb": False, "aliases": [f"B{n}"]}
        for n in range(count)
    ]
    articles = [
        {
            "id": f"article-{n}",
            "source_id": OUTLETS[n % len(OUTLETS)].id,
            "published_at": datetime.now(UTC).isoformat(),
            "fetched_at": None,
            "props": {"url": f"https://example.org/{n}", "title": f"Story {n}"},
        }
        for n in range(count)
    ]
    return [
        _rows_line(driver, "entity", Write(queries.merge_entities(), "entities", entities)),
        _rows_line(driver, "article", Write(queries.MERGE_ARTICLES, "articles", articles)),
    ]


def bench_claim_ingest(driver: Driver, count: int, batch_size: int, base: int) -> list[str]:
    """Both ways into a graph that already holds `base` extractions, each round on new extractions.

    No wipe between rounds: emptying the graph changes its statistics so much that the server
    re-plans every statement on the next run, which would time the planner, not the ingest (a
    re-plan happens at most every 10 s, and only after such a change).
    """
    wipe(driver)
    began = time.perf_counter()
    ingest(driver, random_extractions(base, companies=60, seed=1), batch_size=batch_size)
    base_seconds = time.perf_counter() - began
    fresh = iter(range(1_000_000, 100_000_000, 1_000_000))

    def extractions(n: int) -> list[Extraction]:
        first = next(fresh)
        return random_extractions(n, companies=60, seed=first, first_index=first)

    for item in extractions(5):  # plan every statement and warm the server's JIT, both ways
        naive_write(driver, prepare_batch([item]))
    ingest(driver, extractions(2 * batch_size), batch_size=batch_size)
    naive, batched = [], []
    for _ in range(ROUNDS):  # alternate the two, so that a burst of load on the shared machine hits both
        data = extractions(count)
        began = time.perf_counter()
        for item in data:
            naive_write(driver, prepare_batch([item]))
        naive.append(count / (time.perf_counter() - began))
        data = extractions(count)
        began = time.perf_counter()
        ingest(driver, data, batch_size=batch_size)
        batched.append(count / (time.perf_counter() - began))
    return [
        f"    (a graph of {base} extractions first: {base / base_seconds:,.0f} extractions/s in batches of "
        f"{batch_size}, from an empty graph)",
        ratio_line(
            f"(2) claim ingest of {count} extractions in batches of {batch_size} into that graph "
            f"(median of {ROUNDS} rounds)",
            statistics.median(batched),
            "extractions/s",
            "naive one query per row",
            statistics.median(naive),
            ">= 30x",
        ),
    ]


def outside_kb(extractions: list[Extraction]) -> list[Extraction]:
    """The same extractions with every entity outside the knowledge base (entity resolution runs)."""
    return [
        item.model_copy(update={"entities": [e.model_copy(update={"in_kb": False}) for e in item.entities]})
        for item in extractions
    ]


def bench_resolution(driver: Driver, count: int, batch_size: int, base: int) -> list[str]:
    """Batched ingest with entity resolution (parties outside the knowledge base) beside without it."""
    wipe(driver)
    ingest(driver, outside_kb(random_extractions(base, companies=60, seed=1)), batch_size=batch_size)
    fresh = iter(range(1_000_000, 100_000_000, 1_000_000))

    def extractions(n: int) -> list[Extraction]:
        first = next(fresh)
        return random_extractions(n, companies=60, seed=first, first_index=first)

    ingest(driver, outside_kb(extractions(batch_size)), batch_size=batch_size)  # plan the statements
    ingest(driver, extractions(batch_size), batch_size=batch_size)
    resolved, known = [], []
    for _ in range(ROUNDS):
        data = outside_kb(extractions(count))
        began = time.perf_counter()
        ingest(driver, data, batch_size=batch_size)
        resolved.append(count / (time.perf_counter() - began))
        data = extractions(count)
        began = time.perf_counter()
        ingest(driver, data, batch_size=batch_size)
        known.append(count / (time.perf_counter() - began))
    return [
        ratio_line(
            f"(5) batched ingest of {count} extractions, parties outside the knowledge base (resolved) "
            f"(median of {ROUNDS} rounds)",
            statistics.median(resolved),
            "extractions/s",
            "parties in the knowledge base (no resolution)",
            statistics.median(known),
        )
    ]


def time_timeline(driver: Driver, dispute: str, repeats: int = 15) -> tuple[float, int]:
    reads.dispute_timeline(driver, dispute)  # warm the query plans
    timings = []
    events = 0
    for _ in range(repeats):
        began = time.perf_counter()
        events = len(reads.dispute_timeline(driver, dispute))
        timings.append(time.perf_counter() - began)
    return statistics.median(timings) * 1000, events


def bench_timeline(driver: Driver, claims: int) -> list[str]:
    wipe(driver)
    showcase = showcase_dispute()
    ingest(driver, showcase)
    dispute = reads.list_disputes(driver, limit=1)[0]["id"]
    alone, events = time_timeline(driver, dispute)
    began = time.perf_counter()
    ingest(driver, random_extractions(claims, companies=400, seed=2), batch_size=1000)
    load_seconds = time.perf_counter() - began
    records, _, _ = driver.execute_query("MATCH (c:Claim) RETURN count(c) AS n")
    total_claims = records[0]["n"]
    crowded, events_after = time_timeline(driver, dispute)
    assert events_after == events, "the showcase dispute changed while loading the others"
    return [
        f"    (built with the batched ingest: {claims} extractions in {load_seconds:.1f} s, "
        f"{claims / load_seconds:,.0f} extractions/s; {total_claims:,} claims in the graph)",
        f"(3) dispute timeline ({events} events) on a graph of {total_claims:,} claims: {crowded:.1f} ms median | "
        f"same dispute alone in the graph: {alone:.1f} ms | ratio {crowded / alone:.2f}x (target: about 1x, "
        "the read touches only the dispute's own claims)",
    ]


def server_start_seconds(log: Path) -> float:
    """Seconds between the server's "Starting..." and "Started." log lines."""
    stamps = {}
    for line in log.read_text().splitlines():
        for marker in ("Starting...", "Started."):
            if line.endswith(f"INFO  {marker}"):
                stamps[marker] = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f")
    return (stamps["Started."] - stamps["Starting..."]).total_seconds()


def rss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


@contextmanager
def managed_server(workdir: Path) -> Iterator[tuple[Neo4jConnection, list[str]]]:
    """`claimgraph neo4j start` in a temporary data directory: timed, measured, stopped at the end."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        CLAIMGRAPH_DATA_DIR=str(workdir),
        CLAIMGRAPH_CONFIG=str(workdir / "none.toml"),
        NEO4J_PASSWORD=PASSWORD,
    )
    command = [sys.executable, "-m", "claimgraph_app", "neo4j"]
    began = time.perf_counter()
    subprocess.run([*command, "start", "--port", str(port)], env=env, check=True, capture_output=True, cwd=REPO_ROOT)
    started = time.perf_counter() - began
    state = json.loads((workdir / "neo4j" / "server.json").read_text())
    try:
        time.sleep(3)
        rss = rss_megabytes(state["pid"])
        lines = [
            ratio_line(
                "(4) `claimgraph neo4j start` until Bolt answers", started, "s", "DESIGN.md", DESIGN_START_SECONDS
            ),
            f"    of which the server's own start (its log, Starting... to Started.): "
            f"{server_start_seconds(workdir / 'neo4j' / 'logs' / 'neo4j.log'):.1f} s",
            ratio_line("    resident memory at rest", rss, "MB", "DESIGN.md", DESIGN_RSS_MB),
        ]
        yield Neo4jConnection(f"bolt://127.0.0.1:{port}", "neo4j", PASSWORD, "neo4j", hint="benchmark server"), lines
    finally:
        subprocess.run([*command, "stop"], env=env, capture_output=True, cwd=REPO_ROOT)


@contextmanager
def existing_server() -> Iterator[tuple[Neo4jConnection, list[str]]]:
    """The server of NEO4J_URI (figure 4 needs a server this benchmark starts)."""
    connection = Neo4jConnection(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("CLAIMGRAPH_NEO4J_DATABASE", "neo4j"),
        hint="check NEO4J_URI / NEO4J_PASSWORD",
    )
    yield connection, ["(4) skipped: NEO4J_URI is set, so no server was started"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000, help="entity and article rows for figure 1")
    parser.add_argument("--extractions", type=int, default=200, help="extractions per round for figure 2")
    parser.add_argument("--batch-size", type=int, default=200, help="extractions per transaction for figure 2")
    parser.add_argument("--base", type=int, default=1000, help="extractions in the graph before figure 2's rounds")
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the graph for figure 3")
    parser.add_argument("--figures", default="1,2,3", help="which of figures 1-3 and 5 to measure (4 always comes)")
    arguments = parser.parse_args()
    figures = {figure.strip() for figure in arguments.figures.split(",")}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the managed server on a kill too
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as folder:
        server = existing_server() if os.environ.get("NEO4J_URI") else managed_server(Path(folder))
        with server as (connection, server_lines):
            for line in server_lines:
                print(line, flush=True)
            driver = connect(connection)
            try:
                ensure_schema(driver)
                if "1" in figures:
                    for line in bench_row_writes(driver, arguments.rows):
                        print(line, flush=True)
                if "2" in figures:
                    for line in bench_claim_ingest(driver, arguments.extractions, arguments.batch_size, arguments.base):
                        print(line, flush=True)
                if "5" in figures:
                    for line in bench_resolution(driver, arguments.extractions, arguments.batch_size, arguments.base):
                        print(line, flush=True)
                if "3" in figures:
                    for line in bench_timeline(driver, arguments.claims):
                        print(line, flush=True)
                wipe(driver)
                print(f"load average at end: {os.getloadavg()[0]:.1f}", flush=True)
            finally:
                driver.close()


if __name__ == "__main__":
    main()
