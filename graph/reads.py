"""What the API and the CLI read from the graph: plain dicts and lists with Python values.

Every function takes a `neo4j.Driver`; dates come back as `datetime.date`, times as aware
`datetime.datetime`. Names and signatures are the API's contract (docs/GRAPH.md).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from neo4j import Driver, RoutingControl
from neo4j.exceptions import Neo4jError

from claimgraph.exceptions import InputError
from graph import queries
from graph.driver import neo4j_errors
from graph.facts import ArticleFacts
from graph.lifecycle import STAGE

logger = logging.getLogger(__name__)

EPOCH = datetime(1, 1, 1, tzinfo=UTC)
"""`events_since(None)`: every event (a bound rather than no bound, so that the index serves the read)."""

EVENT_KIND_ORDER = {
    "claim_first_reported": 0,
    "new_report": 1,
    "response": 2,
    "status_change": 3,
    "lawsuit_filed": 3,
    "ruling": 3,
}
STATUS_EVENT_KIND = {"lawsuit_filed": "lawsuit_filed", "ruled": "ruling"}


def plain(value: Any) -> Any:
    """Neo4j values (temporal types, nested maps and lists) as plain Python values."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def run_read(driver: Driver, cypher: str, *, database: str | None = None, **parameters: Any) -> list[dict[str, Any]]:
    """Run a read query (auto-retried by the driver) in `database` and return its rows as plain dicts.

    `database` None is the server's default database; no query parameter may be called `database`.
    """
    with neo4j_errors(database, "reading the graph"):
        records, _, _ = driver.execute_query(cypher, parameters, database_=database, routing_=RoutingControl.READ)
    return [plain(record.data()) for record in records]


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _page(limit: int, offset: int) -> dict[str, int]:
    if limit < 1 or offset < 0:
        raise InputError(f"limit must be at least 1 and offset at least 0 (got limit={limit}, offset={offset})")
    return {"limit": limit, "offset": offset}


# --- Search ---------------------------------------------------------------------------------------

SEARCH_KINDS = ("entity", "dispute")


def lucene_query(text: str) -> str | None:
    """Words of `text` as a Lucene prefix query ('gpt-4o' -> 'gpt* AND 4o*'); None when no word."""
    words = re.findall(r"\w+", text.lower())
    return " AND ".join(f"{word}*" for word in words) or None


def search(
    driver: Driver, text: str, *, kinds: Sequence[str] = SEARCH_KINDS, limit: int = 20, database: str | None = None
) -> list[dict[str, Any]]:
    """Entities (by name or alias) and disputes (by name) matching `text`, case-insensitive, best first."""
    unknown = set(kinds) - set(SEARCH_KINDS)
    if unknown:
        raise InputError(f"unknown search kinds {sorted(unknown)}; expected some of {list(SEARCH_KINDS)}")
    needle = text.strip().lower()
    if not needle or limit < 1:
        return []
    lucene = lucene_query(needle)
    found: list[dict[str, Any]] = []
    plans = {
        "entity": (queries.SEARCH_ENTITIES_FULLTEXT, queries.SEARCH_ENTITIES_CONTAINS),
        "dispute": (queries.SEARCH_DISPUTES_FULLTEXT, queries.SEARCH_DISPUTES_CONTAINS),
    }
    for kind in kinds:
        fulltext, contains = plans[kind]
        rows = []
        if lucene:
            try:
                rows = run_read(driver, fulltext, database=database, query=lucene, limit=limit)
            except Neo4jError as error:  # no fulltext index yet (nothing ingested): scan instead
                logger.debug("fulltext search unavailable: %s", error.message)
        if not rows:
            rows = run_read(driver, contains, database=database, text=needle, limit=limit)
        for row in rows:
            names = [row["name"], *(row.get("aliases") or [])]
            exact = any(name.lower() == needle for name in names)
            found.append({"kind": kind, **row, "score": float(row["score"]) + (100.0 if exact else 0.0)})
    found.sort(key=lambda item: (-item["score"], item["name"].lower(), item["id"]))
    return found[:limit]


