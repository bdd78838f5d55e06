"""Every Cypher string of ClaimGraph, as constants or small builder functions.

Values always travel as parameters (`$rows`, `$id`, ...). The only text that varies is chosen
from closed sets defined in code (entity kinds from `EntityType`, relation predicates from
`Relation.predicate`), never from input. Writes are `UNWIND $rows AS row ... MERGE` on keys that
carry a uniqueness constraint (see `graph/schema.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from claimgraph.records import EntityType

# --- Schema -----------------------------------------------------------------------------------

UNIQUE_KEYS: tuple[tuple[str, str], ...] = (
    ("Source", "id"),
    ("Article", "id"),
    ("Entity", "id"),
    ("Claim", "id"),
    ("Response", "id"),
    ("Dispute", "id"),
    ("StatusChange", "id"),
    ("DeclinedTurn", "id"),
    ("Subscription", "id"),
    ("GraphMeta", "id"),
    ("ClaimAlias", "id"),
    ("EntityMerge", "id"),
)

RANGE_INDEXES: tuple[tuple[str, str], ...] = (
    ("Article", "published_at"),
    ("Article", "copy_of"),
    ("Entity", "name"),
    ("Claim", "pair_key"),
    ("Claim", "category"),
    ("Claim", "status"),
    ("Claim", "first_reported_at"),
    ("Claim", "claim_date"),
    ("Claim", "recorded_at"),
    ("Response", "article_id"),
    ("Dispute", "pair_key"),
    ("Dispute", "last_event_date"),
    ("Dispute", "first_event_date"),
    ("Dispute", "name"),
    ("StatusChange", "recorded_at"),
    ("StatusChange", "dispute_id"),
    ("ClaimAlias", "claim_id"),
    ("EntityMerge", "into"),
)

ENTITY_FULLTEXT_INDEX = "entity_names"
DISPUTE_FULLTEXT_INDEX = "dispute_names"


def unique_constraint(label: str, key: str) -> str:
    """`CREATE CONSTRAINT ... IF NOT EXISTS` for one (label, key) of `UNIQUE_KEYS`."""
    return f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"


def range_index(label: str, key: str) -> str:
    """`CREATE INDEX ... IF NOT EXISTS` (a range index) for one (label, key) of `RANGE_INDEXES`."""
    return f"CREATE INDEX {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) ON (n.{key})"


CREATE_ENTITY_FULLTEXT = (
    f"CREATE FULLTEXT INDEX {ENTITY_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]"
)
CREATE_DISPUTE_FULLTEXT = (
    f"CREATE FULLTEXT INDEX {DISPUTE_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Dispute) ON EACH [n.name]"
)
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

# --- Writes: one batch in two statements ---------------------------------------------------------
# Each write below is `UNWIND $<list> AS row ...`, runnable alone. A batch sends them as two
# statements (`in_one_statement`): the article-side writes with the read of the stored state of
# the pairs it touches, then the claim-side writes with the version bump. An empty list UNWINDs
# to nothing, so both statements keep one text whatever the batch holds, and their parameters
# travel in one map (`batch_parameters`), so they keep one cached plan too.

LOCK_GRAPH_WRITES = """
UNWIND $lock AS row
MERGE (m:GraphMeta {id: 'graph'})
ON CREATE SET m.version = 0
SET m.lock = true
REMOVE m.lock
"""
"""Taken first by every write batch: concurrent ingests serialise, so each recomputes from committed data.

The uniqueness constraint on `GraphMeta.id` makes two first batches that both create it wait for
each other instead of creating two."""

MERGE_SOURCES = """
UNWIND $sources AS row
MERGE (s:Source {id: row.id})
SET s.name = row.name, s.domain = row.domain
"""

MERGE_ARTICLES = """
UNWIND $articles AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.published_at = datetime(row.published_at), a.fetched_at = datetime(row.fetched_at)
WITH a, row
MATCH (s:Source {id: row.source_id})
OPTIONAL MATCH (a)-[old:PUBLISHED_BY]->(other:Source) WHERE other.id <> row.source_id
DELETE old
MERGE (a)-[:PUBLISHED_BY]->(s)
"""

LINK_COPIES = """
UNWIND $article_ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[old:COPY_OF]->(o:Article) WHERE a.copy_of IS NULL OR o.id <> a.copy_of
DELETE old
WITH a
OPTIONAL MATCH (original:Article {id: a.copy_of})
FOREACH (_ IN CASE WHEN original IS NULL OR original = a THEN [] ELSE [1] END | MERGE (a)-[:COPY_OF]->(original))
WITH a
MATCH (copy:Article {copy_of: a.id}) WHERE copy <> a
MERGE (copy)-[:COPY_OF]->(a)
"""


def merge_entities() -> str:
    """Entities MERGEd on id; the kind becomes a second label from the closed `EntityType` set.

    Name and kind are chosen order-independently: a knowledge-base entry wins, then the
    alphabetically first name; aliases are every other name and alias seen, sorted. A row that
    would change nothing (the entity is stored and knows every name of the row) stops after the
    MERGE: most rows of a batch name entities the graph already has.
    """
    kind_labels = ", ".join(f"'{kind.value}'" for kind in EntityType)
    return f"""
