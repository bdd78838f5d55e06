"""Reading articles for extraction: full `Article` lines, or the loose lines of annotated sets.

A loose line has `url`, `text` and optionally `title`, `published_at` (a date or date-time
string), `source` (a name) and `language`; anything else on it (such as `gold`) is ignored.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from pydantic import model_validator

from claimgraph.records import Article, article_id, slugify


def _aware(value: object) -> object:
    """A bare date or naive date-time string becomes midnight / that time in UTC."""
    if isinstance(value, str) and value.strip():
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return value
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value


class ArticleLine(Article):
    """An `Article`, also accepting a loose line (see the module doc)."""

    @model_validator(mode="before")
    @classmethod
    def _from_loose(cls, data: Any) -> Any:
        if not isinstance(data, dict) or ("id" in data and isinstance(data.get("source"), dict)):
            return data
        url = data.get("url")
        if not isinstance(url, str) or not url.strip():
            return data
        source = data.get("source")
        domain = urlsplit(url).hostname or "unknown"
        name = source if isinstance(source, str) and source.strip() else domain
        return {
            "id": article_id(url),
            "url": url,
            "canonical_url": url,
            "source": source if isinstance(source, dict) else {"id": slugify(name), "name": name, "domain": domain},
            "title": data.get("title") or "",
            "text": data.get("text"),
            "published_at": _aware(data.get("published_at")),
            "language": data.get("language"),
        }
