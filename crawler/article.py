"""The article parser: one HTML page in, the fields of an article (or why it is not one) out.

The page is loaded once, by trafilatura's own loader (its charset detection and HTML parser: on
real pages trafilatura extracts better from the tree it builds than from one lxml builds from the
raw bytes). Our own reading of the markup (canonical links, declared language, page type,
publication dates in `<time>`, meta tags and JSON-LD) is done on that tree; trafilatura then
extracts the main text, title and authors from a copy of it, and its metadata pass runs htmldate
on the markup and URL (`original_date`, no text search). Only when neither finds a date is
htmldate's extensive search of the text run (see `crawler.dates` for how the date is chosen).

The text keeps the article's structure: one paragraph per block trafilatura found (paragraph,
heading, quote, list item, table), separated by a blank line, without the headline.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import html
from lxml.etree import _Element
from trafilatura import bare_extraction
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from claimgraph.records import AUTHORS_MAX, NAME_MAX_CHARS, TITLE_MAX_CHARS
from crawler.dates import DateBounds, page_dates, parse_day, text_date
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
PARAGRAPH_BREAK = "\n\n"
HEADLINE_SEARCH_BLOCKS = 3
"""The headline is looked for among this many first blocks of the extracted text."""
MAX_KICKER_WORDS = 8
"""A block before the headline this long or shorter is a section label or kicker, not article text."""
LIST_MARKER = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


@dataclass
class ParsedPage:
    """What the page says about itself; validation and identity are decided later, in the pipelines.

    The markup dates keep the page's own UTC offset, so that their day is the day the page states.
    """

    title: str = ""
    text: str = ""
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_links: list[str] = field(default_factory=list)
    og_type: str | None = None
    page_date: datetime | None = None
    meta_date: datetime | None = None
    json_ld_date: datetime | None = None
    htmldate_day: date | None = None
    text_day: date | None = None

    def has_markup_date(self) -> bool:
        """Whether the markup or URL states a date (ours or htmldate's reading; not the text search)."""
        return bool(self.page_date or self.meta_date or self.json_ld_date or self.htmldate_day)


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


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _blocks(body: _Element) -> list[_Element]:
    """The body's blocks in order; a list counts as its items, each one a paragraph."""
    blocks: list[_Element] = []
    for child in body:
        if child.tag == "list" and len(child) and all(item.tag == "item" for item in child):
            blocks.extend(child)
        else:
            blocks.append(child)
    return blocks


def _block_text(block: _Element) -> str:
    """One block's text on one line; a list item without trafilatura's "- " marker."""
    text = " ".join(xmltotxt(block, False).split())
    return LIST_MARKER.sub("", text, count=1) if block.tag == "item" else text


def article_text(body: _Element | None, title: str) -> str:
    """The main text as paragraphs separated by blank lines, without the headline and what precedes it."""
    if body is None:
        return ""
    paragraphs = [_block_text(block) for block in _blocks(body)]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    return PARAGRAPH_BREAK.join(paragraphs[_body_start(paragraphs, title) :])


def _body_start(paragraphs: list[str], title: str) -> int:
    """Where the body begins: after the headline when one of the first blocks is the headline and
    only short lines (a section label, a kicker) come before it; else at the first block."""
    headline = _words(title)
    if not headline:
        return 0
    for index, paragraph in enumerate(paragraphs[:HEADLINE_SEARCH_BLOCKS]):
        if _words(paragraph) == headline:
            return index + 1
        if len(paragraph.split()) > MAX_KICKER_WORDS:
            return 0
    return 0


def _drop_asides(tree: html.HtmlElement) -> None:
    """Remove `<aside>`s (related stories, most read): their dates are other stories' dates.

    trafilatura leaves asides out of the main text anyway; htmldate, run by trafilatura's metadata
    pass, would otherwise take a related story's `<time>` for the page's date.
    """
    for aside in tree.xpath("//aside"):
        aside.drop_tree()


def parse_page(body: bytes | str, url: str, bounds: DateBounds | None = None, search_text: bool = True) -> ParsedPage:
    """Read an HTML page; raise `PageError` when it has no readable main text.

    `bounds` are the dates a publication date may fall between (the source's start, tomorrow).
    `search_text=False` skips htmldate's search of the text (when a feed or sitemap dates the page,
    that date comes first in the chain).
    """
    bounds = bounds or DateBounds.default()
    try:
        tree = load_html(body)
    except (TypeError, ValueError) as error:
        raise PageError(SkipReason.NO_TEXT, f"unparseable HTML ({error})") from error
    if tree is None:
        raise PageError(SkipReason.NO_TEXT, "unparseable HTML (no document tree)")
    page = ParsedPage(language=_declared_language(tree), canonical_links=_canonical_links(tree), og_type=_og_type(tree))
    page.page_date, page.meta_date, page.json_ld_date = page_dates(tree, bounds)
    _drop_asides(tree)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True, **bounds.htmldate_params()},
    )
    if document is None or not (document.text or "").strip():
        raise PageError(SkipReason.NO_TEXT, "no main text could be extracted")
    page.title = " ".join((document.title or "").split())[:TITLE_MAX_CHARS]  # a record refuses longer ones
    page.text = article_text(document.body, page.title) or document.text.strip()
    page.authors = _authors(document.author)
    page.htmldate_day = parse_day(document.date, bounds)
    if search_text and not page.has_markup_date():
        page.text_day = text_date(load_html(body), url, bounds)
    return page
