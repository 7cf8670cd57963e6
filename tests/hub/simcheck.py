"""What the simulation (simulation.py) must end with: the promises of issue 12, each a list of what broke.

- every sale on the hub exactly once, with the till that made it, and in every book of its store;
- every till's balances equal to the hub's Σ ledger entries per customer, and to the other till's;
- every invoice, receipt, adjustment and credit-note series gapless on the hub;
- the store's masters (its settings, customers) the same on the hub and at both its tills (last writer wins);
- each till's shifts on the hub as the till holds them (with their bills and payments), and at no other till;
- the store's returns (credit notes) known at both its tills, and no bill line returned beyond what was sold;
- ``possuite check`` clean on every till, and on the hub (the owner's ``possuite --db URL check``);
- no connection to the hub opened while a till traded (counted by the simulation).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal

from hubkit import cli_env, pg
from simulation import NUMBER_RE, Simulation
from sqlalchemy import text

from possuite.hub import spec


def verify(sim: Simulation) -> list[str]:
    problems: list[str] = []
    admin = pg(sim.server.url(sim.db))
    try:
        with admin.connect() as hub:
            problems += _every_sale_once(sim, hub)
            problems += _balances(sim, hub)
            problems += _gapless(sim, hub)
            problems += _masters(sim, hub)
            problems += _shifts(sim, hub)
        problems += _returns(sim)
    finally:
        admin.dispose()
    problems += _checks(sim)
    problems += _hub_check(sim)
    if sim.stats.hub_connections_during_trade:
        problems.append(f"trade opened {sim.stats.hub_connections_during_trade} connection(s) to the hub")
    return problems


def _every_sale_once(sim: Simulation, hub) -> list[str]:
    out = []
    tills = dict(hub.execute(text("SELECT code, id FROM tills")).all())
    for till in sim.tills:
        opening = sim.opening_bills[till.ctx.store_id]  # published by the store's first till
        mine = {b: n for b, n in hub.execute(text("SELECT id, number FROM bills WHERE till_id = :t"),
                                             {"t": tills[till.code]}).all() if b not in opening}
        if mine != till.made:
            lost = sorted(till.made.keys() - mine.keys())
            extra = sorted(mine.keys() - till.made.keys())
            out.append(f"till {till.code}: the hub holds {len(mine)} of its {len(till.made)} sales "
                       f"(missing {[till.made[b] for b in lost][:5]}, not its own {extra[:5]})")
        with till.ctx.read() as conn:
            book = dict(conn.execute(text("SELECT id, number FROM bills WHERE id IN (SELECT value FROM "
                                          "json_each(:ids))"), {"ids": json.dumps(list(till.made))}).all())
        if book != till.made:
            out.append(f"till {till.code}: its book lost sales it made")
    for store_id, opening in sim.opening_bills.items():
        expected = set(opening)
        for till in sim.tills:
            if till.ctx.store_id == store_id:
                expected |= till.made.keys()
        rows = hub.execute(text("SELECT id, number FROM bills WHERE store_id = :s"), {"s": store_id}).all()
        ids = Counter(r.id for r in rows)
        numbers = Counter(r.number for r in rows)
        if set(ids) != expected or max(ids.values()) > 1 or max(numbers.values()) > 1:
            out.append(f"store {store_id}: the hub has {len(rows)} bills ({len(set(ids))} ids, "
                       f"{len(numbers)} numbers), expected {len(expected)}")
        for till in sim.tills:
            if till.ctx.store_id != store_id:
                continue
            with till.ctx.read() as conn:
                book = set(conn.execute(text("SELECT id FROM bills WHERE store_id = :s"), {"s": store_id})
                           .scalars())
            if book != expected:
                out.append(f"till {till.code}: its book holds {len(book)} of the store's {len(expected)} "
                           f"bills ({len(expected - book)} missing, {len(book - expected)} unknown to the hub)")
    return out

def _balances(sim: Simulation, hub) -> list[str]:
    out = []
    by_store: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for till in sim.tills:
        sid = till.ctx.store_id
        hub_sums = {c: int(v) for c, v in hub.execute(text(
            "SELECT c.id, COALESCE(SUM(e.amount), 0) FROM customers c LEFT JOIN ledger_entries e "
            "ON e.customer_id = c.id WHERE c.store_id = :s GROUP BY c.id"), {"s": sid}).all()}
        with till.ctx.read() as conn:
            book = dict(conn.execute(text("SELECT id, balance FROM customers WHERE store_id = :s"),
                                     {"s": sid}).all())
        differ = {c: (book.get(c), hub_sums.get(c)) for c in book.keys() | hub_sums.keys()
                  if book.get(c) != hub_sums.get(c)}
        if differ:
            sample = sorted(differ.items())[:4]
            out.append(f"till {till.code}: {len(differ)} of {len(hub_sums)} customers' balances differ from the "
                       f"hub's Σ ledger entries (book, hub): {sample}")
        by_store[sid][till.code] = book
    for sid, books in by_store.items():
        (c1, b1), (c2, b2) = books.items()
        differ = [c for c in b1.keys() | b2.keys() if b1.get(c) != b2.get(c)]
        if differ:
            out.append(f"store {sid}: tills {c1} and {c2} show different balances for {len(differ)} customers")
    return out

def _gapless(sim: Simulation, hub) -> list[str]:
    out = []
    series: dict[tuple, list[int]] = defaultdict(list)
    for table, where in (("bills", ""), ("payments", "WHERE kind = 'collection'"), ("adjustments", ""),
                         ("credit_notes", "")):
        for store_id, number in hub.execute(text(f"SELECT store_id, number FROM {table} {where}")):
            m = NUMBER_RE.match(number or "")
            if m is None:
                out.append(f"{table}: {number!r} is not a document number")
                continue
            series[(table, store_id, m["series"], m["yy"])].append(int(m["seq"]))
    for key, seqs in sorted(series.items()):
        if sorted(seqs) != list(range(1, len(seqs) + 1)):
            missing = sorted(set(range(1, max(seqs) + 1)) - set(seqs))[:5]
            out.append(f"series {key[2]}-{key[3]} ({key[0]}): {len(seqs)} numbers up to {max(seqs)}, "
                       f"missing {missing}, repeated {[s for s, n in Counter(seqs).items() if n > 1][:5]}")
    tills_seen = {k[2].rsplit("-", 1)[-1] for k in series if k[0] == "bills"}
    if not {t.code for t in sim.tills} <= tills_seen:
        out.append(f"not every till's invoice series reached the hub: {sorted(tills_seen)}")
    return out

def _shifts(sim: Simulation, hub) -> list[str]:
    """Each till's shifts on the hub as the till holds them (open or closed, the count, their bills), and
    none at the other till."""
    out = []
    tills = dict(hub.execute(text("SELECT code, id FROM tills")).all())
    query = ("SELECT s.id, s.number, s.closed_at IS NOT NULL, s.counted_cash, s.variance, "
             "(SELECT count(*) FROM bills b WHERE b.shift_id = s.id), "
             "(SELECT count(*) FROM payments p WHERE p.shift_id = s.id) FROM shifts s ")
    for till in sim.tills:
        on_hub = _normal(hub.execute(text(query + "WHERE s.till_id = :t ORDER BY s.id"), {"t": tills[till.code]}).all())
        with till.ctx.read() as conn:
            in_book = _normal(conn.execute(text(query + "ORDER BY s.id")).all())
        if on_hub != in_book:
            out.append(f"till {till.code}: its {len(in_book)} shift(s) differ from the hub's {len(on_hub)} "
                       f"(first book/hub: {in_book[:1]} / {on_hub[:1]})")
    if sum(len(t.made) for t in sim.tills) and not hub.execute(text("SELECT count(*) FROM shifts")).scalar():
        out.append("no shift reached the hub")
    return out


def _masters(sim: Simulation, hub) -> list[str]:
    out = []
    for name in ("stores", "customers"):
        cols = [c for c in spec.synced_columns(name) if c not in ("created_at", "updated_at")]
        where = "id" if name == "stores" else "store_id"
        for till in sim.tills:
            q = text(f"SELECT {', '.join(cols)} FROM {name} WHERE {where} = :s ORDER BY id")
            on_hub = [tuple(r) for r in hub.execute(q, {"s": till.ctx.store_id})]
            with till.ctx.read() as conn:
                in_book = [tuple(r) for r in conn.execute(q, {"s": till.ctx.store_id})]
            if _normal(on_hub) != _normal(in_book):
                differ = [(b, h) for b, h in zip(_normal(in_book), _normal(on_hub), strict=False) if b != h][:2]
                out.append(f"till {till.code}: {name} differ from the hub's ({len(in_book)} rows here, {len(on_hub)} "
                           f"there; first differences (book, hub): {differ})")
    return out


def _returns(sim: Simulation) -> list[str]:
    out = []
    stores: dict[str, list] = defaultdict(list)
    for till in sim.tills:
        stores[till.ctx.store_id].append(till)
    for sid, tills in stores.items():
        notes: dict[str, set[str]] = {}
        returned: Counter = Counter()
        sold: dict[str, int] = {}
        for till in tills:
            with till.ctx.read() as conn:
                notes[till.code] = set(conn.execute(text("SELECT number FROM credit_notes WHERE store_id = :s"),
                                                    {"s": sid}).scalars())
                for line_id, note, qty in conn.execute(text(
                        "SELECT bill_line_id, credit_note_id, qty FROM credit_note_lines WHERE store_id = :s"),
                        {"s": sid}):
                    returned[(line_id, note)] = qty
                sold.update(conn.execute(text("SELECT id, qty FROM bill_lines WHERE store_id = :s"), {"s": sid}).all())
        every = set().union(*notes.values())
        for code, known in notes.items():
            if known != every:
                out.append(f"till {code}: knows {len(known)} of the store's {len(every)} credit notes "
                           f"(missing {sorted(every - known)[:4]})")
        per_line: Counter = Counter()
        for (line_id, _note), qty in returned.items():
            per_line[line_id] += qty
        over = [line for line, qty in per_line.items() if qty > sold.get(line, 0)]
        if over:
            out.append(f"store {sid}: {len(over)} bill line(s) returned beyond what was sold, across its tills")
    return out


def _normal(rows: list[tuple]) -> list[tuple]:
    """Rows as comparable values (the hub's booleans and numerics against SQLite's integers)."""
    return [tuple(int(v) if isinstance(v, (bool, Decimal)) else v for v in r) for r in rows]


def _checks(sim: Simulation) -> list[str]:
    out = []
    for till in sim.tills:
        env = {**cli_env(sim.config_dir), "POSSUITE_NOW": till.now_text}
        done = subprocess.run([sys.executable, "-m", "possuite", "--db", str(till.path), "check", "--json"],
                              capture_output=True, text=True, env=env, timeout=180)
        if done.returncode != 0:
            out.append(f"till {till.code}: possuite check exit {done.returncode}: "
                       f"{(done.stdout or done.stderr)[:600]}")
    return out


def _hub_check(sim: Simulation) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "possuite", "--db", sim.owner_url, "check", "--json"],
                          capture_output=True, text=True, env=cli_env(sim.config_dir), timeout=300)
    if done.returncode != 0:
        return [f"the hub: possuite check exit {done.returncode}: {(done.stdout or done.stderr)[:800]}"]
    return []
