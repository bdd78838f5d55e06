"""Two crawlers sharing one crawl state in a real redis-server: every page once, polite across both."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from claimgraph.settings import Settings
from crawler.demo_server import LoggedRequest, ServerOptions, serve_directory
from crawler.shared_state import SharedCrawlState

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CRAWL_DELAY = 0.2
SERVER_DELAY = 0.05

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _env(data_dir: Path, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        CLAIMGRAPH_DATA_DIR=str(data_dir),
        CLAIMGRAPH_CONFIG=str(data_dir / "absent.toml"),
        CLAIMGRAPH_CRAWL_DELAY=str(CRAWL_DELAY),
        CLAIMGRAPH_CRAWL_TIMEOUT="5",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["CLAIMGRAPH_REDIS_URL"] = redis_url
    return env


def _crawl(env: dict[str, str], base_url: str, output: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "claimgraph_app", "crawl", "--sources", str(FIXTURES / "sources.yaml"),
               "--base-url", base_url, "-o", str(output)]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _page_fetches(requests: list[LoggedRequest]) -> Counter[str]:
    """How many times each HTML page was fetched (one crawler fetches a page once per distinct link)."""
    return Counter(entry.path for entry in requests if entry.path.endswith(".html"))


def _urls(path: Path) -> list[str]:
    """The canonical URLs written: an article's identity. Its fetched URL is whichever link to it a crawler
    took first ("...?page=1" or the plain page), which two crawlers sharing a frontier race for."""
    if not path.exists():
        return []
    return [json.loads(line)["canonical_url"] for line in path.read_text().splitlines() if line.strip()]


def test_two_crawlers_on_one_shared_frontier_fetch_every_page_once_and_stay_polite(
    clean_redis: str, tmp_path: Path
) -> None:
    server, base_url = serve_directory(FIXTURES / "site", options=ServerOptions(delay=SERVER_DELAY))
    try:
        reference = _crawl(_env(tmp_path / "alone", None), base_url, tmp_path / "alone.jsonl")
        assert reference.wait(timeout=300) == 0, reference.stdout.read() if reference.stdout else ""
        expected = sorted(_urls(tmp_path / "alone.jsonl"))
        assert expected, "the single crawler found articles"
        alone = _page_fetches(server.requests)
        server.clear_log()

        outputs = [tmp_path / f"crawler-{number}.jsonl" for number in range(2)]
        crawlers = [_crawl(_env(tmp_path / f"machine-{n}", clean_redis), base_url, outputs[n]) for n in range(2)]
        for crawler in crawlers:
            assert crawler.wait(timeout=300) == 0, crawler.stdout.read() if crawler.stdout else ""
        requests = sorted(server.requests, key=lambda entry: entry.started)
    finally:
        server.stop()

    written = [_urls(output) for output in outputs]
    assert sorted(written[0] + written[1]) == expected, "together they wrote every article once"
    assert _page_fetches(requests) == alone, "together they fetched each article page as often as one crawler"
    for earlier, later in itertools.pairwise(requests):
        assert later.started >= earlier.answered + CRAWL_DELAY - 0.005, (
            f"{later.path} was requested {later.started - earlier.answered:.3f} s after the answer to "
            f"{earlier.path}: one request per domain at a time and {CRAWL_DELAY} s apart, across both crawlers"
        )


def test_a_claimed_link_is_refused_to_another_crawler_and_taken_back_by_the_same_one_restarted(
    clean_redis: str, tmp_path: Path
) -> None:
    settings = Settings(redis_url=clean_redis)
    first, other = SharedCrawlState(settings, tmp_path / "a"), SharedCrawlState(settings, tmp_path / "b")
    try:
        url = "https://news.test/story.html"
        assert first.claim(url)
        assert not other.claim(url)
        first.close()
        restarted = SharedCrawlState(settings, tmp_path / "a")
        assert restarted.claim(url), "the same crawler (host and data directory) takes its link back"
        assert not other.claim(url)
        restarted.close()
    finally:
        other.close()
