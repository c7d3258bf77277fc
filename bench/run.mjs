// `npm run bench`: the readings throughput, latency and memory bench. Not a test.
//
//   node bench/run.mjs [--runs N] [--quick] [--only TEXT] [--dist PATH]
//
// --only runs the cases whose "WORKLOAD case" name contains TEXT (e.g. --only W4, --only sdk);
// --dist measures another build of the package instead of dist/node.js, the build Node
// loads for `import "coherent-dcs"` (no build step).
//
// Builds the package if dist/ is missing or older than src/, serves the workloads from a
// loopback server in this process, and runs every case in a child process per run (so each
// peak RSS is that case's own). Prints medians and ratios, writes bench/results.json.
// With PYTHONDCS_DIR (a folder holding pythondcs.py) and a python3 that has ijson and
// requests (PYTHON overrides which), it also runs pythondcs's streaming path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, runJsonChild } from "./child.mjs";
import { buildWorkloads, startServer } from "./server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
// --dist PATH measures another build of the package (e.g. a prototype under .tmp/).
const distOption = process.argv.includes("--dist")
  ? process.argv[process.argv.indexOf("--dist") + 1]
  : undefined;
const dist = distOption ? path.resolve(distOption) : path.join(root, "dist", "node.js");

// ---- arguments ----------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("--quick");
const runs = Number(option("--runs") ?? (quick ? 2 : 5));
const only = option("--only");
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a whole number >= 1");
const w2Years = quick ? 30 : 100;
const smallRequests = quick ? 200 : 1000;

// ---- build --------------------------------------------------------------------------------
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

async function ensureBuild() {
  const sources = Math.max(
    newestMtime(path.join(root, "src")),
    statSync(path.join(root, "tsup.config.ts")).mtimeMs,
    statSync(path.join(root, "package.json")).mtimeMs,
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return "dist/node.js is up to date";
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const built = spawnSync(npm, ["run", "-s", "build"], { cwd: root, stdio: "ignore" });
  if (built.status === 0 && existsSync(dist)) return "built with npm run build";
  // `npm run build` also builds the other entries; if one of them cannot build yet, build
  // the library entry alone with the same tsup options, which is what `import` loads.
  const { build } = await import("tsup");
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await build({
      config: false,
      entry: { index: "src/index.ts" },
      format: ["esm"],
      target: "es2022",
      platform: "neutral",
      splitting: false,
      treeshake: true,
      sourcemap: true,
      dts: false,
      clean: false,
      outDir: "dist",
      silent: true,
    });
  } finally {
    process.chdir(cwd);
  }
  return "npm run build failed; built the library entry (src/index.ts) alone with tsup";
}

// ---- python -------------------------------------------------------------------------------
function findPython() {
  const dir = process.env.PYTHONDCS_DIR;
  if (!dir) return { skipped: "PYTHONDCS_DIR not set" };
  if (!existsSync(path.join(dir, "pythondcs.py"))) {
    return { skipped: `no pythondcs.py in PYTHONDCS_DIR=${dir}` };
  }
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import ijson, requests, sys; print(sys.version)"], {
      encoding: "utf8",
    });
    if (probe.status === 0) return { python, version: probe.stdout.trim().split(" ")[0] };
  }
  return { skipped: `ijson or requests missing in ${candidates.join(", ")}` };
}

// ---- children -----------------------------------------------------------------------------
const runChild = (command, args, env) =>
  runJsonChild(command, args, { cwd: root, env, timeoutMs: 10 * 60_000 });

// ---- statistics and formatting --------------------------------------------------------------
const fixed = (x, digits = 0) => (x === undefined ? "-" : x.toFixed(digits));
const pad = (text, width, left = false) =>
  left ? String(text).padEnd(width) : String(text).padStart(width);

// ---- main ---------------------------------------------------------------------------------
const loadStart = os.loadavg()[0];
const buildNote = distOption ? `using ${dist}` : await ensureBuild();
const py = findPython();
const plan = [];
for (const w of ["W1", "W2", "W3"]) {
  plan.push({ case: "sdk-stream", workload: w }, { case: "sdk-toArray", workload: w });
  plan.push({ case: "baseline", workload: w });
  if (w !== "W3")
    plan.push({ case: "fetch-drain", workload: w }, { case: "http-drain", workload: w });
  if (py.python) plan.push({ case: "python", workload: w });
}
plan.push({ case: "sdk-legacy", workload: "L1" }, { case: "baseline-legacy", workload: "L1" });
plan.push({ case: "sdk-small", workload: "W4" }, { case: "baseline-small", workload: "W4" });
const cases = plan
  .map((c) => ({ ...c, key: `${c.workload} ${c.case}`, samples: [] }))
  .filter((c) => !only || c.key.includes(only));

