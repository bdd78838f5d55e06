"""The demo story as hand-made Extraction records, modelled on the demo news site.

Anthropic accuses Alibaba of distilling Claude to train Qwen on 2026-06-26; several outlets
report it (one a syndicated copy); Alibaba declines to comment, then denies on 2026-06-29.
A second, older dispute (OpenAI v. DeepSeek) gives the home page and the rankings something
to compare with. Swap `demo_extractions()` for the real pipeline's output when it is ready.
"""

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
)

ENTITIES: dict[str, Entity] = {
    entity.id: entity
    for entity in (
        Entity(id="anthropic", name="Anthropic", type=EntityType.COMPANY, aliases=["Anthropic PBC"], in_kb=True),
        Entity(
            id="alibaba",
            name="Alibaba",
            type=EntityType.COMPANY,
            aliases=["Alibaba Group", "Alibaba Cloud"],
            in_kb=True,
        ),
        Entity(id="claude", name="Claude", type=EntityType.MODEL, in_kb=True),
        Entity(id="qwen", name="Qwen", type=EntityType.MODEL, aliases=["Tongyi Qianwen"], in_kb=True),
        Entity(id="openai", name="OpenAI", type=EntityType.COMPANY, in_kb=True),
        Entity(id="deepseek", name="DeepSeek", type=EntityType.COMPANY, in_kb=True),
        Entity(id="gpt-4o", name="GPT-4o", type=EntityType.MODEL, in_kb=True),
        Entity(id="deepseek-r1", name="DeepSeek-R1", type=EntityType.MODEL, in_kb=True),
        Entity(id="dario-amodei", name="Dario Amodei", type=EntityType.PERSON, in_kb=True),
    )
}

DEVELOPS = (("anthropic", "claude"), ("alibaba", "qwen"), ("openai", "gpt-4o"), ("deepseek", "deepseek-r1"))

OUTLETS = {
    "techledger": Source(id="techledger", name="The Tech Ledger", domain="techledger.example"),
    "ainewswire": Source(id="ainewswire", name="AI Newswire", domain="ainewswire.example"),
    "circuit": Source(id="circuit", name="The Circuit", domain="circuit.example"),
    "dailybyte": Source(id="dailybyte", name="Daily Byte", domain="dailybyte.example"),
}


def ref(entity_id: str) -> EntityRef:
    return ENTITIES[entity_id].ref()


class Article:
    """One article of the demo site and what the NLP stage finds in it."""

    def __init__(self, outlet: str, slug: str, title: str, published: str, *, copy_of: Article | None = None) -> None:
        url = f"http://{OUTLETS[outlet].domain}/news/{slug}"
        self.meta = ArticleMeta(
            id=article_id(url),
            url=url,
            canonical_url=url,
            source=OUTLETS[outlet],
            title=title,
            published_at=datetime.fromisoformat(published),
            date_source=DateSource.META,
            language="en",
            copy_of=copy_of.meta.id if copy_of else None,
        )
        self.text = ""
        self.claims: list[Claim] = []
        self.responses: list[Response] = []

    def _evidence(self, sentence: str) -> Evidence:
        start = len(self.text)
        self.text += sentence + " "
        return Evidence(sentence=sentence, start=start, end=start + len(sentence), article_id=self.meta.id)

    def accuses(
        self, accuser: str, accused: str, about: str | None, sentence: str, on: str, *, status: str = "alleged"
    ) -> Claim:
        evidence = self._evidence(sentence)
        claim = Claim(
            id=Claim.make_id(self.meta.id, accuser, accused, "distillation", evidence.start),
            accuser=ref(accuser),
            accused=ref(accused),
            category=Category.DISTILLATION,
            object=ref(about) if about else None,
            allegation=f"distilled {ENTITIES[about].name}" if about else "distillation",
            status=ClaimStatus(status),
            claim_date=date.fromisoformat(on),
            evidence=evidence,
            confidence=0.85,
        )
        self.claims.append(claim)
        return claim

    def responds(self, responder: str, claim: Claim, kind: ResponseKind, sentence: str, on: str) -> None:
        evidence = self._evidence(sentence)
        self.responses.append(
            Response(
                id=Response.make_id(claim.id, responder, kind.value, evidence.start),
                responder=ref(responder),
                claim_id=claim.id,
                kind=kind,
                response_date=date.fromisoformat(on),
                evidence=evidence,
            )
        )

    def extraction(self) -> Extraction:
        named = {entity_id for entity_id, entity in ENTITIES.items() if entity.name in self.text}
        entities = []
        for entity_id in sorted(named):
            entity = ENTITIES[entity_id]
            at = self.text.find(entity.name)
            mentions = [Mention(start=at, end=at + len(entity.name), text=entity.name)] if at >= 0 else []
            entities.append(entity.model_copy(update={"mentions": mentions}))
        relations = [
            Relation(subject=ref(company), predicate="DEVELOPS", object=ref(model))
            for company, model in DEVELOPS
            if company in named and model in named
        ]
        return Extraction(
            url=self.meta.url,
            article=self.meta,
            entities=entities,
            relations=relations,
            claims=self.claims,
            responses=self.responses,
            extractor_version="web-demo-fixture",
        )


