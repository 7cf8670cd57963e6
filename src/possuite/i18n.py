"""The one translation function for words that come from services, printing and reports (docs/architecture.md §5).

The screens translate their own words with Qt (``self.tr``, ``.ts``/``.qm`` under ``resources/translations``);
everything else a user reads -- an error naming a field, a receipt's words, a report's headings, the
reminder text -- goes through this module: GNU gettext catalogs, one per language, kept as
``src/possuite/locale/<lang>/LC_MESSAGES/possuite.po`` (the glossary of shop terms sits beside them in
``locale/GLOSSARY.md``).

- ``set_language("hi")`` chooses the process's language (the CLI: ``POSSUITE_LANG``; the till: the
  signed-in user's language); ``current_language()`` says which; English (``en``) is the default and
  the source language, so an English run returns every message byte for byte as written.
- ``gettext``/``_``, ``ngettext``, ``pgettext`` translate into the current language.
- ``translator(lang)`` translates into an explicit language whatever the screen's: receipts print in the
  store's receipt language while the cashier's screen is in another.
- ``N_(msg)`` marks a message for extraction where it is defined and translated later (tables of labels).
- ``error_text(exc)`` is what a user reads for a ``PossuiteError``: ``<field>: <problem>``, the field
  name (message context ``field``) and the problem translated. A problem with values is raised as a
  template, ``ValidationError("width", "{width} is not a paper width", width=40)``, so the catalog holds
  one message for every value.

Catalogs: the ``.po`` files are the source (committed); ``scripts/compile_catalogs.py`` builds each
``possuite.mo`` beside it (the set-up, ``make test`` and the installer run it; ``.mo`` files are not
committed). When a ``.mo`` is missing or older than its ``.po`` (a fresh clone run without the set-up),
the ``.po`` is compiled in memory with Babel instead, so a message is never silently untranslated.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
import threading
from functools import cache
from pathlib import Path

from possuite.domain.errors import PossuiteError, ValidationError
from possuite.domain.money import DEVANAGARI, WESTERN

DOMAIN = "possuite"
SOURCE_LANGUAGE = "en"
#: The languages possuite ships (code -> the language's own name, as a language menu shows it).
LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
#: Message context of field names (``pgettext("field", "phone")``): "amount" as a field and as a
#: receipt word may need different words.
FIELD_CONTEXT = "field"

LOCALE_DIR = Path(__file__).with_name("locale")

_state = threading.local()
_process_language = SOURCE_LANGUAGE


def normalise_language(code: str | None) -> str:
    """``"hi_IN.UTF-8"`` -> ``"hi"``; ``""``/``None`` -> ``"en"``. Raises ValidationError for a language not shipped."""
    text = (code or "").strip()
    if not text:
        return SOURCE_LANGUAGE
    base = text.replace("-", "_").split(".")[0].split("_")[0].lower()
    if base not in LANGUAGES:
        raise ValidationError("language", "{text!r} is not one of {choices}", text=text, choices=', '.join(LANGUAGES))
    return base


#: The Unicode locale extension naming Devanagari digits (BCP 47 ``-u-nu-deva``): the store's receipt
#: language is kept as ``hi`` or ``hi-u-nu-deva`` (``en-u-nu-deva``: English receipts, Hindi screens in
#: Devanagari digits), so the digits need no column of their own.
_DEVA_DIGITS = "-u-nu-deva"
#: The languages whose readers may be given Devanagari digits (docs/architecture.md §5).
DEVANAGARI_DIGIT_LANGUAGES = frozenset({"hi"})


def split_language_tag(tag: str | None) -> tuple[str, bool]:
    """``"hi-u-nu-deva"`` -> ``("hi", True)``; ``"en"`` -> ``("en", False)``."""
    text = (tag or "").strip()
    deva = text.lower().endswith(_DEVA_DIGITS)
    if deva:
        text = text[: -len(_DEVA_DIGITS)]
    try:
        return normalise_language(text), deva
    except ValidationError:  # a value this version does not ship: English, as before the setting existed
        return SOURCE_LANGUAGE, deva


def language_tag(lang: str, devanagari_digits: bool) -> str:
    """The stored form of a receipt language and the digits choice (``split_language_tag`` reads it)."""
    return normalise_language(lang) + (_DEVA_DIGITS if devanagari_digits else "")


def digits_for(lang: str | None, devanagari_digits: bool) -> str:
    """The digits a reader in ``lang`` is given: Devanagari when the owner picked them and ``lang`` is Hindi."""
    code = normalise_language(lang) if lang else current_language()
    return DEVANAGARI if devanagari_digits and code in DEVANAGARI_DIGIT_LANGUAGES else WESTERN


def catalog_paths(lang: str) -> tuple[Path, Path]:
    """The ``.po`` (source) and ``.mo`` (compiled) files of a language."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def compile_po(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (Babel). Fuzzy entries are left out, as ``msgfmt`` does."""
    # Babel is imported here on purpose: only the set-up and a fresh clone without compiled catalogs need it.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=po_path.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def translator(lang: str | None = None) -> _gettext.NullTranslations:
    """The translations of ``lang`` (``gettext``, ``ngettext``, ``pgettext``, ``npgettext``).

    ``translator("en")`` returns every message unchanged. ``lang=None`` is the current language.
    """
    return _load(normalise_language(lang) if lang else current_language())