const tBuild = performance.now();
const workloads = buildWorkloads({ w2Years, names: [...new Set(cases.map((c) => c.workload))] });
const payloadMs = performance.now() - tBuild;
const server = await startServer(workloads);
const base = `http://127.0.0.1:${server.port}`;

const log = (line) => process.stderr.write(`${line}\n`);
log(`build: ${buildNote}`);
log(
  `payloads: ${Object.entries(workloads)
    .map(([k, w]) => `${k} ${w.count} readings ${(w.body.length / 2 ** 20).toFixed(1)} MiB`)
    .join(", ")} (built in ${payloadMs.toFixed(0)} ms); server ${base}`,
);
log(`${cases.length} cases x ${runs} runs`);

for (let run = 1; run <= runs; run++) {
  for (const c of cases) {
    const w = workloads[c.workload];
    const requests = c.workload === "W4" ? smallRequests : 1;
    const workload = {
      id: w.id,
      format: w.format,
      startTime: w.startTime,
      endTime: w.endTime,
      count: w.count,
    };
    const sample =
      c.case === "python"
        ? await runChild(
            py.python,
            [
              path.join(here, "pythondcs_stream.py"),
              JSON.stringify({ ...workload, root: `${base}/DCSWebApi` }),
            ],
            process.env,
          )
        : await runChild(
            process.execPath,
            [
              path.join(here, "case.mjs"),
              JSON.stringify({ case: c.case, workload, base, dist, requests }),
            ],
            process.env,
          );
    const expected = c.case.endsWith("-drain") ? 0 : w.count * requests; // drains decode nothing
    if (!sample.error && sample.readings !== expected) {
      sample.error = `got ${sample.readings} readings, expected ${expected}`;
    }
    c.samples.push(sample);
    log(
      `run ${run}/${runs} ${pad(c.key, 22, true)} ${
        sample.error ?? `${fixed(sample.wallMs)} ms, ${fixed(sample.peakRssMB)} MB`
      }`,
    );
  }
}
await server.close();

// ---- summary ------------------------------------------------------------------------------
const metrics = ["wallMs", "cpuMs", "readingsPerSec", "firstMs", "perRequestMs", "peakRssMB"];
for (const c of cases) {
  const ok = c.samples.filter((s) => !s.error);
  c.errors = c.samples.filter((s) => s.error).map((s) => s.error);
  c.median = Object.fromEntries(metrics.map((m) => [m, median(ok.map((s) => s[m]))]));
  c.readings = ok[0]?.readings;
}
const find = (workload, name) => cases.find((c) => c.workload === workload && c.case === name);
const baselineOf = (c) =>
  find(
    c.workload,
    c.workload === "L1" ? "baseline-legacy" : c.workload === "W4" ? "baseline-small" : "baseline",
  );
const ratio = (a, b) => (a !== undefined && b !== undefined ? a / b : undefined);
/** Per-run ratios of paired samples (run i of one case against run i of the other). */
const paired = (a, b, metric) =>
  a.samples
    .map((s, i) => (s.error || b.samples[i]?.error ? undefined : s[metric] / b.samples[i][metric]))
    .filter((x) => x !== undefined);

