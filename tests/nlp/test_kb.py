"""The AI-industry knowledge base (`nlp/kb/*.yaml`) is well formed and consistent.

Each check is a function returning the problems it finds, so that a failing test names every
offending entry at once; each check is also run on a small broken knowledge base to show that
it does catch what it is meant to catch.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimgraph.records import EntityType

KB_DIR = Path(__file__).resolve().parents[2] / "nlp" / "kb"
README = KB_DIR / "README.md"

Entity = dict[str, Any]

MIN_ENTITIES = 150
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COUNTRY_PATTERN = re.compile(r"[A-Z]{2}")
LIST_FIELDS = ("aliases", "context_aliases", "descriptors", "develops", "kind_words")
TEXT_FIELDS = ("hq", "country", "role")
REFERENCE_FIELDS = ("parent", "version_of", "developer", "affiliation")
KNOWN_FIELDS = frozenset({"id", "name", "type", *LIST_FIELDS, *TEXT_FIELDS, *REFERENCE_FIELDS})
ORGANISATION_TYPES = frozenset({"Company", "Regulator", "Court", "Outlet", "Organization", "Group"})
MODEL_TYPES = frozenset({"Model", "Product"})
PERSON_ONLY_FIELDS = ("affiliation", "role")
MODEL_ONLY_FIELDS = ("version_of", "developer")
ORGANISATION_ONLY_FIELDS = ("parent", "develops")
# Words that are never an entity's name: they would tag every sentence of the news.
GENERIC_SURFACES = frozenset(
    word.casefold()
    for word in (
        "AI",
        "A.I.",
        "artificial intelligence",
        "AGI",
        "LLM",
        "chatbot",
        "model",
        "company",
        "startup",
        "start-up",
        "lab",
        "agency",
        "regulator",
        "court",
        "government",
        "commission",
        "department",
        "office",
        "Supreme Court",
        "District Court",
        "Senate",
        "Parliament",
        "Times",
        "Post",
        "Journal",
        "News",
        "Guardian",
        "Atlantic",
        "X",
    )
)
LEGAL_SUFFIX = re.compile(r"(?:,?\s)(?:Inc\.?|LLC|LLP|L\.L\.C\.|Ltd\.?|Corp\.?|Co\.|PLC|plc|GmbH|S\.A\.|N\.V\.)$")


def load_entities(directory: Path = KB_DIR) -> list[tuple[str, Entity]]:
    """(file name, raw entry) for every entry of every `*.yaml` file, read with `yaml.safe_load`."""
    entries = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and isinstance(data.get("entities"), list), f"{path.name}: needs `entities:`"
        entries.extend((path.name, entry) for entry in data["entities"])
    return entries


def _entities(entries: Iterable[tuple[str, Entity]]) -> dict[str, Entity]:
    return {entry["id"]: entry for _, entry in entries if isinstance(entry, dict) and "id" in entry}


def _surfaces(entity: Entity) -> list[str]:
    return [entity["name"], *entity.get("aliases", []), *entity.get("context_aliases", [])]


# --- Checks -----------------------------------------------------------------------------------


def shape_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Entries that are not mappings of known fields with values of the right kind."""
    problems = []
    for file_name, entry in entries:
        if not isinstance(entry, dict):
            problems.append(f"{file_name}: entry {entry!r} is not a mapping")
            continue
        label = f"{file_name}: {entry.get('id')!r}"
        problems.extend(f"{label}: unknown field {key!r}" for key in sorted(set(entry) - KNOWN_FIELDS))
        for key in ("id", "name", "type"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"{label}: `{key}` is missing or empty")
        for key in LIST_FIELDS:
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                problems.append(f"{label}: `{key}` must be a list of non-empty strings")
            elif len(set(value)) != len(value):
                problems.append(f"{label}: `{key}` repeats an item")
        for key in (*TEXT_FIELDS, *REFERENCE_FIELDS):
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                problems.append(f"{label}: `{key}` must be a non-empty string or null")
    return problems


