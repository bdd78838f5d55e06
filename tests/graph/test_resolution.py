"""Entity resolution across articles for names outside the knowledge base (graph/resolution.py).

Pure rules first (name keys, acronyms, guards), then the real graph: two names of one publisher
make one entity and one dispute whichever arrives first, the merge is recorded, the old id answers,
and undoing the merge gives the name back its entity, claims and dispute for good.
"""

from __future__ import annotations

import pytest
from neo4j import Driver
from story_builders import Story

from claimgraph.exceptions import InputError
from claimgraph.records import Entity, EntityType, Mention
from graph import reads
from graph.disputes import dispute_id
from graph.resolution import Known, family, initials, name_key, resolve
from graph.writer import ingest, unmerge_entity


def test_name_keys_drop_legal_suffixes_designators_and_a_leading_the() -> None:
    assert name_key("Northgate Media Group") == name_key("Northgate Media") == "northgate media"
    assert name_key("Perplexity AI") == name_key("Perplexity, Inc.") == "perplexity"
    assert name_key("The Halden Writers Association") == "halden writers association"
    assert name_key("Corbel & Hart LLP") == name_key("Corbel and Hart") == "corbel and hart"
    assert name_key("Group") == "group", "a name is never reduced to nothing"
    assert initials("Halden Writers Association") == "HWA"
    assert initials("Bank of the North") == "BN"
    assert family("Company") == family("Organization") == family("Outlet") != family("Person")


def story(slug: str, accuser: str, accused: str, *, source: str = "wire", day: str = "2026-07-08") -> Story:
    item = Story(slug, source=source, published=f"{day}T09:00:00+00:00")
    item.accuses(accuser, accused, "copyright", on=day, sentence=f"{accuser} sued {accused} for copying articles.")
    return item


def test_guards_keep_apart_what_the_knowledge_base_or_the_kind_keeps_apart() -> None:
    one = story("one", "Acme Inc", "Perplexity").build(outside_kb={"Acme Inc"})
    two_kb = [Known("acme", "Acme", "Company", True), Known("acme-ai", "Acme AI", "Company", True)]
    assert resolve([one], two_kb, {}, []).merges == {}, "two knowledge-base entities share the key: ambiguous"
    assert resolve([one], two_kb[:1], {}, []).merges["acme-inc"].into == "acme"
    person = [Known("acme", "Acme", "Person", False, stored=True)]
    assert resolve([one], person, {}, []).merges == {}, "a person is not a company"
    assert resolve([one], two_kb[:1], {}, [("acme-inc", "acme")]).merges == {}, "a refused merge is never made again"
    kb_only = story("kb", "Perplexity AI", "Acme").build()
    assert resolve([kb_only], [Known("perplexity", "Perplexity", "Company", True)], {}, []).merges == {}


def test_two_names_of_one_publisher_are_one_entity_and_one_dispute(clean_graph: Driver) -> None:
    first = story("northgate-sues", "Northgate Media", "Perplexity")
    second = story("northgate-complaint", "Northgate Media Group", "Perplexity", source="policy", day="2026-07-09")
    ingest(clean_graph, [first.build(outside_kb={"Northgate Media"})])
    result = ingest(clean_graph, [second.build(outside_kb={"Northgate Media Group"})])
    assert result.disputes_new == 0
    disputes = reads.list_disputes(clean_graph)
    assert [sorted(p["id"] for p in d["parties"]) for d in disputes] == [["northgate-media", "perplexity"]]
    profile = reads.entity_profile(clean_graph, "northgate-media-group")
    assert profile["id"] == "northgate-media", "the merged name's id answers the entity it is now"
    assert "Northgate Media Group" in profile["aliases"]
    assert {c["id"] for c in profile["claims_made"]} == set(
        reads.get_dispute(clean_graph, disputes[0]["id"])["claim_ids"]
    )
    merges = reads.entity_merges(clean_graph)
    assert [(m["id"], m["into"], m["reason"], m["refused"]) for m in merges] == [
        ("northgate-media-group", "northgate-media", "same name", False)
    ]
    again = ingest(clean_graph, [second.build(outside_kb={"Northgate Media Group"})])
    assert not again.changed, "re-ingesting a resolved article changes nothing"


