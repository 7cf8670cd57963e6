"""The benchmark's figures as a plain-text table (the JSON form is the report dict itself)."""

from __future__ import annotations


def _ms(v) -> str:
    return "-" if v is None else f"{v:,.2f}"


def _x(v) -> str:
    return "-" if v is None else f"{v:,.2f}×"


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False)))


def _machine(m: dict) -> str:
    return (f"machine: {m['cpus']} × {m['cpu']}, {m['ram_gb']} GB RAM, {m['os']}; Python {m['python']}, "
            f"SQLite {m['sqlite']}; load average {m['load_avg']}")


def _rate(v) -> str:
    return "-" if v is None else f"{v:,.0f}"


def render_sync(x: dict) -> list[str]:
    """The sync section's lines (or why it was skipped)."""
    if "skipped" in x:
        return [f"sync: skipped — {x['skipped']}"]
    p, c, u, co = x["push"], x["catch_up"], x["pull"], x["checkout"]
    w = [58, 10, 10, 9]
    lines = [f"sync, two tills of a store on a {x['server']}", _row(["", "sales/s", "rows/s", "seconds"], w),
             "-" * (sum(w) + 2 * (len(w) - 1)),
             _row([f"push: {p['sales']:,} sales ({p['rows']:,} rows)", _rate(p["sales_per_s"]),
                   _rate(p["rows_per_s"]), f"{p['seconds']:,.2f}"], w),
             _row([f"pull: {u['sales']:,} sales ({u['rows']:,} rows)", _rate(u["sales_per_s"]),
                   _rate(u["rows_per_s"]), f"{u['seconds']:,.2f}"], w),
             _row([f"catch-up after 3 offline days ({c['sales_pushed']:,} sales up, {c['rows_pulled']:,} rows "
                   "down)", "", "", f"{c['seconds']:,.2f}"], w)]
    q, s = co["without"], co["with_sync"]
    lines.append(f"checkout with a sync running, the sync told of each open sale: median {_ms(s['median_ms'])} ms "
                 f"vs {_ms(q['median_ms'])} ms without ({_x(co['ratio_median'])}); p95 {_ms(s['p95_ms'])} vs "
                 f"{_ms(q['p95_ms'])} ms ({_x(co['ratio_p95'])}); {q['n']:,} checkouts each way, "
                 f"{co['syncs_during']} rounds by the app's sync process, "
                 f"{co.get('rows_pushed_during', 0):,} rows pushed and {co.get('rows_pulled_during', 0):,} pulled "
                 "during them")
    u = co.get("sync_never_paused")
    if u:
        w_ = u["with_sync"]
        lines.append(f"checkout with a sync running, sync never paused (a sale open > MAX_PAUSE_S): median "
                     f"{_ms(w_['median_ms'])} ms ({_x(u['ratio_median'])}); p95 {_ms(w_['p95_ms'])} ms "
                     f"({_x(u['ratio_p95'])}); {u['syncs_during']} rounds, {u['rows_pushed_during']:,} rows pushed "
                     f"and {u['rows_pulled_during']:,} pulled")
    lw = co.get("write_lock_wait_ms")
    if lw:
        lines.append("  the checkout's wait for the book's write lock, median / p95 / max ms: without "
                     + "; ".join(f"{label} {lw[k]['median_ms']} / {lw[k]['p95_ms']} / {lw[k]['max_ms']}"
                                 for k, label in (("without", ""), ("with_sync", "told"),
                                                  ("sync_never_paused", "never paused"))).lstrip()
                     + f"; the sync waited for an open sale {co.get('sync_waited_for_open_sales', 0):,} times")
    if co.get("model"):
        lines.append(f"  the cashier: {co['model']}")
    if co.get("load_average"):
        lines.append(f"  load average {co['load_average']}"
                     + (f" (1 min: {co['load_1min_range'][0]}-{co['load_1min_range'][1]} over the blocks)"
                        if co.get("load_1min_range") else ""))
    return lines


