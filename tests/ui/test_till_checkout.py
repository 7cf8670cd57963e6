"""The checkout page: item entry, the cart, customer search and quick-create, keyboard, hold/recall."""

from __future__ import annotations

from PySide6.QtCore import Qt
from till_driver import (
    WAIT_MS,
    add_item,
    click,
    find,
    open_payment,
    pick_customer,
    shown,
    type_into,
    wait_summary,
)

from possuite.services import customers, held_carts
from possuite.services.bills import get_bill
from possuite.ui.cart_model import CartModel
from possuite.ui.customer_search import CustomerSearch
from possuite.ui.widgets import PENDING_RED


def painted_colours(lst, row: int) -> set[str]:
    """The colours drawn in one row of a list (text anti-aliasing aside, the pure ones)."""
    lst.viewport().repaint()
    image = lst.viewport().grab().toImage()
    rect = lst.visualItemRect(lst.item(row))
    return {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right(), 1)
            for y in range(rect.top(), rect.bottom(), 2)}


def cart_rows(page) -> list[tuple[str, str, str]]:
    m = page.cart
    return [(m.index(r, 0).data(), m.index(r, 1).data(), m.index(r, 4).data()) for r in range(m.rowCount())]


def test_items_by_barcode_sku_and_name_with_totals_from_the_domain(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "8901234567890")    # scanner: barcode + Enter
    add_item(qtbot, page, "hc")               # SKU in any case
    add_item(qtbot, page, "Facial")           # exact name
    add_item(qtbot, page, "HC")               # same item again: its qty goes up
    assert cart_rows(page) == [("Shampoo 200 ml", "1", "₹320.00"), ("Haircut", "2", "₹600.00"),
                               ("Facial", "1", "₹800.00")]
    assert find(page, "totalLabel").text() == "₹1,720.00"
    page.table.selectRow(2)
    click(qtbot, page, "qtyPlusButton")
    assert find(page, "totalLabel").text() == "₹2,520.00"
    click(qtbot, page, "qtyMinusButton")
    click(qtbot, page, "removeLineButton")
    assert [r[0] for r in cart_rows(page)] == ["Shampoo 200 ml", "Haircut"]
    assert find(page, "totalLabel").text() == "₹920.00"
    # a line discount typed into the cart, parsed as money
    assert page.cart.setData(page.cart.index(1, 3), "50.5")
    assert find(page, "totalLabel").text() == "₹869.50"
    assert not page.cart.setData(page.cart.index(1, 3), "900")   # more than the line: refused, said so
    assert "discount: is more than the line's value" in find(page, "itemMessage").text()
    assert find(page, "totalLabel").text() == "₹869.50"


