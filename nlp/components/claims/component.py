"""The `claimgraph_claims_v1` component: triggers found, frames read, claims emitted sentence by sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from nlp.categories import CategoryCues
from nlp.components.claims.authorities import (
    cease_and_desist,
    enforce,
    examine,
    investigate,
    investigation,
    penalty,
    sanction,
)
from nlp.components.claims.discourse import adopt_unnamed_suit, continuation
from nlp.components.claims.emit import emit, members_for_groups, merge_sentence, without_shadow_claims
from nlp.components.claims.frame import STATUS_RANK, DocState, Frame
from nlp.components.claims.kinds import settle_categories
from nlp.components.claims.shapes import ShapeMatcher
from nlp.components.claims.speech import according, accusation, accuse, asked_to_stop, say
from nlp.components.claims.statuses import apply_statuses, status_cues
from nlp.components.claims.suits import defendant, lawsuit, more_plaintiffs, seek_damages, settle, sue, to_court
from nlp.doc_data import ClaimCandidate, register_extensions
from nlp.knowledge_base import load_knowledge_base
from nlp.patterns import load, words
from nlp.syntax import Slots
from nlp.word_matcher import WordMatcher

FrameReader = Callable[[Token, Slots, DocState], list[Frame]]
# The frame reader of each trigger kind.
FRAMES: dict[str, FrameReader] = {
    "ACCUSE": accuse,
    "SUE": sue,
    "SANCTION": sanction,
    "INVESTIGATE": investigate,
    "EXAMINE": examine,
    "ENFORCE": enforce,
    "SAY": say,
    "LAWSUIT": lawsuit,
    "ACCUSATION": accusation,
    "ACCORDING": according,
    "INVESTIGATION": investigation,
    "SETTLE": settle,
    "DEFENDANT": defendant,
    "DESIST": cease_and_desist,
    "COURT": to_court,
    "PENALTY": penalty,
    "PLAINTIFF": more_plaintiffs,
    "STOP": asked_to_stop,
    "SEEK": seek_damages,
}


def word_matcher(vocab: Vocab, table: str) -> WordMatcher:
    """A `WordMatcher` of one table of nlp/patterns/claim_triggers.yaml (its words are in `nlp.lexicon`)."""
    matcher = WordMatcher(vocab)
    for rule in load("claim_triggers")[table]:
        lemmas = words(rule.get("lemmas", []))
        lowers = set(words(rule.get("lowers", [])))
        if rule.get("inflect"):
            lowers |= verb_forms(lemmas)
        matcher.add(rule["label"], lemmas=lemmas, lowers=lowers, pos=rule.get("pos", []))
    return matcher


def verb_forms(lemmas: Iterable[str]) -> set[str]:
    """Regular inflections of each lemma, for when the lemmatizer errs ("fined" -> "fin")."""
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", stem + "ed", stem + "ing"}
    return forms


class ClaimRules:
    """Finds `ClaimCandidate`s in a document (see the package doc)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        kb_dir: str = "",
        min_confidence: float = 0.0,
        continuation_window: int = 2,
    ) -> None:
        register_extensions()
        self.name = name
        self.kb = load_knowledge_base(kb_dir or None)
        self.min_confidence = min_confidence
        self.continuation_window = continuation_window
        self.cues = CategoryCues(nlp)
        self.triggers = word_matcher(nlp.vocab, "triggers")
        self.status_words = word_matcher(nlp.vocab, "status_words")
        self.shapes = ShapeMatcher(nlp.vocab)
        self.frames: dict[str, FrameReader] = dict(FRAMES)

    def __call__(self, doc: Doc) -> Doc:
        slots = Slots(doc, self.kb)
        cues = self.cues.find(doc)
        entity_tokens = set(slots.token_entity)
        by_sentence: dict[int, list[tuple[int, str]]] = {}
        shapes = self.shapes(doc)
        found_shapes = [(start, label) for label in self.shapes.trigger_labels for start in shapes[label]]
        for start, label in self.triggers(doc) + found_shapes:
            by_sentence.setdefault(doc[start].sent.start, []).append((start, label))
        sentences = list(doc.sents)
        state = DocState(
            sentence_index={sentence.start: index for index, sentence in enumerate(sentences)},
            sentences=sentences,
            shapes=shapes,
        )
        for sentence in sentences:
            if sentence.text.rstrip().rstrip("\"'”’").endswith("?"):
                continue
            found: list[ClaimCandidate] = []
            fallbacks: list[Frame] = []
            unnamed_target = False
            for start, label in sorted(by_sentence.get(sentence.start, [])):
                for frame in self.frames[label](doc[start], slots, state):
                    # "The FTC also filed a complaint against a business opportunity scheme ...": a new accused
                    # the rules cannot name; the sentence continues no earlier claim.
                    unnamed_target = unnamed_target or (label != "SAY" and bool(frame.accusers) and not frame.accused)
                    if frame.fallback:
                        fallbacks.append(frame)
                    else:
                        found += emit(frame, slots, cues, entity_tokens, state)
            for frame in fallbacks:
                # A defendant taken from the article only when no trigger of the sentence names one; else the
                # suit lends its status ("X filed the lawsuit on Friday, accusing Figure of ...").
                named = [claim for claim in found if claim.accuser_id in frame.accusers]
                for claim in named:
                    if STATUS_RANK[frame.status] > STATUS_RANK[claim.status]:
                        claim.status = frame.status
                if not named:
                    found += emit(frame, slots, cues, entity_tokens, state)
            adopted = adopt_unnamed_suit(sentence, slots, state)
            if adopted is not None:
                found += emit(adopted, slots, cues, entity_tokens, state)
            if not found and not unnamed_target:
                found = continuation(sentence, slots, cues, entity_tokens, state, self.continuation_window)
            state.claims += merge_sentence(found)
            state.follow_topic(sentence)
        state.claims = members_for_groups(state.claims, state.group_members)
        state.claims = without_shadow_claims(state.claims, slots)
        apply_statuses(state.claims, status_cues(doc, slots, self.status_words), slots)
        settle_categories(state.claims, cues)
        doc._.cg_claims = [claim for claim in state.claims if claim.confidence >= self.min_confidence]
        doc._.cg_statuses = []
        return doc


@Language.factory(
    "claimgraph_claims_v1",
    default_config={"kb_dir": "", "min_confidence": 0.0, "continuation_window": 2},
)
def make_claim_rules(
    nlp: Language, name: str, kb_dir: str, min_confidence: float, continuation_window: int
) -> ClaimRules:
    """The claim rules; `kb_dir` empty means the packaged `nlp/kb/` folder."""
    return ClaimRules(nlp, name, kb_dir=kb_dir, min_confidence=min_confidence, continuation_window=continuation_window)
