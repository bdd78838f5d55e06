"""Concise hand-made Extraction records for the graph tests, and a canonical dump of the graph."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from neo4j import Driver

from claimgraph.records import (
    ArticleMeta,
    Category,
    Claim,
    ClaimStatus,
    DatePrecision,
    DateSource,
    Entity,
    EntityRef,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Response,
    ResponseKind,
    Source,
    article_id,
    slugify,
)

KINDS = {
    "Claude": EntityType.MODEL,
    "Qwen": EntityType.MODEL,
    "GPT-4o": EntityType.MODEL,
    "DeepSeek-R1": EntityType.MODEL,
    "Llama": EntityType.MODEL,
    "Dario Amodei": EntityType.PERSON,
}


def ref(name: str) -> EntityRef:
    """A canonical entity by name; ids are slugs, kinds from KINDS (Company otherwise)."""
    return EntityRef(id=slugify(name), name=name, type=KINDS.get(name, EntityType.COMPANY))


def outlet(source_id: str) -> Source:
    return Source(id=source_id, name=source_id.replace("-", " ").title(), domain=f"{source_id}.example")


class Story:
    """One article and what the NLP stage would have found in it."""

    def __init__(
        self,
        slug: str,
        *,
        source: str = "reuters",
        published: str | None = "2026-03-02T09:00:00+00:00",
        copy_of: Story | None = None,
        title: str | None = None,
    ):
        url = f"https://{source}.example/{slug}"
        self.meta = ArticleMeta(
            id=article_id(url),
            url=url,
            canonical_url=url,
            source=outlet(source),
            title=title or slug.replace("-", " ").capitalize(),
            published_at=datetime.fromisoformat(published) if published else None,
            date_source=DateSource.META if published else DateSource.UNKNOWN,
            content_hash=slug,
            copy_of=copy_of.meta.id if copy_of else None,
        )
        self.claims: list[Claim] = []
        self.responses: list[Response] = []
        self.relations: list[Relation] = []
        self.entities: dict[str, EntityRef] = {}
        self.offset = 0

    @property
    def id(self) -> str:
        return self.meta.id

    def _evidence(self, sentence: str) -> Evidence:
        start = self.offset
        self.offset += len(sentence) + 1
        return Evidence(sentence=sentence, start=start, end=start + len(sentence), article_id=self.id)

    def _see(self, *refs: EntityRef | None) -> None:
        for item in refs:
            if item is not None:
                self.entities[item.id] = item

    def accuses(
        self,
        accuser: str,
        accused: str,
        category: str = "distillation",
        *,
        about: str | None = None,
        status: str = "alleged",
        on: str | None = None,
        precision: str = "day",
        confidence: float = 0.8,
        sentence: str | None = None,
    ) -> Claim:
        accuser_ref, accused_ref = ref(accuser), ref(accused)
        object_ref = ref(about) if about else None
        evidence = self._evidence(sentence or f"{accuser} accused {accused} of {category.replace('_', ' ')}.")
        claim = Claim(
            id=Claim.make_id(self.id, accuser_ref.id, accused_ref.id, category, evidence.start),
            accuser=accuser_ref,
            accused=accused_ref,
            category=Category(category),
            object=object_ref,
            allegation=f"{category} by {accused}",
            status=ClaimStatus(status),
            claim_date=date.fromisoformat(on) if on else None,
            date_precision=DatePrecision(precision),
            evidence=evidence,
            confidence=confidence,
        )
        self._see(accuser_ref, accused_ref, object_ref)
        self.claims.append(claim)
        return claim

    def responds(
        self, claim: Claim, responder: str, kind: str = "denial", *, on: str | None = None, sentence: str | None = None
    ) -> Response:
        responder_ref = ref(responder)
        evidence = self._evidence(sentence or f"{responder} responded: {kind}.")
        response = Response(
            id=Response.make_id(claim.id, responder_ref.id, kind, evidence.start),
            responder=responder_ref,
            claim_id=claim.id,
            kind=ResponseKind(kind),
            response_date=date.fromisoformat(on) if on else None,
            evidence=evidence,
        )
        self._see(responder_ref)
        self.responses.append(response)
        return response

    def relates(self, subject: str, predicate: str, obj: str) -> None:
        subject_ref, object_ref = ref(subject), ref(obj)
        self._see(subject_ref, object_ref)
        self.relations.append(Relation(subject=subject_ref, predicate=predicate, object=object_ref))

    def build(self) -> Extraction:
        entities = [
            item
            if isinstance(item, Entity)
            else Entity(
                id=item.id,
                name=item.name,
                type=item.type,
                in_kb=True,
                mentions=[Mention(start=0, end=len(item.name), text=item.name)],
            )
            for item in self.entities.values()
        ]
        return Extraction(
            url=self.meta.url,
            article=self.meta,
            entities=entities,
            relations=self.relations,
            claims=self.claims,
            responses=self.responses,
        )


def _plain(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


VOLATILE = {"recorded_at", "updated_at", "version"}


def canonical_dump(driver: Driver) -> tuple[list[tuple], list[tuple]]:
    """Every node and relationship with their properties (ingest-time stamps left out), sorted."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, properties(r) AS props, b.id AS target"
    )

    def clean(props: dict[str, Any]) -> tuple:
        return tuple(sorted((k, repr(_plain(v))) for k, v in props.items() if k not in VOLATILE))

    node_rows = sorted((tuple(sorted(row["labels"])), clean(row["props"])) for row in nodes)
    edge_rows = sorted((row["source"], row["type"], row["target"], clean(row["props"])) for row in edges)
    return node_rows, edge_rows


def counts(driver: Driver) -> tuple[int, int]:
    """(nodes, relationships) in the graph."""
    records, _, _ = driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"
    )
    return records[0]["nodes"], records[0]["relationships"]


COMPANIES = ["Anthropic", "OpenAI", "Alibaba", "DeepSeek", "Google", "Meta", "Mistral", "xAI", "Baidu", "Moonshot"]
OUTLETS = ["reuters", "bloomberg", "verge", "ft", "techcrunch", "wired"]


def synthetic_stories(count: int, *, seed: int = 7) -> list[Story]:
    """`count` articles reporting accusations among ten companies over a year (deterministic)."""
    chooser = random.Random(seed)
    stories = []
    for index in range(count):
        day = chooser.randrange(0, 360)
        published = datetime(2026, 1, 1, 8) + timedelta(days=day)
        story = Story(f"story-{index}", source=chooser.choice(OUTLETS), published=published.isoformat() + "+00:00")
        accuser, accused = chooser.sample(COMPANIES, 2)
        category = chooser.choice(["distillation", "copyright", "trade_secret", "antitrust"])
        claim = story.accuses(
            accuser,
            accused,
            category,
            on=(published - timedelta(days=1)).date().isoformat(),
            confidence=round(chooser.uniform(0.5, 0.95), 2),
            status=chooser.choice(["alleged", "alleged", "alleged", "lawsuit_filed"]),
        )
        if chooser.random() < 0.3:
            story.responds(claim, accused, chooser.choice(["denial", "no_comment", "rebuttal"]))
        stories.append(story)
    return stories
