/**
 * `dcs import <file>`: a Format 1 or 2 file checked locally, then sent through
 * `importMeteredData`, in parts for large files; and the round trip of DCS's own layout:
 * `dcs export --as dcs-csv` from one DCS, `dcs import` into another, the same readings.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsSession, DcsWebApi, type LegacyReading, toMeteredDataCsv } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { printed, runDcs } from "./run-dcs.js";

const ADMIN_SECRET = "Adm1n-pa55-QRS";
const VIEWER_SECRET = "V1ew-pa55-TUV";
const USERS = [
  { username: "admin", password: ADMIN_SECRET, role: "Administrator" },
  { username: "user", password: VIEWER_SECRET },
];
const HALF_HOUR = 1_800_000;
let work: string;
const servers: RunningDcsSimulator[] = [];

async function simulator(): Promise<RunningDcsSimulator> {
  const server = await startDcsSimulator({ port: 0, users: USERS });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "dcs-import-"));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(work, { recursive: true, force: true });
  expect(printed.join("\n")).not.toContain(ADMIN_SECRET);
  expect(printed.join("\n")).not.toContain(VIEWER_SECRET);
});

const env = (server: RunningDcsSimulator, username = "admin", password = ADMIN_SECRET) => ({
  DCS_V3_URL: server.v3Url,
  DCS_USERNAME: username,
  DCS_PASSWORD: password,
});

/** Half-hourly readings from `start`, their values made from `seed`. */
function made(start: string, count: number, seed: number) {
  return Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(Date.parse(start) + i * HALF_HOUR),
    totalValue: 10_000 * seed + i * 1.25,
    periodValue: 1.25 + (i % 7) / 4,
  }));
}

let files = 0;
async function file(text: string): Promise<string> {
  const path = join(work, `import-${++files}.csv`);
  await writeFile(path, text);
  return path;
}

const cumulativeIds = (server: RunningDcsSimulator) =>
  server.simulator.estate.meters
    .flatMap((m) => m.registers)
    .filter((r) => !r.isInstantaneous)
    .map((r) => r.id);

/** Legacy readings of a register, as a session logged in as the administrator sees them. */
async function legacyOf(server: RunningDcsSimulator, id: number, start: string, end: string) {
  await using dcs = new DcsSession(server.v3Url);
  await dcs.login("admin", ADMIN_SECRET);
  return dcs.getReadings(id, false, { start, end });
}
const values = (rows: LegacyReading[]) =>
  rows.map((r) => [r.startTime.toISOString(), r.totalValue, r.periodValue]);

