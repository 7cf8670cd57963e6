"""Report PDFs in Hindi: when the reader asked for Hindi (their language, or the store's receipt language),
a translated report's headings, column names and labels are Hindi, its Devanagari is shaped by HarfBuzz
(the bill PDF's helper, ``printing/pdf.py::segments``) and it carries no "this report is in English"
notice; an English report is unchanged (docs/architecture.md §5)."""

from __future__ import annotations

from datetime import date

import pytest
from report_scenarios import october
from test_report_files import embedded_fonts, text_of

from possuite import i18n
from possuite.reports.balances_pdf import write_balances_pdf
from possuite.reports.payments_pdf import write_payment_report_pdf
from possuite.reports.statement_pdf import write_statement_pdf
from possuite.services.exports import balances_export
from possuite.services.payments_report import payment_report
from possuite.services.statement import customer_statement
from possuite.services.store_settings import update_settings


@pytest.fixture
def oct_(ctx, clock):
    return october(ctx, clock)


@pytest.fixture
def shaped(monkeypatch):
    """Every Devanagari run the PDFs drawn in the test shaped with HarfBuzz: {text: glyphs drawn}."""
    from possuite.printing import pdf

    seen: dict[str, int] = {}
    real = pdf.shapeStr

    def spy(text, font, size):
        out = real(text, font, size)
        seen[text] = len(out)
        return out

    monkeypatch.setattr(pdf, "shapeStr", spy)
    return seen


def harfbuzz_glyphs(text: str) -> int:
    """How many glyphs HarfBuzz (``uharfbuzz``, test-only) makes of ``text`` in the bundled Noto font."""
    import uharfbuzz as hb

    from possuite.resources import devanagari_font_path

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(str(devanagari_font_path())))), buf, {})
    return len(buf.glyph_infos)


def assert_shaped(shaped: dict[str, int], word: str) -> None:
    """``word`` (with a conjunct) was drawn as HarfBuzz's glyphs: fewer than its letters."""
    assert word in shaped, sorted(shaped)
    assert shaped[word] == harfbuzz_glyphs(word) < len(word)


def test_a_statement_for_a_hindi_store_is_written_in_hindi_and_shaped(oct_, tmp_path, shaped):
    update_settings(oct_.ctx, receipt_language="hi")
    out = write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "hi.pdf")
    text = text_of(out)
    assert "This report is in English" not in text
    assert "Statement of account" not in text and "Opening balance" not in text and "Debit" not in text
    assert "NotoSansDevanagari-Regular" in embedded_fonts(out) and "NotoSansDevanagari-Bold" in embedded_fonts(out)
    assert "₹470.00" in text  # the figures are the English report's
    # pdftotext reads words back from the shaped glyphs (not every one: a glyph drawn before its letter,
    # the ि of "विवरण", is lost on the way back): the heading "खाता विवरण", the column "नामे" (debit), the
    # card "शुरुआती बकाया" (opening balance)
    assert "खाता" in text.splitlines()[0] and "नामे" in text and "बकाया" in text
    # and "ग्राहक" (customer: the conjunct ग्र) was drawn as HarfBuzz's glyphs, not letters in a row.
    assert_shaped(shaped, "ग्राहक")


def test_an_english_statement_keeps_its_english_words(oct_, tmp_path):
    out = write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "en.pdf")
    text = text_of(out)
    assert "Statement of account" in text and "Please pay the balance of ₹470.00" in text
    assert "NotoSansDevanagari-Regular" not in embedded_fonts(out)


def test_the_readers_language_writes_the_statement_in_hindi(oct_, tmp_path):
    i18n.set_language("hi")
    out = write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "hi.pdf")
    assert "Statement of account" not in text_of(out)


def test_the_balances_report_for_a_hindi_reader_is_in_hindi_and_shaped(oct_, tmp_path, shaped):
    i18n.set_language("hi")
    out = write_balances_pdf(balances_export(oct_.ctx), tmp_path / "hi.pdf")
    text = text_of(out)
    assert "This report is in English" not in text
    assert "Customer balances" not in text and "Total outstanding" not in text and "Last payment" not in text
    assert "Outstanding by days past due" not in text   # the chart's title: in the legend, in Hindi
    assert "NotoSansDevanagari-Bold" in embedded_fonts(out)
    assert "बकाया" in text.splitlines()[0] and "कुल बकाया" in text and "₹470.00" in text
    assert_shaped(shaped, "ग्राहक")        # the column heading "Customer"


