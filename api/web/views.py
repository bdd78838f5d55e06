"""What each page shows, built from the graph's read functions (`graph.reads`).

The functions here only reshape what the reads return into what the templates and the page
scripts draw: links to pages, the timeline band's items. The entity page's graph is the
neighbourhood as `GET /graph/neighbourhood` answers it, which the page asks again when filtered.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from neo4j import Driver

from api.cache import GraphCache
from api.web import story
from api.web.rendering import page_url
from graph import analytics, reads

RECENT_DISPUTES = 10
IN_THE_NEWS = 10
RANKING_SIZE = 10
RANKING_POOL = 100
SEARCH_LIMIT = 20
NEIGHBOURHOOD_DEPTH = 2
NEIGHBOURHOOD_LIMIT = 200
ENTITY_RELATIONSHIPS = ("DEVELOPS", "VERSION_OF", "SUBSIDIARY_OF")
"""The neighbourhood's relationships that reach no claim: the graph asks for only these when every
category is unticked (the API has no way to say "no category")."""
SUBSCRIPTIONS_ENDPOINT = "/subscriptions"
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


def recent_disputes(driver: Driver, database: str) -> list[dict[str, Any]]:
    disputes = reads.list_disputes(driver, limit=RECENT_DISPUTES, offset=0, order="recent", database=database)
    return [dispute_summary(dispute) for dispute in disputes]


def _ranked_rows(ranking: list[dict[str, Any]], value_key: str) -> list[dict[str, Any]]:
    return [
        {**row["entity"], "value": row[value_key], "url": page_url("entity", entity_id=row["entity"]["id"])}
        for row in ranking
    ]


def _analytics(cache: GraphCache, driver: Driver, database: str, name: str, limit: int | None = None) -> Any:
    """One `graph.analytics` result through the API's one cache of answers (per graph version)."""
    function = getattr(analytics, name)
    arguments = {"database": database} if limit is None else {"database": database, "limit": limit}
    return cache.get_or_compute(driver, ("analytics", name, limit), lambda: function(driver, **arguments))


def entities_in_the_news(driver: Driver, database: str, cache: GraphCache) -> list[dict[str, Any]]:
    """The entities named by the most claims, as accuser or accused (from the cached rankings)."""
    counts: Counter[str] = Counter()
    entities: dict[str, dict[str, Any]] = {}
    for ranking in (
        _analytics(cache, driver, database, "most_accused", RANKING_POOL),
        _analytics(cache, driver, database, "most_accusing", RANKING_POOL),
    ):
        for row in ranking:
            counts[row["entity"]["id"]] += row["claims"]
            entities[row["entity"]["id"]] = row["entity"]
    ordered = sorted(counts.items(), key=lambda item: (-item[1], entities[item[0]]["name"].lower()))
    return [
        {**entities[entity_id], "count": count, "url": page_url("entity", entity_id=entity_id)}
        for entity_id, count in ordered[:IN_THE_NEWS]
    ]


def rankings(driver: Driver, database: str, cache: GraphCache) -> list[dict[str, Any]]:
    """The ready-made rankings of the analyst page (graph.analytics, cached per graph version)."""
    return [
        {
            "title": "Most accused",
            "measure": "Claims",
            "rows": _ranked_rows(_analytics(cache, driver, database, "most_accused", RANKING_SIZE), "claims"),
        },
        {
            "title": "Most accusing",
            "measure": "Claims",
            "rows": _ranked_rows(_analytics(cache, driver, database, "most_accusing", RANKING_SIZE), "claims"),
        },
        {
            "title": "PageRank of the accusation graph",
            "measure": "Score",
            "rows": _ranked_rows(_analytics(cache, driver, database, "pagerank", RANKING_SIZE), "score"),
        },
    ]


def communities(driver: Driver, database: str, cache: GraphCache) -> list[dict[str, Any]]:
    """Groups of entities that dispute each other (Louvain), with links to their pages."""
    return [
        {
            **group,
            "members": [{**member, "url": page_url("entity", entity_id=member["id"])} for member in group["members"]],
        }
        for group in _analytics(cache, driver, database, "communities")
    ]


