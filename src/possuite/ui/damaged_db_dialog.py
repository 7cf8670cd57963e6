"""Start-up safety: a damaged database file gets a clear dialog, not a crash.

``check_database_at_start(path, parent)`` is called once by ``ui.main.run_app`` before the
database is opened. It runs ``PRAGMA quick_check``; a sound file starts the once-a-day backup
in the background and returns True. A damaged one shows ``DamagedDatabaseDialog``: what is
wrong, the newest backup that passes the check, and "Restore this backup" (verified, the
damaged file kept aside) or "Choose another backup…" or "Quit". The restore runs on a worker
thread with a busy bar; the function returns True only when the till can go on.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from possuite.domain.clock import Clock
from possuite.domain.dates import format_datetime_at
from possuite.domain.errors import PossuiteError
from possuite.services import backup
from possuite.ui.widgets import MessageLine, PrimaryButton, TouchButton

log = logging.getLogger("possuite.ui")


def _in_background(fn, *args) -> threading.Thread:
    def run() -> None:
        try:
            fn(*args)
        except Exception:  # noqa: BLE001 - a failed start-up backup is logged, never fatal
            log.exception("the start-up backup failed")

    t = threading.Thread(target=run, name="possuite-start-backup", daemon=True)
    t.start()
    return t


#: The last start-up backup thread (tests wait on it).
last_backup_thread: threading.Thread | None = None


#: Files up to this size get the full ``PRAGMA quick_check`` before the window opens (well under a
#: second). A bigger book (years of trading) gets ``backup.light_check`` first, so the till opens at
#: once, and the full check on a background thread (``BackgroundCheck``).
SYNC_CHECK_MAX_BYTES = 256 * 1024 * 1024


def needs_background_check(path: Path | str) -> bool:
    path = Path(path)
    return path.exists() and path.stat().st_size > SYNC_CHECK_MAX_BYTES


def check_database_at_start(path: Path | str, parent: QWidget | None = None, clock: Clock | None = None,
                            *, full: bool | None = None) -> bool:
    """True when the till may open ``path``: it is sound (or new), or a backup was restored over it."""
    global last_backup_thread
    path = Path(path)
    if full is None:
        full = not needs_background_check(path)
    problems = backup.quick_check(path) if full else backup.light_check(path)
    if not problems:
        clock = clock or Clock()
        last_backup_thread = _in_background(lambda: backup.auto_backup_at_start(path, clock=clock))
        return True
    log.error("database %s failed its start-up check: %s", path, "; ".join(problems[:3]))
    dialog = DamagedDatabaseDialog(path, problems, backup.newest_good_backup(path), parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()  # deleted by Qt's event loop, never by Python's collector mid-event
    return accepted


class BackgroundCheck(QObject):
    """The full ``PRAGMA quick_check`` of a big book on a plain thread; ``damaged`` fires on the GUI thread."""

    damaged = Signal(list)

    def start(self, path: Path | str) -> threading.Thread:
        def run() -> None:
            try:
                problems = backup.quick_check(path)
            except Exception as exc:  # noqa: BLE001 - a check that cannot run is itself a finding
                problems = [str(exc)]
            if problems:
                log.error("database %s failed its background check: %s", path, "; ".join(problems[:3]))
                self.damaged.emit(problems)

        t = threading.Thread(target=run, name="possuite-quick-check", daemon=True)
        t.start()
        return t


class _Restorer(QObject):
    """Runs one restore on a plain thread and reports back on the GUI thread."""

    finished = Signal(object, object)  # (result, error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: threading.Thread | None = None

    def start(self, path: Path, candidate: Path) -> None:
        def run() -> None:
            try:
                result = backup.restore(path, candidate)
            except BaseException as exc:  # noqa: BLE001 - shown in the dialog
                self.finished.emit(None, exc)
            else:
                self.finished.emit(result, None)

        self.thread = threading.Thread(target=run, name="possuite-restore", daemon=True)
        self.thread.start()

    def join(self) -> None:
        """Wait for the (already reporting) thread to end, so nothing outlives the dialog."""
        if self.thread is not None:
            self.thread.join(5)
            self.thread = None


class DamagedDatabaseDialog(QDialog):
    def __init__(self, path: Path, problems: list[str], good: backup.BackupInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.good = good
        self.result_info: backup.RestoreResult | None = None
        self.setWindowTitle(self.tr("The shop's database is damaged"))
        self.setAccessibleName("damagedDatabaseDialog")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)

        title = QLabel(self.tr("<h2>possuite cannot use the shop's database as it is</h2>"))
        lay.addWidget(title)
        what = QLabel(
            self.tr("The file <b>{path}</b> failed its start-up check, so possuite has not opened it (working on a "
                    "damaged file could lose more). This usually follows a power cut, a full disk or a failing "
                    "disk.<br><br>What the check found: <i>{html}</i>").format(path=path, html=_html(problems[0]))
            + (self.tr(" (and %n more)", "", len(problems) - 1) if len(problems) > 1 else ""))
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.RichText)
        what.setAccessibleName("damageDescription")
        lay.addWidget(what)

        self.offer = QLabel()
        self.offer.setWordWrap(True)
        self.offer.setTextFormat(Qt.TextFormat.RichText)
        self.offer.setAccessibleName("backupOffer")
        if good is not None:
            self.offer.setText(
                self.tr("The newest good backup was taken <b>{when}</b> ({size}, {name}). "
                        "Restoring it brings back the book as it was then; anything recorded after that must be "
                        "entered again. The damaged file is kept among the backups, not deleted.").format(
                            when=format_datetime_at(good.taken_at),
                            size=backup.human_size(good.size), name=good.path.name))
        else:
            self.offer.setText(
                self.tr("No good backup was found in {backups_dir}. If you have a copy elsewhere (a USB stick), choose "
                        "it below. Otherwise keep the damaged file safe and ask for help.").format(
                    backups_dir=backup.backups_dir(path)))
        lay.addWidget(self.offer)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: checking and copying has no useful percentage
        self.progress.setAccessibleName("restoreProgress")
        self.progress.hide()
        lay.addWidget(self.progress)
        self.message = MessageLine("restoreMessage")
        lay.addWidget(self.message)

        row = QHBoxLayout()
        self.restore_button = PrimaryButton(self.tr("Restore this backup"), "restoreNewestButton")
        self.restore_button.setVisible(good is not None)
        self.choose_button = TouchButton(self.tr("Choose another backup…"), "chooseBackupButton")
        self.quit_button = TouchButton(self.tr("Quit"), "quitButton")
        row.addWidget(self.restore_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        lay.addLayout(row)
        self.restore_button.clicked.connect(lambda: self.restore(self.good.path))
        self.choose_button.clicked.connect(self._choose)
        self.quit_button.clicked.connect(self.reject)
        (self.restore_button if good is not None else self.choose_button).setFocus()

        self._restorer = _Restorer(self)
        self._restorer.finished.connect(self._done)

    def _choose(self) -> None:
        start = str(backup.backups_dir(self.path) if backup.backups_dir(self.path).is_dir() else Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), start,
                                                self.tr("possuite backup (*.sqlite3);;All files (*)"))
        if chosen:
            self.restore(Path(chosen))

    def restore(self, candidate: Path) -> None:
        """Verify ``candidate`` and swap it in, off the GUI thread."""
        for b in (self.restore_button, self.choose_button, self.quit_button):
            b.setEnabled(False)
        self.progress.show()
        self.message.show_info(self.tr("Checking {name} and restoring it…").format(name=candidate.name))
        self._restorer.start(self.path, candidate)

    def _done(self, result: backup.RestoreResult | None, error: BaseException | None) -> None:
        self._restorer.join()
        self.progress.hide()
        for b in (self.restore_button, self.choose_button, self.quit_button):
            b.setEnabled(True)
        if error is not None:
            if not isinstance(error, PossuiteError):
                log.error("restore at start-up failed", exc_info=error)
            self.message.show_error(error.message if isinstance(error, PossuiteError)
                                    else self.tr("The restore failed ({kind}: {error}); nothing was changed. Details "
                                                 "are in the log.").format(kind=type(error).__name__, error=error))
            return
        self.result_info = result
        log.warning("restored %s from %s at start-up; damaged file kept as %s", self.path,
                    result.restored_from, result.replaced)
        self.accept()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
