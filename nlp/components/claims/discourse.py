"""What carries across sentences: the suit a sentence is about, suits reported without their plaintiffs, the
article's established accused, and sentences that continue the last claim."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.categories import Cue, category_in
from nlp.components.claims.frame import ORGANISATION_TYPES, UNNAMED_SUIT_WINDOW, DocState, Frame
from nlp.components.claims.parties import speaker
from nlp.components.claims.tree import children, subtree_indices
from nlp.doc_data import ClaimCandidate
from nlp.syntax import SUBJECT_DEPS, Slots, is_hypothetical, is_negated, own_date_phrases, subject_of, tense_of


def adopt_unnamed_suit(sentence: Span, slots: Slots, state: DocState) -> Frame | None:
    """The suit reported without a plaintiff, sued by the plaintiffs this sentence names."""
    earlier, plaintiffs = state.unnamed_suit, [p for p in state.named_plaintiffs if p]
    state.named_plaintiffs = []
    if earlier is None or not plaintiffs:
        return None
    gap = state.sentence_index[sentence.start] - state.sentence_index[earlier.trigger.sent.start]
    if gap > UNNAMED_SUIT_WINDOW:
        return None
    state.adopt(earlier, plaintiffs, slots)
    adopted = Frame(
        sentence.root,
        plaintiffs,
        list(earlier.accused),
        set(earlier.region),
        0.8,
        status=ClaimStatus.LAWSUIT_FILED,
        allegation=earlier.allegation,
        date_verb=earlier.date_verb,
        allegation_heads=list(earlier.allegation_heads),
    )
    return adopted


def established_defendant(noun: Token, verb: Token, plaintiffs: list[str], slots: Slots, state: DocState) -> list[str]:
    """The defendant of a suit whose sentence names none ("a similar suit brought by Raw Story", "The
    Intercept's case", "Gruendel filed the lawsuit on Friday"): the article's established accused, when
    nothing nearby suggests another one — neither this nor the previous sentence names an organisation that
    is no party yet, the suit is no defendant's filing, no generic "files a complaint when ..." and not
    read by another frame."""
    if noun.lemma_ not in lexicon.SUIT_NOUNS or (noun.dep_ in SUBJECT_DEPS and verb.lemma_ in lexicon.SPEECH_LEMMAS):
        return []
    if any(child.pos_ == "PRON" for child in children(noun, "poss")):
        return []
    if noun.head.lower_ == "to" and noun.head.head.lower_ == "according":
        return []
    if any(token.lower_ in lexicon.GENERIC_MARKERS for token in verb.subtree):
        return []
    if any(claim.accused_id in plaintiffs for claim in state.claims):
        return []
    accused = state.established_accused(plaintiffs, slots)
    if not accused:
        return []
    parties = plaintiffs + accused + [claim.accuser_id for claim in state.claims]
    known = slots.families(parties)
    index = state.sentence_index[noun.sent.start]
    nearby = [state.sentences[index - 1]] if index > 0 else []
    for sentence in [*nearby, noun.sent]:
        for entity_id in slots.entities_in(sentence):
            kind = slots.type_of(entity_id)
            if kind in ORGANISATION_TYPES and entity_id not in known and not slots.is_judicial(entity_id):
                return []
    return accused


def inherited_category(state: DocState, accuser: str, accused: str) -> Category | None:
    """The category of the latest specific claim between the same accuser and accused."""
    for claim in reversed(state.claims):
        if claim.accuser_id == accuser and claim.accused_id == accused and claim.category != Category.OTHER:
            return claim.category
    return None


def discourse_gap(sentence: Span, last: ClaimCandidate, accusers: set[str], slots: Slots, state: DocState) -> int:
    """Sentences between the last claim and `sentence` that leave its accusers: sentences that
    name or describe one of them keep the accuser the topic and do not count."""
    first = state.sentence_index[last.sentence_start] + 1
    gap = 0
    for index in range(first, state.sentence_index[sentence.start]):
        between = state.sentences[index]
        if not any(slots.token_entity.get(i) in accusers for i in range(between.start, between.end)):
            gap += 1
    return gap


def continuation(
    sentence: Span, slots: Slots, cues: list[Cue], entity_tokens: set[int], state: DocState, window: int
) -> list[ClaimCandidate]:
    """A sentence whose speaker made the last claims, naming no accused: the same claims, a new category."""
    if not state.claims:
        return []
    last = state.claims[-1]
    previous = [claim for claim in state.claims if claim.sentence_start == last.sentence_start]
    if discourse_gap(sentence, last, {claim.accuser_id for claim in previous}, slots, state) >= (window):
        return []
    for verb in sentence:
        if verb.lemma_ not in lexicon.SAY_VERBS | lexicon.ACCUSE_VERBS or verb.pos_ != "VERB":
            continue
        if is_negated(verb) or is_hypothetical(verb):
            continue
        speakers = set(speaker(verb, slots, state))
        accusers = {claim.accuser_id for claim in previous}
        if not speakers or not speakers <= accusers:
            continue
        date_phrases = own_date_phrases(verb)
        for claim in previous:
            if not claim.date_phrases and date_phrases:
                claim.date_phrases = date_phrases
                claim.tense = tense_of(verb)
        region = (subtree_indices(verb) - entity_tokens) - {
            t.i for s in [subject_of(verb)] if s is not None for t in s.subtree
        }
        models = [
            e for e in slots.entities_in(verb.subtree) if slots.type_of(e) in {EntityType.MODEL, EntityType.PRODUCT}
        ]
        own_cues = [cue for cue in cues if slots.doc[cue.start].lower_ not in lexicon.WORK_NOUNS]
        category = category_in(own_cues, region, mentions_model=bool(models))
        if category is None:
            continue
        return [
            ClaimCandidate(
                accuser_id=claim.accuser_id,
                accused_id=claim.accused_id,
                category=category,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                trigger=verb.i,
                allegation=sentence.text.strip()[:300],
                status=claim.status,
                object_id=models[0] if models else claim.object_id,
                confidence=0.7,
                date_phrases=date_phrases or claim.date_phrases,
                tense=tense_of(verb) if date_phrases else claim.tense,
                continuation_of=state.claims.index(claim),
            )
            for claim in previous
            if claim.accuser_id in speakers
        ]
    return []
