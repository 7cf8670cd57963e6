"""Screenshots of each till screen in a known state, rendered headless (``possuite screenshots``).

A demo store is built in a temporary folder with the services (items, customers who owe),
then each scenario drives the real widgets into a state and saves a PNG. Used for the
README and to look at the UI without a display.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, qInstallMessageHandler
from sqlalchemy import insert

from possuite.db.engine import open_database
from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.hub import outbox
from possuite.hub.sync_state import SYNCED
from possuite.services import catalog, checkout, customers, shifts, store_settings, users
from possuite.services.app import open_context
from possuite.services.customers import lookup
from possuite.services.users import login
from possuite.ui.customer_dialog import CustomerDialog
from possuite.ui.login import LoginDialog
from possuite.ui.main import make_app
from possuite.ui.main_window import MainWindow
from possuite.ui.settings_page import SETTINGS_TABS
from possuite.ui.state import AppState
from possuite.ui.translation import set_language
from possuite.ui.wizard import SetupWizard

NOW = datetime(2026, 11, 1, 10, 30)
OWNER_PIN = "1234"
CASHIER_PIN = "4321"


def build_demo(path: Path, lang: str = "en"):
    """A salon with services, a few customers (two owe), and a cashier. Returns (engine, ctx).

    The returned context has no actor (like the till's before a login); the shooter signs in.
    Both users' screens speak ``lang`` (the login switches to the picked user's language).
    """

    engine = open_database(path)
    early = FixedClock(datetime(2026, 10, 5, 11, 0))
    users.init_store(engine, early, store="Glow Salon", owner="Owner", pin=OWNER_PIN,
                     address="12 MG Road, Pune", phone="020 2612 3456", tax_id="27ABCDE1234F1Z0",
                     upi_id="glowsalon@okbank")
    ctx = open_context(engine=engine, path=path, clock=early)
    ctx = ctx.as_actor(users.login(ctx, "Owner", OWNER_PIN))
    users.add_user(ctx, "Ravi", "cashier", CASHIER_PIN)
    for name in ("Owner", "Ravi"):
        users.set_language(ctx, name, lang)
    items = {}
    for name, price, sku in (("Haircut", 300_00, "HC"), ("Hair colour", 1500_00, "COL"), ("Facial", 800_00, "FAC"),
                             ("Manicure", 450_00, "MAN"), ("Pedicure", 550_00, "PED"), ("Beard trim", 150_00, "BT"),
                             ("Head massage", 250_00, "HM"), ("Shampoo 200 ml", 320_00, "SH200")):
        items[name] = catalog.add_item(ctx, name, price, sku=sku,
                                       kind="product" if "ml" in name else "service",
                                       barcode="8901234567890" if "ml" in name else None)
    priya = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    anita = customers.add_customer(ctx, "Anita Desai", "98220 11223", credit_limit="1000")
    customers.add_customer(ctx, "Rahul Mehta", "99887 66554")
    customers.add_customer(ctx, "Priyanka Rao", "98111 22334")

    def line(name: str, qty: int = 1) -> CartLine:
        it = items[name]
        return CartLine(it.name, qty * 1000, it.price, item_id=it.id, kind=it.kind)

    checkout.complete_sale(ctx, checkout.SaleRequest([line("Haircut"), line("Head massage")],
                                                     customer_id=priya.id, no_payment=True,
                                                     note="Will pay next visit"))
    checkout.complete_sale(ctx, checkout.SaleRequest([line("Facial")], customer_id=anita.id,
                                                     tenders=[Tender("cash", 500_00)], leave_pending=True))
    for _ in range(3):
        checkout.complete_sale(ctx, checkout.SaleRequest([line("Haircut"), line("Beard trim")],
                                                         tenders=[Tender("upi", 450_00)]))
    engine.dispose()
    engine = open_database(path)
    return engine, open_context(engine=engine, path=path, clock=FixedClock(NOW))


class Shooter:
    """Drives widgets and saves PNGs."""

    def __init__(self, outdir: Path, ctx, config_dir: Path | None = None, lang: str = "en") -> None:


        # The offscreen platform reports what it cannot do on every window; that is not news here.
        quiet = ("propagateSizeHints", "OpenType support missing")
        qInstallMessageHandler(lambda _mode, _ctx, msg: None if msg.startswith(quiet) or quiet[0] in msg
                               else print(msg))
        self.app = make_app()
        set_language(lang)
        self.outdir = outdir
        self.ctx = ctx
        owner = login(ctx, "Owner", OWNER_PIN)
        self.state = AppState(ctx.as_actor(owner), config_dir=config_dir)
        self.settings = QSettings(str(outdir / ".screenshots.ini"), QSettings.Format.IniFormat)
        self.saved: list[Path] = []

    def settle(self, until: Callable[[], bool] | None = None, timeout: float = 5.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.app.processEvents()
            if self.state.tasks.pending == 0 and (until is None or until()):
                break
            time.sleep(0.01)
        for _ in range(5):
            self.app.processEvents()

    def save(self, widget, name: str) -> Path:
        self.settle()
        widget.repaint()
        path = self.outdir / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        return path

    def window(self):

        w = MainWindow(self.state, self.settings)
        w.resize(1280, 800)
        w.show()
        self.settle(lambda: bool(w.checkout.tiles))
        return w

    def close(self) -> None:

        for w in self.app.topLevelWidgets():
            w.close()
            w.deleteLater()
        self.settle()
        self.state.shutdown()
        qInstallMessageHandler(None)  # no Python callback may run while the interpreter shuts down


def _checkout_with_cart(s: Shooter, customer_term: str | None = "Priya Sharma"):
    w = s.window()
    page = w.checkout
    for code in ("HC", "FAC", "Head massage"):
        page.item_entry.setText(code)
        page.add_from_entry()
        s.settle()
    if customer_term:

        page.set_customer(lookup(s.ctx, customer_term)[0])
    s.settle()
    return w, page


def _payment(s: Shooter, customer: str | None, amounts: list[tuple[str, str]] | None = None, **kw):
    w, page = _checkout_with_cart(s, customer)
    page.pay()
    s.settle()
    dlg = page.payment_dialog
    for i, (method, amount) in enumerate(amounts or []):
        row = dlg.tenders.rows[i] if i < len(dlg.tenders.rows) else dlg.tenders.add_row()
        row.method.setCurrentIndex(row.method.findData(method))
        row.amount.setText(amount)
    if kw.get("note"):
        dlg.notes_input.setText(kw["note"])
    s.settle()
    return w, page, dlg


def shot_wizard(s: Shooter) -> None:

    wiz = SetupWizard(None, FixedClock(NOW), s.state.tasks)
    wiz.store_name.setText("Glow Salon")
    wiz.address.setPlainText("12 MG Road, Pune")
    wiz.phone.setText("020 2612 3456")
    wiz.show()
    s.save(wiz, "01-wizard-store")
    wiz.next()
    wiz.pin.setText("1234")
    wiz.pin_again.setText("12")
    wiz.finish()
    s.save(wiz, "02-wizard-owner")
    wiz.close()


def shot_login(s: Shooter) -> None:

    dlg = LoginDialog(s.ctx, s.state.tasks)
    dlg.show()
    s.settle(lambda: dlg.users.count() > 0)
    dlg.select_user("Ravi")
    dlg.pin.setText("0000")
    dlg.sign_in()
    s.settle(lambda: dlg.sign_in_button.isEnabled())
    s.save(dlg, "03-login-wrong-pin")
    dlg.close()


def shot_checkout(s: Shooter) -> None:
    w, page = _checkout_with_cart(s)
    page.search.input.setText("98")
    page.search.input.textEdited.emit("98")
    s.settle(lambda: page.search.list.count() > 0)
    page.table.selectRow(1)
    s.save(w, "04-checkout-cart-customer-owes")
    page.search.clear()
    page.item_entry.setText("XYZ-404")
    page.add_from_entry()
    s.settle(lambda: page.item_message.isVisible())
    s.save(w, "05-checkout-unknown-code")
    w.close()


def shot_payments(s: Shooter) -> None:
    cases = [
        ("06-pay-paid-cash-change", None, [("cash", "3000")], {}),
        ("07-pay-split", None, [("cash", "1000"), ("card", "350")], {}),
        ("08-pay-partial-pending", "Priya Sharma", [("upi", "1000")], {"note": "Will pay the rest next week"}),
        ("09-pay-no-payment", "Priya Sharma", [], {"note": "Family member — will pay next month"}),
        ("10-pay-overpay-settles-dues", "Priya Sharma", [("cash", "1900")], {}),
    ]
    for name, customer, amounts, kw in cases:
        w, page, dlg = _payment(s, customer, amounts, **kw)
        s.save(dlg, name)
        if name.startswith("10-"):
            dlg.give_change.setChecked(True)
            s.save(dlg, "11-pay-overpay-give-change")
        dlg.reject()
        w.close()

    w, page, dlg = _payment(s, "Priya Sharma", [])
    dlg.collect_now.click()
    s.save(dlg, "12-pay-collect-now")
    dlg.reject()
    w.close()

    w, page, dlg = _payment(s, None, [("cash", "500")])
    dlg.pending_button.click()
    s.save(dlg, "13-pay-walkin-pending-asks-customer")
    dlg.reject()
    w.close()


def shot_complimentary(s: Shooter) -> None:

    owner = s.state.actor
    s.state.set_actor(login(s.ctx, "Ravi", CASHIER_PIN))
    try:
        w, page, dlg = _payment(s, "Priya Sharma", [])
        dlg.comp_button.click()
        auth = dlg._auth_dialog
        auth.reason_input.setText("Family member")
        auth.pin_input.setText("9999")
        auth.confirm()
        s.settle(lambda: auth.confirm_button.isEnabled())
        s.save(auth, "14-pay-complimentary-cashier-needs-owner-pin")
        auth.reject()
        dlg.reject()
        w.close()

        w, page, dlg = _payment(s, "Anita Desai", [])
        dlg.no_pay_button.click()
        s.settle(lambda: dlg.override_button.isVisible())
        s.save(dlg, "15-pay-credit-limit-override")
        dlg.reject()
        w.close()
    finally:
        s.state.set_actor(owner)


def shot_summary(s: Shooter) -> None:
    w, page, dlg = _payment(s, "Priya Sharma", [("cash", "1900")])
    dlg._complete()
    s.settle(lambda: page.summary_dialog is not None)
    summary = page.summary_dialog
    s.settle(lambda: not summary.receipt.toPlainText().startswith("Preparing"))
    s.save(summary, "16-summary-overpay-settled-dues")
    summary.accept()
    s.save(w, "17-checkout-after-sale")
    w.close()

    w, page, dlg = _payment(s, "Anita Desai", [("upi", "500")])
    dlg._complete(leave_pending=True)
    s.settle(lambda: page.summary_dialog is not None)
    summary = page.summary_dialog
    s.settle(lambda: not summary.receipt.toPlainText().startswith("Preparing"))
    s.save(summary, "21-summary-partly-paid-pending")
    summary.accept()
    w.close()

    w, page, dlg = _payment(s, "Rahul Mehta", [])
    dlg.comp_button.click()
    auth = dlg._auth_dialog
    auth.reason_input.setText("Family member")
    auth.confirm()
    s.settle(lambda: page.summary_dialog is not None)
    summary = page.summary_dialog
    s.settle(lambda: not summary.receipt.toPlainText().startswith("Preparing"))
    s.save(summary, "22-summary-complimentary")
    summary.accept()
    w.close()


def shot_dialogs(s: Shooter) -> None:

    w, page = _checkout_with_cart(s, None)
    dlg = CustomerDialog(s.state, w, name="Priya S", phone="98765 43210")
    dlg.open()
    dlg.save()
    s.settle(lambda: dlg.use_existing.isVisible())
    s.save(dlg, "18-new-customer-duplicate-phone")
    dlg.reject()
    page.hold()
    s.settle()
    page.recall()
    s.settle(lambda: page.held_dialog.list.count() > 0)
    s.save(page.held_dialog, "19-held-carts")
    page.held_dialog.reject()
    w.close()


def shot_settings(s: Shooter) -> None:
    """Settings › Store: the owner's editable form with the GST set-up."""
    w = s.window()
    settings = w.show_page("settings")
    s.settle(lambda: settings.tabs.count() > 0)
    store_tab = settings.tabs.widget(0).widget()
    s.settle(lambda: bool(store_tab.name_input.text()))
    s.save(w, "20-settings")
    w.close()


