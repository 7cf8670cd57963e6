"""Pull marks: the newest transaction of each writer per pulled table of a store, so an idle pull reads no table

Revision ID: h0014
Revises: h0013
Create Date: 2026-12-07

Frozen: later changes are new revisions.

A till's pull read every pulled table on every round (a statement per table) even when nothing had
changed. ``pull_marks`` holds, per store, pulled table and writer, the id of the newest hub transaction
(``hub_xid``, h0002) that wrote a row of that table there; a pull reads a table only when a mark of
another writer is at or above its cursor's ``hub_xid`` (``hub/pull.py``, docs/architecture.md §7).

- Written by ``possuite_mark``, an ``AFTER INSERT OR UPDATE`` row trigger on each pulled table, in the
  same transaction as the row (a mark and its rows commit together, or neither does). It keeps the
  greatest ``hub_xid`` (``WHERE m.hub_xid < excluded.hub_xid``), so a transaction that started earlier
  and commits later never lowers a mark, and only the first row of a transaction writes it.
- The writer is the till of the login (``tills.role_name = session_user``: the function runs with its
  owner's rights, ``SECURITY DEFINER``, so no till has any write grant on the table, and the login is the
  one thing a till cannot choose), ``''`` for any other login (the owner, the hub's admin): such a mark
  is another writer's for every till, so a doubt only ever makes a till read more, never less.
- A row's NEW ``hub_xid`` is marked; an update that keeps it (a shift link's fill, h0013: never pulled)
  marks nothing.
- Two transactions of the same writer on one table wait for each other at its mark row (a till's
  pushes come from one book, one after the other; two tills never wait for each other here).
- Rows already on the hub are marked in this revision with writer ``''`` (every till reads each table
  once more, then its cursor moves past them); the triggers are made first, so the tables are locked
  against writers from then until this revision commits and no row slips between the two.
- ``hub init`` (re)makes the grants: tills and the owner may SELECT, a till only its own store's marks
  (row-level security keyed on the tills registry, as every data table).

Push-only tables (a till's shifts and cash moves) are never pulled and get no mark.
"""
from alembic import op

revision = "h0014"
down_revision = "h0013"
branch_labels = None
depends_on = None

#: The pulled tables of this revision (hub/spec.py::PULLED_TABLES on 2026-12-07).
TABLES = ("stores", "users", "customers", "items", "bills", "bill_lines", "credit_notes", "credit_note_lines",
          "payments", "adjustments", "ledger_entries", "audit_log")

_MARK = """CREATE FUNCTION possuite_mark() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    DECLARE
      login_till varchar(26);
      store varchar(26);
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.hub_xid = OLD.hub_xid THEN
        RETURN NULL;  -- a shift link's fill (h0013): not a pulled change, and no lock taken on a mark
      END IF;
      SELECT t.id INTO login_till FROM tills t WHERE t.role_name = session_user;
      IF TG_ARGV[0] = 'id' THEN
        store := NEW.id;
      ELSE
        store := NEW.store_id;
      END IF;
      INSERT INTO pull_marks AS m (store_id, tbl, writer, hub_xid)
        VALUES (store, TG_TABLE_NAME, coalesce(login_till, ''), NEW.hub_xid)
        ON CONFLICT (store_id, tbl, writer) DO UPDATE SET hub_xid = excluded.hub_xid
        WHERE m.hub_xid < excluded.hub_xid;
      RETURN NULL;
    END $$"""


def upgrade() -> None:
    op.execute("""CREATE TABLE pull_marks (
        store_id varchar(26) NOT NULL,
        tbl varchar(40) NOT NULL,
        writer varchar(26) NOT NULL,
        hub_xid bigint NOT NULL,
        PRIMARY KEY (store_id, tbl, writer))""")
    op.execute(_MARK)
    op.execute("REVOKE ALL ON FUNCTION possuite_mark() FROM PUBLIC")
    for name in TABLES:
        store_col = "id" if name == "stores" else "store_id"
        op.execute(f"CREATE TRIGGER {name}_mark AFTER INSERT OR UPDATE ON {name} "
                   f"FOR EACH ROW EXECUTE FUNCTION possuite_mark('{store_col}')")
    for name in TABLES:  # after the triggers: the tables are locked against writers until this commits
        store_col = "id" if name == "stores" else "store_id"
        op.execute(f"INSERT INTO pull_marks (store_id, tbl, writer, hub_xid) "
                   f"SELECT {store_col}, '{name}', '', max(hub_xid) FROM {name} GROUP BY {store_col}")


def downgrade() -> None:
    for name in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}_mark ON {name}")
    op.execute("DROP FUNCTION IF EXISTS possuite_mark()")
    op.execute("DROP TABLE IF EXISTS pull_marks")
