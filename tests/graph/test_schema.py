"""Schema set-up and entity merging against the real Neo4j."""

from __future__ import annotations

from graph_builders import Story, canonical_dump
from neo4j import Driver

from claimgraph.records import Entity, EntityType
from graph import queries
from graph.schema import ensure_schema
from graph.writer import ingest


def test_schema_is_idempotent_and_covers_every_merge_key(clean_graph: Driver) -> None:
    ensure_schema(clean_graph, force=True)
    ensure_schema(clean_graph, force=True)
    records, _, _ = clean_graph.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' "
        "RETURN labelsOrTypes[0] AS label, properties[0] AS key"
    )
    assert set(queries.UNIQUE_KEYS) <= {(r["label"], r["key"]) for r in records}
    records, _, _ = clean_graph.execute_query("SHOW INDEXES YIELD name, type RETURN name, type")
    types = {r["name"]: r["type"] for r in records}
    assert types[queries.ENTITY_FULLTEXT_INDEX] == "FULLTEXT"
    assert types["claim_claim_date"] == "RANGE"


def _story_naming(name: str, kind: EntityType, in_kb: bool, slug: str) -> Story:
    story = Story(slug)
    story.accuses("Anthropic", "Alibaba")
    story.entities["alibaba"] = Entity(id="alibaba", name=name, type=kind, in_kb=in_kb, aliases=[name.upper()])
    return story


def test_entity_name_kind_and_aliases_do_not_depend_on_order(clean_graph: Driver) -> None:
    first = _story_naming("Alibaba Group", EntityType.COMPANY, True, "named-one").build()
    second = _story_naming("Ali", EntityType.PERSON, False, "named-two").build()
    ingest(clean_graph, [first])
    ingest(clean_graph, [second])
    forward = canonical_dump(clean_graph)
    records, _, _ = clean_graph.execute_query(
        "MATCH (e:Entity {id: 'alibaba'}) RETURN e.name AS name, labels(e) AS labels, e.aliases AS aliases"
    )
    assert records[0]["name"] == "Alibaba Group"
    assert sorted(records[0]["labels"]) == ["Company", "Entity"]
    assert records[0]["aliases"] == ["ALI", "ALIBABA GROUP", "Ali", "Alibaba"]
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    ingest(clean_graph, [second])
    records, _, _ = clean_graph.execute_query("MATCH (e:Entity {id: 'alibaba'}) RETURN labels(e) AS labels")
    assert sorted(records[0]["labels"]) == ["Entity", "Person"]
    ingest(clean_graph, [first])
    assert canonical_dump(clean_graph) == forward
