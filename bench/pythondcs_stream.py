"""The Python module's streaming path, for comparison with the SDK (run by bench/run.mjs).

Usage: python3 bench/pythondcs_stream.py '<json spec>'
spec: { "root": ".../DCSWebApi", "id": "R1", "format": "standard",
        "startTime": "2014-01-01", "endTime": "2024-01-01" }

It imports pythondcs from the folder named by PYTHONDCS_DIR (the module is not part of this
project), calls DcsWebApi(root).readings(..., iterator=True) and iterates the readings,
touching each one as the Node cases do. Prints one JSON line: wall and CPU time, readings,
time to first reading, peak RSS.
"""

import json
import logging
import os
import resource
import sys
import time
from datetime import date

sys.path.insert(0, os.environ["PYTHONDCS_DIR"])
logging.disable(logging.WARNING)  # pythondcs warns about public mode on every construction

import pythondcs  # noqa: E402

import requests  # noqa: E402

spec = json.loads(sys.argv[1])
# Warm the HTTP code before the clock, as the Node cases do; the server closes this connection.
requests.get(spec["root"].rsplit("/", 1)[0] + "/warmup", timeout=10).close()
dcs = pythondcs.DcsWebApi(spec["root"])
fmt = spec["format"]
start = date.fromisoformat(spec["startTime"])
end = date.fromisoformat(spec["endTime"])

n = 0
total = 0.0
instants = 0.0
first_ms = None
cpu0 = time.process_time()
t0 = time.perf_counter()
result = dcs.readings(
    spec["id"], startTime=start, endTime=end, format=fmt, iterator=True
)
for r in result["readings"]:
    if first_ms is None:
        first_ms = (time.perf_counter() - t0) * 1000
    n += 1
    if fmt == "complete":
        total += r["totalValue"] + r["periodValue"] + r["status"]
    else:
        total += r["value"] + r["status"]
    instants += r["timestamp"].timestamp() / 1e9
wall_ms = (time.perf_counter() - t0) * 1000


def peak_rss_mb():
    """This process's own peak RSS: on Linux ru_maxrss carries over the parent's RSS across
    fork + exec, so VmHWM from /proc is read when there is one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


cpu_ms = (time.process_time() - cpu0) * 1000
print(
    json.dumps(
        {
            "wallMs": wall_ms,
            "cpuMs": cpu_ms,
            "readings": n,
            "readingsPerSec": n / (wall_ms / 1000),
            "firstMs": first_ms,
            "peakRssMB": peak_rss_mb(),
            "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "checksum": total + instants,
        }
    )
)
