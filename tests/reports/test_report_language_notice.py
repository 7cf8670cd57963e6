"""A report PDF not translated yet (``build_pdf`` without ``lang``) stays in English: when the reader asked for
Hindi (their language or the store's receipt language), the first page says so in Hindi, shaped, with the
English beside it; otherwise nothing changes. Every shipped report is translated now (test_report_hindi.py):
the day report for a Hindi reader carries no notice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from report_scenarios import october
from test_report_files import embedded_fonts, text_of

from possuite import i18n
from possuite.reports.day import write_day_report_pdf
from possuite.reports.pdf_common import build_pdf, para, style
from possuite.reports.statement_pdf import write_statement_pdf
from possuite.services.day_report import day_report
from possuite.services.statement import customer_statement
from possuite.services.store_settings import update_settings


@pytest.fixture
def oct_(ctx, clock):
    return october(ctx, clock)


def test_an_english_statement_has_no_notice(oct_, tmp_path):
    out = write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "en.pdf")
    assert "This report is in English" not in text_of(out)
    assert "NotoSansDevanagari-Regular" not in embedded_fonts(out)


def _untranslated(ctx, path):
    """A report whose words are English only: ``build_pdf`` is given no language."""
    return build_pdf(path, [para("Only English words here", style("p"))], store=ctx.store, title="Untranslated",
                     subtitle="today", generated_at=datetime(2026, 10, 7, 20, 0))


def test_an_untranslated_report_for_a_store_printing_hindi_receipts_says_it_is_in_english(oct_, tmp_path):
    update_settings(oct_.ctx, receipt_language="hi")
    out = _untranslated(oct_.ctx, tmp_path / "hi.pdf")
    text = text_of(out)
    assert "(This report is in English.)" in text.split("\f")[0]  # on the first page
    assert "NotoSansDevanagari-Regular" in embedded_fonts(out)


def test_an_untranslated_report_asked_for_in_hindi_says_it_is_in_english(oct_, tmp_path):
    i18n.set_language("hi")
    out = _untranslated(oct_.ctx, tmp_path / "x.pdf")
    assert "(This report is in English.)" in text_of(out)
    assert "NotoSansDevanagari-Regular" in embedded_fonts(out)


def test_the_day_report_asked_for_in_hindi_needs_no_notice(oct_, tmp_path):
    i18n.set_language("hi")
    out = write_day_report_pdf(day_report(oct_.ctx, date(2026, 10, 7)), tmp_path / "day.pdf")
    assert "This report is in English" not in text_of(out)
