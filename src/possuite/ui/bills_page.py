"""The bills page (filter, sort, page) and one bill's detail (lines, tenders, allocations, returns, receipt,
return, void).

The list is ``services.bills.list_bills`` page by page (status derived at read time; a read never
writes). The detail loads ``get_bill`` and the receipt preview on the worker. Reprint queues a
copy (``services.print_queue.reprint``); void needs the owner (a cashier types the owner's PIN).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from possuite.domain import quantity
from possuite.domain.dates import format_date, format_datetime
from possuite.domain.errors import PossuiteError
from possuite.domain.labels import (
    STATUS_LABELS,
    kind_label,
    method_label,
    payment_kind_label,
    refund_label,
    return_status_label,
    status_label,
)
from possuite.domain.money import format_money
from possuite.domain.status import STATUSES
from possuite.services.bills import BillDetail, get_bill
from possuite.services.customers import get_customer, lookup
from possuite.ui.authorise_dialog import AuthoriseDialog
from possuite.ui.owner_actions import as_owner
from possuite.ui.owner_models import (
    STATUS_COLOURS,
    BillsModel,
    Column,
    RowRole,
    RowsModel,
    make_table,
    money_col,
    receipt_font,
)
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import domain_word, localise_date_edit
from possuite.ui.widgets import MessageLine, TouchButton, heading, set_role

ANY_DATE = QDate(2000, 1, 1)
TEXT_DEBOUNCE_MS = 300


def _date_edit(name: str) -> QDateEdit:
    d = localise_date_edit(QDateEdit())
    d.setAccessibleName(name)
    d.setObjectName(name)
    d.setCalendarPopup(True)
    d.setDisplayFormat("dd MMM yyyy")
    d.setMinimumDate(ANY_DATE)
    d.setSpecialValueText(QCoreApplication.translate("bills_page", "Any date"))
    d.setDate(ANY_DATE)
    d.setMinimumWidth(130)
    return d


def _picked(d: QDateEdit) -> date | None:
    q = d.date()
    return None if q == ANY_DATE else date(q.year(), q.month(), q.day())


class BillsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("billsPage")
        self.setObjectName("billsPage")
        self._dirty = True
        self.detail: BillDetailDialog | None = None
        self.customer_name: str | None = None

        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Bills")))
        bar = QHBoxLayout()
        self.status_select = QComboBox()
        self.status_select.setAccessibleName("billsStatusFilter")
        self.status_select.setMinimumHeight(40)
        self.status_select.addItem(self.tr("All statuses"), None)
        for st in ("pending", "partially_paid", "overdue", "paid", "complimentary", "void"):
            assert st in STATUSES
            self.status_select.addItem(domain_word(STATUS_LABELS[st]), st)
        self.from_date = _date_edit("billsFromDate")
        self.to_date = _date_edit("billsToDate")
        self.customer_input = QLineEdit()
        self.customer_input.setAccessibleName("billsCustomerFilter")
        self.customer_input.setPlaceholderText(self.tr("Customer name or phone"))
        self.customer_input.setClearButtonEnabled(True)
        self.number_input = QLineEdit()
        self.number_input.setAccessibleName("billsNumberFilter")
        self.number_input.setPlaceholderText(self.tr("Bill number"))
        self.number_input.setClearButtonEnabled(True)
        self.clear_button = TouchButton(self.tr("Clear filters"), "billsClearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.status_select)
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.from_date)
        bar.addWidget(QLabel(self.tr("To")))
        bar.addWidget(self.to_date)
        bar.addWidget(self.customer_input, 2)
        bar.addWidget(self.number_input, 1)
        bar.addWidget(self.clear_button)
        lay.addLayout(bar)
        info = QHBoxLayout()
        self.message = MessageLine("billsMessage")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("billsCount")
        set_role(self.count_label, "muted")
        info.addWidget(self.message, 1)
        info.addWidget(self.count_label)
        lay.addLayout(info)

        self.model = BillsModel(state, self)
        self.table = make_table(self.model, "billsTable", sortable=True)
        self.table.horizontalHeader().setSectionResizeMode(0, self.table.horizontalHeader().ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(2, self.table.horizontalHeader().ResizeMode.Stretch)
        self.table.activated.connect(self._open_detail)
        lay.addWidget(self.table, 1)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DEBOUNCE_MS)
        self._text_timer.timeout.connect(self.apply_filters)
        self.status_select.currentIndexChanged.connect(self.apply_filters)
        self.from_date.dateChanged.connect(self.apply_filters)
        self.to_date.dateChanged.connect(self.apply_filters)
        self.customer_input.textChanged.connect(lambda _t: self._text_timer.start())
        self.number_input.textChanged.connect(lambda _t: self._text_timer.start())
        self.model.total_changed.connect(self._show_count)
        self.model.rowsInserted.connect(lambda *_: self._show_count(self.model.total or 0))
        self.model.modelReset.connect(lambda: self._show_count(self.model.total or 0))
        self.model.failed.connect(lambda exc: self.message.show_error(error_text(exc)))
        state.data_changed.connect(self._data_changed)
        self.apply_filters()

    def on_shown(self) -> None:
        if self._dirty:
            self.apply_filters()

    def _data_changed(self, what: str) -> None:
        if what in ("sale", "collection", "adjustment", "void", "return", "customer", "demo", "import", "sync", "*"):
            if self.isVisible():
                self.apply_filters()
            else:
                self._dirty = True

    def clear_filters(self) -> None:
        for w in (self.status_select, self.from_date, self.to_date, self.customer_input, self.number_input):
            w.blockSignals(True)
        self.status_select.setCurrentIndex(0)
        self.from_date.setDate(ANY_DATE)
        self.to_date.setDate(ANY_DATE)
        self.customer_input.clear()
        self.number_input.clear()
        for w in (self.status_select, self.from_date, self.to_date, self.customer_input, self.number_input):
            w.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Resolve the customer text (on the worker) and reload the first page with the filters."""
        self._text_timer.stop()
        self._dirty = False
        f = self.model.filters
        f.status = self.status_select.currentData()
        f.date_from, f.date_to = _picked(self.from_date), _picked(self.to_date)
        f.number = self.number_input.text().strip()
        term = self.customer_input.text().strip()
        if f.date_from and f.date_to and f.date_from > f.date_to:
            self.message.show_error(self.tr("From date: is after the To date"))
            return
        if not term:
            f.customer_id, self.customer_name = None, None
            self.message.clear_message()
            self.model.reload()
            return

        ctx = self.state.ctx

        def find(term: str):
            try:
                return [get_customer(ctx, term)]
            except PossuiteError:  # not an id or a full phone: search names and digits
                return lookup(ctx, term, 5)

        def found(matches) -> None:
            if self.customer_input.text().strip() != term:
                return  # typed on since
            if not matches:
                self.message.show_error(self.tr("Customer: nobody matches “{term}”").format(term=term))
                f.customer_id = "-"  # shows no bills rather than all of them
            else:
                f.customer_id, self.customer_name = matches[0].id, matches[0].name
                others = len(matches) - 1
                shown = self.tr("Bills of {name}").format(name=matches[0].name)
                if others:
                    shown += self.tr(" (%n other customer(s) match; type more to choose)", "", others)
                self.message.show_info(shown)
            self.model.reload()

        self.state.tasks.run(find, term, on_done=found, on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show_count(self, total: int) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(self.tr("{shown:,} of {total:,} bills").format(shown=shown, total=total)
                                 if shown < total else self.tr("{total:,} bills").format(total=total))

    def _open_detail(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.open_detail(row.number)

    def open_detail(self, number: str) -> BillDetailDialog:
        self.detail = BillDetailDialog(self.state, number, self)
        self.detail.open()
        return self.detail


def _load_bill(ctx, number: str) -> tuple[BillDetail, str]:

    detail = get_bill(ctx, number)
    try:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.till import sale_receipt_preview

        preview = sale_receipt_preview(ctx, detail.number)
    except Exception as exc:  # a preview problem must not hide the bill
        preview = QCoreApplication.translate("bills_page", "(receipt preview unavailable: {error})").format(error=exc)
    return detail, preview


def line_columns(cur) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Item"), lambda ln: ln["description"]),
        Column(QT_TRANSLATE_NOOP("owner_models", "Qty"), lambda ln: ln["qty"], right=True, width=80,
               # thousandths (book 0010), shown as a receipt shows them: 1.250 kg, 3 TAB, 3
               text=lambda ln: quantity.receipt_qty(ln["qty"], ln["unit"], ln["pack_size"])),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Price"), lambda ln: ln["unit_price"], cur, width=110),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Discount"), lambda ln: ln["line_discount"] + ln["bill_discount"],
                  cur, width=100),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Tax"), lambda ln: ln["tax"], cur, width=95),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Amount"), lambda ln: ln["amount"], cur, width=115),
    ]


