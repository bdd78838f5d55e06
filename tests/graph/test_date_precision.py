"""Coarse dates ("last month") never place an event before a report that dates it exactly."""

from __future__ import annotations

from datetime import date

from graph_builders import Story
from neo4j import Driver

from graph.facts import effective_date
from graph.reads import get_dispute, list_disputes
from graph.writer import ingest


def test_effective_date_of_each_precision() -> None:
    published = date(2026, 7, 14)
    assert effective_date(date(2026, 6, 26), "day", published) == date(2026, 6, 26)
    assert effective_date(date(2026, 6, 1), "month", published) == date(2026, 6, 30)
    assert effective_date(date(2026, 7, 1), "month", published) == published, "capped at the article's date"
    assert effective_date(date(2026, 7, 6), "week", published) == date(2026, 7, 12)
    assert effective_date(date(2026, 1, 1), "year", published) == published
    assert effective_date(None, "day", published) == published


def test_a_vague_later_mention_does_not_move_the_dispute_start(clean_graph: Driver) -> None:
    first = Story("accusation", source="wire", published="2026-06-26T14:00:00+00:00")
    first.accuses("Anthropic", "Alibaba", on="2026-06-26")
    recap = Story("recap", source="policy", published="2026-07-14T09:00:00+00:00")
    recap.accuses("Anthropic", "Alibaba", on="2026-06-01", precision="month")
    ingest(clean_graph, [recap.build(), first.build()])

    (summary,) = list_disputes(clean_graph, limit=10, offset=0)
    dispute = get_dispute(clean_graph, summary["id"])
    assert dispute is not None
    assert dispute["status_history"][0]["date"] == date(2026, 6, 26)
    assert dispute["first_event_date"] == date(2026, 6, 26)