def render_window(x: dict) -> list[str]:
    """The window section's lines: each action key to painted pixels, the statements it ran."""
    from possuite.bench.targets import WINDOW_LABELS  # the labels live with the targets

    if "failed" in x:
        return [f"window: failed — {x['failed']}"]
    w = [52, 10, 10, 10, 10, 8]
    lines = [f"window section ({x['platform']} platform): {x['reps']} sale cycles, {x['page_reps']} page openings; "
             "key event to the target's paint with the new content",
             _row(["action (ms)", "median", "p95", "p99", "max", "queries"], w), "-" * (sum(w) + 2 * (len(w) - 1))]
    for key, label in WINDOW_LABELS.items():
        a = x["actions"][key]
        lines.append(_row([label, _ms(a["median_ms"]), _ms(a["p95_ms"]), _ms(a["p99_ms"]), _ms(a["max_ms"]),
                           str(x["queries"].get(key, "-"))], w))
    a = x["actions"]["search_after_debounce"]
    lines.append(_row(["  search, from its timer's end (no wait from the 4th character)", _ms(a["median_ms"]),
                       _ms(a["p95_ms"]), _ms(a["p99_ms"]), _ms(a["max_ms"]), ""], w))
    sc = x["scroll"]
    lines.append(f"scrolling the customers with Ctrl+End to row {sc['goal_row']:,} (reached {sc['reached_row']:,}): "
                 f"{sc['seconds']:,.2f} s, {sc['keys']} keys (key to paint median "
                 f"{_ms(sc['key_to_paint']['median_ms'])} ms), longest blocked frame {sc['longest_frame_ms']} ms, "
                 f"{sc['frames_over_50ms']} frames over 50 ms")
    for key, how in (("cold_start", "quiet"), ("cold_start_busy", "beside a CPU-bound process")):
        cold = x.get(key)
        if cold:
            runs = ", ".join(f"{v:.2f}" for v in cold.get("cold_start_all_s", []))
            cpu = (f"; CPU {cold['cold_start_cpu_s']} s, load {cold.get('load_1min')}"
                   if cold.get("cold_start_cpu_s") is not None else "")
            lines.append(f"cold start to a usable checkout window ({how}): median {cold.get('cold_start_s')} s "
                         f"({runs}){cpu}" + (f"; failed: {cold['errors'][0][-200:]}" if cold.get("errors") else ""))
    cold = x.get("cold_start")
    if cold:
        lines.append(f"memory (RSS) with every page opened once ({cold.get('pages_opened', 0)} pages): "
                     f"{cold.get('rss_all_pages_mb')} MB (customers page only: {cold.get('rss_mb')} MB)")
    c = x["checks"]
    lines.append(f"checked: {c['cart_rows']} rows in the cart, {c['dialogs_with_alert']} payment dialogs with the "
                 f"yellow box, {c['sales_posted']} sales posted, {c['receipts_queued']} receipts queued, "
                 f"{c['carts_emptied']} carts emptied, of {c['cycles']} cycles")
    return lines


def st_customers(report: dict) -> int:
    return report["store"].get("customers", 0)


def _targets(report: dict) -> list[str]:
    targets = report.get("targets") or []
    if not targets:
        return []
    scale = report["scale"] or (" and ".join(report.get("sections") or ["sync"]) + " section only")
    lines = ["", "targets (issue 6, set for the shop scale, issue 12's sync, issue 15's window and issue 16's soak; "
                 f"this run: {scale})"]
    for t in targets:
        mark = "met" if t["met"] else ("MISSED" if t["met"] is False else "-")
        lines.append(f"  {mark:7} {t['name']}: {t['value']} (target {t['goal']})")
    return lines


