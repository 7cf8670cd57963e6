"""CSV imports: every row validated first, each bad row named by line, all or nothing."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from possuite.domain.errors import PermissionDenied, ValidationError
from possuite.services import customers
from possuite.services.catalog import find_item
from possuite.services.context import Actor
from possuite.services.importer import ImportFailed, import_customers, import_items, phone_key
from possuite.services.integrity import run_checks
from possuite.services.phones import try_normalise
from possuite.services.statement import customer_statement

GOOD = (
    "name,phone,credit_limit,notes,opening_balance\n"
    "Asha Rao,98765 43210,5000,,1200.50\n"
    "\"Iyer, Chitra\",+91 98765 43212,,\"line one\nline two\",\n"
    "Dev,,,,0\n"
)


def count(ctx, table: str) -> int:
    with ctx.read() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_customers_import_with_opening_balances_through_the_ledger(ctx):
    r = import_customers(ctx, GOOD.encode())
    assert (r.rows, r.openings, r.opening_total, r.imported) == (3, 1, 120050, True)
    asha = customers.get_customer(ctx, "9876543210")
    assert (asha.balance, asha.credit_limit) == (120050, 500000)
    chitra = customers.get_customer(ctx, "+919876543212")
    assert chitra.name == "Iyer, Chitra" and chitra.notes == "line one\nline two"
    st = customer_statement(ctx, asha.id)
    assert [(ln.document, ln.description, ln.debit) for ln in st.lines] == [
        ("ADJ-26-0001", "Opening balance: opening balance (import)", 120050)]
    assert run_checks(ctx) == []
    assert [c.name for c in customers.lookup(ctx, "chit")] == ["Iyer, Chitra"]   # searchable at once
    assert [c.name for c in customers.lookup(ctx, "43210")] == ["Asha Rao"]


def test_opening_balances_continue_the_adjustment_numbers(ctx):
    from possuite.services.collections import adjust

    adjust(ctx, customers.add_customer(ctx, "Old", "9876500009").id, 100, "before", kind="opening")
    import_customers(ctx, b"name,opening_balance\nA,1\nB,2\n")
    with ctx.read() as conn:
        assert conn.execute(text("SELECT number FROM adjustments ORDER BY seq")).scalars().all() == [
            "ADJ-26-0001", "ADJ-26-0002", "ADJ-26-0003"]
    assert run_checks(ctx) == []


def test_every_bad_row_is_named_and_nothing_is_imported(ctx):
    customers.add_customer(ctx, "Existing", "9876500000")
    data = (
        "Name,Phone,Opening Balance\n"        # header case and spaces do not matter
        "Good One,9876543210,100\n"
        ",9876543211,\n"                     # line 3: no name
        "Bad Phone,12345,\n"                 # line 4
        "\"Multi\nLine\",9876543213,-5\n"    # lines 5-6: a name on two lines, negative opening
        "Dup,98765 43210,\n"                 # line 7: same phone as line 2
        "Taken,+91 98765 00000,\n"           # line 8: phone of an existing customer
        "Amount,9876543219,abc\n"            # line 9
    )
    with pytest.raises(ImportFailed) as err:
        import_customers(ctx, data.encode())
    got = [(p.line, p.field) for p in err.value.problems]
    assert got == [(3, "name"), (4, "phone"), (5, "name"), (5, "opening_balance"), (7, "phone"), (8, "phone"),
                   (9, "opening_balance")]
    why = {(p.line, p.field): p.why for p in err.value.problems}
    assert why[(7, "phone")] == "98765 43210 is also on line 2"
    assert why[(8, "phone")] == "+91 98765 00000 already belongs to Existing"
    assert "6 bad row(s) of 7; nothing was imported" in err.value.message
    assert count(ctx, "customers") == 1 and count(ctx, "ledger_entries") == 0


@pytest.mark.parametrize("header, message", [
    ("phone,notes", "missing column(s) name"),
    ("name,mobile,email", "unknown column(s) 'mobile', 'email'"),
    ("name,name", "repeated column(s) name"),
])
def test_wrong_headers_are_named(ctx, header, message):
    with pytest.raises(ValidationError, match="header") as err:
        import_customers(ctx, f"{header}\nx,y,z\n".encode())
    assert message in err.value.message and "expected: name, phone" in err.value.message


def test_an_empty_file_is_refused(ctx):
    with pytest.raises(ValidationError, match="empty"):
        import_customers(ctx, b"")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_encodings(ctx, encoding):
    name = "José Müller" if encoding == "latin-1" else "राहुल शर्मा"
    r = import_customers(ctx, f"name,phone\n{name},9876543210\n".encode(encoding))
    assert r.encoding == {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(encoding, encoding)
    assert customers.get_customer(ctx, "9876543210").name == name


def test_windows_line_endings_and_quoted_newlines_keep_line_numbers(ctx):
    data = b"name,notes,phone\r\nA,\"two\r\nlines\",9876543210\r\nC,,bad\r\n"
    with pytest.raises(ImportFailed) as err:
        import_customers(ctx, data)
    assert [(p.line, p.field) for p in err.value.problems] == [(4, "phone")]
    import_customers(ctx, data.replace(b"bad", b"9876543211"))
    assert customers.get_customer(ctx, "9876543210").notes == "two\nlines"


def test_a_row_with_too_many_values_is_named(ctx):
    with pytest.raises(ImportFailed) as err:
        import_customers(ctx, b"name,phone\nA,9876543210,extra\n")
    assert str(err.value.problems[0]) == "line 2: row: has 3 values but the header names 2 columns"


def test_dry_run_checks_without_writing(ctx):
    r = import_customers(ctx, GOOD.encode(), dry_run=True)
    assert (r.rows, r.imported) == (3, False) and count(ctx, "customers") == 0


def test_imports_are_for_the_owner(ctx):
    cashier = ctx.as_actor(Actor("Meena", "cashier"))
    with pytest.raises(PermissionDenied):
        import_customers(cashier, GOOD.encode())
    with pytest.raises(PermissionDenied):
        import_items(cashier, b"name,price\nX,1\n")


def test_items_import(ctx, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text("name,price,sku,barcode,tax_rate,tax_inclusive,kind\n"
                    "Haircut,250,HC1,,18,no,service\n"
                    "Shampoo 200 ml,\"1,349.00\",SH1,8901030000011,18%,yes,Product\n"
                    "Comb,60,,,,,\n", encoding="utf-8")
    r = import_items(ctx, path)
    assert r.rows == 3
    sh = find_item(ctx, "8901030000011")
    assert (sh.price, sh.tax_rate_bp, sh.tax_inclusive, sh.kind) == (134900, 1800, True, "product")
    comb = find_item(ctx, "Comb")
    assert (comb.tax_rate_bp, comb.tax_inclusive, comb.kind) == (0, False, "service")
    assert (comb.unit, comb.pack_size) == ("piece", 1)


def test_items_import_with_units_and_pack_sizes(ctx):
    data = ("name,price,sku,unit,pack_size\n"
            "Loose Rice,64,RICE,kg,\n"
            "Paracetamol 500,20,PCM,strip,10\n"
            "Tablets without a pack,20,X1,strip,\n"
            "Rice with a pack,20,X2,kg,10\n"
            "Dozen eggs,60,X3,dozen,\n")
    with pytest.raises(ImportFailed) as err:
        import_items(ctx, data.encode())
    assert [(p.line, p.field) for p in err.value.problems] == [(4, "pack_size"), (5, "pack_size"), (6, "unit")]
    import_items(ctx, "\n".join(data.splitlines()[:3]).encode())
    assert (find_item(ctx, "RICE").unit, find_item(ctx, "PCM").unit, find_item(ctx, "PCM").pack_size) == (
        "kg", "strip", 10)


def test_items_import_takes_a_cess_column(ctx):
    data = ("name,price,sku,tax_rate,cess\n"
            "Pan Masala 10 g,12.35,PAN,40,60\n"
            "Haircut,201,CUT,18,\n"
            "Gutka,5,GUT,40,sixty\n")
    with pytest.raises(ImportFailed) as err:
        import_items(ctx, data.encode())
    assert [(p.line, p.field) for p in err.value.problems] == [(4, "cess")]
    import_items(ctx, "\n".join(data.splitlines()[:3]).encode())
    assert (find_item(ctx, "PAN").cess_rate_bp, find_item(ctx, "CUT").cess_rate_bp) == (6000, 0)


def test_bad_items_are_named(ctx):
    from possuite.services.catalog import add_item

    add_item(ctx, "Old", 100, sku="OLD1")
    data = ("name,price,sku,tax_rate,tax_inclusive,kind\n"
            "A,abc,S1,18,no,service\n"
            "B,10,S1,150,maybe,thing\n"
            "C,10,OLD1,,,\n"
            "D,10,has space,,,\n")
    with pytest.raises(ImportFailed) as err:
        import_items(ctx, data.encode())
    assert [(p.line, p.field) for p in err.value.problems] == [
        (2, "price"), (3, "tax_rate"), (3, "tax_inclusive"), (3, "kind"), (4, "sku"), (5, "sku")]
    assert count(ctx, "items") == 1


def test_a_missing_file_is_named(ctx, tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        import_items(ctx, tmp_path / "nope.csv")


def test_fast_phone_check_agrees_with_the_full_one():
    rng = random.Random(5)
    for _ in range(3000):
        digits = rng.choice("6789") + "".join(rng.choice("0123456789") for _ in range(9))
        for typed in (digits, f"+91 {digits[:5]} {digits[5:]}", f"{digits[:5]}-{digits[5:]}"):
            full = try_normalise(typed, "IN")
            try:
                fast = phone_key(typed, "IN")
            except ValidationError:
                fast = None
            assert fast == ((full.e164, full.digits) if full else None), typed


def test_a_hundred_thousand_rows_with_one_bad_row_import_nothing(ctx):
    rows = ["name,phone,opening_balance"] + [f"Customer {i},98{i:08d},{i % 500}" for i in range(100_000)]
    rows[50_001] = "Broken,98,12"
    with pytest.raises(ImportFailed) as err:
        import_customers(ctx, ("\n".join(rows) + "\n").encode())
    assert [str(p) for p in err.value.problems] == ["line 50002: phone: '98' is not a valid phone number for IN"]
    assert count(ctx, "customers") == 0 and count(ctx, "ledger_entries") == 0
