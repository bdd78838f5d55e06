"""The records that cross stage boundaries: crawler -> nlp -> graph -> api.

Every stage imports these and nothing of another stage. Each record round-trips through JSON
(`model_dump_json` / `model_validate_json`); a validation error names the field that is wrong.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1

# Size limits at the boundary: a line beyond them is refused with the field's name, before it can
# fill memory or the graph (a 10,000,000-character title was stored once). Generous for real news.
ID_MAX_CHARS = 200
URL_MAX_CHARS = 4096
NAME_MAX_CHARS = 500
TITLE_MAX_CHARS = 2000
TEXT_MAX_CHARS = 5_000_000
AUTHORS_MAX = 100
EVIDENCE_MAX_CHARS = 20_000
ALLEGATION_MAX_CHARS = 2000
NOTE_MAX_CHARS = 1000

Id = Annotated[str, Field(min_length=1, max_length=ID_MAX_CHARS)]
Url = Annotated[str, Field(min_length=1, max_length=URL_MAX_CHARS)]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX_CHARS)]


class Category(StrEnum):
    """What a claim accuses someone of."""

    DISTILLATION = "distillation"
    COPYRIGHT = "copyright"
    TRADE_SECRET = "trade_secret"
    TERMS_OF_SERVICE = "terms_of_service"
    PRIVACY = "privacy"
    DEFAMATION = "defamation"
    ANTITRUST = "antitrust"
    FRAUD_MISLEADING = "fraud_misleading"
    SAFETY = "safety"
    OTHER = "other"


class ClaimStatus(StrEnum):
    """Where an accusation stands, as the article reports it."""

    ALLEGED = "alleged"
    LAWSUIT_FILED = "lawsuit_filed"
    DENIED = "denied"
    SETTLED = "settled"
    RULED = "ruled"
    RETRACTED = "retracted"


class DisputeStatus(StrEnum):
    """Where a claim or a dispute stands in the graph's lifecycle: `ClaimStatus` plus `responded`.

    alleged -> denied | responded -> lawsuit_filed -> settled | ruled | retracted. An article
    reports a `ClaimStatus`; `denied` and `responded` also come from responses (an admission or an
    apology is `responded`).
    """

    ALLEGED = "alleged"
    DENIED = "denied"
    RESPONDED = "responded"
    LAWSUIT_FILED = "lawsuit_filed"
    SETTLED = "settled"
    RULED = "ruled"
    RETRACTED = "retracted"


class ResponseKind(StrEnum):
    """How the accused (or someone for it) answered a claim."""

    DENIAL = "denial"
    REBUTTAL = "rebuttal"
    ADMISSION = "admission"
    APOLOGY = "apology"
    NO_COMMENT = "no_comment"
    NO_RESPONSE = "no_response"
    OTHER = "other"


class EntityType(StrEnum):
    """The kind of an entity; it becomes the entity's second label in the graph."""

    COMPANY = "Company"
    MODEL = "Model"
    PERSON = "Person"
    PRODUCT = "Product"
    PLACE = "Place"
    COURT = "Court"
    REGULATOR = "Regulator"
    OUTLET = "Outlet"
    ORGANIZATION = "Organization"
    GROUP = "Group"


class DateSource(StrEnum):
    """Where an article's publication date came from (docs/CRAWLER.md has the chain).

    `page`, `meta`, `json_ld`: the page's `<time>`, meta tags, JSON-LD; `extracted`: htmldate's
    reading of the page's markup and URL (a day); `feed`, `sitemap`: the feed entry, the news
    sitemap; `text`: htmldate's search of the page's text (a day), the last resort.
    """

    PAGE = "page"
    META = "meta"
    JSON_LD = "json_ld"
    EXTRACTED = "extracted"
    FEED = "feed"
    SITEMAP = "sitemap"
    TEXT = "text"
    UNKNOWN = "unknown"


class DatePrecision(StrEnum):
    """How precisely the text dates an event: "on Friday" is a day, "last month" only a month."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Record(BaseModel):
    """Base of every record: unknown fields are refused so a typo cannot pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, use_enum_values=False)


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from the given parts (the same parts always give the same id)."""
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def slugify(text: str) -> str:
    """A lower-case ASCII slug: 'Alibaba Cloud' -> 'alibaba-cloud'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or stable_id(text, length=8)


def normalise_text(text: str) -> str:
    """Text reduced to lower-case words, so that copies differing in whitespace hash alike."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()))


def content_hash(text: str) -> str:
    """Hash of the normalised text of an article (syndicated exact copies share it)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_id(canonical_url: str) -> str:
    """`Article.id`: stable hash of the canonical URL."""
    return stable_id(canonical_url)


