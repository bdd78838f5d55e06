"""The article parser on saved pages: fields read, pages that are not articles refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimgraph.records import AUTHORS_MAX, TITLE_MAX_CHARS
from crawler.article import PageError, looks_english, parse_page
from crawler.report import SkipReason

SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def read(path: str) -> bytes:
    return (SITE / path).read_bytes().replace(b"{{BASE}}", b"http://news.test")


def test_an_article_page_gives_title_text_language_and_dates() -> None:
    page = parse_page(read("wire/anthropic-alibaba.html"), "http://news.test/wire/anthropic-alibaba.html")
    assert page.title == "Anthropic accuses Alibaba of distilling Claude"
    assert page.text.startswith("Anthropic accuses Alibaba") and "Qwen family" in page.text
    assert "Home" not in page.text and "©" not in page.text
    assert page.language == "en"
    assert page.page_date == datetime(2026, 6, 23, 9, 30, tzinfo=UTC)
    assert page.canonical_links == ["/wire/anthropic-alibaba.html"]
    assert page.og_type == "article"


def test_authors_come_from_the_page() -> None:
    page = parse_page(read("techdaily/meta-authors.html"), "http://news.test/techdaily/meta-authors.html")
    assert page.authors == ["Sam Writer"]
    assert page.language == "en"
    assert page.page_date is None


def test_a_page_with_no_text_is_refused() -> None:
    with pytest.raises(PageError) as caught:
        parse_page(read("techdaily/empty.html"), "http://news.test/techdaily/empty.html")
    assert caught.value.reason == SkipReason.NO_TEXT


def test_unparseable_bytes_are_refused_not_raised() -> None:
    with pytest.raises(PageError) as caught:
        parse_page(b"", "http://news.test/blank")
    assert caught.value.reason == SkipReason.NO_TEXT


def test_the_declared_language_is_read() -> None:
    page = parse_page(read("techdaily/german.html"), "http://news.test/techdaily/german.html")
    assert page.language == "de"


def test_looks_english_tells_english_from_german() -> None:
    english = parse_page(read("wire/openai-engineer.html"), "http://news.test/a").text
    german = parse_page(read("techdaily/german.html"), "http://news.test/b").text
    assert looks_english(english)
    assert not looks_english(german)
    assert looks_english("Too short to judge")


def test_an_outsized_title_and_author_list_are_cut_to_what_a_record_holds() -> None:
    authors = ", ".join(f"Writer Number{i}" for i in range(300))
    body = (
        f"<html lang='en'><head><title>{'Headline ' * 2000}</title><meta name='author' content='{authors}'></head>"
        "<body><article><p>" + "Anthropic accused Alibaba of distilling Claude to train its models. " * 20 + "</p>"
        "</article></body></html>"
    ).encode()
    page = parse_page(body, "http://news.test/wire/long-title.html")
    assert 0 < len(page.title) <= TITLE_MAX_CHARS
    assert 0 < len(page.authors) <= AUTHORS_MAX
