"""Month 1 vs month 12 of the soak in the steady state (issue 15; README, "The integrity check at shop scale").

Usage: PYTHONPATH=src python scripts/m1m12_steady.py JAN31_BACKUP DEC31_BACKUP  (PROFILE=1: a cProfile of invariant 7)

A copy of the session's m1m12.py (the same customers and sales) for the steady state: on a copy of the January 31
and the December 31 soak backups, a first day of 420 sales (part paid, to the same customers as the script's) is closed
(the clock moves to the next morning and the day close's incremental check seals both days, with the customers'
states where the code stores them), then the script's 420 sales of the next day, and the day close's incremental
check over them (seal=False), with the CPU of each part. Same customers, same sales as m1m12.py."""
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import sys
import time
from datetime import datetime, timedelta

from sqlalchemy import text

from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services import integrity, seals
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.shifts import open_shift
from possuite.services.users import login


def ctx_for(src, day):
    dst = f"/tmp/m1m12-steady-{day:%m%d}.sqlite3"
    shutil.copy(src, dst)
    clock = FixedClock(datetime(day.year, day.month, day.day, 10))
    t0 = time.perf_counter()
    ctx = open_context(dst, clock=clock)
    print(f"opened {dst} in {time.perf_counter() - t0:.1f} s (upgrade included)", flush=True)
    ctx = ctx.as_actor(login(ctx, "Owner", "1234"))
    open_shift(ctx, 0)
    with ctx.read() as c:
        cust = [r[0] for r in c.execute(text("SELECT id FROM customers WHERE active LIMIT 500"))]
        items = [r for r in c.execute(text("SELECT name, price FROM items LIMIT 20"))]
    return ctx, clock, cust, items, dst


books = {"month 1": ctx_for(sys.argv[1], datetime(2027, 2, 1)),
         "month 12": ctx_for(sys.argv[2], datetime(2028, 1, 1))}


def day_of_sales():
    """420 part-paid sales at each book, the same ones every day (the same customers and items as m1m12.py)."""
    for i in range(420):
        for ctx, _clock, cust, items, _p in books.values():
            name, price = items[i % len(items)]
            req = SaleRequest([CartLine(name, 1000, price)], customer_id=cust[i % len(cust)],
                              tenders=[Tender("cash", max(100, price // 200 * 100))], leave_pending=True)
            complete_sale(ctx, req)


# day 1: the sales, then the day close (seals the backup's last day and day 1)
day_of_sales()
for k, (ctx, clock, _cust, _items, _p) in books.items():
    object.__setattr__(clock, "at", clock.at + timedelta(days=1))
    w, c0 = time.perf_counter(), time.process_time()
    r = integrity.run_incremental(ctx)
    with ctx.read() as conn:
        n = conn.execute(text("SELECT count(*), count(open) FROM check_states")).one() if conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE name = 'check_states'")).first() else (0, 0)
    print(f"{k}: first day close (seals {[d.isoformat() for d in r.sealed]}): {(time.perf_counter()-w)*1000:.0f} ms "
          f"wall, {(time.process_time()-c0)*1000:.0f} ms CPU, findings {len(r.findings)}, states stored {tuple(n)}",
          flush=True)
# day 2: the script's sales, then the incremental check (steady state)
day_of_sales()
for k, (ctx, _clock, _cust, _items, _p) in books.items():
    runs = []
    for _rep in range(3):
        w, c0 = time.perf_counter(), time.process_time()
        r = integrity.run_incremental(ctx, seal=False)
        runs.append(((time.perf_counter()-w)*1000, (time.process_time()-c0)*1000))
    print(f"{k}: incremental check over 420 sales (3 runs): "
          + ", ".join(f"{a:.0f} ms wall / {b:.0f} ms CPU" for a, b in runs)
          + f"; findings {len(r.findings)}, customers {r.customers}, bills {r.bills}", flush=True)
# CPU per part, each on one read connection (the same snapshot), median of 3
for k, (ctx, _clock, _cust, _items, _p) in books.items():
    s = ctx.store_id
    parts = {}
    with ctx.read() as conn:
        last = seals.last_seal(conn, s)
        for _rep in range(3):
            c0 = time.process_time()
            scope = integrity.touched_since(conn, s, last.marks)
            parts.setdefault("touched_since", []).append(time.process_time() - c0)
            for chk in integrity.CHECKS:
                if chk is integrity.check_seals:
                    continue
                c0 = time.process_time()
                chk(conn, s, scope)
                parts.setdefault(chk.__name__, []).append(time.process_time() - c0)
            c0 = time.process_time()
            chain = seals.seals(conn, s)
            seals.chain_problems(conn, s, chain)
            parts.setdefault("seals: chain", []).append(time.process_time() - c0)
            c0 = time.process_time()
            seals.row_problems(conn, s, chain, [len(chain) - 1])
            parts.setdefault("seals: one day read back", []).append(time.process_time() - c0)
    medians = {n: round(statistics.median(v) * 1000, 1) for n, v in parts.items()}
    print(f"{k}: CPU per part (ms, median of 3): " + json.dumps(medians), flush=True)
if os.environ.get("PROFILE"):
    ctx = books["month 12"][0]
    with ctx.read() as conn:
        scope = integrity.touched_since(conn, ctx.store_id, seals.last_seal(conn, ctx.store_id).marks)
        pr = cProfile.Profile()
        pr.enable()
        integrity.check_projection(conn, ctx.store_id, scope)
        pr.disable()
    out = io.StringIO()
    pstats.Stats(pr, stream=out).sort_stats("tottime").print_stats(25)
    print(out.getvalue()[:6000])
# the second day close, sealing day 2 (steady state, states from the day-1 states)
for k, (ctx, clock, _cust, _items, _p) in books.items():
    object.__setattr__(clock, "at", clock.at + timedelta(days=1))
    w, c0 = time.perf_counter(), time.process_time()
    r = integrity.run_incremental(ctx)
    print(f"{k}: second day close, sealing {[d.isoformat() for d in r.sealed]}: "
          f"{(time.perf_counter()-w)*1000:.0f} ms wall, {(time.process_time()-c0)*1000:.0f} ms CPU, "
          f"findings {len(r.findings)}", flush=True)
for ctx, _clock, _cust, _items, _p in books.values():
    ctx.engine.dispose()
