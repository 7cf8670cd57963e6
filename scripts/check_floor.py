"""The floor under any check that reads the whole book back: what SQLite and SHA-256 alone cost on this machine.

    python scripts/check_floor.py BOOK

Opens BOOK read-only (``immutable``: nothing is written, not even a -shm) and, for every sealed table
(``services/seals.TABLES``: the rows the full check proves, docs/architecture.md §3.5-3.6), times three
passes over all its rows, each all in C with no Python per row:

- ``read``: every sealed column of every row read once (``count(*)`` and the sum of their lengths);
- ``text``: the row's hashed text built (``printf``, the cheapest spelling of the same text the seals and the
  chain hash; the ``||`` spelling they are defined by costs about twice as much);
- ``sha256``: that text hashed, in chunks of 50,000 rows (SHA-256 over the joined text: less than one
  ``hashlib`` call a row, so less than the chain, which hashes each row on its own).

Each pass is run twice and the second (warm page cache) kept. Printed as JSON: per table and in all, CPU
seconds, and the lower bound on wall time on this machine's cores if the work split perfectly. Any check
that proves every row from its bytes (the full check: the chain's hash of every row, the projection replayed
from every entry, bill totals against every line) does at least the ``read`` pass and, for the hashes, the
``text`` and ``sha256`` passes; so when that bound is above a target, no code in this stack meets it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time

from possuite.services import seals

CHUNK = 50_000


def _printf(t: seals.SealedTable) -> str:
    """The row's hashed text as the seals build it (``SealedTable.printf_text``; its byte length, their NUL guard,
    is not part of the floor)."""
    return t.printf_text()[0]


def _timed(fn) -> float:
    fn()   # the first pass warms the page cache
    c0 = time.process_time()
    fn()
    return time.process_time() - c0


def main(path: str) -> int:
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    conn.execute("PRAGMA cache_size=-2000000")
    out: dict[str, dict] = {}
    for t in seals.TABLES:
        top = conn.execute(f"SELECT max(rowid) FROM {t.table}").fetchone()[0] or 0
        lengths = " + ".join(f"length({c})" for c in t.columns)

        def read(t=t, lengths=lengths):
            conn.execute(f"SELECT count(*), sum({lengths}) FROM {t.table}").fetchone()

        def build(t=t):
            conn.execute(f"SELECT sum(length({_printf(t)})) FROM {t.table}").fetchone()

        def digest(t=t, top=top):
            h = hashlib.sha256()
            for lo in range(0, top, CHUNK):
                body = conn.execute(f"SELECT group_concat({_printf(t)}, char(10)) FROM {t.table} "
                                    "WHERE rowid > ? AND rowid <= ?", (lo, lo + CHUNK)).fetchone()[0]
                if body:
                    h.update(body.encode())

        rows = conn.execute(f"SELECT count(*) FROM {t.table}").fetchone()[0]
        r, b, d = _timed(read), _timed(build), _timed(digest)
        out[t.table] = {"rows": rows, "read_cpu_s": round(r, 2), "text_cpu_s": round(b, 2),
                        "text_and_sha256_cpu_s": round(d, 2)}
        print(f"{t.table}: {out[t.table]}", file=sys.stderr, flush=True)
    cores = os.cpu_count() or 1
    passes = ("read_cpu_s", "text_cpu_s", "text_and_sha256_cpu_s")
    total = {k: round(sum(v[k] for v in out.values()), 2) for k in passes}
    print(json.dumps({"book": path, "cores": cores, "tables": out, "total": total,
                      "wall_floor_s": {k: round(v / cores, 2) for k, v in total.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
