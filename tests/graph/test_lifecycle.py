"""The status lifecycle and the claim-episode rules as pure functions (no graph needed)."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from claimgraph.records import DisputeStatus, stable_id
from graph.facts import ArticleFacts, ReportFact
from graph.lifecycle import Basis, Decline, StatusEvidence, lifecycle, transitions
from graph.merging import cluster_reports, episodes

SENTENCES = {
    "alleged": "Acme accused Beta of distilling its model.",
    "denied": "Beta denied the accusation.",
    "responded": "Beta admitted it had used the outputs.",
    "lawsuit_filed": "Acme sued Beta on Tuesday.",
    "settled": "Acme and Beta settled the suit.",
    "ruled": "The judge ruled for Acme.",
    "retracted": "Acme withdrew the accusation.",
}


def evidence(
    key: str,
    status: str,
    day: int | None,
    claim: str = "c1",
    opens: bool = False,
    *,
    sentence: str | None = None,
    outlet: str = "wire",
    confidence: float = 0.8,
    by_accused: bool = False,
    response: bool = False,
) -> StatusEvidence:
    return StatusEvidence(
        key,
        DisputeStatus(status),
        date(2026, 3, day) if day else None,
        claim,
        opens,
        outlet=outlet,
        confidence=confidence,
        sentence=SENTENCES[status] if sentence is None else sentence,
        by_accused=by_accused,
        is_response=response,
    )


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
    declined = lifecycle(items).declined
    assert [(turn.status, turn.current, turn.reason) for turn in declined] == [
        ("denied", "lawsuit_filed", Decline.BACKWARD)
    ]


def test_a_status_from_a_sentence_that_does_not_state_it_is_declined_and_kept() -> None:
    shares = "Beta's shares settled 2% lower as investors digested Acme's lawsuit."
    recap = "Acme's lawsuit against Beta, filed on Tuesday, accuses it of distilling its model."
    items = [
        evidence("a", "alleged", 1),
        evidence("b", "lawsuit_filed", 2),
        evidence("c", "settled", 3, sentence=shares, confidence=0.9),
        evidence("d", "settled", 3, sentence=recap, confidence=0.9),
    ]
    computed = lifecycle(items)
    assert [(turn.status, turn.basis) for turn in computed.turns] == [
        ("alleged", Basis.OPENING),
        ("lawsuit_filed", Basis.EXPLICIT),
    ]
    assert [(turn.evidence.evidence_id, turn.reason) for turn in computed.declined] == [
        ("c", Decline.WEAK),
        ("d", Decline.WEAK),
    ]
    for price in ("Its valuation settled at $9 billion after the suit.", "Beta settled lower on the lawsuit news."):
        assert statuses([*items[:2], evidence("e", "settled", 4, sentence=price)])[-1] == ("lawsuit_filed", 2)
    assert statuses([*items[:2], evidence("e", "settled", 4)])[-1] == ("settled", 4), "a real settlement is taken"


def test_a_dispute_opens_with_the_accusation_not_a_same_day_answer() -> None:
    suit = evidence("a", "lawsuit_filed", 1, opens=True)
    denial = evidence("b", "denied", 1, by_accused=True, response=True)
    computed = lifecycle([denial, suit])
    assert [(t.status, t.basis) for t in computed.turns] == [("lawsuit_filed", Basis.EXPLICIT)]
    assert [(t.status, t.reason) for t in computed.declined] == [("denied", Decline.BACKWARD)]


def test_within_an_article_the_earlier_sentence_reports_a_turn() -> None:
    """Two reports of one day's suit in one article, one of them opening a new claim: the lede is cited."""
    lede = StatusEvidence("b", DisputeStatus.LAWSUIT_FILED, date(2026, 3, 2), "c1", sentence="Acme sued Beta.")
    later = StatusEvidence(
        "a", DisputeStatus.LAWSUIT_FILED, date(2026, 3, 2), "c2", True, sentence="The suit accuses Beta.", position=90
    )
    computed = lifecycle([evidence("x", "alleged", 1), later, lede])
    assert [(t.status, t.evidence.evidence_id) for t in computed.turns] == [("alleged", "x"), ("lawsuit_filed", "b")]


