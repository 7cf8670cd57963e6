"""GST: the store's registration and state, items' HSN/SAC, customers' GSTIN and state, each bill's tax split

Revision ID: 0004
Revises: 0007
Create Date: 2026-12-06

- ``stores.state`` (two-digit GST state code, "" when not set) and ``stores.gst_registration``
  ("" = GST not set up: the book sells as before; ``regular``, ``composition``, ``unregistered``).
- ``items.hsn``: the HSN (goods) or SAC (services) code, "" when not given.
- ``customers.gstin`` and ``customers.state``: a B2B buyer's GSTIN and state ("" when not given).
- ``bills``: what the invoice said at posting, kept so a reprint says the same: the store's
  registration and GSTIN, the buyer's GSTIN, the place of supply (state code, "" for a bill of a
  store without a state).
- ``bill_lines``: ``hsn`` and the line's tax split ``cgst`` / ``sgst`` / ``igst`` (paise; CGST + SGST
  + IGST = ``tax``). Lines written before this revision were sold to walk-in buyers in the store's
  own state (no buyer state existed), so their tax is split intra-state here: SGST = tax // 2, CGST
  the rest (the odd paisa to CGST, the rule of ``domain/gst.py``).

Frozen: the column lists below are those of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0007'
branch_labels = None
depends_on = None

_EMPTY = sa.text("''")
_ZERO = sa.text("0")

COLUMNS = {
    "stores": [("state", sa.String(2), _EMPTY), ("gst_registration", sa.String(12), _EMPTY)],
    "items": [("hsn", sa.String(8), _EMPTY)],
    "customers": [("gstin", sa.String(15), _EMPTY), ("state", sa.String(2), _EMPTY)],
    "bills": [("gst_registration", sa.String(12), _EMPTY), ("seller_gstin", sa.String(15), _EMPTY),
              ("buyer_gstin", sa.String(15), _EMPTY), ("place_of_supply", sa.String(2), _EMPTY)],
    "bill_lines": [("hsn", sa.String(8), _EMPTY), ("cgst", sa.Integer(), _ZERO), ("sgst", sa.Integer(), _ZERO),
                   ("igst", sa.Integer(), _ZERO)],
}


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the tables keep their triggers (FTS, sync, insert-only).
    for table, cols in COLUMNS.items():
        for name, kind, default in cols:
            op.add_column(table, sa.Column(name, kind, nullable=False, server_default=default))
    # SQLite's integer division truncates; bill line tax is never negative.
    op.execute("UPDATE bill_lines SET sgst = tax / 2, cgst = tax - tax / 2 WHERE tax != 0")


def downgrade() -> None:
    for table, cols in COLUMNS.items():
        for name, _kind, _default in cols:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")  # SQLite ≥ 3.35; no table copy
