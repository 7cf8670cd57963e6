"""A running till takes what another process wrote on its book (``ui/book_watch.py``): ``possuite store set`` and
``possuite item edit --price`` run beside the open window change its title, its tiles, the price of the next scan
and the header of its next receipt, without a restart; a cart's lines scanned before keep their price
(docs/architecture.md §7, "What a running till takes from a sync")."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from till_driver import WAIT_MS, add_item, click, find, open_payment, type_into, wait_summary

from possuite.services.till import sale_receipt_preview


def _possuite(db_path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "possuite", "--db", str(db_path), *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _tile(page, name: str) -> str:
    return next((t.text() for t in page.tiles if t.text().startswith(name + "\n") and t.isVisible()), "")


def test_a_change_made_by_another_process_reaches_the_running_till(till_owner, ctx, db_path, qtbot, tmp_path):
    win = till_owner
    page = win.checkout
    watch = win.book_watch
    qtbot.waitUntil(lambda: watch.polls >= 1, timeout=WAIT_MS)  # the first look: where the book stands
    assert win.windowTitle() == "possuite — Glow Salon"
    qtbot.waitUntil(lambda: _tile(page, "Haircut") == "Haircut\n₹300.00", timeout=WAIT_MS)
    assert ctx.store.address == "12 MG Road, Pune"  # every copy of the context keeps what it read (the print worker's)
    add_item(qtbot, page, "HC")  # a line scanned before the change

    _possuite(db_path, "store", "set", "--store", "Glow Salon & Spa", "--address", "7 FC Road, Pune")
    _possuite(db_path, "item", "edit", "HC", "--price", "350")
    polls = watch.polls
    watch.poll()  # the status bar's timer does it every STATUS_POLL_MS
    qtbot.waitUntil(lambda: watch.polls > polls, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: win.windowTitle() == "possuite — Glow Salon & Spa", timeout=WAIT_MS)
    assert win.store_status.text() == "Glow Salon & Spa" and win.store_label.text() == "Glow Salon & Spa"
    qtbot.waitUntil(lambda: _tile(page, "Haircut") == "Haircut\n₹350.00", timeout=WAIT_MS)
    win.grab().save(str(tmp_path / "after-another-process.png"))

    add_item(qtbot, page, "HC")  # scanned after: the new price, in a line of its own
    assert [(ln.description, ln.unit_price, ln.qty) for ln in page.cart.lines] == [
        ("Haircut", 300_00, 1000), ("Haircut", 350_00, 1000)]
    assert page.cart.totals.total == 650_00  # the screen's total is what the sale posts
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "650")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    result = summary.result
    assert result.total == 650_00
    receipt = summary.receipt.toPlainText()
    assert "Glow Salon & Spa" in receipt and "7 FC Road, Pune" in receipt and "12 MG Road" not in receipt
    # The context the window was made from (a copy, as the print worker's is) lays the receipt out alike.
    printed = sale_receipt_preview(ctx, result.number, 42)
    assert "Glow Salon & Spa" in printed and "7 FC Road, Pune" in printed


def test_the_poll_reads_nothing_while_nobody_writes_and_a_constant_few_statements_after_a_change(
        till_owner, ctx, db_path, qtbot):
    """Quiet: one PRAGMA on the watch's own connection and no statement through the engine, nothing reloads.
    After a change elsewhere: the store's row and the tiles, one statement each, however big the catalog."""
    import threading

    from sqlalchemy import event

    from possuite.services import catalog

    win = till_owner
    watch = win.book_watch
    qtbot.waitUntil(lambda: watch.polls >= 1, timeout=WAIT_MS)
    seen: list[str] = []
    win.state.data_changed.connect(seen.append)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread().name == "possuite-search" and statement != "BEGIN":  # the poll's lane
            statements.append(statement)

    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        def poll_once() -> None:
            polls = watch.polls
            watch.poll()
            qtbot.waitUntil(lambda: watch.polls > polls and win.state.tasks.pending == 0, timeout=WAIT_MS)

        for _ in range(2):
            poll_once()
        assert (seen, statements, watch.store_reloads) == ([], [], 0)
        assert find(win, "storeStatus").text() == "Glow Salon"

        for n in range(50):  # a bigger catalog costs no more statements
            catalog.add_item(ctx, f"Item {n}", "10")
        _possuite(db_path, "store", "set", "--store", "Glow Salon & Spa")
        poll_once()
        qtbot.waitUntil(lambda: win.windowTitle() == "possuite — Glow Salon & Spa", timeout=WAIT_MS)
        assert seen == ["settings", "book"] and watch.store_reloads == 1
        # the store's row (the poll), then the tiles twice (after "settings" and after "book"): one statement each
        assert len(statements) == 3 and "FROM stores" in statements[0], statements
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)


def test_the_commit_counter_sees_other_connections_and_lets_go_of_the_book_when_the_engine_is_disposed(ctx, db_path):
    """A restore swaps the book's file once every connection of the app is closed (``engine.dispose()``): the
    counter's own connection goes with the pool's, and the next look opens a new one."""
    from possuite.db.engine import open_database
    from possuite.services.store_settings import update_settings
    from possuite.ui.book_watch import CommitCounter

    counter = CommitCounter()
    assert counter.moved(ctx.engine) is False  # the first look notes where the book stands
    assert counter.moved(ctx.engine) is False
    other = open_database(db_path)  # another process's connection, as `possuite store set` opens
    try:
        update_settings(replace(ctx, engine=other), name="Glow Salon & Spa")
    finally:
        other.dispose()
    assert counter.moved(ctx.engine) is True
    assert counter.moved(ctx.engine) is False
    ctx.engine.dispose()
    assert counter._conn is None  # closed with the engine's connections
    assert counter.moved(ctx.engine) is False and counter._conn is not None  # a new one, a new starting point
    counter.close()


