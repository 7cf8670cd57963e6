"""Store set-up, users, PINs (salted scrypt, constant-time compare), lockout and each user's screen language."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, insert, select, update

from possuite.db import models as m
from possuite.db.ids import new_id
from possuite.domain.clock import Clock
from possuite.domain.errors import AuthenticationFailed, Conflict, NotFound, ValidationError
from possuite.domain.money import currency_for
from possuite.i18n import LANGUAGES, normalise_language
from possuite.services import audit
from possuite.services.context import OWNER, ROLES, Actor, Context
from possuite.services.ledger import check_number_length
from possuite.services.permissions import USERS, require
from possuite.services.store_settings import check_credit_days, check_invoice_prefix, gst_setup
from possuite.services.validation import clean_text

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_WRONG_PINS = 5
BASE_LOCK = timedelta(minutes=1)
#: The languages a user's screen may speak: the ones possuite ships (``i18n.LANGUAGES``), ``en`` first.
USER_LANGUAGES = tuple(LANGUAGES)


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    got = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                         dklen=len(expected))
    return hmac.compare_digest(got, expected)


def validate_pin(pin: str | None, field: str = "pin") -> str:
    pin = "" if pin is None else str(pin)
    if not pin.isascii() or not pin.isdigit():
        raise ValidationError(field, "must be digits only (4 to 12)")
    if not 4 <= len(pin) <= 12:
        raise ValidationError(field, "must be 4 to 12 digits")
    return pin


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    role: str
    active: bool
    locked_until: datetime | None
    language: str = "en"


def check_language(language: str | None) -> str:
    """A user's screen language, one of ``USER_LANGUAGES`` (``hi_IN`` reads ``hi``; empty reads ``en``)."""
    return normalise_language(language)


def store_exists(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(m.Store.__table__)).scalar_one() > 0


def init_store(engine: Engine, clock: Clock, *, store: str, owner: str = "Owner", pin: str | None = None,
               currency: str = "INR", credit_days: int = 30, invoice_prefix: str = "SAL",
               address: str = "", phone: str = "", tax_id: str = "", upi_id: str = "",
               allow_advances: bool = False, shifts_required: bool = False, state: str | None = None,
               gst_registration: str | None = None) -> str:
    """Create the store and its owner (first run). Returns the store id.

    ``shifts_required``: selling needs an open shift (the setup wizard turns it on; the command's
    ``init`` leaves it off unless ``--shifts`` is given, so scripts that sell at once keep working).
    GST (``tax_id`` the GSTIN, ``state``, ``gst_registration``) follows ``services.store_settings.gst_setup``.
    """
    name = clean_text(store, "store", required=True, max_len=120)
    owner_name = clean_text(owner, "owner", required=True, max_len=60)
    cur = currency_for(currency)
    check_credit_days(credit_days)
    prefix = check_invoice_prefix(invoice_prefix)
    check_number_length("invoice prefix", prefix)
    gst = gst_setup(cur.country, tax_id or None, state or None, gst_registration or None)
    pin_hash = hash_pin(validate_pin(pin)) if pin is not None else ""
    now = clock.now()
    store_id = new_id()
    with engine.execution_options(immediate=True).connect() as conn, conn.begin():
        if conn.execute(select(func.count()).select_from(m.Store.__table__)).scalar_one():
            raise Conflict("store", "this database already has a store; use it, or pick another --db file")
        conn.execute(insert(m.Store.__table__).values(
            id=store_id, name=name, address=clean_text(address, "address", max_len=300, multiline=True),
            phone=clean_text(phone, "phone", max_len=40), tax_id=gst.tax_id, state=gst.state,
            gst_registration=gst.gst_registration,
            currency=cur.code, country=cur.country, credit_days=credit_days, invoice_prefix=prefix,
            receipt_prefix="RCP", upi_id=clean_text(upi_id, "UPI id", max_len=100),
            allow_advances=allow_advances, cashier_may_comp=False, created_at=now,
            shifts_required=bool(shifts_required), max_cashier_discount_bp=None,
        ))
        conn.execute(insert(m.User.__table__).values(
            id=new_id(), store_id=store_id, name=owner_name, role=OWNER, pin_hash=pin_hash,
            failed_attempts=0, lock_count=0, active=True, created_at=now,
        ))
        conn.execute(insert(m.AuditEntry.__table__).values(
            id=new_id(), store_id=store_id, at=now, user_name=owner_name, action="store created",
            target=name, reason="first run", details="",
        ))
    return store_id


def list_users(ctx: Context) -> list[UserInfo]:
    t = m.User.__table__
    with ctx.read() as conn:
        rows = conn.execute(select(t).where(t.c.store_id == ctx.store_id, t.c.active.is_(True))
                            .order_by(t.c.role.desc(), t.c.name)).mappings().all()
    return [UserInfo(r["id"], r["name"], r["role"], bool(r["active"]), r["locked_until"], r["language"])
            for r in rows]


