"""Cold start and memory: a fresh process from start to the checkout window shown, then the customers page.

The parent (``measure_cold_start``) starts ``python -m possuite.bench.startup DB`` with
``POSSUITE_BENCH_START=1`` and offscreen Qt, and reads what the child prints. The child does
what ``ui.main.run_app`` does before the window (the log, the application, the start-up
``PRAGMA quick_check`` of the file, opening it) and then what the till does after a login
(``AppController.signed_in`` for the owner, the PIN check itself left out); it prints the
moment the window has been shown and painted (``MainWindow.after_first_paint``), opens the customers
page, waits for its first page of rows, prints its resident memory, then opens every other page once (each
given the time to load what it shows), prints the resident memory again and exits. Each step's time is reported
as a phase. ``measure_cold_start(busy=True)`` runs the same beside a CPU-bound process (issue 15:
the cold start also with the machine busy).
Nothing here touches the shop's own settings or log: the child gets temporary folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ENV_FLAG = "POSSUITE_BENCH_START"
PAGE_WAIT_S = 60.0
#: Modules the start never imports before the checkout window is built and shown: each loads when first used,
#: or on a worker after the window's first paint (issue 15; docs/architecture.md §6). Pinned by
#: tests/bench/test_startup_imports.py.
DEFERRED_MODULES = (
    "escpos.escpos", "reportlab", "jinja2", "PIL", "qrcode",   # receipts and reports: printing, PDFs
    "PySide6.QtCharts",                                       # the Balances window's charts
    "psycopg", "possuite.hub.background", "possuite.hub.sync",  # the hub: the sync round, the back office
    "possuite.services.receipts", "possuite.services.print_worker", "possuite.services.till",
    "possuite.services.integrity",                            # the book check: at a day close, a restore, its child
    "possuite.cli.core", "possuite.cli.bench",                # the commands' parser (a window needs none)
    "possuite.ui.balances_page", "possuite.ui.reports_page", "possuite.ui.settings_page",
)


def rss_mb() -> float | None:
    """Resident memory of this process in MB (Linux /proc; elsewhere peak RSS from resource)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    try:
        import resource  # deferred: Unix only; /proc answered first where it exists

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
    except (ImportError, OSError):
        return None


def _phase(name: str) -> None:
    """The moment a phase ended and this process's CPU by then (all threads): a slow start shows where it went."""
    print(f"PHASE {name} {time.time():.6f} {time.process_time():.4f}", flush=True)


