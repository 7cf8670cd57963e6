"""Settings › Sync (owner): make this book a till of the hub, then watch and start its sync.

Before registering: the hub URL and its password (typed apart, kept only in the user's 0600
credentials file, never in the book or a log), the store, the till's code and name, and Register
(``hub/register.py`` on the task runner, with progress shown; an error is one line naming the
setting). Once registered: the hub and till, the last sync, what is waiting, and Sync now, which
asks the background worker (``ui/sync_worker.py``) for a round (docs/architecture.md §7).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.dates import format_datetime
from possuite.hub.sync_state import OFFLINE, SyncState, ago_text, status_line
from possuite.ui.state import AppState, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, heading, set_role


def _register(ctx, url, password, store, code, name, config_dir):
    # deferred: the hub modules load psycopg (~0.15 s); on the worker thread when Register is pressed
    from possuite.hub.background import register_from_settings

    return register_from_settings(ctx, url, password, store, code, name, config_dir)


def _line(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(36)
    return edit


class SyncTab(QWidget):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.worker = state.sync_worker
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Sync with the hub")))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._register_form())
        self.pages.addWidget(self._status_view())
        lay.addWidget(self.pages)
        lay.addStretch(1)
        if self.worker is not None:
            self.worker.changed.connect(self.show_state)
            self.show_state(self.worker.state)

    # --- before registering --------------------------------------------------------------
    def _register_form(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        about = QLabel(
            self.tr("Several tills meet in one PostgreSQL database, the hub. Register this till once (it needs the "
                    "network); after that it sells offline as before and sends its sales to the hub in the background, "
                    "after each sale and every minute. The password is kept in a file only you can read, never in the "
                    "book."))
        about.setWordWrap(True)
        lay.addWidget(about)
        form = QFormLayout()
        self.url_edit = _line("hubUrlEdit", "postgresql://glow_owner@backoffice:5432/glow")
        self.password_edit = _line("hubPasswordEdit", self.tr("the hub user's password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.store_edit = _line("hubStoreEdit", self.tr("the store's name on the hub"), self.state.ctx.store.name)
        self.code_edit = _line("tillCodeEdit", "A")
        self.code_edit.setMaxLength(3)
        self.name_edit = _line("tillNameEdit", self.tr("Counter 1"))
        form.addRow(self.tr("Hub URL"), self.url_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Store"), self.store_edit)
        form.addRow(self.tr("Till code"), self.code_edit)
        form.addRow(self.tr("Till name"), self.name_edit)
        lay.addLayout(form)
        hint = QLabel(self.tr("The till code (1 to 3 letters or digits) goes into this till's numbers: SAL-A-26-0001."))
        set_role(hint, "info")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        row = QHBoxLayout()
        self.register_button = PrimaryButton(self.tr("Register this till"), "registerTillButton")
        self.register_button.clicked.connect(self.register)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFixedWidth(160)
        self.progress.setAccessibleName("registerProgress")
        self.progress.hide()
        row.addWidget(self.register_button)
        row.addWidget(self.progress)
        row.addStretch(1)
        lay.addLayout(row)
        self.register_message = MessageLine("registerMessage")
        lay.addWidget(self.register_message)
        lay.addStretch(1)
        return page

    def register(self) -> None:
        if self.state.tasks is None or self.progress.isVisible():
            return
        code = self.code_edit.text().strip().upper()
        self.register_button.setEnabled(False)
        self.progress.show()
        self.register_message.show_info(self.tr("Registering till {code} with the hub… the first till of a store "
                                                "sends the whole book, which can take a minute.").format(
            code=code or "?"))
        self.state.tasks.run(_register, self.state.ctx, self.url_edit.text(), self.password_edit.text(),
                             self.store_edit.text(), code, self.name_edit.text(), self.state.config_dir,
                             on_done=self._registered, on_error=self._register_failed,
                             label=self.tr("Registering the till"))

    def _registered(self, result) -> None:
        self.progress.hide()
        self.register_button.setEnabled(True)
        self.password_edit.clear()
        done = self.tr("This book is till {code} ({name}) of store {store!r} on {hub}.").format(
            code=result.code, name=result.name, store=result.store, hub=result.hub)
        if result.sync_error:
            done += self.tr(" Not sent yet ({error}); it is sent at the next sync.").format(error=result.sync_error)
        self.register_message.clear_message()
        self.registered_message.show_info(done)
        self.state.data_changed.emit("settings")
        if self.worker is not None:
            self.worker.request()

    def _register_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.register_button.setEnabled(True)
        self.register_message.show_error(error_text(exc))

    # --- once registered -----------------------------------------------------------------
    def _status_view(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.registered_message = MessageLine("registeredMessage")
        lay.addWidget(self.registered_message)
        form = QFormLayout()
        self.hub_label = QLabel()
        self.hub_label.setAccessibleName("syncHub")
        self.till_label = QLabel()
        self.till_label.setAccessibleName("syncTill")
        self.state_label = QLabel()
        self.state_label.setAccessibleName("syncState")
        self.last_label = QLabel()
        self.last_label.setAccessibleName("syncLast")
        self.waiting_label = QLabel()
        self.waiting_label.setAccessibleName("syncWaiting")
        for label in (self.hub_label, self.till_label, self.state_label, self.last_label, self.waiting_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Hub"), self.hub_label)
        form.addRow(self.tr("This till"), self.till_label)
        form.addRow(self.tr("Sync"), self.state_label)
        form.addRow(self.tr("Last sync"), self.last_label)
        form.addRow(self.tr("Waiting"), self.waiting_label)
        lay.addLayout(form)
        self.reason_line = MessageLine("syncReason")
        lay.addWidget(self.reason_line)
        row = QHBoxLayout()
        self.sync_button = PrimaryButton(self.tr("Sync now"), "syncNowButton")
        self.sync_button.clicked.connect(self.sync_now)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)  # the stack is as tall as the register form: keep this page at the top
        return page

    def sync_now(self) -> None:
        if self.worker is not None:
            self.sync_button.setEnabled(False)
            self.state_label.setText(self.tr("Syncing…"))
            self.worker.request()

    def show_state(self, st: SyncState) -> None:
        self.pages.setCurrentIndex(1 if st.is_till else 0)
        if not st.is_till:
            return
        now = self.state.ctx.clock.now()
        self.sync_button.setEnabled(True)
        self.hub_label.setText(st.hub)
        self.till_label.setText(self.tr("Till {till} ({name})").format(till=st.till, name=st.till_name)
                                if st.till_name else self.tr("Till {till}").format(till=st.till))
        text, failed = status_line(st, now)
        self.state_label.setText(text)
        set_role(self.state_label, "error" if failed else "info")
        if st.kind == OFFLINE and st.reason:
            self.reason_line.show_info(self.tr("The hub does not answer: {reason}. The till sells on; what waits is "
                                               "sent when it answers again.").format(reason=st.reason))
        elif st.reason:
            self.reason_line.show_error(st.reason)
        else:
            self.reason_line.clear_message()
        self.last_label.setText(f"{format_datetime(st.last_sync)} ({ago_text(st.last_sync, now)})"
                                if st.last_sync else self.tr("never"))
        self.waiting_label.setText(self.tr("%n sale(s)", "", st.waiting_sales) + ", "
                                   + self.tr("%n row(s) in all", "", st.waiting))
