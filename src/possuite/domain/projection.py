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

Speed: ``possuite check`` replays every entry of the book, so the replay works on plain tuples (an
``Entry`` is one; so is a row read straight from the database driver with the same columns first)
and reads them by position. Posting times and due dates may be ``datetime``/``date`` or their ISO
text in one fixed format (the database's: they order the same), the same kind within one book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import NamedTuple

CHARGE = "charge"
CREDIT = "credit"
#: The kind of a credit note's credit entry (a return against a bill).
RETURN = "return"
#: Positions of an entry's fields (an ``Entry``, or a row with the same columns first).
ID, KIND, AMOUNT, POSTED_AT, DUE_DATE, BILL_ID, PAYMENT_ID, ADJUSTMENT_ID = range(8)
_GIVES_BACK = ("refund", "reversal")   # charges that first take back the credit they name


class Entry(NamedTuple):
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


_BY_ID, _BY_TIME = itemgetter(ID), itemgetter(POSTED_AT)


@dataclass(slots=True)
class Item:
    """An entry with something open on it (the cached ``open_items`` row)."""

    entry: Entry
    open_amount: int

    @property
    def fifo_key(self) -> tuple:
        """Oldest dues first: ``(due date, posting time, id)``, no due date last."""
        e = self.entry
        return (e[DUE_DATE] is None, e[DUE_DATE], e[POSTED_AT], e[ID])


def _fifo_key(i: Item) -> tuple:
    e = i.entry
    return (e[DUE_DATE] is None, e[DUE_DATE], e[POSTED_AT], e[ID])


def _freed_order(i: Item) -> tuple:   # a void's freed credits settle again: payments first, oldest first
    e = i.entry
    return (e[KIND] != "payment", e[POSTED_AT], e[ID])


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
    When they do not (a till's clock behind an entry pulled from another till), the caller replays the
    customer instead (``services.ledger.Posting.flush`` → ``reproject``, which calls ``project``).
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
    _entries: dict[str, Entry] = field(default_factory=dict)   # full replay only: every entry, by id
    incremental: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.balance = self.prior_balance
        self.incremental = self.load_side is not None

    # ---------------------------------------------------------------- reading the state
    def _side(self, side: str) -> list[Item]:
        if self.incremental and side not in self._loaded:
            self._loaded.add(side)
            if (self.prior_balance > 0) if side == CHARGE else (self.prior_balance < 0):
                for item in self.load_side(side):
                    self.open.setdefault(item.entry[ID], item)
        charges = side == CHARGE
        return [i for i in self.open.values() if i.open_amount > 0 and (i.entry[AMOUNT] > 0) is charges]

    def _tie(self, credit: Item, charge: Item, amount: int) -> None:
        if amount == 0:
            return
        key = (credit.entry[ID], charge.entry[ID])
        allocations = self.allocations
        allocations[key] = allocations.get(key, 0) + amount
        credit.open_amount -= amount
        charge.open_amount -= amount
        if not self.incremental:   # a full replay forgets what is closed (a void brings back what it needs);
            if not credit.open_amount:   # an incremental book remembers it, so a load can't revive it
                del self.open[key[0]]
            if not charge.open_amount:
                del self.open[key[1]]

    # ---------------------------------------------------------------- the rule
    def apply(self, e: Entry) -> None:
        """Post one entry (it must come after every entry already applied, in the rule's order)."""
        amount = e[AMOUNT]
        self.balance += amount
        full = not self.incremental
        if full:
            self._entries[e[ID]] = e
        if amount == 0:
            return
        item = self.open[e[ID]] = Item(e, amount if amount > 0 else -amount)
        if amount > 0:
            if e[BILL_ID] and e[KIND] == "sale":
                self.bill_charges[e[BILL_ID]] = e
            if not full or len(self.open) > 1:   # a full replay holds only what is open: alone, nothing to absorb
                self._absorb(item)
        elif e[KIND] == "void" and e[BILL_ID] in self.bill_charges:
            charge = self.bill_charges[e[BILL_ID]]
            if charge[ID] not in self.voided:   # a second void of the bill stays open for its undo
                self.voided.add(charge[ID])
                self._void(item, charge)
        else:
            self._settle(item)

    def _absorb(self, charge: Item) -> None:
        credits = self._side(CREDIT)
        if not credits:
            return
        e = charge.entry
        pay, adj = (e[PAYMENT_ID], e[ADJUSTMENT_ID]) if e[KIND] in _GIVES_BACK else (None, None)
        undoes = e[BILL_ID] if e[KIND] == "unvoid" else None   # an undo first takes back its bill's open void

        def key(i: Item):
            c = i.entry
            target = ((pay is not None and c[PAYMENT_ID] == pay) or (adj is not None and c[ADJUSTMENT_ID] == adj)
                      or (undoes is not None and c[KIND] == "void" and c[BILL_ID] == undoes))
            return (not target, c[POSTED_AT], c[ID])

        for credit in sorted(credits, key=key):
            if charge.open_amount == 0:
                break
            self._tie(credit, charge, min(credit.open_amount, charge.open_amount))

    def _settle(self, credit: Item) -> None:
        e = credit.entry
        bill = e[BILL_ID]
        bill_charge = self.bill_charges.get(bill) if bill else None
        if bill_charge is not None:
            if bill_charge[ID] not in self.open:
                self._side(CHARGE)   # an earlier bill's charge: it is among the cached open charges, if open
            charge = self.open.get(bill_charge[ID])
            if charge is not None:
                self._tie(credit, charge, min(credit.open_amount, charge.open_amount))
        if credit.open_amount == 0 or (e[KIND] == RETURN and e[PAYMENT_ID] is not None):
            return   # a return paid back by a tender: what its bill does not take is refunded (its refund entry)
        for charge in sorted(self._side(CHARGE), key=_fifo_key):
            if credit.open_amount == 0:
                break
            self._tie(credit, charge, min(credit.open_amount, charge.open_amount))

    def _void(self, void: Item, charge_entry: Entry) -> None:
        cid = charge_entry[ID]
        if self.incremental:
            charge_open, tied = self.load_void(cid)
            if cid not in self.open:
                self.open[cid] = Item(charge_entry, charge_open)
            per: dict[str, int] = {}
            for entry, amt, open_amt in tied:     # what the cache holds ...
                if entry[ID] not in self.open:
                    self.open[entry[ID]] = Item(entry, open_amt)
                per[entry[ID]] = amt
            for (credit_id, charge_id), amt in self.allocations.items():   # ... and what this book moved
                if charge_id == cid:
                    per[credit_id] = per.get(credit_id, 0) + amt
            freed = [(k, amt) for k, amt in per.items() if amt > 0]
        else:
            freed = [(credit_id, amt) for (credit_id, charge_id), amt in self.allocations.items()   # voids are
                     if charge_id == cid and amt > 0]                                        # rare: a scan
            for k, _amt in [(cid, 0), *freed]:   # closed ones come back: each is reopened by the undoing below
                if k not in self.open:
                    self.open[k] = Item(self._entries[k], 0)
        charge = self.open[cid]
        credits = [self.open[k] for k, _ in freed]
        for credit, (_k, amt) in zip(credits, freed, strict=True):
            self._tie(credit, charge, -amt)
        self._tie(void, charge, min(void.open_amount, charge.open_amount))
        for credit in sorted(credits, key=_freed_order):
            self._settle(credit)

    # ---------------------------------------------------------------- a verified state (the incremental check)
    @classmethod
    def resume(cls, balance: int, open_items: Iterable[tuple[Entry, int]]) -> Book:
        """A full replay's book as it stood at a point of a customer's entries, from what was open there and the
        balance (a state the check verified at a seal, docs/architecture.md §3.5). Applying the entries after
        that point gives what the replay from the first entry gives, with ``allocations`` holding only the
        pairs these later entries make, as long as none of them is a void or an undo (they take back what the
        point no longer holds: the caller replays from the first entry instead). A payment or return at an
        earlier bill finds that bill's charge among the open items, as the full replay does (a charge closed
        by then is, in either, skipped for the oldest dues)."""
        book = cls()
        book.balance = balance
        for e, amount in open_items:
            book.open[e[ID]] = Item(e, amount)
            if e[AMOUNT] > 0 and e[BILL_ID] and e[KIND] == "sale":
                book.bill_charges[e[BILL_ID]] = e
        return book

    def state(self) -> tuple[int, list[tuple[Entry, int]]]:
        """The balance and every open item (entry, open amount) now: what ``resume`` starts from."""
        return self.balance, [(i.entry, i.open_amount) for i in self.open.values() if i.open_amount]

    # ---------------------------------------------------------------- results
    def projection(self) -> Projection:
        return Projection({k: v for k, v in self.allocations.items() if v},
                          {k: i.open_amount for k, i in self.open.items() if i.open_amount},
                          self.balance)


def order(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in the rule's order: posting time, then id (``Entry.order_key``; two stable sorts on
    one field each cost less than one sort on a pair, as nothing is built per entry)."""
    ordered = sorted(entries, key=_BY_ID)
    ordered.sort(key=_BY_TIME)
    return ordered


def project(entries: Iterable[Entry], start: tuple[int, Iterable[tuple[Entry, int]]] | None = None) -> Projection:
    """One customer's allocations, open amounts and balance, recomputed from the entries alone; ``start``: from a
    verified state (balance, open items: ``Book.resume``) instead of from nothing, ``entries`` being every entry
    after it (the allocations are then the pairs those entries make)."""
    book = Book() if start is None else Book.resume(*start)
    apply = book.apply
    for e in order(entries):
        apply(e)
    return book.projection()


def project_at(entries: Iterable[Entry], points: Iterable, ordered: bool = False) -> tuple[Projection, dict]:
    """``project``, and the book's ``state()`` at each of ``points`` (posting times: the state after every entry
    posted at or before the point), as the full check compares them with the states stored at the seals;
    ``ordered``: the entries are in the rule's order already (``order``)."""
    book = Book()
    apply = book.apply
    wanted = sorted(set(points))
    states: dict = {}
    k = 0
    for e in (entries if ordered else order(entries)):
        while k < len(wanted) and e[POSTED_AT] > wanted[k]:
            states[wanted[k]] = book.state()
            k += 1
        apply(e)
    for p in wanted[k:]:
        states[p] = book.state()
    return book.projection(), states
