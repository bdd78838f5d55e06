"""What our components leave on a `Doc` for the next one (and for `nlp.extract`).

The values live in `Doc._` extensions, set by the components that own them:
`cg_entities`, `cg_mentions`, `cg_token_entity`, `cg_token_group` by the linker;
`cg_claims`, `cg_statuses` by the claim rules; `cg_responses` by the response rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from claimgraph.records import Category, ClaimStatus, EntityType, ResponseKind


@dataclass
class LinkedEntity:
    """A canonical entity of one document: from the knowledge base or from the statistical NER."""

    id: str
    name: str
    type: EntityType
    in_kb: bool
    aliases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class EntityMention:
    """Tokens [start, end) that name (explicit) or describe (not explicit) an entity."""

    start: int
    end: int
    entity_id: str
    explicit: bool = True


@dataclass
class ClaimCandidate:
    """One accusation found in a sentence, before ids, dates and records are made."""

    accuser_id: str
    accused_id: str
    category: Category
    sentence_start: int
    sentence_end: int
    trigger: int
    allegation: str
    status: ClaimStatus = ClaimStatus.ALLEGED
    object_id: str | None = None
    confidence: float = 0.8
    date_phrases: tuple[str, ...] = ()
    tense: str = "past"
    continuation_of: int | None = None
    # False when nothing in the text named the kind of wrong and `category` is only the fallback "other".
    category_cued: bool = True


@dataclass
class StatusCue:
    """A sentence reporting a settlement, a ruling or a withdrawal, and the entities it names."""

    status: ClaimStatus
    sentence_start: int
    entity_ids: frozenset[str]
    generic: bool


@dataclass
class ResponseCandidate:
    """An answer to a claim: who, how, in which sentence; `claim_index` points into `cg_claims`."""

    responder_id: str
    claim_index: int
    kind: ResponseKind
    sentence_start: int
    sentence_end: int
    date_phrases: tuple[str, ...] = ()
    tense: str = "past"


EXTENSIONS = (
    "cg_entities",
    "cg_mentions",
    "cg_token_entity",
    "cg_token_group",
    "cg_claims",
    "cg_statuses",
    "cg_responses",
)


def register_extensions() -> None:
    """Declare our `Doc._` attributes (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
