"""Timelines in the formats journalists use: CSV for spreadsheets, TimelineJS3 JSON for publishing."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence

from api.models import (
    Timeline,
    TimelineEvent,
    TimelineJS,
    TimelineJSDate,
    TimelineJSEvent,
    TimelineJSText,
    TimelineJSTitle,
)

CSV_COLUMNS = (
    "date",
    "kind",
    "summary",
    "status",
    "claim_id",
    "dispute_id",
    "source_name",
    "first_reporter",
    "sentence",
    "article_title",
    "article_url",
    "published_at",
)


def timeline_csv(events: Sequence[TimelineEvent]) -> str:
    """One row per event (its first piece of evidence), with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        evidence = event.evidence[0] if event.evidence else None
        writer.writerow(
            [
                event.date.isoformat() if event.date else "",
                event.kind,
                event.summary,
                event.status or "",
                event.claim_id or "",
                event.dispute_id or "",
                event.source_name or "",
                "yes" if event.first_reporter else "no",
                evidence.sentence if evidence and evidence.sentence else "",
                evidence.article_title if evidence and evidence.article_title else "",
                evidence.article_url if evidence and evidence.article_url else "",
                evidence.published_at.isoformat() if evidence and evidence.published_at else "",
            ]
        )
    return buffer.getvalue()


def _event_text(event: TimelineEvent) -> str:
    """HTML body of a TimelineJS slide: each quoted sentence with a link to its article."""
    parts = []
    for evidence in event.evidence:
        if not evidence.sentence:
            continue
        quote = f"<blockquote>{html.escape(evidence.sentence)}</blockquote>"
        outlet = html.escape(evidence.source_name or "source")
        if evidence.article_url:
            quote += f'<p><a href="{html.escape(evidence.article_url, quote=True)}">{outlet}</a></p>'
        parts.append(quote)
    return "".join(parts)


def timeline_js(timeline: Timeline) -> TimelineJS:
    """The TimelineJS3 document of a timeline; undated events are left out (TimelineJS needs a start date)."""
    events = [
        TimelineJSEvent(
            start_date=TimelineJSDate(year=event.date.year, month=event.date.month, day=event.date.day),
            text=TimelineJSText(headline=event.summary, text=_event_text(event)),
            group=event.kind.replace("_", " "),
            unique_id=f"event-{index}",
        )
        for index, event in enumerate(timeline.events)
        if event.date is not None
    ]
    undated = len(timeline.events) - len(events)
    note = f"{len(events)} dated events" + (f"; {undated} undated left out" if undated else "")
    return TimelineJS(title=TimelineJSTitle(text=TimelineJSText(headline=timeline.title, text=note)), events=events)
