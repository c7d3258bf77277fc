import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi, type Meter, type VirtualMeter } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { CLI_BUNDLE } from "./build-cli.js";

const SECRET = "Pa55-very-secret-XYZ";
let server: RunningDcsSimulator;
let meters: Meter[];
let vms: VirtualMeter[];
let work: string;
const everything: string[] = []; // all output of all runs, to search for the password

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
  expect(everything.join("\n")).not.toContain(SECRET);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  child.stdin?.end(stdin ?? "");
  const done = new Promise<Run>((resolve) =>
    child.on("close", (code) => {
      everything.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, done };
}

const run = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  start(args, env, stdin).done;
const publicEnv = () => ({ DCS_URL: server.webApiUrl });
const signedInEnv = () => ({
  DCS_URL: server.webApiUrl,
  DCS_USERNAME: "alice",
  DCS_PASSWORD: SECRET,
});
const firstRegister = () => `R${meters[0]!.registers.find((r) => !r.isInstantaneous)!.id}`;

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const columns = header!.split(",");
  return lines.map((line) =>
    Object.fromEntries(line.split(",").map((cell, i) => [columns[i], cell])),
  );
}

describe("dcs: listing and finding", () => {
  it("prints help with the environment and exit codes", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("DCS_URL");
    expect(stdout).toMatch(/Exit codes: 0 ok/);
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
    const rows = parseCsv(csv.stdout);
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

  it("works against the legacy API too", async () => {
    const env = { DCS_V3_URL: server.v3Url, DCS_USERNAME: "alice", DCS_PASSWORD: SECRET };
    const { code, stdout } = await run(
      ["readings", firstRegister(), "--start", "2024-01-01", "--end", "2024-01-02"],
      env,
    );
    expect(code).toBe(0);
    const rows = parseCsv(stdout);
    expect(rows).toHaveLength(48);
    expect(Object.keys(rows[0]!)).toContain("periodValue");
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
    const names = (await readdir(dir)).sort();
    expect(names.filter((n) => n.endsWith(".partial"))).toEqual([]);
    expect(names).toEqual(wanted.map((id) => `${id}.csv`).sort());
    for (const id of wanted) {
      const rows = parseCsv(await readFile(join(dir, `${id}.csv`), "utf8"));
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
    const complete = (await readdir(dir)).filter((n) => n.endsWith(".csv"));
    expect(complete.length).toBeLessThan(7); // it really was interrupted
    for (const name of complete)
      expect(parseCsv(await readFile(join(dir, name), "utf8"))).toHaveLength(expectedRows);
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
    expect(await readdir(dir)).toEqual([`${firstRegister()}.csv`]);
  });
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
      expect(parseCsv(await readFile(join(dir, f), "utf8"))).toHaveLength(366 * 48);
  });
});
