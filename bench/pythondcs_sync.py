"""The job of `npm run bench:sync` done the way pythondcs's users do it, for comparison.

Usage: PYTHONDCS_DIR=/path/to/pythondcs python3 bench/pythondcs_sync.py '<json spec>'
spec: { "root": "http://127.0.0.1:PORT/DCS", "username": ..., "password": ...,
        "registers": [701, ...], "start": "2023-01-01", "end": "2025-01-01", "db": FILE }

pythondcs is not part of this project: it is imported from the folder PYTHONDCS_DIR names.
Its legacy-API session class (DCSSession, in pythondcspro.py) logs in, and for each register
its large-readings generator (get_mega_readings, iterator=True, so ijson streams each body)
feeds one executemany upsert into SQLite, in one transaction per register. The table is the
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
    readings = dcs.get_mega_readings(
        register,
        start=utc(spec["start"]),
        end=utc(spec["end"]),
        maxwindow=timedelta(days=365),
        iterator=True,
    )
    rows = (
        (
            source,
            int(r["startTime"].timestamp()),
            r["totalValue"],
            1 if r["isInterpolated"] else 0,
            r["periodValue"],
        )
        for r in readings
    )
    with db:  # one transaction per register
        stored += db.executemany(UPSERT, rows).rowcount
db.close()
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
