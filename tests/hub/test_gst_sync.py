"""GST across tills: a B2B bill sold at one till reads the same at another till and on the hub (h0005)."""

from __future__ import annotations

import json

import pytest
from hubkit import NOW, hub_for, open_book, pg
from sqlalchemy import text

from possuite.cli import main
from possuite.db.engine import backup_file
from possuite.hub.register import register_till
from possuite.hub.sync import sync

pytestmark = pytest.mark.hub

STORE_GSTIN = "29ABCDE1234F1ZW"     # Karnataka
BUYER_GSTIN = "27AAACR5055K1Z7"     # Maharashtra: inter-state, so IGST


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setenv("POSSUITE_NOW", NOW.isoformat())
    monkeypatch.delenv("POSSUITE_DB", raising=False)

    def go(*args: str) -> dict:
        capsys.readouterr()
        code = main(list(args))
        done = capsys.readouterr()
        assert code == 0, done.err
        return json.loads(done.out)
    return go


def test_a_b2b_igst_bill_sold_at_one_till_shows_its_gstins_hsn_and_tax_split_at_the_other_and_on_the_hub(
        pg_server, hub_db, tmp_path, config_dir, run):
    hub = hub_for(pg_server, hub_db)
    a_path, b_path = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["--db", str(a_path), "init", "--store", "Kirana", "--pin", "1234", "--tax-id", STORE_GSTIN]) == 0
    backup_file(a_path, b_path)
    a, b = open_book(a_path), open_book(b_path)
    register_till(a, hub["owner"], "Kirana", "A", "Counter 1", config_dir)
    register_till(b, hub["owner"], "Kirana", "B", "Counter 2", config_dir)

    at_a = ("--db", str(a_path))
    run(*at_a, "item", "add", "--name", "Basmati Rice 1 kg", "--price", "100", "--tax-rate", "5",
        "--hsn", "1006 30", "--sku", "RICE", "--kind", "product", "--json")
    run(*at_a, "item", "add", "--name", "Haircut", "--price", "201", "--tax-rate", "18", "--hsn", "999721",
        "--sku", "CUT", "--json")
    acme = run(*at_a, "customer", "add", "--name", "Acme Traders", "--gstin", BUYER_GSTIN, "--json")
    sale = run(*at_a, "sell", "--customer", acme["id"], "--line", "RICE*3", "--line", "CUT", "--no-payment",
               "--json")
    sold = run(*at_a, "bill", "show", sale["number"], "--json")
    assert sold["gst"] == {"registration": "regular", "heading": "TAX INVOICE", "seller_gstin": STORE_GSTIN,
                           "buyer_gstin": BUYER_GSTIN, "place_of_supply": "27"}
    assert [(s["rate_bp"], s["cgst"], s["sgst"], s["igst"]) for s in sold["tax_split"]] == [
        (500, 0, 0, 15_00), (1800, 0, 0, 36_18)]
    assert [ln["hsn"] for ln in sold["lines"]] == ["100630", "999721"]

    assert sync(a, config_dir).pushed > 0
    assert sync(b, config_dir).pulled > 0

    def same(shown: dict) -> tuple:
        return shown["gst"], shown["tax_split"], [(ln["hsn"], ln.get("tax")) for ln in shown["lines"]], shown["total"]

    at_b = run("--db", str(b_path), "bill", "show", sale["number"], "--json")
    on_hub = run("--db", hub["owner"], "bill", "show", sale["number"], "--json")
    assert same(at_b) == same(sold)
    assert same(on_hub) == same(sold)
    # The buyer's GSTIN and state and the items' HSN travelled with the masters too.
    assert run("--db", str(b_path), "customer", "show", acme["id"], "--json")["gstin"] == BUYER_GSTIN
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT gstin, state FROM customers")).all() == [(BUYER_GSTIN, "27")]
        assert conn.execute(text("SELECT sku, hsn FROM items ORDER BY sku")).all() == [
            ("CUT", "999721"), ("RICE", "100630")]
        assert conn.execute(text("SELECT state, gst_registration FROM stores")).all() == [("29", "regular")]
    engine.dispose()


