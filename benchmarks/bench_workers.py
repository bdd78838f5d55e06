"""Scaling out through Redis Streams, each figure printed beside a baseline measured in the same run.

usage: .venv/bin/python benchmarks/bench_workers.py [--articles N] [--rounds N] [--batch-size N]

1. articles/s through extract with 2 `claimgraph worker extract` processes beside 1 (target 1.7x
   on a 2-core machine): the workers are started and their spaCy models loaded first, then the
   articles are published and the clock runs until every extraction is in the `extractions` stream;
2. articles/s end to end (extract, ingest, alerts) with one worker of each kind over Redis beside
   the single-process pipeline (`claimgraph run`'s extract, ingest and alerts stages in one process,
   the model already loaded; target 0.9x): from the articles' publication until the last
   extraction is written to the graph, each run on an empty graph.

Each worker is started in its own session, so Linux gives it its own scheduler autogroup, as it
would have on its own machine: on a machine shared with other users' work, processes of one
session share one autogroup's CPU, and two workers then get together what one would get alone
(measured here: 3.5 CPU-seconds either way for 48 articles). The CPU seconds each worker got are
printed beside the figures.

Articles are the claim corpus's first N (eval/corpus/); workers read 4 at a time, so two workers
share the work evenly (with 16 at a time, 48 articles are 3 batches: one worker does two). It
starts its own redis-server (Debian's) and managed Neo4j in a temporary directory. The machine may be shared: the load
average is printed at the start and the end, and each figure is the median of `--rounds`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

from redis_support import MISSING, redis_available, redis_server  # noqa: E402

from claimgraph.neo4j_local import LocalNeo4j, free_port  # noqa: E402
from claimgraph.records import Article  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402
from claimgraph_app.cli.worker import ONE_THREAD  # noqa: E402
from claimgraph_app.pipeline import PassState, Pipeline, Stage  # noqa: E402
from claimgraph_app.streams import ARTICLES, EXTRACTIONS, Streams, connect_redis  # noqa: E402
from nlp.inputs import ArticleLine  # noqa: E402

PASSWORD = "bench-workers-password"
CORPUS = REPO_ROOT / "eval" / "corpus"


def corpus_articles(count: int) -> list[Article]:
    articles: list[Article] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and len(articles) < count:
                articles.append(Article.model_validate(ArticleLine.model_validate(json.loads(line)).model_dump()))
    return articles


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ratio_line(label: str, figure: float, baseline_label: str, baseline: float, target: float) -> str:
    ratio = figure / baseline if baseline else float("inf")
    verdict = "meets" if ratio >= target else "BELOW"
    return (
        f"{label}: {figure:,.2f} articles/s | {baseline_label}: {baseline:,.2f} articles/s | "
        f"ratio {ratio:.2f}x ({verdict} the {target}x target)"
    )


class Bench:
    def __init__(self, settings: Settings, env: dict[str, str], articles: list[Article]) -> None:
        self.settings = settings
        self.env = env
        self.articles = articles
        self.streams = Streams(connect_redis(settings), settings)
        self.cpu_lines: list[str] = []

    def reset(self, driver: object) -> None:
        self.streams.client.flushdb()
        self.streams.ensure_groups()
        driver.execute_query("MATCH (n) DETACH DELETE n")  # type: ignore[attr-defined]

    def start_workers(self, stages: list[str]) -> list[subprocess.Popen]:
        """Worker processes, returned once every one has loaded its stage and beats."""
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "claimgraph_app", "-q", "worker", stage],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=REPO_ROOT,
                start_new_session=True,  # its own scheduler autogroup, as on its own machine (see the doc)
            )
            for stage in stages
        ]
        deadline = time.monotonic() + 300
        while len(list(self.streams.client.scan_iter(match=self.streams.key("workers:*")))) < len(stages):
            if time.monotonic() > deadline or any(process.poll() is not None for process in processes):
                raise RuntimeError("the workers did not start")
            time.sleep(0.05)
        return processes

    def timed(self, stages: list[str], done: Callable[[], bool]) -> float:
        """Seconds from publishing the articles until `done()`, with these workers running."""
        processes = self.start_workers(stages)
        try:
            cpu = [cpu_seconds(process.pid) for process in processes]
            began = time.perf_counter()
            self.streams.publish(ARTICLES, self.articles)
            while not done():
                time.sleep(0.01)
            elapsed = time.perf_counter() - began
            used = [cpu_seconds(process.pid) - before for process, before in zip(processes, cpu, strict=True)]
            self.cpu_lines.append(
                f"    {'+'.join(stages)}: {elapsed:.1f} s, CPU seconds per worker "
                + ", ".join(f"{seconds:.1f}" for seconds in used)
            )
            return elapsed
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=60)

    def extracted(self) -> bool:
        """Every article's extraction handed on (counted as added: the ingest workers trim what they acknowledged)."""
        key = self.streams.key(EXTRACTIONS)
        return int(self.streams.client.xinfo_stream(key)["entries-added"]) >= len(self.articles)

    def ingested(self) -> bool:
        if not self.extracted():
            return False
        key = self.streams.key(EXTRACTIONS)
        group = next(item for item in self.streams.client.xinfo_groups(key) if item["name"] == "ingest")
        return group["pending"] == 0 and group["lag"] == 0

    def single_process(self, workdir: Path) -> float:
        """The pipeline's extract, ingest and alerts stages in this process, the model loaded first."""
        settings = self.settings.model_copy(update={"redis_url": None, "data_dir": workdir})
        pipeline = Pipeline(settings)
        pipeline._get_extractor()
        pipeline._get_driver()
        pass_id = f"bench-{time.time_ns()}"
        folder = pipeline.pass_dir(pass_id)
        folder.mkdir(parents=True)
        with open(folder / "articles.jsonl", "w", encoding="utf-8") as handle:
            handle.write("".join(article.model_dump_json() + "\n" for article in self.articles))
        pipeline.write_state(PassState(pass_id, Stage.EXTRACT, started_at="bench"))
        try:
            began = time.perf_counter()
            report = pipeline.run_pass()
            elapsed = time.perf_counter() - began
        finally:
            pipeline.close()
        assert report.extracted == len(self.articles), report
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--batch-size", type=int, default=4, help="stream entries a worker reads at a time")
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    if not redis_available():
        sys.exit(MISSING)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    articles = corpus_articles(options.articles)
    words = sum(len(article.text.split()) for article in articles)
    print(f"{len(articles)} articles, {words:,} words (eval/corpus/)", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as temporary:
        workdir = Path(temporary)
        neo4j_settings = Settings(data_dir=workdir / "neo4j-data", neo4j_password=PASSWORD)
        server = LocalNeo4j(neo4j_settings, data_dir=workdir / "neo4j-data" / "neo4j", port=free_port())
        state = server.start()
        try:
            with redis_server(workdir / "redis") as redis_url:
                run(options, articles, workdir, state.uri, redis_url)
        finally:
            server.stop()
    print(f"load average at end: {os.getloadavg()[0]:.1f}", flush=True)


def run(options: argparse.Namespace, articles: list[Article], workdir: Path, neo4j_uri: str, redis_url: str) -> None:
    from claimgraph.connection import Neo4jConnection
    from graph.driver import connect

    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        NEO4J_URI=neo4j_uri,
        NEO4J_PASSWORD=PASSWORD,
        CLAIMGRAPH_DATA_DIR=str(workdir / "data"),
        CLAIMGRAPH_CONFIG=str(workdir / "none.toml"),
        CLAIMGRAPH_REDIS_URL=redis_url,
        CLAIMGRAPH_WORKER_HEARTBEAT="1",
        CLAIMGRAPH_STREAM_BATCH_SIZE=str(options.batch_size),
        **ONE_THREAD,
    )
    settings = Settings(neo4j_uri=neo4j_uri, neo4j_password=PASSWORD, data_dir=workdir / "data", redis_url=redis_url)
    bench = Bench(settings, env, articles)
    driver = connect(Neo4jConnection(neo4j_uri, "neo4j", PASSWORD, "neo4j", hint="benchmark server"))
    one, two, single, streamed = [], [], [], []
    try:
        for _ in range(options.rounds):
            bench.reset(driver)
            one.append(len(articles) / bench.timed(["extract"], bench.extracted))
            bench.reset(driver)
            two.append(len(articles) / bench.timed(["extract", "extract"], bench.extracted))
            bench.reset(driver)
            single.append(len(articles) / bench.single_process(workdir / f"single-{len(single)}"))
            bench.reset(driver)
            streamed.append(len(articles) / bench.timed(["extract", "ingest", "alerts"], bench.ingested))
    finally:
        driver.close()
        bench.streams.client.close()
    print("CPU time the workers got, run by run (a worker that gets a whole core is CPU-bound):")
    for line in bench.cpu_lines:
        print(line)
    print(ratio_line("(1) extract, 2 workers", statistics.median(two), "1 worker", statistics.median(one), 1.7))
    print(
        ratio_line(
            "(2) end to end over Redis, 1 worker per stage",
            statistics.median(streamed),
            "single-process pipeline",
            statistics.median(single),
            0.9,
        )
    )


if __name__ == "__main__":
    main()
