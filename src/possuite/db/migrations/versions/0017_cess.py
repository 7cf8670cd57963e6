"""GST compensation cess: an item's cess rate, a bill line's cess rate and cess, a credit-note line's cess

Revision ID: 0017
Revises: 0010
Create Date: 2026-12-07

Frozen: later changes are new revisions.

- ``items.cess_rate_bp``: the item's compensation cess, ad valorem in basis points (``0``: none; rates above
  100 % exist, ``domain/gst.py::MAX_CESS_BP``).
- ``bill_lines.cess_rate_bp`` and ``bill_lines.cess``: the rate the line was sold at (kept on the line like
  its HSN and GST rate) and its cess in paise, rounded by the one rule (``domain/gst.py::line_tax``).
  ``bill_lines.tax`` stays the line's whole tax and includes the cess, so every total that adds ``tax``
  counts it; the line's CGST + SGST + IGST is ``tax − cess``.
- ``credit_note_lines.cess``: the cess part of a returned line's tax (reversed in proportion, like the tax).

Every row written before this revision had no cess: ``0`` everywhere, which is what it charged, so no
bill's figures change and the sealed days' text does not either (``services/seals.py`` adds the cess
columns to a row's text only when they are not 0).

``ix_bill_lines_bill_id`` covers the cess columns too, so the integrity check still recomputes every line
from the index alone. The items' sync trigger (0003) now also queues a change of the columns the hub has
held since h0005 and h0012 (``hsn``, ``unit``, ``pack_size``, ``cess_rate_bp``): before, an item whose HSN
alone changed at a registered till never reached the hub.

Plain ALTER TABLE ADD COLUMN (no batch copy): the tables keep their triggers.
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = (("items", "cess_rate_bp"), ("bill_lines", "cess_rate_bp"), ("bill_lines", "cess"),
            ("credit_note_lines", "cess"))
_INDEX = ("bill_id", "store_id", "qty", "unit_price", "pack_size", "line_discount", "bill_discount", "tax_rate_bp",
          "tax_inclusive", "net", "tax", "amount")
_ITEM_COLUMNS = ("name", "name_key", "sku", "barcode", "price", "tax_rate_bp", "tax_inclusive", "kind", "active",
                 "is_demo")
_REGISTERED = "EXISTS (SELECT 1 FROM sync_till WHERE applying = 0)"


def _items_trigger(columns) -> str:
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
    return f"""CREATE TRIGGER sync_items_au AFTER UPDATE ON items WHEN {_REGISTERED} AND ({changed}) BEGIN
             INSERT INTO sync_versions(tbl, row_id, version) VALUES ('items', new.id, 1)
               ON CONFLICT(tbl, row_id) DO UPDATE SET version = version + 1;
             INSERT INTO sync_outbox(tbl, row_id) VALUES ('items', new.id);
           END"""


def upgrade() -> None:
    for table, column in _COLUMNS:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.drop_index("ix_bill_lines_bill_id", table_name="bill_lines")
    op.create_index("ix_bill_lines_bill_id", "bill_lines", [*_INDEX, "cess_rate_bp", "cess"])
    op.execute("DROP TRIGGER IF EXISTS sync_items_au")
    op.execute(_items_trigger((*_ITEM_COLUMNS, "hsn", "unit", "pack_size", "cess_rate_bp")))


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS sync_items_au")
    op.execute(_items_trigger(_ITEM_COLUMNS))
    op.drop_index("ix_bill_lines_bill_id", table_name="bill_lines")
    op.create_index("ix_bill_lines_bill_id", "bill_lines", list(_INDEX))
    for table, column in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # SQLite ≥ 3.35; no table copy
