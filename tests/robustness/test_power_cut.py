"""Power cuts, simulated where they happen: at the storage layer (power_cut.py, an APSW VFS).

Each cut: a fresh copy of a tiny seeded book; the real services (crash_child.Worker's operation mix plus
a complimentary bill, an overpaid bill, printing a queued receipt and a backup) run over the recording
VFS with the app's own engine (WAL, ``synchronous=FULL``); at a random write/sync index the power goes off
(only synced data survives, or a random set of dirty sectors, or a torn last write). The disk as it
survived is then opened normally and proved: ``PRAGMA integrity_check`` ok, ``possuite check`` clean,
nothing half-written, series gapless with their counters in step (robust_helpers.verify_file); every
operation that returned to its caller before the cut is there exactly (its amounts), and nothing else is
but the one in flight; every reported backup is whole; after the app restarts and drains its print
queue, every committed receipt has exactly one job and none came out twice.

``POSSUITE_POWER_CUTS`` sets the number of cuts (default 1,000); ``POSSUITE_CRASH_SEED`` the seed.
A second test runs with ``synchronous=NORMAL`` and must find lost commits: the harness can fail.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from crash_child import Worker
from power_cut import Recorder, powered
from robust_helpers import FIGURES, seed_store, verify_file

from possuite.db import engine as engine_mod
from possuite.domain.cart import compute_totals
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services import print_queue
from possuite.services.app import open_context
from possuite.services.backup import create_backup
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR
from possuite.services.print_worker import drain_once, print_now

OPS_PER_RUN = 6
MODES = ("synced", "sectors", "torn")

# What a document must still say after the cut: columns no later operation changes.
SNAPSHOT_SQL = {
    "SAL": "SELECT number, total, retail_value, customer_id, business_date FROM bills WHERE number = ?",
    "RCP": "SELECT number, amount, method, customer_id FROM payments WHERE number = ?",
    "ADJ": "SELECT number, amount, customer_id, reason FROM adjustments WHERE number = ?",
}
SERIES_SQL = {"SAL": "SELECT number FROM bills", "RCP": "SELECT number FROM payments WHERE kind = 'collection'",
              "ADJ": "SELECT number FROM adjustments"}


@pytest.fixture
def work_dir(tmp_path: Path):
    """A folder in memory (/dev/shm) where there is one: the many books' real fsyncs cost nothing there."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="possuite-power-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def plain_paper(monkeypatch):
    """The printer gets each receipt's number alone: the queue (claim, send, mark done) is under test here,
    not the ESC/POS rendering (tests/unit, tests/robustness/test_crash_printing.py), which costs 0.1 s a receipt."""
    from possuite.services import print_worker

    monkeypatch.setattr(print_worker, "receipt_escpos", lambda _ctx, number, **_kw: f"[{number}]\n".encode())


def _cuts() -> int:
    text = os.environ.get("POSSUITE_POWER_CUTS", "").strip()
    return int(text) if text else 1000


class PowerWorker(Worker):
    """crash_child's worker, reporting into memory (with a snapshot of each document) instead of a file."""

    def __init__(self, db: Path, seed: int, run: int, backups: bool) -> None:
        super().__init__(db, Path(os.devnull), seed, run)
        os.close(self.fd)
        self.promised: list[tuple[str, str, tuple | None]] = []
        self.backups = backups
        self.OPS = [*Worker.OPS, ("sell_complimentary", 8), ("sell_overpay", 10), ("print_one", 15)]
        if backups:
            self.OPS.append(("backup", 3))

    def report(self, kind: str, value: str) -> None:
        snap = None
        if kind in SNAPSHOT_SQL:
            with self.ctx.read() as conn:
                snap = tuple(conn.exec_driver_sql(SNAPSHOT_SQL[kind], (value,)).one())
        self.promised.append((kind, value, snap))

    def sell_complimentary(self) -> None:
        res = complete_sale(self.ctx, SaleRequest(self.lines(), complimentary=True, reason="owner's guest"))
        self.report("SAL", res.number)

    def sell_overpay(self) -> None:
        lines = self.lines()
        cid = self.rng.choice(self.customers())[0]
        cash = compute_totals(lines).total + self.rng.randint(1, 500) * 100
        res = complete_sale(self.ctx, SaleRequest(lines, customer_id=cid, tenders=[Tender("cash", cash)]))
        self.report("SAL", res.number)

    def print_one(self) -> None:
        jobs = [j for j in print_queue.list_jobs(self.ctx, limit=5) if j.status == "queued"]
        if not jobs:
            return self.sell_split()
        if print_now(self.ctx, jobs[0].id)[0] == "done":
            self.promised.append(("PRINTED", jobs[0].document_ref, None))

    def backup(self) -> None:
        info = create_backup(self.ctx)
        self.promised.append(("BACKUP", str(info.path), None))