def identity_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Ids that are not slugs or appear twice; types that are not `EntityType` values."""
    known_types = {item.value for item in EntityType}
    seen: dict[str, str] = {}
    problems = []
    for file_name, entry in entries:
        entity_id = entry["id"]
        if not ID_PATTERN.fullmatch(entity_id):
            problems.append(f"{file_name}: id {entity_id!r} is not a lower-case slug")
        if entity_id in seen:
            problems.append(f"{file_name}: id {entity_id!r} already used in {seen[entity_id]}")
        seen[entity_id] = file_name
        if entry["type"] not in known_types:
            problems.append(f"{file_name}: {entity_id!r} has unknown type {entry['type']!r}")
    return problems


def reference_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """References to unknown ids, or to an entity of the wrong kind."""
    entities = _entities(entries)
    allowed = {
        "parent": ORGANISATION_TYPES,
        "developer": ORGANISATION_TYPES,
        "version_of": MODEL_TYPES,
        "develops": MODEL_TYPES,
        "affiliation": ORGANISATION_TYPES,
    }
    problems = []
    for entity in entities.values():
        for key, types in allowed.items():
            targets = entity.get(key) or []
            for target in [targets] if isinstance(targets, str) else targets:
                if target not in entities:
                    problems.append(f"{entity['id']!r}: `{key}` refers to unknown id {target!r}")
                elif entities[target]["type"] not in types:
                    problems.append(f"{entity['id']!r}: `{key}` {target!r} is a {entities[target]['type']}")
                elif target == entity["id"]:
                    problems.append(f"{entity['id']!r}: `{key}` refers to itself")
    return problems


def field_kind_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Fields used on the wrong kind of entity (a person with a developer, a model with a parent)."""
    problems = []
    for entity in _entities(entries).values():
        kind = entity["type"]
        misplaced = []
        if kind != "Person":
            misplaced += [key for key in PERSON_ONLY_FIELDS if entity.get(key)]
        if kind not in MODEL_TYPES:
            misplaced += [key for key in MODEL_ONLY_FIELDS if entity.get(key)]
        if kind not in ORGANISATION_TYPES:
            misplaced += [key for key in ORGANISATION_ONLY_FIELDS if entity.get(key)]
        problems.extend(f"{entity['id']!r} ({kind}) should not have `{key}`" for key in misplaced)
    return problems


def cycle_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """`parent` or `version_of` chains that loop back on themselves."""
    entities = _entities(entries)
    problems = []
    for key in ("parent", "version_of"):
        for start in entities:
            seen = {start}
            current = entities[start].get(key)
            while current in entities:
                if current in seen:
                    problems.append(f"{start!r}: `{key}` chain loops through {current!r}")
                    break
                seen.add(current)
                current = entities[current].get(key)
    return problems


def surface_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Names and aliases shared by two entities (ignoring case), generic words, legal suffixes.

    A generic word may only be a context alias ("X" for X Corp), which the entity ruler accepts
    where the article confirms it; a context alias repeating a plain alias would never be guarded.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    problems = []
    for entity in _entities(entries).values():
        aliases = entity.get("aliases", [])
        contextual = entity.get("context_aliases", [])
        if entity["name"] in aliases:
            problems.append(f"{entity['id']!r}: alias {entity['name']!r} repeats the name")
        problems.extend(
            f"{entity['id']!r}: context alias {surface!r} is also its name or a plain alias"
            for surface in contextual
            if surface in (entity["name"], *aliases)
        )
        for surface in _surfaces(entity):
            owners[surface.casefold()].add(entity["id"])
            generic = surface.casefold() in GENERIC_SURFACES or len(surface.strip()) < 2
            if generic and surface not in contextual:
                problems.append(f"{entity['id']!r}: {surface!r} is too generic to be a name")
        problems.extend(
            f"{entity['id']!r}: alias {alias!r} carries a legal suffix (suffixes are stripped before lookup)"
            for alias in aliases
            if LEGAL_SUFFIX.search(alias)
        )
    problems.extend(
        f"{surface!r} names several entities: {sorted(ids)}" for surface, ids in owners.items() if len(ids) > 1
    )
    return problems


