"""The Hindi message catalog is complete: every message the code gives possuite.i18n (``_()`` calls, the
receipt templates, the errors a user reads, the domain's labels) has a finished Hindi translation that keeps
the message's placeholders. After adding a message: ``python scripts/extract_messages.py``, translate it in
``src/possuite/locale/hi/LC_MESSAGES/possuite.po`` (terms: ``locale/GLOSSARY.md``)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from possuite.i18n import LANGUAGES, SOURCE_LANGUAGE, catalog_paths

ROOT = Path(__file__).resolve().parents[2]
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _extracted():
    spec = importlib.util.spec_from_file_location("extract_messages", ROOT / "scripts" / "extract_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_template()


@pytest.fixture(scope="module")
def extracted():
    return _extracted()


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_message_has_a_finished_translation_with_the_same_placeholders(extracted, lang):
    po_path, _mo = catalog_paths(lang)
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain="possuite")
    missing, fuzzy, placeholders = [], [], []
    for message in extracted:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or not found.string or (isinstance(found.string, tuple) and not all(found.string)):
            missing.append((message.context, message.id))
        elif found.fuzzy:
            fuzzy.append(message.id)
        else:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = found.string if isinstance(found.string, tuple) else (found.string,)
            want = set(_PLACEHOLDER.findall(ids[0]))
            if any(set(_PLACEHOLDER.findall(s)) != want for s in strings):
                placeholders.append(message.id)
    assert not missing, f"{len(missing)} messages have no {lang} translation, e.g. {missing[:5]}"
    assert not fuzzy, f"unfinished (fuzzy) {lang} translations: {fuzzy[:5]}"
    assert not placeholders, f"{lang} translations that lost or changed a placeholder: {placeholders[:5]}"


def test_the_extraction_finds_errors_templates_labels_and_field_names(extracted):
    ids = {(m.context, m.id) for m in extracted if m.id}
    assert (None, "is required") in ids  # a ValidationError's problem
    assert ("field", "phone") in ids  # a field name
    assert (None, "PENDING BALANCE:") in ids  # a receipt template's word
    assert (None, "Cash") in ids  # a domain label
    assert (None, "TAX INVOICE") in ids  # a GST heading
    assert len(ids) > 250
