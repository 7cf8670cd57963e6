"""Line quantities in thousandths on the hub, as in books of revision 0010

Revision ID: h0010
Revises: h0006
Create Date: 2026-12-06

Frozen: later changes are new revisions.

A till at book revision 0010 stores ``bill_lines.qty`` in thousandths of the line's unit (3 pieces are
3000, 1.25 kg is 1250, a strip line counts tablets) and keeps the unit on the line (``unit``,
``pack_size``). The hub holds the same meaning:

- ``bill_lines.unit`` and ``bill_lines.pack_size`` are added and filled from the line's item (``piece``/1
  without one), and every line the hub already holds (pushed by tills before 0010: whole units) is
  converted as the book's 0010 converts its own: ``qty × 1000``, a strip line's ``qty × 1000 × pack_size``.
- ``credit_note_lines`` (on the hub since h0006): the same factor as the bill line they return.
- ``unit`` and ``pack_size`` are then required with no default: a till of an older revision, which sends
  whole units and no unit, has its lines refused (the batch stays queued at the till with the hub's reason
  until the till is upgraded, and the upgrade converts them). A till at 0010 pushing to a hub before this
  revision is refused too (the hub has no ``unit`` column). So whole units and thousandths never mix.

The conversion is an UPDATE of insert-only tables: their two triggers each (``<table>_insert_only``, which
refuses it, and ``<table>_stamp``, which would give every line a new ``hub_xid``/``hub_seq`` and make
every till pull every line again, although each till converted its own copy) are disabled for this
transaction only (ALTER TABLE is transactional in PostgreSQL: no other session ever sees them off).

A till at book 0011 but not 0010 (credit notes synced, quantities still whole) would be refused for its
bill lines but not for a credit note's lines alone; no release carried one (both revisions came with
the same version), and the book's 0010 converts what such a till still has queued.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0010"
down_revision = "h0006"
branch_labels = None
depends_on = None

_TABLES = ("bill_lines", "credit_note_lines")
_FACTOR = "(1000 * (CASE WHEN unit = 'strip' THEN pack_size ELSE 1 END))"


def _triggers(action: str) -> None:
    for table in _TABLES:
        for kind in ("insert_only", "stamp"):
            op.execute(f"ALTER TABLE {table} {action} TRIGGER {table}_{kind}")


def upgrade() -> None:
    op.add_column("bill_lines", sa.Column("unit", sa.String(8), nullable=True))
    op.add_column("bill_lines", sa.Column("pack_size", sa.BigInteger(), nullable=True))
    _triggers("DISABLE")
    op.execute("UPDATE bill_lines l SET unit = COALESCE(i.unit, 'piece'), pack_size = COALESCE(i.pack_size, 1) "
               "FROM bill_lines x LEFT JOIN items i ON i.id = x.item_id WHERE x.id = l.id")
    op.execute("UPDATE credit_note_lines n SET qty = n.qty * " + _FACTOR.replace("unit", "l.unit")
               .replace("pack_size", "l.pack_size") + " FROM bill_lines l WHERE l.id = n.bill_line_id")
    op.execute(f"UPDATE bill_lines SET qty = qty * {_FACTOR}")
    _triggers("ENABLE")
    op.alter_column("bill_lines", "unit", nullable=False)
    op.alter_column("bill_lines", "pack_size", nullable=False)


def downgrade() -> None:
    # The views read these columns: drop them (as h0005's downgrade does); hub init makes them.
    for schema in ("possuite_bo", "possuite_bo_all"):
        op.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    _triggers("DISABLE")
    op.execute("UPDATE credit_note_lines n SET qty = n.qty / " + _FACTOR.replace("unit", "l.unit")
               .replace("pack_size", "l.pack_size") + " FROM bill_lines l WHERE l.id = n.bill_line_id")
    op.execute(f"UPDATE bill_lines SET qty = qty / {_FACTOR}")
    _triggers("ENABLE")
    op.drop_column("bill_lines", "pack_size")
    op.drop_column("bill_lines", "unit")
