"""Per-till document series: a registered till numbers SAL-A-26-0001; a single-till book as before."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text

from possuite.db import models as m
from possuite.db.engine import open_database
from possuite.domain.errors import ValidationError
from possuite.services.collections import adjust, collect_dues
from possuite.services.customers import add_customer
from possuite.services.integrity import run_checks
from possuite.services.store_settings import update_settings
from possuite.services.users import init_store
from testkit import sell


def register(ctx, code: str = "A") -> None:
    """What ``till register`` leaves in the book (the hub part is tested in tests/hub)."""
    with ctx.write() as conn:
        conn.execute(insert(m.SyncTill.__table__).values(
            id="01TILL" + code, business_id="01BIZ", business_name="Glow Group", store_id=ctx.store_id,
            code=code, name=f"Till {code}", hub_url="postgresql://hub/glow", registered_at=ctx.clock.now(),
            pull_cursor=0, last_error="", applying=False))


def trade(ctx, tag: str) -> tuple[str, str, str]:
    """One pending sale, a collection and an adjustment: their numbers."""
    c = add_customer(ctx, f"{tag} Customer", None)
    bill = sell(ctx, c.id, 50000, pay=[("cash", 10000)], pending=True)
    receipt = collect_dues(ctx, c.id, 5000, "cash")
    adj = adjust(ctx, c.id, -1000, "goodwill")
    return bill.number, receipt.number, adj.number


def numbering(ctx) -> list[str]:
    return [f"{f.subject}: {f.message}" for f in run_checks(ctx) if f.check == "numbering"]


def test_a_single_till_book_keeps_its_numbers(ctx):
    assert trade(ctx, "one") == ("SAL-26-0001", "RCP-26-0001", "ADJ-26-0001")
    assert trade(ctx, "two") == ("SAL-26-0002", "RCP-26-0002", "ADJ-26-0002")


def test_a_registered_till_numbers_every_series_with_its_code_and_stays_sound(ctx):
    before = [trade(ctx, f"pre {i}") for i in range(3)]
    assert before[-1] == ("SAL-26-0003", "RCP-26-0003", "ADJ-26-0003")
    register(ctx, "A")  # the same context: the next number is the till's at once
    assert trade(ctx, "one") == ("SAL-A-26-0001", "RCP-A-26-0001", "ADJ-A-26-0001")
    assert trade(ctx, "two") == ("SAL-A-26-0002", "RCP-A-26-0002", "ADJ-A-26-0002")
    assert run_checks(ctx) == []


def as_till(ctx, code: str) -> None:
    with ctx.write() as conn:
        conn.execute(text("UPDATE sync_till SET code = :c"), {"c": code})


def test_another_tills_documents_pulled_in_are_a_series_of_their_own(ctx):
    """Till A's book holds its single-till numbers, its own series and till B's (as the pull brings them)."""
    pre = trade(ctx, "pre")
    register(ctx, "A")
    as_till(ctx, "B")  # documents numbered as till B numbers them, in this book as after a pull
    theirs = [trade(ctx, f"b {i}") for i in range(2)]
    as_till(ctx, "A")
    mine = trade(ctx, "a")
    assert pre == ("SAL-26-0001", "RCP-26-0001", "ADJ-26-0001") and mine[0] == "SAL-A-26-0001"
    assert theirs[-1] == ("SAL-B-26-0002", "RCP-B-26-0002", "ADJ-B-26-0002")
    assert numbering(ctx) == []
    as_till(ctx, "B")  # a gap in till B's invoices, as when one of them never arrived
    with ctx.write() as conn:
        conn.execute(text("UPDATE sequences SET last_value = last_value + 1 WHERE series = 'SAL-B'"))
    trade(ctx, "b late")
    as_till(ctx, "A")
    assert numbering(ctx) == ["invoices SAL-B 2026: numbers run 1..4 over 3 documents: there are gaps"]


@pytest.mark.parametrize("series", ["SAL", "RCP", "ADJ", "SAL-A", "RCP-A", "ADJ-A"])
def test_a_gap_in_either_series_is_found(ctx, series):
    trade(ctx, "pre 1")
    if "-" not in series:
        with ctx.write() as conn:
            conn.execute(text("UPDATE sequences SET last_value = last_value + 1 WHERE series = :k"), {"k": series})
    trade(ctx, "pre 2")
    register(ctx, "A")
    trade(ctx, "one")
    if "-" in series:
        with ctx.write() as conn:
            conn.execute(text("UPDATE sequences SET last_value = last_value + 1 WHERE series = :k"), {"k": series})
    trade(ctx, "two")
    label = {"SAL": "invoices", "RCP": "receipts", "ADJ": "adjustments"}[series[:3]]
    target = f"{label} of till A 2026" if "-" in series else f"{label} 2026"
    assert numbering(ctx) == [f"{target}: numbers run 1..3 over 2 documents: there are gaps"]


def test_a_till_code_that_makes_numbers_longer_than_16_characters_is_refused(ctx):
    from possuite.hub.register import register_till  # noqa: PLC0415 (only for this test)

    update_settings(ctx, invoice_prefix="GLOWSA")  # GLOWSA-26-0001: 14 characters, fine alone
    with pytest.raises(ValidationError) as err:  # GLOWSA-AB-26-0001: 17
        register_till(ctx, "postgresql://nobody@127.0.0.1:1/none", "Glow Salon", "AB", None, ctx.db_path.parent)
    assert err.value.field == "code" and "17 characters" in str(err.value) and "16" in str(err.value)
    with ctx.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_till")).scalar() == 0


def test_an_invoice_prefix_too_long_for_16_characters_is_refused(ctx, tmp_path, clock):
    with pytest.raises(ValidationError) as err:  # SALONGLOW-26-0001: 17 characters
        init_store(open_database(tmp_path / "other.sqlite3"), clock, store="Other", invoice_prefix="SALONGLOW")
    assert err.value.field == "invoice prefix" and "17 characters" in str(err.value)
    update_settings(ctx, invoice_prefix="SALONGLO")  # 16: the limit itself is fine
    register(ctx, "A")
    with pytest.raises(ValidationError) as err:  # SALONGLO-A-26-0001 would be 18
        update_settings(ctx, invoice_prefix="SALONGL")
    assert err.value.field == "invoice prefix"
    update_settings(ctx, invoice_prefix="SALON")  # SALON-A-26-0001: 15
    c = add_customer(ctx, "Asha", None)
    assert sell(ctx, c.id, 1000, pay=[("cash", 1000)]).number == "SALON-A-26-0001"