class Source(Record):
    """A news outlet as configured in sources.yaml."""

    id: Annotated[str, Field(min_length=1, max_length=ID_MAX_CHARS, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    name: Name
    domain: Name


class ArticleMeta(Record):
    """Everything about an article except its text (what the graph keeps)."""

    id: Id
    url: Url
    canonical_url: Url
    source: Source
    title: Annotated[str, Field(max_length=TITLE_MAX_CHARS)] = ""
    published_at: AwareDatetime | None = None
    date_source: DateSource = DateSource.UNKNOWN
    fetched_at: AwareDatetime | None = None
    language: Annotated[str, Field(max_length=35)] | None = None
    authors: list[Name] = Field(default_factory=list, max_length=AUTHORS_MAX)
    content_hash: Annotated[str, Field(max_length=128)] = ""
    copy_of: Annotated[str, Field(max_length=ID_MAX_CHARS)] | None = Field(
        default=None, description="id of the first-seen article this one is a syndicated copy of"
    )


class Article(ArticleMeta):
    """A crawled news article: what `claimgraph crawl` writes, one JSON object per line."""

    text: Annotated[str, Field(max_length=TEXT_MAX_CHARS)]

    @model_validator(mode="after")
    def _fill_hash(self) -> Article:
        if not self.content_hash and self.text:
            self.content_hash = content_hash(self.text)
        return self

    def meta(self) -> ArticleMeta:
        """The article without its text."""
        return ArticleMeta.model_validate(self.model_dump(exclude={"text"}))


class Mention(Record):
    """Where an entity is named in an article's text (character offsets, end exclusive)."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: Annotated[str, Field(max_length=NAME_MAX_CHARS)]

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class EntityRef(Record):
    """A pointer to a canonical entity: what claims and responses name."""

    id: Id
    name: Name
    type: EntityType


class Entity(EntityRef):
    """A canonical entity found in an article, with its mentions there."""

    aliases: list[Annotated[str, Field(max_length=NAME_MAX_CHARS)]] = Field(default_factory=list, max_length=1000)
    in_kb: bool = Field(default=False, description="true when linked to the knowledge base")
    mentions: list[Mention] = Field(default_factory=list)

    def ref(self) -> EntityRef:
        return EntityRef(id=self.id, name=self.name, type=self.type)


class Relation(Record):
    """A fact between two entities from the knowledge base, e.g. Anthropic DEVELOPS Claude."""

    subject: EntityRef
    predicate: Literal["DEVELOPS", "VERSION_OF", "SUBSIDIARY_OF"]
    object: EntityRef


class Evidence(Record):
    """The sentence that reports a claim or a response, with its offsets in the article text."""

    sentence: Annotated[str, Field(min_length=1, max_length=EVIDENCE_MAX_CHARS)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    article_id: Id


class Claim(Record):
    """One accusation as one article reports it: accuser -> accused, about what, when."""

    id: Id
    accuser: EntityRef
    accused: EntityRef
    category: Category
    object: EntityRef | None = None
    allegation: Annotated[str, Field(max_length=ALLEGATION_MAX_CHARS)] = ""
    status: ClaimStatus = ClaimStatus.ALLEGED
    claim_date: date | None = None
    date_precision: DatePrecision = Field(
        default=DatePrecision.DAY, description="a coarse date is the first day of its week, month or year"
    )
    evidence: Evidence
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5

    @staticmethod
    def make_id(article_id: str, accuser_id: str, accused_id: str, category: str, start: int) -> str:
        return stable_id(article_id, accuser_id, accused_id, category, str(start))


class Response(Record):
    """An answer to a claim: a denial, a rebuttal, 'declined to comment', ..."""

    id: Id
    responder: EntityRef
    claim_id: Annotated[
        str, Field(min_length=1, max_length=ID_MAX_CHARS, description="id of the Claim in this extraction")
    ]
    kind: ResponseKind
    response_date: date | None = None
    date_precision: DatePrecision = Field(
        default=DatePrecision.DAY, description="a coarse date is the first day of its week, month or year"
    )
    evidence: Evidence

    @staticmethod
    def make_id(claim_id: str, responder_id: str, kind: str, start: int) -> str:
        return stable_id(claim_id, responder_id, kind, str(start))


class Extraction(Record):
    """What the NLP stage found in one article: what `claimgraph extract` writes per line."""

    schema_version: int = SCHEMA_VERSION
    url: Url
    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    responses: list[Response] = Field(default_factory=list)
    skipped_reason: Annotated[str, Field(max_length=NOTE_MAX_CHARS)] | None = Field(
        default=None, description="why nothing was extracted (empty text, not English, ...)"
    )
    notes: list[Annotated[str, Field(max_length=NOTE_MAX_CHARS)]] = Field(
        default_factory=list, max_length=20, description="what the NLP stage left out and why (text cut, repeats)"
    )
    extractor_version: Annotated[str, Field(max_length=NAME_MAX_CHARS)] = ""

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(f"schema_version {value} is newer than this ClaimGraph ({SCHEMA_VERSION})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Extraction:
        claim_ids = {claim.id for claim in self.claims}
        for response in self.responses:
            if response.claim_id not in claim_ids:
                raise ValueError(
                    f"response {response.id} answers claim {response.claim_id}, "
                    "which is not among this extraction's claims"
                )
        return self
