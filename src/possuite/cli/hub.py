"""Several tills: ``hub init``, ``till register``, ``sync`` and ``sync status``.

``sync`` exits 0 when nothing is left to send, 1 when the hub refused a batch (it stays queued),
3 when the hub cannot be reached (one line naming the hub; never its password).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from possuite.bootstrap import user_config_dir
from possuite.cli.env import CliEnv

EXIT_HUB_UNREACHABLE = 3


def register(sub: argparse._SubParsersAction) -> None:
    hub = sub.add_parser("hub", help="the hub: one PostgreSQL database where a business's tills meet")
    hub_sub = hub.add_subparsers(dest="sub", required=True)
    p = hub_sub.add_parser("init", help="create or upgrade the hub schema in an empty PostgreSQL database",
                           description="Create or upgrade the hub schema, its owner role and the till roles. "
                                       "URL: postgresql://admin:password@host:5432/database (the password may "
                                       "also come from $PGPASSWORD). Harmless to run again.")
    p.add_argument("url", metavar="URL")
    p.add_argument("--business", metavar="NAME", help="the business's name (default: the database's name)")
    p.add_argument("--owner-password", metavar="PW", help="the owner role's password (default: generated)")
    p.set_defaults(func=cmd_hub_init)

    till = sub.add_parser("till", help="this book as one till of a hub")
    till_sub = till.add_subparsers(dest="sub", required=True)
    p = till_sub.add_parser("register", help="make this book till CODE of STORE on the hub",
                            description="URL: the business owner's hub URL, postgresql://<db>_owner:password@"
                                        "host:5432/<db> (or $PGPASSWORD). The first till of a store publishes "
                                        "the store from this book; refused when CODE is taken in the business "
                                        "or the hub's STORE is another store than this book's. With a --db file "
                                        "that does not exist yet, the book is made from the hub's copy of STORE "
                                        "(settings, users and PINs, items, customers, every till's documents), "
                                        "ready to sell.")
    p.add_argument("url", metavar="URL")
    p.add_argument("--store", required=True, metavar="STORE", help="the store's name or id")
    p.add_argument("--code", required=True, metavar="CODE", help="1-3 letters or digits, unique in the business")
    p.add_argument("--name", metavar="NAME", help='a name for people, e.g. "Counter 1"')
    p.set_defaults(func=cmd_till_register)

    p = sub.add_parser("sync", help="send this till's new rows to the hub, then pull the other tills' rows; "
                                    "`sync status`",
                       description="Push what this till has not sent yet, then pull the store's rows written at "
                                   "other tills since the last pull (balances then include their sales); both in "
                                   "batches that are harmless to repeat. Exit 0 in sync, 1 when the hub refused a "
                                   "batch (it stays queued), 3 when the hub cannot be reached. JSON keys: pushed, "
                                   "pulled (rows of other tills that changed this book), waiting, last_sync, hub.")
    p.add_argument("--batch-size", type=int, default=500, metavar="N", help="rows per hub transaction")
    p.set_defaults(func=cmd_sync)
    sync_sub = p.add_subparsers(dest="sub", metavar="status")
    s = sync_sub.add_parser("status", help="rows waiting, the last successful sync, whether the hub answers",
                            description="Exit 0 when the hub answers, 3 when it cannot be reached.")
    s.set_defaults(func=cmd_sync_status)
    w = sync_sub.add_parser("worker", help="the app's background sync (the app starts it; one round for each "
                                           "`sync` line on standard input, one JSON line back)",
                            description="The app's sync process, at a lower priority than the till: reads "
                                        "`sync`, `pause` (a sale is open: wait between batches) and `resume` "
                                        "lines on standard input, answers each round with one JSON line "
                                        '({"state": …}) and sends its log records the same way ({"log": …}); '
                                        "ends when standard input ends.")
    w.add_argument("--config-dir", type=Path, metavar="DIR", help="the app's config folder (hub passwords)")
    w.add_argument("--batch-size", type=int, default=500, metavar="N", help="rows per hub transaction")
    w.add_argument("--max-pause-s", type=float, default=None, help=argparse.SUPPRESS)  # tests: MAX_PAUSE_S
    w.set_defaults(func=cmd_sync_worker)


def config_dir() -> Path:
    """The user's config folder (hub passwords): read here, in the wiring, and passed down."""
    return user_config_dir()