# --- Entities -------------------------------------------------------------------------------------


def _other_party(claim: dict[str, Any], entity_id: str) -> dict[str, Any] | None:
    accuser, accused = claim.get("accuser"), claim.get("accused")
    return accused if accuser and accuser["id"] == entity_id else accuser


def resolved_entity_id(driver: Driver, entity_id: str, *, database: str | None = None) -> str:
    """The id an entity answers under: its own, or, for a name entity resolution merged into another
    (`graph.resolution`), that entity's; an unknown id is returned as it is."""
    rows = run_read(driver, queries.RESOLVED_ENTITY_ID, database=database, id=entity_id)
    return (rows[0]["id"] if rows else None) or entity_id


def entity_merges(driver: Driver, *, into: str | None = None, database: str | None = None) -> list[dict[str, Any]]:
    """The merges entity resolution recorded (`{id, into, name, type, reason, refused, recorded_at}`)."""
    return [row["merge"] for row in run_read(driver, queries.ENTITY_MERGES, database=database, into=into)]


def entity_profile(driver: Driver, entity_id: str, *, database: str | None = None) -> dict[str, Any] | None:
    """An entity with its models, parents and subsidiaries, the claims it made and received, its disputes.

    A name merged into another entity answers that entity (under its current `id`)."""
    entity_id = resolved_entity_id(driver, entity_id, database=database)
    rows = run_read(driver, queries.ENTITY_PROFILE, database=database, id=entity_id)
    if not rows:
        return None
    row = rows[0]
    profile = dict(row["entity"])
    profile["aliases"] = profile.get("aliases") or []
    for key in ("develops", "developed_by", "version_of", "versions", "subsidiaries", "disputes"):
        profile[key] = row[key]
    profile["parent"] = row["parents"][0] if row["parents"] else None
    profile["parents"] = row["parents"]
    for key in ("claims_made", "claims_received"):
        profile[key] = [{**claim, "other_party": _other_party(claim, entity_id)} for claim in row[key]]
    profile["article_count"] = row["article_count"]
    return profile


# --- Disputes -------------------------------------------------------------------------------------


def _history_order(change: dict[str, Any]) -> tuple[bool, date, int, str]:
    when = change.get("date")
    return (when is None, when or date.max, STAGE.get(change["status"], 9), change.get("evidence_id") or change["id"])


def list_disputes(
    driver: Driver, *, limit: int = 50, offset: int = 0, order: str = "recent", database: str | None = None
) -> list[dict[str, Any]]:
    """Disputes, most recent activity first by default (orders: recent, oldest, name, claims)."""
    if order not in queries.DISPUTE_ORDERS:
        raise InputError(f"unknown dispute order {order!r}; expected one of {sorted(queries.DISPUTE_ORDERS)}")
    rows = run_read(driver, queries.list_disputes(order), database=database, **_page(limit, offset))
    return [row["dispute"] for row in rows]


def get_dispute(driver: Driver, dispute_id: str, *, database: str | None = None) -> dict[str, Any] | None:
    """A dispute: parties, name, categories, status, its status history (turns taken), the turns seen
    but not taken (`declined_turns`, for review) and its claim ids."""
    rows = run_read(driver, queries.GET_DISPUTE, database=database, id=dispute_id)
    if not rows:
        return None
    dispute = dict(rows[0]["dispute"])
    history = [{key: value for key, value in change.items() if key != "digest"} for change in rows[0]["status_history"]]
    dispute["status_history"] = sorted(history, key=lambda change: (change.get("sequence", 0), _history_order(change)))
    declined = [{key: value for key, value in turn.items() if key != "digest"} for turn in rows[0]["declined_turns"]]
    dispute["declined_turns"] = sorted(declined, key=_history_order)
    dispute["claim_ids"] = rows[0]["claim_ids"]
    return dispute


# --- Claims ---------------------------------------------------------------------------------------


