"""The graph in the files analysts open elsewhere: GraphML and GEXF (Gephi, Cytoscape), claims as CSV.

Pure functions over what `graph.reads` returns: an accusation graph (entities, and one edge per
claim from accuser to accused) or an entity's neighbourhood (entities and claims as nodes, their
relationships as edges) becomes a networkx graph, written by networkx's own GraphML and GEXF
writers. Attribute values are plain strings, numbers and booleans (dates as ISO text, lists joined
with "; "), and an attribute a node or edge lacks is left out, not written empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import networkx as nx


class GraphFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"


MEDIA_TYPES = {GraphFormat.GRAPHML: "application/graphml+xml", GraphFormat.GEXF: "application/gexf+xml"}

CLAIM_COLUMNS = (
    "id", "accuser_id", "accuser", "accused_id", "accused", "category", "object", "allegation", "status",
    "status_date", "claim_date", "last_report_date", "first_reported_at", "first_source_id", "corroboration",
    "confidence", "report_count", "dispute_id",
)  # fmt: skip


def _value(value: Any) -> str | int | float | bool | None:
    """An attribute value GraphML and GEXF can hold."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _attributes(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: converted for key, value in values.items() if (converted := _value(value)) is not None}


def accusation_graph(accusations: Iterable[Mapping[str, Any]]) -> nx.MultiDiGraph:
    """Entities as nodes, one edge per claim from its accuser to its accused (`graph.reads.accusations` rows)."""
    graph = nx.MultiDiGraph()
    for row in accusations:
        for role in ("accuser", "accused"):
            graph.add_node(row[f"{role}_id"], label=row[f"{role}_name"], kind=row[f"{role}_type"])
        graph.add_edge(
            row["accuser_id"],
            row["accused_id"],
            key=row["claim_id"],
            **_attributes(
                {
                    "id": row["claim_id"],
                    "label": row["category"],
                    "category": row["category"],
                    "status": row.get("status"),
                    "claim_date": row.get("claim_date"),
                    "allegation": row.get("allegation"),
                    "confidence": row.get("confidence"),
                    "corroboration": row.get("corroboration"),
                    "reports": row.get("report_count"),
                }
            ),
        )
    return graph


def neighbourhood_graph(found: Mapping[str, Sequence[Mapping[str, Any]]]) -> nx.MultiDiGraph:
    """An entity's neighbourhood (`graph.reads.neighbourhood`): entities and claims as nodes, relationships as edges."""
    graph = nx.MultiDiGraph()
    for node in found["nodes"]:
        graph.add_node(node["id"], **_attributes({key: value for key, value in node.items() if key != "id"}))
    for edge in found["edges"]:
        key = f"{edge['type']}:{edge['source']}:{edge['target']}"
        graph.add_edge(edge["source"], edge["target"], key=key, label=edge["type"], type=edge["type"])
    return graph


def graph_file(graph: nx.MultiDiGraph, file_format: GraphFormat) -> bytes:
    """The graph as a GraphML or GEXF document (UTF-8)."""
    buffer = io.BytesIO()
    if file_format == GraphFormat.GRAPHML:
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def claims_csv(claims: Iterable[Mapping[str, Any]]) -> str:
    """Claim summaries (`graph.reads.list_claims`) as CSV, one row a claim, parties by id and name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CLAIM_COLUMNS)
    for claim in claims:
        accuser, accused, obj = claim.get("accuser") or {}, claim.get("accused") or {}, claim.get("object") or {}
        flat = {
            **claim,
            "accuser_id": accuser.get("id"),
            "accuser": accuser.get("name"),
            "accused_id": accused.get("id"),
            "accused": accused.get("name"),
            "object": obj.get("name"),
        }
        writer.writerow(["" if (value := _value(flat.get(column))) is None else value for column in CLAIM_COLUMNS])
    return buffer.getvalue()
