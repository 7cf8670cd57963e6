"""One customer: profile, statement with running balance, bills, payments, and the owner's actions.

Loaded on the worker with ``services.customer_overview.customer_overview`` (a fixed number of queries).
Actions: Collect (green), Reminder (copies a ready message; offers WhatsApp when online),
Adjust / write-off (owner, reason), Deactivate (a customer who owes needs the owner — a cashier
is asked for the owner's PIN — and a choice: keep the dues visible or write them off), Reactivate.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.dates import format_date, format_datetime
from possuite.domain.errors import PossuiteError
from possuite.domain.labels import method_label, payment_kind_label, status_label
from possuite.domain.money import format_money, parse_money, to_major_string
from possuite.services import customer_overview as overview_service
from possuite.services.customer_overview import CustomerOverview, Reminder
from possuite.services.customers import edit_customer, reactivate_customer
from possuite.services.permissions import SET_CREDIT_LIMIT
from possuite.ui.bills_page import BillDetailDialog
from possuite.ui.collect_dialog import CollectDialog
from possuite.ui.owner_actions import AdjustDialog, DeactivateDialog
from possuite.ui.owner_models import (
    Column,
    RowRole,
    RowsModel,
    make_table,
    money_col,
)
from possuite.ui.state import AppState, error_text
from possuite.ui.translation import current_language, domain_word
from possuite.ui.widgets import CollectButton, MessageLine, PendingLabel, PrimaryButton, TouchButton, heading, set_role


def statement_columns(currency) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Date"), lambda r: r.posted_at,
               lambda r: format_datetime(r.posted_at), width=170),
        Column(QT_TRANSLATE_NOOP("owner_models", "Document"), lambda r: r.document, width=130),
        Column(QT_TRANSLATE_NOOP("owner_models", "Description"), lambda r: r.description_in(current_language())),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Debit"), lambda r: r.debit, currency, blank_zero=True, width=120),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Credit"), lambda r: r.credit, currency, blank_zero=True,
                  width=120),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Balance"), lambda r: r.balance, currency, pending=True, width=130),
    ]


def bill_columns(currency) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Number"), lambda b: b.number, width=130),
        Column(QT_TRANSLATE_NOOP("owner_models", "Date"), lambda b: b.posted_at, lambda b: format_date(b.posted_at),
               width=115),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Total"), lambda b: b.total, currency, width=120),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Paid"), lambda b: b.paid, currency, width=120),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Outstanding"), lambda b: b.outstanding, currency, pending=True,
                  width=125),
        Column(QT_TRANSLATE_NOOP("owner_models", "Status"), lambda b: b.status,
               lambda b: domain_word(status_label(b.status)), width=125,
               kind="status"),
        Column(QT_TRANSLATE_NOOP("owner_models", "Due"), lambda b: b.due_date, lambda b: format_date(b.due_date),
               width=115),
    ]


def payment_columns(currency) -> list[Column]:
    return [
        Column(QT_TRANSLATE_NOOP("owner_models", "Date"), lambda p: p.posted_at,
               lambda p: format_datetime(p.posted_at), width=170),
        Column(QT_TRANSLATE_NOOP("owner_models", "Receipt / bill"), lambda p: p.number or p.bill_number, width=130),
        Column(QT_TRANSLATE_NOOP("owner_models", "Kind"), lambda p: p.kind,
               lambda p: domain_word(payment_kind_label(p.kind)),
               width=110),
        Column(QT_TRANSLATE_NOOP("owner_models", "Method"), lambda p: p.method,
               lambda p: domain_word(method_label(p.method)),
               width=90),
        money_col(QT_TRANSLATE_NOOP("owner_models", "Amount"), lambda p: p.amount, currency, width=120),
        Column(QT_TRANSLATE_NOOP("owner_models", "Reference"), lambda p: p.reference),
        Column(QT_TRANSLATE_NOOP("owner_models", "By"), lambda p: p.user_name, width=90),
    ]


class CustomerDetailDialog(QDialog):
    def __init__(self, state: AppState, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.customer_id = customer_id
        self.overview: CustomerOverview | None = None
        self.reminder: Reminder | None = None
        self.action_dialog: QDialog | None = None
        self.loads = 0
        cur = state.ctx.currency
        self.setWindowTitle(self.tr("Customer"))
        self.setAccessibleName("customerDetail")
        self.setObjectName("customerDetail")
        self.resize(1040, 720)

        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        who = QVBoxLayout()
        self.name_label = heading("…", "detailName")
        self.info_label = QLabel("")
        set_role(self.info_label, "muted")
        self.info_label.setAccessibleName("detailInfo")
        who.addWidget(self.name_label)
        who.addWidget(self.info_label)
        head.addLayout(who, 1)
        figures = QVBoxLayout()
        self.balance_label = PendingLabel(cur, 0, prefix=self.tr("Pending: "), big=True, name="detailBalance")
        self.credit_label = QLabel("")
        self.credit_label.setAccessibleName("detailAvailableCredit")
        self.due_label = QLabel("")
        self.due_label.setAccessibleName("detailOldestDue")
        for w in (self.balance_label, self.credit_label, self.due_label):
            figures.addWidget(w)
        self.credit_label.setAlignment(self.balance_label.alignment())
        self.due_label.setAlignment(self.balance_label.alignment())
        head.addLayout(figures)
        lay.addLayout(head)

        actions = QHBoxLayout()
        self.collect_button = CollectButton(self.tr("Collect"), "detailCollectButton")
        self.collect_button.clicked.connect(self.open_collect)
        self.reminder_button = TouchButton(self.tr("Reminder"), "reminderButton")
        self.reminder_button.clicked.connect(self.send_reminder)
        self.adjust_button = TouchButton(self.tr("Adjust / write off"), "adjustButton")
        self.adjust_button.clicked.connect(self.open_adjust)
        self.deactivate_button = TouchButton(self.tr("Deactivate"), "deactivateButton", role="danger")
        self.deactivate_button.clicked.connect(self.open_deactivate)
        self.reactivate_button = TouchButton(self.tr("Reactivate"), "reactivateButton")
        self.reactivate_button.clicked.connect(self.reactivate)
        for b in (self.collect_button, self.reminder_button, self.adjust_button, self.deactivate_button,
                  self.reactivate_button):
            actions.addWidget(b)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.message = MessageLine("detailMessage")
        lay.addWidget(self.message)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("detailTabs")
        self.statement_model = RowsModel(statement_columns(cur), self)
        self.bills_model = RowsModel(bill_columns(cur), self)
        self.payments_model = RowsModel(payment_columns(cur), self)
        st_page = QWidget()
        st_lay = QVBoxLayout(st_page)
        self.statement_note = QLabel("")
        self.statement_note.setAccessibleName("statementNote")
        st_lay.addWidget(self.statement_note)
        self.statement_table = make_table(self.statement_model, "statementTable")
        self.statement_table.horizontalHeader().setSectionResizeMode(0, self.statement_table.horizontalHeader()
                                                                     .ResizeMode.Interactive)
        self.statement_table.horizontalHeader().setSectionResizeMode(2, self.statement_table.horizontalHeader()
                                                                     .ResizeMode.Stretch)
        st_lay.addWidget(self.statement_table)
        self.bills_table = make_table(self.bills_model, "customerBillsTable")
        self.bills_table.activated.connect(self._open_bill)
        self.payments_table = make_table(self.payments_model, "customerPaymentsTable")
        self.tabs.addTab(st_page, self.tr("Statement"))
        self.tabs.addTab(self.bills_table, self.tr("Bills"))
        self.tabs.addTab(self.payments_table, self.tr("Payments"))
        self.tabs.addTab(self._profile_tab(), self.tr("Profile"))
        lay.addWidget(self.tabs, 1)

        close = QHBoxLayout()
        close.addStretch(1)
        self.close_button = TouchButton(self.tr("Close"), "detailCloseButton")
        self.close_button.clicked.connect(self.accept)
        close.addWidget(self.close_button)
        lay.addLayout(close)

        state.data_changed.connect(self._data_changed)
        self.reload()

    def _profile_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.profile_name = QLineEdit()
        self.profile_name.setAccessibleName("profileName")
        self.profile_phone = QLineEdit()
        self.profile_phone.setAccessibleName("profilePhone")
        self.profile_limit = QLineEdit()
        self.profile_limit.setAccessibleName("profileCreditLimit")
        self.profile_limit.setPlaceholderText(self.tr("No limit"))
        self.profile_notes = QPlainTextEdit()
        self.profile_notes.setAccessibleName("profileNotes")
        self.profile_notes.setFixedHeight(90)
        form.addRow(self.tr("Name *"), self.profile_name)
        form.addRow(self.tr("Phone"), self.profile_phone)
        form.addRow(self.tr("Credit limit"), self.profile_limit)
        form.addRow(self.tr("Notes"), self.profile_notes)
        self.profile_message = MessageLine("profileMessage")
        form.addRow(self.profile_message)
        self.save_profile_button = PrimaryButton(self.tr("Save changes"), "saveProfileButton")
        self.save_profile_button.clicked.connect(self.save_profile)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_profile_button)
        form.addRow(row)
        return w

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        self.state.tasks.run(overview_service.customer_overview, self.state.ctx, self.customer_id, on_done=self._show,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _data_changed(self, what: str) -> None:
        if self.isVisible() and what in ("sale", "collection", "customer", "adjustment", "void", "return", "sync",
                                         "*"):
            self.reload()

    def _show(self, ov: CustomerOverview) -> None:
        self.overview = ov
        self.loads += 1
        c = ov.customer
        cur = self.state.ctx.currency
        self.setWindowTitle(self.tr("Customer — {name}").format(name=c.name))
        self.name_label.setText(c.name + ("" if c.active else self.tr("  (inactive)")))
        visits = self.tr("%n visit(s)", "", c.visits)
        bits = [b for b in (c.phone_display, visits,
                            self.tr("spent {amount}").format(amount=format_money(c.total_spent, cur)),
                            self.tr("customer since {date}").format(date=format_date(c.created_at))) if b]
        self.info_label.setText(" • ".join(bits))
        self.balance_label.set_amount(c.balance)
        if c.credit_limit is None:
            self.credit_label.setText(self.tr("No credit limit"))
        else:
            self.credit_label.setText(self.tr("Available credit: {available} of {limit}").format(
                available=format_money(max(c.available_credit, 0), cur), limit=format_money(c.credit_limit, cur)))
        d = ov.dues
        if d.oldest_due and c.balance > 0:
            if d.days_overdue:
                text = self.tr("Oldest due {date} — {days} days overdue ({open_bills} open)").format(
                    date=format_date(d.oldest_due), days=d.days_overdue, open_bills=d.open_bills)
            else:
                text = self.tr("Oldest due {date} ({open_bills} open)").format(date=format_date(d.oldest_due),
                                                                               open_bills=d.open_bills)
            self.due_label.setText(text)
            set_role(self.due_label, "pending" if d.days_overdue else "muted")
        else:
            self.due_label.setText("")
        st = ov.statement
        self.statement_model.set_rows(st.lines)
        hidden = self.tr(" (the {rows:,} oldest entries are summed in the opening balance)").format(
            rows=st.hidden_rows) if st.hidden_rows else ""
        self.statement_note.setText(self.tr("Opening balance {opening}{hidden} • Closing balance {closing}").format(
            opening=format_money(st.opening, cur), hidden=hidden, closing=format_money(st.closing, cur)))
        self.statement_table.scrollToBottom()
        self.bills_model.set_rows(ov.bills)
        self.payments_model.set_rows(ov.payments)
        self.tabs.setTabText(1, self.tr("Bills ({bills_total})").format(bills_total=ov.bills_total))
        self.tabs.setTabText(2, self.tr("Payments ({count})").format(count=len(ov.payments)))
        self.profile_name.setText(c.name)
        self.profile_phone.setText(c.phone or "")
        self.profile_limit.setText("" if c.credit_limit is None else to_major_string(c.credit_limit, cur))
        self.profile_limit.setReadOnly(not self.state.allowed(SET_CREDIT_LIMIT))
        self.profile_limit.setToolTip("" if self.state.allowed(SET_CREDIT_LIMIT)
                                      else self.tr("Only the owner can change a credit limit"))
        self.profile_notes.setPlainText(c.notes)
        self._update_actions()

    def _update_actions(self) -> None:
        c = self.overview.customer
        owner = self.state.is_owner
        writes = not self.state.read_only  # the back office on the hub only reads
        self.collect_button.setVisible(writes and c.balance > 0)
        self.collect_button.setText(self.tr("Collect {amount}").format(amount=format_money(c.balance,
                                                                                           self.state.ctx.currency)))
        self.adjust_button.setVisible(writes and owner)
        self.deactivate_button.setVisible(writes and c.active)
        self.reactivate_button.setVisible(writes and not c.active)
        self.save_profile_button.setVisible(writes)
        if c.balance > 0 and not owner:
            self.deactivate_button.setToolTip(self.tr("This customer owes money: the owner must approve with their "
                                                      "PIN"))
        else:
            self.deactivate_button.setToolTip("")

    # ------------------------------------------------------------ actions
    def open_collect(self):

        c = self.overview.customer
        dlg = CollectDialog(self.state, c.id, c.name, c.balance, self)
        self.action_dialog = dlg
        dlg.open()
        return dlg

    def open_adjust(self):
        c = self.overview.customer
        dlg = AdjustDialog(self.state, c.id, c.name, c.balance, self)
        dlg.done.connect(lambda _r: self.message.show_info(self.tr("Adjustment posted.")))
        self.action_dialog = dlg
        dlg.open()
        return dlg

    def open_deactivate(self):
        c = self.overview.customer
        dlg = DeactivateDialog(self.state, c.id, c.name, c.balance, self)
        dlg.done.connect(lambda _r: self.message.show_info(self.tr("{name} is now inactive.").format(name=c.name)))
        self.action_dialog = dlg
        dlg.open()
        return dlg

    def reactivate(self) -> None:

        def done(_view) -> None:
            self.message.show_info(self.tr("Reactivated."))
            self.state.data_changed.emit("customer")

        self.state.tasks.run(reactivate_customer, self.state.ctx, self.customer_id, on_done=done,
                             on_error=lambda exc: self.message.show_error(error_text(exc)))

    def save_profile(self) -> None:

        ctx = self.state.ctx
        current = self.overview.customer.credit_limit if self.overview else None
        typed = self.profile_limit.text().strip()
        try:
            limit = parse_money(typed, "credit limit", ctx.currency) if typed else None
        except PossuiteError as exc:
            self.profile_message.show_error(error_text(exc))
            return
        args: dict = dict(name=self.profile_name.text(), phone=self.profile_phone.text(),
                          notes=self.profile_notes.toPlainText())
        if limit != current:  # only a real change asks for the owner's right to set limits
            args.update(credit_limit=limit, clear_credit_limit=limit is None)

        def done(_view) -> None:
            self.save_profile_button.setEnabled(True)
            self.profile_message.show_info(self.tr("Saved."))
            self.state.data_changed.emit("customer")

        def failed(exc: BaseException) -> None:
            self.save_profile_button.setEnabled(True)
            self.profile_message.show_error(error_text(exc))

        self.save_profile_button.setEnabled(False)
        self.state.tasks.run(lambda: edit_customer(ctx, self.customer_id, **args), on_done=done, on_error=failed)

    def send_reminder(self) -> None:
        """Copy the message now; check the network on the worker; offer WhatsApp only when online."""
        if self.overview is None:
            return
        self.reminder = overview_service.reminder_for(self.state.ctx, self.overview)
        QGuiApplication.clipboard().setText(self.reminder.text)
        self.message.show_info(self.tr("Reminder copied to the clipboard."))
        if not self.reminder.whatsapp_url:
            self.message.show_info(self.tr("Reminder copied to the clipboard (no phone number for WhatsApp)."))
            return
        self.state.tasks.run(overview_service.is_online, on_done=self._online_checked,
                             on_error=lambda _exc: self._online_checked(False), lane="net")

    def _online_checked(self, online: bool) -> None:
        if not online or self.reminder is None:
            self.message.show_info(self.tr("Reminder copied to the clipboard. Offline: paste it into any messenger."))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Send reminder"),
                          self.tr("The reminder is on the clipboard. Open WhatsApp with it?"),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, self)
        box.setAccessibleName("whatsAppQuestion")
        box.finished.connect(lambda _res: self._open_whatsapp()
                             if box.clickedButton() is box.button(QMessageBox.StandardButton.Open) else None)
        self.whatsapp_box = box
        box.open()

    def _open_whatsapp(self) -> None:
        if self.reminder and self.reminder.whatsapp_url:
            QDesktopServices.openUrl(QUrl(self.reminder.whatsapp_url))

    def _open_bill(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is None:
            return

        self.action_dialog = BillDetailDialog(self.state, row.number, self)
        self.action_dialog.open()
