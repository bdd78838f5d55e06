"""`claimgraph_claims_v1`: accusation claims (accuser -> accused, category, status) from the parse.

A token `Matcher` finds the triggers named in `nlp.lexicon` (accuse, sue, fine, say, "lawsuit",
"claims by", "according to", ...); one small frame function per trigger kind reads the accuser
and the accused off the dependency parse through `nlp.syntax.Slots`. The category comes from the
cue words in the clause that states the allegation; a sentence by the same accuser that names no
accused but cues a category continues the previous claim ("The start-up said the activity
breached its terms of service."). Settlement, ruling and withdrawal sentences set statuses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.categories import CategoryCues, Cue, category_in
from nlp.doc_data import ClaimCandidate, StatusCue, register_extensions
from nlp.knowledge_base import load_knowledge_base
from nlp.syntax import (
    LINK_WORDS,
    PARTY_TYPES,
    PERSON_PRONOUNS,
    SUBJECT_DEPS,
    Slots,
    governing_verb,
    in_open_question,
    is_hypothetical,
    is_infinitive,
    is_negated,
    is_prospective,
    own_date_phrases,
    subject_of,
    tense_of,
)
from nlp.word_matcher import WordMatcher

STATUS_RANK = {
    ClaimStatus.ALLEGED: 0,
    ClaimStatus.DENIED: 1,
    ClaimStatus.LAWSUIT_FILED: 2,
    ClaimStatus.RULED: 3,
    ClaimStatus.SETTLED: 4,
    ClaimStatus.RETRACTED: 5,
}
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "parataxis"})
# Who can accuse: every kind of party.
ACCUSER_TYPES = PARTY_TYPES
HEDGE_WORDS = frozenset({"may", "might", "could", "possibly", "likely", "apparently", "believe", "suspect"})
ACTION_VERBS = frozenset({"announce", "take", "bring", "file", "launch", "open", "pursue", "unseal"})
INVESTIGATION_NOUNS = frozenset({"investigation", "probe", "inquiry"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "i"})
DEFINITE_WORDS = frozenset({"the", "this", "that"})
SUIT_NOUNS = frozenset({"lawsuit", "suit", "case", "complaint", "action", "litigation"})
GENERIC_MARKERS = frozenset({"when", "whenever", "if"})
ORGANISATION_TYPES = frozenset({EntityType.COMPANY, EntityType.OUTLET, EntityType.ORGANIZATION, EntityType.REGULATOR})
# Verbs that read a suit noun subject themselves ("The lawsuit accuses ...", "The suit says ...").
SPEECH_LEMMAS = lexicon.ACCUSE_VERBS | lexicon.SUE_VERBS | lexicon.SAY_VERBS
UNNAMED_SUIT_WINDOW = 3
CHARGE_VERBS = frozenset({"charge", "indict"})
MODEL_WORDS = frozenset({"model", "models"})
PROSECUTOR_NOUNS = frozenset({"prosecutor", "official"})
# The knowledge base's ids of state attorneys general's offices end so ("texas-attorney-general").
STATE_PROSECUTOR_SUFFIX = "-attorney-general"
DESIST_NOUNS = frozenset({"letter", "order", "notice", "demand"})
DESIST_VERBS = frozenset({"send", "issue", "deliver", "serve", "fire"})
SETTLED_NOUNS = lexicon.ACCUSATION_NOUNS | lexicon.LAWSUIT_NOUNS | INVESTIGATION_NOUNS
PLAINTIFF_TYPES = frozenset({EntityType.PERSON, EntityType.COMPANY, EntityType.OUTLET, EntityType.ORGANIZATION})


@dataclass
class Frame:
    """What one trigger says: who accuses whom, where the allegation is, how sure we are."""

    trigger: Token
    accusers: list[str]
    accused: list[str]
    region: set[int]
    confidence: float
    status: ClaimStatus = ClaimStatus.ALLEGED
    needs_cue: bool = False
    allegation: Span | None = None
    date_verb: Token | None = None
    allegation_heads: list[Token] = field(default_factory=list)
    inherited: list[Category] = field(default_factory=list)
    fallback: bool = False


@dataclass
class _DocState:
    claims: list[ClaimCandidate] = field(default_factory=list)
    plaintiffs: list[str] = field(default_factory=list)
    unnamed_suit: Frame | None = None
    named_plaintiffs: list[str] = field(default_factory=list)
    sentence_index: dict[int, int] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    documents: dict[str, list[str]] = field(default_factory=dict)
    group_members: dict[str, list[str]] = field(default_factory=dict)
    topic_suit: Token | None = None

    def follow_topic(self, sentence: Span) -> None:
        """The suit a sentence is about, when its subject is one ("The complaint says ..."), kept while the
        next sentences go on with "It ..."."""
        subject = subject_of(sentence.root)
        if subject is not None and subject.lemma_ in SUIT_NOUNS:
            self.topic_suit = subject
        elif subject is None or subject.lower_ != "it":
            self.topic_suit = None

    def established_accused(self, plaintiffs: list[str], slots: Slots) -> list[str]:
        """The party the article's claims so far accuse most often (the first of a tie), unless it is one
        of `plaintiffs`' family: the defendant of a suit whose sentence names none."""
        families = slots.families(plaintiffs)
        counts = Counter(claim.accused_id for claim in self.claims if claim.accused_id not in families)
        if not counts:
            return []
        top = counts.most_common(1)[0][0]
        # "sued OpenAI and Microsoft ... a similar suit brought by Raw Story": the co-defendants of the suit
        # that accused it first are the defendants too.
        first = next(claim for claim in self.claims if claim.accused_id == top)
        together = [
            claim.accused_id
            for claim in self.claims
            if claim.sentence_start == first.sentence_start
            and claim.accuser_id == first.accuser_id
            and claim.accused_id not in families
        ]
        return list(dict.fromkeys([top, *together]))

    def defendants_of(self, plaintiffs: list[str]) -> list[str]:
        """The accused of the latest claims by `plaintiffs` (the defendants of their suit)."""
        for claim in reversed(self.claims):
            if claim.accuser_id in plaintiffs:
                return [
                    c.accused_id
                    for c in self.claims
                    if c.sentence_start == claim.sentence_start and c.accuser_id in plaintiffs
                ]
        return []

    def adopt(self, earlier: Frame, plaintiffs: list[str], slots: Slots) -> None:
        """The plaintiffs named for a suit reported without them, or with only a group ("Eight daily
        newspapers ... have sued OpenAI"): the group's claims are theirs."""
        self.unnamed_suit = None
        self.plaintiffs[:] = plaintiffs
        for accuser in earlier.accusers:
            if slots.type_of(accuser) == EntityType.GROUP:
                self.group_members[accuser] = list(plaintiffs)


def verb_forms(lemmas: Iterable[str]) -> set[str]:
    """Regular inflections of each lemma, for when the lemmatizer errs ("fined" -> "fin")."""
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", stem + "ed", stem + "ing"}
    return forms


def _subtree_indices(token: Token) -> set[int]:
    return {descendant.i for descendant in token.subtree}


def _region(trigger: Token, without: Iterable[Token] = ()) -> set[int]:
    region = _subtree_indices(trigger)
    for token in without:
        region -= _subtree_indices(token)
    return region


def _children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, *words: str) -> list[Token]:
    objects = []
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in words:
            objects += [grandchild for grandchild in child.children if grandchild.dep_ in {"pobj", "pcomp"}]
    return objects


def allegation_parts(heads: list[Token]) -> list[Token]:
    """The coordinated allegations under `heads`: each head, its conjuncts and the gerunds inside
    ("of distilling Claude, breaching its terms and stealing trade secrets" -> three parts)."""
    parts: list[Token] = []
    for head in heads:
        for token in (head, *head.conjuncts, *head.subtree):
            is_part = token.i == head.i or token.i in {conjunct.i for conjunct in head.conjuncts}
            is_part = is_part or (token.tag_ == "VBG" and token.dep_ in {"conj", "advcl", "pcomp"})
            # "alleging that it violates copyright and misleads readers": the reported clause and what is
            # coordinated with it (the parser may read "misleads readers" as a noun phrase).
            after_part = any(part.i == token.head.i and part.pos_ in {"VERB", "AUX"} for part in parts)
            is_part = is_part or (
                after_part and (token.dep_ == "conj" or (token.dep_ == "ccomp" and token.pos_ == "VERB"))
            )
            if is_part and all(part.i != token.i for part in parts):
                parts.append(token)
    return parts


def _denied(clause: Token) -> bool:
    """A reported clause that denies rather than alleges: "it did not copy", "it had no interest in ...";
    an inability is an allegation ("DoNotPay could not substantiate its claims")."""
    if is_negated(clause):
        return not any(child.lower_ in {"could", "can", "ca"} for child in _children(clause, "aux"))
    objects = _children(clause, "dobj", "attr")
    return any(det.lower_ == "no" for obj in objects for det in _children(obj, "det"))


def _open_question(clause: Token) -> bool:
    """A clause opened by "whether"/"if": "into whether X violated ..."."""
    return any(child.dep_ == "mark" and child.lower_ in lexicon.HYPOTHETICAL_MARKERS for child in clause.children)


def _replaced(categories: list[Category], old: Category, new: Category) -> list[Category]:
    """`categories` with `old` replaced by `new`, in order, without repeats."""
    return list(dict.fromkeys(new if category == old else category for category in categories))


