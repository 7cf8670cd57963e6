"""GST, returns and units on the hub: the till columns books 0004-0006 added

Revision ID: h0005
Revises: h0003
Create Date: 2026-12-06

Frozen: later changes are new revisions.

The hub holds every synced column of a till's table (``hub/spec.py``); until this revision these
stayed at the till (``spec.NOT_YET_ON_HUB``), so a GST bill pulled by another till or read in the
back office lost its GSTINs, HSN and tax split. Same types and defaults as the till's (integers as
bigint), so rows a till pushed before this revision read as a till without GST has them.

- ``stores``: ``state``, ``gst_registration`` (book 0004), ``return_days`` (book 0006);
- ``items``: ``hsn`` (0004), ``unit``, ``pack_size`` (0005); ``customers``: ``gstin``, ``state``;
- ``bills``: ``gst_registration``, ``seller_gstin``, ``buyer_gstin``, ``place_of_supply``;
- ``bill_lines``: ``hsn``, ``cgst``, ``sgst``, ``igst``.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0005"
down_revision = "h0003"
branch_labels = None
depends_on = None

#: (table, column, type, server default): the till's own (db/models.py), frozen here.
COLUMNS = (
    ("stores", "state", sa.String(2), ""),
    ("stores", "gst_registration", sa.String(12), ""),
    ("stores", "return_days", sa.BigInteger(), "7"),
    ("items", "hsn", sa.String(8), ""),
    ("items", "unit", sa.String(8), "piece"),
    ("items", "pack_size", sa.BigInteger(), "1"),
    ("customers", "gstin", sa.String(15), ""),
    ("customers", "state", sa.String(2), ""),
    ("bills", "gst_registration", sa.String(12), ""),
    ("bills", "seller_gstin", sa.String(15), ""),
    ("bills", "buyer_gstin", sa.String(15), ""),
    ("bills", "place_of_supply", sa.String(2), ""),
    ("bill_lines", "hsn", sa.String(8), ""),
    ("bill_lines", "cgst", sa.BigInteger(), "0"),
    ("bill_lines", "sgst", sa.BigInteger(), "0"),
    ("bill_lines", "igst", sa.BigInteger(), "0"),
)


def upgrade() -> None:
    # hub init re-makes the back-office views after the migrations, now with these columns.
    for table, name, kind, default in COLUMNS:
        op.add_column(table, sa.Column(name, kind, nullable=False, server_default=default))


def downgrade() -> None:
    # The views read these columns: drop them (as h0003's downgrade does); hub init makes them.
    for schema in ("possuite_bo", "possuite_bo_all"):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    for table, name, _kind, _default in reversed(COLUMNS):
        op.drop_column(table, name)