def shot_shift(s: Shooter) -> None:
    """The first sale asking for a shift; the Shift page with an X report; the count at close; the Z report."""
    ctx = s.state.ctx
    store_settings.update_settings(ctx, shifts_required=True)
    try:
        w, page = _checkout_with_cart(s, None)
        page.pay()
        s.settle(lambda: page.shift_dialog is not None and page.shift_dialog.isVisible())
        page.shift_dialog.float_input.setText("2,000")
        s.save(page.shift_dialog, "25-shift-open-at-first-sale")
        page.shift_dialog.reject()
        w.close()
        shifts.open_shift(ctx, 2000_00)
        for method, amount in (("cash", 450_00), ("card", 1500_00), ("upi", 800_00), ("cash", 300_00)):
            checkout.complete_sale(ctx, checkout.SaleRequest([CartLine("Haircut", 1000, amount)],
                                                             tenders=[Tender(method, amount)]))
        shifts.move_cash(ctx, "out", 120_00, "Milk and tea")
        w = s.window()
        shift_page = w.show_page("shift")
        s.settle(lambda: shift_page.report is not None)
        s.save(w, "26-shift-page-x-report")
        shift_page.close_shift()
        dlg = shift_page.dialog
        for face, pieces in ((500_00, 4), (200_00, 2), (100_00, 2), (10_00, 2)):
            dlg.spins[face].setValue(pieces)
        dlg.note_input.setText("₹10 short")
        s.save(dlg, "27-shift-close-count")
        dlg.submit()
        s.settle(lambda: shift_page.report is not None and not shift_page.report.shift.is_open)
        s.save(w, "28-shift-page-z-report")
        w.close()
    finally:
        store_settings.update_settings(ctx, shifts_required=False)


