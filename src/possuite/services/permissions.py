"""Who may do what. Enforced here, in the service layer; the UI only hides controls."""

from __future__ import annotations

from possuite.domain.errors import PermissionDenied
from possuite.services.context import Context

# Actions any signed-in user may take.
SELL = "sell"
LEAVE_PENDING = "leave pending"
COLLECT = "collect dues"
EDIT_CUSTOMERS = "edit customers"
VIEW_BALANCES = "view balances"
REPRINT = "reprint"
SHIFT = "open, count and close a shift"
#: A cashier within the store's return days; older bills need an owner (services/returns.py checks the days).
RETURN = "take a return"
# Owner only (an owner's PIN at the till authorises one such action for a cashier).
COMPLIMENTARY = "complimentary bill"
VOID = "void bill"
ADJUST = "adjustment or write-off"
CREDIT_OVERRIDE = "credit-limit override"
SET_CREDIT_LIMIT = "set a credit limit"
DEACTIVATE_OWING = "deactivate a customer who owes"
SETTINGS = "change settings"
USERS = "manage users"
AUDIT = "view the audit log"
BACKUP = "backup and restore"
IMPORT = "import data"
DEMO = "manage demo data"
REBUILD = "rebuild the ledger cache"
ANY_SHIFT = "move cash in or close another user's shift"
BIG_DISCOUNT = "bill discount over the cashiers' limit"
MERGE_CUSTOMERS = "merge customers"

CASHIER_ACTIONS = frozenset({SELL, LEAVE_PENDING, COLLECT, EDIT_CUSTOMERS, VIEW_BALANCES, REPRINT, SHIFT, RETURN})
OWNER_ONLY_ACTIONS = frozenset(
    {COMPLIMENTARY, VOID, ADJUST, CREDIT_OVERRIDE, SET_CREDIT_LIMIT, DEACTIVATE_OWING, SETTINGS, USERS, AUDIT,
     BACKUP, IMPORT, DEMO, REBUILD, ANY_SHIFT, MERGE_CUSTOMERS, BIG_DISCOUNT}
)


def allowed(ctx: Context, action: str) -> bool:
    actor = ctx.actor
    if not actor.signed_in:  # a context given no actor has no rights, not even a cashier's
        return False
    if actor.is_owner or actor.authorised_by:
        return True
    if action in CASHIER_ACTIONS:
        return True
    if action == COMPLIMENTARY and ctx.store.cashier_may_comp:
        return True
    return False


def require(ctx: Context, action: str) -> None:
    if not allowed(ctx, action):
        if not ctx.actor.signed_in:
            raise PermissionDenied(action, f"no one is signed in; sign in to {action}")
        raise PermissionDenied(action)
