"""What kind of wrong a claim is (its `Category`): per coordinated allegation, an authority's one domain,
distillation only where models are at stake, and the article's other claims for an uncued one."""

from __future__ import annotations

import re
from collections import Counter

from claimgraph.records import Category, ClaimStatus, EntityType
from nlp import lexicon
from nlp.categories import Cue, category_in
from nlp.components.claims.frame import DocState, Frame
from nlp.components.claims.tree import allegation_parts, possessed_by, subtree_indices
from nlp.doc_data import ClaimCandidate
from nlp.syntax import Slots


def claim_categories(
    frame: Frame, cues: list[Cue], entity_tokens: set[int], mentions_model: bool, state: DocState
) -> list[Category]:
    """What the allegation is about: one category per coordinated allegation when they differ
    ("of distilling Claude, breaching its terms and stealing trade secrets"), else the region's
    category, else the category of the claims a "similar"/"the same" refers back to."""
    region = frame.region - entity_tokens
    parts = allegation_parts(frame.allegation_heads)
    if len(parts) > 1:
        part_tokens = [subtree_indices(part) for part in parts]
        found: list[Category] = []
        for index, tokens in enumerate(part_tokens):
            own = tokens - set().union(*(other for j, other in enumerate(part_tokens) if j != index and other < tokens))
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


def may_distil(accuser: str, accused: str, region: set[int], slots: Slots) -> bool:
    """Distillation is a model maker's grievance: its accuser develops models (in the KB, or is a company
    the KB does not know), or the allegation says "distil" outright. A publisher whose articles a chatbot
    answers with is not distilled from."""
    if any(slots.doc[i].lemma_.lower().startswith(("distil", "distill")) for i in region):
        return True
    if any(
        slots.doc[i].lower_ in lexicon.MODEL_WORDS and not possessed_by(slots.doc[i], accused, slots) for i in region
    ):
        # "extracted the capabilities of American models by training on their answers".
        return True
    entity = slots.kb.get(accuser)
    if entity is None:
        return slots.type_of(accuser) == EntityType.COMPANY
    return any((member := slots.kb.get(m)) is not None and member.develops for m in slots.family(accuser))


def without_distillation(categories: list[Category], cues: list[Cue], region: set[int]) -> list[Category]:
    """`categories` with distillation replaced by what the region cues besides it (copying is copyright)."""
    others = [cue for cue in cues if cue.category != Category.DISTILLATION]
    replacement = category_in(others, region, mentions_model=False) or Category.COPYRIGHT
    return replaced(categories, Category.DISTILLATION, replacement)


def authority_categories(accuser: str, slots: Slots) -> list[Category]:
    """The one kind of wrong an authority of a single domain accuses of ("Ireland's Data Protection
    Commission" -> privacy, a competition authority -> antitrust, a securities regulator -> fraud)."""
    if slots.type_of(accuser) != EntityType.REGULATOR:
        return []
    entity = slots.kb.get(accuser)
    texts = (entity.name, *entity.aliases, *entity.descriptors, *entity.kind_words) if entity else ()
    words = set(re.findall(r"[\w']+", " ".join(texts or (slots.name_of(accuser),)).lower()))
    domains = lexicon.authority_domains(words)
    if len(domains) != 1:
        return []
    category = lexicon.DOMAIN_CATEGORIES.get(next(iter(domains)))
    return [category] if category else []


def dominant_kind(cues: list[Cue]) -> Counter[Category]:
    """The one kind of wrong an article's strong cues are mostly about (at least twice as often as any
    other, and more than once), as a count; empty when the article is mixed or says little."""
    counts = Counter(cue.category for cue in cues if cue.category not in {None, Category.OTHER} and not cue.weak)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return Counter()
    return Counter({ranked[0][0]: ranked[0][1]})


def settle_categories(claims: list[ClaimCandidate], cues: list[Cue]) -> None:
    """A pair's 'other' claims take the category the article gives that pair elsewhere."""
    cued_kinds = Counter(c.category for c in claims if c.category != Category.OTHER)
    if not cued_kinds:
        cued_kinds = dominant_kind(cues)
    for claim in claims:
        if claim.category != Category.OTHER or claim.category_cued:
            continue
        specific = [
            c.category
            for c in claims
            if c.accuser_id == claim.accuser_id and c.accused_id == claim.accused_id and c.category != Category.OTHER
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


def replaced(categories: list[Category], old: Category, new: Category) -> list[Category]:
    """`categories` with `old` replaced by `new`, in order, without repeats."""
    return list(dict.fromkeys(new if category == old else category for category in categories))


def falsehood_about(person: str, region: set[int], slots: Slots) -> bool:
    """The allegation is of false statements about the accusing person: a word of falsehood and the person
    named or referred to by a personal pronoun in it."""
    if slots.type_of(person) != EntityType.PERSON:
        return False
    doc = slots.doc
    if not any(doc[i].lemma_.lower() in lexicon.FALSEHOOD_WORDS for i in region):
        return False
    return any(
        slots.token_entity.get(i) == person
        or (doc[i].lower_ in lexicon.PERSON_PRONOUNS and person in slots.refers_to(doc[i], set()))
        for i in region
    )
