"""Workers that start warm: a new worker explains the months its predecessors were asked about,
and the current month, before it accepts a connection.

A worker's first explanation for a month learns that month's rules (`explain_readsets`) and fills
its caches: about 75 ms alone, 250-400 ms under load, while the connections it has just accepted
wait. Workers are replaced (after GUNICORN_MAX_REQUESTS requests, or over the memory ceiling), so
under steady load that wait recurred in every replacement and put the p99 of /v1/entitlements
over 150 ms. A worker leaving writes the months it kept to the server's shared folder; the one
that replaces it reads them.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import tempfile
from pathlib import Path

from policy_bd.explain import warm
from policy_bd.explain_readsets import learnt_months

MONTHS_FILE = "explained_months.json"
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
KEPT_MONTHS = 3  # a month's rules cost a few MB and about 75 ms to learn

log = logging.getLogger(__name__)


def _baseline(app):
    return app.extensions["policy_bd_reforms"].baseline


def recorded_months(folder: str) -> list[str]:
    """The months the last worker to leave kept, or none when it wrote nothing readable."""
    try:
        months = json.loads((Path(folder) / MONTHS_FILE).read_text())
    except (OSError, ValueError):
        return []
    if not isinstance(months, list):
        return []
    # Only what could be a month: one bad entry would otherwise stop the whole warm-up.
    return [m for m in months if isinstance(m, str) and MONTH.fullmatch(m)][-KEPT_MONTHS:]


def remember(app, folder: str) -> None:
    """Write the months this worker kept (the most recently used last), replacing the file
    whole: a worker starting meanwhile reads the old list or the new one."""
    months = learnt_months(_baseline(app))[-KEPT_MONTHS:]
    if not months:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".months-")
        with os.fdopen(handle, "w") as file:
            json.dump(months, file)
        os.replace(temporary, Path(folder) / MONTHS_FILE)
    except OSError as error:  # the folder is gone when the whole server stops
        log.info("months not recorded: %s", error)


def warm_up(app, folder: str, today: datetime.date | None = None) -> list[str]:
    """Explain the recorded months and the current one; the months warmed."""
    current = (today or datetime.date.today()).strftime("%Y-%m")
    months = list(dict.fromkeys([*recorded_months(folder), current]))
    try:
        warm(_baseline(app), months)
    except Exception:  # a worker that cannot warm up still serves: its first requests learn
        log.exception("warm-up of %s failed", months)
        return []
    return months