ACCUSATION = "Anthropic accused Alibaba of distilling Claude to train its Qwen models."
NO_COMMENT = "Alibaba declined to comment."
DENIAL = "Alibaba denied the accusation, calling it groundless."


def demo_articles() -> list[Article]:
    """The demo site's articles about the two disputes, oldest first."""
    scoop = Article(
        "techledger",
        "anthropic-accuses-alibaba",
        "Anthropic accuses Alibaba of distilling Claude",
        "2026-06-26T08:00:00+00:00",
    )
    claim = scoop.accuses("anthropic", "alibaba", "claude", ACCUSATION, "2026-06-26")
    scoop.responds("alibaba", claim, ResponseKind.NO_COMMENT, NO_COMMENT, "2026-06-26")

    wire = Article(
        "ainewswire",
        "anthropic-alibaba-distillation",
        "Anthropic says Alibaba distilled Claude",
        "2026-06-26T13:30:00+00:00",
    )
    wire.accuses(
        "anthropic", "alibaba", "claude", "Anthropic said Alibaba distilled Claude through its API.", "2026-06-26"
    )

    copy = Article(
        "dailybyte",
        "anthropic-accuses-alibaba-copy",
        "Anthropic accuses Alibaba of distilling Claude",
        "2026-06-26T15:00:00+00:00",
        copy_of=scoop,
    )
    copy.accuses("anthropic", "alibaba", "claude", ACCUSATION, "2026-06-26")

    analysis = Article(
        "circuit", "what-distillation-means", "What the Anthropic-Alibaba fight means", "2026-06-27T10:00:00+00:00"
    )
    analysis.accuses(
        "anthropic", "alibaba", "claude", "On Friday Anthropic accused Alibaba of distilling Claude.", "2026-06-26"
    )

    denial = Article(
        "techledger", "alibaba-denies-distillation", "Alibaba denies distilling Claude", "2026-06-29T09:00:00+00:00"
    )
    answered = denial.accuses(
        "anthropic", "alibaba", "claude", "Anthropic accused Alibaba last week of distilling Claude.", "2026-06-26"
    )
    denial.responds("alibaba", answered, ResponseKind.DENIAL, DENIAL, "2026-06-29")

    older = Article(
        "ainewswire",
        "openai-deepseek-distillation",
        "OpenAI says DeepSeek distilled GPT-4o",
        "2026-05-12T09:00:00+00:00",
    )
    older_claim = older.accuses(
        "openai",
        "deepseek",
        "gpt-4o",
        "OpenAI accused DeepSeek of distilling GPT-4o to build DeepSeek-R1.",
        "2026-05-12",
    )
    older.responds("deepseek", older_claim, ResponseKind.DENIAL, "DeepSeek rejected the claim.", "2026-05-12")
    return [scoop, wire, copy, analysis, denial, older]


def demo_extractions() -> list[Extraction]:
    return [article.extraction() for article in demo_articles()]
