"""Bad input for every command: one clear line naming the field, exit 2, the database exactly as before."""

from __future__ import annotations

import pytest

CASES = [
    # (command, the start of the error line)
    (["customer", "add", "--name", ""], "error: name: is required"),
    (["customer", "add", "--name", "X", "--phone", "98abc76543"], "error: phone: '98abc76543' has letters"),
    (["customer", "add", "--name", "X", "--phone", "12345"], "error: phone: '12345' is not a valid phone number"),
    (["customer", "add", "--name", "X", "--credit-limit", "-5"], "error: credit limit: must not be negative"),
    (["customer", "add", "--name", "X" * 500], "error: name: is too long"),
    (["customer", "add", "--name", "Bad\x07Bell"], "error: name: contains control characters"),
    (["customer", "edit", "NOPE"], "error: customer: no customer with id or phone 'NOPE'"),
    (["customer", "edit", "9876543210", "--phone", "9822011111"], "error: phone: +91 98220 11111 already belongs"),
    (["customer", "deactivate", "9822000000"], "error: customer: no customer"),
    (["item", "add", "--name", "Cut", "--price", "12.345"], "error: price: has more than 2 decimals"),
    (["item", "add", "--name", "Cut", "--price", "abc"], "error: price: 'abc' is not a number"),
    (["item", "add", "--name", "Cut", "--price", "100", "--tax-rate", "120"],
     "error: tax rate: '120' is more than 100%"),
    (["item", "add", "--name", "Dup", "--price", "100", "--sku", "HC"], "error: sku: 'HC' is already used"),
    (["sell", "--line", "NOSUCH"], "error: item: no item with SKU, barcode or name 'NOSUCH'"),
    (["sell", "--line-custom", "Cut=-5", "--pay", "cash:1"], "error: line-custom 'Cut' amount: must not be negative"),
    (["sell", "--line-custom", "NoEquals", "--pay", "cash:1"], "error: line-custom: 'NoEquals' must look like"),
    (["sell", "--line-custom", "Cut=100", "--pay", "bitcoin:100"], "error: pay: 'bitcoin' is not one of"),
    (["sell", "--line-custom", "Cut=100", "--pay", "cash"], "error: pay: 'cash' must look like METHOD:AMOUNT"),
    (["sell", "--line-custom", "Cut=100", "--pay", "cash:0"], "error: pay cash: must be more than zero"),
    (["sell", "--line-custom", "Cut=100", "--discount", "200", "--pay", "cash:1"], "error: discount: is more than"),
    (["sell", "--line-custom", "Cut=100", "--customer", "9876543210", "--no-payment", "--due", "2026-13-01"],
     "error: due: '2026-13-01' is not a date"),
    (["sell", "--line-custom", "Cut=100", "--customer", "9876543210", "--no-payment", "--due", "2020-01-01"],
     "error: due: '2020-01-01' is outside|error: due date: 2020-01-01 is before today"),
    (["sell", "--line-custom", "Cut=100", "--customer", "9876543210", "--no-payment", "--due", "2031-01-01"],
     "error: due date: 2031-01-01 is more than a year away"),
    (["sell", "--line-custom", "Cut=100", "--customer", "9876543210", "--no-payment", "--pay", "cash:50"],
     "error: payment: 'no payment' was chosen but payments were given"),
    (["sell", "--line-custom", "Cut=100", "--pending", "--no-payment", "--customer", "9876543210"],
     "error: pending: choose either --pending or --no-payment"),
    (["sell", "--line-custom", "Cut=100", "--customer", "9822099999", "--no-payment"], "error: customer: no customer"),
    (["collect", "9876543210", "--amount", "0", "--method", "cash"], "error: amount: must be more than zero"),
    (["collect", "9876543210", "--amount", "NaN", "--method", "cash"], "error: amount: 'NaN' is not a number"),
    (["collect", "9876543210", "--amount", "1", "--method", "cash"], "error: amount: Priya Sharma owes nothing"),
    (["collect", "9876543210", "--amount", "10", "--method", "cheque"], "error: collect: argument --method"),
    (["adjust", "9876543210", "--amount", "+100", "--reason", ""], "error: reason: is required"),
    (["adjust", "9876543210", "--amount", "0", "--reason", "x"], "error: amount: must be more than zero"),
    (["adjust", "9876543210", "--amount", "-100", "--reason", "x"], "error: amount: write-off of ₹100.00 is more"),
    (["void", "SAL-26-9999", "--reason", "x"], "error: bill: no bill numbered 'SAL-26-9999'"),
    (["void", "SAL-26-0001", "--reason", " "], "error: reason: is required"),
    (["bills", "--from", "yesterday"], "error: from: 'yesterday' is not a date"),
    (["bills", "--limit", "0"], "error: limit: must be between 1 and 10000"),
    (["bill", "show", "NOPE"], "error: bill: no bill numbered 'NOPE'"),
    (["user", "add", "Cash", "--pin", "12"], "error: pin: must be 4 to 12 digits"),
    (["user", "add", "Cash", "--pin", "abcd"], "error: pin: must be digits only"),
    (["shift", "open", "--float", "-500"], "error: float: must not be negative"),
    (["shift", "open", "--float", "abc"], "error: float: 'abc' is not a number"),
    (["shift", "cash-out", "--amount", "100", "--reason", "tea"], "error: shift: no shift is open"),
    (["shift", "close", "--counted", "abc"], "error: counted: 'abc' is not a number"),
    (["shift", "close", "--count", "3=1"], "error: count: '3' is not one of the notes and coins"),
    (["shift", "close"], "error: counted: give --counted AMT"),
    (["report", "shift"], "error: shift: no shift has been opened at this till yet"),
]


@pytest.fixture
def shop(cli, priya):
    cli.ok("item", "add", "--name", "Haircut", "--price", "300", "--sku", "HC")
    cli.ok("customer", "add", "--name", "Rahul", "--phone", "9822011111")
    cli.ok("sell", "--line", "HC", "--pay", "cash:300")
    return cli


@pytest.mark.parametrize("args,expected", CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(shop, args, expected):
    before = shop.dump()
    r = shop(*args)
    assert r.code == 2
    assert r.err.count("\n") == 1, r.err
    assert any(r.err.startswith(e) for e in expected.split("|")), r.err
    assert "Traceback" not in r.err + r.out
    assert shop.dump() == before
