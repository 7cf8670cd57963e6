"""The ``possuite`` command. A stable contract: scripts and acceptance checks rely on it.

Each command group lives in its own module with a ``register(subparsers)`` function
that adds its parsers and sets ``func`` to a handler ``(args, env) -> exit code``.
Errors meant for a user exit 2 with one line ``error: <what>: <why>``; ``check``
exits 1 when it has findings.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from possuite import __version__, loading_modules

with loading_modules():  # the start's first and biggest imports (SQLAlchemy, the tables)
    from possuite.bootstrap import read_environment, start_process
    from possuite.cli.env import HUB_READS_HELP, CliEnv, run_handler, start_gui

#: Command modules, in the order their commands appear in ``--help``.
COMMAND_MODULES = ["core", "returns", "shifts", "ui_tools", "printing", "bench", "safety", "reports", "hub"]


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line ``error: <command>: <why>`` and exit 2, like every other error."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"error: {self.prog.removeprefix('possuite').strip() or 'possuite'}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="possuite",
        description="possuite: an offline-first point of sale with customer credit. "
        "With no command, opens the till window.",
    )
    parser.add_argument("--version", action="version", version=f"possuite {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $POSSUITE_DB or the user data folder), "
                        "or a hub's postgresql://owner@host/db URL: the owner's back office, read-only")
    parser.add_argument("--store", dest="hub_store", metavar="NAME",
                        help="with --db postgresql://…: only this store of the hub (default: every store)")
    parser.add_argument("--json", action="store_true", help="machine output: money in integer minor units, ISO dates")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"possuite.cli.{name}").register(sub)
    _accept_globals_anywhere(parser)
    return parser


def _accept_globals_anywhere(parser: argparse.ArgumentParser) -> None:
    """Let ``--json`` and ``--db`` also follow the command (``possuite customer show X --json``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                if not any(a.dest == "json" for a in child._actions):
                    # A command whose own --json takes a file (report gst --json FILE) keeps it; the global
                    # flag then goes before the command.
                    if not any("--json" in a.option_strings for a in child._actions):
                        child.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                                           help=argparse.SUPPRESS)
                    child.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
                _accept_globals_anywhere(child)


class _NotJustTheWindow(Exception):
    pass


class _GlobalsOnly(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise _NotJustTheWindow(message)


def window_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no command (``possuite [--db X] [--store NAME] [--json]``: open the
    window), else None. The window then opens without the parser of every command, whose modules (each
    command's services, Jinja, the integrity check) cost about 0.5 s of CPU before the login (issue 15). Anything
    else (a command, --help, --version, an abbreviation, a usage error) goes to the full parser as before."""
    pre = _GlobalsOnly(add_help=False, allow_abbrev=False)
    pre.add_argument("--db")
    pre.add_argument("--store", dest="hub_store")
    pre.add_argument("--json", action="store_true")
    try:
        args, rest = pre.parse_known_args(argv)
    except _NotJustTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:

    settings = read_environment()  # the one read of POSSUITE_*; everything below gets values
    start_process(settings)

    argv = sys.argv[1:] if argv is None else argv
    args = window_options(argv)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version and usage errors: hand back the code
            return int(exc.code or 0)
    env = CliEnv(db=args.db, json_mode=args.json, settings=settings, store=getattr(args, "hub_store", None))
    if env.store is not None and not env.on_hub:
        print("error: store: --store chooses a store of a hub (--db postgresql://…); a book has one store",
              file=sys.stderr)
        return 2
    if env.on_hub and getattr(args, "func", None) and not getattr(args, "hub_read", False):
        what = " ".join(str(v) for v in (args.command, getattr(args, "sub", None)) if v)
        print(f"error: db: `possuite {what}` needs a till's book; on a hub (--db postgresql://…) the owner's "
              f"back office only reads: {HUB_READS_HELP}", file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        if args.command:
            parser.parse_args([args.command, "--help"])
            return 2

        return start_gui(env)
    return run_handler(args, env)
