"""The status lifecycle and the claim-episode rules as pure functions (no graph needed)."""

from __future__ import annotations

from datetime import date, timedelta

from claimgraph.records import DisputeStatus, stable_id
from graph.facts import ArticleFacts, ReportFact
from graph.lifecycle import StatusEvidence, transitions
from graph.merging import cluster_reports, episodes


def evidence(key: str, status: str, day: int | None, claim: str = "c1", opens: bool = False) -> StatusEvidence:
    return StatusEvidence(key, DisputeStatus(status), date(2026, 3, day) if day else None, claim, opens)


def statuses(items: list[StatusEvidence]) -> list[tuple[str, int | None]]:
    return [(change.status, change.date.day if change.date else None) for change in transitions(items)]


def test_status_moves_forward_by_date_whatever_the_input_order() -> None:
    items = [
        evidence("e3", "lawsuit_filed", 20),
        evidence("e1", "alleged", 1, opens=True),
        evidence("e4", "alleged", 25),  # a later recap of the accusation does not move it back
        evidence("e2", "denied", 5),
    ]
    assert statuses(items) == [("alleged", 1), ("denied", 5), ("lawsuit_filed", 20)]
    assert statuses(list(reversed(items))) == statuses(items)


def test_a_later_admission_moves_sideways_and_a_denial_after_a_lawsuit_does_not() -> None:
    items = [evidence("a", "alleged", 1), evidence("b", "denied", 2), evidence("c", "responded", 3)]
    assert statuses(items) == [("alleged", 1), ("denied", 2), ("responded", 3)]
    items = [evidence("a", "alleged", 1), evidence("b", "lawsuit_filed", 2), evidence("c", "denied", 3)]
    assert statuses(items) == [("alleged", 1), ("lawsuit_filed", 2)]


def test_a_new_accusation_reopens_a_settled_dispute() -> None:
    items = [
        evidence("a", "alleged", 1, "c1", True),
        evidence("b", "settled", 10, "c1"),
        evidence("c", "alleged", 12, "c1"),  # a recap of the settled claim: no
        evidence("d", "alleged", 20, "c2", True),  # a new claim: reopens
    ]
    assert statuses(items) == [("alleged", 1), ("settled", 10), ("alleged", 20)]


def test_same_day_evidence_sorts_by_stage_and_undated_comes_last() -> None:
    items = [evidence("z", "denied", 1), evidence("y", "alleged", 1), evidence("x", "lawsuit_filed", None)]
    assert statuses(items) == [("alleged", 1), ("denied", 1), ("lawsuit_filed", None)]


def report(key: str, day: int | None, obj: str | None = None) -> ReportFact:
    article = ArticleFacts(f"art-{key}", "", "", "src", "Src", None, None, None, None)
    claim_date = date(2026, 1, 1) + timedelta(days=day) if day is not None else None
    return ReportFact(key, "a", "b", "distillation", obj, "", "alleged", claim_date, "s", 0, 1, 0.5, article)


def test_episodes_split_on_gaps_longer_than_the_window() -> None:
    reports = [report("r1", 0), report("r2", 20), report("r3", 45), report("r4", 100), report("r5", None)]
    split = episodes(reports, window_days=30)
    assert [[r.extraction_claim_id for r in episode] for episode in split] == [["r1", "r2", "r3"], ["r4", "r5"]]


def test_reports_without_object_join_the_earliest_object_and_ids_are_stable() -> None:
    reports = [report("r1", 0, "claude"), report("r2", 1), report("r3", 2, "gpt-4o")]
    clusters = cluster_reports(reports, window_days=30)
    members = sorted(sorted(r.extraction_claim_id for r in cluster.reports) for cluster in clusters)
    assert members == [["r1", "r2"], ["r3"]]
    assert [c.id for c in clusters] == [c.id for c in cluster_reports(list(reversed(reports)), window_days=30)]
    group = stable_id("group", "a", "b", "distillation")
    assert {c.id for c in clusters} == {
        stable_id("claim", group, "claude", "2026-01-01"),
        stable_id("claim", group, "gpt-4o", "2026-01-01"),
    }