def add_user(ctx: Context, name: str, role: str, pin: str, language: str | None = None) -> UserInfo:
    """A new till user (an owner's action), with their screen language (English unless given)."""
    require(ctx, USERS)
    name = clean_text(name, "user name", required=True, max_len=60)
    if role not in ROLES:
        raise ValidationError("role", "must be one of {choices}", choices=', '.join(ROLES))
    code = check_language(language)
    pin_hash = hash_pin(validate_pin(pin))
    t = m.User.__table__
    uid = new_id()
    with ctx.write() as conn:
        exists = conn.execute(select(t.c.id).where(t.c.store_id == ctx.store_id, t.c.name == name)).first()
        if exists:
            raise Conflict("user name", "{name!r} is already a user", name=name)
        conn.execute(insert(t).values(id=uid, store_id=ctx.store_id, name=name, role=role,
                                      pin_hash=pin_hash, failed_attempts=0, lock_count=0,
                                      active=True, created_at=ctx.clock.now(), language=code))
        audit.record(conn, ctx, "user added", name, "", role=role)
    return UserInfo(uid, name, role, True, None, code)


def set_pin(ctx: Context, user_name: str, pin: str) -> None:
    """The owner sets a user's PIN (also clears a lock)."""
    require(ctx, USERS)
    pin_hash = hash_pin(validate_pin(pin))
    t = m.User.__table__
    with ctx.write() as conn:
        res = conn.execute(update(t).where(t.c.store_id == ctx.store_id, t.c.name == user_name)
                           .values(pin_hash=pin_hash, failed_attempts=0, lock_count=0, locked_until=None))
        if res.rowcount == 0:
            raise NotFound("user", "no user named {user_name!r}", user_name=user_name)
        audit.record(conn, ctx, "pin changed", user_name)


def set_language(ctx: Context, user_name: str, language: str) -> None:
    """Set the screen language of ``user_name``: the user themself, or an owner for anyone."""
    code = check_language(language)
    if ctx.actor.name != user_name or not ctx.actor.signed_in:
        require(ctx, USERS)
    t = m.User.__table__
    with ctx.write() as conn:
        res = conn.execute(update(t).where(t.c.store_id == ctx.store_id, t.c.name == user_name)
                           .values(language=code))
        if res.rowcount == 0:
            raise NotFound("user", "no user named {user_name!r}", user_name=user_name)
        audit.record(conn, ctx, "language changed", user_name, "", language=code)


def _check_pin(ctx: Context, user_name: str, pin: str, *, owner_only: bool) -> Actor:
    """Verify a PIN with lockout; the failure count and lock persist in the database."""
    t = m.User.__table__
    now = ctx.clock.now()
    with ctx.write() as conn:
        row = conn.execute(select(t).where(t.c.store_id == ctx.store_id, t.c.name == user_name,
                                           t.c.active.is_(True))).mappings().first()
        if row is None:
            raise AuthenticationFailed("user", "no user named {user_name!r}", user_name=user_name)
        if owner_only and row["role"] != OWNER:
            raise AuthenticationFailed("pin", "{user_name} is not an owner", user_name=user_name)
        if row["locked_until"] and row["locked_until"] > now:
            wait = int((row["locked_until"] - now).total_seconds() // 60) + 1
            raise AuthenticationFailed("pin", "{user_name} is locked after repeated wrong PINs; try again in "
                                              "{wait} min", user_name=user_name, wait=wait)
        ok = bool(row["pin_hash"]) and verify_pin(str(pin), row["pin_hash"])
        if ok:
            conn.execute(update(t).where(t.c.id == row["id"]).values(failed_attempts=0, locked_until=None))
            return Actor(name=row["name"], role=row["role"], user_id=row["id"], language=row["language"])
        failed = row["failed_attempts"] + 1
        values: dict = {"failed_attempts": failed}
        if failed >= MAX_WRONG_PINS:
            lock_count = row["lock_count"] + 1
            values.update(failed_attempts=0, lock_count=lock_count,
                          locked_until=now + BASE_LOCK * (2 ** (lock_count - 1)))
        conn.execute(update(t).where(t.c.id == row["id"]).values(**values))
    if failed >= MAX_WRONG_PINS:
        raise AuthenticationFailed("pin", "wrong PIN; {user_name} is now locked for a while", user_name=user_name)
    raise AuthenticationFailed("pin", "wrong PIN ({value} tries left)", value=MAX_WRONG_PINS - failed)


def login(ctx: Context, user_name: str, pin: str, language: str | None = None) -> Actor:
    """Sign ``user_name`` in with ``pin``; ``language`` (picked at the login) becomes their screen language."""
    code = check_language(language) if language is not None else None
    actor = _check_pin(ctx, user_name, pin, owner_only=False)
    t = m.User.__table__
    values: dict = {"lock_count": 0}
    if code is not None and code != actor.language:
        values["language"] = code
        actor = replace(actor, language=code)
    with ctx.write() as conn:
        conn.execute(update(t).where(t.c.id == actor.user_id).values(**values))
    return actor


def authorise(ctx: Context, pin: str, owner_name: str | None = None) -> Context:
    """An owner's PIN entered at the till: a context whose next action is authorised by that owner."""
    owners = [u for u in list_users(ctx) if u.role == OWNER]
    if owner_name:
        owners = [u for u in owners if u.name == owner_name]
    last_error: AuthenticationFailed | None = None
    for owner in owners:
        try:
            approver = _check_pin(ctx, owner.name, pin, owner_only=True)
        except AuthenticationFailed as exc:
            last_error = exc
            continue
        return ctx.as_actor(replace(ctx.actor, authorised_by=approver.name))
    raise last_error or AuthenticationFailed("pin", "no owner to authorise")
