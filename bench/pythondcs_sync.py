"""The job of `npm run bench:sync` done the way pythondcs's users do it, for comparison.

Usage: PYTHONDCS_DIR=/path/to/pythondcs python3 bench/pythondcs_sync.py '<json spec>'
spec: { "webApiRoot": "http://127.0.0.1:PORT/DCSWebApi", "root": "http://127.0.0.1:PORT/DCS",
        "api": "webapi" (default) or "legacy", "username": ..., "password": ...,
        "registers": [701, ...], "start": "2023-01-01", "end": "2025-01-01", "db": FILE }

pythondcs is not part of this project: it is imported from the folder PYTHONDCS_DIR names.
As its mass-downloader recipe does, its DcsWebApi signs in, and for each register its
largereadings (iterator=True, so ijson streams each body; one-year windows) feeds one
executemany upsert into SQLite, in one transaction per register. With "api": "legacy" the
legacy-API session (DCSSession, get_mega_readings) does the same. The table is the
one the sync writes (Unix-second timestamps, WAL), so both sides store the same rows.
Prints one JSON line: wall and CPU ms, readings stored, peak RSS, ijson's backend.
"""

import json
import logging
import os
import resource
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.environ["PYTHONDCS_DIR"])
logging.disable(logging.WARNING)  # pythondcs logs each login and request

import ijson  # noqa: E402

if ijson.backend != "yajl2_c":
    sys.exit(f"ijson's C backend (yajl2_c) is needed; this ijson uses {ijson.backend}")

import pythondcs  # noqa: E402
import pythondcspro  # noqa: E402

SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  value REAL,
  status INTEGER NOT NULL,
  consumption REAL,
  PRIMARY KEY (source, period, timestamp)
) WITHOUT ROWID;
"""
UPSERT = """
INSERT INTO readings VALUES (?, 'halfHour', ?, ?, ?, ?)
ON CONFLICT (source, period, timestamp) DO UPDATE SET
  value = excluded.value, status = excluded.status, consumption = excluded.consumption
"""


def utc(day):
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def peak_rss_mb():
    """This process's own peak RSS (VmHWM): ru_maxrss keeps the parent's RSS at fork."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


spec = json.loads(sys.argv[1])
cpu0 = time.process_time()
t0 = time.perf_counter()
def web_api_rows(dcs, source):
    """The recipe's own call: DcsWebApi.largereadings, streamed, in the complete format (the
    totals and period values the table holds)."""
    result = dcs.largereadings(
        source,
        startTime=utc(spec["start"]),
        endTime=utc(spec["end"]),
        maxwindow=timedelta(days=365),
        iterator=True,
        format="complete",
    )
    for r in result["readings"]:
        yield (source, int(r["timestamp"].timestamp()), r["totalValue"], r["status"], r["periodValue"])


def legacy_rows(dcs, source, register):
    """The legacy API's large-readings generator, for servers without the Web API."""
    readings = dcs.get_mega_readings(
        register,
        start=utc(spec["start"]),
        end=utc(spec["end"]),
        maxwindow=timedelta(days=365),
        iterator=True,
    )
    for r in readings:
        interpolated = 1 if r["isInterpolated"] else 0
        yield (source, int(r["startTime"].timestamp()), r["totalValue"], interpolated, r["periodValue"])


web_api = spec.get("api", "webapi") == "webapi"
if web_api:
    dcs = pythondcs.DcsWebApi(spec["webApiRoot"], spec["username"], spec["password"])
else:
    dcs = pythondcspro.DCSSession(spec["root"], spec["username"], spec["password"])
    if dcs.username is None:
        sys.exit("login failed")
db = sqlite3.connect(spec["db"])
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = NORMAL")
db.executescript(SCHEMA)
stored = 0
for register in spec["registers"]:
    source = f"R{register}"
    rows = web_api_rows(dcs, source) if web_api else legacy_rows(dcs, source, register)
    with db:  # one transaction per register, as the recipe does
        stored += db.executemany(UPSERT, rows).rowcount
db.close()
if web_api:
    dcs.signout()
else:
    dcs.logout()
wall_ms = (time.perf_counter() - t0) * 1000
print(
    json.dumps(
        {
            "wallMs": wall_ms,
            "cpuMs": (time.process_time() - cpu0) * 1000,
            "readings": stored,
            "peakRssMB": peak_rss_mb(),
            "ijsonBackend": ijson.backend,
            "python": sys.version.split(" ")[0],
        }
    )
)
