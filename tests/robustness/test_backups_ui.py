"""Settings › Backups and the damaged-database dialog at start, driven like an owner would."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from possuite.services import backup
from possuite.services.context import Actor
from possuite.services.customers import add_customer
from possuite.ui import damaged_db_dialog
from possuite.ui.backups_settings import BackupsTab
from possuite.ui.damaged_db_dialog import DamagedDatabaseDialog, check_database_at_start
from possuite.ui.state import AppState
from testkit import sell

WAIT_MS = 15_000
SHOTS = Path(os.environ.get("POSSUITE_SCREENSHOTS", "/tmp/possuite-screens"))


def names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT name FROM customers ORDER BY name")]
    finally:
        con.close()


def damage(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file, none left in the WAL
    page = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        for n in range(2, pages, 3):
            fh.seek(n * page)  # the b-tree page header itself: quick_check cannot miss it
            fh.write(b"\xde\xad\xbe\xef" * 64)


def shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def tab(ctx, qtbot, clock):
    add_customer(ctx, "Asha Rao", "9822000001")
    backup.backup_now(ctx.db_path, kind="start", clock=clock)
    state = AppState(ctx)
    w = BackupsTab(state)
    qtbot.addWidget(w)
    w.resize(900, 480)
    w.show()
    qtbot.waitUntil(lambda: w.table.rowCount() == 1, timeout=WAIT_MS)
    yield w
    state.shutdown()


def test_the_tab_lists_backups_and_backs_up_now_off_the_gui_thread(tab, qtbot, clock):
    assert tab.table.item(0, 1).text() == "When the till started"
    clock.set(clock.now() + timedelta(minutes=5))
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=WAIT_MS)
    assert tab.table.item(0, 1).text() == "Backed up by hand"
    assert tab.message.text().startswith("Backed up to ")
    shot(tab, "settings-backups")


def test_restoring_a_selected_backup_asks_then_brings_the_book_back(tab, qtbot, ctx):
    add_customer(ctx, "Ravi Kumar", "9822000002")
    asked: list[str] = []
    tab.confirm = lambda text: asked.append(text) or True
    reloads: list[str] = []
    tab.state.data_changed.connect(reloads.append)
    tab.table.selectRow(0)
    assert tab.restore_button.isEnabled()
    tab.restore_button.click()
    qtbot.waitUntil(lambda: "Restored from" in tab.message.text(), timeout=WAIT_MS)
    assert "kept among the backups" in asked[0]
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=WAIT_MS)
    assert sorted(tab.table.item(r, 1).text() for r in range(2)) == ["Replaced by a restore", "When the till started"]
    assert names(ctx.db_path) == ["Asha Rao"]
    assert "sale" in reloads and "customer" in reloads
    add_customer(ctx, "After Restore", "9822000003")  # the till keeps working on the restored file
    assert names(ctx.db_path) == ["After Restore", "Asha Rao"]


def test_saying_no_restores_nothing(tab, qtbot, ctx):
    add_customer(ctx, "Ravi Kumar", "9822000002")
    tab.confirm = lambda text: False
    tab.table.selectRow(0)
    tab.restore_button.click()
    qtbot.wait(200)
    assert names(ctx.db_path) == ["Asha Rao", "Ravi Kumar"] and tab.state.tasks.pending == 0


def test_a_bad_file_is_refused_with_its_reason_on_screen(tab, qtbot, ctx, tmp_path):
    junk = tmp_path / "photo.sqlite3"
    junk.write_bytes(b"\x89PNG" + b"\x00" * 5000)
    tab.confirm = lambda text: True
    tab.ask_and_restore(junk, junk.name)
    qtbot.waitUntil(lambda: tab.message.property("role") == "error", timeout=WAIT_MS)
    assert tab.message.text() == "Backup file: photo.sqlite3 is not a SQLite database, so not a possuite backup"
    assert names(ctx.db_path) == ["Asha Rao"] and tab.backup_button.isEnabled()


def test_a_cashier_cannot_back_up_or_restore_even_if_the_tab_were_shown(tab, qtbot, ctx):
    tab.state.set_actor(Actor("Cash", "cashier"))
    tab.back_up()
    qtbot.waitUntil(lambda: tab.message.property("role") == "error", timeout=WAIT_MS)
    assert "backup and restore" in tab.message.text()


# -- the damaged-database dialog -----------------------------------------------------------------

@pytest.fixture
def shop_with_backup(ctx, clock):
    add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, None, 1000, pay=[("cash", 1000)])
    good = backup.backup_now(ctx.db_path, kind="day-end", clock=clock)
    add_customer(ctx, "Ravi Kumar", "9822000002")
    ctx.engine.dispose()
    return ctx.db_path, good


def _click_when_shown(qtbot, button_name: str) -> None:
    def click() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, DamagedDatabaseDialog) and w.isVisible())
        shot(dialog, "damaged-database-dialog")
        getattr(dialog, button_name).click()

    QTimer.singleShot(300, click)


def test_a_damaged_file_offers_the_newest_good_backup_and_restores_it(shop_with_backup, qtbot):
    path, good = shop_with_backup
    damage(path)
    newer_but_bad = backup.backup_now(path, kind="manual")  # a copy of the damaged file: not "good"
    assert backup.quick_check(newer_but_bad.path)
    _click_when_shown(qtbot, "restore_button")
    assert check_database_at_start(path) is True
    assert backup.quick_check(path) == [] and names(path) == ["Asha Rao"]
    kinds = [b.kind for b in backup.list_backups(path)]
    assert "before-restore" in kinds  # the damaged file is kept, not deleted


def test_the_dialog_names_the_newest_good_backup_and_quitting_changes_nothing(shop_with_backup, qtbot):
    path, good = shop_with_backup
    damage(path)
    before = path.read_bytes()
    dialog = DamagedDatabaseDialog(path, backup.quick_check(path), backup.newest_good_backup(path))
    qtbot.addWidget(dialog)
    assert good.path.name in dialog.offer.text() and f"{good.taken_at:%d %b %Y at %H:%M}" in dialog.offer.text()
    assert dialog.restore_button.isVisibleTo(dialog)
    _click_when_shown(qtbot, "quit_button")
    assert dialog.exec() == 0
    assert path.read_bytes() == before


def test_without_any_good_backup_the_dialog_says_so(ctx, qtbot, tmp_path):
    add_customer(ctx, "Asha Rao", "9822000001")
    ctx.engine.dispose()
    damage(ctx.db_path)
    dialog = DamagedDatabaseDialog(ctx.db_path, backup.quick_check(ctx.db_path), None)
    qtbot.addWidget(dialog)
    assert "No good backup was found" in dialog.offer.text()
    assert not dialog.restore_button.isVisibleTo(dialog)
    # A copy from a USB stick that is itself damaged is refused in the dialog, which stays open.
    usb = tmp_path / "usb.sqlite3"
    shutil.copy(ctx.db_path, usb)
    dialog.show()
    dialog.restore(usb)
    qtbot.waitUntil(lambda: dialog.message.property("role") == "error", timeout=WAIT_MS)
    assert "usb.sqlite3 is damaged" in dialog.message.text()
    assert dialog.quit_button.isEnabled() and dialog.isVisible()


def test_a_sound_file_starts_the_daily_backup_in_the_background(ctx, clock):
    ctx.engine.dispose()
    assert check_database_at_start(ctx.db_path, clock=clock) is True
    damaged_db_dialog.last_backup_thread.join(20)
    assert [b.kind for b in backup.list_backups(ctx.db_path)] == ["start"]
    assert check_database_at_start(ctx.db_path, clock=clock) is True
    damaged_db_dialog.last_backup_thread.join(20)
    assert len(backup.list_backups(ctx.db_path)) == 1  # once a day
    assert check_database_at_start(ctx.db_path.with_name("new.sqlite3"), clock=clock) is True  # first run
