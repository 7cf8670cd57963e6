"""The balances window: cards and table match the ledger; Collect and click-through from a row; exports."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
from owner_seed import seed_shop, sell
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text

from possuite.services import balances
from possuite.services.collections import collect_dues
from possuite.ui.balances_page import BalancesPage
from possuite.ui.owner_models import BalancesModel
from possuite.ui.state import AppState


@pytest.fixture
def state(ctx):
    s = AppState(ctx)
    yield s
    s.shutdown()


@pytest.fixture
def shop(ctx, clock):
    ids = seed_shop(ctx, clock)
    clock.set(datetime(2026, 11, 1, 9, 30))
    collect_dues(ctx, ids["ravi"], 10000, "cash")                 # collected this month: 100
    sell(ctx, ids["kabir"], 45000, comp=True, desc="Bridal trial")  # complimentary this month: 450
    clock.set(datetime(2026, 11, 1, 10, 0))
    return ids


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def open_page(qtbot, state, size=(1400, 900), **kw) -> BalancesPage:
    page = BalancesPage(state, **kw)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: page.dashboard is not None and page.model.loads >= 1 and page.series is not None)
    return page


def ledger_balances(ctx) -> dict[str, int]:
    with ctx.read() as conn:
        rows = conn.execute(text("SELECT c.name, SUM(l.amount) FROM ledger_entries l JOIN customers c "
                                 "ON c.id = l.customer_id GROUP BY c.id HAVING SUM(l.amount) > 0")).all()
    return dict(rows)


def test_cards_match_the_ledger(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    direct = ledger_balances(ctx)
    assert direct == {"Asha Rao": 60000, "Ravi Kumar": 115000, "Zoya Khan": 5000}
    s = balances.summary(ctx)
    assert s.total_outstanding == sum(direct.values()) == 180000
    assert page.card_total.value.text() == "₹1,800.00"
    assert page.card_owing.value.text() == "3"
    assert page.card_average.value.text() == "₹600.00"
    assert page.card_overdue.value.text() == "₹600.00"            # only Asha's bill is past due
    assert page.card_collected.value.text() == "₹100.00"
    assert page.card_comp.value.text() == "₹450.00"
    legend = [b.label() for b in page.aging_chart.series()[0].barSets()]
    assert legend == ["0–30 days: ₹1,200.00", "31–60 days: ₹600.00", "61–90 days: ₹0.00", "90+ days: ₹0.00"]
    assert page.series[-1].outstanding == 180000 and len(page.series) == 90
    assert "now ₹1,800.00" in page.trend_chart.title()


def test_table_is_sorted_by_balance_and_matches_the_ledger(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    m = page.model
    shown = {m.text(r, 0): m.row_at(r).balance for r in range(m.rowCount())}
    assert shown == ledger_balances(ctx)
    assert [m.text(r, 0) for r in range(m.rowCount())] == ["Ravi Kumar", "Asha Rao", "Zoya Khan"]
    assert [m.text(r, 2) for r in range(3)] == ["₹1,150.00", "₹600.00", "₹50.00"]
    asha = 1
    assert m.text(asha, 3) == "1" and m.text(asha, 4) == "09 Sep 2026" and m.text(asha, 5) == "53"
    assert m.text(asha, 6) == "10 Aug 2026" and m.text(asha, 7) == "31-60 days"
    assert m.text(0, 5) == "-" and m.text(0, 6) == "01 Nov 2026"
    service = [(b.name, b.balance, b.open_bills, b.days_overdue) for b in balances.customer_balances(ctx)]
    assert service == [(m.row_at(r).name, m.row_at(r).balance, m.row_at(r).open_bills, m.row_at(r).days_overdue)
                       for r in range(3)]


def test_table_pages_as_it_scrolls(qtbot, state, ctx, clock):
    from possuite.services.collections import adjust
    from possuite.services.customers import add_customer

    for i in range(25):
        adjust(ctx, add_customer(ctx, f"Book {i:02d}", f"96000{i:05d}").id, 1000 * (i + 1), "paper book",
               kind="opening")
    page = open_page(qtbot, state, size=(1400, 700), page_size=10)   # room for a few rows only
    qtbot.waitUntil(lambda: not page.model.loading)
    assert page.model.rowCount() == 10 and page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 20)
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 25)
    assert not page.model.canFetchMore()
    values = [page.model.row_at(r).balance for r in range(25)]
    assert values == sorted(values, reverse=True)


def test_a_heading_click_sorts_and_the_pages_after_it_follow_the_last_row_shown(qtbot, state, ctx):
    """25 owing in 3 balances and 2 names: a click on Name sorts A to Z (ties by id), each page continues after
    the last row shown (keyset, with the over-limit filter too), and a click on Balance goes back to lowest or
    highest first; every customer is shown once in the service's order."""
    from possuite.services.collections import adjust
    from possuite.services.customers import add_customer

    for i in range(25):
        c = add_customer(ctx, ["Neha", "Arun"][i % 2], f"96100{i:05d}", credit_limit=2500 if i % 3 else None)
        adjust(ctx, c.id, 1000 * (1 + i % 3), "paper book", kind="opening")
    page = open_page(qtbot, state, size=(1400, 700), page_size=4)
    header = page.table.horizontalHeader()
    m = page.model

    def shown_after(click=None) -> list[str]:
        loads = m.loads
        if click is not None:
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=header.viewport().rect().topLeft() + _section_centre(header, click))
            qtbot.waitUntil(lambda: m.loads > loads and not m.loading)
        while m.canFetchMore():
            m.fetchMore()
            qtbot.waitUntil(lambda: not m.loading)
        return [r.id for r in m._rows]

    name_col = next(i for i, c in enumerate(m.columns) if c.sort == "name")
    balance_col = next(i for i, c in enumerate(m.columns) if c.sort == "balance")
    by_name = shown_after(name_col)
    assert (m.sort_key, m.sort_desc) == ("name", False)
    assert [m.row_at(r).name for r in range(25)] == ["Arun"] * 12 + ["Neha"] * 13
    assert by_name == [b.id for b in balances.balances_page(ctx, sort="name", desc=False).rows]
    page.filter_select.setCurrentIndex(1)    # over their credit limit: balance 3,000 > 2,500
    qtbot.waitUntil(lambda: not m.loading)
    over = shown_after()
    assert over == [b.id for b in balances.balances_page(ctx, sort="name", desc=False, over_limit=True).rows]
    assert len(over) == 8 and all(m.row_at(r).over_limit for r in range(8))
    page.filter_select.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not m.loading)
    by_balance = shown_after(balance_col)
    assert by_balance == [b.id for b in balances.balances_page(ctx, sort="balance", desc=m.sort_desc).rows]
    assert len(set(by_balance)) == 25 and m.sort_key == "balance"
    values = [m.row_at(r).balance for r in range(25)]
    assert values == sorted(values, reverse=m.sort_desc)