def test_a_weak_turn_is_taken_when_confident_or_reported_by_two_outlets_on_the_same_day() -> None:
    vague = "The row over the model went on."
    base = [evidence("a", "alleged", 1)]
    confident = [*base, evidence("b", "settled", 4, sentence=vague, confidence=0.97)]
    assert [(t.status, t.basis) for t in lifecycle(confident).turns][-1] == ("settled", Basis.CONFIDENT)
    weaker = [*base, evidence("b", "settled", 4, sentence=vague, confidence=0.9)]
    assert statuses(weaker) == [("alleged", 1)]
    assert lifecycle(confident, min_confidence=0.99).current.status == "alleged"

    two_outlets = [
        *base,
        evidence("b", "denied", 4, sentence=vague, outlet="wire"),
        evidence("c", "denied", 4, sentence=vague, outlet="techdaily"),
    ]
    assert [(t.status, t.basis) for t in lifecycle(two_outlets).turns][-1] == ("denied", Basis.CORROBORATED)
    same_outlet = [*base, evidence("b", "denied", 4, sentence=vague), evidence("c", "denied", 4, sentence=vague)]
    other_days = [
        *base,
        evidence("b", "denied", 4, sentence=vague, outlet="wire"),
        evidence("c", "denied", 6, sentence=vague, outlet="techdaily"),
    ]
    other_claims = [
        *base,
        evidence("b", "denied", 4, "c1", sentence=vague, outlet="wire"),
        evidence("c", "denied", 4, "c2", sentence=vague, outlet="techdaily"),
    ]
    for items in (same_outlet, other_days, other_claims):
        assert statuses(items) == [("alleged", 1)]


def test_the_accused_own_response_counts_and_a_negated_one_does_not() -> None:
    denial = evidence("b", "denied", 4, sentence="Beta rejected the claims as baseless.", by_accused=True)
    silent = evidence("c", "denied", 3, sentence="Beta has not publicly responded to the accusation.", by_accused=True)
    computed = lifecycle([evidence("a", "alleged", 1), silent, denial])
    assert [(t.status, t.date.day, t.basis) for t in computed.turns] == [
        ("alleged", 1, Basis.OPENING),
        ("denied", 4, Basis.RESPONSE),
    ]
    assert [t.evidence.evidence_id for t in computed.declined] == ["c"]


def test_no_step_back_except_on_an_explicit_reversal() -> None:
    items = [
        evidence("a", "alleged", 1, "c1", True),
        evidence("b", "settled", 10, "c1"),
        evidence("c", "alleged", 12, "c1"),  # a recap of the settled claim
        evidence("d", "alleged", 20, "c2", True),  # a new claim does not reopen a settled dispute
        evidence("e", "lawsuit_filed", 22, "c1", sentence="Acme's lawsuit against Beta continues."),
    ]
    assert statuses(items) == [("alleged", 1), ("settled", 10)]
    reversal = evidence(
        "f", "lawsuit_filed", 25, "c1", sentence="The settlement collapsed and the lawsuit was reinstated."
    )
    computed = lifecycle([*items, reversal])
    assert [(t.status, t.date.day, t.basis) for t in computed.turns][-1] == ("lawsuit_filed", 25, Basis.REVERSAL)


def test_a_weak_first_turn_opens_the_dispute_as_alleged() -> None:
    computed = lifecycle([evidence("a", "settled", 3, sentence="Acme said Beta copied its model.")])
    assert [(t.status, t.date.day) for t in computed.turns] == [("alleged", 3)]
    assert [t.status for t in computed.declined] == ["settled"]


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


def test_a_reported_denial_is_placed_no_earlier_than_its_article() -> None:
    from datetime import datetime

    from graph.merging import status_date

    published = datetime(2026, 1, 5, 12, tzinfo=UTC)
    article = ArticleFacts("art-d", "", "", "src", "Src", published, None, None, None)

    def dated(status: str) -> ReportFact:
        return ReportFact("r", "a", "b", "distillation", None, "", status, date(2026, 1, 1), "s", 0, 1, 0.9, article)

    # "Anthropic said on Friday ..." in a story about the denial: the date is the accusation's, not the denial's.
    assert status_date(dated("denied")) == date(2026, 1, 5)
    assert status_date(dated("alleged")) == date(2026, 1, 1)
    assert status_date(dated("lawsuit_filed")) == date(2026, 1, 1)