def _seed(tmp: Path) -> tuple[Path, Path]:
    seed_dir = tmp / "seed"
    seed_dir.mkdir()
    printer = tmp / "printer.bin"
    seed_store(seed_dir / "till.sqlite3", customers=4, printer=printer)
    assert not Path(f"{seed_dir / 'till.sqlite3'}-wal").exists()
    return seed_dir / "till.sqlite3", printer


def _present(con: sqlite3.Connection) -> dict[str, set[str]]:
    return {k: {r[0] for r in con.execute(sql)} for k, sql in SERIES_SQL.items()}


class Run:
    """One cut: run the operations over the recording VFS, cut, write the surviving disk."""

    def __init__(self, seed_db: Path, work: Path, seed: int, cut_at: int | None, mode: str,
                 backups: bool = True, synchronous: str = "FULL") -> None:
        self.rng = random.Random(seed)
        run_dir = work / "live"
        shutil.rmtree(work, ignore_errors=True)
        run_dir.mkdir(parents=True)
        self.db = run_dir / seed_db.name
        shutil.copyfile(seed_db, self.db)
        self.recovered = work / "recovered"
        self.recorder = Recorder(cut_at, mode, random.Random(seed ^ 0x5EED))
        self.worker: PowerWorker | None = None
        self.failed_op = None
        with powered(self.recorder), _synchronous(synchronous):
            try:
                self.worker = PowerWorker(self.db, seed, seed % 600, backups)
                names = [n for n, _ in self.worker.OPS]
                weights = [w for _, w in self.worker.OPS]
                for _ in range(OPS_PER_RUN):
                    op = self.worker.rng.choices(names, weights)[0]
                    self.failed_op = op
                    getattr(self.worker, op)()
                    self.failed_op = None
            except Exception:  # the power went off under an operation: it never returned to its caller
                if not self.recorder.dead:
                    raise
            self.recorder.cut_now()
            if self.worker is not None:
                with contextlib.suppress(Exception):
                    self.worker.engine.dispose()
        self.promised = self.worker.promised if self.worker else []
        self.recorder.write_images(run_dir, self.recovered)
        self.book = self.recovered / seed_db.name


@contextlib.contextmanager
def _synchronous(level: str):
    """``synchronous=FULL`` is the app's; the NORMAL run proves the harness finds what FULL prevents."""
    real = engine_mod._on_connect
    if level == "FULL":
        yield
        return

    def on_connect(dbapi_connection, record):
        real(dbapi_connection, record)
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA synchronous={level}")
        cur.close()

    engine_mod._on_connect = on_connect
    try:
        yield
    finally:
        engine_mod._on_connect = real


def _lost(run: Run, seed_docs: dict[str, set[str]]) -> list[str]:
    """Promised operations missing or changed in the recovered book (and extra documents)."""
    out = []
    if not run.book.exists():
        return ["the book file is gone"]
    con = sqlite3.connect(run.book)
    try:
        present = _present(con)
        voided = {r[0] for r in con.execute("SELECT number FROM bills WHERE voided_at IS NOT NULL")}
        customers = {r[0] for r in con.execute("SELECT id FROM customers")}
        for kind, value, snap in run.promised:
            if kind in SNAPSHOT_SQL:
                row = con.execute(SNAPSHOT_SQL[kind], (value,)).fetchone()
                if row is None:
                    out.append(f"{kind} {value} reported done but missing")
                elif tuple(row) != snap:
                    out.append(f"{kind} {value} changed: {snap} -> {tuple(row)}")
            elif kind == "VOID" and value not in voided:
                out.append(f"void of {value} reported done but the bill is not voided")
            elif kind == "CUST" and value not in customers:
                out.append(f"customer {value} reported added but missing")
            elif kind == "PRINTED":
                status = con.execute("SELECT status FROM print_jobs WHERE document_ref = ?", (value,)).fetchall()
                if [s for (s,) in status] != ["done"]:
                    out.append(f"receipt {value} reported printed but its job is {status}")
        for kind, numbers in present.items():
            promised = {v for k, v, _ in run.promised if k == kind}
            extra = numbers - promised - seed_docs[kind]
            allowed = 1 if run.failed_op else 0
            if len(extra) > allowed:
                out.append(f"{kind}: documents nobody was told of: {sorted(extra)}")
    finally:
        con.close()
    return out


def _check_backups(run: Run) -> list[str]:
    out = []
    for kind, value, _ in run.promised:
        if kind != "BACKUP":
            continue
        p = run.recovered / Path(value).relative_to(run.db.parent)
        if not p.exists():
            out.append(f"backup {p.name} reported done but missing")
            continue
        con = sqlite3.connect(p)
        try:
            ok = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if ok != ["ok"]:
                out.append(f"backup {p.name}: {ok[:2]}")
        finally:
            con.close()
    return out


