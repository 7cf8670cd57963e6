"""Sign in: pick the user, type the PIN. A wrong PIN says so; repeated wrong PINs lock the user.

The PIN check (scrypt) and the failure counter run on the worker (``services.users.login``).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from possuite.services.context import Context
from possuite.services.users import UserInfo, list_users, login
from possuite.ui.resources import icon
from possuite.ui.state import TaskRunner, error_text
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton, heading, set_role

UserRole = Qt.ItemDataRole.UserRole + 1


class LoginDialog(QDialog):
    signed_in = Signal(object)

    def __init__(self, ctx: Context, tasks: TaskRunner, *, locked_by: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.setWindowTitle(f"possuite — {ctx.store.name}")
        self.setWindowIcon(icon("possuite"))
        self.setAccessibleName("loginDialog")
        self.setObjectName("loginDialog")
        self.setMinimumSize(460, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(ctx.store.name))
        sub = QLabel("Locked — sign in to continue" if locked_by else "Who is at the till?")
        set_role(sub, "muted")
        lay.addWidget(sub)
        self.users = QListWidget()
        self.users.setAccessibleName("userList")
        self.users.currentItemChanged.connect(lambda *_: self.pin.setFocus())
        lay.addWidget(self.users, 1)
        self.pin = QLineEdit()
        self.pin.setAccessibleName("pinInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("PIN")
        self.pin.setMaxLength(12)
        self.pin.setMinimumHeight(44)
        self.pin.returnPressed.connect(self.sign_in)
        lay.addWidget(self.pin)
        self.message = MessageLine("loginMessage")
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.quit_button = TouchButton("Quit", "quitButton")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.sign_in_button = PrimaryButton("Sign in", "signInButton")
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self.sign_in)
        row.addWidget(self.quit_button)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        lay.addLayout(row)
        self._preselect = locked_by
        self.load_users()

    def load_users(self) -> None:

        self.tasks.search(list_users, self.ctx, on_done=self._show_users,
                          on_error=lambda exc: self.message.show_error(error_text(exc)))

    def _show_users(self, users: list[UserInfo]) -> None:
        self.users.clear()
        for u in users:
            item = QListWidgetItem(f"{u.name}   ({u.role})")
            item.setData(UserRole, u.name)
            item.setSizeHint(QSize(200, 48))
            self.users.addItem(item)
            if u.name == self._preselect:
                self.users.setCurrentItem(item)
        if self.users.currentItem() is None and self.users.count():
            self.users.setCurrentRow(0)
        self.pin.setFocus()

    def select_user(self, name: str) -> None:
        for i in range(self.users.count()):
            if self.users.item(i).data(UserRole) == name:
                self.users.setCurrentRow(i)
                return

    def sign_in(self) -> None:
        item = self.users.currentItem()
        if item is None:
            self.message.show_error("User: pick who you are first")
            return
        pin = self.pin.text().strip()
        if not pin:
            self.message.show_error("PIN: type your PIN")
            return

        self.sign_in_button.setEnabled(False)
        self.message.show_info("Checking…")
        self.tasks.run(login, self.ctx, item.data(UserRole), pin, on_done=self._ok, on_error=self._wrong)

    def _ok(self, actor) -> None:
        self.message.clear_message()
        self.signed_in.emit(actor)
        self.accept()

    def _wrong(self, exc: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.message.show_error(error_text(exc))
        self.pin.setFocus()
