"""The owner's back office on the hub: the projection cache and the views the read services query.

Revision ID: h0003
Revises: h0001
Create Date: 2026-12-06

Frozen: later changes are new revisions.

- ``projection_customers`` (a row per customer: balance, visits, spend, last visit and payment; the
  ``customers`` view starts from it),
  ``projection_open_items``, ``projection_allocations``: the ledger projection of every customer
  (``domain/projection.py``), written only by the owner's role when it refreshes them from the
  entries that arrived since ``projection_cursor.hub_seq`` (``possuite.hub.backoffice``). Tills
  have no right on them.
- Two schemas of views named like a till's tables, so the till's read services run unchanged with
  ``search_path`` set to one of them: ``possuite_bo`` (rows keep their ``store_id``: one store at a
  time) and ``possuite_bo_all`` (every store, ``store_id`` is ``'*'``, the real one in
  ``home_store_id``; its ``stores`` view is the one pseudo-store ``*``, "All stores"). Every view
  adds ``rowid`` (the row's id: ULIDs order like a till's insertion order) and ``home_store_id``,
  and shows the columns a till keeps for itself (a user's lockout, an item's sold count, the drawer
  shift of a bill or payment, the store's shift policy, GST columns the hub does not hold yet) as a
  till without that state has them;
  ``shifts`` and ``shift_cash_moves`` are empty (a drawer stays at its till).
  The views are ``security_invoker``: whoever reads them needs the rights on the tables beneath.
- Indexes the back office reads by when no store narrows the rows (by customer, by bill, by date)
  and the ``hub_seq`` indexes the refresh reads new rows by.
"""
import sqlalchemy as sa
from alembic import op

revision = "h0003"
down_revision = "h0001"
branch_labels = None
depends_on = None

SCHEMAS = ("possuite_bo", "possuite_bo_all")

#: The till's columns of each table the hub holds, without store_id (frozen here: the views' shape).
COLUMNS = {
    "stores": ("id", "name", "address", "phone", "tax_id", "currency", "country", "credit_days", "invoice_prefix",
               "receipt_prefix", "upi_id", "allow_advances", "cashier_may_comp", "created_at"),
    "users": ("id", "name", "role", "pin_hash", "active", "created_at"),
    "customers": ("id", "name", "name_key", "phone", "phone_e164", "phone_digits", "notes", "credit_limit", "active",
                  "deactivated_reason", "is_demo", "created_at", "updated_at"),
    "items": ("id", "name", "name_key", "sku", "barcode", "price", "tax_rate_bp", "tax_inclusive", "kind", "active",
              "is_demo", "created_at"),
    "bills": ("id", "number", "seq", "customer_id", "user_id", "user_name", "authorised_by", "posted_at",
              "business_date", "due_date", "subtotal", "discount", "tax", "total", "retail_value", "complimentary",
              "comp_reason", "outcome", "previous_balance", "applied_to_previous", "advance_used", "tendered",
              "change", "note", "charge_entry_id", "voided_at", "void_reason", "voided_by", "is_demo"),
    "bill_lines": ("id", "bill_id", "position", "item_id", "description", "kind", "qty", "unit_price",
                   "line_discount", "bill_discount", "tax_rate_bp", "tax_inclusive", "net", "tax", "amount"),
    "payments": ("id", "number", "seq", "kind", "bill_id", "customer_id", "method", "tendered", "amount", "change",
                 "reference", "note", "posted_at", "business_date", "user_id", "user_name", "credit_entry_id",
                 "previous_balance", "remaining_balance", "is_demo"),
    "adjustments": ("id", "number", "seq", "customer_id", "kind", "amount", "reason", "posted_at", "business_date",
                    "user_name", "authorised_by", "entry_id", "is_demo"),
    "ledger_entries": ("id", "customer_id", "kind", "amount", "bill_id", "payment_id", "adjustment_id", "document",
                       "posted_at", "due_date", "user_name", "authorised_by", "note"),
    "audit_log": ("id", "at", "user_name", "authorised_by", "action", "target", "reason", "details"),
}
#: Columns a till keeps for itself, shown by the views as a till with no such state would have them.
LOCAL = {
    "users": "0::bigint AS failed_attempts, 0::bigint AS lock_count, NULL::timestamp AS locked_until",
    # GST columns (book revision 0004) no hub revision holds yet (hub.spec.NOT_YET_ON_HUB): blank, as a
    # book without GST set up has them.
    "items": "0::bigint AS sold_qty, ''::varchar(8) AS hsn",
    "customers": "''::varchar(15) AS gstin, ''::varchar(2) AS state",
    "bills": ("NULL::varchar(26) AS shift_id, ''::varchar(12) AS gst_registration, ''::varchar(15) AS seller_gstin, "
              "''::varchar(15) AS buyer_gstin, ''::varchar(2) AS place_of_supply"),
    "bill_lines": "''::varchar(8) AS hsn, 0::bigint AS cgst, 0::bigint AS sgst, 0::bigint AS igst",
    "payments": "NULL::varchar(26) AS shift_id",
}
STORE_LOCAL = ("false AS shifts_required, NULL::bigint AS max_cashier_discount_bp, ''::varchar(2) AS state, "
               "''::varchar(12) AS gst_registration")