const lines = [];
const out = (line = "") => lines.push(line);
const loadEnd = os.loadavg()[0];
out(
  `coherent-dcs readings bench: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}; load average ${loadStart.toFixed(2)} before, ${loadEnd.toFixed(2)} after (other work on the machine skews every figure)`,
);
out(
  `${runs} runs per case (medians), each run a fresh child process; ${Object.entries(workloads)
    .map(
      ([k, w]) =>
        `${k} = ${k === "W4" ? `${smallRequests} requests x ` : ""}${w.count} readings (${(w.body.length / 2 ** 20).toFixed(k === "W4" ? 3 : 0)} MiB${w.format === "complete" ? ", complete" : w.format === "legacy" ? ", legacy v3" : ""})`,
    )
    .join("; ")}`,
);
out();
const head = [
  pad("workload", 8, true),
  pad("case", 15, true),
  pad("readings", 9),
  pad("wall ms", 8),
  pad("cpu ms", 8),
  pad("k rd/s", 7),
  pad("x base", 7),
  pad("first ms", 9),
  pad("ms/req", 7),
  pad("peak RSS MB", 11),
];
out(head.join("  "));
out("-".repeat(head.join("  ").length));
for (const c of cases) {
  const b = baselineOf(c);
  const x =
    c.case.startsWith("baseline") || c.case.endsWith("-drain") || !b
      ? undefined
      : ratio(c.median.readingsPerSec, b.median.readingsPerSec);
  out(
    [
      pad(c.workload, 8, true),
      pad(c.case, 15, true),
      pad(c.readings ?? "-", 9),
      pad(fixed(c.median.wallMs), 8),
      pad(fixed(c.median.cpuMs), 8),
      pad(fixed(c.median.readingsPerSec && c.median.readingsPerSec / 1000), 7),
      pad(x === undefined ? "" : `${x.toFixed(2)}x`, 7),
      pad(fixed(c.median.firstMs, 1), 9),
      pad(fixed(c.median.perRequestMs, 2), 7),
      pad(fixed(c.median.peakRssMB), 11),
    ].join("  ") + (c.errors.length ? `  (${c.errors.length} failed: ${c.errors[0]})` : ""),
  );
}
out();
out("k rd/s: thousand readings per second of wall time (request to last reading handed over).");
out("x base: throughput relative to the hand-written fetch + res.json() + new Date() baseline.");
out("cpu ms: process.cpuUsage() of the client process (all its threads, GC helpers included).");
out("peak RSS: the child's own VmHWM (getrusage maxRSS would include the parent's RSS at fork).");
out(
  "Clocks start after imports and one warm-up request on a connection the server then closes (Node's undici for the fetch cases, Python's requests); node:http, which the SDK's Node build uses, needs none.",
);
out(
  `python: ${py.python ? `pythondcs streaming (iterator=True, ijson) from ${process.env.PYTHONDCS_DIR}/pythondcs.py, ${py.python} ${py.version}` : `skipped (PYTHONDCS_DIR not set / ijson missing: ${py.skipped})`}`,
);

// ---- ratios -------------------------------------------------------------------------------
const ratioLines = [];
const throughput = (a, b) => ratio(a?.median.readingsPerSec, b?.median.readingsPerSec);
for (const w of ["W1", "W2", "W3"]) {
  const parts = [];
  for (const name of ["sdk-stream", "sdk-toArray"]) {
    const s = find(w, name);
    if (!s) continue;
    const vsBase = throughput(s, find(w, "baseline"));
    const vsPython = throughput(s, find(w, "python"));
    if (vsBase !== undefined) parts.push(`${name}/baseline ${vsBase.toFixed(2)}x`);
    if (vsPython !== undefined) parts.push(`${name}/python ${vsPython.toFixed(2)}x`);
  }
  if (parts.length) ratioLines.push(`  ${w}: ${parts.join(", ")}`);
}
const legacyRatio = throughput(find("L1", "sdk-legacy"), find("L1", "baseline-legacy"));
if (legacyRatio !== undefined) {
  ratioLines.push(`  L1: sdk-legacy/baseline-legacy ${legacyRatio.toFixed(2)}x`);
}
const smallSdk = find("W4", "sdk-small");
const smallBaseline = find("W4", "baseline-small");
if (smallSdk?.median.perRequestMs !== undefined && smallBaseline?.median.perRequestMs) {
  const sdkMs = smallSdk.median.perRequestMs;
  const baseMs = smallBaseline.median.perRequestMs;
  const cpu = (c) => c.median.cpuMs / smallRequests;
  ratioLines.push(
    `  W4: ${sdkMs.toFixed(3)} ms per request vs ${baseMs.toFixed(3)} ms baseline (${(sdkMs / baseMs).toFixed(2)}x, +${((sdkMs - baseMs) * 1000).toFixed(0)} µs); client CPU ${cpu(smallSdk).toFixed(3)} vs ${cpu(smallBaseline).toFixed(3)} ms (${(cpu(smallSdk) / cpu(smallBaseline)).toFixed(2)}x); paired per-run median ${fixed(median(paired(smallSdk, smallBaseline, "perRequestMs")), 2)}x`,
  );
}
if (ratioLines.length) {
  out();
  out("ratios (throughput, higher is better for the SDK; same bench run):");
  for (const line of ratioLines) out(line);
}