UNWIND $entities AS row
MERGE (e:Entity {{id: row.id}})
WITH e, row, e.name AS old_name,
     e.name IS NULL
     OR (row.in_kb AND NOT coalesce(e.in_kb, false))
     OR (row.in_kb = coalesce(e.in_kb, false) AND row.name < e.name) AS take
WHERE take OR any(name IN row.aliases + [row.name] WHERE name <> old_name AND NOT name IN coalesce(e.aliases, []))
WITH e, row, old_name, take, CASE WHEN take THEN row.name ELSE old_name END AS name
SET e.aliases = COLLECT {{
        UNWIND coalesce(e.aliases, []) + row.aliases + [row.name] + [x IN [old_name] WHERE x IS NOT NULL] AS alias
        WITH DISTINCT alias WHERE alias <> name ORDER BY alias RETURN alias
    }},
    e.name = name,
    e.type = CASE WHEN take THEN row.type ELSE e.type END,
    e.in_kb = coalesce(e.in_kb, false) OR row.in_kb
WITH e
REMOVE e:$([label IN labels(e) WHERE label IN [{kind_labels}] AND label <> e.type])
SET e:$(e.type)
"""


# --- Entity resolution (graph/resolution.py) ------------------------------------------------------

RESOLUTION_STATE = f"""
RETURN COLLECT {{
        UNWIND $entity_ids AS id
        MATCH (m:EntityMerge {{id: id}})
        RETURN m {{.id, .into, .refused}}
    }} AS merges,
    COLLECT {{
        UNWIND $name_queries AS query
        CALL db.index.fulltext.queryNodes('{ENTITY_FULLTEXT_INDEX}', query, {{limit: 25}}) YIELD node
        WITH DISTINCT node
        RETURN node {{.id, .name, .type, .in_kb, .aliases}}
    }} AS found
"""
"""Before a batch's writes (after its lock): the merges recorded for the batch's ids, the refused ones,
and the stored entities whose name or alias shares a word query with a name outside the knowledge base."""

MERGE_ENTITY_MERGES = """
UNWIND $entity_merges AS row
MERGE (m:EntityMerge {id: row.id})
ON CREATE SET m.recorded_at = datetime($now), m.refused = false
SET m.into = row.into, m.name = row.name, m.type = row.type, m.reason = row.reason
"""
"""A name resolved into another entity: `id` (the id the name had) answers as `into` from now on."""

ENTITY_MERGE = "MATCH (m:EntityMerge {id: $id}) RETURN properties(m) AS merge"

RESOLVED_ENTITY_ID = """
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (m:EntityMerge {id: $id}) WHERE NOT m.refused
RETURN CASE WHEN e IS NOT NULL THEN e.id ELSE m.into END AS id
"""

ENTITY_MERGES = """
MATCH (m:EntityMerge)
WHERE $into IS NULL OR m.into = $into
RETURN properties(m) AS merge ORDER BY m.into, m.id
"""

REFUSE_MERGE = """
MATCH (m:EntityMerge {id: $id})
SET m.refused = true, m.refused_at = datetime($now)
RETURN properties(m) AS merge
"""
"""Undo a merge: the name is its own entity again and is never merged into that entity again."""

ENTITY_PAIR_KEYS = """
MATCH (:Entity {id: $id})<-[:MADE_BY|AGAINST]-(c:Claim)
RETURN collect(DISTINCT c.pair_key) AS pair_keys
"""


REPLACE_MENTIONS = """
UNWIND $mentions AS row
MATCH (a:Article {id: row.article_id})
OPTIONAL MATCH (a)-[old:MENTIONS]->(gone:Entity) WHERE NOT gone.id IN [m IN row.mentions | m.entity_id]
DELETE old
WITH DISTINCT a, row
UNWIND row.mentions AS mention
MATCH (e:Entity {id: mention.entity_id})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = mention.count
"""

RELATION_PREDICATES: tuple[str, ...] = ("DEVELOPS", "VERSION_OF", "SUBSIDIARY_OF")


def relation_parameter(predicate: str) -> str:
    """The list parameter of one relation type's rows ('DEVELOPS' -> 'develops')."""
    return predicate.lower()


def merge_relation(predicate: str) -> str:
    """MERGE one knowledge-base relation type between entities (predicate from `RELATION_PREDICATES`)."""
    if predicate not in RELATION_PREDICATES:
        raise ValueError(f"unknown relation predicate {predicate!r}; expected one of {RELATION_PREDICATES}")
    return f"""
UNWIND ${relation_parameter(predicate)} AS row
MATCH (s:Entity {{id: row.subject_id}}), (o:Entity {{id: row.object_id}})
MERGE (s)-[:{predicate}]->(o)
"""


