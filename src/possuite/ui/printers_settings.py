"""Settings › Printers (owner): the receipt printers, adding one, a test print with ₹, the print queue,
and the owner's receipt-template folder (shown, and opened in the file manager by a button).

Every service call (listing, adding, printing, retrying) runs on the task runner, never on the
GUI thread: a test print to a switched-off network printer can take seconds to fail.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from possuite.printing.connections import TYPES, PrinterConfig
from possuite.printing.template_folder import install_samples, user_template_dir
from possuite.printing.templates import layout, problems
from possuite.printing.text import render_text
from possuite.services.print_queue import queue_status, retry
from possuite.services.print_worker import drain_once
from possuite.services.printers import (
    add_printer,
    list_printers,
    profiles,
    remove_printer,
    sample_receipt,
    set_default,
    test_print,
)
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, translated

TYPE_LABELS = {
    "network": QT_TRANSLATE_NOOP("printers_settings", "Network (IP:port)"),
    "usb": QT_TRANSLATE_NOOP("printers_settings", "USB (vendor:product)"),
    "serial": QT_TRANSLATE_NOOP("printers_settings", "Serial port"),
    "file": QT_TRANSLATE_NOOP("printers_settings", "Device file"),
    "cups": QT_TRANSLATE_NOOP("printers_settings", "System queue (CUPS)"),
    "win32": QT_TRANSLATE_NOOP("printers_settings", "Windows printer"),
}
TARGET_HINTS = {"network": "192.168.1.50:9100", "usb": "04b8:0202",
                "serial": QT_TRANSLATE_NOOP("printers_settings", "/dev/ttyUSB0 or COM3"),
                "file": "/dev/usb/lp0", "cups": "receipt", "win32": "POS-80"}
COLUMNS = (
    QT_TRANSLATE_NOOP("printers_settings", "Name"),
    QT_TRANSLATE_NOOP("printers_settings", "Type"),
    QT_TRANSLATE_NOOP("printers_settings", "Target"),
    QT_TRANSLATE_NOOP("printers_settings", "Paper"),
    QT_TRANSLATE_NOOP("printers_settings", "₹ printed as"),
    QT_TRANSLATE_NOOP("printers_settings", "Default"),
)


def _sample_text(ctx, width: int, symbol: bool) -> str:
    folder = user_template_dir(ctx.db_path, ctx.receipts_dir)
    rows = layout(sample_receipt(ctx), width, ascii_money=symbol, user_dir=folder, lang=ctx.store.receipt_language,
                  digits=ctx.store.receipt_digits)
    text = render_text(rows, width)
    if folder is not None:
        found = [p.message for p in problems() if p.path.startswith(str(folder))]
        if found:
            text = "\n".join(f"WARNING: {m}" for m in found) + "\n\n" + text
    return text


def _retry_and_drain(ctx):
    retry(ctx)
    tried = drain_once(ctx)
    return tried, queue_status(ctx)


class PrintersTab(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.printers: list[PrinterConfig] = []
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Receipt printers")))

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("printersTable")
        self.table.setHorizontalHeaderLabels(translated("printers_settings", COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        lay.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.test_button = PrimaryButton(self.tr("Test print"), "testPrintButton")
        self.default_button = TouchButton(self.tr("Make default"), "defaultPrinterButton")
        self.remove_button = TouchButton(self.tr("Remove"), "removePrinterButton")
        for b in (self.test_button, self.default_button, self.remove_button):
            b.setEnabled(False)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.test_button.clicked.connect(self.test_print)
        self.default_button.clicked.connect(self.make_default)
        self.remove_button.clicked.connect(self.remove)
        self.message = MessageLine("printerMessage")
        lay.addWidget(self.message)

        lay.addWidget(self._add_box())
        lay.addWidget(self._queue_box())
        lay.addWidget(self._templates_box())

        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("printerPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.preview.setFont(mono)
        self.preview.setMinimumHeight(160)
        lay.addWidget(QLabel(self.tr("What the test print says at the selected printer's width:")))
        lay.addWidget(self.preview, 1)
        state.data_changed.connect(self._on_data_changed)
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add a printer"))
        form = QFormLayout(box)
        self.name_input = QLineEdit()
        self.name_input.setAccessibleName("printerName")
        self.name_input.setPlaceholderText(self.tr("Counter"))
        self.type_select = QComboBox()
        self.type_select.setAccessibleName("printerType")
        for t in TYPES:
            self.type_select.addItem(QCoreApplication.translate("printers_settings", TYPE_LABELS[t]), t)
        self.target_input = QLineEdit()
        self.target_input.setAccessibleName("printerTarget")
        self.width_select = QComboBox()
        self.width_select.setAccessibleName("printerWidth")
        for w, label in ((42, self.tr("80 mm, 42 columns")), (48, self.tr("80 mm, 48 columns")),
                         (32, self.tr("58 mm, 32 columns"))):
            self.width_select.addItem(label, w)
        self.mode_select = QComboBox()
        self.mode_select.setAccessibleName("printerSymbolMode")
        self.mode_select.addItem(self.tr("₹ as a picture (recommended)"), "image")
        self.mode_select.addItem(self.tr("Rs. in plain text"), "symbol")
        self.profile_input = QComboBox()
        self.profile_input.setAccessibleName("printerProfile")
        self.profile_input.setEditable(True)
        self.default_check = QCheckBox(self.tr("Use for receipts (default printer)"))
        self.default_check.setAccessibleName("printerDefault")
        self.default_check.setChecked(True)
        self.kick_check = QCheckBox(self.tr("Open the cash drawer on cash sales"))
        self.kick_check.setAccessibleName("printerDrawerKick")
        self.add_button = TouchButton(self.tr("Add printer"), "addPrinterButton")
        self.add_button.clicked.connect(self.add)
        self.type_select.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        for label, widget in ((self.tr("Name"), self.name_input), (self.tr("Connection"), self.type_select),
                              (self.tr("Address"), self.target_input), (self.tr("Paper"), self.width_select),
                              (self.tr("Rupee sign"), self.mode_select),
                              (self.tr("Model profile"), self.profile_input)):
            form.addRow(label, widget)
        form.addRow(self.default_check)
        form.addRow(self.kick_check)
        form.addRow(self.add_button)
        self.profile_input.addItems(profiles())
        self.profile_input.setCurrentText("default")
        return box

    def _queue_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Print queue"))
        row = QHBoxLayout(box)
        self.queue_label = QLabel("…")
        self.queue_label.setAccessibleName("queueStatusLabel")
        self.queue_label.setWordWrap(True)
        self.retry_button = TouchButton(self.tr("Retry now"), "retryQueueButton")
        self.retry_button.clicked.connect(self.retry_queue)
        row.addWidget(self.queue_label, 1)
        row.addWidget(self.retry_button)
        return box

    def _templates_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Receipt templates"))
        row = QHBoxLayout(box)
        self.templates_folder = user_template_dir(self.state.ctx.db_path, self.state.ctx.receipts_dir)
        where = str(self.templates_folder) if self.templates_folder \
            else self.tr("no folder (the database is not a file)")
        self.templates_label = QLabel(self.tr("What a receipt says comes from sale.j2 and collection.j2 in\n{where}")
                                      .format(where=where))
        self.templates_label.setAccessibleName("receiptTemplatesFolder")
        self.templates_label.setWordWrap(True)
        self.templates_label.setTextInteractionFlags(self.templates_label.textInteractionFlags()
                                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.templates_button = TouchButton(self.tr("Open receipt templates folder"),
                                            "openTemplatesFolderButton")
        self.templates_button.setEnabled(self.templates_folder is not None)
        self.templates_button.clicked.connect(self.open_templates_folder)
        row.addWidget(self.templates_label, 1)
        row.addWidget(self.templates_button)
        return box

    def open_templates_folder(self) -> None:
        """Show the folder in the system's file manager (the samples are put back first if it is gone)."""
        if self.templates_folder is None:
            return
        if not self.templates_folder.is_dir():
            install_samples(self.templates_folder)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.templates_folder))):
            self.message.show_error(self.tr("Could not open {templates_folder}; open it in the file manager.").format(
                templates_folder=self.templates_folder))

    def _type_changed(self) -> None:
        self.target_input.setPlaceholderText(QCoreApplication.translate("printers_settings",
                                                                       TARGET_HINTS[self.type_select.currentData()]))

    # --- data -------------------------------------------------------------------------------

    def _on_data_changed(self, what: str) -> None:
        if what in ("printers", "print", "sale", "collection"):
            self.refresh()

    def refresh(self) -> None:
        self.state.tasks.search(lambda ctx: (list_printers(ctx), queue_status(ctx)), self.state.ctx,
                                on_done=self._show, on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show(self, result) -> None:
        printers, status = result
        keep = self.selected().name if self.selected() else None
        self.printers = printers
        self.table.setRowCount(len(printers))
        for r, p in enumerate(printers):
            kind = QCoreApplication.translate("printers_settings", TYPE_LABELS[p.type]) if p.type in TYPE_LABELS \
                else p.type
            values = (p.name, kind, p.target, self.tr("{width} columns").format(width=p.width),
                      self.tr("picture") if p.symbol_mode == "image" else "Rs.",
                      self.tr("yes") if p.is_default else "")
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        target = next((i for i, p in enumerate(printers) if p.name == keep), 0 if printers else None)
        if target is not None:
            self.table.selectRow(target)
        self._selection_changed()
        last = self.tr("Last error: {error}").format(error=status.last_error) if status.last_error else ""
        self.queue_label.setText(status.message + (f"\n{last}" if last else ""))
        self.retry_button.setEnabled(bool(status.waiting or status.failed))

    def selected(self) -> PrinterConfig | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.printers):
            return None
        return self.printers[rows[0].row()]

    def _selection_changed(self) -> None:
        p = self.selected()
        for b in (self.test_button, self.default_button, self.remove_button):
            b.setEnabled(p is not None)
        if p is not None:
            self.default_button.setEnabled(not p.is_default)
        width = p.width if p else int(self.width_select.currentData())
        symbol = bool(p and p.symbol_mode == "symbol")
        self.state.tasks.search(_sample_text, self.state.ctx, width, symbol, on_done=self.preview.setPlainText,
                                on_error=lambda exc: self.preview.setPlainText(error_text(exc)))

    # --- actions ----------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self.message.show_error(error_text(exc))

    def add(self) -> None:
        name = self.name_input.text()
        self.message.clear_message()
        options = {"width": int(self.width_select.currentData()), "profile": self.profile_input.currentText(),
                   "symbol_mode": self.mode_select.currentData(), "default": self.default_check.isChecked(),
                   "drawer_kick": self.kick_check.isChecked()}
        kind, target = self.type_select.currentData(), self.target_input.text()
        self.state.tasks.run(lambda ctx: add_printer(ctx, name, kind, target, **options), self.state.ctx,
                             on_done=self._added, on_error=self._failed, label=self.tr("Adding the printer…"))

    def _added(self, cfg: PrinterConfig) -> None:
        self.message.show_info(self.tr("Added {name} ({target}). Press Test print to check it.").format(name=cfg.name,
                                                                                                        target=cfg.target))
        self.name_input.clear()
        self.target_input.clear()
        self.state.data_changed.emit("printers")

    def test_print(self) -> None:
        p = self.selected()
        if p is None:
            return
        self.test_button.setEnabled(False)
        self.message.show_info(self.tr("Sending a test receipt to {name}…").format(name=p.name))
        self.state.tasks.run(test_print, self.state.ctx, p.name, on_done=self._tested, on_error=self._test_failed,
                             label=self.tr("Test print on {name}…").format(name=p.name))

    def _tested(self, cfg: PrinterConfig) -> None:
        self.test_button.setEnabled(True)
        self.message.show_info(self.tr("Test receipt sent to {name}. It should show ₹808.00 and PENDING BALANCE: "
                                       "₹600.00 in large letters.").format(name=cfg.name))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._failed(exc)

    def make_default(self) -> None:
        p = self.selected()
        if p is not None:
            self.state.tasks.run(set_default, self.state.ctx, p.name, on_error=self._failed,
                                 on_done=lambda _cfg: self.state.data_changed.emit("printers"))

    def remove(self) -> None:
        p = self.selected()
        if p is not None:
            self.state.tasks.run(remove_printer, self.state.ctx, p.name, on_error=self._failed,
                                 on_done=lambda _r: (self.message.show_info(self.tr("Removed {name}.").format(
                                     name=p.name)),
                                                     self.state.data_changed.emit("printers")))

    def retry_queue(self) -> None:
        self.retry_button.setEnabled(False)
        self.state.tasks.run(_retry_and_drain, self.state.ctx, on_done=self._retried, on_error=self._failed,
                             label=self.tr("Retrying waiting receipts…"))

    def _retried(self, result) -> None:
        tried, status = result
        printed = sum(1 for _d, outcome, _e in tried if outcome == "done")
        self.message.show_info(self.tr("{printed} of {count} waiting receipts printed. {message}").format(
            printed=printed, count=len(tried), message=status.message))
        self.state.data_changed.emit("print")


