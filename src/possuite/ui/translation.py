"""The screen's language: Qt's catalogs (``resources/translations/possuite_<lang>.ts``), built and installed.

Every user-visible string in ``ui/`` goes through Qt's translation machinery (``self.tr`` in QObject
subclasses, ``QCoreApplication.translate("<context>", ...)`` elsewhere); ``pyside6-lupdate`` extracts
them into the ``.ts`` catalogs (``make translations-update``) and ``pyside6-lrelease`` compiles them
into ``.qm`` files at build time (``make translations``, which ``make run``/``make test``/``make dist``
run; ``build_translations`` here, which the tests and a source checkout without make call). The
``.qm`` files are build output, never committed. docs/architecture.md §9.

``set_language(code)`` swaps the application's translator; Qt then sends ``QEvent.LanguageChange`` to
every widget and each window retranslates itself (``retranslate_ui``) without a restart. The user's
language is a column of ``users`` (``services.users``); the login switches to it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDateEdit

from possuite import i18n
from possuite.domain.money import set_digits
from possuite.services.users import USER_LANGUAGES
from possuite.ui.resources import resource_dirs, resource_path

log = logging.getLogger("possuite.ui")

#: The language the source strings are written in (no translator installed).
SOURCE_LANGUAGE = "en"
#: Each language's name as its readers write it (the login's language picker): ``i18n.LANGUAGES``.
LANGUAGE_AUTONYMS = i18n.LANGUAGES
CATALOG = "possuite_{lang}"

# Qt's own standard buttons (QMessageBox, QDialogButtonBox) read their text from the context
# "QPlatformTheme"; Qt ships no Hindi catalog, so ours carries these few words.
QT_STANDARD_TEXTS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QWizard", "< &Back"),
    QT_TRANSLATE_NOOP("QWizard", "&Next >"),
    QT_TRANSLATE_NOOP("QWizard", "&Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Cancel"),
    QT_TRANSLATE_NOOP("QWizard", "&Next"),
    QT_TRANSLATE_NOOP("QWizard", "Go Back"),
    QT_TRANSLATE_NOOP("QWizard", "Continue"),
    QT_TRANSLATE_NOOP("QWizard", "Commit"),
    QT_TRANSLATE_NOOP("QWizard", "Done"),
    QT_TRANSLATE_NOOP("QWizard", "Help"),
)

_translator: QTranslator | None = None
_loaded: dict[str, QTranslator] = {}
_current: str | None = None  # None: no catalog installed yet


def translations_dir() -> Path | None:
    """The folder holding the catalogs (``.ts`` in a source tree, ``.qm`` once built or shipped)."""
    return resource_path("translations")


def catalog_sources(folder: Path | None = None) -> list[Path]:
    folder = folder or translations_dir()
    return sorted(folder.glob("possuite_*.ts")) if folder else []


def _lrelease() -> list[str] | None:
    """The ``lrelease`` to run: PySide6's wrapper beside this interpreter, else one on PATH."""
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return [str(here / name)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def build_translations(folder: Path | None = None, *, force: bool = False) -> list[Path]:
    """Compile every ``possuite_*.ts`` in ``folder`` into its ``.qm`` when missing or older.

    Returns the ``.qm`` files written. Raises ``RuntimeError`` when a catalog needs building and
    no ``lrelease`` is installed (PySide6 ships one as ``pyside6-lrelease``).
    """
    written: list[Path] = []
    for ts in catalog_sources(folder):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        tool = _lrelease()
        if tool is None:
            raise RuntimeError("pyside6-lrelease is missing: pip install PySide6 (it ships the tool)")
        subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ})
        written.append(qm)
    return written


