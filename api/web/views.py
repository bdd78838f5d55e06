"""What each page shows, built from the graph's read functions (`graph.reads`).

The functions here only reshape what the reads return into what the templates and the page
scripts draw: links to pages, the timeline band's items, the graph view's nodes and edges.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from neo4j import Driver

from api.web.rendering import iso_day, page_url
from graph import reads

RECENT_DISPUTES = 10
IN_THE_NEWS = 10
RANKING_SIZE = 10
CLAIMS_SCANNED = 200
SEARCH_LIMIT = 20
NEIGHBOURHOOD_DEPTH = 2
NEIGHBOURHOOD_LIMIT = 200
EVENT_GROUPS = {
    "claim_first_reported": "claim",
    "new_report": "report",
    "response": "response",
    "status_change": "status",
    "lawsuit_filed": "court",
    "ruling": "court",
}
ENTITY_FACTS = (
    ("develops", "Develops"),
    ("developed_by", "Developed by"),
    ("version_of", "Version of"),
    ("versions", "Versions"),
    ("parents", "Part of"),
    ("subsidiaries", "Subsidiaries"),
)


def dispute_summary(dispute: dict[str, Any]) -> dict[str, Any]:
    """A dispute as the home page, the search results and the entity page list it."""
    return {**dispute, "url": page_url("dispute", dispute_id=dispute["id"])}


def recent_disputes(driver: Driver) -> list[dict[str, Any]]:
    disputes = reads.list_disputes(driver, limit=RECENT_DISPUTES, offset=0, order="recent")
    return [dispute_summary(dispute) for dispute in disputes]


def _claim_counts(driver: Driver) -> tuple[Counter[str], Counter[str], dict[str, dict[str, Any]]]:
    """How many recent claims each entity made and received, and the entities themselves."""
    made: Counter[str] = Counter()
    received: Counter[str] = Counter()
    entities: dict[str, dict[str, Any]] = {}
    for claim in reads.list_claims(driver, limit=CLAIMS_SCANNED, offset=0):
        accuser, accused = claim["accuser"], claim["accused"]
        made[accuser["id"]] += 1
        received[accused["id"]] += 1
        entities[accuser["id"]], entities[accused["id"]] = accuser, accused
    return made, received, entities


def _ranked(counts: Counter[str], entities: dict[str, dict[str, Any]], size: int) -> list[dict[str, Any]]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], entities[item[0]]["name"].lower()))
    return [
        {**entities[entity_id], "count": count, "url": page_url("entity", entity_id=entity_id)}
        for entity_id, count in ordered[:size]
    ]


def entities_in_the_news(driver: Driver) -> list[dict[str, Any]]:
    """The entities named by the most recent claims, as accuser or accused."""
    made, received, entities = _claim_counts(driver)
    return _ranked(made + received, entities, IN_THE_NEWS)


def rankings(driver: Driver) -> list[dict[str, Any]]:
    """The ready-made rankings of the analyst page: most accused, most accusing."""
    made, received, entities = _claim_counts(driver)
    return [
        {"title": title, "measure": "Claims", "rows": [{**row, "value": row["count"]} for row in rows]}
        for title, rows in (
            ("Most accused", _ranked(received, entities, RANKING_SIZE)),
            ("Most accusing", _ranked(made, entities, RANKING_SIZE)),
        )
    ]


def search(driver: Driver, text: str) -> dict[str, list[dict[str, Any]]]:
    """Entities and disputes whose names or aliases match `text`, best first."""
    found: dict[str, list[dict[str, Any]]] = {"entities": [], "disputes": []}
    for item in reads.search(driver, text, limit=SEARCH_LIMIT):
        if item["kind"] == "entity":
            found["entities"].append({**item, "url": page_url("entity", entity_id=item["id"])})
        else:
            found["disputes"].append(dispute_summary(item))
    return found


def _timeline_events(events: list[dict[str, Any]], claims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    shaped = []
    for number, event in enumerate(events, start=1):
        claim = claims.get(event.get("claim_id") or "", {})
        first = next((item["source_name"] for item in event["evidence"] if item.get("first_report")), None)
        shaped.append(
            {
                **event,
                "anchor": f"event-{number}",
                "group": EVENT_GROUPS.get(event["kind"], "status"),
                "corroboration": claim.get("corroboration") if event["kind"] == "claim_first_reported" else None,
                "first_reporter": first,
                "evidence": [item for item in event["evidence"] if item.get("sentence")],
            }
        )
    return shaped


def _band_items(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The overview band's items: short labels on a time axis (events without a date are left out)."""
    return [
        {
            "anchor": event["anchor"],
            "date": iso_day(event["date"]),
            "label": event["kind"].replace("_", " ") if event["kind"] != "new_report" else event["source_name"],
            "title": event["summary"],
            "group": event["group"],
        }
        for event in events
        if event.get("date")
    ]


