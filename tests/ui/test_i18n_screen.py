"""The screen in each user's language: the login switches it, every window retranslates without a restart,
and no label or button is clipped in English or Hindi (docs/architecture.md §9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)
from till_driver import CASHIER_PIN, OWNER_PIN, WAIT_MS, find, make_shop, temp_settings, type_into

from possuite.domain.errors import PermissionDenied, ValidationError
from possuite.services import customers, users
from possuite.ui.main import AppController
from possuite.ui.main_window import MainWindow
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import current_language, set_language


@pytest.fixture
def controller(qtbot, ctx, clock, tmp_path):
    made: list[AppController] = []
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    users.set_language(ctx, "Ravi", "hi")
    make_shop(ctx)
    ctl = AppController(ctx.engine, ctx.db_path, clock, temp_settings(tmp_path))
    made.append(ctl)
    yield ctl
    for w in (ctl.window, ctl.login, ctl.wizard):
        if w is not None:
            w.close()
    ctl.shutdown()


def sign_in(qtbot, ctl: AppController, name: str, pin: str) -> None:
    qtbot.waitUntil(lambda: ctl.login is not None and ctl.login.isVisible() and ctl.login.users.count() == 2,
                    timeout=WAIT_MS)
    ctl.login.select_user(name)
    type_into(qtbot, ctl.login, "pinInput", pin, enter=True)
    qtbot.waitUntil(lambda: ctl.window is not None and ctl.window.isVisible(), timeout=WAIT_MS)


def nav_text(win: MainWindow, key: str) -> str:
    return win.nav_buttons[key].text()


def test_a_cashier_in_hindi_and_the_owner_in_english_share_the_till(qtbot, ctx, controller):
    ctl = controller
    ctl.start()
    sign_in(qtbot, ctl, "Owner", OWNER_PIN)
    win = ctl.window
    page = win.checkout
    assert nav_text(win, "checkout") == "Checkout" and page.pay_button.text() == "Pay (F12)"
    page.item_entry.setText("HC")
    page.add_from_entry()
    qtbot.waitUntil(lambda: page.cart.rowCount() == 1, timeout=WAIT_MS)

    find(win, "lockButton").click()
    qtbot.waitUntil(lambda: ctl.login.isVisible() and ctl.login.users.count() == 2, timeout=WAIT_MS)
    ctl.login.select_user("Ravi")  # picking Ravi shows the login in his language at once
    qtbot.waitUntil(lambda: ctl.login.sign_in_button.text() == "साइन इन", timeout=WAIT_MS)
    type_into(qtbot, ctl.login, "pinInput", CASHIER_PIN, enter=True)
    qtbot.waitUntil(lambda: win.isVisible() and nav_text(win, "checkout") == "बिलिंग", timeout=WAIT_MS)
    assert current_language() == "hi"
    assert page.pay_button.text() == "भुगतान (F12)"
    assert page.table.model().headerData(0, qt_horizontal()) == "सामान"
    assert find(win, "userStatus").text() == "यूज़र: Ravi (कैशियर)"
    assert page.cart.rowCount() == 1  # the window retranslated in place: the cart is still there
    win.show_page("shift")  # a page built in English before is built again in Hindi
    assert any(isinstance(w, QLabel) and "शुरुआती नकद" in w.text() for w in win.pages["shift"].findChildren(QLabel))

    find(win, "lockButton").click()
    sign_in(qtbot, ctl, "Owner", OWNER_PIN)
    qtbot.waitUntil(lambda: nav_text(win, "checkout") == "Checkout", timeout=WAIT_MS)
    assert page.pay_button.text() == "Pay (F12)" and find(win, "userStatus").text() == "User: Owner (owner)"
    assert page.table.model().headerData(0, qt_horizontal()) == "Item"


def qt_horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_the_language_picked_at_the_login_is_kept_for_the_user(qtbot, ctx, controller):
    ctl = controller
    ctl.start()
    qtbot.waitUntil(lambda: ctl.login.users.count() == 2, timeout=WAIT_MS)
    ctl.login.select_user("Owner")
    ctl.login.language.setCurrentIndex(ctl.login.language.findData("hi"))
    qtbot.waitUntil(lambda: ctl.login.quit_button.text() == "बाहर निकलें", timeout=WAIT_MS)
    type_into(qtbot, ctl.login, "pinInput", OWNER_PIN, enter=True)
    qtbot.waitUntil(lambda: ctl.window is not None and nav_text(ctl.window, "settings") == "सेटिंग्स",
                    timeout=WAIT_MS)
    assert {u.name: u.language for u in users.list_users(ctx)} == {"Owner": "hi", "Ravi": "hi"}


def test_a_service_error_reads_in_the_users_language(qapp):
    error = ValidationError("phone", "is required")
    assert error_text(error) == "Phone: is required"
    set_language("hi")
    assert error_text(error) == "फ़ोन: ज़रूरी है"


def test_the_book_checks_status_bar_words_read_in_the_users_language(qapp):
    from possuite.ui.check_worker import FULL, CheckOutcome

    set_language("en")
    assert CheckOutcome(FULL, 2).status() == "Book check: 2 finding(s) — run possuite check"
    assert CheckOutcome(FULL, 0, error="disk").status() == "Book check failed: disk"
    assert CheckOutcome(FULL, 0, gone="the check process ended").status() == \
        "Book check did not finish; it will run again"
    set_language("hi")
    assert CheckOutcome(FULL, 3).status() == "खाता-बही जाँच में कमियाँ मिलीं: 3 — possuite check चलाएँ"
    assert CheckOutcome(FULL, 0, error="disk").status() == "खाता-बही की जाँच नहीं हो सकी: disk"
    assert CheckOutcome(FULL, 0, gone="the check process ended (exit code -9)").status() == \
        "खाता-बही की जाँच पूरी नहीं हुई; यह फिर चलेगी"
    assert CheckOutcome(FULL, 0).status() == ""


def test_a_user_sets_their_own_language_and_only_an_owner_sets_anothers(ctx):
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    ravi = ctx.as_actor(users.login(ctx, "Ravi", CASHIER_PIN))
    users.set_language(ravi, "Ravi", "hi")
    assert users.login(ctx, "Ravi", CASHIER_PIN).language == "hi"
    with pytest.raises(PermissionDenied):
        users.set_language(ravi, "Owner", "hi")
    with pytest.raises(ValidationError):
        users.set_language(ctx, "Ravi", "fr")


# --- (c) nothing clipped, in either language --------------------------------------------------------------

def _line_edit_room(w: QLineEdit) -> int:
    """Pixels a line edit gives its text: the style's contents rectangle less Qt's 2 px margin each side and
    the text margins."""
    opt = QStyleOptionFrame()
    w.initStyleOption(opt)
    room = w.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, w).width()
    margins = w.textMargins()
    return room - 4 - margins.left() - margins.right()


def _combo_room(w: QComboBox) -> int:
    opt = QStyleOptionComboBox()
    w.initStyleOption(opt)
    return w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                    QStyle.SubControl.SC_ComboBoxEditField, w).width()


def _input_text_clipped(w: QWidget) -> str | None:
    """An input box whose text (or, empty, its placeholder) is wider than the box shows: cut off on screen."""
    if isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox):
        shown = w.text() or w.placeholderText()
        if shown and w.echoMode() == QLineEdit.EchoMode.Normal:
            need = w.fontMetrics().horizontalAdvance(shown)
            if need > _line_edit_room(w) + 1:
                return f"input {w.accessibleName() or shown[:40]!r}: text {need} px > {_line_edit_room(w)} px"
    elif isinstance(w, QComboBox) and w.currentText() and not w.isEditable():
        need = w.fontMetrics().horizontalAdvance(w.currentText())
        if need > _combo_room(w) + 1:
            return f"box {w.accessibleName() or w.currentText()[:40]!r}: text {need} px > {_combo_room(w)} px"
    return None


def clipped_widgets(root: QWidget) -> list[str]:
    """Visible labels, buttons and input boxes whose text needs more room than they were given (elided or cut)."""
    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        clipped_input = _input_text_clipped(w)
        if clipped_input:
            bad.append(clipped_input)
        elif isinstance(w, QAbstractButton) and w.text():
            hint = w.sizeHint()
            if w.width() + 1 < hint.width() or w.height() + 1 < min(hint.height(), 44):
                bad.append(f"button {w.accessibleName() or w.text()!r}: {w.width()}x{w.height()} < "
                           f"{hint.width()}x{hint.height()}")
        elif isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            if w.width() + 1 < w.minimumSizeHint().width():
                bad.append(f"label {w.text()[:40]!r}: {w.width()} < {w.minimumSizeHint().width()}")
        elif isinstance(w, QLabel) and w.wordWrap() and w.text() and w.hasHeightForWidth():
            if w.height() + 1 < w.heightForWidth(w.width()):
                bad.append(f"wrapped label {w.text()[:40]!r}: {w.height()} < {w.heightForWidth(w.width())}")
    return bad


def small_touch_targets(root: QWidget, *, inputs: bool = False) -> list[str]:
    """Touch buttons (and with ``inputs`` the input boxes a finger taps) lower than 44 px."""
    from possuite.ui.widgets import TOUCH_HEIGHT, TOUCH_INPUTS, TouchButton

    kinds = (TouchButton, *TOUCH_INPUTS) if inputs else (TouchButton,)
    return [f"{b.accessibleName() or type(b).__name__}: {b.height()} px" for b in root.findChildren(QWidget)
            if isinstance(b, kinds) and not isinstance(b.parent(), TOUCH_INPUTS) and b.isVisibleTo(root)
            and b.height() < TOUCH_HEIGHT]


SIZES = [(1366, 768), (1024, 700)]  # a common till screen and the main window's minimum size
PAGES = ["checkout", "shift", "customers", "bills", "balances", "reports", "settings"]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_no_label_or_button_is_clipped_on_any_page(qtbot, ctx, tmp_path, lang):
    make_shop(ctx)
    set_language(lang)
    state = AppState(ctx.as_actor(users.login(ctx, "Owner", OWNER_PIN)))
    win = MainWindow(state, temp_settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    problems = []
    try:
        for width, height in SIZES:
            win.resize(width, height)
            for key in PAGES:
                page = win.show_page(key)
                qtbot.waitUntil(lambda: state.tasks.pending == 0, timeout=WAIT_MS)
                if key == "settings":
                    tabs = page.tabs
                    for i in range(tabs.count()):
                        tabs.setCurrentIndex(i)
                        qtbot.wait(30)
                        qtbot.waitUntil(lambda: state.tasks.pending == 0, timeout=WAIT_MS)
                        problems += [f"{width}x{height} settings/{tabs.tabText(i)}: {p}"
                                     for p in clipped_widgets(tabs.currentWidget())]
                qtbot.wait(30)
                problems += [f"{width}x{height} {key}: {p}" for p in clipped_widgets(page)]
                problems += [f"{width}x{height} {key}: small {p}" for p in small_touch_targets(page)]
            problems += [f"{width}x{height} window: {p}" for p in clipped_widgets(win.centralWidget())]
    finally:
        win.close()
        state.shutdown()
    assert not problems, "\n".join(problems)


def _dialog_problems(dlg: QWidget) -> list[str]:
    """Clipped text, buttons and input boxes lower than 44 px, and a dialog larger than the smallest screen."""
    problems = clipped_widgets(dlg) + small_touch_targets(dlg, inputs=True)
    if dlg.width() > SIZES[-1][0] or dlg.height() > SIZES[-1][1]:
        problems.append(f"{dlg.width()}x{dlg.height()} does not fit {SIZES[-1]}")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_main_dialogs_show_every_text_whole(qtbot, ctx, tmp_path, lang, size):
    """Payment (with a split row), new customer and collect: nothing clipped, every button and input box a
    touch target of 44 px, at a common till screen and at the main window's minimum size."""
    shop = make_shop(ctx)
    set_language(lang)
    state = AppState(ctx.as_actor(users.login(ctx, "Owner", OWNER_PIN)))
    win = MainWindow(state, temp_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    page = win.checkout
    problems = []
    try:
        page.item_entry.setText("HC")
        page.add_from_entry()
        qtbot.waitUntil(lambda: page.cart.rowCount() == 1, timeout=WAIT_MS)
        page.set_customer(customers.get_customer(ctx, shop.priya.id))
        page.pay()
        qtbot.waitUntil(lambda: page.payment_dialog is not None and page.payment_dialog.isVisible(),
                        timeout=WAIT_MS)
        dlg = page.payment_dialog
        qtbot.waitUntil(lambda: state.tasks.pending == 0, timeout=WAIT_MS)
        dlg.tenders.add_row()  # a split payment's second row
        qtbot.wait(50)
        problems += [f"payment: {p}" for p in _dialog_problems(dlg)]
        dlg.tenders.remove_row(dlg.tenders.rows[-1])
        dlg.collect_now.click()  # the dialog grown by the old dues' collection
        qtbot.wait(50)
        problems += [f"payment, collecting old dues: {p}" for p in _dialog_problems(dlg)]
        dlg.reject()
        page.customer_panel.new_customer()
        new = page.customer_panel.customer_dialog
        qtbot.waitUntil(new.isVisible, timeout=WAIT_MS)
        qtbot.wait(50)
        problems += [f"new customer: {p}" for p in _dialog_problems(new)]
        new.reject()
        page.customer_panel.set_customer(customers.get_customer(ctx, shop.priya.id))
        page.customer_panel.collect_dues()
        collect = page.customer_panel.collect_dialog
        qtbot.waitUntil(collect.isVisible, timeout=WAIT_MS)
        qtbot.wait(50)
        problems += [f"collect: {p}" for p in _dialog_problems(collect)]
        collect.reject()
    finally:
        for w in QApplication.topLevelWidgets():
            if w is not win and w.isVisible():
                w.close()
        win.close()
        state.shutdown()
    assert not problems, "\n".join(problems)


def test_the_clipping_check_catches_a_squeezed_button_and_label(qtbot):
    """The check above must be able to fail: a button and a label narrower than their text."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    lay = QHBoxLayout(root)
    button = QPushButton("Complete Bill (No Payment)")
    button.setFixedWidth(40)
    label = QLabel("A label far longer than the room it is given")
    label.setMinimumWidth(0)
    label.setFixedWidth(30)
    lay.addWidget(button)
    lay.addWidget(label)
    root.show()
    qtbot.waitExposed(root)
    found = clipped_widgets(root)
    assert len(found) == 2 and found[0].startswith("button") and found[1].startswith("label")
    assert small_touch_targets(root) == []  # plain QPushButtons are not the till's touch buttons


def test_screenshots_render_the_screens_in_hindi(tmp_path):
    """``possuite screenshots OUTDIR --lang hi``: the demo users speak Hindi, the screens are shot in it.

    In its own process: the screenshot tool closes and deletes every window it finds when it is done.
    """
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "possuite", "--json", "screenshots", str(tmp_path / "shots"), "--lang",
                          "hi", "--scenario", "login"], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    files = [Path(f) for f in json.loads(out.stdout)["files"]]
    assert [f.name for f in files] == ["03-login-wrong-pin.png"] and files[0].stat().st_size > 5_000
    bad = subprocess.run([sys.executable, "-m", "possuite", "screenshots", str(tmp_path / "x"), "--lang", "fr"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_the_clipping_check_catches_cut_input_box_text(qtbot):
    """Input boxes too: a placeholder and a box's chosen text wider than the box."""
    from PySide6.QtWidgets import QHBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    lay = QHBoxLayout(root)
    line = QLineEdit()
    line.setPlaceholderText("e.g. 98765 43210 or a customer's full name")
    line.setFixedWidth(60)
    box = QComboBox()
    box.addItem("Unregistered: BILL OF SUPPLY, no GSTIN")
    box.setFixedWidth(60)
    roomy = QLineEdit("fits")
    roomy.setFixedWidth(200)
    for w in (line, box, roomy):
        lay.addWidget(w)
    root.show()
    qtbot.waitExposed(root)
    found = clipped_widgets(root)
    assert len(found) == 2 and found[0].startswith("input") and found[1].startswith("box"), found


def _dialogs(state, shop, ctx, tmp_path):
    """Every further dialog a user meets, built as the screens build them: (name, dialog)."""
    from datetime import datetime

    from possuite.domain.cart import CartLine
    from possuite.services import backup, checkout, shifts
    from possuite.ui.authorise_dialog import AuthoriseDialog
    from possuite.ui.damaged_db_dialog import DamagedDatabaseDialog
    from possuite.ui.item_dialog import EditItemDialog, NewItemDialog, OpenItemDialog
    from possuite.ui.return_dialog import ReturnDialog
    from possuite.ui.shift_dialogs import CashMoveDialog, CloseShiftDialog, OpenShiftDialog

    sale = checkout.complete_sale(ctx, checkout.SaleRequest(
        [CartLine("Haircut", 1000, 300_00, item_id=shop.haircut.id), CartLine("Shampoo 200 ml", 2000, 320_00,
                                                                               item_id=shop.shampoo.id)],
        customer_id=shop.priya.id, no_payment=True))
    yield "return", ReturnDialog(state, sale.number)
    yield "open shift", OpenShiftDialog(state, reason=QCoreApplication.translate(
        "CheckoutPage", "Selling needs an open shift at this till. Count the cash in the drawer to open one; the sale "
        "continues after it."))
    shifts.open_shift(ctx, 200_000)
    yield "cash in", CashMoveDialog(state, "in")
    yield "cash out", CashMoveDialog(state, "out")
    yield "close shift", CloseShiftDialog(state, shifts.shift_report(ctx))
    def bills(text: str) -> str:
        return QCoreApplication.translate("BillDetailDialog", text)

    dlg = AuthoriseDialog(
        state, None, title=bills("Void bill {number}").format(number=sale.number), need_pin=True, need_reason=True,
        explanation=bills("Voiding reverses the bill with new entries (nothing is deleted). Money paid towards it "
                          "settles the customer's other dues first; what is left is refunded."),
        work=lambda pin, reason: None, reason_label=bills("Reason"), confirm_text=bills("Void bill"))
    dlg.reason_input.setPlaceholderText(bills("e.g. entered twice, customer returned the product"))
    yield "authorise", dlg
    yield "open item", OpenItemDialog(state, amount="250")
    yield "new item", NewItemDialog(state, code="8901234500001")
    yield "edit item", EditItemDialog(state, shop.shampoo)
    good = backup.BackupInfo(tmp_path / "shop-2026-11-01.sqlite3", datetime(2026, 11, 1, 9, 0), "start", 1_250_000)
    yield "damaged book, restore a backup", DamagedDatabaseDialog(
        tmp_path / "shop.sqlite3", ["database disk image is malformed", "page 12 is never used"], good)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_return_shift_authorise_item_and_backup_dialogs_show_every_text_whole(qtbot, ctx, tmp_path, lang):
    """Each dialog at its own size: no label, button or input box clipped, touch targets of 44 px, and the
    dialog fits the main window's minimum size (the smallest screen the till supports)."""
    shop = make_shop(ctx)
    set_language(lang)
    state = AppState(ctx.as_actor(users.login(ctx, "Owner", OWNER_PIN)))
    problems = []
    try:
        for name, dlg in _dialogs(state, shop, ctx, tmp_path):
            qtbot.addWidget(dlg)
            dlg.show()
            qtbot.waitExposed(dlg)
            qtbot.waitUntil(lambda: state.tasks.pending == 0, timeout=WAIT_MS)
            qtbot.wait(50)
            problems += [f"{name}: {p}" for p in clipped_widgets(dlg) + small_touch_targets(dlg, inputs=True)]
            if dlg.width() > SIZES[-1][0] or dlg.height() > SIZES[-1][1]:
                problems.append(f"{name}: {dlg.width()}x{dlg.height()} does not fit {SIZES[-1]}")
            dlg.close()
    finally:
        state.shutdown()
    assert not problems, "\n".join(problems)
