"""``possuite bench``: measure this till's speed against SQLite's own floor on a synthetic store.

The store is built in a file of its own (a temporary folder, or ``--keep PATH`` to keep it and
reuse it next time); the shop's database is never opened. ``--out FILE.json`` writes every
figure for machines; the table goes to the screen (``--json`` prints the JSON instead). The sync
section (``--sync`` runs it alone) starts a PostgreSQL of its own (``possuite.bench.sync``); the window
section (``--window`` runs it alone) drives the real main window with key events (``possuite.bench.window``).
``--soak [--days N]`` runs only the soak: a fresh book traded for a simulated year (``possuite.bench.soak``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from possuite.cli.env import CliEnv, CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="benchmark checkout, lookup, balances, reports, integrity, start-up "
                                     "on a synthetic store (never the shop's database) and sync on a local hub")
    p.add_argument("--scale", choices=["small", "shop", "large"], default="small",
                   help="small: 5,000 customers / 50,000 bills (about a minute); shop: 100,000 / 1,000,000; "
                        "large: 1,000,000 / 10,000,000")
    p.add_argument("--out", metavar="FILE.json", help="also write every figure to this JSON file")
    p.add_argument("--keep", metavar="PATH", help="keep the synthetic store in this file and reuse it next time")
    p.add_argument("--sync", action="store_true",
                   help="only the sync section: push and pull throughput, a till's catch-up after 3 offline days "
                        "and checkout during a sync, against a local PostgreSQL the bench starts itself "
                        "(skipped, with the reason, when PostgreSQL is not installed)")
    p.add_argument("--window", action="store_true",
                   help="only the window section: the real main window driven by key events (scan, customer "
                        "search, F12, complete; Customers page and Balances window), key to painted pixels; "
                        "offscreen without a display, or under xvfb-run")
    p.add_argument("--window-reps", type=int, default=None, metavar="N",
                   help="sale cycles (and page openings) of the window section (default 200)")
    p.add_argument("--soak", action="store_true",
                   help="only the soak: a fresh book traded for --days simulated days (600 sales a day, collections, "
                        "returns, shifts, day closes, daily backups with rotation, a printer off an hour a day) "
                        "through the real services and print worker; size, WAL, speed, backup and restore per month")
    p.add_argument("--days", type=int, default=None, metavar="N", help="simulated days of --soak (default 365)")
    p.add_argument("--sales-per-day", type=int, default=None, help=argparse.SUPPRESS)  # tests: a smaller day
    p.add_argument("--no-window", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--no-growth", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--no-sync", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--sync-sales", type=int, default=None, help=argparse.SUPPRESS)  # tests: a smaller catch-up
    p.add_argument("--hub", metavar="URL", help="instead: the owner's back office on an EMPTY PostgreSQL "
                   "database (admin URL; hub init is run on it), filled with a synthetic store")
    p.add_argument("--hub-customers", type=int, default=100_000, metavar="N", help="customers for --hub")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args, env: CliEnv) -> int:
    # deferred: the bench's heavy modules load only for `possuite bench`
    from possuite.bench.output import render
    from possuite.bench.runner import run_bench, run_sync_only, run_window_only
    from possuite.bench.sync import CATCH_UP_SALES

    def say(msg: str) -> None:
        print(f"bench: {msg}", file=sys.stderr, flush=True)

    if args.hub:
        from possuite.bench.hub import bench_hub_balances, render_hub  # deferred: psycopg, the hub

        if args.hub_customers < 1:
            raise CliError("hub-customers", "must be at least 1")
        say(f"seeding {args.hub_customers:,} customers on the hub, then timing the back office")
        report = bench_hub_balances(args.hub, customers=args.hub_customers)
        if args.out:
            out = Path(args.out).expanduser()
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        env.emit(render_hub(report), report)
        return 0

    if args.soak:
        return _soak(args, env, say)
    for flag in ("days", "sales_per_day"):
        if getattr(args, flag) is not None:
            raise CliError(flag.replace("_", "-"), "belongs to --soak")
    sync_sales = args.sync_sales or CATCH_UP_SALES
    if args.window_reps is not None and args.window_reps < 1:
        raise CliError("window-reps", "must be at least 1")
    if args.sync and args.window:
        raise CliError("window", "--window and --sync each run one section alone; give one of them")
    if args.window:
        report = run_window_only(args.scale, keep=args.keep, progress=say, reps=args.window_reps)
    elif args.sync:
        report = run_sync_only(progress=say, sync_sales=sync_sales)
    else:
        report = run_bench(args.scale, keep=args.keep, progress=say, growth=not args.no_growth,
                           sync=not args.no_sync, sync_sales=sync_sales, window=not args.no_window,
                           window_reps=args.window_reps)
    if args.out:
        out = Path(args.out).expanduser()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    env.emit(render(report), report)
    return 0


def _write_report(path: str, report: dict) -> None:
    out = Path(path).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    part.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    part.replace(out)


def _soak(args, env: CliEnv, say) -> int:
    """``possuite bench --soak``: the JSON file is rewritten after each simulated month, so a run stopped
    early still leaves the months it finished (``results.soak.complete`` false)."""
    from possuite.bench.output import render
    from possuite.bench.runner import run_soak_only

    for flag in ("sync", "window"):
        if getattr(args, flag):
            raise CliError(flag, f"--soak and --{flag} each run one section alone; give one of them")
    if args.days is not None and not 1 <= args.days <= 3660:
        raise CliError("days", "must be between 1 and 3660")
    if args.sales_per_day is not None and not 1 <= args.sales_per_day <= 100_000:
        raise CliError("sales-per-day", "must be between 1 and 100000")
    on_month = (lambda partial: _write_report(args.out, partial)) if args.out else None
    report = run_soak_only(args.days, args.sales_per_day, keep=args.keep, progress=say, on_month=on_month)
    if args.out:
        _write_report(args.out, report)
    env.emit(render(report), report)
    soak = report["results"]["soak"]
    return 1 if soak.get("problems") else 0   # a receipt lost or doubled, a finding, a backup that fails
