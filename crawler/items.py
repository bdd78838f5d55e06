"""What the spiders yield, and the `DropItem` the pipelines raise for a page that is no article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scrapy.exceptions import DropItem

from claimgraph.records import Article
from crawler.article import ParsedPage
from crawler.report import SkipReason


@dataclass
class LinkItem:
    """An article link found in a feed or sitemap, with the date given there (a frontier entry)."""

    url: str
    source_id: str
    hint_date: datetime | None
    hint_kind: str


@dataclass
class PageItem:
    """An article page as fetched and parsed, before validation and identity."""

    source_id: str
    request_url: str
    response_url: str
    fetched_at: datetime
    page: ParsedPage
    hint_date: datetime | None = None
    hint_kind: str | None = None


@dataclass
class IssueItem:
    """A URL (page, feed or sitemap) that gave no article, and why; `permanent` ones are not retried."""

    url: str
    reason: SkipReason
    detail: str = ""
    permanent: bool = False
    is_article: bool = True


@dataclass
class ArticleItem:
    """A validated article with its identity; `urls` are every URL it was reached by."""

    article: Article
    urls: list[str] = field(default_factory=list)
    foreign_canonical: str | None = None
    signature: bytes = b""


class SkipItem(DropItem):
    """Dropped by a pipeline: the URL gave no (new) article, for `reason`."""

    def __init__(self, url: str, reason: SkipReason, detail: str = "", permanent: bool = True, is_article: bool = True):
        super().__init__(f"{reason}: {url} {detail}".strip(), log_level="DEBUG")
        self.url = url
        self.reason = reason
        self.detail = detail
        self.permanent = permanent
        self.is_article = is_article
