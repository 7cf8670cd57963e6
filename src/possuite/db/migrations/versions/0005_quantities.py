"""Quantities: an item's unit (piece, kg, g, l, m, strip) and, for a strip, its pack size

Revision ID: 0005
Revises: 0009
Create Date: 2026-12-06

- ``items.unit``: what the item is counted in, one of ``domain/quantity.py``'s units; every item
  written before this revision is sold by the piece (``piece``).
- ``items.pack_size``: tablets in a strip for a ``strip`` item (priced per strip, sold by the tablet),
  1 for every other unit.

Bill lines still count whole units of what the price is per (pieces, kilograms, litres, metres,
strips): selling in thousandths of a unit (1.25 kg, 3 tablets of a strip) is not part of this revision.
A later revision that stores line quantities in thousandths converts a line as qty × 1000, and a strip
item's line as qty × 1000 × its pack size (its quantity then counts tablets, domain/quantity.py).
Frozen: the column lists below are those of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0009'
branch_labels = None
depends_on = None

COLUMNS = [("unit", sa.String(8), sa.text("'piece'")), ("pack_size", sa.Integer(), sa.text("1"))]


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the table keeps its triggers (sync outbox).
    for name, kind, default in COLUMNS:
        op.add_column("items", sa.Column(name, kind, nullable=False, server_default=default))


def downgrade() -> None:
    for name, _kind, _default in COLUMNS:
        op.execute(f"ALTER TABLE items DROP COLUMN {name}")  # SQLite ≥ 3.35; no table copy
