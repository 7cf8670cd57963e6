"""The book's master outbox triggers watch every column the hub holds (book 0018, docs/architecture.md §7).

A migration that adds a column to a master table (stores, users, customers, items) and does not re-create
the trigger (``db/sync_triggers.py::recreate_master_update_triggers``) leaves changes of that column at a
registered till unsent: this test fails for it.
"""

from __future__ import annotations

import pytest

from possuite.db.engine import open_database
from possuite.db.sync_triggers import table_columns, trigger_columns
from possuite.hub import spec


@pytest.fixture
def book(tmp_path):
    engine = open_database(tmp_path / "book.sqlite3")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("table", sorted(spec.MASTERS))
def test_a_masters_update_trigger_watches_every_column_but_the_tills_own(book, table):
    with book.connect() as conn:
        columns = set(table_columns(conn, table))
        watched = trigger_columns(conn, table)
    local = spec.LOCAL_COLUMNS.get(table, frozenset())
    assert watched == columns - local, (
        f"sync_{table}_au misses {sorted(columns - local - watched)} (re-create it in the migration that added "
        f"them: db/sync_triggers.py) or watches a till-local column {sorted(watched & local)}")
    # What the trigger watches is what the push sends (the models agree with the book's table).
    assert watched == set(spec.synced_columns(table))


def test_the_stores_gst_and_return_days_and_the_customers_gstin_are_watched_but_not_the_tills_own(book):
    with book.connect() as conn:
        assert {"state", "gst_registration", "return_days", "tax_id"} <= trigger_columns(conn, "stores")
        assert {"gstin", "state", "merged_into"} <= trigger_columns(conn, "customers")
        assert not {"receipt_language", "shifts_required", "scale_barcode"} & trigger_columns(conn, "stores")
        assert "language" not in trigger_columns(conn, "users")
        assert "balance" not in trigger_columns(conn, "customers")