def shot_gst(s: Shooter) -> None:
    """The Reports page's GST part after a B2B sale to another state and a walk-in sale with HSN codes."""
    ctx = s.state.ctx
    spa = catalog.add_item(ctx, "Hair spa", 1200_00, tax_rate=1800, hsn="999721", sku="SPA")
    oil = catalog.add_item(ctx, "Hair oil 100 ml", 236_00, tax_rate=1800, tax_inclusive=True, hsn="330590",
                           kind="product", sku="OIL")
    hotel = customers.add_customer(ctx, "Kaveri Hotels Pvt Ltd", "98450 55555", gstin="29AAACK1234F1ZW")
    reg = ctx.store.gst_registration
    checkout.complete_sale(ctx, checkout.SaleRequest([catalog.cart_line(spa, reg, 2000)], customer_id=hotel.id,
                                                       no_payment=True))
    checkout.complete_sale(ctx, checkout.SaleRequest([catalog.cart_line(spa, reg), catalog.cart_line(oil, reg)],
                                                       tenders=[Tender("upi", 1652_00)]))
    w = s.window()
    page = w.show_page("reports")
    page.from_date.setDate(page.to_date.date().addDays(-30))
    page.start("gst_summary")
    s.settle(page.gst_summary.isVisible)
    s.save(w, "29-reports-gst")
    w.close()