def _child(db: str) -> int:
    _phase("python")
    # deferred (all of this function's imports): the child times the app's own imports and set-up phase by phase.
    # The `possuite` command's module first, as the till's start imports it: with no command it opens the window
    # without building the parser of every command (cli.window_options).
    from possuite import loading_modules
    from possuite.cli import window_options

    if window_options([]) is None:
        print("ERROR `possuite` with no command would not open the window", flush=True)
        return 1
    with loading_modules():  # as cli.env.start_gui imports the window's modules
        from possuite.ui.main import AppController, make_app

    _phase("imports")
    from possuite.bootstrap import read_environment, start_process

    start_process(read_environment())  # as run_app does: the log goes into the temporary POSSUITE_LOG_DIR given
    app = make_app([sys.argv[0]])
    _phase("qt")
    from PySide6.QtCore import QSettings, QTimer

    from possuite.db.engine import open_database
    from possuite.domain.clock import FixedClock

    # What ui.main.run_app does before opening the file (the once-a-day backup it then starts in the
    # background is left out: it would copy the benchmark store into a backups folder at every run).
    # A big book gets the light check before the window and the full one in the background, as in run_app.
    from possuite.services.backup import light_check, quick_check
    from possuite.services.context import OWNER as OWNER_ROLE
    from possuite.services.context import Actor
    from possuite.ui.damaged_db_dialog import needs_background_check

    if (light_check if needs_background_check(db) else quick_check)(db):
        print("ERROR the start-up check found problems", flush=True)
        return 1
    _phase("quick_check")
    engine = open_database(db)
    with engine.connect() as conn:
        owner_id = conn.exec_driver_sql("SELECT id FROM users WHERE name = ?", ("Owner",)).scalar_one()
    _phase("database")
    settings = QSettings(str(Path(os.environ.get("XDG_CONFIG_HOME", tempfile.gettempdir())) / "bench.ini"),
                         QSettings.Format.IniFormat)
    controller = AppController(engine, Path(db), FixedClock(datetime(2026, 11, 2, 10, 0)), settings)
    controller.signed_in(Actor("Owner", OWNER_ROLE, user_id=owner_id))
    _phase("window")
    # Before the event loop runs: what building and showing the window imported (no background thread has
    # started yet; they start after the first paint).
    print("LOADED_AT_WINDOW " + " ".join(m for m in DEFERRED_MODULES if m in sys.modules), flush=True)
    state = {"deadline": 0.0}

    def shown() -> None:
        print(f"SHOWN {time.time():.6f}", flush=True)
        # The CPU the start took (every thread of this process, user + system): what a busy machine's load
        # does not inflate, unlike the wall time above; and how many threads were running by then.
        print(f"CPU_AT_SHOWN {time.process_time():.4f} {threading.active_count()}", flush=True)
        page = controller.window.show_page("customers")
        state["page"] = page
        state["deadline"] = time.monotonic() + PAGE_WAIT_S
        QTimer.singleShot(20, poll)

    def poll() -> None:
        page = state["page"]
        model = getattr(page, "model", None)
        loaded = model is not None and callable(getattr(model, "rowCount", None)) and model.rowCount() > 0
        if loaded or time.monotonic() > state["deadline"] or model is None:
            kind = "rows" if loaded else ("placeholder" if model is None else "timeout")
            rows = model.rowCount() if loaded else 0
            print(f"CUSTOMERS {kind} {rows} {time.time():.6f}", flush=True)
            print(f"RSS {rss_mb()}", flush=True)
            state["todo"] = [k for k in controller.window.nav_buttons if k not in controller.window.pages]
            QTimer.singleShot(0, next_page)
            return
        QTimer.singleShot(20, poll)

    def next_page() -> None:
        """Every other page opened once, each given the time to load what it shows (issue 15's memory figure)."""
        win = controller.window
        if state["todo"]:
            win.show_page(state["todo"].pop(0))
            state["deadline"] = time.monotonic() + PAGE_WAIT_S
            QTimer.singleShot(20, page_loaded)
            return
        print(f"PAGES {len(win.pages)} {time.time():.6f}", flush=True)
        print(f"RSS_ALL {rss_mb()}", flush=True)
        controller.shutdown()
        app.quit()

    def page_loaded() -> None:
        if controller.window.state.tasks.pending == 0 or time.monotonic() > state["deadline"]:
            QTimer.singleShot(0, next_page)
            return
        QTimer.singleShot(20, page_loaded)

    controller.window.after_first_paint(shown)  # usable: painted, and the event loop free for the first key
    app.exec()
    return 0


@contextmanager
def cpu_bound_neighbour(enabled: bool = True):
    """A CPU-bound process beside the measured one (``possuite bench``'s "machine busy" cold start)."""
    if not enabled:
        yield None
        return
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)  # running before the clock starts
        yield proc
    finally:
        proc.kill()
        proc.wait()


def measure_cold_start(db: Path | str, runs: int = 3, busy: bool = False) -> dict:
    """Start the till ``runs`` times on ``db``: seconds to the checkout window, RSS with customers open and
    with every page opened once. ``busy``: with a CPU-bound process running beside it the whole time."""
    with cpu_bound_neighbour(busy):
        out = _cold_starts(db, runs)
    out["busy"] = busy
    return out


def _compile_package() -> None:
    """possuite's modules compiled to bytecode, as an installed till has them (pip and the bundle compile them)."""
    import compileall  # deferred: only the cold-start measurement compiles

    try:
        compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=2)
    except OSError:  # a read-only installation is compiled already
        pass


