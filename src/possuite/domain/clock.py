"""One injectable clock, and the parsing of a fixed "now" (``POSSUITE_NOW=2027-01-15T10:00:00``).

This module never reads the environment: the wiring (``possuite.bootstrap``) reads ``POSSUITE_NOW``
once and passes its text to ``clock_from_text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from possuite.domain.errors import ValidationError


class Clock:
    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


@dataclass(frozen=True)
class FixedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at


def parse_now(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "POSSUITE_NOW", "{text!r} is not a date-time like 2027-01-15T10:00:00",
            text=text) from None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    if not 2000 <= value.year <= 2200:
        raise ValidationError("POSSUITE_NOW", "{text!r} is outside the years 2000-2200", text=text)
    return value


def clock_from_text(text: str) -> Clock:
    """A clock fixed at ``text`` (the value of ``POSSUITE_NOW``), or the wall clock when it is blank."""
    text = text.strip()
    return FixedClock(parse_now(text)) if text else Clock()


def parse_date(text: str, field: str) -> date:
    try:
        value = date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(field, "{text!r} is not a date like 2027-01-31", text=text) from None
    if not 2000 <= value.year <= 2200:
        raise ValidationError(field, "{text!r} is outside the years 2000-2200", text=text)
    return value
