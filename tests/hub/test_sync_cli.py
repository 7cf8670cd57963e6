"""``possuite sync`` and ``sync status`` as a shop runs them: JSON keys, exit codes, the hub away, kill -9."""

from __future__ import annotations

import json
import signal
import socket
import time
from datetime import datetime

import pytest
from hubkit import NOW, book_ids, hub_for, hub_ids, make_book, pg, popen_possuite, possuite, trade, waiting
from sqlalchemy import text

from possuite.hub import spec
from possuite.hub.connect import credentials_path, parse_url, save_password
from possuite.hub.register import register_till
from possuite.hub.schema import HUB_SCHEMA_REVISION

pytestmark = pytest.mark.hub

KEYS = {"pushed", "pulled", "waiting", "last_sync", "hub"}


def _registered(pg_server, hub_db, tmp_path, config_dir, n=2):
    hub = hub_for(pg_server, hub_db)
    path = tmp_path / "till.sqlite3"
    ctx = make_book(path)
    trade(ctx, n)
    register_till(ctx, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    return hub, path, ctx


def test_sync_and_status_report_the_contract_keys(pg_server, hub_db, tmp_path, config_dir):
    hub, path, ctx = _registered(pg_server, hub_db, tmp_path, config_dir)
    trade(ctx, 1, "later ")
    queued = waiting(ctx)
    status = possuite(["--db", str(path), "sync", "status", "--json"], config_dir)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert KEYS <= set(data) and data["waiting"] == queued and data["pushed"] == 0 and data["pulled"] == 0
    assert data["hub"]["reachable"] is True and data["hub"]["till"] == "A"
    done = possuite(["--db", str(path), "sync", "--json"], config_dir)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert KEYS <= set(data) and data["waiting"] == 0 and data["pulled"] == 0
    # the register's push ran on the tests' fixed clock; this one on the real one
    assert data["pushed"] >= 1 and datetime.fromisoformat(data["last_sync"]) > NOW
    human = possuite(["--db", str(path), "sync", "status"], config_dir)
    assert human.returncode == 0 and "waiting: 0 rows" in human.stdout and "(reachable); till A" in human.stdout


def test_sync_exits_3_with_one_clear_line_when_the_hub_is_away(pg_server, hub_db, tmp_path, config_dir):
    hub, path, ctx = _registered(pg_server, hub_db, tmp_path, config_dir)
    trade(ctx, 1, "offline ")
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    (url, password), = json.loads(credentials_path(config_dir).read_text()).items()
    moved = url.replace(f":{pg_server.port}/", f":{dead}/")
    save_password(config_dir, parse_url(moved), password)
    with ctx.write() as conn:
        conn.execute(text("UPDATE sync_till SET hub_url = :u"), {"u": moved})
    queued = waiting(ctx)
    run = possuite(["--db", str(path), "sync"], config_dir)
    assert run.returncode == 3
    assert run.stderr.strip().splitlines() == [
        f"error: hub: cannot connect to {hub_db}_till_a@127.0.0.1:{dead}/{hub_db} (connection refused)"]
    status = possuite(["--db", str(path), "sync", "status", "--json"], config_dir)
    assert status.returncode == 3
    data = json.loads(status.stdout)
    assert data["hub"]["reachable"] is False and data["waiting"] == queued and KEYS <= set(data)
    owner_pw = hub["owner"].split(":")[2].split("@")[0]
    for out in (run.stdout, run.stderr, status.stdout, status.stderr):
        assert password not in out and owner_pw not in out
    assert waiting(ctx) == queued  # nothing dropped; selling went on
    trade(ctx, 1, "still selling ")
    assert waiting(ctx) > queued


def test_sync_on_a_book_that_is_no_till_says_how_to_register(tmp_path, config_dir):
    path = tmp_path / "solo.sqlite3"
    make_book(path).engine.dispose()
    run = possuite(["--db", str(path), "sync"], config_dir)
    assert run.returncode == 2 and "possuite till register URL" in run.stderr


def test_a_push_killed_midway_then_pushed_again_leaves_every_row_exactly_once(
        pg_server, hub_db, tmp_path, config_dir):
    hub, path, ctx = _registered(pg_server, hub_db, tmp_path, config_dir, n=1)
    trade(ctx, 40, "busy ")
    total = waiting(ctx)
    before = len(hub_ids(hub["admin"], "ledger_entries"))
    child = popen_possuite(["--db", str(path), "sync", "--batch-size", "3"], config_dir)
    admin = pg(hub["admin"])
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            with admin.connect() as conn:
                landed = conn.execute(text("SELECT count(*) FROM ledger_entries")).scalar()
            if landed > before:
                break
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        admin.dispose()
    assert child.returncode == -signal.SIGKILL
    left = waiting(ctx)
    assert 0 < left < total, "the push was not cut off midway"
    again = possuite(["--db", str(path), "sync", "--json", "--batch-size", "50"], config_dir)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["waiting"] == 0
    for table in spec.SYNCED_TABLES:
        assert hub_ids(hub["admin"], table) == book_ids(ctx, table), table


def test_hub_init_and_till_register_from_the_command_line(pg_server, hub_db, tmp_path, config_dir):
    admin = pg_server.url(hub_db)
    init = possuite(["hub", "init", admin, "--business", "Glow Group", "--json"], config_dir)
    assert init.returncode == 0, init.stderr
    made = json.loads(init.stdout)
    assert made["revision"] == HUB_SCHEMA_REVISION and made["owner_role"] == f"{hub_db}_owner"
    assert made["owner_password"]
    again = possuite(["hub", "init", admin], config_dir)
    assert again.returncode == 0 and "owner password" not in again.stdout  # shown once only
    owner = pg_server.url(hub_db, user=made["owner_role"], password=made["owner_password"])
    path = tmp_path / "till.sqlite3"
    make_book(path).engine.dispose()
    reg = possuite(["--db", str(path), "till", "register", owner, "--store", "Glow Salon", "--code", "a",
                    "--name", "Counter 1"], config_dir)
    assert reg.returncode == 0, reg.stderr
    assert "till A (Counter 1) of store 'Glow Salon'" in reg.stdout and "published the store" in reg.stdout
    other = tmp_path / "other.sqlite3"
    make_book(other, "Shine Spa").engine.dispose()
    taken = possuite(["--db", str(other), "till", "register", owner, "--store", "Shine Spa", "--code", "A"],
                     config_dir)
    assert taken.returncode == 2
    assert taken.stderr.strip() == "error: code: till code A is taken in business 'Glow Group' " \
                                   f"(store {hub_ids(admin, 'stores')[0]}); choose another code"
    bad = possuite(["--db", str(other), "till", "register", owner, "--store", "Shine Spa", "--code", "A-1"],
                   config_dir)
    assert bad.returncode == 2 and "error: code: must be 1 to 3 letters or digits" in bad.stderr
    for out in (reg.stdout, reg.stderr, taken.stderr):
        assert made["owner_password"] not in out
