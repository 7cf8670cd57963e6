"""Report outputs: PDFs (reportlab, DejaVu embedded for ₹) and CSV files, from the data of ``services.statement``,
``services.payments_report``, ``services.day_report`` and ``services.exports``.

- ``payments_pdf.write_payment_report_pdf(report, path, progress=None) -> Path``
- ``statement_pdf.write_statement_pdf(statement, path) -> Path``
- ``day.write_day_report_pdf(report, path) -> Path`` and ``day.day_report_text(report, width=42, ascii_only=False)``
- ``balances_pdf.write_balances_pdf(export, path) -> Path``
- ``csv_export.write_balances_csv(export, path)``, ``write_bills_csv(rows, path, currency)``,
  ``write_payments_csv(rows, path, currency)`` -> Path

Writers take data already read by the services (they never touch the database) and write atomically
(a temporary file renamed into place), so they are safe to run on a worker thread.
"""
