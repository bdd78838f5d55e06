"""The write path against the real Neo4j: idempotence, claim merging, dispute status, order."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest
from graph_builders import Story, canonical_dump, counts
from neo4j import Driver

from claimgraph.exceptions import InputError
from claimgraph.records import Evidence
from graph import reads
from graph.writer import ingest, write_extractions


def one(driver: Driver, query: str, **parameters: object) -> dict:
    records, _, _ = driver.execute_query(query, **parameters)
    assert len(records) == 1, records
    return records[0].data()


def accusation_and_denial() -> list[Story]:
    accusation = Story("anthropic-accuses-alibaba", source="reuters", published="2026-03-02T09:00:00+00:00")
    claim = accusation.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01")
    accusation.relates("Anthropic", "DEVELOPS", "Claude")
    accusation.relates("Alibaba", "DEVELOPS", "Qwen")
    denial = Story("alibaba-denies", source="bloomberg", published="2026-03-10T12:00:00+00:00")
    repeated = denial.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01")
    denial.responds(repeated, "Alibaba", "denial", on="2026-03-09")
    del claim
    return [accusation, denial]


def test_ingesting_twice_changes_no_count(clean_graph: Driver) -> None:
    records = [story.build() for story in accusation_and_denial()]
    first = ingest(clean_graph, records)
    after_first = counts(clean_graph)
    dump_first = canonical_dump(clean_graph)
    second = ingest(clean_graph, records)
    assert counts(clean_graph) == after_first
    assert canonical_dump(clean_graph) == dump_first
    assert first.claims_new == 1 and first.disputes_new == 1
    assert second.claims_new == 0 and second.disputes_new == 0 and second.disputes_changed == 0
    assert not second.changed


def test_entity_kinds_become_labels_and_relations_are_written(clean_graph: Driver) -> None:
    ingest(clean_graph, [story.build() for story in accusation_and_denial()])
    row = one(clean_graph, "MATCH (m:Entity:Model {id: 'claude'})<-[:DEVELOPS]-(c:Company) RETURN c.id AS company")
    assert row["company"] == "anthropic"
    row = one(clean_graph, "MATCH (a:Article)-[:PUBLISHED_BY]->(s:Source {id: 'reuters'}) RETURN a.published_at AS p")
    assert row["p"].iso_format().startswith("2026-03-02T09:00:00")


def test_five_outlets_make_one_claim_with_five_reports(clean_graph: Driver) -> None:
    outlets = ["reuters", "bloomberg", "verge", "techcrunch", "ft"]
    stories = []
    for day, source in zip(range(5, 0, -1), outlets, strict=True):
        story = Story(f"distillation-{source}", source=source, published=f"2026-03-0{day}T08:00:00+00:00")
        story.accuses("Anthropic", "Alibaba", about="Claude" if day % 2 else None, on="2026-03-01", confidence=0.5)
        stories.append(story)
    result = ingest(clean_graph, [story.build() for story in stories], batch_size=2)
    assert result.claims_new >= 1
    row = one(
        clean_graph,
        "MATCH (c:Claim) OPTIONAL MATCH (c)-[r:REPORTED_IN]->(a:Article) "
        "RETURN c.id AS id, count(r) AS reports, c.corroboration AS corroboration, c.confidence AS confidence, "
        "c.first_article_id AS first, c.first_source_id AS first_source, c.status AS status",
    )
    assert row["reports"] == 5
    assert row["corroboration"] == 5
    assert row["first"] == stories[-1].id  # published on the 1st
    assert row["first_source"] == "ft"
    assert row["confidence"] == pytest.approx(1 - 0.5**5)
    assert row["status"] == "alleged"


def test_a_syndicated_copy_adds_a_report_but_not_a_source(clean_graph: Driver) -> None:
    original = Story("original", source="reuters", published="2026-03-02T08:00:00+00:00")
    original.accuses("OpenAI", "DeepSeek", about="GPT-4o", on="2026-03-01", confidence=0.6)
    copy = Story("syndicated", source="yahoo", published="2026-03-02T10:00:00+00:00", copy_of=original)
    copy.accuses("OpenAI", "DeepSeek", about="GPT-4o", on="2026-03-01", confidence=0.6)
    other = Story("own-reporting", source="verge", published="2026-03-03T10:00:00+00:00")
    other.accuses("OpenAI", "DeepSeek", about="GPT-4o", on="2026-03-01", confidence=0.5)
    ingest(clean_graph, [copy.build(), other.build()])  # the copy before its original
    ingest(clean_graph, [original.build()])
    row = one(
        clean_graph,
        "MATCH (c:Claim)-[r:REPORTED_IN]->() RETURN count(r) AS reports, c.corroboration AS corroboration, "
        "c.confidence AS confidence, c.first_article_id AS first",
    )
    assert row["reports"] == 3
    assert row["corroboration"] == 2
    assert row["confidence"] == pytest.approx(1 - 0.4 * 0.5)
    assert row["first"] == original.id
    linked = one(clean_graph, "MATCH (:Article {id: $id})-[:COPY_OF]->(o) RETURN o.id AS o", id=copy.id)
    assert linked["o"] == original.id


def test_reports_months_apart_are_separate_claims(clean_graph: Driver) -> None:
    early = Story("early", published="2026-01-05T08:00:00+00:00")
    early.accuses("Anthropic", "Alibaba", on="2026-01-05")
    late = Story("late", source="verge", published="2026-06-05T08:00:00+00:00")
    late.accuses("Anthropic", "Alibaba", on="2026-06-04")
    ingest(clean_graph, [early.build(), late.build()], window_days=30)
    assert one(clean_graph, "MATCH (c:Claim) RETURN count(c) AS n")["n"] == 2
    assert one(clean_graph, "MATCH (d:Dispute)<-[:PART_OF]-(c) RETURN count(c) AS n")["n"] == 2


def test_denial_after_the_accusation_moves_the_dispute_and_an_older_article_does_not_move_it_back(
    clean_graph: Driver,
) -> None:
    accusation, denial = accusation_and_denial()
    ingest(clean_graph, [accusation.build()])
    assert one(clean_graph, "MATCH (d:Dispute) RETURN d.status AS s")["s"] == "alleged"
    ingest(clean_graph, [denial.build()])
    row = one(clean_graph, "MATCH (d:Dispute) RETURN d.status AS s, d.status_date AS date, d.name AS name")
    assert row["s"] == "denied"
    assert row["date"].iso_format() == "2026-03-09"
    assert row["name"] == "Anthropic v. Alibaba: distillation"
    older = Story("older-recap", source="ft", published="2026-03-03T08:00:00+00:00")
    older.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01", sentence="Anthropic accuses Alibaba.")
    ingest(clean_graph, [older.build()])
    row = one(clean_graph, "MATCH (d:Dispute) RETURN d.status AS s, d.status_date AS date")
    assert row["s"] == "denied"
    assert row["date"].iso_format() == "2026-03-09"
    history, _, _ = clean_graph.execute_query(
        "MATCH (sc:StatusChange)-[:OF]->(:Dispute) RETURN sc.status AS status, sc.date AS date ORDER BY sc.date"
    )
    assert [(r["status"], r["date"].iso_format()) for r in history] == [
        ("alleged", "2026-03-01"),
        ("denied", "2026-03-09"),
    ]


def test_a_lawsuit_then_settlement_are_status_changes_in_date_order(clean_graph: Driver) -> None:
    settled = Story("settled", published="2026-05-01T08:00:00+00:00")
    settled.accuses("Getty Images", "Stability AI", "copyright", status="settled", on="2026-04-30")
    sued = Story("sued", source="verge", published="2026-02-01T08:00:00+00:00")
    sued.accuses("Getty Images", "Stability AI", "copyright", status="lawsuit_filed", on="2026-02-01")
    accused = Story("accused", source="ft", published="2026-01-10T08:00:00+00:00")
    accused.accuses("Getty Images", "Stability AI", "copyright", on="2026-01-10")
    ingest(clean_graph, [settled.build()])
    ingest(clean_graph, [sued.build()])
    ingest(clean_graph, [accused.build()])
    history, _, _ = clean_graph.execute_query(
        "MATCH (sc:StatusChange)-[:OF]->(d:Dispute) RETURN sc.status AS status, d.status AS current ORDER BY sc.date"
    )
    assert [r["status"] for r in history] == ["alleged", "lawsuit_filed", "settled"]
    assert history[0]["current"] == "settled"


def test_ingest_order_does_not_change_the_graph(clean_graph: Driver) -> None:
    a = Story("a", source="reuters", published="2026-03-02T09:00:00+00:00")
    claim_a = a.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-01", confidence=0.7)
    b = Story("b", source="verge", published="2026-03-20T09:00:00+00:00")
    b.accuses("Anthropic", "Alibaba", on="2026-03-19", confidence=0.6)
    b.responds(b.claims[0], "Alibaba", "rebuttal", on="2026-03-19")
    c = Story("c", source="ft", published="2026-04-25T09:00:00+00:00")
    c.accuses("Alibaba", "Anthropic", "defamation", on="2026-04-24", confidence=0.9)
    c.accuses("Anthropic", "Alibaba", status="lawsuit_filed", on="2026-04-15")
    del claim_a
    records = [story.build() for story in (a, b, c)]
    dumps = []
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        clean_graph.execute_query("MATCH (n) DETACH DELETE n")
        for index in order:
            ingest(clean_graph, [records[index]])
        dumps.append(canonical_dump(clean_graph))
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, records)
    dumps.append(canonical_dump(clean_graph))
    for dump in dumps[1:]:
        assert dump == dumps[0]
    row = one(clean_graph, "MATCH (d:Dispute) RETURN d.categories AS categories, d.status AS status")
    assert row == {"categories": ["distillation", "defamation"], "status": "lawsuit_filed"}


def test_re_extraction_of_an_article_replaces_its_claims(clean_graph: Driver) -> None:
    first = Story("changing", published="2026-03-02T09:00:00+00:00")
    first.accuses("Anthropic", "Alibaba", on="2026-03-01")
    ingest(clean_graph, [first.build()])
    again = Story("changing", published="2026-03-02T09:00:00+00:00")
    again.accuses("OpenAI", "DeepSeek", on="2026-03-01")
    ingest(clean_graph, [again.build()])
    rows, _, _ = clean_graph.execute_query("MATCH (c:Claim) RETURN c.accuser_id AS accuser")
    assert [r["accuser"] for r in rows] == ["openai"]
    assert one(clean_graph, "MATCH (d:Dispute) RETURN d.name AS name")["name"] == "OpenAI v. DeepSeek: distillation"


def test_evidence_from_another_article_is_refused_and_nothing_is_written(clean_graph: Driver) -> None:
    story = Story("mismatch")
    claim = story.accuses("Anthropic", "Alibaba")
    story.claims[0] = claim.model_copy(
        update={"evidence": Evidence(sentence="x", start=0, end=1, article_id="another-article")}
    )
    with pytest.raises(InputError, match="another-article"):
        write_extractions(clean_graph, [story.build()])
    assert counts(clean_graph) == (0, 0)


def test_many_permutations_of_small_batches_agree(clean_graph: Driver) -> None:
    stories = []
    for index, (accuser, accused) in enumerate(itertools.product(["Anthropic", "OpenAI"], ["Alibaba", "DeepSeek"])):
        story = Story(f"s{index}", source=f"outlet-{index % 2}", published=f"2026-03-0{index + 1}T08:00:00+00:00")
        story.accuses(accuser, accused, on=f"2026-03-0{index + 1}")
        story.accuses("Anthropic", "Alibaba", on="2026-02-27")
        stories.append(story.build())
    ingest(clean_graph, stories, batch_size=3)
    expected = canonical_dump(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, list(reversed(stories)), batch_size=1)
    assert canonical_dump(clean_graph) == expected


def test_concurrent_ingests_of_one_dispute_give_the_sequential_result(clean_graph: Driver) -> None:
    stories = []
    for index in range(12):
        story = Story(f"c{index}", source=f"outlet-{index % 4}", published=f"2026-03-{index + 1:02d}T08:00:00+00:00")
        story.accuses(
            "Anthropic", "Alibaba", on=f"2026-03-{index + 1:02d}", status="denied" if index == 7 else "alleged"
        )
        stories.append(story.build())
    ingest(clean_graph, stories)
    expected = canonical_dump(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    halves = [stories[0::2], stories[1::2]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda half: ingest(clean_graph, half, batch_size=1), halves))
    assert canonical_dump(clean_graph) == expected


def test_an_older_report_re_dates_a_claim_and_its_first_id_still_names_it(clean_graph: Driver) -> None:
    newer = Story("newer", source="verge", published="2026-03-10T09:00:00+00:00")
    newer.accuses("Anthropic", "Alibaba", about="Claude", on="2026-03-10")
    older = Story("older", source="reuters", published="2026-02-25T09:00:00+00:00")
    older.accuses("Anthropic", "Alibaba", about="Claude", on="2026-02-25")
    first = ingest(clean_graph, [newer.build()])
    before = one(clean_graph, "MATCH (c:Claim) RETURN c.id AS id, c.recorded_at AS recorded_at")
    second = ingest(clean_graph, [older.build()])
    after = one(clean_graph, "MATCH (c:Claim) RETURN c.id AS id, c.recorded_at AS recorded_at")
    assert after["id"] != before["id"]
    assert after["recorded_at"] == before["recorded_at"]  # not new to anyone who followed the first id
    assert (first.claims_new, second.claims_new, second.reports_merged) == (1, 0, 1)
    alias = one(clean_graph, "MATCH (a:ClaimAlias) RETURN a.id AS id, a.claim_id AS claim_id")
    assert alias == {"id": before["id"], "claim_id": after["id"]}
    assert reads.get_claim(clean_graph, before["id"])["id"] == after["id"]
    [event] = [e for e in reads.events_since(clean_graph, None) if e["type"] == "claim.new"]
    assert (event["event_id"], event["claim_id"]) == (f"claim.new:{before['id']}", after["id"])

    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, [older.build(), newer.build()])  # in date order no claim is ever replaced
    assert one(clean_graph, "MATCH (c:Claim) RETURN c.id AS id")["id"] == after["id"]
    assert one(clean_graph, "MATCH (a:ClaimAlias) RETURN count(a) AS n")["n"] == 0
