"""`claimgraph_responses_v1`: denials, rebuttals, admissions, apologies and "no comment".

Runs after the claim rules: a response is only kept when its responder is (or speaks for) an
accused party of a claim in the same document, and it is tied to that claim. A denial sets an
`alleged` claim's status to `denied`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from claimgraph.records import ClaimStatus, ResponseKind
from nlp import lexicon
from nlp.doc_data import ClaimCandidate, ResponseCandidate, register_extensions
from nlp.knowledge_base import load_knowledge_base
from nlp.lexicon import NEGATION_WORDS
from nlp.syntax import Slots, governing_verb, is_negated, own_date_phrases, subject_of, tense_of
from nlp.word_matcher import WordMatcher


class ResponseRules:
    """Finds `ResponseCandidate`s for the claims already on the document."""

    def __init__(self, nlp: Language, name: str, *, kb_dir: str = "") -> None:
        register_extensions()
        self.name = name
        self.kb = load_knowledge_base(kb_dir or None)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add(ResponseKind.NO_COMMENT.value, [nlp.make_doc(p) for p in lexicon.NO_COMMENT_PHRASES])
        self.phrases.add(ResponseKind.NO_RESPONSE.value, [nlp.make_doc(p) for p in lexicon.NO_RESPONSE_PHRASES])
        self.verbs = WordMatcher(nlp.vocab)
        verb_kinds = {
            ResponseKind.APOLOGY: lexicon.APOLOGY_VERBS,
            ResponseKind.ADMISSION: lexicon.ADMISSION_VERBS,
            ResponseKind.DENIAL: lexicon.DENIAL_VERBS,
            ResponseKind.REBUTTAL: lexicon.REBUTTAL_VERBS,
        }
        for kind, lemmas in verb_kinds.items():
            self.verbs.add(kind.value, lemmas=lemmas, pos=["VERB"])

    def _responders(self, verb: Token, slots: Slots, accused: set[str]) -> list[str]:
        """Who answers through `verb` (the speaker of a quote counts), kept to accused parties."""
        candidates: list[str] = []
        heads = [verb]
        sentence_root = verb.sent.root
        if sentence_root.lemma_ in lexicon.SAY_VERBS and sentence_root.i != verb.i:
            heads.insert(0, sentence_root)
        for head in heads:
            subject = subject_of(head)
            if subject is None or subject.lemma_.lower() in lexicon.RULING_SUBJECTS:
                continue
            for entity_id in slots.refers_to_all(subject):
                party = slots.as_party(entity_id) or entity_id
                if party in accused or slots.family(party) & accused:
                    candidates.append(party)
            if candidates:
                break
        return candidates

    @staticmethod
    def _claim_for(responder: str, sentence: Span, claims: list[ClaimCandidate], slots: Slots) -> int | None:
        family = slots.family(responder)
        mentioned = set(slots.entities_in(sentence))
        options = [index for index, claim in enumerate(claims) if claim.accused_id in family]
        if not options:
            return None
        for index in options:
            if claims[index].accuser_id in mentioned and claims[index].sentence_start <= sentence.start:
                return index
        earlier = [index for index in options if claims[index].sentence_start <= sentence.start]
        return earlier[-1] if earlier else options[0]

    def _kind(self, label: str, verb: Token) -> ResponseKind | None:
        kind = ResponseKind(label)
        if kind in {ResponseKind.ADMISSION, ResponseKind.APOLOGY} and is_negated(verb):
            return None
        if kind == ResponseKind.DENIAL and is_negated(verb):
            return None
        if kind == ResponseKind.REBUTTAL:
            clause = [
                token for child in verb.children if child.dep_ in {"ccomp", "oprd", "dobj"} for token in child.subtree
            ]
            words = {token.lower_ for token in clause}
            if words & NEGATION_WORDS or words & lexicon.DENIAL_WORDS:
                return ResponseKind.DENIAL
        return kind

    def __call__(self, doc: Doc) -> Doc:
        claims: list[ClaimCandidate] = doc._.cg_claims or []
        responses: list[ResponseCandidate] = []
        if not claims:
            doc._.cg_responses = responses
            return doc
        slots = Slots(doc, self.kb)
        accused = {claim.accused_id for claim in claims}
        claim_speakers = {(claim.sentence_start, claim.accuser_id) for claim in claims}
        found: dict[int, list[tuple[ResponseKind, Token]]] = {}
        for match_id, start, _ in self.phrases(doc):
            found.setdefault(doc[start].sent.start, []).append((ResponseKind(doc.vocab.strings[match_id]), doc[start]))
        for start, label in self.verbs(doc):
            kind = self._kind(label, doc[start])
            if kind is not None:
                found.setdefault(doc[start].sent.start, []).append((kind, doc[start]))
        for sentence_start, hits in sorted(found.items()):
            order = lexicon.RESPONSE_KIND_ORDER
            kind, token = min(hits, key=lambda hit: (order.index(hit[0]), hit[1].i))
            verb = governing_verb(token)
            sentence = token.sent
            responders = self._responders(verb, slots, accused)
            if not responders and kind in {ResponseKind.NO_COMMENT, ResponseKind.NO_RESPONSE}:
                responders = [claims[-1].accused_id] if claims[-1].sentence_start < sentence_start else []
            for responder in responders:
                if (sentence_start, responder) in claim_speakers:
                    continue
                index = self._claim_for(responder, sentence, claims, slots)
                if index is None:
                    continue
                responses.append(
                    ResponseCandidate(
                        responder_id=responder,
                        claim_index=index,
                        kind=kind,
                        sentence_start=sentence.start,
                        sentence_end=sentence.end,
                        date_phrases=own_date_phrases(verb),
                        tense=tense_of(verb),
                    )
                )
                if kind == ResponseKind.DENIAL and claims[index].status == ClaimStatus.ALLEGED:
                    claims[index].status = ClaimStatus.DENIED
        doc._.cg_responses = responses
        return doc


@Language.factory("claimgraph_responses_v1", default_config={"kb_dir": ""})
def make_response_rules(nlp: Language, name: str, kb_dir: str) -> ResponseRules:
    """The response rules; `kb_dir` empty means the packaged `nlp/kb/` folder."""
    return ResponseRules(nlp, name, kb_dir=kb_dir)
