"""Date phrases resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.records import DatePrecision
from nlp.dates import DatedPhrase, first_resolved, resolve_date

SATURDAY = date(2026, 6, 27)
DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("phrase", "published", "expected", "precision"),
    [
        ("on Friday", SATURDAY, date(2026, 6, 26), DAY),
        ("Friday", SATURDAY, date(2026, 6, 26), DAY),
        ("on Wednesday", date(2025, 1, 29), date(2025, 1, 29), DAY),
        ("last Tuesday", SATURDAY, date(2026, 6, 23), DAY),
        ("yesterday", SATURDAY, date(2026, 6, 26), DAY),
        ("on 27 June", SATURDAY, date(2026, 6, 27), DAY),
        ("on June 3", SATURDAY, date(2026, 6, 3), DAY),
        ("around 27 June 2026", SATURDAY, date(2026, 6, 27), DAY),
        ("on 3 March 2025", SATURDAY, date(2025, 3, 3), DAY),
        ("on Sept. 12, 2025", SATURDAY, date(2025, 9, 12), DAY),
        ("last week", SATURDAY, date(2026, 6, 15), WEEK),
        ("earlier this week", SATURDAY, date(2026, 6, 22), WEEK),
        ("this week", SATURDAY, date(2026, 6, 22), WEEK),
        ("earlier this month", SATURDAY, date(2026, 6, 1), MONTH),
        ("last month", SATURDAY, date(2026, 5, 1), MONTH),
        ("last month", date(2026, 1, 10), date(2025, 12, 1), MONTH),
        ("in June", SATURDAY, date(2026, 6, 1), MONTH),
        ("in late June", SATURDAY, date(2026, 6, 21), MONTH),
        ("in early March", SATURDAY, date(2026, 3, 1), MONTH),
        ("in late July", SATURDAY, date(2025, 7, 21), MONTH),
        ("in March 2025", SATURDAY, date(2025, 3, 1), MONTH),
        ("in 2024", SATURDAY, date(2024, 1, 1), YEAR),
        ("in mid-2024", SATURDAY, date(2024, 1, 1), YEAR),
        ("earlier this year", SATURDAY, date(2026, 1, 1), YEAR),
        ("last year", SATURDAY, date(2025, 1, 1), YEAR),
        ("last autumn", SATURDAY, None, None),
        ("in recent weeks", SATURDAY, None, None),
        ("next Monday", SATURDAY, None, None),
        ("in 2027", SATURDAY, None, None),
    ],
)
def test_resolve_date(phrase: str, published: date, expected: date | None, precision: DatePrecision | None) -> None:
    resolved = resolve_date(phrase, published)
    assert (resolved.day, resolved.precision) == (expected, precision) if resolved else expected is None


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date("on 3 March 2025", None) == DatedPhrase(date(2025, 3, 3), DAY)
    assert resolve_date("in 2024", None) == DatedPhrase(date(2024, 1, 1), YEAR)
    assert resolve_date("on Friday", None) is None
    assert resolve_date("in June", None) is None


def test_absolute_date_wins() -> None:
    assert first_resolved(("on Friday", "on 3 March 2025"), SATURDAY) == DatedPhrase(date(2025, 3, 3), DAY)
    assert first_resolved(("in 2025", "on 3 March 2025"), SATURDAY) == DatedPhrase(date(2025, 3, 3), DAY)


def test_claim_dates_in_context(run) -> None:  # type: ignore[no-untyped-def]
    text = "Anthropic on Friday accused DeepSeek of distilling Claude."
    claim = run(text, published="2026-06-27").claims[0]
    assert (claim.claim_date, claim.date_precision) == (date(2026, 6, 26), DAY)
    background = "Reddit had accused Anthropic of scraping its forums."
    assert run(background, published="2026-06-27").claims[0].claim_date is None


def test_coarse_dates_keep_their_precision(run) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Anthropic last month accused Alibaba of distilling Claude. "
        "Alibaba denied the accusation earlier this week. "
        "OpenAI sued xAI in 2024 over trade secrets."
    )
    extraction = run(text, published="2026-06-27")
    claims = {claim.accuser.id: claim for claim in extraction.claims}
    assert (claims["anthropic"].claim_date, claims["anthropic"].date_precision) == (date(2026, 5, 1), MONTH)
    assert (claims["openai"].claim_date, claims["openai"].date_precision) == (date(2024, 1, 1), YEAR)
    response = extraction.responses[0]
    assert (response.response_date, response.date_precision) == (date(2026, 6, 22), WEEK)


def test_undated_report_takes_the_article_day(run) -> None:  # type: ignore[no-untyped-def]
    claim = run("Anthropic accused DeepSeek of distilling Claude.", published="2026-06-27").claims[0]
    assert (claim.claim_date, claim.date_precision) == (date(2026, 6, 27), DAY)
