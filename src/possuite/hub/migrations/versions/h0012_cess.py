"""GST compensation cess on the hub: the columns book 0017 added

Revision ID: h0012
Revises: h0010
Create Date: 2026-12-07

Frozen: later changes are new revisions.

- ``items.cess_rate_bp``: an item's cess, ad valorem in basis points;
- ``bill_lines.cess_rate_bp``, ``bill_lines.cess``: the rate a line was sold at and its cess (``tax`` holds it
  too: the line's CGST + SGST + IGST is ``tax − cess``);
- ``credit_note_lines.cess``: the cess part of a returned line's tax.

Same types as the till's (integers as bigint), ``0`` by default: every row a till pushed before had no cess,
and a till before book 0017 (which sends none) still pushes. A till at 0017 pushing to a hub before this
revision is refused (no such column) and its batch stays queued until the hub is upgraded, as with h0010.
hub init re-makes the back-office views after the migrations, with these columns.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0012"
down_revision = "h0010"
branch_labels = None
depends_on = None

COLUMNS = (("items", "cess_rate_bp"), ("bill_lines", "cess_rate_bp"), ("bill_lines", "cess"),
           ("credit_note_lines", "cess"))


def upgrade() -> None:
    for table, name in COLUMNS:
        op.add_column(table, sa.Column(name, sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    # The views read these columns: drop them (as h0005's downgrade does); hub init makes them.
    for schema in ("possuite_bo", "possuite_bo_all"):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    for table, name in reversed(COLUMNS):
        op.drop_column(table, name)