def descriptor_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Descriptors not in lower case, with a leading "the", padding the entity's name, or shared by two.

    A descriptor may equal a name or alias in lower case ("italian data protection authority"
    beside the alias "Italian Data Protection Authority"): the alias matches the capitalised form,
    the descriptor the lower-case one. A name with extra words ("german publisher axel springer")
    adds nothing, since the name itself is matched anyway.
    """
    entities = _entities(entries)
    surface_owners = {surface.casefold(): entity["id"] for entity in entities.values() for surface in _surfaces(entity)}
    owners: dict[str, set[str]] = defaultdict(set)
    problems = []
    for entity in entities.values():
        surfaces = [surface.casefold() for surface in _surfaces(entity)]
        for descriptor in entity.get("descriptors", []):
            owners[descriptor].add(entity["id"])
            if descriptor != descriptor.lower() or descriptor != descriptor.strip():
                problems.append(f"{entity['id']!r}: descriptor {descriptor!r} must be lower case and trimmed")
            if surface_owners.get(descriptor, entity["id"]) != entity["id"]:
                problems.append(
                    f"{entity['id']!r}: descriptor {descriptor!r} is the name of {surface_owners[descriptor]!r}"
                )
            if descriptor.startswith("the "):
                problems.append(f"{entity['id']!r}: descriptor {descriptor!r} starts with 'the'")
            if descriptor not in surfaces and any(
                re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", descriptor) for surface in surfaces
            ):
                problems.append(
                    f"{entity['id']!r}: descriptor {descriptor!r} repeats the entity's name with extra words"
                )
        for word in entity.get("kind_words", []):
            if word != word.lower():
                problems.append(f"{entity['id']!r}: kind word {word!r} must be lower case")
    problems.extend(
        f"descriptor {descriptor!r} is ambiguous between {sorted(ids)}; use hq/country/kind_words instead"
        for descriptor, ids in owners.items()
        if len(ids) > 1
    )
    return problems


def place_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Country codes that are not two upper-case letters (ISO 3166-1 alpha-2, or EU)."""
    return [
        f"{entity['id']!r}: country {entity['country']!r} is not an ISO 3166-1 alpha-2 code"
        for entity in _entities(entries).values()
        if entity.get("country") is not None and not COUNTRY_PATTERN.fullmatch(str(entity["country"]))
    ]


def developer_problems(entries: list[tuple[str, Entity]]) -> list[str]:
    """Models without a developer, and developers contradicted by another entity's `develops`."""
    entities = _entities(entries)
    listed_by: dict[str, set[str]] = defaultdict(set)
    for entity in entities.values():
        for model_id in entity.get("develops", []):
            listed_by[model_id].add(entity["id"])
    problems = []
    for entity in entities.values():
        if entity["type"] != "Model":
            continue
        developer = entity.get("developer")
        if developer is None and not listed_by[entity["id"]]:
            problems.append(f"{entity['id']!r}: a model needs a `developer` (or a developer listing it)")
        if developer is not None and listed_by[entity["id"]] and developer not in listed_by[entity["id"]]:
            problems.append(
                f"{entity['id']!r}: developer {developer!r} but listed by {sorted(listed_by[entity['id']])}"
            )
    return problems


CHECKS: tuple[Callable[[list[tuple[str, Entity]]], list[str]], ...] = (
    identity_problems,
    reference_problems,
    field_kind_problems,
    cycle_problems,
    surface_problems,
    descriptor_problems,
    place_problems,
    developer_problems,
)


# --- The real knowledge base ------------------------------------------------------------------


@pytest.fixture(scope="module")
def entries() -> list[tuple[str, Entity]]:
    return load_entities()


def test_kb_folder_holds_the_expected_files() -> None:
    names = {path.name for path in KB_DIR.glob("*.yaml")}
    assert {"companies.yaml", "models.yaml", "people.yaml", "organizations.yaml"} <= names


def test_every_entry_has_a_valid_shape(entries: list[tuple[str, Entity]]) -> None:
    assert shape_problems(entries) == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_kb_passes_check(entries: list[tuple[str, Entity]], check: Callable[..., list[str]]) -> None:
    assert shape_problems(entries) == [], "fix the shape of the entries first"
    assert check(entries) == []


def test_kb_is_large_enough(entries: list[tuple[str, Entity]]) -> None:
    assert len(entries) >= MIN_ENTITIES