def _article_facts(row: dict[str, Any]) -> ArticleFacts:
    return ArticleFacts.from_row({"copy_of": None, "original_source_id": None, **row})


def _claim_detail(row: dict[str, Any]) -> dict[str, Any]:
    """A claim with every report (first report flagged) and every response, in publication order."""
    claim = dict(row["claim"])
    reports = []
    for item in row["reports"]:
        facts = _article_facts(item)
        report = item["report"]
        reports.append(
            {
                "extraction_claim_id": report["extraction_claim_id"],
                "sentence": report["sentence"],
                "start": report["start"],
                "end": report["end"],
                "confidence": report["confidence"],
                "status": report.get("status"),
                "claim_date": report.get("claim_date"),
                "article_id": facts.article_id,
                "article_url": facts.url,
                "article_title": facts.title,
                "source_id": facts.source_id,
                "source_name": facts.source_name,
                "published_at": facts.published_at,
                "copy_of": facts.copy_of,
                "corroboration_key": facts.corroboration_key,
                "first_report": facts.article_id == claim.get("first_article_id"),
                "_order": (*facts.first_report_order(), report["extraction_claim_id"]),
            }
        )
    reports.sort(key=lambda report: report.pop("_order"))
    responses = []
    for item in row["responses"]:
        facts = _article_facts(item)
        response, evidence = item["response"], item["evidence"]
        responses.append(
            {
                "id": response["id"],
                "kind": response["kind"],
                "responder": item["responder"],
                "date": response.get("response_date") or facts.fallback_date,
                "sentence": evidence["sentence"],
                "start": evidence["start"],
                "end": evidence["end"],
                "article_id": facts.article_id,
                "article_url": facts.url,
                "article_title": facts.title,
                "source_id": facts.source_id,
                "source_name": facts.source_name,
                "published_at": facts.published_at,
            }
        )
    responses.sort(key=lambda response: (response["date"] is None, response["date"] or date.max, response["id"]))
    claim["reports"] = reports
    claim["responses"] = responses
    return claim


def _claim_details(driver: Driver, claim_ids: Iterable[str], database: str | None) -> list[dict[str, Any]]:
    rows = run_read(driver, queries.CLAIM_DETAILS, database=database, ids=sorted(set(claim_ids)))
    return [_claim_detail(row) for row in rows]


def get_claim(driver: Driver, claim_id: str, *, database: str | None = None) -> dict[str, Any] | None:
    """A claim with its parties, every report (sentence, offsets, article, source, first-report flag), responses.

    An earlier id of a claim (one that an older report re-dated, see docs/GRAPH.md) answers the
    claim under its current `id`.
    """
    details = _claim_details(driver, [claim_id], database)
    if not details:
        alias = run_read(driver, queries.CLAIM_ALIAS, database=database, id=claim_id)
        details = _claim_details(driver, [alias[0]["claim_id"]], database) if alias else []
    return details[0] if details else None


