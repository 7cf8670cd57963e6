"""possuite.i18n: one translation function for services, receipts and reports (gettext catalogs)."""

from __future__ import annotations

import shutil
import threading

import pytest

from possuite import i18n
from possuite.domain.errors import NotFound, ValidationError


def test_english_is_the_source_language_and_returns_every_message_unchanged():
    assert i18n.current_language() == "en"
    assert i18n.gettext("is required") == "is required"
    assert i18n.ngettext("{n} bill", "{n} bills", 2) == "{n} bills"
    exc = ValidationError("phone", "is required")
    assert i18n.error_text(exc) == exc.message == "phone: is required"


def test_hindi_translates_the_problem_and_the_field_name():
    i18n.set_language("hi")
    assert i18n.current_language() == "hi"
    assert i18n.gettext("is required") == "ज़रूरी है"
    assert i18n.error_text(ValidationError("phone", "is required")) == "फ़ोन: ज़रूरी है"
    # The English text of the error does not change: logs and the CLI's default output keep it.
    assert ValidationError("phone", "is required").message == "phone: is required"


def test_a_templated_problem_is_translated_once_and_filled_with_its_values():
    exc = ValidationError("width", "{width} is not a paper width; use 32, 42 or 48 columns", width=40)
    assert exc.why == "40 is not a paper width; use 32, 42 or 48 columns"
    assert exc.message == "width: 40 is not a paper width; use 32, 42 or 48 columns"
    assert exc.why_template == "{width} is not a paper width; use 32, 42 or 48 columns"
    assert i18n.error_text(exc, "en") == exc.message


def test_an_explicit_language_translates_whatever_the_current_one_is():
    i18n.set_language("en")
    hi = i18n.translator("hi")
    assert hi.gettext("is required") == "ज़रूरी है"
    assert i18n.gettext("is required") == "is required"
    assert i18n.error_text(NotFound("customer", "is required"), "hi") == "ग्राहक: ज़रूरी है"


def test_using_language_is_per_thread_and_restores_the_language_after():
    seen = {}

    def other_thread():
        seen["other"] = i18n.gettext("is required")

    with i18n.using_language("hi"):
        assert i18n.gettext("is required") == "ज़रूरी है"
        t = threading.Thread(target=other_thread)
        t.start()
        t.join()
    assert seen["other"] == "is required"
    assert i18n.gettext("is required") == "is required"


@pytest.mark.parametrize(("given", "code"), [("hi_IN.UTF-8", "hi"), ("HI", "hi"), ("en-GB", "en"), ("", "en"),
                                             (None, "en")])
def test_language_codes_are_normalised(given, code):
    assert i18n.normalise_language(given) == code


def test_a_language_not_shipped_is_a_validation_error_naming_the_language():
    with pytest.raises(ValidationError) as err:
        i18n.set_language("fr")
    assert err.value.message == "language: 'fr' is not one of en, hi"
    assert i18n.current_language() == "en"


def test_a_catalog_without_its_compiled_mo_is_compiled_from_the_po(tmp_path, monkeypatch):
    po, _mo = i18n.catalog_paths("hi")
    folder = tmp_path / "hi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(po, folder / "possuite.po")  # a fresh clone: the .po only
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._load.cache_clear()
    try:
        assert i18n.translator("hi").gettext("is required") == "ज़रूरी है"
    finally:
        i18n._load.cache_clear()


def test_the_cli_prints_errors_in_hindi_only_when_possuite_lang_says_so(cli, monkeypatch):
    english = cli("customer", "add", "--name", "", "--phone", "98200 11111")
    assert english.code == 2
    assert english.err == "error: name: is required\n"
    monkeypatch.setenv("POSSUITE_LANG", "hi")
    hindi = cli("customer", "add", "--name", "", "--phone", "98200 11111")
    assert hindi.code == 2
    assert hindi.err == "error: नाम: ज़रूरी है\n"


def test_a_statement_movement_is_described_in_the_readers_words():
    from possuite.domain.labels import customer_label, describe_movement
    from possuite.i18n import translator

    hi = translator("hi").gettext
    assert describe_movement("payment", "upi", "collection", "") == "Collection (UPI)"
    assert describe_movement("payment", "cash", "collection", "", hi) == "वसूली (नकद)"
    assert describe_movement("sale", None, None, "", hi) == "बिल"
    assert describe_movement("writeoff", None, None, "bad debt", hi) == "माफ़ी: bad debt"  # the note is the user's
    assert describe_movement("payment", None, None, "") == "Credit"
    assert customer_label(None) == "Walk-in" and customer_label(None, hi) == "राह चलते"
    assert customer_label("Asha Rao", hi) == "Asha Rao"
