"""Dates as a person reads them, and dates as the database hands them back: one table, one parser.

Every screen, PDF, printed slip and message formats a date through these functions, so the format
is written once (and translated in one place). CSV files and JSON keep ISO dates: those are data.
Standard library only.
"""

from __future__ import annotations

from datetime import date, datetime

#: How a date is shown: "09 Sep 2026", "09 Sep 2026 14:05", ...
FORMATS = {
    "date": "%d %b %Y",
    "datetime": "%d %b %Y %H:%M",
    "datetime_at": "%d %b %Y at %H:%M",
    "time": "%H:%M",
    "day_month": "%d %b",
    "weekday_date": "%a %d %b %Y",
    "long_date": "%A %d %B %Y",
}


def format_date(v: date | datetime | None, blank: str = "") -> str:
    """``09 Sep 2026`` (a datetime shows its date), ``blank`` for None."""
    return v.strftime(FORMATS["date"]) if v else blank


def format_datetime(v: datetime | None, blank: str = "") -> str:
    """``09 Sep 2026 14:05``, ``blank`` for None."""
    return v.strftime(FORMATS["datetime"]) if v else blank


def format_datetime_at(v: datetime) -> str:
    """``09 Sep 2026 at 14:05`` (inside a sentence)."""
    return v.strftime(FORMATS["datetime_at"])


def format_time(v: datetime) -> str:
    return v.strftime(FORMATS["time"])


def format_day_month(v: date) -> str:
    """``01 Nov`` (the year is obvious from the context)."""
    return v.strftime(FORMATS["day_month"])


def format_weekday_date(v: date) -> str:
    """``Sun 01 Nov 2026`` (a day-end slip)."""
    return v.strftime(FORMATS["weekday_date"])


def format_long_date(v: date) -> str:
    """``Sunday 01 November 2026`` (a report's heading)."""
    return v.strftime(FORMATS["long_date"])


def parse_date(v: object) -> date | None:
    """A date from what a query returns: None, a date, a datetime, or ISO text (``2026-09-09[ ...]``)."""
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def parse_datetime(v: object) -> datetime | None:
    """A datetime from what a query returns: None, a datetime, or ISO text (``2026-09-09 14:05:00``)."""
    if v is None or isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def ago_parts(then: datetime, now: datetime) -> tuple[str, int]:
    """How long ago, rounded down: ``("now", 0)``, ``("min", n)``, ``("h", n)`` or ``("day", n)``.

    The one rule of ``format_ago``; a translated status line (hub/sync_state) words the parts itself.
    """
    seconds = max(int((now - then).total_seconds()), 0)
    if seconds < 60:
        return "now", 0
    if seconds < 3600:
        return "min", seconds // 60
    if seconds < 86400:
        return "h", seconds // 3600
    return "day", seconds // 86400


def format_ago(then: datetime, now: datetime) -> str:
    """How long ago, as a status line says it: ``just now``, ``2 min ago``, ``3 h ago``, ``2 days ago``."""
    unit, n = ago_parts(then, now)
    if unit == "now":
        return "just now"
    if unit == "day":
        return "1 day ago" if n == 1 else f"{n} days ago"
    return f"{n} {unit} ago"
