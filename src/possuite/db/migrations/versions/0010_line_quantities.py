"""Line quantities in thousandths: ``bill_lines.qty`` and ``credit_note_lines.qty`` (and items' sold counts)

Revision ID: 0010
Revises: 0012
Create Date: 2026-12-06

A bill line now counts thousandths of its unit (domain/quantity.py): 3 pieces are 3000, 1.25 kg is 1250,
and a strip item's line counts tablets (3 tablets are 3000; a strip of 10 is 10000), priced per strip.
The line keeps the unit it was sold in (``bill_lines.unit``, ``bill_lines.pack_size``), like its HSN: a
later change of the item does not change what a bill said.

Existing rows are converted as revision 0005 said they would be:

- ``bill_lines``: unit and pack size from the line's item (``piece``/1 for a line without one), then
  ``qty = qty × 1000``, a strip line's ``qty × 1000 × pack_size`` (it counted whole strips);
- ``credit_note_lines``: the same factor as the bill line they return;
- ``items.sold_qty`` (the touch grid's cached count): the same factor, so it sums line quantities again.

Amounts do not change: a line's value is ``quantity.line_amount(price, qty, pack_size)`` =
price × qty / (1000 × pack_size), which is the old price × qty exactly.

Triggers: the UPDATEs below fire none that refuse or queue. ``bill_lines`` carries only the sync outbox's
AFTER INSERT trigger (0003), ``credit_note_lines`` only its AFTER INSERT one (0011), and the items' AFTER UPDATE trigger queues a
change of the synced columns only (``sold_qty`` is the till's own, hub/spec.py ``LOCAL_COLUMNS``). So the
conversion writes no outbox rows: the hub converts the lines it already holds itself (hub revision h0010,
the same rule), and lines still waiting in the outbox go out converted. A hub before h0010 refuses them
(it has no ``bill_lines.unit``), and h0010 refuses lines from a till before this revision (``unit`` is
required there), so whole units and thousandths never meet on the hub.
``stores.scale_barcode``: the layout of the weighing scale's EAN-13 labels at this till
(domain/scale_barcode.py, e.g. ``21 IIIII WWWWW C``), ``''`` none. A till's own, like its shift policy
(hub/spec.py ``LOCAL_COLUMNS``): not on the hub.
Frozen: the statements below are this revision's.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0012'
branch_labels = None
depends_on = None

INDEX_COLUMNS = ["bill_id", "store_id", "qty", "unit_price", "pack_size", "line_discount", "bill_discount",
                 "tax_rate_bp", "tax_inclusive", "net", "tax", "amount"]
_FACTOR = "(1000 * (CASE WHEN unit = 'strip' THEN pack_size ELSE 1 END))"


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the tables keep their sync outbox triggers.
    op.add_column("stores", sa.Column("scale_barcode", sa.String(40), nullable=False, server_default=sa.text("''")))
    op.add_column("bill_lines", sa.Column("unit", sa.String(8), nullable=False, server_default=sa.text("'piece'")))
    op.add_column("bill_lines", sa.Column("pack_size", sa.Integer(), nullable=False, server_default=sa.text("1")))
    op.execute("UPDATE bill_lines SET unit = COALESCE((SELECT i.unit FROM items i WHERE i.id = bill_lines.item_id), "
               "'piece'), pack_size = COALESCE((SELECT i.pack_size FROM items i WHERE i.id = bill_lines.item_id), 1)")
    op.execute("UPDATE credit_note_lines SET qty = qty * (SELECT " + _FACTOR.replace("unit", "l.unit")
               .replace("pack_size", "l.pack_size") + " FROM bill_lines l WHERE l.id = credit_note_lines.bill_line_id)")
    op.execute(f"UPDATE bill_lines SET qty = qty * {_FACTOR}")
    op.execute(f"UPDATE items SET sold_qty = sold_qty * {_FACTOR}")
    # The integrity check's covering index gains pack_size (a line's value is price × qty / (1000 × pack)).
    op.drop_index("ix_bill_lines_bill_id", table_name="bill_lines")
    op.create_index("ix_bill_lines_bill_id", "bill_lines", INDEX_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_bill_lines_bill_id", table_name="bill_lines")
    op.create_index("ix_bill_lines_bill_id", "bill_lines", [c for c in INDEX_COLUMNS if c != "pack_size"])
    op.execute(f"UPDATE items SET sold_qty = sold_qty / {_FACTOR}")
    op.execute("UPDATE credit_note_lines SET qty = qty / (SELECT " + _FACTOR.replace("unit", "l.unit")
               .replace("pack_size", "l.pack_size") + " FROM bill_lines l WHERE l.id = credit_note_lines.bill_line_id)")
    op.execute(f"UPDATE bill_lines SET qty = qty / {_FACTOR}")
    for name in ("pack_size", "unit"):
        op.execute(f"ALTER TABLE bill_lines DROP COLUMN {name}")  # SQLite ≥ 3.35; no table copy
    op.execute("ALTER TABLE stores DROP COLUMN scale_barcode")
