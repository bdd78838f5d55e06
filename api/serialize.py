"""Neo4j values as JSON: nodes, relationships, paths, temporal and spatial types, bytes."""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

JsonValue = Any


def node_to_json(node: Node) -> dict[str, JsonValue]:
    return {
        "element_id": node.element_id,
        "labels": sorted(node.labels),
        "properties": {key: to_json(value) for key, value in node.items()},
    }


def relationship_to_json(relationship: Relationship) -> dict[str, JsonValue]:
    return {
        "element_id": relationship.element_id,
        "type": relationship.type,
        "start": relationship.start_node.element_id if relationship.start_node else None,
        "end": relationship.end_node.element_id if relationship.end_node else None,
        "properties": {key: to_json(value) for key, value in relationship.items()},
    }


def to_json(value: object) -> JsonValue:
    """`value` (anything a Neo4j record holds) as plain JSON-compatible Python data."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return node_to_json(value)
    if isinstance(value, Relationship):
        return relationship_to_json(value)
    if isinstance(value, Path):
        return {
            "nodes": [node_to_json(node) for node in value.nodes],
            "relationships": [relationship_to_json(rel) for rel in value.relationships],
        }
    if isinstance(value, DateTime | Date | Time):
        return value.to_native().isoformat()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json(item) for item in value]
    return str(value)
