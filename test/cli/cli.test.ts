import type { ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi, type Meter, type VirtualMeter } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { csvRows, type DcsRun, printed, runDcs, startDcs } from "./run-dcs.js";

const SECRET = "Pa55-very-secret-XYZ";
let server: RunningDcsSimulator;
let meters: Meter[];
let vms: VirtualMeter[];
let work: string;

beforeAll(async () => {
  server = await startDcsSimulator({
    port: 0,
    users: [{ username: "alice", password: SECRET, role: "Viewer" }],
    publicUser: "alice",
  });
  const dcs = new DcsWebApi(server.webApiUrl);
  meters = await dcs.meters();
  vms = await dcs.virtualMeters();
  work = await mkdtemp(join(tmpdir(), "dcs-cli-"));
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
  // Every byte any command printed: the password never appears.
  expect(printed.join("\n")).not.toContain(SECRET);
});

/** In this process, for what a run prints and writes; `start` spawns the executable. */
const run = runDcs;
const start = startDcs;
const publicEnv = () => ({ DCS_URL: server.webApiUrl });
const signedInEnv = () => ({
  DCS_URL: server.webApiUrl,
  DCS_USERNAME: "alice",
  DCS_PASSWORD: SECRET,
});
const firstRegister = () => `R${meters[0]!.registers.find((r) => !r.isInstantaneous)!.id}`;
const firstInstantaneous = () => `R${meters[0]!.registers.find((r) => r.isInstantaneous)!.id}`;
/** Files of an export folder, without the folder's own bookkeeping (dot files). */
const exported = async (dir: string) =>
  (await readdir(dir)).filter((n) => !n.startsWith(".")).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `check` holds, polling; fails after 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 50) {
    if (waited > 10_000) throw new Error("timed out waiting");
    await sleep(50);
  }
}
/** The run's result, or "hung" if it has not ended within `ms` (then it is killed). */
async function within(ms: number, started: { child: ChildProcess; done: Promise<DcsRun> }) {
  const timer = sleep(ms).then(() => "hung" as const);
  const result = await Promise.race([started.done, timer]);
  if (result === "hung") started.child.kill("SIGKILL");
  return result;
}
/** stderr without the request log lines of --verbose (indented). */
const messages = (stderr: string) =>
  stderr
    .trimEnd()
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("  "));

describe("dcs: listing and finding", () => {
  it("prints help with the environment and exit codes", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("DCS_URL");
    expect(stdout).toMatch(/Exit codes: 0 ok/);
  });

  it("help into a pipe already closed (dcs --help | head -0): exit 0, nothing on stderr", async () => {
    for (const args of [["--help"], ["readings", "--help"]]) {
      const started = start(args);
      started.child.stdout!.destroy(); // closed before the command has written anything
      const result = await within(10_000, started);
      expect(result, args.join(" ")).not.toBe("hung");
      if (result === "hung") return;
      expect(result.stderr, args.join(" ")).toBe("");
      expect(result.code, args.join(" ")).toBe(0);
    }
  });

  it("sends its requests on node:http, as the Node build does, not on Node's fetch", async () => {
    // Node's fetch (undici) always adds `sec-fetch-mode`; the node:http stack never does.
    const seen: IncomingHttpHeaders[] = [];
    const raw = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = raw.address() as AddressInfo;
      const { code } = await start(["meters", "--json"], {
        DCS_URL: `http://127.0.0.1:${port}/DCSWebApi`,
      }).done;
      expect(code).toBe(0);
      expect(seen).toHaveLength(1);
      expect(seen[0]).not.toHaveProperty("sec-fetch-mode");
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it("meters: JSON when not on a terminal, NDJSON on request; public and signed in", async () => {
    const json = await run(["meters"], publicEnv());
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((m: Meter) => m.id)).toEqual(meters.map((m) => m.id));
    const ndjson = await run(["meters", "--ndjson", "--verbose"], signedInEnv());
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout.trim().split("\n")).toHaveLength(meters.length);
    expect(ndjson.stderr).toContain("POST /DCSWebApi/authentication/signin 200");
    expect(ndjson.stderr).toContain("GET /DCSWebApi/meters 200");
    expect(ndjson.stderr).toContain("POST /DCSWebApi/authentication/signout");
  });

  it("virtual-meters lists VM ids", async () => {
    const { code, stdout } = await run(["virtual-meters", "--json"], publicEnv());
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(vms.length);
  });

  it("find prints the readings ids of matching registers and virtual meters", async () => {
    const meter = meters[0]!;
    const { code, stdout, stderr } = await run(
      ["find", meter.name.split(" ")[0]!.toLowerCase()],
      publicEnv(),
    );
    expect(code).toBe(0);
    for (const r of meter.registers) expect(stdout).toContain(`R${r.id}`);
    expect(stderr).toContain("a meter's own id is not a readings id");
    const none = await run(["find", "no-such-meter-name"], publicEnv());
    expect(none.code).toBe(1);
  });

  it("reads the password from stdin, never from an argument", async () => {
    const { code } = await run(
      ["meters", "--password-stdin"],
      { DCS_URL: server.webApiUrl, DCS_USERNAME: "alice" },
      `${SECRET}\n`,
    );
    expect(code).toBe(0);
    const help = await run(["--help"]);
    expect(help.stdout).not.toMatch(/--password\b(?!-stdin)/);
  });
});

