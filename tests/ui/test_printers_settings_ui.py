"""Settings › Printers: add a printer, test print with ₹, see the queue; errors shown, not raised."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QWidget

from possuite.services import users
from possuite.services.printers import add_printer, list_printers
from possuite.ui.state import AppState
from printing.escpos_decode import decode

WAIT_MS = 10_000


def named(root: QWidget, name: str, cls=QWidget):
    hits = [w for w in root.findChildren(cls) if w.accessibleName() == name]
    assert len(hits) == 1, f"{name}: {len(hits)} widgets"
    return hits[0]


@pytest.fixture
def tab(ctx, qtbot):
    from possuite.ui.printers_settings import PrintersTab

    state = AppState(ctx.as_actor(users.login(ctx, "Owner", "1234")))
    widget = PrintersTab(state)
    qtbot.addWidget(widget)
    widget.resize(760, 900)
    widget.show()
    qtbot.waitUntil(lambda: state.tasks.pending == 0, timeout=WAIT_MS)
    yield widget
    state.shutdown()


def test_owner_adds_a_file_printer_and_test_print_sends_a_sample_with_rupee_lines(tab, ctx, qtbot, tmp_path):
    target = tmp_path / "lp0"
    qtbot.keyClicks(named(tab, "printerName", QLineEdit), "Counter")
    types = named(tab, "printerType", QComboBox)
    types.setCurrentIndex(types.findData("file"))
    qtbot.keyClicks(named(tab, "printerTarget", QLineEdit), str(target))
    widths = named(tab, "printerWidth", QComboBox)
    widths.setCurrentIndex(widths.findData(32))
    qtbot.mouseClick(named(tab, "addPrinterButton", QPushButton), Qt.MouseButton.LeftButton)
    table = named(tab, "printersTable", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1 and tab.state.tasks.pending == 0, timeout=WAIT_MS)
    assert [(p.name, p.width, p.is_default) for p in list_printers(ctx)] == [("Counter", 32, True)]
    preview = named(tab, "printerPreview", QPlainTextEdit)
    qtbot.waitUntil(lambda: "PENDING BALANCE: ₹600.00" in preview.toPlainText(), timeout=WAIT_MS)
    assert max(len(ln) for ln in preview.toPlainText().splitlines()) <= 32

    test = named(tab, "testPrintButton", QPushButton)
    assert test.isEnabled() and test.height() >= 44
    qtbot.mouseClick(test, Qt.MouseButton.LeftButton)
    message = named(tab, "printerMessage")
    qtbot.waitUntil(lambda: message.text().startswith("Test receipt sent to Counter"), timeout=WAIT_MS)
    dec = decode(target.read_bytes())
    assert dec.find("TEST PRINT") and dec.images and dec.cuts == 1
    if os.environ.get("POSSUITE_SCREENSHOTS"):
        tab.grab().save(os.path.join(os.environ["POSSUITE_SCREENSHOTS"], "settings-printers.png"))


def test_a_bad_target_and_an_offline_printer_are_explained_in_the_tab(tab, ctx, qtbot):
    qtbot.keyClicks(named(tab, "printerName", QLineEdit), "USB")
    types = named(tab, "printerType", QComboBox)
    types.setCurrentIndex(types.findData("usb"))
    qtbot.keyClicks(named(tab, "printerTarget", QLineEdit), "epson")
    qtbot.mouseClick(named(tab, "addPrinterButton", QPushButton), Qt.MouseButton.LeftButton)
    message = named(tab, "printerMessage")
    qtbot.waitUntil(lambda: "Target:" in message.text(), timeout=WAIT_MS)
    assert "vendor:product" in message.text()

    add_printer(ctx, "Kitchen", "network", "127.0.0.1:9", default=True)
    tab.state.data_changed.emit("printers")
    table = named(tab, "printersTable", QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1 and tab.state.tasks.pending == 0, timeout=WAIT_MS)
    qtbot.mouseClick(named(tab, "testPrintButton", QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not reachable" in message.text(), timeout=WAIT_MS)
    assert message.text().startswith("Printer: Kitchen: network printer 127.0.0.1:9 not reachable")


def test_the_templates_button_names_the_folder_and_opens_it(tab, ctx, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    folder = ctx.db_path.parent / "receipts"
    label = named(tab, "receiptTemplatesFolder")
    assert str(folder) in label.text()
    button = named(tab, "openTemplatesFolderButton", QPushButton)
    assert button.text() == "Open receipt templates folder" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(folder)]
    assert (folder / "sale.j2").exists()  # a missing folder is made, with the samples, before it opens
