"""The payment dialog drives every checkout outcome (docs/architecture.md §4.1); each test checks book and screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from till_driver import (
    OWNER_PIN,
    WAIT_MS,
    add_item,
    auth_dialog,
    click,
    find,
    open_payment,
    pick_customer,
    shown,
    type_into,
    wait_summary,
)

from possuite.services import audit, bills, customers
from possuite.services.bills import get_bill, list_bills


def balance(ctx, customer) -> int:
    return customers.get_customer(ctx, customer.id).balance


def bill_count(ctx) -> int:
    return list_bills(ctx).total_count


def test_paid_in_full_with_split_tenders(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")
    dlg = open_payment(qtbot, page)
    assert find(dlg, "totalLabel").text() == "₹800.00"
    assert not shown(dlg, "pendingAlert")  # a walk-in owes nothing
    type_into(qtbot, dlg, "amountInput", "500")
    assert find(dlg, "completePendingButton").text() == "Complete Bill (Pending: ₹300.00)"
    click(qtbot, dlg, "addTenderButton")
    dlg.tenders.rows[1].method.setCurrentIndex(dlg.tenders.rows[1].method.findData("card"))
    type_into(qtbot, dlg, "amountInput2", "300")
    assert find(dlg, "splitLine").text() == "₹800.00 to this bill · change ₹0.00"
    assert shown(dlg, "completeButton") and not shown(dlg, "completePendingButton")
    assert not shown(dlg, "completeNoPaymentButton")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryOutcome").text() == "Paid"
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["status"] == "paid" and detail.bill["total"] == 800_00
    assert sorted((p["method"], p["amount"]) for p in detail.payments) == [("card", 300_00), ("cash", 500_00)]
    assert "PAID" in find(summary, "receiptPreview").toPlainText()
    # the cart is cleared and the cashier is back on item entry
    assert page.cart.is_empty() and find(page, "totalLabel").text() == "₹0.00"
    click(qtbot, summary, "summaryNewSaleButton")
    qtbot.waitUntil(lambda: till_owner.focusWidget() is page.item_entry, timeout=WAIT_MS)


def test_cash_change_shown_live(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "500")
    assert find(dlg, "changeLabel").text() == "Change: ₹200.00"
    qtbot.keyClick(find(dlg, "amountInput"), "\r")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryChange").text() == "₹200.00"
    assert get_bill(ctx, summary.result.number).bill["change"] == 200_00


def test_partial_payment_leaves_pending_on_the_customer(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    dlg = open_payment(qtbot, page)
    assert find(dlg, "pendingAlert").text() == "Customer has pending balance: ₹500.00"
    type_into(qtbot, dlg, "amountInput", "300")
    assert not shown(dlg, "completeButton")
    assert find(dlg, "pendingLabel").text() == "Pending: ₹500.00"
    type_into(qtbot, dlg, "notesInput", "Will pay the rest next week")
    click(qtbot, dlg, "completePendingButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryOutcome").text() == "Pending: ₹500.00"
    assert find(summary, "summaryCustomerBalance").text() == "₹1,000.00"
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["outcome"] == "pending" and detail.bill["outstanding"] == 500_00
    assert detail.bill["note"] == "Will pay the rest next week"
    assert balance(ctx, till_shop.priya) == 1000_00
    assert "PENDING BALANCE" in find(summary, "receiptPreview").toPlainText()


def test_nothing_paid_leaves_the_full_amount_pending(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "Rahul", "Rahul Mehta")
    dlg = open_payment(qtbot, page)
    assert shown(dlg, "completeNoPaymentButton") and not shown(dlg, "completeButton")
    assert shown(dlg, "dueDateInput")  # pending: a due date, by default 30 days on
    type_into(qtbot, dlg, "notesInput", "Family member - will pay next month")
    click(qtbot, dlg, "completeNoPaymentButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryOutcome").text() == "Full amount pending: ₹300.00"
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["outcome"] == "full_pending" and detail.bill["status"] == "pending"
    assert detail.bill["due_date"].isoformat() == "2026-12-01"
    assert detail.bill["note"] == "Family member - will pay next month"
    assert balance(ctx, till_shop.rahul) == 300_00


def test_walk_in_leaving_money_pending_must_pick_a_customer(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "100")
    click(qtbot, dlg, "completePendingButton")
    qtbot.waitUntil(lambda: shown(dlg, "pickCustomerSection"), timeout=WAIT_MS)
    assert bill_count(ctx) == 2  # nothing posted yet (two bills come from the shop's history)
    type_into(qtbot, dlg, "paymentCustomerSearch", "99887")
    qtbot.waitUntil(lambda: len(dlg.picker_search.results) == 1, timeout=WAIT_MS)
    qtbot.keyClick(find(dlg, "paymentCustomerSearch"), "\r")
    qtbot.waitUntil(lambda: dlg.customer is not None, timeout=WAIT_MS)
    assert page.customer.name == "Rahul Mehta"  # the checkout follows the choice
    click(qtbot, dlg, "completePendingButton")
    summary = wait_summary(qtbot, page)
    assert summary.result.pending == 200_00
    assert balance(ctx, till_shop.rahul) == 200_00


def test_overpayment_settles_old_dues_oldest_first(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "800")
    assert find(dlg, "splitLine").text() == "₹300.00 to this bill · ₹500.00 to previous balance · change ₹0.00"
    assert shown(dlg, "giveChangeToggle")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryApplied").text() == "₹500.00"
    assert balance(ctx, till_shop.priya) == 0
    assert get_bill(ctx, summary.result.number).bill["applied_to_previous"] == 500_00
    assert "APPLIED TO PREVIOUS BALANCE" in find(summary, "receiptPreview").toPlainText()


def test_overpayment_can_give_change_instead(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "98765", "Priya Sharma")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "800")
    qtbot.mouseClick(find(dlg, "giveChangeToggle"), Qt.MouseButton.LeftButton)
    assert find(dlg, "splitLine").text() == "₹300.00 to this bill · ₹0.00 to previous balance · change ₹500.00"
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert summary.result.change == 500_00
    assert balance(ctx, till_shop.priya) == 500_00


def test_collect_now_takes_old_dues_without_a_bill(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    assert find(page, "pendingLabel").text() == "Pending: ₹500.00"
    dlg = open_payment(qtbot, page)
    click(qtbot, dlg, "collectNowButton")
    amount = find(dlg, "collectAmountInput")
    assert amount.text() == "500.00"  # what is owed, ready to confirm
    type_into(qtbot, dlg, "collectAmountInput", "200")
    click(qtbot, dlg, "collectConfirmButton")
    qtbot.waitUntil(lambda: find(dlg, "collectMessage").text().startswith("Collected ₹200.00"), timeout=WAIT_MS)
    assert find(dlg, "pendingAlert").text() == "Customer has pending balance: ₹300.00"
    assert balance(ctx, till_shop.priya) == 300_00
    assert bill_count(ctx) == 2  # no new bill
    # the checkout's customer panel shows the new balance too
    qtbot.waitUntil(lambda: find(page, "pendingLabel").text() == "Pending: ₹300.00", timeout=WAIT_MS)
    # and the sale can go on: its dialog still offers the bill
    assert find(dlg, "totalLabel").text() == "₹300.00"


def test_owner_gives_a_complimentary_service(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")
    pick_customer(qtbot, page, "Rahul", "Rahul Mehta")
    dlg = open_payment(qtbot, page)
    click(qtbot, dlg, "complimentaryButton")
    auth = auth_dialog(qtbot, dlg)
    assert not shown(auth, "ownerPinInput")  # the owner has the right already
    click(qtbot, auth, "authoriseButton")
    assert find(auth, "authoriseMessage").text() == "Reason: is required"
    type_into(qtbot, auth, "reasonInput", "VIP birthday")
    click(qtbot, auth, "authoriseButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryOutcome").text() == "Complimentary service"
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["status"] == "complimentary" and detail.bill["total"] == 0
    assert detail.bill["retail_value"] == 800_00 and detail.bill["comp_reason"] == "VIP birthday"
    assert balance(ctx, till_shop.rahul) == 0
    assert "COMPLIMENTARY" in find(summary, "receiptPreview").toPlainText()


def test_cashier_gives_a_free_service_with_the_owners_pin(qtbot, ctx, till_as_cashier, till_shop):
    page = till_as_cashier.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    click(qtbot, dlg, "complimentaryButton")
    auth = auth_dialog(qtbot, dlg)
    type_into(qtbot, auth, "reasonInput", "Make-good for a late appointment")
    type_into(qtbot, auth, "ownerPinInput", OWNER_PIN)
    click(qtbot, auth, "authoriseButton")
    summary = wait_summary(qtbot, page)
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["complimentary"] and detail.bill["authorised_by"] == "Owner"
    assert detail.bill["user_name"] == "Ravi"
    entries = audit.list_entries(ctx)
    assert any(e["action"] == "complimentary" and e["target"] == detail.number for e in entries)


def test_cashier_is_refused_complimentary_without_the_owners_pin(qtbot, ctx, till_as_cashier, till_shop):
    page = till_as_cashier.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    click(qtbot, dlg, "complimentaryButton")
    auth = auth_dialog(qtbot, dlg)
    assert find(auth, "ownerPinInput").isVisible()
    type_into(qtbot, auth, "reasonInput", "Friend of the family")
    click(qtbot, auth, "authoriseButton")
    assert find(auth, "authoriseMessage").text().startswith("Owner PIN: is required")
    type_into(qtbot, auth, "ownerPinInput", "9999")
    click(qtbot, auth, "authoriseButton")
    qtbot.waitUntil(lambda: "wrong PIN" in find(auth, "authoriseMessage").text(), timeout=WAIT_MS)
    assert find(auth, "authoriseMessage").text() == "PIN: wrong PIN (4 tries left)"
    assert bill_count(ctx) == 2  # nothing was posted
    click(qtbot, auth, "cancelAuthoriseButton")
    assert dlg.isVisible() and not page.cart.is_empty()  # the sale is still open


def test_credit_limit_needs_the_owner_to_override(qtbot, ctx, till_as_cashier, till_shop):
    page = till_as_cashier.checkout
    add_item(qtbot, page, "FAC")
    pick_customer(qtbot, page, "Anita", "Anita Desai")
    dlg = open_payment(qtbot, page)
    click(qtbot, dlg, "completeNoPaymentButton")
    qtbot.waitUntil(lambda: shown(dlg, "overrideButton"), timeout=WAIT_MS)
    assert find(dlg, "paymentMessage").text() == (
        "Credit limit: this bill takes Anita Desai to ₹1,100.00, over the limit of ₹1,000.00; "
        "an owner must authorise it")
    assert bill_count(ctx) == 2
    click(qtbot, dlg, "overrideButton")
    auth = auth_dialog(qtbot, dlg)
    type_into(qtbot, auth, "ownerPinInput", OWNER_PIN)
    click(qtbot, auth, "authoriseButton")
    summary = wait_summary(qtbot, page)
    assert balance(ctx, till_shop.anita) == 1100_00
    assert any(e["action"] == "credit limit override" and e["target"] == summary.result.number
               for e in audit.list_entries(ctx))


def test_bad_amount_is_named_and_blocks_completion(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "12.345")
    assert find(dlg, "paymentMessage").text() == "Amount: has more than 2 decimals (got '12.345')"
    assert not find(dlg, "completeButton").isEnabled() or not shown(dlg, "completeButton")
    qtbot.keyClick(dlg, "\x1b")  # Esc cancels the dialog, the cart stays
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    assert not page.cart.is_empty()
    assert bills.list_bills(ctx).total_count == 2


def test_summary_and_status_bar_say_where_the_receipt_is(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "300", enter=True)
    summary = wait_summary(qtbot, page)
    qtbot.waitUntil(lambda: find(summary, "summaryPrintState").text() != "", timeout=WAIT_MS)
    assert find(summary, "summaryPrintState").text().startswith("No receipt printer set up")
    first = summary.result.number
    click(qtbot, summary, "summaryNewSaleButton")
    # with a printer that is not answering (no print worker runs here) the job waits, visibly
    from possuite.services.printers import add_printer

    add_printer(ctx, "Counter", "network", "127.0.0.1:9")
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "300", enter=True)
    qtbot.waitUntil(lambda: page.summary_dialog.result.number != first, timeout=WAIT_MS)
    second = wait_summary(qtbot, page)
    qtbot.waitUntil(lambda: "Receipt queued for Counter" in find(second, "summaryPrintState").text(),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "receipt" in find(till_owner, "printerStatus").text() and
                    "waiting" in find(till_owner, "printerStatus").text(), timeout=WAIT_MS)
