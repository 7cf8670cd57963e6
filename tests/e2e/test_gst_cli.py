"""GST at the command line: the store's GSTIN/state/registration, buyers' GSTINs, HSN codes, each bill's tax split."""

from __future__ import annotations

import pytest

from testkit import Cli

STORE_GSTIN = "29ABCDE1234F1ZW"     # Karnataka
BUYER_GSTIN = "27AAACR5055K1Z7"     # Maharashtra


@pytest.fixture
def gst_cli(tmp_path, capsys, monkeypatch) -> Cli:
    c = Cli(tmp_path / "kirana.sqlite3", capsys, monkeypatch)
    assert c("init", "--store", "Kirana", "--pin", "1234", "--tax-id", STORE_GSTIN).code == 0
    c.ok("item", "add", "--name", "Basmati Rice 1 kg", "--price", "100", "--tax-rate", "5", "--hsn", "1006 30",
         "--sku", "RICE", "--kind", "product")
    c.ok("item", "add", "--name", "Haircut", "--price", "201", "--tax-rate", "18", "--hsn", "999721", "--sku", "CUT")
    return c


def test_init_with_a_gstin_makes_a_regular_store_in_the_gstins_state(gst_cli):
    s = gst_cli.ok("store", "show")
    assert (s["tax_id"], s["state"], s["state_label"], s["gst_registration"], s["document_heading"]) == (
        STORE_GSTIN, "29", "29-Karnataka", "regular", "TAX INVOICE")


@pytest.mark.parametrize("args,field", [
    (("--tax-id", "29ABCDE1234F1ZX"), "tax id"),          # wrong check character
    (("--tax-id", "29ABCDE1234F1Z"), "tax id"),           # 14 characters
    (("--gst", "regular"), "tax id"),                     # regular needs a GSTIN
    (("--tax-id", STORE_GSTIN, "--state", "27"), "state"),  # the GSTIN says Karnataka
    (("--state", "25"), "state"),                         # Daman and Diu merged into 26 in 2020
])
def test_init_with_bad_gst_details_exits_2_naming_the_field_and_leaves_no_book(tmp_path, capsys, monkeypatch,
                                                                              args, field):
    c = Cli(tmp_path / "new.sqlite3", capsys, monkeypatch)
    r = c("init", "--store", "Kirana", "--pin", "1234", *args)
    assert r.code == 2 and r.err.startswith(f"error: {field}: "), r.err
    assert not c.db.exists()


def test_store_set_changes_gst_and_other_settings_and_audits_them(gst_cli):
    s = gst_cli.ok("store", "set", "--gst", "composition", "--credit-days", "15", "--store", "Kirana Stores")
    assert (s["gst_registration"], s["document_heading"], s["credit_days"], s["name"]) == (
        "composition", "BILL OF SUPPLY", 15, "Kirana Stores")
    con = __import__("sqlite3").connect(gst_cli.db)
    details = con.execute("SELECT details FROM audit_log WHERE action = 'settings changed'").fetchall()
    assert len(details) == 1 and '"gst_registration": {"from": "regular", "to": "composition"}' in details[0][0]


def test_store_set_with_an_invalid_gstin_exits_2_and_writes_nothing(gst_cli):
    before = gst_cli.dump()
    r = gst_cli("store", "set", "--tax-id", "29ABCDE1234F1ZX", "--credit-days", "10")
    assert r.code == 2 and r.err.startswith("error: tax id: ") and "check character" in r.err
    assert gst_cli.dump() == before


def test_customer_gstin_is_checked_and_fixes_the_state(gst_cli):
    c = gst_cli.ok("customer", "add", "--name", "Acme Traders", "--gstin", BUYER_GSTIN.lower())
    assert (c["gstin"], c["state"]) == (BUYER_GSTIN, "27")
    before = gst_cli.dump()
    r = gst_cli("customer", "add", "--name", "Typo Traders", "--gstin", "27AAACR5055K1Z8")
    assert r.code == 2 and r.err.startswith("error: gstin: ")
    r = gst_cli("customer", "edit", c["id"], "--gstin", "27AAACR5055K1Z8", "--notes", "x")
    assert r.code == 2 and r.err.startswith("error: gstin: ")
    assert gst_cli.dump() == before
    edited = gst_cli.ok("customer", "edit", c["id"], "--gstin", "", "--state", "KA")
    assert (edited["gstin"], edited["state"]) == ("", "29")


def test_an_item_with_a_bad_hsn_exits_2(gst_cli):
    r = gst_cli("item", "add", "--name", "Soap", "--price", "30", "--hsn", "34012")
    assert r.code == 2 and r.err.startswith("error: hsn: ") and "4, 6 or 8" in r.err


