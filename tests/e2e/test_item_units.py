"""Items carry the unit they are counted in (domain/quantity.py) and, for a strip, its pack size."""

from __future__ import annotations

import pytest

from testkit import Cli


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch) -> Cli:
    c = Cli(tmp_path / "pharmacy.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Care Pharmacy", "--pin", "1234").code == 0
    return c


def test_an_item_is_counted_in_pieces_unless_told_otherwise(cli):
    soap = cli.ok("item", "add", "--name", "Soap", "--price", "30", "--kind", "product")
    assert (soap["unit"], soap["pack_size"]) == ("piece", 1)


def test_loose_goods_and_strips_keep_their_unit_and_pack_size(cli):
    rice = cli.ok("item", "add", "--name", "Loose Rice", "--price", "64", "--unit", "KG", "--kind", "product")
    tabs = cli.ok("item", "add", "--name", "Paracetamol 500", "--price", "20", "--unit", "strip",
                  "--pack-size", "10", "--kind", "product")
    assert (rice["unit"], rice["pack_size"]) == ("kg", 1)
    assert (tabs["unit"], tabs["pack_size"], tabs["price"]) == ("strip", 10, 2000)   # the price is per strip
    listed = {i["name"]: (i["unit"], i["pack_size"]) for i in cli.ok("item", "list")}
    assert listed == {"Loose Rice": ("kg", 1), "Paracetamol 500": ("strip", 10)}


@pytest.mark.parametrize("args,field,says", [
    (("--unit", "dozen"), "unit", "is not a unit"),
    (("--unit", "strip"), "pack size", "required for a strip"),
    (("--unit", "strip", "--pack-size", "0"), "pack size", "between 1 and"),
    (("--unit", "strip", "--pack-size", "ten"), "pack size", "whole number"),
    (("--unit", "kg", "--pack-size", "10"), "pack size", "strips only"),
])
def test_a_bad_unit_or_pack_size_exits_2_naming_it_and_adds_nothing(cli, args, field, says):
    before = cli.dump()
    r = cli("item", "add", "--name", "Thing", "--price", "10", *args)
    assert r.code == 2 and r.err.startswith(f"error: {field}: ") and says in r.err, r.err
    assert cli.dump() == before