// ---- targets ------------------------------------------------------------------------------
const targets = [];
const target = (name, value, pass, detail) => targets.push({ name, value, pass, detail });
for (const w of ["W1", "W2"]) {
  const s = find(w, "sdk-stream");
  const b = find(w, "baseline");
  const p = find(w, "python");
  if (s && b) {
    const r = ratio(s.median.readingsPerSec, b.median.readingsPerSec);
    target(
      `${w} sdk-stream throughput >= 1.0x baseline`,
      r,
      r >= 1.0,
      `${fixed(s.median.readingsPerSec / 1000)}k vs ${fixed(b.median.readingsPerSec / 1000)}k readings/s; paired per-run median ${fixed(median(paired(s, b, "readingsPerSec")), 2)}x`,
    );
  }
  if (s && p) {
    const r = ratio(s.median.readingsPerSec, p.median.readingsPerSec);
    target(
      `${w} sdk-stream throughput >= 1.2x python`,
      r,
      r >= 1.2,
      `${fixed(s.median.readingsPerSec / 1000)}k vs ${fixed(p.median.readingsPerSec / 1000)}k readings/s`,
    );
  }
}
const s1 = find("W1", "sdk-stream");
const s2 = find("W2", "sdk-stream");
if (s1) {
  target(
    "W1 sdk-stream peak RSS <= 90 MB",
    s1.median.peakRssMB,
    s1.median.peakRssMB <= 90,
    `${fixed(s1.median.peakRssMB)} MB (baseline ${fixed(find("W1", "baseline")?.median.peakRssMB)} MB, drain floors: fetch ${fixed(find("W1", "fetch-drain")?.median.peakRssMB)} MB, node:http ${fixed(find("W1", "http-drain")?.median.peakRssMB)} MB)`,
  );
}
if (s1 && s2) {
  const d = s2.median.peakRssMB - s1.median.peakRssMB;
  target(
    "W2 sdk-stream peak RSS within 40 MB of W1's",
    d,
    d <= 40,
    `${fixed(s2.median.peakRssMB)} MB, +${fixed(d)} MB (baseline ${fixed(find("W2", "baseline")?.median.peakRssMB)} MB)`,
  );
}
if (s2) {
  target(
    "W2 sdk-stream time to first reading < 100 ms",
    s2.median.firstMs,
    s2.median.firstMs < 100,
    `${fixed(s2.median.firstMs, 1)} ms (baseline ${fixed(find("W2", "baseline")?.median.firstMs)} ms)`,
  );
}
const small = find("W4", "sdk-small");
const smallBase = find("W4", "baseline-small");
if (small && smallBase) {
  const r = ratio(small.median.perRequestMs, smallBase.median.perRequestMs);
  target(
    "W4 per-request time <= 1.3x baseline",
    r,
    r <= 1.3,
    `${fixed(small.median.perRequestMs, 3)} vs ${fixed(smallBase.median.perRequestMs, 3)} ms per request`,
  );
}
out();
out("targets:");
for (const t of targets) {
  const value = t.value === undefined ? "-" : t.value.toFixed(2);
  out(`  ${t.pass ? "MET   " : "MISSED"} ${pad(t.name, 46, true)} ${pad(value, 7)}  ${t.detail}`);
}
process.stdout.write(`${lines.join("\n")}\n`);

writeFileSync(
  path.join(here, "results.json"),
  `${JSON.stringify(
    {
      machine: {
        node: process.version,
        platform: `${os.platform()} ${os.release()} ${os.arch()}`,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model?.trim(),
        totalMemGiB: os.totalmem() / 2 ** 30,
        loadAverage: { before: loadStart, after: loadEnd },
        python: py.python ? { path: py.python, version: py.version } : { skipped: py.skipped },
      },
      date: new Date().toISOString(),
      options: { runs, quick, only, w2Years, smallRequests, build: buildNote },
      workloads: Object.fromEntries(
        Object.entries(workloads).map(([k, w]) => [
          k,
          { id: w.id, format: w.format, readings: w.count, bytes: w.body.length },
        ]),
      ),
      cases: cases.map((c) => ({
        workload: c.workload,
        case: c.case,
        readings: c.readings,
        median: c.median,
        pairedThroughputVsBaseline:
          c.case.startsWith("baseline") || c.case.endsWith("-drain") || !baselineOf(c)
            ? undefined
            : paired(c, baselineOf(c), "readingsPerSec"),
        errors: c.errors,
        samples: c.samples,
      })),
      targets,
    },
    null,
    2,
  )}\n`,
);
log("wrote bench/results.json");