def test_a_sale_to_a_buyer_registered_in_another_state_carries_igst(gst_cli):
    acme = gst_cli.ok("customer", "add", "--name", "Acme Traders", "--gstin", BUYER_GSTIN)
    sale = gst_cli.ok("sell", "--customer", acme["id"], "--line", "RICE*3", "--line", "CUT", "--no-payment")
    bill = gst_cli.ok("bill", "show", sale["number"])
    assert bill["gst"] == {"registration": "regular", "heading": "TAX INVOICE", "seller_gstin": STORE_GSTIN,
                           "buyer_gstin": BUYER_GSTIN, "place_of_supply": "27"}
    # 300 at 5 % = 15.00; 201 at 18 % = 36.18: all IGST
    assert bill["tax_split"] == [
        {"rate_bp": 500, "taxable": 300_00, "cgst": 0, "sgst": 0, "igst": 15_00, "tax": 15_00, "cess": 0},
        {"rate_bp": 1800, "taxable": 201_00, "cgst": 0, "sgst": 0, "igst": 36_18, "tax": 36_18, "cess": 0}]
    assert [ln["hsn"] for ln in bill["lines"]] == ["100630", "999721"]


def test_a_walk_in_sale_splits_cgst_and_sgst_with_the_odd_paisa_to_cgst(gst_cli):
    gst_cli.ok("item", "add", "--name", "Toor Dal 1 kg", "--price", "201", "--tax-rate", "5", "--hsn", "0713",
               "--sku", "DAL", "--kind", "product")
    sale = gst_cli.ok("sell", "--line", "CUT", "--line", "RICE", "--line", "DAL", "--pay", "cash:1000")
    bill = gst_cli.ok("bill", "show", sale["number"])
    assert bill["gst"]["place_of_supply"] == "29" and bill["gst"]["buyer_gstin"] is None
    # 5 %: 5.00 on the rice + 10.05 on the dal (odd: 5.03 CGST, 5.02 SGST) = 15.05 -> 7.53 + 7.52
    assert bill["tax_split"] == [
        {"rate_bp": 500, "taxable": 301_00, "cgst": 7_53, "sgst": 7_52, "igst": 0, "tax": 15_05, "cess": 0},
        {"rate_bp": 1800, "taxable": 201_00, "cgst": 18_09, "sgst": 18_09, "igst": 0, "tax": 36_18, "cess": 0}]
    dal = next(ln for ln in bill["lines"] if ln["hsn"] == "0713")
    assert (dal["cgst"], dal["sgst"], dal["igst"]) == (5_03, 5_02, 0)
    assert sum(r["tax"] for r in bill["tax_split"]) == bill["tax"]


def test_an_unregistered_buyer_from_another_state_is_supplied_at_the_counter(gst_cli):
    tourist = gst_cli.ok("customer", "add", "--name", "Visitor", "--state", "27")
    sale = gst_cli.ok("sell", "--customer", tourist["id"], "--line", "RICE", "--pay", "cash:105")
    bill = gst_cli.ok("bill", "show", sale["number"])
    assert bill["gst"]["place_of_supply"] == "29" and bill["tax_split"][0]["igst"] == 0


def test_a_composition_store_charges_no_tax_and_heads_its_bills_bill_of_supply(gst_cli):
    gst_cli.ok("store", "set", "--gst", "composition")
    sale = gst_cli.ok("sell", "--line", "RICE*2", "--pay", "cash:200")
    assert sale["total"] == 200_00
    bill = gst_cli.ok("bill", "show", sale["number"])
    assert bill["tax"] == 0 and bill["gst"]["heading"] == "BILL OF SUPPLY"
    assert bill["tax_split"] == [{"rate_bp": 0, "taxable": 200_00, "cgst": 0, "sgst": 0, "igst": 0, "tax": 0,
                                  "cess": 0}]
    assert gst_cli("check").code == 0


def test_a_book_without_gst_set_up_sells_as_before(cli):
    cli.ok("item", "add", "--name", "Shampoo", "--price", "250", "--tax-rate", "18", "--sku", "SH")
    s = cli.ok("store", "show")
    assert (s["gst_registration"], s["state"], s["document_heading"]) == ("", "", "TAX INVOICE")
    bill = cli.ok("bill", "show", cli.ok("sell", "--line", "SH", "--pay", "cash:295")["number"])
    assert bill["total"] == 295_00 and bill["gst"]["place_of_supply"] is None
    assert bill["tax_split"] == [{"rate_bp": 1800, "taxable": 250_00, "cgst": 22_50, "sgst": 22_50, "igst": 0,
                                  "tax": 45_00, "cess": 0}]


