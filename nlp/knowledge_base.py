"""The AI-industry knowledge base: companies, models, people and organisations from `nlp/kb/*.yaml`.

The files are data (see `nlp/kb/README.md`); this module reads them into a `KnowledgeBase` that
the entity ruler, the linker and the claim rules query. A file that cannot be read or an entry
without id, name or a known type is an `ExtractionError` naming the file and the entry; a
reference to an unknown id is logged and ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from claimgraph.exceptions import ExtractionError
from claimgraph.records import EntityType

logger = logging.getLogger(__name__)

DEFAULT_KB_DIR = Path(__file__).resolve().parent / "kb"
ORGANISATION_TYPES = frozenset(
    {
        EntityType.COMPANY,
        EntityType.REGULATOR,
        EntityType.COURT,
        EntityType.OUTLET,
        EntityType.ORGANIZATION,
        EntityType.GROUP,
    }
)


@dataclass(frozen=True)
class KBEntity:
    """One entry of the knowledge base."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    parent: str | None = None
    develops: tuple[str, ...] = ()
    version_of: str | None = None
    developer: str | None = None
    hq: str | None = None
    country: str | None = None
    kind_words: tuple[str, ...] = ()
    affiliation: str | None = None
    role: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name and its aliases, as they appear in text (case-sensitive); context aliases are apart."""
        return (self.name, *(alias for alias in self.aliases if alias != self.name))


@dataclass
class KnowledgeBase:
    """Entities by id, with the lookups the NLP components need."""

    entities: dict[str, KBEntity] = field(default_factory=dict)
    source: str = ""
    _index_size: int = field(default=-1, repr=False, compare=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _developers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _family_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _developer_cache: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _affiliated: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _relatives_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str | None) -> KBEntity | None:
        return self.entities.get(entity_id) if entity_id else None

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface form, entity id) for every name and alias."""
        for entity in self.entities.values():
            for surface in entity.surface_forms:
                yield surface, entity.id

    def context_surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface form, entity id) for every context alias: a name only where the context confirms it."""
        for entity in self.entities.values():
            for surface in entity.context_aliases:
                yield surface, entity.id

    def descriptors(self) -> Iterator[tuple[str, str]]:
        """(lower-case descriptor, entity id) for every listed descriptor."""
        for entity in self.entities.values():
            for descriptor in entity.descriptors:
                yield descriptor.lower().removeprefix("the ").strip(), entity.id

    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """Subsidiaries by parent id and developers by model id, built once (the KB does not change after loading)."""
        if self._index_size != len(self.entities):
            self._children = {}
            self._developers = {}
            self._affiliated = {}
            for entity in self.entities.values():
                if entity.parent:
                    self._children.setdefault(entity.parent, []).append(entity.id)
                for model_id in entity.develops:
                    self._developers.setdefault(model_id, entity.id)
                if entity.affiliation:
                    self._affiliated.setdefault(entity.affiliation, []).append(entity.id)
            self._family_cache = {}
            self._developer_cache = {}
            self._relatives_cache = {}
            self._index_size = len(self.entities)
        return self._children, self._developers

    def developer_of(self, entity_id: str) -> str | None:
        """The organisation that develops a model or product (following VERSION_OF upwards)."""
        _, developers = self._indexes()
        if entity_id in self._developer_cache:
            return self._developer_cache[entity_id]
        found = None
        seen: set[str] = set()
        current = self.get(entity_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            found = current.developer or developers.get(current.id)
            if found:
                break
            current = self.get(current.version_of)
        self._developer_cache[entity_id] = found
        return found

    def family(self, entity_id: str) -> frozenset[str]:
        """The entity, its parents, its subsidiaries and (for a person) the organisation it works for."""
        children, _ = self._indexes()
        cached = self._family_cache.get(entity_id)
        if cached is not None:
            return cached
        ids = {entity_id}
        entity = self.get(entity_id)
        if entity is not None:
            if entity.affiliation:
                ids |= self.family(entity.affiliation)
            ancestor = entity
            while ancestor is not None and ancestor.parent and ancestor.parent not in ids:
                ids.add(ancestor.parent)
                ancestor = self.get(ancestor.parent)
            pending = list(ids)
            while pending:
                for child in children.get(pending.pop(), ()):
                    if child not in ids:
                        ids.add(child)
                        pending.append(child)
        result = frozenset(ids)
        self._family_cache[entity_id] = result
        return result

    def relatives(self, entity_id: str) -> frozenset[str]:
        """The entity's corporate family, the models and products any of them develops, and the people
        who work for any of them: the entities whose mention makes an ambiguous name ("X") mean this one."""
        self._indexes()
        cached = self._relatives_cache.get(entity_id)
        if cached is not None:
            return cached
        ids = set(self.family(entity_id))
        for member in list(ids):
            ids.update(self._affiliated.get(member, ()))
            entity = self.get(member)
            if entity is not None:
                ids.update(entity.develops)
        ids.update(model_id for model_id, developer in self._developers.items() if developer in ids)
        ids.update(
            entity.id
            for entity in self.entities.values()
            if entity.developer in ids or (entity.version_of in ids and self.developer_of(entity.id) in ids)
        )
        result = frozenset(ids)
        self._relatives_cache[entity_id] = result
        return result

    def relations_among(self, entity_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(subject id, predicate, object id) facts whose both ends are in `entity_ids`."""
        present = set(entity_ids)
        facts: set[tuple[str, str, str]] = set()
        for entity_id in present:
            entity = self.get(entity_id)
            if entity is None:
                continue
            for model_id in entity.develops:
                if model_id in present:
                    facts.add((entity.id, "DEVELOPS", model_id))
            if entity.developer in present:
                facts.add((entity.developer, "DEVELOPS", entity.id))
            if entity.version_of in present:
                facts.add((entity.id, "VERSION_OF", entity.version_of))
            if entity.parent in present:
                facts.add((entity.id, "SUBSIDIARY_OF", entity.parent))
        return sorted(facts)


