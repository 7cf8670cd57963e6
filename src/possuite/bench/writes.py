"""Measured writes: checkouts and collections through the real services, each beside its raw floor.

Service and floor operations alternate one by one, so both see the same machine load, the
same WAL size and the same checkpoints. Inputs are planned (and any set-up written) before
the clock starts; only the call itself is timed.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime

from possuite.bench.builder import OWNER, OWNER_PIN
from possuite.bench.floors import PlannedSale, Shop, plan_sale, raw_collect, raw_connect, raw_sale
from possuite.bench.stats import count_sqlite_statements, ratio, summary_ms
from possuite.domain.clock import FixedClock
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import collect_dues
from possuite.services.context import Context
from possuite.services.users import login

WARM_UP = 10
OPEN_BILLS_PER_COLLECTION = 3


@dataclass
class BenchEnv:
    ctx: Context
    con: sqlite3.Connection
    shop: Shop
    meta: dict
    rng: random.Random
    now: datetime

    def close(self) -> None:
        self.con.close()
        self.ctx.engine.dispose()


def open_env(path, meta: dict, now: datetime, seed: int = 1) -> BenchEnv:

    ctx = open_context(path, clock=FixedClock(now))
    ctx = ctx.as_actor(login(ctx, OWNER, OWNER_PIN))
    _ = ctx.store  # the store's settings are read once per session, not per operation
    con = raw_connect(path)
    return BenchEnv(ctx, con, Shop.read(con, OWNER), meta, random.Random(seed), now)


def _service_sale(ctx: Context, sale: PlannedSale):

    return complete_sale(ctx, SaleRequest(sale.lines, customer_id=sale.customer_id, tenders=sale.tenders,
                                          leave_pending=True))


def _customers(env: BenchEnv) -> list[str]:
    return [r[0] for r in env.con.execute(
        "SELECT id FROM customers WHERE store_id = ? AND active = 1 AND id != ?",
        (env.shop.store_id, env.meta["statement_customer_id"]))]


def _items(env: BenchEnv) -> list[tuple]:
    return env.con.execute("SELECT id, name, kind, price, tax_rate_bp, tax_inclusive FROM items "
                           "WHERE store_id = ? AND active = 1", (env.shop.store_id,)).fetchall()


def _compare(service: list[float], floor: list[float]) -> dict:
    s, f = summary_ms(service), summary_ms(floor)
    return {"service": s, "floor": f, "ratio_median": ratio(s["median_ms"], f["median_ms"]),
            "ratio_p99": ratio(s["p99_ms"], f["p99_ms"])}


def bench_checkout(env: BenchEnv, n: int, progress=None) -> dict:
    """``n`` sales through ``checkout.complete_sale`` and ``n`` raw floor sales, alternating."""
    customers, items = _customers(env), _items(env)
    rng = env.rng
    plans = [plan_sale(rng.choice(customers), rng.sample(items, 3)) for _ in range(2 * (n + WARM_UP) + 2)]
    with count_sqlite_statements(env.ctx.engine) as seen:
        _service_sale(env.ctx, plans.pop())
    with count_sqlite_statements(connection=env.con) as floor_seen:
        raw_sale(env.con, env.shop, plans.pop(), env.now)
    service, floor = [], []
    t_start = time.perf_counter()
    for i in range(n + WARM_UP):
        a, b = plans[2 * i], plans[2 * i + 1]
        t0 = time.perf_counter()
        _service_sale(env.ctx, a)
        t1 = time.perf_counter()
        raw_sale(env.con, env.shop, b, env.now)
        t2 = time.perf_counter()
        if i >= WARM_UP:
            service.append(t1 - t0)
            floor.append(t2 - t1)
        if progress and i and i % 500 == 0:
            progress(f"  checkout {i}/{n}")
    out = _compare(service, floor)
    out.update(queries=len(seen), floor_queries=len(floor_seen), lines=3, tenders=2,
               seconds=round(time.perf_counter() - t_start, 1))
    return out


def day_of_trade(env: BenchEnv, n: int) -> None:
    """``n`` sales through the service, untimed: a day's trade for the incremental integrity check."""
    customers, items = _customers(env), _items(env)
    for _ in range(n):
        _service_sale(env.ctx, plan_sale(env.rng.choice(customers), env.rng.sample(items, 3)))


