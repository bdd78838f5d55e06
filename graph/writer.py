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
from dataclasses import dataclass, field
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

from claimgraph.exceptions import GraphUnavailableError, GraphWriteError, InputError
from claimgraph.records import Entity, EntityRef, Extraction
from graph import queries
from graph.disputes import DisputeState, compute_dispute
from graph.facts import ArticleFacts, ReportFact, ResponseFact
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


def check_extraction(extraction: Extraction) -> None:
    """Refuse an extraction whose evidence points at another article (InputError says which)."""
    article = extraction.article.id
    for item in [*extraction.claims, *extraction.responses]:
        if item.evidence.article_id != article:
            raise InputError(
                f"{type(item).__name__.lower()} {item.id} cites article {item.evidence.article_id}, "
                f"but this extraction is of article {article}"
            )


@dataclass
class PreparedBatch:
    """A batch of extractions as query parameters (pure data, built before the transaction)."""

    extractions: list[Extraction]
    sources: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [extraction.article.id for extraction in self.extractions]


def _entity_row(entity: EntityRef) -> dict[str, Any]:
    full = isinstance(entity, Entity)
    aliases = sorted(set(entity.aliases)) if full else []
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "in_kb": entity.in_kb if full else False,
        "aliases": aliases,
    }


def _merge_entity_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per entity id: the knowledge-base (then alphabetically first) name wins; names become aliases."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        current = merged.get(row["id"])
        if current is None:
            merged[row["id"]] = dict(row)
            continue
        names = {current["name"], row["name"]}
        winner = min((current, row), key=lambda item: (not item["in_kb"], item["name"]))
        aliases = set(current["aliases"]) | set(row["aliases"]) | (names - {winner["name"]})
        merged[row["id"]] = {
            **winner,
            "in_kb": current["in_kb"] or row["in_kb"],
            "aliases": sorted(aliases),
        }
    return [merged[key] for key in sorted(merged)]


def prepare_batch(extractions: Sequence[Extraction]) -> PreparedBatch:
    """Query parameters for a batch; a later extraction of the same article replaces an earlier one."""
    latest = {extraction.article.id: extraction for extraction in extractions}
    batch = PreparedBatch(extractions=list(latest.values()))
    sources: dict[str, dict[str, Any]] = {}
    entity_rows: list[dict[str, Any]] = []
    relations: dict[str, set[tuple[str, str]]] = {name: set() for name in queries.RELATION_PREDICATES}
    for extraction in batch.extractions:
        article = extraction.article
        sources[article.source.id] = article.source.model_dump(mode="json")
        batch.articles.append(
            {
                "id": article.id,
                "source_id": article.source.id,
                "props": {
                    "url": article.url,
                    "canonical_url": article.canonical_url,
                    "title": article.title,
                    "published_at": article.published_at,
                    "date_source": article.date_source.value,
                    "fetched_at": article.fetched_at,
                    "language": article.language,
                    "authors": article.authors,
                    "content_hash": article.content_hash,
                    "copy_of": article.copy_of,
                },
            }
        )
        entity_rows.extend(_entity_row(entity) for entity in extraction.entities)
        for claim in extraction.claims:
            entity_rows.extend(_entity_row(ref) for ref in (claim.accuser, claim.accused, claim.object) if ref)
        entity_rows.extend(_entity_row(response.responder) for response in extraction.responses)
        for relation in extraction.relations:
            entity_rows.extend((_entity_row(relation.subject), _entity_row(relation.object)))
            relations[relation.predicate].add((relation.subject.id, relation.object.id))
        counts: dict[str, int] = {}
        for entity in extraction.entities:
            counts[entity.id] = counts.get(entity.id, 0) + len(entity.mentions)
        batch.mentions.append(
            {"article_id": article.id, "mentions": [{"entity_id": k, "count": v} for k, v in sorted(counts.items())]}
        )
    batch.sources = [sources[key] for key in sorted(sources)]
    batch.entities = _merge_entity_rows(entity_rows)
    batch.relations = {
        name: [{"subject_id": subject, "object_id": obj} for subject, obj in sorted(pairs)]
        for name, pairs in relations.items()
        if pairs
    }
    return batch


def _batch_facts(
    batch: PreparedBatch, articles: dict[str, ArticleFacts]
) -> tuple[list[ReportFact], list[ResponseFact]]:
    reports: list[ReportFact] = []
    responses: list[ResponseFact] = []
    for extraction in batch.extractions:
        article = articles[extraction.article.id]
        for claim in extraction.claims:
            reports.append(
                ReportFact(
                    extraction_claim_id=claim.id,
                    accuser_id=claim.accuser.id,
                    accused_id=claim.accused.id,
                    category=claim.category.value,
                    object_id=claim.object.id if claim.object else None,
                    allegation=claim.allegation,
                    status=claim.status.value,
                    claim_date=claim.claim_date,
                    sentence=claim.evidence.sentence,
                    start=claim.evidence.start,
                    end=claim.evidence.end,
                    confidence=claim.confidence,
                    article=article,
                )
            )
        for response in extraction.responses:
            responses.append(
                ResponseFact(
                    id=response.id,
                    extraction_claim_id=response.claim_id,
                    responder_id=response.responder.id,
                    kind=response.kind.value,
                    response_date=response.response_date,
                    sentence=response.evidence.sentence,
                    start=response.evidence.start,
                    end=response.evidence.end,
                    article=article,
                )
            )
    return reports, responses


class _Counter:
    """Runs statements in one transaction and remembers whether any changed the graph's shape."""

    def __init__(self, tx: ManagedTransaction):
        self.tx = tx
        self.changed = False

    def write(self, query: str, **parameters: Any) -> None:
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


