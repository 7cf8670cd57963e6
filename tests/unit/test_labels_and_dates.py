"""The domain's tables of words and date formats: every screen and report reads them from here."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from possuite.domain import status
from possuite.domain.dates import (
    format_date,
    format_datetime,
    format_datetime_at,
    format_day_month,
    format_long_date,
    format_time,
    format_weekday_date,
    parse_date,
    parse_datetime,
)
from possuite.domain.labels import (
    STATUS_LABELS,
    kind_label,
    method_label,
    payment_kind_label,
    status_label,
)

AT = datetime(2026, 9, 9, 14, 5, 30)


def test_every_bill_status_has_a_label_and_partly_paid_reads_partially_paid():
    assert set(STATUS_LABELS) == set(status.STATUSES)
    assert status_label(status.PARTIALLY_PAID) == "Partially paid"
    assert status_label("on_hold") == "On hold"      # an unknown code still reads as words


@pytest.mark.parametrize(("code", "label"), [("cash", "Cash"), ("upi", "UPI"), ("card", "Card"), ("cheque", "Cheque"),
                                             (None, "")])
def test_method_labels(code, label):
    assert method_label(code) == label


def test_entry_and_payment_kinds():
    assert [kind_label(k) for k in ("sale", "writeoff", "opening", "transfer")] == [
        "Bill", "Write-off", "Opening balance", "Transfer"]
    assert [payment_kind_label(k) for k in ("sale", "collection", "refund")] == ["At the till", "Collection", "Refund"]


def test_date_formats():
    assert format_date(AT) == format_date(AT.date()) == "09 Sep 2026"
    assert format_datetime(AT) == "09 Sep 2026 14:05"
    assert format_datetime_at(AT) == "09 Sep 2026 at 14:05"
    assert format_time(AT) == "14:05"
    assert format_day_month(AT.date()) == "09 Sep"
    assert format_weekday_date(AT.date()) == "Wed 09 Sep 2026"
    assert format_long_date(AT.date()) == "Wednesday 09 September 2026"
    assert format_date(None) == format_datetime(None) == ""
    assert format_date(None, blank="-") == "-"


def test_the_parser_reads_what_sqlite_hands_back():
    assert parse_date("2026-09-09") == parse_date("2026-09-09 14:05:30.000000") == parse_date(AT) == date(2026, 9, 9)
    assert parse_date(None) is None and parse_datetime(None) is None
    assert parse_datetime("2026-09-09 14:05:30.000000") == AT == parse_datetime(AT)
