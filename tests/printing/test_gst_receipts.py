"""GST receipts: TAX INVOICE (regular) and BILL OF SUPPLY (composition, unregistered) at each paper width,
and a book that has not set GST up printing exactly what it printed before GST existed."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

from pathlib import Path

import pytest
from receipt_scenarios import post_all_outcomes

from possuite.db.engine import open_database
from possuite.services import receipts
from possuite.services.app import open_context
from possuite.services.context import CLI_ACTOR
from possuite.services.users import init_store

GOLDEN = Path(__file__).with_name("golden")

#: Rendered by main's code at dd033c3 (before GST) for the same store without a GSTIN and the same sales.
LEGACY = [("paid", 32, "symbol"), ("pending", 42, "symbol"), ("overpaid", 48, "image")]


@pytest.fixture
def no_gst_ctx(tmp_path, clock):
    path = tmp_path / "legacy.sqlite3"
    engine = open_database(path)
    init_store(engine, clock, store="Glow Salon", owner="Owner", pin="1234", address="12 MG Road, Pune",
               phone="020 2612 3456")
    ctx = open_context(engine=engine, path=path, clock=clock, actor=CLI_ACTOR)
    yield ctx
    engine.dispose()


@pytest.mark.parametrize(("outcome", "width", "mode"), LEGACY)
def test_a_store_without_gst_prints_the_same_bytes_as_before_gst(no_gst_ctx, outcome, width, mode):
    posted = post_all_outcomes(no_gst_ctx)
    data = receipts.receipt_escpos(no_gst_ctx, getattr(posted, outcome), width=width, symbol_mode=mode)
    assert data == (GOLDEN / f"legacy-{outcome}-{width}-{mode}.bin").read_bytes()
