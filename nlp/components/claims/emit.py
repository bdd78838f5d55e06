"""From frames to `ClaimCandidate`s: the checks every claim obeys, one candidate per accuser, accused and
category, merged per sentence; claims that only shadow others dropped."""

from __future__ import annotations

from dataclasses import replace

from claimgraph.records import Category, EntityType
from nlp import lexicon
from nlp.categories import Cue, category_in
from nlp.components.claims.discourse import inherited_category
from nlp.components.claims.frame import STATUS_RANK, DocState, Frame
from nlp.components.claims.kinds import (
    authority_categories,
    claim_categories,
    falsehood_about,
    may_distil,
    replaced,
    without_distillation,
)
from nlp.components.claims.parties import credited, in_apposition, same_name, speaks_for, valid_accuser
from nlp.components.claims.tree import falsely_reported
from nlp.doc_data import ClaimCandidate
from nlp.syntax import Slots, governing_verb, is_hypothetical, is_negated, own_date_phrases, tense_of


def emit(frame: Frame, slots: Slots, cues: list[Cue], entity_tokens: set[int], state: DocState) -> list[ClaimCandidate]:
    """The candidates of one frame: every accuser against every accused, one per category."""
    trigger = frame.trigger
    if is_negated(trigger) or is_hypothetical(trigger) or falsely_reported(trigger):
        return []
    accusers = [a for a in frame.accusers if valid_accuser(a, slots, frame)]
    spoken = trigger.lemma_ in lexicon.SAY_VERBS
    accusers = list(dict.fromkeys(party for a in accusers for party in credited(a, slots, spoken=spoken)))
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
        and any(child.dep_ == "dobj" and child.lemma_.lower() in lexicon.MODEL_WORDS for child in slots.doc[i].children)
        for i in frame.region
    )
    categories = claim_categories(frame, cues, entity_tokens, bool(models) or model_words, state)
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
            if speaks_for(accuser, target, slots) or same_name(accuser, target, slots):
                continue
            if accuser in credited(target, slots, spoken=True) or in_apposition(accuser, target, slots):
                # "Connecticut's attorney general, William Tong, said his office ...": the office's own holder.
                continue
            inherited = inherited_category(state, accuser, target)
            authority_kind = authority_categories(accuser, slots)
            pair_categories = authority_kind or categories or [inherited or Category.OTHER]
            if Category.FRAUD_MISLEADING in pair_categories and falsehood_about(accuser, frame.region, slots):
                # "saying its AI assistant had falsely claimed he took part in the riot": defamation.
                pair_categories = replaced(pair_categories, Category.FRAUD_MISLEADING, Category.DEFAMATION)
            if Category.DISTILLATION in pair_categories and not may_distil(accuser, target, frame.region, slots):
                pair_categories = without_distillation(pair_categories, cues, frame.region - entity_tokens)
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


def merge_sentence(found: list[ClaimCandidate]) -> list[ClaimCandidate]:
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


def members_for_groups(claims: list[ClaimCandidate], members: dict[str, list[str]]) -> list[ClaimCandidate]:
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


def without_shadow_claims(claims: list[ClaimCandidate], slots: Slots) -> list[ClaimCandidate]:
    """Claims that only shadow others: a group's ("the parents", "writers") against someone the article's
    named accusers accuse, and a sanctioned party's complaint about the authority that sanctioned it
    ("OpenAI said the Garante's approach undermines ..."), which is its answer, not an accusation."""
    named = {claim.accused_id for claim in claims if slots.type_of(claim.accuser_id) not in {EntityType.GROUP, None}}
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
