"""The dispute page as a story: a summary, the turns of its status, and its claims grouped by day.

A dispute followed by five outlets for two months is dozens of reports and responses; listed one
by one they made the demo's largest dispute about twelve screens long. Here each claim is one
entry (its plain-English headline, who reported it first, how many outlets), and its reports and
the responses that answer it are folded under it, one line per day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from api.web.rendering import day, iso_day
from graph.reads import RESPONSES, wrong


def _day_of(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _evidence(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "sentence": item.get("sentence"),
        "article_url": item.get("article_url") or item.get("url"),
        "article_title": item.get("article_title") or item.get("title"),
        "source_name": item.get("source_name"),
        "first_report": bool(item.get("first_report")),
    }


def claim_group(number: int, claim: Mapping[str, Any], headline: str) -> dict[str, Any]:
    """One claim: its headline, first reporter, outlets, and its reports and responses by day."""
    days: dict[date | None, dict[str, Any]] = {}

    def on(when: date | None) -> dict[str, Any]:
        return days.setdefault(when, {"date": when, "reports": [], "responses": []})

    outlets = {report.get("corroboration_key") or report.get("source_id") for report in claim.get("reports", [])}
    first = next((r for r in claim.get("reports", []) if r.get("first_report")), None)
    for report in claim.get("reports", []):
        on(_day_of(report.get("published_at")) or claim.get("claim_date"))["reports"].append(_evidence(report))
    for response in claim.get("responses", []):
        on(response.get("date"))["responses"].append(
            {
                **_evidence(response),
                "title": f"{response['responder']['name']} {RESPONSES.get(response['kind'], 'responds')}",
            }
        )
    ordered = sorted(days.values(), key=lambda item: (item["date"] is None, item["date"] or date.max))
    return {
        "anchor": f"event-{number}",
        "kind": "claim_first_reported",
        "group": "claim",
        "claim_id": claim.get("id"),
        "date": claim.get("claim_date"),
        "summary": headline,
        "status": claim.get("status"),
        "first_reporter": first.get("source_name") if first else None,
        "outlets": len(outlets),
        "report_count": len(claim.get("reports", [])),
        "response_count": len(claim.get("responses", [])),
        "days": ordered,
    }


def claim_groups(claims: Iterable[Mapping[str, Any]], headlines: Mapping[str, str]) -> list[dict[str, Any]]:
    """The dispute's claims, oldest accusation first, each grouped (see `claim_group`)."""
    ordered = sorted(
        claims, key=lambda c: (c.get("claim_date") is None, c.get("claim_date") or date.max, c.get("id") or "")
    )
    return [claim_group(number, claim, headlines.get(claim["id"], "")) for number, claim in enumerate(ordered, 1)]


def summary(dispute: Mapping[str, Any], claims: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Who accuses whom of what, where the dispute stands and since when, who reported it first, how many outlets."""
    history = dispute.get("status_history") or []
    opening = history[0] if history else {}
    first_claim = min(
        claims, key=lambda c: (c.get("claim_date") is None, c.get("claim_date") or date.max), default=None
    )
    accuser = (first_claim or {}).get("accuser") or {}
    accused = (first_claim or {}).get("accused") or {}
    kinds = _main_kinds(claims)
    outlets = {
        report.get("corroboration_key") or report.get("source_id")
        for claim in claims
        for report in claim.get("reports", [])
    }
    return {
        "accuser": accuser,
        "accused": accused,
        "what": " and ".join(wrong(kind) for kind in kinds),
        "status": dispute.get("status"),
        "since": dispute.get("status_date"),
        "began": opening.get("date") or dispute.get("first_event_date"),
        "first_reporter": opening.get("source_name"),
        "first_article_url": opening.get("article_url"),
        "outlets": len(outlets),
        "claims": len(claims),
    }


def _main_kinds(claims: Sequence[Mapping[str, Any]]) -> list[str]:
    """The two kinds of wrong with the most reports (the dispute's name names the same)."""
    reports: dict[str, int] = {}
    order: list[str] = []
    for claim in sorted(claims, key=lambda c: (c.get("claim_date") is None, c.get("claim_date") or date.max)):
        category = str(claim.get("category"))
        if category not in reports:
            order.append(category)
        reports[category] = reports.get(category, 0) + int(claim.get("report_count") or 0)
    return sorted(order, key=lambda category: (-reports[category], order.index(category)))[:2]


def band_items(groups: Sequence[Mapping[str, Any]], turns: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The overview band: one item per claim and per turn of the status after the first (dated ones only)."""
    items = [
        {
            "anchor": group["anchor"],
            "date": iso_day(group["date"]),
            "label": "Accusation",
            "name": f"{day(group['date'])}: Accusation — {group['summary']}",
            "title": group["summary"],
            "group": "claim",
        }
        for group in groups
        if group["date"]
    ]
    for turn in turns[1:]:
        if turn.get("date"):
            label = f"Now {str(turn['status']).replace('_', ' ')}"
            items.append(
                {
                    "anchor": turn["anchor"],
                    "date": iso_day(turn["date"]),
                    "label": label,
                    "name": f"{day(turn['date'])}: {label}",
                    "title": label,
                    "group": "court" if turn["status"] in ("lawsuit_filed", "ruled") else "status",
                }
            )
    return sorted(items, key=lambda item: item["date"])