def search(driver: Driver, text: str, database: str) -> dict[str, list[dict[str, Any]]]:
    """Entities and disputes whose names or aliases match `text`, best first."""
    found: dict[str, list[dict[str, Any]]] = {"entities": [], "disputes": []}
    for item in reads.search(driver, text, limit=SEARCH_LIMIT, database=database):
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
                "summary": event["summary"].replace(" -> ", " → "),
                "anchor": f"event-{number}",
                "group": EVENT_GROUPS.get(event["kind"], "status"),
                "corroboration": claim.get("corroboration") if event["kind"] == "claim_first_reported" else None,
                "first_reporter": first,
                "evidence": [item for item in event["evidence"] if item.get("sentence")],
            }
        )
    return shaped


def follow_form(subscription: dict[str, Any]) -> dict[str, Any]:
    """The follow box's target: the API's subscriptions endpoint and the subscription it creates."""
    return {"action": SUBSCRIPTIONS_ENDPOINT, "subscription": subscription}


def dispute_page(driver: Driver, dispute_id: str, database: str) -> dict[str, Any] | None:
    """Everything the dispute page shows, or None when there is no such dispute."""
    dispute = reads.get_dispute(driver, dispute_id, database=database)
    if dispute is None:
        return None
    claims = {claim_id: reads.get_claim(driver, claim_id, database=database) or {} for claim_id in dispute["claim_ids"]}
    events = reads.dispute_timeline(driver, dispute_id, database=database)
    headlines = {event["claim_id"]: event["summary"] for event in events if event["kind"] == "claim_first_reported"}
    groups = story.claim_groups([claim for claim in claims.values() if claim], headlines)
    turns = [{**turn, "anchor": f"turn-{number}"} for number, turn in enumerate(dispute["status_history"], 1)]
    return {
        "dispute": dispute,
        "summary": story.summary(dispute, [claim for claim in claims.values() if claim]),
        "turns": turns,
        "declined": dispute.get("declined_turns", []),
        "groups": groups,
        "timeline_items": story.band_items(groups, turns),
        "exports": {
            "csv": f"/disputes/{dispute_id}/timeline.csv",
            "timelinejs": f"/disputes/{dispute_id}/timeline/timelinejs",
            "graphml": f"/exports/disputes/{dispute_id}.graphml",
            "gexf": f"/exports/disputes/{dispute_id}.gexf",
        },
        "follow": follow_form({"kind": "dispute", "dispute_id": dispute_id}),
    }


def _claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        **claim,
        "other": claim.get("other_party"),
        "first_reported": claim.get("first_reported_at") or claim.get("claim_date"),
        "dispute_url": page_url("dispute", dispute_id=claim["dispute_id"]) if claim.get("dispute_id") else None,
    }


def neighbourhood_source(entity_id: str) -> str:
    """The API URL the entity page's graph asks for its filtered neighbourhood (claim filters appended)."""
    return f"/graph/neighbourhood/{quote(entity_id, safe='')}?depth={NEIGHBOURHOOD_DEPTH}&limit={NEIGHBOURHOOD_LIMIT}"


def entity_page(driver: Driver, entity_id: str, database: str) -> dict[str, Any] | None:
    """Everything the entity page shows, or None when there is no such entity."""
    profile = reads.entity_profile(driver, entity_id, database=database)
    if profile is None:
        return None
    profile["facts"] = [{"label": label, "entities": profile[key]} for key, label in ENTITY_FACTS if profile.get(key)]
    graph = reads.neighbourhood(
        driver, entity_id, depth=NEIGHBOURHOOD_DEPTH, limit=NEIGHBOURHOOD_LIMIT, database=database
    )
    categories = sorted({node["category"] for node in graph["nodes"] if node.get("category")})
    claims = {claim["id"]: claim for claim in [*profile["claims_made"], *profile["claims_received"]]}
    return {
        "entity": profile,
        "claims_made": [_claim_row(claim) for claim in profile["claims_made"]],
        "claims_received": [_claim_row(claim) for claim in profile["claims_received"]],
        "disputes": [dispute_summary(dispute) for dispute in profile["disputes"]],
        "events": _timeline_events(reads.entity_timeline(driver, entity_id, database=database), claims),
        "graph": graph,
        "graph_center": entity_id,
        "graph_source": neighbourhood_source(entity_id),
        "entity_relationships": ENTITY_RELATIONSHIPS,
        "categories": categories,
        "follow": follow_form({"kind": "entity", "entity_id": entity_id}),
    }
