"""The command's contract: JSON keys, exit codes, one-line errors, entry points."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SELL_KEYS = {"number", "status", "outcome", "total", "paid", "pending", "change", "applied_to_previous",
             "previous_balance", "customer_balance", "due_date"}
CUSTOMER_KEYS = {"id", "name", "phone", "balance", "visits", "total_spent", "last_visit", "credit_limit", "active"}
COLLECT_KEYS = {"number", "amount", "previous_balance", "remaining_balance", "allocations"}
BILL_KEYS = {"number", "status", "customer_id", "total", "paid", "outstanding", "due_date", "lines", "payments"}
SUMMARY_KEYS = {"total_outstanding", "customers_owing", "average_balance", "overdue"}


def test_json_outputs_carry_the_contract_keys(cli, priya):
    assert CUSTOMER_KEYS <= set(priya)
    sale = cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=500", "--pay", "cash:200", "--pending")
    assert SELL_KEYS <= set(sale)
    assert isinstance(sale["total"], int) and sale["total"] == 50000
    assert COLLECT_KEYS <= set(cli.ok("collect", priya["id"], "--amount", "100", "--method", "cash"))
    assert BILL_KEYS <= set(cli.ok("bill", "show", sale["number"]))
    edited = cli.ok("customer", "edit", priya["id"], "--notes", "prefers mornings")
    assert CUSTOMER_KEYS <= set(edited) and edited["notes"] == "prefers mornings"
    bal = cli.ok("balances")
    assert SUMMARY_KEYS <= set(bal["summary"])
    assert bal["customers"][0]["aging"] == {"0-30": 20000, "31-60": 0, "61-90": 0, "90+": 0}


def test_global_options_work_before_and_after_the_command(cli, priya):
    assert cli("--json", "customer", "show", priya["id"]).json["id"] == priya["id"]
    assert cli("customer", "show", priya["id"], "--json").json["id"] == priya["id"]


def test_customer_reference_by_phone_in_any_format(cli, priya):
    for ref in ("+91 98765 43210", "098765 43210", "98765-43210", "9876543210", priya["id"]):
        assert cli.ok("customer", "show", ref)["id"] == priya["id"]
    r = cli("customer", "show", "9999999999")
    assert r.code == 2 and r.err == "error: customer: no customer with id or phone '9999999999'\n"


def test_duplicate_phone_is_refused_naming_the_existing_customer(cli, priya):
    r = cli("customer", "add", "--name", "Someone Else", "--phone", "098765 43210")
    assert r.code == 2 and r.err == "error: phone: +91 98765 43210 already belongs to Priya Sharma\n"


def test_items_by_sku_barcode_and_name_with_quantity(cli):
    cli.ok("item", "add", "--name", "Shampoo 200ml", "--price", "250", "--sku", "SH200", "--barcode",
           "8901234567890", "--tax-rate", "18", "--kind", "product")
    cli.ok("item", "add", "--name", "Haircut", "--price", "300")
    r = cli.ok("sell", "--line", "SH200*2", "--line", "8901234567890", "--line", "haircut", "--pay", "cash:1200")
    # 3 × 250 = 750 + 18% tax 135 + 300 = 1185
    assert (r["total"], r["change"]) == (118500, 1500)
    assert [i["name"] for i in cli.ok("item", "list", "--search", "sham")] == ["Shampoo 200ml"]


def test_discount_amount_and_percent(cli):
    assert cli.ok("sell", "--line-custom", "A=1000", "--discount", "100", "--pay", "cash:900")["total"] == 90000
    assert cli.ok("sell", "--line-custom", "A=1000", "--discount", "10%", "--pay", "cash:900")["total"] == 90000


def test_customer_list_search_and_owing(cli, priya):
    other = cli.ok("customer", "add", "--name", "Rahul Verma", "--phone", "9822011111")
    cli.ok("sell", "--customer", other["id"], "--line-custom", "A=100", "--no-payment")
    assert [c["name"] for c in cli.ok("customer", "list", "--owing")] == ["Rahul Verma"]
    assert [c["name"] for c in cli.ok("customer", "list", "--search", "pri")] == ["Priya Sharma"]
    assert [c["name"] for c in cli.ok("customer", "list", "--search", "43210")] == ["Priya Sharma"]


def test_deactivated_customer_leaves_lookup_but_keeps_history(cli, priya):
    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=100", "--pay", "cash:100")
    cli.ok("customer", "deactivate", priya["id"], "--reason", "moved away")
    assert cli.ok("customer", "list", "--search", "pri") == []
    shown = cli.ok("customer", "show", priya["id"])
    assert shown["active"] is False and shown["visits"] == 1


def test_check_exits_1_with_findings(cli, priya):
    import sqlite3

    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=100", "--no-payment")
    con = sqlite3.connect(cli.db)
    con.execute("UPDATE customers SET balance = balance + 1")
    con.commit()
    con.close()
    r = cli("check")
    assert r.code == 1 and "cached balance 10001 != ledger sum 10000" in r.out
    assert cli("--json", "check").json["ok"] is False


def test_check_rebuild_rebuilds_the_ledger_cache_and_reports_it(cli, priya):
    import sqlite3

    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=100", "--pay", "cash:40", "--pending")
    con = sqlite3.connect(cli.db)
    con.execute("UPDATE open_items SET open_amount = 1")
    con.execute("UPDATE customers SET balance = 5")
    con.commit()
    con.close()
    r = cli("check")
    assert r.code == 1 and f"[projection] customer Priya Sharma ({priya['id']}): cache differs" in r.out
    r = cli("check", "--rebuild")
    assert r.code == 0, r.out + r.err
    assert "Rebuilt the ledger cache of 1 customer(s)." in r.out and "The book is sound" in r.out
    assert f"customer Priya Sharma ({priya['id']}): balance 5 -> 6000" in r.out
    data = cli.ok("check", "--rebuild")
    assert set(data) == {"ok", "checks", "findings", "rebuilt"} and data["ok"] is True and data["rebuilt"] == []
    assert set(cli.ok("check")) == {"ok", "checks", "findings"}
    assert cli.ok("customer", "show", priya["id"])["balance"] == 6000


def test_check_incremental_seals_completed_days_and_keeps_the_check_keys(cli, priya):
    import sqlite3

    cli.ok("sell", "--customer", priya["id"], "--line-custom", "A=100", "--pay", "cash:40", "--pending")
    cli.at("2026-11-03T10:00:00")
    r = cli("check", "--incremental")
    assert r.code == 0, r.out + r.err
    assert "No sealed day yet: the whole book is sound" in r.out and "Sealed 1 day(s): 2026-11-01." in r.out
    data = cli.ok("check", "--incremental")
    assert set(data) == {"ok", "checks", "findings", "incremental"} and data["ok"] is True
    assert data["incremental"]["full"] is False and data["incremental"]["since"] == "2026-11-01"
    assert data["incremental"]["seals"] == 1 and data["incremental"]["read_back"] == 1
    assert set(cli.ok("check")) == {"ok", "checks", "findings"}
    con = sqlite3.connect(cli.db)
    con.execute("UPDATE bills SET tendered = tendered + 1")
    con.commit()
    con.close()
    r = cli("check", "--incremental")
    assert r.code == 1 and "[seal] sealed day 2026-11-01 (seal 1): rows changed since it was sealed" in r.out
    r = cli("check")   # the plain full check proves the seals' chain, it reads no day back; the rows' chain
    assert r.code == 1 and "[seal]" not in r.out and "[chain] bills " in r.out   # names the edited bill (§3.6)
    r = cli("check", "--seals")
    assert r.code == 1 and "[seal] sealed day 2026-11-01 (seal 1)" in r.out


def test_usage_errors_are_one_line_exit_2(cli):
    r = cli("sell", "--bogus")
    assert r.code == 2 and r.err.count("\n") == 1 and r.err.startswith("error: ")


def test_malformed_possuite_now_is_a_clear_error(cli, monkeypatch):
    monkeypatch.setenv("POSSUITE_NOW", "yesterday")
    r = cli("balances")
    assert r.code == 2 and r.err.startswith("error: POSSUITE_NOW: 'yesterday' is not a date-time")


def test_init_twice_is_refused(cli):
    r = cli("init", "--store", "Another")
    assert r.code == 2 and r.err.startswith("error: store: this database already has a store")


def test_command_without_store_says_to_init(tmp_path, capsys):
    from possuite.cli import main

    code = main(["--db", str(tmp_path / "new.sqlite3"), "balances"])
    assert code == 2 and "run `possuite init --store NAME` first" in capsys.readouterr().err


@pytest.mark.parametrize("entry", [[sys.executable, "-m", "possuite"], [os.path.join(os.path.dirname(sys.executable),
                                                                                       "possuite")]])
def test_entry_points_run_the_same_command(entry, tmp_path):
    env = dict(os.environ, POSSUITE_DB=str(tmp_path / "x.sqlite3"))
    out = subprocess.run([*entry, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("possuite ")
    out = subprocess.run([*entry, "init", "--store", "S"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "x.sqlite3").exists()


def test_a_users_screen_language_is_set_from_the_command_line(cli):
    added = cli.ok("user", "add", "Ravi", "--pin", "5678", "--language", "hi")
    assert {"id", "name", "role", "language"} <= set(added) and added["language"] == "hi"
    assert cli.ok("user", "edit", "Ravi", "--language", "en") == {"name": "Ravi", "language": "en"}
    listed = {u["name"]: u for u in cli.ok("user", "list")}
    assert {"id", "name", "role", "locked_until", "language"} <= set(listed["Ravi"])
    assert listed["Ravi"]["language"] == "en"
    r = cli("user", "edit", "Ravi", "--language", "fr")
    assert r.code == 2 and r.err == "error: language: 'fr' is not one of en, hi\n"
    r = cli("user", "edit", "Nobody", "--language", "hi")
    assert r.code == 2 and r.err == "error: user: no user named 'Nobody'\n"
    assert cli("user", "edit", "Ravi", "--language", "hi", "--json").json["language"] == "hi"
    text = cli("user", "list").out
    assert any(line.startswith("Ravi") and line.rstrip().endswith("हिन्दी") for line in text.splitlines())


def test_the_store_picks_devanagari_digits_for_hindi_readers(cli):
    shown = cli.ok("store", "set", "--receipt-language", "hi", "--digits", "devanagari")
    assert shown["receipt_language"] == "hi" and shown["devanagari_digits"] is True
    assert "digits:" in cli("store", "show").out
    r = cli("store", "set", "--digits", "roman")
    assert r.code == 2
    assert cli.ok("store", "set", "--digits", "western")["devanagari_digits"] is False