def test_unknown_code_is_said_out_loud(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    type_into(qtbot, page, "itemEntry", "XYZ-404", enter=True)
    qtbot.waitUntil(lambda: shown(page, "itemMessage") and "XYZ-404" in find(page, "itemMessage").text(),
                    timeout=WAIT_MS)
    assert find(page, "itemMessage").text().startswith("Item: no item with SKU, barcode or name 'XYZ-404'")
    assert page.cart.is_empty()
    assert find(page, "itemEntry").text() == "XYZ-404"  # left there to correct


def test_most_sold_grid_adds_with_one_touch(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    qtbot.waitUntil(lambda: len(page.tiles) == 3, timeout=WAIT_MS)
    click(qtbot, page, "tile:Facial")
    assert cart_rows(page) == [("Facial", "1", "₹800.00")]


def test_partial_names_are_completed_from_the_catalog(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    till_owner.activateWindow()
    qtbot.waitUntil(lambda: till_owner.isActiveWindow(), timeout=WAIT_MS)
    type_into(qtbot, page, "itemEntry", "amp")
    qtbot.waitUntil(lambda: page.completer.popup().isVisible(), timeout=WAIT_MS)
    assert page.completer_model.stringList() == ["Shampoo 200 ml"]
    popup = page.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)   # chosen with Enter: added once
    qtbot.waitUntil(lambda: page.cart.rowCount() == 1, timeout=WAIT_MS)
    qtbot.wait(200)
    assert cart_rows(page) == [("Shampoo 200 ml", "1", "₹320.00")]
    assert page.item_entry.text() == ""
    type_into(qtbot, page, "itemEntry", "aci")
    qtbot.waitUntil(lambda: page.completer.popup().isVisible(), timeout=WAIT_MS)
    popup = page.completer.popup()
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # chosen by touch
    qtbot.waitUntil(lambda: page.cart.rowCount() == 2, timeout=WAIT_MS)
    qtbot.wait(200)
    assert cart_rows(page)[1] == ("Facial", "1", "₹800.00")


def test_search_by_phone_fragment_shows_visits_and_red_pending(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    type_into(qtbot, page, "customerSearch", "43210")
    qtbot.waitUntil(lambda: [v.name for v in page.search.results] == ["Priya Sharma"], timeout=WAIT_MS)
    assert page.search.row_texts(0) == ("Priya Sharma", "+91 98765 43210 • 1 visit", "Pending: ₹500.00")
    assert painted_colours(page.search.list, 0) & {PENDING_RED}  # the amount is drawn in red
    # someone who owes nothing shows a grey dash, and no red
    type_into(qtbot, page, "customerSearch", "99887")
    qtbot.waitUntil(lambda: [v.name for v in page.search.results] == ["Rahul Mehta"], timeout=WAIT_MS)
    assert page.search.row_texts(0) == ("Rahul Mehta", "+91 99887 66554 • 0 visits", "-")
    assert not painted_colours(page.search.list, 0) & {PENDING_RED}
    # choose with the keyboard; the pending balance stays visible on the panel
    qtbot.keyClick(find(page, "customerSearch"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.customer is not None, timeout=WAIT_MS)
    assert find(page, "customerName").text() == "Rahul Mehta"
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    assert find(page, "pendingLabel").text() == "Pending: ₹500.00"
    click(qtbot, page, "clearCustomerButton")
    assert page.customer is None and not shown(page, "customerCard")


def test_stale_search_results_are_dropped(qtbot, ctx, till_owner, till_shop):
    search: CustomerSearch = till_owner.checkout.search
    gen = search._generation
    search._arrived(gen - 1, "old", [till_shop.rahul])  # an answer to an older keystroke
    assert search.results == []
    search._arrived(gen, "new", [till_shop.priya])
    assert [v.name for v in search.results] == ["Priya Sharma"]


def test_a_short_term_waits_for_the_typing_to_pause_and_a_fourth_character_searches_at_once(
        qtbot, ctx, till_owner, till_shop):
    from possuite.ui.customer_search import DEBOUNCE_MS

    search: CustomerSearch = till_owner.checkout.search
    search.focus()
    qtbot.keyClicks(search.input, "Pri")
    assert search._timer.isActive() and search._timer.interval() == DEBOUNCE_MS  # 3 letters: not yet
    assert search.results == []
    qtbot.keyClicks(search.input, "y")  # the 4th: the search starts at the key's next turn of the event loop
    assert search._timer.isActive() and search._timer.interval() == 0
    qtbot.waitUntil(lambda: [v.name for v in search.results] == ["Priya Sharma"], timeout=WAIT_MS)
    assert search._shown_term == "Priy"
    qtbot.keyClick(search.input, Qt.Key.Key_Backspace)  # back to 3: the pause again
    assert search._timer.interval() == DEBOUNCE_MS


def test_quick_create_customer_during_a_sale(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    click(qtbot, page, "newCustomerButton")
    qtbot.waitUntil(lambda: shown(None, "customerDialog"), timeout=WAIT_MS)
    dlg = page.customer_dialog
    click(qtbot, dlg, "saveCustomerButton")
    assert find(dlg, "customerDialogMessage").text() == "Name: is required"
    type_into(qtbot, dlg, "customerNameInput", "Meera Joshi")
    type_into(qtbot, dlg, "customerPhoneInput", "98765 43210")   # Priya's number
    click(qtbot, dlg, "saveCustomerButton")
    qtbot.waitUntil(lambda: shown(dlg, "useExistingButton"), timeout=WAIT_MS)
    assert find(dlg, "customerDialogMessage").text() == "Phone: +91 98765 43210 already belongs to Priya Sharma"
    type_into(qtbot, dlg, "customerPhoneInput", "91234 00001")
    click(qtbot, dlg, "saveCustomerButton")
    qtbot.waitUntil(lambda: page.customer is not None, timeout=WAIT_MS)
    assert find(page, "customerName").text() == "Meera Joshi"  # selected when the dialog closes
    assert find(page, "pendingLabel").text() == "-"
    pay = open_payment(qtbot, page)
    click(qtbot, pay, "completeNoPaymentButton")
    summary = wait_summary(qtbot, page)
    meera = customers.lookup(ctx, "Meera")[0]
    assert meera.phone_display == "+91 91234 00001" and meera.balance == 300_00
    assert get_bill(ctx, summary.result.number).bill["customer_id"] == meera.id


def test_keyboard_f2_f3_f12_and_esc(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    till_owner.activateWindow()
    qtbot.waitUntil(lambda: till_owner.isActiveWindow(), timeout=WAIT_MS)
    qtbot.keyClick(till_owner, Qt.Key.Key_F3)
    assert till_owner.focusWidget() is page.search.input
    qtbot.keyClick(till_owner, Qt.Key.Key_F2)
    assert till_owner.focusWidget() is page.item_entry
    qtbot.keyClick(till_owner, Qt.Key.Key_F12)       # empty cart: says so instead of opening
    assert "cart is empty" in find(page, "itemMessage").text()
    add_item(qtbot, page, "HC")
    till_owner.show_page("settings")
    qtbot.keyClick(till_owner, Qt.Key.Key_F12)       # from any page: back to checkout and pay
    qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible(), timeout=WAIT_MS)
    assert till_owner.stack.currentWidget() is page
    qtbot.keyClick(page.payment_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.payment_dialog.isVisible(), timeout=WAIT_MS)
    assert not page.cart.is_empty()


def test_hold_and_recall_a_cart(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    add_item(qtbot, page, "FAC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    click(qtbot, page, "holdButton")
    qtbot.waitUntil(lambda: page.cart.is_empty(), timeout=WAIT_MS)
    assert page.customer is None and "held as “Priya Sharma”" in find(page, "itemMessage").text()
    qtbot.waitUntil(lambda: find(page, "recallButton").text() == "Recall (1)", timeout=WAIT_MS)
    assert [c.label for c in held_carts.list_held(ctx)] == ["Priya Sharma"]
    # another customer is served meanwhile
    add_item(qtbot, page, "8901234567890")
    click(qtbot, page, "recallButton")
    qtbot.waitUntil(lambda: page.held_dialog.list.count() == 1, timeout=WAIT_MS)
    click(qtbot, page.held_dialog, "recallHeldButton")
    qtbot.waitUntil(lambda: page.customer is not None, timeout=WAIT_MS)
    assert [r[0] for r in cart_rows(page)] == ["Haircut", "Facial"]
    assert find(page, "totalLabel").text() == "₹1,100.00"
    assert find(page, "pendingLabel").text() == "Pending: ₹500.00"
    # the cart that was on the counter was parked, not lost
    qtbot.waitUntil(lambda: [len(c.lines) for c in held_carts.list_held(ctx)] == [1], timeout=WAIT_MS)
    assert held_carts.list_held(ctx)[0].lines[0].description == "Shampoo 200 ml"


def test_new_sale_clears_everything(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    add_item(qtbot, page, "HC")
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    click(qtbot, page, "newSaleButton")
    assert page.cart.is_empty() and page.customer is None
    assert till_owner.focusWidget() is page.item_entry


def test_cart_model_alone_keeps_totals_exact():
    model = CartModel()
    from possuite.domain.cart import CartLine

    model.add_line(CartLine("Tonic", 3000, 33_33, tax_rate_bp=1800))
    assert model.totals.total == 117_99  # 99.99 + 18% tax (18.00) rounded half-up per line
    assert model.index(0, 4).data() == "₹117.99"
    assert not model.setData(model.index(0, 1), "0")
    assert not model.setData(model.index(0, 1), "two")
    assert model.totals.total == 117_99


def test_collect_old_dues_from_the_customer_panel_without_a_sale(qtbot, ctx, till_owner, till_shop):
    page = till_owner.checkout
    pick_customer(qtbot, page, "Priya", "Priya Sharma")
    assert shown(page, "collectDuesButton")  # green, only for someone who owes
    click(qtbot, page, "collectDuesButton")
    qtbot.waitUntil(lambda: page.collect_dialog.isVisible(), timeout=WAIT_MS)
    dlg = page.collect_dialog
    type_into(qtbot, dlg, "collectAmountInput", "500")
    click(qtbot, dlg, "collectConfirmButton")
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=WAIT_MS)
    assert customers.get_customer(ctx, till_shop.priya.id).balance == 0
    qtbot.waitUntil(lambda: find(page, "pendingLabel").text() == "-", timeout=WAIT_MS)
    assert not shown(page, "collectDuesButton")
    pick_customer(qtbot, page, "Rahul", "Rahul Mehta")
    assert not shown(page, "collectDuesButton")


def test_open_amounts_and_the_owner_adds_an_item_from_an_unknown_code(qtbot, ctx, till_owner):
    page = till_owner.checkout
    click(qtbot, page, "openItemButton")
    qtbot.waitUntil(lambda: page.item_dialog.isVisible(), timeout=WAIT_MS)
    dlg = page.item_dialog
    type_into(qtbot, dlg, "openItemDescription", "Hair spa")
    type_into(qtbot, dlg, "openItemAmount", "450.5")
    click(qtbot, dlg, "openItemAddButton")
    assert cart_rows(page) == [("Hair spa", "1", "₹450.50")]
    # an unknown code: the owner may add it as an item and sell it at once
    type_into(qtbot, page, "itemEntry", "8909999000011", enter=True)
    qtbot.waitUntil(lambda: shown(page, "newItemButton"), timeout=WAIT_MS)
    click(qtbot, page, "newItemButton")
    qtbot.waitUntil(lambda: page.item_dialog.isVisible() and page.item_dialog is not dlg, timeout=WAIT_MS)
    new = page.item_dialog
    assert find(new, "newItemBarcode").text() == "8909999000011"
    type_into(qtbot, new, "newItemName", "Conditioner 100 ml")
    type_into(qtbot, new, "newItemPrice", "180")
    type_into(qtbot, new, "newItemTax", "18")
    type_into(qtbot, new, "newItemHsn", "33059")                  # five digits: not an HSN code
    click(qtbot, new, "newItemSaveButton")
    qtbot.waitUntil(lambda: "4, 6 or 8" in find(new, "newItemMessage").text(), timeout=WAIT_MS)
    type_into(qtbot, new, "newItemHsn", "3305 90")
    click(qtbot, new, "newItemSaveButton")
    qtbot.waitUntil(lambda: page.cart.rowCount() == 2, timeout=WAIT_MS)
    assert cart_rows(page)[1] == ("Conditioner 100 ml", "1", "₹212.40")
    assert not shown(page, "newItemButton")
    from possuite.services.catalog import find_item

    item = find_item(ctx, "8909999000011")
    assert item.price == 180_00 and item.tax_rate_bp == 1800 and item.kind == "product" and item.hsn == "330590"
    pay = open_payment(qtbot, page)
    type_into(qtbot, pay, "amountInput", "662.90")
    click(qtbot, pay, "completeButton")
    summary = wait_summary(qtbot, page)
    assert [ln["description"] for ln in get_bill(ctx, summary.result.number).lines] == \
        ["Hair spa", "Conditioner 100 ml"]


def test_a_cashier_is_not_offered_to_add_items(qtbot, ctx, till_as_cashier):
    page = till_as_cashier.checkout
    type_into(qtbot, page, "itemEntry", "NOPE", enter=True)
    qtbot.waitUntil(lambda: shown(page, "itemMessage") and "NOPE" in find(page, "itemMessage").text(),
                    timeout=WAIT_MS)
    assert not shown(page, "newItemButton")


def _type_qty(qtbot, page, row: int, typed: str) -> None:
    """Double-click-style edit of a line's quantity: open its editor, type, Enter."""
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    from possuite.ui import cart_model as cm

    index = page.cart.index(row, cm.QTY)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    qtbot.waitUntil(lambda: page.table.state() == QAbstractItemView.State.EditingState, timeout=WAIT_MS)
    editor = next(e for e in page.table.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState, timeout=WAIT_MS)
    qtbot.wait(10)   # the closed editor is deleted later


def test_a_kg_line_takes_1_25_typed_into_its_qty_and_a_strip_line_takes_3_tablets(qtbot, ctx, till_owner,
                                                                                   till_shop):
    from possuite.services import catalog

    catalog.add_item(ctx, "Loose Rice", "80", sku="RICE", unit="kg", kind="product")
    catalog.add_item(ctx, "Paracetamol 500", "35", sku="PCM", unit="strip", pack_size=10, kind="product")
    page = till_owner.checkout
    add_item(qtbot, page, "RICE")
    add_item(qtbot, page, "PCM")
    # a scanned strip sells a whole strip; a kg item one kilogram until the cashier says otherwise
    assert cart_rows(page) == [("Loose Rice", "1.000 kg", "₹80.00"), ("Paracetamol 500", "10 TAB", "₹35.00")]
    _type_qty(qtbot, page, 0, "1.25")
    _type_qty(qtbot, page, 1, "3")
    assert cart_rows(page) == [("Loose Rice", "1.250 kg", "₹100.00"), ("Paracetamol 500", "3 TAB", "₹10.50")]
    assert find(page, "totalLabel").text() == "₹110.50"
    _type_qty(qtbot, page, 1, "1.5")   # half a tablet: refused, said so, nothing changes
    assert "whole tablets" in find(page, "itemMessage").text()
    _type_qty(qtbot, page, 0, "1.2345")
    assert "more than 3 decimals" in find(page, "itemMessage").text()
    assert find(page, "totalLabel").text() == "₹110.50"
    page.table.selectRow(0)
    click(qtbot, page, "qtyPlusButton")    # one more kilogram
    assert cart_rows(page)[0][1] == "2.250 kg"
    dlg = open_payment(qtbot, page)
    assert find(dlg, "totalLabel").text() == "₹190.50"
    type_into(qtbot, dlg, "amountInput", "190.50")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    lines = get_bill(ctx, summary.result.number).lines
    assert [(ln["qty"], ln["unit"], ln["amount"]) for ln in lines] == [(2250, "kg", 180_00), (3000, "strip", 10_50)]


def test_scanning_a_weighing_scale_label_adds_its_weight_as_the_quantity(qtbot, ctx, till_owner, till_shop):
    from possuite.domain.scale_barcode import WEIGHT, ScaleLayout, make_scale_barcode
    from possuite.services import catalog, store_settings

    page = till_owner.checkout
    catalog.add_item(ctx, "Loose Sugar", "48", sku="00042", unit="kg", kind="product")
    store_settings.update_settings(page.state.ctx, scale_barcode="21 IIIII WWWWW C")   # Settings › Store
    add_item(qtbot, page, make_scale_barcode("42", 1250, ScaleLayout("21", 5, WEIGHT, 5)))
    add_item(qtbot, page, make_scale_barcode("42", 500, ScaleLayout("21", 5, WEIGHT, 5)))   # a second packet
    assert cart_rows(page) == [("Loose Sugar", "1.250 kg", "₹60.00"), ("Loose Sugar", "0.500 kg", "₹24.00")]
    assert find(page, "itemMessage").text() == "Added 0.500 kg Loose Sugar — ₹24.00"


def test_the_owner_sets_the_scale_label_layout_in_settings_store(qtbot, ctx, till_owner, till_shop):
    from possuite.services.store_settings import show_store

    settings = till_owner.show_page("settings")
    qtbot.waitUntil(lambda: till_owner.state.tasks.pending == 0, timeout=WAIT_MS)
    tab = settings.tabs.widget(0)
    type_into(qtbot, tab, "storeScaleBarcode", "21 IIIII WWWW C")
    click(qtbot, tab, "saveStoreButton")
    qtbot.waitUntil(lambda: "Scale barcode" in find(tab, "storeMessage").text(), timeout=WAIT_MS)
    assert show_store(ctx).scale_barcode == ""
    type_into(qtbot, tab, "storeScaleBarcode", "21IIIIIWWWWWC")
    click(qtbot, tab, "saveStoreButton")
    qtbot.waitUntil(lambda: find(tab, "storeMessage").text() == "Saved.", timeout=WAIT_MS)
    assert show_store(ctx).scale_barcode == "21 IIIII WWWWW C"
