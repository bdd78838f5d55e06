"""One claim, many reports: which reports are the same accusation, and what the claim knows.

Reports of one accuser against one accused in one category form a group. A group is split into
episodes by date: sorted by date, a report more than `window_days` after the previous one
starts a new episode (undated reports join the last episode). Inside an episode, reports about
different known objects are different claims; a report with no object joins the claim of the
earliest report with an object. The claim id is a hash of the group, the object and the
episode's first date, so it depends only on the set of reports, never on ingestion order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from claimgraph.records import DisputeStatus, stable_id
from graph.facts import ReportFact, ResponseFact
from graph.lifecycle import DEFAULT_MIN_CONFIDENCE, RESPONSE_STATUS, StatusEvidence, transitions

REPLY_STATUSES = frozenset({DisputeStatus.DENIED, DisputeStatus.RESPONDED})
"""Statuses an answer to the accusation sets: a report's own date is the accusation's."""


def status_date(report: ReportFact) -> date | None:
    """The day a report shows its status: its date; for a denial or a response, no earlier than its article
    (a report of a denial dates the accusation it denies, "Anthropic said on Friday ...", not the denial)."""
    if report.status not in REPLY_STATUSES:
        return report.date
    days = [day for day in (report.date, report.article.fallback_date) if day is not None]
    return max(days, default=None)


@dataclass
class ClaimCluster:
    """The reports that make one graph Claim, and the responses to them."""

    id: str
    reports: list[ReportFact]
    responses: list[ResponseFact] = field(default_factory=list)

    @property
    def sample(self) -> ReportFact:
        return self.reports[0]

    @property
    def claim_date(self) -> date | None:
        """The earliest date of its reports (the claim's `claim_date`)."""
        return min((report.date for report in self.reports if report.date), default=None)

    @property
    def object_id(self) -> str | None:
        return next((report.object_id for report in self.reports if report.object_id), None)

    @property
    def first_report(self) -> ReportFact:
        """Earliest published report; ties broken by article id, then extraction claim id."""
        return min(self.reports, key=lambda report: (*report.article.first_report_order(), report.extraction_claim_id))

    def corroborating_reports(self) -> dict[str, ReportFact]:
        """The earliest report of each distinct outlet (syndicated copies count as their original)."""
        earliest: dict[str, ReportFact] = {}
        for report in sorted(self.reports, key=lambda r: (*r.article.first_report_order(), r.extraction_claim_id)):
            earliest.setdefault(report.article.corroboration_key, report)
        return earliest

    @property
    def corroboration(self) -> int:
        return len(self.corroborating_reports())

    @property
    def confidence(self) -> float:
        """Noisy-OR over distinct outlets, each counting with its most confident report."""
        best: dict[str, float] = {}
        for report in self.reports:
            key = report.article.corroboration_key
            best[key] = max(best.get(key, 0.0), report.confidence)
        remaining = 1.0
        for value in best.values():
            remaining *= 1.0 - value
        return round(1.0 - remaining, 6)

    def status_evidence(self) -> list[StatusEvidence]:
        """Its reports' statuses and its responses, as the lifecycle rules read them (`graph.lifecycle`)."""
        first = self.first_report.extraction_claim_id
        evidence = [
            StatusEvidence(
                evidence_id=r.extraction_claim_id,
                status=DisputeStatus(r.status),
                date=status_date(r),
                claim_id=self.id,
                opens_claim=r.extraction_claim_id == first,
                outlet=r.article.corroboration_key,
                confidence=r.confidence,
                sentence=r.sentence,
                reported_at=r.article.timestamp,
                position=r.start,
            )
            for r in self.reports
        ]
        for response in self.responses:
            status = RESPONSE_STATUS.get(response.kind)
            if status:
                evidence.append(
                    StatusEvidence(
                        evidence_id=response.id,
                        status=status,
                        date=response.date,
                        claim_id=self.id,
                        outlet=response.article.corroboration_key,
                        sentence=response.sentence,
                        by_accused=response.responder_id == self.sample.accused_id,
                        is_response=True,
                        reported_at=response.article.timestamp,
                        position=response.start,
                    )
                )
        return evidence

    def properties(self, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict[str, Any]:
        """The Claim node's properties."""
        first = self.first_report
        dates = [report.date for report in self.reports if report.date]
        history = transitions(self.status_evidence(), min_confidence)
        current = history[-1] if history else None
        return {
            "accuser_id": self.sample.accuser_id,
            "accused_id": self.sample.accused_id,
            "category": self.sample.category,
            "group_key": self.sample.group_key,
            "pair_key": self.sample.pair_key,
            "object_id": self.object_id,
            "allegation": first.allegation,
            "status": current.status if current else DisputeStatus.ALLEGED,
            "status_date": current.date if current else None,
            "claim_date": min(dates) if dates else None,
            "last_report_date": max(dates) if dates else None,
            "first_reported_at": first.article.published_at,
            "first_article_id": first.article.article_id,
            "first_source_id": first.article.source_id,
            "corroboration": self.corroboration,
            "confidence": self.confidence,
            "report_count": len(self.reports),
        }


def _report_order(report: ReportFact) -> tuple[bool, date, str, str]:
    return (report.date is None, report.date or date.max, report.article.article_id, report.extraction_claim_id)


def episodes(reports: Iterable[ReportFact], window_days: int) -> list[list[ReportFact]]:
    """Split one group's reports where two consecutive dates are more than `window_days` apart."""
    ordered = sorted(reports, key=_report_order)
    split: list[list[ReportFact]] = []
    previous: date | None = None
    for report in ordered:
        if report.date is None:
            if not split:
                split.append([])
            split[-1].append(report)
            continue
        if previous is None or (report.date - previous).days > window_days:
            split.append([])
        split[-1].append(report)
        previous = report.date
    return split


def _by_object(episode: Sequence[ReportFact]) -> dict[str | None, list[ReportFact]]:
    """Reports of one episode by object; reports without one join the earliest object's claim."""
    known = [report for report in episode if report.object_id]
    if not known:
        return {None: list(episode)}
    default_object = known[0].object_id  # episodes are sorted by date
    families: dict[str | None, list[ReportFact]] = {}
    for report in episode:
        families.setdefault(report.object_id or default_object, []).append(report)
    return families


def claim_id(group: str, object_id: str | None, first_date: date | None) -> str:
    """Stable id of a graph Claim."""
    return stable_id("claim", group, object_id or "", first_date.isoformat() if first_date else "undated")


def cluster_reports(reports: Iterable[ReportFact], window_days: int) -> list[ClaimCluster]:
    """Every graph Claim the given reports make (any number of groups), in id order."""
    clusters: list[ClaimCluster] = []
    unique = {report.extraction_claim_id: report for report in reports}
    by_group = sorted(unique.values(), key=lambda report: report.group_key)
    for group, members in groupby(by_group, key=lambda report: report.group_key):
        for episode in episodes(members, window_days):
            first_date = next((report.date for report in episode if report.date), None)
            for object_id, family in _by_object(episode).items():
                clusters.append(ClaimCluster(claim_id(group, object_id, first_date), family))
    return sorted(clusters, key=lambda cluster: cluster.id)


def attach_responses(clusters: Sequence[ClaimCluster], responses: Iterable[ResponseFact]) -> list[ResponseFact]:
    """Give each cluster the responses to its reports; return responses whose claim is unknown."""
    owner = {report.extraction_claim_id: cluster for cluster in clusters for report in cluster.reports}
    orphans = []
    for response in sorted({r.id: r for r in responses}.values(), key=lambda r: r.id):
        cluster = owner.get(response.extraction_claim_id)
        if cluster is None:
            orphans.append(response)
        else:
            cluster.responses.append(response)
    return orphans
