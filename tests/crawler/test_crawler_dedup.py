"""Near-duplicates: a syndicated copy with a new headline and small edits matches; other stories do not."""

from __future__ import annotations

from pathlib import Path

from crawler.article import parse_page
from crawler.dedup import NearDuplicateIndex, body_without_title, from_bytes, signature, to_bytes

SITE = Path(__file__).resolve().parent / "fixtures" / "site"


def text_of(path: str) -> tuple[str, str]:
    page = parse_page((SITE / path).read_bytes(), f"http://news.test/{path}")
    return page.text, page.title


def test_a_copy_with_a_changed_headline_is_found_and_others_are_not() -> None:
    index = NearDuplicateIndex()
    for path in ("wire/anthropic-alibaba.html", "wire/openai-engineer.html", "wire/eu-microsoft.html"):
        index.add(path, signature(*text_of(path)))
    assert index.original_of(signature(*text_of("techdaily/claude-distillation-row.html"))) == (
        "wire/anthropic-alibaba.html"
    )
    assert index.original_of(signature(*text_of("techdaily/meta-authors.html"))) is None


def test_an_article_is_not_its_own_original() -> None:
    index = NearDuplicateIndex()
    minhash = signature(*text_of("wire/anthropic-alibaba.html"))
    index.add("a", minhash)
    assert index.original_of(minhash, exclude="a") is None
    assert index.original_of(minhash) == "a"


def test_signatures_survive_a_round_trip_through_bytes() -> None:
    minhash = signature(*text_of("wire/eu-microsoft.html"))
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


def test_the_headline_line_is_left_out_of_the_signature() -> None:
    assert body_without_title("Headline here\nBody text", "Headline here") == "Body text"
    assert body_without_title("Other first line\nBody", "Headline") == "Other first line\nBody"
