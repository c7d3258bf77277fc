// One timed sync for `npm run bench:sync`, in a fresh process so that its peak RSS is its own.
//
//   node bench/sync-case.mjs '{"webApiUrl": ..., "registers": [701, ...], "start": ..., "end": ..., "db": FILE, "jobs": N}'
//
// `jobs` sources at once, one request in flight each (the client's maxConcurrent), as `dcs sync --jobs N`.
//
// The database is `db`, or the PostgreSQL URL in BENCH_PG_URL when `db` is "pg" (the URL is
// read from the environment, never from arguments, and never printed: it may hold a password).
// Prints one JSON line: wall and CPU ms, readings, what the store did, peak RSS.
import { readFileSync } from "node:fs";
import { DcsWebApi } from "../dist/node.js";
import { openPostgresStore, openStore, syncReadings } from "../dist/sync.js";

const spec = JSON.parse(process.argv[2]);
const target = spec.db === "pg" ? process.env.BENCH_PG_URL : spec.db;

/** This process's own peak RSS (VmHWM): getrusage's maxRSS keeps the parent's RSS at fork. */
function peakRssMB() {
  const line = readFileSync("/proc/self/status", "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const jobs = spec.jobs ?? 1;
const client = new DcsWebApi(spec.webApiUrl, { maxConcurrent: jobs });
await client.signIn(spec.username, spec.password);
const store = spec.pgSchema
  ? await openPostgresStore(target, { schema: spec.pgSchema })
  : await openStore(target);
let summary;
try {
  summary = await syncReadings({
    client,
    store,
    sources: spec.registers.map((id) => `R${id}`),
    start: spec.start,
    end: spec.end,
    jobs,
  });
} finally {
  await store.close();
  await client.signOut();
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (summary.failed.length > 0) {
  const { source, error } = summary.failed[0];
  throw new Error(`${summary.failed.length} sources failed, first ${source}: ${error?.message}`);
}
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    readings: summary.readings,
    inserted: summary.inserted,
    windows: summary.windows,
    peakRssMB: peakRssMB(),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