def shot_discount(s: Shooter) -> None:
    """A cashier's bill discount over the owner's 10% limit in the payment dialog."""
    ctx = s.state.ctx
    store_settings.update_settings(ctx, max_cashier_discount_bp=1000)
    owner = s.state.actor
    s.state.set_actor(login(s.ctx, "Ravi", CASHIER_PIN))
    try:
        s.state.ctx.refresh_store()
        w, page, dlg = _payment(s, None, [("cash", "1500")])
        dlg.discount_input.setText("15%")
        dlg._discount_edited("15%")
        s.save(dlg, "30-pay-bill-discount-over-limit")
        dlg.reject()
        w.close()
    finally:
        s.state.set_actor(owner)
        store_settings.update_settings(s.state.ctx, max_cashier_discount_bp="none")


def _sync_tab(s: Shooter, w):
    settings = w.show_page("settings")
    tabs = settings.tabs
    titles = [title for title, _tab in SETTINGS_TABS]  # by position: the tab's text is in the screen's language
    tabs.setCurrentIndex(titles.index("Sync"))
    return settings


def shot_sync(s: Shooter) -> None:
    """Settings › Sync before registering; then a till whose hub is away (offline, sales waiting); then synced."""
    w = s.window()
    _sync_tab(s, w)
    s.save(w, "21-settings-sync")
    w.close()
    # The book becomes till A of a hub on a port where nothing listens: the worker finds it offline.
    with s.ctx.write() as conn:
        conn.execute(insert(outbox.T).values(
            id="01JDEMOTILL000000000000000", business_id="01JDEMOBUSINESS00000000000", business_name="Glow Group",
            store_id=s.ctx.store_id, code="A", name="Counter 1", hub_url="postgresql://glow_till_a@127.0.0.1:9/glow",
            registered_at=NOW, last_push_at=datetime(2026, 11, 1, 9, 12), pull_cursor=0, last_error="",
            applying=False))
    for amount in (300_00, 450_00):
        checkout.complete_sale(s.state.ctx, checkout.SaleRequest([CartLine("Haircut", 1000, amount)],
                                                                 tenders=[Tender("cash", amount)]))
    w = s.window()
    worker = w.sync_worker
    s.settle(lambda: worker.rounds >= 1 and not worker.running, timeout=15)
    s.save(w, "22-status-offline")
    _sync_tab(s, w)
    s.save(w, "23-settings-sync-registered")
    worker._publish(replace(worker.state, kind=SYNCED, waiting=0, waiting_sales=0,
                            last_sync=s.ctx.clock.now() - timedelta(minutes=2)))
    w.show_page("checkout")
    s.save(w, "24-status-synced")
    w.close()


