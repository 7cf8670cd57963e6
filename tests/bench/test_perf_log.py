"""Every checkout, collection and report is timed into a small samples file (and the log), and Settings ›
Diagnostics shows it."""

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


def test_sales_collections_and_reports_are_timed_into_the_samples_file(ctx, log_folder):
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    sell(ctx, asha.id, 50000, pay=[("upi", 20000)], pending=True)
    sell(ctx, None, 12000, pay=[("cash", 12000)])
    collections.collect_dues(ctx, asha.id, 10000, "cash")
    payments_report.payment_report(ctx, date(2026, 11, 1), date(2026, 11, 1))
    kept = perf.read_samples(log_folder)
    assert [s.op for s in kept] == ["checkout", "checkout", "collection", "report"]
    assert kept[-1].detail == "payment report" and kept[-1].label == "Report: payment report"
    assert all(s.ms > 0 for s in kept)
    assert kept == perf.recent()
    # The session's samples are in the file too: history counts each once.
    assert perf.history(log_folder) == kept
    # People reading the log still see each timing.
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert (log_folder / logs.LOG_NAME).read_text(encoding="utf-8").count("possuite.perf") == 4


def test_the_samples_of_an_earlier_session_reach_the_diagnostics_figures(ctx, log_folder):
    for amount in (10000, 20000, 30000):
        sell(ctx, None, amount, pay=[("cash", amount)])
    perf.record("checkout", 9.0)
    perf.record("checkout", 11.0)
    perf.clear()  # the app restarted: nothing in memory, the file remains
    samples = perf.history(log_folder)
    assert [s.op for s in samples] == ["checkout"] * 5
    by_op = {s.op: s for s in perf.summarise(samples)}
    assert by_op["checkout"].count == 5
    assert by_op["checkout"].median_ms == sorted(s.ms for s in samples)[2]
    assert by_op["checkout"].max_ms == max(s.ms for s in samples)


def test_without_a_log_file_the_samples_stay_in_memory(ctx, tmp_path):
    logs.stop_logging()
    perf.clear()
    try:
        sell(ctx, None, 5000, pay=[("cash", 5000)])
        assert [s.op for s in perf.recent()] == ["checkout"]
        assert perf.read_samples(tmp_path / "nowhere") == []
        assert not (tmp_path / "nowhere").exists()  # reading wrote nothing
    finally:
        perf.clear()


def test_a_failed_sale_is_not_a_sample(ctx, log_folder):
    from possuite.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        sell(ctx, None, 5000, no_payment=True)  # a walk-in cannot leave money pending
    assert perf.recent() == []


def test_samples_read_back_skip_torn_and_foreign_lines(tmp_path):
    (tmp_path / perf.SAMPLES_NAME).write_text("\n".join([
        '{"op": "checkout", "ms": 12.5, "at": "2026-11-01T10:00:01", "detail": ""}',
        "not json at all",
        '{"op": "checkout", "ms": "fast", "at": "2026-11-01T10:00:02", "detail": ""}',
        '{"op": "report", "ms": 1250.0, "at": "2026-11-01T10:00:03", "detail": "payment report PDF {\\"x\\"}"}',
        '{"op": "checkout", "ms": 30.0, "at": "2026-11-0',  # a crash cut this one short...
        '{"op": "checkout", "ms": 30.0, "at": "2026-11-01T10:00:04", "detail": ""}',  # ...the next one is whole
        '{"op": "checkout", "ms": 7.0, "at": "2026-11-01T10:00:0{"op": "checkout", "ms": 8.0, '
        '"at": "2026-11-01T10:00:05", "detail": ""}',  # a torn line with a whole one appended after it
        '{"op": "checkout", "ms": 9',
    ]), encoding="utf-8")
    samples = perf.read_samples(tmp_path)
    assert [(s.op, s.ms, s.detail) for s in samples] == [
        ("checkout", 12.5, ""), ("report", 1250.0, 'payment report PDF {"x"}'), ("checkout", 30.0, ""),
        ("checkout", 8.0, "")]
    assert samples[0].at == datetime(2026, 11, 1, 10, 0, 1)
    by_op = {s.op: s for s in perf.summarise(samples)}
    assert by_op["checkout"].count == 3 and by_op["checkout"].median_ms == 12.5 and by_op["checkout"].max_ms == 30
    assert [s.ms for s in perf.slowest(samples, 2)] == [1250.0, 30.0]


def test_the_samples_file_stays_small_and_keeps_the_latest(log_folder, monkeypatch):
    monkeypatch.setattr(perf, "SAMPLES_FILE_BYTES", 2_000)
    for i in range(400):
        perf.record("checkout", float(i + 1))
    files = [log_folder / perf.SAMPLES_NAME, log_folder / f"{perf.SAMPLES_NAME}.1"]
    assert all(f.exists() for f in files)
    assert sum(f.stat().st_size for f in files) <= 2 * 2_000 + 100
    kept = [s.ms for s in perf.read_samples(log_folder)]
    assert kept == [float(i) for i in range(400 - len(kept) + 1, 401)]  # the most recent, in order
    assert 20 <= len(kept) < 400


def test_a_sample_that_cannot_be_written_does_not_stop_the_sale(ctx, log_folder, caplog):
    (log_folder / perf.SAMPLES_NAME).mkdir()  # the file's place is taken: every write fails
    with caplog.at_level(logging.WARNING, logger="possuite.perf"):
        first = sell(ctx, None, 5000, pay=[("cash", 5000)])
        second = sell(ctx, None, 6000, pay=[("cash", 6000)])
    assert first.number != second.number
    assert [s.op for s in perf.recent()] == ["checkout", "checkout"]
    assert [r.message for r in caplog.records if "could not keep a timing" in r.message] != []
    assert len([r for r in caplog.records if "could not keep a timing" in r.message]) == 1  # said once


def test_the_diagnostics_tab_shows_medians_and_the_slowest_operations(ctx, log_folder, qtbot):
    from possuite.ui.diagnostics_settings import DiagnosticsTab, duration_text
    from possuite.ui.settings_page import SETTINGS_TABS
    from possuite.ui.state import AppState

    assert "Diagnostics" in [title for title, _ in SETTINGS_TABS]
    asha = customers.add_customer(ctx, "Asha Rao", "9822000001")
    for amount in (10000, 20000, 30000):
        sell(ctx, asha.id, amount, no_payment=True)
    perf.record("report", 2500.0, "payment report PDF")
    perf.clear()  # the app restarted: the tab's figures come from the samples file
    state = AppState(ctx.as_actor(users.login(ctx, "Owner", "1234")))
    tab = DiagnosticsTab(state)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.summary.rowCount() == 2, timeout=10_000)
    rows = {tab.summary.item(r, 0).text(): [tab.summary.item(r, c).text() for c in range(1, 5)]
            for r in range(tab.summary.rowCount())}
    assert rows["Checkout"][0] == "3"
    checkout_ms = sorted(s.ms for s in perf.read_samples(log_folder) if s.op == "checkout")
    assert rows["Checkout"][1] == duration_text(checkout_ms[1])  # the median of the kept checkouts
    assert rows["Report: payment report PDF"] == ["1", "2.50 s", "2.50 s", "2.50 s"]
    assert tab.slowest.item(0, 1).text() == "Report: payment report PDF"
    assert tab.slowest.item(0, 2).text() == "2.50 s"
    assert str(log_folder) in tab.source.text()
    assert (log_folder / perf.SAMPLES_NAME).exists()
    assert duration_text(8.44) == "8.4 ms" and duration_text(240.4) == "240 ms"
    state.tasks.stop()