def _clause_frame(
    trigger: Token, accusers: list[str], accused: list[str], clause: Token, confidence: float, *, date_verb: Token
) -> Frame:
    """A frame whose allegation is one clause, which must cue a category ("whether X breaches ...", "to stop
    training on its works")."""
    region = _subtree_indices(clause)
    return Frame(
        trigger,
        accusers,
        accused,
        region,
        confidence,
        needs_cue=True,
        allegation=_span_of(region, trigger.doc),
        date_verb=date_verb,
        allegation_heads=[clause],
    )


def _hit_with(noun: Token) -> bool:
    """The noun is what someone was hit with: "hit Anthropic with a lawsuit", "slapped OpenAI with a fine"."""
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ == "with"
        and preposition.head.lemma_ in lexicon.HIT_WITH_VERBS
        and bool(_children(preposition.head, "dobj", "nsubjpass"))
    )


def _falsehood_about(person: str, region: set[int], slots: Slots) -> bool:
    """The allegation is of false statements about the accusing person: a word of falsehood and the person
    named or referred to by a personal pronoun in it."""
    if slots.type_of(person) != EntityType.PERSON:
        return False
    doc = slots.doc
    if not any(doc[i].lemma_.lower() in lexicon.FALSEHOOD_WORDS for i in region):
        return False
    return any(
        slots.token_entity.get(i) == person
        or (doc[i].lower_ in PERSON_PRONOUNS and person in slots.refers_to(doc[i], set()))
        for i in region
    )


def _dominant_kind(cues: list[Cue]) -> Counter[Category]:
    """The one kind of wrong an article's strong cues are mostly about (at least twice as often as any
    other, and more than once), as a count; empty when the article is mixed or says little."""
    counts = Counter(cue.category for cue in cues if cue.category not in {None, Category.OTHER} and not cue.weak)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return Counter()
    return Counter({ranked[0][0]: ranked[0][1]})


def _in_apposition(first: str, second: str, slots: Slots) -> bool:
    """One entity is named in apposition to the other ("the attorney general, William Tong")."""
    for index in slots.tokens_of(second):
        token = slots.doc[index]
        if token.dep_ == "appos" and slots.token_entity.get(token.head.i) == first:
            return True
        if any(child.dep_ == "appos" and slots.token_entity.get(child.i) == first for child in token.children):
            return True
    return False


def _misread_complements(verb: Token) -> list[Token]:
    """A "that" clause the parser hung on a noun as a relative clause: "claiming in a federal lawsuit that
    Google uses its monopoly", "demanded in a letter that Perplexity stop scraping" (the clause has an object
    of its own besides "that", so "that" is no object)."""
    found = []
    for noun in _prep_objects(verb, "in"):
        for clause in _children(noun, "relcl"):
            objects = _children(clause, "dobj", "xcomp", "ccomp")
            if len(objects) >= 2 and any(obj.lower_ == "that" and obj.dep_ == "dobj" for obj in objects):
                found.append(clause)
    return found


def _possessed_by(noun: Token, owner: str, slots: Slots) -> bool:
    """The noun belongs to `owner` ("Suno's model", "its models" said of Suno)."""
    owners = [child for child in noun.children if child.dep_ == "poss"]
    return any(owner in slots.refers_to(child, set()) for child in owners)


def _member_of(noun: Token) -> Token | None:
    """The subject of "X is one of the N ..." or "X is among the N ...", when `noun` is the N."""
    holder = noun.head
    if noun.dep_ != "pobj" or holder.lower_ not in {"of", "among"}:
        return None
    if holder.lower_ == "of":
        holder = holder.head
        if holder.lower_ != "one":
            return None
    copula = holder.head
    if copula.lemma_ != "be" or holder.dep_ not in {"attr", "prep"}:
        return None
    return next((child for child in copula.children if child.dep_ == "nsubj"), None)


def _suit_pronoun(subject: Token, state: _DocState) -> Token | None:
    """The suit an "It" subject stands for, right after sentences about a suit ("The complaint says ...
    It also alleges ...")."""
    if subject.lower_ != "it" or state.topic_suit is None or state.topic_suit.i >= subject.i:
        return None
    if subject.head.i != subject.sent.root.i:
        return None
    return state.topic_suit


def _relative(clause: Token) -> bool:
    """A relative clause: "(a claim) that the Times did not emphasise", where "that" is an argument."""
    return any(
        child.lower_ in {"that", "which", "who"} and child.dep_ in {"nsubj", "nsubjpass", "dobj"}
        for child in clause.children
    )


def _alleged_failure(clause: Token, verb: Token, slots: Slots, exclude: set[str]) -> bool:
    """A negated reported clause that states a failure, not a denial: alleged ("The complaint alleges that
    the company did not test its chatbot"), or said of another party named in it ("the ANPD said Meta's
    policy did not give users adequate information"); "it did not copy" and "the company had no interest
    in ..." stay denials."""
    if not is_negated(clause):
        return False
    if verb.lemma_ in lexicon.ALLEGING_VERBS:
        return True
    subject = subject_of(clause)
    if subject is None or subject.lemma_ in lexicon.ACCUSATION_NOUNS | lexicon.LAWSUIT_NOUNS:
        return False
    named = [token for token in (subject, *_children(subject, "poss")) if token.pos_ == "PROPN"]
    parties = [party for token in named for party in slots.refers_to_all(token)]
    # Whoever the speaker's side of the sentence names ("Mercor co-founder Surya Midha said ...") speaks for it.
    speaker_side = set(slots.entities_in(token for token in verb.sent if token.i < verb.i))
    return bool(parties) and not any(slots.family(party) & (exclude | speaker_side) for party in parties)


def _kind_modifiers(noun: Token, slots: Slots) -> list[Token]:
    """The words naming what a complaint is about: "a defamation and data protection complaint"."""
    return [child for child in _children(noun, "compound", "amod", "nmod") if child.i not in slots.token_entity]


def _falsely_reported(trigger: Token) -> bool:
    """A trigger inside what someone is said to have reported falsely ("the feature falsely told users
    that the company was being sued by the attorney general")."""
    for ancestor in trigger.ancestors:
        if ancestor.lemma_ in lexicon.SAY_VERBS and any(
            child.lower_ in lexicon.FALSE_REPORT_WORDS for child in ancestor.children
        ):
            return True
    return False


def _named_in(phrase: Token | None, slots: Slots, verb: Token) -> set[str]:
    """Every party a speaker's noun phrase names ("a number of publishers, including Forbes and Condé Nast"),
    outside what the speaker says (`verb`): none of them is accused by the phrase's own speaker."""
    if phrase is None:
        return set()
    said = _subtree_indices(verb)
    named: set[str] = set()
    for token in phrase.subtree:
        if token.i in said:
            continue
        named |= set(slots.token_group.get(token.i, []))
        if token.i in slots.token_entity:
            named.add(slots.token_entity[token.i])
    return named


def _same_name(first: str, second: str, slots: Slots) -> bool:
    """One name the first words of the other ("Larkspur" and "Larkspur Media Group"), or for people the
    last ("Gruendel" and "Robert Gruendel"): one party."""
    first_words, second_words = slots.name_of(first).lower().split(), slots.name_of(second).lower().split()
    shorter, longer = sorted((first_words, second_words), key=len)
    if not shorter:
        return False
    people = slots.type_of(first) == slots.type_of(second) == EntityType.PERSON
    return longer[: len(shorter)] == shorter or (people and longer[-len(shorter) :] == shorter)


def _note_document(verb: Token, slots: Slots, state: _DocState) -> None:
    """Who wrote the document a speaker speaks in ("X said in a letter ..."), for a later "The letter said"."""
    subject = subject_of(verb)
    for document in _prep_objects(verb, "in"):
        authors = slots.refers_to_all(subject) if subject is not None else []
        if authors and document.lemma_ in lexicon.DOCUMENT_NOUNS:
            state.documents[document.lemma_] = authors


def _document_clause(verb: Token) -> list[Token]:
    """The reported clause the parser hung off the document a speaker speaks in: "said in a report that
    DeepSeek ...", "alleged in a complaint filed on Monday that ..."."""
    for document in _prep_objects(verb, "in"):
        if document.lemma_ not in lexicon.DOCUMENT_NOUNS | lexicon.LAWSUIT_NOUNS | lexicon.SPEECH_NOUNS:
            continue
        for token in document.subtree:
            marked = any(child.dep_ == "mark" and child.lower_ == "that" for child in token.children)
            if marked and token.pos_ in {"VERB", "AUX"} and token.i > document.i:
                return [token]
    return []


def _span_of(tokens: set[int], doc: Doc) -> Span | None:
    if not tokens:
        return None
    return doc[min(tokens) : max(tokens) + 1]