@cache
def _load(lang: str) -> _gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    po, mo = catalog_paths(lang)
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if not po.exists():
        raise FileNotFoundError(f"the {lang} message catalog is not shipped with possuite (looked for {po})")
    return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def set_language(code: str | None) -> str:
    """Choose the language of the whole process (every thread without its own). Returns the normalised code."""
    global _process_language
    lang = normalise_language(code)
    translator(lang)  # load (and check) the catalog now, not at the first message
    _process_language = lang
    return lang


def current_language() -> str:
    """The language messages are translated into now: this thread's (``using_language``), else the process's."""
    return getattr(_state, "lang", None) or _process_language


class using_language:  # lower case: read as a context manager, like contextlib's helpers
    """``with using_language("hi"): ...`` translates into ``hi`` on this thread only, then restores."""

    def __init__(self, code: str | None) -> None:
        self.lang = normalise_language(code)

    def __enter__(self) -> str:
        self._saved = getattr(_state, "lang", None)
        _state.lang = self.lang
        return self.lang

    def __exit__(self, *exc) -> None:
        _state.lang = self._saved


def gettext(message: str) -> str:
    return translator(current_language()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(current_language()).pgettext(context, message)


def N_(message: str) -> str:  # the gettext convention for "extract now, translate later"
    return message


#: The month and weekday names ``domain/dates.py`` prints ("01 Nov 2026", "Sunday 01 November 2026"),
#: named in the reader's language by ``localise_dates``. Long names first: "May" is both.
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
          N_("Oct"), N_("Nov"), N_("Dec"))
LONG_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("June"), N_("July"), N_("August"),
               N_("September"), N_("October"), N_("November"), N_("December"))
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))
SHORT_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_DATE_WORD = re.compile(r"\b(" + "|".join((*LONG_MONTHS, *WEEKDAYS, *MONTHS, *SHORT_WEEKDAYS)) + r")\b")


def localise_dates(text: str, lang: str | None) -> str:
    """A date as ``domain/dates.py`` wrote it with its month and weekday named in ``lang`` (unchanged in
    English): ``Sun 01 Nov 2026`` -> ``रवि 01 नव॰ 2026``. The one place date words are translated."""
    if not lang or lang == SOURCE_LANGUAGE:
        return text
    tr = translator(lang).gettext
    return _DATE_WORD.sub(lambda m: tr(m.group(1)), text)


def field_name(field: str, lang: str | None = None) -> str:
    """A field's name as a user reads it in ``lang`` (the current language by default)."""
    return translator(lang).pgettext(FIELD_CONTEXT, field)


def problem_text(exc: PossuiteError, lang: str | None = None) -> str:
    """The problem of an error in ``lang``: its template translated and filled, or its text translated."""
    tr = translator(lang)
    template = getattr(exc, "why_template", None)
    if template is not None:
        params = getattr(exc, "params", {})
        try:
            return tr.gettext(template).format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: say it in English
            return exc.why
    return tr.gettext(exc.why)


def error_text(exc: PossuiteError, lang: str | None = None) -> str:
    """``<field>: <problem>`` in ``lang`` (the current language by default); in English exactly ``exc.message``."""
    target = normalise_language(lang) if lang else current_language()
    if target == SOURCE_LANGUAGE:
        return exc.message
    return f"{field_name(exc.field, target)}: {problem_text(exc, target)}"
