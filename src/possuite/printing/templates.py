"""Receipt templates: the built-in Jinja2 defaults and the owner's editable copies.

A receipt is laid out by rendering ``sale.j2``, ``collection.j2`` or ``credit.j2`` into receipt markup
(see ``printing.markup``). The owner's copies live in one folder (``printing.template_folder``:
``receipts/`` beside the database file, where the shipped samples are copied on first run). A
template that does not compile or fails while rendering is reported with its line number and
the built-in default is used instead, so a typo never stops a receipt.

Words: a template writes ``_("TOTAL")``, translated into the receipt's language (the store's receipt
language, ``possuite.i18n.translator``), whatever the screen's language; values go in with
``_("Scan to pay {amount} by UPI").format(amount=…)``. In English every line is exactly as written.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import jinja2
import jinja2.sandbox

from possuite.domain.dates import format_date, format_datetime
from possuite.domain.errors import ValidationError
from possuite.domain.money import WESTERN, Currency, format_money, using_digits
from possuite.domain.receipt import CollectionReceipt, CreditNoteReceipt, ReceiptLine, SaleReceipt, percent_label
from possuite.i18n import N_, localise_dates, translator
from possuite.printing.markup import MarkupError, Row, escape, fit, parse
from possuite.printing.template_folder import BUILTIN_DIR, KINDS

log = logging.getLogger("possuite.printing")

WIDTHS = (32, 42, 48)


@dataclass(frozen=True)
class TemplateProblem:
    path: str
    line: int | None
    why: str

    @property
    def message(self) -> str:
        where = f"{self.path} line {self.line}" if self.line else self.path
        return f"{where}: {self.why}; using the built-in template"


_problems: dict[tuple[str, str], TemplateProblem] = {}


def problems() -> list[TemplateProblem]:
    """Template problems found so far (each reported once per file and message)."""
    return list(_problems.values())


def _report(problem: TemplateProblem) -> None:
    key = (problem.path, problem.message)
    if key not in _problems:
        _problems[key] = problem
        log.warning("receipt template: %s", problem.message)


def _clear(path: str) -> None:
    """A template that works again is no longer reported."""
    for key in [k for k in _problems if k[0] == path]:
        del _problems[key]


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    # Sandboxed: a template in the receipts folder must not reach Python internals (``''.__class__…``).
    env = jinja2.sandbox.SandboxedEnvironment(loader=loader, trim_blocks=True, lstrip_blocks=True,
                                              keep_trailing_newline=False, undefined=jinja2.StrictUndefined,
                                              autoescape=False)
    env.filters["dt"] = jinja2.pass_context(
        lambda c, v: localise_months(format_datetime(v) if isinstance(v, datetime) else str(v), c.get("lang")))
    env.filters["d"] = jinja2.pass_context(
        lambda c, v: localise_months(format_date(v) if isinstance(v, date) else str(v), c.get("lang")))
    return env


def localise_months(text: str, lang: str | None) -> str:
    """``01 Nov 2026 10:00`` with the month named in ``lang`` (unchanged in English): ``i18n.localise_dates``."""
    return localise_dates(text, lang)


_builtin_env = _environment(jinja2.FileSystemLoader(str(BUILTIN_DIR)))
_user_cache: dict[tuple[str, int, int], jinja2.Template | TemplateProblem] = {}


def _load_user(path: Path) -> jinja2.Template | None:
    """The owner's template at ``path``, or None (missing, or broken: reported)."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_mtime_ns, st.st_size)
    cached = _user_cache.get(key)
    if cached is None:
        try:
            env = _environment(jinja2.FileSystemLoader(str(path.parent)))
            cached = env.get_template(path.name)
        except jinja2.TemplateSyntaxError as exc:
            cached = TemplateProblem(str(path), exc.lineno, exc.message or "syntax error")
        except (OSError, UnicodeDecodeError, jinja2.TemplateNotFound) as exc:
            cached = TemplateProblem(str(path), None, f"cannot be read ({exc})")
        _user_cache[key] = cached
    if isinstance(cached, TemplateProblem):
        _report(cached)
        return None
    return cached


def check_templates(folder: Path) -> list[TemplateProblem]:
    """Compile every owner template in ``folder`` now (at load), returning what is wrong."""
    found = []
    for kind in KINDS:
        path = folder / f"{kind}.j2"
        if path.exists() and _load_user(path) is None:
            found.extend(p for p in problems() if p.path == str(path))
    return found


