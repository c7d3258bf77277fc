// One bench case in its own process, so its peak RSS is its own. Usage (by run.mjs):
//   node bench/case.mjs '<json spec>'
// spec: { case, workload: { id, format, startTime, endTime, count }, base, dist, requests? }
// Prints one JSON line: wall and CPU time, readings, time to first reading, peak RSS.
import { readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const spec = JSON.parse(process.argv[2] ?? "{}");
const { workload: w, base } = spec;
const webRoot = `${base}/DCSWebApi`;
const legacyRoot = `${base}/DCS`;

/** The query the SDK sends in public mode, for the hand-written baseline. */
function readingsUrl(workload) {
  const q = new URLSearchParams({
    id: workload.id,
    format: workload.format,
    periodType: "halfHour",
    calibrated: "true",
    interpolated: "true",
    startTime: `${workload.startTime}T00:00:00Z`,
    endTime: `${workload.endTime}T00:00:00Z`,
  });
  return `${webRoot}/public/readings?${q}`;
}

function legacyUrl(workload) {
  const q = new URLSearchParams({
    start: workload.startTime,
    end: workload.endTime,
    decimalPlaces: "15",
    calibrated: "true",
    interpolated: "true",
    useLocalTime: "false",
    integrationPeriod: "halfHour",
    source: "automatic",
    registerId: workload.id,
  });
  return `${legacyRoot}/api/registerReadings/list?${q}`;
}

// What user code does with each reading: read its instant and its numbers.
const sink = { n: 0, sum: 0, t: 0 };
function touchStandard(r) {
  sink.n++;
  sink.sum += r.value + r.status;
  sink.t += r.timestamp.getTime() / 1e12;
}
function touchComplete(r) {
  sink.n++;
  sink.sum += r.totalValue + r.periodValue + r.status;
  sink.t += r.timestamp.getTime() / 1e12;
}
function touchLegacy(r) {
  sink.n++;
  sink.sum += r.totalValue + r.periodValue + (r.isInterpolated ? 1 : 0);
  sink.t += r.startTime.getTime() / 1e12;
}
const touch = w.format === "complete" ? touchComplete : touchStandard;

let firstAt;
let t0 = 0;
const first = () => {
  if (firstAt === undefined) firstAt = performance.now() - t0;
};

const sdk = () => import(pathToFileURL(spec.dist).href);
const sdkOptions = { startTime: w.startTime, endTime: w.endTime, format: w.format };

/** Each case: `prepare` (untimed: imports, sign-in) returns the timed `run`. */
const cases = {
  async "sdk-stream"() {
    const { DcsWebApi } = await sdk();
    const dcs = new DcsWebApi(webRoot);
    return async () => {
      const res = await dcs.readings(w.id, sdkOptions);
      for await (const r of res.readings) {
        first();
        touch(r);
      }
    };
  },
  async "sdk-toArray"() {
    const { DcsWebApi } = await sdk();
    const dcs = new DcsWebApi(webRoot);
    return async () => {
      const res = await dcs.readings(w.id, sdkOptions);
      const all = await res.readings.toArray();
      first();
      for (const r of all) touch(r);
    };
  },
  async "sdk-legacy"() {
    const { DcsSession } = await sdk();
    const s = new DcsSession(legacyRoot);
    await s.login("bench", "bench-password");
    return async () => {
      const rows = await s.getReadings(Number(w.id), false, {
        start: w.startTime,
        end: w.endTime,
        iterator: true,
      });
      for await (const r of rows) {
        first();
        touchLegacy(r);
      }
    };
  },
  async baseline() {
    const url = readingsUrl(w);
    return async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const doc = await res.json();
      for (const r of doc.readings) {
        r.timestamp = new Date(r.timestamp);
        first();
        touch(r);
      }
    };
  },
  // The floors fetch-based and node:http readers stand on: the bytes drained, nothing decoded.
  async "http-drain"() {
    const url = readingsUrl(w);
    return async () => {
      const res = await new Promise((resolve, reject) => get(url, resolve).on("error", reject));
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      for await (const _ of res) first();
    };
  },
  async "fetch-drain"() {
    const url = readingsUrl(w);
    return async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        first();
      }
    };
  },
  async "baseline-legacy"() {
    const login = await fetch(`${legacyRoot}/api/account/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-password" }),
    });
    await login.json();
    const cookie = login.headers.getSetCookie()[0].split(";")[0];
    const url = legacyUrl(w);
    return async () => {
      const res = await fetch(url, { headers: { cookie } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const rows = await res.json();
      for (const r of rows) {
        r.startTime = new Date(r.startTime);
        first();
        touchLegacy(r);
      }
    };
  },
  async "sdk-small"() {
    const { DcsWebApi } = await sdk();
    const dcs = new DcsWebApi(webRoot);
    return async () => {
      for (let i = 0; i < spec.requests; i++) {
        const res = await dcs.readings(w.id, sdkOptions);
        const all = await res.readings.toArray();
        first();
        for (const r of all) touch(r);
      }
    };
  },
  async "baseline-small"() {
    const url = readingsUrl(w);
    return async () => {
      for (let i = 0; i < spec.requests; i++) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const doc = await res.json();
        for (const r of doc.readings) r.timestamp = new Date(r.timestamp);
        first();
        for (const r of doc.readings) touch(r);
      }
    };
  },
};

/**
 * This process's own peak RSS in MiB. On Linux `getrusage`'s maxRSS (process.resourceUsage)
 * carries over the parent's RSS across fork + exec, so a child of a parent holding the
 * payloads would report the parent's size; /proc's VmHWM belongs to this process alone.
 */
function peakRssMB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

const prepare = cases[spec.case];
if (!prepare) throw new Error(`unknown case ${spec.case}`);
// Node loads and compiles fetch's HTTP client (undici, its llhttp wasm) on the first request,
// ~40 ms once per process. Cases on fetch warm it up before the clock starts, as the Python
// case imports and warms requests before its clock; the server closes that connection, so the
// measured request still opens its own, as any first request does. node:http is built in and
// needs no warm-up; warming fetch where it is not used would add its ~25 MB to the case's RSS.
const sdkOnFetch = !path.basename(spec.dist ?? "").startsWith("node"); // e.g. --dist dist/index.js
const usesFetch = spec.case.startsWith("sdk") ? sdkOnFetch : spec.case !== "http-drain";
if (usesFetch) await (await fetch(`${base}/warmup`)).arrayBuffer();
const run = await prepare();
const rssBeforeMB = process.memoryUsage.rss() / 2 ** 20;
const cpu0 = process.cpuUsage();
t0 = performance.now();
await run();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const requests = spec.requests ?? 1;
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    readings: sink.n,
    readingsPerSec: sink.n / (wallMs / 1000),
    firstMs: requests === 1 ? firstAt : undefined,
    perRequestMs: requests > 1 ? wallMs / requests : undefined,
    peakRssMB: peakRssMB(),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rssBeforeMB,
    checksum: sink.sum + sink.t,
  })}\n`,
);
