"""Measured reads: customer lookup, the balances window, report PDFs and the integrity check."""

from __future__ import annotations

import re
import string
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event

from possuite.bench.floors import raw_lookup
from possuite.bench.stats import count_statements, percentile, ratio, summary_ms
from possuite.bench.writes import BenchEnv, day_of_trade
from possuite.domain.clock import FixedClock
from possuite.services import seals
from possuite.services.balances import customer_balances, summary
from possuite.services.customers import lookup
from possuite.services.integrity import run_checks, run_incremental, seal_completed_days
from possuite.services.payments_report import payment_report
from possuite.services.statement import customer_statement

#: The balances window's first page (``ui.owner_models.PAGE_SIZE``).
BALANCES_PAGE = 200
LOOKUP_CLASSES = ("name 2", "name 3", "name 4", "name none", "phone start", "phone middle", "phone end",
                  "phone none")


# ---------------------------------------------------------------- lookup

def lookup_terms(env: BenchEnv, per_class: int) -> dict[str, list[str]]:
    """Search terms per class, from real names and phone numbers of the store (and ones that match nothing)."""
    rng = env.rng
    rows = env.con.execute("SELECT name, phone_digits FROM customers WHERE store_id = ? AND active = 1",
                           (env.shop.store_id,)).fetchall()
    sample = [rows[rng.randrange(len(rows))] for _ in range(per_class)]
    terms: dict[str, list[str]] = {k: [] for k in LOOKUP_CLASSES}
    for i, (name, phone) in enumerate(sample):
        key = name.casefold()
        terms["name 2"].append(key[:2])
        for n in (3, 4):
            word = max(key.split(), key=len) if len(max(key.split(), key=len)) >= n else key
            at = rng.randrange(0, len(word) - n + 1)
            terms[f"name {n}"].append(word[at:at + n])
        n = 3 + i % 4
        terms["phone start"].append(phone[:n])
        mid = rng.randrange(1, len(phone) - n)
        terms["phone middle"].append(phone[mid:mid + n])
        terms["phone end"].append(phone[-n:])
    for cls, length, alphabet in (("name none", None, "qxzjwv"), ("phone none", 6, string.digits)):
        tries = 0
        while len(terms[cls]) < per_class and tries < per_class * 200:
            tries += 1
            n = length or 2 + tries % 3
            term = "".join(rng.choice(alphabet) for _ in range(n))
            if term[0] == "0" or term in terms[cls]:
                continue
            if not raw_lookup(env.con, env.shop.store_id, term):
                terms[cls].append(term)
    return terms


def bench_lookup(env: BenchEnv, per_class: int) -> dict:
    """p50/p95 of ``customers.lookup`` per term class, beside the raw FTS/index query."""

    terms = lookup_terms(env, per_class)
    warm = [t for cls in LOOKUP_CLASSES for t in terms[cls][:5]]
    for t in warm:
        lookup(env.ctx, t)
        raw_lookup(env.con, env.shop.store_id, t)
    with count_statements(env.ctx.engine) as seen:
        lookup(env.ctx, terms["name 3"][0])
    out: dict = {"queries": len(seen), "classes": {}}
    pooled: list[float] = []
    for cls in LOOKUP_CLASSES:
        service, floor, found, cpu = [], [], [], []
        for t in terms[cls]:
            c0 = time.process_time()
            t0 = time.perf_counter()
            rows = lookup(env.ctx, t)
            t1 = time.perf_counter()
            cpu.append(time.process_time() - c0)
            raw_lookup(env.con, env.shop.store_id, t)
            t2 = time.perf_counter()
            service.append(t1 - t0)
            floor.append(t2 - t1)
            found.append(len(rows))
        pooled += service
        s, f = sorted(service), sorted(floor)
        p50, p95 = round(percentile(s, 50) * 1000, 3), round(percentile(s, 95) * 1000, 3)
        f50, f95 = round(percentile(f, 50) * 1000, 3), round(percentile(f, 95) * 1000, 3)
        # CPU time of the lookups (time.process_time): what a busy machine's waits for the CPU do not inflate.
        cpu_ms = round(sum(cpu) / len(cpu) * 1000, 3) if cpu else None
        out["classes"][cls] = {
            "n": len(s), "service": {"p50_ms": p50, "p95_ms": p95, "max_ms": round(s[-1] * 1000, 3) if s else None,
                                     "cpu_mean_ms": cpu_ms},
            "floor": {"p50_ms": f50, "p95_ms": f95}, "ratio_p95": ratio(p95, f95),
            "matches_avg": round(sum(found) / len(found), 1) if found else 0, "examples": terms[cls][:4]}
    pooled.sort()
    out["all"] = {"n": len(pooled), "p50_ms": round(percentile(pooled, 50) * 1000, 3),
                  "p95_ms": round(percentile(pooled, 95) * 1000, 3)}
    return out


# ---------------------------------------------------------------- balances window

