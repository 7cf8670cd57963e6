"""The till's side of sync in the app, against a real PostgreSQL: Settings › Sync registers the till,
the background worker pushes after each sale, and the status bar says where the till stands."""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from pathlib import Path

import pytest
from hubkit import book_ids, hub_for, hub_ids, make_book, pg, trade
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from possuite.hub.connect import credentials_path, parse_url, save_password
from possuite.services import catalog, users
from possuite.services.logs import setup_logging, stop_logging
from possuite.ui.state import AppState

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from till_driver import add_item, click, find, open_payment, temp_settings, type_into, wait_summary  # noqa: E402

pytestmark = pytest.mark.hub

SYNC_WAIT_MS = 60_000


def _owner_window(qtbot, ctx, tmp_path, config_dir):
    from possuite.ui.main_window import MainWindow

    state = AppState(ctx.as_actor(users.login(ctx, "Owner", "1234")), config_dir=config_dir)
    win = MainWindow(state, temp_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return state, win


def _sell_cash(qtbot, win, code: str = "HC") -> str:
    page = win.show_page("checkout")
    add_item(qtbot, page, code)
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "500")
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    number = summary.result.number
    click(qtbot, summary, "summaryNewSaleButton")
    return number


def _register_in_settings(qtbot, win, url: str, password: str, code: str = "A"):
    settings = win.show_page("settings")
    tabs = settings.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Sync"))
    type_into(qtbot, settings, "hubUrlEdit", url)
    type_into(qtbot, settings, "hubPasswordEdit", password)
    type_into(qtbot, settings, "tillCodeEdit", code)
    type_into(qtbot, settings, "tillNameEdit", "Counter 1")
    click(qtbot, settings, "registerTillButton")
    return settings


def _dead_port() -> int:
    with socket.socket() as s:  # a port where nothing listens: the hub "stopped"
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _move_hub(ctx, config_dir, port: int) -> None:
    (url, password), = json.loads(credentials_path(config_dir).read_text()).items()
    moved = url.replace(f":{parse_url(url).port}/", f":{port}/")
    save_password(config_dir, parse_url(moved), password)
    with ctx.write() as conn:
        conn.execute(text("UPDATE sync_till SET hub_url = :u"), {"u": moved})


def test_register_from_settings_then_sales_are_pushed_and_the_status_bar_follows(
        qtbot, pg_server, hub_db, tmp_path, config_dir):
    log_file = setup_logging(tmp_path / "logs", level=logging.DEBUG)
    try:
        hub = hub_for(pg_server, hub_db)
        ctx = make_book(tmp_path / "till.sqlite3")
        catalog.add_item(ctx, "Haircut", "300", sku="HC")
        trade(ctx, 1)
        state, win = _owner_window(qtbot, ctx, tmp_path, config_dir)
        worker = state.sync_worker
        qtbot.waitUntil(lambda: worker.rounds >= 1, timeout=SYNC_WAIT_MS)
        assert not win.sync_status.isVisible()  # a book that is no till says nothing about sync

        owner = parse_url(hub["owner"])
        settings = _register_in_settings(qtbot, win, f"postgresql://{owner.username}@{owner.host}:{owner.port}/"
                                                     f"{owner.database}", owner.password)
        qtbot.waitUntil(lambda: find(settings, "syncHub").isVisible(), timeout=SYNC_WAIT_MS)
        assert find(settings, "syncTill").text() == "Till A (Counter 1)"
        qtbot.waitUntil(lambda: win.sync_status.text() == "Synced just now", timeout=SYNC_WAIT_MS)
        assert win.sync_status.isVisible() and win.sync_status.property("role") == "info"
        assert find(settings, "syncWaiting").text() == "0 sales, 0 rows in all"

        rounds = worker.rounds
        number = _sell_cash(qtbot, win)  # the worker pushes after the sale, on its own
        assert number.startswith("SAL-A-")
        qtbot.waitUntil(lambda: worker.rounds > rounds and not worker.running, timeout=SYNC_WAIT_MS)
        qtbot.waitUntil(lambda: set(book_ids(ctx, "bills")) == set(hub_ids(hub["admin"], "bills")),
                        timeout=SYNC_WAIT_MS)
        assert win.sync_status.text() == "Synced just now"

        _move_hub(ctx, config_dir, _dead_port())  # the hub stops answering
        sold = [_sell_cash(qtbot, win), _sell_cash(qtbot, win)]  # selling goes on
        qtbot.waitUntil(lambda: win.sync_status.text() == "Offline — 2 sales waiting", timeout=SYNC_WAIT_MS)
        assert win.sync_status.property("role") == "info"  # offline is normal: no red, no dialog
        assert all(n.startswith("SAL-A-") for n in sold) and len(set(sold)) == 2
        assert not [w for w in win.findChildren(QWidget) if w.accessibleName() == "errorMessage"
                    and w.isVisible()]
        qtbot.waitUntil(lambda: "2 sales" in find(settings, "syncWaiting").text(), timeout=SYNC_WAIT_MS)
        assert "Offline" in find(settings, "syncState").text()
        child = worker.process.proc  # every round ran in the app's one sync process (hub/sync_process.py)
        assert child.poll() is None and child.pid != os.getpid()
        win.close()
        assert child.poll() is not None  # closing the window ended it
        state.shutdown()
    finally:
        stop_logging()
    logged = log_file.read_text(encoding="utf-8")
    assert "sync" in logged  # the worker's rounds were logged...
    till_password = next(iter(json.loads(credentials_path(config_dir).read_text()).values()))
    for secret in (till_password, owner.password):
        assert secret not in logged  # ...and no password with them