def test_kb_covers_every_kind_of_player(entries: list[tuple[str, Entity]]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for _, entry in entries:
        counts[entry["type"]] += 1
    for kind in ("Company", "Model", "Person", "Product", "Court", "Regulator", "Outlet", "Organization"):
        assert counts[kind] >= 5, f"only {counts[kind]} entities of type {kind}"


def test_every_field_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [key for key in sorted(KNOWN_FIELDS) if f"`{key}`" not in text]
    assert not missing, f"fields missing from nlp/kb/README.md: {missing}"
    assert all(f"`{kind.value}`" in text for kind in EntityType), "README must list every entity type"


def test_the_nlp_loader_reads_the_kb(entries: list[tuple[str, Entity]]) -> None:
    knowledge_base = pytest.importorskip("nlp.knowledge_base")
    loaded = knowledge_base.load_knowledge_base(KB_DIR)
    assert len(loaded) == len(entries)


# --- The checks catch what they are meant to catch --------------------------------------------


def _broken(*overrides: Entity) -> list[tuple[str, Entity]]:
    base: list[Entity] = [
        {"id": "acme", "name": "Acme", "type": "Company", "develops": ["acme-model"]},
        {"id": "acme-model", "name": "Acme Model", "type": "Model", "developer": "acme"},
        {"id": "jane-doe", "name": "Jane Doe", "type": "Person", "affiliation": "acme"},
    ]
    return [("broken.yaml", entity) for entity in [*base, *overrides]]


BROKEN_CASES = [
    (shape_problems, {"id": "x1", "name": "X1", "type": "Company", "website": "x"}, "unknown field"),
    (shape_problems, {"id": "x1", "name": "X1", "type": "Company", "aliases": "X One"}, "list of non-empty"),
    (identity_problems, {"id": "Acme Two", "name": "Acme Two", "type": "Company"}, "not a lower-case slug"),
    (identity_problems, {"id": "acme", "name": "Acme Again", "type": "Company"}, "already used"),
    (identity_problems, {"id": "x1", "name": "X1", "type": "Startup"}, "unknown type"),
    (reference_problems, {"id": "x1", "name": "X1", "type": "Company", "parent": "nobody"}, "unknown id"),
    (reference_problems, {"id": "x1", "name": "X1", "type": "Model", "version_of": "acme"}, "is a Company"),
    (field_kind_problems, {"id": "x1", "name": "X1", "type": "Person", "develops": ["acme-model"]}, "develops"),
    (cycle_problems, {"id": "x1", "name": "X1", "type": "Company", "parent": "x1"}, "loops"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "aliases": ["acme"]}, "several entities"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "aliases": ["AI"]}, "too generic"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "aliases": ["X1 Inc."]}, "legal suffix"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "aliases": ["X"]}, "too generic"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "context_aliases": ["X1"]}, "plain alias"),
    (surface_problems, {"id": "x1", "name": "X1", "type": "Company", "context_aliases": ["Acme"]}, "several"),
    (descriptor_problems, {"id": "x1", "name": "X1", "type": "Company", "descriptors": ["the maker"]}, "'the'"),
    (descriptor_problems, {"id": "x1", "name": "X1", "type": "Company", "descriptors": ["Big Maker"]}, "lower"),
    (descriptor_problems, {"id": "x1", "name": "X1", "type": "Company", "descriptors": ["x1 maker"]}, "extra words"),
    (descriptor_problems, {"id": "x1", "name": "X1", "type": "Company", "descriptors": ["acme model"]}, "name of"),
    (place_problems, {"id": "x1", "name": "X1", "type": "Company", "country": "USA"}, "ISO"),
    (developer_problems, {"id": "x1", "name": "X1", "type": "Model"}, "needs a `developer`"),
    (reference_problems, {"id": "x1", "name": "X1", "type": "Model", "developer": "jane-doe"}, "is a Person"),
]


def test_the_broken_base_itself_is_clean() -> None:
    entries = _broken()
    assert shape_problems(entries) == []
    assert [problem for check in CHECKS for problem in check(entries)] == []


@pytest.mark.parametrize(("check", "entry", "expected"), BROKEN_CASES)
def test_check_catches_broken_entry(check: Callable[..., list[str]], entry: Entity, expected: str) -> None:
    problems = check(_broken(entry))
    assert any(expected in problem for problem in problems), problems


def test_descriptor_shared_by_two_entities_is_reported() -> None:
    entries = _broken(
        {"id": "x1", "name": "X1", "type": "Company", "descriptors": ["chip giant"]},
        {"id": "x2", "name": "X2", "type": "Company", "descriptors": ["chip giant"]},
    )
    assert any("ambiguous" in problem for problem in descriptor_problems(entries))


def test_developer_contradicted_by_develops_is_reported() -> None:
    entries = _broken(
        {"id": "rival", "name": "Rival", "type": "Company", "develops": ["x1"]},
        {"id": "x1", "name": "X1", "type": "Model", "developer": "acme"},
    )
    assert any("listed by ['rival']" in problem for problem in developer_problems(entries))
