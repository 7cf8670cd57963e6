"""One benchmark run: build or reuse the synthetic store, measure everything, judge the targets."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from possuite.bench import reads, startup, writes
from possuite.bench import sync as sync_section
from possuite.bench.builder import ensure_store, load_meta, schema_fingerprint
from possuite.bench.scales import BENCH_NOW, SCALES, Scale, get_scale
from possuite.bench.stats import ratio
from possuite.bench.targets import evaluate
from possuite.bootstrap import read_environment
from possuite.db.engine import open_database
from possuite.domain.errors import ValidationError
from possuite.services.customers import merge_search_index

Progress = Callable[[str], None]
#: Cold starts per figure in the window section (the median is reported).
COLD_RUNS = 3


def machine() -> dict:
    """The machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    ram_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    load = None
    if hasattr(os, "getloadavg"):
        load = [round(x, 2) for x in os.getloadavg()]
    return {"cpus": os.cpu_count(), "cpu": cpu, "ram_gb": ram_gb, "os": platform.platform(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "load_avg": load}


def expected_schema() -> str:
    """The fingerprint of the schema the current code creates (to rebuild a stale kept store)."""

    with tempfile.TemporaryDirectory(prefix="possuite-bench-schema-") as tmp:
        path = Path(tmp) / "schema.sqlite3"
        open_database(path).dispose()
        return schema_fingerprint(path)


def check_bench_path(path: Path) -> None:
    """Refuse the shop's own database, or any existing file that is not a benchmark store."""

    try:
        shop = read_environment().db_path().resolve()
    except Exception:  # noqa: BLE001 - no default location is fine
        shop = None
    if shop is not None and path.resolve() == shop:
        raise ValidationError("keep", f"{path} is the shop's database; give the benchmark a file of its own")
    if path.is_dir():
        raise ValidationError("keep", f"{path} is a folder; give a file name such as {path / 'bench.sqlite3'}")
    if path.exists() and path.stat().st_size > 0 and load_meta(path) is None:
        raise ValidationError("keep", f"{path} exists and is not a benchmark store; choose another file")


def _finish_print_jobs(env) -> None:
    """The benchmark's receipts are never printed: mark them done so a later start has an empty queue."""
    env.con.execute("UPDATE print_jobs SET status = 'done' WHERE status = 'queued'")


def _measure_store(db: Path, scale: Scale, say: Progress, *, full: bool, out_dir: Path) -> dict:

    meta = load_meta(db) or {}
    results: dict = {}
    if full:
        say("cold start and memory (3 starts of the till, offscreen)")
        results["cold_start"] = startup.measure_cold_start(db)
    env = writes.open_env(db, meta, BENCH_NOW, seed=scale.seed)
    try:
        # The book as the app's last day close left it: the customers' search index in one segment (the builder's
        # bulk 'rebuild' writes several; the day close merges them, ui/check_worker.py). Nothing if already done.
        merge_search_index(env.ctx)
        say(f"checkout: {scale.sales:,} sales through the service, as many raw")
        results["checkout"] = writes.bench_checkout(env, scale.sales, say)
        if full:
            say(f"collect dues: {scale.sales:,} collections through the service, as many raw")
            results["collect"] = writes.bench_collect(env, scale.sales, say)
        say("customer lookup")
        results["lookup"] = reads.bench_lookup(env, scale.lookups_per_class)
        if full:
            say("balances window")
            results["balances"] = reads.bench_balances(env)
            say("reports")
            results["reports"] = reads.bench_reports(env, out_dir)
            say("integrity check")
            results["integrity"] = reads.bench_integrity(env, day_sales=max(1, round(scale.bills / scale.days)))
        _finish_print_jobs(env)
    finally:
        env.close()
    return results


def run_sync_only(progress: Progress | None = None, sync_sales: int = sync_section.CATCH_UP_SALES) -> dict:
    """Only the sync section (``possuite bench --sync``): no synthetic store is built."""
    say = progress or (lambda _m: None)
    t0 = time.perf_counter()
    results = {"sync": sync_section.bench_sync(say, sales=sync_sales, tmp_root=os.environ.get("POSSUITE_BENCH_TMP"))}
    return {"possuite_bench": 1, "scale": None, "sections": ["sync"],
            "measured_at": datetime.now().isoformat(timespec="seconds"), "machine": machine(), "store": {},
            "reused_store": False, "kept_at": None, "results": results,
            "targets": [t.as_json() for t in evaluate(results)],
            "seconds": round(time.perf_counter() - t0, 1), "argv": sys.argv[1:]}


def _window_section(db: Path, say: Progress, reps: int | None) -> dict:
    from possuite.bench import window  # deferred: Qt loads only for the window section

    try:
        out = window.bench_window(db, reps=window.WINDOW_REPS if reps is None else reps, progress=say)
    except Exception as exc:  # noqa: BLE001 - the other sections' figures still count; the failure is reported
        return {"failed": f"{type(exc).__name__}: {exc}"}
    # issue 15: cold start to a usable checkout window, on a quiet machine and beside a CPU-bound process,
    # and the memory of a till with every page opened once (fresh processes: nothing of the run above counts)
    say("window section: cold start, then with a CPU-bound process beside it; memory with every page opened")
    out["cold_start"] = startup.measure_cold_start(db, runs=COLD_RUNS)
    out["cold_start_busy"] = startup.measure_cold_start(db, runs=COLD_RUNS, busy=True)
    return out


def run_window_only(scale_name: str = "small", keep: Path | str | None = None, progress: Progress | None = None,
                    reps: int | None = None) -> dict:
    """Only the window section (``possuite bench --window``) on the store of ``scale_name`` (built if needed)."""
    return run_bench(scale_name, keep=keep, progress=progress, growth=False, sync=False, window=True,
                     window_reps=reps, only_window=True)


def _report(scale: str, sections: list[str], meta: dict, reused: bool, kept_at: str | None, results: dict,
            t0: float) -> dict:
    """The ``--out`` document of a run: the one shape of a bench report, with every target met or missed."""
    report = {
        "possuite_bench": 1, "scale": scale, "sections": sections,
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(), "store": {k: v for k, v in meta.items() if k != "path"}, "reused_store": reused,
        "kept_at": kept_at, "results": results,
        "seconds": round(time.perf_counter() - t0, 1), "argv": sys.argv[1:],
    }
    report["targets"] = [t.as_json() for t in evaluate(results)]
    return report


def run_bench(scale_name: str = "small", keep: Path | str | None = None, progress: Progress | None = None,
              growth: bool = True, sync: bool = True, sync_sales: int = sync_section.CATCH_UP_SALES,
              window: bool = True, window_reps: int | None = None, only_window: bool = False) -> dict:
    """Run the whole benchmark at ``scale_name``. Returns every figure (see ``possuite bench --out``).

    ``sync``: also the sync section (its own local PostgreSQL and two small tills; skipped with the reason
    when PostgreSQL is absent), ``sync_sales`` sales at each till. ``window``: also the window section
    (``bench/window.py``: the real main window driven by key events), ``window_reps`` sale cycles;
    ``only_window``: nothing else."""
    say = progress or (lambda _m: None)
    scale = get_scale(scale_name)
    t0 = time.perf_counter()
    tmp = None
    if keep is not None:
        db = Path(keep).expanduser()
        check_bench_path(db)
        work = db.parent
    else:
        tmp = Path(tempfile.mkdtemp(prefix="possuite-bench-", dir=os.environ.get("POSSUITE_BENCH_TMP")))
        db, work = tmp / f"bench-{scale.name}.sqlite3", tmp
    try:
        schema = expected_schema()
        say(f"store: {db} ({scale.name})")
        meta, reused = ensure_store(db, scale, say, schema)
        say("reusing the kept store" if reused else f"built in {meta['build_seconds']:.0f} s")
        if only_window:
            say("window section: the main window driven by key events")
            results = {"window": _window_section(db, say, window_reps)}
            return _report(scale.name, ["window"], meta, reused, str(db) if keep is not None else None, results, t0)
        results = _measure_store(db, scale, say, full=True, out_dir=work)
        if window:
            say("window section: the main window driven by key events")
            results["window"] = _window_section(db, say, window_reps)
        runs = {scale.name: {"checkout": results["checkout"], "lookup": results["lookup"]}}
        if growth and scale.name != "small":
            small = SCALES["small"]
            sdb = db.with_name(f"{db.stem}-small{db.suffix}") if keep is not None else work / "bench-small.sqlite3"
            if keep is not None:
                check_bench_path(sdb)
            say(f"growth: the same checkout and lookup at small scale ({sdb})")
            ensure_store(sdb, small, say, schema)
            runs["small"] = _measure_store(sdb, small, say, full=False, out_dir=work)
        if "small" in runs and scale.name != "small":
            a, b = runs[scale.name], runs["small"]
            results["growth"] = {
                "scales": list(runs),
                "checkout_median_ms": {k: v["checkout"]["service"]["median_ms"] for k, v in runs.items()},
                "lookup_p95_ms": {k: v["lookup"]["all"]["p95_ms"] for k, v in runs.items()},
                "checkout_ratio": ratio(a["checkout"]["service"]["median_ms"], b["checkout"]["service"]["median_ms"]),
                "lookup_ratio": ratio(a["lookup"]["all"]["p95_ms"], b["lookup"]["all"]["p95_ms"]),
                "small": {"checkout": b["checkout"], "lookup": b["lookup"]},
            }
        if sync:
            say("sync section: a local PostgreSQL hub and two tills")
            results["sync"] = sync_section.bench_sync(say, sales=sync_sales,
                                                      tmp_root=os.environ.get("POSSUITE_BENCH_TMP"))
        sections = ["till"] + (["window"] if window else []) + (["sync"] if sync else [])
        return _report(scale.name, sections, meta, reused, str(db) if keep is not None else None, results, t0)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def run_soak_only(days: int | None = None, sales_per_day: int | None = None, keep: Path | str | None = None,
                  progress: Progress | None = None, on_month: Callable[[dict], None] | None = None) -> dict:
    """Only the soak (``possuite bench --soak``): a fresh book traded for ``days`` simulated days
    (``bench/soak.py``). ``on_month`` gets the report so far after each simulated month (a partial report:
    ``results.soak.complete`` is false). ``keep``: a new or empty folder the soak's book, backups and
    printer file stay in; otherwise a temporary folder (``POSSUITE_BENCH_TMP``) removed at the end."""
    from possuite.bench import soak  # deferred: only the soak needs it

    days = soak.SOAK_DAYS if days is None else days
    sales_per_day = soak.SALES_PER_DAY if sales_per_day is None else sales_per_day
    say = progress or (lambda _m: None)
    t0 = time.perf_counter()
    if keep is not None:
        work = Path(keep).expanduser()
        if work.exists() and (not work.is_dir() or any(work.iterdir())):
            raise ValidationError("keep", f"{work} must be a new or empty folder for the soak")
        tmp = None
    else:
        tmp = work = Path(tempfile.mkdtemp(prefix="possuite-soak-", dir=os.environ.get("POSSUITE_BENCH_TMP")))

    def report(section: dict) -> dict:
        return _report(None, ["soak"], {"path": str(work)}, False, str(work) if keep is not None else None,
                       {"soak": section}, t0)

    try:
        section = soak.run_soak(work, days=days, sales_per_day=sales_per_day, progress=say,
                                on_month=(lambda partial: on_month(report(partial))) if on_month else None)
        return report(section)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
