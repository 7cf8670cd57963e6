"""The masters' outbox triggers watch every column the hub holds

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

The update trigger of each master (``sync_<table>_au``, book 0003; the items' re-made in 0017) queued a
changed row only when one of the columns of 0003's day changed. Columns added since were not watched:
``stores.state``/``gst_registration``/``return_days`` (0004, 0006) and ``customers.gstin``/``state`` (0004),
``customers.merged_into`` (0009). So a store's GST registration or return days changed at a registered
till never reached the hub or the other tills, nor a customer's GSTIN written without ``updated_at``.

This revision re-creates the four triggers with every column of the table except the till's own
(``hub/spec.py`` ``LOCAL_COLUMNS``), read from the table itself (``db/sync_triggers.py``, the one place
for the rule; a later migration adding a master column calls it again). Rows already changed and not
queued are not queued now: the next change of the row sends it whole (a master travels as its whole
row), and re-registering is not needed.

Downgrade puts back the lists of 0003 and 0017 (frozen below).
"""
from alembic import op

from possuite.db.sync_triggers import master_update_trigger, recreate_master_update_triggers

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_BEFORE = {
    "stores": ("name", "address", "phone", "tax_id", "currency", "country", "credit_days", "invoice_prefix",
               "receipt_prefix", "upi_id", "allow_advances", "cashier_may_comp"),
    "users": ("name", "role", "pin_hash", "active"),
    "customers": ("name", "name_key", "phone", "phone_e164", "phone_digits", "notes", "credit_limit", "active",
                  "deactivated_reason", "is_demo", "updated_at"),
    "items": ("name", "name_key", "sku", "barcode", "price", "tax_rate_bp", "tax_inclusive", "kind", "active",
              "is_demo", "hsn", "unit", "pack_size", "cess_rate_bp"),
}


def upgrade() -> None:
    recreate_master_update_triggers(op.get_bind())


def downgrade() -> None:
    for table, columns in _BEFORE.items():
        op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_au")
        op.execute(master_update_trigger(table, columns))
