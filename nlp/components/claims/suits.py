"""Frames of suits: suing, a lawsuit noun, taking to court, seeking damages, more plaintiffs or defendants,
settling charges or a suit."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.components.claims.discourse import established_defendant
from nlp.components.claims.frame import PLAINTIFF_TYPES, DocState, Frame
from nlp.components.claims.parties import all_authorities, authority, speaker
from nlp.components.claims.speech import accuse
from nlp.components.claims.tree import (
    children,
    kind_modifiers,
    prep_objects,
    region_without,
    span_of,
    subtree_indices,
)
from nlp.syntax import SUBJECT_DEPS, Slots, governing_verb, is_hypothetical, is_negated, subject_of


def sue(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X sued Y", "Y has been sued by X": an accusation with status `lawsuit_filed`; a suit without a named
    plaintiff is remembered for the plaintiffs a later sentence names."""
    frames = accuse(verb, slots, state)
    for frame in frames:
        frame.status = ClaimStatus.LAWSUIT_FILED
        clauses = [t for t in verb.subtree if t.dep_ in {"ccomp", "pcomp"} and t.i > verb.i]
        if frame.allegation is None and clauses:
            frame.allegation = span_of(subtree_indices(clauses[0]), verb.doc)
            frame.allegation_heads = clauses[:1]
        state.plaintiffs[:] = frame.accusers or state.plaintiffs
        groups_only = all(slots.type_of(accuser) == EntityType.GROUP for accuser in frame.accusers)
        if frame.accused and groups_only:
            # "A shareholder sued Apple ...": the plaintiff may be named later ("The suit was filed by ...",
            # "The plaintiff, Justin Brewer, says in the complaint ...").
            state.unnamed_suit = frame
    return frames


