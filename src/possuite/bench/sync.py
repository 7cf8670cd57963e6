"""``possuite bench``'s sync section: push and pull throughput, a till's catch-up, checkout during a sync.

Against a PostgreSQL server the bench starts itself (``possuite.hub.localpg``: a temporary cluster on a
loopback port, fsync off) and two tills of one store, each its own SQLite book in a temporary folder:

- till A sells ``sales`` times over three days without syncing (3,000: a busy counter's three offline
  days), then syncs: its **push** (sales/s and rows/s; the hub has nothing new for it to pull yet);
- till B, offline just as long with as many sales of its own, syncs: the **catch-up** of a till back
  from three offline days (push its sales, then pull A's);
- till A syncs again: the **pull** of B's sales (sales/s, rows/s);
- **checkout at the till while a sync runs**: checkouts at A in alternating blocks, one block with no
  sync, the next with the app's own sync process (``hub/sync_process.py``: ``possuite sync worker``,
  started as the app starts it, below the till's priority) syncing A without pause, so both see the
  same machine load. Target: the median within 10 % of the median without.

Without PostgreSQL's server binaries the section is skipped and says why (the rest of the bench runs).
"""

from __future__ import annotations

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

from sqlalchemy import text

from possuite.bench.stats import ratio, summary_ms
from possuite.db.engine import backup_file, open_database
from possuite.domain.cart import CartLine
from possuite.domain.clock import Clock
from possuite.domain.ledger import Tender
from possuite.hub.localpg import LocalPgError, LocalServer, start_local_server
from possuite.hub.register import register_till
from possuite.hub.schema import init_hub
from possuite.hub.sync import sync
from possuite.hub.sync_process import SyncProcess
from possuite.hub.sync_state import FAILED, SyncState
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR, Context
from possuite.services.customers import add_customer
from possuite.services.users import init_store

CATCH_UP_SALES = 3000       # three offline days of a busy counter
LATENCY_SALES = 300         # checkouts measured each way (with a sync running, and without)
BLOCK = 25                  # checkouts per alternating block
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
    total = price + 25000 + 4500
    kind = i % 4
    if kind == 0:    # walk-in, paid cash
        req = SaleRequest(lines, tenders=[Tender("cash", total)])
    elif kind == 1:  # a customer pays by UPI
        req = SaleRequest(lines, customer_id=rng.choice(customers), tenders=[Tender("upi", total)])
    else:            # a customer pays part, the rest left pending
        req = SaleRequest(lines, customer_id=rng.choice(customers), tenders=[Tender("cash", total // 2)],
                          leave_pending=True)
    complete_sale(ctx, req)


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
        out["checkout"] = _checkout_during_sync(a, clock_a, path_a, config, rng, customers, latency_sales)
        return out
    finally:
        a.engine.dispose()
        b.engine.dispose()


class _SyncChild:
    """The app's sync process (``hub/sync_process.py``, started as the app starts it), asked for a round
    again the moment it answers while ``running``: a worst case (the app asks after each sale and once a
    minute)."""

    def __init__(self, path: Path, config: Path) -> None:
        self.rounds = 0
        self.failures: list[str] = []
        self._go = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.proc = SyncProcess(path, config, self._answer, self._gone)

    def _answer(self, state: SyncState) -> None:
        self.rounds += 1
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
        if not self._idle.wait(120):
            raise RuntimeError("the sync process did not answer in 120 s")
        if self.failures:
            raise RuntimeError(f"the sync process failed: {self.failures[0]}")

    @contextmanager
    def running(self) -> Iterator[None]:
        """Rounds without pause inside the block; when it ends, the round in progress finishes first, so the
        next quiet block is quiet."""
        self._idle.clear()
        self._go.set()
        self.proc.request()
        try:
            yield
        finally:
            self._go.clear()
            self._wait_idle()

    def stop(self) -> None:
        self.proc.stop()


def _checkout_during_sync(ctx: Context, clock: _Clock, path: Path, config: Path, rng: random.Random,
                          customers: list[str], n: int) -> dict:
    quiet: list[float] = []
    busy: list[float] = []
    clock.at = START + timedelta(days=4)

    def block(samples: list[float]) -> None:
        for i in range(BLOCK):
            t0 = time.perf_counter()
            _sale(ctx, rng, customers, i)
            samples.append(time.perf_counter() - t0)

    child = _SyncChild(path, config)
    try:
        for warm in range(10):
            _sale(ctx, rng, customers, warm)
        child.warm_up()
        before = child.rounds
        for _ in range(max(1, n // BLOCK)):  # blocks alternate, so both see the same machine load
            block(quiet)
            with child.running():
                block(busy)
    finally:
        child.stop()
    q, s = summary_ms(quiet), summary_ms(busy)
    return {"without": q, "with_sync": s, "ratio_median": ratio(s["median_ms"], q["median_ms"]),
            "ratio_p95": ratio(s["p95_ms"], q["p95_ms"]), "syncs_during": child.rounds - before,
            "sync_runs_in": "the app's sync process (possuite sync worker), below the till's priority",
            "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None}
