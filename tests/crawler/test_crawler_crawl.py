"""End to end over the fixture site on 127.0.0.1: `crawler.run.crawl` with a real Scrapy crawl."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from claimgraph import __version__
from claimgraph.exceptions import ConfigError, CrawlError
from claimgraph.records import Article, article_id
from claimgraph.settings import Settings
from crawler.demo_server import DirectoryServer, ServerOptions, serving
from crawler.report import CrawlReport, SkipReason
from crawler.run import crawl

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = FIXTURES / "sources.yaml"
ARTICLES = {
    "/wire/anthropic-alibaba.html": ("fixture-wire", "Anthropic accuses Alibaba of distilling Claude", "page"),
    "/wire/openai-engineer.html": ("fixture-wire", "OpenAI sues former engineer over trade secrets", "meta"),
    "/wire/publishers-perplexity.html": ("fixture-wire", "Publishers sue Perplexity", "json_ld"),
    "/wire/eu-microsoft.html": ("fixture-wire", "EU opens antitrust inquiry into Microsoft AI partnership", "feed"),
    "/techdaily/claude-distillation-row.html": ("techdaily", "Claude maker says Alibaba copied its models", "page"),
    "/techdaily/meta-authors.html": ("techdaily", "Authors narrow copyright case against Meta", "feed"),
    "/techdaily/huge.html": ("techdaily", "The long read: a year of AI disputes", "meta"),
}
DATES = {
    "/wire/anthropic-alibaba.html": "2026-06-23T09:30:00+00:00",
    "/wire/openai-engineer.html": "2026-06-22T14:00:00+00:00",
    "/wire/publishers-perplexity.html": "2026-06-24T08:00:00+00:00",
    "/wire/eu-microsoft.html": "2026-06-25T07:15:00+00:00",
    "/techdaily/meta-authors.html": "2026-06-26T16:45:00+00:00",
}
SKIPPED = {
    "/private/secret.html": SkipReason.DISALLOWED_BY_ROBOTS,
    "/wire/missing.html": SkipReason.HTTP_ERROR,
    "/techdaily/broken.xml": SkipReason.MALFORMED_FEED,
    "/techdaily/sitemap.xml": SkipReason.MALFORMED_SITEMAP,
    "/wire/openai-engineer.html?page=1": SkipReason.DUPLICATE,
    "http://127.0.0.1:9/feed.xml": SkipReason.CONNECTION_ERROR,
    "/techdaily/german.html": SkipReason.NOT_ENGLISH,
    "/techdaily/empty.html": SkipReason.NO_TEXT,
    "/techdaily/": SkipReason.NOT_ARTICLE,
    "/techdaily/report.pdf": SkipReason.NOT_HTML,
}


def read_articles(path: Path) -> list[Article]:
    return [Article.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_path(articles: list[Article], base_url: str) -> dict[str, Article]:
    return {article.url.removeprefix(base_url): article for article in articles}


def skipped_paths(report: CrawlReport, base_url: str) -> dict[str, SkipReason]:
    return {line.url.removeprefix(base_url): line.reason for line in report.skipped}


def run(settings: Settings, base_url: str, output: Path, **kwargs: Any) -> CrawlReport:
    return crawl(settings, SOURCES, output, base_url=base_url, **kwargs)


@dataclass
class FirstCrawl:
    """One crawl of the fixture site, shared by the tests that only read its results."""

    base_url: str
    report: CrawlReport
    output: Path
    counts: Counter[str]
    events: list[dict[str, Any]]
    user_agents: set[str]

    def articles(self) -> dict[str, Article]:
        return by_path(read_articles(self.output), self.base_url)


@pytest.fixture(scope="module")
def first_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FirstCrawl]:
    data_dir = tmp_path_factory.mktemp("fixture-crawl")
    settings = Settings(data_dir=data_dir, crawl_delay=0.0, crawl_timeout=5.0)
    with serving(FIXTURES / "site") as (server, base_url):
        events: list[dict[str, Any]] = []
        output = data_dir / "articles.jsonl"
        report = run(settings, base_url, output, progress=events.append)
        user_agents = {request.headers.get("User-Agent", "") for request in server.requests}
        yield FirstCrawl(base_url, report, output, server.counts(), events, user_agents)


def test_a_crawl_writes_every_article_once_with_its_fields(first_crawl: FirstCrawl) -> None:
    base_url, report = first_crawl.base_url, first_crawl.report
    articles = first_crawl.articles()
    assert set(articles) == set(ARTICLES)
    assert len(read_articles(first_crawl.output)) == len(ARTICLES)
    assert report.finished and report.new == len(ARTICLES)
    for path, (source_id, title, date_source) in ARTICLES.items():
        article = articles[path]
        assert (article.source.id, article.title, article.date_source.value) == (source_id, title, date_source)
        assert article.canonical_url == base_url + path
        assert article.id == article_id(article.canonical_url)
        assert len(article.text.split()) > 60 and article.language == "en"
    for path, published in DATES.items():
        assert articles[path].published_at == datetime.fromisoformat(published)
    assert articles["/techdaily/meta-authors.html"].authors == ["Sam Writer"]
    assert sum(event["event"] == "article" for event in first_crawl.events) == len(ARTICLES)
    variant = "/wire/openai-engineer.html"  # also linked as ?page=1: fetched, then dropped as a duplicate
    assert all(first_crawl.counts[path] == (2 if path == variant else 1) for path in ARTICLES)


def test_every_request_names_claimgraph_and_its_contact(first_crawl: FirstCrawl) -> None:
    (user_agent,) = first_crawl.user_agents
    assert user_agent == f"ClaimGraph/{__version__} (+{Settings().user_agent_contact})"


def test_tracking_parameters_never_reach_the_article(first_crawl: FirstCrawl) -> None:
    text = first_crawl.output.read_text()
    assert "utm_" not in text and "fbclid" not in text


def test_bad_input_is_reported_line_by_line_and_the_crawl_goes_on(first_crawl: FirstCrawl) -> None:
    report = first_crawl.report
    assert skipped_paths(report, first_crawl.base_url) == SKIPPED
    assert first_crawl.counts["/private/secret.html"] == 0
    assert report.new == len(ARTICLES)
    assert "malformed_feed 1" in report.summary()
    data = json.loads(report.model_dump_json())
    assert {line["reason"] for line in data["skipped"]} == {str(reason) for reason in SKIPPED.values()}


def test_the_syndicated_copy_is_linked_to_its_original(first_crawl: FirstCrawl) -> None:
    articles = first_crawl.articles()
    original = articles["/wire/anthropic-alibaba.html"]
    copy = articles["/techdaily/claude-distillation-row.html"]
    assert copy.copy_of == original.id and copy.id != original.id
    assert [article.copy_of for article in articles.values() if article is not copy] == [None] * 6
    assert first_crawl.report.copies == 1


def test_copies_are_recognised_across_crawls(
    fixture_site: tuple[DirectoryServer, str], crawl_settings: Settings, tmp_path: Path
) -> None:
    _, base_url = fixture_site
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    run(crawl_settings, base_url, first, only_sources=["fixture-wire"])
    run(crawl_settings, base_url, second, only_sources=["techdaily"])
    original = by_path(read_articles(first), base_url)["/wire/anthropic-alibaba.html"]
    copy = by_path(read_articles(second), base_url)["/techdaily/claude-distillation-row.html"]
    assert copy.copy_of == original.id


def test_a_second_crawl_is_conditional_and_fetches_no_article_again(
    fixture_site: tuple[DirectoryServer, str], crawl_settings: Settings, tmp_path: Path
) -> None:
    server, base_url = fixture_site
    output = tmp_path / "articles.jsonl"
    run(crawl_settings, base_url, output)
    written = output.read_text()
    server.clear_log()
    report = run(crawl_settings, base_url, output)
    assert report.finished and report.new == 0 and report.fetched == 0
    assert output.read_text() == written
    counts = server.counts()
    assert not [path for path in ARTICLES if counts[path]]
    for feed in ("/wire/feed.xml", "/techdaily/atom.xml", "/techdaily/broken.xml", "/sitemap-index.xml"):
        (request,) = server.requests_for(feed)
        assert request.status == 304
        assert "If-None-Match" in request.headers and "If-Modified-Since" in request.headers
    assert report.not_modified >= 3


def test_timeouts_server_errors_and_oversized_pages_are_reported_and_retried_later(
    tmp_path: Path,
) -> None:
    options = ServerOptions(slow_paths={"/wire/openai-engineer.html": 3.0}, statuses={"/wire/eu-microsoft.html": 500})
    settings = Settings(data_dir=tmp_path / "data", crawl_delay=0.0, crawl_timeout=1.0, crawl_max_page_bytes=60_000)
    output = tmp_path / "articles.jsonl"
    with serving(FIXTURES / "site", options) as (server, base_url):
        report = run(settings, base_url, output)
        reasons = skipped_paths(report, base_url)
        assert reasons["/wire/openai-engineer.html"] == SkipReason.TIMEOUT
        assert reasons["/wire/eu-microsoft.html"] == SkipReason.HTTP_ERROR
        assert reasons["/techdaily/huge.html"] == SkipReason.TOO_LARGE
        written = set(by_path(read_articles(output), base_url))
        assert written == set(ARTICLES) - {
            "/wire/openai-engineer.html",
            "/wire/eu-microsoft.html",
            "/techdaily/huge.html",
        }
        options.slow_paths.clear()
        options.statuses.clear()
        server.clear_log()
        again = run(settings, base_url, output)
        assert by_path(read_articles(output), base_url).keys() == set(ARTICLES) - {"/techdaily/huge.html"}
        assert again.new == 2
        assert server.counts()["/techdaily/huge.html"] == 0


def test_an_output_that_cannot_be_written_is_refused_before_crawling(
    fixture_site: tuple[DirectoryServer, str], crawl_settings: Settings, tmp_path: Path
) -> None:
    server, base_url = fixture_site
    with pytest.raises(CrawlError, match="cannot write the output"):
        run(crawl_settings, base_url, tmp_path)
    assert not server.requests


def test_a_sources_file_error_stops_before_crawling(crawl_settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - id: x\n    name: X\n    domain: x.example\n    feeds: [ftp://x.example/feed]\n")
    with pytest.raises(ConfigError, match=r"source 'x', field 'feeds\.0': .*'ftp://x.example/feed' is not an absolute"):
        crawl(crawl_settings, bad, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
