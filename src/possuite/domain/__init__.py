"""Pure business rules: money, carts and totals, the customer ledger, statuses, GST (GSTIN, states,
the tax split), quantities in thousandths, weighing-scale barcodes.

Imports nothing but the Python standard library.
"""