STORED_STATE = """
WITH COLLECT {
        UNWIND $article_ids AS id
        MATCH (:Article {id: id})<-[:REPORTED_IN]-(c:Claim)
        RETURN DISTINCT c.pair_key
     } + $pair_keys AS keys
WITH COLLECT { UNWIND keys AS key WITH DISTINCT key ORDER BY key RETURN key } AS pair_keys
RETURN pair_keys,
    COLLECT {
        UNWIND pair_keys AS pair_key
        MATCH (c:Claim {pair_key: pair_key})
        RETURN c {.id, .digest, recorded_at: toString(c.recorded_at)}
    } AS claims,
    COLLECT {
        UNWIND $article_ids AS id
        MATCH (a:Article {id: id})-[:PUBLISHED_BY]->(s:Source)
        OPTIONAL MATCH (a)-[:COPY_OF]->(:Article)-[:PUBLISHED_BY]->(os:Source)
        RETURN {article_id: a.id, published_at: toString(a.published_at), fetched_at: toString(a.fetched_at),
                url: a.url, title: a.title, copy_of: a.copy_of, source_id: s.id, source_name: s.name,
                original_source_id: os.id}
    } AS articles,
    COLLECT {
        UNWIND pair_keys AS pair_key
        MATCH (c:Claim {pair_key: pair_key})-[r:REPORTED_IN]->(a:Article)-[:PUBLISHED_BY]->(s:Source)
        OPTIONAL MATCH (a)-[:COPY_OF]->(:Article)-[:PUBLISHED_BY]->(os:Source)
        RETURN {claim_id: c.id, accuser_id: c.accuser_id, accused_id: c.accused_id, category: c.category,
                report: properties(r), article_id: a.id, published_at: toString(a.published_at),
                fetched_at: toString(a.fetched_at), url: a.url, title: a.title, copy_of: a.copy_of, source_id: s.id,
                source_name: s.name, original_source_id: os.id}
    } AS reports,
    COLLECT {
        UNWIND pair_keys AS pair_key
        MATCH (c:Claim {pair_key: pair_key})<-[:RESPONDS_TO]-(r:Response)-[ri:REPORTED_IN]->(a:Article)
        MATCH (a)-[:PUBLISHED_BY]->(s:Source)
        RETURN DISTINCT {response: r {.*, recorded_at: null}, evidence: properties(ri), article_id: a.id,
                published_at: toString(a.published_at), fetched_at: toString(a.fetched_at), url: a.url,
                title: a.title, source_id: s.id, source_name: s.name}
    } AS responses,
    COLLECT {
        UNWIND pair_keys AS pair_key
        MATCH (d:Dispute {pair_key: pair_key})
        RETURN {pair_key: pair_key, dispute_id: d.id, digest: d.digest,
                status_changes: COLLECT { MATCH (sc:StatusChange)-[:OF]->(d) RETURN sc {.id, .digest} ORDER BY sc.id },
                declined_turns: COLLECT { MATCH (dt:DeclinedTurn)-[:OF]->(d) RETURN dt {.id, .digest} ORDER BY dt.id }}
    } AS disputes,
    COLLECT {
        UNWIND $party_ids + COLLECT {
            UNWIND pair_keys AS pair_key MATCH (d:Dispute {pair_key: pair_key}) UNWIND d.party_ids AS id RETURN id
        } AS id
        WITH DISTINCT id
        MATCH (e:Entity {id: id})
        RETURN {id: e.id, name: e.name}
    } AS names
"""
"""After the article-side writes: the pairs the batch touches (its own, and those of the claims
earlier reported in its articles), their claims, reports, responses and disputes,
the batch's articles as the claim rules see them, and the names of every party. Claims, disputes
and status changes come back as their `digest` only (a hash of the properties the writer computed
for them): the writer compares digests, not every property. Instants come back as text
(`graph.facts.moment` reads them): the driver hydrates a DateTime slowly."""

MERGE_CLAIMS = """
UNWIND $claims AS row
MERGE (c:Claim {id: row.id})
ON CREATE SET c.recorded_at = coalesce(datetime(row.recorded_at), datetime($now))
SET c += row.props, c.first_reported_at = datetime(row.first_reported_at)
WITH c, row
MATCH (accuser:Entity {id: row.props.accuser_id}), (accused:Entity {id: row.props.accused_id})
OPTIONAL MATCH (c)-[old:MADE_BY|AGAINST|CONCERNS]->(other:Entity)
WHERE NOT other.id IN [row.props.accuser_id, row.props.accused_id, row.props.object_id]
DELETE old
WITH DISTINCT c, row, accuser, accused
MERGE (c)-[:MADE_BY]->(accuser)
MERGE (c)-[:AGAINST]->(accused)
WITH c, row
OPTIONAL MATCH (object:Entity {id: row.props.object_id})
FOREACH (_ IN CASE WHEN object IS NULL THEN [] ELSE [1] END | MERGE (c)-[:CONCERNS]->(object))
"""
"""A claim that replaces others (see `CLAIM_ALIAS_WRITES`) is created with the earliest
`recorded_at` of those it replaces: it is not new to anyone who followed them."""

MERGE_CLAIM_REPORTS = """
UNWIND $reports AS row
MATCH (c:Claim {id: row.claim_id}), (a:Article {id: row.article_id})
MERGE (c)-[r:REPORTED_IN {extraction_claim_id: row.extraction_claim_id}]->(a)
SET r += row.props
"""

