// `npm run bench:load`: one client under load. Not a test (it measures, it does not time out).
//
//   node --expose-gc bench/load.mjs [--sequential N] [--concurrent N] [--max-concurrent N]
//
// Against a simulator on 127.0.0.1, one DcsWebApi makes N sequential calls, then N concurrent
// ones, alternating a day of readings and the virtual meter list. It reports the most
// requests the server saw in flight at once (must not exceed maxConcurrent) and the heap
// after a full GC before and after each phase (must not grow), and exits 1 if either fails.
// The Node build, as `import "coherent-dcs"` loads it in Node (requests on node:http).
import { DcsWebApi } from "../dist/node.js";
import { startDcsSimulator } from "../dist/simulator.js";

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const sequential = option("--sequential", 10_000);
const concurrent = option("--concurrent", 2_000);
const maxConcurrent = option("--max-concurrent", 4);
// Heap growth tolerated per phase: GC timing and lazily built caches move it by a little.
const SLACK_BYTES = 4 * 1024 * 1024;

if (typeof globalThis.gc !== "function") {
  console.error("Run with node --expose-gc (npm run bench:load does).");
  process.exit(2);
}

/** Heap in use after full collections, once it has settled. */
async function settledHeap() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const server = await startDcsSimulator({ port: 0 });
const dcs = new DcsWebApi(server.webApiUrl, { maxConcurrent });
const register = `R${server.simulator.estate.meters.flatMap((m) => m.registers).find((r) => !r.isInstantaneous).id}`;
const day = { startTime: "2024-03-01", endTime: "2024-03-02" };

let wrong = 0;
/** Call number `i`: readings (checked to be a whole day) or the virtual meters. */
async function call(i) {
  if (i % 2 === 0) {
    const readings = await (await dcs.readings(register, day)).readings.toArray();
    if (readings.length !== 48) wrong++;
  } else {
    await dcs.virtualMeters();
  }
}

async function phase(name, run) {
  const before = await settledHeap();
  server.simulator.resetStats();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const after = await settledHeap();
  return {
    phase: name,
    calls: server.simulator.stats.requests,
    seconds: Number(seconds.toFixed(2)),
    maxInFlight: server.simulator.stats.maxInFlight,
    heapBefore: before,
    heapAfter: after,
    growth: after - before,
  };
}

try {
  for (let i = 0; i < 500; i++) await call(i); // warm up: JIT, sockets, caches

  const results = [
    await phase(`${sequential} sequential`, async () => {
      for (let i = 0; i < sequential; i++) await call(i);
    }),
    await phase(`${concurrent} concurrent`, () =>
      Promise.all(Array.from({ length: concurrent }, (_, i) => call(i))),
    ),
  ];

  console.log(`one client, maxConcurrent ${maxConcurrent}, simulator on 127.0.0.1`);
  let failed = wrong > 0;
  for (const r of results) {
    const inFlightOk = r.maxInFlight <= maxConcurrent;
    const heapOk = r.growth <= SLACK_BYTES;
    failed ||= !inFlightOk || !heapOk;
    console.log(
      `${r.phase.padEnd(18)} ${String(r.calls).padStart(6)} calls in ${r.seconds}s` +
        `  in flight max ${r.maxInFlight} ${inFlightOk ? "ok" : "TOO MANY"}` +
        `  heap ${mb(r.heapBefore)} -> ${mb(r.heapAfter)} (${r.growth >= 0 ? "+" : ""}${mb(r.growth)}) ${heapOk ? "ok" : "GREW"}`,
    );
  }
  if (wrong > 0) console.log(`${wrong} readings results were not a whole day`);
  process.exitCode = failed ? 1 : 0;
} finally {
  await server.close();
}
