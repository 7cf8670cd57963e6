"""Small builders for integration tests."""

from __future__ import annotations

from datetime import datetime

from possuite.domain.cart import CartLine
from possuite.domain.clock import FixedClock
from possuite.domain.ledger import Tender
from possuite.services.checkout import SaleRequest, complete_sale


def line(amount: int, desc: str = "Service") -> CartLine:
    return CartLine(desc, 1, amount)


def sell(ctx, customer_id, amount, *, pay=None, pending=False, no_payment=False, **kw):
    tenders = [Tender(m, a) for m, a in (pay or [])]
    return complete_sale(ctx, SaleRequest([line(amount)], customer_id=customer_id, tenders=tenders,
                                          leave_pending=pending, no_payment=no_payment, **kw))


from contextlib import contextmanager  # noqa: E402

from sqlalchemy import event  # noqa: E402


@contextmanager
def count_statements(engine):
    """Collect the SQL statements (not BEGIN/COMMIT/PRAGMA) an engine runs inside the block."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


class MutableClock(FixedClock):
    """A fixed clock that a test can move forward."""

    def __init__(self, at: datetime) -> None:
        object.__setattr__(self, "at", at)

    def set(self, at: datetime) -> None:
        object.__setattr__(self, "at", at)
