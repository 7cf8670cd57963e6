"""``possuite bench``'s sync section: push and pull throughput, a till's catch-up, checkout during a sync.

Against a PostgreSQL server the bench starts itself (``possuite.hub.localpg``: a temporary cluster on a
loopback port, fsync off) and two tills of one store, each its own SQLite book in a temporary folder:

- till A sells ``sales`` times over three days without syncing (3,000: a busy counter's three offline
  days), then syncs: its **push** (sales/s and rows/s; the hub has nothing new for it to pull yet);
- till B, offline just as long with as many sales of its own, syncs: the **catch-up** of a till back
  from three offline days (push its sales, then pull A's);
- till A syncs again: the **pull** of B's sales (sales/s, rows/s);
- **checkout at the till while a sync runs**, as a cashier feels it: each sale at A is driven as the
  counter drives it: its lines scanned one by one (``services.catalog.scan_line``, what the checkout
  screen calls on a scan) with a short think time between scans (``THINK_S``: 20-50 ms, where a real
  cashier takes 0.3-1 s, so the bench ends), the sale opening with its first line (the signal the
  checkout screen gives the sync process, ``SyncProcess.set_sale_open``: the same call the app's
  ``ui/sync_worker.py`` makes), the checkout timed, the sale closing, and a think time before the next
  customer. Blocks alternate: no sync; the app's own sync process (``hub/sync_process.py``: ``possuite
  sync worker``, started as the app starts it, below the till's priority) syncing A round after round
  and told of every open sale (**the target's figure**); and the same sync never told (**"sync never
  paused"**: the worst case, a sale open longer than ``MAX_PAUSE_S``). Before each syncing block till B
  sells and pushes as many sales, so A's rounds pull as well as push; the rows each kind of block
  pushed and pulled are reported (proof that the sync ran). Target: the median within 10 % of the
  median without.

Without PostgreSQL's server binaries the section is skipped and says why (the rest of the bench runs).
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import event, text

from possuite.bench.stats import ratio, summary_ms
from possuite.db.engine import backup_file, open_database
from possuite.domain.cart import CartLine, compute_totals
from possuite.domain.clock import Clock
from possuite.domain.ledger import Tender
from possuite.hub.localpg import LocalPgError, LocalServer, start_local_server
from possuite.hub.register import register_till
from possuite.hub.schema import init_hub
from possuite.hub.sync import sync
from possuite.hub.sync_process import SyncProcess
from possuite.hub.sync_state import FAILED, SyncState
from possuite.services.app import open_context
from possuite.services.catalog import add_item, scan_line
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR, Context
from possuite.services.customers import add_customer
from possuite.services.users import init_store

CATCH_UP_SALES = 3000       # three offline days of a busy counter
LATENCY_SALES = 300         # checkouts measured each way (with a sync running, and without)
BLOCK = 25                  # checkouts per alternating block
#: Seconds between two scans of a sale, and before the next customer's first (a cashier: 0.3-1 s).
THINK_S = (0.020, 0.050)
LINES = 3                   # lines scanned per sale
#: The catalog the bench's cashier scans (barcode, name, price in paise, GST in basis points).
ITEMS = (("8901000000017", "Haircut", 45000, 1800), ("8901000000024", "Shampoo", 25000, 1800),
         ("8901000000031", "Hair oil", 12000, 1200), ("8901000000048", "Face wash", 19900, 1800),
         ("8901000000055", "Comb", 5000, 0))
CUSTOMERS = 300
START = datetime(2026, 11, 2, 9, 0)

Progress = Callable[[str], None]


class _Clock(Clock):
    """The till's clock, moved by the bench (sales spread over the offline days)."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def bench_sync(say: Progress, *, sales: int = CATCH_UP_SALES, latency_sales: int | None = None,
               tmp_root: str | None = None) -> dict:
    """Every figure of the sync section, or ``{"skipped": reason}`` when no PostgreSQL can be started."""
    latency_sales = latency_sales or LATENCY_SALES
    try:
        server = start_local_server("possuite-bench-pg-")
    except LocalPgError as exc:
        return {"skipped": str(exc).splitlines()[0]}
    work = Path(tempfile.mkdtemp(prefix="possuite-bench-sync-", dir=tmp_root))
    try:
        with server:
            return _measure(server, work, say, sales, latency_sales)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sale(ctx: Context, rng: random.Random, customers: list[str], i: int) -> None:
    price = rng.randrange(10000, 150000, 500)
    lines = [CartLine("Haircut", 1000, price), CartLine("Shampoo", 1000, 25000, tax_rate_bp=1800)]
    complete_sale(ctx, _request(lines, price + 25000 + 4500, rng, customers, i))


