"""How much the window's event loop stutters while the scheduled full check runs (docs/architecture.md §3.5).

    python scripts/check_stutter.py thread|process|none BOOK [SECONDS]

``thread``: ``integrity.run_scheduled_full`` on a thread of this process (how the app ran it before);
``process``: the app's check process (``services/check_process.CheckProcess``: ``possuite check worker``);
``none``: nothing, for SECONDS (default 60), the machine's own noise. A 5 ms QTimer on this (UI) thread
does about 1 ms of Python each tick (a frame's own work); printed: the gaps between ticks (median, p95,
p99, max, how many over a frame and over 50 ms) as JSON. Use a copy of a book: the check seals days.
"""

import json
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from possuite.services import integrity
from possuite.services.app import open_context
from possuite.services.check_process import CheckProcess
from possuite.services.context import CLI_ACTOR

mode, db = sys.argv[1], Path(sys.argv[2])
app = QApplication([])
ctx = open_context(db, actor=CLI_ACTOR)

gaps: list[float] = []
last = [time.perf_counter()]
done = threading.Event()
info: dict = {}


def tick():
    now = time.perf_counter()
    gaps.append((now - last[0]) * 1000)
    last[0] = now
    x = 0
    for i in range(20000):  # ~1 ms of Python: what a frame's own work might be
        x += i
    if done.is_set():
        app.quit()


timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(tick)

c0 = time.process_time()
t0 = time.perf_counter()
if mode == "thread":
    def run():
        t = time.thread_time()
        found = integrity.run_scheduled_full(ctx)
        info.update(findings=len(found), check_thread_cpu_s=time.thread_time() - t)
        done.set()
    threading.Thread(target=run, daemon=True).start()
elif mode == "none":
    threading.Timer(float(sys.argv[3]) if len(sys.argv) > 3 else 60.0, done.set).start()
else:
    def got(result):
        info.update(findings=result.count, child_cpu_s=result.cpu_s, child_wall_s=result.wall_s, pid=result.pid)
        done.set()

    def gone(why):
        info.update(gone=why)
        done.set()
    proc = CheckProcess(db, got, gone)
    proc.start()
timer.start()
app.exec()
wall = time.perf_counter() - t0
g = sorted(gaps)
def pct(p):
    return round(g[min(len(g) - 1, int(len(g) * p))], 1)
out = {"mode": mode, "wall_s": round(wall, 1), "ui_process_cpu_s": round(time.process_time() - c0, 1),
       "ticks": len(g), "gap_ms_median": pct(0.5), "gap_ms_p95": pct(0.95), "gap_ms_p99": pct(0.99),
       "gap_ms_max": round(g[-1], 1), "gaps_over_16ms": sum(1 for x in g if x > 16.7),
       "gaps_over_50ms": sum(1 for x in g if x > 50), **info}
print(json.dumps(out))