def tender_columns(cur) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Method"), lambda p: p["method"],
               lambda p: domain_word(method_label(p["method"])),
               width=90),
        Column(QT_TRANSLATE_NOOP("owner_models", "Kind"), lambda p: p["kind"],
               lambda p: domain_word(payment_kind_label(p["kind"])),
               width=90),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Tendered"), lambda p: p["tendered"], cur, width=115),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Applied"), lambda p: p["amount"], cur, width=115),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Change"), lambda p: p["change"], cur, width=100),
        Column(QT_TRANSLATE_NOOP("owner_models", "Reference"), lambda p: p["reference"] or ""),
    ]


def allocation_columns(cur) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Settled by"), lambda a: a["document"]),
        Column(QT_TRANSLATE_NOOP("owner_models", "Kind"), lambda a: a["kind"],
               lambda a: domain_word(kind_label(a["kind"])),
               width=120),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Amount"), lambda a: a["amount"], cur, width=120),
    ]


def return_columns(cur) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Credit note"), lambda n: n["number"], width=130),
        Column(QT_TRANSLATE_NOOP("owner_models", "Items"),
               lambda n: ", ".join(f"{ln['description']} × {ln['qty']}" for ln in n["lines"])),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Credit"), lambda n: n["total"], cur, width=110),
        Column(QT_TRANSLATE_NOOP("owner_models", "Refund"), lambda n: n["refund"],
               lambda n: domain_word(refund_label(n["refund"])),
               width=110),
        Column(QT_TRANSLATE_NOOP("owner_models", "Reason"), lambda n: n["reason"]),
    ]