def _request(lines: list, total: int, rng: random.Random, customers: list[str], i: int) -> SaleRequest:
    """The ``i``-th sale of the mix: a walk-in paying cash, a customer paying by UPI, two customers paying
    half and leaving the rest pending."""
    kind = i % 4
    if kind == 0:    # walk-in, paid cash
        return SaleRequest(lines, tenders=[Tender("cash", total)])
    if kind == 1:    # a customer pays by UPI
        return SaleRequest(lines, customer_id=rng.choice(customers), tenders=[Tender("upi", total)])
    return SaleRequest(lines, customer_id=rng.choice(customers), tenders=[Tender("cash", total // 2)],
                       leave_pending=True)   # a customer pays part, the rest left pending


class _LockWaits:
    """How long the book's write transactions of this process waited for the write lock (``BEGIN IMMEDIATE``,
    db/engine.py: the till's checkout behind a sync batch), from the statement's own cursor events: ``last``
    is the wait of the latest checkout."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.last = 0.0
        self._t0 = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, *args) -> None:
        if statement == "BEGIN IMMEDIATE":
            self._t0 = time.perf_counter()

    def _after(self, conn, cursor, statement, *args) -> None:
        if statement == "BEGIN IMMEDIATE":
            self.last += time.perf_counter() - self._t0

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)


class _SyncWaits(logging.Handler):
    """Counts the sync process's waits for an open sale (its log records come up the pipe into this process)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "a sale is open at the counter" in record.getMessage():
            self.count += 1


def _scanned_sale(ctx: Context, rng: random.Random, customers: list[str], i: int,
                  sale_open: Callable[[bool], None] | None, locks: _LockWaits | None = None) -> float:
    """One sale as the counter makes it; returns the checkout's seconds (``complete_sale`` alone).

    ``sale_open``: the counter's signal to the sync process (``SyncProcess.set_sale_open``), or None when
    no sync is told (no sync running, or the sync never paused)."""
    lines = []
    for k in range(LINES):
        time.sleep(rng.uniform(*THINK_S))
        lines.append(scan_line(ctx, rng.choice(ITEMS)[0]))
        if k == 0 and sale_open is not None:
            sale_open(True)  # the cart got its first line (ui/checkout.py's sale_open signal)
    req = _request(lines, compute_totals(lines).total, rng, customers, i)
    if locks is not None:
        locks.last = 0.0
    t0 = time.perf_counter()
    complete_sale(ctx, req)
    took = time.perf_counter() - t0
    if sale_open is not None:
        sale_open(False)  # the checkout emptied the cart
    time.sleep(rng.uniform(*THINK_S))  # the next customer steps up
    return took


def _offline_days(ctx: Context, clock: _Clock, rng: random.Random, customers: list[str], n: int,
                  skew: timedelta) -> None:
    per_day = max(1, n // 3)
    for i in range(n):
        clock.at = START + skew + timedelta(days=i // per_day, seconds=30 * (i % per_day))
        _sale(ctx, rng, customers, i)


def _count_rows(ctx: Context) -> int:
    with ctx.read() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar())


def _timed_sync(ctx: Context, config: Path):
    t0 = time.perf_counter()
    report = sync(ctx, config)
    return report, time.perf_counter() - t0


def _rate(n: int, seconds: float) -> float | None:
    return round(n / seconds, 1) if seconds > 0 and n else None


def _measure(server: LocalServer, work: Path, say: Progress, sales: int, latency_sales: int) -> dict:
    rng = random.Random(20261102)
    config = work / "config"
    db = server.create_database("bench")
    made = init_hub(server.url(db), business="Bench Group")
    owner = server.url(db, user=made.owner_role, password=made.owner_password)
    admin = server.admin_engine()
    try:
        with admin.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
    finally:
        admin.dispose()

    path_a, path_b = work / "till-a.sqlite3", work / "till-b.sqlite3"
    clock_a, clock_b = _Clock(START), _Clock(START + timedelta(hours=3))   # the tills' clocks disagree
    engine = open_database(path_a)
    init_store(engine, clock_a, store="Bench Salon", owner="Owner", pin="1234")
    a = open_context(engine=engine, path=path_a, clock=clock_a, actor=CLI_ACTOR)
    customers = [add_customer(a, f"Customer {i}", f"98{i:08d}").id for i in range(CUSTOMERS)]
    for code, name, price, rate in ITEMS:
        add_item(a, name, price, barcode=code, tax_rate=rate, kind="product")
    backup_file(path_a, path_b)  # the second counter starts as a copy of the first
    b = open_context(engine=open_database(path_b), path=path_b, clock=clock_b, actor=CLI_ACTOR)
    try:
        say("sync: registering two tills on a local PostgreSQL")
        register_till(a, owner, "Bench Salon", "A", "Counter 1", config)
        register_till(b, owner, "Bench Salon", "B", "Counter 2", config)

        say(f"sync: {sales:,} sales at each till over three offline days")
        _offline_days(a, clock_a, rng, customers, sales, timedelta(0))
        _offline_days(b, clock_b, rng, customers, sales, timedelta(hours=3))
        a_rows, b_rows = _count_rows(a), _count_rows(b)

        say("sync: till A pushes")
        pushed, t_push = _timed_sync(a, config)
        say("sync: till B catches up (push, then pull)")
        caught, t_catch = _timed_sync(b, config)
        say("sync: till A pulls")
        pulled, t_pull = _timed_sync(a, config)
        out = {
            "server": f"PostgreSQL {version} (local, fsync off)",
            "sales": sales,
            "push": {"sales": sales, "rows": pushed.pushed, "queued_rows": a_rows, "seconds": round(t_push, 2),
                     "sales_per_s": _rate(sales, t_push), "rows_per_s": _rate(pushed.pushed, t_push)},
            "catch_up": {"sales_pushed": sales, "rows_pushed": caught.pushed, "queued_rows": b_rows,
                         "rows_pulled": caught.pulled, "seconds": round(t_catch, 2)},
            "pull": {"sales": sales if pulled.pulled else 0, "rows": pulled.pulled, "seconds": round(t_pull, 2),
                     "sales_per_s": _rate(sales, t_pull) if pulled.pulled else None,
                     "rows_per_s": _rate(pulled.pulled, t_pull)},
        }
        say(f"sync: {latency_sales:,} checkouts with a sync running, as many without")
        out["checkout"] = _checkout_during_sync(a, b, clock_a, path_a, config, rng, customers, latency_sales)
        return out
    finally:
        a.engine.dispose()
        b.engine.dispose()


class _SyncChild:
    """The app's sync process (``hub/sync_process.py``, started as the app starts it), asked for a round
    again the moment it answers while ``running``: a worst case (the app asks after each sale and once a
    minute). The rows each block's rounds pushed and pulled are counted."""

    def __init__(self, path: Path, config: Path) -> None:
        self.rounds = 0
        self.pushed = self.pulled = 0
        self.failures: list[str] = []
        self._go = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.proc = SyncProcess(path, config, self._answer, self._gone)

    def _answer(self, state: SyncState) -> None:
        self.rounds += 1
        self.pushed += state.pushed
        self.pulled += state.pulled
        if state.kind == FAILED:
            self.failures.append(state.reason)
        if self._go.is_set() and not self.failures:
            self.proc.request()
        else:
            self._idle.set()

    def _gone(self, why: str) -> None:
        self.failures.append(why)
        self._idle.set()

    def warm_up(self) -> None:
        """Start the child and let it finish one round (its start-up is not measured)."""
        self._idle.clear()
        self.proc.request()
        self._wait_idle()

    def _wait_idle(self) -> None:
        if not self._idle.wait(300):
            raise RuntimeError("the sync process did not answer in 300 s")
        if self.failures:
            raise RuntimeError(f"the sync process failed: {self.failures[0]}")

    @contextmanager
    def running(self, tally: dict) -> Iterator[None]:
        """Rounds without a break inside the block; when it ends, the round in progress finishes first (and is
        counted in ``tally``), so the next quiet block is quiet."""
        rounds, pushed, pulled = self.rounds, self.pushed, self.pulled
        self._idle.clear()
        self._go.set()
        self.proc.request()
        try:
            yield
        finally:
            self._go.clear()
            self.proc.set_sale_open(False)
            self._wait_idle()
            tally["rounds"] += self.rounds - rounds
            tally["rows_pushed"] += self.pushed - pushed
            tally["rows_pulled"] += self.pulled - pulled

    def stop(self) -> None:
        self.proc.stop()


QUIET, CASHIER, NEVER_PAUSED = "quiet", "cashier", "never_paused"


def _checkout_during_sync(ctx: Context, other: Context, clock: _Clock, path: Path, config: Path,
                          rng: random.Random, customers: list[str], n: int) -> dict:
    """Blocks of ``BLOCK`` sales in turn: no sync, a sync told of each open sale, a sync never told."""
    times: dict[str, list[float]] = {QUIET: [], CASHIER: [], NEVER_PAUSED: []}
    lock_waits: dict[str, list[float]] = {QUIET: [], CASHIER: [], NEVER_PAUSED: []}
    tally = {k: {"rounds": 0, "rows_pushed": 0, "rows_pulled": 0} for k in (CASHIER, NEVER_PAUSED)}
    clock.at = START + timedelta(days=4)
    other_clock = other.clock
    if isinstance(other_clock, _Clock):
        other_clock.at = START + timedelta(days=4, hours=3)

    locks = _LockWaits(ctx.engine)
    waits = _SyncWaits()
    hub_log = logging.getLogger("possuite.hub")
    level = hub_log.level
    hub_log.addHandler(waits)
    hub_log.setLevel(logging.INFO)

    def block(kind: str, sale_open: Callable[[bool], None] | None) -> None:
        for i in range(BLOCK):
            times[kind].append(_scanned_sale(ctx, rng, customers, i, sale_open, locks))
            lock_waits[kind].append(locks.last)

    def the_other_till_sells() -> None:
        """Till B sells a block's worth and pushes it, so A's rounds have rows to pull (not timed)."""
        for i in range(BLOCK):
            _sale(other, rng, customers, i)
        sync(other, config)

    child = _SyncChild(path, config)
    loads = []
    try:
        for warm in range(10):
            _scanned_sale(ctx, rng, customers, warm, None)
        child.warm_up()
        for _ in range(max(1, n // BLOCK)):  # blocks alternate, so all see the same machine load
            block(QUIET, None)
            the_other_till_sells()
            with child.running(tally[CASHIER]):
                block(CASHIER, child.proc.set_sale_open)  # the counter's signal, as ui/sync_worker.py gives it
            the_other_till_sells()
            with child.running(tally[NEVER_PAUSED]):
                block(NEVER_PAUSED, None)
            if hasattr(os, "getloadavg"):
                loads.append(os.getloadavg()[0])
    finally:
        child.stop()
        locks.close()
        hub_log.removeHandler(waits)
        hub_log.setLevel(level)
    q, s, u = summary_ms(times[QUIET]), summary_ms(times[CASHIER]), summary_ms(times[NEVER_PAUSED])
    return {
        "model": (f"each sale: {LINES} lines scanned {int(THINK_S[0] * 1000)}-{int(THINK_S[1] * 1000)} ms apart "
                  "(a real cashier: 0.3-1 s), the sale opening with its first line (the sync process told, "
                  "as the app tells it), the checkout timed, the sale closing, the same think time before the "
                  "next customer; blocks of "
                  f"{BLOCK} alternating: no sync / sync told of each open sale / sync never paused"),
        "think_ms": [int(THINK_S[0] * 1000), int(THINK_S[1] * 1000)], "lines_per_sale": LINES,
        "without": q, "with_sync": s, "ratio_median": ratio(s["median_ms"], q["median_ms"]),
        "ratio_p95": ratio(s["p95_ms"], q["p95_ms"]), "syncs_during": tally[CASHIER]["rounds"],
        "rows_pushed_during": tally[CASHIER]["rows_pushed"], "rows_pulled_during": tally[CASHIER]["rows_pulled"],
        "sync_never_paused": {"with_sync": u, "ratio_median": ratio(u["median_ms"], q["median_ms"]),
                              "ratio_p95": ratio(u["p95_ms"], q["p95_ms"]),
                              "syncs_during": tally[NEVER_PAUSED]["rounds"],
                              "rows_pushed_during": tally[NEVER_PAUSED]["rows_pushed"],
                              "rows_pulled_during": tally[NEVER_PAUSED]["rows_pulled"]},
        "sync_waited_for_open_sales": waits.count,
        "write_lock_wait_ms": {"without": summary_ms(lock_waits[QUIET]), "with_sync": summary_ms(lock_waits[CASHIER]),
                               "sync_never_paused": summary_ms(lock_waits[NEVER_PAUSED])},
        "sync_runs_in": "the app's sync process (possuite sync worker), below the till's priority",
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "load_1min_range": [round(min(loads), 2), round(max(loads), 2)] if loads else None,
    }
