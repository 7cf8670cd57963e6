"""The held-carts service behind Hold/Recall: carts survive a restart, are recalled once, listed in one query."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from possuite.domain.cart import CartLine, Discount, compute_totals
from possuite.domain.errors import NotFound, ValidationError
from possuite.services import customers, held_carts
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR


def test_a_held_cart_comes_back_exactly_once(ctx, db_path, clock):
    priya = customers.add_customer(ctx, "Priya Sharma", "98765 43210")
    lines = [CartLine("Haircut", 2000, 300_00, line_discount=50_00, item_id=None),
             CartLine("Tonic", 1000, 99_99, tax_rate_bp=1800, kind="product")]
    held = held_carts.hold_cart(ctx, lines, customer_id=priya.id, discount=Discount(amount=10_00))
    assert held.label == "Priya Sharma"
    assert held.total == compute_totals(lines, Discount(amount=10_00)).total

    # another process (the till restarted) sees it
    other = open_context(db_path, clock=clock, actor=CLI_ACTOR)
    [listed] = held_carts.list_held(other)
    assert listed.customer_name == "Priya Sharma" and listed.lines == lines
    assert listed.discount == Discount(amount=10_00) and listed.item_count == 3

    back = held_carts.recall_cart(other, held.id)
    assert back.lines == lines and back.customer_id == priya.id
    assert held_carts.list_held(ctx) == []
    with pytest.raises(NotFound):
        held_carts.recall_cart(ctx, held.id)


def test_walk_in_cart_is_labelled_by_time_and_can_be_discarded(ctx):
    held = held_carts.hold_cart(ctx, [CartLine("Haircut", 1000, 300_00)])
    assert held.label == "Cart 10:00" and held.customer_name is None
    held_carts.discard_cart(ctx, held.id)
    assert held_carts.list_held(ctx) == []
    with pytest.raises(NotFound):
        held_carts.discard_cart(ctx, held.id)


def test_an_empty_or_impossible_cart_is_not_held(ctx):
    with pytest.raises(ValidationError, match="cart: is empty"):
        held_carts.hold_cart(ctx, [])
    with pytest.raises(ValidationError, match="discount"):
        held_carts.hold_cart(ctx, [CartLine("Haircut", 1000, 300_00)], discount=Discount(amount=400_00))
    assert held_carts.list_held(ctx) == []


def test_listing_held_carts_is_one_query(ctx):
    for i in range(5):
        c = customers.add_customer(ctx, f"Customer {i}", f"98765 4321{i}")
        held_carts.hold_cart(ctx, [CartLine("Haircut", 1000, 300_00)], customer_id=c.id)
    statements = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(ctx.engine, "before_cursor_execute", listener)
    try:
        carts = held_carts.list_held(ctx)
    finally:
        event.remove(ctx.engine, "before_cursor_execute", listener)
    assert [c.customer_name for c in carts] == [f"Customer {i}" for i in range(5)]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_a_cart_held_before_quantities_were_thousandths_comes_back_in_whole_pieces(ctx):
    """A cart parked by the version before book 0010 (format 1: qty in pieces) is read as pieces."""
    held = held_carts.hold_cart(ctx, [CartLine("Haircut", 2000, 300_00), CartLine("Rice", 1250, 80_00, unit="kg")])
    assert held.item_count == 3   # two pieces, one weighed line
    with ctx.write() as conn:
        conn.exec_driver_sql(
            "UPDATE held_carts SET data = json_set(json_remove(data, '$.lines[1]', '$.lines[0].unit', "
            "'$.lines[0].pack_size'), '$.format', 1, '$.lines[0].qty', 2)")
    [old] = held_carts.list_held(ctx)
    assert [(ln.description, ln.qty, ln.unit) for ln in old.lines] == [("Haircut", 2000, "piece")]
    assert old.total == 600_00
