"""Item pipelines, one job each, in priority order: validate, canonicalise, de-duplicate, write.

A page that is not a (new) article is dropped with a `SkipItem` naming the reason; the
bookkeeping extension turns each drop into a report line.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC
from typing import Any

from scrapy.crawler import Crawler

from claimgraph.jsonl import dump_line
from claimgraph.records import Article, article_id, content_hash
from crawler.article import MIN_ARTICLE_WORDS, NON_ARTICLE_OG_TYPES, looks_english
from crawler.context import CrawlContext
from crawler.dates import DateBounds, DateCandidates, choose_date, disagrees_with_feed
from crawler.dedup import from_bytes, signature, to_bytes
from crawler.items import ArticleItem, IssueItem, LinkItem, PageItem, SkipItem
from crawler.report import SkipReason
from crawler.state import KnownArticle
from crawler.urls import clean_url, resolve, same_site

logger = logging.getLogger(__name__)

PIPELINES = {
    "crawler.pipelines.FrontierPipeline": 50,
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.CanonicalisePipeline": 200,
    "crawler.pipelines.DeduplicatePipeline": 300,
    "crawler.pipelines.WritePipeline": 400,
}


class _ContextPipeline:
    """A pipeline that reads the crawl's shared context."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    @property
    def context(self) -> CrawlContext:
        return self.crawler.spider.context  # type: ignore[union-attr]


class FrontierPipeline(_ContextPipeline):
    """Put each link the feeds and sitemaps yield on the durable frontier, unless it was crawled before."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, LinkItem):
            state, report = self.context.state, self.context.report
            if state.is_seen(item.url):
                report.unchanged += 1
            else:
                hint = item.hint_date.isoformat() if item.hint_date else None
                report.discovered += state.add_to_frontier(item.url, item.source_id, hint, item.hint_kind)
        return item


class ValidatePipeline(_ContextPipeline):
    """Drop what is not an English news article: failures, empty pages, index pages, other languages."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, IssueItem):
            raise SkipItem(item.url, item.reason, item.detail, item.permanent, item.is_article)
        if not isinstance(item, PageItem):
            return item
        page, url = item.page, item.request_url
        expected = self.context.sources[item.source_id].language
        if page.language and page.language != expected:
            raise SkipItem(url, SkipReason.NOT_ENGLISH, f"page language is {page.language!r}, source's is {expected!r}")
        if expected == "en" and not looks_english(page.text):
            raise SkipItem(url, SkipReason.NOT_ENGLISH, "the text does not read as English")
        if page.og_type in NON_ARTICLE_OG_TYPES and not page.has_markup_date():
            raise SkipItem(url, SkipReason.NOT_ARTICLE, f"og:type {page.og_type!r} and no publication date")
        words = len(page.text.split())
        if words < MIN_ARTICLE_WORDS:
            raise SkipItem(url, SkipReason.NO_TEXT, f"only {words} words of main text")
        if not page.title:
            raise SkipItem(url, SkipReason.NOT_ARTICLE, "no title")
        return item


class CanonicalisePipeline(_ContextPipeline):
    """Give the page its identity (canonical URL, id, content hash) and its date; build the Article."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        source = self.context.sources[item.source_id]
        own_url = clean_url(item.response_url)
        canonical, foreign = own_url, None
        for link in item.page.canonical_links:
            absolute = resolve(item.response_url, link)
            if not absolute:
                continue
            try:
                candidate = clean_url(absolute)
            except ValueError:
                continue
            if same_site(candidate, own_url) and source.admits(candidate):
                canonical = candidate
                break
            foreign = foreign or candidate
        page = item.page
        feed_date = item.hint_date if item.hint_kind == "feed" else None
        published_at, date_source = choose_date(
            DateCandidates(
                page=page.page_date,
                meta=page.meta_date,
                json_ld=page.json_ld_date,
                htmldate=page.htmldate_day,
                feed=feed_date,
                sitemap=item.hint_date if item.hint_kind == "sitemap" else None,
                text=page.text_day,
            ),
            DateBounds.default(source.founded, item.fetched_at),
        )
        if disagrees_with_feed(published_at, date_source, feed_date):
            logger.warning(
                "%s: the page's date %s (%s) is more than a day from the feed's %s",
                item.response_url,
                published_at.isoformat() if published_at else None,
                date_source.value,
                feed_date.isoformat() if feed_date else None,
            )
        article = Article(
            id=article_id(canonical),
            url=item.response_url,
            canonical_url=canonical,
            source=source.record(),
            title=page.title,
            text=page.text,
            published_at=published_at.astimezone(UTC) if published_at else None,
            date_source=date_source,
            fetched_at=item.fetched_at,
            language=page.language or source.language,
            authors=page.authors,
            content_hash=content_hash(page.text),
        )
        urls = [item.request_url, own_url]
        return ArticleItem(article=article, urls=urls, foreign_canonical=foreign)


class DeduplicatePipeline(_ContextPipeline):
    """Drop an article already written; mark a syndicated copy with the id of its first-seen original."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        state, article = self.context.state, item.article
        if state.article(article.id):
            raise SkipItem(item.urls[0], SkipReason.DUPLICATE, f"same canonical URL as {article.canonical_url}")
        minhash = signature(article.text, article.title)
        item.signature = to_bytes(minhash)
        article.copy_of = self._original(item, minhash)
        return item

    def _original(self, item: ArticleItem, minhash: Any) -> str | None:
        state, article = self.context.state, item.article
        if item.foreign_canonical and (known := state.article(article_id(item.foreign_canonical))):
            return known.copy_of or known.id
        if same_text := state.original_with_hash(article.content_hash):
            return same_text
        return self.context.index.original_of(minhash, exclude=article.id)


class WritePipeline(_ContextPipeline):
    """Append the article to the JSONL output durably, then remember it in the crawl state."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        context, article = self.context, item.article
        context.output.write(dump_line(article) + "\n")
        context.output.flush()
        if context.output.fileno() > 2:
            os.fsync(context.output.fileno())
        known = KnownArticle(article.id, article.canonical_url, article.content_hash, article.copy_of, item.signature)
        context.state.record_article(known, item.urls)
        if article.copy_of is None:
            context.index.add(article.id, from_bytes(item.signature))
        return item