def test_a_wrong_password_is_one_clear_line_naming_the_hub(qtbot, pg_server, hub_db, tmp_path, config_dir):
    hub = hub_for(pg_server, hub_db)
    ctx = make_book(tmp_path / "till.sqlite3")
    state, win = _owner_window(qtbot, ctx, tmp_path, config_dir)
    owner = parse_url(hub["owner"])
    settings = _register_in_settings(qtbot, win, f"postgresql://{owner.username}@{owner.host}:{owner.port}/"
                                                 f"{owner.database}", "not-the-password")
    message = find(settings, "registerMessage")
    qtbot.waitUntil(lambda: message.property("role") == "error", timeout=SYNC_WAIT_MS)
    assert message.text() == (f"Hub: cannot connect to {owner.username}@{owner.host}:{owner.port}/"
                              f"{owner.database} (wrong user name or password)")
    assert "not-the-password" not in message.text() and find(settings, "registerTillButton").isEnabled()
    type_into(qtbot, settings, "tillCodeEdit", "TOOLONG")  # the field keeps 3 characters: "TOO"
    assert find(settings, "tillCodeEdit").text() == "TOO"
    win.close()
    state.shutdown()


def test_a_refused_batch_shows_red_and_stays_queued(qtbot, pg_server, hub_db, tmp_path, config_dir):
    from possuite.hub.register import register_till

    hub = hub_for(pg_server, hub_db)
    ctx = make_book(tmp_path / "till.sqlite3")
    register_till(ctx, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    admin = pg(hub["admin"])
    with admin.begin() as conn:  # the hub takes no new bills (a constraint the rows already there escape)
        conn.execute(text("ALTER TABLE bills ADD CONSTRAINT no_new_bills CHECK (total < 0) NOT VALID"))
    admin.dispose()
    trade(ctx, 1)
    state, win = _owner_window(qtbot, ctx, tmp_path, config_dir)
    qtbot.waitUntil(lambda: win.sync_status.text().startswith("Sync refused: "), timeout=SYNC_WAIT_MS)
    assert "no_new_bills" in win.sync_status.text() and win.sync_status.property("role") == "error"
    assert hub_ids(hub["admin"], "bills") == []
    assert state.sync_worker.state.waiting_sales == 2  # nothing dropped
    win.close()
    state.shutdown()
