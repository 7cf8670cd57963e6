"""The multi-till simulation of issue 12: 3 stores × 2 tills, each its own SQLite book, on one real hub.

Every simulated day each till trades through the real services on its own fixed clock (the tills'
clocks are hours apart): paid, pending, no-payment, complimentary and overpaid sales, collections,
adjustments, voids (now and then the same bill voided at both tills of a store), returns, customer creates
(now and then the same phone at both tills), customer edits and store settings changes. Tills go
offline for stretches of days, the hub itself goes away for a stretch (its server is stopped: sales
go on, syncs say the hub cannot be reached), online tills sync at random moments of the day through
``possuite.hub.sync.sync``, some batches are delivered twice (``hub.push.apply_batch`` on the till's
own login, before the sync, and again later when stale) and some ``possuite sync`` processes are
killed with SIGKILL midway. At the end every till syncs twice, and ``simcheck.verify`` lists every
promise of issue 12 that the run broke.

Seeded: ``Simulation(seed=…)`` replays a run exactly (up to the moment a SIGKILL lands).
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
from hubkit import cli_env
from sqlalchemy import text

from possuite.db.engine import backup_file, open_database
from possuite.domain.ledger import Tender
from possuite.hub import outbox
from possuite.hub.connect import HubUnreachable, hub_engine, with_saved_password
from possuite.hub.localpg import LocalServer
from possuite.hub.push import apply_batch
from possuite.hub.register import register_till
from possuite.hub.schema import init_hub
from possuite.hub.sync import sync
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, collect_dues, void_bill
from possuite.services.context import CLI_ACTOR, Context
from possuite.services.customers import add_customer, edit_customer
from possuite.services.returns import create_return
from possuite.services.shifts import close_shift, current_shift, open_shift
from possuite.services.store_settings import update_settings
from possuite.services.users import init_store
from testkit import MutableClock, line

#: Day 0 of the simulation, at opening time (each till's clock is this plus the day, plus its skew).
BASE = datetime(2026, 11, 2, 9, 0)
STORES = (("Glow Salon", ("A", "B"), False), ("Shine Spa", ("C", "D"), True), ("Trim Studio", ("E", "F"), False))
OPENING_CUSTOMERS = 6
NUMBER_RE = re.compile(r"^(?P<series>.+)-(?P<yy>\d{2})-(?P<seq>\d{4,})$")


@dataclass
class Till:
    store: str
    code: str
    path: Path
    clock: MutableClock
    skew: timedelta
    ctx: Context
    offline_until: int = -1          # offline through this day
    minute: int = 0
    made: dict[str, str] = field(default_factory=dict)   # bill id -> number: the sales this till made

    def tick(self, day: int, rng: random.Random) -> None:
        """Move this till's own clock forward a little within ``day`` (never back)."""
        self.minute += rng.randint(1, 9)
        self.clock.set(BASE + timedelta(days=day, minutes=self.minute) + self.skew)

    def new_day(self) -> None:
        self.minute = 0

    def online(self, day: int) -> bool:
        return day > self.offline_until

    @property
    def now_text(self) -> str:
        return self.clock.now().replace(microsecond=0).isoformat()


@dataclass
class Stats:
    ops: Counter = field(default_factory=Counter)
    sales_while_hub_down: int = 0
    syncs: int = 0
    syncs_refused_hub_down: int = 0
    double_deliveries: int = 0
    stale_deliveries: int = 0
    kills: int = 0
    kills_midway: int = 0          # the killed process had sent part of the outbox, not all
    hub_connections_during_trade: int = 0
    pulled: int = 0

    def line(self) -> str:
        ops = ", ".join(f"{k} {v}" for k, v in sorted(self.ops.items()))
        return (f"{ops}; syncs {self.syncs} (+{self.syncs_refused_hub_down} refused: hub down), pulled "
                f"{self.pulled}; batches delivered twice {self.double_deliveries} (+{self.stale_deliveries} "
                f"stale); kills {self.kills} ({self.kills_midway} midway); sales while the hub was down "
                f"{self.sales_while_hub_down}")