def bench_balances(env: BenchEnv, runs: int = 15) -> dict:
    """Summary cards + aging + the first page by balance: time and statements; floor = the same SQL, raw."""

    ctx = env.ctx
    captured: list[tuple[str, tuple]] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))


    event.listen(ctx.engine, "before_cursor_execute", grab)
    try:
        summary(ctx)
        rows = customer_balances(ctx, limit=BALANCES_PAGE)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", grab)
    service, floor = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        summary(ctx)
        customer_balances(ctx, limit=BALANCES_PAGE)
        t1 = time.perf_counter()
        for sql, params in captured:
            env.con.execute(sql, params).fetchall()
        t2 = time.perf_counter()
        service.append(t1 - t0)
        floor.append(t2 - t1)
    s, f = summary_ms(service), summary_ms(floor)
    return {"service": s, "floor": f, "ratio_median": ratio(s["median_ms"], f["median_ms"]),
            "queries": len(captured), "rows": len(rows), "page": BALANCES_PAGE}


# ---------------------------------------------------------------- reports

def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(path).read_bytes()))


def bench_reports(env: BenchEnv, out_dir: Path) -> dict:

    ctx, meta = env.ctx, env.meta
    day, small_day = date.fromisoformat(meta["report_day"]), date.fromisoformat(meta["small_report_day"])
    with count_statements(ctx.engine) as q10:
        small = payment_report(ctx, small_day, small_day)
    payment_report(ctx, day, day)  # warm: fonts and statements, as a till that has run a report before
    with count_statements(ctx.engine) as q1000:
        t0 = time.perf_counter()
        report = payment_report(ctx, day, day)
        t_data = time.perf_counter() - t0
    out: dict = {"payment": {"invoices": len(report.invoices), "queries": len(q1000),
                             "invoices_small": len(small.invoices), "queries_small": len(q10),
                             "data_s": round(t_data, 3)}}
    try:
        # deferred: reportlab is optional here; PDFs are timed where present
        from possuite.reports.payments_pdf import write_payment_report_pdf
    except ImportError:
        write_payment_report_pdf = None
    if write_payment_report_pdf is not None:
        path = out_dir / "bench-payment-report.pdf"
        t0 = time.perf_counter()
        write_payment_report_pdf(report, path)
        t_pdf = time.perf_counter() - t0
        out["payment"].update(pdf_s=round(t_pdf, 3), total_s=round(t_data + t_pdf, 3), pages=pdf_pages(path),
                              pdf=str(path))
    with count_statements(ctx.engine) as qs:
        t0 = time.perf_counter()
        st = customer_statement(ctx, meta["statement_customer_id"])
        t_data = time.perf_counter() - t0
    out["statement"] = {"movements": len(st.lines), "queries": len(qs), "data_s": round(t_data, 3)}
    try:
        # deferred: reportlab is optional here; PDFs are timed where present
        from possuite.reports.statement_pdf import write_statement_pdf
    except ImportError:
        write_statement_pdf = None
    if write_statement_pdf is not None:
        path = out_dir / "bench-statement.pdf"
        t0 = time.perf_counter()
        write_statement_pdf(st, path)
        t_pdf = time.perf_counter() - t0
        out["statement"].update(pdf_s=round(t_pdf, 3), total_s=round(t_data + t_pdf, 3), pages=pdf_pages(path),
                                pdf=str(path))
    return out


# ---------------------------------------------------------------- integrity

def bench_integrity(env: BenchEnv, day_sales: int) -> dict:
    """The full check; then the incremental check of one day's trade (issue 15).

    The book is sealed through the measured moment's day (the history, once, as the first check after
    an upgrade does; and the measured sales and collections), ``day_sales`` sales (the shop's average
    day) are posted through the service, and the incremental check of what they touched is timed (the
    median of three runs, wall and CPU: on a shared machine the CPU time is what the check itself costs),
    seen from the next morning: nothing else is unsealed."""
    t0, c0 = time.perf_counter(), time.process_time()
    findings = run_checks(env.ctx)
    out = {"seconds": round(time.perf_counter() - t0, 3), "cpu_s": round(time.process_time() - c0, 3),
           "findings": len(findings), "first_findings": [str(f) for f in findings[:5]]}
    if findings:
        return out
    with env.ctx.read() as conn:   # a kept store was sealed by an earlier run: the next day is sealed now
        last = seals.last_seal(conn, env.ctx.store_id)
    days = 1 if last is None else max(1, (last.day - env.now.date()).days + 2)
    morning = replace(env.ctx, clock=FixedClock(env.now + timedelta(days=days)))
    t0 = time.perf_counter()
    sealed = seal_completed_days(morning)
    out["sealing"] = {"seconds": round(time.perf_counter() - t0, 3), "days": len(sealed)}
    day_of_trade(env, day_sales)
    runs, cpu = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        inc = run_incremental(morning, seal=False)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    out["incremental"] = {"seconds": round(sorted(runs)[1], 3), "runs_s": [round(x, 3) for x in runs],
                          "cpu_s": round(sorted(cpu)[1], 3),
                          "sales": day_sales, "findings": len(inc.findings),
                          "first_findings": [str(f) for f in inc.findings[:5]],
                          **{k: v for k, v in inc.as_json().items()
                             if k in ("customers", "bills", "seals", "read_back")}}
    return out