def cmd_hub_init(args, env: CliEnv) -> int:
    from possuite.hub.schema import init_hub

    result = init_hub(args.url, business=args.business, owner_password=args.owner_password)
    lines = [f"Hub ready: {result.hub} (schema {result.revision}"
             + (f", upgraded from {result.upgraded_from})" if result.upgraded_from else ")"),
             f"  business:   {result.business}", f"  owner role: {result.owner_role}"]
    if result.owner_password and not args.owner_password:
        lines.append(f"  owner password: {result.owner_password}   (shown once: keep it; "
                     "`possuite till register` needs it)")
    data = result.as_json()
    if args.owner_password:
        data["owner_password"] = None  # never echo a password the user typed
    env.emit("\n".join(lines), data)
    return 0


def cmd_till_register(args, env: CliEnv) -> int:
    from possuite.hub.register import register_new_book, register_till

    path = env.db_path()
    if path.exists():
        result = register_till(env.ctx(), args.url, args.store, args.code, args.name, config_dir())
    else:  # a new till: its book is made from the hub's copy of the store
        result = register_new_book(path, args.url, args.store, args.code, args.name, config_dir(), env.clock())
    lines = [f"This book is till {result.code} ({result.name}) of store {result.store!r} on {result.hub}",
             f"  made {path} from the hub's copy of the store" if result.created else
             "  published the store to the hub" if result.published else "  the store was already on the hub"]
    if result.sync is not None:
        lines.append(f"  pushed {result.sync.pushed} rows, pulled {result.sync.pulled}; waiting {result.sync.waiting}")
    if result.sync_error:
        lines.append(f"  not pushed yet ({result.sync_error}); `possuite sync` sends the {result.queued} rows")
    env.emit("\n".join(lines), result.as_json())
    return 0


def _human(report, *, pushed: bool = True) -> str:
    when = report.last_sync.isoformat(sep=" ", timespec="seconds") if report.last_sync else "never"
    hub = report.hub
    reach = {True: "reachable", False: "not reachable", None: "not asked"}[hub.get("reachable")]
    lines = [f"hub: {hub.get('url')} ({reach}); till {hub.get('till')}"]
    if pushed:
        lines.append(f"  pushed {report.pushed}, pulled {report.pulled}")
    lines += [f"  waiting: {report.waiting} rows ({report.waiting_sales} sales)", f"  last sync: {when}"]
    if report.rejected:
        lines.append(f"  queued, refused by the hub: {report.rejected}")
    return "\n".join(lines)


def cmd_sync(args, env: CliEnv) -> int:
    from possuite.hub.connect import HubUnreachable
    from possuite.hub.sync import status, sync

    try:
        report = sync(env.ctx(), config_dir(), batch_size=args.batch_size)
    except HubUnreachable as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if env.json_mode:
            report = status(env.ctx(), config_dir(), probe=False)
            report.hub["reachable"], report.hub["error"] = False, exc.message
            env.emit("", report.as_json())
        return EXIT_HUB_UNREACHABLE
    env.emit(_human(report), report.as_json())
    return 0 if report.rejected is None else 1


def cmd_sync_status(args, env: CliEnv) -> int:
    from possuite.hub.sync import status

    report = status(env.ctx(), config_dir())
    env.emit(_human(report, pushed=False), report.as_json())
    if report.hub.get("reachable") is False:
        print(f"error: {report.hub.get('error')}", file=sys.stderr)
        return EXIT_HUB_UNREACHABLE
    return 0


def cmd_sync_worker(args, env: CliEnv) -> int:
    from possuite.hub.sync_process import serve

    kw = {"max_pause_s": args.max_pause_s} if args.max_pause_s is not None else {}
    return serve(env.ctx(), args.config_dir or config_dir(), batch_size=args.batch_size, **kw)
