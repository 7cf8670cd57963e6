"""The soak (``possuite bench --soak``): a year at a busy counter, simulated day by day on a fresh book.

Issue 16, "A year at a busy counter". Every simulated day, through the real services and the code the
app's background workers run (never raw SQL writes), on a clock the soak moves:

- the shift opens with a float (``shifts.open_shift``; the store requires shifts, as the setup wizard sets);
- ``sales_per_day`` sales (``checkout.complete_sale``) in every outcome: paid (one tender or split),
  walk-in paid in cash with change, part paid with the rest pending, nothing paid (all pending),
  complimentary, overpaid (the rest becomes the customer's advance: the store allows advances);
- collections of dues (``collections.collect_dues``), returns with credit notes (``returns.create_return``:
  to the account for a named customer, in cash for a walk-in), a few new customers;
- every receipt through the app's print worker thread (``print_worker.PrintWorker``, woken after each
  write as the till wakes it) to a file printer (the real ``printing.connections.send``). The printer is
  off from 13:00 to 14:00 every day (its device folder is gone: the real send says "offline"), so the
  jobs of that hour wait in the queue and print when it comes back; each day's paper is checked: every
  document's receipt exactly once, in the order the worker reports it printed;
- the shift closes with the cash counted (``shifts.close_shift``, its Z report printed), then the day
  close as the app runs it on its check lane (``integrity.run_incremental``: the changes since the last
  seal checked, the completed days sealed) and the day-end backup (``backup.backup_at_day_end``, whose
  rotation keeps every backup of the 14 latest days and the newest of each of the 12 months before them).

At each month's end: the book's size and growth, the WAL's high-water mark, checkout median and p99, the
incremental check and backup times, and a timed restore of the newest backup (``backup.restore``: a
copy, ``PRAGMA integrity_check``, the possuite check of every store, the swap). At the end: the full
check of the live book and every kept backup restored and checked with ``possuite check --seals``.

Scheduling in the print queue is wall-clock time (``print_queue.wall_now``) and the worker keeps the app's
backoff (2 s .. 60 s); when the printer comes back on, the cashier presses Retry (``print_queue.retry``), so the
receipts that waited print at once.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from possuite.bench.stats import ratio, summary_ms
from possuite.db.engine import open_database
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.clock import Clock
from possuite.domain.errors import PossuiteError
from possuite.domain.ledger import Tender
from possuite.printing.connections import send
from possuite.services import backup as backups
from possuite.services import print_queue as q
from possuite.services.app import open_context
from possuite.services.catalog import add_item
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.context import Context
from possuite.services.customers import add_customer, merge_search_index
from possuite.services.integrity import read_back_seals, run_checks, run_incremental
from possuite.services.print_worker import DONE, RETRY, PrintWorker, wake_workers
from possuite.services.printers import add_printer
from possuite.services.returns import create_return
from possuite.services.shifts import close_shift, open_shift, shift_report
from possuite.services.users import init_store, login

Progress = Callable[[str], None]

#: The first simulated day (a calendar year: month 1 is January).
SOAK_START = date(2027, 1, 1)
SOAK_DAYS = 365
SALES_PER_DAY = 600
OWNER, OWNER_PIN = "Owner", "1234"
#: Customers at the start, per daily sale (1,500 for 600 sales a day); a few new ones come every day.
CUSTOMERS_PER_DAILY_SALE = 2.5
NEW_CUSTOMERS_PER_DAY = 3
ITEMS = 150
OPEN_AT, CLOSE_AT = 9 * 3600, 21 * 3600          # trading hours, seconds after midnight
PRINTER_OFF = (13 * 3600, 14 * 3600)            # the printer is off for this hour every day
COLLECTIONS_PER_100_SALES = 6
RETURNS_PER_100_SALES = 1
DRAIN_TIMEOUT_S = 120.0

#: Sale outcomes and their weights.
OUTCOMES = (("paid", 40), ("paid split", 12), ("walk-in cash", 15), ("part paid", 15), ("nothing paid", 5),
            ("complimentary", 3), ("overpaid", 10))


class SimClock(Clock):
    """The soak's business clock: moved by the simulation, read by the services and the print worker."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at