def _section_centre(header, section: int):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_collect_from_a_row_and_open_the_customer(qtbot, state, shop, ctx):
    page = open_page(qtbot, state)
    rect = page.table.visualRect(page.model.index(1, BalancesModel.COLLECT))      # Asha
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = page.collect_dialog
    assert dlg.customer_name == "Asha Rao" and dlg.confirm_button.text() == "Collect ₹600.00"
    qtbot.mouseClick(dlg.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None)
    qtbot.waitUntil(lambda: page.card_total.value.text() == "₹1,200.00")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.card_collected.value.text() == "₹700.00"
    assert page.card_overdue.value.text() == "₹0.00"
    dlg.accept()

    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.loads >= 1)
    assert page.detail.overview.customer.name == "Ravi Kumar"
    page.detail.accept()


def test_export_csv_and_pdf_on_the_worker_then_open_them(qtbot, state, shop, ctx, tmp_path, monkeypatch, opened):
    target = tmp_path / "out" / "balances"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = open_page(qtbot, state)
    run = page.export("csv")
    qtbot.waitUntil(lambda: run.finished, timeout=15000)
    assert run.error is None and not run.dialog.isVisible()
    csv_file = tmp_path / "out" / "balances.csv"
    assert opened == [str(csv_file)]
    content = csv_file.read_text(encoding="utf-8-sig")
    assert "Ravi Kumar" in content and "1150.00" in content and "Kabir" not in content

    run = page.export("pdf")
    qtbot.waitUntil(lambda: run.finished, timeout=30000)
    assert run.error is None
    pdf = tmp_path / "out" / "balances.pdf"
    assert opened[-1] == str(pdf)
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "₹1,800.00" in words and "Asha Rao" in words


def test_customers_over_their_credit_limit_are_counted_flagged_and_filtered(qtbot, state, shop, ctx):
    from possuite.services.customers import edit_customer

    edit_customer(ctx, shop["ravi"], credit_limit="1000")   # owes ₹1,150 (a sale at another till, synced)
    edit_customer(ctx, shop["asha"], credit_limit="600")    # owes exactly ₹600: at the limit, not over
    page = open_page(qtbot, state)
    assert page.card_over_limit.value.text() == "1" and "#c62828" in page.card_over_limit.value.styleSheet()
    m = page.model
    assert [m.text(r, 0) for r in range(m.rowCount())] == ["⚑ Ravi Kumar", "Asha Rao", "Zoya Khan"]
    name = m.index(0, 0)
    assert name.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert name.data(Qt.ItemDataRole.ToolTipRole) == "Over the credit limit of ₹1,000.00"
    assert m.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    page.filter_select.setCurrentIndex(1)
    qtbot.waitUntil(lambda: m.rowCount() == 1 and not m.loading)
    assert m.row_at(0).name == "Ravi Kumar" and page.count_label.text() == "1 customer"
    assert balances.summary(ctx).over_limit == 1


def test_no_card_figure_is_clipped_at_1024_wide_with_crores_outstanding(qtbot, state, ctx, clock):
    from possuite.services.collections import adjust
    from possuite.services.customers import add_customer

    big = add_customer(ctx, "Wholesale Account", "9822055501")
    adjust(ctx, big.id, 27_15_08_307_50, "opening balance", kind="opening")  # ₹27,15,08,307.50
    page = open_page(qtbot, state, size=(1024, 768))
    assert page.card_total.value.text() == "₹27,15,08,307.50"

    def clipped() -> list[str]:
        cards = (page.card_total, page.card_owing, page.card_average, page.card_overdue, page.card_over_limit,
                 page.card_collected, page.card_comp)
        return [c.value.text() for c in cards
                if c.value.width() < c.value.sizeHint().width() or c.width() < c.sizeHint().width()]

    qtbot.waitUntil(lambda: not clipped(), timeout=2000)
    assert page._card_columns == 4                         # two rows of cards at this width
    page.resize(1900, 900)
    qtbot.waitUntil(lambda: page._card_columns == 7 and not clipped(), timeout=2000)
