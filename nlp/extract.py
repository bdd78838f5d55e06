"""`Extractor`: Article -> Extraction, with the spaCy pipeline run in batches over many articles.

Long texts are cut into pieces of at most `nlp_max_chars` characters at paragraph or sentence
ends; offsets are shifted back so that every mention and evidence points into the article text.
Empty and non-English texts give an empty extraction with a `skipped_reason`.

Memory stays bounded whatever the article: only its first `nlp_max_article_chars` characters are
read (a note in the extraction says where it was cut); a paragraph repeated word for word is read
once (the copies are blanked out, so offsets do not move); pieces go through spaCy in batches of at
most `nlp_max_chars` characters and each Doc is turned into records and let go as soon as it comes
out, not kept until the article's last piece; and one article keeps at most
`nlp_max_reports_per_claim` sentences reporting the same claim.

spaCy is imported when an `Extractor` is built or a language is checked, not with this module:
every `claimgraph` command imports it, and most of them (neo4j, ingest, crawl, serve) never extract.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from claimgraph.records import (
    ALLEGATION_MAX_CHARS,
    EVIDENCE_MAX_CHARS,
    NAME_MAX_CHARS,
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
LINE = re.compile(r"[^\n]+")
MIN_REPEATED_LINE = 40
"""Lines at least this long (whitespace squeezed) are read once; shorter repeats cost nothing."""
MAX_SENTENCE_CHARS = EVIDENCE_MAX_CHARS


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


def _cut_point(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: the last paragraph, line or sentence end."""
    window = text[:limit]
    for pattern in BREAKS:
        ends = [match.end() for match in pattern.finditer(window) if match.end() > limit // 2]
        if ends:
            return ends[-1]
    return limit


def bounded_text(text: str, max_chars: int) -> tuple[str, list[str]]:
    """The text the pipeline reads, of the same length up to the cut, and notes on what was left out.

    The text is cut at `max_chars` (at a break); each line repeated word for word after its first
    occurrence is replaced by spaces, so every offset still points into the article text.
    """
    notes: list[str] = []
    if len(text) > max_chars:
        cut = _cut_point(text, max_chars)
        notes.append(
            f"text cut at character {cut} of {len(text)}: only the first nlp_max_article_chars "
            f"({max_chars}) characters are read"
        )
        text = text[:cut]
    seen: set[str] = set()
    blanks: list[tuple[int, int]] = []
    for match in LINE.finditer(text):
        key = " ".join(match.group().split())
        if len(key) < MIN_REPEATED_LINE:
            continue
        if key in seen:
            blanks.append(match.span())
        else:
            seen.add(key)
    if blanks:
        parts, position = [], 0
        for start, end in blanks:
            parts.extend((text[position:start], " " * (end - start)))
            position = end
        parts.append(text[position:])
        text = "".join(parts)
        notes.append(f"{len(blanks)} repeated paragraphs read once")
    return text, notes


def event_date(phrases: tuple[str, ...], tense: str, published: date | None) -> DatedPhrase | None:
    """The date of a reported event: its own date phrases, else the article's day for news told in the
    simple past or present; a perfect-tense background event ("had alleged") without a phrase is undated."""
    resolved = first_resolved(phrases, published)
    if resolved is None and tense != "perfect" and published is not None:
        return DatedPhrase(published, DatePrecision.DAY)
    return resolved


@dataclass
class _ArticleState:
    """One article's records, grown piece by piece as its Docs come out of the pipeline."""

    article: Article
    expected: int = 0
    received: int = 0
    skipped_reason: str | None = None
    notes: list[str] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    responses: dict[str, Response] = field(default_factory=dict)
    reports: Counter[tuple[str, ...]] = field(default_factory=Counter)
    dropped_reports: int = 0

    @property
    def complete(self) -> bool:
        return self.received >= self.expected


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
        self.batch_chars = self.settings.nlp_max_chars
        self.nlp.max_length = max(self.nlp.max_length, self.settings.nlp_max_chars + 1)

    def extract(self, article: Article) -> Extraction:
        """The extraction of one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in the order of `articles`; texts go through `nlp.pipe` in bounded batches."""
        pending: deque[_ArticleState] = deque()
        batch: list[tuple[str, tuple[_ArticleState, int]]] = []
        batch_chars = 0
        for article in articles:
            state = self._start(article)
            pending.append(state)
            for offset, piece in self._pieces(state):
                batch.append((piece, (state, offset)))
                batch_chars += len(piece)
                if len(batch) >= self.batch_size or batch_chars >= self.batch_chars:
                    self._run(batch)
                    batch, batch_chars = [], 0
                    yield from self._finished(pending)
            yield from self._finished(pending)
        self._run(batch)
        yield from self._finished(pending)

    def _start(self, article: Article) -> _ArticleState:
        reason = "empty text" if not article.text.strip() else language_problem(article.text, article.language)
        return _ArticleState(article, skipped_reason=reason)

    def _pieces(self, state: _ArticleState) -> list[tuple[int, str]]:
        if state.skipped_reason:
            return []
        text, state.notes = bounded_text(state.article.text, self.settings.nlp_max_article_chars)
        pieces = split_text(text, self.settings.nlp_max_chars)
        state.expected = len(pieces)
        return pieces

    def _run(self, batch: list[tuple[str, tuple[_ArticleState, int]]]) -> None:
        """Run one batch through spaCy, turning each Doc into records as soon as it comes out."""
        if not batch:
            return
        for doc, (state, offset) in self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            self._absorb(state, offset, doc)
            state.received += 1

    def _finished(self, pending: deque[_ArticleState]) -> Iterator[Extraction]:
        while pending and pending[0].complete:
            yield self._build(pending.popleft())

    # --- records --------------------------------------------------------------------------
    def _report_allowed(self, state: _ArticleState, key: tuple[str, ...]) -> bool:
        """True for the first `nlp_max_reports_per_claim` sentences of the article reporting `key`."""
        if state.reports[key] >= self.settings.nlp_max_reports_per_claim:
            state.dropped_reports += 1
            return False
        state.reports[key] += 1
        return True

    def _absorb(self, state: _ArticleState, offset: int, doc: Doc) -> None:
        article, entities = state.article, state.entities
        published = article.published_at.date() if article.published_at else None
        linked: dict[str, LinkedEntity] = doc._.cg_entities or {}
        for mention in doc._.cg_mentions or []:
            span = doc[mention.start : mention.end]
            if span.end_char - span.start_char > NAME_MAX_CHARS:
                continue  # not a name: a run of text the NER took whole
            entity = self._entity(entities, linked[mention.entity_id])
            entity.mentions.append(Mention(start=span.start_char + offset, end=span.end_char + offset, text=span.text))
        doc_claims: list[Claim | None] = []
        for candidate in doc._.cg_claims or []:
            claim = self._claim(candidate, doc, offset, article, published, linked, entities)
            if claim is not None and claim.id not in state.claims:
                key = ("claim", claim.accuser.id, claim.accused.id, claim.category.value, claim.status.value)
                if self._report_allowed(state, (*key, claim.object.id if claim.object else "")):
                    state.claims[claim.id] = claim
                else:
                    claim = None
            doc_claims.append(claim)
        for candidate in doc._.cg_responses or []:
            answered = doc_claims[candidate.claim_index] if candidate.claim_index < len(doc_claims) else None
            if answered is None:
                continue
            sentence = doc[candidate.sentence_start : candidate.sentence_end]
            if sentence.end_char - sentence.start_char > MAX_SENTENCE_CHARS:
                continue
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
            if response.id in state.responses:
                continue
            if self._report_allowed(state, ("response", answered.id, responder.id, candidate.kind.value)):
                state.responses[response.id] = response

    def _build(self, state: _ArticleState) -> Extraction:
        article = state.article
        base = Extraction(
            url=article.url,
            article=article.meta(),
            extractor_version=EXTRACTOR_VERSION,
            skipped_reason=state.skipped_reason,
        )
        if state.skipped_reason:
            return base
        notes = list(state.notes)
        if state.dropped_reports:
            notes.append(
                f"{state.dropped_reports} more sentences reporting claims already reported "
                f"{self.settings.nlp_max_reports_per_claim} times in the article were left out"
            )
        entities = state.entities
        present_kb = [entity_id for entity_id, entity in entities.items() if entity.in_kb]
        relations = [
            Relation(subject=entities[s].ref(), predicate=p, object=entities[o].ref())  # type: ignore[arg-type]
            for s, p, o in self.kb.relations_among(present_kb)
        ]
        return base.model_copy(
            update={
                "entities": list(entities.values()),
                "relations": relations,
                "claims": list(state.claims.values()),
                "responses": list(state.responses.values()),
                "notes": notes,
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
                id=linked.id,
                name=linked.name[:NAME_MAX_CHARS],
                type=linked.type,
                in_kb=linked.in_kb,
                aliases=sorted(alias[:NAME_MAX_CHARS] for alias in linked.aliases),
            )
        elif linked is not None:
            known = entities[key]
            known.aliases = sorted(set(known.aliases) | {alias[:NAME_MAX_CHARS] for alias in linked.aliases})
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
        sentence = doc[candidate.sentence_start : candidate.sentence_end]
        if sentence.end_char - sentence.start_char > MAX_SENTENCE_CHARS:
            return None  # no sentence is that long: text without punctuation, not a report
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
            allegation=candidate.allegation[:ALLEGATION_MAX_CHARS],
            status=candidate.status,
            claim_date=claim_date.day if claim_date else None,
            date_precision=claim_date.precision if claim_date else DatePrecision.DAY,
            evidence=evidence,
            confidence=round(candidate.confidence, 3),
        )
