"""The ledger's projection: allocations, open items and balance as a pure function of the entries.

A customer's entries are replayed in posting order, ``(posted_at, id)``; each entry settles against
what is open on the other side the moment it arrives, so at most one side is ever open:

- a **charge** (amount > 0) absorbs the customer's open credits (an advance), oldest posting first;
  a ``refund`` or ``reversal`` first absorbs the credit it gives back (the credit with the same
  ``payment_id`` or ``adjustment_id``);
- a **credit** (amount < 0) settles open charges: a payment taken at a bill (``bill_id``) settles that
  bill's charge first, then the oldest dues by ``(due date, posting time, id)`` (no due date: last);
- a **return** (kind ``return``: a credit note, ``bill_id``) settles like a payment at that bill (the
  bill's charge first, then the oldest dues) when it is credited to the account; when it is paid back
  by a tender it carries the refund's ``payment_id`` and settles its bill's charge only: the rest waits
  for its ``refund`` entry (same ``payment_id``), posted right after it;
- a **void** of a bill (kind ``void``, ``bill_id``) takes the bill's whole charge: every allocation to
  the charge is undone, the void is allocated the full charge, and each freed credit (payments first,
  then the others, oldest posting first) settles the customer's other open charges as above;
- a **second void** of a bill already voided (two tills voided it while offline; the first in this
  order wins) takes nothing and settles nothing: it stays open until its **undo** (kind ``unvoid``,
  the same ``bill_id``, posted by ``services.ledger.undo_second_voids`` right after it), a charge that
  first absorbs the open void of its bill (docs/architecture.md §7).

What is left of an entry is its open amount; the balance is the sum of the amounts. The stored
``allocations``, ``open_items`` and ``customers.balance`` are a cache of this (``services.ledger``
keeps them in step incrementally with the same ``Book``; ``possuite check`` proves cache ==
recomputation). Standard library only: the same function runs at every till and at the hub.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

CHARGE = "charge"
CREDIT = "credit"
#: The kind of a credit note's credit entry (a return against a bill).
RETURN = "return"
_NO_DUE = date.max


@dataclass(frozen=True)
class Entry:
    """What the rule needs of one ledger entry."""

    id: str
    kind: str
    amount: int
    posted_at: datetime
    due_date: date | None = None
    bill_id: str | None = None
    payment_id: str | None = None
    adjustment_id: str | None = None

    @property
    def side(self) -> str:
        return CHARGE if self.amount > 0 else CREDIT

    @property
    def order_key(self) -> tuple:
        return (self.posted_at, self.id)


@dataclass
class Item:
    """An entry with something open on it (the cached ``open_items`` row)."""

    entry: Entry
    open_amount: int

    @property
    def fifo_key(self) -> tuple:
        e = self.entry
        return (e.due_date or _NO_DUE, e.posted_at, e.id)


@dataclass(frozen=True)
class Projection:
    allocations: dict[tuple[str, str], int]   # (credit id, charge id) -> amount (> 0)
    open_amounts: dict[str, int]              # entry id -> open amount (> 0)
    balance: int


@dataclass
class Book:
    """One customer's open items and allocations, replayed entry by entry (see the module docstring).

    A full replay (``project``) starts empty and sees every entry. An incremental book (what posting
    uses) starts from the cached state: ``prior_balance`` is the customer's balance before the new
    entries, ``load_side(side)`` returns the cached open items of one side (called only when an entry
    needs them: by the rule at most one side is ever open, and the sign of the balance says which),
    and ``load_void(charge_id)`` returns the charge's open amount and, per credit allocated to it,
    (credit entry, amount allocated to the charge, credit's open amount). Both give the same result
    as a full replay as long as the new entries come after the old ones in the rule's order, and the
    charge of every earlier bill a new entry names (a payment at it, its void) is in ``bill_charges``.
    """

    prior_balance: int = 0
    load_side: Callable[[str], list[Item]] | None = None
    load_void: Callable[[str], tuple[int, list[tuple[Entry, int, int]]]] | None = None
    open: dict[str, Item] = field(default_factory=dict)        # what is open (0 once closed)
    allocations: dict[tuple[str, str], int] = field(default_factory=dict)  # changes (incremental) or all
    bill_charges: dict[str, Entry] = field(default_factory=dict)  # bill id -> its charge
    voided: set[str] = field(default_factory=set)  # charges a void took (a later void of one: held open)
    balance: int = 0
    _loaded: set[str] = field(default_factory=set)
    _charge_allocs: dict[str, dict[str, int]] = field(default_factory=dict)  # full replay only
    _entries: dict[str, Entry] = field(default_factory=dict)                 # full replay only

    def __post_init__(self) -> None:
        self.balance = self.prior_balance

    @property
    def incremental(self) -> bool:
        return self.load_side is not None

    # ---------------------------------------------------------------- reading the state
    def _side(self, side: str) -> list[Item]:
        if self.incremental and side not in self._loaded:
            self._loaded.add(side)
            if (self.prior_balance > 0) if side == CHARGE else (self.prior_balance < 0):
                for item in self.load_side(side):
                    self.open.setdefault(item.entry.id, item)
        return [i for i in self.open.values() if i.open_amount > 0 and i.entry.side == side]

    def _tie(self, credit: Item, charge: Item, amount: int) -> None:
        if amount == 0:
            return
        key = (credit.entry.id, charge.entry.id)
        self.allocations[key] = self.allocations.get(key, 0) + amount
        if not self.incremental:
            per = self._charge_allocs.setdefault(charge.entry.id, {})
            per[credit.entry.id] = per.get(credit.entry.id, 0) + amount
        credit.open_amount -= amount
        charge.open_amount -= amount

    # ---------------------------------------------------------------- the rule
    def apply(self, e: Entry) -> None:
        """Post one entry (it must come after every entry already applied, in the rule's order)."""
        self.balance += e.amount
        if not self.incremental:
            self._entries[e.id] = e
        if e.amount == 0:
            return
        item = self.open[e.id] = Item(e, abs(e.amount))
        if e.amount > 0:
            if e.kind == "sale" and e.bill_id:
                self.bill_charges[e.bill_id] = e
            self._absorb(item)
        elif e.kind == "void" and e.bill_id in self.bill_charges:
            charge = self.bill_charges[e.bill_id]
            if charge.id not in self.voided:   # a second void of the bill stays open for its undo
                self.voided.add(charge.id)
                self._void(item, charge)
        else:
            self._settle(item)
        if not self.incremental:   # a full replay forgets what is closed (an incremental book remembers
            for i in [i for i in self.open.values() if i.open_amount == 0]:   # it, so a load can't revive it)
                del self.open[i.entry.id]

    def _absorb(self, charge: Item) -> None:
        e = charge.entry

        def key(i: Item):
            c = i.entry
            target = ((e.kind in ("refund", "reversal")
                       and ((e.payment_id is not None and c.payment_id == e.payment_id)
                            or (e.adjustment_id is not None and c.adjustment_id == e.adjustment_id)))
                      or (e.kind == "unvoid" and c.kind == "void" and c.bill_id == e.bill_id))
            return (not target, c.posted_at, c.id)

        for credit in sorted(self._side(CREDIT), key=key):
            if charge.open_amount == 0:
                break
            self._tie(credit, charge, min(credit.open_amount, charge.open_amount))

    def _settle(self, credit: Item) -> None:
        e = credit.entry
        bill_charge = self.bill_charges.get(e.bill_id) if e.bill_id else None
        if bill_charge is not None and bill_charge.id not in self.open:
            self._side(CHARGE)   # an earlier bill's charge: it is among the cached open charges, if open
        if bill_charge is not None and bill_charge.id in self.open:
            charge = self.open[bill_charge.id]
            self._tie(credit, charge, min(credit.open_amount, charge.open_amount))
        if credit.open_amount == 0 or (e.kind == RETURN and e.payment_id is not None):
            return   # a return paid back by a tender: what its bill does not take is refunded (its refund entry)
        for charge in sorted(self._side(CHARGE), key=lambda i: i.fifo_key):
            if credit.open_amount == 0:
                break
            self._tie(credit, charge, min(credit.open_amount, charge.open_amount))

    def _void(self, void: Item, charge_entry: Entry) -> None:
        cid = charge_entry.id
        if self.incremental:
            charge_open, tied = self.load_void(cid)
            if cid not in self.open:
                self.open[cid] = Item(charge_entry, charge_open)
            per: dict[str, int] = {}
            for entry, amt, open_amt in tied:     # what the cache holds ...
                if entry.id not in self.open:
                    self.open[entry.id] = Item(entry, open_amt)
                per[entry.id] = amt
            for (credit_id, charge_id), amt in self.allocations.items():   # ... and what this book moved
                if charge_id == cid:
                    per[credit_id] = per.get(credit_id, 0) + amt
            freed = [(k, amt) for k, amt in per.items() if amt > 0]
        else:
            freed = [(k, amt) for k, amt in self._charge_allocs.get(cid, {}).items() if amt > 0]
            for k, _amt in [(cid, 0), *freed]:
                if k not in self.open:
                    self.open[k] = Item(self._entries[k], 0)
        charge = self.open[cid]
        credits = [self.open[k] for k, _ in freed]
        for credit, (_k, amt) in zip(credits, freed, strict=True):
            self._tie(credit, charge, -amt)
        self._tie(void, charge, min(void.open_amount, charge.open_amount))
        for credit in sorted(credits, key=lambda i: (i.entry.kind != "payment", i.entry.posted_at, i.entry.id)):
            self._settle(credit)

    # ---------------------------------------------------------------- results
    def projection(self) -> Projection:
        return Projection({k: v for k, v in self.allocations.items() if v},
                          {k: i.open_amount for k, i in self.open.items() if i.open_amount},
                          self.balance)


def order(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in the rule's order: posting time, then id."""
    return sorted(entries, key=lambda e: e.order_key)


def project(entries: Iterable[Entry]) -> Projection:
    """One customer's allocations, open amounts and balance, recomputed from the entries alone."""
    book = Book()
    for e in order(entries):
        book.apply(e)
    return book.projection()
