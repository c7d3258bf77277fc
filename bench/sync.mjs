// `npm run bench:sync`: how fast `coherent-dcs/sync` fills a database, side by side with the
// same job done by pythondcs's mass-download recipe. Not a test.
//
//   node bench/sync.mjs [--runs N] [--registers N] [--no-20y] [--dir DIR] [--pg URL]
//
// The simulator (dist/simulator.js) runs in a child process of its own (bench/sync-server.mjs)
// on 127.0.0.1. Each run, in turns that alternate which goes first:
//   - ours-2y: `syncReadings` (dist/sync.js) of N cumulative registers x 2 years of half hours
//     into a fresh SQLite file, in a fresh process (bench/sync-case.mjs), with 2 jobs as
//     `dcs sync` runs by default; ours-1job-2y: the same with one job, one request at a time;
//   - pythondcs-2y: the same registers and years as pythondcs's mass-downloader recipe does
//     it, DcsWebApi.largereadings into an executemany upsert (bench/pythondcs_sync.py; needs
//     PYTHONDCS_DIR, a folder with pythondcs.py and pythondcspro.py, and a python3 with
//     requests and ijson's C backend: PYTHON picks which); pythondcs-legacy-2y: the same
//     through its legacy-API session (get_mega_readings);
//   - ours-20y: the same registers x 20 years, for peak RSS (which should stay flat);
//   - ours-pg-2y: with --pg URL or BENCH_PG_URL, the 2-year job into PostgreSQL through
//     `openStore(url)`, each run in a fresh schema (the URL is never printed).
// One untimed round of each first warms the simulator (its per-register sums, its JIT).
// Prints medians and writes bench/sync-results.json.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, runJsonChild } from "./child.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Number(option("--runs") ?? 3);
const registerCount = Number(option("--registers") ?? 10);
const with20y = !argv.includes("--no-20y");
const pgUrl = option("--pg") ?? process.env.BENCH_PG_URL;
const dir = mkdtempSync(path.join(option("--dir") ?? os.tmpdir(), "dcs-bench-sync-"));
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a whole number >= 1");
if (!existsSync(path.join(root, "dist", "sync.js"))) {
  throw new Error("No dist/sync.js: run `npm run build` first (npm run bench:sync does)");
}

const END = "2025-01-01";
const JOBS = { "2y": "2023-01-01", "20y": "2005-01-01" };
const ACCOUNT = { username: "user", password: "password" }; // the simulator's default Viewer
const log = (line) => process.stderr.write(`${line}\n`);

// ---- python -------------------------------------------------------------------------------
function findPython() {
  const folder = process.env.PYTHONDCS_DIR;
  if (!folder) return { skipped: "PYTHONDCS_DIR is not set" };
  if (!existsSync(path.join(folder, "pythondcspro.py"))) {
    return { skipped: `no pythondcspro.py in PYTHONDCS_DIR (${folder})` };
  }
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ["/usr/bin/python3", "python3"];
  for (const python of candidates) {
    const probe = spawnSync(
      python,
      ["-c", "import ijson, requests, sys; print(ijson.backend, sys.version.split()[0])"],
      { encoding: "utf8" },
    );
    if (probe.status !== 0) continue;
    const [backend, version] = probe.stdout.trim().split(" ");
    if (backend === "yajl2_c") return { python, version, backend };
    return { skipped: `${python}'s ijson uses the ${backend} backend, not yajl2_c (C)` };
  }
  return { skipped: `requests or ijson missing in ${candidates.join(", ")}` };
}