def test_hub_init_upgrades_an_h0003_hub_and_its_rows_read_as_a_till_without_gst(pg_server, hub_db, tmp_path,
                                                                                  config_dir):
    from alembic import command
    from hubkit import make_book, trade

    from possuite.hub.schema import HUB_SCHEMA_REVISION, _alembic_config, init_hub

    hub = hub_for(pg_server, hub_db)
    a = make_book(tmp_path / "a.sqlite3")
    register_till(a, hub["owner"], "Glow Salon", "A", "Counter 1", config_dir)
    trade(a, 2)
    assert sync(a, config_dir).pushed > 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:   # back to the hub an older possuite made (h0005's downgrade)
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0003")
        conn.commit()
        assert "igst" not in {c for (c,) in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'bill_lines'"))}
    again = init_hub(hub["admin"])
    assert (again.revision, again.upgraded_from) == (HUB_SCHEMA_REVISION, "h0003")
    with engine.connect() as conn:
        lines = conn.execute(text("SELECT hsn, cgst, sgst, igst FROM possuite_bo.bill_lines")).all()
        assert lines and set(lines) == {("", 0, 0, 0)}
        assert conn.execute(text("SELECT state, gst_registration, return_days FROM stores")).all() == [("", "", 7)]
    engine.dispose()
    assert sync(a, config_dir).pushed == 0   # the till carries on against the upgraded hub


def test_a_bill_with_cess_and_its_credit_note_read_the_same_at_the_other_till_and_on_the_hub(
        pg_server, hub_db, tmp_path, config_dir, run):
    """Book 0017 / hub h0012: an item's cess, a line's cess and a credit-note line's cess travel; an item whose
    cess (or HSN) alone changed at a registered till reaches the hub and the other till."""
    hub = hub_for(pg_server, hub_db)
    a_path, b_path = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["--db", str(a_path), "init", "--store", "Kirana", "--pin", "1234", "--tax-id", STORE_GSTIN]) == 0
    backup_file(a_path, b_path)
    a, b = open_book(a_path), open_book(b_path)
    register_till(a, hub["owner"], "Kirana", "A", "Counter 1", config_dir)
    register_till(b, hub["owner"], "Kirana", "B", "Counter 2", config_dir)

    at_a, at_b = ("--db", str(a_path)), ("--db", str(b_path))
    run(*at_a, "item", "add", "--name", "Pan Masala 10 g", "--price", "12.35", "--tax-rate", "40", "--cess", "60",
        "--hsn", "21069020", "--sku", "PAN", "--kind", "product", "--json")
    acme = run(*at_a, "customer", "add", "--name", "Acme Traders", "--gstin", BUYER_GSTIN, "--json")
    sale = run(*at_a, "sell", "--customer", acme["id"], "--line", "PAN*3", "--no-payment", "--json")
    run(*at_a, "return", sale["number"], "--line", "PAN*1", "--refund", "account", "--reason", "torn", "--json")
    sold = run(*at_a, "bill", "show", sale["number"], "--json")
    # 3 × 12.35 = 37.05: IGST 40 % = 14.82, cess 60 % = 22.23
    assert [(s["rate_bp"], s["igst"], s["cess"]) for s in sold["tax_split"]] == [(4000, 14_82, 22_23)]
    assert sold["total"] == 37_05 + 14_82 + 22_23

    assert sync(a, config_dir).pushed > 0
    assert sync(b, config_dir).pulled > 0

    def same(shown: dict) -> tuple:
        return (shown["tax_split"], [(ln["tax"], ln["cess"], ln["cess_rate_bp"]) for ln in shown["lines"]],
                shown["total"], shown["returned"])

    assert same(run(*at_b, "bill", "show", sale["number"], "--json")) == same(sold)
    assert same(run("--db", hub["owner"], "bill", "show", sale["number"], "--json")) == same(sold)
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT cess FROM credit_note_lines")).all() == [(7_41,)]
        assert conn.execute(text("SELECT cess_rate_bp FROM items")).all() == [(60_00,)]
    # the owner changes the cess at till A: the hub and till B follow (the item's sync trigger, book 0017)
    run(*at_a, "item", "edit", "PAN", "--cess", "0", "--json")
    assert sync(a, config_dir).pushed > 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT cess_rate_bp FROM items")).all() == [(0,)]
    engine.dispose()
    sync(b, config_dir)
    assert [i["cess_rate_bp"] for i in run(*at_b, "item", "list", "--json")] == [0]
    for path in (a_path, b_path):
        assert main(["--db", str(path), "check"]) == 0
    assert main(["--db", hub["owner"], "check"]) == 0
