"""The persistent print queue (``print_jobs``): enqueue, status, retry, reprint, and the worker's steps.

A sale's receipt job is inserted in the sale's own transaction (``enqueue_in_tx``), so a
committed sale always has its job and a rolled-back sale never prints. The worker
(``services.print_worker``) claims one job at a time with a conditional UPDATE inside a
``BEGIN IMMEDIATE`` transaction, so two workers (till and CLI) never send the same job;
a failed send goes back to ``queued`` with a later ``next_attempt_at`` (backoff), never
to a second copy. Scheduling times are wall-clock times (a test's fixed business clock
must not stop the queue); ``created_at`` is the business time of the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, bindparam, func, insert, literal_column, or_, select, update

from possuite.db import direct
from possuite.db import models as m
from possuite.db.engine import stored_time
from possuite.db.ids import new_id
from possuite.domain.errors import NotFound, ValidationError
from possuite.i18n import _, ngettext
from possuite.services.context import Context
from possuite.services.permissions import REPRINT, require

J = m.PrintJob.__table__
PR = m.Printer.__table__
#: Insertion order (ULIDs made in the same millisecond are not ordered).
ROWID = literal_column("print_jobs.rowid")

QUEUED, PRINTING, DONE, FAILED = "queued", "printing", "done", "failed"
KINDS = ("sale", "collection", "credit", "test", "shift")  # shift: an X or Z report (document_ref: its number)
BACKOFF_BASE_S = 2.0
BACKOFF_MAX_S = 60.0
#: A job left ``printing`` this long was interrupted (the app died mid-send).
LEASE_S = 120.0


def wall_now() -> datetime:
    return datetime.now().replace(microsecond=0)


def backoff_seconds(attempts: int, base: float = BACKOFF_BASE_S, cap: float = BACKOFF_MAX_S) -> float:
    """Delay before the next try after ``attempts`` failed tries: 2 s, 4 s, 8 s … at most a minute."""
    return min(cap, base * (2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class QueueStatus:
    waiting: int               # queued or being printed
    failed: int                # gave up: needs a retry or reprint
    printer_name: str | None   # the default printer
    state: str                 # ready | printing | waiting | offline | failed | no printer
    last_error: str = ""

    @property
    def message(self) -> str:
        """The status-bar text, e.g. ``1 receipt waiting — printer offline``, in the current language
        (``possuite.i18n``; English byte for byte as before)."""
        if self.printer_name is None and not self.waiting and not self.failed:
            return _("No receipt printer set up")
        parts = []
        if self.waiting:
            text = ngettext("{count} receipt waiting", "{count} receipts waiting", self.waiting).format(
                count=self.waiting)
            if self.state == "offline":
                text += " — " + _("printer offline")
            elif self.state == "printing":
                text += " — " + _("printing")
            parts.append(text)
        if self.failed:
            parts.append(_("{count} failed — retry from the print queue").format(count=self.failed))
        return "; ".join(parts) or _("Printer {name}: ready").format(name=self.printer_name)

    def as_json(self) -> dict:
        return {"waiting": self.waiting, "failed": self.failed, "printer": self.printer_name,
                "state": self.state, "last_error": self.last_error, "message": self.message}


@dataclass(frozen=True)
class Job:
    id: str
    printer_id: str | None
    document_kind: str
    document_ref: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None
    printed_at: datetime | None

    def as_json(self) -> dict:
        def iso(v):
            return v.isoformat() if v else None

        return {"id": self.id, "printer_id": self.printer_id, "kind": self.document_kind,
                "document": self.document_ref, "status": self.status, "attempts": self.attempts,
                "last_error": self.last_error, "created_at": iso(self.created_at),
                "updated_at": iso(self.updated_at), "next_attempt_at": iso(self.next_attempt_at),
                "printed_at": iso(self.printed_at)}


def _job(r) -> Job:
    return Job(r["id"], r["printer_id"], r["document_kind"], r["document_ref"], r["status"], r["attempts"],
               r["last_error"] or "", r["created_at"], r["updated_at"], r["next_attempt_at"], r["printed_at"])


# Built once, run with parameters: every sale and collection queues its receipt.
_DEFAULT_PRINTER = select(PR.c.id).where(PR.c.store_id == bindparam("s"), PR.c.is_default.is_(True)).limit(1)
_INSERT_JOB = insert(J)
#: A sale's or collection's receipt job for the default printer, if there is one: one statement on the driver
#: connection of the sale's transaction (db/direct.py), the row ``_insert`` writes.
_ENQUEUE_DEFAULT = (
    "INSERT INTO print_jobs(id, store_id, printer_id, document_kind, document_ref, status, attempts, last_error, "
    "created_at, updated_at, next_attempt_at) SELECT :id, :s, id, :kind, :ref, :status, 0, '', :created, :updated, "
    "NULL FROM printers WHERE store_id = :s AND is_default IS 1 LIMIT 1")


def default_printer_id(conn: Connection, ctx: Context) -> str | None:
    return conn.execute(_DEFAULT_PRINTER, {"s": ctx.store_id}).scalar_one_or_none()


def _insert(conn: Connection, ctx: Context, kind: str, ref: str, printer_id: str | None) -> str:
    if kind not in KINDS:
        raise ValidationError("document kind", "{kind!r} is not one of {choices}", kind=kind, choices=', '.join(KINDS))
    job_id = new_id()
    now = wall_now()
    conn.execute(_INSERT_JOB, {"id": job_id, "store_id": ctx.store_id, "printer_id": printer_id,
                               "document_kind": kind, "document_ref": ref, "status": QUEUED, "attempts": 0,
                               "last_error": "", "created_at": ctx.clock.now(), "updated_at": now,
                               "next_attempt_at": None})
    return job_id


def enqueue_in_tx(conn: Connection, ctx: Context, kind: str, number: str) -> str | None:
    """Queue ``number``'s receipt for the default printer inside the caller's transaction.

    Returns the job id, or None when no default printer is configured (nothing to print on).
    """
    if ctx.demo:  # demo data (services.demo) never prints
        return None
    if kind not in KINDS:
        raise ValidationError("document kind", "{kind!r} is not one of {choices}", kind=kind, choices=', '.join(KINDS))
    job_id = new_id()
    cur = direct.driver(conn).execute(_ENQUEUE_DEFAULT, {
        "id": job_id, "s": ctx.store_id, "kind": kind, "ref": number, "status": QUEUED,
        "created": stored_time(ctx.clock.now()), "updated": stored_time(wall_now())})
    return job_id if cur.rowcount == 1 else None


def enqueue(ctx: Context, kind: str, number: str, printer_id: str | None = None) -> str:
    """Queue one (more) copy of a receipt; the default printer unless ``printer_id`` is given."""
    require(ctx, REPRINT)
    with ctx.write() as conn:
        pid = printer_id or default_printer_id(conn, ctx)
        if pid is None:
            raise NotFound("printer", "no default printer; add one with `possuite printer add … --default`")
        return _insert(conn, ctx, kind, number, pid)


def reprint(ctx: Context, number: str, printer_id: str | None = None) -> str:
    """Print bill or collection ``number`` (checked to exist first); returns the job id.

    If its receipt is still waiting (or failed) that job is made due now instead of
    queueing a second copy; once it has printed, a reprint queues one fresh copy.
    """

    # deferred: the receipt renderers (python-escpos, reportlab, Jinja) load with the first reprint, not with
    # the checkout that imports this module to queue a sale's job (cold start, docs/architecture.md §6)
    from possuite.services.receipts import receipt_for

    require(ctx, REPRINT)
    doc = receipt_for(ctx, number)
    with ctx.write() as conn:
        waiting = conn.execute(select(J.c.id).where(
            J.c.store_id == ctx.store_id, J.c.document_kind == doc.kind, J.c.document_ref == doc.number,
            J.c.status.in_((QUEUED, FAILED))).order_by(J.c.created_at, ROWID).limit(1)).scalar_one_or_none()
        if waiting is not None:
            values = {"status": QUEUED, "next_attempt_at": None, "updated_at": wall_now()}
            if printer_id:
                values["printer_id"] = printer_id
            conn.execute(update(J).where(J.c.id == waiting, J.c.status.in_((QUEUED, FAILED))).values(**values))
            return waiting
    return enqueue(ctx, doc.kind, doc.number, printer_id)


def queue_status(ctx: Context) -> QueueStatus:
    """Counts for the status bar (two queries)."""
    with ctx.read() as conn:
        printer = conn.execute(select(PR.c.name).where(PR.c.store_id == ctx.store_id, PR.c.is_default.is_(True))
                               .limit(1)).scalar_one_or_none()
        row = conn.execute(select(
            func.count().filter(J.c.status.in_((QUEUED, PRINTING))).label("waiting"),
            func.count().filter(J.c.status == FAILED).label("failed"),
            func.count().filter(J.c.status == PRINTING).label("printing"),
            func.count().filter(and_(J.c.status == QUEUED, J.c.attempts > 0)).label("retrying"),
            func.max(J.c.updated_at).filter(J.c.status.in_((QUEUED, FAILED)), J.c.last_error != "")
            .label("err_at"),
        ).where(J.c.store_id == ctx.store_id, J.c.status.in_((QUEUED, PRINTING, FAILED)))).mappings().one()
        last_error = ""
        if row["err_at"] is not None:
            last_error = conn.execute(select(J.c.last_error).where(
                J.c.store_id == ctx.store_id, J.c.updated_at == row["err_at"], J.c.last_error != "",
                J.c.status.in_((QUEUED, FAILED))).limit(1)).scalar_one_or_none() or ""
    waiting, failed = row["waiting"], row["failed"]
    if row["printing"]:
        state = "printing"
    elif waiting and row["retrying"]:
        state = "offline"
    elif waiting:
        state = "waiting"
    elif failed:
        state = "failed"
    elif printer is None:
        state = "no printer"
    else:
        state = "ready"
    return QueueStatus(waiting, failed, printer, state, last_error)


def list_jobs(ctx: Context, *, include_done: bool = False, limit: int = 50) -> list[Job]:
    conds = [J.c.store_id == ctx.store_id]
    if not include_done:
        conds.append(J.c.status != DONE)
    with ctx.read() as conn:
        rows = conn.execute(select(J).where(*conds).order_by(J.c.created_at.desc(), ROWID.desc())
                            .limit(limit)).mappings().all()
    return [_job(r) for r in rows]


def jobs_for(ctx: Context, number: str) -> list[Job]:
    with ctx.read() as conn:
        rows = conn.execute(select(J).where(J.c.store_id == ctx.store_id, J.c.document_ref == number.strip().upper())
                            .order_by(J.c.created_at, ROWID)).mappings().all()
    return [_job(r) for r in rows]


def retry(ctx: Context, job_id: str | None = None) -> int:
    """Make failed jobs (or one job) due now again; waiting jobs are made due now too. Returns how many."""
    require(ctx, REPRINT)
    conds = [J.c.store_id == ctx.store_id, J.c.status.in_((QUEUED, FAILED))]
    if job_id:
        conds.append(J.c.id == job_id)
    with ctx.write() as conn:
        n = conn.execute(update(J).where(*conds).values(status=QUEUED, next_attempt_at=None,
                                                         updated_at=wall_now())).rowcount
    if job_id and not n:
        raise NotFound("print job", "no waiting or failed job {job_id!r}", job_id=job_id)
    return n


# --- the worker's steps ------------------------------------------------------------------------


def claim_next(ctx: Context, now: datetime | None = None, job_id: str | None = None) -> Job | None:
    """Atomically take the oldest due job (queued → printing, attempts + 1), or None.

    With ``job_id``, take that job if it is queued (due or not: someone asked for it now).
    """
    now = now or wall_now()
    conds = [J.c.store_id == ctx.store_id, J.c.status == QUEUED]
    if job_id:
        conds.append(J.c.id == job_id)
    else:
        conds.append(or_(J.c.next_attempt_at.is_(None), J.c.next_attempt_at <= now))
    with ctx.read() as conn:  # an idle queue is polled without taking the write lock from the till
        if conn.execute(select(J.c.id).where(*conds).limit(1)).first() is None:
            return None
    with ctx.write() as conn:
        row = conn.execute(select(J).where(*conds).order_by(J.c.created_at, ROWID).limit(1)).mappings().first()
        if row is None:
            return None
        took = conn.execute(update(J).where(J.c.id == row["id"], J.c.status == QUEUED).values(
            status=PRINTING, attempts=J.c.attempts + 1, updated_at=now)).rowcount
        if not took:
            return None
        fresh = conn.execute(select(J).where(J.c.id == row["id"])).mappings().one()
    return _job(fresh)


def mark_done(ctx: Context, job_id: str) -> None:
    now = wall_now()
    with ctx.write() as conn:
        conn.execute(update(J).where(J.c.id == job_id).values(status=DONE, last_error="", updated_at=now,
                                                               printed_at=now, next_attempt_at=None))


def mark_retry(ctx: Context, job: Job, error: str, *, base: float = BACKOFF_BASE_S, cap: float = BACKOFF_MAX_S,
               now: datetime | None = None) -> datetime:
    """The send failed (printer off, unplugged, out of paper): wait and try again later."""
    now = now or wall_now()
    due = now + timedelta(seconds=backoff_seconds(job.attempts, base, cap))
    with ctx.write() as conn:
        conn.execute(update(J).where(J.c.id == job.id, J.c.status == PRINTING).values(
            status=QUEUED, last_error=error[:500], updated_at=now, next_attempt_at=due))
    return due


def mark_failed(ctx: Context, job_id: str, error: str) -> None:
    """A job that can never print as it is (document or printer gone): kept, visible, retryable."""
    with ctx.write() as conn:
        conn.execute(update(J).where(J.c.id == job_id).values(status=FAILED, last_error=error[:500],
                                                               updated_at=wall_now(), next_attempt_at=None))


def recover_interrupted(ctx: Context, lease_s: float = LEASE_S, now: datetime | None = None) -> int:
    """Jobs left ``printing`` by a process that died mid-send become ``failed`` (it may or may
    not have come out of the printer, so a person decides: retry, or not). Returns how many."""
    now = now or wall_now()
    with ctx.write() as conn:
        return conn.execute(update(J).where(
            J.c.store_id == ctx.store_id, J.c.status == PRINTING,
            J.c.updated_at < now - timedelta(seconds=lease_s)).values(
            status=FAILED, updated_at=now,
            last_error="interrupted while printing; check the paper, then retry or reprint")).rowcount


#: The id of the first job ever queued for a document (bound ``p_store``, ``p_kind``, ``p_ref``); the print worker
#: asks it in the same statement as the document's version (``print_worker._render_key``).
FIRST_JOB = (select(J.c.id).where(J.c.store_id == bindparam("p_store"), J.c.document_kind == bindparam("p_kind"),
                                  J.c.document_ref == bindparam("p_ref")).order_by(J.c.created_at, ROWID).limit(1))


def first_job_params(ctx: Context, job: Job) -> dict:
    return {"p_store": ctx.store_id, "p_kind": job.document_kind, "p_ref": job.document_ref}


def is_first_print(ctx: Context, job: Job) -> bool:
    """True for the first job ever queued for its document (reprints do not open the cash drawer)."""
    with ctx.read() as conn:
        first = conn.execute(FIRST_JOB, first_job_params(ctx, job)).scalar_one_or_none()
    return first == job.id
