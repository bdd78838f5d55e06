"""Resolving the date phrases of news ("on Friday", "last week", "in late June") against the article's date.

Our own rules come first for what dateparser gets wrong or leaves out; dateparser
(RELATIVE_BASE = the article's date, PREFER_DATES_FROM = past) handles the rest:

- a weekday ("on Friday") is the latest such day on or before the publication date: "on
  Wednesday" in an article published on a Wednesday is that same day;
- "earlier this week" / "this week" is the Monday / the publication date; "earlier this month"
  the 1st of the month; "earlier this year" the 1st of January;
- a month, bare or with "early", "mid" or "late" ("in late June"), is the 1st, 15th or 21st of
  the latest such month not after the publication date (or of the year given);
- a bare year, a season ("last autumn") and anything unparseable give None;
- a date is never after the publication date: such a result (a future event) is dropped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
PART_OF_MONTH = {"early": 1, "beginning": 1, "start": 1, "mid": 15, "middle": 15, "late": 21, "end": 21}
LEADING_WORDS = re.compile(r"^(?:(?:on or about|on|in|at|by|since|from|during|as of|around|about|circa|the)\s+)+")
VAGUE = re.compile(r"\b(autumn|fall|spring|summer|winter|decade|century|years|months|weeks|days|recent|recently)\b")
DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}


def _weekday(text: str, published: date) -> date | None:
    words = re.findall(r"[a-z]+", text)
    named = [WEEKDAYS[word] for word in words if word in WEEKDAYS]
    if len(named) != 1 or any(word in {"next", "coming"} for word in words):
        return None
    back = (published.weekday() - named[0]) % 7
    if "last" in words and back == 0:
        back = 7
    return published - timedelta(days=back)


def _relative_period(text: str, published: date) -> date | None:
    if re.search(r"\b(earlier|early) this week\b", text):
        return published - timedelta(days=published.weekday())
    if re.search(r"\bthis week\b", text):
        return published
    if re.search(r"\b(earlier|early) this month\b|\bthis month\b", text):
        return published.replace(day=1)
    if re.search(r"\b(earlier|early) this year\b|\bthis year\b", text):
        return published.replace(month=1, day=1)
    if re.search(r"\blast month\b", text):
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1)
    return None


def _month(text: str, published: date) -> date | None:
    match = re.fullmatch(
        r"(?:(early|mid|middle|late|end|beginning|start)[\s-]+(?:of\s+)?)?([a-z]+)\.?(?:,?\s+(\d{4}))?", text
    )
    if match is None or match.group(2) not in MONTHS:
        return None
    month = MONTHS[match.group(2)]
    day = PART_OF_MONTH.get(match.group(1) or "", 1)
    if match.group(3):
        return date(int(match.group(3)), month, day)
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    return date(year, month, day)


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, published: date | None) -> date | None:
    """The calendar day `phrase` names, read as news published on `published` would mean it (cached:
    dateparser takes tens of milliseconds a phrase, and long texts repeat their phrases)."""
    text = re.sub(r"\s+", " ", phrase.strip().lower()).strip(" ,.")
    if not text:
        return None
    if re.fullmatch(r"(?:in |since )?\d{4}", text) or VAGUE.search(text):
        return None
    if published is None:
        explicit = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
        return explicit.date() if explicit else None
    for rule in (_weekday, _relative_period):
        resolved = rule(text, published)
        if resolved is not None:
            return resolved
    stripped = LEADING_WORDS.sub("", text)
    resolved = _month(stripped, published)
    if resolved is None:
        base = datetime(published.year, published.month, published.day)
        settings = {**DATEPARSER_SETTINGS, "RELATIVE_BASE": base}
        parsed = dateparser.parse(text, languages=["en"], settings=settings) or dateparser.parse(
            stripped, languages=["en"], settings=settings
        )
        resolved = parsed.date() if parsed else None
    if resolved is not None and resolved > published:
        return None
    return resolved


def first_resolved(phrases: tuple[str, ...], published: date | None) -> date | None:
    """The first phrase that resolves; an absolute date in the text wins over relative ones."""
    resolved = [(phrase, resolve_date(phrase, published)) for phrase in phrases]
    absolute = [day for phrase, day in resolved if day is not None and re.search(r"\d{4}", phrase)]
    if absolute:
        return absolute[0]
    return next((day for _, day in resolved if day is not None), None)
