"""Dates: every date expression in the text, resolved with its precision.

Candidate expressions are found with patterns built from each language's calendar
words (kept as data), then resolved here: running dateparser's `search_dates` over
whole texts reads about 120 articles/s (NOTES.md) and reads "Rabu (7/10/2020)" as
10 July unless told the order. Day/month order comes from the language's calendar
(`numeric_order`): Indonesian writes day/month/year. Expressions without a year
("Rabu ( 8 / 11 )", "3 Oktober") take it from the publication date or from the
article's other dates; weekdays and words like "kemarin"/"yesterday" are resolved
against the publication date. The publication date, when the input does not give
it, is the first full date of the article's opening.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import lexicons
from ..records import DateMention, DateValue, Document, Mention

OPENING_CHARS = 400  # the publication date is written near the dateline
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(slots=True)
class _Calendar:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    day_first: bool
    pattern: re.Pattern


def _build_calendar(lang: str) -> _Calendar | None:
    rows = lexicons.load(lang, "calendar")
    if not rows:
        return None
    months = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "month"}
    weekdays = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "weekday"}
    relative = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "relative"}
    order = next((r["value"] for r in rows if r["kind"] == "order"), "DMY")
    mon, wd, rel = (lexicons.alternation(words) for words in (months, weekdays, relative))
    sep = r"\s*[/.-]\s*"
    # every expression opens with a digit or a calendar word's first letter (a third faster)
    opening = lexicons.first_letters((*months, *weekdays, *relative), extra="0123456789")
    pattern = re.compile(
        rf"{opening}(?<![\w/.])(?:"
        # weekday, optionally with its date: "Rabu (7/10/2020)", "Sabtu 3 Oktober 2020", "Rabu ( 8 / 11 )"
        rf"(?P<wd>{wd})\b(?:\s*,?\s*\(?\s*(?P<wdnum>\d{{1,2}}{sep}\d{{1,2}}(?:{sep}\d{{2,4}})?)\s*\)?"
        rf"|\s*,?\s+(?P<wdtext>\d{{1,2}}\s+(?:{mon})\.?(?:\s+\d{{4}})?|(?:{mon})\.?\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?))?"
        # ISO 2020-10-07
        r"|(?P<iso>\d{4}-\d{2}-\d{2})\b"
        # numeric with a year: 7/10/2020, 07.10.2020
        rf"|(?P<num>\d{{1,2}}{sep}\d{{1,2}}{sep}(?:\d{{4}}|\d{{2}}))(?![\d/.])"
        # 3 Oktober 2020, 3 Oct. 2020, 3 Oktober
        rf"|(?P<dmy>\d{{1,2}}\s+(?:{mon})\.?(?:\s+\d{{4}})?)\b"
        # October 3, 2020, Oct. 3
        rf"|(?P<mdy>(?:{mon})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,\s*\d{{4}})?)\b"
        # Oktober 2020
        rf"|(?P<my>(?:{mon})\.?\s+\d{{4}})\b"
        # kemarin, yesterday, hari ini
        rf"|(?P<rel>{rel})\b"
        r")",
        re.I,
    )
    return _Calendar(months, weekdays, relative, order == "DMY", pattern)


class Dates:
    """Sets `doc.dates` (resolved date expressions), their DATE mentions, and
    `doc.published` when the input did not give it."""

    name = "dates"

    def __init__(self) -> None:
        self._calendars: dict[str, _Calendar | None] = {}

    def calendar(self, lang: str | None) -> _Calendar | None:
        lang = lang if lang in lexicons.languages() else "en"
        if lang not in self._calendars:
            self._calendars[lang] = _build_calendar(lang)
        return self._calendars[lang]

    def __call__(self, doc: Document) -> Document:
        cal = self.calendar(doc.language)
        if cal is None:
            return doc
        found = list(_candidates(doc.text, cal))
        if doc.published is None:
            doc.published = _publication_date(doc, found, cal)
        anchor = _anchor(doc.published, found, cal)
        for start, end, kind, groups in found:
            value = _resolve(kind, groups, cal, anchor)
            if value is None:
                continue
            relative = kind in ("wd", "rel") or (
                kind in ("wdnum", "wdtext", "dmy", "mdy") and not _has_year(groups)
            )
            doc.dates.append(DateMention((start, end), doc.text[start:end], value, relative))
            doc.mentions.append(Mention((start, end), doc.text[start:end], "DATE", value.date))
        return doc


def _candidates(text: str, cal: _Calendar):
    for match in cal.pattern.finditer(text):
        kind = next(
            k
            for k in ("wdnum", "wdtext", "wd", "iso", "num", "dmy", "mdy", "my", "rel")
            if match.group(k) is not None
        )
        end = match.end()
        # "Rabu (7/10/2020)": the span takes the closing bracket the pattern stopped short of
        if kind == "wdnum" and "(" in match.group(0) and text[end : end + 1] == ")":
            end += 1
        yield match.start(), end, kind, {k: v for k, v in match.groupdict().items() if v is not None}


def _has_year(groups: dict[str, str]) -> bool:
    body = groups.get("wdnum") or groups.get("wdtext") or groups.get("dmy") or groups.get("mdy") or ""
    return bool(re.search(r"\d{4}", body)) or len(re.findall(r"\d+", body)) >= 3


def _publication_date(doc: Document, found, cal: _Calendar) -> DateValue | None:
    """The first day-precise date of the opening; a dateline's yearless "Feb 7" takes its
    year from the article's first full date."""
    start = doc.title_span[1] if doc.title_span else 0
    for s, _e, kind, groups in found:
        if s < start or s > start + OPENING_CHARS:
            continue
        if kind in ("rel", "wd", "my"):
            continue
        anchor = None if kind == "iso" or _has_year(groups) else _anchor(None, found, cal)
        value = _resolve(kind, groups, cal, anchor)
        if value and value.precision == "day":
            return value
    return None


