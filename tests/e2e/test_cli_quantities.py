"""Decimal quantities at the command: ``sell --line ITEM*1.25``, a strip's tablets, returns by quantity, and the
JSON contract (``qty`` in units as before, ``qty_milli`` beside it); bad quantities exit 2 writing nothing."""

from __future__ import annotations

import pytest

from possuite.domain.money import round_half_up
from testkit import Cli


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch) -> Cli:
    c = Cli(tmp_path / "grocer.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Corner Stores", "--pin", "1234").code == 0
    c.ok("item", "add", "--name", "Loose Rice", "--price", "79.99", "--sku", "RICE", "--unit", "kg",
         "--kind", "product")
    c.ok("item", "add", "--name", "Paracetamol 500", "--price", "35.55", "--sku", "PCM", "--unit", "strip",
         "--pack-size", "10", "--kind", "product")
    c.ok("item", "add", "--name", "Soap", "--price", "30", "--sku", "SOAP", "--kind", "product")
    return c


def test_a_sale_of_1_25_kg_and_3_tablets_rounds_each_line_once_and_shows_decimal_quantities(cli):
    sale = cli.ok("sell", "--line", "RICE*1.25", "--line", "PCM*3", "--line", "SOAP*3", "--pay", "cash:500")
    rice = round_half_up(7999 * 1250, 1000)          # 99.9875 -> 99.99
    tabs = round_half_up(3555 * 3000, 10 * 1000)     # 3/10 of 35.55 = 10.665 -> 10.67
    assert (rice, tabs) == (9999, 1067)
    assert sale["total"] == rice + tabs + 3 * 3000
    bill = cli.ok("bill", "show", sale["number"])
    got = [(ln["description"], ln["qty"], ln["qty_milli"], ln["unit"], ln["amount"]) for ln in bill["lines"]]
    assert got == [("Loose Rice", 1.25, 1250, "kg", 9999), ("Paracetamol 500", 3, 3000, "strip", 1067),
                   ("Soap", 3, 3000, "piece", 9000)]
    assert isinstance(bill["lines"][2]["qty"], int)   # whole quantities stay whole numbers, as before
    text = cli("bill", "show", sale["number"]).out
    assert "1.25 kg x" in text and "3 tab x" in text
    assert cli("check").code == 0


def test_bill_show_text_keeps_its_columns_aligned_for_kg_strip_and_piece_rows(cli):
    sale = cli.ok("sell", "--line", "SOAP*3", "--line", "RICE*1.25", "--line", "PCM*2strips",
                  "--line", "PCM*3", "--pay", "cash:500")
    rows = [ln for ln in cli("bill", "show", sale["number"]).out.splitlines()
            if ln.startswith("  ") and " x " in ln]
    assert len(rows) == 4
    # the " x " between quantity and price, and the right edge of the price and of the amount, line up
    assert len({r.index(" x ") for r in rows}) == 1, "\n".join(rows)
    assert len({len(r) for r in rows}) == 1, "\n".join(rows)
    assert len({r.index(" x ") + 3 + r[r.index(" x ") + 3:].index(".") for r in rows}) == 1, "\n".join(rows)
    # each quantity sits right against the " x ", nothing spilled into the description's column
    quantities = [r[:r.index(" x ")].split("  ")[-1].strip() for r in rows]
    assert quantities == ["3", "1.25 kg", "2 strips", "3 tab"]
    assert all(r[:32].rstrip() in ("  Soap", "  Loose Rice", "  Paracetamol 500") for r in rows)


def test_item_star_3_keeps_meaning_three_pieces_and_units_may_be_typed(cli):
    sale = cli.ok("sell", "--line", "SOAP*3", "--line", "RICE*250g", "--line", "PCM*2strips", "--pay", "cash:500")
    lines = cli.ok("bill", "show", sale["number"])["lines"]
    assert [ln["qty_milli"] for ln in lines] == [3000, 250, 20000]
    assert sale["total"] == 9000 + round_half_up(7999 * 250, 1000) + 2 * 3555


