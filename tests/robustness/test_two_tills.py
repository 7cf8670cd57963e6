"""Two tills, one file: several processes selling and collecting on the same customers at once.

No duplicate or skipped number, no lost update of a cached balance (each customer's final
balance is the opening balance plus exactly what every till says it moved), a busy file makes
a till wait rather than fail, and ``possuite check`` stays empty.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from robust_helpers import FIGURES, robust_option, seed_store, verify_file

HERE = Path(__file__).parent
OPENING = 10_000_000  # ₹1,00,000.00 each: more than all tills together can collect


def test_four_tills_on_one_file_lose_nothing_and_wait_instead_of_failing(tmp_path: Path,
                                                                           request: pytest.FixtureRequest) -> None:
    tills = robust_option(request.config, "tills")
    ops = robust_option(request.config, "till_ops")
    db = tmp_path / "shared.sqlite3"
    customer_ids = seed_store(db, customers=6, opening=OPENING)
    go = tmp_path / "go"
    procs = []
    for n in range(tills):
        name = f"Till{n + 1}"
        args = [sys.executable, "-m", "till_child", "--db", str(db), "--name", name, "--ops", str(ops),
                "--seed", str(1000 + n), "--ready", str(tmp_path / f"{name}.ready"), "--go", str(go),
                "--out", str(tmp_path / f"{name}.json")]
        procs.append((name, subprocess.Popen(args, cwd=HERE, stderr=subprocess.PIPE, text=True)))
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"{name}.ready").exists() for name, _ in procs):
        assert time.monotonic() < deadline, "the tills did not start"
        dead = [(name, p.stderr.read()) for name, p in procs if p.poll() is not None]
        assert not dead, f"a till died while starting: {dead}"
        time.sleep(0.01)
    started = time.monotonic()
    go.write_text("go")
    for _, p in procs:
        p.wait(timeout=600)
    elapsed = time.monotonic() - started

    summaries = []
    for name, p in procs:
        out = tmp_path / f"{name}.json"
        assert out.exists(), f"{name} wrote no summary: {p.stderr.read()[-2000:]}"
        s = json.loads(out.read_text())
        assert s["error"] is None, f"{name} failed instead of waiting: {s['error']}"
        assert p.returncode == 0
        summaries.append(s)

    sales = [n for s in summaries for n in s["sales"]]
    collections = [n for s in summaries for n in s["collections"]]
    assert len(sales) + len(collections) == tills * ops
    assert [n for n, c in Counter(sales).items() if c > 1] == [], "two tills were given the same invoice number"
    assert [n for n, c in Counter(collections).items() if c > 1] == []

    con = sqlite3.connect(db)
    try:
        sal_seqs = sorted(r[0] for r in con.execute("SELECT seq FROM bills"))
        rcp_seqs = sorted(r[0] for r in con.execute("SELECT seq FROM payments WHERE kind = 'collection'"))
        assert sal_seqs == list(range(1, len(sales) + 1)), "invoice numbers skipped or doubled"
        assert rcp_seqs == list(range(1, len(collections) + 1)), "receipt numbers skipped or doubled"
        assert {r[0] for r in con.execute("SELECT number FROM bills")} == set(sales)
        balances = dict(con.execute("SELECT id, balance FROM customers"))
    finally:
        con.close()

    moved: Counter[str] = Counter()
    for s in summaries:
        moved.update(s["deltas"])
    for cid in customer_ids:
        assert balances[cid] == OPENING + moved[cid], f"lost update on customer {cid}"
    assert sum(balances.values()) == OPENING * len(customer_ids) + sum(moved.values())

    verdict = verify_file(db, full=True)
    assert verdict.findings == []
    slowest = max(s["max_op_seconds"] for s in summaries)
    line = (f"two tills: {tills} processes x {ops} operations on one file: {len(sales)} sales, "
            f"{len(collections)} collections, numbers gapless and unique, balances add up, "
            f"0 lock errors, slowest operation {slowest * 1000:.0f} ms (waiting), {elapsed:.0f} s; findings = 0")
    FIGURES.append(line)
    print(line)
