/**
 * The Node examples (examples/node) run as users run them, `npm run example -- <name>`, each
 * a separate process against the simulator on a loopback port, using the built package. Their
 * output is checked against what the library itself (from src/) reads from the same server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import initSqlJs from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

const PASSWORD = "password";
let server: RunningDcsSimulator;
let dcs: DcsWebApi;
let work: string;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  dcs = new DcsWebApi(server.webApiUrl);
  await dcs.signIn("user", PASSWORD);
  work = mkdtempSync(join(tmpdir(), "dcs-examples-"));
});

afterAll(async () => {
  await dcs?.signOut();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/run-example.mjs <args>` with the simulator's URL and a user in the env. */
function example(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const vars: Record<string, string | undefined> = {
    ...process.env,
    DCS_URL: server.webApiUrl,
    DCS_USERNAME: "user",
    DCS_PASSWORD: PASSWORD,
    ...env,
  };
  for (const [key, value] of Object.entries(vars)) if (value === undefined) delete vars[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/run-example.mjs", ...args],
      { env: vars },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function expectOk(run: Run): void {
  expect(run.stderr, run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain(PASSWORD);
}

describe("examples/node", { timeout: 60_000 }, () => {
  it("list-sources prints every register and virtual meter id, never a meter id", async () => {
    const run = await example(["list-sources"]);
    expectOk(run);
    const meters = await dcs.meters();
    const vms = await dcs.virtualMeters();
    const ids = run.stdout
      .split("\n")
      .map((line) => line.split(/\s+/)[0]!)
      .filter((id) => /^(R|VM)\d+$/.test(id));
    const expected = [
      ...meters.flatMap((m) => m.registers.map((r) => `R${r.id}`)),
      ...vms.map((vm) => `VM${vm.id}`),
    ];
    expect(ids).toEqual(expected);
    expect(run.stdout).toContain(
      `${expected.length - vms.length} registers on ${meters.length} meters`,
    );
  });

  it("max-demand finds the largest half hour of a virtual meter, by id or by name", async () => {
    const vm = (await dcs.virtualMeters()).find((v) => !v.isInstantaneous)!;
    const res = await dcs.readings(`VM${vm.id}`, {
      startTime: "2024-01-01",
      endTime: "2024-01-15",
    });
    const readings = await res.readings.toArray();
    const best = readings.reduce((a, b) => (b.value > a.value ? b : a));

    for (const which of [`VM${vm.id}`, vm.name]) {
      const run = await example(["max-demand", which, "2024-01-01", "2024-01-15"]);
      expectOk(run);
      expect(run.stdout).toContain(`(${readings.length} readings)`);
      expect(run.stdout).toContain(`max demand: ${best.value} ${vm.unit}`);
      expect(run.stdout).toContain(`at: ${best.timestamp.toISOString()}`);
    }
  });

  it("export-sqlite writes every reading once into a SQLite table, also when run again", async () => {
    const register = (await dcs.meters())[0]!.registers[0]!;
    const id = `R${register.id}`;
    const file = join(work, "readings.sqlite");
    expectOk(await example(["export-sqlite", id, "2024-01-01", "2024-01-08", file]));
    // Overlapping the first run: rows are replaced, not duplicated.
    const second = await example(["export-sqlite", id, "2024-01-06", "2024-01-10", file]);
    expectOk(second);
    expect(second.stdout).toContain(`${4 * 48} readings`);

    const expected = await (
      await dcs.readings(id, { startTime: "2024-01-01", endTime: "2024-01-10", format: "complete" })
    ).readings.toArray();
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(file));
    try {
      const [count] = db.exec("SELECT count(*), count(DISTINCT timestamp) FROM readings")[0]!
        .values;
      expect(count).toEqual([expected.length, expected.length]);
      expect(expected.length).toBe(9 * 48);
      const sample = expected[100]!;
      const row = db.exec(
        "SELECT source_id, total_value, period_value, status FROM readings WHERE timestamp = ?",
        [sample.timestamp.toISOString()],
      )[0]!.values[0];
      expect(row).toEqual([id, sample.totalValue, sample.periodValue, sample.status]);
    } finally {
      db.close();
    }
  });

  it("readings-table pivots readings into days and summarises each day", async () => {
    const vm = (await dcs.virtualMeters()).find((v) => !v.isInstantaneous)!;
    const run = await example(["readings-table", `VM${vm.id}`, "2024-01-01", "2024-01-04"]);
    expectOk(run);
    const res = await dcs.readings(`VM${vm.id}`, {
      startTime: "2024-01-01",
      endTime: "2024-01-04",
    });
    const readings = await res.readings.toArray();
    expect(run.stdout).toContain(`${readings.length} readings`);
    const rows = run.stdout.split("\n").filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    expect(rows.map((row) => row.slice(0, 10))).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    const secondDay = readings.filter((r) => r.timestamp.toISOString().startsWith("2024-01-02"));
    const total = secondDay.reduce((sum, r) => sum + r.value, 0);
    expect(rows[1]!.split(/\s+/)[1]).toBe(total.toFixed(2));
  });

  it("refuses to run without DCS_URL, and with an unknown example name (exit 2)", async () => {
    const noUrl = await example(["list-sources"], { DCS_URL: undefined });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("DCS_URL");
    const unknown = await example(["no-such-example"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("list-sources");
  });

  it("refuses a password without a user name (exit 2), rather than reading the public endpoints", async () => {
    const run = await example(["list-sources"], { DCS_USERNAME: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("DCS_USERNAME");
    expect(run.stdout).toBe("");
  });

  it("a wrong password fails with an authentication error that does not echo the password", async () => {
    const run = await example(["list-sources"], { DCS_PASSWORD: "not-the-password-123" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DcsAuthError/);
    expect(run.stderr + run.stdout).not.toContain("not-the-password-123");
  });
});
