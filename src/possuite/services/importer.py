"""Importing customers (with opening balances) and catalog items from CSV files: all or nothing.

API:

- ``import_customers(ctx, source, *, dry_run=False, progress=None) -> ImportResult``
  columns ``name`` (required), ``phone``, ``credit_limit``, ``notes``, ``opening_balance``.
- ``import_items(ctx, source, *, dry_run=False, progress=None) -> ImportResult``
  columns ``name``, ``price`` (required), ``sku``, ``barcode``, ``tax_rate``, ``tax_inclusive``, ``kind``,
  ``unit``, ``pack_size``, ``cess`` (the GST compensation cess, a percentage; ``catalog.cess_rate_bp``).
- ``source``: a path or the file's bytes. ``progress(done, total)`` is called while validating.
- Every row is validated first; any bad row raises ``ImportFailed`` (a ``ValidationError``) whose
  ``problems`` list each bad row's line number, field and reason, and NOTHING is imported. A good file
  is written in ONE transaction. Owner only (``permissions.IMPORT``).

Encodings: UTF-8 with or without a byte-order mark, UTF-16 with its BOM; a file that is not valid
UTF-8 is read as Latin-1. Quoted fields may hold commas and newlines (line numbers count physical
lines, so they match what a text editor shows). Header names are case-insensitive; spaces and
hyphens count as underscores; unknown or missing columns are named in the error.

Opening balances post through the customer ledger exactly as ``collections.adjust(kind="opening")``
would (an ``ADJ`` document, a ledger entry, its open item, the cached balance), batched through the
ledger's bulk path (``ledger.number_block`` and ``ledger.fresh_books``): one number block from the ADJ
series and one multi-row insert per table, so 100,000 rows import in seconds.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from sqlalchemy import insert, select, text

from possuite.db import models as m
from possuite.db.engine import stored_time
from possuite.db.ids import new_id, new_ids
from possuite.domain import quantity
from possuite.domain.errors import ValidationError
from possuite.domain.money import parse_money, parse_percent_bp
from possuite.services import audit, ledger
from possuite.services.catalog import KINDS, cess_rate_bp, parse_pack_size
from possuite.services.context import Context
from possuite.services.permissions import IMPORT, require
from possuite.services.phones import display_phone, normalise_phone
from possuite.services.validation import clean_text

C = m.Customer.__table__
I = m.Item.__table__

CUSTOMER_COLUMNS = ("name", "phone", "credit_limit", "notes", "opening_balance")
CUSTOMER_REQUIRED = ("name",)
ITEM_COLUMNS = ("name", "price", "sku", "barcode", "tax_rate", "tax_inclusive", "kind", "unit", "pack_size",
                "cess")
ITEM_REQUIRED = ("name", "price")
MAX_ROWS = 1_000_000
OPENING_REASON = "opening balance (import)"
_YES = {"yes", "y", "true", "1", "inclusive", "incl"}
_NO = {"no", "n", "false", "0", "exclusive", "excl", ""}


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.why}"

    def as_json(self) -> dict:
        return {"line": self.line, "field": self.field, "why": self.why}


class ImportFailed(ValidationError):
    """The file was refused as a whole; ``problems`` names every bad row (nothing was imported)."""

    def __init__(self, problems: list[RowProblem], rows: int) -> None:
        bad_lines = len({p.line for p in problems})
        first = problems[0]
        super().__init__("file", f"{bad_lines} bad row(s) of {rows}; nothing was imported (first: {first})")
        self.problems = problems
        self.rows = rows


@dataclass(frozen=True)
class ImportResult:
    kind: str             # customers | items
    rows: int
    imported: bool        # False for a dry run
    openings: int = 0     # customers with an opening balance
    opening_total: int = 0
    encoding: str = "utf-8"

    def as_json(self) -> dict:
        return dict(self.__dict__)


# ---------------------------------------------------------------- reading


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ValidationError("file", "is UTF-32; save it as UTF-8 (CSV UTF-8 in Excel)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValidationError("file", "starts like UTF-16 but is not valid UTF-16") from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ValidationError("file", "starts like UTF-8 but has invalid bytes at byte {value}",
                                  value=exc.start + 3) \
                from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def read_rows(source: str | os.PathLike | bytes, columns: tuple[str, ...], required: tuple[str, ...]
              ) -> tuple[list[tuple[int, dict[str, str]]], list[RowProblem], str]:
    """(rows as (line number, {column: text}), problems with the shape of rows, encoding)."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        if not path.is_file():
            raise ValidationError("file", "{path} does not exist or is not a file", path=path)
        data = path.read_bytes()
    content, encoding = decode(data)
    if "\x00" in content:
        raise ValidationError("file", "contains NUL bytes; is it really a CSV file?")
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)
        if header is None:
            raise ValidationError("file", "is empty; the first line must name the columns")
        keys = [_header_key(h) for h in header]
        unknown = [h.strip() for h, k in zip(header, keys, strict=True) if k and k not in columns]
        missing = [c for c in required if c not in keys]
        dupes = sorted({k for k in keys if k and keys.count(k) > 1})
        if unknown or missing or dupes:
            bits = []
            if missing:
                bits.append("missing column(s) " + ", ".join(missing))
            if unknown:
                bits.append("unknown column(s) " + ", ".join(repr(u) for u in unknown))
            if dupes:
                bits.append("repeated column(s) " + ", ".join(dupes))
            raise ValidationError("header", "; ".join(bits) + f" (expected: {', '.join(columns)})")
        rows: list[tuple[int, dict[str, str]]] = []
        problems: list[RowProblem] = []
        line = reader.line_num + 1
        for rec in reader:
            start, line = line, reader.line_num + 1
            if not rec or not any(cell.strip() for cell in rec):
                continue
            if len(rec) > len(keys) and any(cell.strip() for cell in rec[len(keys):]):
                problems.append(RowProblem(start, "row", f"has {len(rec)} values but the header names "
                                                         f"{len(keys)} columns"))
                continue
            rows.append((start, {k: (rec[i] if i < len(rec) else "") for i, k in enumerate(keys) if k}))
            if len(rows) > MAX_ROWS:
                raise ValidationError("file", "has more than {max_rows:,} rows; split it", max_rows=MAX_ROWS)
    except csv.Error as exc:
        raise ValidationError("file", "line {line_num}: not valid CSV ({exc})",
                              line_num=reader.line_num, exc=exc) from None
    return rows, problems, encoding


