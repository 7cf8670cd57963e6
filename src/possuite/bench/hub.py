"""``possuite bench --hub URL``: the owner's back office on a hub at shop scale.

Fills an empty hub database (``hub init`` is run on it) with one synthetic store: ``customers``
customers, two thirds of them owing on one to three bills (a sale charge each, some partly paid),
written straight into the hub's tables as the tills' pushes would leave them. Then it times the first
projection refresh (every customer), and the balances window as the app loads it (summary cards and
aging, then the first page by balance: ``services.balances``, the same calls as on a book), for every
store and for the one store. Target: the window at 100,000 customers within 100 ms.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from possuite.bench.reads import BALANCES_PAGE
from possuite.bench.stats import summary_ms
from possuite.db.ids import new_id
from possuite.domain.clock import FixedClock
from possuite.hub.backoffice import open_backoffice, refresh_projection
from possuite.hub.connect import parse_url
from possuite.hub.schema import init_hub
from possuite.services.balances import customer_balances, summary

TARGET_MS = 100.0
NOW = datetime(2026, 11, 1, 10, 0)


def _seed(admin_url: str, customers: int, seed: int) -> str:
    rnd = random.Random(seed)
    engine = create_engine(parse_url(admin_url), poolclass=NullPool)
    store_id = new_id()
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO stores (id, name, address, phone, tax_id, currency, country, credit_days, "
                "invoice_prefix, receipt_prefix, upi_id, allow_advances, cashier_may_comp, created_at, version) "
                "VALUES (:id, 'Bench Store', '', '', '', 'INR', 'IN', 30, 'SAL', 'RCP', '', false, false, :at, 0)"),
                {"id": store_id, "at": NOW - timedelta(days=400)})
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                entries = []
                with cur.copy("COPY customers (id, store_id, name, name_key, phone, phone_e164, phone_digits, "
                              "notes, credit_limit, active, deactivated_reason, is_demo, created_at, updated_at, "
                              "version) FROM STDIN") as copy:
                    for i in range(customers):
                        cid = new_id()
                        name = f"Customer {i:06d}"
                        digits = f"98{i:08d}"
                        created = NOW - timedelta(days=rnd.randint(100, 400))
                        copy.write_row((cid, store_id, name, name.casefold(), digits, f"+91{digits}", digits, "",
                                        None, True, "", False, created, created, 0))
                        if rnd.random() < 2 / 3:
                            for _ in range(rnd.randint(1, 3)):
                                at = NOW - timedelta(days=rnd.randint(0, 150), minutes=rnd.randint(0, 600))
                                amount = rnd.randint(100, 5000) * 100
                                entries.append((new_id(), store_id, cid, "sale", amount, at, (at + timedelta(days=30))
                                                .date()))
                                if rnd.random() < 0.4:
                                    entries.append((new_id(), store_id, cid, "payment", -amount // 2, at, None))
                with cur.copy("COPY ledger_entries (id, store_id, customer_id, kind, amount, posted_at, due_date, "
                              "document, user_name, note) FROM STDIN") as copy:
                    for eid, sid, cid, kind, amount, at, due in entries:
                        copy.write_row((eid, sid, cid, kind, amount, at, due, "", "bench", ""))
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    return store_id


def bench_hub_balances(admin_url: str, customers: int = 100_000, runs: int = 15, seed: int = 7) -> dict:
    """Seed the empty hub at ``admin_url``, refresh its projection, time the balances window."""
    init_hub(admin_url, business="Bench")
    t0 = time.perf_counter()
    _seed(admin_url, customers, seed)
    seeded = time.perf_counter() - t0
    out: dict = {"customers": customers, "page": BALANCES_PAGE, "target_ms": TARGET_MS,
                 "seed_s": round(seeded, 2)}
    for scope in (None, "Bench Store"):
        ctx = open_backoffice(admin_url, store=scope, clock=FixedClock(NOW), refresh=False)
        try:
            if scope is None:
                t0 = time.perf_counter()
                refreshed = refresh_projection(ctx)
                out["first_refresh_s"] = round(time.perf_counter() - t0, 2)
                out["refreshed_customers"] = refreshed.customers
                with ctx.engine.connect() as conn:
                    conn.exec_driver_sql("ANALYZE")
                    conn.commit()
            t0 = time.perf_counter()
            refresh_projection(ctx)  # what the app does on Refresh with nothing new: one cursor read
            idle = time.perf_counter() - t0
            samples = []
            rows = []
            for _ in range(runs):
                t0 = time.perf_counter()
                summary(ctx)
                rows = customer_balances(ctx, limit=BALANCES_PAGE)
                samples.append(time.perf_counter() - t0)
            key = "all_stores" if scope is None else "one_store"
            out[key] = {**summary_ms(samples), "rows": len(rows), "idle_refresh_ms": round(idle * 1000, 2)}
        finally:
            ctx.engine.dispose()
    out["within_target"] = max(out["all_stores"]["median_ms"], out["one_store"]["median_ms"]) <= TARGET_MS
    return out


def render_hub(report: dict) -> str:
    lines = [f"Back office on the hub: {report['customers']:,} customers (seeded in {report['seed_s']} s)",
             f"  first projection refresh: {report['first_refresh_s']} s ({report['refreshed_customers']:,} "
             "customers)"]
    for key, label in (("all_stores", "every store"), ("one_store", "one store")):
        r = report[key]
        lines.append(f"  balances window, {label}: median {r['median_ms']} ms, p95 {r['p95_ms']} ms "
                     f"({r['rows']} rows; refresh with nothing new {r['idle_refresh_ms']} ms)")
    lines.append(f"  target ≤ {report['target_ms']:.0f} ms: {'met' if report['within_target'] else 'NOT met'}")
    return "\n".join(lines)
