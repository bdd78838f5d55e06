"""The status lifecycle of claims and disputes, computed from dated evidence.

alleged -> denied | responded -> lawsuit_filed -> settled | ruled | retracted

Evidence is walked in the order of its dates (not of ingestion): a step moves the status only
forward in the lifecycle (or sideways between statuses of the same stage, e.g. a denial later
followed by an admission), so an older article ingested late can never move it backwards. A new
accusation reported after a dispute closed (settled, ruled, retracted) reopens it as alleged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from claimgraph.records import DisputeStatus, ResponseKind

STAGE: dict[str, int] = {
    DisputeStatus.ALLEGED: 0,
    DisputeStatus.DENIED: 1,
    DisputeStatus.RESPONDED: 1,
    DisputeStatus.LAWSUIT_FILED: 2,
    DisputeStatus.SETTLED: 3,
    DisputeStatus.RULED: 3,
    DisputeStatus.RETRACTED: 3,
}
"""Lifecycle stage of each status (keys compare equal to the plain strings stored in the graph)."""

CLOSED_STAGE = STAGE[DisputeStatus.SETTLED]

RESPONSE_STATUS: dict[str, DisputeStatus | None] = {
    ResponseKind.DENIAL: DisputeStatus.DENIED,
    ResponseKind.REBUTTAL: DisputeStatus.DENIED,
    ResponseKind.ADMISSION: DisputeStatus.RESPONDED,
    ResponseKind.APOLOGY: DisputeStatus.RESPONDED,
    ResponseKind.OTHER: DisputeStatus.RESPONDED,
    ResponseKind.NO_COMMENT: None,
    ResponseKind.NO_RESPONSE: None,
}


@dataclass(frozen=True)
class StatusEvidence:
    """One dated piece of evidence that reports a status (a report or a response)."""

    evidence_id: str
    status: DisputeStatus
    date: date | None
    claim_id: str
    opens_claim: bool
    """True for the first report of a claim (a new accusation)."""

    def order(self) -> tuple[bool, date, int, str]:
        return (self.date is None, self.date or date.max, STAGE[self.status], self.evidence_id)


@dataclass(frozen=True)
class Transition:
    """The status changed to `status` on `date`, as `evidence` reports."""

    status: DisputeStatus
    previous: DisputeStatus | None
    date: date | None
    evidence: StatusEvidence


def moves(current: DisputeStatus | None, evidence: StatusEvidence, seen_claims: set[str]) -> bool:
    """Whether `evidence` changes a status that stands at `current`."""
    if current is None:
        return True
    new, old = STAGE[evidence.status], STAGE[current]
    if new > old:
        return True
    if new == old and new > 0 and evidence.status != current:
        return True
    return (
        old == CLOSED_STAGE
        and evidence.status == DisputeStatus.ALLEGED
        and evidence.opens_claim
        and evidence.claim_id not in seen_claims
    )


def transitions(evidence: Iterable[StatusEvidence]) -> list[Transition]:
    """Every status change, in date order; the last one is the current status."""
    changes: list[Transition] = []
    current: DisputeStatus | None = None
    seen_claims: set[str] = set()
    for item in sorted(evidence, key=StatusEvidence.order):
        if moves(current, item, seen_claims):
            changes.append(Transition(item.status, current, item.date, item))
            current = item.status
        seen_claims.add(item.claim_id)
    return changes
