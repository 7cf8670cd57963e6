"""The shift commands: open, cash in/out, status, close (one figure or note by note) and the X/Z report."""

from __future__ import annotations


def test_a_shift_from_float_to_count(cli, tmp_path):
    cli.ok("item", "add", "--name", "Haircut", "--price", "300", "--sku", "HC")
    assert cli.ok("shift", "status") == {"open": False, "required": False, "shift": None}
    opened = cli.ok("shift", "open", "--float", "2,000")
    assert opened["number"] == "SHF-26-0001" and opened["opening_float"] == 200000
    assert opened["status"] == "open" and opened["opened_by"] == "cli"
    cli.ok("sell", "--line", "HC", "--pay", "cash:500")                  # ₹300 cash after ₹200 change
    cli.ok("sell", "--line", "HC", "--pay", "card:300")
    cli.ok("sell", "--line", "HC*2", "--pay", "upi:600")
    assert cli.ok("shift", "cash-out", "--amount", "150", "--reason", "milk")["amount"] == 15000
    cli.ok("shift", "cash-in", "--amount", "50", "--reason", "coins")
    st = cli.ok("shift", "status")
    assert st["open"] and st["report"] == "X"
    assert st["expected_cash"] == 200000 + 30000 - 15000 + 5000
    assert (st["card"], st["upi"], st["bills"]) == (30000, 60000, 3)

    x = cli("report", "shift", "--text", "--width", "32")
    assert x.code == 0 and "SHIFT X REPORT" in x.out
    assert all(len(line) <= 32 for line in x.out.splitlines())

    z = cli.ok("shift", "close", "--count", "500=4", "--count", "100=1", "--count", "10=10", "--note", "ok")
    assert z["report"] == "Z" and z["counted_cash"] == 220000 and z["variance"] == 0
    assert z["shift"]["counted_notes"] == {"50000": 4, "10000": 1, "1000": 10}
    assert cli.ok("shift", "status")["open"] is False

    pdf = tmp_path / "z.pdf"
    out = cli.ok("report", "shift", "SHF-26-0001", "--pdf", str(pdf))
    assert out["file"] == str(pdf) and pdf.read_bytes().startswith(b"%PDF")
    day = cli.ok("report", "day")
    assert [s["number"] for s in day["shifts"]] == ["SHF-26-0001"]
    assert day["shifts"][0]["variance"] == 0


def test_shift_require_makes_selling_ask_for_a_shift(cli):
    cli.ok("shift", "require", "on")
    r = cli("sell", "--line-custom", "Cut=100", "--pay", "cash:100")
    assert r.code == 2 and r.err.startswith("error: shift: no shift is open at this till")
    cli.ok("shift", "open", "--float", "0")
    assert cli.ok("sell", "--line-custom", "Cut=100", "--pay", "cash:100")["total"] == 10000
    assert cli.ok("shift", "close", "--counted", "100")["variance"] == 0
    cli.ok("shift", "require", "off")
    cli.ok("sell", "--line-custom", "Cut=100", "--pay", "cash:100")


def test_init_with_shifts_turns_the_requirement_on(tmp_path, capsys, monkeypatch):
    from testkit import Cli

    c = Cli(tmp_path / "other.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Corner", "--shifts").code == 0
    assert c.ok("shift", "status")["required"] is True


def test_store_set_takes_the_cashier_discount_limit_and_the_shift_setting(cli):
    s = cli.ok("store", "set", "--cashier-max-discount", "12.5", "--shifts", "on")
    assert (s["max_cashier_discount_bp"], s["shifts_required"]) == (1250, True)
    shown = cli("store", "show").out
    assert "up to 12.5% without the owner's PIN" in shown and "needed to sell" in shown
    assert cli.ok("store", "set", "--cashier-max-discount", "none")["max_cashier_discount_bp"] is None
    r = cli("store", "set", "--cashier-max-discount", "120")
    assert r.code == 2 and r.err.startswith("error: cashier max discount: '120' is more than 100%")