class BillDetailDialog(QDialog):
    def __init__(self, state: AppState, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.number = number
        self.detail: BillDetail | None = None
        self.void_dialog = None
        self.return_dialog = None
        cur = state.ctx.currency
        self.setWindowTitle(self.tr("Bill {number}").format(number=number))
        self.setAccessibleName("billDetail")
        self.setObjectName("billDetail")
        self.resize(1060, 680)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title_label = heading(self.tr("Bill {number}").format(number=number), "billTitle")
        self.status_label = QLabel("")
        self.status_label.setAccessibleName("billStatus")
        head.addWidget(self.title_label)
        head.addWidget(self.status_label)
        head.addStretch(1)
        lay.addLayout(head)
        self.info_label = QLabel("")
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName("billInfo")
        lay.addWidget(self.info_label)

        split = QSplitter()
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.lines_model = RowsModel(line_columns(cur), self)
        self.tenders_model = RowsModel(tender_columns(cur), self)
        self.allocations_model = RowsModel(allocation_columns(cur), self)
        tabs = QTabWidget()
        tabs.addTab(make_table(self.lines_model, "billLinesTable"), self.tr("Lines"))
        tabs.addTab(make_table(self.tenders_model, "billTendersTable"), self.tr("Tenders"))
        tabs.addTab(make_table(self.allocations_model, "billAllocationsTable"), self.tr("Allocations"))
        self.returns_model = RowsModel(return_columns(cur), self)
        tabs.addTab(make_table(self.returns_model, "billReturnsTable"), self.tr("Returns"))
        self.tabs = tabs
        left_lay.addWidget(tabs, 1)
        self.totals = QGridLayout()
        left_lay.addLayout(self.totals)
        split.addWidget(left)
        self.receipt_view = QPlainTextEdit()
        self.receipt_view.setAccessibleName("billReceiptPreview")
        self.receipt_view.setReadOnly(True)
        self.receipt_view.setFont(receipt_font())
        self.receipt_view.setMinimumWidth(400)
        split.addWidget(self.receipt_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)

        self.message = MessageLine("billMessage")
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.reprint_button = TouchButton(self.tr("Reprint receipt"), "reprintButton")
        self.reprint_button.clicked.connect(self.reprint)
        self.return_button = TouchButton(self.tr("Return…"), "returnButton")
        self.return_button.clicked.connect(self.open_return)
        self.void_button = TouchButton(self.tr("Void bill…"), "voidButton", role="danger")
        self.void_button.clicked.connect(self.open_void)
        self.close_button = TouchButton(self.tr("Close"), "billCloseButton")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.void_button)
        for b in (self.reprint_button, self.void_button):  # the back office on the hub only reads
            b.setVisible(not state.read_only)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.state.tasks.run(_load_bill, self.state.ctx, self.number, on_done=self._show,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _total_row(self, row: int, label: str, amount: int, *, pending: bool = False) -> None:
        cur = self.state.ctx.currency
        name = QLabel(label)
        value = QLabel(format_money(amount, cur))
        value.setAccessibleName(f"bill{label.replace(' ', '')}")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if pending and amount > 0:
            set_role(value, "pending")
        self.totals.addWidget(name, row // 3, (row % 3) * 2)
        self.totals.addWidget(value, row // 3, (row % 3) * 2 + 1)

    def _show(self, loaded: tuple[BillDetail, str]) -> None:
        detail, preview = loaded
        self.detail = detail
        b = detail.bill
        st = b["status"]
        returned = domain_word(return_status_label(b.get("return_status")))
        self.status_label.setText(domain_word(status_label(st)) + (f" · {returned}" if returned else ""))
        self.status_label.setStyleSheet(f"font-weight: bold; font-size: 13pt; color: {STATUS_COLOURS[st].name()};")
        who = detail.customer["name"] if detail.customer else self.tr("Walk-in customer")
        bits = [format_datetime(b["posted_at"]), who, self.tr("cashier {name}").format(name=b["user_name"])]
        if b["due_date"]:
            bits.append(self.tr("due {date}").format(date=format_date(b["due_date"])))
        if b["authorised_by"]:
            bits.append(self.tr("authorised by {name}").format(name=b["authorised_by"]))
        if b["complimentary"]:
            bits.append(self.tr("complimentary: {reason}").format(reason=b["comp_reason"]))
        if b["voided_at"]:
            if b.get("voided_by"):
                bits.append(self.tr("voided {when} by {name}: {reason}").format(
                    when=format_datetime(b["voided_at"]), name=b["voided_by"], reason=b["void_reason"]))
            else:
                bits.append(self.tr("voided {when}: {reason}").format(when=format_datetime(b["voided_at"]),
                                                                      reason=b["void_reason"]))
        self.info_label.setText(" • ".join(bits))
        self.lines_model.set_rows(detail.lines)
        self.tenders_model.set_rows(detail.payments)
        self.allocations_model.set_rows(detail.allocations)
        self.tabs.setTabText(1, self.tr("Tenders ({count})").format(count=len(detail.payments)))
        self.tabs.setTabText(2, self.tr("Allocations ({count})").format(count=len(detail.allocations)))
        while self.totals.count():
            w = self.totals.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        figures = [(self.tr("Subtotal"), b["subtotal"]), (self.tr("Discount"), b["discount"]),
                   (self.tr("Tax"), b["tax"])]
        if b["complimentary"]:
            figures += [(self.tr("Value given"), b["retail_value"]), (self.tr("Total"), b["total"])]
        else:
            figures += [(self.tr("Total"), b["total"]), (self.tr("Paid"), b["paid"])]
        outstanding = self.tr("Outstanding")
        if not b["complimentary"]:
            figures.append((outstanding, b["outstanding"]))
        if detail.returns:
            figures.append((self.tr("Returned"), sum(n["total"] for n in detail.returns)))
        for i, (label, amount) in enumerate(figures):
            self._total_row(i, label, amount, pending=label == outstanding)
        self.receipt_view.setPlainText(preview)
        self.void_button.setEnabled(st != "void" and not detail.returns)
        self.void_button.setToolTip(self.tr("A bill with returns cannot be voided; return the rest instead.")
                                    if detail.returns else "")
        everything_back = b.get("return_status") == "returned"
        self.return_button.setEnabled(st != "void" and not everything_back)
        self.tabs.setTabText(3, self.tr("Returns ({count})").format(count=len(detail.returns)))
        self.returns_model.set_rows(detail.returns)

    def reprint(self) -> None:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.print_queue import reprint

        self.reprint_button.setEnabled(False)

        def done(_job) -> None:
            self.reprint_button.setEnabled(True)
            self.message.show_info(self.tr("A copy of the receipt is queued for the printer."))
            self.state.data_changed.emit("print")

        def failed(exc: BaseException) -> None:
            self.reprint_button.setEnabled(True)
            self.message.show_error(error_text(exc))

        self.state.tasks.run(reprint, self.state.ctx, self.number, on_done=done, on_error=failed)

    def open_return(self):
        """The return dialog for this bill; the detail reloads after a credit note is posted."""
        # deferred: the return service loads python-escpos through the print queue (~0.5 s); the window
        # opens without it
        from possuite.ui.return_dialog import ReturnDialog

        dlg = ReturnDialog(self.state, self.number, self)
        cur = self.state.ctx.currency

        def returned(result) -> None:
            text = self.tr("Credit note {number}: {amount}.").format(number=result.number,
                                                                     amount=format_money(result.total, cur))
            if result.refunded:
                text += self.tr(" Refund {amount} by {method}.").format(amount=format_money(result.refunded, cur),
                                                                        method=domain_word(method_label(result.refund_method)))
            self.message.show_info(text)
            self.reload()

        dlg.returned.connect(returned)
        self.return_dialog = dlg
        dlg.open()
        return dlg

    def open_void(self):
        """Owner: a reason. Cashier: a reason and the owner's PIN (authorises this one void)."""
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.collections import void_bill

        ctx = self.state.ctx
        number = self.number
        dlg = AuthoriseDialog(
            self.state, self, title=self.tr("Void bill {number}").format(number=number),
            explanation=self.tr("Voiding reverses the bill with new entries (nothing is deleted). Money paid towards "
                                "it settles the customer's other dues first; what is left is refunded."),
            work=lambda pin, reason: void_bill(as_owner(ctx, pin), number, reason),
            need_pin=not self.state.is_owner, need_reason=True, reason_label=self.tr("Reason"),
            confirm_text=self.tr("Void bill"))
        dlg.reason_input.setPlaceholderText(self.tr("e.g. entered twice, customer returned the product"))

        def voided(result) -> None:
            done = self.tr("Bill {number} is void.").format(number=result.number)
            if result.refund:
                done += self.tr(" Refund {amount}.").format(amount=format_money(result.refund, ctx.currency))
            self.message.show_info(done)
            self.state.data_changed.emit("void")
            self.reload()

        dlg.done.connect(voided)
        self.void_dialog = dlg
        dlg.open()
        return dlg
