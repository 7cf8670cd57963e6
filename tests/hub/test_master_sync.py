"""A master's change reaches the hub and the other tills whatever column it touched (book 0018).

Before 0018 the book's outbox trigger of a master (0003) queued an update only when one of the columns
of 0003's day changed, so a store's GST registration, state or return days, or a customer's merge,
changed at one registered till stayed there (docs/architecture.md §7).
"""

from __future__ import annotations

import pytest
from hubkit import pg, two_tills, waiting
from sqlalchemy import select, text

from possuite.db import models as m
from possuite.hub.sync import sync
from possuite.services.customers import add_customer, edit_customer, lookup
from possuite.services.store_settings import show_store, update_settings

pytestmark = pytest.mark.hub

STORE_GSTIN = "29ABCDE1234F1ZW"     # Karnataka
BUYER_GSTIN = "27AAACR5055K1Z7"     # Maharashtra


def queued(ctx) -> set[str]:
    """The master tables the till's outbox holds rows of."""
    with ctx.read() as conn:
        return set(conn.execute(text("SELECT DISTINCT tbl FROM sync_outbox WHERE tbl IN "
                                     "('stores', 'users', 'customers', 'items')")).scalars())


def _both(a, b, config_dir):
    sync(a, config_dir)
    sync(b, config_dir)
    sync(a, config_dir)


def test_store_settings_and_a_customers_gst_changed_at_one_till_reach_the_hub_and_the_other_till(
        pg_server, hub_db, tmp_path, config_dir):
    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    update_settings(a, tax_id=STORE_GSTIN)
    acme = add_customer(a, "Acme Traders", "9876500001")
    _both(a, b, config_dir)
    assert show_store(b).tax_id == STORE_GSTIN
    assert show_store(b).gst_registration == "regular"

    # At till A only, each a change of a column 0003's trigger did not watch.
    update_settings(a, gst_registration="composition")
    update_settings(a, return_days=3)
    update_settings(a, receipt_language="hi")   # this till's own receipts (spec.LOCAL_COLUMNS): stays at A
    with a.engine.begin() as conn:   # the two columns alone: the trigger, not the service, decides what is queued
        conn.execute(m.Customer.__table__.update().where(m.Customer.id == acme.id).values(
            gstin=BUYER_GSTIN, state="27"))
    assert queued(a) == {"stores", "customers"}
    _both(a, b, config_dir)

    store_b = show_store(b)
    assert (store_b.gst_registration, store_b.tax_id, store_b.state) == ("composition", STORE_GSTIN, "29")
    with b.engine.connect() as conn:
        assert conn.execute(select(m.Store.return_days, m.Store.receipt_language)).one() == (3, "en")
        assert conn.execute(select(m.Customer.gstin, m.Customer.state).where(
            m.Customer.id == acme.id)).one() == (BUYER_GSTIN, "27")
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT gst_registration, state, return_days FROM stores")).all() == [
            ("composition", "29", 3)]
        assert conn.execute(text("SELECT gstin, state FROM customers WHERE id = :id"), {"id": acme.id}).all() == [
            (BUYER_GSTIN, "27")]
    engine.dispose()

    # The pulled change does not bounce back (sync_till.applying): B queued nothing, A's queue is empty.
    assert waiting(b) == 0 and waiting(a) == 0

    # And the other way: a customer's GST edited through the service at B reaches A.
    edit_customer(b, acme.id, gstin="", state="29")
    _both(b, a, config_dir)
    with a.engine.connect() as conn:
        assert conn.execute(select(m.Customer.gstin, m.Customer.state).where(
            m.Customer.id == acme.id)).one() == ("", "29")


def test_a_customers_phone_as_shown_is_the_tills_own_and_each_till_derives_it_from_the_pulled_phone(
        pg_server, hub_db, tmp_path, config_dir):
    """Book 0024: ``phone_display`` is not on the hub (spec.LOCAL_COLUMNS) and its change queues nothing; a pull
    writes it from the pulled phone, for a new customer and for a changed phone."""
    hub, a, b = two_tills(pg_server, hub_db, tmp_path, config_dir)
    asha = add_customer(a, "Asha Rao", "98220 12345")
    _both(a, b, config_dir)

    def shown(ctx):
        with ctx.engine.connect() as conn:
            return conn.execute(select(m.Customer.phone_display).where(m.Customer.id == asha.id)).scalar_one()

    assert shown(b) == "+91 98220 12345"
    assert lookup(b, "Asha")[0].phone_display == "+91 98220 12345"
    with a.engine.begin() as conn:   # the till's own column alone: nothing for the hub
        conn.execute(m.Customer.__table__.update().where(m.Customer.id == asha.id).values(phone_display=None))
    assert waiting(a) == 0
    with a.engine.begin() as conn:
        conn.execute(m.Customer.__table__.update().where(m.Customer.id == asha.id).values(
            phone_display="+91 98220 12345"))

    edit_customer(a, asha.id, phone="+44 20 7946 0958")
    _both(a, b, config_dir)
    assert shown(a) == shown(b) == "+44 20 7946 0958"
    assert lookup(b, "Asha")[0].phone_display == "+44 20 7946 0958"
    engine = pg(hub["admin"])
    with engine.connect() as conn:
        assert "phone_display" not in {r[0] for r in conn.execute(text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name = 'customers'"))}
    engine.dispose()