def _fail_if(problems: list[RowProblem], rows: int) -> None:
    if problems:
        problems.sort(key=lambda p: p.line)
        raise ImportFailed(problems, rows)


def _progress(progress, done: int, total: int) -> None:
    if progress and (done % 5000 == 0 or done == total):
        progress(done, total)


# ---------------------------------------------------------------- customers


_TEN_DIGITS = re.compile(r"(?:\+91)?([6-9]\d{9})")


def phone_key(raw: str, country: str) -> tuple[str, str]:
    """(E.164, national digits) of a phone, or ValidationError; same verdict as ``phones.normalise_phone``.

    Plain Indian ten-digit numbers skip the (slow) text parsing: ``phonenumbers`` validates the number
    built directly, which is what ``parse`` would have produced for them.
    """
    compact = re.sub(r"[\s\-]", "", raw)
    hit = _TEN_DIGITS.fullmatch(compact) if country == "IN" else None
    if hit:
        num = phonenumbers.PhoneNumber(country_code=91, national_number=int(hit.group(1)))
        if phonenumbers.is_valid_number(num):
            return "+91" + hit.group(1), hit.group(1)
        raise ValidationError("phone", "{raw!r} is not a valid phone number for {country}",
                              raw=raw.strip(), country=country)
    ph = normalise_phone(raw, country)
    return ph.e164, ph.digits


