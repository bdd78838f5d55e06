"""Hand-made Extraction records (what the NLP stage would write), shared by the graph and API tests.

`Story` is one article and what was found in it; `build()` makes its `Extraction`. The graph
tests use it as it is (`tests/graph/graph_builders.py`), the API tests through a stricter
subclass that asks for every sentence and date (`tests/api/stories.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime

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


STATUS_SENTENCES = {
    "alleged": "{accuser} accused {accused} of {category}.",
    "denied": "{accused} denied that it was guilty of {category}, as {accuser} had alleged.",
    "lawsuit_filed": "{accuser} sued {accused} over {category}.",
    "settled": "{accuser} settled its {category} suit against {accused}.",
    "ruled": "A judge ruled on {accuser}'s {category} case against {accused}.",
    "retracted": "{accuser} withdrew its {category} accusation against {accused}.",
}
"""What an article says when it reports each status (the graph takes a turn on an event sentence)."""


def ref(name: str) -> EntityRef:
    """A canonical entity by name: id is the slug ('New York Times' -> 'new-york-times'); Company unless in KINDS."""
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
    ) -> None:
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

    @property
    def url(self) -> str:
        return self.meta.url

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
        allegation: str | None = None,
    ) -> Claim:
        accuser_ref, accused_ref = ref(accuser), ref(accused)
        object_ref = ref(about) if about else None
        default = STATUS_SENTENCES[status].format(accuser=accuser, accused=accused, category=category.replace("_", " "))
        evidence = self._evidence(sentence or default)
        claim = Claim(
            id=Claim.make_id(self.id, accuser_ref.id, accused_ref.id, category, evidence.start),
            accuser=accuser_ref,
            accused=accused_ref,
            category=Category(category),
            object=object_ref,
            allegation=allegation or f"{category} by {accused}",
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

    def build(self, *, aliases: Mapping[str, list[str]] | None = None, outside_kb: Collection[str] = ()) -> Extraction:
        """The Extraction; an entity seen by name is a knowledge-base entity (with `aliases` by entity id),
        except the names in `outside_kb` (what the NLP stage found but the knowledge base does not know)."""
        entities = [
            item
            if isinstance(item, Entity)
            else Entity(
                id=item.id,
                name=item.name,
                type=item.type,
                in_kb=item.name not in outside_kb,
                aliases=(aliases or {}).get(item.id, []),
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
