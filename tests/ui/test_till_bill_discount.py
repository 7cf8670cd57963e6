"""The bill discount in the payment dialog: amount or %, the total follows live, the cashier's limit asks for
the owner's PIN (the service refuses without it), and the bill keeps the discount spread over its lines."""

from __future__ import annotations

from till_driver import OWNER_PIN, WAIT_MS, add_item, auth_dialog, click, find, open_payment, shown, type_into

from possuite.services import audit
from possuite.services.bills import get_bill, list_bills
from possuite.services.store_settings import show_store, update_settings


def test_a_percentage_discount_lowers_the_total_live_and_posts(qtbot, ctx, till_owner):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")                                  # ₹800
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "billDiscountInput", "10%")
    assert find(dlg, "totalLabel").text() == "₹720.00"
    assert find(dlg, "billDiscountInfo").text().startswith("−₹80.00 (10% of ₹800.00)")
    type_into(qtbot, dlg, "billDiscountInput", "1000")
    assert find(dlg, "billDiscountInfo").text() == "Discount: is more than the bill's value"
    assert not find(dlg, "completeButton").isEnabled()
    type_into(qtbot, dlg, "billDiscountInput", "50")
    assert find(dlg, "totalLabel").text() == "₹750.00"
    type_into(qtbot, dlg, "amountInput", "750")
    click(qtbot, dlg, "completeButton")
    qtbot.waitUntil(lambda: page.summary_dialog is not None, timeout=WAIT_MS)
    bill = get_bill(ctx, page.summary_dialog.result.number).bill
    assert (bill["discount"], bill["total"]) == (5000, 75000)


def test_a_cashier_over_the_limit_needs_the_owners_pin(qtbot, ctx, till_as_cashier):
    update_settings(ctx, max_cashier_discount_bp=1000)
    till_as_cashier.state.ctx.refresh_store()
    page = till_as_cashier.checkout
    add_item(qtbot, page, "FAC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "billDiscountInput", "20%")
    assert "over the cashiers' limit of 10%: the owner's PIN is needed" in find(dlg, "billDiscountInfo").text()
    type_into(qtbot, dlg, "amountInput", "640")
    click(qtbot, dlg, "completeButton")
    qtbot.waitUntil(lambda: shown(dlg, "overrideButton"), timeout=WAIT_MS)
    assert "over the cashiers' limit of 10%" in find(dlg, "paymentMessage").text()
    assert list_bills(ctx).total_count == 2                    # the shop's two old bills: nothing posted
    click(qtbot, dlg, "overrideButton")
    auth = auth_dialog(qtbot, dlg)
    auth.pin_input.setText(OWNER_PIN)
    auth.confirm()
    qtbot.waitUntil(lambda: page.summary_dialog is not None, timeout=WAIT_MS)
    assert page.summary_dialog.result.total == 64000
    entry = next(e for e in audit.list_entries(ctx) if e["action"] == "discount over limit")
    assert (entry["user_name"], entry["authorised_by"]) == ("Ravi", "Owner")


def test_the_owner_sets_the_limit_and_shifts_in_settings(qtbot, ctx, till_owner):
    settings = till_owner.show_page("settings")
    qtbot.waitUntil(lambda: till_owner.state.tasks.pending == 0, timeout=WAIT_MS)
    tab = settings.tabs.widget(0)
    type_into(qtbot, tab, "storeDiscountLimit", "abc")
    click(qtbot, tab, "saveStoreButton")
    assert find(tab, "storeMessage").text() == "Cashier discount limit: 'abc' is not a percentage"
    type_into(qtbot, tab, "storeDiscountLimit", "7.5")
    find(tab, "storeShiftsRequired").setChecked(True)
    click(qtbot, tab, "saveStoreButton")
    qtbot.waitUntil(lambda: find(tab, "storeMessage").text() == "Saved.", timeout=WAIT_MS)
    s = show_store(ctx)
    assert (s.max_cashier_discount_bp, s.shifts_required) == (750, True)
    entry = next(e for e in audit.list_entries(ctx) if e["action"] == "settings changed")
    assert "max_cashier_discount_bp" in entry["details"]


def test_a_discount_typed_then_cancelled_stays_on_the_cart_until_the_sale_completes(qtbot, ctx, till_owner):
    from PySide6.QtCore import Qt

    page = till_owner.checkout
    add_item(qtbot, page, "FAC")                                  # ₹800
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "billDiscountInput", "10%")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)                        # cancelled: back to the cart
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    assert page.discount_label.text() == "₹80.00" and page.total_label.text() == "₹720.00"
    again = open_payment(qtbot, page)
    assert again is dlg  # the same dialog, reset for the reopening: the discount comes back from the cart
    assert find(again, "billDiscountInput").text() == "10%" and find(again, "totalLabel").text() == "₹720.00"
    edit = type_into(qtbot, again, "billDiscountInput", "5%")
    assert page.total_label.text() == "₹760.00"
    qtbot.keyClicks(edit, "x")                                    # "5%x": refused, the cart keeps 5%
    assert page.total_label.text() == "₹760.00"
    type_into(qtbot, again, "billDiscountInput", "10%")
    type_into(qtbot, again, "amountInput", "720")
    click(qtbot, again, "completeButton")
    qtbot.waitUntil(lambda: page.summary_dialog is not None, timeout=WAIT_MS)
    assert get_bill(ctx, page.summary_dialog.result.number).bill["discount"] == 8000
    page.summary_dialog.close()
    add_item(qtbot, page, "FAC")                                  # the next sale starts without it
    fresh = open_payment(qtbot, page)
    assert find(fresh, "billDiscountInput").text() == "" and find(fresh, "totalLabel").text() == "₹800.00"


def test_the_owner_edits_an_items_hsn_and_rate_from_its_cart_line_and_the_line_follows(qtbot, ctx, till_owner):
    from possuite.services.catalog import find_item

    page = till_owner.checkout
    add_item(qtbot, page, "FAC")                                  # ₹800, no GST yet
    page.table.selectRow(0)
    click(qtbot, page, "editItemButton")
    qtbot.waitUntil(lambda: getattr(page, "item_dialog", None) is not None and page.item_dialog.isVisible(),
                    timeout=WAIT_MS)
    dlg = page.item_dialog
    type_into(qtbot, dlg, "editItemHsn", "99872")                 # a SAC code has six digits
    click(qtbot, dlg, "editItemSaveButton")
    qtbot.waitUntil(lambda: "SAC" in find(dlg, "editItemMessage").text(), timeout=WAIT_MS)
    type_into(qtbot, dlg, "editItemHsn", "999721")
    type_into(qtbot, dlg, "editItemTax", "18")
    if out := __import__("os").environ.get("POSSUITE_SHOT_DIR"):  # a screenshot for people to look at
        page.window().grab().save(f"{out}/till-with-cart.png")
        dlg.grab().save(f"{out}/edit-item.png")
    click(qtbot, dlg, "editItemSaveButton")
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    item = find_item(ctx, "FAC")
    assert (item.hsn, item.tax_rate_bp) == ("999721", 1800)
    assert page.cart.lines[0].hsn == "999721" and page.total_label.text() == "₹944.00"   # the line follows
    assert any(e["action"] == "item edited" for e in audit.list_entries(ctx))


def test_a_cashier_is_not_offered_to_edit_items(qtbot, till_as_cashier):
    page = till_as_cashier.checkout
    add_item(qtbot, page, "FAC")
    assert not shown(page, "editItemButton")