@dataclass
class _Customer:
    line: int
    name: str
    phone: str | None
    e164: str | None
    digits: str
    credit_limit: int | None
    notes: str
    opening: int


def _check_customer(ctx: Context, line: int, row: dict[str, str], problems: list[RowProblem]) -> _Customer | None:
    cur, country = ctx.currency, ctx.store.country
    before = len(problems)

    def attempt(field, fn):
        try:
            return fn()
        except ValidationError as exc:
            problems.append(RowProblem(line, field, exc.why))
            return None

    name = attempt("name", lambda: clean_text(row.get("name"), "name", required=True, max_len=120))
    raw_phone = (row.get("phone") or "").strip()
    key = attempt("phone", lambda: phone_key(raw_phone, country)) if raw_phone else (None, "")
    limit_text = (row.get("credit_limit") or "").strip()
    limit = attempt("credit_limit", lambda: parse_money(limit_text, "credit_limit", cur)) if limit_text else None
    notes_text = (row.get("notes") or "").replace("\r\n", "\n").replace("\r", "\n")
    notes = attempt("notes", lambda: clean_text(notes_text, "notes", max_len=2000, multiline=True))
    opening_text = (row.get("opening_balance") or "").strip()
    opening = attempt("opening_balance", lambda: parse_money(opening_text, "opening_balance", cur)) \
        if opening_text else 0
    if len(problems) > before:
        return None
    return _Customer(line, name, raw_phone or None, key[0], key[1], limit, notes or "", opening or 0)


