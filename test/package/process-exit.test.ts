/**
 * A script that is done is done: a readings result it never reads must not keep Node running.
 * Run as users run it, in a process of its own on the built package.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

let server: RunningDcsSimulator;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
});
afterAll(() => server.close());

const SCRIPT = `
import { DcsWebApi } from ${JSON.stringify(resolve("dist/node.js"))};
const dcs = new DcsWebApi(process.argv[1]);
const [meter] = await dcs.meters();
const res = await dcs.readings("R" + meter.registers[0].id, { startTime: "2014-01-01", endTime: "2024-01-01" });
console.log(res.name);
`;

it("a script that drops a result unread exits at once, not when a timer runs out", {
  timeout: 60_000,
}, async () => {
  const started = performance.now();
  const child = spawn(process.execPath, ["--input-type=module", "-e", SCRIPT, server.webApiUrl]);
  let stdout = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  const stop = setTimeout(() => child.kill(), 45_000);
  const code = await new Promise((done) => child.on("close", done));
  clearTimeout(stop);
  expect(code).toBe(0);
  expect(stdout).toMatch(/: /); // the header's "METER: REGISTER" name
  // The headers timeout is 30 s and the idle timeout 120 s: well under either means no timer
  // of the SDK held the process.
  expect(performance.now() - started).toBeLessThan(10_000);
});
