// `npm run bench:browser`: readings throughput in headless Chromium. Not a test.
//
//   node bench/browser.mjs [--runs N]
//
// One page, on the same loopback origin as the bench's readings server (bench/server.mjs),
// streams the same ten-year bodies two ways, alternating run by run:
//   sdk       `coherent-dcs` (src/index.ts bundled for the browser, as a dashboard would),
//             `for await` over `dcs.readings(...)`: every reading validated;
//   baseline  what a page could write by hand: `fetch` + `res.json()` + `new Date()` per
//             reading, no validation;
// and reads the body once more with `fetch` and a reader, decoding nothing (the floor), noting
// Chromium's chunk sizes. To tell decoding from the network, both also decode the same bytes
// from memory (in 64 KiB chunks, as Chromium delivers them): `sdk-memory` gives the SDK a
// `fetch` that answers from an ArrayBuffer, `baseline-memory` runs `res.json()` on one.
// Prints medians and the SDK/baseline ratios of the same run.
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { buildWorkloads, startServer } from "./server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const argv = process.argv.slice(2);
const runs = Number(argv.includes("--runs") ? argv[argv.indexOf("--runs") + 1] : 7);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a whole number >= 1");

// The browser tests' harness (Debian's Chromium through playwright-core, and the SDK bundled
// for browsers), compiled from its TypeScript so the bench launches Chromium the same way.
const out = path.join(root, ".tmp", "bench-browser");
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(root, "test/browser/harness.ts")],
  outfile: path.join(out, "harness.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  logLevel: "error",
});
const { bundleSdkForBrowser, launchChromium } = await import(
  pathToFileURL(path.join(out, "harness.mjs")).href
);

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>coherent-dcs browser bench</title>
<script type="module">
  import { DcsWebApi } from "/coherent-dcs.js";
  const root = location.origin + "/DCSWebApi";
  // What a page does with each reading: read its instant and its numbers.
  const sink = { n: 0, sum: 0, t: 0 };
  const touch = (r, ts) => {
    sink.n++;
    sink.sum += ("periodValue" in r ? r.totalValue + r.periodValue : r.value) + r.status;
    sink.t += ts / 1e12;
  };
  const url = (w) => root + "/public/readings?" + new URLSearchParams({
    id: w.id, format: w.format, periodType: "halfHour", calibrated: "true", interpolated: "true",
    startTime: w.startTime + "T00:00:00Z", endTime: w.endTime + "T00:00:00Z",
  });
  const timed = async (run) => {
    sink.n = 0;
    const t0 = performance.now();
    await run();
    return { ms: performance.now() - t0, readings: sink.n };
  };
  const bodies = new Map();
  /** The body as a Response streamed from memory in 64 KiB chunks. */
  const fromMemory = async (w) => {
    if (!bodies.has(w.id)) bodies.set(w.id, new Uint8Array(await (await fetch(url(w))).arrayBuffer()));
    const bytes = bodies.get(w.id);
    let offset = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, (offset += 65536)));
      },
    });
    return new Response(stream, { headers: { "content-type": "application/json" } });
  };
  window.bench = {
    "sdk-memory": async (w) => {
      const response = await fromMemory(w);
      return timed(async () => {
        const dcs = new DcsWebApi(root, { fetch: async () => response });
        const res = await dcs.readings(w.id, { startTime: w.startTime, endTime: w.endTime, format: w.format });
        for await (const r of res.readings) touch(r, r.timestamp.getTime());
      });
    },
    "baseline-memory": async (w) => {
      const response = await fromMemory(w);
      return timed(async () => {
        const body = await response.json();
        for (const r of body.readings) touch(r, new Date(r.timestamp).getTime());
      });
    },
    sdk: (w) => timed(async () => {
      const dcs = new DcsWebApi(root);
      const res = await dcs.readings(w.id, { startTime: w.startTime, endTime: w.endTime, format: w.format });
      for await (const r of res.readings) touch(r, r.timestamp.getTime());
    }),
    baseline: (w) => timed(async () => {
      const res = await fetch(url(w));
      const body = await res.json();
      for (const r of body.readings) touch(r, new Date(r.timestamp).getTime());
    }),
    async drain(w) {
      const t0 = performance.now();
      const reader = (await fetch(url(w))).body.getReader();
      const sizes = [];
      for (let next = await reader.read(); !next.done; next = await reader.read()) sizes.push(next.value.length);
      sizes.sort((a, b) => a - b);
      return { ms: performance.now() - t0, chunks: sizes.length, medianChunk: sizes[sizes.length >> 1] };
    },
  };
