"""A full disk at the counter (issue 16, docs/architecture.md §8): the sale is refused with a message box
naming the problem (never a traceback), the payment dialog and the cart stay, and Complete works again as
soon as the space is back; Settings › Backups says a backup failed and why, and lists no half backup. The
book lives on a small tmpfs of its own (tests/diskkit.py)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from till_driver import WAIT_MS, add_item, click, find, open_payment, type_into, wait_summary

import diskkit
from possuite.services import backup
from possuite.services.bills import list_bills
from possuite.ui.backups_settings import BackupsTab
from possuite.ui.state import AppState


@pytest.fixture
def db_path():
    with diskkit.small_disk() as disk:
        yield disk / "shop.sqlite3"


def _error_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "errorMessage" and w.isVisible()]
    return boxes[0] if boxes else None


def test_a_full_disk_refuses_the_sale_with_a_message_box_and_complete_works_when_space_returns(
        qtbot, ctx, db_path, till_owner, till_shop):
    page = till_owner.checkout
    before = list_bills(ctx).total_count
    add_item(qtbot, page, "HC")
    dlg = open_payment(qtbot, page)
    type_into(qtbot, dlg, "amountInput", "300")
    con = sqlite3.connect(db_path)  # an empty WAL: the next commit needs new space on the disk
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    filler = diskkit.fill(db_path.parent)

    click(qtbot, dlg, "completeButton")
    qtbot.waitUntil(lambda: _error_box() is not None, timeout=WAIT_MS)
    box = _error_box()
    assert box.windowTitle() == "The sale was not saved"
    assert box.text().startswith(f"Disk: the disk holding the book ({db_path.parent}) is full, so nothing was saved")
    assert "Traceback" not in box.text() and "Sorry" not in box.text()
    assert find(dlg, "paymentMessage").text() == box.text()
    assert dlg.isVisible() and not page.cart.is_empty()
    assert list_bills(ctx).total_count == before
    box.accept()

    filler.unlink()
    click(qtbot, dlg, "completeButton")
    summary = wait_summary(qtbot, page)
    assert find(summary, "summaryOutcome").text() == "Paid"
    assert list_bills(ctx).total_count == before + 1


def test_back_up_now_on_a_full_disk_says_so_on_screen_and_leaves_no_half_backup(qtbot, ctx, db_path):
    first = backup.backup_now(db_path, kind="start", clock=ctx.clock)
    state = AppState(ctx)
    tab = BackupsTab(state)
    qtbot.addWidget(tab)
    tab.resize(900, 480)
    tab.show()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=WAIT_MS)
    try:
        filler = diskkit.fill(db_path.parent)
        qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "no backup was written" in tab.message.text(), timeout=WAIT_MS)
        assert tab.message.text() == (f"Backup: the disk holding {db_path.parent / 'backups'} is full, so no backup "
                                      "was written; free some space on it and back up again")
        assert [p.name for p in (db_path.parent / "backups").iterdir()] == [first.path.name]
        assert tab.table.rowCount() == 1
        filler.unlink()
        qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=WAIT_MS)
    finally:
        state.shutdown()