DELETE_REPORTS = """
UNWIND $moved_reports AS row
MATCH (:Claim {id: row.claim_id})-[r:REPORTED_IN {extraction_claim_id: row.extraction_claim_id}]->(:Article)
DELETE r
"""

DELETE_CLAIMS = """
UNWIND $gone_claims AS id
MATCH (c:Claim {id: id})
DETACH DELETE c
"""

MERGE_RESPONSES = """
UNWIND $responses AS row
MERGE (r:Response {id: row.id})
ON CREATE SET r.recorded_at = datetime($now)
SET r += row.props
WITH r, row
MATCH (responder:Entity {id: row.props.responder_id}), (a:Article {id: row.props.article_id}),
      (c:Claim {id: row.claim_id})
OPTIONAL MATCH (r)-[old:RESPONDS_TO|MADE_BY]->(other) WHERE NOT other.id IN [row.claim_id, row.props.responder_id]
DELETE old
WITH DISTINCT r, row, responder, a, c
MERGE (r)-[:MADE_BY]->(responder)
MERGE (r)-[:RESPONDS_TO]->(c)
MERGE (r)-[ri:REPORTED_IN]->(a)
SET ri += row.evidence
"""

DELETE_RESPONSES = """
UNWIND $gone_responses AS id
MATCH (r:Response {id: id})
DETACH DELETE r
"""

MERGE_DISPUTES = """
UNWIND $disputes AS row
MERGE (d:Dispute {id: row.id})
ON CREATE SET d.recorded_at = datetime($now)
SET d += row.props
WITH d, row
OPTIONAL MATCH (old:Claim)-[p:PART_OF]->(d) WHERE NOT old.id IN row.claim_ids
DELETE p
WITH DISTINCT d, row
UNWIND row.claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})
MERGE (c)-[:PART_OF]->(d)
"""

MERGE_STATUS_CHANGES = """
UNWIND $status_changes AS row
MATCH (d:Dispute {id: row.props.dispute_id})
MERGE (sc:StatusChange {id: row.id})
ON CREATE SET sc.recorded_at = datetime($now)
SET sc += row.props
MERGE (sc)-[:OF]->(d)
"""

DELETE_STATUS_CHANGES = """
UNWIND $stale_status_changes AS id
MATCH (sc:StatusChange {id: id})
DETACH DELETE sc
"""

MERGE_DECLINED_TURNS = """
UNWIND $declined_turns AS row
MATCH (d:Dispute {id: row.props.dispute_id})
MERGE (dt:DeclinedTurn {id: row.id})
ON CREATE SET dt.recorded_at = datetime($now)
SET dt += row.props
MERGE (dt)-[:OF]->(d)
"""
"""Turns the evidence proposed and the lifecycle rules did not take (`graph.lifecycle.Declined`), kept
for review beside the dispute; never alerted."""

DELETE_DECLINED_TURNS = """
UNWIND $stale_declined_turns AS id
MATCH (dt:DeclinedTurn {id: id})
DETACH DELETE dt
"""

DELETE_EMPTY_DISPUTES = """
UNWIND $emptied_disputes AS dispute_id
MATCH (d:Dispute {id: dispute_id})
WHERE NOT EXISTS { (:Claim)-[:PART_OF]->(d) }
OPTIONAL MATCH (sc:StatusChange|DeclinedTurn)-[:OF]->(d)
DETACH DELETE sc, d
"""

BUMP_GRAPH_VERSION = """
UNWIND $bump AS row
MERGE (m:GraphMeta {id: 'graph'})
SET m.version = coalesce(m.version, 0) + 1, m.updated_at = datetime($now)
"""

GRAPH_VERSION_NUMBER = "OPTIONAL MATCH (m:GraphMeta {id: 'graph'}) RETURN m.version AS version"

# A claim's earlier ids. `ClaimAlias {id, claim_id, recorded_at}` nodes are written by a statement
# of their own, sent only when claims were replaced or created: they are few and change often, and
# the server re-plans every statement that names a label whose statistics move that much.

REPOINT_CLAIM_ALIASES = """
UNWIND $repointed AS row
MATCH (alias:ClaimAlias {claim_id: row.replaced_id})
SET alias.claim_id = row.claim_id
"""
"""The ids a replaced claim had itself replaced now name its successor too."""

MERGE_CLAIM_ALIASES = """
UNWIND $aliases AS row
MERGE (alias:ClaimAlias {id: row.id})
ON CREATE SET alias.recorded_at = datetime(row.recorded_at)
SET alias.claim_id = row.claim_id
"""
"""A replaced claim's id names the claim that took its reports; `recorded_at` is when it was new."""

DELETE_ORPHANED_ALIASES = """
UNWIND $orphaned AS claim_id
MATCH (alias:ClaimAlias {claim_id: claim_id})
DELETE alias
"""
"""The earlier ids of a claim that is gone without a successor (its reports were re-extracted away)."""

DELETE_REVIVED_ALIASES = """
UNWIND $created AS id
MATCH (alias:ClaimAlias {id: id})
DELETE alias
"""
"""An id that names a live claim again is no longer an alias."""

