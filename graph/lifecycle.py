"""The status lifecycle of claims and disputes, computed from dated evidence that is strong enough.

alleged -> denied | responded -> lawsuit_filed -> settled | ruled | retracted

Evidence (a report's status, a response) is walked in the order of its dates, never of ingestion.
A turn forward (or sideways within a stage, a denial later followed by an admission) is taken only
on evidence that is strong enough (`Basis`): the sentence states the event itself ("sued",
"denied", "settled the suit"), or the accused party's own response, or an extraction at least as
confident as `min_confidence`, or two outlets reporting the same status of the same claim on the
same day. A step back is taken only on an explicit reversal ("the suit was withdrawn", "an appeals
court overturned the ruling"). Everything else that would have turned the status is kept as a
`Declined` turn, for a person to review: one misread sentence ("shares settled at ...", a recap of
the lawsuit in a story about a motion) never moves a dispute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

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

RESPONSE_STATUS: dict[str, DisputeStatus | None] = {
    ResponseKind.DENIAL: DisputeStatus.DENIED,
    ResponseKind.REBUTTAL: DisputeStatus.DENIED,
    ResponseKind.ADMISSION: DisputeStatus.RESPONDED,
    ResponseKind.APOLOGY: DisputeStatus.RESPONDED,
    ResponseKind.OTHER: DisputeStatus.RESPONDED,
    ResponseKind.NO_COMMENT: None,
    ResponseKind.NO_RESPONSE: None,
}

DEFAULT_MIN_CONFIDENCE = 0.95
"""The `status_min_confidence` setting's default. The rule-based extractor's confidences top out at
0.9, so by default a status turns on an event sentence, the accused's response or a second outlet."""

_CUES: dict[str, str] = {
    DisputeStatus.DENIED: r"den(?:y|ies|ied|ial|ials|ying)|reject(?:s|ed|ing)?|refut\w*|rebut\w*|disput(?:e|es|ed|ing)"
    r"|baseless|groundless|without merit|no merit|false|untrue",
    DisputeStatus.RESPONDED: r"admit\w*|acknowledg\w*|apologi[sz]\w*|conced\w*|confirm\w*|responded|response",
    DisputeStatus.LAWSUIT_FILED: r"su(?:e|es|ed|ing)|lawsuits?|suits?|complaints?|filed|charg(?:e|es|ed|ing)"
    r"|legal action|took \w+ to court",
    DisputeStatus.SETTLED: r"settl(?:e|es|ed|ing|ement|ements)",
    DisputeStatus.RULED: r"rul(?:e|es|ed|ing)|judg(?:e|ment|ement)|verdict|fin(?:e|es|ed)|penalt\w*|liable"
    r"|orders?|ordered|decision|decided|dismiss\w*",
    DisputeStatus.RETRACTED: r"withdr(?:ew|awn|aw|aws)|drop(?:s|ped)|retract\w*|abandon\w*|walked back",
}
EVENT_CUES: dict[str, re.Pattern[str]] = {
    status: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for status, pattern in _CUES.items()
}
"""A sentence that states the event of a status contains one of its cues."""

MARKET_SETTLE = re.compile(
    r"\b(?:shares|stocks?|index|prices?|markets?|trading|valuation|bonds?|yields?|futures|currency)\s+(?:\w+\s+){0,3}settl"
    r"|\bsettl(?:e|es|ed|ing)\s+(?:at|lower|higher|down|up|flat|unchanged)\b",
    re.IGNORECASE,
)
"""'shares settled 2% lower', 'its valuation settled at $9bn' are about a price, not a settlement."""

