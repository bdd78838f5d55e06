"""Entity resolution across articles, for names the knowledge base does not know.

The NLP stage links names to the knowledge base; a name outside it gets the slug of the name as
its id, so "Northgate Media" and "Northgate Media Group" (or "HWA", which another article defined
as "the Halden Writers Association (HWA)") would be two entities and their claims two disputes.
At ingest the graph resolves such a name against the entities it already holds and against the
rest of the batch:

- one **name key** per name: lower case, words only, "&" read as "and", a leading "the" and
  trailing legal suffixes and designators dropped ("Inc.", "Ltd", "Group", "Holdings", "AI"), so
  "Northgate Media Group" and "Northgate Media", "Perplexity AI" and "Perplexity" share a key;
- an **acronym the article defines**: a name in capitals whose mention follows a longer name's
  mention in brackets ("Halden Writers Association (HWA)") and spells its initials is that entity;
  the acronym then stays one of its aliases, so a later article's bare "HWA" resolves to it too.

Guards: only names outside the knowledge base are ever merged away, and only into an entity of
the same kind of thing (organisations' kinds are one family: the NER calls one publisher a
Company here and an Organization there); a name whose key two knowledge-base entities share is
left alone (the knowledge base keeps them apart); a merge a person refused (`claimgraph entities
unmerge`) is never made again; an entity already stored under its own id keeps it (ids stay
stable: a new name joins the entity the graph has, not the other way round).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.records import Entity, EntityRef, EntityType, Extraction

LEGAL_SUFFIXES = frozenset(
    {
        *("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "plc"),
        *("gmbh", "ag", "sa", "sas", "nv", "bv", "pbc", "pty", "kk", "group", "holdings", "holding", "ai"),
    }
)
"""Trailing words that do not change which organisation a name means."""

ORGANISATIONS = frozenset(
    {EntityType.COMPANY, EntityType.ORGANIZATION, EntityType.GROUP, EntityType.OUTLET, EntityType.REGULATOR}
)
MINOR_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "&"})
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
WORDS = re.compile(r"[a-z0-9]+")


def name_key(name: str) -> str:
    """The key two names of one organisation share ('Northgate Media Group, Inc.' -> 'northgate media')."""
    words = WORDS.findall(name.lower().replace("&", " and "))
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def family(kind: str) -> str:
    """Kinds that may name the same thing: every kind of organisation is one family."""
    return "organisation" if kind in ORGANISATIONS else kind


def initials(name: str) -> str:
    """The acronym a name would have ('Halden Writers Association' -> 'HWA')."""
    words = [word for word in re.findall(r"[A-Za-z0-9]+", name) if word.lower() not in MINOR_WORDS]
    return "".join(word[0].upper() for word in words)


@dataclass(frozen=True)
class Known:
    """An entity resolution can merge into: stored in the graph, or another entity of the batch."""

    id: str
    name: str
    type: str
    in_kb: bool
    aliases: tuple[str, ...] = ()
    stored: bool = False

    def name_keys(self) -> set[str]:
        return {key for key in (name_key(name) for name in (self.name, *self.aliases)) if key}


@dataclass(frozen=True)
class Merge:
    """`source` (a name outside the knowledge base) is the entity `into`, for `reason`."""

    source: str
    into: str
    name: str
    type: str
    reason: str

    def row(self) -> dict[str, str]:
        return {"id": self.source, "into": self.into, "name": self.name, "type": self.type, "reason": self.reason}


@dataclass
class Resolution:
    """The merges of one batch: each merged id -> the id it is now."""

    merges: dict[str, Merge] = field(default_factory=dict)

    def resolve(self, entity_id: str) -> str:
        seen = set()
        while entity_id in self.merges and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.merges[entity_id].into
        return entity_id


def defined_acronyms(extraction: Extraction) -> dict[str, str]:
    """Acronym entity id -> the entity whose name it abbreviates, where the article defines it in brackets."""
    spans = [(mention, entity) for entity in extraction.entities for mention in entity.mentions]
    ends = {mention.end: entity for mention, entity in spans}
    defined: dict[str, str] = {}
    for mention, entity in spans:
        if entity.in_kb or not ACRONYM.match(entity.name):
            continue
        for gap in (1, 2):  # "Name(HWA)" or "Name (HWA)"
            longer = ends.get(mention.start - gap)
            if longer is not None and longer.id != entity.id and initials(longer.name) == entity.name:
                defined[entity.id] = longer.id
    return defined


def batch_entities(extractions: Iterable[Extraction]) -> dict[str, Known]:
    """Every entity the batch names, once per id (a knowledge-base entity wins the name)."""
    found: dict[str, Known] = {}

    def see(item: EntityRef) -> None:
        in_kb = isinstance(item, Entity) and item.in_kb
        aliases = tuple(item.aliases) if isinstance(item, Entity) else ()
        current = found.get(item.id)
        if current is None or (in_kb and not current.in_kb):
            found[item.id] = Known(item.id, item.name, item.type.value, in_kb, aliases)

    for extraction in extractions:
        for entity in extraction.entities:
            see(entity)
        for claim in extraction.claims:
            for ref in (claim.accuser, claim.accused, claim.object):
                if ref is not None:
                    see(ref)
        for response in extraction.responses:
            see(response.responder)
    return found


def lookup_names(entities: Mapping[str, Known]) -> list[str]:
    """The names to look up in the graph's name index: every name outside the knowledge base."""
    return sorted({entity.name for entity in entities.values() if not entity.in_kb and name_key(entity.name)})