describe("dcs import", () => {
  it("sends a Format 2 file; both APIs' readings then show it", async () => {
    const server = await simulator();
    const [a, b] = cumulativeIds(server);
    const readings = made("2024-02-01T00:00:00Z", 4, 1);
    const csv = toMeteredDataCsv(readings, { registerId: a! });
    const path = await file(
      csv + toMeteredDataCsv(readings, { registerId: b! }).split("\n").slice(1).join("\n"),
    );
    const run = await runDcs(["--verbose", "import", path], env(server));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/POST \/DCS\/api\/registerReadings\/import 204/);
    expect(run.stderr).toContain(`Imported 8 readings from ${path} (Format 2) in 1 request.`);
    for (const id of [a!, b!]) {
      const legacy = await legacyOf(server, id, "2024-02-01T00:00:00Z", "2024-02-01T02:00:00Z");
      expect(values(legacy)).toEqual(
        readings.map((r) => [r.timestamp.toISOString(), r.totalValue, r.periodValue]),
      );
    }
    const current = await new DcsWebApi(server.webApiUrl).readings(`R${a}`, {
      startTime: "2024-02-01T00:00:00Z",
      periodCount: 4,
      format: "complete",
    });
    expect(await current.readings.toArray()).toEqual(readings.map((r) => ({ ...r, status: 0 })));
  });

  it("checks the file first: a bad date or an unknown column is one line naming the row, nothing sent", async () => {
    const server = await simulator();
    const [id] = cumulativeIds(server);
    const good = toMeteredDataCsv(made("2024-02-01T00:00:00Z", 2, 1), { registerId: id! });
    for (const [text, message] of [
      [
        `${good}${id},30/02/2024,00:00:00,30,1,1\n`,
        /row 4: Date "30\/02\/2024" is not a date \(dd\/MM\/yyyy\); nothing was sent/,
      ],
      [good.replace("TotalValue", "Total"), /row 1: unknown column "Total"/],
      [good.split("\n")[0]!, /holds no readings/],
    ] as const) {
      const path = await file(text);
      const before = server.simulator.stats.requests;
      const run = await runDcs(["import", path], env(server));
      expect(run.code, text).toBe(2);
      expect(server.simulator.stats.requests, text).toBe(before); // not even a login
      const lines = run.stderr.trim().split("\n");
      expect(lines, text).toHaveLength(1);
      expect(lines[0], text).toContain(path);
      expect(lines[0], text).toMatch(message);
    }
    const missing = await runDcs(["import", join(work, "no-such-file.csv")], env(server));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*no-such-file\.csv/);
  });

  it("--check checks without connecting, and says what the file holds", async () => {
    const path = await file(
      toMeteredDataCsv(made("2024-02-01T00:00:00Z", 3, 1), { registerId: 7 }),
    );
    const run = await runDcs(["import", path, "--check"], { DCS_V3_URL: "http://127.0.0.1:9/DCS" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      `${path}: Format 2, 3 readings of 1 register from 01/02/2024 00:00:00 to 01/02/2024 01:00:00 (UTC), ready to import.\n`,
    );
  });

  it("a Viewer is refused in one line saying an Administrator is needed, exit 1; DCS_URL exits 2", async () => {
    const server = await simulator();
    const [id] = cumulativeIds(server);
    const path = await file(
      toMeteredDataCsv(made("2024-02-01T00:00:00Z", 1, 1), { registerId: id! }),
    );
    const before = await legacyOf(server, id!, "2024-02-01T00:00:00Z", "2024-02-01T00:30:00Z");
    const viewer = await runDcs(["import", path], env(server, "user", VIEWER_SECRET));
    expect(viewer.code).toBe(1);
    expect(viewer.stderr.trim().split("\n")).toHaveLength(1);
    expect(viewer.stderr).toMatch(/403.*Administrator.*nothing was imported/);
    expect(await legacyOf(server, id!, "2024-02-01T00:00:00Z", "2024-02-01T00:30:00Z")).toEqual(
      before,
    );

    const current = await runDcs(["import", path], { DCS_URL: server.webApiUrl });
    expect(current.code).toBe(2);
    expect(current.stderr).toMatch(/^dcs: data imports are only in the legacy API.*DCS_V3_URL/);
  });

  it("sends a large file in parts of whole rows; a part that fails says which rows went in and which did not", async () => {
    const server = await simulator();
    const [a, b] = cumulativeIds(server);
    // Two registers of about 5,000 readings each: some 400 kB, more than one part.
    const first = made("2023-01-01T00:00:00Z", 5000, 2);
    const second = made("2023-01-01T00:00:00Z", 5000, 3);
    const csv =
      toMeteredDataCsv(first, { registerId: a! }) +
      toMeteredDataCsv(second, { registerId: b! }).split("\n").slice(1).join("\n");
    const path = await file(csv);
    const whole = await runDcs(["--verbose", "import", path], env(server));
    expect(whole.code, whole.stderr).toBe(0);
    const posts = whole.stderr.match(/POST \/DCS\/api\/registerReadings\/import 204/g) ?? [];
    expect(posts.length).toBeGreaterThan(1);
    expect(whole.stderr).toContain(
      `Imported 10,000 readings from ${path} (Format 2) in ${posts.length} requests.`,
    );
    const end = "2023-04-15T04:00:00Z"; // after the last of the 5,000 half hours
    expect(values(await legacyOf(server, b!, "2023-01-01", end))).toEqual(
      second.map((r) => [r.timestamp.toISOString(), r.totalValue, r.periodValue]),
    );

    const again = await simulator();
    again.simulator.addFault({
      path: "/registerreadings/import",
      after: 1,
      fault: { kind: "status", status: 500 },
    });
    const cut = await runDcs(["import", path], env(again));
    expect(cut.code).toBe(1);
    const line = cut.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    // A 500 does not say the part was not taken: only that the rows before it were.
    const m =
      /rows 2 to ([\d,]+) of .* were imported, rows ([\d,]+) to 10,001 may not have been/.exec(
        line,
      );
    expect(m, line).not.toBeNull();
    const lastIn = Number(m![1]!.replaceAll(",", ""));
    expect(Number(m![2]!.replaceAll(",", ""))).toBe(lastIn + 1);
    expect(line).toMatch(/500/);
    expect(line).toMatch(/running it again is safe/);
    // Rows 2 to lastIn (the first lastIn - 1 readings of the file) are in, and no more.
    const importedOf = async (id: number, readings: typeof first) => {
      const got = await legacyOf(again, id, "2023-01-01", end);
      const shown = new Map(got.map((r) => [r.startTime.getTime(), r.totalValue]));
      return readings.filter((r) => shown.get(r.timestamp.getTime()) === r.totalValue).length;
    };
    expect(await importedOf(a!, first)).toBe(Math.min(5000, lastIn - 1));
    expect(await importedOf(b!, second)).toBe(Math.max(0, lastIn - 1 - 5000));
  });
});

describe("the round trip of DCS's own layout", () => {
  it("import, export --as dcs-csv, import into a fresh DCS: the same readings in both APIs", async () => {
    const source = await simulator();
    const [a, b] = cumulativeIds(source);
    const day = { start: "2024-03-10T00:00:00Z", end: "2024-03-11T00:00:00Z" };
    // Some readings of the source are imported ones, the rest are its own.
    const path = await file(
      toMeteredDataCsv(made("2024-03-10T06:00:00Z", 8, 4), { registerId: a! }),
    );
    expect((await runDcs(["import", path], env(source))).code).toBe(0);

    const dir = join(work, "round-trip");
    const exported = await runDcs(
      [
        "export",
        "--ids",
        `R${a}`,
        `R${b}`,
        "--start",
        day.start,
        "--end",
        day.end,
        "--as",
        "dcs-csv",
        "--dir",
        dir,
      ],
      env(source),
    );
    expect(exported.code, exported.stderr).toBe(0);

    const target = await simulator();
    // The target's readings differ where the source's were imported.
    expect(values(await legacyOf(target, a!, day.start, day.end))).not.toEqual(
      values(await legacyOf(source, a!, day.start, day.end)),
    );
    for (const name of (await readdir(dir)).filter((f) => f.endsWith(".csv"))) {
      const run = await runDcs(["import", join(dir, name)], env(target));
      expect(run.code, run.stderr).toBe(0);
    }
    for (const id of [a!, b!]) {
      expect(values(await legacyOf(target, id, day.start, day.end)), `R${id}`).toEqual(
        values(await legacyOf(source, id, day.start, day.end)),
      );
      const query = { startTime: day.start, endTime: day.end, format: "complete" as const };
      const [from, to] = await Promise.all(
        [source, target].map(async (s) =>
          (await new DcsWebApi(s.webApiUrl).readings(`R${id}`, query)).readings.toArray(),
        ),
      );
      expect(to, `R${id}`).toEqual(from);
    }
  });
});
