/**
 * `dcs sync` as users run it: the command line (in this process, or the real executable where
 * a process matters: kill -9, two at once, PGPASSWORD), a real SQLite file, the simulator over
 * loopback. Each database is compared with a reference synced in one clean run.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { startPostgres } from "../helpers/postgres.js";
import { runDcs, spawnDcs, startDcs } from "./run-dcs.js";

const SECRET = "sync-Pa55-word-Q7";
let server: RunningDcsSimulator;
let work: string;
let env: Record<string, string>;
/** 12 sources of a quarter: long enough to kill mid-run (30-day windows in that test). */
const IDS = "R701,R702,R703,R712,R713,R714,R715,R716,R717,R719,VM11,VM12";
const RANGE = ["--start", "2023-10-01", "--end", "2024-01-01"];

beforeAll(async () => {
  server = await startDcsSimulator({
    port: 0,
    users: [{ username: "eve", password: SECRET, role: "Viewer" }],
    publicUser: "eve",
  });
  work = await mkdtemp(join(tmpdir(), "dcs-sync-cli-"));
  env = { DCS_URL: server.webApiUrl, DCS_USERNAME: "eve", DCS_PASSWORD: SECRET };
});

afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

function tables(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      readings: db.prepare("SELECT * FROM readings ORDER BY source, period, timestamp").all(),
      coverage: db
        .prepare("SELECT source, period, synced_from, synced_until FROM sync_coverage ORDER BY 1")
        .all(),
      sources: db.prepare("SELECT source FROM sources ORDER BY source").pluck().all(),
    };
  } finally {
    db.close();
  }
}

/** `dcs sync` of the 12 sources into `db`, and the arguments that does it. */
const syncArgs = (db: string, ...args: string[]) => [
  "sync",
  "--db",
  db,
  "--ids",
  IDS,
  ...RANGE,
  ...args,
];
const sync = (db: string, ...args: string[]) => runDcs(syncArgs(db, ...args), env);