def _as_tuple(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ExtractionError(f"{where}: `{key}` must be a string or a list of strings, got {value!r}")


def _optional_str(value: object, where: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise ExtractionError(f"{where}: `{key}` must be a string, got {value!r}")


def _parse_entry(raw: object, where: str) -> KBEntity:
    if not isinstance(raw, dict):
        raise ExtractionError(f"{where}: each entry must be a mapping with id, name and type")
    for key in ("id", "name", "type"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ExtractionError(f"{where}: `{key}` is missing or empty")
    try:
        entity_type = EntityType(raw["type"])
    except ValueError as error:
        known = ", ".join(item.value for item in EntityType)
        raise ExtractionError(f"{where} ({raw['id']}): unknown type {raw['type']!r}; use one of {known}") from error
    where = f"{where} ({raw['id']})"
    return KBEntity(
        id=raw["id"],
        name=raw["name"],
        type=entity_type,
        aliases=_as_tuple(raw.get("aliases"), where, "aliases"),
        context_aliases=_as_tuple(raw.get("context_aliases"), where, "context_aliases"),
        descriptors=_as_tuple(raw.get("descriptors"), where, "descriptors"),
        parent=_optional_str(raw.get("parent"), where, "parent"),
        develops=_as_tuple(raw.get("develops"), where, "develops"),
        version_of=_optional_str(raw.get("version_of"), where, "version_of"),
        developer=_optional_str(raw.get("developer"), where, "developer"),
        hq=_optional_str(raw.get("hq"), where, "hq"),
        country=_optional_str(raw.get("country"), where, "country"),
        kind_words=_as_tuple(raw.get("kind_words"), where, "kind_words"),
        affiliation=_optional_str(raw.get("affiliation"), where, "affiliation"),
        role=_optional_str(raw.get("role"), where, "role"),
    )


def _read_file(path: Path) -> list[KBEntity]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ExtractionError(f"knowledge base file {path} is not valid YAML: {error}") from error
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entities", []), list):
        raise ExtractionError(f"knowledge base file {path} must hold `entities:` followed by a list")
    return [_parse_entry(raw, f"{path.name} entry {index + 1}") for index, raw in enumerate(data["entities"] or [])]


def _drop_dangling_references(kb: KnowledgeBase) -> None:
    """A reference to an unknown id is logged and ignored (the KB's own test refuses it)."""
    for entity in list(kb.entities.values()):
        changes: dict[str, object] = {}
        for key in ("parent", "version_of", "developer", "affiliation"):
            reference = getattr(entity, key)
            if reference and reference not in kb.entities:
                logger.warning("knowledge base entity %r: %s %r is not a known id; ignored", entity.id, key, reference)
                changes[key] = None
        unknown = [reference for reference in entity.develops if reference not in kb.entities]
        if unknown:
            logger.warning("knowledge base entity %r: develops unknown ids %s; ignored", entity.id, unknown)
            changes["develops"] = tuple(reference for reference in entity.develops if reference in kb.entities)
        if changes:
            kb.entities[entity.id] = replace(entity, **changes)  # type: ignore[arg-type]


def load_knowledge_base(directory: Path | str | None = None) -> KnowledgeBase:
    """Read every `*.yaml` file of `directory` (default `nlp/kb/`), cached per folder and file times."""
    folder = Path(directory) if directory else DEFAULT_KB_DIR
    if not folder.is_dir():
        raise ExtractionError(f"knowledge base folder {folder} does not exist; set the linker's kb_dir to one")
    files = sorted(folder.glob("*.yaml"))
    stamp = tuple((path.name, path.stat().st_mtime_ns) for path in files)
    return _load_cached(str(folder.resolve()), stamp)


@lru_cache(maxsize=8)
def _load_cached(folder: str, stamp: tuple[tuple[str, int], ...]) -> KnowledgeBase:
    kb = KnowledgeBase(source=folder)
    for name, _ in stamp:
        for entity in _read_file(Path(folder) / name):
            if entity.id in kb.entities:
                logger.warning("knowledge base id %r appears twice; keeping the first (%s)", entity.id, name)
                continue
            kb.entities[entity.id] = entity
    _drop_dangling_references(kb)
    logger.debug("loaded %d knowledge base entities from %s", len(kb), folder)
    return kb
