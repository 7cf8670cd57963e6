"""``possuite bench``: how fast this till is, measured against SQLite's own floor on a synthetic store.

``builder``/``history`` write the synthetic store (its own file, never the shop's database); ``writes``
and ``reads`` measure checkouts, collections, lookups, the balances window, reports and the integrity
check, each beside its raw ``sqlite3`` floor (``floors``); ``startup`` times a fresh till process;
``runner`` puts a run together, ``targets`` judges it against issue 6 and ``output`` prints the table.
"""
