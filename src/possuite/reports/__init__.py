"""Report outputs: PDFs (reportlab, DejaVu embedded for ₹) and CSV files, from ``services.reports`` data.

- ``payments_pdf.write_payment_report_pdf(report, path, progress=None) -> Path``
- ``statement_pdf.write_statement_pdf(statement, path) -> Path``
- ``day_pdf.write_day_report_pdf(report, path) -> Path`` and ``day_text.day_report_text(report, width=42)``
- ``balances_pdf.write_balances_pdf(export, path) -> Path``
- ``csv_export.write_balances_csv / write_bills_csv / write_payments_csv(data, path, currency) -> Path``

Writers take already-read data (they never touch the database) and write atomically.
"""
