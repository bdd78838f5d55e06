"""The records that cross stage boundaries: JSON round trip and errors that name the field."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from claimgraph.jsonl import describe_validation_error
from claimgraph.records import (
    Article,
    Category,
    Claim,
    ClaimStatus,
    Entity,
    EntityRef,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Response,
    ResponseKind,
    Source,
    article_id,
    content_hash,
)

SOURCE = Source(id="wire", name="Meridian Wire", domain="wire.example")


def make_article(text: str = "Anthropic accused Alibaba of distilling Claude.") -> Article:
    url = "https://wire.example/a?utm_source=rss"
    canonical = "https://wire.example/a"
    return Article(
        id=article_id(canonical),
        url=url,
        canonical_url=canonical,
        source=SOURCE,
        title="Anthropic accuses Alibaba",
        text=text,
        published_at=datetime(2026, 6, 27, 9, 30, tzinfo=UTC),
        fetched_at=datetime(2026, 6, 27, 10, 0, tzinfo=UTC),
        language="en",
        authors=["A. Reporter"],
    )


def make_extraction() -> Extraction:
    article = make_article()
    anthropic = Entity(
        id="anthropic",
        name="Anthropic",
        type=EntityType.COMPANY,
        in_kb=True,
        mentions=[Mention(start=0, end=9, text="Anthropic")],
    )
    alibaba = EntityRef(id="alibaba", name="Alibaba", type=EntityType.COMPANY)
    evidence = Evidence(sentence=article.text, start=0, end=len(article.text), article_id=article.id)
    claim = Claim(
        id=Claim.make_id(article.id, "anthropic", "alibaba", "distillation", 0),
        accuser=anthropic.ref(),
        accused=alibaba,
        category=Category.DISTILLATION,
        status=ClaimStatus.ALLEGED,
        claim_date=date(2026, 6, 26),
        evidence=evidence,
        confidence=0.9,
    )
    response = Response(
        id=Response.make_id(claim.id, "alibaba", "no_comment", 0),
        responder=alibaba,
        claim_id=claim.id,
        kind=ResponseKind.NO_COMMENT,
        evidence=evidence,
    )
    return Extraction(
        url=article.url, article=article.meta(), entities=[anthropic], claims=[claim], responses=[response]
    )


def test_article_round_trips_through_json() -> None:
    article = make_article()
    again = Article.model_validate_json(article.model_dump_json())
    assert again == article
    assert again.published_at.tzinfo is not None


def test_article_content_hash_ignores_whitespace_and_case() -> None:
    assert make_article("Hello,  World!").content_hash == content_hash("hello world")
    assert make_article("Hello,  World!").content_hash == make_article("hello\nworld").content_hash


def test_article_id_is_stable_hash_of_canonical_url() -> None:
    assert article_id("https://wire.example/a") == article_id("https://wire.example/a")
    assert article_id("https://wire.example/a") != article_id("https://wire.example/b")


def test_extraction_round_trips_through_json() -> None:
    extraction = make_extraction()
    assert Extraction.model_validate_json(extraction.model_dump_json()) == extraction


def test_meta_drops_text() -> None:
    assert "text" not in make_article().meta().model_dump()


def test_naive_datetime_is_refused_naming_the_field() -> None:
    data = make_article().model_dump(mode="json")
    data["published_at"] = "2026-06-27T09:30:00"
    with pytest.raises(ValidationError) as error:
        Article.model_validate(data)
    assert "published_at" in describe_validation_error(error.value)


def test_unknown_category_is_refused_naming_the_field() -> None:
    data = make_extraction().model_dump(mode="json")
    data["claims"][0]["category"] = "theft"
    with pytest.raises(ValidationError) as error:
        Extraction.model_validate(data)
    assert describe_validation_error(error.value).startswith("claims.0.category")


def test_missing_nested_field_is_named() -> None:
    data = make_extraction().model_dump(mode="json")
    del data["article"]["source"]["id"]
    with pytest.raises(ValidationError) as error:
        Extraction.model_validate(data)
    assert "article.source.id: Field required" in describe_validation_error(error.value)


def test_unknown_field_is_refused() -> None:
    data = make_article().model_dump(mode="json")
    data["txet"] = "typo"
    with pytest.raises(ValidationError) as error:
        Article.model_validate(data)
    assert "txet" in describe_validation_error(error.value)


def test_response_must_answer_a_claim_of_the_same_extraction() -> None:
    data = make_extraction().model_dump(mode="json")
    data["responses"][0]["claim_id"] = "nope"
    with pytest.raises(ValidationError, match="not among this extraction's claims"):
        Extraction.model_validate(data)


def test_confidence_is_bounded() -> None:
    data = make_extraction().model_dump(mode="json")
    data["claims"][0]["confidence"] = 1.5
    with pytest.raises(ValidationError) as error:
        Extraction.model_validate(data)
    assert "claims.0.confidence" in describe_validation_error(error.value)


def test_mention_offsets_are_ordered() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Mention(start=5, end=2, text="x")


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("title", "T" * 10_000_000, "title"),
        ("url", "https://x.example/" + "a" * 5000, "url"),
        ("authors", ["A. Writer"] * 101, "authors"),
        ("authors", ["W" * 501], "authors.0"),
        ("text", "word " * 1_000_001, "text"),
    ],
)
def test_fields_have_size_limits_at_the_boundary(field: str, value: object, named: str) -> None:
    data = Article(
        id="a1", url="https://x.example/a", canonical_url="https://x.example/a", source=SOURCE, text="Some text."
    ).model_dump(mode="json")
    data[field] = value
    with pytest.raises(ValidationError) as caught:
        Article.model_validate(data)
    assert describe_validation_error(caught.value).startswith(named)


def test_an_extraction_says_what_was_left_out() -> None:
    article = Article(
        id="a1", url="https://x.example/a", canonical_url="https://x.example/a", source=SOURCE, text="Some text."
    )
    extraction = Extraction(url=article.url, article=article.meta(), notes=["text cut at character 200000 of 2000000"])
    assert Extraction.model_validate_json(extraction.model_dump_json()).notes == extraction.notes
