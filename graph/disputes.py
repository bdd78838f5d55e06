"""Disputes: every claim between the same two parties, in either direction, is one Dispute.

Keyed by the sorted pair of party ids, so counter-claims join the same dispute and the key never
depends on which claim came first. Its name reads "<first accuser> v. <first accused>: <the two main
kinds of wrong>" (those with the most reports, then the first named);
its status history is recomputed from all its dated evidence (see `graph.lifecycle`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimgraph.records import DisputeStatus, stable_id
from graph.facts import ArticleFacts, ReportFact, ResponseFact
from graph.lifecycle import DEFAULT_MIN_CONFIDENCE, Declined, Transition, lifecycle
from graph.merging import ClaimCluster

MAIN_KINDS = 2
"""A dispute's name names at most this many kinds of wrong: those with the most reports."""


def dispute_id(first_party: str, second_party: str) -> str:
    """Stable id of the dispute between two parties (either order)."""
    low, high = sorted((first_party, second_party))
    return stable_id("dispute", low, high)


def readable_category(category: str) -> str:
    return category.replace("_", " ")


@dataclass(frozen=True)
class DisputeState:
    """A dispute as computed from its claims: the Dispute node and its StatusChange nodes."""

    id: str
    properties: dict[str, Any]
    claim_ids: list[str]
    status_changes: list[tuple[str, dict[str, Any]]]
    declined_turns: list[tuple[str, dict[str, Any]]]


def _claim_order(cluster: ClaimCluster) -> tuple[bool, date, str]:
    claim_date = cluster.claim_date
    return (claim_date is None, claim_date or date.max, cluster.id)


def _status_change(
    dispute: str, change: Transition | Declined, evidence: Mapping[str, ReportFact | ResponseFact]
) -> dict:
    """A StatusChange's properties (a taken turn: `basis`) or a DeclinedTurn's (`reason`)."""
    item = evidence[change.evidence.evidence_id]
    article: ArticleFacts = item.article
    if isinstance(change, Transition):
        turn = {"previous_status": change.previous, "basis": change.basis.value}
    else:
        turn = {"previous_status": change.current, "reason": change.reason.value}
    return {
        "dispute_id": dispute,
        "status": change.status,
        **turn,
        "date": change.date,
        "claim_id": change.evidence.claim_id,
        "evidence_id": change.evidence.evidence_id,
        "evidence_kind": "report" if isinstance(item, ReportFact) else "response",
        "sentence": item.sentence,
        "article_id": article.article_id,
        "article_url": article.url,
        "article_title": article.title,
        "source_id": article.source_id,
        "source_name": article.source_name,
    }


def compute_dispute(
    clusters: Sequence[ClaimCluster], names: Mapping[str, str], min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> DisputeState:
    """The dispute formed by `clusters` (all of one pair of parties, at least one claim)."""
    ordered = sorted(clusters, key=_claim_order)
    opening = ordered[0].sample
    identifier = dispute_id(opening.accuser_id, opening.accused_id)
    categories: list[str] = []
    reports: dict[str, int] = {}
    for cluster in ordered:
        if cluster.sample.category not in categories:
            categories.append(cluster.sample.category)
        reports[cluster.sample.category] = reports.get(cluster.sample.category, 0) + len(cluster.reports)
    main = sorted(categories, key=lambda category: (-reports[category], categories.index(category)))[:MAIN_KINDS]
    accuser = names.get(opening.accuser_id, opening.accuser_id)
    accused = names.get(opening.accused_id, opening.accused_id)
    evidence: dict[str, ReportFact | ResponseFact] = {}
    status_evidence = []
    for cluster in ordered:
        evidence.update({report.extraction_claim_id: report for report in cluster.reports})
        evidence.update({response.id: response for response in cluster.responses})
        status_evidence.extend(cluster.status_evidence())
    computed = lifecycle(status_evidence, min_confidence)
    history = computed.turns
    dates = [item.date for item in evidence.values() if item.date]
    properties = {
        "pair_key": opening.pair_key,
        "party_ids": sorted((opening.accuser_id, opening.accused_id)),
        "name": f"{accuser} v. {accused}: {', '.join(readable_category(c) for c in main)}",
        "categories": categories,
        "status": history[-1].status if history else DisputeStatus.ALLEGED,
        "status_date": history[-1].date if history else None,
        "first_event_date": min(dates) if dates else None,
        "last_event_date": max(dates) if dates else None,
        "claim_count": len(ordered),
    }
    changes = [
        (
            stable_id("status", identifier, change.status, change.evidence.evidence_id),
            {**_status_change(identifier, change, evidence), "sequence": position},
        )
        for position, change in enumerate(history)
    ]
    declined = [
        (
            stable_id("declined", identifier, turn.status, turn.evidence.evidence_id),
            _status_change(identifier, turn, evidence),
        )
        for turn in computed.declined
    ]
    return DisputeState(identifier, properties, sorted(cluster.id for cluster in ordered), changes, declined)
