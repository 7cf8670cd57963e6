"""Settings › Diagnostics (owner): how fast this till is, from its own timings.

Every checkout, collection and report is timed by ``services.perf`` and kept in a small samples
file beside the log; this tab shows, per kind of operation, the recent median, 95th percentile and
slowest time, and the slowest single operations with when they happened. The samples file is read
on the task runner, never on the GUI thread.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.dates import format_datetime
from possuite.services import perf
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, TouchButton, heading, set_role, translated

SUMMARY_COLUMNS = (
    QT_TRANSLATE_NOOP("diagnostics_settings", "Operation"),
    QT_TRANSLATE_NOOP("diagnostics_settings", "Timed"),
    QT_TRANSLATE_NOOP("diagnostics_settings", "Median"),
    "95%",
    QT_TRANSLATE_NOOP("diagnostics_settings", "Slowest"),
    QT_TRANSLATE_NOOP("diagnostics_settings", "Last"),
)
SLOWEST_COLUMNS = (
    QT_TRANSLATE_NOOP("diagnostics_settings", "When"),
    QT_TRANSLATE_NOOP("diagnostics_settings", "Operation"),
    QT_TRANSLATE_NOOP("diagnostics_settings", "Took"),
)
SLOWEST_SHOWN = 10


def duration_text(ms: float) -> str:
    """``8.4 ms``, ``240 ms``, ``1.25 s``."""
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    return f"{ms:.1f} ms"


def when_text(at: datetime | None, now: datetime | None = None) -> str:
    if at is None:
        return "-"
    now = now or datetime.now()
    return at.strftime("%H:%M:%S") if at.date() == now.date() else format_datetime(at)


def load_diagnostics():
    """(per-operation summaries, slowest samples, log folder) — runs on the worker."""
    samples = perf.history()
    return perf.summarise(samples), perf.slowest(samples, SLOWEST_SHOWN), str(perf.log_folder())


def _table(columns: tuple[str, ...], name: str, stretch: int = 0) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setAccessibleName(name)
    t.setHorizontalHeaderLabels(translated("diagnostics_settings", columns))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DiagnosticsTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("diagnosticsTab")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("How fast this till is")))
        top.addStretch(1)
        self.refresh_button = TouchButton(self.tr("Refresh"), "diagnosticsRefreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        lay.addLayout(top)
        intro = QLabel(self.tr("Every checkout, collection and report is timed, and the times are kept beside the log. "
                               "Figures are over each operation's last 200 runs; 95% means 19 runs in 20 were faster."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.summary = _table(SUMMARY_COLUMNS, "diagnosticsSummary")
        lay.addWidget(self.summary, 1)
        lay.addWidget(QLabel(self.tr("Slowest operations")))
        self.slowest = _table(SLOWEST_COLUMNS, "diagnosticsSlowest", stretch=1)
        lay.addWidget(self.slowest, 1)
        self.message = MessageLine("diagnosticsMessage")
        lay.addWidget(self.message)
        self.source = QLabel()
        self.source.setAccessibleName("diagnosticsSource")
        self.source.setWordWrap(True)
        set_role(self.source, "muted")
        lay.addWidget(self.source)
        self.refresh()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.state.tasks.run(load_diagnostics, on_done=self.show_data, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.show_error(error_text(exc))

    def show_data(self, data) -> None:
        summaries, slowest, folder = data
        self.refresh_button.setEnabled(True)
        self.summary.setRowCount(len(summaries))
        for row, s in enumerate(summaries):
            cells = [_cell(s.label), _cell(f"{s.count:,}", True), _cell(duration_text(s.median_ms), True),
                     _cell(duration_text(s.p95_ms), True), _cell(duration_text(s.max_ms), True),
                     _cell(when_text(s.last_at), True)]
            for col, item in enumerate(cells):
                self.summary.setItem(row, col, item)
        self.slowest.setRowCount(len(slowest))
        for row, s in enumerate(slowest):
            for col, item in enumerate([_cell(when_text(s.at)), _cell(s.label), _cell(duration_text(s.ms), True)]):
                self.slowest.setItem(row, col, item)
        if summaries:
            self.message.show_info("")
        else:
            self.message.show_info(self.tr("Nothing timed yet: the figures appear after the first sale, collection or "
                                           "report."))
        self.source.setText(self.tr("From this session and the timings kept in {folder}").format(folder=folder))
