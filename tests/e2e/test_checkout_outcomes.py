"""Each checkout outcome of docs/architecture.md §4.1, end to end through the command line."""

from __future__ import annotations

from possuite.services.context import CLI_ACTOR


def test_paid_in_full_with_split_tenders_leaves_balance_unchanged(cli, priya):
    r = cli.ok("sell", "--customer", "98765 43210", "--line-custom", "Haircut=700",
               "--pay", "card:200", "--pay", "cash:600")
    assert (r["outcome"], r["status"], r["total"], r["paid"], r["pending"], r["change"]) == \
        ("paid", "paid", 70000, 70000, 0, 10000)
    assert cli.ok("customer", "show", priya["id"])["balance"] == 0


def test_partial_payment_leaves_600_pending(cli, priya):
    r = cli.ok("sell", "--customer", priya["id"], "--line-custom", "Bridal makeup=1000", "--pay", "cash:400",
               "--pending")
    assert (r["outcome"], r["status"], r["total"], r["paid"], r["pending"]) == \
        ("pending", "partially_paid", 100000, 40000, 60000)
    assert r["customer_balance"] == 60000
    assert r["due_date"] == "2026-12-01"
    shown = cli.ok("customer", "show", "098765-43210")
    assert shown["balance"] == 60000 and shown["visits"] == 1 and shown["total_spent"] == 100000


def test_partial_payment_without_pending_flag_is_refused_and_writes_nothing(cli, priya):
    before = cli.dump()
    r = cli("sell", "--customer", priya["id"], "--line-custom", "Spa=1000", "--pay", "cash:400")
    assert r.code == 2
    assert r.err.startswith("error: payment: ₹600.00 short")
    assert cli.dump() == before


def test_no_payment_leaves_full_amount_pending(cli, priya):
    r = cli.ok("sell", "--customer", priya["id"], "--line-custom", "Facial=500", "--no-payment")
    assert (r["outcome"], r["status"], r["paid"], r["pending"], r["customer_balance"]) == \
        ("full_pending", "pending", 0, 50000, 50000)


def test_complimentary_is_free_but_records_value(cli, priya):
    r = cli.ok("sell", "--customer", priya["id"], "--line-custom", "Head massage=350", "--complimentary",
               "--reason", "family")
    assert (r["outcome"], r["status"], r["total"], r["retail_value"], r["pending"]) == \
        ("complimentary", "complimentary", 0, 35000, 0)
    assert cli.ok("customer", "show", priya["id"])["balance"] == 0
    bill = cli.ok("bill", "show", r["number"])
    assert bill["lines"][0]["amount"] == 35000 and bill["complimentary_reason"] == "family"


def test_complimentary_needs_a_reason(cli, priya):
    r = cli("sell", "--customer", priya["id"], "--line-custom", "Trim=100", "--complimentary")
    assert r.code == 2 and r.err.startswith("error: reason: is required")


def test_overpayment_settles_previous_dues(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "Colour=500", "--no-payment")
    r = cli.ok("sell", "--customer", priya["id"], "--line-custom", "Cut=300", "--pay", "cash:800")
    assert (r["outcome"], r["total"], r["pending"], r["applied_to_previous"], r["previous_balance"],
            r["customer_balance"], r["change"]) == ("paid", 30000, 0, 50000, 50000, 0, 0)
    assert [b["status"] for b in cli.ok("bills", "--sort", "number")["bills"]] == ["paid", "paid"]


def test_overpayment_can_give_change_instead(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "Colour=500", "--no-payment")
    r = cli.ok("sell", "--customer", priya["id"], "--line-custom", "Cut=300", "--pay", "cash:800",
               "--no-apply-to-dues")
    assert (r["applied_to_previous"], r["change"], r["customer_balance"]) == (0, 50000, 50000)


def test_card_overpayment_beyond_all_dues_is_refused(cli, priya):
    r = cli("sell", "--customer", priya["id"], "--line-custom", "Cut=300", "--pay", "card:400")
    assert r.code == 2 and "only cash can be given back as change" in r.err


def test_collect_old_dues_oldest_first(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--no-payment")
    cli.at("2026-11-05T10:00:00")
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "B=400", "--no-payment")
    r = cli.ok("collect", priya["id"], "--amount", "600", "--method", "upi", "--reference", "UPI123")
    assert r["number"] == "RCP-26-0001"
    assert (r["amount"], r["previous_balance"], r["remaining_balance"]) == (60000, 90000, 30000)
    assert r["allocations"] == [{"document": "SAL-26-0001", "amount": 50000},
                                {"document": "SAL-26-0002", "amount": 10000}]
    statuses = {b["number"]: b["status"] for b in cli.ok("bills")["bills"]}
    assert statuses == {"SAL-26-0001": "paid", "SAL-26-0002": "partially_paid"}