def test_a_return_takes_back_a_decimal_quantity_never_more_than_was_sold(cli):
    sale = cli.ok("sell", "--line", "RICE*1.25", "--line", "PCM*3", "--pay", "cash:200")
    r = cli.ok("return", sale["number"], "--line", "RICE*0.5", "--line", "PCM*1", "--refund", "cash",
               "--reason", "too much")
    assert [(ln["qty"], ln["qty_milli"]) for ln in r["lines"]] == [(0.5, 500), (1, 1000)]
    # 0.5 of 1.25 kg's ₹99.99 is 39.996 -> 40.00; 1 of 3 tablets' ₹10.67 is 3.5566 -> 3.56
    assert [ln["amount"] for ln in r["lines"]] == [4000, 356]
    before = cli.dump()
    bad = cli("return", sale["number"], "--line", "RICE*0.751", "--refund", "cash", "--reason", "x")
    assert bad.code == 2 and bad.err.startswith("error: line 1 quantity: 0.751 kg is more than was sold"), bad.err
    assert cli.dump() == before
    half = cli("return", sale["number"], "--line", "PCM*1.5", "--refund", "cash", "--reason", "x")
    assert half.code == 2 and half.err.startswith("error: line: 'PCM*1.5': ") and "whole tablets" in half.err
    assert cli.dump() == before


@pytest.mark.parametrize("line,says", [
    ("RICE*abc", "is not a quantity"),
    ("RICE*0", "must be more than zero"),
    ("RICE*1.2345", "more than 3 decimals"),
    ("SOAP*1.5", "sold in whole pieces"),
    ("PCM*2.5", "sold in whole tablets"),
    ("RICE*-1", "must not be negative"),
    ("RICE*5 dozen", "is not a unit for this item"),
])
def test_a_bad_quantity_exits_2_naming_the_line_and_writes_nothing(cli, line, says):
    before = cli.dump()
    r = cli("sell", "--line", line, "--pay", "cash:100")
    assert r.code == 2 and r.err.startswith(f"error: line: {line!r}: ") and says in r.err, r.err
    assert cli.dump() == before


def test_a_scale_label_sells_its_weight_or_price_once_the_owner_sets_the_layout(cli):
    from possuite.domain.scale_barcode import PRICE, WEIGHT, ScaleLayout, make_scale_barcode

    cli.ok("item", "add", "--name", "Loose Sugar", "--price", "48", "--sku", "00042", "--unit", "kg",
           "--kind", "product")
    label = make_scale_barcode("42", 1250, ScaleLayout("21", 5, WEIGHT, 5))      # 1.250 kg of sugar
    before = cli.dump()
    unknown = cli("sell", "--line", label, "--pay", "cash:100")   # no layout set: just an unknown code
    assert unknown.code == 2 and unknown.err.startswith("error: item: "), unknown.err
    assert cli.dump() == before
    shown = cli.ok("store", "set", "--scale-barcode", "21 IIIII WWWWW C")
    assert shown["scale_barcode"] == "21 IIIII WWWWW C"
    assert "scale labels:   21 IIIII WWWWW C" in cli("store", "show").out
    sale = cli.ok("sell", "--line", label, "--pay", "cash:100")
    line = cli.ok("bill", "show", sale["number"])["lines"][0]
    assert (line["description"], line["qty"], line["qty_milli"], line["amount"]) == ("Loose Sugar", 1.25, 1250, 6000)
    # a price-embedded layout: the label's ₹99.99 of rice at ₹79.99/kg sells 1.250 kg for exactly ₹99.99
    cli.ok("store", "set", "--scale-barcode", "22 IIIII $$$$$ C")
    cli.ok("item", "add", "--name", "Basmati (loose)", "--price", "79.99", "--sku", "777", "--unit", "kg",
           "--kind", "product")
    sale = cli.ok("sell", "--line", make_scale_barcode("777", 99_99, ScaleLayout("22", 5, PRICE, 5)),
                  "--pay", "cash:100")
    line = cli.ok("bill", "show", sale["number"])["lines"][0]
    assert (line["qty_milli"], line["amount"]) == (1250, 99_99)


def test_a_layout_that_is_not_one_exits_2_and_changes_nothing(cli):
    before = cli.dump()
    r = cli("store", "set", "--scale-barcode", "21 IIIII WWWW C")
    assert r.code == 2 and r.err.startswith("error: scale barcode: "), r.err
    assert cli.dump() == before
