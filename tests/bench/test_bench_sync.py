"""`possuite bench --sync`: the sync section's figures against a local PostgreSQL, and its reasoned skip without one."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest

from possuite.bench import sync as sync_section
from possuite.cli import main
from possuite.hub import localpg


@pytest.mark.hub
def test_the_sync_section_measures_push_catch_up_and_checkout_during_a_sync(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sync_section, "LATENCY_SALES", 50)
    out = tmp_path / "sync.json"
    assert main(["bench", "--sync", "--sync-sales", "60", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["sections"] == ["sync"] and "machine" in report
    x = report["results"]["sync"]
    assert "skipped" not in x, x
    assert x["server"].startswith("PostgreSQL ") and x["sales"] == 60
    push = x["push"]
    # every sale sends its bill, lines, payments and ledger entries: several rows a sale, all of them pushed
    assert push["rows"] == push["queued_rows"] > 3 * 60 and push["sales_per_s"] > 0 and push["rows_per_s"] > 0
    catch = x["catch_up"]
    assert catch["rows_pushed"] == catch["queued_rows"] > 3 * 60 and catch["seconds"] > 0
    co = x["checkout"]
    never = co["sync_never_paused"]
    assert co["without"]["n"] == co["with_sync"]["n"] == never["with_sync"]["n"] == 50
    assert co["ratio_median"] > 0 and never["ratio_median"] > 0
    # the sync really ran during the blocks, the cashier's and the never-paused: it pushed A's sales and pulled B's
    for during in (co, never):
        assert during["syncs_during"] > 0 and during["rows_pushed_during"] > 0 and during["rows_pulled_during"] > 0
    assert co["think_ms"] == [20, 50] and co["lines_per_sale"] == 3
    assert co["sync_waited_for_open_sales"] > 0  # the cashier's open sales did hold the sync
    assert set(co["write_lock_wait_ms"]) == {"without", "with_sync", "sync_never_paused"}
    assert all(w["n"] == 50 and w["median_ms"] >= 0 for w in co["write_lock_wait_ms"].values())
    told, untold = [t for t in report["targets"] if t["name"].startswith("checkout median while a sync runs")]
    assert "told of each open sale" in told["name"] and "never paused" in untold["name"]
    assert told["goal"] == untold["goal"] == "≤ 1.10×"
    assert told["met"] == (co["ratio_median"] <= 1.10) and untold["met"] == (never["ratio_median"] <= 1.10)
    table = capsys.readouterr().out
    for words in ("push: 60 sales", "pull:", "catch-up after 3 offline days",
                  "checkout with a sync running, the sync told of each open sale", "sync never paused",
                  "rows pushed and"):
        assert words in table, words


def test_without_postgresql_the_sync_section_is_skipped_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(localpg, "find_pg_bindir", lambda: None)
    out = tmp_path / "sync.json"
    assert main(["bench", "--sync", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    reason = report["results"]["sync"]["skipped"]
    assert "no PostgreSQL server binaries" in reason and "apt-get install -y postgresql" in reason
    assert [t for t in report["targets"] if t["name"] == "sync section"] == [
        {"name": "sync section", "goal": "a local PostgreSQL", "value": f"skipped: {reason}", "met": None}]
    assert f"sync: skipped — {reason}" in capsys.readouterr().out


def test_the_benchs_gauge_sees_a_checkout_wait_for_the_write_lock_behind_another_writer(tmp_path):
    """The write-lock wait the sync section reports is the time the book's BEGIN IMMEDIATE took, so it shows a
    checkout held behind another process's batch (here a writer holding the lock 0.3 s) and nothing without."""
    from possuite.db.engine import open_database
    from possuite.domain.clock import Clock
    from possuite.services.app import open_context
    from possuite.services.context import CLI_ACTOR
    from possuite.services.users import init_store

    path = tmp_path / "book.sqlite3"
    engine = open_database(path)
    init_store(engine, Clock(), store="Gauge", owner="Owner", pin="1234")
    ctx = open_context(engine=engine, path=path, clock=Clock(), actor=CLI_ACTOR)
    gauge = sync_section._LockWaits(ctx.engine)
    try:
        with ctx.write():
            pass
        assert gauge.last < 0.05
        held, go = threading.Event(), threading.Event()

        def other_writer() -> None:
            con = sqlite3.connect(path, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            held.set()
            go.wait(5)
            time.sleep(0.3)
            con.execute("COMMIT")
            con.close()

        t = threading.Thread(target=other_writer)
        t.start()
        held.wait(5)
        gauge.last = 0.0
        go.set()
        with ctx.write():
            pass
        t.join()
        assert 0.25 <= gauge.last < 5
    finally:
        gauge.close()
        engine.dispose()
