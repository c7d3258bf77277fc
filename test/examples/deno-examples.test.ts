/**
 * The Deno examples (examples/deno) type-check with `deno check` against the built package's
 * declarations, and run under Deno with only net, env and read permissions against the
 * simulator on a loopback port. Output is compared with what the library reads itself.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

const DENO = "node_modules/.bin/deno";
const PASSWORD = "password";
let server: RunningDcsSimulator;
let dcs: DcsWebApi;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  dcs = new DcsWebApi(server.webApiUrl);
  await dcs.signIn("user", PASSWORD);
});

afterAll(async () => {
  await dcs?.signOut();
  await server?.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function deno(args: string[]): Promise<Run> {
  const env = {
    ...process.env,
    DCS_URL: server.webApiUrl,
    DCS_USERNAME: "user",
    DCS_PASSWORD: PASSWORD,
    NO_COLOR: "1",
  };
  return new Promise((resolve) => {
    execFile(DENO, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const run = (example: string, ...args: string[]) =>
  deno(["run", "--allow-net", "--allow-env", "--allow-read", `examples/deno/${example}`, ...args]);

describe("examples/deno", { timeout: 90_000 }, () => {
  it("type-check with deno check", async () => {
    const result = await deno(["check", "examples/deno/"]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
  });

  it("list-sources.ts prints every register and virtual meter id", async () => {
    const result = await run("list-sources.ts");
    expect(result.code, result.stderr).toBe(0);
    const meters = await dcs.meters();
    const vms = await dcs.virtualMeters();
    const ids = result.stdout
      .split("\n")
      .map((line) => line.split("\t")[0]!)
      .filter((id) => /^(R|VM)\d+$/.test(id));
    expect(ids).toEqual([
      ...meters.flatMap((m) => m.registers.map((r) => `R${r.id}`)),
      ...vms.map((vm) => `VM${vm.id}`),
    ]);
    expect(result.stdout).not.toContain(PASSWORD);
  });

  it("max-demand.ts finds the largest half hour of a virtual meter", async () => {
    const vm = (await dcs.virtualMeters()).find((v) => !v.isInstantaneous)!;
    const res = await dcs.readings(`VM${vm.id}`, {
      startTime: "2024-02-01",
      endTime: "2024-02-08",
    });
    const readings = await res.readings.toArray();
    const best = readings.reduce((a, b) => (b.value > a.value ? b : a));

    const result = await run("max-demand.ts", `VM${vm.id}`, "2024-02-01", "2024-02-08");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(${readings.length} readings)`);
    expect(result.stdout).toContain(`max demand: ${best.value} ${vm.unit}`);
    expect(result.stdout).toContain(`at: ${best.timestamp.toISOString()}`);
  });

  it("readings-table.ts prints one row per day with its total", async () => {
    const vm = (await dcs.virtualMeters()).find((v) => !v.isInstantaneous)!;
    const result = await run("readings-table.ts", `VM${vm.id}`, "2024-01-01", "2024-01-03");
    expect(result.code, result.stderr).toBe(0);
    const res = await dcs.readings(`VM${vm.id}`, {
      startTime: "2024-01-01",
      endTime: "2024-01-03",
    });
    const readings = await res.readings.toArray();
    for (const day of ["2024-01-01", "2024-01-02"]) {
      const total = readings
        .filter((r) => r.timestamp.toISOString().startsWith(day))
        .reduce((sum, r) => sum + r.value, 0);
      const row = result.stdout.split("\n").find((line) => line.includes(`"${day}"`));
      expect(row, day).toBeDefined();
      expect(row).toContain(` ${Number(total.toFixed(2))} `);
    }
  });
});