class ClaimRules:
    """Finds `ClaimCandidate`s in a document (see the module doc)."""

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
        self.triggers = WordMatcher(nlp.vocab)
        verb_sets = {
            "ACCUSE": lexicon.ACCUSE_VERBS,
            "SUE": lexicon.SUE_VERBS,
            "SANCTION": lexicon.SANCTION_VERBS,
            "INVESTIGATE": lexicon.INVESTIGATE_VERBS,
            "EXAMINE": lexicon.EXAMINE_VERBS,
            "ENFORCE": lexicon.ENFORCE_VERBS,
            "SAY": lexicon.SAY_VERBS,
            "SETTLE": lexicon.SETTLE_VERBS,
        }
        for label, lemmas in verb_sets.items():
            self.triggers.add(label, lemmas=lemmas, lowers=verb_forms(lemmas), pos=["VERB"])
        self.triggers.add("LAWSUIT", lemmas=lexicon.LAWSUIT_NOUNS, pos=["NOUN"])
        self.triggers.add("ACCUSATION", lemmas=lexicon.ACCUSATION_NOUNS, pos=["NOUN"])
        self.triggers.add("ACCORDING", lowers=["according"])
        self.triggers.add("INVESTIGATION", lemmas=INVESTIGATION_NOUNS, pos=["NOUN"])
        self.triggers.add("DEFENDANT", lemmas=["defendant"], pos=["NOUN"])
        self.triggers.add("DESIST", lowers=["desist", "cease-and-desist"])
        self.triggers.add("COURT", lemmas=["court"], lowers=["court"], pos=["NOUN", "PROPN"])
        self.triggers.add("PLAINTIFF", lemmas=["plaintiff"], pos=["NOUN"])
        self.triggers.add("STOP", lemmas=lexicon.STOP_VERBS, pos=["VERB"])
        self.triggers.add("SEEK", lemmas=["seek"], lowers=["seeking", "seeks", "sought"], pos=["VERB"])
        self.triggers.add("PENALTY", lemmas=lexicon.PENALTY_NOUNS, pos=["NOUN"])
        self.status_words = WordMatcher(nlp.vocab)
        self.status_words.add("SETTLED", lemmas=lexicon.SETTLEMENT_WORDS)
        self.status_words.add("RULED", lemmas=lexicon.RULING_VERBS, pos=["VERB"])
        self.status_words.add("RULING", lemmas=["ruling", "verdict", "judgment", "judgement"])
        self.status_words.add("RETRACTED", lemmas=lexicon.RETRACTION_VERBS, pos=["VERB"])
        self.frames: dict[str, Callable[[Token, Slots, _DocState], list[Frame]]] = {
            "ACCUSE": self._accuse,
            "SUE": self._sue,
            "SANCTION": self._sanction,
            "INVESTIGATE": self._investigate,
            "EXAMINE": self._examine,
            "ENFORCE": self._enforce,
            "SAY": self._say,
            "LAWSUIT": self._lawsuit,
            "ACCUSATION": self._accusation,
            "ACCORDING": self._according,
            "INVESTIGATION": self._investigation,
            "SETTLE": self._settle,
            "DEFENDANT": self._defendant,
            "DESIST": self._cease_and_desist,
            "COURT": self._to_court,
            "PENALTY": self._penalty,
            "PLAINTIFF": self._more_plaintiffs,
            "STOP": self._asked_to_stop,
            "SEEK": self._seek_damages,
        }

    # --- slot helpers ---------------------------------------------------------------------
    def _plaintiff(self, noun: Token, slots: Slots, state: _DocState) -> list[str]:
        """Who brought a lawsuit named by `noun`: "X's lawsuit", "a suit filed by X", or the last plaintiff."""
        for child in _children(noun, "poss", "compound"):
            found = slots.refers_to_all(child, roles=False)
            if found:
                return found
        agents = [agent for participle in _children(noun, "acl") for agent in _prep_objects(participle, "by")]
        for agent in agents + _prep_objects(noun, "by", "from"):
            found = slots.refers_to_all(agent)
            if found:
                if any(child.lower_ == "the" for child in noun.children):
                    # "The lawsuit, led by shareholder Eric Tucker, says ...": the plaintiff of a suit reported before.
                    state.named_plaintiffs += found
                return found
        verb = governing_verb(noun)
        if noun.dep_ == "dobj" and verb.lemma_ in lexicon.FILE_VERBS | ACTION_VERBS:
            # "The Justice Department unsealed an indictment charging ...": who filed the document.
            found = self._own_speaker(verb, slots, state)
            if found:
                return found
        return list(state.plaintiffs)

    def _speaker(self, verb: Token, slots: Slots, state: _DocState) -> list[str]:
        found = self._own_speaker(verb, slots, state)
        if found:
            found += [entity for entity in self._companions(verb, slots) if entity not in found]
        return found

    @staticmethod
    def _companions(verb: Token, slots: Slots) -> list[str]:
        """Co-plaintiffs beside the subject: "X, joined by Y, sued ...", "X, along with Y, sued ...",
        "X sued Z together with Y"."""
        subject = subject_of(verb)
        heads = (
            [
                agent
                for joined in _children(subject, "acl")
                if joined.lemma_ == "join"
                for agent in _prep_objects(joined, "by")
            ]
            if subject is not None
            else []
        )
        for owner in [verb] + ([subject] if subject is not None else []):
            for prep in _children(owner, "prep"):
                if prep.lower_ in {"along", "together"}:
                    heads += _prep_objects(prep, "with")
        found = [entity for head in heads for entity in slots.refers_to_all(head)]
        return [entity for entity in found if slots.type_of(entity) != EntityType.GROUP]

    def _own_speaker(self, verb: Token, slots: Slots, state: _DocState) -> list[str]:
        subject = subject_of(verb)
        if subject is None:
            return []
        if subject.lemma_ in lexicon.LAWSUIT_NOUNS and subject.i not in slots.token_entity:
            return self._plaintiff(subject, slots, state)
        suit = _suit_pronoun(subject, state)
        if suit is not None:
            return self._plaintiff(suit, slots, state)
        member = _member_of(subject) if subject.i == verb.head.i and verb.dep_ in {"acl", "relcl"} else None
        if member is not None:
            # "The Chicago Tribune is one of eight newspapers suing OpenAI": the member named by the copula.
            found = slots.refers_to_all(member)
            if found:
                return found
        found = slots.refers_to_all(subject)
        if not found and subject.lemma_ in lexicon.DOCUMENT_NOUNS and subject.i not in slots.token_entity:
            # "the Claude developer published a report saying that ...": the author of the document speaks.
            author = subject_of(governing_verb(subject)) if subject.dep_ in {"dobj", "nsubjpass"} else None
            found = slots.refers_to_all(author) if author is not None and author.i != subject.i else []
            if found:
                state.documents[subject.lemma_] = found
            elif any(child.lower_ in DEFINITE_WORDS for child in _children(subject, "det")):
                # "The report said ...": the report an earlier sentence said who wrote.
                found = list(state.documents.get(subject.lemma_, []))
        return found

    def _clause_accused(self, clause: Token, slots: Slots, exclude: set[str], *, said: bool = False) -> list[str]:
        """The accused inside a reported clause: its subjects first, then what people are linked to.
        In what someone `said`, a pronoun subject of the clause is the speaker itself ("X said it had seen ...")."""
        subjects = [
            token for token in clause.subtree if token.dep_ in SUBJECT_DEPS and not in_open_question(token, clause)
        ]
        for subject in subjects:
            speaker_itself = said and subject.pos_ == "PRON" and subject.lower_ in SPEAKER_PRONOUNS
            if speaker_itself and (subject.head.i == clause.i or set(slots.refers_to_all(subject)) & exclude):
                # "X said it ...", "X says they ...": the speaker speaking of itself, not an accused.
                continue
            found = [entity for entity in slots.refers_to_all(subject, exclude) if not slots.family(entity) & exclude]
            parties = [party for party in (slots.as_party(entity) for entity in found) if party]
            parties = [party for party in parties if not slots.family(party) & exclude]
            if parties:
                return parties
        settled = [
            token for token in clause.subtree if token.lower_ in LINK_WORDS and not in_open_question(token, clause)
        ]
        linked = [slots.as_party(entity) for entity in slots.linked_entities(settled)]
        return [party for party in linked if party and not slots.family(party) & exclude]

    # --- frames ---------------------------------------------------------------------------
    def _accuse(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        passive = any(child.dep_ == "nsubjpass" for child in verb.children) or (
            verb.tag_ == "VBN" and any(child.dep_ == "agent" for child in verb.children)
        )
        if passive:
            accused_heads = _children(verb, "nsubjpass")
            if not accused_heads and verb.dep_ == "acl":
                accused_heads = [verb.head]
            accuser_heads = _prep_objects(verb, "by")
            accusers = [e for head in accuser_heads for e in slots.refers_to_all(head)]
            exclude = slots.families(accusers)
            accused = [e for head in accused_heads for e in slots.refers_to_all(head, exclude)]
            region = _region(verb, accused_heads + accuser_heads)
        else:
            accusers = self._speaker(verb, slots, state)
            exclude = slots.families(accusers)
            objects = _children(verb, "dobj", "dative")
            accused = [e for head in objects for e in slots.refers_to_all(head, exclude)]
            subject = subject_of(verb)
            region = _region(verb, [subject] if subject is not None and subject.i in _subtree_indices(verb) else [])
        of_clause = _prep_objects(verb, "of", "over", "for")
        of_clause += [head for obj in _children(verb, "dobj") for head in _prep_objects(obj, "of")]
        of_clause += [
            child
            for child in verb.children
            if child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and child.i > verb.i
            and not any(grandchild.dep_ in SUBJECT_DEPS for grandchild in child.children)
        ]
        allegation = _span_of({t.i for head in of_clause for t in head.subtree}, verb.doc)
        frame = Frame(
            verb, accusers, accused, region, 0.9, allegation=allegation, date_verb=verb, allegation_heads=of_clause
        )
        if verb.lemma_ in CHARGE_VERBS and self._all_authorities(accusers, slots):
            # "The SEC charged X with ...", "prosecutors indicted X": charges brought are a case filed.
            frame.status = ClaimStatus.LAWSUIT_FILED
        return [frame]

    def _sue(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        frames = self._accuse(verb, slots, state)
        for frame in frames:
            frame.status = ClaimStatus.LAWSUIT_FILED
            clauses = [t for t in verb.subtree if t.dep_ in {"ccomp", "pcomp"} and t.i > verb.i]
            if frame.allegation is None and clauses:
                frame.allegation = _span_of(_subtree_indices(clauses[0]), verb.doc)
                frame.allegation_heads = clauses[:1]
            state.plaintiffs[:] = frame.accusers or state.plaintiffs
            groups_only = all(slots.type_of(accuser) == EntityType.GROUP for accuser in frame.accusers)
            if frame.accused and groups_only:
                # "A shareholder sued Apple ...": the plaintiff may be named later ("The suit was filed by ...",
                # "The plaintiff, Justin Brewer, says in the complaint ...").
                state.unnamed_suit = frame
        return frames

    def _adopt_unnamed_suit(self, sentence: Span, slots: Slots, state: _DocState) -> Frame | None:
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

    def _defendant(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """More accused of the current suit: "Tim Cook and Kevan Parekh are also named as defendants"."""
        verb = governing_verb(noun)
        accusers = list(state.plaintiffs)
        if not accusers or verb.lemma_ not in lexicon.NAME_AS_VERBS or not _prep_objects(verb, "as"):
            return []
        if is_negated(verb) or is_hypothetical(verb):
            return []
        exclude = slots.families(accusers)
        heads = _children(verb, "nsubjpass", "dobj")
        accused = [entity for head in heads for entity in slots.refers_to_all(head, exclude)]
        earlier = [claim.category for claim in state.claims if claim.accuser_id in accusers]
        return [
            Frame(
                noun,
                accusers,
                accused,
                _subtree_indices(noun),
                0.8,
                status=ClaimStatus.LAWSUIT_FILED,
                date_verb=verb,
                inherited=[earlier[-1]] if earlier else [],
            )
        ]

    def _sanction(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        frames = self._accuse(verb, slots, state)
        for frame in frames:
            if not frame.accused:
                # "fined Meta 390 million euros": the party hangs off the amount.
                exclude = slots.families(frame.accusers)
                for amount in _children(verb, "dobj", "dative"):
                    for child in _children(amount, "nmod", "compound", "poss"):
                        frame.accused += slots.refers_to_all(child, exclude)
            frame.status = ClaimStatus.RULED
            clauses = [t for t in verb.subtree if t.dep_ in {"ccomp", "pcomp", "pobj"} and t.i > verb.i]
            if frame.allegation is None and clauses:
                frame.allegation = _span_of(_subtree_indices(clauses[-1]), verb.doc)
        return frames

    def _settled_matter(self, verb: Token, slots: Slots, state: _DocState) -> tuple[list[Token], list[Token]]:
        """Who brought what `verb` settles, and the clauses saying what it was about: "charges by the
        SEC that ...", "FTC charges that ..." (also when the parser read "charges" as a verb), "the suit"."""
        doc = verb.doc
        accuser_heads: list[Token] = []
        clauses = [child for child in _children(verb, "ccomp") if child.i > verb.i]
        for obj in _children(verb, "dobj"):
            following = doc[obj.i + 1] if obj.i + 1 < len(doc) else None
            if obj.i in slots.token_entity and following is not None and following.lemma_ in SETTLED_NOUNS:
                accuser_heads.append(obj)
                clauses += [child for child in following.children if child.dep_ in {"ccomp", "acl", "relcl"}]
                continue
            if obj.lemma_ not in SETTLED_NOUNS or obj.i in slots.token_entity:
                continue
            owners = _children(obj, "poss", "compound", "nmod")
            accuser_heads += [child for child in owners if child.i in slots.token_entity]
            accuser_heads += _prep_objects(obj, "by", "from")
            accuser_heads += [agent for acl in _children(obj, "acl") for agent in _prep_objects(acl, "by")]
            clauses += [child for child in obj.children if child.dep_ in {"ccomp", "acl", "relcl"}]
        accuser_heads += _prep_objects(verb, "by")
        return accuser_heads, clauses

    def _settle(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """A party settling charges or a suit is the accused of whoever brought them: "Presto agreed to
        settle charges by the SEC that it misled investors", "settled with the Texas attorney general"."""
        settled_against = self._authority_settling_against(verb, slots, state)
        if settled_against:
            return settled_against
        accuser_heads, clauses = self._settled_matter(verb, slots, state)
        accusers = [entity for head in accuser_heads for entity in slots.refers_to_all(head)]
        with_parties = [entity for head in _prep_objects(verb, "with") for entity in slots.refers_to_all(head)]
        accusers += [entity for entity in with_parties if self._authority(entity, slots)]
        if not accusers:
            return []
        exclude = slots.families(accusers)
        subject = subject_of(verb)
        accused = slots.refers_to_all(subject, exclude) if subject is not None else []
        region = {t.i for clause in clauses for t in clause.subtree} | _region(verb, [t for t in [subject] if t])
        return [
            Frame(
                verb,
                accusers,
                accused,
                region,
                0.8,
                status=ClaimStatus.SETTLED,
                allegation=_span_of({t.i for clause in clauses for t in clause.subtree}, verb.doc),
                date_verb=verb,
                allegation_heads=clauses[:1],
            )
        ]

    def _authority_settling_against(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """An authority that settled its charges against someone: "The SEC settled charges against two
        investment advisers, Delphia and Global Predictions, over misleading claims"."""
        charges = [obj for obj in _children(verb, "dobj") if obj.lemma_ in SETTLED_NOUNS]
        targets = [head for obj in charges for head in _prep_objects(obj, "against")]
        accusers = self._speaker(verb, slots, state) if targets else []
        if not self._all_authorities(accusers, slots):
            return []
        exclude = slots.families(accusers)
        accused = [entity for head in targets for entity in slots.refers_to_all(head, exclude)]
        region = _region(verb, [t for t in [subject_of(verb)] if t is not None])
        return [Frame(verb, accusers, accused, region, 0.8, status=ClaimStatus.SETTLED, date_verb=verb)]

    def _all_authorities(self, accusers: list[str], slots: Slots) -> bool:
        """There are accusers and every one of them is an authority."""
        return bool(accusers) and all(self._authority(accuser, slots) for accuser in accusers)

    def _authority(self, entity_id: str, slots: Slots) -> bool:
        """A regulator, or an official acting like one: a person whose KB role or title in the text
        ("Senator Josh Hawley", "Attorney General Ken Paxton") is an office."""
        return slots.is_institution_or_titled(entity_id, EntityType.REGULATOR, lexicon.OFFICIAL_TITLES)

    def _investigate(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        frames = self._accuse(verb, slots, state)
        frames = [frame for frame in frames if self._all_authorities(frame.accusers, slots)]
        questions = [clause for clause in _children(verb, "ccomp") if clause.i > verb.i and _open_question(clause)]
        for frame in frames:
            if frame.accused or not questions:
                continue
            # "The FTC is investigating whether Microsoft abused its dominance": the question's subject.
            exclude = slots.families(frame.accusers)
            subjects = _children(questions[0], *SUBJECT_DEPS)
            frame.accused = [e for subject in subjects for e in slots.refers_to_all(subject, exclude)]
            frame.needs_cue = True
            frame.allegation = _span_of(_subtree_indices(questions[0]), verb.doc)
            frame.allegation_heads = questions[:1]
        return frames

    def _examine(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """ "The Commission is examining whether X breaches ...", "is looking into whether ...": only the
        question makes an allegation; examining a deal or a document is none."""
        clauses = _children(verb, "ccomp") + _prep_objects(verb, "into")
        if verb.lemma_ == "look" and not _prep_objects(verb, "into"):
            return []
        questions = [clause for clause in clauses if clause.i > verb.i and _open_question(clause)]
        accusers = self._speaker(verb, slots, state)
        if not questions or not self._all_authorities(accusers, slots):
            return []
        exclude = slots.families(accusers)
        subjects = _children(questions[0], *SUBJECT_DEPS)
        accused = [e for subject in subjects for e in slots.refers_to_all(subject, exclude)]
        return [_clause_frame(verb, accusers, accused, questions[0], 0.8, date_verb=verb)]

    def _enforce(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """An authority banning, ordering or warning a party: a claim about what the order is about."""
        frames = self._investigate(verb, slots, state)
        for frame in frames:
            frame.needs_cue = True
            frame.allegation = _span_of(frame.region, verb.doc)
            if verb.lemma_ in lexicon.ENFORCE_RULING_VERBS:
                frame.status = ClaimStatus.RULED
        return frames

    def _investigation(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        verb = governing_verb(noun)
        accusers = self._speaker(verb, slots, state) if verb.lemma_ in ACTION_VERBS | {"launch"} else []
        if not self._all_authorities(accusers, slots):
            return []
        exclude = slots.families(accusers)
        targets = _prep_objects(noun, "into", "of", "against")
        region = _subtree_indices(noun)
        if noun.dep_ == "dobj":
            # "opened a probe into Meta over ...": the parser often hangs the target off the verb.
            targets += _prep_objects(verb, "into", "against")
            region |= {t.i for prep in _children(verb, "prep") for t in prep.subtree}
        accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
        questions = [head for head in targets if head.pos_ in {"VERB", "AUX"} and _open_question(head)]
        for question in questions:
            # "an investigation into whether OpenAI violated ...": an authority's probe of a question is
            # its allegation against the question's subject, one claim per coordinated conduct.
            accused += [
                e for subject in _children(question, *SUBJECT_DEPS) for e in slots.refers_to_all(subject, exclude)
            ]
        return [
            Frame(
                noun,
                accusers,
                accused,
                region,
                0.8,
                date_verb=verb,
                needs_cue=bool(questions),
                allegation=_span_of(_subtree_indices(questions[0]), noun.doc) if questions else None,
                allegation_heads=questions[:1],
            )
        ]

    def _cease_and_desist(self, word: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """ "X sent a cease-and-desist letter to Y", "sent Y a cease-and-desist letter": X accuses Y; what of
        comes from the sentence when an authority sends it, from the letter's own words otherwise."""
        letter = word
        for _ in range(4):
            if letter.pos_ == "NOUN" and letter.lemma_ in DESIST_NOUNS:
                break
            letter = letter.head
        else:
            return []
        verb = governing_verb(letter)
        if verb.lemma_ not in DESIST_VERBS or is_negated(verb) or is_hypothetical(verb):
            return []
        accusers = self._speaker(verb, slots, state)
        exclude = slots.families(accusers)
        targets = _prep_objects(verb, "to") + _prep_objects(letter, "to") + _children(verb, "dative")
        if letter.dep_ != "dobj":
            targets += _children(verb, "dobj")
        accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
        authority = self._all_authorities(accusers, slots)
        region = _region(verb, [t for t in [subject_of(verb)] if t is not None])
        return [Frame(letter, accusers, accused, region, 0.8, date_verb=verb, needs_cue=not authority)]

    def _say(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        reporting = verb.head.lemma_ in lexicon.SAY_VERBS | lexicon.ACCUSE_VERBS
        if verb.dep_ == "ccomp" and verb.head.i < verb.i and reporting:
            # "The SEC's complaint says Saniger told investors that ...": speech reported inside an
            # allegation is part of it; its speaker accuses no one.
            return []
        _note_document(verb, slots, state)
        clauses = _children(verb, "ccomp") or _document_clause(verb) or _misread_complements(verb)
        if not clauses:
            if verb.dep_ in {"parataxis"} or any(child.dep_ == "ccomp" for child in verb.head.children):
                clauses = [verb.head] if verb.dep_ == "parataxis" else []
            if not clauses:
                return []
        accusers = self._speaker(verb, slots, state)
        if not accusers:
            return []
        in_suit = any(obj.lemma_ in SUIT_NOUNS for obj in _prep_objects(verb, "in"))
        if in_suit:
            # "Matthew and Maria Raine say in the lawsuit that ...": the speakers are its plaintiffs.
            state.named_plaintiffs += accusers
            state.plaintiffs[:] = accusers
        exclude = slots.families(accusers)
        clause = clauses[0]
        if in_open_question(clause, clause) or is_prospective(clause):
            return []
        exclude |= _named_in(subject_of(verb), slots, verb)
        if _denied(clause) and not _alleged_failure(clause, verb, slots, exclude):
            return []
        accused = self._clause_accused(clause, slots, exclude, said=True)
        subject = subject_of(verb)
        accused = [party for party in accused if not any(_same_name(party, accuser, slots) for accuser in accusers)]
        suit_speaks = subject is not None and (
            subject.lemma_ in lexicon.LAWSUIT_NOUNS or _suit_pronoun(subject, state) is not None
        )
        if not accused and suit_speaks and not self._third_party_subject(clause, accusers, slots):
            # "The suit says Gruendel prepared a safety roadmap ...": what a suit says of its own plaintiff or
            # of no one is said against its defendants.
            accused = [party for party in dict.fromkeys(state.defendants_of(accusers)) if party not in exclude]
        alleging = verb.lemma_ in lexicon.ALLEGING_VERBS
        grievance = any(token.lower_ in lexicon.GRIEVANCE_WORDS for token in verb.subtree if token.i < clause.i + 3)
        confidence = 0.85 if alleging else 0.75
        if any(token.lemma_.lower() in HEDGE_WORDS for token in clause.subtree) or verb.lemma_ in HEDGE_WORDS:
            confidence -= 0.1
        return [
            Frame(
                verb,
                accusers,
                accused,
                _subtree_indices(clause),
                confidence,
                needs_cue=not (alleging or grievance),
                allegation=_span_of(_subtree_indices(clause), verb.doc),
                date_verb=verb,
                allegation_heads=[clause],
                status=ClaimStatus.LAWSUIT_FILED if in_suit else ClaimStatus.ALLEGED,
            )
        ]

    def _to_court(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """A suit told as taking someone to court: "X took Y to court", "Y was dragged into court by X"."""
        verb = noun.head.head
        if noun.dep_ != "pobj" or noun.head.lower_ not in {"to", "into"} or verb.lemma_ not in lexicon.TO_COURT_VERBS:
            return []
        if verb.lemma_ == "bring" and not _children(verb, "dobj", "nsubjpass"):
            return []
        return self._sue(verb, slots, state)

    def _seek_damages(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """ "X is seeking damages from Y", "seeking 2.2 billion yen from Y": a suit for money."""
        sought = [token for obj in _children(verb, "dobj") for token in obj.subtree]
        damages = any(token.lower_ in lexicon.DAMAGES_NOUNS for token in sought)
        # An amount is damages only in a sentence about a suit ("sought $5 billion from Amazon" is funding).
        in_suit = any(token.lemma_.lower() in SUIT_NOUNS | {"court", "sue"} for token in verb.sent)
        amount = any(token.is_currency or token.like_num for token in sought) and in_suit
        targets = _prep_objects(verb, "from")
        if not (damages or amount) or not targets or is_negated(verb) or is_hypothetical(verb):
            return []
        accusers = self._speaker(verb, slots, state)
        exclude = slots.families(accusers)
        accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
        region = _region(verb, [t for t in [subject_of(verb)] if t is not None])
        return [Frame(verb, accusers, accused, region, 0.8, status=ClaimStatus.LAWSUIT_FILED, date_verb=verb)]

    def _asked_to_stop(self, verb: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """ "X asked Y to stop training on its works", "urged Y to cease scraping": an accusation that Y does
        what it is asked to stop, when that cues a category."""
        request = verb.head
        if verb.dep_ not in {"xcomp", "advcl", "ccomp"} or request.lemma_ not in lexicon.REQUEST_VERBS:
            return []
        if not is_infinitive(verb):
            return []
        accusers = self._speaker(request, slots, state)
        exclude = slots.families(accusers)
        heads = _children(request, "dobj") + _prep_objects(request, "on")
        accused = [e for head in heads for e in slots.refers_to_all(head, exclude)]
        if not accusers or not accused or is_negated(request) or is_hypothetical(request):
            return []
        return [_clause_frame(verb, accusers, accused, verb, 0.75, date_verb=request)]

    def _more_plaintiffs(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """More accusers of the suit just reported: "Other plaintiffs include X, Y and Z", "X is a named plaintiff"."""
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.lemma_ == "include":
            heads = _children(verb, "dobj")
        elif noun.dep_ == "attr" and verb.lemma_ == "be":
            heads = _children(verb, "nsubj")
        else:
            return []
        if is_negated(verb) or is_hypothetical(verb):
            return []
        members = [e for head in heads for e in slots.refers_to_all(head) if slots.type_of(e) in PLAINTIFF_TYPES]
        suit = next((claim for claim in reversed(state.claims) if claim.status == ClaimStatus.LAWSUIT_FILED), None)
        if not members or suit is None:
            return []
        accused = [
            claim.accused_id
            for claim in state.claims
            if claim.sentence_start == suit.sentence_start and claim.accuser_id == suit.accuser_id
        ]
        inherited = [suit.category] if suit.category != Category.OTHER else []
        return [
            Frame(
                noun,
                members,
                list(dict.fromkeys(accused)),
                _subtree_indices(verb),
                0.8,
                status=ClaimStatus.LAWSUIT_FILED,
                date_verb=verb,
                inherited=inherited,
            )
        ]

    def _penalty(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        """A sanction by an authority told through its penalty: "X slapped Y with a fine", "X imposed a fine on Y"."""
        if _hit_with(noun):
            verb = noun.head.head
            frames = self._sanction(verb, slots, state)
        else:
            verb = governing_verb(noun)
            if noun.dep_ != "dobj" or verb.lemma_ not in lexicon.IMPOSE_VERBS:
                return []
            targets = _prep_objects(verb, "on", "against") + _prep_objects(noun, "on", "against")
            accusers = self._speaker(verb, slots, state)
            exclude = slots.families(accusers)
            accused = [e for head in targets + _children(verb, "dative") for e in slots.refers_to_all(head, exclude)]
            region = _region(verb, [t for t in [subject_of(verb)] if t is not None])
            frames = [Frame(noun, accusers, accused, region, 0.85, date_verb=verb)]
        if is_negated(verb) or is_hypothetical(verb):
            return []
        by_authority = [frame for frame in frames if self._all_authorities(frame.accusers, slots)]
        for frame in by_authority:
            frame.status = ClaimStatus.RULED
        return by_authority

    def _lawsuit(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        verb = governing_verb(noun)
        if _hit_with(noun):
            # "Reddit hit Anthropic with a lawsuit": the verb's subject sues its object.
            return self._sue(noun.head.head, slots, state)
        plaintiffs: list[str] = []
        for child in _children(noun, "poss"):
            plaintiffs = slots.refers_to_all(child, roles=False)
        if not plaintiffs:
            for participle in _children(noun, "acl"):
                for agent in _prep_objects(participle, "by"):
                    plaintiffs = plaintiffs or slots.refers_to_all(agent)
        if not plaintiffs:
            # "Perplexity faces a lawsuit from Dow Jones"; "lawsuits from authors and artists" name no one.
            plaintiffs = [
                entity
                for source in _prep_objects(noun, "from")
                for entity in slots.refers_to_all(source)
                if slots.type_of(entity) != EntityType.GROUP
            ]
        earlier: Frame | None = None
        if not plaintiffs and noun.dep_ == "nsubjpass" and verb.lemma_ in lexicon.FILE_VERBS:
            # "The suit was filed by Eric Tucker": the plaintiff of the suit reported before without one.
            plaintiffs = [e for agent in _prep_objects(verb, "by") for e in slots.refers_to_all(agent)]
            earlier = state.unnamed_suit
        if noun.dep_ in SUBJECT_DEPS and not plaintiffs:
            # "The lawsuit accuses ..." is read by the accusing verb.
            return []
        if not plaintiffs and noun.dep_ == "dobj" and verb.lemma_ in lexicon.FILE_VERBS | ACTION_VERBS:
            plaintiffs = self._speaker(verb, slots, state)
        if not plaintiffs:
            return []
        confidence, fallback = 0.85, False
        exclude = slots.families(plaintiffs)
        targets = _prep_objects(noun, "against") + _prep_objects(verb, "against")
        targets += [head for participle in _children(noun, "acl") for head in _prep_objects(participle, "against")]
        # "a case brought by the radio host Mark Walters against OpenAI" (the parser hangs "against" on the host).
        targets += [
            head
            for participle in _children(noun, "acl")
            for agent in _prep_objects(participle, "by")
            for head in _prep_objects(agent, "against")
        ]
        accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
        if not accused and noun.dep_ == "dobj" and verb.lemma_ in lexicon.DEFEND_VERBS:
            defendant = subject_of(verb)
            if defendant is not None:
                accused = slots.refers_to_all(defendant, exclude)
        if is_negated(verb) or is_hypothetical(verb):
            return []
        state.plaintiffs[:] = plaintiffs
        region = _subtree_indices(noun) | _region(verb, [t for t in [subject_of(verb)] if t is not None])
        if not accused and earlier is not None:
            accused, region = list(earlier.accused), region | earlier.region
            state.adopt(earlier, plaintiffs, slots)
        if not accused and not targets:
            accused = self._established_defendant(noun, verb, plaintiffs, slots, state)
            confidence, fallback = 0.7, True
        frame = Frame(
            noun,
            plaintiffs,
            accused,
            region,
            confidence,
            status=ClaimStatus.LAWSUIT_FILED,
            date_verb=verb,
            allegation_heads=_kind_modifiers(noun, slots),
            fallback=fallback,
        )
        return [frame]

    @staticmethod
    def _third_party_subject(clause: Token, accusers: list[str], slots: Slots) -> bool:
        """A noun subject in the clause that is not the accusers ("the scheme ... charged consumers")."""
        for token in clause.subtree:
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            named = slots.refers_to_all(token)
            if not named or not all(any(_same_name(n, a, slots) for a in accusers) for n in named):
                return True
        return False

    def _established_defendant(
        self, noun: Token, verb: Token, plaintiffs: list[str], slots: Slots, state: _DocState
    ) -> list[str]:
        """The defendant of a suit whose sentence names none ("a similar suit brought by Raw Story", "The
        Intercept's case", "Gruendel filed the lawsuit on Friday"): the article's established accused, when
        nothing nearby suggests another one — neither this nor the previous sentence names an organisation that
        is no party yet, the suit is no defendant's filing, no generic "files a complaint when ..." and not
        read by another frame."""
        if noun.lemma_ not in SUIT_NOUNS or (noun.dep_ in SUBJECT_DEPS and verb.lemma_ in SPEECH_LEMMAS):
            return []
        if any(child.pos_ == "PRON" for child in _children(noun, "poss")):
            return []
        if noun.head.lower_ == "to" and noun.head.head.lower_ == "according":
            return []
        if any(token.lower_ in GENERIC_MARKERS for token in verb.subtree):
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

    def _accusation(self, noun: Token, slots: Slots, state: _DocState) -> list[Frame]:
        targets = _prep_objects(noun, "against")
        accuser_heads = [c for c in _children(noun, "poss") if c.pos_ != "PRON"] + _prep_objects(noun, "by", "from")
        accuser_heads += [c for c in _children(noun, "compound") if c.i in slots.token_entity]
        if any(child.pos_ == "PRON" for child in _children(noun, "poss")):
            if not targets:
                return []
            # "pressing ahead with its claims against the start-up": the owner of the claims, named before.
            accuser_heads = _children(noun, "poss")
        verb = governing_verb(noun)
        if not accuser_heads and noun.dep_ == "dobj" and verb.lemma_ in lexicon.MAKE_ACCUSATION_VERBS:
            subject = subject_of(verb)
            accuser_heads = [subject] if subject is not None else []
        if not accuser_heads:
            return []
        suit = _suit_pronoun(accuser_heads[0], state)
        if suit is not None:
            # "It also makes a claim that ..." after "The complaint says ...": the complaint's plaintiffs.
            accusers = self._plaintiff(suit, slots, state)
        else:
            accusers = [e for head in accuser_heads for e in slots.refers_to_all(head)]
        exclude = slots.families(accusers)
        accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
        # A relative clause ("a claim that the Times did not emphasise") says nothing of the accused.
        clauses = [child for child in noun.children if child.dep_ in {"acl", "ccomp", "relcl"} and not _relative(child)]
        if noun.dep_ == "dobj":
            clauses += [
                child
                for child in noun.head.children
                if child.dep_ == "ccomp" and child.i > noun.i and any(c.lower_ == "that" for c in child.children)
            ]
        following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if not clauses and following is not None and following.lower_ == "that" and following.dep_ == "mark":
            clauses = [following.head]
        for clause in clauses:
            accused = accused or self._clause_accused(clause, slots, exclude)
        if suit is not None:
            # What a suit's "It" claims is against the suit's defendants.
            defendants = state.defendants_of(accusers)
            accused = [party for party in accused if party in defendants] or defendants
        region = (_subtree_indices(noun) | {t.i for c in clauses for t in c.subtree}) - {
            t.i for head in accuser_heads for t in head.subtree
        }
        return [
            Frame(
                noun,
                accusers,
                accused,
                region,
                0.8,
                needs_cue=not targets,
                allegation=_span_of({t.i for c in clauses for t in c.subtree}, noun.doc),
                date_verb=governing_verb(noun),
                allegation_heads=_kind_modifiers(noun, slots) + clauses[:1],
            )
        ]

    def _according(self, token: Token, slots: Slots, state: _DocState) -> list[Frame]:
        sources = _children(token.doc[token.i + 1], "pobj")
        if not sources:
            return []
        source = sources[0]
        if source.lemma_ in lexicon.LAWSUIT_NOUNS:
            accusers = self._plaintiff(source, slots, state)
            # "According to the FTC's complaint, ...": later "The complaint alleges ..." is the FTC's too.
            state.plaintiffs[:] = accusers
        else:
            accusers = slots.refers_to_all(source)
        if not accusers:
            return []
        root = token.sent.root
        exclude = slots.families(accusers)
        subject = subject_of(root)
        accused = slots.refers_to_all(subject, exclude) if subject is not None else []
        accused = [party for party in (slots.as_party(e) for e in accused) if party]
        region = _region(root, [token])
        return [Frame(token, accusers, accused, region, 0.75, needs_cue=True, allegation=_span_of(region, token.doc))]

    # --- from frames to candidates --------------------------------------------------------
    def _valid_accuser(self, entity_id: str, slots: Slots, frame: Frame) -> bool:
        return slots.type_of(entity_id) in ACCUSER_TYPES and not slots.is_judicial(entity_id)

    @staticmethod
    def _speaks_for(person: str, party: str, slots: Slots) -> bool:
        """A person the article describes as someone of `party`: "Christian Dowell, the company's general
        counsel, said ..." speaks for the company and accuses it of nothing, here or later ("He said ...")."""
        if slots.type_of(person) != EntityType.PERSON:
            return False
        family = slots.family(party)
        for index in slots.tokens_of(person):
            token = slots.doc[index]
            roles = [child for child in token.children if child.dep_ == "appos"]
            roles += [token.head] if token.dep_ == "appos" else []
            for role in roles:
                if role.i in slots.token_entity:
                    continue
                if set(slots.refers_to(role)) & family:
                    return True
        return False

    def _credited(self, person: str, slots: Slots, *, spoken: bool) -> list[str]:
        """Who an accusation by `person` is credited to (see `_represented`), except that news credits what a
        named state attorney general does to the person ("Ken Paxton, the state's attorney general, opened an
        investigation"), not to the office."""
        parties = self._represented(person, slots, spoken=spoken)
        if parties and parties != [person] and all(party.endswith(STATE_PROSECUTOR_SUFFIX) for party in parties):
            return [person]
        return parties

    def _represented(self, person: str, slots: Slots, *, spoken: bool) -> list[str]:
        """Who an accusation by `person` is credited to: the party a lawyer or spokesperson speaks for ("Justin
        Nelson, a lawyer for the authors"; no one when that party is a nameless group or a place), and in
        reported speech the organisation an executive leads ("Mary Rasenberger, chief executive of the Authors
        Guild, said ..."); anyone else speaks for themselves."""
        if slots.type_of(person) != EntityType.PERSON:
            return [person]
        roles_for = lexicon.REPRESENTATIVE_NOUNS | PROSECUTOR_NOUNS
        roles_for |= lexicon.EXECUTIVE_NOUNS if spoken else frozenset()
        for index in slots.tokens_of(person):
            token = slots.doc[index]
            roles = _children(token, "appos") + ([token.head] if token.dep_ == "appos" else [])
            for role in roles:
                prosecutor = role.lower_ == "general" and role.i > 0 and slots.doc[role.i - 1].lower_ == "attorney"
                if role.i in slots.token_entity or (role.lemma_.lower() not in roles_for and not prosecutor):
                    continue
                parties = [party for party in slots.refers_to(role) if party != person]
                parties = [
                    party
                    for party in parties
                    if slots.type_of(party) in ACCUSER_TYPES - {EntityType.GROUP, EntityType.PERSON}
                    and not slots.is_judicial(party)
                ]
                return parties or self._office_of(person)
        return [person]

    def _office_of(self, person: str) -> list[str]:
        """The authority an official whose sentence names none works for ("Matthew Podolsky, the acting U.S.
        attorney in Manhattan"), when the KB says which; nobody otherwise (a lawyer speaks for a client)."""
        kb_person = self.kb.get(person)
        office = self.kb.get(kb_person.affiliation) if kb_person is not None and kb_person.affiliation else None
        return [office.id] if office is not None and office.type == EntityType.REGULATOR else []

    def _emit(
        self, frame: Frame, slots: Slots, cues: list[Cue], entity_tokens: set[int], state: _DocState
    ) -> list[ClaimCandidate]:
        trigger = frame.trigger
        if is_negated(trigger) or is_hypothetical(trigger) or _falsely_reported(trigger):
            return []
        accusers = [a for a in frame.accusers if self._valid_accuser(a, slots, frame)]
        spoken = trigger.lemma_ in lexicon.SAY_VERBS
        accusers = list(dict.fromkeys(party for a in accusers for party in self._credited(a, slots, spoken=spoken)))
        accused = [
            party
            for party in (slots.as_party(a) for a in frame.accused)
            if party
            and slots.type_of(party) != EntityType.GROUP
            and party not in frame.accusers
            and not slots.is_judicial(party)
        ]
        if not accusers or not accused:
            return []
        models = [
            e
            for e in slots.entities_in(slots.doc[i] for i in sorted(frame.region))
            if slots.type_of(e) in {EntityType.MODEL, EntityType.PRODUCT}
        ]
        # "copy leading US AI models": copying models, named or not, is distillation.
        model_words = any(
            slots.doc[i].lower_ in lexicon.COPY_WORDS
            and any(child.dep_ == "dobj" and child.lemma_.lower() in MODEL_WORDS for child in slots.doc[i].children)
            for i in frame.region
        )
        categories = self._categories(frame, cues, entity_tokens, bool(models) or model_words, state)
        grievance = any(slots.doc[i].lower_ in lexicon.GRIEVANCE_WORDS for i in frame.region) or any(
            t.lower_ in lexicon.GRIEVANCE_WORDS for t in trigger.subtree
        )
        if not categories and frame.needs_cue and not grievance:
            return []
        if not categories and not frame.needs_cue:
            sentence_category = category_in(
                [cue for cue in cues if not cue.weak],
                set(range(trigger.sent.start, trigger.sent.end)) - entity_tokens,
                mentions_model=bool(models),
            )
            categories = [sentence_category] if sentence_category else []
        categories = categories or list(frame.inherited)
        sentence = trigger.sent
        date_verb = frame.date_verb or governing_verb(trigger)
        allegation = (frame.allegation or sentence).text.strip()
        candidates = []
        for accuser in accusers:
            for target in accused:
                if slots.family(accuser) & slots.family(target) or accuser == target:
                    continue
                if self._speaks_for(accuser, target, slots) or _same_name(accuser, target, slots):
                    continue
                if accuser in self._credited(target, slots, spoken=True) or _in_apposition(accuser, target, slots):
                    # "Connecticut's attorney general, William Tong, said his office ...": the office's own holder.
                    continue
                inherited = self._inherited(state, accuser, target)
                authority_kind = self._authority_categories(accuser, slots)
                pair_categories = authority_kind or categories or [inherited or Category.OTHER]
                if Category.FRAUD_MISLEADING in pair_categories and _falsehood_about(accuser, frame.region, slots):
                    # "saying its AI assistant had falsely claimed he took part in the riot": defamation.
                    pair_categories = _replaced(pair_categories, Category.FRAUD_MISLEADING, Category.DEFAMATION)
                if Category.DISTILLATION in pair_categories and not self._may_distil(
                    accuser, target, frame.region, slots
                ):
                    pair_categories = self._without_distillation(pair_categories, cues, frame.region - entity_tokens)
                cued = bool(categories or inherited) or pair_categories != [Category.OTHER]
                if pair_categories == [Category.OTHER] and slots.type_of(accuser) == EntityType.GROUP:
                    # "Some investors have accused the big cloud companies of building ahead of demand":
                    # an unnamed crowd's grievance of no recognised kind is commentary, not a claim.
                    continue
                candidates += [
                    ClaimCandidate(
                        accuser_id=accuser,
                        accused_id=target,
                        category=category,
                        sentence_start=sentence.start,
                        sentence_end=sentence.end,
                        trigger=trigger.i,
                        allegation=allegation[:300],
                        status=frame.status,
                        object_id=models[0] if models else None,
                        confidence=frame.confidence,
                        date_phrases=own_date_phrases(date_verb),
                        tense=tense_of(date_verb),
                        category_cued=cued,
                    )
                    for category in pair_categories
                ]
        return candidates

    def _may_distil(self, accuser: str, accused: str, region: set[int], slots: Slots) -> bool:
        """Distillation is a model maker's grievance: its accuser develops models (in the KB, or is a company
        the KB does not know), or the allegation says "distil" outright. A publisher whose articles a chatbot
        answers with is not distilled from."""
        if any(slots.doc[i].lemma_.lower().startswith(("distil", "distill")) for i in region):
            return True
        if any(slots.doc[i].lower_ in MODEL_WORDS and not _possessed_by(slots.doc[i], accused, slots) for i in region):
            # "extracted the capabilities of American models by training on their answers".
            return True
        entity = self.kb.get(accuser)
        if entity is None:
            return slots.type_of(accuser) == EntityType.COMPANY
        return any((member := self.kb.get(m)) is not None and member.develops for m in slots.family(accuser))

    @staticmethod
    def _without_distillation(categories: list[Category], cues: list[Cue], region: set[int]) -> list[Category]:
        """`categories` with distillation replaced by what the region cues besides it (copying is copyright)."""
        others = [cue for cue in cues if cue.category != Category.DISTILLATION]
        replacement = category_in(others, region, mentions_model=False) or Category.COPYRIGHT
        return _replaced(categories, Category.DISTILLATION, replacement)

    def _authority_categories(self, accuser: str, slots: Slots) -> list[Category]:
        """The one kind of wrong an authority of a single domain accuses of ("Ireland's Data Protection
        Commission" -> privacy, a competition authority -> antitrust, a securities regulator -> fraud)."""
        if slots.type_of(accuser) != EntityType.REGULATOR:
            return []
        entity = self.kb.get(accuser)
        texts = (entity.name, *entity.aliases, *entity.descriptors, *entity.kind_words) if entity else ()
        words = set(re.findall(r"[\w']+", " ".join(texts or (slots.name_of(accuser),)).lower()))
        domains = lexicon.authority_domains(words)
        if len(domains) != 1:
            return []
        category = lexicon.DOMAIN_CATEGORIES.get(next(iter(domains)))
        return [category] if category else []

    def _categories(
        self, frame: Frame, cues: list[Cue], entity_tokens: set[int], mentions_model: bool, state: _DocState
    ) -> list[Category]:
        """What the allegation is about: one category per coordinated allegation when they differ
        ("of distilling Claude, breaching its terms and stealing trade secrets"), else the region's
        category, else the category of the claims a "similar"/"the same" refers back to."""
        region = frame.region - entity_tokens
        parts = allegation_parts(frame.allegation_heads)
        if len(parts) > 1:
            part_tokens = [_subtree_indices(part) for part in parts]
            found: list[Category] = []
            for index, tokens in enumerate(part_tokens):
                own = tokens - set().union(
                    *(other for j, other in enumerate(part_tokens) if j != index and other < tokens)
                )
                category = category_in([cue for cue in cues if not cue.weak], own - entity_tokens, mentions_model)
                if category is not None and category not in found:
                    found.append(category)
            if Category.DEFAMATION in found and Category.FRAUD_MISLEADING in found:
                # False statements about someone are defamation, not a second, misleading-conduct claim.
                found.remove(Category.FRAUD_MISLEADING)
            if len(found) > 1:
                return found
        category = category_in(cues, region, mentions_model)
        if category is not None:
            return [category]
        if any(frame.trigger.doc[i].lower_ in lexicon.ANAPHORIC_WORDS for i in frame.region):
            earlier = Counter(claim.category for claim in state.claims if claim.category != Category.OTHER)
            if earlier:
                return [earlier.most_common(1)[0][0]]
        return []

    @staticmethod
    def _inherited(state: _DocState, accuser: str, accused: str) -> Category | None:
        for claim in reversed(state.claims):
            if claim.accuser_id == accuser and claim.accused_id == accused and claim.category != Category.OTHER:
                return claim.category
        return None

    @staticmethod
    def _discourse_gap(sentence: Span, last: ClaimCandidate, accusers: set[str], slots: Slots, state: _DocState) -> int:
        """Sentences between the last claim and `sentence` that leave its accusers: sentences that
        name or describe one of them keep the accuser the topic and do not count."""
        first = state.sentence_index[last.sentence_start] + 1
        gap = 0
        for index in range(first, state.sentence_index[sentence.start]):
            between = state.sentences[index]
            if not any(slots.token_entity.get(i) in accusers for i in range(between.start, between.end)):
                gap += 1
        return gap

    def _continuation(
        self, sentence: Span, slots: Slots, cues: list[Cue], entity_tokens: set[int], state: _DocState
    ) -> list[ClaimCandidate]:
        """A sentence whose speaker made the last claims, naming no accused: the same claims, a new category."""
        if not state.claims:
            return []
        last = state.claims[-1]
        previous = [claim for claim in state.claims if claim.sentence_start == last.sentence_start]
        if self._discourse_gap(sentence, last, {claim.accuser_id for claim in previous}, slots, state) >= (
            self.continuation_window
        ):
            return []
        for verb in sentence:
            if verb.lemma_ not in lexicon.SAY_VERBS | lexicon.ACCUSE_VERBS or verb.pos_ != "VERB":
                continue
            if is_negated(verb) or is_hypothetical(verb):
                continue
            speakers = set(self._speaker(verb, slots, state))
            accusers = {claim.accuser_id for claim in previous}
            if not speakers or not speakers <= accusers:
                continue
            date_phrases = own_date_phrases(verb)
            for claim in previous:
                if not claim.date_phrases and date_phrases:
                    claim.date_phrases = date_phrases
                    claim.tense = tense_of(verb)
            region = (_subtree_indices(verb) - entity_tokens) - {
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

    # --- statuses -------------------------------------------------------------------------
    def _status_cues(self, doc: Doc, slots: Slots) -> list[StatusCue]:
        found: list[StatusCue] = []
        for start, label in self.status_words(doc):
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
                if not any(
                    child.lemma_ in lexicon.LAWSUIT_NOUNS | lexicon.ACCUSATION_NOUNS for child in token.children
                ):
                    continue
                status = ClaimStatus.RETRACTED
            else:
                if is_negated(governing_verb(token)):
                    continue
                status = ClaimStatus.SETTLED
            entity_ids = frozenset(slots.entities_in(sentence))
            found.append(StatusCue(status, sentence.start, entity_ids, generic=not entity_ids))
        return found

    def _apply_statuses(self, claims: list[ClaimCandidate], cues: list[StatusCue], slots: Slots) -> None:
        for claim in claims:
            parties = slots.family(claim.accuser_id) | slots.family(claim.accused_id)
            for cue in cues:
                applies = cue.generic or bool(cue.entity_ids & parties)
                if applies and STATUS_RANK[cue.status] > STATUS_RANK[claim.status]:
                    claim.status = cue.status

    @staticmethod
    def _settle_categories(claims: list[ClaimCandidate], cues: list[Cue]) -> None:
        """A pair's 'other' claims take the category the article gives that pair elsewhere."""
        cued_kinds = Counter(c.category for c in claims if c.category != Category.OTHER)
        if not cued_kinds:
            cued_kinds = _dominant_kind(cues)
        for claim in claims:
            if claim.category != Category.OTHER or claim.category_cued:
                continue
            specific = [
                c.category
                for c in claims
                if c.accuser_id == claim.accuser_id
                and c.accused_id == claim.accused_id
                and c.category != Category.OTHER
            ]
            if specific:
                claim.category = specific[0]
                continue
            # "Disney and Universal sued Midjourney in June": an uncued suit takes the kind of most of its
            # accuser's other claims in the article (the first of a tie).
            by_accuser = Counter(
                c.category for c in claims if c.accuser_id == claim.accuser_id and c.category != Category.OTHER
            )
            if by_accuser and claim.status != ClaimStatus.ALLEGED:
                claim.category = by_accuser.most_common(1)[0][0]
            elif cued_kinds and claim.status != ClaimStatus.ALLEGED and len(cued_kinds) == 1:
                # "Comedian Sarah Silverman and other authors sued OpenAI and Meta in July", in an article whose
                # every cued claim is of one kind: the uncued suit is of that kind too.
                claim.category = next(iter(cued_kinds))

    # --- the component --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        slots = Slots(doc, self.kb)
        cues = self.cues.find(doc)
        entity_tokens = set(slots.token_entity)
        by_sentence: dict[int, list[tuple[int, str]]] = {}
        for start, label in self.triggers(doc):
            if label == "ACCORDING" and (start + 1 >= len(doc) or doc[start + 1].lower_ != "to"):
                continue
            by_sentence.setdefault(doc[start].sent.start, []).append((start, label))
        sentences = list(doc.sents)
        state = _DocState(
            sentence_index={sentence.start: index for index, sentence in enumerate(sentences)}, sentences=sentences
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
                        found += self._emit(frame, slots, cues, entity_tokens, state)
            for frame in fallbacks:
                # A defendant taken from the article only when no trigger of the sentence names one; else the
                # suit lends its status ("X filed the lawsuit on Friday, accusing Figure of ...").
                named = [claim for claim in found if claim.accuser_id in frame.accusers]
                for claim in named:
                    if STATUS_RANK[frame.status] > STATUS_RANK[claim.status]:
                        claim.status = frame.status
                if not named:
                    found += self._emit(frame, slots, cues, entity_tokens, state)
            adopted = self._adopt_unnamed_suit(sentence, slots, state)
            if adopted is not None:
                found += self._emit(adopted, slots, cues, entity_tokens, state)
            if not found and not unnamed_target:
                found = self._continuation(sentence, slots, cues, entity_tokens, state)
            state.claims += self._merge_sentence(found)
            state.follow_topic(sentence)
        state.claims = self._members_for_groups(state.claims, state.group_members)
        state.claims = self._without_shadow_claims(state.claims, slots)
        self._apply_statuses(state.claims, self._status_cues(doc, slots), slots)
        self._settle_categories(state.claims, cues)
        doc._.cg_claims = [claim for claim in state.claims if claim.confidence >= self.min_confidence]
        doc._.cg_statuses = []
        return doc

    @staticmethod
    def _members_for_groups(claims: list[ClaimCandidate], members: dict[str, list[str]]) -> list[ClaimCandidate]:
        """Claims by a group whose members the article named as plaintiffs, made by each member instead."""
        result: list[ClaimCandidate] = []
        seen: set[tuple[str, str, Category, int]] = set()
        for claim in claims:
            for accuser in members.get(claim.accuser_id, [claim.accuser_id]):
                key = (accuser, claim.accused_id, claim.category, claim.sentence_start)
                if accuser == claim.accused_id or key in seen:
                    continue
                seen.add(key)
                result.append(replace(claim, accuser_id=accuser))
        return result

    @staticmethod
    def _without_shadow_claims(claims: list[ClaimCandidate], slots: Slots) -> list[ClaimCandidate]:
        """Claims that only shadow others: a group's ("the parents", "writers") against someone the article's
        named accusers accuse, and a sanctioned party's complaint about the authority that sanctioned it
        ("OpenAI said the Garante's approach undermines ..."), which is its answer, not an accusation."""
        named = {
            claim.accused_id for claim in claims if slots.type_of(claim.accuser_id) not in {EntityType.GROUP, None}
        }
        sanctioned_by = {(claim.accused_id, claim.accuser_id) for claim in claims}
        return [
            claim
            for claim in claims
            if not (slots.type_of(claim.accuser_id) == EntityType.GROUP and claim.accused_id in named)
            and not (
                slots.type_of(claim.accused_id) == EntityType.REGULATOR
                and (claim.accuser_id, claim.accused_id) in sanctioned_by
            )
        ]

    @staticmethod
    def _merge_sentence(found: list[ClaimCandidate]) -> list[ClaimCandidate]:
        """Per (accuser, accused) in a sentence: the categories of the trigger that names the most of
        them (several when coordinated allegations differ), with the strongest status and the surest
        confidence any trigger gave the pair."""
        by_pair: dict[tuple[str, str], list[ClaimCandidate]] = {}
        for claim in found:
            by_pair.setdefault((claim.accuser_id, claim.accused_id), []).append(claim)
        merged: list[ClaimCandidate] = []
        for claims in by_pair.values():
            by_trigger: dict[int, list[ClaimCandidate]] = {}
            for claim in claims:
                by_trigger.setdefault(claim.trigger, []).append(claim)
            chosen = max(
                by_trigger.values(), key=lambda group: len({c.category for c in group if c.category != Category.OTHER})
            )
            specific = [claim for claim in chosen if claim.category != Category.OTHER]
            others = [claim.category for claim in claims if claim.category != Category.OTHER]
            if not specific and others:
                chosen[0].category = others[0]
            for kept in specific or chosen[:1]:
                for claim in claims:
                    if STATUS_RANK[claim.status] > STATUS_RANK[kept.status]:
                        kept.status = claim.status
                    kept.confidence = max(kept.confidence, claim.confidence)
                    kept.object_id = kept.object_id or claim.object_id
                    kept.date_phrases = kept.date_phrases or claim.date_phrases
                merged.append(kept)
        return merged


@Language.factory(
    "claimgraph_claims_v1",
    default_config={"kb_dir": "", "min_confidence": 0.0, "continuation_window": 2},
)
def make_claim_rules(
    nlp: Language, name: str, kb_dir: str, min_confidence: float, continuation_window: int
) -> ClaimRules:
    """The claim rules; `kb_dir` empty means the packaged `nlp/kb/` folder."""
    return ClaimRules(nlp, name, kb_dir=kb_dir, min_confidence=min_confidence, continuation_window=continuation_window)