// ---- children -----------------------------------------------------------------------------
function startServer() {
  const spec = { dataStart: JOBS["20y"], dataEnd: END, registers: registerCount };
  const child = spawn(
    process.execPath,
    [path.join(here, "sync-server.mjs"), JSON.stringify(spec)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code})`)));
    child.stdout.once("data", (line) => resolve({ child, ...JSON.parse(String(line)) }));
  });
}

/** The CPU time a process has used so far, in ms (Linux; clock ticks of 10 ms). */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
  } catch {
    return undefined;
  }
}

/** An error text with the PostgreSQL URL and its password taken out. */
function scrub(text) {
  if (!pgUrl || typeof text !== "string") return text;
  let clean = text.split(pgUrl).join("<postgres url>");
  try {
    const { password } = new URL(pgUrl);
    for (const form of [password, decodeURIComponent(password)]) {
      if (form) clean = clean.split(form).join("***");
    }
  } catch {}
  return clean;
}

const runChild = (command, args, env) =>
  runJsonChild(command, args, { cwd: root, env, timeoutMs: 15 * 60_000 });

function freshFile(name) {
  const file = path.join(dir, `${name}.db`);
  for (const end of ["", "-wal", "-shm"]) rmSync(file + end, { force: true });
  return file;
}

/** A fresh schema for one PostgreSQL run (the store creates it), dropped afterwards. */
async function pgSchema(url, name) {
  const { default: pg } = await import("pg");
  const drop = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await c.end();
  };
  await drop();
  return { name, drop };
}

async function runCase(name, server, py) {
  const [side, job] = [name.split("-")[0], name.split("-").at(-1)];
  const registers = server.registers;
  // Ours as `dcs sync` runs by default (2 jobs), and with 1 job, as pythondcs's loop does.
  const jobs = name.includes("-1job-") ? 1 : 2;
  const common = { registers, start: JOBS[job], end: END, jobs, ...ACCOUNT };
  const before = cpuMsOf(server.child.pid);
  let sample;
  if (side === "pythondcs") {
    const api = name.includes("-legacy-") ? "legacy" : "webapi";
    const spec = {
      ...common,
      api,
      webApiRoot: server.webApiUrl,
      root: server.v3Url,
      db: freshFile(name),
    };
    sample = await runChild(
      py.python,
      [path.join(here, "pythondcs_sync.py"), JSON.stringify(spec)],
      {
        ...process.env,
      },
    );
  } else if (name.includes("-pg-")) {
    const schema = await pgSchema(pgUrl, `dcs_bench_sync_${process.pid}`);
    try {
      const spec = { ...common, webApiUrl: server.webApiUrl, db: "pg", pgSchema: schema.name };
      sample = await runChild(
        process.execPath,
        [path.join(here, "sync-case.mjs"), JSON.stringify(spec)],
        {
          ...process.env,
          BENCH_PG_URL: pgUrl,
        },
      );
    } finally {
      await schema.drop();
    }
  } else {
    const spec = { ...common, webApiUrl: server.webApiUrl, db: freshFile(name) };
    sample = await runChild(
      process.execPath,
      [path.join(here, "sync-case.mjs"), JSON.stringify(spec)],
      {
        ...process.env,
      },
    );
  }
  const after = cpuMsOf(server.child.pid);
  if (before !== undefined && after !== undefined) sample.serverCpuMs = after - before;
  if (sample.error) sample.error = scrub(sample.error);
  return sample;
}

// ---- statistics ---------------------------------------------------------------------------
const fixed = (x, digits = 0) => (x === undefined ? "-" : x.toFixed(digits));
const pad = (text, width, left = false) =>
  left ? String(text).padEnd(width) : String(text).padStart(width);

// ---- main ---------------------------------------------------------------------------------
const py = findPython();
const loadStart = os.loadavg()[0];
const server = await startServer();
log(`simulator on ${new URL(server.webApiUrl).host}, registers ${server.registers.join(", ")}`);
log(
  `python: ${py.python ? `${py.python} ${py.version}, ijson ${py.backend}` : `skipped: ${py.skipped}`}`,
);
const names = ["ours-2y", "ours-1job-2y"];
if (py.python) names.push("pythondcs-2y", "pythondcs-legacy-2y");
if (with20y) names.push("ours-20y");
if (pgUrl) names.push("ours-pg-2y");
const cases = names.map((name) => ({ name, samples: [] }));
/** Every reading of 2 years; over 20 years meters installed later have fewer, so runs must agree. */
const expected = (c) =>
  c.name.endsWith("20y")
    ? c.samples.find((s) => !s.error)?.readings
    : server.registers.length * 35_088;

try {
  log("warm-up round (untimed)");
  for (const c of cases) {
    if (c.name.endsWith("20y")) continue; // the 2-year jobs warm the same code
    const s = await runCase(c.name, server, py);
    if (s.error) log(`  ${c.name}: ${s.error}`);
  }
  for (let run = 1; run <= runs; run++) {
    // Alternate who goes first, so that a slow spell of the machine does not fall on one side.
    const order = run % 2 ? cases : [...cases].reverse();
    for (const c of order) {
      const sample = await runCase(c.name, server, py);
      if (!sample.error && expected(c) !== undefined && sample.readings !== expected(c)) {
        sample.error = `stored ${sample.readings} readings, expected ${expected(c)}`;
      }
      c.samples.push(sample);
      log(
        `run ${run}/${runs} ${pad(c.name, 13, true)} ${
          sample.error ??
          `${fixed(sample.wallMs / 1000, 2)} s, ${fixed(sample.cpuMs / 1000, 2)} s CPU (simulator ${fixed(sample.serverCpuMs / 1000, 2)} s), ${fixed(sample.peakRssMB)} MB`
        }`,
      );
    }
  }
} finally {
  server.child.stdin.end();
  rmSync(dir, { recursive: true, force: true });
}

// ---- report -------------------------------------------------------------------------------
const metrics = ["wallMs", "cpuMs", "serverCpuMs", "peakRssMB", "maxRssMB"];
for (const c of cases) {
  const ok = c.samples.filter((s) => !s.error);
  c.errors = c.samples.filter((s) => s.error).map((s) => s.error);
  c.median = Object.fromEntries(metrics.map((m) => [m, median(ok.map((s) => s[m]))]));
  c.maxPeakRssMB = ok.length ? Math.max(...ok.map((s) => s.peakRssMB)) : undefined;
  c.readings = ok[0]?.readings;
  c.readingsPerSec =
    c.readings && c.median.wallMs ? c.readings / (c.median.wallMs / 1000) : undefined;
}
const find = (name) => cases.find((c) => c.name === name);
const loadEnd = os.loadavg()[0];
const lines = [];
const out = (line = "") => lines.push(line);
out(
  `coherent-dcs sync bench: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}, ${new Date().toISOString()}; load average ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after`,
);
out(
  `${server.registers.length} cumulative registers, half hours from ${JOBS["2y"]} (2y) or ${JOBS["20y"]} (20y) to ${END}; ${runs} interleaved runs (medians), each a fresh process and database in ${path.dirname(dir)}`,
);
out();
const head = [
  pad("case", 13, true),
  pad("readings", 9),
  pad("wall s", 7),
  pad("k rd/s", 7),
  pad("cpu s", 6),
  pad("sim cpu s", 9),
  pad("peak RSS MB", 11),
  pad("max", 5),
];
out(head.join("  "));
out("-".repeat(head.join("  ").length));
for (const c of cases) {
  out(
    [
      pad(c.name, 13, true),
      pad(c.readings ?? "-", 9),
      pad(fixed(c.median.wallMs && c.median.wallMs / 1000, 2), 7),
      pad(fixed(c.readingsPerSec && c.readingsPerSec / 1000), 7),
      pad(fixed(c.median.cpuMs && c.median.cpuMs / 1000, 2), 6),
      pad(fixed(c.median.serverCpuMs && c.median.serverCpuMs / 1000, 2), 9),
      pad(fixed(c.median.peakRssMB), 11),
      pad(fixed(c.maxPeakRssMB), 5),
    ].join("  ") + (c.errors.length ? `  (${c.errors.length} failed: ${c.errors[0]})` : ""),
  );
}
out();
out("wall s: from sign-in to the database closed, in the client's process (imports excluded).");
out("cpu s: the client process's CPU; sim cpu s: the simulator's during that case.");
out("peak RSS: the client's own VmHWM (getrusage's maxRSS also counts the parent's RSS at fork).");

const targets = [];
const target = (name, value, pass, detail) => targets.push({ name, value, pass, detail });
const ours = find("ours-2y");
const python = find("pythondcs-2y");
if (python && ours?.median.wallMs && python.median.wallMs) {
  const ratio = python.median.wallMs / ours.median.wallMs;
  const paired = ours.samples
    .map((s, i) =>
      s.error || python.samples[i]?.error ? undefined : python.samples[i].wallMs / s.wallMs,
    )
    .filter((x) => x !== undefined);
  target(
    "pythondcs / ours, 2 years, wall time >= 2x",
    ratio,
    ratio >= 2,
    `${fixed(python.median.wallMs / 1000, 2)} s vs ${fixed(ours.median.wallMs / 1000, 2)} s; per run ${paired.map((x) => x.toFixed(2)).join(", ")}`,
  );
  // The same ratio for the other ways of running either side, for the record.
  for (const [a, b] of [
    ["pythondcs-2y", "ours-1job-2y"],
    ["pythondcs-legacy-2y", "ours-2y"],
  ]) {
    const [slow, fast] = [find(a), find(b)];
    if (slow?.median.wallMs && fast?.median.wallMs) {
      out(`also: ${a} / ${b}: ${fixed(slow.median.wallMs / fast.median.wallMs, 2)}x`);
    }
  }
} else {
  out(`pythondcs: skipped (${py.skipped ?? "it failed"}): no ratio`);
}
for (const c of [ours, find("ours-20y")]) {
  if (!c?.median.peakRssMB) continue;
  target(
    `${c.name} peak RSS <= 150 MB`,
    c.maxPeakRssMB,
    c.maxPeakRssMB <= 150,
    `median ${fixed(c.median.peakRssMB)} MB, highest ${fixed(c.maxPeakRssMB)} MB`,
  );
}
const pgCase = find("ours-pg-2y");
if (!pgUrl) out("no PostgreSQL figure (give --pg URL or BENCH_PG_URL to measure one)");
else if (!pgCase?.median.wallMs) {
  out(`no PostgreSQL figure: ${pgCase?.errors[0] ?? "no run succeeded"}`);
}
out();
out("targets:");
for (const t of targets) {
  out(
    `  ${t.pass ? "MET   " : "MISSED"} ${pad(t.name, 44, true)} ${pad(fixed(t.value, 2), 7)}  ${t.detail}`,
  );
}
process.stdout.write(`${lines.join("\n")}\n`);

writeFileSync(
  path.join(here, "sync-results.json"),
  `${JSON.stringify(
    {
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model?.trim(),
        loadAverage: { before: loadStart, after: loadEnd },
        python: py.python ? { path: py.python, version: py.version, ijson: py.backend } : py,
      },
      date: new Date().toISOString(),
      options: {
        runs,
        registers: server.registers,
        end: END,
        jobs: JOBS,
        postgres: Boolean(pgUrl),
      },
      cases: cases.map(
        ({ name, readings, median: m, maxPeakRssMB, readingsPerSec, errors, samples }) => ({
          name,
          readings,
          readingsPerSec,
          median: m,
          maxPeakRssMB,
          errors,
          samples,
        }),
      ),
      targets,
    },
    null,
    2,
  )}\n`,
);
log("wrote bench/sync-results.json");
