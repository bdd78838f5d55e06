"""Which sources a crawl takes: those asked for, and those whose re-crawl interval has passed."""

from __future__ import annotations

from pathlib import Path

from crawler.job import CrawlJob
from crawler.sources import parse_sources
from crawler.state import CrawlState
from crawler.worker import due_sources

SOURCES = parse_sources(
    {
        "sources": [
            {"id": "often", "name": "Often", "domain": "a.test", "feeds": ["https://a.test/rss"]},
            {
                "id": "hourly",
                "name": "Hourly",
                "domain": "b.test",
                "feeds": ["https://b.test/rss"],
                "recrawl_minutes": 60,
            },
        ]
    },
    Path("sources.yaml"),
)


def job(**changes: object) -> CrawlJob:
    return CrawlJob.model_validate({"settings": {}, "sources_file": "sources.yaml", "output": "-", **changes})


def ids(tmp_path: Path, **changes: object) -> list[str]:
    state = CrawlState(tmp_path)
    return [source.id for source in due_sources(SOURCES, state, job(**changes))]


def test_a_source_is_not_due_again_before_its_interval(tmp_path: Path) -> None:
    assert ids(tmp_path) == ["often", "hourly"]
    CrawlState(tmp_path).mark_sources_crawled(["often", "hourly"])
    assert ids(tmp_path) == ["often"]
    assert ids(tmp_path, force=True) == ["often", "hourly"]


def test_only_the_sources_asked_for(tmp_path: Path) -> None:
    assert ids(tmp_path, only_sources=["hourly"]) == ["hourly"]
