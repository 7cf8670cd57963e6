"""Hostile dates: impossible, badly written, far past or far future due dates, and a malformed
``POSSUITE_NOW``. Each: one line naming the field, exit 2, nothing written."""

from __future__ import annotations

import pytest
from robust_helpers import SHOP_PHONE

SELL_ON_ACCOUNT = ["sell", "--line-custom", "Cut=300", "--customer", SHOP_PHONE, "--no-payment"]

DUE_DATES = {
    "30 February": ("2026-02-30", "due", "is not a date"),
    "month 13": ("2026-13-01", "due", "is not a date"),
    "day first": ("31/12/2026", "due", "is not a date"),
    "a word": ("tomorrow", "due", "is not a date"),
    "a time too": ("2026-11-05T10:00", "due", "is not a date"),
    "year 1900": ("1900-01-01", "due", "is outside the years"),
    "year 9999": ("9999-12-31", "due", "is outside the years"),
    "yesterday": ("2026-10-31", "due date", "is before today"),
    "two years out": ("2028-11-01", "due date", "is more than a year away"),
    "NUL": ("2026-11-\x0005", "due", "is not a date"),
}

NOWS = {
    "a word": "yesterday",
    "month 13": "2026-13-01T10:00:00",
    "hour 25": "2026-11-01T25:00:00",
    "bad offset": "2026-11-01T10:00:00+99:00",
    "year 1800": "1800-01-01T00:00:00",
    "year 9999": "9999-12-31T23:59:59",
    "day first": "01/11/2026 10:00",
    "unix time": "1793527200",
}


@pytest.mark.parametrize("case", list(DUE_DATES))
def test_a_hostile_due_date_is_refused_naming_the_field(shop, case):
    text, field, why = DUE_DATES[case]
    before = shop.dump()
    r = shop(*SELL_ON_ACCOUNT, f"--due={text}")
    assert r.code == 2, r.out
    assert r.err.startswith(f"error: {field}: ") and why in r.err, r.err
    assert r.err.count("\n") == 1
    assert shop.dump() == before


@pytest.mark.parametrize("case", list(NOWS))
def test_a_malformed_possuite_now_stops_every_command_before_it_writes(shop, case):
    shop.setenv("POSSUITE_NOW", NOWS[case])
    before = shop.dump()
    for argv in (SELL_ON_ACCOUNT, ["collect", SHOP_PHONE, "--amount", "10", "--method", "cash"],
                 ["customer", "add", "--name", "Late"], ["balances"]):
        r = shop(*argv)
        assert r.code == 2, (argv, r.out)
        assert r.err.startswith("error: POSSUITE_NOW: "), r.err
        assert r.err.count("\n") == 1
    assert shop.dump() == before


def test_due_dates_at_the_edges_are_accepted(cli):
    cli.ok("customer", "add", "--name", "Priya", "--phone", SHOP_PHONE)
    today = cli.ok("sell", "--line-custom", "Cut=300", "--customer", SHOP_PHONE, "--no-payment",
                   "--due", "2026-11-01")
    assert today["due_date"] == "2026-11-01" and today["status"] == "pending"
    year = cli.ok("sell", "--line-custom", "Cut=300", "--customer", SHOP_PHONE, "--no-payment",
                  "--due", "2027-11-01")
    assert year["due_date"] == "2027-11-01"