describe("dcs sync", () => {
  let reference: ReturnType<typeof tables>;

  beforeAll(async () => {
    const run = await sync(join(work, "reference.db"), "--jobs", "1");
    expect(run.stderr).toMatch(
      /Synced 12 source\(s\) into .*reference\.db: [\d,]+ readings fetched/,
    );
    expect(run.code).toBe(0);
    reference = tables(join(work, "reference.db"));
  }, 120_000);

  it("fills the database", () => {
    expect(reference.readings.length).toBeGreaterThan(12 * 4_300);
    expect(reference.coverage).toHaveLength(12);
    for (const c of reference.coverage as { synced_from: number; synced_until: number }[]) {
      expect(c.synced_from).toBe(Date.parse("2023-10-01T00:00:00Z") / 1000);
      expect(c.synced_until).toBe(Date.parse("2024-01-01T00:00:00Z") / 1000);
    }
  });

  it("signs in again each time the session expires, and the data is exact", async () => {
    // Sessions of 250 ms, and every readings request takes at least 100 ms: seven windows
    // outlive two sessions, whatever the machine's speed.
    const short = await startDcsSimulator({
      port: 0,
      tokenLifetimeMs: 250,
      users: [{ username: "eve", password: SECRET, role: "Viewer" }],
      faults: [{ path: "/readings", fault: { kind: "latency", ms: 100 } }],
    });
    try {
      const file = join(work, "expiring.db");
      const args = ["--ids", "R701", "--start", "2023-12-01", "--end", "2024-01-01"];
      const run = await runDcs(["-v", "sync", "--db", file, ...args, "--max-window-days", "5"], {
        ...env,
        DCS_URL: short.webApiUrl,
      });
      expect(run.code).toBe(0);
      expect(
        run.stderr.match(/POST \S+\/authentication\/signin 200/g)?.length,
      ).toBeGreaterThanOrEqual(3);
      const december = (reference.readings as { source: string; timestamp: number }[]).filter(
        (r) => r.source === "R701" && r.timestamp >= Date.parse("2023-12-01T00:00:00Z") / 1000,
      );
      expect(tables(file).readings).toEqual(december);
    } finally {
      await short.close();
    }
  }, 60_000);

  it("a re-run changes nothing and says so; --quiet prints nothing", async () => {
    const file = join(work, "rerun.db");
    await sync(file, "--quiet");
    const again = await sync(file);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      / 0 inserted, 0 updated, 4,032 unchanged, 0 deleted; \d+ requests/,
    );
    const quiet = await sync(file, "--quiet");
    expect(quiet).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(tables(file)).toEqual(reference);
  }, 120_000);

  it("after kill -9 mid-run, a re-run ends with exactly the reference", async () => {
    const file = join(work, "killed.db");
    const { child } = startDcs(syncArgs(file, "--jobs", "1", "--max-window-days", "30"), env);
    // Killed once the first source is done and the second one is under way.
    await new Promise<void>((resolve) => {
      let seen = "";
      child.stderr!.on("data", (d) => {
        seen += d;
        if (/: [\d,]+ readings\n/.test(seen)) setTimeout(resolve, 30);
      });
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const partial = tables(file);
    expect(partial.readings.length).toBeGreaterThan(0);
    expect(partial.readings.length).toBeLessThan(reference.readings.length);

    const rerun = await sync(file);
    expect(rerun.code).toBe(0);
    expect(tables(file)).toEqual(reference);
  }, 120_000);

  it("two syncs of one file at once both finish, and the file is exact", async () => {
    const file = join(work, "twice.db");
    // Two processes, as two cron jobs would be: each has its own connection and lock.
    const twice = (jobs: string) => spawnDcs(syncArgs(file, "--jobs", jobs), env);
    const [a, b] = await Promise.all([twice("2"), twice("3")]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, a.stderr, b.stderr]);
    expect(tables(file)).toEqual(reference);
  }, 120_000);

  it("shards are disjoint and together are all", async () => {
    const file = join(work, "shards.db");
    for (const shard of ["1/3", "2/3", "3/3"]) {
      const run = await sync(file, "--shard", shard, "--quiet");
      expect(run.code).toBe(0);
    }
    expect(tables(file)).toEqual(reference);
  }, 120_000);

  it("bad --db targets and options get one clear line", async () => {
    const cases: [string[], RegExp, number][] = [
      [
        ["--db", join(work, "missing", "x.db")],
        /Cannot use .* as a SQLite database: .*directory/,
        1,
      ],
      [["--db", work], /Cannot use .* as a SQLite database/, 1],
      [["--db", "postgres://me:hunter2@127.0.0.1/x"], /must not carry a password/, 2],
    ];
    for (const [db, message, code] of cases) {
      const run = await runDcs(["sync", ...db, "--ids", "R701", ...RANGE], env);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).not.toContain("hunter2");
    }
    // Refused before the database is touched: no file is created.
    const untouched = join(work, "untouched.db");
    const both = await runDcs(["sync", "--db", untouched, "--all", "--ids", "R1", ...RANGE], env);
    expect(both).toMatchObject({ code: 2 });
    expect(both.stderr).toContain("Give either --all or --ids");
    const legacy = await runDcs(["sync", "--db", untouched, "--all", ...RANGE], {
      DCS_V3_URL: server.v3Url,
      DCS_USERNAME: "eve",
      DCS_PASSWORD: SECRET,
    });
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toContain("set DCS_URL");
    expect(existsSync(untouched)).toBe(false);
    const unknown = await runDcs(
      ["sync", "--db", join(work, "u.db"), "--ids", "R701,R999999", ...RANGE],
      env,
    );
    expect(unknown.stderr).toMatch(/R999999/);
    expect(unknown.code).not.toBe(0);
  }, 60_000);

  it("syncs into PostgreSQL with the password from PGPASSWORD, never printed", async () => {
    const pg = await startPostgres();
    try {
      const url = new URL(await pg.database("cli"));
      url.password = "";
      const db = url.toString();
      // A process of its own: the PostgreSQL driver reads PGPASSWORD from its environment.
      const withPassword = { ...env, PGPASSWORD: pg.password };
      const first = await spawnDcs(
        ["sync", "--db", db, "--ids", "R701,VM11", ...RANGE],
        withPassword,
      );
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(
        /Synced 2 source\(s\) into postgres:\/\/127\.0\.0\.1:\d+\/cli: /,
      );
      const again = await spawnDcs(
        ["sync", "--db", db, "--ids", "R701,VM11", ...RANGE],
        withPassword,
      );
      expect(again.stderr).toMatch(/ 0 inserted, 0 updated, 672 unchanged, 0 deleted/);
      const refused = await spawnDcs(["sync", "--db", db, "--ids", "R701", ...RANGE], {
        ...env,
        PGPASSWORD: "not-the-password",
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split("\n")).toHaveLength(1);
      for (const run of [first, again, refused]) {
        expect(run.stdout + run.stderr).not.toContain(pg.password);
      }
    } finally {
      await pg.stop();
    }
  }, 120_000);
});