</script>`;

const workloads = buildWorkloads({ names: ["W1", "W3"] });
const files = new Map([
  ["/", { type: "text/html; charset=utf-8", body: PAGE }],
  [
    "/coherent-dcs.js",
    { type: "text/javascript; charset=utf-8", body: await bundleSdkForBrowser() },
  ],
]);
const server = await startServer(workloads, { files });
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.port}/`);
await page.waitForFunction(() => window.bench !== undefined);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (line) => process.stderr.write(`${line}\n`);
const results = [];
for (const [name, w] of Object.entries(workloads)) {
  const spec = { id: w.id, format: w.format, startTime: w.startTime, endTime: w.endTime };
  // One untimed round of each, so all are compiled before the clock runs.
  const cases = ["sdk", "baseline", "drain", "sdk-memory", "baseline-memory"];
  for (const how of cases) await page.evaluate(([h, s]) => window.bench[h](s), [how, spec]);
  const samples = Object.fromEntries(cases.map((c) => [c, []]));
  for (let run = 1; run <= runs; run++) {
    // Alternate which goes first, so neither always meets the other's garbage.
    const order = run % 2 ? cases : [cases[1], cases[0], cases[2], cases[4], cases[3]];
    for (const how of order) {
      const sample = await page.evaluate(([h, s]) => window.bench[h](s), [how, spec]);
      if (how !== "drain" && sample.readings !== w.count) {
        throw new Error(`${name} ${how}: ${sample.readings} readings, expected ${w.count}`);
      }
      samples[how].push(sample);
    }
    log(
      `run ${run}/${runs} ${name}: ${cases.map((c) => `${c} ${samples[c].at(-1).ms.toFixed(0)} ms`).join(", ")}`,
    );
  }
  const rate = (xs) => median(xs.map((s) => w.count / (s.ms / 1000)));
  results.push({
    name,
    w,
    sdk: rate(samples.sdk),
    baseline: rate(samples.baseline),
    paired: median(samples.sdk.map((s, i) => samples.baseline[i].ms / s.ms)),
    sdkMemory: rate(samples["sdk-memory"]),
    baselineMemory: rate(samples["baseline-memory"]),
    drainMs: median(samples.drain.map((s) => s.ms)),
    chunks: median(samples.drain.map((s) => s.chunks)),
    medianChunk: median(samples.drain.map((s) => s.medianChunk)),
  });
}
const version = browser.version();
await browser.close();
await server.close();

const k = (x) => `${(x / 1000).toFixed(0)}k`;
const lines = [
  `coherent-dcs browser bench: Chromium ${version}, ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}, ${new Date().toISOString()}, load average ${os.loadavg()[0].toFixed(2)}`,
  `${runs} runs per case in one page (medians); readings/s from request to last reading`,
  "",
  "workload            readings  MiB  sdk rd/s  baseline rd/s  sdk/baseline  paired  drain ms  chunks (median KiB)  from memory: sdk  baseline  sdk/baseline",
];
for (const r of results) {
  lines.push(
    [
      `${r.name} (${r.w.format})`.padEnd(18),
      String(r.w.count).padStart(9),
      (r.w.body.length / 2 ** 20).toFixed(0).padStart(4),
      k(r.sdk).padStart(9),
      k(r.baseline).padStart(14),
      `${(r.sdk / r.baseline).toFixed(2)}x`.padStart(13),
      `${r.paired.toFixed(2)}x`.padStart(7),
      r.drainMs.toFixed(0).padStart(9),
      `${r.chunks} (${(r.medianChunk / 1024).toFixed(0)})`.padStart(20),
      k(r.sdkMemory).padStart(17),
      k(r.baselineMemory).padStart(9),
      `${(r.sdkMemory / r.baselineMemory).toFixed(2)}x`.padStart(13),
    ].join(" "),
  );
}
process.stdout.write(`${lines.join("\n")}\n`);