def _write_claims(run: _Counter, clusters: Sequence[ClaimCluster], pair_keys: list[str], now: str) -> None:
    run.write(
        queries.MERGE_CLAIMS, rows=[{"id": cluster.id, "props": cluster.properties()} for cluster in clusters], now=now
    )
    reports = [
        {
            "claim_id": cluster.id,
            "article_id": report.article.article_id,
            "extraction_claim_id": report.extraction_claim_id,
            "props": report.edge_properties(),
        }
        for cluster in clusters
        for report in cluster.reports
    ]
    run.write(queries.MERGE_CLAIM_REPORTS, rows=reports)
    keep = [f"{row['claim_id']}|{row['extraction_claim_id']}" for row in reports]
    run.write(queries.DELETE_STALE_REPORTS, pair_keys=pair_keys, keep=keep)
    run.write(queries.DELETE_STALE_CLAIMS, pair_keys=pair_keys, keep=[cluster.id for cluster in clusters])


def _write_responses(
    run: _Counter, clusters: Sequence[ClaimCluster], batch: PreparedBatch, batch_ids: list[str], now: str
) -> None:
    run.write(queries.DELETE_STALE_RESPONSES, article_ids=batch.article_ids, keep=batch_ids)
    rows = [
        {
            "id": response.id,
            "claim_id": cluster.id,
            "props": {**response.node_properties(), "claim_id": cluster.id},
            "evidence": response.edge_properties(),
        }
        for cluster in clusters
        for response in cluster.responses
    ]
    run.write(queries.MERGE_RESPONSES, rows=rows, now=now)


def _write_disputes(run: _Counter, disputes: Sequence[DisputeState], gone: list[str], now: str) -> None:
    run.write(
        queries.MERGE_DISPUTES,
        rows=[{"id": d.id, "props": d.properties, "claim_ids": d.claim_ids} for d in disputes],
        now=now,
    )
    changes = [{"id": change_id, "props": props} for d in disputes for change_id, props in d.status_changes]
    run.write(queries.MERGE_STATUS_CHANGES, rows=changes, now=now)
    run.write(
        queries.DELETE_STALE_STATUS_CHANGES,
        dispute_ids=[d.id for d in disputes] + gone,
        keep=[row["id"] for row in changes],
    )
    run.write(queries.DELETE_EMPTY_DISPUTES, dispute_ids=gone)


def write_batch_tx(tx: ManagedTransaction, batch: PreparedBatch, window_days: int) -> BatchResult:
    """The transaction function of one batch (re-runnable: it keeps no state outside `tx`)."""
    now = datetime.now(UTC).isoformat()
    run = _Counter(tx)
    articles = _write_entities_and_articles(run, batch)
    batch_reports, batch_responses = _batch_facts(batch, articles)
    pairs = {report.pair_key for report in batch_reports}
    pairs |= {row["pair_key"] for row in run.read(queries.PAIRS_REPORTED_IN_ARTICLES, ids=batch.article_ids)}
    pair_keys = sorted(pairs)
    stored_reports = [
        ReportFact.from_row(row)
        for row in run.read(queries.PAIR_REPORTS, pair_keys=pair_keys, exclude_article_ids=batch.article_ids)
    ]
    stored_responses = [
        ResponseFact.from_row(row)
        for row in run.read(queries.PAIR_RESPONSES, pair_keys=pair_keys, exclude_article_ids=batch.article_ids)
    ]
    before = {row["pair_key"]: row for row in run.read(queries.EXISTING_PAIR_STATE, pair_keys=pair_keys)}
    clusters = cluster_reports([*stored_reports, *batch_reports], window_days)
    orphans = attach_responses(clusters, [*stored_responses, *batch_responses])
    for orphan in orphans:
        logger.warning("response %s answers no known claim (%s); not written", orphan.id, orphan.extraction_claim_id)
    party_ids = sorted({pid for c in clusters for pid in (c.sample.accuser_id, c.sample.accused_id)})
    names = {row["id"]: row["name"] for row in run.read(queries.ENTITY_NAMES, ids=party_ids)}
    by_pair: dict[str, list[ClaimCluster]] = {}
    for cluster in clusters:
        by_pair.setdefault(cluster.sample.pair_key, []).append(cluster)
    disputes = [compute_dispute(by_pair[key], names) for key in sorted(by_pair)]
    gone = [before[key]["dispute_id"] for key in pair_keys if key not in by_pair and before[key]["dispute_id"]]

    _write_claims(run, clusters, pair_keys, now)
    _write_responses(run, clusters, batch, [response.id for response in batch_responses], now)
    _write_disputes(run, disputes, gone, now)

    previous_claims = {claim_id for row in before.values() for claim_id in row["claim_ids"]}
    batch_claim_ids = {report.extraction_claim_id for report in batch_reports}
    result = BatchResult(
        extractions=len(batch.extractions),
        articles=len(batch.articles),
        entities=len(batch.entities),
        reports=len(batch_reports),
        responses=len(batch_responses),
        claims_new=sum(1 for cluster in clusters if cluster.id not in previous_claims),
        reports_merged=sum(
            1
            for cluster in clusters
            if cluster.id in previous_claims
            for report in cluster.reports
            if report.extraction_claim_id in batch_claim_ids
        ),
    )
    for dispute in disputes:
        prior = before.get(dispute.properties["pair_key"])
        if prior is None or prior["dispute_id"] is None:
            result.disputes_new += 1
        elif prior["status_change_ids"] != sorted(change_id for change_id, _ in dispute.status_changes):
            result.disputes_changed += 1
    result.changed = run.changed or bool(gone)
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
