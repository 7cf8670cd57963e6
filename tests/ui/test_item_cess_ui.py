"""The item dialogs' Cess % field: the owner sets an item's compensation cess from its cart line (the line and
the total follow at once) or on a new item; a bad cess is refused in the dialog, naming the field."""

from __future__ import annotations

import os

from till_driver import WAIT_MS, add_item, click, find, type_into

from possuite.services.catalog import find_item
from possuite.ui.item_dialog import EditItemDialog, NewItemDialog


def test_the_owner_sets_an_items_cess_from_its_cart_line_and_the_total_follows(qtbot, ctx, till_owner):
    page = till_owner.checkout
    add_item(qtbot, page, "FAC")                                  # ₹800, no GST yet
    page.table.selectRow(0)
    click(qtbot, page, "editItemButton")
    qtbot.waitUntil(lambda: isinstance(getattr(page, "item_dialog", None), EditItemDialog)
                    and page.item_dialog.isVisible(), timeout=WAIT_MS)
    dlg = page.item_dialog
    assert find(dlg, "editItemCess").text() == ""
    type_into(qtbot, dlg, "editItemTax", "18")
    type_into(qtbot, dlg, "editItemCess", "twelve")
    click(qtbot, dlg, "editItemSaveButton")
    qtbot.waitUntil(lambda: find(dlg, "editItemMessage").text().startswith("Cess: "), timeout=WAIT_MS)
    assert find_item(ctx, "FAC").tax_rate_bp == 0                 # nothing saved
    type_into(qtbot, dlg, "editItemCess", "12")
    if out := os.environ.get("POSSUITE_SHOT_DIR"):               # a screenshot for people to look at
        dlg.grab().save(f"{out}/edit-item-cess.png")
    click(qtbot, dlg, "editItemSaveButton")
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    item = find_item(ctx, "FAC")
    assert (item.tax_rate_bp, item.cess_rate_bp) == (1800, 1200)
    # 800.00 + GST 18 % (144.00) + cess 12 % (96.00)
    assert page.cart.lines[0].cess_rate_bp == 1200 and page.total_label.text() == "₹1,040.00"


def test_a_new_item_takes_its_cess(qtbot, ctx):
    from possuite.ui.state import AppState

    state = AppState(ctx)
    try:
        dlg = NewItemDialog(state)
        qtbot.addWidget(dlg)
        dlg.show()
        type_into(qtbot, dlg, "newItemName", "Pan Masala 10 g")
        type_into(qtbot, dlg, "newItemPrice", "12.35")
        type_into(qtbot, dlg, "newItemTax", "40")
        type_into(qtbot, dlg, "newItemCess", "60")
        type_into(qtbot, dlg, "newItemHsn", "21069020")
        if out := os.environ.get("POSSUITE_SHOT_DIR"):
            dlg.grab().save(f"{out}/new-item-cess.png")
        with qtbot.waitSignal(dlg.item_added, timeout=WAIT_MS) as added:
            click(qtbot, dlg, "newItemSaveButton")
        assert (added.args[0].tax_rate_bp, added.args[0].cess_rate_bp) == (4000, 6000)
    finally:
        state.shutdown()
