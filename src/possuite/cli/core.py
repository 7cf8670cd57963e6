"""The core commands: init, users, customers, items, sell, collect, adjust, void, bills, balances, check."""

from __future__ import annotations

import argparse
from datetime import date

from possuite.bootstrap import prepare_user_folders
from possuite.cli.env import CliEnv, CliError, reads_on_hub
from possuite.db.engine import open_database
from possuite.domain import quantity
from possuite.domain.cart import CartLine, Discount, format_percent, parse_discount
from possuite.domain.clock import parse_date
from possuite.domain.errors import ValidationError
from possuite.domain.ledger import TENDER_METHODS, Tender
from possuite.domain.money import format_money, parse_money, parse_percent_bp
from possuite.domain.status import STATUSES
from possuite.i18n import LANGUAGES
from possuite.services import check_process
from possuite.services.balances import customer_balances, summary
from possuite.services.bills import get_bill, list_bills
from possuite.services.catalog import add_item, cart_line, edit_item, find_item, list_items, scan_line
from possuite.services.customers import add_customer, deactivate_customer, edit_customer, get_customer, list_customers
from possuite.services.duplicates import likely_duplicates, merge_customers
from possuite.services.integrity import CHECKS, read_back_seals, rebuild_projection, run_checks, run_incremental
from possuite.services.store_settings import StoreView, show_store, update_settings
from possuite.services.users import add_user, check_language, init_store, list_users, set_language, set_pin


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create the store and its owner in a new database")
    p.add_argument("--store", required=True, metavar="NAME")
    p.add_argument("--currency", default="INR")
    p.add_argument("--credit-days", type=int, default=30)
    p.add_argument("--invoice-prefix", default="SAL")
    p.add_argument("--owner", default="Owner", metavar="NAME")
    p.add_argument("--pin", metavar="PIN", help="the owner's PIN (4-12 digits) for the till")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--tax-id", default="", metavar="GSTIN", help="the store's GSTIN (India) or tax id")
    p.add_argument("--state", metavar="CODE", help="GST state code, e.g. 29 (Karnataka); a GSTIN implies it")
    p.add_argument("--gst", choices=["regular", "composition", "unregistered"],
                   help="GST registration (a GSTIN alone means regular)")
    p.add_argument("--upi-id", default="")
    p.add_argument("--allow-advances", action="store_true", help="keep overpayments as customer credit")
    p.add_argument("--shifts", action="store_true",
                   help="selling needs an open shift (opening float, count at close); off unless given")
    p.set_defaults(func=cmd_init)

    store = sub.add_parser("store", help="the store's settings").add_subparsers(dest="sub", required=True)
    p = store.add_parser("show")
    p.set_defaults(func=cmd_store_show)
    p = store.add_parser("set", help="owner: change store settings (audited)")
    p.add_argument("--store", dest="name", metavar="NAME")
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument("--tax-id", metavar="GSTIN", help="the store's GSTIN; '' removes it")
    p.add_argument("--state", metavar="CODE", help="GST state code, e.g. 29 (Karnataka)")
    p.add_argument("--gst", choices=["regular", "composition", "unregistered"])
    p.add_argument("--upi-id")
    p.add_argument("--credit-days", type=int)
    p.add_argument("--return-days", type=int, metavar="N", help="a cashier may take returns of bills up to N days old")
    p.add_argument("--invoice-prefix")
    p.add_argument("--currency", help="only while the book has no bills")
    p.add_argument("--allow-advances", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument("--cashier-may-comp", action=argparse.BooleanOptionalAction, default=None,
                   help="cashiers may give complimentary bills")
    p.add_argument("--cashier-max-discount", metavar="PCT|none",
                   help="the largest bill discount a cashier gives without the owner's PIN ('none': no limit)")
    p.add_argument("--shifts", choices=["on", "off"], help="whether selling needs an open shift at the till")
    p.add_argument("--receipt-language", metavar="en|hi",
                   help="the language this till prints receipts in, whatever the screen's language")
    p.add_argument("--digits", choices=["western", "devanagari"],
                   help="amounts for Hindi readers (screens, receipts, slips, PDFs) in Western (0-9, the default) "
                        "or Devanagari digits")
    p.add_argument("--scale-barcode", metavar="LAYOUT|none",
                   help="this till's weighing-scale labels, as the scale's manual draws them: "
                        "'21 IIIII WWWWW C' (weight in grams), '22 IIIII $$$$$ C' (price), 'x10' after it for "
                        "10-gram steps; 'none' for no scale")
    p.set_defaults(func=cmd_store_set)

    user = sub.add_parser("user", help="till users (owner and cashiers)").add_subparsers(dest="sub", required=True)
    p = user.add_parser("add")
    p.add_argument("name")
    p.add_argument("--role", choices=["owner", "cashier"], default="cashier")
    p.add_argument("--pin", required=True)
    p.add_argument("--language", metavar="LANG", help="the user's screen language: " + ", ".join(LANGUAGES)
                   + " (default en)")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("edit", help="change a user's settings: their screen language")
    p.add_argument("name")
    p.add_argument("--language", metavar="LANG", required=True,
                   help="the language the user's screen speaks: " + ", ".join(LANGUAGES))
    p.set_defaults(func=cmd_user_edit)
    p = user.add_parser("pin", help="set a user's PIN (also unlocks them)")
    p.add_argument("name")
    p.add_argument("--pin", required=True)
    p.set_defaults(func=cmd_user_pin)

    cust = sub.add_parser("customer", help="customers").add_subparsers(dest="sub", required=True)
    p = cust.add_parser("add")
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    p.add_argument("--credit-limit", metavar="AMT")
    p.add_argument("--notes", default="")
    p.add_argument("--gstin", help="a business buyer's GSTIN (B2B invoices)")
    p.add_argument("--state", metavar="CODE", help="GST state code; a GSTIN implies it")
    p.set_defaults(func=cmd_customer_add)
    p = reads_on_hub(cust.add_parser("list"))
    p.add_argument("--search", default="")
    p.add_argument("--owing", action="store_true")
    p.add_argument("--inactive", action="store_true", help="list deactivated customers instead")
    p.set_defaults(func=cmd_customer_list)
    p = reads_on_hub(cust.add_parser("show"))
    p.add_argument("ref", metavar="REF")
    p.set_defaults(func=cmd_customer_show)
    p = cust.add_parser("edit")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--name")
    p.add_argument("--phone")
    p.add_argument("--credit-limit", metavar="AMT", help="an amount, or 'none' to remove the limit")
    p.add_argument("--notes")
    p.add_argument("--gstin", help="a business buyer's GSTIN; '' removes it")
    p.add_argument("--state", metavar="CODE", help="GST state code; '' removes it")
    p.set_defaults(func=cmd_customer_edit)
    p = cust.add_parser("deactivate")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--reason", default="")
    p.add_argument("--write-off", action="store_true", help="write off what the customer owes")
    p.set_defaults(func=cmd_customer_deactivate)
    p = cust.add_parser("duplicates", help="likely duplicate customers (owner): same phone, or same name and a "
                                           "similar phone")
    p.set_defaults(func=cmd_customer_duplicates)
    p = cust.add_parser("merge", help="merge OTHER into KEEP (owner): both histories kept, OTHER's balance moves "
                                      "to KEEP, OTHER deactivated")
    p.add_argument("keep", metavar="KEEP", help="the customer who stays (id or phone)")
    p.add_argument("other", metavar="OTHER", help="the customer merged into KEEP (id or phone)")
    p.add_argument("--reason", default="", metavar="T")
    p.set_defaults(func=cmd_customer_merge)

    item = sub.add_parser("item", help="catalog items").add_subparsers(dest="sub", required=True)
    p = item.add_parser("add")
    p.add_argument("--name", required=True)
    p.add_argument("--price", required=True, metavar="AMT")
    p.add_argument("--sku")
    p.add_argument("--barcode")
    p.add_argument("--tax-rate", metavar="PCT", help="GST rate, any rate from 0 to 100 (e.g. 5, 18, 40)")
    p.add_argument("--tax-inclusive", action="store_true")
    p.add_argument("--hsn", metavar="CODE", help="HSN (goods: 4, 6 or 8 digits) or SAC (services: 99xxxx)")
    p.add_argument("--kind", choices=["service", "product"], default="service")
    p.add_argument("--unit", default="piece", metavar="UNIT",
                   help="what it is counted in: piece (default), kg, g, l, m or strip (priced per strip)")
    p.add_argument("--pack-size", metavar="N", help="tablets in a strip (required with --unit strip)")
    p.add_argument("--cess", metavar="PCT", help="GST compensation cess, ad valorem, a percentage like the GST rate "
                                                 "(e.g. 12, 0.5; up to 1000); none by default")
    p.set_defaults(func=cmd_item_add)
    p = item.add_parser("edit", help="owner: change an item's price, HSN/SAC code, GST rate or cess (audited)")
    p.add_argument("item", metavar="ITEM", help="SKU, barcode, exact name or id")
    p.add_argument("--price", metavar="AMT", help="the new price (bills posted keep theirs; a running till's cart "
                                                  "keeps the lines scanned before)")
    p.add_argument("--hsn", metavar="CODE", help="HSN (goods: 4, 6 or 8 digits) or SAC (services: 99xxxx); "
                                                 "\"\" clears it")
    p.add_argument("--tax-rate", metavar="PCT", help="GST rate, any rate from 0 to 100 (e.g. 5, 18, 40)")
    p.add_argument("--cess", metavar="PCT", help="GST compensation cess, ad valorem, a percentage like the GST rate "
                                                 "(e.g. 12, 0.5; up to 1000); 0 removes it")
    p.set_defaults(func=cmd_item_edit)
    p = item.add_parser("list")
    p.add_argument("--search", default="")
    p.set_defaults(func=cmd_item_list)

    p = sub.add_parser("sell", help="complete a sale")
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--line", action="append", default=[], metavar="ITEM[*QTY]",
                   help="an item by barcode, SKU or name, or a weighing scale's label; QTY in the item's unit: "
                        "3, 1.25 (kg), 250g, 3 (tablets of a strip), 2strips (default: one piece, kg or strip)")
    p.add_argument("--line-custom", action="append", default=[], metavar="DESC=AMT")
    p.add_argument("--discount", metavar="AMT|PCT%")
    p.add_argument("--pay", action="append", default=[], metavar="METHOD:AMT")
    p.add_argument("--pending", action="store_true", help="leave what is not paid pending")
    p.add_argument("--no-payment", action="store_true", help="leave the whole bill pending")
    p.add_argument("--complimentary", action="store_true")
    p.add_argument("--reason", default="")
    p.add_argument("--no-apply-to-dues", action="store_true", help="give change instead of settling old dues")
    p.add_argument("--due", metavar="YYYY-MM-DD")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_sell)

    p = sub.add_parser("collect", help="collect dues without a bill")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--amount", required=True, metavar="AMT")
    p.add_argument("--method", required=True, choices=["cash", "card", "upi", "other"])
    p.add_argument("--reference", default="")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_collect)

    p = sub.add_parser("adjust", help="owner: opening balance / debit (+) or write-off (-)")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--amount", required=True, metavar="[+|-]AMT")
    p.add_argument("--reason", required=True)
    p.add_argument("--opening", action="store_true", help="record a + amount as an opening balance")
    p.set_defaults(func=cmd_adjust)

    p = sub.add_parser("void", help="owner: void a bill with reversing entries")
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_void)

    p = reads_on_hub(sub.add_parser("bills", help="list bills"))
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--customer", metavar="REF")
    p.add_argument("--from", dest="date_from", metavar="D")
    p.add_argument("--to", dest="date_to", metavar="D")
    p.add_argument("--number")
    p.add_argument("--sort", default="date", choices=["date", "total", "status", "number", "due", "outstanding"])
    p.add_argument("--desc", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--page", type=int, default=1)
    p.set_defaults(func=cmd_bills)

    bill = sub.add_parser("bill", help="one bill").add_subparsers(dest="sub", required=True)
    p = reads_on_hub(bill.add_parser("show"))
    p.add_argument("number", metavar="NUMBER")
    p.set_defaults(func=cmd_bill_show)

    p = reads_on_hub(sub.add_parser("balances", help="who owes what and since when"))
    p.add_argument("--limit", type=int, default=100_000)
    p.add_argument("--over-limit", action="store_true", help="only customers who owe more than their credit limit")
    p.set_defaults(func=cmd_balances)

    p = reads_on_hub(sub.add_parser("check", help="verify every invariant of the book, or of a hub "
                                                  "(exit 1 with findings)"))
    p.add_argument("--rebuild", action="store_true",
                   help="owner: first rebuild the cached ledger projection from the entries (one transaction)")
    p.add_argument("--incremental", action="store_true",
                   help="only what changed since the last sealed day, and the seals; then seal the days "
                        "completed since (the whole book the first time)")
    p.add_argument("--seals", action="store_true",
                   help="also read every sealed day back against its rows (as the app's daily background "
                        "check does; about as long again as the check at shop scale)")
    p.set_defaults(func=cmd_check)
    check_sub = p.add_subparsers(dest="sub", metavar="worker")
    w = check_sub.add_parser("worker", help="the app's scheduled full check in the background (the app starts "
                                            "it; one JSON line back)",
                             description="The app's full check in a process of its own, at a lower priority "
                                         "than the till: checks the whole book, reads every sealed day back and, "
                                         "when nothing is found, seals the completed days (as the app's daily "
                                         'check does); answers with one JSON line ({"result": …}) and sends its '
                                         'log records the same way ({"log": …}); ends when standard input ends.')
    w.set_defaults(func=cmd_check_worker)


# ---------------------------------------------------------------- helpers

def _money(env: CliEnv, text: str, field: str, **kw) -> int:
    return parse_money(text, field, env.ctx().currency, **kw)


def _fmt(env: CliEnv, minor: int | None) -> str:
    return "-" if minor is None else format_money(minor, env.ctx().currency)


def _date(text: str | None, field: str) -> date | None:
    return parse_date(text, field) if text else None


def _row_stores(rows) -> dict[str, str]:
    """Each row's store where the list spans stores (the hub's back office: the services name it in the
    row, ``Context.store_of_row``); empty on a book or one store."""
    return {r.id: r.store for r in rows if r.store}


def _store_col(stores: dict[str, str], row_id: str) -> str:
    """On a hub, the row's store as the first column of a text listing; on a book, nothing."""
    return f"{stores.get(row_id, '-')[:16]:<16} " if stores else ""


def _with_store(data: dict, stores: dict[str, str], row_id: str) -> dict:
    """On a hub, the row's JSON with the store it belongs to (``store``); on a book, unchanged."""
    return {**data, "store": stores.get(row_id)} if stores else data


def _customer_text(env: CliEnv, c) -> str:
    lines = [
        f"{c.name}  ({c.id})",
        f"  phone:        {c.phone_display or '-'}",
        f"  balance:      {_fmt(env, c.balance)}{'  (owes)' if c.balance > 0 else ''}",
        f"  visits:       {c.visits}",
        f"  total spent:  {_fmt(env, c.total_spent)}",
        f"  last visit:   {c.last_visit.isoformat(sep=' ') if c.last_visit else '-'}",
        f"  credit limit: {_fmt(env, c.credit_limit)}",
        f"  active:       {'yes' if c.active else 'no'}",
    ]
    if c.gstin or c.state:
        lines.append(f"  GSTIN:        {c.gstin or '-'}  state {c.state or '-'}")
    if c.notes:
        lines.append(f"  notes:        {c.notes}")
    return "\n".join(lines)


# ---------------------------------------------------------------- commands

def cmd_init(args, env: CliEnv) -> int:

    path = env.db_path()
    fresh = not path.exists()
    engine = open_database(path)
    try:
        store_id = init_store(
            engine, env.clock(), store=args.store, owner=args.owner, pin=args.pin, currency=args.currency,
            credit_days=args.credit_days, invoice_prefix=args.invoice_prefix, address=args.address,
            phone=args.phone, tax_id=args.tax_id, upi_id=args.upi_id, allow_advances=args.allow_advances,
            shifts_required=args.shifts, state=args.state, gst_registration=args.gst)
    except ValidationError:
        engine.dispose()
        if fresh:  # bad input writes nothing: not even the empty book this run created
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()
    prepare_user_folders(env.settings, path)  # the owner's receipts/ folder, with the shipped samples
    note = "" if args.pin else "\n  note: the owner has no PIN yet; set one with `possuite user pin NAME --pin PIN`"
    env.emit(f"Created store {args.store!r} in {path}\n  owner: {args.owner}{note}",
             {"store_id": store_id, "store": args.store, "db": str(path), "owner": args.owner})
    return 0


def _store_text(s: StoreView) -> str:
    rows = [("store", s.name), ("address", s.address.replace("\n", ", ")), ("phone", s.phone),
            ("GSTIN" if s.country == "IN" else "tax id", s.tax_id), ("state", s.state_label),
            ("GST", s.gst_registration or "not set up"), ("receipts say", s.document_heading),
            ("currency", s.currency), ("credit days", str(s.credit_days)), ("invoice prefix", s.invoice_prefix),
            ("UPI id", s.upi_id), ("advances", "kept as credit" if s.allow_advances else "refused"),
            ("cashier comps", "allowed" if s.cashier_may_comp else "owner only"),
            ("returns", f"cashiers: bills up to {s.return_days} day(s) old"),
            ("cashier discount", "no limit" if s.max_cashier_discount_bp is None else
             f"up to {format_percent(s.max_cashier_discount_bp)} without the owner's PIN"),
            ("shifts", "needed to sell" if s.shifts_required else "optional"),
            ("receipts in", LANGUAGES.get(s.receipt_language, s.receipt_language)),
            ("digits", "Devanagari for Hindi (०१२३)" if s.devanagari_digits else "Western (0123)"),
            ("scale labels", s.scale_barcode or "none")]
    return "\n".join(f"{k + ':':<16}{v or '-'}" for k, v in rows)


def _limit(text: str | None):
    """``--cashier-max-discount``: a percentage, or ``none`` for no limit (None: leave it)."""
    if text is None:
        return None
    return "none" if text.strip().lower() == "none" else parse_percent_bp(text, "cashier max discount")


def cmd_store_show(args, env: CliEnv) -> int:

    s = show_store(env.ctx())
    env.emit(_store_text(s), s.as_json())
    return 0


def cmd_store_set(args, env: CliEnv) -> int:

    s = update_settings(env.ctx(), name=args.name, address=args.address, phone=args.phone, tax_id=args.tax_id,
                        state=args.state, gst_registration=args.gst, upi_id=args.upi_id,
                        credit_days=args.credit_days, invoice_prefix=args.invoice_prefix, currency=args.currency,
                        allow_advances=args.allow_advances, cashier_may_comp=args.cashier_may_comp,
                        return_days=args.return_days, max_cashier_discount_bp=_limit(args.cashier_max_discount),
                        shifts_required=None if args.shifts is None else args.shifts == "on",
                        receipt_language=args.receipt_language,
                        devanagari_digits=None if args.digits is None else args.digits == "devanagari",
                        scale_barcode=args.scale_barcode)
    env.emit("Updated\n" + _store_text(s), s.as_json())
    return 0


def cmd_user_add(args, env: CliEnv) -> int:

    u = add_user(env.ctx(), args.name, args.role, args.pin, args.language)
    env.emit(f"Added {u.role} {u.name}", {"id": u.id, "name": u.name, "role": u.role, "language": u.language})
    return 0


def cmd_user_list(args, env: CliEnv) -> int:

    users = list_users(env.ctx())
    env.emit("\n".join(f"{u.name:<20} {u.role:<8} {LANGUAGES.get(u.language, u.language)}" for u in users)
             or "(no users)",
             [{"id": u.id, "name": u.name, "role": u.role,
               "locked_until": u.locked_until.isoformat() if u.locked_until else None, "language": u.language}
              for u in users])
    return 0


def cmd_user_edit(args, env: CliEnv) -> int:
    set_language(env.ctx(), args.name, args.language)
    code = check_language(args.language)
    env.emit(f"Language of {args.name}: {LANGUAGES[code]} ({code})", {"name": args.name, "language": code})
    return 0


def cmd_user_pin(args, env: CliEnv) -> int:

    set_pin(env.ctx(), args.name, args.pin)
    env.emit(f"PIN set for {args.name}", {"name": args.name, "ok": True})
    return 0


def cmd_customer_add(args, env: CliEnv) -> int:

    c = add_customer(env.ctx(), args.name, args.phone, credit_limit=args.credit_limit, notes=args.notes,
                     gstin=args.gstin, state=args.state)
    env.emit("Added " + _customer_text(env, c), c.as_json())
    return 0


def cmd_customer_list(args, env: CliEnv) -> int:

    page = list_customers(env.ctx(), search=args.search, owing=args.owing,
                          status="inactive" if args.inactive else "active", limit=10**9)
    stores = _row_stores(page.rows)
    rows = [f"{_store_col(stores, c.id)}{c.name:<28} {c.phone_display or '-':<18} {c.visits:>5} visits  "
            f"{_fmt(env, c.balance) if c.balance else '-':>14}  {c.id}" for c in page.rows]
    env.emit("\n".join(rows) + f"\n{page.total} customer(s)" if rows else "no customers match",
             [_with_store(c.as_json(), stores, c.id) for c in page.rows])
    return 0


def cmd_customer_show(args, env: CliEnv) -> int:

    if env.on_hub:
        from possuite.hub.backoffice import customer_stores  # deferred: psycopg loads only on a hub

        found = customer_stores(env.ctx(), args.ref)
        if len(found) > 1:
            raise CliError("customer", f"{args.ref.strip()} is a customer of {len(found)} stores "
                                       f"({', '.join(found)}); choose one with --store NAME")
    c = get_customer(env.ctx(), args.ref)
    stores = env.stores_of("customers", [c.id])
    env.emit(_customer_text(env, c) + (f"\n  store:        {stores[c.id]}" if stores else ""),
             _with_store(c.as_json(), stores, c.id))
    return 0


def cmd_customer_edit(args, env: CliEnv) -> int:

    clear = args.credit_limit is not None and args.credit_limit.strip().lower() in ("none", "")
    c = edit_customer(env.ctx(), args.ref, name=args.name, phone=args.phone, notes=args.notes,
                      credit_limit=None if clear else args.credit_limit, clear_credit_limit=clear,
                      gstin=args.gstin, state=args.state)
    env.emit("Updated " + _customer_text(env, c), c.as_json())
    return 0


def cmd_customer_deactivate(args, env: CliEnv) -> int:

    c = deactivate_customer(env.ctx(), args.ref, args.reason, write_off=args.write_off)
    env.emit(f"Deactivated {c.name}; balance {_fmt(env, c.balance)}", c.as_json())
    return 0


def cmd_customer_duplicates(args, env: CliEnv) -> int:
    pairs = likely_duplicates(env.ctx())
    rows = [f"{p.keep.name:<24} {p.keep.phone_display or '-':<16} {_fmt(env, p.keep.balance):>12}  {p.keep.id}\n"
            f"{p.other.name:<24} {p.other.phone_display or '-':<16} {_fmt(env, p.other.balance):>12}  {p.other.id}"
            f"\n  ({p.why}: possuite customer merge {p.keep.id} {p.other.id})" for p in pairs]
    env.emit("\n".join(rows) + f"\n{len(pairs)} likely duplicate(s)" if rows else "no likely duplicates",
             [p.as_json() for p in pairs])
    return 0


def cmd_customer_merge(args, env: CliEnv) -> int:
    r = merge_customers(env.ctx(), args.keep, args.other, args.reason)
    moved = f"; {_fmt(env, r.moved)} moved ({', '.join(r.documents)})" if r.moved else ""
    env.emit(f"Merged {r.merged.name} ({r.merged.id}) into {r.keep.name} ({r.keep.id}){moved}; "
             f"balance {_fmt(env, r.keep.balance)}", r.as_json())
    return 0


def cmd_item_add(args, env: CliEnv) -> int:

    ctx = env.ctx()
    price = _money(env, args.price, "price")
    tax = parse_percent_bp(args.tax_rate, "tax rate") if args.tax_rate else 0
    it = add_item(ctx, args.name, price, sku=args.sku, barcode=args.barcode, tax_rate=tax,
                  tax_inclusive=args.tax_inclusive, kind=args.kind, hsn=args.hsn, unit=args.unit,
                  pack_size=args.pack_size, cess=args.cess)
    env.emit(f"Added {it.kind} {it.name} at {_fmt(env, it.price)}" + (f" (SKU {it.sku})" if it.sku else ""),
             it.as_json())
    return 0


def cmd_item_edit(args, env: CliEnv) -> int:

    price = _money(env, args.price, "price") if args.price is not None else None
    it = edit_item(env.ctx(), args.item, hsn=args.hsn, tax_rate=args.tax_rate, cess=args.cess, price=price)
    env.emit(f"{it.name}: " + (f"price {_fmt(env, it.price)}, " if price is not None else "")
             + f"HSN {it.hsn or '-'}, GST {format_percent(it.tax_rate_bp)}"
             + (f", cess {format_percent(it.cess_rate_bp)}" if it.cess_rate_bp else ""), it.as_json())
    return 0


def cmd_item_list(args, env: CliEnv) -> int:

    items = list_items(env.ctx(), args.search, limit=10**9)
    env.emit("\n".join(f"{i.name:<30} {i.sku or '-':<10} {_fmt(env, i.price):>12}  {i.kind}" for i in items)
             or "no items match", [i.as_json() for i in items])
    return 0


def _parse_lines(env: CliEnv, specs: list[str], customs: list[str]) -> list[CartLine]:

    ctx = env.ctx()
    lines: list[CartLine] = []
    for spec in specs:
        code, typed = spec, None
        head, star, tail = spec.rpartition("*")
        if star and head.strip():
            code, typed = head, tail
        if typed is None:   # one unit of sale (a piece, a kilogram, a whole strip), or a scale label's quantity
            lines.append(scan_line(ctx, code))
            continue
        item = find_item(ctx, code)
        # ITEM*3, ITEM*1.25 (kg), ITEM*250g, ITEM*2strips: thousandths of the item's unit
        try:
            qty = quantity.parse_quantity(typed, item.unit, item.pack_size, "line")
        except ValidationError as exc:
            raise ValidationError("line", f"{spec!r}: {exc.why}") from None
        lines.append(cart_line(item, ctx.store.gst_registration, qty))
    for spec in customs:
        desc, eq, amount = spec.rpartition("=")
        if not eq or not desc.strip():
            raise ValidationError("line-custom", '{spec!r} must look like "Description=AMOUNT"', spec=spec)
        lines.append(CartLine(desc.strip(), 1000, _money(env, amount, f"line-custom {desc.strip()!r} amount")))
    return lines


def _parse_tenders(env: CliEnv, specs: list[str]) -> list[Tender]:
    tenders = []
    for spec in specs:
        method, colon, amount = spec.partition(":")
        method = method.strip().lower()
        if not colon:
            raise ValidationError("pay", "{spec!r} must look like METHOD:AMOUNT (e.g. cash:500)", spec=spec)
        if method not in TENDER_METHODS:
            raise ValidationError("pay", "{method!r} is not one of {choices}",
                                  method=method, choices=', '.join(TENDER_METHODS))
        tenders.append(Tender(method, _money(env, amount, f"pay {method}", allow_zero=False)))
    return tenders


def _parse_discount(env: CliEnv, text: str | None) -> Discount:
    return parse_discount(text, env.ctx().currency)


def cmd_sell(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.checkout import SaleRequest, complete_sale

    if not args.line and not args.line_custom:
        raise CliError("line", "give at least one --line ITEM[*QTY] or --line-custom \"DESC=AMT\"")
    if args.pending and args.no_payment:
        raise CliError("pending", "choose either --pending or --no-payment, not both")
    ctx = env.ctx()
    req = SaleRequest(
        lines=_parse_lines(env, args.line, args.line_custom), customer_id=args.customer,
        discount=_parse_discount(env, args.discount), tenders=_parse_tenders(env, args.pay),
        leave_pending=args.pending, no_payment=args.no_payment, complimentary=args.complimentary,
        reason=args.reason, apply_to_dues=not args.no_apply_to_dues, due_date=_date(args.due, "due"),
        note=args.note)
    r = complete_sale(ctx, req)
    text = [f"{r.number}  {r.outcome.replace('_', ' ').upper()}  total {_fmt(env, r.total)}"]
    if r.outcome == "complimentary":
        text.append(f"  complimentary value {_fmt(env, r.retail_value)}")
    text.append(f"  paid {_fmt(env, r.paid)}  pending {_fmt(env, r.pending)}  change {_fmt(env, r.change)}")
    if r.applied_to_previous:
        text.append(f"  applied to previous balance {_fmt(env, r.applied_to_previous)}")
    if r.customer_balance is not None:
        text.append(f"  customer balance {_fmt(env, r.previous_balance)} -> {_fmt(env, r.customer_balance)}")
    if r.pending and r.due_date:
        text.append(f"  due {r.due_date.isoformat()}")
    env.emit("\n".join(text), r.as_json())
    return 0


def cmd_collect(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.collections import collect_dues

    amount = _money(env, args.amount, "amount", allow_zero=False)
    r = collect_dues(env.ctx(), args.ref, amount, args.method, args.reference, args.note)
    settled = ", ".join(f"{a['document']} {_fmt(env, a['amount'])}" for a in r.allocations) or "-"
    env.emit(f"{r.number}  collected {_fmt(env, r.amount)} by {r.method}\n"
             f"  previous balance {_fmt(env, r.previous_balance)}  remaining {_fmt(env, r.remaining_balance)}\n"
             f"  settled: {settled}", r.as_json())
    return 0


def cmd_adjust(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.collections import adjust

    amount = _money(env, args.amount, "amount", allow_negative=True, allow_sign=True, allow_zero=False)
    kind = "opening" if args.opening else None
    if args.opening and amount < 0:
        raise CliError("amount", "an opening balance must be positive")
    r = adjust(env.ctx(), args.ref, amount, args.reason, kind=kind)
    env.emit(f"{r.number}  {r.kind} {_fmt(env, r.amount)}  balance {_fmt(env, r.previous_balance)} -> "
             f"{_fmt(env, r.balance)}", r.as_json())
    return 0


def cmd_void(args, env: CliEnv) -> int:
    # deferred: pulls python-escpos and reportlab (~0.5 s); --help and other commands skip it
    from possuite.services.collections import void_bill

    r = void_bill(env.ctx(), args.number, args.reason)
    text = f"{r.number} is void (reversed {_fmt(env, r.reversed_total)})"
    if r.refund:
        text += f"\n  refund {_fmt(env, r.refund)} to the customer"
    if r.reallocated:
        text += f"\n  {_fmt(env, r.reallocated)} of its payments now settles older dues"
    env.emit(text, r.as_json())
    return 0


def cmd_bills(args, env: CliEnv) -> int:

    ctx = env.ctx()
    cust_id = get_customer(ctx, args.customer).id if args.customer else None
    page = list_bills(ctx, status=args.status, customer_id=cust_id, date_from=_date(args.date_from, "from"),
                      date_to=_date(args.date_to, "to"), number=args.number, sort=args.sort, desc=args.desc,
                      limit=args.limit, page=args.page)
    stores = _row_stores(page.rows)
    rows = [f"{_store_col(stores, b.id)}{b.number:<14} {b.posted_at.date().isoformat()}  "
            f"{(b.customer_name or 'walk-in')[:22]:<22} "
            f"{_fmt(env, b.total):>13} {_fmt(env, b.outstanding) if b.outstanding else '-':>13}  {b.status}"
            for b in page.rows]
    env.emit("\n".join(rows) + f"\npage {page.page}: {len(page.rows)} of {page.total_count} bill(s)"
             if rows else "no bills match",
             {"bills": [_with_store(b.as_json(), stores, b.id) for b in page.rows], "total_count": page.total_count,
              "page": page.page, "limit": page.limit})
    return 0


def cmd_bill_show(args, env: CliEnv) -> int:

    if env.on_hub:
        from possuite.hub.backoffice import bill_stores  # deferred: psycopg loads only on a hub

        found = bill_stores(env.ctx(), args.number)
        if len(found) > 1:
            raise CliError("bill", f"{args.number.strip().upper()} is a bill of {len(found)} stores "
                                   f"({', '.join(found)}); choose one with --store NAME")
    d = get_bill(env.ctx(), args.number)
    stores = env.stores_of("bills", [d.bill["id"]])
    j = _with_store(d.as_json(), stores, d.bill["id"])
    text = [f"{j['number']}  {j['status']}  {j['posted_at']}" + (f"  ({j['store']})" if stores else ""),
            f"  customer: {d.customer['name'] if d.customer else 'walk-in'}"]
    # One width for the quantity column (``3``, ``1.25 kg``, ``3 tab``), so a bill mixing pieces, kilograms
    # and strips keeps its price and amount columns aligned.
    qtys = [quantity.format_quantity(ln["qty_milli"], ln["unit"], ln["pack_size"]) for ln in j["lines"]]
    qty_width = max([4, *map(len, qtys)])
    for ln, qty in zip(j["lines"], qtys, strict=True):
        text.append(f"  {ln['description'][:30]:<30} {qty:>{qty_width}} x {_fmt(env, ln['unit_price']):>12}"
                    f" {_fmt(env, ln['amount']):>13}")
    text.append(f"  total {_fmt(env, j['total'])}  paid {_fmt(env, j['paid'])}  outstanding "
                f"{_fmt(env, j['outstanding'])}" + (f"  due {j['due_date']}" if j["outstanding"] else ""))
    for p in j["payments"]:
        text.append(f"  {p['kind']} {p['method']} {_fmt(env, p['amount'])}")
    if j["return_status"]:
        text.append(f"  {j['return_status'].replace('_', ' ')}: "
                    + ", ".join(f"{n['number']} {_fmt(env, n['total'])} ({n['refund']})" for n in j["returns"]))
    env.emit("\n".join(text), j)
    return 0


def cmd_balances(args, env: CliEnv) -> int:

    ctx = env.ctx()
    s = summary(ctx)
    rows = customer_balances(ctx, limit=args.limit, over_limit=args.over_limit)
    stores = _row_stores(rows)
    text = [f"Total outstanding {_fmt(env, s.total_outstanding)} from {s.customers_owing} customer(s); "
            f"average {_fmt(env, s.average_balance)}; overdue {_fmt(env, s.overdue)}; "
            f"{s.over_limit} over their credit limit",
            "Aging: " + "  ".join(f"{k}: {_fmt(env, v)}" for k, v in s.aging.items())]
    for r in rows:
        text.append(f"  {_store_col(stores, r.id)}{r.name[:26]:<26} {r.phone_display or '-':<17} "
                    f"{_fmt(env, r.balance):>13} "
                    f"{r.open_bills:>3} bills  oldest due {r.oldest_due.isoformat() if r.oldest_due else '-'}"
                    f"  {r.days_overdue:>3}d overdue" + ("  OVER LIMIT" if r.over_limit else ""))
    env.emit("\n".join(text), {"summary": s.as_json(),
                               "customers": [_with_store(r.as_json(), stores, r.id) for r in rows]})
    return 0


def cmd_check(args, env: CliEnv) -> int:

    incremental = getattr(args, "incremental", False)
    for flag in ("incremental", "seals"):
        if getattr(args, flag, False) and env.on_hub:
            raise CliError(flag, f"the hub's check has no sealed days; run `check` without --{flag}")
    rebuilt = rebuild_projection(env.ctx()) if getattr(args, "rebuild", False) else None
    checks, what, inc = CHECKS, "book", None
    if incremental:
        inc = run_incremental(env.ctx())
        findings = inc.findings
    elif env.on_hub:
        from possuite.hub import checks as hub_checks  # deferred: psycopg loads only on a hub

        findings, checks, what = hub_checks.run_checks(env.ctx()), hub_checks.CHECKS, "hub"
    else:
        findings = run_checks(env.ctx())
    if getattr(args, "seals", False):
        findings = findings + read_back_seals(env.ctx())
    if env.json_mode:
        data = {"ok": not findings, "checks": len(checks), "findings": [f.as_json() for f in findings]}
        if rebuilt is not None:
            data["rebuilt"] = [r.as_json() for r in rebuilt]
        if inc is not None:
            data["incremental"] = inc.as_json()
        env.emit("", data)
        return 1 if findings else 0
    if rebuilt is not None:
        print(f"Rebuilt the ledger cache of {len(rebuilt)} customer(s)." if rebuilt
              else "The ledger cache already matched the entries: nothing rebuilt.")
        for r in rebuilt:
            print(f"  {r}")
    if findings:
        print(f"{len(findings)} finding(s):")
        for f in findings:
            print(f"  {f}")
    elif inc is not None:
        print(_incremental_text(inc, len(checks)))
    else:
        print(f"The {what} is sound: {len(checks)} checks, no findings.")
    return 1 if findings else 0


def cmd_check_worker(args, env: CliEnv) -> int:
    if env.on_hub:
        raise CliError("check worker", "the hub has no app check to run; run `check` on the hub")
    return check_process.serve(env.ctx())


def _incremental_text(inc, checks: int) -> str:
    if inc.full:
        head = f"No sealed day yet: the whole book is sound ({checks} checks, no findings)."
    else:
        head = (f"Sound since the day sealed last ({inc.since.isoformat()}): {checks} checks on the "
                f"{inc.customers:,} customer(s) and {inc.bills:,} bill(s) touched since; the chain of "
                f"{inc.seals:,} seal(s) intact, {inc.read_back} sealed day(s) read back.")
    if inc.sealed:
        days = inc.sealed[0].isoformat() + (f" .. {inc.sealed[-1].isoformat()}" if len(inc.sealed) > 1 else "")
        head += f" Sealed {len(inc.sealed)} day(s): {days}."
    return head