def test_the_payment_report_for_a_hindi_store_is_in_hindi_and_shaped(oct_, tmp_path, shaped):
    update_settings(oct_.ctx, receipt_language="hi")
    out = write_payment_report_pdf(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)), tmp_path / "hi.pdf")
    text = text_of(out)
    assert "This report is in English" not in text
    for english in ("Payment report", "Invoice", "Remaining", "Total: ", "Paid by method", "Partially paid",
                    "Paid (Cash)"):
        assert english not in text, english
    assert "भुगतान" in text.splitlines()[0] and "कुल: " in text and "₹2,950.00" in text
    assert_shaped(shaped, "स्थिति")         # the column heading "Status": the conjunct स्थ


def test_an_english_payment_report_keeps_its_words(oct_, tmp_path):
    out = write_payment_report_pdf(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)), tmp_path / "en.pdf")
    text = text_of(out)
    assert "Payment report" in text and "Remaining" in text and "Paid by method: Card ₹200.00" in text
    assert "NotoSansDevanagari-Regular" not in embedded_fonts(out)


def test_a_shift_report_for_a_hindi_reader_is_in_hindi_and_the_slip_stays_english(ctx, tmp_path, shaped):
    from possuite.reports.shift import shift_report_text
    from possuite.reports.shift_pdf import write_shift_report_pdf
    from possuite.services import shifts

    shifts.open_shift(ctx, 200000)
    report = shifts.shift_report(ctx)
    i18n.set_language("hi")
    out = write_shift_report_pdf(report, tmp_path / "hi.pdf")
    text = text_of(out)
    assert "This report is in English" not in text
    for english in ("Shift X report", "Expected cash", "Opening float", "Cash drawer", "still open"):
        assert english not in text, english
    assert "₹2,000.00" in text and "NotoSansDevanagari-Bold" in embedded_fonts(out)
    assert_shaped(shaped, "शिफ़्ट")          # the heading's "shift": the conjunct फ़्ट
    assert "नकद दराज़" in shaped and "शुरुआती नकद" in shaped   # the sections' titles and labels, shaped too
    assert "Opening float" in shift_report_text(report)   # the thermal slip is not translated (yet)


def test_the_day_report_for_a_hindi_reader_is_in_hindi_and_shaped(oct_, tmp_path, shaped):
    from possuite.reports.day import write_day_report_pdf
    from possuite.services.day_report import day_report

    update_settings(oct_.ctx, receipt_language="hi")
    out = write_day_report_pdf(day_report(oct_.ctx, date(2026, 10, 7)), tmp_path / "hi.pdf")
    text = text_of(out)
    assert "This report is in English" not in text
    for english in ("Day-end", "Business date", "Net sales", "Money received", "Expected cash in drawer",
                    "Customer credit", "Signature", "Wednesday", "October"):
        assert english not in text, english
    assert "₹590.00" in text and "-₹1,240.00" in text  # the figures are the English report's
    assert "NotoSansDevanagari-Bold" in embedded_fonts(out)
    assert "(Z)" in text.splitlines()[0] and "दैनिक" in shaped   # the title दैनिक (Z) रिपोर्ट, drawn shaped
    assert "कारोबारी तारीख़ बुधवार" in shaped and "अक्तूबर" in shaped   # the date's weekday and month in Hindi
    assert_shaped(shaped, "प्राप्त")                      # "received": the conjuncts प्र and प्त
    assert "शुद्ध बिक्री" in shaped and "दराज़ में अपेक्षित नकद" in shaped


def test_an_english_day_report_keeps_its_english_words(oct_, tmp_path):
    from possuite.reports.day import write_day_report_pdf
    from possuite.services.day_report import day_report

    out = write_day_report_pdf(day_report(oct_.ctx, date(2026, 10, 7)), tmp_path / "en.pdf")
    text = text_of(out)
    assert "Day-end (Z) report" in text and "Business date Wednesday 07 October 2026" in text
    assert "Expected cash in drawer" in text and "NotoSansDevanagari-Regular" not in embedded_fonts(out)


