"""A batch of Extraction records as query parameters, and the facts the claim rules work on.

Pure data, built before the transaction: entity rows merged per id (order-independently),
article rows, mentions, knowledge-base relations, and each claim and response as a fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimgraph.exceptions import InputError
from claimgraph.records import Entity, EntityRef, Extraction
from graph import queries
from graph.facts import ArticleFacts, ReportFact, ResponseFact, pair_key, wire_moment


def check_extraction(extraction: Extraction) -> None:
    """Refuse an extraction whose evidence points at another article (InputError says which)."""
    article = extraction.article.id
    for item in [*extraction.claims, *extraction.responses]:
        if item.evidence.article_id != article:
            raise InputError(
                f"{type(item).__name__.lower()} {item.id} cites article {item.evidence.article_id}, "
                f"but this extraction is of article {article}"
            )


@dataclass(frozen=True)
class Write:
    """One batched write: a `UNWIND $<parameter> AS row ...` statement and its rows."""

    query: str
    parameter: str
    rows: list[Any]


def parameters(writes: Iterable[Write]) -> dict[str, list[Any]]:
    return {write.parameter: write.rows for write in writes}


def _as_extracted(accuser: str, accused: str, extracted: tuple[str, str] | None) -> dict[str, str]:
    """The parties' ids as extracted, where entity resolution changed them."""
    if extracted is None:
        return {}
    return {
        "accuser_as": extracted[0] if extracted[0] != accuser else "",
        "accused_as": extracted[1] if extracted[1] != accused else "",
    }


@dataclass
class PreparedBatch:
    """A batch of extractions as query parameters (pure data, built before the transaction)."""

    extractions: list[Extraction]
    extracted_parties: dict[str, tuple[str, str]] = field(default_factory=dict)
    """extraction claim id -> (accuser id, accused id) as extracted, before entity resolution"""
    sources: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [extraction.article.id for extraction in self.extractions]

    def article_writes(self) -> list[Write]:
        """The lock, then sources, articles, copies, entities, mentions and relations: always the same
        writes in the same order (some with no rows), so that their statement keeps one text."""
        return [
            Write(queries.LOCK_GRAPH_WRITES, "lock", [{}]),
            Write(queries.MERGE_SOURCES, "sources", self.sources),
            Write(queries.MERGE_ARTICLES, "articles", self.articles),
            Write(queries.LINK_COPIES, "article_ids", self.article_ids),
            Write(queries.merge_entities(), "entities", self.entities),
            Write(queries.REPLACE_MENTIONS, "mentions", self.mentions),
            *(
                Write(queries.merge_relation(name), queries.relation_parameter(name), self.relations.get(name, []))
                for name in queries.RELATION_PREDICATES
            ),
        ]

    def state_parameters(self) -> dict[str, list[str]]:
        """What `queries.STORED_STATE` needs: the batch's articles, pairs of parties and parties."""
        claims = [claim for extraction in self.extractions for claim in extraction.claims]
        return {
            "article_ids": self.article_ids,
            "pair_keys": sorted({pair_key(claim.accuser.id, claim.accused.id) for claim in claims}),
            "party_ids": sorted({party.id for claim in claims for party in (claim.accuser, claim.accused)}),
        }


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


def prepare_batch(
    extractions: Sequence[Extraction], extracted_parties: dict[str, tuple[str, str]] | None = None
) -> PreparedBatch:
    """Query parameters for a batch; a later extraction of the same article replaces an earlier one."""
    latest = {extraction.article.id: extraction for extraction in extractions}
    batch = PreparedBatch(extractions=list(latest.values()), extracted_parties=extracted_parties or {})
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
                "published_at": wire_moment(article.published_at),
                "fetched_at": wire_moment(article.fetched_at),
                "props": {
                    "url": article.url,
                    "canonical_url": article.canonical_url,
                    "title": article.title,
                    "date_source": article.date_source.value,
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


def batch_facts(batch: PreparedBatch, articles: dict[str, ArticleFacts]) -> tuple[list[ReportFact], list[ResponseFact]]:
    reports: list[ReportFact] = []
    extracted = batch.extracted_parties
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
                    date_precision=claim.date_precision.value,
                    **_as_extracted(claim.accuser.id, claim.accused.id, extracted.get(claim.id)),
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
                    date_precision=response.date_precision.value,
                )
            )
    return reports, responses
