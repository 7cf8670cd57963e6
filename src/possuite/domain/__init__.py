"""Pure business rules: money, carts and totals, the customer ledger, statuses.

Imports nothing but the Python standard library.
"""
