"""Customers keep their phone as shown: ``customers.phone_display``

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

Frozen: later changes are new revisions.

The checkout's search formatted each result's phone (``services/phones.py::display_phone``, phonenumbers'
INTERNATIONAL form) on every keystroke: 35-60 µs of a lookup when the numbers were not in the display cache yet
(issue 15; README "Customer lookup at shop scale"). The display form is now written with the phone (add, edit,
import, a pull of the hub's customers) and the search reads it. A till's own column (``hub/spec.py``
``LOCAL_COLUMNS``): derived from the synced phone, not pushed; its change queues nothing (the master trigger
watches the synced columns only) and touches no search index (that trigger is ``OF name, phone_digits``).

Existing rows are filled here by the same function, in batches by rowid (one read and one ``executemany`` per
batch). A row left NULL is formatted when read, so NULL only costs the formatting again.
"""
import sqlalchemy as sa
from alembic import op

from possuite.services.phones import display_phone

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.add_column("customers", sa.Column("phone_display", sa.String(length=60), nullable=True))
    con = op.get_bind()
    last = 0
    while True:
        rows = con.exec_driver_sql("SELECT rowid, phone_e164, phone FROM customers WHERE rowid > ? "
                                   "ORDER BY rowid LIMIT ?", (last, BATCH)).all()
        if not rows:
            break
        con.exec_driver_sql("UPDATE customers SET phone_display = ? WHERE rowid = ?",
                            [(display_phone(e164, phone), rowid) for rowid, e164, phone in rows])
        last = rows[-1][0]


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): no copy of the table, its triggers and search index left as they are.
    op.execute("ALTER TABLE customers DROP COLUMN phone_display")
