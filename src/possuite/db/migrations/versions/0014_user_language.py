"""Each user's screen language: ``users.language``

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-06

- ``users.language``: the language the till's screen speaks to this user (``en``, ``hi``:
  ``services.users.USER_LANGUAGES``); every user written before this revision reads English (``en``).
  The login switches the screen to it (``ui/translation.py``). A till's own preference of its users:
  not synced to the hub (``hub/spec.py`` LOCAL_COLUMNS), and the users' master trigger ignores it.
Frozen: the column below is that of this revision.
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the table keeps its triggers (sync outbox).
    op.add_column("users", sa.Column("language", sa.String(8), nullable=False, server_default=sa.text("'en'")))


def downgrade() -> None:
    op.execute("ALTER TABLE users DROP COLUMN language")  # SQLite ≥ 3.35; no table copy
