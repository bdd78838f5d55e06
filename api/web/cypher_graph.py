"""The nodes and relationships in a /cypher result (as `api.serialize` writes them), as a graph to draw."""

from __future__ import annotations

import json
from typing import Any

LABEL_KEYS = ("name", "title", "id")
KIND_ORDER = ("Company", "Model", "Person", "Product", "Claim", "Response", "Dispute", "Article", "Source")


def _is_node(value: dict[str, Any]) -> bool:
    return {"element_id", "labels", "properties"} <= value.keys()


def _is_relationship(value: dict[str, Any]) -> bool:
    return {"element_id", "type", "start", "end"} <= value.keys()


def node_kind(labels: list[str]) -> str:
    """The most telling label of a node: its entity kind over the generic `Entity`."""
    for kind in KIND_ORDER:
        if kind in labels:
            return kind
    return next((label for label in labels if label != "Entity"), labels[0] if labels else "Node")


def _node_label(node: dict[str, Any]) -> str:
    properties = node["properties"]
    if "Claim" in node["labels"] and properties.get("category"):
        return f"{str(properties['category']).replace('_', ' ')} claim"
    for key in LABEL_KEYS:
        if properties.get(key):
            return str(properties[key])[:60]
    return node_kind(node["labels"])


def result_graph(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every node, relationship and path found anywhere in `rows`, deduplicated by element id."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            if _is_node(value):
                nodes[value["element_id"]] = {
                    "id": value["element_id"],
                    "label": _node_label(value),
                    "kind": node_kind(value["labels"]),
                }
            elif _is_relationship(value):
                edges[value["element_id"]] = {
                    "id": value["element_id"],
                    "source": value["start"],
                    "target": value["end"],
                    "label": value["type"],
                }
            else:
                for item in value.values():
                    visit(item)

    for row in rows:
        visit(list(row.values()))
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def _node_text(node: dict[str, Any]) -> str:
    return f"({_node_label(node)}:{node_kind(node['labels'])})"


def _path_text(path: dict[str, Any]) -> str:
    nodes, relationships = path["nodes"], path["relationships"]
    text = _node_text(nodes[0]) if nodes else ""
    for index, relationship in enumerate(relationships):
        forward = relationship["start"] == nodes[index]["element_id"]
        arrow = f"-[:{relationship['type']}]->" if forward else f"<-[:{relationship['type']}]-"
        text += arrow + _node_text(nodes[index + 1])
    return text


def cell_text(value: Any) -> str:
    """A short, readable rendering of one result value: nodes, relationships and paths as Cypher patterns."""
    if isinstance(value, dict):
        if _is_node(value):
            return _node_text(value)
        if _is_relationship(value):
            return f"[:{value['type']}]"
        if {"nodes", "relationships"} <= value.keys():
            return _path_text(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        return "[" + ", ".join(cell_text(item) for item in value) + "]"
    return "" if value is None else str(value)