NEGATION = re.compile(r"(?:\bnot|\bnever|\bno|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
"""A cue right after a negation ('has not publicly responded') does not state the event."""

REVERSAL_CUES = re.compile(
    r"\b(?:overturn\w*|revers\w*|vacat\w*|set aside|withdr(?:ew|awn|aw|aws)|reinstat\w*|reviv\w*|rescind\w*"
    r"|collaps\w*|fell apart|reopen\w*)\b",
    re.IGNORECASE,
)
"""A step back needs a sentence that states the reversal."""


class Basis(StrEnum):
    """Why a turn was taken."""

    OPENING = "opening"
    EXPLICIT = "explicit"
    RESPONSE = "response"
    CONFIDENT = "confident"
    CORROBORATED = "corroborated"
    REVERSAL = "reversal"


class Decline(StrEnum):
    """Why a turn seen in the evidence was not taken."""

    WEAK = "weak evidence"
    BACKWARD = "a step back without an explicit reversal"


@dataclass(frozen=True)
class StatusEvidence:
    """One dated piece of evidence that reports a status (a report or a response)."""

    evidence_id: str
    status: DisputeStatus
    date: date | None
    claim_id: str
    opens_claim: bool = False
    """True for the first report of a claim (a new accusation)."""
    is_response: bool = False
    """A response to the claim (a denial, an admission), not a report of it."""
    outlet: str = ""
    """The outlet it counts as (a syndicated copy counts as its original's)."""
    confidence: float = 0.0
    sentence: str = ""
    by_accused: bool = False
    """A response made by the claim's accused party (its own denial or admission is the event)."""
    reported_at: float = float("inf")
    """When its article was published (a timestamp): the earliest report of a day is cited first."""
    position: int = 0
    """Where its sentence starts in the article: within one article the earlier sentence (the lede) first."""

    def order(self) -> tuple[bool, date, bool, int, float, int, bool, str]:
        """By date; within a day reports before responses (a dispute opens with an accusation, not with the
        answer to it), then by stage, then the earlier article, then the earlier sentence (the lede), then a
        claim's first report."""
        return (
            self.date is None,
            self.date or date.max,
            self.is_response,
            STAGE[self.status],
            self.reported_at,
            self.position,
            not self.opens_claim,
            self.evidence_id,
        )

    def states_event(self) -> bool:
        """Whether the sentence itself states the event of its status (not negated: 'has not denied')."""
        cue = EVENT_CUES.get(self.status)
        if cue is None:
            return False
        stated = [match for match in cue.finditer(self.sentence) if not NEGATION.search(self.sentence[: match.start()])]
        if not stated:
            return False
        return not (self.status == DisputeStatus.SETTLED and MARKET_SETTLE.search(self.sentence))

    def states_reversal(self) -> bool:
        return bool(REVERSAL_CUES.search(self.sentence))


@dataclass(frozen=True)
class Transition:
    """The status changed to `status` on `date`, as `evidence` reports, on `basis`."""

    status: DisputeStatus
    previous: DisputeStatus | None
    date: date | None
    evidence: StatusEvidence
    basis: Basis = Basis.OPENING


@dataclass(frozen=True)
class Declined:
    """A turn the evidence proposed and the rules did not take (the status stood at `current`)."""

    status: DisputeStatus
    current: DisputeStatus
    date: date | None
    evidence: StatusEvidence
    reason: Decline


@dataclass
class Lifecycle:
    """The turns taken, in date order (the last is the current status), and those seen but not taken."""

    turns: list[Transition] = field(default_factory=list)
    declined: list[Declined] = field(default_factory=list)

    @property
    def current(self) -> Transition | None:
        return self.turns[-1] if self.turns else None


def corroborated(evidence: Iterable[StatusEvidence]) -> set[str]:
    """Ids of evidence whose status, claim and day at least two outlets report (undated evidence never is)."""
    outlets: dict[tuple[str, str, date | None], set[str]] = {}
    items = [item for item in evidence if item.date is not None and item.outlet]
    for item in items:
        outlets.setdefault((item.claim_id, item.status, item.date), set()).add(item.outlet)
    return {item.evidence_id for item in items if len(outlets[(item.claim_id, item.status, item.date)]) >= 2}


def basis(item: StatusEvidence, corroborating: set[str], min_confidence: float) -> Basis | None:
    """Why `item` is strong enough to turn a status, or None."""
    if item.states_event():
        return Basis.RESPONSE if item.by_accused else Basis.EXPLICIT
    if item.confidence >= min_confidence:
        return Basis.CONFIDENT
    if item.evidence_id in corroborating:
        return Basis.CORROBORATED
    return None


def _step(current: DisputeStatus, item: StatusEvidence) -> int:
    """+1 forward (or sideways within a stage), -1 back, 0 no turn."""
    new, old = STAGE[item.status], STAGE[current]
    if new > old or (new == old and new > 0 and item.status != current):
        return 1
    return -1 if new < old else 0


def lifecycle(evidence: Iterable[StatusEvidence], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Lifecycle:
    """Every status turn taken, in date order, and every turn seen but not taken."""
    ordered = sorted(evidence, key=StatusEvidence.order)
    corroborating = corroborated(ordered)
    result = Lifecycle()
    current: DisputeStatus | None = None
    for item in ordered:
        strength = basis(item, corroborating, min_confidence)
        if current is None:
            if item.status == DisputeStatus.ALLEGED or strength is not None:
                opening = Basis.OPENING if item.status == DisputeStatus.ALLEGED else strength
                result.turns.append(Transition(item.status, None, item.date, item, opening or Basis.OPENING))
                current = item.status
                continue
            result.turns.append(Transition(DisputeStatus.ALLEGED, None, item.date, item, Basis.OPENING))
            current = DisputeStatus.ALLEGED
        step = _step(current, item)
        if step > 0 and strength is not None:
            result.turns.append(Transition(item.status, current, item.date, item, strength))
            current = item.status
        elif step < 0 and item.states_reversal():
            result.turns.append(Transition(item.status, current, item.date, item, Basis.REVERSAL))
            current = item.status
        elif step > 0:
            result.declined.append(Declined(item.status, current, item.date, item, Decline.WEAK))
        elif step < 0 and item.status != DisputeStatus.ALLEGED:
            result.declined.append(Declined(item.status, current, item.date, item, Decline.BACKWARD))
    return result


def transitions(evidence: Iterable[StatusEvidence], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Transition]:
    """The turns taken, in date order; the last one is the current status."""
    return lifecycle(evidence, min_confidence).turns
