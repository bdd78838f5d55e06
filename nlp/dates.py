"""Resolving the date phrases of news ("on Friday", "last week", "in late June") against the article's date.

Every resolved date carries its precision (`DatePrecision`): a coarse date is the first day of its
period, so "last month" in a June article is May 1 (month) and cannot pass for an exact May 1.
Our own rules come first for what dateparser gets wrong or leaves out; dateparser
(RELATIVE_BASE = the article's date, PREFER_DATES_FROM = past) handles the rest:

- a weekday ("on Friday") is the latest such day on or before the publication date: "on
  Wednesday" in an article published on a Wednesday is that same day (day);
- "this week", "earlier this week", "last week" are the Monday of that week (week); "this month",
  "earlier this month", "last month" the 1st of the month (month); "this year", "earlier this
  year", "last year", "in 2024" the 1st of January (year);
- a month, bare or with "early", "mid" or "late" ("in late June"), is the 1st, 15th or 21st of
  the latest such month not after the publication date, or of the year given (month);
- a season ("last autumn"), a span ("in recent weeks") and anything unparseable give None;
- a date is never after the publication date: such a result (a future event) is dropped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import dateparser

from claimgraph.records import DatePrecision

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
PART_OF_MONTH = {"early": 1, "beginning": 1, "start": 1, "mid": 15, "middle": 15, "late": 21, "end": 21}
LEADING_WORDS = re.compile(r"^(?:(?:on or about|on|in|at|by|since|from|during|as of|around|about|circa|the)\s+)+")
VAGUE = re.compile(r"\b(autumn|fall|spring|summer|winter|decade|century|years|months|weeks|days|recent|recently)\b")
DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)|\b(?:yesterday|today|ago)\b")
YEAR = re.compile(r"(?:in |since |during |early |late |mid-?)?(\d{4})")


class DatedPhrase(NamedTuple):
    """A resolved date and how precisely its phrase named it."""

    day: date
    precision: DatePrecision


DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}


def _weekday(text: str, published: date) -> DatedPhrase | None:
    words = re.findall(r"[a-z]+", text)
    named = [WEEKDAYS[word] for word in words if word in WEEKDAYS]
    if len(named) != 1 or any(word in {"next", "coming"} for word in words):
        return None
    back = (published.weekday() - named[0]) % 7
    if "last" in words and back == 0:
        back = 7
    return DatedPhrase(published - timedelta(days=back), DatePrecision.DAY)


def _relative_period(text: str, published: date) -> DatedPhrase | None:
    monday = published - timedelta(days=published.weekday())
    if re.search(r"\b(?:earlier |early )?this week\b", text):
        return DatedPhrase(monday, DatePrecision.WEEK)
    if re.search(r"\blast week\b|\bthe (?:previous|prior) week\b", text):
        return DatedPhrase(monday - timedelta(days=7), DatePrecision.WEEK)
    if re.search(r"\b(?:earlier |early )?this month\b", text):
        return DatedPhrase(published.replace(day=1), DatePrecision.MONTH)
    if re.search(r"\blast month\b|\bthe (?:previous|prior) month\b", text):
        first = published.replace(day=1) - timedelta(days=1)
        return DatedPhrase(first.replace(day=1), DatePrecision.MONTH)
    if re.search(r"\b(?:earlier |early )?this year\b", text):
        return DatedPhrase(published.replace(month=1, day=1), DatePrecision.YEAR)
    if re.search(r"\blast year\b|\bthe (?:previous|prior) year\b", text):
        return DatedPhrase(date(published.year - 1, 1, 1), DatePrecision.YEAR)
    return None


def _month(text: str, published: date | None) -> DatedPhrase | None:
    match = re.fullmatch(
        r"(?:(early|mid|middle|late|end|beginning|start)[\s-]+(?:of\s+)?)?([a-z]+)\.?(?:,?\s+(\d{4}))?", text
    )
    if match is None or match.group(2) not in MONTHS:
        return None
    month = MONTHS[match.group(2)]
    day = PART_OF_MONTH.get(match.group(1) or "", 1)
    if match.group(3):
        return DatedPhrase(date(int(match.group(3)), month, day), DatePrecision.MONTH)
    if published is None:
        return None
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    return DatedPhrase(date(year, month, day), DatePrecision.MONTH)


def _year(text: str) -> DatedPhrase | None:
    match = YEAR.fullmatch(text)
    return DatedPhrase(date(int(match.group(1)), 1, 1), DatePrecision.YEAR) if match else None


def _parsed(text: str, stripped: str, published: date | None) -> DatedPhrase | None:
    """dateparser's reading; day precision only when the phrase names a day."""
    settings: dict[str, object] = {**DATEPARSER_SETTINGS}
    if published is None:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    else:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings) or dateparser.parse(
        stripped, languages=["en"], settings=settings
    )
    if parsed is None:
        return None
    if DAY_NUMBER.search(stripped):
        return DatedPhrase(parsed.date(), DatePrecision.DAY)
    if any(word in MONTHS for word in re.findall(r"[a-z]+", stripped)):
        return DatedPhrase(parsed.date().replace(day=1), DatePrecision.MONTH)
    return None


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, published: date | None) -> DatedPhrase | None:
    """The date `phrase` names and its precision, read as news published on `published` would mean it
    (cached: dateparser takes tens of milliseconds a phrase, and long texts repeat their phrases)."""
    text = re.sub(r"\s+", " ", phrase.strip().lower()).strip(" ,.")
    if not text or VAGUE.search(text):
        return None
    stripped = LEADING_WORDS.sub("", text)
    resolved = _year(text) or _year(stripped)
    if resolved is None and published is not None:
        resolved = _weekday(text, published) or _relative_period(text, published)
    resolved = resolved or _month(stripped, published) or _parsed(text, stripped, published)
    if resolved is None or (published is not None and resolved.day > published):
        return None
    return resolved


def first_resolved(phrases: tuple[str, ...], published: date | None) -> DatedPhrase | None:
    """The first phrase that resolves; an absolute date in the text wins over relative ones, and
    among absolute dates the most precise."""
    resolved = [(phrase, resolve_date(phrase, published)) for phrase in phrases]
    absolute = [dated for phrase, dated in resolved if dated is not None and re.search(r"\d{4}", phrase)]
    if absolute:
        order = list(DatePrecision)
        return min(absolute, key=lambda dated: order.index(dated.precision))
    return next((dated for _, dated in resolved if dated is not None), None)
