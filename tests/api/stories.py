"""Hand-made Extraction records (what the NLP stage would write) for the API tests."""

from __future__ import annotations

from datetime import date, datetime

from claimgraph.records import (
    ArticleMeta,
    Category,
    Claim,
    ClaimStatus,
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

KINDS = {"Claude": EntityType.MODEL, "Qwen": EntityType.MODEL, "GPT-4o": EntityType.MODEL}


def ref(name: str) -> EntityRef:
    """An entity by name: id is the slug ('New York Times' -> 'new-york-times'); Company unless in KINDS."""
    return EntityRef(id=slugify(name), name=name, type=KINDS.get(name, EntityType.COMPANY))


class Story:
    """One article and the claims, responses and relations found in it."""

    def __init__(self, slug: str, *, source: str, published: str, title: str | None = None) -> None:
        url = f"https://{source}.example/{slug}"
        self.meta = ArticleMeta(
            id=article_id(url),
            url=url,
            canonical_url=url,
            source=Source(id=source, name=source.title(), domain=f"{source}.example"),
            title=title or slug.replace("-", " ").capitalize(),
            published_at=datetime.fromisoformat(published),
            date_source=DateSource.META,
            content_hash=slug,
        )
        self.claims: list[Claim] = []
        self.responses: list[Response] = []
        self.relations: list[Relation] = []
        self.entities: dict[str, EntityRef] = {}
        self.offset = 0

    @property
    def url(self) -> str:
        return self.meta.url

    def _evidence(self, sentence: str) -> Evidence:
        start = self.offset
        self.offset += len(sentence) + 1
        return Evidence(sentence=sentence, start=start, end=start + len(sentence), article_id=self.meta.id)

    def _see(self, *refs: EntityRef | None) -> None:
        for item in refs:
            if item is not None:
                self.entities[item.id] = item

    def accuses(
        self,
        accuser: str,
        accused: str,
        category: str,
        *,
        sentence: str,
        on: str,
        about: str | None = None,
        status: str = "alleged",
        confidence: float = 0.8,
    ) -> Claim:
        accuser_ref, accused_ref = ref(accuser), ref(accused)
        object_ref = ref(about) if about else None
        evidence = self._evidence(sentence)
        claim = Claim(
            id=Claim.make_id(self.meta.id, accuser_ref.id, accused_ref.id, category, evidence.start),
            accuser=accuser_ref,
            accused=accused_ref,
            category=Category(category),
            object=object_ref,
            allegation=sentence,
            status=ClaimStatus(status),
            claim_date=date.fromisoformat(on),
            evidence=evidence,
            confidence=confidence,
        )
        self._see(accuser_ref, accused_ref, object_ref)
        self.claims.append(claim)
        return claim

    def responds(self, claim: Claim, responder: str, kind: str, *, sentence: str, on: str) -> Response:
        responder_ref = ref(responder)
        evidence = self._evidence(sentence)
        response = Response(
            id=Response.make_id(claim.id, responder_ref.id, kind, evidence.start),
            responder=responder_ref,
            claim_id=claim.id,
            kind=ResponseKind(kind),
            response_date=date.fromisoformat(on),
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
            Entity(
                id=item.id,
                name=item.name,
                type=item.type,
                in_kb=True,
                aliases=["Alibaba Cloud"] if item.id == "alibaba" else [],
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
