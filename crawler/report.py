"""The crawl report: counts, and one line (URL, reason) for every page or feed that was skipped."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from pydantic import BaseModel, Field


class SkipReason(StrEnum):
    """Why a URL gave no article. Each is one line in the report; none stops the crawl."""

    MALFORMED_FEED = "malformed_feed"
    MALFORMED_SITEMAP = "malformed_sitemap"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    CONNECTION_ERROR = "connection_error"
    NOT_HTML = "not_html"
    NO_TEXT = "no_text"
    NOT_ARTICLE = "not_article"
    NOT_ENGLISH = "not_english"
    TOO_LARGE = "too_large"
    DISALLOWED_BY_ROBOTS = "disallowed_by_robots"
    DUPLICATE = "duplicate"


class ReportLine(BaseModel):
    """One URL that gave no article, and why."""

    url: str
    reason: SkipReason
    detail: str = ""


class CrawlReport(BaseModel):
    """What one crawl did."""

    sources: int = 0
    feeds_fetched: int = 0
    sitemaps_fetched: int = 0
    not_modified: int = Field(default=0, description="feeds and sitemaps answered 304 Not Modified")
    discovered: int = Field(default=0, description="article links found in feeds and sitemaps, new ones")
    fetched: int = Field(default=0, description="article pages downloaded")
    new: int = Field(default=0, description="articles written (copies included)")
    copies: int = Field(default=0, description="new articles recognised as syndicated copies")
    unchanged: int = Field(default=0, description="article links already crawled before, not fetched again")
    resumed: int = Field(default=0, description="articles found in the output of an interrupted crawl")
    skipped: list[ReportLine] = Field(default_factory=list)
    finished: bool = False

    def skipped_by_reason(self) -> dict[str, int]:
        """How many URLs were skipped, per reason."""
        return dict(Counter(str(line.reason) for line in self.skipped))

    def summary(self) -> str:
        """A one-paragraph summary for people."""
        reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(self.skipped_by_reason().items()))
        return (
            f"{self.sources} sources, {self.feeds_fetched} feeds and {self.sitemaps_fetched} sitemaps read "
            f"({self.not_modified} not modified); {self.fetched} pages fetched, {self.new} new articles "
            f"({self.copies} syndicated copies), {self.unchanged} unchanged; skipped: {reasons or 'none'}"
        )
