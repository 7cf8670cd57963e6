"""`possuite bench --scale small` runs end to end and reports every figure (timings are reported, not asserted)."""

from __future__ import annotations

import json

import pytest

from possuite.cli import main


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "small.json"
    code = main(["bench", "--scale", "small", "--out", str(out), "--keep", str(folder / "bench-small.sqlite3"),
                 "--no-sync", "--no-window"])  # the sync and window sections have their own tests
    assert code == 0
    return json.loads(out.read_text()), folder


def _timing(figures: dict) -> None:
    for key in ("median_ms", "p95_ms", "p99_ms"):
        assert figures[key] > 0


def test_every_figure_is_reported_with_its_floor(small_run):
    report, _ = small_run
    r = report["results"]
    assert report["scale"] == "small" and report["store"]["customers"] == 5000 and report["store"]["bills"] == 50_000
    assert {"cpus", "cpu", "ram_gb", "python", "sqlite"} <= set(report["machine"])
    for op in ("checkout", "collect"):
        assert r[op]["service"]["n"] >= 2000 and r[op]["floor"]["n"] >= 2000
        _timing(r[op]["service"])
        _timing(r[op]["floor"])
        assert r[op]["ratio_median"] > 0
    assert set(r["lookup"]["classes"]) == {"name 2", "name 3", "name 4", "name none", "phone start",
                                           "phone middle", "phone end", "phone none"}
    for cls, figures in r["lookup"]["classes"].items():
        assert figures["n"] > 0 and figures["service"]["p95_ms"] > 0 and figures["floor"]["p95_ms"] > 0, cls
        assert (figures["matches_avg"] == 0) == cls.endswith("none"), cls
    _timing(r["balances"]["service"])
    _timing(r["balances"]["floor"])
    pay, stm = r["reports"]["payment"], r["reports"]["statement"]
    assert pay["invoices"] == 1000 and pay["invoices_small"] == 10 and pay["pages"] > 10 and pay["total_s"] > 0
    assert stm["movements"] == 500 and stm["pages"] >= 2 and stm["total_s"] > 0
    assert r["integrity"]["seconds"] > 0
    cold = r["cold_start"]
    assert cold["runs"] == 3 and cold["cold_start_s"] > 0 and cold["rss_mb"] > 0, cold
    assert cold["customers_page"] == "rows" and cold["customers_rows"] > 0
    assert {t["name"] for t in report["targets"]} >= {"checkout p99", "integrity check", "cold start to checkout"}


def test_the_synthetic_book_is_sound_before_and_after_the_run(small_run):
    report, folder = small_run
    assert report["results"]["integrity"]["findings"] == 0
    from possuite.domain.clock import FixedClock
    from possuite.services.app import open_context
    from possuite.services.integrity import run_checks

    ctx = open_context(folder / "bench-small.sqlite3", clock=FixedClock(__import__("datetime").datetime(2026, 11, 2)))
    try:
        assert run_checks(ctx) == []
    finally:
        ctx.engine.dispose()


def test_a_kept_store_is_reused_and_the_table_names_every_figure(small_run):
    report, folder = small_run
    from possuite.bench.builder import ensure_store
    from possuite.bench.output import render
    from possuite.bench.runner import expected_schema
    from possuite.bench.scales import SCALES

    meta, reused = ensure_store(folder / "bench-small.sqlite3", SCALES["small"], expected_schema=expected_schema())
    assert reused and meta["bills"] == 50_000
    table = render(report)
    for words in ("checkout: 3 lines", "collect dues over 3 open bills", "lookup name 2", "lookup phone none",
                  "balances window", "payment report 1,000 invoices", "statement 500 movements", "integrity check",
                  "cold start", "RSS with the customers page open", "targets"):
        assert words in table, words


def test_the_shops_own_database_is_refused(tmp_path, monkeypatch, capsys):
    shop = tmp_path / "shop.sqlite3"
    shop.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    monkeypatch.setenv("POSSUITE_DB", str(shop))
    assert main(["bench", "--keep", str(shop)]) == 2
    assert "shop's database" in capsys.readouterr().err
    other = tmp_path / "notes.sqlite3"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert main(["bench", "--keep", str(other)]) == 2
    assert "not a benchmark store" in capsys.readouterr().err
    assert other.read_bytes().startswith(b"SQLite format 3")  # left alone
