"""The window section of ``possuite bench`` (issue 15): what a cashier feels, key press to pixels.

The real main window (``ui/main_window.py``) is opened on the benchmark store, signed in as the
owner, and driven by key events through Qt's event loop (``QTest.keyClick``/``keyClicks``). Each
sample is timed from the key event sent to the moment the *target widget's* paint with the new
content has completed: an application event filter watches ``QEvent.Paint``; when the target is
about to paint and the new content is there (the row is in the cart, the results are the typed
term's, the dialog shows its yellow box...), the filter delivers that paint itself and stops the
clock when it returns. No sleep is ever timed; the workers (``ui/tasks.py``) run as in the till.

Per sale cycle (``reps`` of them):
  scan a barcode + Enter -> the cart row painted;
  4 letters of a name, then 4 phone digits from the end, in the customer search -> the result
  list painted (its pending amounts in red);
  F12 -> the payment dialog painted with the yellow pending box;
  Complete Bill (Pending) pressed with the keyboard (part paid, rest pending) -> the summary
  painted and the cart empty; the receipt job queued (checked after the clock stops).
Then the Customers page opened (built afresh each time), scrolled with Ctrl+End to row 10,000 (or
the last row of a smaller book) while a 4 ms ticker records the longest blocked frame, and the
Balances window opened with its cards, aging chart and first page (200 rows).

Runs under any Qt platform: ``QT_QPA_PLATFORM=offscreen`` (the default when there is no display)
or a real X server (``xvfb-run -a possuite bench --window``).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from possuite.bench.builder import OWNER, OWNER_PIN
from possuite.bench.scales import BENCH_NOW
from possuite.bench.stats import summary_ms

WINDOW_REPS = 200
SCROLL_ROW = 10_000
WAIT_S = 30.0
TICK_MS = 4
#: The actions of a sale cycle, in the order the cashier does them (keys of ``results["window"]["actions"]``).
TILL_ACTIONS = ("scan", "search_name", "search_phone", "pay_dialog", "complete")
PAGE_ACTIONS = ("customers_open", "balances_open")


def _qt_app():
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication  # deferred: the bench's other sections need no Qt

    app = QApplication.instance()
    if app is None:
        from possuite.ui.main import make_app  # deferred: Qt

        app = make_app(["possuite-bench"])
    return app


class _Probe:
    """Times key event -> the target's paint with the new content completed (see the module doc)."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QEvent, QObject  # deferred: Qt
        from PySide6.QtWidgets import QWidget

        probe = self
        paint = QEvent.Type.Paint

        class Filter(QObject):
            def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
                if event.type() != paint or probe.want is None or probe.inside or not isinstance(obj, QWidget):
                    return False  # a QWindow's own paint is not a widget's
                try:
                    hit = probe.want(obj)
                except RuntimeError:  # a widget deleted under us: not the target
                    hit = False
                if not hit:
                    return False
                probe.inside = True
                try:
                    app.sendEvent(obj, event)  # the paint itself, so that its end can be timed
                finally:
                    probe.inside = False
                probe.t_done = time.perf_counter()
                probe.want = None
                if probe.loop is not None:
                    probe.loop.quit()
                return True

        self.app = app
        self.want: Callable | None = None
        self.inside = False
        self.t_done: float | None = None
        self.loop = None
        self.filter = Filter()

    def close(self) -> None:
        self.app.removeEventFilter(self.filter)

    def time(self, act: Callable[[], None], want: Callable, timeout_s: float = WAIT_S, what: str = "") -> float:
        """Seconds from ``act()`` (which sends the key) to the end of the first paint ``want(widget)`` accepts."""
        from PySide6.QtCore import QEventLoop, QTimer  # deferred: Qt

        self.t_done = None
        self.want = want
        loop = QEventLoop()
        self.loop = loop
        # Installed only while a figure is timed: every event of the application passes through it.
        self.app.installEventFilter(self.filter)
        t0 = time.perf_counter()
        act()
        if self.t_done is None:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(int(timeout_s * 1000))
            loop.exec()
            timer.stop()
        self.app.removeEventFilter(self.filter)
        self.loop = None
        self.want = None
        if self.t_done is None:
            raise TimeoutError(f"{what}: the expected paint never came in {timeout_s:.0f} s")
        return self.t_done - t0


