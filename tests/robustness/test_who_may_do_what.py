"""Who may do what: every owner-only service action × role, PIN lockout, PINs only as hashes.

The table below must name every service function that checks an owner-only action; a test
reads the services' source to prove nothing is missing, so a new owner-only action fails
here until it gets a row. For each row: a cashier is refused (PermissionDenied naming the
action, nothing written), a cashier with an owner's PIN is allowed and the audit log records
who authorised it, and the owner is allowed.
"""

from __future__ import annotations

import ast
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

import possuite.services as services_pkg
from possuite.domain.cart import Discount
from possuite.domain.errors import AuthenticationFailed, CreditLimitExceeded, PermissionDenied
from possuite.domain.ledger import Tender
from possuite.services import backup, permissions, printers
from possuite.services.app import open_context
from possuite.services.audit import list_entries
from possuite.services.catalog import add_item, edit_item, set_item_active
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.collections import adjust, void_bill
from possuite.services.context import CLI_ACTOR, Actor, Context
from possuite.services.customers import add_customer, deactivate_customer, edit_customer
from possuite.services.store_settings import update_settings
from possuite.services.users import add_user, authorise, login, set_language, set_pin
from testkit import line, sell

CASHIER = Actor("Cash", "cashier")
_n = iter(range(10**6))


def _phone() -> str:
    return f"98220{next(_n):05d}"


def _owing(owner: Context) -> str:
    c = add_customer(owner, f"Owes {next(_n)}", _phone())
    adjust(owner, c.id, 50000, "opening balance", kind="opening")
    return c.id


def _bill(owner: Context) -> str:
    return sell(owner, _owing(owner), 10000, no_payment=True).number


def _limited(owner: Context) -> str:
    return add_customer(owner, f"Limited {next(_n)}", _phone(), credit_limit="100").id


def _item(owner: Context) -> str:
    return add_item(owner, f"Item {next(_n)}", "100").name


def _printer(owner: Context) -> str:
    return printers.add_printer(owner, f"Printer {next(_n)}", "file", str(Path(owner.db_path).parent / "out.bin")).name


@dataclass(frozen=True)
class Row:
    function: str                                 # module.function that checks the action
    action: str                                   # the permissions constant's text
    prepare: Callable[[Context], object]          # run as the owner before each attempt
    act: Callable[[Context, object], object]
    audit: str | None                             # the audit action the attempt must leave, if any
    refusal: type[Exception] = PermissionDenied


def _importer():
    from possuite.services import importer

    return importer


def _demo():
    from possuite.services import demo

    return demo


def _shifts():
    from possuite.services import shifts

    return shifts


def _integrity():
    from possuite.services import integrity

    return integrity


def _duplicates():
    from possuite.services import duplicates

    return duplicates


def _two_of_one(owner: Context) -> tuple[str, str]:
    """Two active customers that are likely one person (same name, phones one digit apart)."""
    name, phone = f"Twin {next(_n)}", _phone()
    first = add_customer(owner, name, phone)
    adjust(owner, first.id, 30000, "opening balance", kind="opening")
    second = add_customer(owner, name, phone[:-1] + str((int(phone[-1]) + 1) % 10))
    return first.id, second.id