CLAIM_ALIAS_WRITES: tuple[tuple[str, str], ...] = (
    (REPOINT_CLAIM_ALIASES, "repointed"),
    (MERGE_CLAIM_ALIASES, "aliases"),
    (DELETE_ORPHANED_ALIASES, "orphaned"),
    (DELETE_REVIVED_ALIASES, "created"),
)
"""In this order: re-point, then add, then drop what is orphaned or alive again."""

DONE = "RETURN count(*) AS done"


BATCH_PARAMETER = "batch"
"""The one parameter of a combined statement: a map holding every parameter of its parts."""

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def in_one_statement(writes: Sequence[str], then: str) -> str:
    """Several `UNWIND $<list> AS row ...` writes as one statement, in order, then the read `then`.

    Each write is a unit subquery (`CALL () { ... }`): it runs once, sees what the writes before it
    wrote, and leaves the one row the statement started with for `then`. `replan=skip` keeps the
    cached plan while the young graph's statistics change: planning these long statements costs
    seconds, more than running them, and every MATCH/MERGE in them is on a unique key's index.

    Every `$name` becomes `$batch.name`: the server keys its plan cache on the type of each
    parameter and, for a list, its size rounded to 0, 1, 10, 100, ... (an empty list is also of
    another type), so a batch whose lists change size class (no deleted claims, then one) would
    re-plan the statement; one map parameter (`batch_parameters`) keeps one plan.
    """
    calls = "\n".join(f"CALL () {{{write.rstrip()}\n}}" for write in writes)
    body = _PARAMETER.sub(rf"${BATCH_PARAMETER}.\1", f"{calls}\n{then.strip()}\n")
    return f"CYPHER replan=skip\n{body}"


