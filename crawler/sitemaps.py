"""Dates from sitemaps: a news sitemap's `<news:publication_date>`, else the entry's `<lastmod>`.

Scrapy's `Sitemap` reader flattens nested elements, so the news dates are read here, from the
same body, into a map from location to date.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from lxml import etree

from crawler.dates import parse_datetime


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def sitemap_dates(body: bytes) -> dict[str, datetime]:
    """For each `<url>` of a urlset: its publication date (news) or last modification date."""
    dates: dict[str, datetime] = {}
    try:
        events = etree.iterparse(BytesIO(body), events=("end",), recover=True, resolve_entities=False)
        for _, element in events:
            if _local(element.tag) != "url":
                continue
            loc, published, modified = None, None, None
            for child in element.iter():
                name = _local(child.tag)
                text = (child.text or "").strip()
                if name == "loc" and loc is None:
                    loc = text
                elif name == "publication_date":
                    published = parse_datetime(text)
                elif name == "lastmod":
                    modified = parse_datetime(text)
            if loc and (published or modified):
                dates[loc] = published or modified  # type: ignore[assignment]
            element.clear()
    except etree.XMLSyntaxError:
        return dates
    return dates
