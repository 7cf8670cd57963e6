"""The tamper-evident ledger on the hub: each till's chain columns on bills, payments and ledger entries

Revision ID: h0011
Revises: h0012
Create Date: 2026-12-07

Frozen: later changes are new revisions.

A till at book revision 0016 chains every bill, payment and ledger entry it writes (``chain_till``,
``chain_seq``, ``chain_hash``: docs/architecture.md §3.6). The push sends the columns as they are and
the pull brings other tills' rows with them unchanged, so every node holds each till's chain as that till
wrote it, and the hub can verify it (``possuite.hub.checks.chain_problems``). The hub's insert-only and
stamp triggers need no change: the columns arrive with the row's INSERT. Rows the hub held before this
revision have none (they were pushed before their till chained them): a chain on the hub starts at the
first row its till pushed after upgrading. Allocations are not on the hub (each node projects its own),
so they are outside the pushed chain (they are a stream of their own in the book).
"""
import sqlalchemy as sa
from alembic import op

revision = "h0011"
down_revision = "h0012"
branch_labels = None
depends_on = None

_TABLES = ("bills", "payments", "ledger_entries")


def upgrade() -> None:
    for t in _TABLES:
        op.add_column(t, sa.Column("chain_till", sa.String(26), nullable=True))
        op.add_column(t, sa.Column("chain_seq", sa.BigInteger(), nullable=True))
        op.add_column(t, sa.Column("chain_hash", sa.String(64), nullable=True))
        op.create_index(f"ix_{t}_chain", t, ["store_id", "chain_till", "chain_seq"])


def downgrade() -> None:
    # The views read these columns: drop them (as h0005's and h0010's downgrades do); hub init makes them.
    for schema in ("possuite_bo", "possuite_bo_all"):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    for t in _TABLES:
        op.drop_index(f"ix_{t}_chain", table_name=t)
        for c in ("chain_hash", "chain_seq", "chain_till"):
            op.drop_column(t, c)