#: A till's drawer shifts stay at the till: the back office sees none (the day report lists no shifts).
NO_SHIFTS = ("SELECT NULL::varchar(26) AS id, NULL::varchar(26) AS store_id, NULL::varchar(30) AS number, "
             "NULL::bigint AS seq, NULL::varchar(100) AS till, NULL::varchar(26) AS user_id, "
             "NULL::varchar(100) AS user_name, NULL::timestamp AS opened_at, NULL::date AS business_date, "
             "NULL::bigint AS opening_float, NULL::timestamp AS closed_at, NULL::varchar(100) AS closed_by, "
             "NULL::bigint AS expected_cash, NULL::bigint AS counted_cash, NULL::text AS counted_notes, "
             "NULL::bigint AS variance, NULL::text AS close_note, NULL::boolean AS is_demo WHERE false")
NO_CASH_MOVES = ("SELECT NULL::varchar(26) AS id, NULL::varchar(26) AS store_id, NULL::varchar(26) AS shift_id, "
                 "NULL::varchar(10) AS kind, NULL::bigint AS amount, NULL::text AS reason, "
                 "NULL::timestamp AS posted_at, NULL::varchar(100) AS user_name, "
                 "NULL::varchar(100) AS authorised_by WHERE false")
PROJECTED = ("balance", "visits", "total_spent", "last_visit", "last_payment_at")


