"""Date phrases resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.dates import first_resolved, resolve_date

SATURDAY = date(2026, 6, 27)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("on Friday", SATURDAY, date(2026, 6, 26)),
        ("Friday", SATURDAY, date(2026, 6, 26)),
        ("on Wednesday", date(2025, 1, 29), date(2025, 1, 29)),
        ("last week", SATURDAY, date(2026, 6, 20)),
        ("earlier this month", SATURDAY, date(2026, 6, 1)),
        ("earlier this week", SATURDAY, date(2026, 6, 22)),
        ("in late June", SATURDAY, date(2026, 6, 21)),
        ("in early March", SATURDAY, date(2026, 3, 1)),
        ("in late July", SATURDAY, date(2025, 7, 21)),
        ("on 27 June", SATURDAY, date(2026, 6, 27)),
        ("around 27 June 2026", SATURDAY, date(2026, 6, 27)),
        ("on 3 March 2025", SATURDAY, date(2025, 3, 3)),
        ("last autumn", SATURDAY, None),
        ("in 2024", SATURDAY, None),
        ("next Monday", SATURDAY, None),
    ],
)
def test_resolve_date(phrase: str, published: date, expected: date | None) -> None:
    assert resolve_date(phrase, published) == expected


def test_absolute_date_wins() -> None:
    assert first_resolved(("on Friday", "on 3 March 2025"), SATURDAY) == date(2025, 3, 3)


def test_claim_dates_in_context(run) -> None:  # type: ignore[no-untyped-def]
    text = "Anthropic on Friday accused DeepSeek of distilling Claude."
    assert run(text, published="2026-06-27").claims[0].claim_date == date(2026, 6, 26)
    background = "Reddit had accused Anthropic of scraping its forums."
    assert run(background, published="2026-06-27").claims[0].claim_date is None
