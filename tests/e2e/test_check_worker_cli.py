"""``possuite check worker``: the app's full check as a child process (services/check_process.py): it runs
below the caller's priority, says its id, answers with one JSON line of findings, and ends."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

RESULT_KEYS = {"pid", "count", "findings", "error", "error_field", "error_why", "error_params", "wall_s", "cpu_s"}


def _run_worker(db) -> tuple[subprocess.Popen, list[dict]]:
    proc = subprocess.Popen([sys.executable, "-m", "possuite", "--db", str(db), "check", "worker"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in proc.stdout:   # its input stays open: it ends by itself after its answer
        lines.append(json.loads(line))
        if "started" in lines[-1] and hasattr(os, "getpriority"):
            assert os.getpriority(os.PRIO_PROCESS, proc.pid) >= os.getpriority(os.PRIO_PROCESS, 0) + 1
    assert proc.wait(30) == 0
    proc.stdin.close()
    return proc, [m for m in lines if "log" not in m]


def test_the_check_worker_answers_one_result_line_and_ends(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--pay", "cash:200", "--pending")
    proc, said = _run_worker(cli.db)
    assert said[0] == {"started": {"pid": proc.pid}}
    result = said[1]["result"]
    assert len(said) == 2 and set(result) == RESULT_KEYS
    assert result["pid"] == proc.pid and result["count"] == 0 and result["findings"] == [] and not result["error"]

    con = sqlite3.connect(cli.db)   # a raw tool lowers a cached balance
    con.execute("DROP TRIGGER IF EXISTS customers_no_balance_edit")
    con.execute("UPDATE customers SET balance = balance - 100 WHERE id = ?", (priya["id"],))
    con.commit()
    con.close()
    _proc, said = _run_worker(cli.db)
    result = said[-1]["result"]
    # the findings as `possuite check --json` lists them
    assert result["count"] >= 1 and result["findings"] == cli("--json", "check").json["findings"][:100]
    assert {"check", "subject", "message"} == set(result["findings"][0])
