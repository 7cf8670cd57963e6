"""The shift at the till: the first sale asks for a shift when the store wants one, the Shift page moves
cash and closes with a denomination count, and a cashier cannot close the owner's shift."""

from __future__ import annotations

from till_driver import WAIT_MS, add_item, click, find, open_payment, shown, type_into, wait_summary

from possuite.services import audit, shifts
from possuite.services.store_settings import update_settings


def test_the_first_sale_asks_for_a_shift_and_goes_on_to_the_payment(qtbot, ctx, till_owner):
    update_settings(till_owner.state.ctx, shifts_required=True)
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    click(qtbot, page, "payButton")
    qtbot.waitUntil(lambda: page.shift_dialog is not None and page.shift_dialog.isVisible(), timeout=WAIT_MS)
    dlg = page.shift_dialog
    assert page.payment_dialog is None                           # no payment before a shift is open
    type_into(qtbot, dlg, "shiftFloatInput", "abc")
    click(qtbot, dlg, "openShiftButton")
    assert find(dlg, "openShiftMessage").text() == "Float: 'abc' is not a number"
    type_into(qtbot, dlg, "shiftFloatInput", "1,500")
    click(qtbot, dlg, "openShiftButton")
    qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible(), timeout=WAIT_MS)
    shift = shifts.current_shift(ctx)
    assert shift is not None and shift.opening_float == 150000 and shift.user_name == "Owner"
    pay = page.payment_dialog
    type_into(qtbot, pay, "amountInput", "300")
    click(qtbot, pay, "completeButton")
    wait_summary(qtbot, page)
    assert shifts.shift_report(ctx).expected_cash == 150000 + 30000
    # The next sale finds the shift open and goes straight to the payment.
    page.summary_dialog.close()
    add_item(qtbot, page, "HC")
    dlg2 = open_payment(qtbot, page)
    assert dlg2.isVisible() and not page.shift_dialog.isVisible()


def test_no_shift_dialog_when_the_store_does_not_use_shifts(qtbot, till_owner):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    open_payment(qtbot, page)
    assert page.shift_dialog is None


def _shift_page(qtbot, win):
    click(qtbot, win, "nav:shift")
    page = win.pages["shift"]
    qtbot.waitUntil(lambda: win.state.tasks.pending == 0, timeout=WAIT_MS)
    return page


def test_cash_out_x_report_and_close_by_denomination(qtbot, ctx, till_owner):
    page = _shift_page(qtbot, till_owner)
    assert "No shift has been opened" in find(page, "shiftStatus").text()
    click(qtbot, page, "shiftOpenButton")
    dlg = page.dialog
    type_into(qtbot, dlg, "shiftFloatInput", "2000")
    click(qtbot, dlg, "openShiftButton")
    qtbot.waitUntil(lambda: page.report is not None and page.report.shift.is_open, timeout=WAIT_MS)
    assert find(page, "shift_expected").text() == "₹2,000.00"

    click(qtbot, page, "shiftCashOutButton")
    dlg = page.dialog
    type_into(qtbot, dlg, "cashMoveAmount", "150")
    click(qtbot, dlg, "cashMoveButton")
    assert find(dlg, "cashMoveMessage").text() == "Reason: is required"
    type_into(qtbot, dlg, "cashMoveReason", "milk and tea")
    click(qtbot, dlg, "cashMoveButton")
    qtbot.waitUntil(lambda: find(page, "shift_expected").text() == "₹1,850.00", timeout=WAIT_MS)
    assert "milk and tea" in find(page, "shiftPreview").toPlainText()
    assert "SHIFT X REPORT" in find(page, "shiftPreview").toPlainText()

    click(qtbot, page, "shiftCloseButton")
    dlg = page.dialog
    assert find(dlg, "closeExpected").text() == "₹1,850.00"
    find(dlg, "count500").setValue(3)
    find(dlg, "count100").setValue(3)
    find(dlg, "count20").setValue(2)
    assert find(dlg, "closeCounted").text() == "₹1,840.00"
    assert find(dlg, "closeVariance").text() == "-₹10.00"           # ₹10 short, shown in red
    assert find(dlg, "closeVariance").property("role") == "pending-big"
    type_into(qtbot, dlg, "closeNote", "short by a ten")
    click(qtbot, dlg, "closeShiftButton")
    qtbot.waitUntil(lambda: page.report is not None and not page.report.shift.is_open, timeout=WAIT_MS)
    z = shifts.shift_report(ctx)
    assert (z.shift.counted_cash, z.shift.variance) == (184000, -1000)
    assert z.shift.counted_notes == {50000: 3, 10000: 3, 2000: 2}
    assert "SHIFT Z REPORT" in find(page, "shiftPreview").toPlainText()
    assert shown(page, "shiftOpenButton") and not shown(page, "shiftCloseButton")
    # The day close starts the incremental book check in the background; the book is sound: nothing shown.
    qtbot.waitUntil(lambda: "incremental" in till_owner.check_worker.runs, timeout=WAIT_MS)
    assert till_owner.check_worker.outcome.sound and not till_owner.check_status.isVisible()


def test_a_typed_figure_replaces_the_note_count(qtbot, ctx, till_owner):
    shifts.open_shift(till_owner.state.ctx, 100000)
    page = _shift_page(qtbot, till_owner)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    click(qtbot, page, "shiftCloseButton")
    dlg = page.dialog
    type_into(qtbot, dlg, "countedFigure", "1,005")
    assert not find(dlg, "count500").isEnabled()
    assert find(dlg, "closeVariance").text() == "₹5.00"
    click(qtbot, dlg, "closeShiftButton")
    qtbot.waitUntil(lambda: shifts.current_shift(ctx) is None, timeout=WAIT_MS)
    assert shifts.shift_report(ctx).shift.variance == 500


def test_a_cashier_cannot_close_the_owners_shift(qtbot, ctx, till_as_cashier):
    shifts.open_shift(ctx, 50000)           # opened by the owner (the CLI context)
    page = _shift_page(qtbot, till_as_cashier)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    click(qtbot, page, "shiftCloseButton")
    dlg = page.dialog
    type_into(qtbot, dlg, "countedFigure", "500")
    click(qtbot, dlg, "closeShiftButton")
    qtbot.waitUntil(lambda: find(dlg, "closeShiftMessage").isVisible(), timeout=WAIT_MS)
    assert "only they or an owner may close it" in find(dlg, "closeShiftMessage").text()
    assert shifts.current_shift(ctx) is not None
    assert not [e for e in audit.list_entries(ctx) if e["action"] == "shift closed"]