def test_the_statements_movements_are_described_in_hindi_where_shown(oct_, tmp_path):
    st = customer_statement(oct_.ctx, oct_.asha)
    english = {ln.description for ln in st.lines}
    assert "Bill" in english and any(d.startswith(("Collection (", "Payment (")) for d in english)
    hindi = {ln.description_in("hi") for ln in st.lines}
    assert "बिल" in hindi and any(d.startswith(("वसूली (", "भुगतान (")) for d in hindi)
    assert not any(word in d for d in hindi for word in ("Bill", "Collection", "Payment", "Cash", "UPI (", "Card"))
    update_settings(oct_.ctx, receipt_language="hi")
    text = text_of(write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "hi.pdf"))
    for word in ("Bill", "Collection", "Payment (", "(Cash)", "(Card)"):
        assert word not in text, word


def test_a_walk_in_bill_in_the_hindi_payment_report_names_no_english_customer(oct_, tmp_path):
    report = payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31))
    assert any(inv.customer_id is None and inv.customer_name == "Walk-in" for inv in report.invoices)
    update_settings(oct_.ctx, receipt_language="hi")
    text = text_of(write_payment_report_pdf(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)),
                                            tmp_path / "hi.pdf"))
    assert "Walk-in" not in text


def test_a_hindi_statement_in_devanagari_digits_when_the_owner_picked_them(oct_, tmp_path, shaped):
    update_settings(oct_.ctx, receipt_language="hi", devanagari_digits=True)
    out = write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "deva.pdf")
    assert any("४७०" in run for run in shaped), sorted(shaped)[:20]   # the closing balance ₹४७०.००, shaped
    assert "₹470.00" not in text_of(out)
    i18n.set_language("en")
    update_settings(oct_.ctx, receipt_language="en")     # an English reader: Western digits
    assert "₹470.00" in text_of(write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "en.pdf"))


def test_a_hindi_statement_names_its_months_in_hindi(oct_, tmp_path, shaped):
    """The date column, the period and the balance lines of a Hindi statement say "01 अक्तू॰ 2026", not
    "01 Oct 2026" (``i18n.localise_dates`` over ``domain/dates.py``); an English statement keeps "Oct"."""
    update_settings(oct_.ctx, receipt_language="hi")
    st = customer_statement(oct_.ctx, oct_.asha)
    text = text_of(write_statement_pdf(st, tmp_path / "hi.pdf"))
    assert "Oct" not in text and "Nov" not in text, text
    hindi_oct = i18n.translator("hi").gettext("Oct")
    assert hindi_oct != "Oct" and hindi_oct in shaped, sorted(shaped)  # drawn, shaped, in the date cells
    update_settings(oct_.ctx, receipt_language="en")
    assert "01 Oct 2026" in text_of(write_statement_pdf(customer_statement(oct_.ctx, oct_.asha), tmp_path / "en.pdf"))


ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def test_the_balances_and_payment_reports_name_their_months_in_hindi_in_every_date_cell(oct_, tmp_path):
    """Not only the period: the last order / last payment / oldest due cells and the bills' dates too."""
    update_settings(oct_.ctx, receipt_language="hi")
    balances = text_of(write_balances_pdf(balances_export(oct_.ctx), tmp_path / "b.pdf"))
    payments = text_of(write_payment_report_pdf(payment_report(oct_.ctx, date(2026, 10, 1), date(2026, 10, 31)),
                                                tmp_path / "p.pdf"))
    for text in (balances, payments):
        assert [m for m in ENGLISH_MONTHS if m in text] == [], text


def test_the_hindi_shift_report_names_its_months_in_hindi(ctx, tmp_path):
    from possuite.reports.shift_pdf import write_shift_report_pdf
    from possuite.services import shifts

    shifts.open_shift(ctx, 200000)
    i18n.set_language("hi")
    text = text_of(write_shift_report_pdf(shifts.shift_report(ctx), tmp_path / "hi.pdf"))
    assert [m for m in ENGLISH_MONTHS if m in text] == [], text
