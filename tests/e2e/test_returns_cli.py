"""``possuite return``: credit notes from the command line, and ``bill show`` knowing them."""

from __future__ import annotations

import pytest

RETURN_KEYS = {"number", "bill", "total", "refund", "to_bill", "to_dues", "to_account", "refunded", "lines",
               "return_status", "customer_balance"}


@pytest.fixture
def shop(cli, priya):
    cli.ok("item", "add", "--name", "Shampoo", "--price", "250", "--sku", "SH", "--tax-rate", "18",
           "--kind", "product")
    cli.ok("item", "add", "--name", "Haircut", "--price", "400", "--sku", "HC")
    return priya


def test_a_partial_return_paid_in_cash_numbers_a_credit_note_and_bill_show_lists_it(cli, shop):
    bill = cli.ok("sell", "--line", "SH*3", "--line", "HC", "--pay", "cash:1285")
    assert bill["total"] == 3 * 29500 + 40000
    r = cli.ok("return", bill["number"], "--line", "SH*2", "--refund", "cash", "--reason", "damaged bottles")
    assert RETURN_KEYS <= set(r)
    assert r["number"] == "CN-26-0001" and r["bill"] == bill["number"]
    assert r["total"] == 59000 and r["refunded"] == 59000 and r["refund"] == "cash"
    # qty in units as ever; qty_milli (thousandths) and the line's unit since quantities are thousandths
    assert r["lines"] == [{"position": 1, "description": "Shampoo", "qty": 2, "qty_milli": 2000, "unit": "piece",
                           "net": 50000, "tax": 9000, "amount": 59000, "tax_rate_bp": 1800, "cess": 0}]
    assert r["return_status"] == "partly_returned"
    shown = cli.ok("bill", "show", bill["number"])
    assert shown["return_status"] == "partly_returned" and shown["status"] == "paid"
    assert [n["number"] for n in shown["returns"]] == ["CN-26-0001"]
    assert shown["returns"][0]["lines"][0]["qty"] == 2
    second = cli.ok("return", bill["number"], "--line", "SH", "--line", "#2", "--refund", "upi", "--reason", "x")
    assert second["number"] == "CN-26-0002" and second["total"] == 29500 + 40000
    assert cli.ok("bill", "show", bill["number"])["return_status"] == "returned"
    assert cli.ok("bills")["bills"][0]["return_status"] == "returned"
    assert cli("check").code == 0


def test_a_return_of_a_pending_bill_first_lowers_what_is_pending(cli, shop):
    bill = cli.ok("sell", "--customer", "9876543210", "--line", "HC*2", "--pay", "cash:300", "--pending")
    assert bill["pending"] == 50000
    r = cli.ok("return", bill["number"], "--line", "HC*2", "--refund", "cash", "--reason", "service not done")
    assert (r["to_bill"], r["refunded"], r["customer_balance"]) == (50000, 30000, 0)
    shown = cli.ok("bill", "show", bill["number"])
    assert shown["outstanding"] == 0 and shown["paid"] == 30000 and shown["return_status"] == "returned"
    assert cli("check").code == 0


def test_a_return_to_the_account_settles_the_oldest_dues_first(cli, shop):
    old = cli.ok("sell", "--customer", "9876543210", "--line", "HC", "--no-payment")
    paid = cli.ok("sell", "--customer", "9876543210", "--line", "SH*2", "--pay", "cash:590")
    r = cli.ok("return", paid["number"], "--line", "SH*2", "--refund", "account", "--reason", "allergy")
    assert (r["to_bill"], r["to_dues"], r["to_account"], r["refunded"]) == (0, 40000, 19000, 0)
    assert r["customer_balance"] == -19000
    assert cli.ok("bill", "show", old["number"])["outstanding"] == 0
    assert cli("check").code == 0