ROWS = [
    Row("checkout.complete_sale", permissions.COMPLIMENTARY, lambda o: add_customer(o, "Family", _phone()).id,
        lambda c, cid: complete_sale(c, SaleRequest([line(50000)], customer_id=cid, complimentary=True,
                                                    reason="owner's sister")), "complimentary"),
    # A bill over the limit is refused as "over the credit limit; an owner must authorise it".
    Row("checkout.complete_sale", permissions.CREDIT_OVERRIDE, _limited,
        lambda c, cid: complete_sale(c, SaleRequest([line(50000)], customer_id=cid, no_payment=True,
                                                    note="regular, pays Fridays")),
        "credit limit override", refusal=CreditLimitExceeded),
    # A cashier's bill discount over the store's limit (10% here) needs the owner's PIN.
    Row("checkout._check_discount", permissions.BIG_DISCOUNT,
        lambda o: update_settings(o, max_cashier_discount_bp=1000) and None,
        lambda c, _: complete_sale(c, SaleRequest([line(50000)], discount=Discount(percent_bp=2000),
                                                  tenders=[Tender("cash", 40000)])), "discount over limit"),
    Row("customers.add_customer", permissions.SET_CREDIT_LIMIT, lambda o: None,
        lambda c, _: add_customer(c, f"New {next(_n)}", _phone(), credit_limit="2000"), "credit limit changed"),
    Row("customers.edit_customer", permissions.SET_CREDIT_LIMIT, lambda o: add_customer(o, "Edit", _phone()).id,
        lambda c, cid: edit_customer(c, cid, credit_limit="3000"), "credit limit changed"),
    Row("customers.deactivate_customer", permissions.DEACTIVATE_OWING, _owing,
        lambda c, cid: deactivate_customer(c, cid, "moved away"), "customer deactivated"),
    Row("collections.adjust", permissions.ADJUST, _owing,
        lambda c, cid: adjust(c, cid, -10000, "goodwill"), "adjustment"),
    Row("collections.void_bill", permissions.VOID, _bill,
        lambda c, number: void_bill(c, number, "rang up twice"), "void"),
    Row("store_settings.update_settings", permissions.SETTINGS, lambda o: None,
        lambda c, _: update_settings(c, credit_days=15), "settings changed"),
    Row("users.add_user", permissions.USERS, lambda o: f"User{next(_n)}",
        lambda c, name: add_user(c, name, "cashier", "4321"), "user added"),
    Row("users.set_pin", permissions.USERS, lambda o: add_user(o, f"User{next(_n)}", "cashier", "4321").name,
        lambda c, name: set_pin(c, name, "8765"), "pin changed"),
    Row("users.set_language", permissions.USERS,   # another user's screen language (one's own needs no right)
        lambda o: add_user(o, f"User{next(_n)}", "cashier", "4321").name,
        lambda c, name: set_language(c, name, "hi"), "language changed"),
    Row("catalog.add_item", permissions.SETTINGS, lambda o: f"Service {next(_n)}",
        lambda c, name: add_item(c, name, "250"), "item added"),
    Row("catalog.edit_item", permissions.SETTINGS, _item,
        lambda c, name: edit_item(c, name, hsn="998711", tax_rate="18"), "item edited"),
    Row("catalog.set_item_active", permissions.SETTINGS, _item,
        lambda c, name: set_item_active(c, name, False), "item deactivated"),
    Row("printers.add_printer", permissions.SETTINGS, lambda o: f"Printer {next(_n)}",
        lambda c, name: printers.add_printer(c, name, "file", str(Path(c.db_path).parent / "p.bin")),
        "printer added"),
    Row("printers.set_default", permissions.SETTINGS, _printer,
        lambda c, name: printers.set_default(c, name), "default printer"),
    Row("printers.remove_printer", permissions.SETTINGS, _printer,
        lambda c, name: printers.remove_printer(c, name), "printer removed"),
    Row("audit.list_entries", permissions.AUDIT, lambda o: None, lambda c, _: list_entries(c), None),
    Row("backup.create_backup", permissions.BACKUP, lambda o: None, lambda c, _: backup.create_backup(c), "backup"),
    Row("backup.restore_backup", permissions.BACKUP, lambda o: backup.backup_now(o.db_path, clock=o.clock).path,
        lambda c, path: backup.restore_backup(c, path), "restore"),
    Row("importer.import_customers", permissions.IMPORT, lambda o: f"Imported {next(_n)}",
        lambda c, name: _importer().import_customers(c, f"name,phone\n{name},{_phone()}\n".encode()),
        "import customers"),
    Row("importer.import_items", permissions.IMPORT, lambda o: f"Imported item {next(_n)}",
        lambda c, name: _importer().import_items(c, f"name,price\n{name},120\n".encode()), "import items"),
    Row("demo.create_demo", permissions.DEMO, lambda o: None,
        lambda c, _: _demo().create_demo(c, 2, 3, days=7, seed=1), "demo data created"),
    Row("demo.plan_demo_cleanup", permissions.DEMO, lambda o: None,
        lambda c, _: _demo().plan_demo_cleanup(c), None),
    Row("integrity.rebuild_projection", permissions.REBUILD, _owing,
        lambda c, _: _integrity().rebuild_projection(c), "ledger rebuilt"),
    # A cashier may close their own shift only; the owner's shift needs the owner (or the owner's PIN).
    Row("shifts._check_own", permissions.ANY_SHIFT, lambda o: _shifts().open_shift(o, 100000).number,
        lambda c, _: _shifts().close_shift(c, counted=100000), "shift closed"),
    Row("duplicates.likely_duplicates", permissions.MERGE_CUSTOMERS, lambda o: None,
        lambda c, _: _duplicates().likely_duplicates(c), None),
    Row("duplicates.merge_customers", permissions.MERGE_CUSTOMERS, _two_of_one,
        lambda c, pair: _duplicates().merge_customers(c, pair[1], pair[0], "one person, two cards"),
        "customers merged"),
    Row("demo.cleanup_demo", permissions.DEMO, lambda o: _demo().create_demo(o, 2, 3, days=7, seed=2),
        lambda c, _: _demo().cleanup_demo(c), "demo data removed"),
]


