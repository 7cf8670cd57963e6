"""Start-up: the first-run wizard, the login with lockout, the main window's status bar, lock and geometry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow
from till_driver import CASHIER_PIN, OWNER_PIN, WAIT_MS, click, find, shown, temp_settings, type_into

from possuite.db.engine import open_database
from possuite.services import users
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR
from possuite.ui.main import AppController
from possuite.ui.main_window import MainWindow


@pytest.fixture
def controller_for(qtbot, clock, tmp_path):
    made = []

    def make(engine, path):
        c = AppController(engine, path, clock, temp_settings(tmp_path))
        made.append(c)
        return c

    yield make
    for c in made:
        for w in (c.window, c.login, c.wizard):
            if w is not None:
                w.close()
        c.shutdown()


def test_first_run_wizard_creates_the_store_and_signs_the_owner_in(qtbot, tmp_path, controller_for):
    path = tmp_path / "new.sqlite3"
    engine = open_database(path)
    ctl = controller_for(engine, path)
    ctl.start()
    wiz = ctl.wizard
    qtbot.waitUntil(lambda: wiz.isVisible(), timeout=WAIT_MS)
    assert ctl.login is None
    click(qtbot, wiz, "wizardNextButton")
    assert find(wiz, "wizardMessage").text() == "Store name: is required"
    type_into(qtbot, wiz, "storeNameInput", "Glow Salon")
    type_into(qtbot, wiz, "storePhoneInput", "020 2612 3456")
    type_into(qtbot, wiz, "invoicePrefixInput", "GS")
    click(qtbot, wiz, "wizardNextButton")
    type_into(qtbot, wiz, "ownerNameInput", "Anita")
    type_into(qtbot, wiz, "ownerPinInput", "2468")
    type_into(qtbot, wiz, "ownerPinAgainInput", "2469")
    click(qtbot, wiz, "wizardFinishButton")
    assert find(wiz, "wizardMessage").text() == "PIN again: does not match the PIN"
    assert not users.store_exists(engine)
    type_into(qtbot, wiz, "ownerPinAgainInput", "2468", enter=True)
    qtbot.waitUntil(lambda: ctl.window is not None and ctl.window.isVisible(), timeout=WAIT_MS)
    ctx = open_context(engine=engine, actor=CLI_ACTOR)
    assert ctx.store.name == "Glow Salon" and ctx.store.invoice_prefix == "GS"
    assert ctx.store.currency_code == "INR" and ctx.store.credit_days == 30
    assert [(u.name, u.role) for u in users.list_users(ctx)] == [("Anita", "owner")]
    assert users.login(ctx, "Anita", "2468").name == "Anita"
    assert find(ctl.window, "userStatus").text() == "User: Anita (owner)"
    assert find(ctl.window, "databaseStatus").text() == "Database: new.sqlite3"
    assert ctl.window.focusWidget() is ctl.window.checkout.item_entry  # ready to sell


def test_login_says_wrong_pin_and_locks_after_repeated_tries(qtbot, ctx, clock, controller_for):
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    ctl = controller_for(ctx.engine, ctx.db_path)
    ctl.start()
    dlg = ctl.login
    qtbot.waitUntil(lambda: dlg.users.count() == 2, timeout=WAIT_MS)
    dlg.select_user("Ravi")
    message = find(dlg, "loginMessage")
    for left in (4, 3, 2, 1):
        type_into(qtbot, dlg, "pinInput", "0000", enter=True)
        qtbot.waitUntil(lambda left=left: message.text() == f"PIN: wrong PIN ({left} tries left)", timeout=WAIT_MS)
    type_into(qtbot, dlg, "pinInput", "0000", enter=True)
    qtbot.waitUntil(lambda: message.text() == "PIN: wrong PIN; Ravi is now locked for a while", timeout=WAIT_MS)
    type_into(qtbot, dlg, "pinInput", CASHIER_PIN, enter=True)  # even the right PIN waits out the lock
    qtbot.waitUntil(lambda: "Ravi is locked after repeated wrong PINs; try again in" in message.text(),
                    timeout=WAIT_MS)
    assert ctl.window is None
    clock.set(clock.now() + timedelta(minutes=2))
    type_into(qtbot, dlg, "pinInput", CASHIER_PIN)
    click(qtbot, dlg, "signInButton")
    qtbot.waitUntil(lambda: ctl.window is not None, timeout=WAIT_MS)
    win = ctl.window
    assert find(win, "userStatus").text() == "User: Ravi (cashier)"
    # a cashier does not see the owner's pages
    assert not shown(win, "nav:settings") and not shown(win, "nav:balances")
    assert shown(win, "nav:checkout") and shown(win, "nav:customers")


def test_lock_then_switch_to_the_owner(qtbot, ctx, controller_for):
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    ctl = controller_for(ctx.engine, ctx.db_path)
    ctl.start()
    qtbot.waitUntil(lambda: ctl.login.users.count() == 2, timeout=WAIT_MS)
    ctl.login.select_user("Ravi")
    type_into(qtbot, ctl.login, "pinInput", CASHIER_PIN, enter=True)
    qtbot.waitUntil(lambda: ctl.window is not None, timeout=WAIT_MS)
    win = ctl.window
    click(qtbot, win, "lockButton")
    assert not win.isVisible()
    qtbot.waitUntil(lambda: ctl.login.isVisible() and ctl.login.users.count() == 2, timeout=WAIT_MS)
    assert ctl.login.users.currentItem().text().startswith("Ravi")  # the locked user is preselected
    ctl.login.select_user("Owner")
    type_into(qtbot, ctl.login, "pinInput", OWNER_PIN, enter=True)
    qtbot.waitUntil(lambda: win.isVisible(), timeout=WAIT_MS)
    assert ctl.window is win and find(win, "userStatus").text() == "User: Owner (owner)"
    assert shown(win, "nav:settings")
    click(qtbot, win, "nav:settings")
    tabs = find(win, "settingsTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())][:1] == ["Store"]
    assert {"Printers", "Backups"} <= {tabs.tabText(i) for i in range(tabs.count())}


def test_window_size_and_position_are_remembered(qtbot, ctx, tmp_path):
    from till_driver import signed_in_state

    state = signed_in_state(ctx)
    try:
        first = MainWindow(state, temp_settings(tmp_path))
        qtbot.addWidget(first)
        first.show()
        first.resize(1111, 777)
        first.close()
        saved = temp_settings(tmp_path).value("window/geometry")
        assert saved is not None
        second = MainWindow(state, temp_settings(tmp_path))
        qtbot.addWidget(second)
        # Qt fits a restored window onto the screen (the offscreen test screen is small), so compare
        # with what the saved bytes give on this screen, and with the default a first start gets.
        probe = QMainWindow()
        probe.setMinimumSize(second.minimumSize())
        probe.restoreGeometry(saved)
        assert second.size() == probe.size()
        assert second.size() != QSize(1280, 800)
    finally:
        state.shutdown()


def test_status_bar_names_user_store_database_and_printer(qtbot, till_owner):
    assert find(till_owner, "userStatus").text() == "User: Owner (owner)"
    assert find(till_owner, "storeStatus").text() == "Glow Salon"
    assert find(till_owner, "databaseStatus").text() == "Database: shop.sqlite3"
    qtbot.waitUntil(lambda: find(till_owner, "printerStatus").text() != "Printer: …", timeout=WAIT_MS)
    assert find(till_owner, "printerStatus").text() == "No receipt printer set up"


def test_possuite_with_no_command_opens_the_wizard_then_the_till(qtbot, tmp_path, monkeypatch):
    """The README's first command on a new file: wizard, then the main window; closing it ends the program."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from possuite.cli import main

    app = QApplication.instance()
    style, font = app.styleSheet(), app.font()
    db = tmp_path / "first.sqlite3"
    monkeypatch.setenv("POSSUITE_SETTINGS", str(tmp_path / "window.ini"))
    steps: list[str] = []
    seen: dict = {}

    def visible(name):
        return next((w for w in app.topLevelWidgets() if w.accessibleName() == name and w.isVisible()), None)

    def drive() -> None:
        wiz, win = visible("setupWizard"), visible("mainWindow")
        if wiz is not None and "wizard" not in steps:
            steps.append("wizard")
            wiz.store_name.setText("Corner Clinic")
            wiz.next()
            wiz.pin.setText("5678")
            wiz.pin_again.setText("5678")
            wiz.finish()
        elif win is not None and "window" not in steps:
            steps.append("window")
            win.checkout.open_item()  # a new store: an open amount needs no catalog
        elif win is not None and "open item" not in steps and win.checkout.item_dialog.isVisible():
            steps.append("open item")
            win.checkout.item_dialog.amount.setText("450")
            win.checkout.item_dialog.add()
            win.checkout.pay()
        elif win is not None and "shift" not in steps and win.checkout.shift_dialog is not None \
                and win.checkout.shift_dialog.isVisible():
            steps.append("shift")  # a store made by the wizard counts the drawer before its first sale
            win.checkout.shift_dialog.float_input.setText("1000")
            win.checkout.shift_dialog.submit()
        elif win is not None and "pay" not in steps and win.checkout.payment_dialog is not None \
                and win.checkout.payment_dialog.isVisible():
            steps.append("pay")
            win.checkout.payment_dialog.tenders.rows[0].amount.setText("500")
            win.checkout.payment_dialog.complete_button.click()
        elif win is not None and "summary" not in steps and win.checkout.summary_dialog is not None:
            steps.append("summary")
            seen["summary"] = win.checkout.summary_dialog.result
            win.checkout.summary_dialog.accept()
            win.close()

    poll = QTimer()
    poll.timeout.connect(drive)
    poll.start(50)
    QTimer.singleShot(20_000, app.quit)  # never hang the suite
    try:
        rc = main(["--db", str(db)])
    finally:
        poll.stop()
        app.setQuitOnLastWindowClosed(True)
        app.setStyleSheet(style)
        app.setFont(font)
    assert steps == ["wizard", "window", "open item", "shift", "pay", "summary"] and rc == 0
    assert seen["summary"].outcome == "paid" and seen["summary"].change == 50_00
    assert (tmp_path / "window.ini").exists()  # the window's geometry was saved on close
    assert (tmp_path / "receipts" / "sale.j2").exists()  # the first run put the owner's templates beside the file
    ctx = open_context(db, actor=CLI_ACTOR)
    assert ctx.store.name == "Corner Clinic" and ctx.store.shifts_required
    assert [u.role for u in users.list_users(ctx)] == ["owner"]
    ctx.engine.dispose()
