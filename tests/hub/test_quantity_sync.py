"""Quantities in thousandths across tills (book 0010, hub h0010): a fractional line pushed by one till reads the
same at the other till and on the hub; a hub upgraded to h0010 converts the whole units it held, and refuses
lines from a till that still sends whole units."""

from __future__ import annotations

import json

import pytest
from hubkit import NOW, hub_for, open_book, pg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from possuite.cli import main
from possuite.db.engine import backup_file
from possuite.hub.register import register_till
from possuite.hub.sync import sync

pytestmark = pytest.mark.hub


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setenv("POSSUITE_NOW", NOW.isoformat())
    monkeypatch.delenv("POSSUITE_DB", raising=False)

    def go(*args: str) -> dict:
        capsys.readouterr()
        code = main(list(args))
        done = capsys.readouterr()
        assert code == 0, done.err
        return json.loads(done.out) if done.out.strip() else {}
    return go


def _lines(shown: dict) -> list[tuple]:
    return [(ln["description"], ln["qty"], ln["qty_milli"], ln["unit"], ln["pack_size"], ln["amount"])
            for ln in shown["lines"]]


def test_a_fractional_line_sold_at_one_till_reads_the_same_at_the_other_and_on_the_hub(
        pg_server, hub_db, tmp_path, config_dir, run):
    hub = hub_for(pg_server, hub_db)
    a_path, b_path = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["--db", str(a_path), "init", "--store", "Kirana", "--pin", "1234"]) == 0
    backup_file(a_path, b_path)
    a, b = open_book(a_path), open_book(b_path)
    register_till(a, hub["owner"], "Kirana", "A", "Counter 1", config_dir)
    register_till(b, hub["owner"], "Kirana", "B", "Counter 2", config_dir)
    at_a = ("--db", str(a_path))
    run(*at_a, "item", "add", "--name", "Loose Rice", "--price", "79.99", "--unit", "kg", "--sku", "RICE",
        "--kind", "product", "--json")
    run(*at_a, "item", "add", "--name", "Paracetamol 500", "--price", "35.55", "--unit", "strip", "--pack-size",
        "10", "--sku", "PCM", "--kind", "product", "--json")
    sale = run(*at_a, "sell", "--line", "RICE*1.25", "--line", "PCM*3", "--pay", "cash:200", "--json")
    sold = run(*at_a, "bill", "show", sale["number"], "--json")
    assert _lines(sold) == [("Loose Rice", 1.25, 1250, "kg", 1, 9999), ("Paracetamol 500", 3, 3000, "strip", 10, 1067)]

    assert sync(a, config_dir).pushed > 0
    assert sync(b, config_dir).pulled > 0
    assert _lines(run("--db", str(b_path), "bill", "show", sale["number"], "--json")) == _lines(sold)
    assert _lines(run("--db", hub["owner"], "bill", "show", sale["number"], "--json")) == _lines(sold)
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT qty, unit, pack_size FROM bill_lines ORDER BY qty")).all() == [
            (1250, "kg", 1), (3000, "strip", 10)]
    engine.dispose()
    checked = run("--db", hub["owner"], "check", "--json")   # bill totals == lines: price × qty / 1000, rounded
    assert checked["ok"] and checked["findings"] == []


def test_hub_init_converts_the_whole_units_an_h0006_hub_held_and_refuses_lines_without_a_unit(
        pg_server, hub_db, tmp_path, config_dir, run):
    from alembic import command

    from possuite.hub.schema import HUB_SCHEMA_REVISION, _alembic_config, init_hub

    hub = hub_for(pg_server, hub_db)
    a_path = tmp_path / "a.sqlite3"
    assert main(["--db", str(a_path), "init", "--store", "Kirana", "--pin", "1234"]) == 0
    a = open_book(a_path)
    register_till(a, hub["owner"], "Kirana", "A", "Counter 1", config_dir)
    at_a = ("--db", str(a_path))
    run(*at_a, "item", "add", "--name", "Soap", "--price", "30", "--sku", "SOAP", "--kind", "product", "--json")
    run(*at_a, "item", "add", "--name", "Paracetamol 500", "--price", "35.55", "--unit", "strip", "--pack-size",
        "10", "--sku", "PCM", "--kind", "product", "--json")
    sale = run(*at_a, "sell", "--line", "SOAP*3", "--line", "PCM*2strips", "--pay", "cash:200", "--json")
    run(*at_a, "return", sale["number"], "--line", "SOAP", "--refund", "cash", "--reason", "torn", "--json")
    assert sync(a, config_dir).pushed > 0
    engine = pg(hub["admin"])
    with engine.connect() as conn:   # the hub an older possuite held: whole pieces and whole strips
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0006")
        conn.commit()
        assert sorted(conn.execute(text("SELECT qty FROM bill_lines")).scalars()) == [2, 3]
        assert list(conn.execute(text("SELECT qty FROM credit_note_lines")).scalars()) == [1]
    again = init_hub(hub["admin"])
    assert (again.revision, again.upgraded_from) == (HUB_SCHEMA_REVISION, "h0006")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT qty, unit, pack_size FROM bill_lines ORDER BY qty")).all()
        assert rows == [(3000, "piece", 1), (20000, "strip", 10)]
        assert list(conn.execute(text("SELECT qty FROM credit_note_lines")).scalars()) == [1000]
        # an old till's line (no unit: it counts whole units) is refused, not read as thousandths
        with pytest.raises(DBAPIError, match="unit"):
            conn.execute(text("INSERT INTO bill_lines (id, store_id, bill_id, position, description, kind, qty, "
                              "unit_price, line_discount, bill_discount, tax_rate_bp, tax_inclusive, net, tax, "
                              "amount) SELECT 'OLD', store_id, bill_id, 9, 'Soap', 'product', 1, 3000, 0, 0, 0, "
                              "false, 3000, 0, 3000 FROM bill_lines LIMIT 1"))
    engine.dispose()
    assert sync(a, config_dir).pushed == 0   # the till carries on against the upgraded hub
    checked = run("--db", hub["owner"], "check", "--json")
    assert checked["ok"] and checked["findings"] == []
