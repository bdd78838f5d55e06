"""URL identity: tracking parameters gone, canonical form stable."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.urls import clean_url, resolve, same_site, strip_tracking


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a?utm_source=rss&utm_medium=feed", "https://news.example/a"),
        ("https://news.example/a?id=7&fbclid=XYZ&gclid=1", "https://news.example/a?id=7"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
        ("https://NEWS.example:443/a#comments", "https://news.example/a"),
        ("http://news.example:80/a%7Eb", "http://news.example/a~b"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example/a?UTM_Campaign=x&page=2", "https://news.example/a?page=2"),
    ],
)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def test_clean_url_is_idempotent() -> None:
    once = clean_url("https://news.example/path/?z=1&utm_term=k&a=%20b#x")
    assert clean_url(once) == once


def test_strip_tracking_keeps_a_query_without_tracking_untouched() -> None:
    assert strip_tracking("https://news.example/a?q=x%20y&p=1") == "https://news.example/a?q=x%20y&p=1"


def test_same_site_ignores_www() -> None:
    assert same_site("https://www.news.example/a", "https://news.example/b")
    assert not same_site("https://news.example/a", "https://wire.example/a")


def test_resolve_makes_links_absolute_and_refuses_other_schemes() -> None:
    assert resolve("https://news.example/wire/feed.xml", "/wire/a.html") == "https://news.example/wire/a.html"
    assert resolve("https://news.example/", "mailto:desk@news.example") is None


QUERY_KEYS = st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "id", "page", "q", "ref", "Utm_Term"])
QUERY_VALUES = st.text(alphabet="abcXYZ019-_ %/&=", max_size=8)
PATHS = st.lists(st.text(alphabet="abcdefXYZ019-_.~%", min_size=1, max_size=8), max_size=4)


@given(
    host=st.sampled_from(["news.example", "NEWS.Example", "www.news.example:443"]),
    path=PATHS,
    query=st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=5),
    fragment=st.text(alphabet="abc", max_size=3),
)
def test_clean_url_is_idempotent_and_drops_every_tracking_parameter(
    host: str, path: list[str], query: list[tuple[str, str]], fragment: str
) -> None:
    url = f"https://{host}/{'/'.join(path)}?{urlencode(query)}#{fragment}"
    once = clean_url(url)
    assert clean_url(once) == once
    kept = [key.lower() for key, _ in parse_qsl(urlsplit(once).query, keep_blank_values=True)]
    assert not [key for key in kept if key.startswith("utm_") or key in ("fbclid", "gclid")]
    assert "#" not in once
