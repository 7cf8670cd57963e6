"""several tills: where this till's pull stands on the hub, one cursor per synced table

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-06

A pull reads each synced table of the hub in ``(hub_xid, hub_seq)`` order (hub revision h0002) and
keeps, per table, the last position it may never need to read again (docs/architecture.md §7). The
cursor moves in the same book transaction as the rows it covers, so a pull cut off anywhere resumes
where the last committed batch ended. Rows pulled from the hub do not go back into the outbox: the
pulling transaction sets ``sync_till.applying`` (0003's triggers only queue while it is 0).
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_cursors',
    sa.Column('tbl', sa.String(length=20), nullable=False),
    sa.Column('hub_xid', sa.Integer(), nullable=False),
    sa.Column('hub_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('tbl')
    )


def downgrade() -> None:
    op.drop_table('sync_cursors')
