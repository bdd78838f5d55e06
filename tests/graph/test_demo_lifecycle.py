"""Anthropic v. Alibaba as the demo's articles tell it, through the real NLP and the real graph.

The articles say: alleged (26 Jun), denied (30 Jun), lawsuit filed (28 Jul), and the suit is still
open. A markets story about Alibaba's shares and the August stories about Alibaba's motion to
dismiss must not move the status: what they propose is kept apart, for review.
"""

from __future__ import annotations

from datetime import date

import pytest
from demo_corpus import demo_extractions
from neo4j import Driver

from graph import reads
from graph.disputes import dispute_id
from graph.resolution import name_key
from graph.writer import ingest


@pytest.fixture(scope="module")
def demo_graph(neo4j_driver: Driver) -> Driver:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    ingest(neo4j_driver, demo_extractions())
    return neo4j_driver


def test_anthropic_v_alibaba_status_history_is_the_one_the_articles_tell(demo_graph: Driver) -> None:
    dispute = reads.get_dispute(demo_graph, dispute_id("anthropic", "alibaba"))
    assert dispute is not None
    history = [(change["status"], change["date"]) for change in dispute["status_history"]]
    assert history == [
        ("alleged", date(2026, 6, 26)),
        ("denied", date(2026, 6, 30)),
        ("lawsuit_filed", date(2026, 7, 28)),
    ]
    assert dispute["status"] == "lawsuit_filed"
    assert dispute["status_date"] == date(2026, 7, 28)
    first, denial, suit = dispute["status_history"]
    assert (first["source_name"], first["basis"]) == ("Meridian Wire", "opening")
    assert "accused Alibaba" in first["sentence"]
    assert "denied" in denial["sentence"] and denial["article_title"].startswith("Alibaba denies")
    assert suit["basis"] == "explicit" and "sued Alibaba" in suit["sentence"]
    assert all(change["article_url"] and change["source_id"] for change in dispute["status_history"])


def test_what_did_not_move_the_dispute_is_kept_for_review(demo_graph: Driver) -> None:
    dispute = reads.get_dispute(demo_graph, dispute_id("anthropic", "alibaba"))
    declined = dispute["declined_turns"]
    assert declined, "turns seen but not taken are kept for review"
    # The markets story's "shares settled lower" is no settlement at all: the NLP's constraints read it as none
    # (nlp/claim_constraints.py), so it is neither a turn nor a turn to review.
    assert not [turn for turn in declined if turn["status"] == "settled"]
    assert "settled" not in [change["status"] for change in dispute["status_history"]]
    august = [turn for turn in declined if turn["date"] >= date(2026, 8, 1)]
    assert august and all(turn["reason"].startswith("a step back") for turn in august)
    taken = {change["evidence_id"] for change in dispute["status_history"]}
    assert not taken & {turn["evidence_id"] for turn in declined}


def test_re_ingesting_the_demo_changes_nothing(demo_graph: Driver) -> None:
    before = reads.graph_version(demo_graph)
    result = ingest(demo_graph, demo_extractions())
    assert not result.changed
    assert reads.graph_version(demo_graph) == before


def test_no_two_disputes_between_the_same_parties_under_two_names(demo_graph: Driver) -> None:
    disputes = reads.list_disputes(demo_graph, limit=500)
    seen: dict[tuple[str, ...], str] = {}
    for dispute in disputes:
        parties = tuple(sorted(name_key(party["name"]) for party in dispute["parties"]))
        assert parties not in seen, f"{dispute['name']!r} and {seen[parties]!r} are one dispute"
        seen[parties] = dispute["name"]
    merges = {merge["id"]: merge["into"] for merge in reads.entity_merges(demo_graph)}
    assert all(reads.entity_profile(demo_graph, old)["id"] == new for old, new in merges.items())
