"""The write path: a batch of Extraction records into the graph as ONE managed transaction.

Each batch first MERGEs its sources, articles, entities, mentions and knowledge-base relations,
then recomputes the claims and disputes of every pair of parties the batch touches from all of
their reports (those already stored and the batch's own), and writes the result: new claims
and reports MERGEd, superseded ones deleted. The transaction function only reads and writes
through `tx`, so the driver can retry it whole on a transient error; a failure leaves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from claimgraph.exceptions import GraphUnavailableError, GraphWriteError
from claimgraph.records import Extraction
from graph import queries
from graph.batch import PreparedBatch, batch_facts, check_extraction, prepare_batch
from graph.disputes import DisputeState, compute_dispute
from graph.facts import ArticleFacts, ReportFact, ResponseFact, to_native
from graph.merging import ClaimCluster, attach_responses, cluster_reports
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


def _nothing_to_unwind(parameters: dict[str, Any]) -> bool:
    """Every batched statement UNWINDs a list: when a list parameter is empty, it would do nothing."""
    return any(isinstance(value, list) and not value for value in parameters.values())


class _Counter:
    """Runs statements in one transaction and remembers whether any changed the graph's shape.

    Statements with nothing to UNWIND are not sent: each round trip costs more than most rows.
    """

    def __init__(self, tx: ManagedTransaction):
        self.tx = tx
        self.changed = False

    def write(self, query: str, **parameters: Any) -> None:
        if _nothing_to_unwind(parameters):
            return
        counters = self.tx.run(query, **parameters).consume().counters
        if (
            counters.nodes_created
            or counters.nodes_deleted
            or counters.relationships_created
            or counters.relationships_deleted
            or counters.labels_added
            or counters.labels_removed
        ):
            self.changed = True

    def read(self, query: str, **parameters: Any) -> list[dict[str, Any]]:
        if _nothing_to_unwind(parameters):
            return []
        return [record.data() for record in self.tx.run(query, **parameters)]


def _write_entities_and_articles(run: _Counter, batch: PreparedBatch) -> dict[str, ArticleFacts]:
    run.write(queries.MERGE_SOURCES, rows=batch.sources)
    run.write(queries.MERGE_ARTICLES, rows=batch.articles)
    run.write(queries.LINK_COPIES, ids=batch.article_ids)
    run.write(queries.merge_entities(), rows=batch.entities)
    run.write(queries.REPLACE_MENTIONS, rows=batch.mentions)
    for predicate, rows in batch.relations.items():
        run.write(queries.merge_relation(predicate), rows=rows)
    facts = run.read(queries.ARTICLE_FACTS, ids=batch.article_ids)
    return {row["article_id"]: ArticleFacts.from_row(row) for row in facts}


@dataclass
class _Stored:
    """What the graph holds for the pairs a batch touches, so that only what changes is written."""

    reports: dict[str, tuple[str, dict[str, Any]]]
    """extraction claim id -> (graph claim id, REPORTED_IN properties)"""
    responses: dict[str, tuple[str, dict[str, Any], dict[str, Any]]]
    """response id -> (graph claim id, node properties, REPORTED_IN properties)"""
    claims: dict[str, dict[str, Any]]
    disputes: dict[str, dict[str, Any]]
    """pair key -> the EXISTING_PAIR_STATE row of its dispute"""


def _same(computed: dict[str, Any], stored: dict[str, Any] | None) -> bool:
    """Whether the stored properties already equal the computed ones (unset equals None)."""
    if stored is None:
        return False
    return all(to_native(stored.get(key)) == value for key, value in computed.items())


def _read_stored(run: _Counter, pair_keys: list[str], batch_articles: set[str]) -> tuple[_Stored, list, list]:
    """The stored state, and the stored reports and responses that the batch does not replace."""
    kept_reports, kept_responses = [], []
    reports: dict[str, tuple[str, dict[str, Any]]] = {}
    for row in run.read(queries.PAIR_REPORTS, pair_keys=pair_keys):
        props = dict(row["report"])
        reports[props.pop("extraction_claim_id")] = (row["claim_id"], props)
        if row["article_id"] not in batch_articles:
            kept_reports.append(ReportFact.from_row(row))
    responses: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {}
    for row in run.read(queries.PAIR_RESPONSES, pair_keys=pair_keys):
        node = {key: value for key, value in row["response"].items() if key not in ("id", "recorded_at")}
        responses[row["response"]["id"]] = (node.pop("claim_id", ""), node, row["evidence"])
        if row["article_id"] not in batch_articles:
            kept_responses.append(ResponseFact.from_row(row))
    claims: dict[str, dict[str, Any]] = {}
    disputes: dict[str, dict[str, Any]] = {}
    for row in run.read(queries.EXISTING_PAIR_STATE, pair_keys=pair_keys):
        claims.update({claim["id"]: claim for claim in row["claims"]})
        if row["dispute_id"]:
            disputes[row["pair_key"]] = row
    return _Stored(reports, responses, claims, disputes), kept_reports, kept_responses


def _write_claims(run: _Counter, clusters: Sequence[ClaimCluster], stored: _Stored, now: str) -> bool:
    """Write the claims and reports that changed, delete those that no longer exist."""
    changed_claims = [
        {"id": cluster.id, "props": props}
        for cluster in clusters
        if not _same(props := cluster.properties(), stored.claims.get(cluster.id))
    ]
    run.write(queries.MERGE_CLAIMS, rows=changed_claims, now=now)
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
    run.write(queries.MERGE_CLAIM_REPORTS, rows=reports)
    moved = [
        {"claim_id": claim_id, "extraction_claim_id": ecid}
        for ecid, (claim_id, _) in sorted(stored.reports.items())
        if assigned.get(ecid) != claim_id
    ]
    run.write(queries.DELETE_REPORTS, rows=moved)
    gone = sorted(set(stored.claims) - {cluster.id for cluster in clusters})
    run.write(queries.DELETE_CLAIMS, ids=gone)
    return bool(changed_claims or reports or moved or gone)


def _write_responses(run: _Counter, clusters: Sequence[ClaimCluster], stored: _Stored, now: str) -> bool:
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
    run.write(queries.MERGE_RESPONSES, rows=rows, now=now)
    kept = {response.id for cluster in clusters for response in cluster.responses}
    gone = sorted(set(stored.responses) - kept)
    run.write(queries.DELETE_RESPONSES, ids=gone)
    return bool(rows or gone)


def _write_disputes(
    run: _Counter, disputes: Sequence[DisputeState], stored: _Stored, gone: list[str], now: str
) -> bool:
    rows, changes, stale = [], [], []
    for dispute in disputes:
        before = stored.disputes.get(dispute.properties["pair_key"])
        if (
            before is None
            or before["dispute_claim_ids"] != dispute.claim_ids
            or not _same(dispute.properties, before["dispute"])
        ):
            rows.append({"id": dispute.id, "props": dispute.properties, "claim_ids": dispute.claim_ids})
        old_changes = {change["id"]: change for change in (before or {}).get("status_changes", [])}
        for change_id, props in dispute.status_changes:
            if not _same(props, old_changes.get(change_id)):
                changes.append({"id": change_id, "props": props})
        stale += sorted(set(old_changes) - {change_id for change_id, _ in dispute.status_changes})
    run.write(queries.MERGE_DISPUTES, rows=rows, now=now)
    run.write(queries.MERGE_STATUS_CHANGES, rows=changes, now=now)
    run.write(queries.DELETE_STATUS_CHANGES, ids=stale)
    run.write(queries.DELETE_EMPTY_DISPUTES, dispute_ids=gone)
    return bool(rows or changes or stale or gone)


def write_batch_tx(tx: ManagedTransaction, batch: PreparedBatch, window_days: int) -> BatchResult:
    """The transaction function of one batch (re-runnable: it keeps no state outside `tx`)."""
    now = datetime.now(UTC).isoformat()
    run = _Counter(tx)
    tx.run(queries.LOCK_GRAPH_WRITES).consume()
    articles = _write_entities_and_articles(run, batch)
    batch_reports, batch_responses = batch_facts(batch, articles)
    pairs = {report.pair_key for report in batch_reports}
    pairs |= {row["pair_key"] for row in run.read(queries.PAIRS_REPORTED_IN_ARTICLES, ids=batch.article_ids)}
    pair_keys = sorted(pairs)
    stored, kept_reports, kept_responses = _read_stored(run, pair_keys, set(batch.article_ids))
    clusters = cluster_reports([*kept_reports, *batch_reports], window_days)
    for orphan in attach_responses(clusters, [*kept_responses, *batch_responses]):
        logger.warning("response %s answers no known claim (%s); not written", orphan.id, orphan.extraction_claim_id)
    party_ids = sorted({pid for c in clusters for pid in (c.sample.accuser_id, c.sample.accused_id)})
    names = {row["id"]: row["name"] for row in run.read(queries.ENTITY_NAMES, ids=party_ids)}
    by_pair: dict[str, list[ClaimCluster]] = {}
    for cluster in clusters:
        by_pair.setdefault(cluster.sample.pair_key, []).append(cluster)
    disputes = [compute_dispute(by_pair[key], names) for key in sorted(by_pair)]
    gone = [stored.disputes[key]["dispute_id"] for key in pair_keys if key not in by_pair and key in stored.disputes]

    wrote_claims = _write_claims(run, clusters, stored, now)
    wrote_responses = _write_responses(run, clusters, stored, now)
    wrote_disputes = _write_disputes(run, disputes, stored, gone, now)

    batch_claim_ids = {report.extraction_claim_id for report in batch_reports}
    result = BatchResult(
        extractions=len(batch.extractions),
        articles=len(batch.articles),
        entities=len(batch.entities),
        reports=len(batch_reports),
        responses=len(batch_responses),
        claims_new=sum(1 for cluster in clusters if cluster.id not in stored.claims),
        reports_merged=sum(
            1
            for cluster in clusters
            if cluster.id in stored.claims
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
    result.changed = run.changed or wrote_claims or wrote_responses or wrote_disputes
    if result.changed:
        result.version = run.read(queries.BUMP_GRAPH_VERSION, now=now)[0]["version"]
    return result


def write_extractions(
    driver: Driver, extractions: Sequence[Extraction], *, window_days: int = 30, database: str | None = None
) -> BatchResult:
    """Write one batch of extractions in one transaction (all of it, or nothing)."""
    for extraction in extractions:
        check_extraction(extraction)
    if not extractions:
        return BatchResult()
    ensure_schema(driver, database=database)
    batch = prepare_batch(extractions)
    try:
        with driver.session(database=database) as session:
            session.execute_write(lambda tx: tx.run(queries.ENSURE_GRAPH_META).consume())
            return session.execute_write(write_batch_tx, batch, window_days)
    except AuthError as error:
        raise GraphUnavailableError(f"Neo4j refused the credentials: {error.message}") from error
    except (ServiceUnavailable, SessionExpired, DatabaseUnavailable) as error:
        raise GraphUnavailableError(f"Neo4j is not reachable (the batch was not written): {error}") from error
    except Neo4jError as error:
        first = batch.article_ids[0] if batch.article_ids else "?"
        raise GraphWriteError(
            f"writing a batch of {len(batch.extractions)} extractions (first article {first}) failed: "
            f"{error.code}: {error.message}"
        ) from error


def ingest(
    driver: Driver,
    extractions: Iterable[Extraction],
    *,
    batch_size: int = 200,
    window_days: int = 30,
    database: str | None = None,
) -> BatchResult:
    """Write extractions in batches of `batch_size`, each batch one transaction; return the totals."""
    total = BatchResult()
    pending: list[Extraction] = []
    for extraction in extractions:
        pending.append(extraction)
        if len(pending) >= batch_size:
            total.add(write_extractions(driver, pending, window_days=window_days, database=database))
            pending = []
    if pending:
        total.add(write_extractions(driver, pending, window_days=window_days, database=database))
    return total
