"""Through the API: a merged name's id answers its entity, and a dispute shows its declined turns apart."""

from __future__ import annotations

import httpx
from neo4j import Driver
from story_builders import Story

from graph.disputes import dispute_id
from graph.writer import ingest


def test_a_merged_name_answers_as_its_entity_and_declined_turns_are_apart(
    clean_graph: Driver, client: httpx.Client
) -> None:
    first = Story("northgate-sues", source="wire", published="2026-07-08T09:00:00+00:00")
    suit = first.accuses(
        "Northgate Media",
        "Perplexity",
        "copyright",
        status="lawsuit_filed",
        on="2026-07-08",
        sentence="Northgate Media sued Perplexity.",
    )
    first.responds(suit, "Perplexity", "denial", on="2026-07-08", sentence="Perplexity denied copying anything.")
    markets = Story("perplexity-shares", source="markets", published="2026-07-10T09:00:00+00:00")
    markets.accuses(
        "Northgate Media Group",
        "Perplexity",
        "copyright",
        status="settled",
        on="2026-07-10",
        sentence="Perplexity's private valuation settled lower after Northgate Media Group's lawsuit.",
    )
    ingest(clean_graph, [first.build(outside_kb={"Northgate Media"})])
    ingest(clean_graph, [markets.build(outside_kb={"Northgate Media Group"})])

    entity = client.get("/entities/northgate-media-group").json()
    assert entity["id"] == "northgate-media" and "Northgate Media Group" in entity["aliases"]

    dispute = client.get(f"/disputes/{dispute_id('northgate-media', 'perplexity')}").json()
    assert [(turn["status"], turn["basis"]) for turn in dispute["status_history"]] == [
        ("lawsuit_filed", "explicit"),
    ]
    assert [(turn["status"], turn["previous_status"], turn["reason"]) for turn in dispute["declined_turns"]] == [
        ("denied", "lawsuit_filed", "a step back without an explicit reversal"),
        ("settled", "lawsuit_filed", "weak evidence"),
    ]
    assert dispute["declined_turns"][1]["source_name"] == "Markets"
