"""A receipt waiting for a switched-off printer is laid out once, not on every retry (print_worker.RenderedJobs),
and is laid out again when what its bytes depend on changed: the printer's width, the store's settings, the
owner's template. What finally reaches the printer is always what a fresh rendering gives."""

from __future__ import annotations

import pytest
from escpos_decode import decode
from sqlalchemy import update

from possuite.db import models as m
from possuite.domain.cart import CartLine
from possuite.domain.ledger import Tender
from possuite.printing.connections import PrinterOffline
from possuite.printing.template_folder import user_template_dir
from possuite.services import print_queue as q
from possuite.services import print_worker
from possuite.services.checkout import SaleRequest, complete_sale
from possuite.services.print_worker import RenderedJobs, job_bytes, print_now, rendered_jobs
from possuite.services.printers import add_printer, get_printer
from possuite.services.store_settings import update_settings

NOW = {"backoff_base": 0, "backoff_max": 0}


@pytest.fixture
def waiting(ctx, monkeypatch):
    """A cash sale's receipt queued for a printer, and a list of the widths each layout was made at."""
    add_printer(ctx, "Counter", "network", "127.0.0.1:9", default=True, drawer_kick=True)
    sale = complete_sale(ctx, SaleRequest([CartLine("Haircut", 1000, 500_00)], tenders=[Tender("cash", 500_00)]))
    layouts: list[int] = []
    real = print_worker.receipt_escpos

    def counting(*args, **kwargs):
        layouts.append(kwargs["width"])
        return real(*args, **kwargs)

    monkeypatch.setattr(print_worker, "receipt_escpos", counting)
    rendered_jobs.forget(q.jobs_for(ctx, sale.number)[0].id)
    return sale, q.jobs_for(ctx, sale.number)[0].id, layouts


def _off(sent):
    def send(cfg, data, timeout):
        sent.append(data)
        raise PrinterOffline("switched off")
    return send


def test_retries_while_the_printer_is_off_lay_the_receipt_out_once(ctx, waiting):
    sale, job_id, layouts = waiting
    sent: list[bytes] = []
    for _ in range(5):
        assert print_now(ctx, job_id, sender=_off(sent), **NOW)[0] == "retry"
    assert layouts == [42]  # five attempts, one layout
    assert len(sent) == 5 and len(set(sent)) == 1
    assert decode(sent[0]).find(sale.number)
    delivered: list[bytes] = []
    assert print_now(ctx, job_id, sender=lambda cfg, data, timeout: delivered.append(data), **NOW)[0] == "done"
    assert layouts == [42] and delivered == sent[:1]
    job = next(j for j in q.jobs_for(ctx, sale.number) if j.id == job_id)
    assert delivered[0] == job_bytes(ctx, job, get_printer(ctx))  # what a fresh layout gives
    assert decode(delivered[0]).drawer_kicks == 1  # the first print of a cash sale still opens the drawer
    print_worker.rendered_jobs.forget(job_id)


def test_a_changed_printer_width_store_setting_or_template_lays_the_receipt_out_again(ctx, waiting):
    sale, job_id, layouts = waiting
    sent: list[bytes] = []
    print_now(ctx, job_id, sender=_off(sent), **NOW)
    with ctx.write() as conn:  # the owner sets the printer to 58 mm paper while the receipt waits
        conn.execute(update(m.Printer.__table__).values(width=32))
    print_now(ctx, job_id, sender=_off(sent), **NOW)
    assert layouts == [42, 32]
    assert max(len(t) for t in decode(sent[1]).texts) <= 32 < max(len(t) for t in decode(sent[0]).texts)

    update_settings(ctx, name="Corner Salon")
    print_now(ctx, job_id, sender=_off(sent), **NOW)
    assert layouts == [42, 32, 32]
    assert decode(sent[2]).find("Corner Salon")

    folder = user_template_dir(ctx.db_path, ctx.receipts_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sale.j2").write_text("{{ text('OUR OWN LAYOUT ' ~ r.number) }}\n", encoding="utf-8")
    print_now(ctx, job_id, sender=_off(sent), **NOW)
    print_now(ctx, job_id, sender=_off(sent), **NOW)
    assert layouts == [42, 32, 32, 32]
    assert decode(sent[3]).find(f"OUR OWN LAYOUT {sale.number}") and sent[4] == sent[3]
    rendered_jobs.forget(job_id)


def test_the_kept_bytes_are_bounded_and_least_recently_used_go_first():
    kept = RenderedJobs(max_entries=2, max_bytes=10)
    kept.put("a", ("a", 1), b"1234")
    kept.put("b", ("b", 1), b"5678")
    assert kept.get(("a", 1)) == b"1234"  # a used: b is now the oldest
    kept.put("c", ("c", 1), b"9")
    assert kept.get(("b", 1)) is None and kept.get(("a", 1)) == b"1234" and len(kept) == 2
    kept.put("a", ("a", 2), b"1234567890")  # replaces a's old bytes; 11 > 10 bytes: c goes
    assert kept.get(("a", 1)) is None and kept.get(("c", 1)) is None
    assert kept.get(("a", 2)) == b"1234567890"
    kept.forget("a")
    assert len(kept) == 0