def import_customers(ctx: Context, source: str | os.PathLike | bytes, *, dry_run: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> ImportResult:
    require(ctx, IMPORT)
    rows, problems, encoding = read_rows(source, CUSTOMER_COLUMNS, CUSTOMER_REQUIRED)
    good: list[_Customer] = []
    seen: dict[str, int] = {}
    for n, (line, row) in enumerate(rows, start=1):
        c = _check_customer(ctx, line, row, problems)
        if c is not None:
            if c.e164 and c.e164 in seen:
                problems.append(RowProblem(line, "phone", f"{c.phone} is also on line {seen[c.e164]}"))
            elif c.e164:
                seen[c.e164] = line
            good.append(c)
        _progress(progress, n, len(rows))
    with ctx.read() as conn:
        existing = dict(conn.execute(select(C.c.phone_e164, C.c.name).where(
            C.c.store_id == ctx.store_id, C.c.phone_e164.is_not(None))).all())
    _existing_phones(good, existing, problems)
    _fail_if(problems, len(rows))
    openings = [c for c in good if c.opening]
    result = ImportResult("customers", len(good), not dry_run, len(openings), sum(c.opening for c in openings),
                          encoding)
    if dry_run or not good:
        return result
    with ctx.write() as conn:
        # Re-checked inside the write: a till may have added one of these phones meanwhile.
        phones = [c.e164 for c in good if c.e164]
        again = dict(conn.execute(text("SELECT phone_e164, name FROM customers WHERE store_id = :s AND "
                                       "phone_e164 IS NOT NULL"), {"s": ctx.store_id}).all()) if phones else {}
        late: list[RowProblem] = []
        _existing_phones(good, again, late)
        if late:
            raise ImportFailed(late, len(rows))
        _insert_customers(conn, ctx, good)
        audit.record(conn, ctx, "import customers", "", "", rows=len(good), openings=len(openings),
                     opening_total=result.opening_total)
    return result


def _existing_phones(good: list[_Customer], existing: dict[str, str], problems: list[RowProblem]) -> None:
    for c in good:
        if c.e164 and c.e164 in existing:
            problems.append(RowProblem(c.line, "phone", f"{c.phone} already belongs to {existing[c.e164]}"))


_CUSTOMER_SQL = ("INSERT INTO customers(id, store_id, name, name_key, phone, phone_e164, phone_digits, phone_display, "
                 "notes, credit_limit, active, balance, visits, total_spent, deactivated_reason, is_demo, created_at, "
                 "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,0,0,'',0,?,?)")
_ADJ_SQL = ("INSERT INTO adjustments(id, store_id, number, seq, customer_id, kind, amount, reason, posted_at, "
            "business_date, user_name, authorised_by, entry_id, is_demo) VALUES (?,?,?,?,?,'opening',?,?,?,?,?,?,?,0)")


def _insert_customers(conn, ctx: Context, good: list[_Customer]) -> None:
    """Customers and their opening balances as a few multi-row inserts (raw parameters: 100,000 rows).

    The opening balances go through the ledger's bulk path (``ledger.fresh_books``: one ADJ number
    block, the entries, their open items and the balances the customer rows are inserted with). The
    full-text index is filled in one statement instead of once per row by its trigger (17x faster):
    that trigger (not an insert-only guard) is dropped and recreated from its stored SQL inside this
    transaction.
    """
    now, today = stored_time(ctx.clock.now()), ctx.clock.today()
    s, actor = ctx.store_id, ctx.actor
    openings = [c for c in good if c.opening]
    numbers = iter(ledger.number_block(conn, ctx, "ADJ", today, len(openings)))
    ids = iter(new_ids(len(good) + 2 * len(openings)))   # one block, in writing order
    cust_ids, entries, adjs = [], [], []
    for c in good:
        cid = next(ids)
        cust_ids.append(cid)
        if c.opening:
            number, seq = next(numbers)
            entry_id, adj_id = next(ids), next(ids)
            entries.append(ledger.NewEntry(entry_id, cid, "opening", c.opening, document=number, due_date=today,
                                           adjustment_id=adj_id, note=OPENING_REASON))
            adjs.append((adj_id, s, number, seq, cid, c.opening, OPENING_REASON, now, today.isoformat(), actor.name,
                         actor.authorised_by, entry_id))
    books = ledger.fresh_books(ctx, entries)
    cust_rows = [(cid, s, c.name, c.name.casefold(), c.phone, c.e164, c.digits, display_phone(c.e164, c.phone),
                  c.notes, c.credit_limit,
                  books.balances.get(cid, 0), now, now) for cid, c in zip(cust_ids, good, strict=True)]
    fts = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'customers_fts_ai'")
                       ).scalar_one_or_none()
    first_rowid = conn.execute(text("SELECT COALESCE(MAX(rowid), 0) + 1 FROM customers")).scalar_one()
    if fts:
        conn.execute(text("DROP TRIGGER customers_fts_ai"))
    conn.exec_driver_sql(_CUSTOMER_SQL, cust_rows)
    if fts:
        conn.execute(text("INSERT INTO customers_fts(rowid, name, phone_digits) "
                          "SELECT rowid, name, phone_digits FROM customers WHERE rowid >= :r"), {"r": first_rowid})
        conn.execute(text(fts))
    books.write(conn)
    if adjs:
        conn.exec_driver_sql(_ADJ_SQL, adjs)


# ---------------------------------------------------------------- items


def _code(value: str | None, field: str) -> str | None:
    value = clean_text(value, field, max_len=64)
    if value and any(ch.isspace() for ch in value):
        raise ValidationError(field, "must not contain spaces")
    return value or None


