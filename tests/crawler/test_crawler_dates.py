"""Date choice: explicit page dates first, then feed/sitemap, never a guess from a footer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from lxml import html

from claimgraph.records import DateSource
from crawler.article import parse_page
from crawler.dates import (
    DateBounds,
    DateCandidates,
    choose_date,
    disagrees_with_feed,
    page_dates,
    parse_datetime,
    parse_day,
)

D1 = datetime(2026, 6, 23, 9, 30, tzinfo=UTC)
D2 = datetime(2026, 6, 24, 8, 0, tzinfo=UTC)
D3 = datetime(2026, 6, 25, 7, 15, tzinfo=UTC)
BODY = "<p>" + "Anthropic said the company had sent millions of prompts to its interface. " * 12 + "</p>"


def test_parse_datetime_reads_iso_and_rfc822_and_keeps_the_pages_offset() -> None:
    local = parse_datetime("2026-06-23T11:30:00+02:00")
    assert local == D1 and local is not None and local.utcoffset() == timedelta(hours=2)
    assert parse_datetime("Tue, 23 Jun 2026 09:30:00 GMT") == D1
    assert parse_datetime("2026-06-23T09:30:00") == D1


@pytest.mark.parametrize("value", ["", "yesterday-ish", "1970-01-01", "2999-01-01T00:00:00Z", None])
def test_parse_datetime_refuses_garbage_and_implausible_dates(value: str | None) -> None:
    assert parse_datetime(value) is None


def test_choose_date_follows_the_chain_without_htmldate() -> None:
    assert choose_date(DateCandidates(page=D1, meta=D2, feed=D3)) == (D1, DateSource.PAGE)
    assert choose_date(DateCandidates(meta=D2, json_ld=D3)) == (D2, DateSource.META)
    assert choose_date(DateCandidates(json_ld=D3, feed=D1)) == (D3, DateSource.JSON_LD)
    assert choose_date(DateCandidates(feed=D1, sitemap=D2, text=D3.date())) == (D1, DateSource.FEED)
    assert choose_date(DateCandidates(sitemap=D2, text=D3.date())) == (D2, DateSource.SITEMAP)
    assert choose_date(DateCandidates(text=D3.date())) == (datetime(2026, 6, 25, tzinfo=UTC), DateSource.TEXT)
    assert choose_date(DateCandidates()) == (None, DateSource.UNKNOWN)


def test_htmldates_day_wins_and_takes_the_time_of_a_date_on_that_day() -> None:
    assert choose_date(DateCandidates(page=D1, meta=D2, htmldate=D2.date())) == (D2, DateSource.META)
    assert choose_date(DateCandidates(page=D1, htmldate=D3.date(), feed=D3)) == (D3, DateSource.FEED)
    assert choose_date(DateCandidates(page=D1, htmldate=D3.date())) == (
        datetime(2026, 6, 25, tzinfo=UTC),
        DateSource.EXTRACTED,
    )


def test_a_day_is_compared_in_the_pages_own_time_zone() -> None:
    late_evening = parse_datetime("2026-06-23T23:30:00-04:00")
    assert choose_date(DateCandidates(page=late_evening, htmldate=date(2026, 6, 23))) == (
        late_evening,
        DateSource.PAGE,
    )


def test_dates_before_the_source_existed_or_in_the_future_are_refused() -> None:
    bounds = DateBounds.default(earliest=date(2026, 6, 24), now=datetime(2026, 6, 25, 12, tzinfo=UTC))
    future = datetime(2026, 6, 27, tzinfo=UTC)
    assert choose_date(DateCandidates(page=D1, htmldate=D1.date(), feed=D3), bounds) == (D3, DateSource.FEED)
    assert choose_date(DateCandidates(page=future, htmldate=future.date(), text=D1.date()), bounds) == (
        None,
        DateSource.UNKNOWN,
    )
    assert parse_datetime("2026-06-23T09:30:00Z", bounds) is None
    assert parse_day("2026-06-27", bounds) is None and parse_day("2026-06-24", bounds) == date(2026, 6, 24)


def test_a_page_date_more_than_a_day_from_the_feeds_is_flagged() -> None:
    assert disagrees_with_feed(D1, DateSource.PAGE, D3)
    assert not disagrees_with_feed(D1, DateSource.PAGE, D1 + timedelta(hours=20))
    assert not disagrees_with_feed(D3, DateSource.FEED, D3)
    assert not disagrees_with_feed(D1, DateSource.META, None)


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
    assert (page.page_date, page.meta_date, page.json_ld_date, page.htmldate_day, page.text_day) == (None,) * 5
    assert choose_date(DateCandidates(text=page.text_day, feed=D3)) == (D3, DateSource.FEED)


def test_a_date_written_in_the_text_is_the_last_resort() -> None:
    page = parse_page(
        f"<html lang='en'><head><title>T</title></head><body><article><h1>T</h1>"
        f"<p>Posted on 14 March 2025 by the editors.</p>{BODY}</article></body></html>".encode(),
        "https://news.example/t",
    )
    assert page.htmldate_day is None and page.text_day == date(2025, 3, 14)
    candidates = DateCandidates(htmldate=page.htmldate_day, text=page.text_day)
    assert choose_date(candidates) == (datetime(2025, 3, 14, tzinfo=UTC), DateSource.TEXT)
    assert choose_date(DateCandidates(htmldate=page.htmldate_day, text=page.text_day, sitemap=D2)) == (
        D2,
        DateSource.SITEMAP,
    )


def test_htmldate_reads_the_date_in_the_url() -> None:
    page = parse_page(
        f"<html lang='en'><head><title>T</title></head><body><article><h1>T</h1>{BODY}</article>"
        "</body></html>".encode(),
        "https://news.example/2025/03/14/t.html",
    )
    assert page.htmldate_day == date(2025, 3, 14)
    assert choose_date(DateCandidates(htmldate=page.htmldate_day)) == (
        datetime(2025, 3, 14, tzinfo=UTC),
        DateSource.EXTRACTED,
    )


def test_a_month_or_a_year_alone_in_the_text_is_no_publication_day() -> None:
    page = parse_page(
        f"<html lang='en'><head><title>T</title></head><body><article><h1>T</h1>"
        f"<p>From our archive of June 2024.</p>{BODY}</article></body></html>".encode(),
        "https://news.example/t",
    )
    assert page.text_day is None