def shot_returns(s: Shooter) -> None:
    """The return dialog opened at the till by typing a receipt's number, then the bill with its credit note."""
    w = s.window()
    page = w.checkout
    page.open_return("SAL-26-0002")                 # Anita's facial: 800.00, 300.00 still pending
    dlg = page.return_dialog
    s.settle(lambda: dlg.bill is not None)
    next(iter(dlg.spins.values())).setValue(1)
    dlg.refund_buttons["cash"].setChecked(True)
    dlg.reason_input.setText("Allergic reaction, facial stopped halfway")
    s.save(dlg, "25-return-dialog")
    dlg.confirm()
    s.settle(lambda: dlg.result_value is not None)
    bills = w.show_page("bills")
    s.settle(lambda: bills.model.loads >= 1 and not bills.model.loading)
    detail = bills.open_detail("SAL-26-0002")
    s.settle(lambda: detail.detail is not None)
    detail.tabs.setCurrentIndex(3)
    s.save(detail, "26-bill-with-credit-note")
    detail.accept()


def shot_duplicates(s: Shooter) -> None:
    """Customers › Possible duplicates: Priya added again at another till with a slip in her phone."""
    twin = customers.add_customer(s.state.ctx, "Priya Sharma", "98765 43201")
    checkout.complete_sale(s.state.ctx, checkout.SaleRequest([CartLine("Manicure", 1000, 450_00)], customer_id=twin.id,
                                                             no_payment=True))
    w = s.window()
    page = w.show_page("customers")
    s.settle(lambda: page.summary is not None)
    dlg = page.open_duplicates()
    s.settle(lambda: dlg.loaded)
    s.save(dlg, "27-possible-duplicates")
    dlg.reject()
    w.close()


def shot_quantities(s: Shooter) -> None:
    """A grocer's 1.25 kg of loose rice and a pharmacy's 3 tablets of a 10-strip in one cart."""
    catalog.add_item(s.state.ctx, "Loose Basmati Rice", "79.99", sku="RICE", unit="kg", kind="product")
    catalog.add_item(s.state.ctx, "Paracetamol 500 mg (10 tabs)", "35.55", sku="PCM", unit="strip", pack_size=10,
                     kind="product")
    w, page = _checkout_with_cart(s)
    for rows, code in enumerate(("RICE", "PCM"), start=4):
        page.item_entry.setText(code)
        page.add_from_entry()
        s.settle(lambda n=rows: page.cart.rowCount() >= n)
    page.cart.setData(page.cart.index(3, 1), "1.25")
    page.cart.setData(page.cart.index(4, 1), "3")
    page.table.selectRow(3)
    s.save(w, "31-checkout-kg-and-tablets")
    w.close()


SCENARIOS: dict[str, Callable[[Shooter], None]] = {
    "wizard": shot_wizard, "login": shot_login, "checkout": shot_checkout, "payment": shot_payments,
    "complimentary": shot_complimentary, "summary": shot_summary, "dialogs": shot_dialogs,
    "settings": shot_settings, "shift": shot_shift, "discount": shot_discount, "sync": shot_sync,
    "returns": shot_returns, "duplicates": shot_duplicates, "gst": shot_gst, "quantities": shot_quantities,
}


def take_screenshots(outdir: Path, scenarios: list[str] | None = None, lang: str = "en") -> list[Path]:
    """Render the chosen scenarios (all by default) into ``outdir`` with the screen in ``lang``; returns the PNG
    paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="possuite-shots-") as tmp:
        engine, ctx = build_demo(Path(tmp) / "demo.sqlite3", lang)
        shooter = Shooter(outdir, ctx, config_dir=Path(tmp) / "config", lang=lang)
        try:
            for name in scenarios or list(SCENARIOS):
                SCENARIOS[name](shooter)
        finally:
            shooter.close()
            engine.dispose()
            set_language("en")
    return shooter.saved
