"""`claimgraph worker` processes against a real redis-server, the real Neo4j and the real spaCy model."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import redis
from graph_snapshot import graph_dump
from neo4j import Driver
from story_builders import Story
from worker_support import ARTICLE_COUNT, kill_while_pending, pending_of, settings_of

from claimgraph.records import Article, Evidence
from claimgraph_app.streams import ARTICLES, DEAD, EXTRACTIONS, INGESTED, Streams, connect_redis
from claimgraph_app.workers import Worker
from crawler.demo_server import serve_directory
from graph.writer import ingest
from nlp.extract import Extractor

CRAWLER_FIXTURES = Path(__file__).resolve().parents[1] / "crawler" / "fixtures"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _streams(env: dict[str, str]) -> Streams:
    settings = settings_of(env)
    streams = Streams(connect_redis(settings), settings)
    streams.ensure_groups()
    return streams


def _wait(process: subprocess.Popen, log: Path | None = None) -> None:
    code = process.wait(timeout=600)
    assert code == 0, log.read_text() if log else code


def _handled(log: Path) -> int:
    return int(re.search(r"worker: (\d+) records handled", log.read_text()).group(1))


def test_killed_workers_at_every_stage_then_restarts_give_the_graph_of_a_single_process_run(
    clean_graph: Driver, articles: list[Article], worker_env: dict[str, str], start_worker, tmp_path: Path
) -> None:
    settings = settings_of(worker_env)
    extractions = list(Extractor(settings).extract_many(articles))
    kept = [e for e in extractions if e.skipped_reason is None]
    ingest(
        clean_graph, kept, batch_size=settings.ingest_batch_size, status_min_confidence=settings.status_min_confidence
    )
    reference = graph_dump(clean_graph)
    assert any(extraction.claims for extraction in extractions), "the articles make claims"
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")

    streams = _streams(worker_env)
    client: redis.Redis = streams.client
    streams.publish(ARTICLES, articles)
    stages = [("extract", ARTICLES), ("ingest", EXTRACTIONS), ("alerts", INGESTED)]
    handed_on: list[str] = []
    for stage, stream in stages:
        held = kill_while_pending(start_worker(stage), client, streams.key(stream), stage)
        assert held > 0
        _wait(start_worker(stage, "--exit-when-idle", "4"), tmp_path / f"worker-{stage}-1.log")
        assert pending_of(client, streams.key(stream), stage) == 0, f"{stage}: every claimed entry was acknowledged"
        assert client.xlen(streams.key(stream)) == 0, f"{stage}: its acknowledged input was trimmed"
        if stage == "extract":  # read before the ingest workers acknowledge (and so trim) the extractions
            handed_on = sorted(fields["record"] for _, fields in client.xrange(streams.key(EXTRACTIONS)))

    assert graph_dump(clean_graph) == reference
    assert handed_on == sorted(extraction.model_dump_json() for extraction in extractions)
    added = {item.name: item.added for item in streams.status().streams}
    assert added[EXTRACTIONS] == ARTICLE_COUNT, "no extraction handed on twice"
    assert client.xlen(streams.key(DEAD)) == 0


def test_two_extract_workers_split_the_articles_stream(
    articles: list[Article], worker_env: dict[str, str], start_worker, tmp_path: Path
) -> None:
    streams = _streams(worker_env)
    workers = [start_worker("extract", "--exit-when-idle", "3") for _ in range(2)]
    deadline = time.monotonic() + 300
    while len(list(streams.client.scan_iter(match=streams.key("workers:extract:*")))) < 2:
        assert time.monotonic() < deadline and all(w.poll() is None for w in workers), "workers did not start"
        time.sleep(0.1)
    streams.publish(ARTICLES, articles)
    logs = [tmp_path / f"worker-extract-{number}.log" for number in range(2)]
    for process, log in zip(workers, logs, strict=True):
        _wait(process, log)
    handled = [_handled(log) for log in logs]
    assert all(count > 0 for count in handled), handled
    assert sum(handled) == ARTICLE_COUNT
    extracted = [fields["record"] for _, fields in streams.client.xrange(streams.key(EXTRACTIONS))]
    assert len(extracted) == len(set(extracted)) == ARTICLE_COUNT


def test_poison_records_land_in_the_dead_letter_stream_and_the_good_ones_go_through(
    clean_graph: Driver, worker_env: dict[str, str]
) -> None:
    streams = _streams(worker_env)
    good = Story("good-story")
    good.accuses("Anthropic", "Alibaba")
    bad = Story("bad-story")
    claim = bad.accuses("OpenAI", "DeepSeek")
    bad.claims[0] = claim.model_copy(
        update={"evidence": Evidence(sentence="x", start=0, end=1, article_id="another-article")}
    )
    streams.publish(EXTRACTIONS, [good.build(), bad.build()])
    streams.client.xadd(streams.key(EXTRACTIONS), {"record": '{"url": "https://news.test/x", "not": "an extraction"'})

    report = Worker("ingest", settings_of(worker_env), idle_exit=0.5).run()

    assert (report.handled, report.refused) == (1, 2)
    letters = {letter["error"].split(":")[0]: letter for letter in streams.dead_letters()}
    assert set(letters) == {"claim " + bad.claims[0].id + " cites article another-article, but this extraction "
                            "is of article " + bad.build().article.id, "not a valid Extraction record"}  # fmt: skip
    assert all(letter["stream"] == EXTRACTIONS and letter["record"] for letter in letters.values())
    titles, _, _ = clean_graph.execute_query("MATCH (a:Article) RETURN a.id AS id")
    assert [row["id"] for row in titles] == [good.build().article.id]
    assert pending_of(streams.client, streams.key(EXTRACTIONS), "ingest") == 0
    assert streams.client.xlen(streams.key(INGESTED)) == 1


def test_status_shows_streams_pending_entries_dead_letters_and_live_workers(
    worker_env: dict[str, str], claimgraph_command: list[str]
) -> None:
    streams = _streams(worker_env)
    streams.publish(ARTICLES, [{"url": "https://news.test/a"}] * 3)
    streams.client.xreadgroup("extract", "someone", {streams.key(ARTICLES): ">"}, count=2)
    streams.client.xadd(streams.key(DEAD), {"stage": "ingest", "entry": "1-0", "error": "bad record", "record": "{}"})
    streams.client.set(
        streams.key("workers:ingest:host-1"),
        '{"stage": "ingest", "consumer": "host-1", "handled": 5, "refused": 0, "at": 0}',
        ex=60,
    )
    result = subprocess.run(
        [*claimgraph_command, "status", "--dead", "5"], env=worker_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.search(r"^articles\s+length\s+3\s+group extract\s+pending\s+2\s+not yet read\s+1", lines[0]), lines
    assert lines[0].endswith("ever added 3"), lines
    assert re.search(r"^dead\s+length\s+1", lines[3]), lines
    assert "worker ingest   host-1: 5 handled" in result.stdout
    assert "(ingest, entry 1-0): bad record" in result.stdout


def test_run_with_redis_hands_the_crawled_articles_to_the_stream(
    clean_graph: Driver, worker_env: dict[str, str], claimgraph_command: list[str]
) -> None:
    server, base_url = serve_directory(CRAWLER_FIXTURES / "site")
    try:
        result = subprocess.run(
            [*claimgraph_command, "run", "--sources", str(CRAWLER_FIXTURES / "sources.yaml"), "--base-url", base_url],
            env={**worker_env, "CLAIMGRAPH_CRAWL_DELAY": "0", "CLAIMGRAPH_CRAWL_TIMEOUT": "5"},
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    crawled = int(re.search(r"crawl:\s+(\d+) new articles", result.stdout).group(1))
    assert crawled > 0
    assert f"handed on: {crawled} articles to the articles stream" in result.stdout
    streams = _streams(worker_env)
    records = [fields["record"] for _, fields in streams.client.xrange(streams.key(ARTICLES))]
    assert len(records) == crawled
    assert all(Article.model_validate_json(record).text for record in records)
    rows, _, _ = clean_graph.execute_query("MATCH (a:Article) RETURN count(a) AS n")
    assert rows[0]["n"] == 0, "the workers ingest, not `claimgraph run`"


def test_the_crawl_worker_hands_each_pass_to_the_stream_until_stopped(
    clean_graph: Driver, worker_env: dict[str, str], start_worker, tmp_path: Path
) -> None:
    server, base_url = serve_directory(CRAWLER_FIXTURES / "site")
    try:
        worker_env.update(CLAIMGRAPH_CRAWL_DELAY="0", CLAIMGRAPH_CRAWL_TIMEOUT="5")
        crawler = start_worker(
            "crawl", "--sources", str(CRAWLER_FIXTURES / "sources.yaml"), "--base-url", base_url, "--every", "1h"
        )
        log = tmp_path / "worker-crawl-0.log"
        deadline = time.monotonic() + 300
        while "handed on:" not in log.read_text():
            assert crawler.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        crawler.send_signal(signal.SIGTERM)
        _wait(crawler, log)
    finally:
        server.stop()
    handed_on = int(re.search(r"handed on: (\d+) articles", log.read_text()).group(1))
    streams = _streams(worker_env)
    assert handed_on > 0
    assert streams.client.xlen(streams.key(ARTICLES)) == handed_on
    assert streams.client.hlen(f"{streams.prefix}:crawl:seen") >= handed_on, "the crawl state is in Redis"


def test_a_worker_without_redis_is_refused_with_what_to_set(cli_env: dict[str, str], claimgraph_command) -> None:
    result = subprocess.run(
        [*claimgraph_command, "worker", "extract"], env=cli_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "set CLAIMGRAPH_REDIS_URL" in result.stderr


def test_while_the_graph_refuses_every_write_the_entries_are_kept_not_dead_lettered(
    clean_graph: Driver, worker_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_of(worker_env).model_copy(
        update={"neo4j_database": "no-such-database", "stream_claim_idle": 0.2, "stream_max_deliveries": 2}
    )
    streams = _streams(worker_env)
    story = Story("kept-story")
    story.accuses("Anthropic", "Alibaba")
    streams.publish(EXTRACTIONS, [story.build()])
    worker = Worker("ingest", settings)
    thread = threading.Thread(target=worker.run)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while sum("no database 'no-such-database'" in r.getMessage() for r in caplog.records) < 6:
            assert thread.is_alive() and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        worker.stop.set()
        thread.join(timeout=60)
    [pending] = streams.client.xpending_range(streams.key(EXTRACTIONS), "ingest", "-", "+", 10)
    assert pending["times_delivered"] == 1, "retried by the worker that holds it, not redelivered"
    assert streams.client.xlen(streams.key(DEAD)) == 0
    assert (worker.report.handled, worker.report.refused) == (0, 0)