def test_a_complimentary_bill_returns_refund_nothing(cli, shop):
    bill = cli.ok("sell", "--customer", "9876543210", "--line", "HC", "--complimentary", "--reason", "VIP")
    r = cli.ok("return", bill["number"], "--line", "HC", "--refund", "cash", "--reason", "not wanted")
    assert (r["total"], r["refunded"], r["refund"]) == (0, 0, "none") and r["lines"][0]["amount"] == 40000
    assert cli("check").code == 0


def test_a_bill_with_returns_cannot_be_voided(cli, shop):
    bill = cli.ok("sell", "--line", "SH*2", "--pay", "cash:590")
    cli.ok("return", bill["number"], "--line", "SH", "--refund", "cash", "--reason", "leaking")
    r = cli("void", bill["number"], "--reason", "oops")
    assert r.code == 2 and "has a return (CN-26-0001)" in r.err
    cli.ok("void", cli.ok("sell", "--line", "HC", "--pay", "cash:400")["number"], "--reason", "test")


BAD = [
    (["--line", "SH*3", "--refund", "cash", "--reason", "x"], "error: line 1 quantity: 3 is more than was sold"),
    (["--line", "NOPE", "--refund", "cash", "--reason", "x"], "error: line: 'NOPE' is not on bill"),
    (["--line", "SH", "--refund", "cash"], "error: reason: is required for a return"),
    (["--line", "SH", "--refund", "cash", "--reason", "   "], "error: reason: is required for a return"),
    (["--line", "SH", "--refund", "cheque", "--reason", "x"], "error: refund: 'cheque' is not one of"),
    (["--line", "SH", "--refund", "account", "--reason", "x"], "error: refund: "),
    (["--line", "SH*0", "--refund", "cash", "--reason", "x"], "error: line: 'SH*0': must be more than zero"),
    (["--line", "SH*1.5", "--refund", "cash", "--reason", "x"], "error: line: 'SH*1.5': "),
    (["--refund", "cash", "--reason", "x"], "error: line: give at least one --line"),
]


@pytest.mark.parametrize(("args", "error"), BAD)
def test_bad_returns_exit_2_naming_the_field_and_write_nothing(cli, shop, args, error):
    bill = cli.ok("sell", "--line", "SH*2", "--pay", "cash:590")
    before = cli.dump()
    r = cli("return", bill["number"], *args)
    assert r.code == 2 and r.err.startswith(error), r.err
    assert len(r.err.strip().splitlines()) == 1
    assert cli.dump() == before


def test_returning_more_than_is_left_after_an_earlier_return_is_refused(cli, shop):
    bill = cli.ok("sell", "--line", "SH*2", "--pay", "cash:590")
    cli.ok("return", bill["number"], "--line", "SH", "--refund", "cash", "--reason", "x")
    before = cli.dump()
    r = cli("return", bill["number"], "--line", "SH*2", "--refund", "cash", "--reason", "x")
    assert r.code == 2 and "only 1 can still be returned" in r.err
    assert cli("return", "SAL-26-9999", "--line", "SH", "--refund", "cash", "--reason", "x").err.startswith(
        "error: bill: no bill numbered")
    assert cli.dump() == before


def test_the_credit_notes_receipt_prints_from_the_command_line(cli, shop):
    bill = cli.ok("sell", "--line", "SH*2", "--pay", "cash:590")
    cn = cli.ok("return", bill["number"], "--line", "SH", "--refund", "upi", "--reason", "leaking")["number"]
    r = cli("receipt", cn.lower(), "--width", "32")
    assert r.code == 0 and "CREDIT NOTE" in r.out and bill["number"] in r.out and "REFUNDED (UPI)" in r.out
    text = cli("bill", "show", bill["number"]).out
    assert f"partly returned: {cn}" in text


def test_store_set_return_days_is_checked_and_shown(cli):
    assert cli.ok("store", "set", "--return-days", "3")["return_days"] == 3
    r = cli("store", "set", "--return-days", "-1")
    assert r.code == 2 and r.err.startswith("error: return days: must be a whole number")
    assert "returns:        cashiers: bills up to 3 day(s) old" in cli("store", "show").out
