"""Shared by the robustness tests and their child processes: a seeded store, and the checks
that prove a database file whole after a crash (beyond ``possuite check``).

``half_written`` looks for what a torn transaction would leave behind: a bill without lines,
payments or ledger rows pointing at nothing, a number series whose counter ran ahead of its
documents. ``possuite check`` (services.integrity) covers the ledger invariants.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from possuite.db.engine import open_database
from possuite.domain.clock import FixedClock
from possuite.services.app import open_context
from possuite.services.catalog import add_item
from possuite.services.collections import adjust
from possuite.services.context import CLI_ACTOR
from possuite.services.customers import add_customer
from possuite.services.integrity import run_checks
from possuite.services.users import init_store

#: Figures the tests print in the terminal summary (see conftest.py).
FIGURES: list[str] = []

#: option name -> (environment variable, default); see conftest.py.
OPTION_DEFAULTS = {"kills": ("POSSUITE_KILLS", 200), "till_ops": ("POSSUITE_TILL_OPS", 500),
                   "tills": ("POSSUITE_TILLS", 4), "crash_seed": ("POSSUITE_CRASH_SEED", None)}


def robust_option(config, name: str):
    """A robustness option: the command line, else its environment variable, else the default."""
    value = config.getoption(name, default=None)
    if value is not None:
        return value
    env, default = OPTION_DEFAULTS[name]
    text = os.environ.get(env, "").strip()
    return int(text) if text else default


SEED_NOW = datetime(2026, 11, 1, 9, 0, 0)
PHONES = [f"98{n:08d}" for n in range(10_000_001, 10_000_041)]


def seed_store(path: Path, customers: int = 8, opening: int = 150_000, printer: Path | None = None) -> list[str]:
    """A store with items and ``customers`` customers, each opening with ``opening`` owed. Returns their ids.

    With ``printer``, a default file printer writing there (so every sale queues its receipt).
    """
    clock = FixedClock(SEED_NOW)
    engine = open_database(path)
    try:
        init_store(engine, clock, store="Crash Test Salon", owner="Owner", pin="1234")
        ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
        add_item(ctx, "Haircut", "350")
        add_item(ctx, "Shampoo 200ml", "249.50", tax_rate="18", kind="product")
        add_item(ctx, "Facial", "1200", tax_rate="18", tax_inclusive=True)
        add_item(ctx, "Beard trim", "99.99", tax_rate="5")
        if printer is not None:
            from possuite.services.printers import add_printer

            add_printer(ctx, "Counter", "file", str(printer), default=True)
        ids = []
        for i in range(customers):
            c = add_customer(ctx, f"Customer {i + 1}", PHONES[i])
            if opening:
                adjust(ctx, c.id, opening, "opening balance from the paper book", kind="opening")
            ids.append(c.id)
        return ids
    finally:
        engine.dispose()


HALF_WRITTEN_SQL: dict[str, str] = {
    "bill without lines": "SELECT number FROM bills b WHERE NOT EXISTS (SELECT 1 FROM bill_lines l "
                          "WHERE l.bill_id = b.id)",
    "bill line without bill": "SELECT id FROM bill_lines l WHERE NOT EXISTS (SELECT 1 FROM bills b "
                              "WHERE b.id = l.bill_id)",
    "sale payment without bill": "SELECT id FROM payments p WHERE p.kind = 'sale' AND (p.bill_id IS NULL OR "
                                 "NOT EXISTS (SELECT 1 FROM bills b WHERE b.id = p.bill_id))",
    "collection without number": "SELECT id FROM payments WHERE kind = 'collection' AND (number IS NULL "
                                 "OR seq IS NULL)",
    "payment credit without ledger entry": "SELECT id FROM payments p WHERE p.credit_entry_id IS NOT NULL AND "
                                           "NOT EXISTS (SELECT 1 FROM ledger_entries e "
                                           "WHERE e.id = p.credit_entry_id)",
    "collection without ledger entry": "SELECT number FROM payments WHERE kind = 'collection' AND "
                                       "credit_entry_id IS NULL",
    "ledger entry without its bill": "SELECT id FROM ledger_entries e WHERE e.bill_id IS NOT NULL AND "
                                     "NOT EXISTS (SELECT 1 FROM bills b WHERE b.id = e.bill_id)",
    "sale charge without bill": "SELECT id FROM ledger_entries WHERE kind = 'sale' AND bill_id IS NULL",
    "ledger entry without its payment": "SELECT id FROM ledger_entries e WHERE e.payment_id IS NOT NULL AND "
                                        "NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = e.payment_id)",
    "ledger entry without its adjustment": "SELECT id FROM ledger_entries e WHERE e.adjustment_id IS NOT NULL "
                                           "AND NOT EXISTS (SELECT 1 FROM adjustments a "
                                           "WHERE a.id = e.adjustment_id)",
    "bill on account without charge": "SELECT number FROM bills b WHERE b.customer_id IS NOT NULL AND "
                                      "b.total > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e "
                                      "WHERE e.id = b.charge_entry_id)",
    "adjustment without ledger entry": "SELECT number FROM adjustments a WHERE NOT EXISTS (SELECT 1 FROM "
                                      "ledger_entries e WHERE e.id = a.entry_id)",
    "allocation to a missing entry": "SELECT id FROM allocations a WHERE NOT EXISTS (SELECT 1 FROM "
                                     "ledger_entries e WHERE e.id = a.charge_entry_id) OR NOT EXISTS "
                                     "(SELECT 1 FROM ledger_entries e WHERE e.id = a.credit_entry_id)",
    "void without audit entry": "SELECT number FROM bills b WHERE voided_at IS NOT NULL AND NOT EXISTS "
                                "(SELECT 1 FROM audit_log a WHERE a.action = 'void' AND a.target = b.number)",
    "adjustment without audit entry": "SELECT number FROM adjustments d WHERE NOT EXISTS (SELECT 1 FROM "
                                      "audit_log a WHERE a.action = 'adjustment' AND a.target = d.number)",
    "print job for a missing document": "SELECT document_ref FROM print_jobs j WHERE j.document_kind = 'sale' "
                                        "AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.number = j.document_ref) "
                                        "UNION ALL SELECT document_ref FROM print_jobs j WHERE "
                                        "j.document_kind = 'collection' AND NOT EXISTS (SELECT 1 FROM payments p "
                                        "WHERE p.number = j.document_ref)",
}

# series in `sequences` -> (table, extra condition): the counter must equal the documents' count.
SERIES = {"SAL": ("bills", ""), "RCP": ("payments", "AND kind = 'collection'"), "ADJ": ("adjustments", "")}


def half_written(con: sqlite3.Connection) -> list[str]:
    out = []
    for label, sql in HALF_WRITTEN_SQL.items():
        rows = con.execute(sql).fetchall()
        if rows:
            out.append(f"{label}: {len(rows)} e.g. {rows[0][0]}")
    return out


def numbering(con: sqlite3.Connection) -> list[str]:
    """Every series gapless from 1 and its counter equal to the last number used."""
    out = []
    for series, (table, cond) in SERIES.items():
        for year, last in con.execute("SELECT year, last_value FROM sequences WHERE series = ?", (series,)):
            seqs = sorted(r[0] for r in con.execute(
                f"SELECT seq FROM {table} WHERE CAST(strftime('%Y', business_date) AS INTEGER) = ? {cond}",
                (year,)))
            if seqs != list(range(1, len(seqs) + 1)):
                out.append(f"{series} {year}: numbers are not 1..{len(seqs)} without gaps/duplicates")
            if last != len(seqs):
                out.append(f"{series} {year}: counter at {last} but {len(seqs)} documents")
    return out


@dataclass
class Verdict:
    findings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def verify_file(path: Path, *, full: bool = False) -> Verdict:
    """Open the file as the app would, then run every check; ``full`` adds PRAGMA integrity_check."""
    v = Verdict()
    engine = open_database(path, create=False)
    try:
        ctx = open_context(engine=engine, path=path, clock=FixedClock(SEED_NOW), actor=CLI_ACTOR)
        v.findings += [f"possuite check: {f}" for f in run_checks(ctx)]
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:
        pragma = "integrity_check" if full else "quick_check"
        result = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        if result != ["ok"]:
            v.findings.append(f"{pragma}: {result[:3]}")
        v.findings += half_written(con)
        v.findings += numbering(con)
        for table in ("bills", "payments", "adjustments", "ledger_entries", "print_jobs"):
            v.counts[table] = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()
    return v


def present_documents(path: Path) -> dict[str, set[str]]:
    """What the file holds, by kind, to compare with what a child reported committed."""
    con = sqlite3.connect(path)
    try:
        return {
            "SAL": {r[0] for r in con.execute("SELECT number FROM bills")},
            "VOID": {r[0] for r in con.execute("SELECT number FROM bills WHERE voided_at IS NOT NULL")},
            "RCP": {r[0] for r in con.execute("SELECT number FROM payments WHERE kind = 'collection'")},
            "ADJ": {r[0] for r in con.execute("SELECT number FROM adjustments")},
            "CUST": {r[0] for r in con.execute("SELECT id FROM customers")},
        }
    finally:
        con.close()


def read_reports(path: Path) -> list[tuple[str, str]]:
    """The complete lines ``KIND VALUE`` a child wrote (a torn last line is ignored)."""
    if not path.exists():
        return []
    data = path.read_text(encoding="utf-8", errors="replace")
    lines = data.split("\n")[:-1]  # the piece after the last newline may be torn
    out = []
    for ln in lines:
        kind, _, value = ln.partition(" ")
        out.append((kind, value))
    return out


SHOP_PHONE = "9822000001"


def make_shop(path: Path) -> Path:
    """The shop the hostile-input tests attack: store 'Glow Salon' (owner PIN 1234), Priya owing ₹1,000
    (phone 9822000001), item HC (Haircut ₹300), one paid bill SAL-26-0001. Made once per module."""
    from possuite.domain.cart import CartLine
    from possuite.domain.ledger import Tender
    from possuite.services.checkout import SaleRequest, complete_sale

    clock = FixedClock(datetime(2026, 11, 1, 10, 0))
    engine = open_database(path)
    try:
        init_store(engine, clock, store="Glow Salon", owner="Owner", pin="1234")
        ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
        add_item(ctx, "Haircut", "300", sku="HC")
        priya = add_customer(ctx, "Priya Sharma", SHOP_PHONE)
        adjust(ctx, priya.id, 100_000, "opening balance", kind="opening")
        complete_sale(ctx, SaleRequest([CartLine("Facial", 1000, 60_000)], tenders=[Tender("cash", 60_000)]))
    finally:
        engine.dispose()
    return path