def _restart_and_print(run: Run, printer: Path) -> list[str]:
    """The app restarts on the recovered book: the queue's recovery, one drain; then count the paper."""
    out = []
    ctx = open_context(run.book, clock=FixedClock(datetime(2026, 11, 1, 12)), actor=CLI_ACTOR)
    try:
        later = print_queue.wall_now() + timedelta(seconds=print_queue.LEASE_S + 1)
        print_queue.recover_interrupted(ctx, now=later)
        drain_once(ctx)
        jobs: dict[str, list] = {}
        for job in print_queue.list_jobs(ctx, include_done=True, limit=1_000_000):
            jobs.setdefault(job.document_ref, []).append(job)
    finally:
        ctx.engine.dispose()
    paper = printer.read_bytes() if printer.exists() else b""
    copies = Counter({n: paper.count(f"[{n}]".encode()) for n in jobs})
    for kind, value, _ in run.promised:
        if kind not in ("SAL", "RCP"):
            continue
        mine = jobs.get(value, [])
        if len(mine) != 1:
            out.append(f"{value} has {len(mine)} print jobs")
            continue
        job = mine[0]
        if job.status == "done" and copies[value] != 1:
            out.append(f"{value} done but {copies[value]} copies on paper")
        if job.status == "failed" and "interrupted while printing" not in (job.last_error or ""):
            out.append(f"{value} failed: {job.last_error}")
        if job.status not in ("done", "failed"):
            out.append(f"{value} still {job.status} after the restart")
    out += [f"{n} printed {c} times" for n, c in copies.items() if c > 1]
    return out


def _calibrate(seed_db: Path, work: Path, printer: Path, backups: bool) -> int:
    """Events (writes, truncates, syncs) of a few uncut runs: the range the cut index is drawn from."""
    most = 0
    for s in range(3):
        printer.write_bytes(b"")
        most = max(most, Run(seed_db, work, 1000 + s, None, "synced", backups).recorder.events)
    return most


def test_power_cuts_at_random_writes_lose_nothing_that_was_reported(work_dir: Path) -> None:
    cuts = _cuts()
    seed = os.environ.get("POSSUITE_CRASH_SEED", "").strip()
    seed = int(seed) if seed else random.randrange(1_000_000)
    rng = random.Random(seed)
    seed_db, printer = _seed(work_dir)
    with sqlite3.connect(seed_db) as con:
        seed_docs = _present(con)
    span = _calibrate(seed_db, work_dir / "run", printer, True)
    started = time.monotonic()
    promised = finished_first = 0
    by_mode: Counter = Counter()
    for i in range(cuts):
        run_seed = rng.randrange(1 << 30)
        mode = rng.choice(MODES)
        cut_at = rng.randint(1, span + span // 10)
        printer.write_bytes(b"")
        try:
            run = Run(seed_db, work_dir / "run", run_seed, cut_at, mode)
        except Exception as exc:  # an operation failed without a power cut: a bug, not a cut
            raise AssertionError(f"cut {i} (seed {seed}: run seed {run_seed}): {exc!r}") from exc
        where = f"cut {i} (seed {seed}: run seed {run_seed}, {mode} at event {cut_at} of {run.recorder.events})"
        try:
            findings = verify_file(run.book, full=True).findings
            findings += _lost(run, seed_docs) + _check_backups(run) + _restart_and_print(run, printer)
        except Exception as exc:  # the recovered book cannot even be opened or read
            raise AssertionError(f"{where}: {exc!r}") from exc
        assert findings == [], f"{where}: {findings}"
        promised += len(run.promised)
        finished_first += run.failed_op is None
        by_mode[mode] += 1
    elapsed = time.monotonic() - started
    line = (f"power cuts (APSW VFS, synchronous=FULL): {cuts} cuts ({', '.join(f'{m} {by_mode[m]}' for m in MODES)}; "
            f"{cuts - finished_first} mid-operation), {promised} reported operations checked; findings = 0; "
            f"seed {seed}; {elapsed:.0f} s")
    FIGURES.append(line)
    print(line)
    assert cuts - finished_first >= cuts // 2, "too few cuts landed inside an operation to prove anything"


def test_with_synchronous_normal_the_harness_finds_lost_commits(work_dir: Path) -> None:
    """A test that cannot fail proves nothing: without a sync per commit, reported sales vanish."""
    seed_db, printer = _seed(work_dir)
    with sqlite3.connect(seed_db) as con:
        seed_docs = _present(con)
    lost_runs = 0
    runs = 20
    for s in range(runs):
        printer.write_bytes(b"")
        # Cut after the operations (the power goes off while the till is idle): FULL loses nothing there.
        run = Run(seed_db, work_dir / "run", 7000 + s, None, "synced", backups=False, synchronous="NORMAL")
        lost = [f for f in _lost(run, seed_docs) if "missing" in f]
        lost_runs += bool(lost)
        full = Run(seed_db, work_dir / "run", 7000 + s, None, "synced", backups=False)
        assert _lost(full, seed_docs) == [], "synchronous=FULL lost a reported operation"
    line = f"power cuts with synchronous=NORMAL: {lost_runs} of {runs} runs lost reported operations (FULL: 0)"
    FIGURES.append(line)
    print(line)
    assert lost_runs > runs // 2
