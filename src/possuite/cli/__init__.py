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

from possuite import __version__

#: Command modules, in the order their commands appear in ``--help``.
COMMAND_MODULES = ["core"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="possuite",
        description="possuite: an offline-first point of sale with customer credit. "
        "With no command, opens the till window.",
    )
    parser.add_argument("--version", action="version", version=f"possuite {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $POSSUITE_DB or the user data folder)")
    parser.add_argument("--json", action="store_true", help="machine output: money in integer minor units, ISO dates")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"possuite.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from possuite.cli.env import CliEnv, run_handler

    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    env = CliEnv(db=args.db, json_mode=args.json)
    if not getattr(args, "func", None):
        if args.command:
            parser.parse_args([args.command, "--help"])
            return 2
        from possuite.cli.env import start_gui

        return start_gui(env)
    return run_handler(args, env)