def upgrade() -> None:
    op.create_table(
        "projection_customers",
        sa.Column("customer_id", sa.String(26), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("visits", sa.BigInteger(), nullable=False),
        sa.Column("total_spent", sa.BigInteger(), nullable=False),
        sa.Column("last_visit", sa.DateTime(), nullable=True),
        sa.Column("last_payment_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_projection_customers_store_balance", "projection_customers", ["store_id", "balance"])
    op.create_index("ix_projection_customers_balance", "projection_customers", ["balance"])
    op.create_table(
        "projection_open_items",
        sa.Column("entry_id", sa.String(26), primary_key=True),
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("customer_id", sa.String(26), nullable=False),
        sa.Column("side", sa.String(6), nullable=False),
        sa.Column("open_amount", sa.BigInteger(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("bill_id", sa.String(26), nullable=True),
    )
    op.create_index("ix_projection_open_items_customer", "projection_open_items",
                    ["store_id", "customer_id", "side", "due_date"])
    op.create_index("ix_projection_open_items_customer_only", "projection_open_items", ["customer_id", "side"])
    op.create_index("ix_projection_open_items_store_side_due", "projection_open_items",
                    ["store_id", "side", "due_date"])
    op.create_index("ix_projection_open_items_bill", "projection_open_items", ["bill_id"])
    op.create_table(
        "projection_allocations",
        sa.Column("id", sa.String(53), primary_key=True),  # credit id + ':' + charge id
        sa.Column("store_id", sa.String(26), nullable=False),
        sa.Column("customer_id", sa.String(26), nullable=False),
        sa.Column("credit_entry_id", sa.String(26), nullable=False),
        sa.Column("charge_entry_id", sa.String(26), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_projection_allocations_credit", "projection_allocations", ["credit_entry_id"])
    op.create_index("ix_projection_allocations_charge", "projection_allocations", ["charge_entry_id"])
    op.create_index("ix_projection_allocations_customer", "projection_allocations", ["customer_id"])
    op.create_table(
        "projection_cursor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("hub_seq", sa.BigInteger(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_projection_cursor_one_row"),
    )
    op.execute("INSERT INTO projection_cursor (id, hub_seq) VALUES (1, 0)")

    for name in ("customers", "bills", "payments", "ledger_entries"):
        op.create_index(f"ix_{name}_hub_seq", name, ["hub_seq"])
    op.create_index("ix_ledger_customer_posted", "ledger_entries", ["customer_id", "posted_at"])
    op.create_index("ix_bills_customer_posted", "bills", ["customer_id", "posted_at"])
    op.create_index("ix_bills_store_date", "bills", ["store_id", "business_date"])
    op.create_index("ix_bills_date", "bills", ["business_date"])
    op.create_index("ix_bills_number", "bills", ["number"])
    op.create_index("ix_payments_bill", "payments", ["bill_id"])
    op.create_index("ix_payments_customer_posted", "payments", ["customer_id", "posted_at"])
    op.create_index("ix_payments_store_date", "payments", ["store_id", "business_date"])
    op.create_index("ix_payments_date", "payments", ["business_date"])
    op.create_index("ix_customers_store_name_key", "customers", ["store_id", "name_key"])
    op.create_index("ix_customers_name_key", "customers", ["name_key"])
    op.create_index("ix_customers_phone_e164", "customers", ["phone_e164"])

    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA {schema}")
        for name, sql in _views(all_stores=schema == "possuite_bo_all").items():
            op.execute(f"CREATE VIEW {schema}.{name} WITH (security_invoker = true) AS {sql}")


def _views(all_stores: bool) -> dict[str, str]:
    store = "'*'::varchar(26)" if all_stores else "t.store_id"
    out = {}
    for name, cols in COLUMNS.items():
        if name == "stores":
            continue
        picked = ", ".join(f"t.{c}" for c in cols)
        extra = f", {LOCAL[name]}" if name in LOCAL else ""
        if name == "customers":
            # From the projection (a row per customer), the record joined on its key: a read of counts and
            # sums by store and balance never touches the records (PostgreSQL drops the unused join).
            picked = ", ".join("p.customer_id AS id" if c == "id" else f"t.{c}" for c in cols)
            extra = ", " + ", ".join(f"p.{c}" for c in PROJECTED) + f", {LOCAL[name]}"
            mine = "'*'::varchar(26)" if all_stores else "p.store_id"
            out[name] = (f"SELECT {picked}, {mine} AS store_id, p.store_id AS home_store_id, t.till_id, "
                         f"p.customer_id AS rowid{extra} FROM public.projection_customers p "
                         "LEFT JOIN public.customers t ON t.id = p.customer_id")
            continue
        out[name] = (f"SELECT {picked}, {store} AS store_id, t.store_id AS home_store_id, t.till_id, "
                     f"t.id AS rowid{extra} FROM public.{name} t")
    out["allocations"] = (f"SELECT t.id, {store} AS store_id, t.customer_id, t.credit_entry_id, t.charge_entry_id, "
                          "t.amount, t.created_at, t.store_id AS home_store_id, t.id AS rowid "
                          "FROM public.projection_allocations t")
    out["open_items"] = (f"SELECT t.entry_id, {store} AS store_id, t.customer_id, t.side, t.open_amount, "
                         "t.due_date, t.posted_at, t.bill_id, t.store_id AS home_store_id, t.entry_id AS rowid "
                         "FROM public.projection_open_items t")
    if all_stores:
        # One pseudo-store for every store: the first store's currency and country, nothing to print.
        out["stores"] = ("SELECT '*'::varchar(26) AS id, 'All stores'::varchar(200) AS name, ''::text AS address, "
                         "''::varchar(40) AS phone, ''::varchar(40) AS tax_id, s.currency, s.country, s.credit_days, "
                         "s.invoice_prefix, s.receipt_prefix, ''::varchar(100) AS upi_id, s.allow_advances, "
                         f"s.cashier_may_comp, s.created_at, {STORE_LOCAL}, '*'::varchar(26) AS home_store_id, "
                         "'*'::varchar(26) AS rowid FROM (SELECT * FROM public.stores "
                         "ORDER BY created_at, id LIMIT 1) s")
    else:
        cols = ", ".join(f"t.{c}" for c in COLUMNS["stores"])
        out["stores"] = f"SELECT {cols}, {STORE_LOCAL}, t.id AS home_store_id, t.id AS rowid FROM public.stores t"
    out["shifts"] = NO_SHIFTS
    out["shift_cash_moves"] = NO_CASH_MOVES
    return out


def downgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"DROP SCHEMA {schema} CASCADE")
    for name in ("projection_cursor", "projection_allocations", "projection_open_items", "projection_customers"):
        op.drop_table(name)
    for name in ("customers", "bills", "payments", "ledger_entries"):
        op.drop_index(f"ix_{name}_hub_seq", table_name=name)
    for ix, table in (("ix_ledger_customer_posted", "ledger_entries"), ("ix_bills_customer_posted", "bills"),
                      ("ix_bills_store_date", "bills"), ("ix_bills_date", "bills"), ("ix_bills_number", "bills"),
                      ("ix_payments_bill", "payments"), ("ix_payments_customer_posted", "payments"),
                      ("ix_payments_store_date", "payments"), ("ix_payments_date", "payments"),
                      ("ix_customers_store_name_key", "customers"), ("ix_customers_name_key", "customers"),
                      ("ix_customers_phone_e164", "customers")):
        op.drop_index(ix, table_name=table)
