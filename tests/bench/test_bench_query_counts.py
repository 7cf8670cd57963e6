"""The benchmark's statement counts are deterministic, so they are asserted: on a small synthetic store built
by the benchmark's own builder, each measured operation runs the same few statements however large the
book, and the reports read 1,000 invoices with as many statements as 10."""

from __future__ import annotations

import pytest

from possuite.bench import reads, writes
from possuite.bench.builder import build_store, load_meta
from possuite.bench.scales import BENCH_NOW, Scale

TINY = Scale("tiny", customers=400, items=60, bills=4000, days=300, sales=40, lookups_per_class=12)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "tiny.sqlite3"
    build_store(path, TINY)
    e = writes.open_env(path, load_meta(path), BENCH_NOW, seed=TINY.seed)
    yield e
    e.close()


def test_the_builder_writes_the_special_days_and_a_sound_book(env):
    from possuite.services.integrity import run_checks

    meta = env.meta
    assert meta["bills"] == 4000 and meta["customers"] == 400
    assert meta["ledger_entries"] > meta["bills"] and meta["allocations"] > 0 and meta["open_items"] > 0
    assert run_checks(env.ctx) == []


def test_a_checkout_runs_thirty_five_statements_one_more_than_its_floor(env):
    result = writes.bench_checkout(env, 20)
    # Counted by SQLite itself (bench.stats.count_sqlite_statements: each row of a multi-row write is one,
    # the chain's and the driver's statements included): customer, sequence, bill, 3 lines, 3 ledger rows,
    # 2 allocations, open charge, customer row, the "any entry after these?" probe (a till whose clock is
    # behind re-projects; services/ledger.py Posting.flush), 2 payments, the chain (heads with the till's
    # registration, 4 content reads, 3 + 2 + 1 + 2 row updates, 2 heads), 3 items sold, the receipt job
    # (with the default printer). It was 40 (13 through Core) before the sale's writes went to the driver.
    assert result["queries"] == 35
    assert result["floor_queries"] == 34


def test_a_collection_over_three_bills_runs_twenty_five_statements(env):
    result = writes.bench_collect(env, 20)
    assert result["bills_per_collection"] == 3
    # customer, sequence, open charges (with their documents), ledger row, 3 allocations, 3 closed open
    # items, customer row, the out-of-order probe, payment, the chain (heads, 3 content reads, 1 + 3 + 1 row
    # updates, 2 heads), the receipt job. It was 30 (11 through Core).
    assert result["queries"] == 25
    assert result["floor_queries"] == 24


def test_a_lookup_is_one_statement(env):
    result = reads.bench_lookup(env, TINY.lookups_per_class)
    assert result["queries"] == 1


def test_the_balances_window_is_two_statements(env):
    result = reads.bench_balances(env, runs=2)
    assert result["queries"] == 2 <= 5
    assert result["rows"] > 0


def test_a_thousand_invoices_cost_the_statements_of_ten(env, tmp_path):
    result = reads.bench_reports(env, tmp_path)
    pay, stm = result["payment"], result["statement"]
    assert (pay["invoices"], pay["invoices_small"]) == (1000, 10)
    assert pay["queries"] == pay["queries_small"] == 4
    assert stm["movements"] == 500 and stm["queries"] == 3


def test_the_book_stays_sound_after_the_measured_writes(env):
    from possuite.services.integrity import run_checks

    assert run_checks(env.ctx) == []
