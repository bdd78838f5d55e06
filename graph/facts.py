"""The facts the claim and dispute rules work on: one report of a claim, one response.

A report is one extraction claim as one article reports it, with what the rules need of its
article (date, outlet, syndication). Reports come either from the Extraction records of the
batch being written or back from the graph (the REPORTED_IN edges already stored), so the rules
always see every report of the parties concerned, whatever order they were ingested in.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from claimgraph.records import stable_id


def to_native(value: Any) -> Any:
    """A neo4j temporal value as the Python one (other values unchanged)."""
    return value.to_native() if hasattr(value, "to_native") else value


def wire_moment(value: datetime | None) -> str | None:
    """A datetime as the ISO text a write statement turns back into a DateTime (`datetime(...)`).

    The driver's pure-Python packing of an aware datetime costs about 30 times that of a string:
    the write path sends and reads instants as text (see `moment`).
    """
    return value.isoformat() if value is not None else None


def moment(value: Any) -> datetime | None:
    """An instant read back as `toString(...)` text (or as a DateTime), as an aware datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return to_native(value)


def group_key(accuser_id: str, accused_id: str, category: str) -> str:
    """Key of every report of one accuser accusing one accused of one category."""
    return stable_id("group", accuser_id, accused_id, category)


def pair_key(first_id: str, second_id: str) -> str:
    """Key of the two parties of a dispute, the same in either direction."""
    low, high = sorted((first_id, second_id))
    return stable_id("pair", low, high)


@dataclass(frozen=True)
class ArticleFacts:
    """What the rules need to know about the article a report or response is in."""

    article_id: str
    url: str
    title: str
    source_id: str
    source_name: str
    published_at: datetime | None
    fetched_at: datetime | None
    copy_of: str | None
    original_source_id: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ArticleFacts:
        return cls(
            article_id=row["article_id"],
            url=row.get("url") or "",
            title=row.get("title") or "",
            source_id=row["source_id"],
            source_name=row.get("source_name") or row["source_id"],
            published_at=moment(row.get("published_at")),
            fetched_at=moment(row.get("fetched_at")),
            copy_of=row.get("copy_of"),
            original_source_id=row.get("original_source_id"),
        )

    @property
    def corroboration_key(self) -> str:
        """The outlet this article counts as: a syndicated copy counts as its original's outlet."""
        if self.copy_of:
            return f"source:{self.original_source_id}" if self.original_source_id else f"article:{self.copy_of}"
        return f"source:{self.source_id}"

    @property
    def fallback_date(self) -> date | None:
        moment = self.published_at or self.fetched_at
        return moment.date() if moment else None

    @property
    def timestamp(self) -> float:
        """Its publication (else fetch) time as a POSIX timestamp; unknown: infinity (last)."""
        moment = self.published_at or self.fetched_at
        return moment.timestamp() if moment else float("inf")

    def first_report_order(self) -> tuple[bool, datetime | None, str]:
        """Earliest publication first, unknown dates last, ties broken by article id."""
        return (self.published_at is None, self.published_at, self.article_id)


def effective_date(stated: date | None, precision: str, published: date | None) -> date | None:
    """The day an event is placed on: the stated day; for a coarse date ("last month" is the 1st of
    its month), the last day of its period, capped at the article's date, so that a vague later
    mention never places an event before a report that dates it exactly; no date: the article's."""
    if stated is None:
        return published
    if precision == "week":
        end = stated + timedelta(days=6)
    elif precision == "month":
        end = stated.replace(day=calendar.monthrange(stated.year, stated.month)[1])
    elif precision == "year":
        end = stated.replace(month=12, day=31)
    else:
        return stated
    return min(end, published) if published else end


@dataclass(frozen=True)
class ReportFact:
    """One extraction claim as one article reports it."""

    extraction_claim_id: str
    accuser_id: str
    accused_id: str
    category: str
    object_id: str | None
    allegation: str
    status: str
    claim_date: date | None
    sentence: str
    start: int
    end: int
    confidence: float
    article: ArticleFacts
    date_precision: str = "day"
    accuser_as: str = ""
    accused_as: str = ""
    """The parties' ids as the NLP stage gave them, when entity resolution merged them into others
    (`graph.resolution`): what undoing a merge gives back."""

    @cached_property
    def group_key(self) -> str:
        return group_key(self.accuser_id, self.accused_id, self.category)

    @cached_property
    def pair_key(self) -> str:
        return pair_key(self.accuser_id, self.accused_id)

    @cached_property
    def date(self) -> date | None:
        """When the accusation was made: the claim date, else the article's date (see `effective_date`)."""
        return effective_date(self.claim_date, self.date_precision, self.article.fallback_date)

    def edge_properties(self) -> dict[str, Any]:
        """The REPORTED_IN edge's properties (its key, extraction_claim_id, is set by the MERGE)."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "status": self.status,
            "claim_date": self.claim_date,
            "date_precision": self.date_precision,
            "object_id": self.object_id,
            "allegation": self.allegation,
            "accuser_as": self.accuser_as or None,
            "accused_as": self.accused_as or None,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ReportFact:
        """A report read back from the graph (`queries.PAIR_REPORTS`)."""
        report = row["report"]
        return cls(
            extraction_claim_id=report["extraction_claim_id"],
            accuser_id=row["accuser_id"],
            accused_id=row["accused_id"],
            category=row["category"],
            object_id=report.get("object_id"),
            allegation=report.get("allegation") or "",
            status=report.get("status") or "alleged",
            claim_date=to_native(report.get("claim_date")),
            sentence=report["sentence"],
            start=report["start"],
            end=report["end"],
            confidence=report["confidence"],
            article=ArticleFacts.from_row(row),
            date_precision=report.get("date_precision") or "day",
            accuser_as=report.get("accuser_as") or "",
            accused_as=report.get("accused_as") or "",
        )


@dataclass(frozen=True)
class ResponseFact:
    """One response (denial, rebuttal, ...) to an extraction claim, as one article reports it."""

    id: str
    extraction_claim_id: str
    responder_id: str
    kind: str
    response_date: date | None
    sentence: str
    start: int
    end: int
    article: ArticleFacts
    date_precision: str = "day"

    @cached_property
    def date(self) -> date | None:
        return effective_date(self.response_date, self.date_precision, self.article.fallback_date)

    def node_properties(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "response_date": self.response_date,
            "date_precision": self.date_precision,
            "responder_id": self.responder_id,
            "extraction_claim_id": self.extraction_claim_id,
            "article_id": self.article.article_id,
            "sentence": self.sentence,
        }

    def edge_properties(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ResponseFact:
        """A response read back from the graph (`queries.PAIR_RESPONSES`)."""
        response, evidence = row["response"], row["evidence"]
        return cls(
            id=response["id"],
            extraction_claim_id=response["extraction_claim_id"],
            responder_id=response["responder_id"],
            kind=response["kind"],
            response_date=to_native(response.get("response_date")),
            sentence=evidence["sentence"],
            start=evidence["start"],
            end=evidence["end"],
            article=ArticleFacts.from_row({**row, "copy_of": None, "original_source_id": None}),
            date_precision=response.get("date_precision") or "day",
        )
