"""Hostile names, notes, reasons and phones.

Refused (one line naming the field, exit 2, database dump unchanged): empty where required,
10,000 characters, control characters (a bell, an ESC that would drive the receipt printer or
terminal), NUL, invisible text-direction overrides, letters in phones, duplicate phones in any
format. Accepted and kept exactly: emoji, right-to-left scripts, quotes, SQL-looking text.
"""

from __future__ import annotations

import sqlite3

import pytest
from robust_helpers import SHOP_PHONE

LONG = "x" * 10_000

#: field -> (argv for a value, the field its error names, single-line?, required?)
FIELDS = {
    "customer name": (lambda v: ["customer", "add", "--name", v], "name", True, True),
    "customer notes": (lambda v: ["customer", "add", "--name", "N", "--notes", v], "notes", False, False),
    "customer rename": (lambda v: ["customer", "edit", SHOP_PHONE, "--name", v], "name", True, True),
    "adjustment reason": (lambda v: ["adjust", SHOP_PHONE, "--amount=+1", "--reason", v], "reason", True, True),
    "void reason": (lambda v: ["void", "SAL-26-0001", "--reason", v], "reason", True, True),
    "item name": (lambda v: ["item", "add", "--name", v, "--price", "1"], "name", True, True),
    "sale note": (lambda v: ["sell", "--line-custom", "Cut=300", "--pay", "cash:300", "--note", v], "note",
                  False, False),
    "line description": (lambda v: ["sell", "--line-custom", f"{v}=300", "--pay", "cash:300"],
                         "line 1 description", True, True),
    "user name": (lambda v: ["user", "add", v, "--pin", "5678"], "user name", True, True),
}

#: value name -> (value, the error's reason, or None when it is refused only by some fields)
REFUSED = {
    "empty": ("", "is required"),
    "blank": ("   ", "is required"),
    "10,000 characters": (LONG, "is too long"),
    "bell": ("Asha\x07", "contains control characters"),
    "ESC (printer/terminal codes)": ("Asha\x1b[2J\x1bd\x05", "contains control characters"),
    "NUL": ("As\x00ha", "contains"),
    "newline": ("Asha\nRao", "contains control characters"),
    "right-to-left override": ("Invoice \u202e0001-LAS", "contains"),
}

CASES = []
for field, (_, _, single_line, required) in FIELDS.items():
    for name in REFUSED:
        if name in ("empty", "blank") and not required:
            continue
        if name == "newline" and not single_line:
            continue
        CASES.append((field, name))


@pytest.mark.parametrize("field,value", CASES, ids=[f"{f}:{v}" for f, v in CASES])
def test_hostile_text_is_refused_naming_the_field_and_writes_nothing(shop, field, value):
    argv, label, _, _ = FIELDS[field]
    text, why = REFUSED[value]
    if field == "line description" and value in ("empty", "blank"):
        label, why = "line-custom", "must look like"  # "=300" has no description at all
    before = shop.dump()
    r = shop(*argv(text))
    assert r.code == 2, r.out
    assert r.err.startswith(f"error: {label}: "), r.err
    assert why in r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err + r.out
    assert shop.dump() == before


KEPT = {
    "emoji": "Asha 💇‍♀️ Rao 🙏",
    "Arabic": "مريم أحمد",
    "Hebrew": "שרה כהן",
    "Urdu with a left-to-right mark": "\u200fعائشہ\u200e (Pune)",
    "SQL-looking": "Robert'); DROP TABLE customers;--",
    "quotes and percent": "O'Brien \"Bob\" 100% {0} %s",
    "markup": "<b>Bold</b> & {{ store.name }}",
}


@pytest.mark.parametrize("name", list(KEPT))
def test_unusual_but_honest_text_is_kept_exactly(cli, name):
    value = KEPT[name]
    c = cli.ok("customer", "add", "--name", value, "--notes", f"note: {value}")
    cli.ok("adjust", c["id"], "--amount=+10", "--reason", value)
    sale = cli.ok("sell", "--line-custom", f"{value}=300", "--pay", "cash:300", "--note", value)
    cli.ok("item", "add", "--name", value, "--price", "1")
    assert cli.ok("customer", "show", c["id"])["name"] == value
    con = sqlite3.connect(cli.db)
    try:
        assert con.execute("SELECT name, notes FROM customers WHERE id = ?", (c["id"],)).fetchone() == \
            (value, f"note: {value}")
        assert con.execute("SELECT description FROM bill_lines l JOIN bills b ON b.id = l.bill_id "
                           "WHERE b.number = ?", (sale["number"],)).fetchone() == (value,)
        assert con.execute("SELECT reason FROM adjustments").fetchone() == (value,)
        assert con.execute("SELECT COUNT(*) FROM customers").fetchone() == (1,)  # nothing was dropped
    finally:
        con.close()
    assert cli("check").code == 0
    found = cli.ok("customer", "list", "--search", value[:6])
    assert found, "the customer is found by the first letters of the name"


# -- phones ----------------------------------------------------------------------------------------

SAME_NUMBER = ["98220 00001", "+91 98220 00001", "+919822000001", "098220-00001", "0091 98220 00001",
               "(+91) 98220-00001", "+91-982-200-0001", "٩٨٢٢٠٠٠٠٠١", "  9822000001  "]
BAD_PHONES = {
    "letters": ("98220ABCDE", "has letters"),
    "letter O for zero": ("9822O00001", "has letters"),
    "an extension": ("9822000001 ext 5", "has letters"),
    "too short": ("12345", "is not a valid phone number"),
    "an emergency number": ("112", "is not a valid phone number"),
    "all zeros": ("0000000000", "is not a valid phone number"),
    "31 digits": ("1" * 31, "is too long"),
    "a plus alone": ("+", "is not a phone number"),
    "NUL": ("98220\x0000002", "is not a phone number"),
    "ESC": ("98220\x1b00002", "is not a phone number"),
    "SQL": ("9822000002' OR '1'='1", "has letters"),
}


@pytest.mark.parametrize("typed", SAME_NUMBER)
def test_the_same_phone_in_any_format_is_a_duplicate(shop, typed):
    before = shop.dump()
    r = shop("customer", "add", "--name", "Someone", "--phone", typed)
    assert r.code == 2
    assert r.err == "error: phone: +91 98220 00001 already belongs to Priya Sharma\n"
    assert shop.dump() == before


@pytest.mark.parametrize("case", list(BAD_PHONES))
def test_a_bad_phone_is_refused_naming_the_field(shop, case):
    typed, why = BAD_PHONES[case]
    before = shop.dump()
    r = shop("customer", "add", "--name", "Someone", "--phone", typed)
    assert r.code == 2 and r.err.startswith("error: phone: ") and why in r.err, r.err
    assert r.err.count("\n") == 1
    assert shop.dump() == before


def test_a_duplicate_phone_is_refused_when_editing_another_customer(cli):
    cli.ok("customer", "add", "--name", "Priya", "--phone", "9822000001")
    ravi = cli.ok("customer", "add", "--name", "Ravi", "--phone", "9822000002")
    before = cli.dump()
    r = cli("customer", "edit", ravi["id"], "--phone", "+91 98220-00001")
    assert r.code == 2 and r.err == "error: phone: +91 98220 00001 already belongs to Priya\n"
    assert cli.dump() == before


def test_foreign_numbers_are_kept_and_found_by_their_digits(cli):
    us = cli.ok("customer", "add", "--name", "Visitor", "--phone", "+1 415 555 2671")
    assert us["phone_display"] == "+1 415-555-2671"
    assert [c["id"] for c in cli.ok("customer", "list", "--search", "5552671")] == [us["id"]]
