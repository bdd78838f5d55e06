"""Date choice: explicit page dates first, then feed/sitemap, never a guess from a footer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html

from claimgraph.records import DateSource
from crawler.article import parse_page
from crawler.dates import DateCandidates, choose_date, page_dates, parse_datetime

D1 = datetime(2026, 6, 23, 9, 30, tzinfo=UTC)
D2 = datetime(2026, 6, 24, 8, 0, tzinfo=UTC)
D3 = datetime(2026, 6, 25, 7, 15, tzinfo=UTC)
BODY = "<p>" + "Anthropic said the company had sent millions of prompts to its interface. " * 12 + "</p>"


def test_parse_datetime_reads_iso_and_rfc822_and_makes_it_utc() -> None:
    assert parse_datetime("2026-06-23T11:30:00+02:00") == D1
    assert parse_datetime("Tue, 23 Jun 2026 09:30:00 GMT") == D1
    assert parse_datetime("2026-06-23T09:30:00") == D1


@pytest.mark.parametrize("value", ["", "yesterday-ish", "1970-01-01", "2999-01-01T00:00:00Z", None])
def test_parse_datetime_refuses_garbage_and_implausible_dates(value: str | None) -> None:
    assert parse_datetime(value) is None


def test_choose_date_follows_the_chain() -> None:
    assert choose_date(DateCandidates(page=D1, meta=D2, feed=D3)) == (D1, DateSource.PAGE)
    assert choose_date(DateCandidates(meta=D2, json_ld=D3)) == (D2, DateSource.META)
    assert choose_date(DateCandidates(json_ld=D3, feed=D1)) == (D3, DateSource.JSON_LD)
    assert choose_date(DateCandidates(feed=D1, sitemap=D2, extracted=D3)) == (D1, DateSource.FEED)
    assert choose_date(DateCandidates(sitemap=D2, extracted=D3)) == (D2, DateSource.SITEMAP)
    assert choose_date(DateCandidates(extracted=D3)) == (D3, DateSource.EXTRACTED)
    assert choose_date(DateCandidates()) == (None, DateSource.UNKNOWN)


def test_page_dates_reads_time_meta_and_json_ld() -> None:
    tree = html.fromstring(
        """<html><head>
        <meta property="article:published_time" content="2026-06-24T08:00:00Z">
        <script type="application/ld+json">{"@graph": [{"@type": "WebSite"},
            {"@type": ["NewsArticle"], "datePublished": "2026-06-25T07:15:00Z"}]}</script>
        </head><body><article><header><time datetime="2026-06-23T09:30:00Z">Tue</time></header></article>
        </body></html>"""
    )
    assert page_dates(tree) == (D1, D2, D3)


def test_time_elements_outside_the_article_are_not_its_date() -> None:
    tree = html.fromstring(
        "<html><body><article><p>x</p></article><aside><time datetime='2026-01-01'>a</time>"
        "<time datetime='2026-02-01'>b</time></aside></body></html>"
    )
    assert page_dates(tree) == (None, None, None)


def test_a_copyright_footer_is_never_taken_for_a_date() -> None:
    page = parse_page(
        f"<html lang='en'><head><title>T</title></head><body><article><h1>T</h1>{BODY}</article>"
        "<footer>© 2026 Example News. All rights reserved.</footer></body></html>".encode(),
        "https://news.example/t",
    )
    assert (page.page_date, page.meta_date, page.json_ld_date, page.extracted_date) == (None, None, None, None)
    assert choose_date(DateCandidates(extracted=page.extracted_date, feed=D3)) == (D3, DateSource.FEED)