def to_court(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """A suit told as taking someone to court (the COURT shape: "X took Y to court", "Y was dragged into
    court by X"): the verb is read as SUE."""
    verb = noun.head.head
    if verb.lemma_ == "bring" and not children(verb, "dobj", "nsubjpass"):
        return []
    return sue(verb, slots, state)


def seek_damages(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X is seeking damages from Y", "seeking 2.2 billion yen from Y": a suit for money."""
    sought = [token for obj in children(verb, "dobj") for token in obj.subtree]
    damages = any(token.lower_ in lexicon.DAMAGES_NOUNS for token in sought)
    # An amount is damages only in a sentence about a suit ("sought $5 billion from Amazon" is funding).
    in_suit = any(token.lemma_.lower() in lexicon.SUIT_CONTEXT_WORDS for token in verb.sent)
    amount = any(token.is_currency or token.like_num for token in sought) and in_suit
    targets = prep_objects(verb, "from")
    if not (damages or amount) or not targets or is_negated(verb) or is_hypothetical(verb):
        return []
    accusers = speaker(verb, slots, state)
    exclude = slots.families(accusers)
    accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
    region = region_without(verb, [t for t in [subject_of(verb)] if t is not None])
    return [Frame(verb, accusers, accused, region, 0.8, status=ClaimStatus.LAWSUIT_FILED, date_verb=verb)]


def lawsuit(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """ "X's lawsuit against Y", "a suit brought by X", "Y faces a lawsuit from X", "X hit Y with a lawsuit"."""
    verb = governing_verb(noun)
    if state.has_shape("HIT_WITH", noun):
        # "Reddit hit Anthropic with a lawsuit": the verb's subject sues its object.
        return sue(noun.head.head, slots, state)
    plaintiffs: list[str] = []
    for child in children(noun, "poss"):
        plaintiffs = slots.refers_to_all(child, roles=False)
    if not plaintiffs:
        for participle in children(noun, "acl"):
            for agent in prep_objects(participle, "by"):
                plaintiffs = plaintiffs or slots.refers_to_all(agent)
    if not plaintiffs:
        # "Perplexity faces a lawsuit from Dow Jones"; "lawsuits from authors and artists" name no one.
        plaintiffs = [
            entity
            for source in prep_objects(noun, "from")
            for entity in slots.refers_to_all(source)
            if slots.type_of(entity) != EntityType.GROUP
        ]
    earlier: Frame | None = None
    if not plaintiffs and noun.dep_ == "nsubjpass" and verb.lemma_ in lexicon.FILE_VERBS:
        # "The suit was filed by Eric Tucker": the plaintiff of the suit reported before without one.
        plaintiffs = [e for agent in prep_objects(verb, "by") for e in slots.refers_to_all(agent)]
        earlier = state.unnamed_suit
    if noun.dep_ in SUBJECT_DEPS and not plaintiffs:
        # "The lawsuit accuses ..." is read by the accusing verb.
        return []
    if not plaintiffs and noun.dep_ == "dobj" and verb.lemma_ in lexicon.FILE_VERBS | lexicon.ACTION_VERBS:
        plaintiffs = speaker(verb, slots, state)
    if not plaintiffs:
        return []
    confidence, fallback = 0.85, False
    exclude = slots.families(plaintiffs)
    targets = prep_objects(noun, "against") + prep_objects(verb, "against")
    targets += [head for participle in children(noun, "acl") for head in prep_objects(participle, "against")]
    # "a case brought by the radio host Mark Walters against OpenAI" (the parser hangs "against" on the host).
    targets += [
        head
        for participle in children(noun, "acl")
        for agent in prep_objects(participle, "by")
        for head in prep_objects(agent, "against")
    ]
    accused = [e for head in targets for e in slots.refers_to_all(head, exclude)]
    if not accused and noun.dep_ == "dobj" and verb.lemma_ in lexicon.DEFEND_VERBS:
        defendant = subject_of(verb)
        if defendant is not None:
            accused = slots.refers_to_all(defendant, exclude)
    if is_negated(verb) or is_hypothetical(verb):
        return []
    state.plaintiffs[:] = plaintiffs
    region = subtree_indices(noun) | region_without(verb, [t for t in [subject_of(verb)] if t is not None])
    if not accused and earlier is not None:
        accused, region = list(earlier.accused), region | earlier.region
        state.adopt(earlier, plaintiffs, slots)
    if not accused and not targets:
        accused = established_defendant(noun, verb, plaintiffs, slots, state)
        confidence, fallback = 0.7, True
    frame = Frame(
        noun,
        plaintiffs,
        accused,
        region,
        confidence,
        status=ClaimStatus.LAWSUIT_FILED,
        date_verb=verb,
        allegation_heads=kind_modifiers(noun, slots),
        fallback=fallback,
    )
    return [frame]


def more_plaintiffs(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """More accusers of the suit just reported (the PLAINTIFF shape): "Other plaintiffs include X, Y and Z",
    "X is a named plaintiff"."""
    verb = noun.head
    heads = children(verb, "dobj") if noun.dep_ == "nsubj" else children(verb, "nsubj")
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
            subtree_indices(verb),
            0.8,
            status=ClaimStatus.LAWSUIT_FILED,
            date_verb=verb,
            inherited=inherited,
        )
    ]


def defendant(noun: Token, slots: Slots, state: DocState) -> list[Frame]:
    """More accused of the current suit: "Tim Cook and Kevan Parekh are also named as defendants"."""
    verb = governing_verb(noun)
    accusers = list(state.plaintiffs)
    if not accusers or verb.lemma_ not in lexicon.NAME_AS_VERBS or not prep_objects(verb, "as"):
        return []
    if is_negated(verb) or is_hypothetical(verb):
        return []
    exclude = slots.families(accusers)
    heads = children(verb, "nsubjpass", "dobj")
    accused = [entity for head in heads for entity in slots.refers_to_all(head, exclude)]
    earlier = [claim.category for claim in state.claims if claim.accuser_id in accusers]
    return [
        Frame(
            noun,
            accusers,
            accused,
            subtree_indices(noun),
            0.8,
            status=ClaimStatus.LAWSUIT_FILED,
            date_verb=verb,
            inherited=[earlier[-1]] if earlier else [],
        )
    ]


def settle(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """A party settling charges or a suit is the accused of whoever brought them: "Presto agreed to
    settle charges by the SEC that it misled investors", "settled with the Texas attorney general"."""
    settled_against = authority_settling_against(verb, slots, state)
    if settled_against:
        return settled_against
    accuser_heads, clauses = settled_matter(verb, slots, state)
    accusers = [entity for head in accuser_heads for entity in slots.refers_to_all(head)]
    with_parties = [entity for head in prep_objects(verb, "with") for entity in slots.refers_to_all(head)]
    accusers += [entity for entity in with_parties if authority(entity, slots)]
    if not accusers:
        return []
    exclude = slots.families(accusers)
    subject = subject_of(verb)
    accused = slots.refers_to_all(subject, exclude) if subject is not None else []
    region = {t.i for clause in clauses for t in clause.subtree} | region_without(verb, [t for t in [subject] if t])
    return [
        Frame(
            verb,
            accusers,
            accused,
            region,
            0.8,
            status=ClaimStatus.SETTLED,
            allegation=span_of({t.i for clause in clauses for t in clause.subtree}, verb.doc),
            date_verb=verb,
            allegation_heads=clauses[:1],
        )
    ]


def settled_matter(verb: Token, slots: Slots, state: DocState) -> tuple[list[Token], list[Token]]:
    """Who brought what `verb` settles, and the clauses saying what it was about: "charges by the
    SEC that ...", "FTC charges that ..." (also when the parser read "charges" as a verb), "the suit"."""
    doc = verb.doc
    accuser_heads: list[Token] = []
    clauses = [child for child in children(verb, "ccomp") if child.i > verb.i]
    for obj in children(verb, "dobj"):
        following = doc[obj.i + 1] if obj.i + 1 < len(doc) else None
        if obj.i in slots.token_entity and following is not None and following.lemma_ in lexicon.SETTLED_NOUNS:
            accuser_heads.append(obj)
            clauses += [child for child in following.children if child.dep_ in {"ccomp", "acl", "relcl"}]
            continue
        if obj.lemma_ not in lexicon.SETTLED_NOUNS or obj.i in slots.token_entity:
            continue
        owners = children(obj, "poss", "compound", "nmod")
        accuser_heads += [child for child in owners if child.i in slots.token_entity]
        accuser_heads += prep_objects(obj, "by", "from")
        accuser_heads += [agent for acl in children(obj, "acl") for agent in prep_objects(acl, "by")]
        clauses += [child for child in obj.children if child.dep_ in {"ccomp", "acl", "relcl"}]
    accuser_heads += prep_objects(verb, "by")
    return accuser_heads, clauses


def authority_settling_against(verb: Token, slots: Slots, state: DocState) -> list[Frame]:
    """An authority that settled its charges against someone: "The SEC settled charges against two
    investment advisers, Delphia and Global Predictions, over misleading claims"."""
    charges = [obj for obj in children(verb, "dobj") if obj.lemma_ in lexicon.SETTLED_NOUNS]
    targets = [head for obj in charges for head in prep_objects(obj, "against")]
    accusers = speaker(verb, slots, state) if targets else []
    if not all_authorities(accusers, slots):
        return []
    exclude = slots.families(accusers)
    accused = [entity for head in targets for entity in slots.refers_to_all(head, exclude)]
    region = region_without(verb, [t for t in [subject_of(verb)] if t is not None])
    return [Frame(verb, accusers, accused, region, 0.8, status=ClaimStatus.SETTLED, date_verb=verb)]
