"""The payment dialog: every checkout outcome of docs/architecture.md §4.1.

The live preview calls ``domain.ledger.plan_payment`` on each edit (integers only), so the
line ``₹300.00 to this bill · ₹500.00 to previous balance · change ₹0.00`` and the buttons
shown (Complete / Complete Bill (Pending: ₹X) / Complete Bill (No Payment) / Complimentary)
always match what ``services.checkout.complete_sale`` will post.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from possuite.db.storage_faults import StorageFault
from possuite.domain.cart import (
    CartLine,
    Discount,
    compute_totals,
    discount_over_limit,
    discount_percent_text,
    format_percent,
    parse_discount,
)
from possuite.domain.errors import CreditLimitExceeded, PermissionDenied, PossuiteError, ValidationError
from possuite.domain.ledger import PaymentPlan, plan_payment
from possuite.domain.money import format_money, to_major_string
from possuite.services.checkout import SaleRequest, SaleResult
from possuite.services.customers import CustomerView
from possuite.services.permissions import BIG_DISCOUNT, COMPLIMENTARY
from possuite.services.users import authorise
from possuite.ui.authorise_dialog import AuthoriseDialog
from possuite.ui.collect_inline import CollectInline
from possuite.ui.customer_search import CustomerPicker
from possuite.ui.state import AppState, error_text, show_error
from possuite.ui.tenders import TenderRows
from possuite.ui.translation import current_language, localise_date_edit
from possuite.ui.widgets import (
    AlertBox,
    CollectButton,
    MessageLine,
    MoneyLabel,
    PendingLabel,
    PrimaryButton,
    TouchButton,
    fit_placeholder,
    grow_to_fit,
    heading,
    set_role,
    touch_sized,
)


class PaymentDialog(QDialog):
    #: A bill was posted (SaleResult).
    completed = Signal(object)
    #: The customer changed here (picked, created, or their balance after Collect Now).
    customer_changed = Signal(object)
    #: The bill discount typed here (a valid ``Discount``): the cart keeps it, so cancelling and
    #: reopening the dialog shows it again until the sale completes or the cart is cleared.
    discount_changed = Signal(object)

    def __init__(self, state: AppState, lines: list[CartLine], discount: Discount | None,
                 customer: CustomerView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.currency = state.ctx.currency
        self.language = current_language()
        self.lines = list(lines)
        self.discount = discount or Discount()
        self.customer = customer
        self.total = compute_totals(self.lines, self.discount).total
        self.setWindowTitle(self.tr("Payment"))
        self.setAccessibleName("paymentDialog")
        self.setObjectName("paymentDialog")
        self.setMinimumWidth(820)
        self._build()
        touch_sized(self)  # inputs as tall as touch buttons
        self.reset(lines, discount, customer)

    def reusable(self) -> bool:
        """Closed, and built in the screen's language and the store's currency: ``reset`` can serve the next sale."""
        return (not self.isVisible() and self.currency == self.state.ctx.currency
                and self.language == current_language())

    def reset(self, lines: list[CartLine], discount: Discount | None, customer: CustomerView | None) -> None:
        """A new sale in the dialog built once (``CheckoutPage`` keeps it: building it took 30-50 ms of the F12).

        Everything a sale typed or saw here starts afresh: tenders, bill discount, note, due date, change
        toggle, messages, the override, the customer pick and the inline collection."""
        self.lines = list(lines)
        self.discount = discount or Discount()
        self.total = compute_totals(self.lines, self.discount).total
        self.plan: PaymentPlan | None = None
        self.needs_customer = False
        self.result: SaleResult | None = None
        self._busy = False
        self._discount_error = False
        self._last_request: SaleRequest | None = None
        self._override_kind = ""
        self._auth_dialog = None
        grown = self.picker.isVisibleTo(self) or self.collect.isVisibleTo(self)
        self.due_label.set_amount(self.total)
        self.discount_input.setText(self._discount_text())
        self.discount_info.setText("")
        set_role(self.discount_info, "info")
        self.collect.reset()
        self.picker.reset()
        self.tenders.reset()
        self.give_change.blockSignals(True)  # toggled -> recalc: once, below
        self.give_change.setChecked(False)
        self.give_change.blockSignals(False)
        self.notes_input.clear()
        today = self.state.ctx.clock.today()  # a till left open overnight: today's date and due date
        self._default_due = today + timedelta(days=self.state.ctx.store.credit_days)
        self.due_input.setMinimumDate(_qdate(today))
        self.due_input.setDate(_qdate(self._default_due))
        self.message.clear_message()
        self.override_button.hide()
        if grown:  # the last sale showed the customer pick or the collection: back to the plain size
            self.adjustSize()
        self._set_customer(customer, emit=False)  # and recalc()
        self.tenders.rows[0].amount.setFocus()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Amount due")))
        top.addStretch(1)
        self.due_label = MoneyLabel(self.currency, self.total, big=True, name="totalLabel")
        top.addWidget(self.due_label)
        lay.addLayout(top)
        self.customer_line = QLabel()
        self.customer_line.setAccessibleName("paymentCustomer")
        lay.addWidget(self.customer_line)
        # The bill discount (amount or %), spread over the lines for tax by domain.cart.compute_totals.
        disc = QHBoxLayout()
        disc.addWidget(QLabel(self.tr("Bill discount")))
        self.discount_input = QLineEdit(self._discount_text())
        self.discount_input.setAccessibleName("billDiscountInput")
        self.discount_input.setPlaceholderText(self.tr("amount or %, e.g. 50 or 10%"))
        self.discount_input.setMinimumHeight(44)
        self.discount_input.setMaximumWidth(220)
        fit_placeholder(self.discount_input)
        self.discount_input.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.discount_input.textEdited.connect(self._discount_edited)
        disc.addWidget(self.discount_input)
        self.discount_info = QLabel()
        self.discount_info.setAccessibleName("billDiscountInfo")
        self.discount_info.setWordWrap(True)
        disc.addWidget(self.discount_info, 1)
        lay.addLayout(disc)

        self.alert = AlertBox(name="pendingAlert")
        self.collect_now = self.alert.add_button(CollectButton(self.tr("Collect Now"), "collectNowButton"))
        self.collect_now.setAutoDefault(False)
        self.collect_now.clicked.connect(self._start_collect)
        lay.addWidget(self.alert)
        self.collect = CollectInline(self.state)
        self.collect.hide()
        self.collect.collected.connect(self._collected)
        lay.addWidget(self.collect)

        self.picker = CustomerPicker(self.state, self)
        self.picker_search = self.picker.search
        self.picker.picked.connect(lambda v: self._set_customer(v))
        self.picker.hide()
        lay.addWidget(self.picker)

        lay.addWidget(heading(self.tr("Payments")))
        self.tenders = TenderRows(self.currency)
        self.tenders.changed.connect(self.recalc)
        self.tenders.exact_button.clicked.connect(lambda: self.tenders.set_cash(self._bill_due()))
        for b in self.tenders.quick:
            b.clicked.connect(lambda _=False, b=b: self.tenders.set_cash(int(b.property("amount") or 0)))
        lay.addWidget(self.tenders)

        self.split_line = QLabel()
        self.split_line.setAccessibleName("splitLine")
        set_role(self.split_line, "split")
        lay.addWidget(self.split_line)
        self.give_change = QCheckBox(self.tr("Give change instead of settling the previous balance"))
        self.give_change.setAccessibleName("giveChangeToggle")
        self.give_change.setMinimumHeight(44)
        self.give_change.toggled.connect(self.recalc)
        lay.addWidget(self.give_change, 0, Qt.AlignmentFlag.AlignLeft)

        figures = QHBoxLayout()
        self.change_label = MoneyLabel(self.currency, 0, prefix=self.tr("Change: "), name="changeLabel")
        set_role(self.change_label, "change")
        self.pending_label = PendingLabel(self.currency, 0, big=True, name="pendingLabel")
        figures.addWidget(self.change_label)
        figures.addStretch(1)
        figures.addWidget(self.pending_label)
        lay.addLayout(figures)

        form = QFormLayout()
        self.notes_input = QLineEdit()
        self.notes_input.setAccessibleName("notesInput")
        self.notes_input.setPlaceholderText(self.tr("Note, e.g. Family member — will pay next month"))
        form.addRow(self.tr("Note"), self.notes_input)
        self.due_input = localise_date_edit(QDateEdit())
        self.due_input.setAccessibleName("dueDateInput")
        self.due_input.setCalendarPopup(True)
        self.due_input.setDisplayFormat("dd MMM yyyy")
        self.due_label_row = QLabel(self.tr("Pending due by"))
        form.addRow(self.due_label_row, self.due_input)
        lay.addLayout(form)

        self.message = MessageLine("paymentMessage")
        lay.addWidget(self.message)
        self.override_button = TouchButton(self.tr("Owner override…"), "overrideButton")
        self.override_button.setAutoDefault(False)
        self.override_button.clicked.connect(self._override)
        self.override_button.hide()
        lay.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignLeft)

        buttons = QHBoxLayout()
        self.cancel_button = TouchButton(self.tr("Cancel (Esc)"), "cancelPaymentButton")
        self.cancel_button.clicked.connect(self.reject)
        self.comp_button = TouchButton(self.tr("Complimentary"), "complimentaryButton", role="comp")
        self.comp_button.clicked.connect(self._complimentary)
        self.no_pay_button = TouchButton(self.tr("Complete Bill (No Payment)"), "completeNoPaymentButton",
                                         role="pending")
        self.no_pay_button.clicked.connect(lambda: self._complete(no_payment=True))
        self.pending_button = TouchButton(self.tr("Complete Bill (Pending)"), "completePendingButton",
                                          role="pending")
        self.pending_button.clicked.connect(lambda: self._complete(leave_pending=True))
        self.complete_button = PrimaryButton(self.tr("Complete (Enter)"), "completeButton")
        self.complete_button.clicked.connect(lambda: self._complete())
        for b in (self.cancel_button, self.comp_button, self.no_pay_button, self.pending_button,
                  self.complete_button):
            b.setAutoDefault(False)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.comp_button)
        buttons.addStretch(1)
        buttons.addWidget(self.no_pay_button)
        buttons.addWidget(self.pending_button)
        buttons.addWidget(self.complete_button)
        lay.addLayout(buttons)

    # --- bill discount -------------------------------------------------------------------
    def _discount_text(self) -> str:
        if self.discount.percent_bp:
            return format_percent(self.discount.percent_bp)
        return to_major_string(self.discount.amount, self.currency) if self.discount.amount else ""

    def _discount_edited(self, text: str) -> None:
        try:
            discount = parse_discount(text, self.currency)
            totals = compute_totals(self.lines, discount)
        except PossuiteError as exc:
            self._discount_error = True
            self.discount_info.setText(error_text(exc))
            set_role(self.discount_info, "error")
            self.recalc()
            return
        self._discount_error = False
        self.discount = discount
        self.total = totals.total
        self.due_label.set_amount(self.total)
        self.discount_changed.emit(discount)
        self.recalc()

    def _show_discount(self) -> None:
        """``−₹50.00 (10%)``, and whether the cashier's limit needs the owner's PIN (the service decides)."""
        if self._discount_error:
            return
        totals = compute_totals(self.lines, self.discount)
        if not totals.discount:
            self.discount_info.setText("")
            return
        text = self.tr("−{discount} ({percent} of {subtotal})").format(
            discount=format_money(totals.discount, self.currency),
            percent=discount_percent_text(totals.discount, totals.subtotal),
            subtotal=format_money(totals.subtotal, self.currency))
        limit = self.state.ctx.store.max_cashier_discount_bp
        over = not self.state.is_owner and discount_over_limit(totals.discount, totals.subtotal, limit)
        if over and not self.state.allowed(BIG_DISCOUNT):
            text += self.tr(" — over the cashiers' limit of {limit}: the owner's PIN is needed").format(
                limit=format_percent(limit))
        self.discount_info.setText(text)
        set_role(self.discount_info, "error" if over else "info")

    # --- customer ------------------------------------------------------------------------
    def _set_customer(self, view: CustomerView | None, emit: bool = True) -> None:
        self.customer = view
        cur = self.currency
        if view is None:
            self.customer_line.setText(self.tr("Walk-in customer (no account)"))
            self.alert.hide()
        else:
            phone = f" · {view.phone_display}" if view.phone_display else ""
            self.customer_line.setText(self.tr("Customer: <b>{name}</b>{phone}").format(name=view.name, phone=phone))
            owes = view.balance > 0
            self.alert.set_text(self.tr("Customer has pending balance: {amount}").format(
                amount=format_money(view.balance, cur)))
            self.alert.setVisible(owes)
            self.picker.hide()
        if emit:
            self.customer_changed.emit(view)
        self.recalc()

    def _start_collect(self) -> None:
        if self.customer is not None:
            self.collect.start(self.customer)
            self._fit()

    def _collected(self, result) -> None:
        if self.customer is not None:
            self._set_customer(replace(self.customer, balance=result.remaining_balance))

    # --- live preview --------------------------------------------------------------------
    def _bill_due(self) -> int:
        if self.customer is not None and self.customer.balance < 0:
            return max(0, self.total + self.customer.balance)
        return self.total

    def _preview(self, tenders) -> PaymentPlan:
        store = self.state.ctx.store
        has_customer = self.customer is not None
        previous = self.customer.balance if has_customer else 0
        kwargs = dict(total=self.total, tenders=tenders, currency=self.currency, leave_pending=bool(tenders),
                      no_payment=not tenders, apply_to_dues=not self.give_change.isChecked(),
                      allow_advances=store.allow_advances)
        try:
            plan = plan_payment(previous_balance=previous, has_customer=has_customer, **kwargs)
            self.needs_customer = False
        except ValidationError as exc:
            if exc.field != "customer":
                raise
            # A walk-in leaving money pending: show the figures, then ask for a customer.
            plan = plan_payment(previous_balance=0, has_customer=True, **{**kwargs, "allow_advances": False})
            self.needs_customer = True
        return plan

    def recalc(self) -> None:
        if not hasattr(self, "complete_button"):
            return
        cur = self.currency
        money = lambda v: format_money(v, cur)  # noqa: E731
        self.tenders.set_quick_amounts(self._bill_due())
        self.override_button.hide()
        self._show_discount()
        if self._discount_error:
            self.plan = None
            for b in (self.complete_button, self.pending_button, self.no_pay_button, self.comp_button):
                b.setEnabled(False)
            return
        try:
            tenders = self.tenders.tenders()
            plan = self._preview(tenders)
        except ValidationError as exc:
            self.plan = None
            self.message.show_error(error_text(exc))
            self.split_line.setText("")
            for b in (self.complete_button, self.pending_button, self.no_pay_button):
                b.setEnabled(False)
            return
        self.plan = plan
        self.message.clear_message()
        owes_before = self.customer is not None and self.customer.balance > 0
        parts = [self.tr("{amount} to this bill").format(amount=money(plan.to_bill))]
        if owes_before:
            parts.append(self.tr("{amount} to previous balance").format(amount=money(plan.to_previous)))
        if plan.to_advance:
            parts.append(self.tr("{amount} kept as credit").format(amount=money(plan.to_advance)))
        if plan.advance_used:
            parts.insert(0, self.tr("{amount} from earlier credit").format(amount=money(plan.advance_used)))
        parts.append(self.tr("change {amount}").format(amount=money(plan.change)))
        self.split_line.setText(" · ".join(parts) if plan.tendered else "")
        self.split_line.setVisible(bool(plan.tendered))
        self.give_change.setVisible(owes_before and (plan.to_previous > 0 or self.give_change.isChecked()))
        self.change_label.set_amount(plan.change)
        self.change_label.setVisible(plan.change > 0 or any(t.method == "cash" for t in tenders))
        self.pending_label.set_amount(plan.pending)
        self.pending_label.setVisible(plan.pending > 0)
        self.due_input.setVisible(plan.pending > 0)
        self.due_label_row.setVisible(plan.pending > 0)

        paid_in_full = plan.pending == 0
        self.complete_button.setVisible(paid_in_full)
        self.complete_button.setEnabled(paid_in_full and not self._busy)
        partly = plan.pending > 0 and plan.tendered > 0
        self.pending_button.setText(self.tr("Complete Bill (Pending: {money})").format(money=money(plan.pending)))
        self.pending_button.setVisible(partly)
        self.pending_button.setEnabled(partly and not self._busy)
        nothing = plan.tendered == 0 and plan.pending > 0
        self.no_pay_button.setVisible(nothing)
        self.no_pay_button.setEnabled(nothing and not self._busy)
        self.comp_button.setEnabled(not self._busy)
        if self.needs_customer and plan.pending:
            self.picker.set_pending(money(plan.pending))
        self._fit()

    def _fit(self) -> None:
        """Grow (never shrink) to show sections that appeared: nothing is ever cut off."""
        QTimer.singleShot(0, lambda: grow_to_fit(self))

    # --- completing ----------------------------------------------------------------------
    def _request(self, **flags) -> SaleRequest:
        tenders = [] if flags.get("no_payment") or flags.get("complimentary") else self.tenders.tenders()
        due = _pydate(self.due_input.date())
        return SaleRequest(
            lines=self.lines, customer_id=self.customer.id if self.customer else None, discount=self.discount,
            tenders=tenders, leave_pending=flags.get("leave_pending", False),
            no_payment=flags.get("no_payment", False), complimentary=flags.get("complimentary", False),
            reason=flags.get("reason", ""), apply_to_dues=not self.give_change.isChecked(),
            due_date=due if due != self._default_due else None, note=self.notes_input.text(),
        )

    def _complete(self, **flags) -> None:
        if self._busy or self.plan is None:
            return
        if (flags.get("leave_pending") or flags.get("no_payment")) and self.customer is None:
            self.picker.set_pending(format_money(self.plan.pending, self.currency))
            self.picker.show()
            self._fit()
            self.picker_search.focus()
            return
        try:
            req = self._request(**flags)
        except ValidationError as exc:
            self.message.show_error(error_text(exc))
            return
        self._last_request = req
        self._submit(lambda: self._run_sale(self.state.ctx, req))

    def _run_sale(self, ctx, req: SaleRequest) -> SaleResult:
        # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
        from possuite.services.checkout import complete_sale

        return complete_sale(ctx, req)

    def _submit(self, work) -> None:
        self._busy = True  # before anything else: a second press is refused from here on
        # the sale starts on the worker first; the dialog shows it is busy while it runs
        self.state.tasks.run(work, on_done=self._done, on_error=self._failed, label=self.tr("Completing the sale"))
        self._set_busy(True)
        self.message.show_info(self.tr("Completing…"))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.recalc()

    def _done(self, result: SaleResult) -> None:
        """The bill is posted: ``completed`` (the checkout page shows the summary, then tells the other pages:
        ``data_changed("sale")``) and the dialog closes."""
        self._busy = False
        self.result = result
        self.completed.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.show_error(error_text(exc))
        if isinstance(exc, StorageFault):  # a full disk or a read-only folder: the cashier must not miss it
            self.storage_box = show_error(self, exc, self.tr("The sale was not saved"))
        if isinstance(exc, CreditLimitExceeded):
            self._override_kind = "credit limit"
            self.override_button.show()
        elif isinstance(exc, PermissionDenied) and exc.action == BIG_DISCOUNT:
            self._override_kind = "discount"
            self.override_button.show()
        self._fit()

    def _complimentary(self) -> None:

        needs_pin = not self.state.allowed(COMPLIMENTARY)
        base = self._request(complimentary=True)
        ctx = self.state.ctx

        def work(pin: str, reason: str) -> SaleResult:
            # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
            from possuite.services.checkout import complete_sale

            use = authorise(ctx, pin) if pin else ctx
            return complete_sale(use, replace(base, reason=reason))

        value = format_money(self.total, self.currency)
        dlg = AuthoriseDialog(
            self.state, self, title=self.tr("Complimentary service"),
            explanation=(self.tr("The bill ({value}) is given free: the customer pays {zero} and owes nothing for it. "
                                 "An owner must authorise it with their PIN.") if needs_pin
                         else self.tr("The bill ({value}) is given free: the customer pays {zero} and owes nothing "
                                      "for it.")).format(value=value, zero=format_money(0, self.currency)),
            work=work, need_pin=needs_pin, need_reason=True, confirm_text=self.tr("Complete complimentary"))
        dlg.done.connect(self._done)
        dlg.open()
        self._auth_dialog = dlg

    def _override(self) -> None:

        req = self._last_request
        if req is None:
            return
        ctx = self.state.ctx

        def work(pin: str, reason: str) -> SaleResult:
            # deferred: loads python-escpos and reportlab (~0.5 s); the window opens without them
            from possuite.services.checkout import complete_sale

            return complete_sale(authorise(ctx, pin), replace(req, reason=reason))

        title = self.tr("Discount over the limit") if self._override_kind == "discount" \
            else self.tr("Credit-limit override")
        dlg = AuthoriseDialog(
            self.state, self, title=title, explanation=self.message.text(), work=work,
            need_pin=True, need_reason=False, reason_label=self.tr("Reason (optional)"),
            confirm_text=self.tr("Authorise"))
        dlg.done.connect(self._done)
        dlg.open()
        self._auth_dialog = dlg

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if focus is self.collect.amount_input or self.picker_search.isAncestorOf(focus):
                return
            if self.complete_button.isVisible() and self.complete_button.isEnabled():
                self._complete()
            return
        super().keyPressEvent(event)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())
