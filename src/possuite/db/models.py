"""The tables. Every row belongs to a store (``store_id``); services scope every query by it.

Money columns are integers of minor units. ``ledger_entries``, ``allocations`` and
``audit_log`` are insert-only (database triggers refuse UPDATE and DELETE);
``customers.balance``, ``customers.visits/total_spent/last_visit`` and ``open_items``
are cached projections kept in step inside each write transaction and verified by
the integrity check.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(26)


class Base(DeclarativeBase):
    pass


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    tax_id: Mapped[str] = mapped_column(String(40), default="")
    currency: Mapped[str] = mapped_column(String(3), default="INR")
    country: Mapped[str] = mapped_column(String(2), default="IN")
    credit_days: Mapped[int] = mapped_column(Integer, default=30)
    invoice_prefix: Mapped[str] = mapped_column(String(10), default="SAL")
    receipt_prefix: Mapped[str] = mapped_column(String(10), default="RCP")
    upi_id: Mapped[str] = mapped_column(String(100), default="")
    allow_advances: Mapped[bool] = mapped_column(Boolean, default=False)
    cashier_may_comp: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(2), default="", server_default="")  # GST state code
    # "" = GST not set up (sells as before); regular | composition | unregistered (domain/gst.py)
    gst_registration: Mapped[str] = mapped_column(String(12), default="", server_default="")
    # Days after a bill a cashier may still take a return of it (the owner always may).
    return_days: Mapped[int] = mapped_column(Integer, default=7, server_default=text("7"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # This till's own drawer policy (not on the hub: hub/spec.py LOCAL_COLUMNS).
    shifts_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    max_cashier_discount_bp: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The language this till prints receipts in (possuite.i18n.LANGUAGES; migration 0015), a till's own.
    receipt_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # This till's weighing-scale label layout (domain/scale_barcode.py: "21 IIIII WWWWW C"), "" none (0010).
    scale_barcode: Mapped[str] = mapped_column(String(40), default="", server_default="")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("store_id", "name"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))  # owner | cashier
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    lock_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The screen's language for this user (services.users.USER_LANGUAGES); this till's own (hub/spec.py).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default=text("'en'"))


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        # Not unique: two tills offline may each add the same phone (both kept until merged, migration
        # 0009); the customer service refuses a phone this book already holds.
        Index("ix_customers_store_phone", "store_id", "phone_e164", sqlite_where=text("phone_e164 IS NOT NULL")),
        Index("ix_customers_store_name_key", "store_id", "name_key"),
        # With ``active``: the customers page's cards from the index alone (migration 0019); with
        # ``credit_limit``: the balances window's summary too (0023).
        Index("ix_customers_store_balance_active", "store_id", "balance", "active", "credit_limit"),
        # The demo's customers (migration 0012): a seal's read leaves their rows out without a lookup per row.
        Index("ix_customers_demo", "id", sqlite_where=text("is_demo = 1")),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # casefolded, for prefix lookups
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)  # as typed
    phone_e164: Mapped[str | None] = mapped_column(String(20), nullable=True)
    phone_digits: Mapped[str] = mapped_column(String(20), default="")  # national digits, searched
    notes: Mapped[str] = mapped_column(Text, default="")
    credit_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)  # cached Σ ledger
    visits: Mapped[int] = mapped_column(Integer, default=0)
    total_spent: Mapped[int] = mapped_column(Integer, default=0)
    last_visit: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_payment_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    deactivated_reason: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    gstin: Mapped[str] = mapped_column(String(15), default="", server_default="")  # a B2B buyer's GSTIN
    state: Mapped[str] = mapped_column(String(2), default="", server_default="")   # GST state code
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    merged_into: Mapped[str | None] = mapped_column(String(26), nullable=True)  # the survivor of a merge
    # The phone as lists show it (``services/phones.py::display_phone`` of ``phone_e164``/``phone``), written with
    # the phone (book 0024) so the checkout's search formats nothing; NULL: not computed, format it. This till's own
    # (hub/spec.py LOCAL_COLUMNS): a pull computes it from the pulled phone.
    phone_display: Mapped[str | None] = mapped_column(String(60), nullable=True)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        Index("ux_items_store_sku", "store_id", "sku", unique=True, sqlite_where=text("sku IS NOT NULL")),
        Index("ux_items_store_barcode", "store_id", "barcode", unique=True,
              sqlite_where=text("barcode IS NOT NULL")),
        Index("ix_items_store_name_key", "store_id", "name_key"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str | None] = mapped_column(String(64), nullable=True)
    barcode: Mapped[str | None] = mapped_column(String(64), nullable=True)
    price: Mapped[int] = mapped_column(Integer)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    tax_inclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(10), default="service")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sold_qty: Mapped[int] = mapped_column(Integer, default=0)  # cached, for the touch grid
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    hsn: Mapped[str] = mapped_column(String(8), default="", server_default="")  # HSN (goods) or SAC (services)
    # What the item is counted in (domain/quantity.py's units) and, for a strip, its tablets (1 otherwise).
    unit: Mapped[str] = mapped_column(String(8), default="piece", server_default="piece")
    pack_size: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Compensation cess (GST), ad valorem in basis points (migration 0017); 0: none.
    cess_rate_bp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Bill(Base):
    __tablename__ = "bills"
    __table_args__ = (
        UniqueConstraint("store_id", "number"),
        # voided_at and total ride along so the integrity check's visits/total-spent pass reads the index only.
        Index("ix_bills_store_customer_posted", "store_id", "customer_id", "posted_at", "voided_at", "total"),
        Index("ix_bills_store_date", "store_id", "business_date"),
        Index("ix_bills_store_due", "store_id", "due_date"),
        Index("ix_bills_store_posted", "store_id", "posted_at"),
        Index("ix_bills_shift", "shift_id"),
        Index("ix_bills_demo", "id", sqlite_where=text("is_demo = 1")),  # the demo's bills (migration 0012)
        Index("ix_bills_chain", "chain_till", "chain_seq"),  # a till's chain in order (migration 0016)
        Index("ix_bills_void", "id", sqlite_where=text("voided_at IS NOT NULL")),  # the void bills (0022)
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(30))
    seq: Mapped[int] = mapped_column(Integer)  # the number's counter, for the gapless check
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    user_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    business_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    subtotal: Mapped[int] = mapped_column(Integer)
    discount: Mapped[int] = mapped_column(Integer, default=0)
    tax: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer)  # payable (0 when complimentary)
    retail_value: Mapped[int] = mapped_column(Integer)  # value of the goods/services
    complimentary: Mapped[bool] = mapped_column(Boolean, default=False)
    comp_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20))
    previous_balance: Mapped[int] = mapped_column(Integer, default=0)
    applied_to_previous: Mapped[int] = mapped_column(Integer, default=0)
    advance_used: Mapped[int] = mapped_column(Integer, default=0)
    tendered: Mapped[int] = mapped_column(Integer, default=0)
    change: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    charge_entry_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The till's shift open when the bill was posted; set by a trigger (migration 0007), never by hand.
    shift_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    # What the invoice said at posting (a reprint says the same): docs/architecture.md §5 GST.
    gst_registration: Mapped[str] = mapped_column(String(12), default="", server_default="")
    seller_gstin: Mapped[str] = mapped_column(String(15), default="", server_default="")
    buyer_gstin: Mapped[str] = mapped_column(String(15), default="", server_default="")
    place_of_supply: Mapped[str] = mapped_column(String(2), default="", server_default="")
    # The tamper-evident chain (services/chain.py, migration 0016): the till that wrote the row, its place in
    # that till's chain and SHA-256 over the row's sealed columns and the previous row's hash.
    chain_till: Mapped[str | None] = mapped_column(String(26), nullable=True)
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class BillLine(Base):
    __tablename__ = "bill_lines"
    __table_args__ = (
        # Covers every figure the integrity check recomputes per bill (no table lookups for 3M lines).
        Index("ix_bill_lines_bill_id", "bill_id", "store_id", "qty", "unit_price", "pack_size", "line_discount",
              "bill_discount", "tax_rate_bp", "tax_inclusive", "net", "tax", "amount", "cess_rate_bp", "cess"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"))
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10), default="service")
    # Thousandths of ``unit`` (migration 0010; domain/quantity.py): 3000 three pieces, 1250 1.25 kg; a strip
    # item's line counts tablets (``pack_size`` to a strip, the price per strip).
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    line_discount: Mapped[int] = mapped_column(Integer, default=0)
    bill_discount: Mapped[int] = mapped_column(Integer, default=0)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    tax_inclusive: Mapped[bool] = mapped_column(Boolean, default=False)
    net: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    hsn: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # The line's tax split at posting: cgst + sgst + igst == tax − cess (domain/gst.py::split_tax).
    cgst: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sgst: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    igst: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The unit the line was sold in and a strip's tablets (migration 0010), kept like the HSN.
    unit: Mapped[str] = mapped_column(String(8), default="piece", server_default="piece")
    pack_size: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Compensation cess (migration 0017): the rate the line was sold at and the cess, which ``tax`` includes
    # (``tax`` is the line's whole tax; its CGST + SGST + IGST is ``tax − cess``; domain/gst.py).
    cess_rate_bp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    cess: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Payment(Base):
    """Money in (kind sale/collection) or back out (kind refund, negative amount)."""

    __tablename__ = "payments"
    __table_args__ = (
        Index("ux_payments_store_number", "store_id", "number", unique=True,
              sqlite_where=text("number IS NOT NULL")),
        Index("ix_payments_store_bill", "store_id", "bill_id", "kind", "amount"),  # covers paid-per-bill sums
        Index("ix_payments_store_customer_posted", "store_id", "customer_id", "posted_at"),
        Index("ix_payments_store_date", "store_id", "business_date"),
        Index("ix_payments_shift", "shift_id", "kind", "method", "amount"),  # a shift's figures, index only
        Index("ix_payments_chain", "chain_till", "chain_seq"),  # a till's chain in order (migration 0016)
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str | None] = mapped_column(String(30), nullable=True)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(12))  # sale | collection | refund
    bill_id: Mapped[str | None] = mapped_column(ForeignKey("bills.id"), nullable=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    method: Mapped[str] = mapped_column(String(10))
    tendered: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)  # applied: tendered − change
    change: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    business_date: Mapped[date] = mapped_column(Date)
    user_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    credit_entry_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    previous_balance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    remaining_balance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The till's shift open when the payment was written; set by a trigger (migration 0007), never by hand.
    shift_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    # The tamper-evident chain (services/chain.py, migration 0016): the till that wrote the row, its place in
    # that till's chain and SHA-256 over the row's sealed columns and the previous row's hash.
    chain_till: Mapped[str | None] = mapped_column(String(26), nullable=True)
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Adjustment(Base):
    __tablename__ = "adjustments"
    __table_args__ = (UniqueConstraint("store_id", "number"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(30))
    seq: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # opening | adjustment | writeoff
    amount: Mapped[int] = mapped_column(Integer)  # signed: + owes more, − owes less
    reason: Mapped[str] = mapped_column(Text)
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    business_date: Mapped[date] = mapped_column(Date)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    entry_id: Mapped[str] = mapped_column(String(26))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class CreditNote(Base):
    """A return against a posted bill (its own gapless series, ``CN-26-0001``). Insert-only in practice:
    a credit note is never edited; its money moved through the ledger (``credit_entry_id``) and payments."""

    __tablename__ = "credit_notes"
    __table_args__ = (
        UniqueConstraint("store_id", "number"),
        Index("ix_credit_notes_store_bill", "store_id", "bill_id"),
        Index("ix_credit_notes_store_date", "store_id", "business_date"),
        Index("ix_credit_notes_customer", "store_id", "customer_id", "total"),   # 0022: a customer's notes
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(30))
    seq: Mapped[int] = mapped_column(Integer)
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    business_date: Mapped[date] = mapped_column(Date)
    net: Mapped[int] = mapped_column(Integer)            # Σ lines' value before tax
    tax: Mapped[int] = mapped_column(Integer)            # Σ lines' tax
    retail_value: Mapped[int] = mapped_column(Integer)   # Σ lines' amount (net + tax)
    total: Mapped[int] = mapped_column(Integer)          # what the customer is credited (0 on a complimentary bill)
    complimentary: Mapped[bool] = mapped_column(Boolean, default=False)
    refund_method: Mapped[str] = mapped_column(String(10))  # cash | card | upi | account | none
    to_bill: Mapped[int] = mapped_column(Integer, default=0)     # lowered what the bill still had pending
    to_dues: Mapped[int] = mapped_column(Integer, default=0)     # settled the customer's older dues (account)
    to_account: Mapped[int] = mapped_column(Integer, default=0)  # left as credit on the customer's account
    refunded: Mapped[int] = mapped_column(Integer, default=0)    # paid back by refund_method
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    credit_entry_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class CreditNoteLine(Base):
    """One returned line: ``qty`` in thousandths of its bill line's unit, like ``bill_lines.qty`` (compared
    against what was sold)."""

    __tablename__ = "credit_note_lines"
    __table_args__ = (
        Index("ix_credit_note_lines_note", "credit_note_id", "store_id"),
        # What was returned of each line, summed from the index alone (returnable quantities, the check).
        Index("ix_credit_note_lines_bill", "bill_id", "bill_line_id", "qty"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    credit_note_id: Mapped[str] = mapped_column(ForeignKey("credit_notes.id"))
    bill_id: Mapped[str] = mapped_column(ForeignKey("bills.id"))
    bill_line_id: Mapped[str] = mapped_column(ForeignKey("bill_lines.id"))
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    description: Mapped[str] = mapped_column(String(300))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    tax_rate_bp: Mapped[int] = mapped_column(Integer, default=0)
    net: Mapped[int] = mapped_column(Integer)
    tax: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    # The cess part of ``tax``, reversed in proportion like the tax (migration 0017).
    cess: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class LedgerEntry(Base):
    """One charge (+) or credit (−) on a customer's account. Insert-only."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        # amount rides along: balances per customer (integrity check) read the index only.
        Index("ix_ledger_store_customer_posted", "store_id", "customer_id", "posted_at", "amount"),
        # Movements per day (the balances window's 90-day line); created by the migration's raw SQL.
        Index("ix_ledger_store_day", "store_id", text("substr(posted_at, 1, 10)"), "amount"),
        Index("ix_ledger_chain", "chain_till", "chain_seq"),  # a till's chain in order (migration 0016)
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Integer)
    bill_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    payment_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    adjustment_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    document: Mapped[str] = mapped_column(String(30), default="")
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    user_name: Mapped[str] = mapped_column(String(100), default="")
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # The tamper-evident chain (services/chain.py, migration 0016): the till that wrote the row, its place in
    # that till's chain and SHA-256 over the row's sealed columns and the previous row's hash.
    chain_till: Mapped[str | None] = mapped_column(String(26), nullable=True)
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Allocation(Base):
    """Ties part of a credit to part of a charge. Insert-only; a negative row reverses."""

    __tablename__ = "allocations"
    __table_args__ = (
        # What is allocated per entry, summed from the index alone (integrity check, voids).
        Index("ix_allocations_credit_entry_id", "credit_entry_id", "store_id", "amount"),
        Index("ix_allocations_charge_entry_id", "charge_entry_id", "store_id", "amount"),
        # A customer's allocations, index only (migration 0012: the incremental check, reproject).
        Index("ix_allocations_customer", "store_id", "customer_id", "credit_entry_id", "charge_entry_id", "amount"),
        Index("ix_allocations_chain", "chain_till", "chain_seq"),  # the chain in order (migration 0016)
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[str] = mapped_column(String(26))
    credit_entry_id: Mapped[str] = mapped_column(ForeignKey("ledger_entries.id"))
    charge_entry_id: Mapped[str] = mapped_column(ForeignKey("ledger_entries.id"))
    amount: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The tamper-evident chain (services/chain.py, migration 0016): the till that wrote the row, its place in
    # that till's chain and SHA-256 over the row's sealed columns and the previous row's hash.
    chain_till: Mapped[str | None] = mapped_column(String(26), nullable=True)
    chain_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    chain_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class OpenItem(Base):
    """Cached projection: what is still open on a charge or credit (row gone when 0)."""

    __tablename__ = "open_items"
    # With ``open_amount``: the balances window's aging sums from the index alone (migration 0023).
    __table_args__ = (Index("ix_open_items_customer", "store_id", "customer_id", "side", "due_date", "open_amount"),)
    entry_id: Mapped[str] = mapped_column(ForeignKey("ledger_entries.id"), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[str] = mapped_column(String(26))
    side: Mapped[str] = mapped_column(String(6))  # charge | credit
    open_amount: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    bill_id: Mapped[str | None] = mapped_column(String(26), nullable=True, index=True)


class CheckSeal(Base):
    """One closed business day's rows sealed by the integrity check (migration 0012; till-local, not synced).

    Per sealed table (``services/seals.py::TABLES``): the rowid mark its rows end at, their count and
    money total; ``digest`` is the SHA-256 over their columns, ``hash`` chains the seal to ``prev_hash``."""

    __tablename__ = "check_seals"
    __table_args__ = (UniqueConstraint("store_id", "day"),)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    sealed_at: Mapped[datetime] = mapped_column(DateTime)
    entries_to: Mapped[int] = mapped_column(Integer)
    entries_rows: Mapped[int] = mapped_column(Integer)
    entries_total: Mapped[int] = mapped_column(Integer)
    allocations_to: Mapped[int] = mapped_column(Integer)
    allocations_rows: Mapped[int] = mapped_column(Integer)
    allocations_total: Mapped[int] = mapped_column(Integer)
    bills_to: Mapped[int] = mapped_column(Integer)
    bills_rows: Mapped[int] = mapped_column(Integer)
    bills_total: Mapped[int] = mapped_column(Integer)
    lines_to: Mapped[int] = mapped_column(Integer)
    lines_rows: Mapped[int] = mapped_column(Integer)
    lines_total: Mapped[int] = mapped_column(Integer)
    payments_to: Mapped[int] = mapped_column(Integer)
    payments_rows: Mapped[int] = mapped_column(Integer)
    payments_total: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class CheckState(Base):
    """A customer's verified replay state at a seal (migration 0022; till-local, not synced, insert-only): its
    projection at the seal's entries mark (``open`` as JSON; NULL where no state could be made), covered by the
    seal's SHA-256 (docs/architecture.md §3.5, ``services/seals.py``, ``services/ledger.py::states_at``)."""

    __tablename__ = "check_states"
    __table_args__ = (ForeignKeyConstraint(["store_id", "seq"], ["check_seals.store_id", "check_seals.seq"]),
                      Index("ix_check_states_customer", "store_id", "customer_id", "seq"))
    store_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    posted_at: Mapped[str | None] = mapped_column(String(32), nullable=True)
    entries_to: Mapped[int] = mapped_column(Integer)
    balance: Mapped[int] = mapped_column(Integer)
    open: Mapped[str | None] = mapped_column(Text, nullable=True)


class ChainHead(Base):
    """Where this till's chains end (services/chain.py, migration 0016; till-local, never synced): per store and
    stream (``ledger``: bills, payments and ledger entries; ``allocations``), the till's chain id and the last
    sequence number and hash. Read and moved only inside a write transaction (``BEGIN IMMEDIATE``)."""

    __tablename__ = "chain_heads"
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    stream: Mapped[str] = mapped_column(String(12), primary_key=True)
    till: Mapped[str] = mapped_column(String(26))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class LedgerPurge(Base):
    """Demo customers whose ledger rows may be deleted, listed only inside the demo removal's transaction
    (``services.ledger.purge_demo_books``); the insert-only guards refuse every other delete."""

    __tablename__ = "ledger_purges"
    customer_id: Mapped[str] = mapped_column(String(26), primary_key=True)


class Sequence(Base):
    """Gapless document numbers per store, series and year (incremented inside the sale's transaction)."""

    __tablename__ = "sequences"
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_store_at", "store_id", "at"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(100))
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")


class Shift(Base):
    """This till's cash drawer from its opening float to its count (docs/architecture.md §5).

    Open while ``closed_at`` is NULL (at most one at a time). ``expected_cash``, ``counted_cash``
    and ``variance`` (counted − expected) are recorded at the close; ``counted_notes`` holds the
    denomination count as JSON (``{"50000": 3, …}``), empty when one figure was entered.
    """

    __tablename__ = "shifts"
    __table_args__ = (
        UniqueConstraint("store_id", "number"),
        Index("ix_shifts_store_open", "store_id", "closed_at"),
        Index("ix_shifts_store_date", "store_id", "business_date"),
        Index("ux_shifts_one_open", "store_id", "is_demo", unique=True, sqlite_where=text("closed_at IS NULL")),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    number: Mapped[str] = mapped_column(String(30))
    seq: Mapped[int] = mapped_column(Integer)
    till: Mapped[str] = mapped_column(String(100), default="")
    user_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    user_name: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    business_date: Mapped[date] = mapped_column(Date)
    opening_float: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    expected_cash: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted_cash: Mapped[int | None] = mapped_column(Integer, nullable=True)
    counted_notes: Mapped[str] = mapped_column(Text, default="")
    variance: Mapped[int | None] = mapped_column(Integer, nullable=True)
    close_note: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class ShiftCashMove(Base):
    """Cash put into (``in``) or taken out of (``out``) the drawer during a shift, with a reason."""

    __tablename__ = "shift_cash_moves"
    __table_args__ = (Index("ix_shift_cash_moves_shift", "shift_id", "kind", "amount"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"))
    kind: Mapped[str] = mapped_column(String(10))  # in | out
    amount: Mapped[int] = mapped_column(Integer)   # positive
    reason: Mapped[str] = mapped_column(Text)
    posted_at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(100))
    authorised_by: Mapped[str | None] = mapped_column(String(100), nullable=True)


class HeldCart(Base):
    __tablename__ = "held_carts"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    user_name: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Printer(Base):
    __tablename__ = "printers"
    __table_args__ = (UniqueConstraint("store_id", "name"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    name: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(200))
    width: Mapped[int] = mapped_column(Integer, default=42)
    profile: Mapped[str] = mapped_column(String(60), default="default")
    symbol_mode: Mapped[str] = mapped_column(String(10), default="image")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    cut: Mapped[bool] = mapped_column(Boolean, default=True)
    drawer_kick: Mapped[bool] = mapped_column(Boolean, default=False)


class PrintJob(Base):
    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_store_status", "store_id", "status"),
                      Index("ix_print_jobs_document", "store_id", "document_ref", "created_at"))
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    printer_id: Mapped[str | None] = mapped_column(String(26), nullable=True)
    document_kind: Mapped[str] = mapped_column(String(12))  # sale | collection | test | day
    document_ref: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# ---------------------------------------------------------------- several tills (the hub)

class SyncTill(Base):
    """This book's identity as a till of a hub (one row once registered; none on a single-till book).

    The hub URL is kept without its password (that lives in the user's credentials file).
    ``applying`` is 1 only inside a transaction that writes rows pulled from the hub, so the
    outbox triggers do not send them back.
    """

    __tablename__ = "sync_till"
    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the till's id on the hub
    business_id: Mapped[str] = mapped_column(String(26))
    business_name: Mapped[str] = mapped_column(String(200), default="")
    store_id: Mapped[str] = mapped_column(ForeignKey("stores.id"))
    code: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(100), default="")
    hub_url: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    last_push_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_pull_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    applying: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncOutbox(Base):
    """Rows written or changed since the last push, in order; filled by triggers in the writing transaction."""

    __tablename__ = "sync_outbox"
    __table_args__ = {"sqlite_autoincrement": True}
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    tbl: Mapped[str] = mapped_column(String(20))
    row_id: Mapped[str] = mapped_column(String(26))


class SyncVersion(Base):
    """A master row's version (last writer wins on the hub): bumped by a trigger on each change here."""

    __tablename__ = "sync_versions"
    tbl: Mapped[str] = mapped_column(String(20), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class SyncCursor(Base):
    """Where this till's pull stands in one synced table of the hub (SQLite INTEGER is 64-bit): the
    last ``(hub_xid, hub_seq)`` it never needs again, moved in the same transaction as the rows it
    covers (``possuite.hub.pull``)."""

    __tablename__ = "sync_cursors"
    tbl: Mapped[str] = mapped_column(String(20), primary_key=True)
    hub_xid: Mapped[int] = mapped_column(Integer, default=0)
    hub_seq: Mapped[int] = mapped_column(Integer, default=0)