def _target(source: Known, candidates: Sequence[Known]) -> Known | None:
    """The entity `source` is, among candidates sharing its key and kind; None when ambiguous or none.

    A knowledge-base entity first (two of them: ambiguous), then one the graph already has (ids stay
    stable), then, among new names only, the fullest name (then the lowest id).
    """
    in_kb = {candidate.id for candidate in candidates if candidate.in_kb}
    if len(in_kb) > 1:
        return None
    if in_kb:
        return next(candidate for candidate in candidates if candidate.in_kb)
    stored = sorted((candidate for candidate in candidates if candidate.stored), key=lambda c: c.id)
    if stored:
        return stored[0]
    best = min([source, *candidates], key=lambda c: (-len(c.name.split()), c.id))
    return None if best.id == source.id else best


def resolve(
    extractions: Sequence[Extraction],
    stored: Iterable[Known],
    recorded: Mapping[str, str],
    refused: Iterable[tuple[str, str]],
) -> Resolution:
    """The merges for a batch.

    `stored`: the graph's entities whose names the batch's names found; `recorded`: merges made
    earlier (merged id -> id), followed first; `refused`: (merged id, id) pairs a person undid.
    """
    entities = batch_entities(extractions)
    refusals = {frozenset(pair) for pair in refused}
    stored_by_id = {known.id: known for known in stored}
    resolution = Resolution()
    for source_id, into in sorted(recorded.items()):
        if source_id in entities and frozenset((source_id, into)) not in refusals:
            source = entities[source_id]
            resolution.merges[source_id] = Merge(source_id, into, source.name, source.type, "recorded")
    for extraction in extractions:
        for acronym, longer in sorted(defined_acronyms(extraction).items()):
            source = entities[acronym]
            if acronym in resolution.merges or acronym in stored_by_id or frozenset((acronym, longer)) in refusals:
                continue
            if family(source.type) == family(entities[longer].type):
                resolution.merges[acronym] = Merge(acronym, longer, source.name, source.type, "acronym defined")
    pool = {**{k: v for k, v in entities.items() if k not in stored_by_id}, **stored_by_id}
    by_key: dict[tuple[str, str], list[Known]] = {}
    for known in pool.values():
        for key in known.name_keys():
            by_key.setdefault((family(known.type), key), []).append(known)
    for source_id in sorted(entities):
        source = stored_by_id.get(source_id, entities[source_id])
        if source.in_kb or source_id in resolution.merges or source.stored:
            continue
        key = name_key(source.name)
        candidates = [
            known
            for known in by_key.get((family(source.type), key), [])
            if known.id != source_id and frozenset((source_id, known.id)) not in refusals
        ]
        target = _target(source, candidates)
        if target is not None:
            resolution.merges[source_id] = Merge(source_id, target.id, source.name, source.type, "same name")
    for source_id in list(resolution.merges):
        if resolution.resolve(source_id) == source_id:  # a cycle: keep the names apart
            del resolution.merges[source_id]
    return resolution


def _ref(ref: EntityRef, resolution: Resolution, names: Mapping[str, Known]) -> EntityRef:
    target = resolution.resolve(ref.id)
    if target == ref.id:
        return ref
    known = names.get(target)
    return EntityRef(id=target, name=known.name if known else ref.name, type=known.type if known else ref.type)


def apply(extraction: Extraction, resolution: Resolution, names: Mapping[str, Known]) -> Extraction:
    """The extraction with every merged id replaced by the id it is now; the merged name becomes an alias.

    A claim whose two parties turn out to be one entity is dropped (with its responses).
    """
    if not resolution.merges:
        return extraction
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        target = resolution.resolve(entity.id)
        if target == entity.id:
            entities.setdefault(entity.id, entity)
            entities[entity.id] = _absorb(entities[entity.id], entity)
            continue
        known = names.get(target)
        moved = Entity(
            id=target,
            name=known.name if known else entity.name,
            type=known.type if known else entity.type,
            in_kb=known.in_kb if known else False,
            aliases=sorted({*entity.aliases, entity.name} - {known.name if known else entity.name}),
            mentions=entity.mentions,
        )
        entities[target] = _absorb(entities[target], moved) if target in entities else moved
    claims = []
    for claim in extraction.claims:
        accuser, accused = _ref(claim.accuser, resolution, names), _ref(claim.accused, resolution, names)
        if accuser.id == accused.id:
            continue
        obj = _ref(claim.object, resolution, names) if claim.object else None
        claims.append(claim.model_copy(update={"accuser": accuser, "accused": accused, "object": obj}))
    kept = {claim.id for claim in claims}
    responses = [
        response.model_copy(update={"responder": _ref(response.responder, resolution, names)})
        for response in extraction.responses
        if response.claim_id in kept
    ]
    relations = [
        relation.model_copy(
            update={
                "subject": _ref(relation.subject, resolution, names),
                "object": _ref(relation.object, resolution, names),
            }
        )
        for relation in extraction.relations
    ]
    return extraction.model_copy(
        update={"entities": list(entities.values()), "claims": claims, "responses": responses, "relations": relations}
    )


def _absorb(kept: Entity, other: Entity) -> Entity:
    if kept is other:
        return kept
    aliases = sorted({*kept.aliases, *other.aliases, other.name} - {kept.name})
    return kept.model_copy(update={"aliases": aliases, "mentions": [*kept.mentions, *other.mentions]})
