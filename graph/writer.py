"""The write path: a batch of Extraction records into the graph as ONE managed transaction.

A batch is two statements in one transaction. The first takes the write lock, MERGEs the batch's
sources, articles, entities, mentions and knowledge-base relations, and reads back everything
stored about the pairs of parties the batch touches. Python then recomputes the claims and
disputes of those pairs from all of their reports (stored and new) and the second statement
writes only what differs, deletes what no longer exists and bumps the graph version. The
transaction function only reads and writes through `tx`, so the driver can retry it whole on a
transient error; a failure leaves nothing.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction, SummaryCounters
from neo4j.exceptions import Neo4jError

from claimgraph.exceptions import GraphWriteError, InputError
from claimgraph.records import Extraction, stable_id
from claimgraph.stage_driver import Item, StageDriver
from graph import queries
from graph.batch import PreparedBatch, Write, batch_facts, check_extraction, parameters, prepare_batch
from graph.disputes import DisputeState, compute_dispute
from graph.driver import neo4j_errors
from graph.facts import ArticleFacts, ReportFact, ResponseFact, moment, to_native, wire_moment
from graph.lifecycle import DEFAULT_MIN_CONFIDENCE
from graph.merging import ClaimCluster, attach_responses, cluster_reports
from graph.resolution import Known, apply, batch_entities, lookup_names, name_key, resolve
from graph.schema import ensure_schema

logger = logging.getLogger(__name__)


@dataclass
class BatchResult:
    """What one batch (or a whole ingest, summed) did to the graph."""

    extractions: int = 0
    articles: int = 0
    entities: int = 0
    reports: int = 0
    claims_new: int = 0
    reports_merged: int = 0
    responses: int = 0
    disputes_new: int = 0
    disputes_changed: int = 0
    changed: bool = False
    version: int | None = None

    def add(self, other: BatchResult) -> None:
        for name in (
            "extractions", "articles", "entities", "reports", "claims_new", "reports_merged",
            "responses", "disputes_new", "disputes_changed",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.changed = self.changed or other.changed
        self.version = other.version if other.version is not None else self.version


def shape_changed(counters: SummaryCounters) -> bool:
    """Whether a statement created or deleted nodes, relationships or labels (property updates aside)."""
    return bool(
        counters.nodes_created
        or counters.nodes_deleted
        or counters.relationships_created
        or counters.relationships_deleted
        or counters.labels_added
        or counters.labels_removed
    )


@dataclass
class StoredState:
    """What the graph holds for the pairs a batch touches (one `queries.STORED_STATE` row)."""

    pair_keys: list[str]
    articles: dict[str, ArticleFacts]
    reports: dict[str, tuple[str, dict[str, Any]]]
    """extraction claim id -> (graph claim id, REPORTED_IN properties)"""
    responses: dict[str, tuple[str, dict[str, Any], dict[str, Any]]]
    """response id -> (graph claim id, node properties, REPORTED_IN properties)"""
    claims: dict[str, dict[str, Any]]
    """claim id -> {id, digest, recorded_at}"""
    disputes: dict[str, dict[str, Any]]
    """pair key -> {dispute_id, digest, status_changes: [{id, digest}], declined_turns: [{id, digest}]}"""
    names: dict[str, str]
    kept_reports: list[ReportFact] = field(default_factory=list)
    kept_responses: list[ResponseFact] = field(default_factory=list)
    """the stored reports and responses that the batch does not replace (not in its articles)"""

    @classmethod
    def from_row(cls, row: Mapping[str, Any], batch_articles: set[str]) -> StoredState:
        state = cls(
            pair_keys=list(row["pair_keys"]),
            articles={item["article_id"]: ArticleFacts.from_row(item) for item in row["articles"]},
            reports={},
            responses={},
            claims={claim["id"]: claim for claim in row["claims"]},
            disputes={item["pair_key"]: item for item in row["disputes"]},
            names={item["id"]: item["name"] for item in row["names"]},
        )
        for item in row["reports"]:
            props = dict(item["report"])
            state.reports[props.pop("extraction_claim_id")] = (item["claim_id"], props)
            if item["article_id"] not in batch_articles:
                state.kept_reports.append(ReportFact.from_row(item))
        for item in row["responses"]:
            node = {key: value for key, value in item["response"].items() if key not in ("id", "recorded_at")}
            state.responses[item["response"]["id"]] = (node.pop("claim_id", ""), node, item["evidence"])
            if item["article_id"] not in batch_articles:
                state.kept_responses.append(ResponseFact.from_row(item))
        return state


def _same(computed: dict[str, Any], stored: dict[str, Any] | None) -> bool:
    """Whether the stored properties already equal the computed ones (unset equals None)."""
    if stored is None:
        return False
    return all(to_native(stored.get(key)) == value for key, value in computed.items())


def digest(values: Mapping[str, Any]) -> str:
    """A hash of computed properties, stored beside them: the next batch compares it, not each property."""
    return stable_id("digest", json.dumps(values, sort_keys=True, default=str), length=24)


def _new_digest(stored: Mapping[str, Any] | None, values: Mapping[str, Any]) -> str | None:
    """The digest of `values` when the stored one differs (the node must be written), else None."""
    hashed = digest(values)
    return None if stored is not None and stored.get("digest") == hashed else hashed


# --- Stable claim ids ------------------------------------------------------------------------------


def successors(clusters: Sequence[ClaimCluster], stored: StoredState) -> dict[str, str]:
    """Each stored claim that is no longer a claim -> the claim that took most of its reports (ties: lower id).

    A claim disappears when the recomputation gives its reports another id (an older report moved
    its episode's first date, or a report bridged two episodes): to a user it is the same claim.
    """
    live = {cluster.id for cluster in clusters}
    taken_by = {report.extraction_claim_id: cluster.id for cluster in clusters for report in cluster.reports}
    votes: dict[str, Counter[str]] = {}
    for extraction_claim_id, (old_id, _) in stored.reports.items():
        new_id = taken_by.get(extraction_claim_id)
        if old_id not in live and new_id is not None:
            votes.setdefault(old_id, Counter())[new_id] += 1
    return {old: min(tally, key=lambda new: (-tally[new], new)) for old, tally in votes.items()}


@dataclass
class AliasPlan:
    """The `ClaimAlias` writes of a batch, and the `recorded_at` a claim inherits from those it replaces."""

    repointed: list[dict[str, str]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    inherited: dict[str, datetime] = field(default_factory=dict)

    def writes(self) -> list[Write]:
        rows = {
            "repointed": self.repointed,
            "aliases": self.aliases,
            "orphaned": self.orphaned,
            "created": self.created,
        }
        return [Write(query, name, rows[name]) for query, name in queries.CLAIM_ALIAS_WRITES]


def plan_aliases(clusters: Sequence[ClaimCluster], stored: StoredState) -> AliasPlan:
    """A replaced claim's id (and every id it had replaced) names its successor; a new claim id is no alias.

    The successor, when it is new, is recorded when the earliest of the claims it replaces was.
    """
    live = {cluster.id for cluster in clusters}
    follow = successors(clusters, stored)
    plan = AliasPlan(created=sorted(live - set(stored.claims)))
    for claim_id in sorted(set(stored.claims) - live):
        successor = follow.get(claim_id)
        if successor is None:
            plan.orphaned.append(claim_id)
            continue
        recorded_at = moment(stored.claims[claim_id].get("recorded_at"))
        plan.repointed.append({"replaced_id": claim_id, "claim_id": successor})
        plan.aliases.append({"id": claim_id, "claim_id": successor, "recorded_at": wire_moment(recorded_at)})
        if successor not in stored.claims and recorded_at is not None:
            earliest = plan.inherited.get(successor)
            plan.inherited[successor] = recorded_at if earliest is None else min(earliest, recorded_at)
    return plan


# --- What the second (and third) statement writes -------------------------------------------------


@dataclass
class ClaimWrites:
    """The claim-side writes of a batch (rows only for what differs from the stored state), the
    alias writes (a statement of their own) and the batch's tally."""

    writes: list[Write]
    alias_writes: list[Write]
    result: BatchResult

    @property
    def empty(self) -> bool:
        return not any(write.rows for write in [*self.writes, *self.alias_writes])


def _claim_rows(
    clusters: Sequence[ClaimCluster], stored: StoredState, aliases: AliasPlan, min_confidence: float
) -> list[Write]:
    claims = []
    for cluster in clusters:
        props = cluster.properties(min_confidence)
        hashed = _new_digest(stored.claims.get(cluster.id), props)
        if hashed is not None:
            claims.append(
                {
                    "id": cluster.id,
                    "props": {**{k: v for k, v in props.items() if k != "first_reported_at"}, "digest": hashed},
                    "first_reported_at": wire_moment(props["first_reported_at"]),
                    "recorded_at": wire_moment(aliases.inherited.get(cluster.id)),
                }
            )
    reports, assigned = [], {}
    for cluster in clusters:
        for report in cluster.reports:
            assigned[report.extraction_claim_id] = cluster.id
            before = stored.reports.get(report.extraction_claim_id)
            props = report.edge_properties()
            if before is None or before[0] != cluster.id or not _same(props, before[1]):
                reports.append(
                    {
                        "claim_id": cluster.id,
                        "article_id": report.article.article_id,
                        "extraction_claim_id": report.extraction_claim_id,
                        "props": props,
                    }
                )
    moved = [
        {"claim_id": claim_id, "extraction_claim_id": ecid}
        for ecid, (claim_id, _) in sorted(stored.reports.items())
        if assigned.get(ecid) != claim_id
    ]
    gone = sorted(set(stored.claims) - {cluster.id for cluster in clusters})
    return [
        Write(queries.MERGE_CLAIMS, "claims", claims),
        Write(queries.MERGE_CLAIM_REPORTS, "reports", reports),
        Write(queries.DELETE_REPORTS, "moved_reports", moved),
        Write(queries.DELETE_CLAIMS, "gone_claims", gone),
    ]


def _response_rows(clusters: Sequence[ClaimCluster], stored: StoredState) -> list[Write]:
    rows = []
    for cluster in clusters:
        for response in cluster.responses:
            before = stored.responses.get(response.id)
            node, edge = response.node_properties(), response.edge_properties()
            if before is None or before[0] != cluster.id or not _same(node, before[1]) or not _same(edge, before[2]):
                rows.append(
                    {
                        "id": response.id,
                        "claim_id": cluster.id,
                        "props": {**node, "claim_id": cluster.id},
                        "evidence": edge,
                    }
                )
    kept = {response.id for cluster in clusters for response in cluster.responses}
    return [
        Write(queries.MERGE_RESPONSES, "responses", rows),
        Write(queries.DELETE_RESPONSES, "gone_responses", sorted(set(stored.responses) - kept)),
    ]


def _dispute_rows(disputes: Sequence[DisputeState], stored: StoredState, emptied: list[str]) -> list[Write]:
    rows, changes, stale, declined, stale_declined = [], [], [], [], []
    for dispute in disputes:
        before = stored.disputes.get(dispute.properties["pair_key"])
        hashed = _new_digest(before, {**dispute.properties, "claim_ids": dispute.claim_ids})
        if hashed is not None:
            rows.append(
                {"id": dispute.id, "props": {**dispute.properties, "digest": hashed}, "claim_ids": dispute.claim_ids}
            )
        old_changes = {change["id"]: change for change in (before or {}).get("status_changes", [])}
        for change_id, change in dispute.status_changes:
            if (hashed := _new_digest(old_changes.get(change_id), change)) is not None:
                changes.append({"id": change_id, "props": {**change, "digest": hashed}})
        stale += sorted(set(old_changes) - {change_id for change_id, _ in dispute.status_changes})
        old_declined = {turn["id"]: turn for turn in (before or {}).get("declined_turns", [])}
        for turn_id, turn in dispute.declined_turns:
            if (hashed := _new_digest(old_declined.get(turn_id), turn)) is not None:
                declined.append({"id": turn_id, "props": {**turn, "digest": hashed}})
        stale_declined += sorted(set(old_declined) - {turn_id for turn_id, _ in dispute.declined_turns})
    return [
        Write(queries.MERGE_DISPUTES, "disputes", rows),
        Write(queries.MERGE_STATUS_CHANGES, "status_changes", changes),
        Write(queries.DELETE_STATUS_CHANGES, "stale_status_changes", stale),
        Write(queries.MERGE_DECLINED_TURNS, "declined_turns", declined),
        Write(queries.DELETE_DECLINED_TURNS, "stale_declined_turns", stale_declined),
        Write(queries.DELETE_EMPTY_DISPUTES, "emptied_disputes", emptied),
    ]


def _tally(
    batch: PreparedBatch,
    reports: Sequence[ReportFact],
    responses: Sequence[ResponseFact],
    clusters: Sequence[ClaimCluster],
    disputes: Sequence[DisputeState],
    stored: StoredState,
    replacing: set[str],
) -> BatchResult:
    """The batch's counts; a claim that replaces stored ones is not new, and its new reports are merged."""
    known = set(stored.claims) | replacing
    batch_claim_ids = {report.extraction_claim_id for report in reports}
    result = BatchResult(
        extractions=len(batch.extractions),
        articles=len(batch.articles),
        entities=len(batch.entities),
        reports=len(reports),
        responses=len(responses),
        claims_new=sum(1 for cluster in clusters if cluster.id not in known),
        reports_merged=sum(
            1
            for cluster in clusters
            if cluster.id in known
            for report in cluster.reports
            if report.extraction_claim_id in batch_claim_ids
        ),
    )
    for dispute in disputes:
        before = stored.disputes.get(dispute.properties["pair_key"])
        if before is None:
            result.disputes_new += 1
        elif sorted(change["id"] for change in before["status_changes"]) != sorted(
            i for i, _ in dispute.status_changes
        ):
            result.disputes_changed += 1
    return result


def plan_claim_writes(
    batch: PreparedBatch,
    state_row: Mapping[str, Any],
    window_days: int,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    *,
    restore: str | None = None,
) -> ClaimWrites:
    """From the stored state and the batch: the claims, responses and disputes to write (pure Python).

    `restore`: an entity id whose merge was undone; stored reports extracted with it get it back."""
    stored = StoredState.from_row(state_row, set(batch.article_ids))
    if restore is not None:
        stored.kept_reports = [restored(report, restore) for report in stored.kept_reports]
    batch_reports, batch_responses = batch_facts(batch, stored.articles)
    clusters = cluster_reports([*stored.kept_reports, *batch_reports], window_days)
    for orphan in attach_responses(clusters, [*stored.kept_responses, *batch_responses]):
        logger.warning("response %s answers no known claim (%s); not written", orphan.id, orphan.extraction_claim_id)
    by_pair: dict[str, list[ClaimCluster]] = {}
    for cluster in clusters:
        by_pair.setdefault(cluster.sample.pair_key, []).append(cluster)
    disputes = [compute_dispute(by_pair[key], stored.names, min_confidence) for key in sorted(by_pair)]
    emptied = [
        stored.disputes[key]["dispute_id"] for key in stored.pair_keys if key not in by_pair and key in stored.disputes
    ]
    aliases = plan_aliases(clusters, stored)
    writes = [
        *_claim_rows(clusters, stored, aliases, min_confidence),
        *_response_rows(clusters, stored),
        *_dispute_rows(disputes, stored, emptied),
    ]
    replacing = {row["claim_id"] for row in aliases.aliases}
    result = _tally(batch, batch_reports, batch_responses, clusters, disputes, stored, replacing)
    return ClaimWrites(writes, aliases.writes(), result)


def bump_write(changed: bool) -> Write:
    return Write(queries.BUMP_GRAPH_VERSION, "bump", [{}] if changed else [])


# --- The transaction ---------------------------------------------------------------------------------


def _name_query(name: str) -> str:
    """A fulltext query for every word of a name's key (words only: nothing Lucene would parse)."""
    return " AND ".join(name_key(name).split())


def resolve_batch_tx(tx: ManagedTransaction, batch: PreparedBatch, now: str) -> PreparedBatch:
    """The batch with names outside the knowledge base resolved against the graph (`graph.resolution`);
    new merges are recorded as `EntityMerge` nodes in the same transaction."""
    entities = batch_entities(batch.extractions)
    names = lookup_names(entities)
    if not names:
        return batch
    row = tx.run(
        queries.in_one_statement([queries.LOCK_GRAPH_WRITES], queries.RESOLUTION_STATE),
        queries.batch_parameters(
            {"lock": [{}], "entity_ids": sorted(entities), "name_queries": sorted({_name_query(n) for n in names})}
        ),
    ).single(strict=True)
    stored = [
        Known(item["id"], item["name"], item["type"], bool(item["in_kb"]), tuple(item["aliases"] or ()), stored=True)
        for item in row["found"]
    ]
    recorded = {item["id"]: item["into"] for item in row["merges"] if not item["refused"]}
    refused = [(item["id"], item["into"]) for item in row["merges"] if item["refused"]]
    resolution = resolve(batch.extractions, stored, recorded, refused)
    if not resolution.merges:
        return batch
    new_merges = [merge.row() for merge in resolution.merges.values() if merge.reason != "recorded"]
    if new_merges:
        logger.info("entity resolution: %s", ", ".join(f"{m['id']} -> {m['into']}" for m in new_merges))
        tx.run(
            queries.in_one_statement([queries.MERGE_ENTITY_MERGES], queries.DONE),
            queries.batch_parameters({"entity_merges": new_merges, "now": now}),
        ).consume()
    known = {**entities, **{item.id: item for item in stored}}
    extracted = {
        claim.id: (claim.accuser.id, claim.accused.id)
        for extraction in batch.extractions
        for claim in extraction.claims
    }
    return prepare_batch([apply(extraction, resolution, known) for extraction in batch.extractions], extracted)


def write_batch_tx(
    tx: ManagedTransaction, batch: PreparedBatch, window_days: int, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> BatchResult:
    """The transaction function of one batch (re-runnable: it keeps no state outside `tx`)."""
    now = datetime.now(UTC).isoformat()
    batch = resolve_batch_tx(tx, batch, now)
    article_writes = batch.article_writes()
    first = tx.run(
        queries.in_one_statement([write.query for write in article_writes], queries.STORED_STATE),
        queries.batch_parameters({**parameters(article_writes), **batch.state_parameters()}),
    )
    state_row = first.single(strict=True)
    articles_changed = shape_changed(first.consume().counters)
    planned = plan_claim_writes(batch, state_row, window_days, min_confidence)
    return _write_planned(tx, planned, articles_changed, now)


def _write_planned(tx: ManagedTransaction, planned: ClaimWrites, articles_changed: bool, now: str) -> BatchResult:
    """The claim side of a batch: what differs, then the claim aliases (see the module doc)."""
    result = planned.result
    result.changed = articles_changed or not planned.empty
    if result.changed:
        writes = [*planned.writes, bump_write(True)]
        second = tx.run(
            queries.in_one_statement([write.query for write in writes], queries.GRAPH_VERSION_NUMBER),
            queries.batch_parameters({**parameters(writes), "now": now}),
        )
        result.version = second.single(strict=True)["version"]
    if any(write.rows for write in planned.alias_writes):
        writes = planned.alias_writes
        tx.run(
            queries.in_one_statement([write.query for write in writes], queries.DONE),
            queries.batch_parameters(parameters(writes)),
        ).consume()
    return result


def restored(report: ReportFact, entity_id: str) -> ReportFact:
    """A stored report with `entity_id` given back the parties it was extracted with."""
    changes: dict[str, str] = {}
    if report.accuser_as == entity_id:
        changes.update(accuser_id=entity_id, accuser_as="")
    if report.accused_as == entity_id:
        changes.update(accused_id=entity_id, accused_as="")
    return replace(report, **changes) if changes else report


def unmerge_tx(
    tx: ManagedTransaction, merged_id: str, window_days: int, min_confidence: float
) -> tuple[dict[str, Any], BatchResult]:
    """Undo one merge: refuse it for good, give the name its entity back, and recompute the pairs of the
    entity it was merged into, so its reports return to claims and disputes of their own."""
    now = datetime.now(UTC).isoformat()
    lock = queries.in_one_statement([queries.LOCK_GRAPH_WRITES], queries.DONE)
    tx.run(lock, queries.batch_parameters({"lock": [{}]})).consume()
    merge = tx.run(queries.REFUSE_MERGE, id=merged_id, now=now).single()
    if merge is None:
        raise InputError(f"no entity merge recorded for {merged_id!r}: `claimgraph entities merges` lists them")
    record = dict(merge["merge"])
    pair_keys = tx.run(queries.ENTITY_PAIR_KEYS, id=record["into"]).single(strict=True)["pair_keys"]
    batch = PreparedBatch(
        extractions=[],
        entities=[{"id": merged_id, "name": record["name"], "type": record["type"], "in_kb": False, "aliases": []}],
    )
    article_writes = batch.article_writes()
    state = {"article_ids": [], "pair_keys": sorted(pair_keys), "party_ids": [record["into"], merged_id]}
    first = tx.run(
        queries.in_one_statement([write.query for write in article_writes], queries.STORED_STATE),
        queries.batch_parameters({**parameters(article_writes), **state}),
    )
    state_row = first.single(strict=True)
    first.consume()
    planned = plan_claim_writes(batch, state_row, window_days, min_confidence, restore=merged_id)
    return record, _write_planned(tx, planned, True, now)


def unmerge_entity(
    driver: Driver,
    merged_id: str,
    *,
    window_days: int = 30,
    status_min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    database: str | None = None,
) -> dict[str, Any]:
    """Undo the merge of `merged_id` (see `graph.resolution`); returns the merge record."""
    ensure_schema(driver, database=database)

    def failed(error: Neo4jError) -> GraphWriteError:
        return GraphWriteError(f"undoing the merge of {merged_id!r} failed: {error.code}: {error.message}")

    with neo4j_errors(database, "nothing was undone", failed), driver.session(database=database) as session:
        record, _ = session.execute_write(unmerge_tx, merged_id, window_days, status_min_confidence)
        return record


def write_extractions(
    driver: Driver,
    extractions: Sequence[Extraction],
    *,
    window_days: int = 30,
    status_min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    database: str | None = None,
) -> BatchResult:
    """Write one batch of extractions in one transaction (all of it, or nothing).

    `status_min_confidence`: an extraction at least this confident turns a dispute's status on its
    own (see `graph.lifecycle`)."""
    for extraction in extractions:
        check_extraction(extraction)
    if not extractions:
        return BatchResult()
    ensure_schema(driver, database=database)
    batch = prepare_batch(extractions)
    with (
        neo4j_errors(database, "the batch was not written", lambda error: _write_error(batch, error)),
        driver.session(database=database) as session,
    ):
        return session.execute_write(write_batch_tx, batch, window_days, status_min_confidence)


def _write_error(batch: PreparedBatch, error: Neo4jError) -> GraphWriteError:
    first = batch.article_ids[0] if batch.article_ids else "?"
    return GraphWriteError(
        f"writing a batch of {len(batch.extractions)} extractions (first article {first}) failed: "
        f"{error.code}: {error.message}"
    )


def ingest(
    driver: Driver,
    extractions: Iterable[Extraction],
    *,
    batch_size: int = 200,
    window_days: int = 30,
    status_min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    database: str | None = None,
) -> BatchResult:
    """Write extractions in batches of `batch_size`, each batch one transaction; return the totals.

    The first refused batch raises (no isolation): callers that must refuse single records and go
    on give the stage driver an `on_refused`, as `claimgraph ingest` does.
    """
    total = BatchResult()
    stage: StageDriver[Extraction, BatchResult] = StageDriver(
        lambda batch: write_extractions(
            driver, batch, window_days=window_days, status_min_confidence=status_min_confidence, database=database
        ),
        batch_size=batch_size,
        on_batch=lambda items, result: total.add(result),
        refusable=(),
    )
    stage.run(Item(str(number), extraction) for number, extraction in enumerate(extractions, start=1))
    return total
