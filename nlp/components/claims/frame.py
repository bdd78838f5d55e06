"""What one trigger says (`Frame`) and what the rules remember while reading a document (`DocState`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.doc_data import ClaimCandidate
from nlp.syntax import PARTY_TYPES, Slots, subject_of

# Statuses from weakest to strongest: a claim keeps the strongest any trigger or status cue gives it.
STATUS_RANK = {
    ClaimStatus.ALLEGED: 0,
    ClaimStatus.DENIED: 1,
    ClaimStatus.LAWSUIT_FILED: 2,
    ClaimStatus.RULED: 3,
    ClaimStatus.SETTLED: 4,
    ClaimStatus.RETRACTED: 5,
}
# Who can accuse: every kind of party.
ACCUSER_TYPES = PARTY_TYPES
# Organisations that, named near a suit that names no defendant, may be its defendant.
ORGANISATION_TYPES = frozenset({EntityType.COMPANY, EntityType.OUTLET, EntityType.ORGANIZATION, EntityType.REGULATOR})
# Sentences within which a suit reported without its plaintiff takes the plaintiffs a later sentence names.
UNNAMED_SUIT_WINDOW = 3
# The knowledge base's ids of state attorneys general's offices end so ("texas-attorney-general").
STATE_PROSECUTOR_SUFFIX = "-attorney-general"
# Who can be named as another plaintiff of a suit ("Other plaintiffs include ...").
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
class DocState:
    """What the rules remember while reading one document, sentence by sentence: the claims so far, the
    current plaintiffs, a suit still waiting for its plaintiffs, documents' authors, groups' members."""

    claims: list[ClaimCandidate] = field(default_factory=list)
    plaintiffs: list[str] = field(default_factory=list)
    unnamed_suit: Frame | None = None
    named_plaintiffs: list[str] = field(default_factory=list)
    sentence_index: dict[int, int] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    documents: dict[str, list[str]] = field(default_factory=dict)
    group_members: dict[str, list[str]] = field(default_factory=dict)
    topic_suit: Token | None = None
    shapes: dict[str, set[int]] = field(default_factory=dict)

    def has_shape(self, label: str, token: Token) -> bool:
        """`token` is what a match of the sentence shape `label` stands for (nlp/patterns/claim_shapes.yaml)."""
        return token.i in self.shapes.get(label, ())

    def follow_topic(self, sentence: Span) -> None:
        """The suit a sentence is about, when its subject is one ("The complaint says ..."), kept while the
        next sentences go on with "It ..."."""
        subject = subject_of(sentence.root)
        if subject is not None and subject.lemma_ in lexicon.SUIT_NOUNS:
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