def test_collect_more_than_owed_is_refused(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--no-payment")
    before = cli.dump()
    r = cli("collect", priya["id"], "--amount", "600", "--method", "cash")
    assert r.code == 2
    assert r.err == "error: amount: ₹600.00 is more than Priya Sharma owes (₹500.00)\n"
    assert cli.dump() == before


def test_walk_in_cannot_leave_money_pending(cli):
    r = cli("sell", "--line-custom", "Cut=300", "--no-payment")
    assert r.code == 2 and r.err.startswith("error: customer:")


def test_invoice_numbers_follow_prefix_year_sequence(cli, priya):
    numbers = [cli.ok("sell", "--line-custom", "Cut=100", "--pay", "cash:100")["number"] for _ in range(3)]
    assert numbers == ["SAL-26-0001", "SAL-26-0002", "SAL-26-0003"]
    cli.at("2027-01-02T09:00:00")
    assert cli.ok("sell", "--line-custom", "Cut=100", "--pay", "cash:100")["number"] == "SAL-27-0001"


def test_overdue_status_and_aging_follow_the_clock(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--no-payment")
    cli.at("2027-01-15T10:00:00")  # 45 days past the due date of 2026-12-01
    assert cli.ok("bills", "--status", "overdue")["bills"][0]["number"] == "SAL-26-0001"
    bal = cli.ok("balances")
    assert bal["summary"] == {"total_outstanding": 50000, "customers_owing": 1, "average_balance": 50000,
                              "overdue": 50000, "aging": {"0-30": 0, "31-60": 50000, "61-90": 0, "90+": 0},
                              "over_limit": 0}
    row = bal["customers"][0]
    assert (row["name"], row["balance"], row["open_bills"], row["days_overdue"], row["bucket"]) == \
        ("Priya Sharma", 50000, 1, 45, "31-60")


def test_credit_limit_blocks_a_bill_over_it(cli, tmp_path):
    c = cli.ok("customer", "add", "--name", "Ravi", "--phone", "9822012345", "--credit-limit", "1000")
    cli.ok("sell", "--customer", c["id"], "--line-custom", "A=800", "--no-payment")
    r = cli("sell", "--customer", c["id"], "--line-custom", "B=300", "--no-payment")
    # The CLI acts with owner rights, so the owner's override applies and is audited.
    assert r.code == 0
    assert cli.ok("customer", "show", c["id"])["balance"] == 110000


def test_void_reverses_and_refunds(cli, priya):
    sale = cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=1000", "--pay", "cash:400", "--pending")
    r = cli.ok("void", sale["number"], "--reason", "entered twice")
    assert (r["status"], r["refund"], r["customer_balance"]) == ("void", 40000, 0)
    assert cli.ok("bill", "show", sale["number"])["status"] == "void"
    again = cli("void", sale["number"], "--reason", "again")
    assert again.code == 2 and "already void" in again.err


def test_adjust_opening_balance_and_write_off(cli, priya):
    r = cli.ok("adjust", priya["id"], "--amount", "+1,500", "--reason", "paper book", "--opening")
    assert (r["kind"], r["amount"], r["balance"]) == ("opening", 150000, 150000)
    r = cli.ok("adjust", priya["id"], "--amount", "-500", "--reason", "goodwill")
    assert (r["kind"], r["amount"], r["balance"]) == ("writeoff", -50000, 100000)
    assert cli("adjust", priya["id"], "--amount", "-5000", "--reason", "too much").code == 2


def test_check_is_clean_after_every_outcome(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--no-payment")
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "B=300", "--pay", "cash:800")
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "C=1000", "--pay", "upi:400", "--pending")
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "D=100", "--complimentary", "--reason", "vip")
    cli.ok("collect", priya["id"], "--amount", "100", "--method", "cash")
    r = cli("check")
    assert r.code == 0 and "no findings" in r.out


def test_changing_the_invoice_prefix_mid_year_keeps_numbering_sound(cli):
    from possuite.services.app import open_context
    from possuite.services.store_settings import update_settings

    cli.ok("sell", "--line-custom", "A=100", "--pay", "cash:100")
    update_settings(open_context(cli.db, actor=CLI_ACTOR), invoice_prefix="INV")
    assert cli.ok("sell", "--line-custom", "A=100", "--pay", "cash:100")["number"] == "INV-26-0002"
    assert cli("check").code == 0
