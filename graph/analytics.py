"""Graph analytics with networkx over subgraphs read from Neo4j.

Rankings (most accused, most accusing), PageRank on the accusation graph, shortest paths
between entities through claims, models and companies, and Louvain communities of entities
that dispute each other. They compute every time they are called: the API's one cache of
answers (`api/cache.py`, per graph version of the configured database) keeps their results.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any

import networkx as nx
from neo4j import Driver

from claimgraph.exceptions import InputError
from graph import queries
from graph.reads import accusations, run_read


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _accusations(
    driver: Driver,
    category: str | None,
    since: date | datetime | None,
    until: date | datetime | None,
    database: str | None,
) -> list[dict[str, Any]]:
    return accusations(driver, category=category, since=since, until=until, database=database)


def _entity(row: dict[str, Any], role: str) -> dict[str, Any]:
    return {"id": row[f"{role}_id"], "name": row[f"{role}_name"], "type": row[f"{role}_type"]}


def _ranking(rows: list[dict[str, Any]], role: str, other: str, limit: int) -> list[dict[str, Any]]:
    tally: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = tally.setdefault(
            row[f"{role}_id"], {"entity": _entity(row, role), "claims": 0, "parties": set(), "categories": set()}
        )
        entry["claims"] += 1
        entry["parties"].add(row[f"{other}_id"])
        entry["categories"].add(row["category"])
    ranked = sorted(tally.values(), key=lambda e: (-e["claims"], -len(e["parties"]), e["entity"]["name"].lower()))
    return [
        {
            "rank": position,
            "entity": entry["entity"],
            "claims": entry["claims"],
            "parties": len(entry["parties"]),
            "categories": sorted(entry["categories"]),
        }
        for position, entry in enumerate(ranked[:limit], start=1)
    ]


def most_accused(
    driver: Driver,
    *,
    category: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 10,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Entities by the number of claims against them (then distinct accusers, then name)."""
    return _ranking(_accusations(driver, category, since, until, database), "accused", "accuser", limit)


def most_accusing(
    driver: Driver,
    *,
    category: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 10,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Entities by the number of claims they made (then distinct accused, then name)."""
    return _ranking(_accusations(driver, category, since, until, database), "accuser", "accused", limit)


def accusation_graph(rows: list[dict[str, Any]]) -> nx.DiGraph:
    """Accuser -> accused, weighted by the number of claims."""
    graph = nx.DiGraph()
    for row in rows:
        graph.add_node(row["accuser_id"], **_entity(row, "accuser"))
        graph.add_node(row["accused_id"], **_entity(row, "accused"))
        weight = graph.get_edge_data(row["accuser_id"], row["accused_id"], {"weight": 0})["weight"]
        graph.add_edge(row["accuser_id"], row["accused_id"], weight=weight + 1)
    return graph


def pagerank(
    driver: Driver,
    *,
    category: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 20,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """PageRank on the accusation graph: who the accusations flow to, weighted by claim count."""

    def compute() -> list[dict[str, Any]]:
        graph = accusation_graph(_accusations(driver, category, since, until, database))
        if graph.number_of_nodes() == 0:
            return []
        scores = nx.pagerank(graph, alpha=0.85, weight="weight")
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [
            {"rank": position, "entity": dict(graph.nodes[node]), "score": round(score, 6)}
            for position, (node, score) in enumerate(ranked, start=1)
        ]

    return compute()


def _path_graph(driver: Driver, database: str | None) -> nx.Graph:
    graph = nx.Graph()
    for row in run_read(driver, queries.PATH_EDGES, database=database):
        graph.add_node(row["source"], kind=row["source_kind"], name=row["source_name"])
        graph.add_node(row["target"], kind=row["target_kind"], name=row["target_name"])
        graph.add_edge(row["source"], row["target"], type=row["type"], direction=(row["source"], row["target"]))
    return graph


def shortest_paths(
    driver: Driver, source_id: str, target_id: str, *, max_paths: int = 5, database: str | None = None
) -> list[dict[str, Any]]:
    """The shortest paths between two entities through claims, models and companies (none when unlinked)."""
    if max_paths < 1:
        raise InputError(f"max_paths must be at least 1 (got {max_paths})")

    def compute() -> list[dict[str, Any]]:
        graph = _path_graph(driver, database)
        if source_id not in graph or target_id not in graph:
            return []
        try:
            paths = sorted(nx.all_shortest_paths(graph, source_id, target_id))[:max_paths]
        except nx.NetworkXNoPath:
            return []
        found = []
        for path in paths:
            nodes = [
                {"id": node, "kind": graph.nodes[node]["kind"], "name": graph.nodes[node]["name"]} for node in path
            ]
            edges = []
            for first, second in itertools.pairwise(path):
                data = graph.edges[first, second]
                start, end = data["direction"]
                edges.append({"source": start, "target": end, "type": data["type"]})
            found.append({"length": len(path) - 1, "nodes": nodes, "edges": edges})
        return found

    return compute()


def communities(driver: Driver, *, seed: int = 0, database: str | None = None) -> list[dict[str, Any]]:
    """Louvain communities of entities that dispute each other (edges weighted by claims, either way)."""

    def compute() -> list[dict[str, Any]]:
        directed = accusation_graph(_accusations(driver, None, None, None, database))
        graph = nx.Graph()
        graph.add_nodes_from(directed.nodes(data=True))
        for accuser, accused, data in directed.edges(data=True):
            weight = graph.get_edge_data(accuser, accused, {"weight": 0})["weight"]
            graph.add_edge(accuser, accused, weight=weight + data["weight"])
        if graph.number_of_nodes() == 0:
            return []
        groups = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        ordered = sorted((sorted(group) for group in groups), key=lambda members: (-len(members), members[0]))
        return [
            {
                "id": index,
                "size": len(members),
                "members": [dict(graph.nodes[member]) for member in members],
                "claims": int(graph.subgraph(members).size(weight="weight")),
            }
            for index, members in enumerate(ordered)
        ]

    return compute()
