"""Safety commands: ``backup``, ``restore`` and the owner's view of the ``audit`` log."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from possuite.cli.env import CliEnv, CliError
from possuite.reports.csv_export import safe
from possuite.services import backup
from possuite.services.audit import list_entries
from possuite.services.context import CLI_ACTOR

AUDIT_HEADER = ["at", "user", "authorised_by", "action", "target", "reason", "details"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="back up the database now (into backups/ beside it, or --to a file)")
    p.add_argument("--to", metavar="FILE", help="write the backup to this file (or into this folder)")
    p.add_argument("--list", action="store_true", help="list the backups kept beside the database instead")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a verified backup (keeps the replaced file)")
    p.add_argument("file", metavar="FILE", help="the backup to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("audit", help="owner: who did which sensitive thing, when and why")
    p.add_argument("--limit", type=int, default=200, help="newest N entries (default 200)")
    p.add_argument("--csv", metavar="FILE", help="export the entries to a CSV file")
    p.set_defaults(func=cmd_audit)


def _db_path(env: CliEnv) -> Path:
    return env.db_path()


def cmd_backup(args, env: CliEnv) -> int:

    path = _db_path(env)
    if args.list:
        infos = backup.list_backups(path)
        human = "\n".join(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:<18} {backup.human_size(b.size):>8}  {b.path}"
                          for b in infos) or f"no backups yet in {backup.backups_dir(path)}"
        env.emit(human, [b.as_json() for b in infos])
        return 0
    if not path.is_file():
        raise CliError("database", f"{path} does not exist; nothing to back up")
    info = backup.create_backup(env.ctx(), args.to)
    env.emit(f"Backed up {path}\n  to {info.path} ({backup.human_size(info.size)})", info.as_json())
    return 0


def _confirm(db: Path, candidate: Path) -> bool:
    if not sys.stdin.isatty():
        raise CliError("restore", "replaces the whole database; add --yes to confirm")
    answer = input(f"Replace {db} with {candidate}? The current file is kept among the backups. [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def cmd_restore(args, env: CliEnv) -> int:

    path = _db_path(env)
    candidate = Path(args.file).expanduser().resolve()
    if not args.yes and not _confirm(path, candidate):
        print("Nothing was changed.")
        return 1
    # No context is opened here: a restore needs every connection to the file closed.
    result = backup.restore(path, candidate, clock=env.clock(), actor=CLI_ACTOR)
    kept = f"\n  the replaced database is kept as {result.replaced}" if result.replaced else ""
    upgraded = f"\n  upgraded from schema {result.upgraded_from}" if result.upgraded_from else ""
    env.emit(f"Restored {path}\n  from {candidate} (verified: integrity check and possuite check passed)"
             f"{upgraded}{kept}", {"db": str(path), **result.as_json()})
    return 0


def _write_csv(path: Path, rows: list[list[str]]) -> None:

    if not path.parent.is_dir():
        raise CliError("csv", f"folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh)
            w.writerow(AUDIT_HEADER)
            w.writerows([[safe(c) for c in r] for r in rows])
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def cmd_audit(args, env: CliEnv) -> int:

    if not 1 <= args.limit <= 1_000_000:
        raise CliError("limit", "must be between 1 and 1000000")
    entries = list_entries(env.ctx(), limit=args.limit)
    rows = [[e["at"].strftime("%Y-%m-%d %H:%M:%S"), e["user_name"] or "", e["authorised_by"] or "",
             e["action"] or "", e["target"] or "", e["reason"] or "", e["details"] or ""] for e in entries]
    if args.csv:
        out = Path(args.csv).expanduser()
        _write_csv(out, rows)
        env.emit(f"Wrote {len(rows)} audit entries to {out}", {"csv": str(out), "rows": len(rows)})
        return 0
    lines = []
    for at, user, by, action, target, reason, _details in rows:
        who = f"{user} (authorised by {by})" if by else user
        lines.append(f"{at}  {who:<28} {action:<22} {target:<16} {reason}".rstrip())
    env.emit("\n".join(lines) or "the audit log is empty", entries)
    return 0
