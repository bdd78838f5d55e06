"""`Extractor`: Article -> Extraction, with the spaCy pipeline run in batches over many articles.

Long texts are cut into pieces of at most `nlp_max_chars` characters at paragraph or sentence
ends; offsets are shifted back so that every mention and evidence points into the article text.
Empty and non-English texts give an empty extraction with a `skipped_reason`.

spaCy is imported when an `Extractor` is built or a language is checked, not with this module:
every `claimgraph` command imports it, and most of them (neo4j, ingest, crawl, serve) never extract.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.records import (
    Article,
    Claim,
    DatePrecision,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    Response,
)
from claimgraph.settings import Settings, get_settings
from nlp.dates import DatedPhrase, first_resolved
from nlp.knowledge_base import KnowledgeBase, load_knowledge_base

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from nlp.doc_data import ClaimCandidate, LinkedEntity

logger = logging.getLogger(__name__)

EXTRACTOR_VERSION = "claimgraph-nlp/1"
MIN_WORDS_FOR_LANGUAGE = 12
MIN_STOPWORD_SHARE = 0.12
WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.UNICODE)
BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


@cache
def english_function_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use, see the module doc)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def language_problem(text: str, declared: str | None) -> str | None:
    """Why a text is not English enough to extract from, or None when it is."""
    if declared and not declared.lower().startswith("en"):
        return f"not English (language {declared!r})"
    words = WORD.findall(text[:20_000])
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    function_words = english_function_words()
    share = sum(1 for word in words if word.lower() in function_words) / len(words)
    if share < MIN_STOPWORD_SHARE:
        return f"not English (only {share:.0%} English function words)"
    return None


def split_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Pieces of at most `max_chars` characters, cut at the best break available, with their offsets."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = None
        for pattern in BREAKS:
            ends = [match.end() for match in pattern.finditer(window) if match.end() > max_chars // 2]
            if ends:
                cut = ends[-1]
                break
        cut = cut or max_chars
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def event_date(phrases: tuple[str, ...], tense: str, published: date | None) -> DatedPhrase | None:
    """The date of a reported event: its own date phrases, else the article's day for news told in the
    simple past or present; a perfect-tense background event ("had alleged") without a phrase is undated."""
    resolved = first_resolved(phrases, published)
    if resolved is None and tense != "perfect" and published is not None:
        return DatedPhrase(published, DatePrecision.DAY)
    return resolved


@dataclass
class _ArticleParts:
    """The pieces of one article, collected until all of them have been through the pipeline."""

    article: Article
    expected: int
    docs: list[tuple[int, Doc]] = field(default_factory=list)
    skipped_reason: str | None = None


class Extractor:
    """The NLP stage's entry point for the pipeline and the CLI."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        config_path: Path | None = None,
        kb_dir: Path | None = None,
        batch_size: int = 32,
    ) -> None:
        from nlp.pipeline import build_pipeline

        self.settings = settings or get_settings()
        self.nlp = build_pipeline(self.settings.spacy_model, config_path=config_path, kb_dir=kb_dir)
        self.kb: KnowledgeBase = load_knowledge_base(kb_dir)
        self.batch_size = batch_size
        self.nlp.max_length = max(self.nlp.max_length, self.settings.nlp_max_chars + 1)

    def extract(self, article: Article) -> Extraction:
        """The extraction of one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in the order of `articles`, the texts run through `nlp.pipe` in batches."""
        pending: list[_ArticleParts] = []

        def texts() -> Iterator[tuple[str, tuple[int, int]]]:
            for article in articles:
                parts = _ArticleParts(article, expected=0)
                reason = "empty text" if not article.text.strip() else language_problem(article.text, article.language)
                pieces = [] if reason else split_text(article.text, self.settings.nlp_max_chars)
                parts.expected = len(pieces)
                parts.skipped_reason = reason
                pending.append(parts)
                for offset, piece in pieces:
                    yield piece, (len(pending) - 1, offset)

        finished = 0
        for doc, (index, offset) in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            pending[index].docs.append((offset, doc))
            while finished < len(pending) and len(pending[finished].docs) >= pending[finished].expected:
                yield self._build(pending[finished])
                pending[finished] = _ArticleParts(pending[finished].article, 0)
                finished += 1
        while finished < len(pending):
            yield self._build(pending[finished])
            finished += 1

    # --- records --------------------------------------------------------------------------
    def _build(self, parts: _ArticleParts) -> Extraction:
        article = parts.article
        base = Extraction(
            url=article.url,
            article=article.meta(),
            extractor_version=EXTRACTOR_VERSION,
            skipped_reason=parts.skipped_reason,
        )
        if parts.skipped_reason:
            return base
        published = article.published_at.date() if article.published_at else None
        entities: dict[str, Entity] = {}
        claims: dict[str, Claim] = {}
        responses: dict[str, Response] = {}
        for offset, doc in sorted(parts.docs, key=lambda item: item[0]):
            linked: dict[str, LinkedEntity] = doc._.cg_entities or {}
            for mention in doc._.cg_mentions or []:
                span = doc[mention.start : mention.end]
                entity = self._entity(entities, linked[mention.entity_id])
                entity.mentions.append(
                    Mention(start=span.start_char + offset, end=span.end_char + offset, text=span.text)
                )
            doc_claims: list[Claim | None] = []
            for candidate in doc._.cg_claims or []:
                claim = self._claim(candidate, doc, offset, article, published, linked, entities)
                doc_claims.append(claim)
                if claim is not None:
                    claims.setdefault(claim.id, claim)
            for candidate in doc._.cg_responses or []:
                answered = doc_claims[candidate.claim_index] if candidate.claim_index < len(doc_claims) else None
                if answered is None:
                    continue
                sentence = doc[candidate.sentence_start : candidate.sentence_end]
                responder = self._entity(entities, linked.get(candidate.responder_id), candidate.responder_id)
                evidence = self._evidence(sentence, offset, article)
                response_date = event_date(candidate.date_phrases, candidate.tense, published)
                response = Response(
                    id=Response.make_id(answered.id, responder.id, candidate.kind.value, evidence.start),
                    responder=responder.ref(),
                    claim_id=answered.id,
                    kind=candidate.kind,
                    response_date=response_date.day if response_date else None,
                    date_precision=response_date.precision if response_date else DatePrecision.DAY,
                    evidence=evidence,
                )
                responses.setdefault(response.id, response)
        present_kb = [entity_id for entity_id, entity in entities.items() if entity.in_kb]
        relations = [
            Relation(subject=entities[s].ref(), predicate=p, object=entities[o].ref())  # type: ignore[arg-type]
            for s, p, o in self.kb.relations_among(present_kb)
        ]
        return base.model_copy(
            update={
                "entities": list(entities.values()),
                "relations": relations,
                "claims": list(claims.values()),
                "responses": list(responses.values()),
            }
        )

    def _entity(self, entities: dict[str, Entity], linked: LinkedEntity | None, entity_id: str = "") -> Entity:
        key = linked.id if linked else entity_id
        if key not in entities:
            if linked is None:
                from nlp.doc_data import LinkedEntity

                kb_entity = self.kb.get(key)
                if kb_entity is None:
                    raise KeyError(key)
                linked = LinkedEntity(kb_entity.id, kb_entity.name, kb_entity.type, in_kb=True)
            entities[key] = Entity(
                id=linked.id, name=linked.name, type=linked.type, in_kb=linked.in_kb, aliases=sorted(linked.aliases)
            )
        elif linked is not None:
            known = entities[key]
            known.aliases = sorted(set(known.aliases) | linked.aliases)
        return entities[key]

    @staticmethod
    def _evidence(sentence: object, offset: int, article: Article) -> Evidence:
        start = sentence.start_char + offset  # type: ignore[attr-defined]
        end = sentence.end_char + offset  # type: ignore[attr-defined]
        return Evidence(sentence=article.text[start:end], start=start, end=end, article_id=article.id)

    def _claim(
        self,
        candidate: ClaimCandidate,
        doc: Doc,
        offset: int,
        article: Article,
        published: date | None,
        linked: dict[str, LinkedEntity],
        entities: dict[str, Entity],
    ) -> Claim | None:
        if candidate.confidence < self.settings.min_claim_confidence:
            return None
        accuser = self._entity(entities, linked.get(candidate.accuser_id), candidate.accuser_id)
        accused = self._entity(entities, linked.get(candidate.accused_id), candidate.accused_id)
        subject_of_claim = None
        if candidate.object_id:
            subject_of_claim = self._entity(entities, linked.get(candidate.object_id), candidate.object_id).ref()
        evidence = self._evidence(doc[candidate.sentence_start : candidate.sentence_end], offset, article)
        claim_date = event_date(candidate.date_phrases, candidate.tense, published)
        return Claim(
            id=Claim.make_id(article.id, accuser.id, accused.id, candidate.category.value, evidence.start),
            accuser=accuser.ref(),
            accused=accused.ref(),
            category=candidate.category,
            object=subject_of_claim,
            allegation=candidate.allegation,
            status=candidate.status,
            claim_date=claim_date.day if claim_date else None,
            date_precision=claim_date.precision if claim_date else DatePrecision.DAY,
            evidence=evidence,
            confidence=round(candidate.confidence, 3),
        )
