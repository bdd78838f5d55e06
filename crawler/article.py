"""The article parser: one HTML page in, the fields of an article (or why it is not one) out.

The page is parsed once with lxml; our own reading of the markup (canonical links, publication
dates, declared language, page type) is done on that tree before trafilatura extracts the main
text, title and authors from it with `bare_extraction(..., with_metadata=True)`. trafilatura's
date search is restricted to markup (`extensive_search=False`): it never guesses from the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree, html
from trafilatura import bare_extraction

from claimgraph.records import AUTHORS_MAX, NAME_MAX_CHARS, TITLE_MAX_CHARS
from crawler.dates import page_dates, parse_datetime
from crawler.report import SkipReason

logger = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 60
"""Pages whose main text has fewer words have no article text (video pages, stubs, bare indexes)."""
MIN_ENGLISH_STOPWORD_SHARE = 0.12
"""Share of English function words below which a text of some length is taken as not English."""
LANGUAGE_CHECK_MIN_WORDS = 30
ENGLISH_STOPWORDS = frozenset(
    {
        *("the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "it", "with", "as", "by", "at"),
        *("from", "he", "she", "they", "his", "her", "its", "be", "are", "were", "been", "has", "have", "had"),
        *("not", "but", "or", "an", "this", "which", "said", "will", "would", "who", "their", "than", "also"),
        *("after", "more", "about", "into", "over"),
    }
)
NON_ARTICLE_OG_TYPES = frozenset({"website", "profile", "video.other", "product", "book"})
TRAFILATURA_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class ParsedPage:
    """What the page says about itself; validation and identity are decided later, in the pipelines."""

    title: str = ""
    text: str = ""
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_links: list[str] = field(default_factory=list)
    og_type: str | None = None
    page_date: datetime | None = None
    meta_date: datetime | None = None
    json_ld_date: datetime | None = None
    extracted_date: datetime | None = None


class PageError(Exception):
    """The page cannot be read as an article; `reason` says why (a `SkipReason`)."""

    def __init__(self, reason: SkipReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def _declared_language(tree: html.HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in tree.iterfind(".//meta"):
        key = (element.get("http-equiv") or element.get("property") or element.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(element.get("content"))
    for value in candidates:
        if value and (match := re.match(r"\s*([A-Za-z]{2})\b", value)):
            return match.group(1).lower()
    return None


def looks_english(text: str) -> bool:
    """Whether a text reads as English (share of English function words); short texts pass."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < LANGUAGE_CHECK_MIN_WORDS:
        return True
    return sum(word in ENGLISH_STOPWORDS for word in words) / len(words) >= MIN_ENGLISH_STOPWORD_SHARE


def _canonical_links(tree: html.HtmlElement) -> list[str]:
    links = [str(href) for href in tree.xpath("//link[@rel='canonical']/@href")]
    links += [str(url) for url in tree.xpath("//meta[@property='og:url']/@content")]
    return [link.strip() for link in links if link.strip()]


def _og_type(tree: html.HtmlElement) -> str | None:
    values = tree.xpath("//meta[@property='og:type']/@content")
    return str(values[0]).strip().lower() if values else None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    names = [name.strip()[:NAME_MAX_CHARS] for name in re.split(r";|\band\b|,(?=\s*[A-Z])", value) if name.strip()]
    return names[:AUTHORS_MAX]


def parse_page(body: bytes, url: str) -> ParsedPage:
    """Read an HTML page; raise `PageError` when it has no readable main text."""
    try:
        tree = html.fromstring(body)
    except (etree.ParserError, ValueError) as error:
        raise PageError(SkipReason.NO_TEXT, f"unparseable HTML ({error})") from error
    page = ParsedPage(language=_declared_language(tree), canonical_links=_canonical_links(tree), og_type=_og_type(tree))
    page.page_date, page.meta_date, page.json_ld_date = page_dates(tree)
    document = bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=TRAFILATURA_DATE_PARAMS
    )
    if document is None or not (document.text or "").strip():
        raise PageError(SkipReason.NO_TEXT, "no main text could be extracted")
    page.title = (document.title or "").strip()[:TITLE_MAX_CHARS]  # a record refuses longer ones
    page.text = document.text.strip()
    page.authors = _authors(document.author)
    page.extracted_date = parse_datetime(document.date)
    return page