def batch_parameters(values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The parameters of an `in_one_statement` statement: `values` as its one map parameter."""
    return {BATCH_PARAMETER: dict(values)}


# --- Reads --------------------------------------------------------------------------------------

GRAPH_VERSION = "OPTIONAL MATCH (m:GraphMeta {id: 'graph'}) RETURN m.version AS version, m.updated_at AS updated_at"

ENTITY_BRIEF = "{.id, .name, .type}"

SEARCH_ENTITIES_FULLTEXT = f"""
CALL db.index.fulltext.queryNodes('{ENTITY_FULLTEXT_INDEX}', $query, {{limit: $limit}}) YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type, node.aliases AS aliases, score
"""

SEARCH_ENTITIES_CONTAINS = """
MATCH (e:Entity)
WHERE toLower(e.name) CONTAINS $text OR any(alias IN e.aliases WHERE toLower(alias) CONTAINS $text)
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, 0.5 AS score
ORDER BY e.name LIMIT $limit
"""

SEARCH_DISPUTES_FULLTEXT = f"""
CALL db.index.fulltext.queryNodes('{DISPUTE_FULLTEXT_INDEX}', $query, {{limit: $limit}}) YIELD node, score
RETURN node.id AS id, node.name AS name, node.status AS status, node.categories AS categories, score
"""

SEARCH_DISPUTES_CONTAINS = """
MATCH (d:Dispute) WHERE toLower(d.name) CONTAINS $text
RETURN d.id AS id, d.name AS name, d.status AS status, d.categories AS categories, 0.5 AS score
ORDER BY d.name LIMIT $limit
"""

CLAIM_SUMMARY = f"""c{{.id, .category, .allegation, .status, .status_date, .claim_date, .last_report_date,
    .first_reported_at, .first_article_id, .first_source_id, .corroboration, .confidence, .report_count,
    accuser: head(COLLECT {{ MATCH (c)-[:MADE_BY]->(x:Entity) RETURN x{ENTITY_BRIEF} }}),
    accused: head(COLLECT {{ MATCH (c)-[:AGAINST]->(x:Entity) RETURN x{ENTITY_BRIEF} }}),
    object: head(COLLECT {{ MATCH (c)-[:CONCERNS]->(x:Entity) RETURN x{ENTITY_BRIEF} }}),
    dispute_id: head(COLLECT {{ MATCH (c)-[:PART_OF]->(d:Dispute) RETURN d.id }})}}"""

DISPUTE_SUMMARY = f"""d{{.id, .name, .categories, .status, .status_date, .first_event_date, .last_event_date,
    .claim_count,
    parties: COLLECT {{ MATCH (p:Entity) WHERE p.id IN d.party_ids RETURN p{ENTITY_BRIEF} ORDER BY p.id }}}}"""

ENTITY_PROFILE = f"""
MATCH (e:Entity {{id: $id}})
RETURN e{{.id, .name, .type, .aliases, .in_kb}} AS entity,
    COLLECT {{ MATCH (e)-[:DEVELOPS]->(x:Entity) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS develops,
    COLLECT {{ MATCH (x:Entity)-[:DEVELOPS]->(e) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS developed_by,
    COLLECT {{ MATCH (e)-[:VERSION_OF]->(x:Entity) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS version_of,
    COLLECT {{ MATCH (x:Entity)-[:VERSION_OF]->(e) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS versions,
    COLLECT {{ MATCH (e)-[:SUBSIDIARY_OF]->(x:Entity) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS parents,
    COLLECT {{ MATCH (x:Entity)-[:SUBSIDIARY_OF]->(e) RETURN x{ENTITY_BRIEF} ORDER BY x.name }} AS subsidiaries,
    COLLECT {{ MATCH (c:Claim)-[:MADE_BY]->(e) RETURN {CLAIM_SUMMARY} AS claim
              ORDER BY c.claim_date DESC, c.id }} AS claims_made,
    COLLECT {{ MATCH (c:Claim)-[:AGAINST]->(e) RETURN {CLAIM_SUMMARY} AS claim
              ORDER BY c.claim_date DESC, c.id }} AS claims_received,
    COLLECT {{ MATCH (c:Claim)-[:MADE_BY|AGAINST]->(e)
              MATCH (c)-[:PART_OF]->(d:Dispute) WITH DISTINCT d
              RETURN {DISPUTE_SUMMARY} AS dispute ORDER BY d.last_event_date DESC, d.id }} AS disputes,
    COUNT {{ (:Article)-[:MENTIONS]->(e) }} AS article_count
"""

DISPUTE_ORDERS: dict[str, str] = {
    "recent": "d.last_event_date DESC, d.id",
    "oldest": "d.first_event_date ASC, d.id",
    "name": "d.name ASC, d.id",
    "claims": "d.claim_count DESC, d.last_event_date DESC, d.id",
}


def list_disputes(order: str) -> str:
    """Disputes page by page, in one of the orders of `DISPUTE_ORDERS`."""
    if order not in DISPUTE_ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {sorted(DISPUTE_ORDERS)}")
    return f"""
MATCH (d:Dispute)
WITH d ORDER BY {DISPUTE_ORDERS[order]} SKIP $offset LIMIT $limit
RETURN {DISPUTE_SUMMARY} AS dispute
"""


GET_DISPUTE = f"""
MATCH (d:Dispute {{id: $id}})
RETURN {DISPUTE_SUMMARY} AS dispute,
    COLLECT {{ MATCH (sc:StatusChange)-[:OF]->(d) RETURN properties(sc) AS change }} AS status_history,
    COLLECT {{ MATCH (dt:DeclinedTurn)-[:OF]->(d) RETURN properties(dt) AS turn }} AS declined_turns,
    COLLECT {{ MATCH (c:Claim)-[:PART_OF]->(d) RETURN c.id ORDER BY c.claim_date, c.id }} AS claim_ids
"""

DISPUTE_CLAIM_IDS = "MATCH (:Dispute {id: $id})<-[:PART_OF]-(c:Claim) RETURN c.id AS id ORDER BY c.id"

ENTITY_CLAIM_IDS = """
MATCH (e:Entity {id: $id})<-[:MADE_BY|AGAINST|CONCERNS]-(c:Claim)
RETURN DISTINCT c.id AS id ORDER BY id
"""

ENTITY_RESPONSE_CLAIM_IDS = """
MATCH (:Entity {id: $id})<-[:MADE_BY]-(:Response)-[:RESPONDS_TO]->(c:Claim)
RETURN DISTINCT c.id AS id ORDER BY id
"""

CLAIM_DETAILS = f"""
UNWIND $ids AS id
MATCH (c:Claim {{id: id}})
RETURN {CLAIM_SUMMARY} AS claim,
    COLLECT {{
        MATCH (c)-[r:REPORTED_IN]->(a:Article)-[:PUBLISHED_BY]->(s:Source)
        OPTIONAL MATCH (a)-[:COPY_OF]->(:Article)-[:PUBLISHED_BY]->(os:Source)
        RETURN {{report: properties(r), article_id: a.id, url: a.url, title: a.title, published_at: a.published_at,
                fetched_at: a.fetched_at, copy_of: a.copy_of, source_id: s.id, source_name: s.name,
                original_source_id: os.id}} AS report
    }} AS reports,
    COLLECT {{
        MATCH (c)<-[:RESPONDS_TO]-(r:Response)-[ri:REPORTED_IN]->(a:Article)-[:PUBLISHED_BY]->(s:Source)
        MATCH (r)-[:MADE_BY]->(who:Entity)
        RETURN {{response: properties(r), evidence: properties(ri), responder: who{ENTITY_BRIEF}, article_id: a.id,
                url: a.url, title: a.title, published_at: a.published_at, fetched_at: a.fetched_at,
                source_id: s.id, source_name: s.name}} AS response
    }} AS responses
"""

STATUS_CHANGES_OF_DISPUTES = """
UNWIND $ids AS id
MATCH (sc:StatusChange {dispute_id: id})-[:OF]->(d:Dispute)
RETURN properties(sc) AS change, d.name AS dispute_name
"""


def list_claims(by_entity: bool) -> str:
    """Claims page by page; `by_entity` starts from the entity (its MADE_BY, AGAINST and CONCERNS
    claims, through the `Entity.id` constraint) instead of scanning every claim."""
    start = (
        "MATCH (:Entity {id: $entity_id})<-[:MADE_BY|AGAINST|CONCERNS]-(c:Claim) WITH DISTINCT c"
        if by_entity
        else "MATCH (c:Claim)"
    )
    return f"""
{start}
WHERE ($category IS NULL OR c.category = $category)
  AND ($status IS NULL OR c.status = $status)
  AND ($since IS NULL OR c.claim_date >= $since)
  AND ($until IS NULL OR c.claim_date <= $until)
WITH c ORDER BY c.claim_date DESC, c.id SKIP $offset LIMIT $limit
RETURN {CLAIM_SUMMARY} AS claim
"""


NEIGHBOURHOOD_TYPES: tuple[str, ...] = ("MADE_BY", "AGAINST", "CONCERNS", "DEVELOPS", "VERSION_OF", "SUBSIDIARY_OF")


def neighbourhood(depth: int) -> str:
    """Entities and claims within `depth` hops (1 to 3) of an entity, over `NEIGHBOURHOOD_TYPES`.

    `ANY SHORTEST` finds one shortest path per reachable node (breadth first), so a hub with
    thousands of claims costs its reachable nodes, not every path through them.
    """
    if not 1 <= depth <= 3:
        raise ValueError(f"depth must be 1, 2 or 3, not {depth}")
    return f"""
MATCH (start:Entity {{id: $id}})
OPTIONAL MATCH p = ANY SHORTEST (start)(()-[r]-(x)
    WHERE type(r) IN $types AND (x:Entity OR (x:Claim
      AND ($since IS NULL OR x.claim_date >= $since) AND ($until IS NULL OR x.claim_date <= $until)
      AND ($categories IS NULL OR x.category IN $categories)))
){{1,{depth}}}(n)
WHERE n <> start
WITH start, n, min(length(p)) AS distance
ORDER BY distance, n.id
WITH start, collect(n)[..$limit] AS found
WITH [start] + [x IN found WHERE x IS NOT NULL] AS members
UNWIND members AS a
OPTIONAL MATCH (a)-[r]->(b) WHERE b IN members AND type(r) IN $types
RETURN a{{.id, .name, .type, .category, .status, .claim_date, .corroboration, labels: labels(a)}} AS node,
       collect(CASE WHEN r IS NULL THEN NULL ELSE {{source: a.id, target: b.id, type: type(r)}} END) AS edges
"""


EVENT_KEYS_SINCE = """
CALL () {
    MATCH (c:Claim) WHERE c.recorded_at >= datetime($since)
    RETURN 'claim.new' AS type, c.recorded_at AS recorded_at, c.id AS key,
           coalesce(head(COLLECT {
               MATCH (alias:ClaimAlias {claim_id: c.id}) WHERE alias.recorded_at <= c.recorded_at
               RETURN alias.id ORDER BY alias.recorded_at, alias.id
           }), c.id) AS identity
    UNION ALL
    MATCH (sc:StatusChange) WHERE sc.recorded_at >= datetime($since)
    RETURN 'dispute.status_changed' AS type, sc.recorded_at AS recorded_at, sc.id AS key, sc.id AS identity
}
RETURN type, recorded_at, key, identity ORDER BY recorded_at, type, identity LIMIT $limit
"""
"""Events by ingest time (range-index seeks on `recorded_at`). A claim's identity is the id it was
first announced under: a claim that replaced others inherits the `recorded_at` of the earliest,
whose id (an alias recorded no later than the claim) it keeps as its event identity."""

CLAIM_ALIAS = "MATCH (alias:ClaimAlias {id: $id}) RETURN alias.claim_id AS claim_id"

STATUS_CHANGE_EVENTS = f"""
UNWIND $ids AS id
MATCH (sc:StatusChange {{id: id}})-[:OF]->(d:Dispute)
RETURN properties(sc) AS change, {DISPUTE_SUMMARY} AS dispute
"""

# --- Analytics: subgraphs read for networkx -------------------------------------------------------

ACCUSATIONS = """
MATCH (c:Claim)-[:MADE_BY]->(a:Entity), (c)-[:AGAINST]->(b:Entity)
WHERE ($category IS NULL OR c.category = $category)
  AND ($since IS NULL OR c.claim_date >= $since)
  AND ($until IS NULL OR c.claim_date <= $until)
  AND ($dispute_id IS NULL OR EXISTS { (c)-[:PART_OF]->(:Dispute {id: $dispute_id}) })
RETURN c.id AS claim_id, c.category AS category, c.confidence AS confidence, c.corroboration AS corroboration,
       c.status AS status, c.claim_date AS claim_date, c.allegation AS allegation, c.report_count AS report_count,
       a.id AS accuser_id, a.name AS accuser_name, a.type AS accuser_type,
       b.id AS accused_id, b.name AS accused_name, b.type AS accused_type
ORDER BY c.id
"""

PATH_EDGES = """
MATCH (x)-[r:MADE_BY|AGAINST|CONCERNS|DEVELOPS|VERSION_OF|SUBSIDIARY_OF]->(y)
RETURN x.id AS source, CASE WHEN x:Claim THEN 'Claim' ELSE x.type END AS source_kind,
       coalesce(x.name, x.category) AS source_name, type(r) AS type,
       y.id AS target, CASE WHEN y:Claim THEN 'Claim' ELSE y.type END AS target_kind,
       coalesce(y.name, y.category) AS target_name
"""

# --- Reachability probe and the analyst console (graph/driver.py, graph/console.py) ---------------

PING = "RETURN 1"
"""The API's reachability probe: cheapest query the server must answer, run auto-commit (no retries)."""

EXPLAIN_PREFIX = "EXPLAIN "


def explain(query: str) -> str:
    """`query` (an analyst's console query, already checked by `api.cypher_guard`) to be planned, not run."""
    return EXPLAIN_PREFIX + query


# --- Subscriptions and alerts ---
# Owned by the API: subscriptions, their deliveries (one per subscription and event: the feed
# entry and the webhook's durable idempotency record) and the dispatcher's cursor.

ALERT_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT delivery_key_unique IF NOT EXISTS FOR (d:Delivery) REQUIRE d.key IS UNIQUE",
    "CREATE CONSTRAINT alertcursor_id_unique IF NOT EXISTS FOR (c:AlertCursor) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX delivery_subscription_id IF NOT EXISTS FOR (d:Delivery) ON (d.subscription_id)",
    "CREATE INDEX delivery_webhook_status IF NOT EXISTS FOR (d:Delivery) ON (d.webhook_status)",
    "CREATE INDEX subscription_feed_token_hash IF NOT EXISTS FOR (s:Subscription) ON (s.feed_token_hash)",
    "CREATE INDEX subscription_owner IF NOT EXISTS FOR (s:Subscription) ON (s.owner_key_hash)",
)

CREATE_SUBSCRIPTION = """
MERGE (s:Subscription {id: $props.id})
ON CREATE SET s += $props, s.created_at = datetime($now)
RETURN properties(s) AS subscription
"""

GET_SUBSCRIPTION = (
    "MATCH (s:Subscription {id: $id}) WHERE s.owner_key_hash = $owner RETURN properties(s) AS subscription"
)

SUBSCRIPTION_BY_TOKEN_HASH = (
    "MATCH (s:Subscription {feed_token_hash: $token_hash}) RETURN properties(s) AS subscription"
)

LIST_SUBSCRIPTIONS = """
MATCH (s:Subscription {owner_key_hash: $owner})
RETURN properties(s) AS subscription
ORDER BY s.created_at DESC, s.id
SKIP $offset LIMIT $limit
"""

ALL_SUBSCRIPTIONS = "MATCH (s:Subscription) RETURN properties(s) AS subscription ORDER BY s.created_at, s.id"

DELETE_SUBSCRIPTION = """
MATCH (s:Subscription {id: $id}) WHERE s.owner_key_hash = $owner
OPTIONAL MATCH (d:Delivery {subscription_id: $id})
DETACH DELETE d, s
RETURN count(DISTINCT s) AS deleted
"""

CLEAR_WEBHOOK_SECRETS = """
MATCH (s:Subscription) WHERE s.webhook_secret IS NOT NULL
RETURN s.id AS id, s.webhook_secret AS secret
"""

SEAL_WEBHOOK_SECRETS = """
UNWIND $rows AS row
MATCH (s:Subscription {id: row.id})
SET s.webhook_secret_sealed = row.sealed
REMOVE s.webhook_secret
"""

ENTITY_EXISTS = "MATCH (e:Entity {id: $id}) RETURN e.id AS id LIMIT 1"

DISPUTE_EXISTS = "MATCH (d:Dispute {id: $id}) RETURN d.id AS id LIMIT 1"

RECORD_DELIVERIES = """
UNWIND $rows AS row
MERGE (d:Delivery {key: row.key})
ON CREATE SET d += row.props, d.occurred_at = datetime(row.occurred_at), d.created_at = datetime($now),
              d.attempts = 0
RETURN count(*) AS recorded
"""

PENDING_WEBHOOK_DELIVERIES = """
MATCH (d:Delivery {webhook_status: 'pending'})
MATCH (s:Subscription {id: d.subscription_id})
RETURN properties(d) AS delivery, s.webhook_url AS webhook_url,
       s.webhook_secret_sealed AS webhook_secret_sealed, s.webhook_secret AS webhook_secret
ORDER BY d.occurred_at, d.key
LIMIT $limit
"""

MARK_DELIVERY_ATTEMPT = """
MATCH (d:Delivery {key: $key})
SET d.attempts = d.attempts + 1, d.last_attempt_at = datetime($now), d.last_status_code = $status_code,
    d.last_error = $error, d.webhook_status = $webhook_status,
    d.delivered_at = CASE WHEN $webhook_status = 'delivered' THEN datetime($now) ELSE d.delivered_at END
RETURN d.attempts AS attempts
"""

LIST_DELIVERIES = """
MATCH (d:Delivery {subscription_id: $subscription_id})
RETURN properties(d) AS delivery
ORDER BY d.occurred_at DESC, d.key
SKIP $offset LIMIT $limit
"""

GET_ALERT_CURSOR = "MATCH (c:AlertCursor {id: $id}) RETURN c.position AS position, c.event_id AS event_id"

SET_ALERT_CURSOR = """
MERGE (c:AlertCursor {id: $id})
SET c.position = datetime($position), c.event_id = $event_id, c.updated_at = datetime($now)
"""