def test_in_one_batch_the_fuller_name_wins_whatever_the_order(clean_graph: Driver) -> None:
    short = story("short", "Northgate Media", "Perplexity").build(outside_kb={"Northgate Media"})
    full = story("full", "Northgate Media Group", "Perplexity", source="policy").build(
        outside_kb={"Northgate Media Group"}
    )
    ingest(clean_graph, [short, full])
    one = [sorted(p["id"] for p in d["parties"]) for d in reads.list_disputes(clean_graph)]
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, [full, short])
    other = [sorted(p["id"] for p in d["parties"]) for d in reads.list_disputes(clean_graph)]
    assert one == other == [["northgate-media-group", "perplexity"]]


def test_an_acronym_the_article_defines_is_that_entity_in_later_articles_too(clean_graph: Driver) -> None:
    text = "The Halden Writers Association (HWA) sued Northgate Media on Monday."
    defining = story("hwa-sues", "Halden Writers Association", "Northgate Media")
    extraction = defining.build(outside_kb={"Halden Writers Association", "Northgate Media"})
    hwa = Entity(id="hwa", name="HWA", type=EntityType.COMPANY, mentions=[Mention(start=32, end=35, text="HWA")])
    entities = []
    for entity in extraction.entities:
        if entity.id == "halden-writers-association":
            entity = entity.model_copy(
                update={"type": EntityType.ORGANIZATION, "mentions": [Mention(start=0, end=30, text=text[:30])]}
            )
        entities.append(entity)
    ingest(clean_graph, [extraction.model_copy(update={"entities": [*entities, hwa]})])
    later = story("hwa-again", "HWA", "Northgate Media Group", source="policy", day="2026-07-10")
    ingest(clean_graph, [later.build(outside_kb={"HWA", "Northgate Media Group"})])
    disputes = reads.list_disputes(clean_graph)
    assert [sorted(p["id"] for p in d["parties"]) for d in disputes] == [
        ["halden-writers-association", "northgate-media"]
    ]
    assert reads.entity_profile(clean_graph, "hwa")["id"] == "halden-writers-association"
    reasons = {m["id"]: m["reason"] for m in reads.entity_merges(clean_graph)}
    assert reasons == {"hwa": "acronym defined", "northgate-media-group": "same name"}


def test_a_merge_can_be_undone_for_good(clean_graph: Driver) -> None:
    first = story("northgate-sues", "Northgate Media", "Perplexity").build(outside_kb={"Northgate Media"})
    second = story("other-publisher", "Northgate Media Group", "Perplexity", source="policy", day="2026-07-09").build(
        outside_kb={"Northgate Media Group"}
    )
    ingest(clean_graph, [first])
    ingest(clean_graph, [second])
    (merged,) = reads.get_dispute(clean_graph, dispute_id("northgate-media", "perplexity"))["claim_ids"]
    assert reads.get_claim(clean_graph, merged)["report_count"] == 2, "one accusation, reported twice"

    record = unmerge_entity(clean_graph, "northgate-media-group")
    assert record["into"] == "northgate-media" and record["refused"] is True
    parties = sorted(sorted(p["id"] for p in d["parties"]) for d in reads.list_disputes(clean_graph))
    assert parties == [["northgate-media", "perplexity"], ["northgate-media-group", "perplexity"]]
    assert reads.entity_profile(clean_graph, "northgate-media-group")["id"] == "northgate-media-group"
    for party in ("northgate-media", "northgate-media-group"):
        (claim_id,) = reads.get_dispute(clean_graph, dispute_id(party, "perplexity"))["claim_ids"]
        claim = reads.get_claim(clean_graph, claim_id)
        assert (claim["accuser"]["id"], claim["report_count"]) == (party, 1)

    ingest(clean_graph, [second])
    assert len(reads.list_disputes(clean_graph)) == 2, "a refused merge is not made again"
    with pytest.raises(InputError, match="no entity merge recorded"):
        unmerge_entity(clean_graph, "no-such-name")