def _anchor(published: DateValue | None, found, cal: _Calendar) -> dt.date | None:
    """The date relative expressions count from: the publication date, else the
    article's first full date."""
    if published is not None:
        return dt.date.fromisoformat(published.date)
    for _s, _e, kind, groups in found:
        if kind == "iso" or (kind in ("num", "wdnum", "wdtext", "dmy", "mdy") and _has_year(groups)):
            value = _resolve(kind, groups, cal, None)
            if value and value.precision == "day":
                return dt.date.fromisoformat(value.date)
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _guess_year(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    """A date written without its year is the one nearest the anchor, not after it by
    more than a month (news reports the past and the near future)."""
    if anchor is None:
        return None
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        cand = _make(year, month, day)
        if cand is None or (cand - anchor).days > 31:
            continue
        if best is None or abs((cand - anchor).days) < abs((best - anchor).days):
            best = cand
    return best


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _month_of(text: str, cal: _Calendar | None) -> int | None:
    months = cal.months if cal else {}
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        if word in months:
            return months[word]
    return None


def _resolve(kind: str, g: dict[str, str], cal: _Calendar | None, anchor: dt.date | None) -> DateValue | None:
    day_first = cal.day_first if cal else True
    if kind == "iso":
        y, m, d = _numbers(g["iso"])
        date = _make(y, m, d)
        return DateValue(date.isoformat(), "day") if date else None
    if kind in ("num", "wdnum"):
        nums = _numbers(g.get("num") or g["wdnum"])
        first, second = nums[0], nums[1]
        # a first number above 12 can only be a day, whatever the language's habit
        day, month = (first, second) if day_first or first > 12 else (second, first)
        if len(nums) == 3:
            year = nums[2] + (2000 if nums[2] < 100 else 0)
            date = _make(year, month, day)
        else:
            date = _guess_year(month, day, anchor)
        return DateValue(date.isoformat(), "day") if date else None
    if kind in ("dmy", "mdy", "wdtext"):
        body = g.get("dmy") or g.get("mdy") or g["wdtext"]
        month = _month_of(body, cal)
        nums = _numbers(body)
        if month is None or not nums:
            return None
        day = nums[0]
        date = _make(nums[1], month, day) if len(nums) > 1 else _guess_year(month, day, anchor)
        return DateValue(date.isoformat(), "day") if date else None
    if kind == "my":
        month = _month_of(g["my"], cal)
        nums = _numbers(g["my"])
        date = _make(nums[0], month, 1) if month and nums else None
        return DateValue(date.isoformat(), "month") if date else None
    if cal is None or anchor is None:
        return None
    if kind == "wd":
        weekday = cal.weekdays[g["wd"].casefold()]
        # a bare weekday in news is the most recent one, the anchor's own day included
        back = (anchor.weekday() - weekday) % 7
        return DateValue((anchor - dt.timedelta(days=back)).isoformat(), "day")
    if kind == "rel":
        offset = cal.relative[re.sub(r"\s+", " ", g["rel"].casefold())]
        return DateValue((anchor + dt.timedelta(days=offset)).isoformat(), "day")
    return None
