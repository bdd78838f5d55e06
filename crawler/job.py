"""What the parent process asks a crawl's child process to do (kept light: the parent imports it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class CrawlJob(BaseModel):
    """One crawl, as the parent hands it to `python -m crawler.worker`."""

    settings: dict[str, Any]
    sources_file: str
    base_url: str | None = None
    output: str
    only_sources: list[str] = Field(default_factory=list)
    force: bool = False
    log_level: str = "WARNING"
    scrapy_log_level: str = "WARNING"
