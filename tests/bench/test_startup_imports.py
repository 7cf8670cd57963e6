"""Cold start (issue 15): the heavy modules load when first used or after the window's first paint, never on
the way to the checkout window; ``possuite`` with no command opens the window without every command's parser.
Each check runs a fresh interpreter (``sys.modules`` of this test process holds everything already)."""

from __future__ import annotations

import subprocess
import sys

from possuite.bench import startup
from possuite.cli import window_options
from possuite.services import customers


def test_the_till_builds_and_shows_its_window_without_the_deferred_modules(ctx):
    customers.add_customer(ctx, "Asha Rao", "98220 00001")  # the child waits for the Customers page's rows
    out = startup.measure_cold_start(ctx.db_path, runs=1)
    assert out["runs"] == 1, out
    assert out["deferred_loaded_at_window"] == [], out["deferred_loaded_at_window"]
    assert 0 < out["cold_start_cpu_s"] < 30 and out["customers_page"] == "rows", out
    # the phases reported are the median run's (wall and CPU by each phase's end), with every run's beside them
    assert out["phases_s"]["shown"] == out["cold_start_s"] and len(out["phases_all_s"]) == 1, out
    assert out["phases_cpu_s"]["shown"] == out["cold_start_cpu_s"], out
    assert list(out["phases_cpu_s"]) == ["python", "imports", "qt", "quick_check", "database", "window", "shown"], out


_NO_COMMAND = """
import sys
import possuite.cli as cli
cli.start_gui = lambda env: print(" ".join(sorted(sys.modules))) or 0
sys.exit(cli.main(ARGV))
"""


def _modules_of(argv: list[str]) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _NO_COMMAND.replace("ARGV", repr(argv))], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_possuite_with_no_command_opens_the_window_without_the_commands_parser(db_path):
    loaded = _modules_of(["--db", str(db_path)])
    assert "possuite.cli" in loaded
    heavy = loaded & {"possuite.cli.core", "possuite.cli.bench", "possuite.cli.printing", "possuite.cli.reports",
                      "escpos.escpos", "reportlab", "jinja2", "PySide6.QtCharts", "psycopg"}
    assert not heavy, heavy


def test_only_the_global_options_mean_the_window():
    assert window_options([]) is not None
    opts = window_options(["--db", "shop.sqlite3", "--store", "Glow", "--json"])
    assert (opts.db, opts.hub_store, opts.json, opts.command) == ("shop.sqlite3", "Glow", True, None)
    assert window_options(["--db=shop.sqlite3"]).db == "shop.sqlite3"
    for argv in (["balances"], ["--db", "x", "balances"], ["--help"], ["-h"], ["--version"], ["--db"], ["--js"],
                 ["--store"]):
        assert window_options(argv) is None, argv


_COLLECTOR = """
import gc
import possuite
assert gc.isenabled()
frozen = gc.get_freeze_count()
with possuite.loading_modules():
    paused = not gc.isenabled()
    import possuite.services.checkout
print(paused, gc.isenabled(), gc.get_freeze_count() > frozen)
gc.disable()
with possuite.loading_modules():
    pass
print(gc.isenabled())
"""


def test_the_modules_load_with_the_collector_paused_and_are_set_aside_after():
    """The start's imports are not scanned by the cyclic collector again and again (issue 15): paused while they
    load, their objects frozen after, the collector as it was (on, or off for a caller that had it off)."""
    done = subprocess.run([sys.executable, "-c", _COLLECTOR], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "False"]


_NO_ORM_SET_UP = """
import sys
from possuite.db import models as m
from possuite.domain.cart import CartLine
from possuite.services import customers
from possuite.services.app import open_context
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.context import CLI_ACTOR

ctx = open_context(sys.argv[1], actor=CLI_ACTOR)
asha = customers.add_customer(ctx, "Asha Rao", "98220 00001")
assert [c.id for c in customers.lookup(ctx, "Asha")] == [asha.id]
assert [c.id for c in customers.lookup(ctx, "0001")] == [asha.id]
complete_sale(ctx, SaleRequest([CartLine("Service", 1000, 50000)], customer_id=asha.id, leave_pending=True))
print(sorted(mp.class_.__name__ for mp in m.Base.registry.mappers if mp.configured))
"""


def test_opening_the_book_a_sale_and_a_search_never_set_up_the_orm(ctx):
    """The book's statements name the tables' columns (Core): one naming a mapped class's attribute had the ORM
    configure all its mappers first, about 60 ms of CPU on the way to the window (services/app.py
    first_store_id, at every start), or on the first sale or search had it come later (issue 15)."""
    done = subprocess.run([sys.executable, "-c", _NO_ORM_SET_UP, str(ctx.db_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]"], done.stdout
