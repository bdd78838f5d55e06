"""End to end over the demo news site (demo/site), checked against its MANIFEST.json."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from claimgraph.records import Article
from claimgraph.settings import Settings
from crawler.demo_server import DirectoryServer
from crawler.report import CrawlReport, SkipReason
from crawler.run import crawl

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_SITE = REPO_ROOT / "demo" / "site"
DEMO_SOURCES = REPO_ROOT / "demo" / "sources.yaml"
MANIFEST_REASONS = {
    "robots": SkipReason.DISALLOWED_BY_ROBOTS,
    "not-article": SkipReason.NOT_ARTICLE,
    "non-english": SkipReason.NOT_ENGLISH,
    "no-text": SkipReason.NO_TEXT,
}
pytestmark = pytest.mark.skipif(not (DEMO_SITE / "MANIFEST.json").exists(), reason="demo/site is not there")


def manifest() -> dict[str, Any]:
    return json.loads((DEMO_SITE / "MANIFEST.json").read_text(encoding="utf-8"))


def read_lines(path: Path) -> list[Article]:
    return [Article.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


class DemoCrawl:
    """One crawl of the demo site, then a second one, shared by the tests of this module."""

    def __init__(self, server: DirectoryServer, base_url: str, data_dir: Path) -> None:
        self.server, self.base_url = server, base_url
        self.settings = Settings(data_dir=data_dir, crawl_delay=0.0, crawl_timeout=10.0)
        self.output = data_dir / "articles.jsonl"
        self.first = crawl(self.settings, DEMO_SOURCES, self.output, base_url=base_url)
        self.first_counts = server.counts()
        self.written_first = self.output.read_text(encoding="utf-8")
        server.clear_log()
        self.second = crawl(self.settings, DEMO_SOURCES, self.output, base_url=base_url)
        self.second_counts = server.counts()

    def articles(self) -> dict[str, Article]:
        return {article.url.removeprefix(self.base_url): article for article in read_lines(self.output)}

    def skipped(self, report: CrawlReport) -> dict[str, SkipReason]:
        return {line.url.removeprefix(self.base_url): line.reason for line in report.skipped}


@pytest.fixture(scope="module")
def demo_crawl(demo_site: tuple[DirectoryServer, str], tmp_path_factory: pytest.TempPathFactory) -> DemoCrawl:
    server, base_url = demo_site
    server.clear_log()
    return DemoCrawl(server, base_url, tmp_path_factory.mktemp("demo-crawl"))


def test_every_article_once_with_title_source_and_date(demo_crawl: DemoCrawl) -> None:
    expected = {entry["path"]: entry for entry in manifest()["articles"]}
    lines = read_lines(demo_crawl.output)
    assert len(lines) == len({article.id for article in lines}) == len(expected)
    articles = demo_crawl.articles()
    assert set(articles) == set(expected)
    for path, entry in expected.items():
        article = articles[path]
        assert article.title == entry["title"], path
        assert (article.source.id, article.source.name) == (entry["source_id"], entry["source_name"]), path
        assert article.published_at == datetime.fromisoformat(entry["published_at"]), path
        assert article.text and article.language == "en", path
        assert "utm_" not in article.canonical_url and "fbclid" not in article.canonical_url


def test_dates_come_from_where_the_manifest_says(demo_crawl: DemoCrawl) -> None:
    date_sources = {"time": {"page"}, "meta": {"meta"}, "jsonld": {"json_ld"}, "feed": {"feed"}}
    articles = demo_crawl.articles()
    for entry in manifest()["articles"]:
        assert articles[entry["path"]].date_source.value in date_sources[entry["date_in"]], entry["path"]


def test_syndicated_copies_are_linked_to_their_original(demo_crawl: DemoCrawl) -> None:
    articles = demo_crawl.articles()
    for entry in manifest()["articles"]:
        original = articles[entry["copy_of"]].id if entry["copy_of"] else None
        assert articles[entry["path"]].copy_of == original, entry["path"]
    assert demo_crawl.first.copies == sum(1 for entry in manifest()["articles"] if entry["copy_of"])


def test_skipped_pages_are_reported_with_their_reason(demo_crawl: DemoCrawl) -> None:
    skipped = demo_crawl.skipped(demo_crawl.first)
    for entry in manifest()["skipped"]:
        assert skipped.get(entry["path"]) == MANIFEST_REASONS[entry["why"]], entry["path"]


def test_the_disallowed_section_is_not_fetched(demo_crawl: DemoCrawl) -> None:
    robots = [entry["path"] for entry in manifest()["skipped"] if entry["why"] == "robots"]
    assert robots
    assert all(demo_crawl.first_counts[path] == 0 for path in robots)
    assert not [path for path in demo_crawl.first_counts if path.startswith("/wire/internal/")]


def test_malformed_feeds_are_reported_and_not_fatal(demo_crawl: DemoCrawl) -> None:
    malformed = {feed for source in manifest()["sources"] for feed in source["malformed_feeds"]}
    reported = {path for path, reason in demo_crawl.skipped(demo_crawl.first).items() if reason == "malformed_feed"}
    assert malformed and reported == malformed
    from_those_feeds = [
        entry["path"] for entry in manifest()["articles"] if entry["in_feed"] and not entry["in_sitemap"]
    ]
    assert set(from_those_feeds) <= set(demo_crawl.articles())


def test_every_page_is_fetched_once(demo_crawl: DemoCrawl) -> None:
    paths = [entry["path"] for entry in manifest()["articles"]]
    assert all(demo_crawl.first_counts[path] == 1 for path in paths)


def test_a_second_crawl_fetches_no_article_and_asks_conditionally(demo_crawl: DemoCrawl) -> None:
    second = demo_crawl.second
    assert second.finished and second.new == 0 and second.fetched == 0
    assert demo_crawl.output.read_text(encoding="utf-8") == demo_crawl.written_first
    article_paths = {entry["path"] for entry in manifest()["articles"]}
    assert not [path for path in demo_crawl.second_counts if path in article_paths]
    for source in manifest()["sources"]:
        for index in source["feeds"] + source["sitemaps"]:
            requests = demo_crawl.server.requests_for(index)
            assert requests and all(request.status == 304 for request in requests), index
            assert all("If-None-Match" in request.headers for request in requests), index
            assert all("If-Modified-Since" in request.headers for request in requests), index


def crawl_command(base_url: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph_app", "crawl", "--sources", str(DEMO_SOURCES), "--base-url", base_url]


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_a_crawl_killed_half_way_and_restarted_writes_every_article_exactly_once(
    demo_site: tuple[DirectoryServer, str], tmp_path: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CLAIMGRAPH_", "NEO4J_"))}
    env.update(
        CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"),
        CLAIMGRAPH_CONFIG=str(tmp_path / "no-config.toml"),
        CLAIMGRAPH_CRAWL_DELAY="0.4",
    )
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    expected = {entry["path"] for entry in manifest()["articles"]}
    _, base_url = demo_site
    command = crawl_command(base_url)
    process = subprocess.Popen([*command, "-o", str(first)], env=env, cwd=tmp_path, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while line_count(first) < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the crawl ended before it could be killed half way"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written_when_killed = line_count(first)
    time.sleep(1.5)
    assert line_count(first) == written_when_killed, "the crawl went on writing after its command was killed"
    assert written_when_killed < len(expected)
    # The delay only kept the first crawl slow enough to be killed half way; the restart goes at full speed.
    finished = subprocess.run(
        [*command, "-o", str(second)],
        env={**env, "CLAIMGRAPH_CRAWL_DELAY": "0"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    union = read_lines(first) + read_lines(second)
    paths = Counter(article.url.removeprefix(base_url) for article in union)
    assert set(paths) == expected
    assert all(count == 1 for count in paths.values()), [path for path, count in paths.items() if count > 1]
    assert "new articles" in finished.stdout
