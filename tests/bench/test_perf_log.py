"""Every checkout, collection and report is timed into the log, and Settings › Diagnostics shows it."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest

from possuite.services import collections, customers, logs, payments_report, perf, users
from testkit import sell


@pytest.fixture
def log_folder(tmp_path):
    folder = tmp_path / "logs"
    logs.setup_logging(folder)
    perf.clear()
    yield folder
    logs.stop_logging()
    perf.clear()


def test_sales_collections_and_reports_are_timed_into_the_log(ctx, log_folder):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 50000, pay=[("upi", 20000)], pending=True)
    sell(ctx, None, 12000, pay=[("cash", 12000)])
    collections.collect_dues(ctx, asha.id, 10000, "cash")
    payments_report.payment_report(ctx, date(2026, 11, 1), date(2026, 11, 1))
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = perf.read_log(log_folder)
    assert [s.op for s in logged] == ["checkout", "checkout", "collection", "report"]
    assert logged[-1].detail == "payment report" and logged[-1].label == "Report: payment report"
    assert all(s.ms > 0 for s in logged)
    assert [s.op for s in perf.recent()] == [s.op for s in logged]
    # The session's samples are in the log too: history counts each once.
    assert len(perf.history(log_folder)) == 4


def test_a_failed_sale_is_not_a_sample(ctx, log_folder):
    from possuite.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        sell(ctx, None, 5000, no_payment=True)  # a walk-in cannot leave money pending
    assert perf.recent() == []


def test_log_lines_read_back_even_after_a_restart(tmp_path):
    lines = [
        "2026-11-01 10:00:01,120 INFO possuite.perf [MainThread] op=checkout ms=12.50",
        "2026-11-01 10:00:02,000 INFO possuite.ui [MainThread] something else",
        "2026-11-01 10:00:03,500 INFO possuite.perf [possuite-main] op=report ms=1250.00 detail=payment report PDF",
        "2026-11-01 10:00:04,500 INFO possuite.perf [MainThread] op=checkout ms=30.00",
    ]
    samples = perf.parse_log_lines(lines)
    assert [(s.op, s.ms, s.detail) for s in samples] == [
        ("checkout", 12.5, ""), ("report", 1250.0, "payment report PDF"), ("checkout", 30.0, "")]
    assert samples[0].at == datetime(2026, 11, 1, 10, 0, 1)
    by_op = {s.op: s for s in perf.summarise(samples)}
    assert by_op["checkout"].count == 2 and by_op["checkout"].median_ms == 12.5 and by_op["checkout"].max_ms == 30
    assert [s.ms for s in perf.slowest(samples, 2)] == [1250.0, 30.0]


def test_the_diagnostics_tab_shows_medians_and_the_slowest_operations(ctx, log_folder, qtbot):
    from possuite.ui.diagnostics_settings import DiagnosticsTab, duration_text
    from possuite.ui.settings_page import SETTINGS_TABS
    from possuite.ui.state import AppState

    assert "Diagnostics" in [title for title, _ in SETTINGS_TABS]
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    for amount in (10000, 20000, 30000):
        sell(ctx, asha.id, amount, no_payment=True)
    perf.record("report", 2500.0, "payment report PDF")
    state = AppState(ctx.as_actor(users.login(ctx, "Owner", "1234")))
    tab = DiagnosticsTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.summary.rowCount() == 2, timeout=10_000)
    rows = {tab.summary.item(r, 0).text(): [tab.summary.item(r, c).text() for c in range(1, 5)]
            for r in range(tab.summary.rowCount())}
    assert rows["Checkout"][0] == "3"
    assert rows["Report: payment report PDF"] == ["1", "2.50 s", "2.50 s", "2.50 s"]
    assert tab.slowest.item(0, 1).text() == "Report: payment report PDF"
    assert tab.slowest.item(0, 2).text() == "2.50 s"
    assert str(log_folder) in tab.source.text()
    assert duration_text(8.44) == "8.4 ms" and duration_text(240.4) == "240 ms"
    state.tasks.stop()