def test_a_cashier_cannot_change_store_settings(gst_cli):
    from possuite.domain.clock import FixedClock
    from possuite.domain.errors import PermissionDenied
    from possuite.services.app import open_context
    from possuite.services.context import Actor
    from possuite.services.store_settings import update_settings

    ctx = open_context(gst_cli.db, clock=FixedClock(__import__("datetime").datetime(2026, 11, 1)),
                       actor=Actor("Ravi", "cashier"))
    with pytest.raises(PermissionDenied):
        update_settings(ctx, tax_id="")
    ctx.engine.dispose()


def test_report_gst_writes_the_sections_as_csv_or_json(gst_cli, tmp_path):
    acme = gst_cli.ok("customer", "add", "--name", "Acme Traders", "--gstin", BUYER_GSTIN)
    gst_cli.ok("sell", "--customer", acme["id"], "--line", "RICE*3", "--no-payment")
    gst_cli.ok("sell", "--line", "CUT", "--pay", "cash:300")
    out = tmp_path / "gstr1"
    out.mkdir()
    r = gst_cli.ok("report", "gst", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["b2b,sez,de.csv", "b2cs.csv", "cdnr.csv", "hsn(b2b).csv",
                                                    "hsn(b2c).csv"]
    assert r["totals"]["invoices"]["count"] == 2 and r["totals"]["net"]["igst"] == 15_00
    b2b = (out / "b2b,sez,de.csv").read_text(encoding="utf-8-sig").splitlines()
    assert b2b[1] == f"{BUYER_GSTIN},Acme Traders,SAL-26-0001,01-Nov-2026,315.00,27-Maharashtra,N,,Regular B2B,,5," \
                     "300.00,0.00"
    data = gst_cli.ok("report", "gst", "--from", "2026-11-01", "--to", "2026-11-30", "--json", str(tmp_path / "g.json"))
    saved = __import__("json").loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert saved["totals"] == data["totals"] and saved["b2cs"][0]["place_of_supply"] == "29"


def test_report_gst_refuses_a_missing_folder_and_a_bad_period(gst_cli, tmp_path):
    r = gst_cli("report", "gst", "--from", "2026-11-01", "--to", "2026-11-30", "--csv", str(tmp_path / "nope"))
    assert r.code == 2 and r.err.startswith("error: csv: ")
    r = gst_cli("report", "gst", "--from", "2026-11-30", "--to", "2026-11-01", "--json", str(tmp_path / "g.json"))
    assert r.code == 2 and r.err.startswith("error: to: ") and not (tmp_path / "g.json").exists()


def test_item_edit_changes_hsn_and_rate_for_new_bills_only_and_is_audited(gst_cli):
    from possuite.domain.clock import FixedClock
    from possuite.services.app import open_context
    from possuite.services.audit import list_entries
    from possuite.services.context import Actor

    before = gst_cli.ok("sell", "--line", "RICE", "--pay", "cash:105")
    edited = gst_cli.ok("item", "edit", "RICE", "--hsn", "1006.10", "--tax-rate", "18")
    assert (edited["hsn"], edited["tax_rate_bp"], edited["name"]) == ("100610", 1800, "Basmati Rice 1 kg")
    after = gst_cli.ok("sell", "--line", "RICE", "--pay", "cash:118")
    old, new = gst_cli.ok("bill", "show", before["number"]), gst_cli.ok("bill", "show", after["number"])
    assert (old["lines"][0]["hsn"], old["lines"][0]["tax_rate_bp"], old["total"]) == ("100630", 500, 105_00)
    assert (new["lines"][0]["hsn"], new["lines"][0]["tax_rate_bp"], new["total"]) == ("100610", 1800, 118_00)
    assert gst_cli.ok("item", "edit", "CUT", "--tax-rate", "5")["hsn"] == "999721"   # one field, the other stays
    assert gst_cli.ok("item", "edit", "CUT", "--hsn", "")["hsn"] == ""                # "" clears the code
    ctx = open_context(gst_cli.db, clock=FixedClock(__import__("datetime").datetime(2026, 11, 1)),
                       actor=Actor("Owner", "owner"))
    entry = next(e for e in list_entries(ctx) if e["action"] == "item edited" and e["target"] == "Basmati Rice 1 kg")
    assert '"hsn": {"from": "100630", "to": "100610"}' in entry["details"]
    assert '"tax_rate_bp": {"from": 500, "to": 1800}' in entry["details"]
    ctx.engine.dispose()


@pytest.mark.parametrize(("args", "field", "says"), [
    (["--hsn", "34012"], "hsn", "4, 6 or 8"),
    (["--hsn", "99872"], "hsn", "SAC"),
    (["--hsn", "12AB"], "hsn", "digits only"),
    (["--tax-rate", "abc"], "tax rate", ""),
    (["--tax-rate", "101"], "tax rate", ""),
    ([], "item", "nothing to change"),
])
def test_item_edit_with_bad_input_exits_2_naming_the_field_and_writes_nothing(gst_cli, args, field, says):
    before = gst_cli.dump()
    r = gst_cli("item", "edit", "RICE", *args)
    assert r.code == 2 and r.err.startswith(f"error: {field}: ") and says in r.err, r.err
    assert gst_cli.dump() == before
    r = gst_cli("item", "edit", "NOPE", "--hsn", "1006")
    assert r.code != 0 and r.err.startswith("error: item: ")


def test_item_add_and_edit_take_a_cess_and_a_sale_charges_it_in_tax_split_and_the_gst_csv(gst_cli, tmp_path):
    item = gst_cli.ok("item", "add", "--name", "Pan Masala 10 g", "--price", "12.35", "--tax-rate", "40",
                      "--cess", "60", "--hsn", "21069020", "--sku", "PAN", "--kind", "product")
    assert item["cess_rate_bp"] == 60_00
    assert gst_cli.ok("item", "edit", "RICE", "--cess", "1.5")["cess_rate_bp"] == 150
    assert gst_cli("item", "edit", "RICE", "--cess", "1.5").out.strip().endswith("cess 1.5%")
    sale = gst_cli.ok("sell", "--line", "PAN*3", "--line", "CUT", "--pay", "cash:400")
    bill = gst_cli.ok("bill", "show", sale["number"])
    # 3 × 12.35 = 37.05: CGST + SGST 20 % each = 7.41 + 7.41, cess 60 % = 22.23
    assert bill["tax_split"] == [
        {"rate_bp": 1800, "taxable": 201_00, "cgst": 18_09, "sgst": 18_09, "igst": 0, "tax": 36_18, "cess": 0},
        {"rate_bp": 4000, "taxable": 37_05, "cgst": 7_41, "sgst": 7_41, "igst": 0, "tax": 14_82, "cess": 22_23}]
    assert bill["total"] == 237_18 + 37_05 + 14_82 + 22_23 and bill["tax"] == 36_18 + 14_82 + 22_23
    assert [(ln["cess_rate_bp"], ln["cess"]) for ln in bill["lines"]] == [(60_00, 22_23), (0, 0)]
    out = tmp_path / "gstr1"
    out.mkdir()
    day = bill["posted_at"][:10]
    report = gst_cli.ok("report", "gst", "--from", day, "--to", day, "--csv", str(out))
    assert report["totals"]["net"]["cess"] == 22_23
    hsn = (out / "hsn(b2c).csv").read_text(encoding="utf-8-sig").splitlines()
    assert hsn[0].endswith(",Cess Amount") and any(r.startswith("21069020,") and r.endswith(",22.23") for r in hsn)
    assert "cess ₹22.23" in gst_cli("report", "gst", "--from", day, "--to", day, "--json",
                                    str(tmp_path / "g.json")).out
    assert gst_cli("check").code == 0


@pytest.mark.parametrize("cess,problem", [
    ("abc", "'abc' is not a percentage"),
    ("-1", "must not be negative"),
    ("1000.5", "'1000.5' is more than 1000%"),
    ("12.345", "'12.345' has more than 2 decimals"),
])
def test_a_bad_cess_exits_2_naming_the_field_and_writes_nothing(gst_cli, cess, problem):
    before = gst_cli.dump()
    for args in (("item", "add", "--name", "Gutka", "--price", "10", "--cess", cess),
                 ("item", "edit", "RICE", "--cess", cess)):
        r = gst_cli(*args)
        assert r.code == 2 and r.err.strip() == f"error: cess: {problem}", r.err
    assert gst_cli.dump() == before


def test_item_edit_changes_the_price_for_new_bills_audited(gst_cli):
    before = gst_cli.ok("sell", "--line", "CUT", "--pay", "cash:500")
    edited = gst_cli.ok("item", "edit", "CUT", "--price", "350.50")
    assert edited["price"] == 350_50 and edited["hsn"] == "999721"  # the price alone: the rest stays
    assert gst_cli("item", "edit", "CUT", "--price", "350.50").out.startswith("Haircut: price ₹350.50, HSN 999721")
    after = gst_cli.ok("sell", "--line", "CUT", "--pay", "cash:500")
    old, new = gst_cli.ok("bill", "show", before["number"]), gst_cli.ok("bill", "show", after["number"])
    assert (old["lines"][0]["unit_price"], new["lines"][0]["unit_price"]) == (201_00, 350_50)
    log = gst_cli.ok("audit")
    assert any(e["action"] == "item edited" and '"price": {"from": 20100, "to": 35050}' in e["details"] for e in log)
    for bad, says in (("-5", "must not be negative"), ("abc", "")):
        dump = gst_cli.dump()
        r = gst_cli("item", "edit", "CUT", "--price", bad)
        assert r.code == 2 and r.err.startswith("error: price: ") and says in r.err, r.err
        assert gst_cli.dump() == dump