def owner_only_checks_in_services() -> set[tuple[str, str]]:
    """(module.function, action) for every ``require``/``allowed`` of an owner-only action in services/."""
    names = {name: value for name, value in vars(permissions).items()
             if isinstance(value, str) and value in permissions.OWNER_ONLY_ACTIONS}
    found = set()
    for path in Path(services_pkg.__file__).parent.glob("*.py"):
        if path.name == "permissions.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            for call in ast.walk(fn):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                        and call.func.id in ("require", "allowed") and len(call.args) >= 2
                        and isinstance(call.args[1], ast.Name) and call.args[1].id in names):
                    found.add((f"{path.stem}.{fn.name}", names[call.args[1].id]))
    return found


def test_the_table_covers_every_owner_only_check_in_the_services():
    in_table = {(r.function, r.action) for r in ROWS}
    missing = owner_only_checks_in_services() - in_table
    assert missing == set(), f"add rows to ROWS for: {sorted(missing)}"


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [s for s in con.iterdump() if "sqlite_sequence" not in s]
    finally:
        con.close()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.function}:{r.action}" for r in ROWS])
def test_cashier_is_refused_owner_pin_allows_and_is_recorded_owner_allowed(ctx, db_path, row):
    cashier = ctx.as_actor(CASHIER)

    target = row.prepare(ctx)
    before = _dump(db_path)
    with pytest.raises(row.refusal) as refused:
        row.act(cashier, target)
    if row.refusal is PermissionDenied:
        assert refused.value.action == row.action
        assert row.action in refused.value.message
    else:
        assert "owner must authorise" in refused.value.message
    assert _dump(db_path) == before, "a refused action wrote something"

    approved = authorise(cashier, "1234")
    row.act(approved, target if row.function != "backup.restore_backup" else row.prepare(ctx))
    if row.audit:
        entries = [e for e in list_entries(ctx) if e["action"] == row.audit]
        assert entries, f"no audit entry {row.audit!r}"
        assert (entries[0]["user_name"], entries[0]["authorised_by"]) == ("Cash", "Owner")

    row.act(ctx, row.prepare(ctx))  # the owner needs no PIN
    if row.audit:
        newest = next(e for e in list_entries(ctx) if e["action"] == row.audit)
        assert (newest["user_name"], newest["authorised_by"]) == (ctx.actor.name, None)


def test_a_wrong_owner_pin_authorises_nothing(ctx):
    cashier = ctx.as_actor(CASHIER)
    with pytest.raises(AuthenticationFailed, match="wrong PIN"):
        authorise(cashier, "9999")
    cid = _owing(ctx)
    with pytest.raises(PermissionDenied):
        adjust(cashier, cid, -100, "goodwill")


# -- PINs --------------------------------------------------------------------------------------

def test_five_wrong_pins_lock_for_a_growing_time_and_the_lock_survives_a_restart(ctx, db_path, clock):
    add_user(ctx, "Cash", "cashier", "480715")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="tries left"):
            login(ctx, "Cash", "000000")
    with pytest.raises(AuthenticationFailed, match="locked"):
        login(ctx, "Cash", "000000")
    with pytest.raises(AuthenticationFailed, match="locked"):
        login(ctx, "Cash", "480715")  # even the right PIN waits out the lock

    ctx.engine.dispose()  # the till restarts
    reopened = open_context(db_path, clock=clock, actor=CLI_ACTOR)
    try:
        with pytest.raises(AuthenticationFailed, match="locked"):
            login(reopened, "Cash", "480715")
        clock.set(clock.now() + timedelta(minutes=1, seconds=1))
        for _ in range(5):  # the first lock is over: five more wrong PINs lock again, for longer
            with pytest.raises(AuthenticationFailed):
                login(reopened, "Cash", "111111")
        clock.set(clock.now() + timedelta(minutes=1, seconds=30))
        with pytest.raises(AuthenticationFailed, match="locked"):
            login(reopened, "Cash", "480715")  # a second lock lasts longer than the first
        clock.set(clock.now() + timedelta(minutes=1))
        assert login(reopened, "Cash", "480715").name == "Cash"
    finally:
        reopened.engine.dispose()


def test_pins_are_stored_only_as_salted_scrypt_hashes(ctx, db_path):
    add_user(ctx, "Cash", "cashier", "480715")
    add_user(ctx, "Mira", "cashier", "480715")
    ctx.engine.dispose()
    con = sqlite3.connect(db_path)
    try:
        hashes = dict(con.execute("SELECT name, pin_hash FROM users"))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    assert all(h.startswith("scrypt$") for h in hashes.values())
    assert hashes["Cash"] != hashes["Mira"]  # salted: the same PIN never looks the same
    raw = db_path.read_bytes()
    assert b"480715" not in raw and "480715".encode("utf-16-le") not in raw
