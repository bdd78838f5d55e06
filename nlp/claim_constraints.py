"""What no claim may break, whatever the rules or the model decided.

- The accused is a party (company, person, organisation, authority, group): a model or product named
  as the accused stands for its developer, and is dropped when the developer is unknown.
- Courts and judges rule; they neither accuse nor are accused.
- The body a complaint goes to ("filed a complaint with the competition authority accusing Google") does
  not accuse in that sentence.
- No one accuses itself or its own corporate family.
- One accused per corporate family: "Alibaba Group" and "Alibaba Cloud" named in one accusation are
  one claim: the member named as the accused before the one named only as the means ("accused Alibaba
  of ... through Alibaba Cloud accounts"), then the surest.
- A settlement is of a dispute: a "settled" status needs a sentence about settling a suit, claims or
  charges ("shares settled lower" is no settlement); otherwise the status is read from the sentence's
  other words.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimgraph.records import ClaimStatus
from nlp import lexicon
from nlp.doc_data import ClaimCandidate
from nlp.syntax import PARTY_TYPES, Slots


def is_legal_settlement(sentence: Span) -> bool:
    """Whether the sentence settles a dispute, not a share price or the dust."""
    settling = [token for token in sentence if token.lemma_.lower() in lexicon.SETTLEMENT_WORDS]
    if not settling:
        return False
    words = {token.lower_ for token in sentence}
    for token in settling:
        near = {child.lower_ for child in token.children} | {token.head.lower_}
        subjects = {child.lower_ for child in token.children if child.dep_ in {"nsubj", "nsubjpass"}}
        if subjects & lexicon.MARKET_WORDS or (near & lexicon.MARKET_WORDS and not near & lexicon.SETTLED_MATTERS):
            continue
        if words & lexicon.SETTLED_MATTERS:
            return True
    return False


def _fallback_status(sentence: Span) -> ClaimStatus:
    words = {token.lemma_.lower() for token in sentence}
    if words & {"sue", "lawsuit", "suit", "complaint"}:
        return ClaimStatus.LAWSUIT_FILED
    return ClaimStatus.ALLEGED


def apply_constraints(doc: Doc, claims: list[ClaimCandidate], slots: Slots) -> list[ClaimCandidate]:
    """`claims` with every claim that breaks a constraint mended or dropped (see the module doc)."""
    kept: list[ClaimCandidate] = []
    judicial: dict[str, bool] = {}

    def is_judicial(entity_id: str) -> bool:
        if entity_id not in judicial:
            judicial[entity_id] = slots.is_judicial(entity_id)
        return judicial[entity_id]

    for claim in claims:
        accused = slots.as_party(claim.accused_id)
        accuser = claim.accuser_id
        if accused is None or slots.type_of(accused) not in PARTY_TYPES:
            continue
        if accused != claim.accused_id:
            claim = replace(claim, accused_id=accused, object_id=claim.object_id or claim.accused_id)
        if is_judicial(accuser) or is_judicial(accused):
            continue
        if _receives_complaint(claim, slots):
            continue
        if accuser == accused or slots.family(accuser) & slots.family(accused):
            continue
        if claim.status == ClaimStatus.SETTLED:
            sentence = doc[claim.sentence_start : claim.sentence_end]
            if not is_legal_settlement(sentence):
                claim = replace(claim, status=_fallback_status(sentence))
        kept.append(claim)
    return _one_per_family(kept, slots)


def _one_per_family(claims: list[ClaimCandidate], slots: Slots) -> list[ClaimCandidate]:
    """Per accuser and category, one claim against each corporate family: a member named in the sentence
    as the accused before one named only as the means or through its model, then the surest (the first
    at equal confidence)."""
    chosen: dict[tuple[str, str, frozenset[str]], tuple[tuple[bool, float], ClaimCandidate]] = {}
    for claim in claims:
        key = (claim.accuser_id, claim.category.value, frozenset(slots.family(claim.accused_id)))
        rank = (_named_as_accused(claim, slots), claim.confidence)
        if key not in chosen or rank > chosen[key][0]:
            chosen[key] = (rank, claim)
    kept = {id(claim) for _, claim in chosen.values()}
    return [claim for claim in claims if id(claim) in kept]


def _named_as_accused(claim: ClaimCandidate, slots: Slots) -> bool:
    """Whether the claim's sentence names the accused itself, not only as the means of the wrong ("through
    Alibaba Cloud accounts", "using Gemini") or through a model it makes ("Qwen" for Alibaba Cloud)."""
    return any(not _under_means(token) for token in _mentions_in_sentence(claim.accused_id, claim, slots))


def _receives_complaint(claim: ClaimCandidate, slots: Slots) -> bool:
    """Whether the accuser is named in the claim's sentence only as where a complaint goes."""
    mentions = _mentions_in_sentence(claim.accuser_id, claim, slots)
    return bool(mentions) and all(_complaint_recipient(token) for token in mentions)


def _mentions_in_sentence(entity_id: str, claim: ClaimCandidate, slots: Slots) -> list[Token]:
    """The tokens naming or describing the entity in the claim's sentence."""
    return [
        slots.doc[index] for index in slots.tokens_of(entity_id) if claim.sentence_start <= index < claim.sentence_end
    ]


def _complaint_recipient(token: Token) -> bool:
    """Whether the token's noun phrase is the object of "to", "with" or "before" after a complaint word."""
    node = token
    while node.dep_ in {"compound", "amod", "poss", "case", "appos", "flat"} and node.head.i != node.i:
        node = node.head
    preposition = node.head
    return (
        node.dep_ == "pobj"
        and preposition.lower_ in lexicon.RECIPIENT_PREPOSITIONS
        and preposition.head.lemma_.lower() in lexicon.COMPLAINT_WORDS
    )


def _under_means(token: Token) -> bool:
    """Whether the token's phrase hangs from a means word before reaching its clause's verb."""
    node = token
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        if node.dep_ in {"pobj", "dobj"} and node.head.lemma_.lower() in lexicon.MEANS_WORDS:
            return True
        node = node.head
    return False
