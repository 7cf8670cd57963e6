"""The payment and summary dialogs are built once and reused from sale to sale (issue 15: F12 and Complete
within a frame); nothing a sale typed or saw may show in the next one."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit
from till_driver import WAIT_MS, add_item, click, find, open_payment, pick_customer, shown, type_into, wait_summary

from possuite.services.bills import get_bill


def test_a_cancelled_payment_leaves_nothing_in_the_next_sales_dialog(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    dlg = open_payment(qtbot, page)
    assert find(dlg, "pendingAlert").text() == "Customer has pending balance: ₹500.00"
    # everything a cashier can touch in the dialog, then Esc
    type_into(qtbot, dlg, "billDiscountInput", "10%")
    type_into(qtbot, dlg, "amountInput", "abc")  # a bad amount: an error message shows
    assert find(dlg, "paymentMessage").text()
    type_into(qtbot, dlg, "amountInput", "300")
    click(qtbot, dlg, "addTenderButton")
    click(qtbot, dlg, "addTenderButton")
    type_into(qtbot, dlg, "amountInput2", "100")
    type_into(qtbot, dlg, "referenceInput2", "UPI-77")
    type_into(qtbot, dlg, "notesInput", "Will pay Friday")
    dlg.due_input.setDate(dlg.due_input.date().addDays(5))
    click(qtbot, dlg, "collectNowButton")
    assert shown(dlg, "collectSection")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    # the cart keeps the bill discount until the sale ends (by design); the next sale starts from nothing
    page.new_sale()
    assert page.customer is None and page.cart.discount.percent_bp == 0
    add_item(qtbot, page, "HC")
    again = open_payment(qtbot, page)
    assert again is dlg  # the same dialog, not one built afresh
    assert find(again, "totalLabel").text() == "₹300.00"
    assert not shown(again, "pendingAlert")  # a walk-in: no yellow box of Priya's
    assert find(again, "paymentCustomer").text() == "Walk-in customer (no account)"
    assert find(again, "billDiscountInput").text() == "" and find(again, "billDiscountInfo").text() == ""
    assert len(again.tenders.rows) == 1 and not shown(again, "amountInput2")  # the split rows are gone
    assert again.tenders.rows[0].amount.text() == "" and again.tenders.rows[0].reference.text() == ""
    assert again.tenders.rows[0].method.currentData() == "cash"
    assert find(again, "notesInput").text() == ""
    assert not shown(again, "collectSection") and not shown(again, "pickCustomerSection")
    assert not shown(again, "paymentMessage") and not shown(again, "overrideButton")
    assert not again.give_change.isChecked()
    today = ctx.clock.today()
    assert again.due_input.date().toPython() == today + timedelta(days=ctx.store.credit_days)
    assert shown(again, "completeNoPaymentButton") and not shown(again, "completeButton")
    assert again.focusWidget() is again.tenders.rows[0].amount
    # and it still completes a sale correctly
    type_into(qtbot, again, "amountInput", "300", enter=True)
    summary = wait_summary(qtbot, page)
    detail = get_bill(ctx, summary.result.number)
    assert detail.bill["total"] == 300_00 and detail.bill["discount"] == 0 and detail.bill["note"] == ""
    assert detail.bill["customer_id"] is None


def test_the_next_summary_shows_only_its_own_sale(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    # sale 1: Priya pays ₹1,000 for a ₹300 haircut: ₹500 to her old dues, ₹200 change
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    dlg = open_payment(qtbot, page)
    dlg.give_change.setChecked(False)
    type_into(qtbot, dlg, "amountInput", "1000", enter=True)
    first = wait_summary(qtbot, page)
    number1 = first.result.number
    assert shown(first, "summaryApplied") and shown(first, "summaryChange")
    assert shown(first, "summaryCustomerBalance")
    assert number1 in find(first, "summaryNumber").text()
    click(qtbot, first, "summaryNewSaleButton")
    # sale 2: a walk-in pays exactly
    add_item(qtbot, page, "FAC")
    dlg2 = open_payment(qtbot, page)
    assert dlg2 is dlg and not shown(dlg2, "pendingAlert")
    type_into(qtbot, dlg2, "amountInput", "800", enter=True)
    qtbot.waitUntil(lambda: page.summary_dialog.isVisible() and page.summary_dialog.result.number != number1,
                    timeout=WAIT_MS)
    second = wait_summary(qtbot, page)
    assert second is first  # reused
    number2 = second.result.number
    assert number2 != number1 and number2 in find(second, "summaryNumber").text()
    assert find(second, "summaryOutcome").text() == "Paid"
    assert find(second, "summaryTotal").text() == "₹800.00" and find(second, "summaryPaid").text() == "₹800.00"
    # no row of Priya's sale: no customer, nothing to previous balance, no change, no balance
    assert not shown(second, "summaryApplied") and not shown(second, "summaryChange")
    assert not shown(second, "summaryCustomerBalance")
    assert "Priya" not in " ".join(w.text() for w in second.findChildren(type(find(second, "summaryOutcome")))
                                   if w.isVisible())
    receipt = find(second, "receiptPreview").toPlainText()
    assert number2 in receipt and number1 not in receipt
    # a late receipt or print state of the first sale is dropped
    second._receipt(number1, "OLD RECEIPT")
    second.set_print_state("old printer state", number1)
    assert find(second, "receiptPreview").toPlainText() == receipt
    assert find(second, "summaryPrintState").text() != "old printer state"


def test_a_dialog_built_in_one_language_is_built_again_in_the_next(qtbot, ctx, till_owner, till_shop):
    from possuite.ui.translation import SOURCE_LANGUAGE, set_language

    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    english = find(dlg, "cancelPaymentButton").text()
    try:
        set_language("hi")
        again = open_payment(qtbot, page)
        assert again is not dlg  # not the English one reset
        assert find(again, "cancelPaymentButton").text() != english
    finally:
        set_language(SOURCE_LANGUAGE)


def test_date_boxes_name_their_months_in_the_screens_language(qtbot, ctx, till_owner, till_shop):
    """The due date a Hindi cashier sets reads "दिस॰", like the receipts and PDFs; a box made before the
    switch (the Bills page's) follows it, and back."""
    from possuite import i18n
    from possuite.ui.translation import SOURCE_LANGUAGE, set_language

    bills_from = till_owner.page("bills").findChild(QDateEdit, "billsFromDate")  # made now, in English
    bills_from.setDate(bills_from.date().currentDate())
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    try:
        set_language("hi")
        dlg = open_payment(qtbot, page)
        month = i18n.translator("hi").gettext(dlg.due_input.date().toPython().strftime("%b"))
        assert month in dlg.due_input.text() and not any(c.isascii() and c.isalpha() for c in dlg.due_input.text())
        assert not any(c.isascii() and c.isalpha() for c in bills_from.text()), bills_from.text()
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    finally:
        set_language(SOURCE_LANGUAGE)
    assert bills_from.text()[3:6].isascii() and bills_from.text()[3:6].isalpha(), bills_from.text()
