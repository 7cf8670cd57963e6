"""The window section of ``possuite bench`` (issue 15): the real main window driven by key events.

Timings are printed, never asserted (CI machines differ); what is asserted is that every action
really happened (the row reached the cart, the payment dialog showed its yellow box, the sale was
posted with its receipt queued, the pages showed their data), the report's structure with its
targets, and that no window action runs more statements on a bigger book.
"""

from __future__ import annotations

import json

import pytest

from possuite.bench.builder import build_store
from possuite.bench.scales import Scale
from possuite.bench.window import PAGE_ACTIONS, TILL_ACTIONS, bench_window

SMALLER = Scale("tiny", customers=400, items=60, bills=4_000, days=300)  # the builder needs 250+ days
BIGGER = Scale("tiny", customers=2_000, items=150, bills=16_000, days=300)
REPS = 3


def _run(tmp_path_factory, scale: Scale, name: str) -> dict:
    path = tmp_path_factory.mktemp(name) / f"{name}.sqlite3"
    build_store(path, scale)
    return bench_window(path, reps=REPS, page_reps=2, scroll_row=10_000)


@pytest.fixture(scope="module")
def two_books(tmp_path_factory, qapp):
    return _run(tmp_path_factory, SMALLER, "smaller"), _run(tmp_path_factory, BIGGER, "bigger")


def _really_happened(w: dict, customers: int, page_reps: int = 2) -> None:
    c = w["checks"]
    assert c["cycles"] == REPS
    assert c["cart_rows"] == REPS                 # each scanned barcode's row was in the cart
    assert c["owing_results"] == 2 * REPS         # each search showed customers who owe (red amounts)
    assert c["dialogs_with_alert"] == REPS        # F12 showed the payment dialog with the yellow box
    assert c["sales_posted"] == REPS and c["receipts_queued"] == REPS and c["carts_emptied"] == REPS
    assert c["customers_rows"] > 0 and c["balances_rows"] > 0 and c["balances_cards"] and c["balances_aging"]
    sc = w["scroll"]
    assert sc["goal_row"] == customers == sc["reached_row"]  # fewer than 10,000: the last row
    for key in TILL_ACTIONS + PAGE_ACTIONS:
        a = w["actions"][key]
        assert a["n"] == (REPS if key in TILL_ACTIONS else page_reps) and 0 < a["median_ms"] <= a["p99_ms"], key


def test_every_window_action_happens_and_is_timed(two_books):
    small, big = two_books
    _really_happened(small, SMALLER.customers)
    _really_happened(big, BIGGER.customers)
    print(json.dumps({"smaller": small["actions"], "bigger": big["actions"]}, indent=1))


def test_no_window_action_runs_more_statements_on_a_bigger_book(two_books):
    small, big = two_books
    assert set(small["queries"]) == set(TILL_ACTIONS + PAGE_ACTIONS)
    assert small["queries"] == big["queries"], (small["queries"], big["queries"])
    # a scan is one lookup; a search one statement; F12 reads nothing; the pages a handful
    assert small["queries"]["scan"] == 1
    assert small["queries"]["search_name"] == small["queries"]["search_phone"] == 1
    assert small["queries"]["pay_dialog"] == 0
    assert small["queries"]["customers_open"] <= 5 and small["queries"]["balances_open"] <= 8


def test_bench_window_at_small_scale_reports_every_figure_with_its_target(tmp_path, capsys):
    from possuite.cli import main

    out = tmp_path / "window.json"
    code = main(["bench", "--window", "--scale", "small", "--window-reps", "3", "--keep",
                 str(tmp_path / "bench-small.sqlite3"), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    report = json.loads(out.read_text())
    assert report["sections"] == ["window"] and report["scale"] == "small"
    w = report["results"]["window"]
    assert "failed" not in w, w
    _really_happened(w, 5_000, page_reps=3)
    names = {t["name"]: t for t in report["targets"]}
    for t in names.values():
        assert t["met"] in (True, False) and t["goal"] and t["value"]
    assert sum(n.startswith("window: ") and n.endswith(", median") for n in names) == 7
    assert sum(n.startswith("window: ") and n.endswith(", p99") for n in names) == 5
    assert any(n.startswith("window: scrolling the customers to row 5,000") for n in names)
    # cold start quiet and beside a CPU-bound process, and the memory with every page opened once
    for key in ("cold_start", "cold_start_busy"):
        assert w[key]["runs"] == 3 and w[key]["cold_start_s"] > 0, w[key]
    assert w["cold_start_busy"]["busy"] and not w["cold_start"]["busy"]
    assert w["cold_start"]["pages_opened"] == 7 and w["cold_start"]["rss_all_pages_mb"] > 0
    assert names["window: cold start to a usable checkout window"]["goal"] == "≤ 1.0 s"
    assert names["window: cold start to a usable checkout window, beside a CPU-bound process"]["goal"] == "≤ 1.0 s"
    assert names["window: memory (RSS) with every page opened once (7 pages)"]["goal"] == "≤ 250 MB"
    assert "cold start to a usable checkout window (beside a CPU-bound process)" in printed
    assert "memory (RSS) with every page opened once" in printed
    for words in ("window section", "scan a barcode + Enter", "F12 -> payment dialog", "Balances open", "scrolling"):
        assert words in printed, words
    with capsys.disabled():
        print("\n" + printed)


def test_window_reps_must_be_positive_and_window_is_not_sync(capsys):
    from possuite.cli import main

    assert main(["bench", "--window", "--window-reps", "0"]) == 2
    assert "error: window-reps:" in capsys.readouterr().err
    assert main(["bench", "--window", "--sync"]) == 2
    assert "error: window:" in capsys.readouterr().err