def accusations(
    driver: Driver,
    *,
    category: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    dispute_id: str | None = None,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Every claim as an accusation edge (accuser -> accused, with both parties' names and kinds), in id order;
    filtered by category, claim date and dispute."""
    return run_read(
        driver,
        queries.ACCUSATIONS,
        database=database,
        category=category,
        since=_day(since),
        until=_day(until),
        dispute_id=dispute_id,
    )


def list_claims(
    driver: Driver,
    *,
    entity_id: str | None = None,
    category: str | None = None,
    status: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 50,
    offset: int = 0,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Claims (newest accusation first), filtered by party or object, category, status and claim date."""
    rows = run_read(
        driver,
        queries.list_claims(by_entity=entity_id is not None),
        database=database,
        entity_id=entity_id,
        category=category,
        status=status,
        since=_day(since),
        until=_day(until),
        **_page(limit, offset),
    )
    return [row["claim"] for row in rows]


# --- Timelines ------------------------------------------------------------------------------------


def _evidence(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("sentence", "article_id", "article_url", "article_title", "source_id", "source_name", "published_at")
    return {key: report.get(key) for key in keys} | {"first_report": bool(report.get("first_report"))}


WRONGS: dict[str, str] = {
    "distillation": "distilling its models",
    "copyright": "copyright infringement",
    "trade_secret": "stealing trade secrets",
    "terms_of_service": "breaking its terms of service",
    "privacy": "breaching privacy law",
    "defamation": "defamation",
    "antitrust": "anticompetitive conduct",
    "fraud_misleading": "fraud or misleading claims",
    "safety": "endangering safety",
    "other": "wrongdoing",
}
"""Each kind of wrong as the object of "accuses X of ...", in plain English."""

RESPONSES: dict[str, str] = {
    "denial": "denies the accusation",
    "rebuttal": "rebuts the accusation",
    "admission": "admits it",
    "apology": "apologises",
    "no_comment": "declines to comment",
    "no_response": "does not respond",
    "other": "responds",
}


def wrong(category: str, object_name: str | None = None) -> str:
    """A kind of wrong in plain English ('distillation', 'Claude' -> 'distilling Claude')."""
    if category == "distillation" and object_name:
        return f"distilling {object_name}"
    return WRONGS.get(category, category.replace("_", " "))


def _parties(claim: dict[str, Any]) -> str:
    """The claim as a headline: 'Anthropic accuses Alibaba Group of breaking its terms of service'."""
    accuser = (claim.get("accuser") or {}).get("name", "?")
    accused = (claim.get("accused") or {}).get("name", "?")
    obj = (claim.get("object") or {}).get("name")
    return f"{accuser} accuses {accused} of {wrong(str(claim.get('category', '')), obj)}"


def _claim_events(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """First report, each new outlet's first report, and each response of one claim."""
    events: list[dict[str, Any]] = []
    common = {"claim_id": claim["id"], "dispute_id": claim.get("dispute_id")}
    seen_outlets: set[str] = set()
    for report in claim["reports"]:
        outlet = report["corroboration_key"]
        if outlet in seen_outlets:
            continue
        seen_outlets.add(outlet)
        first = not events
        published = report["published_at"].date() if report["published_at"] else None
        when = (claim.get("claim_date") or published) if first else (published or report.get("claim_date"))
        events.append(
            {
                **common,
                "date": when,
                "kind": "claim_first_reported" if first else "new_report",
                "summary": _parties(claim) if first else f"{report['source_name']} reports: {_parties(claim)}",
                "status": report.get("status"),
                "evidence": [_evidence(report)],
                "source_name": report["source_name"],
                "first_reporter": first,
            }
        )
    for response in claim["responses"]:
        events.append(
            {
                **common,
                "date": response["date"],
                "kind": "response",
                "summary": f"{response['responder']['name']} {RESPONSES.get(response['kind'], 'responds')}",
                "status": None,
                "evidence": [_evidence(response)],
                "source_name": response["source_name"],
                "first_reporter": False,
            }
        )
    return events


def _status_events(changes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Status changes after a dispute's opening; lawsuits and rulings have kinds of their own."""
    events = []
    for row in changes:
        change = row["change"]
        if change.get("previous_status") is None:
            continue
        status = change["status"]
        events.append(
            {
                "claim_id": change.get("claim_id"),
                "dispute_id": change["dispute_id"],
                "date": change.get("date"),
                "kind": STATUS_EVENT_KIND.get(status, "status_change"),
                "summary": f"{row['dispute_name']}: {change['previous_status']} -> {status}".replace("_", " "),
                "status": status,
                "evidence": [
                    {
                        "sentence": change.get("sentence"),
                        "article_id": change.get("article_id"),
                        "article_url": change.get("article_url"),
                        "article_title": change.get("article_title"),
                        "source_id": change.get("source_id"),
                        "source_name": change.get("source_name"),
                        "published_at": None,
                        "first_report": False,
                    }
                ],
                "source_name": change.get("source_name"),
                "first_reporter": False,
                "status_change_id": change["id"],
            }
        )
    return events


def _status_stage(event: dict[str, Any]) -> int:
    """Within a day, status events sort by lifecycle stage (reports and responses carry none)."""
    if event["kind"] in ("claim_first_reported", "new_report", "response"):
        return 0
    return STAGE.get(event.get("status") or "", 0)


def _timeline(driver: Driver, claim_ids: Sequence[str], database: str | None) -> list[dict[str, Any]]:
    claims = _claim_details(driver, claim_ids, database)
    events = [event for claim in claims for event in _claim_events(claim)]
    dispute_ids = sorted({claim["dispute_id"] for claim in claims if claim.get("dispute_id")})
    events += _status_events(run_read(driver, queries.STATUS_CHANGES_OF_DISPUTES, database=database, ids=dispute_ids))
    events.sort(
        key=lambda event: (
            event["date"] is None,
            event["date"] or date.max,
            EVENT_KIND_ORDER[event["kind"]],
            STAGE.get(event.get("status") or "", 0)
            if event["kind"] not in ("claim_first_reported", "new_report")
            else 0,
            event["claim_id"] or "",
            event["evidence"][0].get("article_id") or "",
        )
    )
    return events


def dispute_timeline(driver: Driver, dispute_id: str, *, database: str | None = None) -> list[dict[str, Any]]:
    """The dated events of a dispute, oldest first, each backed by its sentences, articles and outlets."""
    ids = [row["id"] for row in run_read(driver, queries.DISPUTE_CLAIM_IDS, database=database, id=dispute_id)]
    return _timeline(driver, ids, database)


def entity_timeline(driver: Driver, entity_id: str, *, database: str | None = None) -> list[dict[str, Any]]:
    """The dated events of every claim an entity made, received, is the object of, or responded to."""
    entity_id = resolved_entity_id(driver, entity_id, database=database)
    ids = {row["id"] for row in run_read(driver, queries.ENTITY_CLAIM_IDS, database=database, id=entity_id)}
    ids |= {row["id"] for row in run_read(driver, queries.ENTITY_RESPONSE_CLAIM_IDS, database=database, id=entity_id)}
    return _timeline(driver, sorted(ids), database)


# --- Graph ----------------------------------------------------------------------------------------


def neighbourhood(
    driver: Driver,
    entity_id: str,
    *,
    depth: int = 1,
    relationship_types: Sequence[str] | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    categories: Sequence[str] | None = None,
    limit: int = 200,
    database: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Entities and claims around an entity: {"nodes": [...], "edges": [...]}; empty when it is unknown.

    `since`, `until` and `categories` (None: all) filter the claims; a path never passes through a
    claim they leave out, so what is reached only through such claims is left out too.
    """
    types = list(relationship_types or queries.NEIGHBOURHOOD_TYPES)
    unknown = set(types) - set(queries.NEIGHBOURHOOD_TYPES)
    if unknown:
        raise InputError(
            f"unknown relationship types {sorted(unknown)}; expected some of {queries.NEIGHBOURHOOD_TYPES}"
        )
    if not 1 <= depth <= 3:
        raise InputError(f"depth must be 1, 2 or 3 (got {depth})")
    rows = run_read(
        driver,
        queries.neighbourhood(depth),
        database=database,
        id=resolved_entity_id(driver, entity_id, database=database),
        types=types,
        since=_day(since),
        until=_day(until),
        categories=None if categories is None else list(categories),
        limit=max(limit - 1, 0),
    )
    nodes, edges = [], []
    for row in rows:
        node = row["node"]
        labels = node.pop("labels")
        kind = "claim" if "Claim" in labels else "entity"
        node = {key: value for key, value in node.items() if value is not None}
        nodes.append({**node, "kind": kind, "label": node.get("name") or node.get("category", node["id"])})
        edges.extend(edge for edge in row["edges"] if edge)
    edges.sort(key=lambda edge: (edge["source"], edge["type"], edge["target"]))
    return {"nodes": nodes, "edges": edges}


# --- Alerts and caching ---------------------------------------------------------------------------


def events_since(
    driver: Driver, since: datetime | None, *, limit: int = 500, database: str | None = None
) -> list[dict[str, Any]]:
    """`claim.new` and `dispute.status_changed` events recorded at or after `since`, oldest first.

    Inclusive, so that a cursor equal to the last event's `recorded_at` misses none of the events
    written in the same batch; consumers de-duplicate on `event_id`. A claim's `event_id` names the
    id it was first announced under, so a claim re-dated by an older report (a new `claim_id`,
    the `recorded_at` of the claim it replaced) is not announced again.
    """
    if since is not None and since.tzinfo is None:
        raise InputError("events_since needs a timezone-aware datetime")
    keys = run_read(
        driver,
        queries.EVENT_KEYS_SINCE,
        database=database,
        since=(since or EPOCH).isoformat(),
        limit=max(limit, 0),
    )
    claim_ids = [row["key"] for row in keys if row["type"] == "claim.new"]
    change_ids = [row["key"] for row in keys if row["type"] == "dispute.status_changed"]
    claims = {claim["id"]: claim for claim in _claim_details(driver, claim_ids, database)}
    change_rows = run_read(driver, queries.STATUS_CHANGE_EVENTS, database=database, ids=change_ids)
    changes = {row["change"]["id"]: row for row in change_rows}
    events = []
    for row in keys:
        if row["type"] == "claim.new" and row["key"] in claims:
            claim = claims[row["key"]]
            first = next((report for report in claim["reports"] if report["first_report"]), None)
            events.append(
                {
                    "event_id": f"claim.new:{row['identity']}",
                    "type": "claim.new",
                    "recorded_at": row["recorded_at"],
                    "claim_id": claim["id"],
                    "dispute_id": claim.get("dispute_id"),
                    "accuser": claim.get("accuser"),
                    "accused": claim.get("accused"),
                    "object": claim.get("object"),
                    "category": claim.get("category"),
                    "status": claim.get("status"),
                    "confidence": claim.get("confidence"),
                    "corroboration": claim.get("corroboration"),
                    "summary": _parties(claim),
                    "first_report": _evidence(first) if first else None,
                }
            )
        elif row["type"] == "dispute.status_changed" and row["key"] in changes:
            change, dispute = changes[row["key"]]["change"], changes[row["key"]]["dispute"]
            events.append(
                {
                    "event_id": f"dispute.status_changed:{change['id']}",
                    "type": "dispute.status_changed",
                    "recorded_at": row["recorded_at"],
                    "dispute_id": dispute["id"],
                    "dispute_name": dispute["name"],
                    "parties": dispute["parties"],
                    "categories": dispute["categories"],
                    "claim_id": change.get("claim_id"),
                    "status": change["status"],
                    "previous_status": change.get("previous_status"),
                    "date": change.get("date"),
                    "summary": f"{dispute['name']}: now {change['status'].replace('_', ' ')}",
                    "evidence": {
                        "sentence": change.get("sentence"),
                        "article_id": change.get("article_id"),
                        "article_url": change.get("article_url"),
                        "article_title": change.get("article_title"),
                        "source_id": change.get("source_id"),
                        "source_name": change.get("source_name"),
                    },
                }
            )
    return events


def graph_version(driver: Driver, *, database: str | None = None) -> str:
    """A string that changes whenever an ingest changed the graph ("0" for a graph never written)."""
    rows = run_read(driver, queries.GRAPH_VERSION, database=database)
    version = rows[0]["version"] if rows else None
    return str(version or 0)


def graph_version_key(driver: Driver, *, database: str | None = None) -> str:
    """The graph version and the time of the write that set it: a key a wiped and rebuilt graph never
    repeats (its counter starts again), for caches of answers."""
    rows = run_read(driver, queries.GRAPH_VERSION, database=database)
    return f"{rows[0]['version']}@{rows[0]['updated_at']}" if rows else "none"
