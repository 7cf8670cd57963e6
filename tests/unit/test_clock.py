"""The injectable clock: POSSUITE_NOW fixes "now"; a malformed value is a clear error, not a traceback."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from possuite.bootstrap import read_environment
from possuite.domain.clock import Clock, FixedClock, clock_from_text, parse_date, parse_now
from possuite.domain.errors import ValidationError


def test_possuite_now_fixes_now_and_today(monkeypatch):
    clock = read_environment({"POSSUITE_NOW": "2027-01-15T10:00:00"}).clock()
    assert clock.now() == datetime(2027, 1, 15, 10, 0, 0)
    assert clock.today() == date(2027, 1, 15)

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2030, 6, 1, 9, 30, 0)

    monkeypatch.setattr("possuite.domain.clock.datetime", Later)
    assert Clock().now() == datetime(2030, 6, 1, 9, 30)  # the wall clock moves on...
    assert clock.now() == datetime(2027, 1, 15, 10, 0, 0)  # ...a fixed "now" does not


def test_possuite_now_is_read_from_the_process_environment(monkeypatch):
    monkeypatch.setenv("POSSUITE_NOW", " 2027-01-15T10:00:00 ")
    assert read_environment().clock().now() == datetime(2027, 1, 15, 10, 0, 0)


@pytest.mark.parametrize("environ", [{}, {"POSSUITE_NOW": ""}, {"POSSUITE_NOW": "   "}])
def test_without_possuite_now_the_clock_is_the_wall_clock(environ):
    clock = read_environment(environ).clock()
    assert not isinstance(clock, FixedClock)
    before = datetime.now().replace(microsecond=0)
    now = clock.now()
    assert before <= now <= datetime.now() + timedelta(seconds=1)
    assert now.microsecond == 0


def test_a_date_alone_means_midnight():
    assert parse_now("2027-01-15") == datetime(2027, 1, 15, 0, 0)


def test_a_time_zone_is_turned_into_local_time():
    value = parse_now("2027-01-15T10:00:00+05:30")
    assert value.tzinfo is None
    assert value == datetime.fromisoformat("2027-01-15T10:00:00+05:30").astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    "bad",
    ["tomorrow", "2027-13-01T10:00:00", "2027-02-30T10:00:00", "2027-01-15T25:00:00", "15/01/2027",
     "2027-01-15 10:00:00 IST", "1999-12-31T23:59:59", "2201-01-01T00:00:00", "now", "2027-01-15T10:00:00 junk"],
)
def test_a_malformed_possuite_now_names_the_variable(bad):
    with pytest.raises(ValidationError) as caught:
        read_environment({"POSSUITE_NOW": bad}).clock()
    assert caught.value.field == "POSSUITE_NOW"
    assert caught.value.message.startswith("POSSUITE_NOW: ")


def test_the_message_shows_the_expected_form():
    with pytest.raises(ValidationError, match=r"'tomorrow' is not a date-time like 2027-01-15T10:00:00"):
        parse_now("tomorrow")


def test_due_dates_parse_or_name_their_field():
    assert parse_date("2027-01-31", "due date") == date(2027, 1, 31)
    assert parse_date(" 2027-01-31 ", "due date") == date(2027, 1, 31)
    for bad in ["31-01-2027", "2027-02-30", "", "soon", "1900-01-01", "9999-12-31"]:
        with pytest.raises(ValidationError) as caught:
            parse_date(bad, "due date")
        assert caught.value.field == "due date"


def test_a_fixed_clock_is_a_clock():
    clock = FixedClock(datetime(2026, 11, 1, 10, 0))
    assert isinstance(clock, Clock)
    assert clock.today() == date(2026, 11, 1)


def test_the_clock_module_reads_no_environment(monkeypatch):
    monkeypatch.setenv("POSSUITE_NOW", "2027-01-15T10:00:00")
    assert not isinstance(clock_from_text(""), FixedClock)  # only the text it is given counts
    assert clock_from_text(" 2027-01-15T10:00:00 ").now() == datetime(2027, 1, 15, 10, 0, 0)