def settle(state, until: Callable[[], bool] | None = None, timeout_s: float = WAIT_S) -> None:
    """Run the event loop until the workers are idle (and ``until()`` holds)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop  # deferred: Qt

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if state.tasks.pending == 0 and (until is None or until()):
            QCoreApplication.processEvents()
            return
        time.sleep(0.001)
    raise TimeoutError("the window did not settle")


def _inside(widget, obj) -> bool:
    return obj is widget or widget.isAncestorOf(obj)


@contextmanager
def _counting(engine, counts: dict[str, list[int]], name: str):
    from possuite.bench.stats import count_statements

    with count_statements(engine) as seen:
        yield
    counts.setdefault(name, []).append(len(seen))


def _plan(db: Path, n: int, seed: int) -> tuple[list[str], list[dict]]:
    """Barcodes of items worth more than ₹20, and customers who owe (with a phone), read before the clock runs."""
    import random

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        codes = [r[0] for r in con.execute("SELECT barcode FROM items WHERE active = 1 AND barcode IS NOT NULL "
                                           "AND barcode != '' AND price > 2000 ORDER BY id LIMIT 2000")]
        rows = con.execute("SELECT id, name, phone FROM customers WHERE active = 1 AND balance > 0 AND phone != '' "
                           "AND length(name) >= 4 ORDER BY id LIMIT 5000").fetchall()
    finally:
        con.close()
    # 4 letters typed are the start of one word of the name ("Uma G. Rao": "Rao" is too short, "UmaG" no word)
    words = {cid: next((w for w in name.split() if len(w) >= 4 and w[:4].isalpha()), None) for cid, name, _p in rows}
    rows = [r for r in rows if words[r[0]] and sum(ch.isdigit() for ch in r[2]) >= 4]
    if not codes or not rows:
        raise ValueError("the benchmark store has no items with barcodes or no customers who owe")
    rng = random.Random(seed)
    people = []
    for cid, _name, phone in rng.sample(rows, min(n, len(rows))) if len(rows) >= n else rng.choices(rows, k=n):
        digits = "".join(ch for ch in phone if ch.isdigit())
        people.append({"id": cid, "letters": words[cid][:4], "digits": digits[-4:]})
    return [rng.choice(codes) for _ in range(n)], people


def bench_window(db: Path | str, reps: int = WINDOW_REPS, page_reps: int | None = None, scroll_row: int = SCROLL_ROW,
                 progress: Callable[[str], None] | None = None, seed: int = 15) -> dict:
    """Drive the real main window on the benchmark store ``db``; every figure of the window section.

    ``reps`` sale cycles (each timing the five till actions once), ``page_reps`` openings of the
    Customers page and the Balances window (default: ``reps``), one scroll to ``scroll_row``."""
    say = progress or (lambda _m: None)
    db = Path(db)
    page_reps = reps if page_reps is None else page_reps
    app = _qt_app()
    # deferred (all Qt/UI imports): `possuite bench` without the window section never loads Qt
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    from possuite.domain.clock import FixedClock
    from possuite.services.app import open_context
    from possuite.services.customers import get_customer
    from possuite.services.users import login
    from possuite.ui.main_window import MainWindow
    from possuite.ui.state import AppState
    from possuite.ui.summary import SaleSummaryDialog
    from possuite.ui.widgets import AlertBox

    codes, people = _plan(db, reps, seed)
    ctx = open_context(db, clock=FixedClock(BENCH_NOW))
    ctx = ctx.as_actor(login(ctx, OWNER, OWNER_PIN))
    state = AppState(ctx)
    samples: dict[str, list[float]] = {k: [] for k in TILL_ACTIONS + PAGE_ACTIONS}
    after_debounce: list[float] = []
    counts: dict[str, list[int]] = {}
    checks = {"cart_rows": 0, "owing_results": 0, "dialogs_with_alert": 0, "sales_posted": 0, "receipts_queued": 0,
              "carts_emptied": 0}
    numbers: list[str] = []
    tmp = tempfile.TemporaryDirectory(prefix="possuite-bench-window-")
    probe = _Probe(app)
    win = None
    # Python's cyclic GC runs on whichever thread allocates: on a worker it finalized Qt wrappers of the
    # deleted pages and dialogs and crashed the run. Here it runs on the GUI thread only, between figures.
    gc_was = gc.isenabled()
    gc.disable()
    try:
        settings = QSettings(str(Path(tmp.name) / "bench.ini"), QSettings.Format.IniFormat)
        win = MainWindow(state, settings)
        # The once-a-day full book check starts 10 minutes after the window opens, on its own worker (30-100 s
        # at shop scale): a run of the section lasts longer than that, and `settle` would wait for it. What it
        # costs the till while it runs is not one of these figures.
        if win.check_worker is not None:
            win.check_worker.stop()
        win.resize(1280, 800)
        win.show()
        win.activateWindow()
        win.raise_()
        page = win.checkout
        settle(state, lambda: win.isVisible() and app.activeWindow() is win)
        search = page.search
        fired: list[float] = []
        search._timer.timeout.connect(lambda: fired.append(time.perf_counter()))
        platform = app.platformName()
        say(f"window section on the {platform} platform: {reps} sale cycles")

        for i in range(reps):
            code, who = codes[i], people[i]
            # --- scan + Enter -> the cart row painted
            page.focus_item_entry()
            QTest.keyClicks(page.item_entry, code)
            before = page.cart.rowCount()
            viewport = page.table.viewport()
            with _counting(ctx.engine, counts, "scan"):
                samples["scan"].append(probe.time(
                    lambda: QTest.keyClick(page.item_entry, Qt.Key.Key_Return),
                    lambda o, vp=viewport, n=before + 1: o is vp and page.cart.rowCount() == n, what=f"scan {code}"))
                settle(state)
            checks["cart_rows"] += page.cart.rowCount() == before + 1
            # --- the customer search: 4 letters of a name, then 4 digits from the end of a phone
            seen: list = []
            for action, term in (("search_name", who["letters"]), ("search_phone", who["digits"])):
                search.clear()
                settle(state)
                search.focus()
                QTest.keyClicks(search.input, term[:-1])
                fired.clear()
                lv = search.list.viewport()
                with _counting(ctx.engine, counts, action):
                    t = probe.time(lambda t=term: QTest.keyClick(search.input, t[-1]),
                                   lambda o, lv=lv, t=term: o is lv and search._shown_term == t and search.list.count(),
                                   what=f"{action} {term!r}")
                    t_key = probe.t_done - t
                    settle(state)
                samples[action].append(t)
                if fired:
                    after_debounce.append(probe.t_done - fired[-1] if fired[-1] > t_key else t)
                owing = [v for v in search.results if v.balance > 0]
                checks["owing_results"] += bool(owing)
                seen += search.results
            # set-up for the next action, not timed: the planned customer (who owes) if either search listed
            # them, else one who owes from either list, else the planned one read from the book (at shop scale
            # 20 results of 4 phone digits may hold neither, and F12's yellow box needs a customer who owes)
            chosen = (next((v for v in seen if v.id == who["id"]), None) or next((v for v in seen if v.balance > 0),
                                                                                 None)
                      or get_customer(ctx, who["id"]))
            search.pick(chosen)
            settle(state)
            # --- F12 -> the payment dialog painted with the yellow pending box
            with _counting(ctx.engine, counts, "pay_dialog"):
                samples["pay_dialog"].append(probe.time(
                    lambda: QTest.keyClick(page.item_entry, Qt.Key.Key_F12),
                    lambda o: isinstance(o, AlertBox) and page.payment_dialog is not None
                    and o.window() is page.payment_dialog and o.isVisible(), what=f"F12 for {page.customer}"))
                settle(state)
            dlg = page.payment_dialog
            checks["dialogs_with_alert"] += dlg.isVisible() and dlg.alert.isVisible()
            # --- part paid (₹10 typed), the rest pending: the pending button pressed with the keyboard
            QTest.keyClicks(dlg.tenders.rows[0].amount, "10")
            settle(state)
            dlg.pending_button.setFocus()
            prev = page.last_result  # the summary dialog is reused: this sale's is the one showing a new result
            with _counting(ctx.engine, counts, "complete"):
                samples["complete"].append(probe.time(
                    lambda b=dlg.pending_button: QTest.keyClick(b, Qt.Key.Key_Space),
                    lambda o, prev=prev: isinstance(page.summary_dialog, SaleSummaryDialog)
                    and page.summary_dialog.isVisible() and o.window() is page.summary_dialog
                    and page.last_result is not prev and page.summary_dialog.result is page.last_result
                    and page.cart.rowCount() == 0, what="complete"))
                settle(state)
            result = page.last_result
            if result is not None and result.number not in numbers:
                numbers.append(result.number)
                checks["sales_posted"] += 1
            checks["carts_emptied"] += page.cart.rowCount() == 0
            page.summary_dialog.accept()
            gc.collect()
            win.activateWindow()  # the till is the active window again, as after the cashier closes the summary
            settle(state, lambda: app.activeWindow() is win)

        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:  # the receipt job is queued in the sale's own transaction (services/checkout.py)
            checks["receipts_queued"] = sum(
                1 for n in numbers if con.execute("SELECT 1 FROM print_jobs WHERE document_ref = ? LIMIT 1",
                                                  (n,)).fetchone())
        finally:
            con.close()

        # --- the Customers page and the Balances window, each opened afresh
        say(f"window section: Customers page and Balances window, {page_reps} openings each")
        opened = {"customers_rows": 0, "balances_rows": 0, "balances_cards": False, "balances_aging": False}
        for key, action in (("customers", "customers_open"), ("balances", "balances_open")):
            for _ in range(page_reps):
                win.show_page("checkout")
                _drop_page(win, key)
                settle(state)
                button = win.nav_buttons[key]
                button.setFocus()
                got = {}

                def ready(o, key=key, got=got) -> bool:
                    w = win.pages.get(key)
                    if w is None or not w.isVisible() or not _inside(w, o):
                        return False
                    if key == "customers":
                        return w.model.rowCount() > 0 and w.summary is not None
                    first = min(w.model.page_size, w.dashboard.summary.customers_owing) if w.dashboard else None
                    return (first is not None and w.model.rowCount() >= first
                            and len(w.aging_chart.series()) > 0)

                with _counting(ctx.engine, counts, action):
                    samples[action].append(probe.time(lambda b=button: QTest.keyClick(b, Qt.Key.Key_Space), ready,
                                                          what=action))
                    settle(state)
                gc.collect()
                w = win.pages[key]
                if key == "customers":
                    opened["customers_rows"] = w.model.rowCount()
                else:
                    opened["balances_rows"] = w.model.rowCount()
                    opened["balances_cards"] = w.dashboard is not None
                    opened["balances_aging"] = len(w.aging_chart.series()) > 0
        # --- scrolling the Customers page to row 10,000 (or the last)
        cust = win.show_page("customers")
        settle(state, lambda: cust.model.rowCount() > 0)
        total = cust.model.total or cust.model.rowCount()
        goal = min(scroll_row, total)
        say(f"window section: scrolling the customers to row {goal:,}")
        cust.table.setFocus()
        cust.table.setCurrentIndex(cust.model.index(0, 0))
        ticks: list[float] = []
        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
        scroll_keys: list[float] = []
        t_scroll = time.perf_counter()
        ticker.start(TICK_MS)
        vp = cust.table.viewport()
        guard = 0
        while cust.table.currentIndex().row() < goal - 1 and guard < goal:
            guard += 1
            loaded = cust.model.rowCount()
            scroll_keys.append(probe.time(
                lambda: QTest.keyClick(cust.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier),
                lambda o, n=loaded: o is vp and cust.table.currentIndex().row() >= n - 1, what="scroll"))
            # the next page (fetchMore at the bottom, read on the worker) has arrived, or there is none
            settle(state, lambda n=loaded: not cust.model.loading
                   and (cust.model.rowCount() > n or not cust.model.canFetchMore()))
            if cust.model.rowCount() == loaded and not cust.model.canFetchMore():
                break
        if cust.table.currentIndex().row() < goal - 1:
            pass
        else:
            cust.table.setCurrentIndex(cust.model.index(goal - 1, 0))
        scroll_s = time.perf_counter() - t_scroll
        ticker.stop()
        gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
        reached = cust.table.currentIndex().row() + 1
    finally:
        probe.close()
        if win is not None:
            for dlg in (getattr(win.pages.get("checkout"), "payment_dialog", None),
                        getattr(win.pages.get("checkout"), "summary_dialog", None)):
                if dlg is not None:
                    dlg.close()
            win.close()
        state.shutdown()
        ctx.engine.dispose()
        tmp.cleanup()
        gc.collect()
        if gc_was:
            gc.enable()

    actions = {k: summary_ms(v) for k, v in samples.items()}
    actions["search_after_debounce"] = summary_ms(after_debounce)
    from possuite.ui.customer_search import DEBOUNCE_MS, SELECTIVE_CHARS

    return {
        "platform": platform, "reps": reps, "page_reps": page_reps,
        "actions": actions,
        "search_debounce_ms": DEBOUNCE_MS, "search_at_once_from_chars": SELECTIVE_CHARS,
        # the count most repetitions ran: the window's 5 s status poll (printer, sync) lands in a few by chance
        "queries": {k: Counter(v).most_common(1)[0][0] for k, v in counts.items()},
        "queries_max": {k: max(v) for k, v in counts.items()},
        "checks": checks | opened | {"cycles": reps},
        "scroll": {"goal_row": goal, "reached_row": reached, "seconds": round(scroll_s, 3), "keys": len(scroll_keys),
                   "key_to_paint": summary_ms(scroll_keys),
                   "longest_frame_ms": round(max(gaps) * 1000, 1) if gaps else None,
                   "frames_over_50ms": sum(g > 0.050 for g in gaps)},
    }


def _drop_page(win, key: str) -> None:
    """Forget a built page so the next opening builds and loads it again (the cold case a cashier meets)."""
    w = win.pages.pop(key, None)
    if w is not None:
        win.stack.removeWidget(w)
        w.hide()
        w.deleteLater()
