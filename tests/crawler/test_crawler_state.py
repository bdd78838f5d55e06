"""The crawl state (sqlite) and its lock."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from claimgraph.exceptions import CrawlError
from crawler.state import CrawlState, KnownArticle, Validators, crawl_lock


def known(article_id: str, content_hash: str = "h", copy_of: str | None = None) -> KnownArticle:
    return KnownArticle(article_id, f"https://news.test/{article_id}", content_hash, copy_of, b"\x00" * 8)


def test_seen_urls_and_articles_persist_across_instances(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    state.record_article(known("a"), ["https://news.test/a?x=1"])
    state.mark_seen(["https://news.test/de"], "not_english")
    state.close()
    again = CrawlState(tmp_path)
    assert again.is_seen("https://news.test/a?x=1") and again.is_seen("https://news.test/a")
    assert again.is_seen("https://news.test/de") and not again.is_seen("https://news.test/b")
    assert again.article("a") == known("a")


def test_the_original_with_the_same_text_is_found_and_copies_are_not_originals(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    state.record_article(known("a", "same"), [])
    state.record_article(known("b", "same", copy_of="a"), [])
    assert state.original_with_hash("same") == "a"
    assert [article.id for article in state.originals()] == ["a"]


def test_the_frontier_is_ordered_by_date_and_loses_done_links(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    assert state.add_to_frontier("https://news.test/late", "s", "2026-07-02T00:00:00+00:00", "feed")
    assert not state.add_to_frontier("https://news.test/late", "s", "2026-06-02T00:00:00+00:00", "sitemap")
    state.add_to_frontier("https://news.test/undated", "s", None, None)
    state.add_to_frontier("https://news.test/early", "s", "2026-07-01T00:00:00+00:00", "sitemap")
    state.add_to_frontier("https://news.test/other", "t", "2026-06-01T00:00:00+00:00", "feed")
    assert [entry.url.rsplit("/", 1)[1] for entry in state.frontier(["s"])] == ["early", "late", "undated"]
    state.mark_seen(["https://news.test/early"], "article", "x")
    assert [entry.url.rsplit("/", 1)[1] for entry in state.frontier(["s", "t"])] == ["other", "late", "undated"]


def test_a_link_that_keeps_failing_leaves_the_frontier(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    state.add_to_frontier("https://news.test/flaky", "s", None, None)
    state.count_attempt("https://news.test/flaky", max_attempts=2)
    assert state.frontier(["s"])
    state.count_attempt("https://news.test/flaky", max_attempts=2)
    assert not state.frontier(["s"])


def test_validators_runs_and_source_times(tmp_path: Path) -> None:
    state = CrawlState(tmp_path)
    state.save_validators({"https://news.test/feed": Validators('"abc"', None)})
    assert state.validators("https://news.test/feed") == Validators('"abc"', None)
    assert state.validators("https://news.test/other") is None
    run = state.begin_run("/tmp/out.jsonl")
    assert state.unfinished_runs() == [(run, "/tmp/out.jsonl")]
    state.finish_run(run)
    assert state.unfinished_runs() == []
    state.mark_sources_crawled(["s"])
    assert state.last_crawled("s") is not None and state.last_crawled("t") is None


def test_an_unreadable_state_file_is_a_crawl_error(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(CrawlError, match="unreadable"):
        CrawlState(tmp_path)


def _hold_lock(
    state_dir: str, ready: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event
) -> None:
    with crawl_lock(Path(state_dir)):
        ready.set()
        release.wait(30)


def test_a_second_crawl_on_the_same_state_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    holder.start()
    try:
        assert ready.wait(60)
        with pytest.raises(CrawlError, match="another crawl"), crawl_lock(tmp_path, wait_seconds=0.2):
            pass
    finally:
        release.set()
        holder.join(30)
    with crawl_lock(tmp_path, wait_seconds=0.2):
        pass
