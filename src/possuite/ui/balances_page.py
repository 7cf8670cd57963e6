"""The owner's balances window: who owes what and since when.

Cards (total outstanding, customers owing, average balance, overdue, over their credit limit,
collected and complimentary value this month), a bar chart of outstanding by aging bucket and a line
of total outstanding over the last 90 days (QtCharts), and the customers who owe, highest balance
first, paged. Everything comes from cached projections (customer balances, open items) and the last 90 days of ledger
entries in one grouped query (``services.balances.dashboard``), so it opens fast at 100,000
customers. Chart coordinates are whole rupees (plot positions only); every figure shown as text
is formatted from integer minor units. A customer who owes more than their credit limit (after a sync,
with what the other tills sold them) is counted on a card, flagged red in the list (⚑), and the
list can show only them; the summary's one statement counts them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QMargins, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from possuite.domain.dates import format_day_month
from possuite.domain.money import format_money
from possuite.domain.status import AGING_BUCKETS
from possuite.services.balances import Dashboard, SeriesPoint, dashboard, outstanding_series
from possuite.ui.collect_dialog import CollectDialog
from possuite.ui.customer_detail import CustomerDetailDialog
from possuite.ui.owner_models import (
    OVER_LIMIT_FLAG,
    PAGE_SIZE,
    BalancesModel,
    CollectDelegate,
    RowRole,
    StatCard,
    make_table,
)
from possuite.ui.reports_page import ask_save_path, balances_csv, balances_pdf, run_export
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, TouchButton, heading, set_role

BUCKET_TITLES = {
    "0-30": QT_TRANSLATE_NOOP("balances_page", "0–30 days"),
    "31-60": QT_TRANSLATE_NOOP("balances_page", "31–60 days"),
    "61-90": QT_TRANSLATE_NOOP("balances_page", "61–90 days"),
    "90+": QT_TRANSLATE_NOOP("balances_page", "90+ days"),
}
BUCKET_COLOURS = {"0-30": "#f2a900", "31-60": "#ef6c00", "61-90": "#d84315", "90+": "#b71c1c"}


def _plot(minor: int, currency) -> int:
    """A plot coordinate in whole major units (never used as money)."""
    return minor // currency.minor_per_major


def nice_step(top: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) giving about ``ticks`` intervals up to ``top``."""
    raw = max(top // ticks, 1)
    magnitude = 10 ** (len(str(raw)) - 1)
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def whole_money(minor: int, currency) -> str:
    """``₹1,00,000`` (no decimals) for axis labels."""
    text = format_money(minor, currency)
    return text.rsplit(".", 1)[0] if currency.minor_digits else text


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    f = QFont()
    f.setBold(True)
    f.setPointSize(11)
    chart.setTitleFont(f)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(6)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class BalancesPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("balancesPage")
        self.setObjectName("balancesPage")
        self.dashboard: Dashboard | None = None
        self.series: list[SeriesPoint] | None = None
        self.detail = None
        self.collect_dialog = None
        self.export_dialog = None
        self._dirty = True
        cur = state.ctx.currency
        self._currency = cur
        # The data is asked for before the widgets are built: the worker reads the cards and the first page
        # while this thread builds the page (about 30 ms at shop scale); the answers are delivered by the
        # event loop, so after this constructor has returned.
        self.model = BalancesModel(state, self)
        self.model.page_size = page_size
        self.refresh()

        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Balances")))
        top.addStretch(1)
        self.csv_button = TouchButton(self.tr("Export CSV"), "balancesCsvButton")
        self.pdf_button = TouchButton(self.tr("Export PDF"), "balancesPdfButton")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        lay.addLayout(top)

        self._cards_layout = cards = QGridLayout()
        self.card_total = StatCard(self.tr("Total outstanding"), "cardTotalOutstanding", pending=True)
        self.card_owing = StatCard(self.tr("Customers owing"), "cardCustomersOwing")
        self.card_average = StatCard(self.tr("Average balance"), "cardAverageBalance")
        self.card_overdue = StatCard(self.tr("Overdue"), "cardOverdue", pending=True)
        self.card_collected = StatCard(self.tr("Collected this month"), "cardCollectedMonth")
        self.card_collected.value.setStyleSheet("font-size: 16pt; font-weight: bold; color: #2e7d32;")
        self.card_comp = StatCard(self.tr("Complimentary this month"), "cardComplimentaryMonth")
        self.card_over_limit = StatCard(self.tr("Over credit limit"), "cardOverLimit")
        self._cards = (self.card_total, self.card_owing, self.card_average, self.card_overdue,
                       self.card_over_limit, self.card_collected, self.card_comp)
        self._card_columns = 0
        self._arrange_cards()
        lay.addLayout(cards)

        charts = QHBoxLayout()
        self.aging_chart = _chart(self.tr("Outstanding by days past due"))
        self.aging_view = QChartView(self.aging_chart)
        self.aging_view.setAccessibleName("agingChart")
        self.aging_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.aging_view.setMinimumHeight(230)
        self.trend_chart = _chart(self.tr("Total outstanding, last 90 days"))
        self.trend_view = QChartView(self.trend_chart)
        self.trend_view.setAccessibleName("trendChart")
        self.trend_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.trend_view.setMinimumHeight(230)
        charts.addWidget(self.aging_view, 1)
        charts.addWidget(self.trend_view, 1)
        lay.addLayout(charts)

        row = QHBoxLayout()
        sub = QLabel(self.tr("Who owes, highest first; click a heading to sort, double-click for the statement"))
        set_role(sub, "muted")
        sub.setWordWrap(True)  # a long line (in Hindi, or beside the sidebar) wraps instead of widening the page
        row.addWidget(sub, 1)
        self.filter_select = QComboBox()
        self.filter_select.setAccessibleName("balancesFilter")
        self.filter_select.setMinimumHeight(40)
        self.filter_select.addItem(self.tr("Everyone who owes"), False)
        self.filter_select.addItem(self.tr("{flag} Over their credit limit").format(flag=OVER_LIMIT_FLAG), True)
        self.filter_select.currentIndexChanged.connect(self._apply_filter)
        row.addWidget(self.filter_select)
        self.count_label = QLabel("")
        set_role(self.count_label, "muted")
        row.addWidget(self.count_label)
        lay.addLayout(row)
        self.message = MessageLine("balancesMessage")
        lay.addWidget(self.message)
        self.table = make_table(self.model, "balancesTable", sortable=True)
        self.delegate = CollectDelegate(parent=self.table)
        self.table.setItemDelegateForColumn(BalancesModel.COLLECT, self.delegate)
        self.delegate.clicked.connect(lambda idx: self.open_collect(idx.data(RowRole)))
        self.table.setColumnHidden(BalancesModel.COLLECT, state.read_only)
        self.table.activated.connect(self._open_detail)
        lay.addWidget(self.table, 1)
        self.model.failed.connect(lambda exc: self.message.show_error(error_text(exc)))
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        state.data_changed.connect(self._data_changed)

    # ------------------------------------------------------------ loading
    def on_shown(self) -> None:
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Cards first (cached balances), then the first page of the table, then the 90-day line."""
        self._dirty = False
        ctx = self.state.ctx
        failed = lambda exc: self.message.show_error(error_text(exc))  # noqa: E731
        self.state.tasks.run(lambda: dashboard(ctx, with_series=False), on_done=self._show_dashboard,
                             on_error=failed, label=self.tr("Loading balances"))
        self.model.reload()
        self.state.tasks.run(outstanding_series, ctx, on_done=self._draw_trend, on_error=failed)

    def _data_changed(self, what: str) -> None:
        if what in ("sale", "collection", "customer", "adjustment", "void", "return", "demo", "import", "merge",
                    "sync", "*"):
            if self.isVisible():
                self.refresh()
            else:
                self._dirty = True

    def _apply_filter(self) -> None:
        self.model.over_limit = bool(self.filter_select.currentData())
        self.model.reload()

    def _show_count(self, *_args) -> None:
        s = self.dashboard.summary if self.dashboard else None
        owing = (s.over_limit if self.model.over_limit else s.customers_owing) if s else None
        shown = self.model.rowCount()
        self.count_label.setText(self.tr("{shown:,} of {owing:,}").format(shown=shown, owing=owing)
                                 if owing is not None and shown < owing else self.tr("%n customer(s)", "", shown))

    def _show_dashboard(self, d: Dashboard) -> None:
        self.dashboard = d
        cur = self._currency
        s = d.summary
        self.card_total.set_text(format_money(s.total_outstanding, cur))
        self.card_owing.set_text(f"{s.customers_owing:,}")
        self.card_average.set_text(format_money(s.average_balance, cur) if s.customers_owing else "-")
        self.card_overdue.set_text(format_money(s.overdue, cur), self.tr("Open bills past their due date"))
        self.card_over_limit.set_text(f"{s.over_limit:,}", self.tr("Customers who owe more than their credit limit, "
                                                                   "with what the other tills sold them once synced "
                                                                   "(flagged in the list)"))
        red = " color: #c62828;" if s.over_limit else ""
        self.card_over_limit.value.setStyleSheet(f"font-size: 16pt; font-weight: bold;{red}")
        self.card_collected.set_text(format_money(d.month.collected, cur),
                                     self.tr("Dues collected, and old dues settled at the till, since "
                                             "{day}").format(day=format_day_month(d.month.month_start)))
        self.card_comp.set_text(format_money(d.month.complimentary, cur),
                                self.tr("%n complimentary bill(s) this month, at their value", "",
                                        d.month.complimentary_bills))
        self._draw_aging(s.aging)
        self._show_count()
        self._arrange_cards()

    def _arrange_cards(self) -> None:
        """One row of cards while every figure fits whole; two rows when a row would clip one (lakhs and
        crores of rupees in a narrow window, the back office's sidebar)."""
        n = len(self._cards)
        spacing = max(self._cards_layout.horizontalSpacing(), 0)
        margins = self.layout().contentsMargins() if self.layout() else None
        room = self.width() - ((margins.left() + margins.right()) if margins else 0)
        for c in self._cards:  # a figure set a moment ago: the card's layout has not heard of it yet
            if c.layout() is not None:
                c.layout().invalidate()
        # A card is never narrower than its minimum (150 px) even when its figure would fit in less.
        needed = sum(max(c.sizeHint().width(), c.minimumWidth()) for c in self._cards) + spacing * (n - 1)
        columns = n if needed <= room else (n + 1) // 2
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for c in self._cards:
            self._cards_layout.removeWidget(c)
        for i, c in enumerate(self._cards):
            self._cards_layout.addWidget(c, i // columns, i % columns)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange_cards()

    def _y_axis(self, top_minor: int) -> QCategoryAxis:
        """A money axis labelled with the store's currency and grouping (₹20,000, ₹1,00,000)."""
        cur = self._currency
        top = max(_plot(top_minor, cur), 1)
        step = nice_step(top)
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setMin(0)
        value = 0
        while True:
            axis.append(whole_money(value * cur.minor_per_major, cur), value)
            if value >= top:
                break
            value += step
        axis.setMax(value)
        axis.setGridLineVisible(True)
        return axis

    def _draw_aging(self, aging: dict[str, int]) -> None:
        cur = self._currency
        chart = self.aging_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QBarSeries()
        for key in AGING_BUCKETS:
            bar = QBarSet(f"{QCoreApplication.translate('balances_page', BUCKET_TITLES[key])}: "
                          f"{format_money(aging.get(key, 0), cur)}")
            bar.setColor(QColor(BUCKET_COLOURS[key]))
            bar.setBorderColor(QColor(BUCKET_COLOURS[key]))
            bar.append(_plot(aging.get(key, 0), cur))
            series.append(bar)
        series.setBarWidth(0.9)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([self.tr("Days past due")])
        x.setVisible(False)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        y = self._y_axis(max(aging.values(), default=0))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
        legend = chart.legend()
        legend.setVisible(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)

    def _draw_trend(self, series: list[SeriesPoint]) -> None:
        self.series = series
        cur = self._currency
        chart = self.trend_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not series:
            return
        line = QLineSeries()
        pen = QPen(QColor("#1e5bb8"))
        pen.setWidth(2)
        line.setPen(pen)
        for p in series:
            ms = QDateTime(datetime(p.day.year, p.day.month, p.day.day, 12)).toMSecsSinceEpoch()
            line.append(ms, _plot(p.outstanding, cur))
        chart.addSeries(line)
        x = QDateTimeAxis()
        x.setFormat(self.tr("dd MMM"))
        x.setTickCount(7)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(x)
        y = self._y_axis(max(p.outstanding for p in series))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(y)
        last = series[-1]
        chart.setTitle(self.tr("Total outstanding, last 90 days — now {amount}").format(
            amount=format_money(last.outstanding, cur)))

    # ------------------------------------------------------------ actions
    def _open_detail(self, index: QModelIndex) -> None:
        if index.column() == BalancesModel.COLLECT:
            return
        row = index.data(RowRole)
        if row is not None:
            self.open_detail(row.id)

    def open_detail(self, customer_id: str):

        self.detail = CustomerDetailDialog(self.state, customer_id, self)
        self.detail.open()
        return self.detail

    def open_collect(self, row):

        if row is None:
            return None
        dlg = CollectDialog(self.state, row.id, row.name, row.balance, self)
        self.collect_dialog = dlg
        dlg.open()
        return dlg

    def export(self, kind: str):

        today = self.state.ctx.clock.today().isoformat()
        path = ask_save_path(self, self.tr("Export balances ({kind})").format(kind=kind.upper()),
                             f"balances-{today}.{kind}", kind)
        if not path:
            return None
        fn = balances_csv if kind == "csv" else balances_pdf
        self.export_dialog = run_export(self.state, self, self.tr("Balances {kind}").format(kind=kind.upper()), fn,
                                        path)
        return self.export_dialog
