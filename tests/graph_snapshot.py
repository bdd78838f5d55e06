"""The graph's content as comparable text: what two runs must agree on, clocks and alert bookkeeping aside."""

from __future__ import annotations

import json

from neo4j import Driver

VOLATILE_PROPERTIES = {
    "created_at",
    "delivered_at",
    "fetched_at",
    "last_attempt_at",
    "recorded_at",
    "updated_at",
    "version",
}
ALERT_LABELS = {"Subscription", "Delivery", "AlertCursor", "Cursor", "GraphMeta"}


def graph_dump(driver: Driver) -> dict[str, list]:
    """The graph's content without ingest timestamps or alert bookkeeping, in a canonical order."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    relationships, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN labels(a) AS a_labels, a.id AS a, type(r) AS type, "
        "labels(b) AS b_labels, b.id AS b, properties(r) AS props"
    )

    def clean(props: dict) -> str:
        return json.dumps({k: str(v) for k, v in props.items() if k not in VOLATILE_PROPERTIES}, sort_keys=True)

    return {
        "nodes": sorted(
            f"{sorted(r['labels'])} {clean(r['props'])}" for r in nodes if not ALERT_LABELS & set(r["labels"])
        ),
        "relationships": sorted(
            f"{r['a']} {r['type']} {r['b']} {clean(r['props'])}"
            for r in relationships
            if not ALERT_LABELS & (set(r["a_labels"]) | set(r["b_labels"]))
        ),
    }