def test_a_store_turned_composition_under_an_open_cart_charges_it_as_the_sale_posts(till_owner, ctx, db_path, qtbot):
    """The prices of the lines stay; their GST goes, as the checkout service charges a composition store nothing,
    so the total the cashier reads is the bill's total."""
    from possuite.services import catalog

    catalog.add_item(ctx, "Hair serum", "500", sku="SER", tax_rate="18", kind="product")
    win = till_owner
    page = win.checkout
    watch = win.book_watch
    qtbot.waitUntil(lambda: watch.polls >= 1, timeout=WAIT_MS)
    assert ctx.store.gst_registration == "regular"
    add_item(qtbot, page, "SER")
    assert (page.cart.lines[0].tax_rate_bp, page.cart.totals.total) == (1800, 590_00)

    _possuite(db_path, "store", "set", "--gst", "composition")
    watch.poll()
    qtbot.waitUntil(lambda: page.cart.totals.total == 500_00, timeout=WAIT_MS)
    assert [(ln.unit_price, ln.tax_rate_bp) for ln in page.cart.lines] == [(500_00, 0)]
    assert find(page, "totalLabel").text() == "₹500.00"
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "500")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert (summary.result.total, summary.result.change) == (500_00, 0)  # what the screen said, nothing to give back


def test_the_locked_tills_login_screen_takes_a_user_and_a_store_name_written_elsewhere(qtbot, ctx, db_path, clock,
                                                                                       tmp_path):
    """The till locked, its sync and its book watch go on: a cashier added and the store renamed by another
    process (a sync pulls them alike) show on the login screen, and the user picked stays picked."""
    from till_driver import CASHIER_PIN, OWNER_PIN, temp_settings

    from possuite.services import users
    from possuite.ui.main import AppController

    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    ctl = AppController(ctx.engine, ctx.db_path, clock, temp_settings(tmp_path))
    try:
        ctl.start()
        qtbot.waitUntil(lambda: ctl.login.users.count() == 2, timeout=WAIT_MS)
        ctl.login.select_user("Owner")
        type_into(qtbot, ctl.login, "pinInput", OWNER_PIN, enter=True)
        qtbot.waitUntil(lambda: ctl.window is not None and ctl.window.isVisible(), timeout=WAIT_MS)
        win = ctl.window
        qtbot.waitUntil(lambda: win.book_watch.polls >= 1, timeout=WAIT_MS)
        click(qtbot, win, "lockButton")
        login = ctl.login
        qtbot.waitUntil(lambda: login.isVisible() and login.users.count() == 2, timeout=WAIT_MS)
        assert login.users.currentItem().text().startswith("Owner")  # the one who locked
        login.select_user("Ravi")  # the next cashier picks their name...

        _possuite(db_path, "user", "add", "Meena", "--pin", "8642")  # ...as the owner adds a cashier elsewhere
        _possuite(db_path, "store", "set", "--store", "Glow Salon & Spa")
        polls = win.book_watch.polls
        win.book_watch.poll()  # the status bar's timer runs while the window is hidden
        qtbot.waitUntil(lambda: win.book_watch.polls > polls, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: login.users.count() == 3, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: find(login, "loginStore").text() == "Glow Salon & Spa", timeout=WAIT_MS)
        assert login.windowTitle() == "possuite — Glow Salon & Spa"
        assert login.users.currentItem().text().startswith("Ravi")  # still the one picked
        login.grab().save(str(tmp_path / "login-after.png"))
        login.select_user("Meena")
        type_into(qtbot, login, "pinInput", "8642", enter=True)
        qtbot.waitUntil(lambda: win.isVisible(), timeout=WAIT_MS)
        assert find(win, "userStatus").text() == "User: Meena (cashier)"
    finally:
        for w in (ctl.window, ctl.login):
            if w is not None:
                w.close()
        ctl.shutdown()


def test_a_restore_with_the_window_open_finds_the_watchs_connection_closed_and_the_watch_goes_on(
        till_owner, ctx, db_path, qtbot):
    """A restore swaps the file once every connection is closed (``backup.restore_backup`` disposes the engine):
    the watch's own goes too, and the watch sees the restored book's later changes."""
    from possuite.services import backup

    win = till_owner
    watch = win.book_watch
    qtbot.waitUntil(lambda: watch.polls >= 1, timeout=WAIT_MS)
    assert watch._commits._conn is not None
    kept = backup.backup_now(db_path, clock=ctx.clock)
    _possuite(db_path, "store", "set", "--store", "Not kept")  # written after the backup: the restore undoes it
    backup.restore_backup(ctx, kept.path)
    assert watch._commits._conn is None  # closed with the engine's, before the swap
    assert ctx.read_store().name == "Glow Salon"

    def poll_once() -> None:
        polls = watch.polls
        watch.poll()
        qtbot.waitUntil(lambda: watch.polls > polls, timeout=WAIT_MS)

    poll_once()  # a new connection: where the restored book stands
    _possuite(db_path, "store", "set", "--store", "Glow Salon & Spa")
    poll_once()
    qtbot.waitUntil(lambda: win.windowTitle() == "possuite — Glow Salon & Spa", timeout=WAIT_MS)