def _cold_starts(db: Path | str, runs: int) -> dict:
    starts, rss, page_s, phases, rss_all, pages, cpu = [], [], [], [], [], 0, []
    phases_cpu: list[dict] = []
    loaded: set[str] = set()
    page_kind, rows = "", 0
    errors = []
    _compile_package()
    with tempfile.TemporaryDirectory(prefix="possuite-bench-start-") as tmp:
        env = dict(os.environ, **{ENV_FLAG: "1", "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp,
                                  "POSSUITE_LOG_DIR": tmp})
        env.pop("POSSUITE_NOW", None)
        # Any value of PYTHONDONTWRITEBYTECODE, "0" too, stops Python writing bytecode: each start then compiled
        # every module it imports from source (a fifth of its CPU), which an installed till never does.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(runs):
            t0 = time.time()
            proc = subprocess.run([sys.executable, "-m", "possuite.bench.startup", str(db)], env=env,
                                  capture_output=True, text=True, timeout=180)
            got, marks, marks_cpu = {}, {}, {}
            for line in proc.stdout.splitlines():
                parts = line.split()
                if parts and parts[0] == "PHASE":
                    marks[parts[1]] = round(float(parts[2]) - t0, 3)
                    if len(parts) > 3:
                        marks_cpu[parts[1]] = round(float(parts[3]), 3)
                elif parts:
                    got[parts[0]] = parts[1:]
            if "SHOWN" not in got:
                errors.append((proc.stderr or proc.stdout).strip()[-500:])
                continue
            shown = float(got["SHOWN"][0])
            starts.append(shown - t0)
            marks["shown"] = round(shown - t0, 3)
            if "CPU_AT_SHOWN" in got:
                cpu.append(float(got["CPU_AT_SHOWN"][0]))
                marks_cpu["shown"] = round(float(got["CPU_AT_SHOWN"][0]), 3)
            phases.append(marks)
            phases_cpu.append(marks_cpu)
            loaded.update(got.get("LOADED_AT_WINDOW", []))
            if "CUSTOMERS" in got:
                page_kind, rows = got["CUSTOMERS"][0], int(got["CUSTOMERS"][1])
                page_s.append(float(got["CUSTOMERS"][2]) - shown)
            if "RSS" in got and got["RSS"][0] != "None":
                rss.append(float(got["RSS"][0]))
            if "RSS_ALL" in got and got["RSS_ALL"][0] != "None":
                rss_all.append(float(got["RSS_ALL"][0]))
                pages = int(got["PAGES"][0])
    # the run whose start is the median (the one cold_start_s reports)
    median_run = sorted(range(len(starts)), key=starts.__getitem__)[len(starts) // 2] if starts else 0
    out = {"runs": len(starts), "cold_start_s": round(sorted(starts)[len(starts) // 2], 3) if starts else None,
           "cold_start_all_s": [round(s, 3) for s in starts],
           # the child's own CPU time (all its threads) up to the window shown: comparable under any load
           "cold_start_cpu_s": round(sorted(cpu)[len(cpu) // 2], 3) if cpu else None,
           "cold_start_cpu_all_s": [round(c, 3) for c in cpu],
           "load_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
           # DEFERRED_MODULES the start imported all the same before the window was shown (none expected)
           "deferred_loaded_at_window": sorted(loaded),
           "customers_page": page_kind, "customers_rows": rows,
           "customers_page_s": round(sorted(page_s)[len(page_s) // 2], 3) if page_s else None,
           "rss_mb": max(rss) if rss else None,
           "rss_all_pages_mb": max(rss_all) if rss_all else None, "pages_opened": pages,
           # the phases (wall since the process was started; CPU by then) of the run whose start is the median
           # (the middle run by order, before: its phases need not be the median's), and of every run
           "phases_s": phases[median_run] if phases else {},
           "phases_cpu_s": phases_cpu[median_run] if phases_cpu else {},
           "phases_all_s": phases, "phases_cpu_all_s": phases_cpu}
    if errors:
        out["errors"] = errors[:2]
    return out


if __name__ == "__main__":
    if os.environ.get(ENV_FLAG) != "1" or len(sys.argv) != 2:
        print("usage: POSSUITE_BENCH_START=1 python -m possuite.bench.startup DB (used by `possuite bench`)",
              file=sys.stderr)
        sys.exit(2)
    sys.exit(_child(sys.argv[1]))