class Helpers:
    """The functions a template calls; each returns receipt markup for the paper ``width``."""

    def __init__(self, width: int, currency: Currency, ascii_money: bool, lang: str = "en") -> None:
        self.width = width
        self.currency = currency
        self.ascii_money = ascii_money
        self.lang = lang
        self._ = translator(lang).gettext

    def money(self, minor: int) -> str:
        return format_money(minor, self.currency, ascii_only=self.ascii_money)

    @staticmethod
    def _flags(*names: str, bold: bool = False, big: bool = False) -> str:
        flags = [n for n in names if n]
        if big:
            flags.append("big")
        elif bold:
            flags.append("bold")
        return "{" + ",".join(flags) + "}" if flags else ""

    def text(self, value: str, bold: bool = False, big: bool = False, indent: int = 0) -> str:
        flag = self._flags(bold=bold, big=big)
        pad = " " * indent
        return "\n".join(flag + escape(pad + piece) if not flag else flag + pad + piece
                         for piece in fit(str(value), self.width - indent))

    def center(self, value: str, bold: bool = False, big: bool = False) -> str:
        flag = self._flags("center", bold=bold, big=big)
        return "\n".join(flag + piece for piece in fit(str(value), self.width))

    def pair(self, left: str, right: str, bold: bool = False, big: bool = False, indent: int = 0) -> str:
        """``left`` then ``right`` flush right on the same line; a long ``left`` wraps above it."""
        flag = self._flags(bold=bold, big=big) or "{}"
        right = str(right)
        room = self.width - len(right) - 1 - indent
        pieces = fit(str(left), max(room, 8)) if room >= 8 else fit(str(left), self.width - indent)
        out = [flag + " " * indent + p for p in pieces[:-1]]
        last = " " * indent + pieces[-1]
        if len(last) + 1 + len(right) <= self.width:
            out.append(flag + last + " " * (self.width - len(last) - len(right)) + right)
        else:
            out.append(flag + last)
            out.append(flag + right.rjust(self.width))
        return "\n".join(out)

    def item(self, line: ReceiptLine) -> str:
        """A bill line: description (wrapped), then ``qty x price`` and the amount flush right: ``2 x Rs.700.00``,
        ``1.250 kg x Rs.80.00``, ``3 TAB x Rs.35.00/10`` (a strip's price, per strip of 10)."""
        if line.is_one_piece and not line.line_discount:
            return self.pair(line.description, self.money(line.amount))
        out = [self.text(line.description)]
        detail = f"{line.qty_text} x {self.money(line.unit_price)}"
        if line.unit == "strip":
            detail += f"/{line.pack_size}"
        if line.line_discount:
            detail += " " + self._("less") + " " + self.money(line.line_discount)
        out.append(self.pair(detail, self.money(line.amount), indent=2))
        return "\n".join(out)

    def rule(self, char: str = "-") -> str:
        return escape((char or "-")[0] * self.width)

    @staticmethod
    def blank() -> str:
        return "{}"

    @staticmethod
    def qr(data: str | None) -> str:
        return "{qr}" + data if data else ""

    def context(self) -> dict:
        return {name: getattr(self, name) for name in
                ("money", "text", "center", "pair", "item", "rule", "blank", "qr", "_")} | {
            "width": self.width, "percent": percent_label, "lang": self.lang}


def _template_line(exc: BaseException, name: str) -> int | None:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == name:
            return frame.lineno
    return None


def layout(receipt: SaleReceipt | CollectionReceipt | CreditNoteReceipt, width: int = 42, *, ascii_money: bool = False,
           user_dir: Path | None = None, lang: str = "en", digits: str = WESTERN) -> list[Row]:
    """The receipt as printed rows at ``width`` columns in ``lang`` (the owner's template if it works), its
    amounts in ``digits`` (``StoreSettings.receipt_digits``: Devanagari for a Hindi receipt when the owner
    picked them; ``ascii_money`` keeps Western digits)."""
    with using_digits(digits):
        return _layout(receipt, width, ascii_money=ascii_money, user_dir=user_dir, lang=lang)


def _layout(receipt: SaleReceipt | CollectionReceipt | CreditNoteReceipt, width: int, *, ascii_money: bool,
            user_dir: Path | None, lang: str) -> list[Row]:
    if width not in WIDTHS:
        raise ValidationError("width", "{width} is not a paper width; use 32, 42 or 48 columns", width=width)
    helpers = Helpers(width, receipt.currency, ascii_money, lang)
    ctx = helpers.context() | {"r": receipt, "store": receipt.store, "currency": receipt.currency,
                               "tax_id_label": N_("GSTIN") if receipt.currency.code == "INR" else N_("Tax ID")}
    name = f"{receipt.kind}.j2"
    if user_dir is not None:
        path = Path(user_dir) / name
        tpl = _load_user(path) if path.exists() else None
        if tpl is not None:
            try:
                rows = parse(tpl.render(ctx), width)
                _clear(str(path))
                return rows
            except MarkupError as exc:
                _report(TemplateProblem(str(path), None, str(exc)))
            except Exception as exc:  # noqa: BLE001 - any template failure falls back to the default
                line = _template_line(exc, tpl.filename or str(path))
                _report(TemplateProblem(str(path), line, f"{type(exc).__name__}: {exc}"))
    return parse(_builtin_env.get_template(name).render(ctx), width)
