"""The read functions on a small hand-made dispute, against the real Neo4j."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from graph_builders import Story
from neo4j import Driver

from claimgraph.connection import Neo4jConnection
from claimgraph.exceptions import GraphUnavailableError, InputError
from graph import analytics, reads
from graph.disputes import dispute_id
from graph.writer import ingest

DISPUTE = dispute_id("anthropic", "alibaba")


def stories() -> dict[str, Story]:
    reuters = Story("anthropic-alibaba", source="reuters", published="2026-03-02T08:00:00+00:00")
    reuters.accuses(
        "Anthropic",
        "Alibaba",
        about="Claude",
        on="2026-03-01",
        sentence="Anthropic accused Alibaba of distilling Claude.",
    )
    reuters.relates("Anthropic", "DEVELOPS", "Claude")
    reuters.relates("Alibaba", "DEVELOPS", "Qwen")
    reuters.relates("Alibaba Cloud", "SUBSIDIARY_OF", "Alibaba")
    yahoo = Story("anthropic-alibaba-copy", source="yahoo", published="2026-03-02T11:00:00+00:00", copy_of=reuters)
    yahoo.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01", sentence="Anthropic accused Alibaba.")
    verge = Story("claude-distilled", source="verge", published="2026-03-03T09:00:00+00:00")
    verge.accuses("Anthropic", "Alibaba", on="2026-03-01", sentence="Anthropic says Alibaba distilled its model.")
    bloomberg = Story("alibaba-denies", source="bloomberg", published="2026-03-06T09:00:00+00:00")
    repeated = bloomberg.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01", sentence="The accusation.")
    bloomberg.responds(repeated, "Alibaba", "denial", on="2026-03-05", sentence="Alibaba denied the accusation.")
    ft = Story("anthropic-sues", source="ft", published="2026-04-11T09:00:00+00:00")
    ft.accuses(
        "Anthropic", "Alibaba", status="lawsuit_filed", on="2026-04-10", sentence="Anthropic sued Alibaba on Friday."
    )
    other = Story("openai-deepseek", source="verge", published="2026-02-01T09:00:00+00:00")
    other.accuses("OpenAI", "DeepSeek", about="GPT-4o", on="2026-01-30", sentence="OpenAI accused DeepSeek.")
    return {"reuters": reuters, "yahoo": yahoo, "verge": verge, "bloomberg": bloomberg, "ft": ft, "other": other}


@pytest.fixture
def small_graph(clean_graph: Driver) -> dict[str, Story]:
    made = stories()
    ingest(clean_graph, [story.build() for story in made.values()])
    return made


def test_dispute_timeline_order_evidence_and_sources(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    events = reads.dispute_timeline(clean_graph, DISPUTE)
    summary = [(e["date"], e["kind"], e["source_name"], e["first_reporter"]) for e in events]
    assert summary == [
        (date(2026, 3, 1), "claim_first_reported", "Reuters", True),
        (date(2026, 3, 3), "new_report", "Verge", False),
        (date(2026, 3, 5), "response", "Bloomberg", False),
        (date(2026, 3, 5), "status_change", "Bloomberg", False),
        (date(2026, 3, 6), "new_report", "Bloomberg", False),
        (date(2026, 4, 10), "claim_first_reported", "Ft", True),
        (date(2026, 4, 10), "lawsuit_filed", "Ft", False),
    ]
    first = events[0]["evidence"][0]
    assert first["sentence"] == "Anthropic accused Alibaba of distilling Claude."
    assert first["article_url"] == small_graph["reuters"].meta.url
    assert first["first_report"] is True
    assert events[2]["evidence"][0]["sentence"] == "Alibaba denied the accusation."
    assert events[3]["status"] == "denied"
    assert events[6]["evidence"][0]["sentence"] == "Anthropic sued Alibaba on Friday."
    assert len({event["claim_id"] for event in events}) == 2


def test_get_dispute_has_status_history_and_claims(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    dispute = reads.get_dispute(clean_graph, DISPUTE)
    assert dispute is not None
    assert dispute["name"] == "Anthropic v. Alibaba: distillation"
    assert dispute["status"] == "lawsuit_filed"
    assert [p["id"] for p in dispute["parties"]] == ["alibaba", "anthropic"]
    assert [(c["status"], c["date"]) for c in dispute["status_history"]] == [
        ("alleged", date(2026, 3, 1)),
        ("denied", date(2026, 3, 5)),
        ("lawsuit_filed", date(2026, 4, 10)),
    ]
    assert len(dispute["claim_ids"]) == 2
    assert dispute["first_event_date"] == date(2026, 3, 1)
    assert dispute["last_event_date"] == date(2026, 4, 10)
    assert reads.get_dispute(clean_graph, "no-such-dispute") is None


def test_get_claim_lists_every_report_with_the_first_flagged(
    clean_graph: Driver, small_graph: dict[str, Story]
) -> None:
    dispute = reads.get_dispute(clean_graph, DISPUTE)
    assert dispute is not None
    claim = reads.get_claim(clean_graph, dispute["claim_ids"][0])
    assert claim is not None
    assert [r["source_id"] for r in claim["reports"]] == ["reuters", "yahoo", "verge", "bloomberg"]
    assert [r["first_report"] for r in claim["reports"]] == [True, False, False, False]
    assert claim["corroboration"] == 3  # the Yahoo copy does not count
    assert claim["accuser"]["name"] == "Anthropic" and claim["object"]["id"] == "claude"
    assert claim["responses"][0]["kind"] == "denial"
    assert claim["status"] == "denied"
    report = claim["reports"][0]
    assert (report["start"], report["end"]) == (0, len("Anthropic accused Alibaba of distilling Claude."))
    assert report["published_at"] == datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_list_claims_filters(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    assert len(reads.list_claims(clean_graph)) == 3
    assert [c["accuser"]["id"] for c in reads.list_claims(clean_graph, entity_id="deepseek")] == ["openai"]
    assert [c["status"] for c in reads.list_claims(clean_graph, status="lawsuit_filed")] == ["lawsuit_filed"]
    assert len(reads.list_claims(clean_graph, since=date(2026, 3, 1), until=date(2026, 3, 31))) == 1
    assert len(reads.list_claims(clean_graph, limit=1, offset=1)) == 1
    with pytest.raises(InputError):
        reads.list_claims(clean_graph, limit=0)


def test_entity_profile(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    profile = reads.entity_profile(clean_graph, "alibaba")
    assert profile is not None
    assert profile["type"] == "Company"
    assert [m["name"] for m in profile["develops"]] == ["Qwen"]
    assert [s["id"] for s in profile["subsidiaries"]] == ["alibaba-cloud"]
    assert profile["claims_made"] == []
    assert {c["other_party"]["id"] for c in profile["claims_received"]} == {"anthropic"}
    assert [d["id"] for d in profile["disputes"]] == [DISPUTE]
    claude = reads.entity_profile(clean_graph, "claude")
    assert claude is not None and [d["id"] for d in claude["developed_by"]] == ["anthropic"]
    assert reads.entity_profile(clean_graph, "nobody") is None


def test_list_disputes_orders(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    recent = reads.list_disputes(clean_graph, limit=10)
    assert [d["name"] for d in recent] == ["Anthropic v. Alibaba: distillation", "OpenAI v. DeepSeek: distillation"]
    oldest = reads.list_disputes(clean_graph, limit=10, order="oldest")
    assert oldest[0]["name"].startswith("OpenAI")
    with pytest.raises(InputError):
        reads.list_disputes(clean_graph, order="sideways")


def test_search_by_name_alias_and_dispute(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    hits = reads.search(clean_graph, "alibaba")
    assert hits[0] == {**hits[0], "kind": "entity", "id": "alibaba"}
    assert {"alibaba-cloud", DISPUTE} <= {hit["id"] for hit in hits}
    assert [hit["id"] for hit in reads.search(clean_graph, "GPT-4o", kinds=("entity",))] == ["gpt-4o"]
    assert reads.search(clean_graph, "   ") == []


def test_neighbourhood(clean_graph: Driver, small_graph: dict[str, Story]) -> None:
    around = reads.neighbourhood(clean_graph, "alibaba", depth=1)
    kinds = {(node["id"], node["kind"]) for node in around["nodes"]}
    assert ("alibaba", "entity") in kinds and ("qwen", "entity") in kinds
    assert sum(1 for node in around["nodes"] if node["kind"] == "claim") == 2
    assert {"source": "alibaba", "target": "qwen", "type": "DEVELOPS"} in around["edges"]
    claims_only = reads.neighbourhood(clean_graph, "alibaba", relationship_types=["AGAINST"], until=date(2026, 3, 31))
    assert sum(1 for node in claims_only["nodes"] if node["kind"] == "claim") == 1
    two = reads.neighbourhood(clean_graph, "alibaba", depth=2)
    assert "anthropic" in {node["id"] for node in two["nodes"]}
    assert reads.neighbourhood(clean_graph, "nobody") == {"nodes": [], "edges": []}


def test_events_since_and_graph_version(clean_graph: Driver) -> None:
    assert reads.graph_version(clean_graph) == "0"
    start = datetime.now(UTC) - timedelta(seconds=1)
    made = stories()
    ingest(clean_graph, [made["reuters"].build()])
    version = reads.graph_version(clean_graph)
    events = reads.events_since(clean_graph, start)
    assert [e["type"] for e in events] == ["claim.new", "dispute.status_changed"]
    assert events[0]["first_report"]["source_name"] == "Reuters"
    assert events[1]["status"] == "alleged" and events[1]["previous_status"] is None
    cursor = events[-1]["recorded_at"]
    ingest(clean_graph, [made["reuters"].build()])
    assert reads.graph_version(clean_graph) == version
    ingest(clean_graph, [made["bloomberg"].build()])
    assert reads.graph_version(clean_graph) != version
    later = [e for e in reads.events_since(clean_graph, cursor) if e["recorded_at"] > cursor]
    assert [(e["type"], e.get("status")) for e in later] == [("dispute.status_changed", "denied")]
    assert len({e["event_id"] for e in reads.events_since(clean_graph, None)}) == 3


def test_reads_name_the_database_they_are_given(clean_graph: Driver, neo4j_connection: Neo4jConnection) -> None:
    ingest(clean_graph, [stories()["reuters"].build()], database=neo4j_connection.database)
    assert [d["id"] for d in reads.list_disputes(clean_graph, database=neo4j_connection.database)] == [DISPUTE]
    for read in (
        lambda database: reads.list_disputes(clean_graph, database=database),
        lambda database: reads.dispute_timeline(clean_graph, DISPUTE, database=database),
        lambda database: reads.events_since(clean_graph, None, database=database),
        lambda database: analytics.most_accused(clean_graph, database=database),
        lambda database: ingest(clean_graph, [stories()["verge"].build()], database=database),
    ):
        with pytest.raises(GraphUnavailableError, match=r"no database 'nosuchdb'.*NEO4J_DATABASE"):
            read("nosuchdb")
