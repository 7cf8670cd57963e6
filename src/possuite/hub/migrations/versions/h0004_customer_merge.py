"""customers.merged_into on the hub: a merged customer names its survivor

Revision ID: h0004
Revises: h0002
Create Date: 2026-12-06

The till's migration 0009 adds the column; the hub holds every synced column of a master
(``hub/spec.py``), so it gets it too. Last writer wins by version, as for every master column.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0004"
down_revision = "h0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("merged_into", sa.String(26), nullable=True))


def downgrade() -> None:
    op.drop_column("customers", "merged_into")
