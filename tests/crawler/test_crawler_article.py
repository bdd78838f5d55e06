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
    assert page.text.startswith("Anthropic accused Alibaba on Tuesday") and "Qwen family" in page.text
    assert "Home" not in page.text and "©" not in page.text
    assert page.language == "en"
    assert page.page_date == datetime(2026, 6, 23, 9, 30, tzinfo=UTC)
    assert page.canonical_links == ["/wire/anthropic-alibaba.html"]
    assert page.og_type == "article"


def test_authors_come_from_the_page() -> None:
    page = parse_page(read("techdaily/meta-authors.html"), "http://news.test/techdaily/meta-authors.html")
    assert page.authors == ["Sam Writer"]
    assert page.htmldate_day is None, "a related story's <time> in an aside is not the page's date"
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


def test_the_text_is_the_paragraphs_as_written_without_the_headline() -> None:
    page = parse_page(read("wire/anthropic-alibaba.html"), "http://news.test/wire/anthropic-alibaba.html")
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Anthropic accused Alibaba on Tuesday of distilling")
    assert paragraphs[2].startswith("Alibaba did not immediately respond")
    assert all("\n" not in paragraph and paragraph == paragraph.strip() for paragraph in paragraphs)


def test_headings_inside_the_body_and_list_items_are_paragraphs_of_their_own() -> None:
    sentence = "The company said the traffic violated its terms of service and closed the accounts. "
    page = parse_page(
        (
            "<html lang='en'><head><title>A headline | Site</title></head><body><article><h1>A headline</h1>"
            f"<p>{sentence * 3}</p><h2>What comes next</h2><p>{sentence * 2}</p>"
            "<ul><li>First point of the list</li><li>Second point of the list</li></ul>"
            "</article></body></html>"
        ).encode(),
        "https://news.example/a",
    )
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0].startswith("The company said") and "A headline" not in page.text
    assert "What comes next" in paragraphs
    assert paragraphs[-2:] == ["First point of the list", "Second point of the list"]


def test_the_charset_the_page_declares_is_used() -> None:
    body = "Die Kommission prüft, ob Größe und Marktmacht des Konzerns den Wettbewerb verzerren. " * 12
    page = parse_page(
        (
            "<html lang='de'><head><meta charset='iso-8859-1'><title>Prüfung</title></head>"
            f"<body><article><p>{body}</p></article></body></html>"
        ).encode("iso-8859-1"),
        "https://news.example/de",
    )
    assert "prüft, ob Größe und Marktmacht" in page.text


def test_a_section_label_before_the_headline_is_left_out_with_it() -> None:
    sentence = "The regulator said the company had trained its models on personal data without consent. "
    page = parse_page(
        (
            "<html lang='en'><head><title>Regulator fines the company | Brief</title></head><body><article>"
            f"<p class='section'>Data protection</p><h1>Regulator fines the company</h1><p>{sentence * 3}</p>"
            f"<p>{sentence * 2}</p></article></body></html>"
        ).encode(),
        "https://news.example/fine",
    )
    assert page.text.startswith("The regulator said") and "Data protection" not in page.text


def test_a_first_paragraph_is_kept_when_the_headline_comes_later() -> None:
    sentence = "The regulator said the company had trained its models on personal data without consent. "
    page = parse_page(
        (
            "<html lang='en'><head><title>Regulator fines the company | Brief</title></head><body><article>"
            f"<p>{sentence * 3}</p><h2>Regulator fines the company</h2><p>{sentence * 2}</p></article></body></html>"
        ).encode(),
        "https://news.example/fine",
    )
    assert page.text.startswith("The regulator said") and "Regulator fines the company" in page.text


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
