"""Errors the rules raise. Each names what it is about so a user can act on it."""

from __future__ import annotations


class PossuiteError(Exception):
    """Base of every error meant for a user: ``field`` says what, ``why`` says the problem.

    A problem with values in it is given as a template and the values (``"{width} is not a paper
    width", width=40``): ``why`` is then the filled-in English text, and ``why_template``/``params``
    let ``possuite.i18n.error_text`` translate the template once for every value.
    """

    def __init__(self, field: str, why: str, **params: object) -> None:
        self.why_template: str | None = why if params else None
        self.params = params
        why = why.format(**params) if params else why
        super().__init__(f"{field}: {why}")
        self.field = field
        self.why = why

    @property
    def message(self) -> str:
        return f"{self.field}: {self.why}"


class ValidationError(PossuiteError):
    """Input that cannot be accepted as given."""


class NotFound(PossuiteError):
    """A reference that names nothing in the current store."""


class Conflict(PossuiteError):
    """A request that contradicts the state of the book (duplicate phone, void of a void...)."""


class PermissionDenied(PossuiteError):
    """The acting user's role may not do this action."""

    def __init__(self, action: str, why: str = "") -> None:
        super().__init__(action, why or f"not allowed for this user; an owner must do or authorise {action}")
        self.action = action


class CreditLimitExceeded(PossuiteError):
    """A bill would take the customer beyond the credit limit; an owner may override."""


class AuthenticationFailed(PossuiteError):
    """Wrong PIN, or a user locked after repeated wrong PINs."""
