"""Settlement, ruling and withdrawal sentences, and how they raise the status of the claims they concern."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.records import ClaimStatus, EntityType
from nlp import lexicon
from nlp.components.claims.frame import STATUS_RANK
from nlp.doc_data import ClaimCandidate, StatusCue
from nlp.syntax import Slots, governing_verb, is_negated, subject_of
from nlp.word_matcher import WordMatcher


def status_cues(doc: Doc, slots: Slots, words: WordMatcher) -> list[StatusCue]:
    """Sentences that settle, rule on or withdraw a matter, with the parties they name (found by `words`)."""
    found: list[StatusCue] = []
    for start, label in words(doc):
        token = doc[start]
        sentence = token.sent
        if label == "RULED":
            subject = subject_of(token)
            is_court = subject is not None and (
                subject.lemma_.lower() in lexicon.RULING_SUBJECTS
                or any(slots.type_of(e) == EntityType.COURT for e in slots.refers_to_all(subject))
            )
            if not is_court:
                continue
            status = ClaimStatus.RULED
        elif label == "RULING":
            status = ClaimStatus.RULED
        elif label == "RETRACTED":
            if not any(child.lemma_ in lexicon.LAWSUIT_NOUNS | lexicon.ACCUSATION_NOUNS for child in token.children):
                continue
            status = ClaimStatus.RETRACTED
        else:
            if is_negated(governing_verb(token)):
                continue
            status = ClaimStatus.SETTLED
        entity_ids = frozenset(slots.entities_in(sentence))
        found.append(StatusCue(status, sentence.start, entity_ids, generic=not entity_ids))
    return found


def apply_statuses(claims: list[ClaimCandidate], cues: list[StatusCue], slots: Slots) -> None:
    """Raise each claim to the strongest status a cue gives it: cues that name one of its parties' families, or none."""
    for claim in claims:
        parties = slots.family(claim.accuser_id) | slots.family(claim.accused_id)
        for cue in cues:
            applies = cue.generic or bool(cue.entity_ids & parties)
            if applies and STATUS_RANK[cue.status] > STATUS_RANK[claim.status]:
                claim.status = cue.status
