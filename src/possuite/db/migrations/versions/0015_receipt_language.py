"""Receipt language: the language this till prints receipts in, whatever language its screens are in

Revision ID: 0015
Revises: 0005
Create Date: 2026-12-06

- ``stores.receipt_language``: ``en`` (every store before this revision) or ``hi``
  (``possuite.i18n.LANGUAGES``); set by ``possuite store set --receipt-language`` and Settings › Store.
  A till's own setting (hub/spec.py LOCAL_COLUMNS): each till prints for its own counter.
Frozen: the column below is that of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the table keeps its triggers (sync outbox).
    op.add_column("stores", sa.Column("receipt_language", sa.String(8), nullable=False, server_default=sa.text("'en'")))


def downgrade() -> None:
    op.execute("ALTER TABLE stores DROP COLUMN receipt_language")  # SQLite ≥ 3.35; no table copy