def render_soak(x: dict) -> list[str]:
    """The soak's month-by-month table, the end's checks and each kept backup."""
    sales = sum(v for k, v in x["operations"].items() if k.startswith("sale"))
    state = "complete" if x["complete"] else f"INCOMPLETE: {x['days_run']} of {x['days_planned']} days ran"
    lines = [f"soak: {x['days_run']} days from {x['first_day']}, {x['sales_per_day']} sales a day ({sales:,} sales, "
             f"{x['operations'].get('collection', 0):,} collections, {x['operations'].get('return', 0):,} returns, "
             f"{x['operations'].get('shift closed', 0):,} shifts closed) — {state}", ""]
    w = [7, 9, 9, 8, 9, 9, 9, 9, 9, 9, 8, 12]
    lines.append(_row(["month", "file MB", "growth", "WAL max", "co. med", "co. p99", "inc. med", "inc. max",
                       "backup s", "restore s", "kept", "printed/wait"], w))
    lines.append("-" * (sum(w) + 2 * (len(w) - 1)))
    for mo in x["months"]:
        c, i, b = mo["checkout"], mo["incremental_check"], mo["backup"]
        label = mo["month"] + ("*" if mo.get("partial") else "")
        lines.append(_row([label, f"{mo['file_bytes'] / 1e6:,.1f}", f"+{mo['growth_bytes'] / 1e6:,.1f}",
                           f"{mo['wal_hwm_bytes'] / 1e6:,.1f}", _ms(c.get("median_ms")), _ms(c.get("p99_ms")),
                           _ms(i.get("median_ms")), _ms(i.get("max_ms")), _ms(b.get("median_s")),
                           _ms(mo["restore"]["seconds"]), str(mo["backups_kept"]["count"]),
                           f"{mo['print']['printed']:,}/{mo['print']['waited_for_printer']}"], w))
    if any(mo.get("partial") for mo in x["months"]):
        lines.append("* the month was still running when this report was written (no month-end restore yet)")
    co = x["checkout"]
    if co.get("month_1") and co.get("month_last"):
        lines.append(f"checkout (ms), month 1 vs month {len(x['months'])}: median {co['month_1']['median_ms']} vs "
                     f"{co['month_last']['median_ms']} ({_x(co['ratio_median'])}), p99 {co['month_1']['p99_ms']} vs "
                     f"{co['month_last']['p99_ms']} ({_x(co['ratio_p99'])})")
    pr = x["print"]
    lines.append(f"receipts: {pr['printed']:,} printed, {pr['waited_for_printer']:,} waited for the printer (off "
                 f"13:00-14:00 daily; {pr['offline_refusals']:,} offline refusals), {pr['lost']} lost, "
                 f"{pr['doubled']} doubled, {pr['unaccounted']} unaccounted")
    full = x.get("full_check")
    if full:
        pi = x["pragma_integrity_check"]
        lines.append(f"full check at the end: {full['seconds']} s, {full['count']} finding(s); PRAGMA "
                     f"integrity_check {pi['seconds']} s: {', '.join(pi['result'])}")
        for k in x.get("kept_backups", []):
            lines.append(f"  kept {k['backup']} ({k['bytes'] / 1e6:,.1f} MB): restore {k.get('restore_s')} s, "
                         f"possuite check {'clean' if k.get('check_ok') else 'FAILED'} in {k.get('check_s')} s")
    for p in x.get("problems", []):
        lines.append(f"PROBLEM: {p}")
    return lines


