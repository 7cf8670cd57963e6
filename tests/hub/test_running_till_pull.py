"""A running till uses what it last pulled, without a restart (issue 12: "Catalog, prices and store settings:
changed by the owner, last writer wins per row with a version; a till uses what it last pulled").

The owner changes an item's price and the store's name and address at till A; A syncs; till B's window, open all
along, pulls them in its sync process and from then on shows the new name, its tiles the new price, scans the
item at the new price and prints the new header, while the lines of a cart scanned before the pull keep the
price they were scanned at (``ui/book_watch.py``; docs/architecture.md §7, "What a running till takes from a
sync"), against a real PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hubkit import two_tills

from possuite.hub.sync import sync
from possuite.hub.sync_process import child_command
from possuite.services import catalog, users
from possuite.services.store_settings import update_settings
from possuite.services.till import sale_receipt_preview
from possuite.ui.state import AppState

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from till_driver import add_item, click, open_payment, temp_settings, type_into, wait_summary  # noqa: E402

pytestmark = pytest.mark.hub

SYNC_WAIT_MS = 60_000


def _window_at(qtbot, ctx, tmp_path, config_dir, *child_args: str):
    """Till B's window, signed in as the owner; its sync process started with ``child_args`` (tests)."""
    from possuite.ui.main_window import MainWindow

    state = AppState(ctx.as_actor(users.login(ctx, "Owner", "1234")), config_dir=config_dir)
    win = MainWindow(state, temp_settings(tmp_path))
    win.sync_worker.command = [*child_command(ctx.db_path, config_dir), *child_args]
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.sync_worker.rounds >= 1 and not win.sync_worker.running, timeout=SYNC_WAIT_MS)
    return state, win


def _tile(page, name: str) -> str:
    return next((t.text() for t in page.tiles if t.text().startswith(name + "\n") and t.isVisible()), "")


def _shop(pg_server, hub_db, tmp_path, config_dir):
    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    catalog.add_item(a, "Haircut", "300", sku="HC")
    sync(a, config_dir)
    sync(b, config_dir)
    assert b.store.name == "Glow Salon"  # B's context keeps the settings it read
    return a, b


def _owner_changes_at_a(a, config_dir) -> None:
    catalog.edit_item(a, "HC", price="350")
    update_settings(a, name="Glow Salon & Spa", address="7 FC Road, Pune")
    report = sync(a, config_dir)
    assert report.pushed >= 2 and report.rejected is None


def test_the_running_till_sells_at_the_pulled_price_and_prints_the_pulled_header(
        qtbot, pg_server, hub_db, tmp_path, config_dir):
    a, b = _shop(pg_server, hub_db, tmp_path, config_dir)
    state, win = _window_at(qtbot, b, tmp_path, config_dir)
    page = win.show_page("checkout")
    qtbot.waitUntil(lambda: _tile(page, "Haircut") == "Haircut\n₹300.00", timeout=SYNC_WAIT_MS)
    assert win.windowTitle() == "possuite — Glow Salon"

    _owner_changes_at_a(a, config_dir)
    worker = win.sync_worker
    rounds = worker.rounds
    pulled = []
    worker.pulled.connect(pulled.append)
    worker.request()  # what a sale or the minute's timer asks
    qtbot.waitUntil(lambda: worker.rounds > rounds and not worker.running, timeout=SYNC_WAIT_MS)
    assert len(pulled) == 1 and {k: pulled[0][k] for k in ("items", "stores")} == {"items": 1, "stores": 1}
    assert "bills" not in pulled[0]  # the round says what it pulled, by table (and the audit rows of the edits)
    qtbot.waitUntil(lambda: win.windowTitle() == "possuite — Glow Salon & Spa", timeout=SYNC_WAIT_MS)
    assert win.store_status.text() == "Glow Salon & Spa"
    qtbot.waitUntil(lambda: _tile(page, "Haircut") == "Haircut\n₹350.00", timeout=SYNC_WAIT_MS)
    win.grab().save(str(tmp_path / "after-pull.png"))

    add_item(qtbot, page, "HC")
    assert [(ln.unit_price, ln.qty) for ln in page.cart.lines] == [(350_00, 1000)]
    page.tiles[[t.text() for t in page.tiles].index("Haircut\n₹350.00")].click()  # a tile: the same price
    assert [(ln.unit_price, ln.qty) for ln in page.cart.lines] == [(350_00, 2000)]
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "700")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert summary.result.total == 700_00
    receipt = summary.receipt.toPlainText()
    assert "Glow Salon & Spa" in receipt and "7 FC Road, Pune" in receipt
    # b: the context the window was made from, a copy like the print worker's: the same settings
    assert b.store.name == "Glow Salon & Spa"
    printed = sale_receipt_preview(b, summary.result.number, 42)
    assert "Glow Salon & Spa" in printed and "7 FC Road, Pune" in printed
    win.close()
    state.shutdown()


def test_a_cart_scanned_before_the_pull_keeps_its_lines_price(qtbot, pg_server, hub_db, tmp_path, config_dir):
    a, b = _shop(pg_server, hub_db, tmp_path, config_dir)
    # The sync waits for an open sale (MAX_PAUSE_S in all; here 1 s), then pulls while the cart stays open.
    state, win = _window_at(qtbot, b, tmp_path, config_dir, "--max-pause-s", "1")
    page = win.show_page("checkout")
    add_item(qtbot, page, "HC")  # scanned before the owner's change reaches this till
    assert [ln.unit_price for ln in page.cart.lines] == [300_00]

    _owner_changes_at_a(a, config_dir)
    worker = win.sync_worker
    rounds = worker.rounds
    worker.request()
    qtbot.waitUntil(lambda: worker.rounds > rounds and not worker.running, timeout=SYNC_WAIT_MS)
    assert worker.state.pulled >= 2
    qtbot.waitUntil(lambda: _tile(page, "Haircut") == "Haircut\n₹350.00", timeout=SYNC_WAIT_MS)
    qtbot.waitUntil(lambda: win.windowTitle() == "possuite — Glow Salon & Spa", timeout=SYNC_WAIT_MS)
    assert [ln.unit_price for ln in page.cart.lines] == [300_00]  # the line scanned before keeps its price
    assert page.cart.totals.total == 300_00

    add_item(qtbot, page, "HC")  # scanned after: the new price, in a line of its own
    assert [(ln.unit_price, ln.qty) for ln in page.cart.lines] == [(300_00, 1000), (350_00, 1000)]
    win.grab().save(str(tmp_path / "cart-across-the-pull.png"))
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "650")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert summary.result.total == 650_00  # what the screen showed is what the bill posted
    receipt = summary.receipt.toPlainText()
    assert "Glow Salon & Spa" in receipt and "300.00" in receipt and "350.00" in receipt
    win.close()
    state.shutdown()