class Simulation:
    def __init__(self, server: LocalServer, root: Path, config_dir: Path, *, seed: int, days: int = 30,
                 ops_per_day: int = 6, same_phone: bool = True, returns: bool = True) -> None:
        """``same_phone``: now and then a till creates a customer with a phone the other till gave a customer
        it has not pulled yet; ``returns``: returns among the operations (each can be left out, see
        test_simulation.py's known gaps)."""
        self.server, self.root, self.config_dir = server, root, config_dir
        self.seed, self.days, self.ops_per_day = seed, days, ops_per_day
        self.same_phone, self.returns = same_phone, returns
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.tills: list[Till] = []
        self.opening_bills: dict[str, set[str]] = {}      # store id -> bills both tills had before registering
        self.delivered: list[tuple[Till, outbox.Batch]] = []
        # Bill lines whose goods came back (at either till): goods come back once, and a void bill's goods
        # never. Two offline returns of one line beyond what was sold, or a return at one till of a bill the
        # other voided, are mistakes the checks flag (test_returns_shifts_sync.py).
        self.returned_lines: set[str] = set()
        self.returned_bills: set[tuple[str, str]] = set()   # (store id, bill number)
        self.voided_bills: set[tuple[str, str]] = set()
        self.phones = 0
        self.trading = False
        self.day = 0
        rng = self.rng
        days_down = rng.randint(1, 3)
        first = rng.randint(3, max(3, days - days_down - 2))
        self.hub_down_days = set(range(first, first + days_down))
        kill_days = rng.sample(range(1, days), k=min(days - 1, max(2, days // 8)))
        self.kill_days = set(kill_days)

    # ------------------------------------------------------------------ set-up

    def setup(self) -> None:
        self.db = self.server.create_database("sim")
        made = init_hub(self.server.url(self.db), business="Sim Group")
        self.owner_url = self.server.url(self.db, user=made.owner_role, password=made.owner_password)
        for store, codes, advances in STORES:
            first = self._book(self.root / f"{codes[0]}.sqlite3", store, advances)
            second_path = self.root / f"{codes[1]}.sqlite3"
            backup_file(first.path, second_path)   # the second counter starts as a copy of the first book
            second = self._open(second_path, store, codes[1])
            first.code = codes[0]
            with first.ctx.read() as conn:
                self.opening_bills[first.ctx.store_id] = set(
                    conn.execute(text("SELECT id FROM bills")).scalars())
            for till in (first, second):
                result = register_till(till.ctx, self.owner_url, store, till.code, f"Counter {till.code}",
                                       self.config_dir)
                assert result.sync is not None and result.sync.waiting == 0, result
                self.tills.append(till)

    def _clock(self) -> tuple[MutableClock, timedelta]:
        skew = timedelta(minutes=self.rng.randint(-6 * 60, 6 * 60))
        return MutableClock(BASE + skew - timedelta(days=1)), skew

    def _open(self, path: Path, store: str, code: str) -> Till:
        clock, skew = self._clock()
        ctx = open_context(engine=open_database(path), path=path, clock=clock, actor=CLI_ACTOR)
        return Till(store, code, path, clock, skew, ctx)

    def _book(self, path: Path, store: str, advances: bool) -> Till:
        clock, skew = self._clock()
        engine = open_database(path)
        init_store(engine, clock, store=store, owner="Owner", pin="1234", allow_advances=advances)
        ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
        till = Till(store, "", path, clock, skew, ctx)
        for i in range(OPENING_CUSTOMERS):  # the customers and history both counters start from
            c = add_customer(ctx, f"{store} regular {i}", self._phone())
            complete_sale(ctx, SaleRequest([line(40000 + 500 * i)], customer_id=c.id,
                                           tenders=[Tender("cash", 10000)], leave_pending=True))
        return till

    def _phone(self) -> str:
        self.phones += 1
        return f"98{self.seed % 1000:03d}{self.phones:05d}"

    # ------------------------------------------------------------------ the days

    def run(self) -> None:
        with self._guard_hub_connections():
            for day in range(self.days):
                self._day(day)
            self._hub(up=True)
            for till in self.tills:
                till.offline_until = -1
            for _round in range(2):  # at the end every till syncs twice
                for till in self.rng.sample(self.tills, len(self.tills)):
                    till.tick(self.days, self.rng)
                    report = sync(till.ctx, self.config_dir)
                    self.stats.syncs += 1
                    self.stats.pulled += report.pulled
                    assert report.rejected is None and report.waiting == 0, (till.code, report)

    def _day(self, day: int) -> None:
        rng = self.rng
        self.day = day
        self._hub(up=day not in self.hub_down_days)
        for till in self.tills:
            till.new_day()
            if till.online(day) and rng.random() < 0.15:
                till.offline_until = day + rng.randint(1, 4)
        plan: list[tuple[str, Till]] = [("op", t) for t in self.tills for _ in range(self.ops_per_day)]
        plan += [("sync", t) for t in self.tills if t.online(day) for _ in range(rng.choice((0, 1, 1, 2)))]
        rng.shuffle(plan)
        if day in self.kill_days:
            online = [t for t in self.tills if t.online(day)]
            if online and self.server.running:
                plan.append(("kill", rng.choice(online)))
        if rng.random() < 0.25:
            plan.insert(rng.randrange(len(plan) + 1), ("double void", rng.choice(self.tills)))
        for what, till in plan:
            till.tick(day, rng)
            if what == "op":
                self._trade(till)
            elif what == "double void":
                self._double_void(till)
            elif what == "sync":
                self._sync(till)
            else:
                self._killed_sync(till)

    def _hub(self, *, up: bool) -> None:
        if up and not self.server.running:
            self.server.start()
        elif not up and self.server.running:
            self.server.stop()

    # ------------------------------------------------------------------ trade (through the services)

    @contextmanager
    def _guard_hub_connections(self):
        """Count every connection to PostgreSQL opened while a till trades (there must be none)."""
        real = psycopg.connect

        def counting(*args, **kwargs):
            if self.trading:
                self.stats.hub_connections_during_trade += 1
            return real(*args, **kwargs)

        psycopg.connect = counting
        try:
            yield
        finally:
            psycopg.connect = real

    def _customers(self, till: Till) -> list[tuple[str, int]]:
        with till.ctx.read() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT id, balance FROM customers WHERE store_id = :s AND active = 1 ORDER BY id"),
                {"s": till.ctx.store_id})]

    def _trade(self, till: Till) -> None:
        rng = self.rng
        kind = rng.choices(("paid", "pending", "no payment", "complimentary", "overpay", "walk-in", "collection",
                            "adjustment", "void", "return", "customer", "customer edit", "settings", "shift"),
                           weights=(14, 12, 6, 2, 5, 6, 9, 3, 2, 2 if self.returns else 0, 4, 3, 0.5, 1.5))[0]
        self.trading = True
        try:
            done = self._do(till, kind)
        finally:
            self.trading = False
        if done:
            self.stats.ops[kind] += 1
            if kind in ("paid", "pending", "no payment", "complimentary", "overpay", "walk-in") \
                    and not self.server.running:
                self.stats.sales_while_hub_down += 1

    def _sell(self, till: Till, req: SaleRequest) -> None:
        result = complete_sale(till.ctx, req)
        till.made[result.bill_id] = result.number

    def _do(self, till: Till, kind: str) -> bool:
        rng = self.rng
        customers = self._customers(till)
        cid, balance = rng.choice(customers)
        amount = rng.randrange(2000, 250000, 100)
        store = till.ctx.store
        # A customer holding credit (an overlap of two tills' payments, an advance) spends it first: only
        # cash can then pay the full price (the rest is change), as at a real counter.
        method = "cash" if balance < 0 else rng.choice(("cash", "upi", "card"))
        if kind == "paid":
            self._sell(till, SaleRequest([line(amount)], customer_id=cid, tenders=[Tender(method, amount)]))
        elif kind == "walk-in":
            self._sell(till, SaleRequest([line(amount)], tenders=[Tender("cash", amount + rng.choice((0, 500)))]))
        elif kind == "pending":
            part = rng.randrange(100, amount, 100)
            self._sell(till, SaleRequest([line(amount)], customer_id=cid, tenders=[Tender(method, part)],
                                         leave_pending=True))
        elif kind == "no payment":
            self._sell(till, SaleRequest([line(amount)], customer_id=cid, no_payment=True))
        elif kind == "complimentary":
            self._sell(till, SaleRequest([line(amount)], customer_id=cid, complimentary=True, reason="birthday"))
        elif kind == "overpay":
            if store.allow_advances:          # the rest becomes the customer's credit
                self._sell(till, SaleRequest([line(amount)], customer_id=cid,
                                             tenders=[Tender("upi", amount + rng.randrange(100, 50000, 100))]))
            elif balance > 0:                  # the rest settles old dues
                extra = rng.randint(1, balance // 100) * 100 if balance >= 100 else balance
                self._sell(till, SaleRequest([line(amount)], customer_id=cid, tenders=[Tender("card", amount + extra)]))
            else:                              # cash: the rest is change
                self._sell(till, SaleRequest([line(amount)], customer_id=cid,
                                             tenders=[Tender("cash", amount + 5000)]))
        elif kind == "collection":
            owing = [(c, b) for c, b in customers if b > 0]
            if not owing:
                return False
            cid, balance = rng.choice(owing)
            top = balance + (20000 if store.allow_advances else 0)
            collect_dues(till.ctx, cid, rng.randint(1, max(1, top // 100)) * 100 if top >= 100 else top,
                         rng.choice(("cash", "upi")))
        elif kind == "adjustment":
            cut = rng.randrange(100, 20000, 100)
            if rng.random() < 0.5 or store.allow_advances:
                adjust(till.ctx, cid, cut, "counted again")
            elif balance > 0:          # a write-off of at most what is owed (without advances)
                adjust(till.ctx, cid, -min(cut, balance), "goodwill")
            else:
                return False
        elif kind == "void":
            number = self._voidable(till)
            if number is None:
                return False
            void_bill(till.ctx, number, "keyed twice")
            self.voided_bills.add((till.ctx.store_id, number))
        elif kind == "return":            # a line of a bill of this till or (once pulled) of the other
            picked = self._returnable(till)
            if picked is None:
                return False
            number, line_id, qty, named = picked
            create_return(till.ctx, number, {line_id: qty}, "account" if named else "cash", "did not suit")
            self.returned_lines.add(line_id)
            self.returned_bills.add((till.ctx.store_id, number))
        elif kind == "customer edit":   # masters: the last writer wins, per row, on every node
            edit_customer(till.ctx, cid, notes=f"seen at {till.code} on {till.now_text}")
        elif kind == "settings":
            update_settings(till.ctx, credit_days=rng.randint(7, 60))
        elif kind == "shift":             # the drawer: opened with a float, closed with a count (off or short)
            if current_shift(till.ctx) is None:
                open_shift(till.ctx, rng.randrange(0, 500000, 100))
            else:
                close_shift(till.ctx, counted=rng.randrange(0, 1000000, 100))
        else:
            sibling = self._sibling(till)
            phone = self._unseen_phone(sibling, till) if self.same_phone and rng.random() < 0.3 else None
            add_customer(till.ctx, f"{till.store} walk-in {self.phones}", phone or self._phone())
        return True

    def _voidable(self, till: Till, among: set[str] | None = None) -> str | None:
        """A recent bill this till may void: not void, nothing returned from it."""
        with till.ctx.read() as conn:
            rows = list(conn.execute(text(
                "SELECT number FROM bills b WHERE store_id = :s AND voided_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM credit_notes n WHERE n.bill_id = b.id) ORDER BY posted_at DESC, id LIMIT 40"),
                {"s": till.ctx.store_id}).scalars())
        rows = [r for r in rows if (till.ctx.store_id, r) not in self.returned_bills]
        if among is not None:
            rows = [r for r in rows if r in among]
        return self.rng.choice(rows) if rows else None

    def _returnable(self, till: Till) -> tuple[str, str, int, bool] | None:
        """A recent bill's line nothing was returned from yet: (bill number, line id, quantity, named customer)."""
        with till.ctx.read() as conn:
            rows = conn.execute(text(
                "SELECT b.number, l.id, l.qty, b.customer_id IS NOT NULL FROM bills b JOIN bill_lines l "
                "ON l.bill_id = b.id WHERE b.store_id = :s AND b.voided_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM credit_note_lines n WHERE n.bill_line_id = l.id) "
                "ORDER BY b.posted_at DESC, b.id LIMIT 40"), {"s": till.ctx.store_id}).all()
        rows = [r for r in rows if r[1] not in self.returned_lines
                and (till.ctx.store_id, r[0]) not in self.voided_bills]
        return tuple(self.rng.choice(rows)) if rows else None

    def _sibling(self, till: Till) -> Till:
        return next(t for t in self.tills if t.store == till.store and t is not till)

    def _unseen_phone(self, sibling: Till, till: Till) -> str | None:
        """A phone the other till of the store gave a customer that this till has not seen: both are kept."""
        with sibling.ctx.read() as conn:
            theirs = set(conn.execute(text("SELECT phone_e164 FROM customers WHERE phone_e164 IS NOT NULL"))
                         .scalars())
        with till.ctx.read() as conn:
            mine = set(conn.execute(text("SELECT phone_e164 FROM customers WHERE phone_e164 IS NOT NULL"))
                       .scalars())
        fresh = sorted(theirs - mine)
        if not fresh:
            return None
        self.stats.ops["same phone at two tills"] += 1
        return fresh[self.rng.randrange(len(fresh))]

    def _double_void(self, till: Till) -> None:
        """Both tills of the store void the same bill before either hears of the other's void."""
        sibling = self._sibling(till)
        with sibling.ctx.read() as conn:
            theirs = set(conn.execute(text("SELECT number FROM bills b WHERE voided_at IS NULL AND NOT EXISTS "
                                           "(SELECT 1 FROM credit_notes n WHERE n.bill_id = b.id)")).scalars())
        number = self._voidable(till, theirs)
        if number is None:
            return
        sibling.tick(self.day, self.rng)
        self.trading = True
        try:
            void_bill(till.ctx, number, "wrong customer")
            void_bill(sibling.ctx, number, "keyed twice")
            self.voided_bills.add((till.ctx.store_id, number))
        finally:
            self.trading = False
        self.stats.ops["same bill voided at two tills"] += 1

    # ------------------------------------------------------------------ syncs

    def _sync(self, till: Till) -> None:
        rng = self.rng
        if not self.server.running:
            try:
                sync(till.ctx, self.config_dir)
            except HubUnreachable:
                self.stats.syncs_refused_hub_down += 1
                return
            raise AssertionError(f"till {till.code} synced with the hub's server stopped")
        if rng.random() < 0.3:
            self._deliver_early(till)
        report = sync(till.ctx, self.config_dir, batch_size=rng.choice((5, 40, 500)))
        assert report.rejected is None and report.waiting == 0, (till.code, report)
        self.stats.syncs += 1
        self.stats.pulled += report.pulled
        if self.delivered and rng.random() < 0.3:
            old_till, batch = self.delivered.pop(rng.randrange(len(self.delivered)))
            self._apply(old_till, batch)
            self.stats.stale_deliveries += 1

    def _deliver_early(self, till: Till) -> None:
        """Send the head of the outbox on the till's own login without telling the till: the sync sends it again."""
        with till.ctx.read() as conn:
            ident = outbox.identity(conn)
            batch = outbox.read_batch(conn, ident.id, self.rng.randint(1, 60))
        if batch is None:
            return
        self._apply(till, batch)
        self.delivered.append((till, batch))
        self.stats.double_deliveries += 1

    def _apply(self, till: Till, batch: outbox.Batch) -> None:
        with till.ctx.read() as conn:
            ident = outbox.identity(conn)
        engine = hub_engine(with_saved_password(self.config_dir, ident.hub_url))
        try:
            with engine.begin() as hub:
                apply_batch(hub, batch)
        finally:
            engine.dispose()

    def _killed_sync(self, till: Till) -> None:
        """``possuite sync`` in a process of its own, killed with SIGKILL after a random moment."""
        with till.ctx.read() as conn:
            before = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar()
        env = {**cli_env(self.config_dir), "POSSUITE_NOW": till.now_text}
        child = subprocess.Popen([sys.executable, "-m", "possuite", "--db", str(till.path), "sync", "--batch-size",
                                  "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        if self.rng.random() < 0.5:   # soon after the till took its first batch off the outbox
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and child.poll() is None:
                with till.ctx.read() as conn:
                    if conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar() < before:
                        break
                time.sleep(0.005)
            time.sleep(self.rng.uniform(0, 0.05))
        else:                         # any moment, start-up included
            time.sleep(self.rng.uniform(0.2, 2.0))
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=60)
        if child.returncode == -signal.SIGKILL:
            self.stats.kills += 1
            with till.ctx.read() as conn:
                after = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar()
            if 0 < after < before:
                self.stats.kills_midway += 1
        else:
            assert child.returncode == 0, (till.code, child.returncode, err)

    def close(self) -> None:
        for till in self.tills:
            till.ctx.engine.dispose()