def _collect_candidates(env: BenchEnv, n: int) -> list[str]:
    rows = env.con.execute(
        "SELECT o.customer_id FROM open_items o JOIN customers c ON c.id = o.customer_id "
        "WHERE o.store_id = ? AND o.side = 'charge' AND c.active = 1 AND c.id != ? "
        "GROUP BY o.customer_id ORDER BY COUNT(*) DESC, o.customer_id LIMIT ?",
        (env.shop.store_id, env.meta["statement_customer_id"], n)).fetchall()
    chosen = [r[0] for r in rows]
    if len(chosen) < n:
        taken = set(chosen)
        rest = [c for c in _customers(env) if c not in taken]
        chosen += env.rng.sample(rest, min(n - len(chosen), len(rest)))
    return chosen


def _open_charges(env: BenchEnv, customers: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {c: [] for c in customers}
    for cid, amount in env.con.execute(
            "SELECT customer_id, open_amount FROM open_items WHERE store_id = ? AND side = 'charge' "
            "AND customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, due_date, posted_at, entry_id",
            (env.shop.store_id, json.dumps(customers))):
        out[cid].append(amount)
    return out


def prepare_collections(env: BenchEnv, n: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    """Plan ``n`` (+ warm-up) collections for the service and as many for the floor.

    Each customer is collected from twice, each time the sum of their three oldest open bills
    (so every collection settles several bills). Customers who owe on fewer than six bills
    are first given more unpaid bills (raw, in one transaction). Returns (service, floor, topped up).
    """
    per_side = (n + WARM_UP + 1) // 2
    customers = _collect_candidates(env, 2 * per_side)
    need = 2 * OPEN_BILLS_PER_COLLECTION
    opened = _open_charges(env, customers)
    items = _items(env)
    added = 0
    env.con.execute("BEGIN IMMEDIATE")
    for cid in customers:
        for _ in range(need - len(opened[cid])):
            raw_sale(env.con, env.shop, plan_sale(cid, env.rng.sample(items, 3), pay_part=False), env.now,
                     own_tx=False)
            added += 1
    env.con.execute("COMMIT")
    opened = _open_charges(env, customers) if added else opened
    k = OPEN_BILLS_PER_COLLECTION
    rounds = [[(c, sum(opened[c][r * k:(r + 1) * k])) for c in customers] for r in range(2)]
    plan = rounds[0] + rounds[1]
    # Alternate customers between the service and the floor.
    sides = {0: [], 1: []}
    for c_index, (cid, amount) in enumerate(plan):
        sides[(c_index % len(customers)) % 2].append((cid, amount))
    return sides[0], sides[1], added


def bench_collect(env: BenchEnv, n: int, progress=None) -> dict:
    """``n`` collections through ``collections.collect_dues`` and ``n`` raw floor collections, alternating."""

    service_plan, floor_plan, added = prepare_collections(env, n)
    count = min(len(service_plan), len(floor_plan))
    service, floor = [], []
    seen_counts, floor_counts = [], []
    t_start = time.perf_counter()
    for i in range(count):
        (sc, sa), (fc, fa) = service_plan[i], floor_plan[i]
        if i == WARM_UP - 1:
            with count_sqlite_statements(env.ctx.engine) as seen:
                collect_dues(env.ctx, sc, sa, "cash")
            seen_counts.append(len(seen))
            with count_sqlite_statements(connection=env.con) as floor_seen:
                raw_collect(env.con, env.shop, fc, fa, "cash", env.now)
            floor_counts.append(len(floor_seen))
            continue
        t0 = time.perf_counter()
        collect_dues(env.ctx, sc, sa, "cash")
        t1 = time.perf_counter()
        raw_collect(env.con, env.shop, fc, fa, "cash", env.now)
        t2 = time.perf_counter()
        if i >= WARM_UP:
            service.append(t1 - t0)
            floor.append(t2 - t1)
        if progress and i and i % 500 == 0:
            progress(f"  collect {i}/{count}")
    out = _compare(service, floor)
    out.update(queries=seen_counts[0] if seen_counts else None,
               floor_queries=floor_counts[0] if floor_counts else None, bills_per_collection=OPEN_BILLS_PER_COLLECTION,
               topped_up_bills=added, seconds=round(time.perf_counter() - t_start, 1))
    return out
