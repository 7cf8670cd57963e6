"""Issue 16, "A year at a busy counter", in CI: 30 simulated days of ``possuite bench --soak``.

The year run (365 days × 600 sales) is ``possuite bench --soak``; its figures are in the README. Here the
same soak runs 30 days with fewer sales a day (``POSSUITE_SOAK_SALES``, default 15: 600 a day takes one to
two minutes a day on the 2-core CI machine, mostly the print worker laying out receipts), and the test
asserts what must hold whatever the machine's speed: every sale outcome happened through the services,
nothing refused; every receipt printed exactly once although the printer was off an hour a day; the
incremental and the full check found nothing; the rotation kept the 14 latest days and the month's newest
before them, and every kept backup restores to a book that passes ``possuite check --seals``; the sizes,
WAL high-water mark and times are reported (not judged: the bench's targets judge them).
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta

import pytest
from robust_helpers import FIGURES

from possuite.bench.soak import OUTCOMES, SOAK_START
from possuite.cli import main

DAYS = 30
SALES = int(os.environ.get("POSSUITE_SOAK_SALES", "15"))


@pytest.fixture(scope="module")
def soak(tmp_path_factory):
    folder = tmp_path_factory.mktemp("soak")
    out = folder / "soak.json"
    code = main(["bench", "--soak", "--days", str(DAYS), "--sales-per-day", str(SALES), "--out", str(out),
                 "--keep", str(folder / "book")])
    report = json.loads(out.read_text())
    s = report["results"]["soak"]
    FIGURES.append(f"soak, {DAYS} days x {SALES} sales: {s['print']['printed']} receipts printed, "
                   f"{s['print']['waited_for_printer']} waited for the printer, {len(s['kept_backups'])} kept "
                   f"backups restored and checked clean, {s['seconds']:.0f} s")
    return code, report, s, folder


def test_the_soak_runs_every_day_and_exits_clean(soak):
    code, report, s, _ = soak
    assert code == 0, s["problems"]
    assert report["sections"] == ["soak"] and s["complete"] and s["days_run"] == DAYS
    assert s["problems"] == []


def test_every_sale_outcome_collections_returns_and_shifts_happen_without_a_refusal(soak):
    _, _, s, _ = soak
    ops = s["operations"]
    for kind, _w in OUTCOMES:
        assert ops.get(f"sale: {kind}", 0) > 0, kind
    assert sum(v for k, v in ops.items() if k.startswith("sale")) == DAYS * SALES
    assert ops["collection"] > 0 and ops["return"] > 0 and ops["shift closed"] == DAYS
    assert all(not m["refused"] for m in s["months"]), [m["refused"] for m in s["months"]]
    assert s["series"]["SAL"] == DAYS * SALES and s["series"]["SHF"] == DAYS


def test_every_receipt_prints_exactly_once_although_the_printer_is_off_an_hour_a_day(soak):
    _, _, s, _ = soak
    p, ops = s["print"], s["operations"]
    documents = sum(v for k, v in ops.items() if k.startswith("sale")) + ops["collection"] + ops["return"] \
        + ops["shift closed"]
    assert p["printed"] == documents
    assert p["lost"] == 0 and p["doubled"] == 0 and p["unaccounted"] == 0
    assert p["waited_for_printer"] > 0 and p["offline_refusals"] >= p["waited_for_printer"]


def test_the_checks_find_nothing(soak):
    _, _, s, _ = soak
    assert all(m["incremental_check"]["findings"] == 0 and m["incremental_check"]["n"] == m["days"]
               for m in s["months"])
    assert s["full_check"]["count"] == 0 and s["pragma_integrity_check"]["result"] == ["ok"]


def test_rotation_keeps_the_latest_days_and_every_kept_backup_restores_and_checks_clean(soak):
    _, _, s, folder = soak
    kept = s["kept_backups"]
    days = sorted({date.fromisoformat(k["taken_at"][:10]) for k in kept})
    last = SOAK_START + timedelta(days=DAYS - 1)
    latest = [last - timedelta(days=i) for i in range(14)]
    assert set(latest) <= set(days)
    # the 14 latest days, and the newest of the month before them (January's 16th: the rule keeps one a month)
    assert len(days) == 15 and days[0] == last - timedelta(days=14)
    assert all(k["check_ok"] and k["check_exit"] == 0 and k["restore_s"] is not None for k in kept), kept
    assert len(list((folder / "book" / "backups").glob("soak-*-day-end.sqlite3"))) == len(kept)
    assert all(m["restore"]["ok"] for m in s["months"])


def test_sizes_wal_and_times_are_reported(soak):
    _, report, s, _ = soak
    for m in s["months"]:
        assert m["file_bytes"] > 0 and m["growth_bytes"] > 0 and m["wal_hwm_bytes"] > 0
        assert m["checkout"]["n"] == m["operations"]["sale: paid"] + sum(
            v for k, v in m["operations"].items() if k.startswith("sale") and k != "sale: paid")
        assert m["backup"]["n"] == m["days"] and m["restore"]["seconds"] > 0
    assert s["checkout"]["month_1"]["median_ms"] > 0 and s["full_check"]["seconds"] >= 0
    names = {t["name"] for t in report["targets"]}
    assert "soak: every kept backup restores to a book that passes possuite check" in names
    assert {t["met"] for t in report["targets"] if t["name"].startswith("soak: receipts")} == {True}


@pytest.mark.parametrize("argv, field", [(["--soak", "--days", "0"], "days"),
                                         (["--days", "3"], "days"),
                                         (["--soak", "--sync"], "sync")])
def test_bad_soak_options_are_refused(argv, field, capsys):
    assert main(["bench", *argv]) == 2
    assert capsys.readouterr().err.startswith(f"error: {field}:")