def _check_item(ctx: Context, line: int, row: dict[str, str], problems: list[RowProblem]) -> dict | None:
    before = len(problems)

    def attempt(field, fn):
        try:
            return fn()
        except ValidationError as exc:
            problems.append(RowProblem(line, field, exc.why))
            return None

    name = attempt("name", lambda: clean_text(row.get("name"), "name", required=True, max_len=120))
    price = attempt("price", lambda: parse_money(row.get("price") or "", "price", ctx.currency))
    sku = attempt("sku", lambda: _code(row.get("sku"), "sku"))
    barcode = attempt("barcode", lambda: _code(row.get("barcode"), "barcode"))
    rate_text = (row.get("tax_rate") or "").strip()
    rate = attempt("tax_rate", lambda: parse_percent_bp(rate_text, "tax_rate")) if rate_text else 0
    incl_text = (row.get("tax_inclusive") or "").strip().lower()
    if incl_text not in _YES | _NO:
        problems.append(RowProblem(line, "tax_inclusive", f"{incl_text!r} is not yes or no"))
    kind = (row.get("kind") or "").strip().lower() or "service"
    if kind not in KINDS:
        problems.append(RowProblem(line, "kind", f"{kind!r} is not one of {', '.join(KINDS)}"))
    # what the item is counted in (domain/quantity.py): piece by default; a strip needs its tablets
    unit = attempt("unit", lambda: quantity.parse_unit((row.get("unit") or "").strip() or "piece", "unit"))
    pack = attempt("pack_size", lambda: parse_pack_size(row.get("pack_size"), unit)) if unit else None
    cess = attempt("cess", lambda: cess_rate_bp(row.get("cess") or "", "cess"))
    if len(problems) > before:
        return None
    return {"line": line, "name": name, "price": price, "sku": sku, "barcode": barcode, "tax_rate_bp": rate,
            "tax_inclusive": incl_text in _YES, "kind": kind, "unit": unit, "pack_size": pack, "cess_rate_bp": cess}


def import_items(ctx: Context, source: str | os.PathLike | bytes, *, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    require(ctx, IMPORT)
    rows, problems, encoding = read_rows(source, ITEM_COLUMNS, ITEM_REQUIRED)
    good: list[dict] = []
    seen: dict[str, int] = {}
    for n, (line, row) in enumerate(rows, start=1):
        it = _check_item(ctx, line, row, problems)
        if it is not None:
            for field in ("sku", "barcode"):
                code = it[field]
                if code and code in seen:
                    problems.append(RowProblem(line, field, f"{code!r} is also on line {seen[code]}"))
                elif code:
                    seen[code] = line
            good.append(it)
        _progress(progress, n, len(rows))
    with ctx.read() as conn:
        taken = _taken_codes(conn, ctx)
    _existing_codes(good, taken, problems)
    _fail_if(problems, len(rows))
    result = ImportResult("items", len(good), not dry_run, encoding=encoding)
    if dry_run or not good:
        return result
    now = ctx.clock.now()
    with ctx.write() as conn:
        late: list[RowProblem] = []
        _existing_codes(good, _taken_codes(conn, ctx), late)
        if late:
            raise ImportFailed(late, len(rows))
        conn.execute(insert(I), [
            {"id": new_id(), "store_id": ctx.store_id, "name": it["name"], "name_key": it["name"].casefold(),
             "sku": it["sku"], "barcode": it["barcode"], "price": it["price"], "tax_rate_bp": it["tax_rate_bp"],
             "tax_inclusive": it["tax_inclusive"], "kind": it["kind"], "active": True, "sold_qty": 0,
             "is_demo": False, "created_at": now, "unit": it["unit"], "pack_size": it["pack_size"],
             "cess_rate_bp": it["cess_rate_bp"]} for it in good])
        audit.record(conn, ctx, "import items", "", "", rows=len(good))
    return result


def _taken_codes(conn, ctx: Context) -> set[str]:
    return {v for r in conn.execute(select(I.c.sku, I.c.barcode).where(I.c.store_id == ctx.store_id)) for v in r
            if v}


def _existing_codes(good: list[dict], taken: set[str], problems: list[RowProblem]) -> None:
    for it in good:
        for field in ("sku", "barcode"):
            if it[field] and it[field] in taken:
                problems.append(RowProblem(it["line"], field, f"{it[field]!r} is already used by another item"))