def _summary_s(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    v = sorted(values)
    return {"n": len(v), "median_s": round(v[len(v) // 2], 3), "max_s": round(v[-1], 3),
            "total_s": round(sum(v), 1)}


def possuite_check(db: Path, now: datetime) -> tuple[int, str]:
    """``possuite --db DB --json check --seals`` (every invariant, every sealed day read back), run in this
    process as the command runs it, at ``now``. Returns (exit code, what it printed)."""
    from possuite.cli import main  # deferred: the command's parser is only needed here

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("POSSUITE_NOW")
    os.environ["POSSUITE_NOW"] = now.isoformat()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", str(db), "--json", "check", "--seals"])
    finally:
        if saved is None:
            os.environ.pop("POSSUITE_NOW", None)
        else:
            os.environ["POSSUITE_NOW"] = saved
    return code, out.getvalue() + err.getvalue()


def _wal_bytes(path: Path) -> int:
    try:
        return os.stat(f"{path}-wal").st_size
    except OSError:
        return 0


@dataclass
class Paper:
    """The file printer and what the worker reports: each job printed, where its bytes end, the refusals."""

    device: Path
    done: list[tuple[str, str, int]] = field(default_factory=list)   # (kind, document, bytes sent)
    refused: int = 0
    tried: set[str] = field(default_factory=set)      # jobs the worker has tried at least once (this day)
    printed_ids: set[str] = field(default_factory=set)
    _sent: list[int] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def send(self, cfg, data: bytes, timeout: float) -> None:     # the worker thread: the real send, noted
        send(cfg, data, timeout)
        self._sent.append(len(data))

    def on_change(self, job: q.Job, outcome: str, _err: str) -> None:   # the worker thread
        with self.cond:
            self.tried.add(job.id)
            if outcome == DONE:
                self.printed_ids.add(job.id)
                self.done.append((job.document_kind, job.document_ref or "", self._sent.pop() if self._sent else -1))
            elif outcome == RETRY:
                self.refused += 1
            self.cond.notify_all()

    def settle(self, queued: int, printer_on: bool) -> None:
        """Wait as a counter waits between customers: until every job queued so far is printed (printer on)
        or has been tried at least once (printer off: it waits in the queue)."""
        def ready() -> bool:
            return len(self.printed_ids) >= queued if printer_on else len(self.tried) >= queued
        with self.cond:
            while not ready():
                wake_workers()
                if not self.cond.wait(DRAIN_TIMEOUT_S):
                    raise RuntimeError(f"the print worker did not answer: {queued - len(self.printed_ids)} "
                                       "job(s) waiting")

    @property
    def folder(self) -> Path:
        return self.device.parent

    def switch(self, on: bool) -> None:
        """The printer on or off: its device folder there or gone (the real send then says offline)."""
        off = self.folder.with_name(self.folder.name + ".off")
        if on and off.exists():
            off.rename(self.folder)
        elif not on and self.folder.exists():
            self.folder.rename(off)

    def take_day(self) -> tuple[list[tuple[str, str, bytes]], int]:
        """The day's printed jobs with their bytes (then the paper is torn off), and the offline refusals."""
        with self.cond:
            done, refused = self.done, self.refused
            self.done, self.refused, self.tried, self.printed_ids = [], 0, set(), set()
        data = self.device.read_bytes() if self.device.exists() else b""
        out, start = [], 0
        for kind, ref, length in done:
            out.append((kind, ref, data[start:start + length] if length >= 0 else b""))
            start += max(0, length)
        if start != len(data):
            out.append(("?", "", data[start:]))    # bytes no printed job accounts for
        self.device.write_bytes(b"")
        return out, refused


@dataclass
class Month:
    key: str
    days: int = 0
    ops: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    checkout_s: list[float] = field(default_factory=list)
    incremental_s: list[float] = field(default_factory=list)
    incremental_findings: int = 0
    backup_s: list[float] = field(default_factory=list)
    wal_hwm: int = 0
    printed: int = 0
    offline_refusals: int = 0
    waited: int = 0
    lost: int = 0
    doubled: int = 0
    stray: int = 0


class Soak:
    def __init__(self, work: Path, *, days: int = SOAK_DAYS, sales_per_day: int = SALES_PER_DAY, seed: int = 16,
                 progress: Progress | None = None, on_month: Callable[[dict], None] | None = None,
                 check_kept: bool = True) -> None:
        self.opening_customers = max(10, round(sales_per_day * CUSTOMERS_PER_DAILY_SALE))
        self.work, self.days, self.sales_per_day = work, days, sales_per_day
        self.say = progress or (lambda _m: None)
        self.on_month = on_month
        self.check_kept = check_kept
        self.rng = random.Random(seed)
        self.path = work / "soak.sqlite3"
        self.clock = SimClock(datetime.combine(SOAK_START, datetime.min.time()) + timedelta(hours=8))
        self.paper = Paper(work / "printer" / "lp0")
        self.months: list[dict] = []
        self.balances: dict[str, int] = {}
        self.customers: list[str] = []
        self.items: list = []
        self.phones = 0
        self.totals: Counter = Counter()
        self.wal_hwm = 0
        self.problems: list[str] = []      # print or check problems seen during the run

    # ------------------------------------------------------------------ set-up

    def setup(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self.paper.folder.mkdir(parents=True, exist_ok=True)
        self.paper.device.write_bytes(b"")
        engine = open_database(self.path)
        init_store(engine, self.clock, store="Soak Salon", owner=OWNER, pin=OWNER_PIN, allow_advances=True,
                   shifts_required=True, credit_days=30, address="16 Soak Road, Pune", phone="020 2612 1616")
        ctx = open_context(engine=engine, path=self.path, clock=self.clock)
        self.ctx: Context = ctx.as_actor(login(ctx, OWNER, OWNER_PIN))
        add_printer(self.ctx, "Counter", "file", str(self.paper.device), default=True)
        rng = self.rng
        for i in range(ITEMS):
            service = rng.random() < 0.7
            self.items.append(add_item(
                self.ctx, f"{'Service' if service else 'Product'} {i:03d}",
                rng.choice((5_000, 9_900, 15_000, 25_000, 35_000, 49_900, 75_000, 120_000, 250_000)),
                tax_rate=rng.choice(("0", "5", "12", "18", "18")), tax_inclusive=rng.random() < 0.5,
                kind="service" if service else "product"))
        for _ in range(self.opening_customers):
            self._new_customer()
        # The app's own worker with the app's own retry backoff (2 s .. 60 s of wall time: the queue's times are
        # wall-clock times, print_queue.wall_now).
        self.worker = PrintWorker(self.ctx, poll_s=0.05, on_change=self.paper.on_change, sender=self.paper.send)
        self.worker.start()

    def _new_customer(self) -> None:
        self.phones += 1
        c = add_customer(self.ctx, f"Customer {self.phones:05d}", f"98{self.phones:08d}")
        self.customers.append(c.id)
        self.balances[c.id] = 0

    # ------------------------------------------------------------------ the day

    def _lines(self) -> list[CartLine]:
        rng = self.rng
        return [CartLine(it.name, rng.choice((1000, 1000, 1000, 2000)), it.price, tax_rate_bp=it.tax_rate_bp,
                         tax_inclusive=it.tax_inclusive, item_id=it.id, kind=it.kind)
                for it in rng.sample(self.items, rng.choice((1, 2, 2, 3, 3, 4)))]

    def _sale(self, month: Month, expected: list[tuple[str, str]]) -> None:
        rng = self.rng
        kind = rng.choices([k for k, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        lines = self._lines()
        cid = None if kind == "walk-in cash" else rng.choice(self.customers)
        total = compute_totals(lines).total      # what the screen shows before the tenders are typed
        method = rng.choice(("cash", "upi", "card"))
        req = SaleRequest(lines, customer_id=cid)
        if kind == "paid":
            req.tenders = [Tender(method, -(-total // 10_000) * 10_000 if method == "cash" else total)]
        elif kind == "paid split":
            upi = max(100, total // 200 * 100)
            req.tenders = [Tender("upi", upi), Tender(rng.choice(("cash", "card")), total - upi)]
        elif kind == "walk-in cash":
            req.tenders = [Tender("cash", -(-total // 10_000) * 10_000 + rng.choice((0, 0, 10_000, 50_000)))]
        elif kind == "part paid":
            req.tenders = [Tender(method, max(100, total * rng.randint(20, 80) // 10_000 * 100))]
            req.leave_pending = True
        elif kind == "nothing paid":
            req.no_payment = True
        elif kind == "complimentary":
            req.complimentary, req.reason = True, "loyal customer"
        else:  # overpaid: the rest settles what the customer owes, then becomes their advance
            req.tenders = [Tender("upi", total + rng.randrange(100, 50_000, 100))]
        t0 = time.perf_counter()
        try:
            result = complete_sale(self.ctx, req)
        except PossuiteError as exc:
            month.refused[f"sale {kind}: {exc.message}"[:120]] += 1
            return
        month.checkout_s.append(time.perf_counter() - t0)
        month.ops[f"sale: {kind}"] += 1
        if cid and result.customer_balance is not None:
            self.balances[cid] = result.customer_balance
        expected.append(("sale", result.number))
        wake_workers()

    def _collect(self, month: Month, expected: list[tuple[str, str]]) -> None:
        with self.ctx.read() as conn:
            row = conn.execute(text("SELECT id, balance FROM customers WHERE store_id = :s AND balance > 0 "
                                    "ORDER BY random() LIMIT 1"), {"s": self.ctx.store_id}).first()
        if row is None:
            return
        cid, owed = row
        amount = owed if self.rng.random() < 0.5 else max(100, owed * self.rng.randint(20, 90) // 10_000 * 100)
        try:
            result = collect_dues(self.ctx, cid, min(amount, owed), self.rng.choice(("cash", "upi")))
        except PossuiteError as exc:
            month.refused[f"collection: {exc.message}"[:120]] += 1
            return
        self.balances[cid] = result.remaining_balance
        month.ops["collection"] += 1
        expected.append(("collection", result.number))
        wake_workers()

    def _return(self, month: Month, expected: list[tuple[str, str]]) -> None:
        with self.ctx.read() as conn:
            rows = conn.execute(text(
                # The newest 60 bills first (rowid order from the end; "+store_id" keeps SQLite off the store index,
                # which would sort the whole store), and a returned line found
                # through ix_credit_note_lines_bill (bill_id, bill_line_id): the pick costs the same on day 365
                # as on day 1 (a store-wide scan with a credit-note scan per line grew with the book).
                "SELECT b.number, l.id, l.qty, b.customer_id FROM "
                "(SELECT id, number, customer_id, rowid AS r FROM bills WHERE +store_id = :s AND voided_at IS NULL "
                "ORDER BY rowid DESC LIMIT 60) b JOIN bill_lines l ON l.bill_id = b.id "
                "WHERE NOT EXISTS (SELECT 1 FROM credit_note_lines n WHERE n.bill_id = b.id AND n.bill_line_id = l.id) "
                "ORDER BY b.r DESC LIMIT 60"), {"s": self.ctx.store_id}).all()
        if not rows:
            return
        number, line_id, qty, cid = self.rng.choice(rows)
        back = 1000 if qty > 1000 and self.rng.random() < 0.5 else qty
        try:
            result = create_return(self.ctx, number, {line_id: back}, "account" if cid else "cash", "did not suit")
        except PossuiteError as exc:
            month.refused[f"return: {exc.message}"[:120]] += 1
            return
        if cid and result.customer_balance is not None:
            self.balances[cid] = result.customer_balance
        month.ops["return"] += 1
        expected.append(("credit", result.number))
        wake_workers()

    def switch_printer(self, on: bool) -> None:
        """The printer off, or back on: then the cashier presses Retry (``possuite queue --retry``) and the waiting
        receipts are due at once (else each waits out its backoff, up to a minute)."""
        self.paper.switch(on)
        if on:
            q.retry(self.ctx)
            wake_workers()

    def _at(self, day: date, second: int) -> None:
        self.clock.set(datetime.combine(day, datetime.min.time()) + timedelta(seconds=second))

    def _drain(self) -> None:
        """Wait for the worker to print everything queued (the printer is on)."""
        deadline = time.monotonic() + DRAIN_TIMEOUT_S
        while True:
            with self.ctx.read() as conn:
                waiting = conn.execute(text("SELECT COUNT(*) FROM print_jobs WHERE store_id = :s AND status IN "
                                            "('queued', 'printing')"), {"s": self.ctx.store_id}).scalar_one()
            if not waiting:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the print queue did not drain: {waiting} job(s) still waiting")
            wake_workers()
            time.sleep(0.05)

    def _check_paper(self, month: Month, expected: list[tuple[str, str]]) -> None:
        """Every document of the day printed exactly once, each job's bytes naming its document."""
        printed, refused = self.paper.take_day()
        month.offline_refusals += refused
        seen = Counter((k, r) for k, r, _ in printed if k != "?")
        want = Counter(expected)
        month.printed += sum(seen.values())
        month.lost += sum((want - seen).values())
        month.doubled += sum((seen - want).values())
        for kind, ref, data in printed:
            if kind == "?" or (ref and ref.encode() not in data):
                month.stray += 1
        with self.ctx.read() as conn:
            jobs = conn.execute(text("SELECT status, attempts FROM print_jobs WHERE store_id = :s AND "
                                     "rowid > :after"), {"s": self.ctx.store_id, "after": self._jobs_mark}).all()
            self._jobs_mark = conn.execute(text("SELECT COALESCE(MAX(rowid), 0) FROM print_jobs")).scalar_one()
        month.waited += sum(1 for status, attempts in jobs if status == "done" and attempts > 1)
        month.lost += sum(1 for status, _ in jobs if status != "done")
        for what, n in (("lost", month.lost), ("doubled", month.doubled), ("stray", month.stray)):
            if n:
                self.problems.append(f"{self.clock.now():%Y-%m-%d}: {n} receipt(s) {what} so far this month")

    def day(self, d: int, month: Month) -> None:
        rng, day = self.rng, SOAK_START + timedelta(days=d)
        self._at(day, OPEN_AT - 600)
        for _ in range(NEW_CUSTOMERS_PER_DAY):
            self._new_customer()
        try:
            open_shift(self.ctx, 200_000)
        except PossuiteError as exc:
            month.refused[f"open shift: {exc.message}"[:120]] += 1
        n = self.sales_per_day
        events = [(rng.randrange(OPEN_AT, CLOSE_AT), "sale") for _ in range(n)]
        collections = max(1, n * COLLECTIONS_PER_100_SALES // 100)
        returns = max(1, n * RETURNS_PER_100_SALES // 100)
        events += [(rng.randrange(OPEN_AT, CLOSE_AT), "collection") for _ in range(collections)]
        events += [(rng.randrange(OPEN_AT + 3600, CLOSE_AT), "return") for _ in range(returns)]
        events.sort()
        expected: list[tuple[str, str]] = []
        printer_on = True
        for second, what in events:
            on = not (PRINTER_OFF[0] <= second < PRINTER_OFF[1])
            if on != printer_on:
                self.switch_printer(on)
                printer_on = on
            self._at(day, second)
            if what == "sale":
                self._sale(month, expected)
            elif what == "collection":
                self._collect(month, expected)
            else:
                self._return(month, expected)
            self.paper.settle(len(expected), printer_on)
            wal = _wal_bytes(self.path)
            if wal > month.wal_hwm:
                month.wal_hwm = wal
        if not printer_on:
            self.switch_printer(True)
        # The day close: the shift closed with the drawer counted (now and then a little off), the Z report
        # printed, the incremental check on the check lane, then the day-end backup.
        self._at(day, CLOSE_AT + 1800)
        expected_cash = shift_report(self.ctx).expected_cash
        counted = max(0, expected_cash + rng.choice((0, 0, 0, 0, -100, 100, -500)))
        z = close_shift(self.ctx, counted=counted)
        month.ops["shift closed"] += 1
        expected.append(("shift", z.shift.number))
        wake_workers()
        t0 = time.perf_counter()
        inc = run_incremental(self.ctx)
        month.incremental_s.append(time.perf_counter() - t0)
        merge_search_index(self.ctx)  # then, as the app's check lane does, the customers' search index merged
        month.incremental_findings += len(inc.findings)
        if inc.findings:
            self.problems.append(f"{day}: the incremental check found {inc.findings[0]}")
        self.paper.settle(len(expected), True)
        self._drain()
        self._check_paper(month, expected)
        self._at(day, CLOSE_AT + 2700)
        # The shop's evening is a long pause in the commits, in which the till's checkpoint thread copies the WAL
        # into the book (db/engine.py::Checkpointer: a checkpoint waits for a pause between customers, and the
        # soak's simulated day has none in real time): run it here, as that pause would.
        self.ctx.engine.checkpointer.checkpoint()
        t0 = time.perf_counter()
        backups.backup_at_day_end(self.path, clock=self.clock)
        month.backup_s.append(time.perf_counter() - t0)
        month.wal_hwm = max(month.wal_hwm, _wal_bytes(self.path))
        month.days += 1

    # ------------------------------------------------------------------ months and the end

    def _restore_timed(self, candidate: Path, name: str) -> tuple[float, Path]:
        scratch = self.work / "restored" / name
        shutil.rmtree(scratch.parent, ignore_errors=True)
        scratch.parent.mkdir(parents=True)
        t0 = time.perf_counter()
        backups.restore(scratch / "book.sqlite3", candidate, clock=self.clock)
        return time.perf_counter() - t0, scratch / "book.sqlite3"

    def _month_figures(self, month: Month, prev_bytes: int, restore: dict | None) -> dict:
        """A month's figures (``restore`` None: the month is still running, ``partial``)."""
        size = self.path.stat().st_size
        kept = backups.list_backups(self.path)
        return {
            "month": month.key, "partial": restore is None, "days": month.days,
            "operations": dict(sorted(month.ops.items())), "refused": dict(month.refused),
            "file_bytes": size, "growth_bytes": size - prev_bytes,
            "wal_hwm_bytes": month.wal_hwm, "checkout": summary_ms(month.checkout_s),
            "incremental_check": {**summary_ms(month.incremental_s), "findings": month.incremental_findings},
            "backup": {**_summary_s(month.backup_s), "bytes": kept[0].size if kept else 0},
            "restore": restore or {"backup": None, "seconds": None, "ok": None, "error": "the month is not over"},
            "backups_kept": {"count": len(kept), "days": len({b.taken_at.date() for b in kept})},
            "print": {"printed": month.printed, "waited_for_printer": month.waited,
                      "offline_refusals": month.offline_refusals, "lost": month.lost, "doubled": month.doubled,
                      "unaccounted": month.stray},
            "wall_s": round(time.perf_counter() - self._month_t0, 1),
        }

    def _close_month(self, month: Month, prev_bytes: int) -> dict:
        """The month's end: the newest backup restored (timed), the month's figures said and returned."""
        newest = backups.list_backups(self.path)[0]
        try:
            restore_s, _ = self._restore_timed(newest.path, "month")
            restore = {"backup": newest.path.name, "seconds": round(restore_s, 2), "ok": True, "error": ""}
        except PossuiteError as exc:
            restore = {"backup": newest.path.name, "seconds": None, "ok": False, "error": exc.message}
            self.problems.append(f"{month.key}: restoring {newest.path.name} failed: {exc.message}")
        finally:
            shutil.rmtree(self.work / "restored", ignore_errors=True)
        out = self._month_figures(month, prev_bytes, restore)
        c, inc, size = out["checkout"], out["incremental_check"], out["file_bytes"]
        self.say(f"{month.key}: {month.days} days, {sum(v for k, v in month.ops.items() if k.startswith('sale'))} "
                 f"sales; file {size / 1e6:.1f} MB (+{(size - prev_bytes) / 1e6:.1f}); WAL max "
                 f"{month.wal_hwm / 1e6:.1f} MB; checkout median {c['median_ms']} ms p99 {c['p99_ms']} ms; "
                 f"incremental median {inc['median_ms']} ms max {inc['max_ms']} ms; backup median "
                 f"{out['backup'].get('median_s')} s; restore {restore['seconds']} s; printed "
                 f"{month.printed}, waited {month.waited}, lost {month.lost}, doubled {month.doubled}; "
                 f"took {out['wall_s']:.0f} s")
        return out

    def _final(self) -> dict:
        t0 = time.perf_counter()
        findings = run_checks(self.ctx) + read_back_seals(self.ctx)
        full_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with self.ctx.read() as conn:
            pragma = [r[0] for r in conn.execute(text("PRAGMA integrity_check(5)"))]
        pragma_s = time.perf_counter() - t0
        with self.ctx.read() as conn:
            series = dict(conn.execute(text("SELECT series, MAX(last_value) FROM sequences WHERE store_id = :s "
                                            "GROUP BY series"), {"s": self.ctx.store_id}).all())
        if findings or pragma != ["ok"]:
            self.problems.append(f"the full check at the end: {len(findings)} finding(s), integrity_check {pragma}")
        kept = []
        for b in backups.list_backups(self.path) if self.check_kept else []:
            item = {"backup": b.path.name, "kind": b.kind, "taken_at": b.taken_at.isoformat(), "bytes": b.size}
            try:
                restore_s, restored = self._restore_timed(b.path, "kept")
                item["restore_s"] = round(restore_s, 2)
                t1 = time.perf_counter()
                code, output = possuite_check(restored, self.clock.now())
                item["check_s"] = round(time.perf_counter() - t1, 2)
                item["check_exit"] = code
                item["check_ok"] = code == 0
                if code:
                    item["check_output"] = output[-500:]
            except PossuiteError as exc:
                item.update(restore_s=None, check_ok=False, error=exc.message)
            finally:
                shutil.rmtree(self.work / "restored", ignore_errors=True)
            if not item.get("check_ok"):
                self.problems.append(f"kept backup {b.path.name} does not restore to a sound book")
            kept.append(item)
            self.say(f"kept backup {b.path.name}: restored in {item.get('restore_s')} s, possuite check "
                     f"{'clean' if item.get('check_ok') else 'FAILED'} ({item.get('check_s')} s)")
        return {"full_check": {"seconds": round(full_s, 2), "findings": [str(f) for f in findings[:20]],
                               "count": len(findings)},
                "pragma_integrity_check": {"seconds": round(pragma_s, 2), "result": pragma},
                "series": series, "kept_backups": kept}

    def run(self) -> dict:
        t_start = time.perf_counter()
        self.say(f"soak: a fresh book at {self.path}; {self.days} days x {self.sales_per_day} sales from {SOAK_START}")
        self.setup()
        self._jobs_mark = 0
        prev_bytes = self.path.stat().st_size
        month: Month | None = None
        self._month_t0 = time.perf_counter()
        try:
            for d in range(self.days):
                key = f"{SOAK_START + timedelta(days=d):%Y-%m}"
                if month is None or month.key != key:
                    month = Month(key)
                    self._month_t0 = time.perf_counter()
                t_day = time.perf_counter()
                self.day(d, month)
                last = d == self.days - 1 or f"{SOAK_START + timedelta(days=d + 1):%Y-%m}" != key
                if last:
                    self.months.append(self._close_month(month, prev_bytes))
                    prev_bytes = self.months[-1]["file_bytes"]
                    if self.on_month:
                        self.on_month(self.result(complete=False))
                else:
                    current = self._month_figures(month, prev_bytes, None)
                    if self.on_month:   # the month so far, so a run stopped early still leaves its days
                        self.on_month(self.result(complete=False, current=current))
                    self.say(f"day {d + 1} ({SOAK_START + timedelta(days=d)}): file "
                             f"{current['file_bytes'] / 1e6:.1f} MB, WAL max {month.wal_hwm / 1e6:.1f} MB, "
                             f"took {time.perf_counter() - t_day:.0f} s")
            self.say("the end: the full check of the live book, then every kept backup restored and checked")
            final = self._final()
            return self.result(complete=True, final=final, seconds=time.perf_counter() - t_start)
        finally:
            self.worker.stop()
            self.ctx.engine.dispose()

    def result(self, *, complete: bool, final: dict | None = None, seconds: float | None = None,
               current: dict | None = None) -> dict:
        """The soak's section; ``current``: the running month's figures so far (a partial report)."""
        months = self.months + ([current] if current else [])
        first = months[0]["checkout"] if months else None
        last = months[-1]["checkout"] if months else None
        totals: Counter = Counter()
        for m in months:
            totals.update(m["operations"])
        printed = {k: sum(m["print"][k] for m in months) for k in
                   ("printed", "waited_for_printer", "offline_refusals", "lost", "doubled", "unaccounted")}
        inc = [m["incremental_check"]["max_ms"] for m in months if m["incremental_check"].get("max_ms")]
        out = {
            "complete": complete, "days_planned": self.days, "days_run": sum(m["days"] for m in months),
            "sales_per_day": self.sales_per_day, "first_day": SOAK_START.isoformat(), "months": months,
            "operations": dict(sorted(totals.items())),
            "checkout": {"month_1": first, "month_last": last,
                         "ratio_median": ratio(last["median_ms"], first["median_ms"]) if first and last else None,
                         "ratio_p99": ratio(last["p99_ms"], first["p99_ms"]) if first and last else None},
            "wal_hwm_bytes": max([m["wal_hwm_bytes"] for m in months], default=0),
            "incremental_check_max_ms": max(inc, default=None),
            "print": printed, "problems": self.problems[:50],
        }
        if final is not None:
            out.update(final)
        if seconds is not None:
            out["seconds"] = round(seconds, 1)
        return out


def run_soak(work: Path, *, days: int = SOAK_DAYS, sales_per_day: int = SALES_PER_DAY,
             progress: Progress | None = None, on_month: Callable[[dict], None] | None = None,
             check_kept: bool = True) -> dict:
    """Run the soak in ``work`` (a folder of its own). Returns the ``soak`` section of the bench report."""
    return Soak(work, days=days, sales_per_day=sales_per_day, progress=progress, on_month=on_month,
                check_kept=check_kept).run()