describe("dcs readings", () => {
  const week = ["--start", "2024-01-01", "--end", "2024-01-08"];

  it("CSV and NDJSON round-trip to exactly what toArray() gives", async () => {
    const id = firstRegister();
    const expected = await (
      await new DcsWebApi(server.webApiUrl).readings(id, {
        startTime: "2024-01-01",
        endTime: "2024-01-08",
      })
    ).readings.toArray();
    const csv = await run(["readings", id, ...week], publicEnv());
    expect(csv.code).toBe(0);
    const rows = csvRows(csv.stdout);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      expect(new Date(row.timestamp!).getTime()).toBe(expected[i]!.timestamp.getTime());
      expect(Number(row.value)).toBe(expected[i]!.value);
      expect(Number(row.status)).toBe(expected[i]!.status);
    });
    const ndjson = await run(["readings", id, ...week, "--as", "ndjson"], publicEnv());
    const objects = ndjson.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => [Date.parse(o.timestamp), o.value, o.status])).toEqual(
      expected.map((r) => [r.timestamp.getTime(), r.value, r.status]),
    );
  });

  it("writes several ids to a file with an id column, and JSON as an array", async () => {
    const out = join(work, "two.json");
    const ids = [firstRegister(), `VM${vms.find((v) => !v.isInstantaneous)!.id}`];
    const { code } = await run(
      [
        "readings",
        ...ids,
        "--start",
        "2024-01-01",
        "--count",
        "24",
        "--period",
        "hour",
        "--output",
        out,
        "--as",
        "json",
      ],
      publicEnv(),
    );
    expect(code).toBe(0);
    const rows = JSON.parse(await readFile(out, "utf8"));
    expect(rows).toHaveLength(48);
    expect(new Set(rows.map((r: { id: string }) => r.id))).toEqual(new Set(ids));
  });

  it("fails in one line with the server's details and a hint, exit code 1", async () => {
    const { code, stderr } = await run(["readings", "R4000000000", ...week], publicEnv());
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^dcs: GET .* failed with 404/);
    expect(stderr).not.toContain("    at ");
  });

  it.each([
    [["readings", "733", "--start", "2024-01-01", "--end", "2024-01-02"], /not a readings id/],
    [["readings", "R1", "--start", "2024-01-01"], /--end or --count/],
    [
      ["readings", "R1", "--start", "2024-01-03", "--end", "2024-02-05", "--period", "week"],
      /not on the week grid/,
    ],
  ])("usage errors exit with 2: %j", async (args, message) => {
    const { code, stderr } = await run(args, publicEnv());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("a wrong password exits with 3, without echoing it", async () => {
    const { code, stderr } = await run(["meters"], {
      DCS_URL: server.webApiUrl,
      DCS_USERNAME: "alice",
      DCS_PASSWORD: `${SECRET}-wrong`,
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(/401/);
    expect(stderr).not.toContain(`${SECRET}-wrong`);
  });

  it("columns say what they hold: a register's value is its running total, consumption lines up with a virtual meter's", async () => {
    const register = firstRegister();
    const instantaneous = firstInstantaneous();
    const vm = vms.find((v) => !v.isInstantaneous && v.decimalPlaces !== undefined)!;
    const day = { startTime: "2024-01-01", endTime: "2024-01-02" };
    const sdk = new DcsWebApi(server.webApiUrl);
    const totals = await (
      await sdk.readings(register, { ...day, format: "complete" })
    ).readings.toArray();
    const instants = await (await sdk.readings(instantaneous, day)).readings.toArray();
    const vmValues = await (await sdk.readings(`VM${vm.id}`, day)).readings.toArray();
    const { code, stdout } = await run(
      ["readings", register, instantaneous, `VM${vm.id}`, "--start", "2024-01-01", "--count", "48"],
      publicEnv(),
    );
    expect(code).toBe(0);
    const rows = csvRows(stdout);
    expect(Object.keys(rows[0]!)).toEqual(["id", "timestamp", "value", "consumption", "status"]);
    const of = (id: string) => rows.filter((r) => r.id === id);
    expect(of(register).map((r) => [Number(r.value), Number(r.consumption)])).toEqual(
      totals.map((r) => [r.totalValue, r.periodValue]),
    );
    expect(of(instantaneous).map((r) => [Number(r.value), r.consumption])).toEqual(
      instants.map((r) => [r.value, ""]),
    );
    const places = 10 ** vm.decimalPlaces!;
    expect(of(`VM${vm.id}`).map((r) => [r.value, r.consumption])).toEqual(
      vmValues.map((r) => {
        const shown = String(Math.round(r.value * places) / places);
        return [shown, shown];
      }),
    );
    const help = await run(["readings", "--help"]);
    expect(help.stdout).toMatch(/value\s.*running total/);
    expect(help.stdout).toMatch(/consumption\s/);
  });

  it("--period is case-insensitive", async () => {
    for (const period of ["HALFHOUR", "halfhour", "Day"]) {
      const { code, stdout } = await run(
        ["readings", firstRegister(), "--start", "2024-01-01", "--count", "2", "--period", period],
        publicEnv(),
      );
      expect(code, period).toBe(0);
      expect(csvRows(stdout), period).toHaveLength(2);
    }
    const wrong = await run(
      [
        "readings",
        firstRegister(),
        "--start",
        "2024-01-01",
        "--count",
        "2",
        "--period",
        "fortnight",
      ],
      publicEnv(),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/halfHour, hour, day, week, month/);
  });

  it("a password without a user name is an error, not a silent switch to public mode", async () => {
    for (const env of [
      { DCS_URL: server.webApiUrl, DCS_PASSWORD: SECRET } as Record<string, string>,
      { DCS_URL: server.webApiUrl, DCS_USER: "alice", DCS_PASSWORD: SECRET },
    ]) {
      const { code, stdout, stderr } = await run(["meters"], env);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/DCS_PASSWORD is set but DCS_USERNAME is not/);
    }
  });

  it("a closed pipe ends the command at once: readings cancelled, signed out, exit 0", async () => {
    const started = start(
      ["readings", firstRegister(), "--start", "2015-01-01", "--end", "2025-01-01", "--verbose"],
      signedInEnv(),
    );
    await new Promise((resolve) => started.child.stdout!.once("data", resolve));
    started.child.stdout!.destroy(); // like `| head -1` exiting after the first line
    const result = await within(10_000, started);
    expect(result).not.toBe("hung");
    if (result === "hung") return;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/POST \/DCSWebApi\/authentication\/signout 204/);
    expect(messages(result.stderr)).toEqual([]);
  });

  it("a full disk: one clear line, exit 1, signed out", async () => {
    const full = openSync("/dev/full", "w");
    const started = start(
      ["readings", firstRegister(), "--start", "2020-01-01", "--end", "2022-01-01", "--verbose"],
      signedInEnv(),
      undefined,
      full,
    );
    const result = await within(10_000, started);
    expect(result).not.toBe("hung");
    if (result === "hung") return;
    expect(result.code).toBe(1);
    expect(messages(result.stderr)).toEqual([
      expect.stringMatching(/^dcs: cannot write the readings to standard output: .*ENOSPC/),
    ]);
    expect(result.stderr).toMatch(/POST \/DCSWebApi\/authentication\/signout 204/);
  });

  it("--output into a missing folder: one clear line, exit 1", async () => {
    const file = join(work, "no-such-folder", "out.csv");
    const { code, stderr } = await run(
      ["readings", firstRegister(), ...week, "--output", file],
      signedInEnv(),
    );
    expect(code).toBe(1);
    expect(messages(stderr)).toEqual([
      `dcs: cannot write ${file}: the folder ${join(work, "no-such-folder")} does not exist`,
    ]);
  });

  it("--output writes a temporary name, renamed when complete; Ctrl-C leaves no file", async () => {
    const dir = await mkdtemp(join(work, "output-"));
    const file = join(dir, "out.csv");
    const args = ["readings", firstRegister(), "--start", "2023-01-01", "--end", "2023-03-01"];
    const remove = server.simulator.addFault({
      path: /readings/,
      fault: { kind: "trickle", chunkBytes: 1024, intervalMs: 40 },
    });
    try {
      const completing = start([...args, "--output", file], signedInEnv());
      await until(async () => (await readdir(dir)).some((n) => n.endsWith(".partial")));
      expect(await readdir(dir)).not.toContain("out.csv"); // nothing that looks whole yet
      const interrupted = start([...args, "--output", join(dir, "other.csv")], signedInEnv());
      await until(
        async () => (await readdir(dir)).filter((n) => n.endsWith(".partial")).length === 2,
      );
      interrupted.child.kill("SIGINT");
      expect((await interrupted.done).code).toBe(130);
      remove();
      expect((await completing.done).code).toBe(0);
    } finally {
      remove();
    }
    expect(await readdir(dir)).toEqual(["out.csv"]);
    expect(csvRows(await readFile(file, "utf8"))).toHaveLength(59 * 48);
  });

  it("works against the legacy API too", async () => {
    const env = { DCS_V3_URL: server.v3Url, DCS_USERNAME: "alice", DCS_PASSWORD: SECRET };
    const { code, stdout } = await run(
      ["readings", firstRegister(), "--start", "2024-01-01", "--end", "2024-01-02"],
      env,
    );
    expect(code).toBe(0);
    const rows = csvRows(stdout);
    expect(rows).toHaveLength(48);
    expect(Object.keys(rows[0]!)).toContain("periodValue");
  });

  it("legacy readings of several ids: every column has its own name", async () => {
    const env = { DCS_V3_URL: server.v3Url, DCS_USERNAME: "alice", DCS_PASSWORD: SECRET };
    const { code, stdout } = await run(
      [
        "readings",
        firstRegister(),
        `VM${vms[0]!.id}`,
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-02",
      ],
      env,
    );
    expect(code).toBe(0);
    const columns = stdout.split("\n")[0]!.split(",");
    expect(new Set(columns).size).toBe(columns.length);
    expect(csvRows(stdout)).toHaveLength(96);
  });
});