def render(report: dict) -> str:
    m, st, r = report["machine"], report["store"], report["results"]
    if report.get("sections") == ["soak"]:
        lines = ["possuite bench — the soak (a year at a busy counter)", _machine(m), ""]
        lines += render_soak(r["soak"]) + _targets(report)
        lines.append(f"\nrun took {report['seconds']:.0f} s")
        return "\n".join(lines)
    if report.get("sections") == ["window"]:
        lines = [f"possuite bench — the window section only, scale {report['scale']}: "
                 f"{st_customers(report):,} customers, {report['store'].get('bills', 0):,} bills", _machine(m), ""]
        lines += render_window(r["window"]) + _targets(report)
        lines.append(f"\nrun took {report['seconds']:.0f} s")
        return "\n".join(lines)
    if report.get("sections") == ["sync"]:
        lines = ["possuite bench — the sync section only", _machine(m), ""]
        lines += render_sync(r["sync"]) + _targets(report)
        lines.append(f"\nrun took {report['seconds']:.0f} s")
        return "\n".join(lines)
    how = ", reused" if report.get("reused_store") else f", built in {st.get('build_seconds', 0):.0f} s"
    lines = [
        f"possuite bench — scale {report['scale']}: {st.get('customers', 0):,} customers, "
        f"{st.get('items', 0):,} items, "
        f"{st.get('bills', 0):,} bills, {st.get('lines', 0):,} lines, {st.get('payments', 0):,} payments, "
        f"{st.get('ledger_entries', 0):,} ledger entries ({st.get('file_bytes', 0) / 1e6:,.0f} MB"
        f"{how})",
        _machine(m),
        "",
    ]
    w = [44, 10, 10, 10, 11, 9, 8]
    lines.append(_row(["operation (ms)", "median", "p95", "p99", "floor med", "ratio", "queries"], w))
    lines.append("-" * (sum(w) + 2 * (len(w) - 1)))
    for op, label in (("checkout", "checkout: 3 lines, split payment, part pending"),
                      ("collect", "collect dues over 3 open bills")):
        x = r.get(op)
        if x:
            s, f = x["service"], x["floor"]
            queries = str(x.get("queries", "-"))
            if x.get("floor_queries") is not None:   # SQLite statements of one operation, the floor's beside
                queries += f" (floor {x['floor_queries']})"
            lines.append(_row([label, _ms(s["median_ms"]), _ms(s["p95_ms"]), _ms(s["p99_ms"]), _ms(f["median_ms"]),
                               _x(x["ratio_median"]), queries], w))
    look = r.get("lookup")
    if look:
        for cls, x in look["classes"].items():
            s, f = x["service"], x["floor"]
            lines.append(_row([f"lookup {cls} (p50 | p95 | floor p95)", _ms(s["p50_ms"]), _ms(s["p95_ms"]), "",
                               _ms(f["p95_ms"]), _x(x["ratio_p95"]), str(look["queries"])], w))
    bal = r.get("balances")
    if bal:
        s, f = bal["service"], bal["floor"]
        lines.append(_row([f"balances window: cards, aging, top {bal['page']}", _ms(s["median_ms"]),
                           _ms(s["p95_ms"]), _ms(s["p99_ms"]), _ms(f["median_ms"]), _x(bal["ratio_median"]),
                           str(bal["queries"])], w))
    rep = r.get("reports") or {}
    pay, stm = rep.get("payment"), rep.get("statement")
    if pay:
        lines.append(_row([f"payment report {pay['invoices']:,} invoices: data", _ms(pay["data_s"] * 1000), "", "", "",
                           "", f"{pay['queries']} (10: {pay['queries_small']})"], w))
        if "pdf_s" in pay:
            lines.append(_row([f"  + PDF ({pay['pages']} pages), total", _ms(pay["total_s"] * 1000), "", "", "", "",
                               ""], w))
    if stm:
        lines.append(_row([f"statement {stm['movements']} movements: data", _ms(stm["data_s"] * 1000), "", "", "", "",
                           str(stm["queries"])], w))
        if "pdf_s" in stm:
            lines.append(_row([f"  + PDF ({stm['pages']} pages), total", _ms(stm["total_s"] * 1000), "", "", "", "",
                               ""], w))
    integ = r.get("integrity")
    if integ:
        cpu = f", {integ['cpu_s']:.1f} s CPU" if integ.get("cpu_s") is not None else ""
        lines.append(_row([f"integrity check ({integ['findings']} findings{cpu})", _ms(integ["seconds"] * 1000), "",
                           "", "", "", ""], w))
        if integ.get("sealing"):
            lines.append(_row([f"  sealing the history ({integ['sealing']['days']:,} days, once)",
                               _ms(integ["sealing"]["seconds"] * 1000), "", "", "", "", ""], w))
        inc = integ.get("incremental")
        if inc:
            lines.append(_row([f"  incremental after a day ({inc['customers']:,} customers, {inc['bills']:,} bills, "
                               f"{inc.get('cpu_s', 0) * 1000:.0f} ms CPU)",
                               _ms(inc["seconds"] * 1000), "", "", "", "", ""], w))
    cold = r.get("cold_start")
    if cold:
        lines.append(_row(["cold start to checkout window", _ms((cold.get("cold_start_s") or 0) * 1000), "", "", "",
                           "", ""], w))
        lines.append(f"RSS with the customers page open ({cold.get('customers_page')}, {cold.get('customers_rows')} "
                     f"rows): {cold.get('rss_mb')} MB")
        for err in cold.get("errors", []):
            lines.append(f"  cold start error: {err}")
    g = r.get("growth")
    if g:
        lines.append("")
        lines.append("growth (same operations at each scale): checkout median "
                     + ", ".join(f"{k} {v:.2f} ms" for k, v in g["checkout_median_ms"].items())
                     + f" ({_x(g['checkout_ratio'])}); lookup p95 "
                     + ", ".join(f"{k} {v:.2f} ms" for k, v in g["lookup_p95_ms"].items())
                     + f" ({_x(g['lookup_ratio'])})")
    if r.get("window"):
        lines += [""] + render_window(r["window"])
    if r.get("sync"):
        lines += [""] + render_sync(r["sync"])
    lines += _targets(report)
    lines.append(f"\nrun took {report['seconds']:.0f} s")
    return "\n".join(lines)