def catalog_file(lang: str) -> Path | None:
    """The compiled catalog of ``lang``; built from its ``.ts`` first in a source checkout."""
    name = CATALOG.format(lang=lang)
    for folder in resource_dirs():
        qm = folder / "translations" / f"{name}.qm"
        ts = qm.with_suffix(".ts")
        if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            try:  # a source checkout run without `make` (python -m possuite, pytest on Windows)
                build_translations(ts.parent)
            except (RuntimeError, OSError, subprocess.CalledProcessError):
                log.exception("could not build the %s catalog", lang)
        if qm.exists():
            return qm
    return None


def current_language() -> str:
    return _current or SOURCE_LANGUAGE


def set_language(lang: str | None) -> str:
    """Show the screen in ``lang`` (``en`` when None or unknown); returns the language now shown.

    English has a catalog too: the source strings are English, but its plural forms (``%n visit(s)`` →
    ``1 visit``, ``2 visits``) come from it. Installing the translator makes Qt send ``LanguageChange`` to
    every widget.
    """
    global _translator, _current
    lang = lang if lang in USER_LANGUAGES else SOURCE_LANGUAGE
    app = QCoreApplication.instance()
    if app is None:  # nothing is shown yet
        return current_language()
    if lang == _current:
        _tell_services(lang)
        return lang
    translator = _loaded.get(lang)
    if translator is None:
        translator = QTranslator()  # no Qt parent; kept for the life of the process (switching never frees one)
        qm = catalog_file(lang)
        if qm is None or not translator.load(str(qm)):
            log.error("no compiled catalog for %s (run: make translations)", lang)
            if lang != SOURCE_LANGUAGE:
                return set_language(SOURCE_LANGUAGE)
            translator = None
        else:
            _loaded[lang] = translator
    if _translator is not None:
        app.removeTranslator(_translator)
    _translator = translator
    if translator is not None:
        app.installTranslator(translator)
    _current = lang
    _tell_services(lang)
    widgets = QApplication.allWidgets() if isinstance(app, QApplication) else []
    for box in widgets:  # the date boxes already made (new ones call localise_date_edit)
        if isinstance(box, QDateEdit):
            box.setLocale(date_locale(lang))
    return lang


_DATE_LOCALES = {"hi": (QLocale.Language.Hindi, QLocale.Country.India)}


def date_locale(lang: str | None = None) -> QLocale:
    """The locale a date box names its months in: the screen's language (Hindi: "01 दिस॰ 2026", the same
    month words as ``i18n.localise_dates`` gives receipts and PDFs), digits 0-9 as the rest of the screen."""
    language, country = _DATE_LOCALES.get(lang or current_language(), (QLocale.Language.English,
                                                                      QLocale.Country.India))
    return QLocale(language, country)


def localise_date_edit(box: QDateEdit) -> QDateEdit:
    """A date box follows the screen's language (made now, and again at each switch: ``set_language``)."""
    box.setLocale(date_locale())
    return box


def domain_word(text: str) -> str:
    """A word the domain names for a stored code (a status, a method, a kind: ``domain/labels.py``) in the
    screen's language. The services' catalog (``possuite.i18n``) holds these words, for receipts and reports too."""
    return i18n.gettext(text) if text else text


_store_digits = [False]  # the store's "Devanagari digits for Hindi" choice (``use_store_digits``)


def use_store_digits(devanagari: bool) -> None:
    """The store's digits choice (a session starts, the owner saves it): amounts on a Hindi screen follow it."""
    _store_digits[0] = bool(devanagari)
    set_digits(i18n.digits_for(current_language(), _store_digits[0]))


def _tell_services(lang: str) -> None:
    """Words the services build (errors, labels, receipts' words) follow the screen's language (``possuite.i18n``),
    and amounts the screen's digits (``domain/money.py``: Devanagari on a Hindi screen when the store picked them)."""
    try:
        i18n.set_language(lang)
    except Exception:  # the screen's language must not fail because of the services' catalogs
        log.exception("the services' language did not switch to %s", lang)
    set_digits(i18n.digits_for(lang, _store_digits[0]))