def dispute_page(driver: Driver, dispute_id: str) -> dict[str, Any] | None:
    """Everything the dispute page shows, or None when there is no such dispute."""
    dispute = reads.get_dispute(driver, dispute_id)
    if dispute is None:
        return None
    claims = {claim_id: reads.get_claim(driver, claim_id) or {} for claim_id in dispute["claim_ids"]}
    events = _timeline_events(reads.dispute_timeline(driver, dispute_id), claims)
    return {
        "dispute": dispute,
        "events": events,
        "timeline_items": _band_items(events),
        "exports": {
            "csv": f"/disputes/{dispute_id}/timeline.csv",
            "timelinejs": f"/disputes/{dispute_id}/timeline/timelinejs",
        },
        "follow": {"action": "/subscriptions", "subscription": {"kind": "dispute", "dispute_id": dispute_id}},
    }


def _claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        **claim,
        "other": claim.get("other_party"),
        "first_reported": claim.get("first_reported_at") or claim.get("claim_date"),
        "dispute_url": page_url("dispute", dispute_id=claim["dispute_id"]) if claim.get("dispute_id") else None,
    }


def entity_graph(neighbourhood: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The neighbourhood as the graph view draws it: entities link to their pages, claims carry category and date."""
    nodes = []
    for node in neighbourhood["nodes"]:
        if node["kind"] == "claim":
            label = f"{node.get('category', 'claim').replace('_', ' ')} ({node.get('status', '')})"
            nodes.append(
                {
                    "id": node["id"],
                    "label": label,
                    "kind": "Claim",
                    "category": node.get("category"),
                    "date": iso_day(node.get("claim_date")),
                }
            )
        else:
            nodes.append(
                {
                    "id": node["id"],
                    "label": node.get("name") or node["id"],
                    "kind": node.get("type") or "Entity",
                    "href": page_url("entity", entity_id=node["id"]),
                }
            )
    edges = [
        {"source": edge["source"], "target": edge["target"], "label": edge["type"].replace("_", " ").lower()}
        for edge in neighbourhood["edges"]
    ]
    return {"nodes": nodes, "edges": edges}


def entity_page(driver: Driver, entity_id: str) -> dict[str, Any] | None:
    """Everything the entity page shows, or None when there is no such entity."""
    profile = reads.entity_profile(driver, entity_id)
    if profile is None:
        return None
    profile["facts"] = [{"label": label, "entities": profile[key]} for key, label in ENTITY_FACTS if profile.get(key)]
    graph = entity_graph(reads.neighbourhood(driver, entity_id, depth=NEIGHBOURHOOD_DEPTH, limit=NEIGHBOURHOOD_LIMIT))
    categories = sorted({node["category"] for node in graph["nodes"] if node.get("category")})
    return {
        "entity": profile,
        "claims_made": [_claim_row(claim) for claim in profile["claims_made"]],
        "claims_received": [_claim_row(claim) for claim in profile["claims_received"]],
        "disputes": [dispute_summary(dispute) for dispute in profile["disputes"]],
        "graph": graph,
        "graph_center": entity_id,
        "categories": categories,
    }
