"""``possuite screenshots OUTDIR``: PNGs of each till screen in a known state, rendered headless."""

from __future__ import annotations

import os
from pathlib import Path

from possuite.i18n import LANGUAGES

SCENARIO_NAMES = ("wizard", "login", "checkout", "payment", "complimentary", "summary", "dialogs", "settings",
                  "shift", "discount", "sync", "returns", "duplicates", "gst", "quantities")


def register(sub) -> None:
    p = sub.add_parser(
        "screenshots",
        help="write PNG screenshots of the till's screens (demo data, no display needed)",
        description="Build a demo store in a temporary folder and save a PNG of each screen in a given state "
        "(wizard, login, checkout, every payment outcome, summary, dialogs). Your own database is not touched.",
    )
    p.add_argument("outdir", help="folder for the PNG files (created if missing)")
    p.add_argument("--scenario", action="append", choices=SCENARIO_NAMES,
                   help="only this group of screens (repeatable); default: all")
    p.add_argument("--lang", choices=tuple(LANGUAGES), default="en",
                   help="the screen's language (the demo users' language): en (default) or hi")
    p.set_defaults(func=cmd_screenshots)


def cmd_screenshots(args, env) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # deferred: keeps Qt out of the CLI
    from possuite.ui.resources import use_resource_dir
    from possuite.ui.screenshots import take_screenshots

    use_resource_dir(env.settings.resources_dir)  # POSSUITE_RESOURCES, as the till uses it
    paths = take_screenshots(Path(args.outdir), args.scenario, lang=args.lang)
    env.emit("\n".join(str(p) for p in paths) or "no screenshots taken", {"files": [str(p) for p in paths]})
    return 0