describe("dcs export", () => {
  const ids = () => [
    ...meters.slice(0, 3).flatMap((m) => m.registers.slice(0, 2).map((r) => `R${r.id}`)),
    `VM${vms[0]!.id}`,
  ];
  const range = ["--start", "2023-01-01", "--end", "2023-03-01"];
  const expectedRows = (31 + 28) * 48;

  async function checkFiles(dir: string, wanted: string[]) {
    expect((await readdir(dir)).filter((n) => n.endsWith(".partial"))).toEqual([]);
    const names = await exported(dir);
    expect(names).toEqual(wanted.map((id) => `${id}.csv`).sort());
    for (const id of wanted) {
      const rows = csvRows(await readFile(join(dir, `${id}.csv`), "utf8"));
      expect(rows, id).toHaveLength(expectedRows);
    }
  }

  it("writes one complete file per id, then skips them when run again", async () => {
    const dir = join(work, "export");
    const first = await run(
      ["export", "--ids", ids().join(","), ...range, "--dir", dir, "--jobs", "3"],
      signedInEnv(),
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Exported 7 file\(s\)/);
    await checkFiles(dir, ids());
    const again = await run(["export", "--ids", ...ids(), ...range, "--dir", dir], signedInEnv());
    expect(again.stderr).toMatch(/Exported 0 file\(s\).*skipped 7 already complete/);
  });

  it("after a kill mid-export no file looks whole unless it is, and a re-run completes the rest", async () => {
    const dir = join(work, "killed");
    const remove = server.simulator.addFault({
      path: /readings/,
      fault: { kind: "trickle", chunkBytes: 1024, intervalMs: 40 },
    });
    const { child, done } = start(
      ["export", "--ids", ...ids(), ...range, "--dir", dir, "--jobs", "1"],
      signedInEnv(),
    );
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGKILL");
    await done;
    remove();
    const complete = (await exported(dir)).filter((n) => n.endsWith(".csv"));
    expect(complete.length).toBeLessThan(7); // it really was interrupted
    for (const name of complete)
      expect(csvRows(await readFile(join(dir, name), "utf8"))).toHaveLength(expectedRows);
    const rerun = await run(["export", "--ids", ...ids(), ...range, "--dir", dir], signedInEnv());
    expect(rerun.code).toBe(0);
    await checkFiles(dir, ids());
  });

  it("Ctrl-C stops cleanly: partial files removed, signed out, exit 130", async () => {
    const dir = join(work, "interrupted");
    const remove = server.simulator.addFault({
      path: /readings/,
      fault: { kind: "trickle", chunkBytes: 1024, intervalMs: 40 },
    });
    const { child, done } = start(
      ["export", "--ids", ...ids(), ...range, "--dir", dir, "--verbose"],
      signedInEnv(),
    );
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const result = await done;
    remove();
    expect(result.code).toBe(130);
    expect((await readdir(dir)).filter((n) => n.endsWith(".partial"))).toEqual([]);
    expect(result.stderr).toContain("POST /DCSWebApi/authentication/signout");
  });

  it("a failed id is reported, the rest continue, and the exit code is 1", async () => {
    const dir = join(work, "partly");
    const { code, stderr } = await run(
      ["export", "--ids", firstRegister(), "R4000000000", ...range, "--dir", dir],
      signedInEnv(),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/R4000000000 failed/);
    expect(await exported(dir)).toEqual([`${firstRegister()}.csv`]);
  });

  it("resumes only identical work: a folder holding another range, period or options is refused; --force replaces", async () => {
    const dir = join(work, "exact");
    const [a, b, c] = ids();
    const week2023 = ["--start", "2023-01-02", "--end", "2023-01-09"];
    const week2020 = ["--start", "2020-01-06", "--end", "2020-01-13"];
    const exportOf = (more: string[]) =>
      run(["export", "--ids", a!, b!, ...more, "--dir", dir], signedInEnv());
    expect((await exportOf(week2023)).code).toBe(0);
    const file = join(dir, `${a}.csv`);
    const before = await readFile(file, "utf8");
    for (const other of [
      week2020,
      [...week2023, "--period", "hour"],
      [...week2023, "--no-interpolated"],
      [...week2023, "--no-calibrated"],
      [...week2023, "--format", "complete"],
    ]) {
      const refused = await exportOf(other);
      expect(refused.code, other.join(" ")).toBe(2);
      expect(messages(refused.stderr), other.join(" ")).toEqual([
        expect.stringMatching(/holds 2 file\(s\) that are not this export's .*--force/),
      ]);
      expect(await readFile(file, "utf8")).toBe(before);
    }
    const forced = await exportOf([...week2020, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/Exported 2 file\(s\)/);
    const rows = csvRows(await readFile(file, "utf8"));
    expect(rows).toHaveLength(7 * 48);
    expect(rows[0]!.timestamp).toBe("2020-01-06T00:00:00Z");
    expect((await exportOf(week2020)).stderr).toMatch(/skipped 2 already complete/);
    // A file changed since it was written is not trusted: it is exported again.
    await writeFile(file, before);
    const repaired = await exportOf(week2020);
    expect(repaired.stderr).toMatch(/Exported 1 file\(s\).*skipped 1 already complete/);
    expect(csvRows(await readFile(file, "utf8"))[0]!.timestamp).toBe("2020-01-06T00:00:00Z");
    // A file the folder has no record of is not trusted either.
    await writeFile(join(dir, `${c}.csv`), "timestamp,value\n");
    const unknown = await run(
      ["export", "--ids", a!, b!, c!, ...week2020, "--dir", dir],
      signedInEnv(),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(new RegExp(`${c}\\.csv.*not recorded`));
  });

  it("--period day skips instantaneous sources with one summary line, and exits 0", async () => {
    const dir = join(work, "daily");
    const { code, stderr } = await run(
      [
        "export",
        "--all",
        "--start",
        "2023-01-01",
        "--end",
        "2023-02-01",
        "--period",
        "day",
        "--dir",
        dir,
      ],
      signedInEnv(),
    );
    expect(code).toBe(0);
    const instantaneous = [
      ...meters.flatMap((m) => m.registers.filter((r) => r.isInstantaneous).map((r) => `R${r.id}`)),
      ...vms.filter((v) => v.isInstantaneous).map((v) => `VM${v.id}`),
    ];
    const others = [
      ...meters.flatMap((m) =>
        m.registers.filter((r) => !r.isInstantaneous).map((r) => `R${r.id}`),
      ),
      ...vms.filter((v) => !v.isInstantaneous).map((v) => `VM${v.id}`),
    ];
    expect(instantaneous.length).toBeGreaterThan(10);
    expect(await exported(dir)).toEqual(others.map((id) => `${id}.csv`).sort());
    const notes = stderr.split("\n").filter((line) => /instantaneous/.test(line));
    expect(notes).toEqual([
      expect.stringContaining(`Skipped ${instantaneous.length} instantaneous source(s)`),
    ]);
    expect(stderr).toMatch(new RegExp(`Exported ${others.length} file\\(s\\).*0 failed`));
  });

  it("a second export into a folder in use refuses to start, and the first completes", async () => {
    const dir = join(work, "shared");
    const remove = server.simulator.addFault({
      path: /readings/,
      fault: { kind: "trickle", chunkBytes: 512, intervalMs: 40 },
    });
    try {
      const week = ["--start", "2023-01-02", "--end", "2023-01-09"];
      const first = start(
        ["export", "--ids", ...ids(), ...week, "--dir", dir, "--jobs", "1"],
        signedInEnv(),
      );
      await until(async () =>
        (await readdir(dir).catch(() => [])).some((n) => n.endsWith(".partial")),
      );
      const second = await run(["export", "--ids", ...ids(), ...week, "--dir", dir], signedInEnv());
      expect(second.code).toBe(1);
      expect(messages(second.stderr)).toEqual([
        expect.stringMatching(/is in use by another dcs export \(pid \d+/),
      ]);
      remove();
      const done = await first.done;
      expect(done.stderr).toMatch(/Exported 7 file\(s\).*0 failed/);
      expect(done.code).toBe(0);
      expect(await exported(dir)).toEqual(
        ids()
          .map((id) => `${id}.csv`)
          .sort(),
      );
    } finally {
      remove();
    }
  });
});

describe("sessions that expire during a long job", () => {
  let expiring: RunningDcsSimulator;
  beforeAll(async () => {
    // Each request is ten minutes after the one before, and a session lasts an hour: every
    // sixth request meets an expired session, however fast or slow the machine is.
    let now = Date.UTC(2025, 0, 1);
    expiring = await startDcsSimulator({
      port: 0,
      users: [{ username: "alice", password: SECRET, role: "Viewer" }],
      tokenLifetimeMs: 3_600_000,
      clock: { now: () => (now += 600_000) },
    });
  });
  afterAll(() => expiring.close());

  const sources = () => [firstRegister(), `VM${vms[0]!.id}`];
  const args = ["--start", "2023-01-02", "--end", "2023-03-06", "--max-window-days", "7"];

  it("export signs in again and every file equals a run without expiry", async () => {
    const dir = join(work, "expiring");
    const env = { ...signedInEnv(), DCS_URL: expiring.webApiUrl };
    const result = await run(["export", "--ids", ...sources(), ...args, "--dir", dir], env);
    expect(result.stderr).toMatch(/Exported 2 file\(s\).*0 failed/);
    expect(result.code).toBe(0);
    const clean = join(work, "not-expiring");
    expect(
      (await run(["export", "--ids", ...sources(), ...args, "--dir", clean], signedInEnv())).code,
    ).toBe(0);
    for (const name of await exported(clean))
      expect(await readFile(join(dir, name), "utf8"), name).toBe(
        await readFile(join(clean, name), "utf8"),
      );
  });

  it.each(["DCS_URL", "DCS_V3_URL"])(
    "readings (%s) go on after the session expires, without a gap or a duplicate",
    async (variable) => {
      const url = (s: RunningDcsSimulator) => (variable === "DCS_URL" ? s.webApiUrl : s.v3Url);
      const env = (s: RunningDcsSimulator) => ({
        [variable]: url(s),
        DCS_USERNAME: "alice",
        DCS_PASSWORD: SECRET,
      });
      const command = ["readings", ...sources(), ...args];
      const expired = await run(command, env(expiring));
      expect(expired.stderr).toBe("");
      expect(expired.code).toBe(0);
      const clean = await run(command, env(server));
      expect(csvRows(clean.stdout)).toHaveLength(2 * 63 * 48);
      expect(expired.stdout).toBe(clean.stdout);
    },
  );
});

describe("dcs simulate and demo", () => {
  it("simulate starts in under a second and prints its URLs", async () => {
    const started = performance.now();
    const { child, done } = start(["simulate", "--port", "0"]);
    let output = "";
    await new Promise<void>((resolve) => {
      child.stdout?.on("data", (d) => {
        output += d;
        if (output.includes("/DCS")) resolve();
      });
    });
    const elapsed = performance.now() - started;
    child.kill("SIGINT");
    await done;
    expect(output).toMatch(/http:\/\/127\.0\.0\.1:\d+\/DCSWebApi/);
    expect(elapsed).toBeLessThan(3000); // generous for a loaded CI machine; typically ~300 ms
  });

  it("demo exports a year for several sources and summarises them", async () => {
    const dir = join(work, "demo");
    await writeFile(join(work, "marker"), "");
    const { code, stdout } = await run(["demo", "--dir", dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Consumption per half hour, 2024/);
    const files = (await readdir(dir)).filter((n) => n.endsWith(".csv"));
    expect(files.length).toBe(5);
    for (const f of files)
      expect(csvRows(await readFile(join(dir, f), "utf8"))).toHaveLength(366 * 48);
    const vm = vms.find((v) => !v.isInstantaneous)!;
    const vmRows = csvRows(await readFile(join(dir, `VM${vm.id}.csv`), "utf8"));
    const decimals = (text: string) => text.split(".")[1]?.length ?? 0;
    expect(Math.max(...vmRows.map((r) => decimals(r.value!)))).toBeLessThanOrEqual(
      vm.decimalPlaces!,
    );
  });
});
