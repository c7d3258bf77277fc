/**
 * Progress as a person sees it: the command runs in this process, as the `dcs` executable
 * runs it but with a terminal of its own (`FakeTerminal`, 60 columns), against the simulator
 * over loopback HTTP, and the tests read the screen it leaves behind.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DcsError, DcsWebApi, type Meter } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { runCliHere } from "./run-dcs.js";
import { FakeTerminal } from "./terminal.js";

let server: RunningDcsSimulator;
let meters: Meter[];
let work: string;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  meters = await new DcsWebApi(server.webApiUrl).meters();
  work = await mkdtemp(join(tmpdir(), "dcs-progress-"));
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const COLUMNS = 60;
const range = ["--start", "2023-01-01", "--end", "2023-03-01"];
const periods = (31 + 28) * 48;

async function dcs(argv: string[]): Promise<{ code: number; screen: string[]; raw: string }> {
  const stderr = new FakeTerminal(COLUMNS);
  const code = await runCliHere({
    argv,
    env: { DCS_URL: server.webApiUrl, DCS_USERNAME: "user", DCS_PASSWORD: "password" },
    stdin: Readable.from([]),
    stdout: new FakeTerminal(COLUMNS),
    stderr,
  });
  return { code, screen: stderr.rows(), raw: stderr.text };
}

const cumulative = () =>
  meters.flatMap((m) => m.registers.filter((r) => !r.isInstantaneous).map((r) => `R${r.id}`));
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("progress on a terminal", () => {
  it("export: a line for every file, each failure once with its whole reason on its own line, a complete summary", async () => {
    const [first, dropped, last] = cumulative();
    const missing = "R4000000000";
    const sdk = new DcsWebApi(server.webApiUrl);
    await sdk.signIn("user", "password");
    const reason = await sdk
      .readings(missing, { startTime: "2023-01-01", endTime: "2023-03-01", format: "complete" })
      .then(
        () => "",
        (error: DcsError) => error.message,
      )
      .finally(() => sdk.signOut());
    expect(reason.length).toBeGreaterThan(COLUMNS); // it cannot fit on one row
    // The second readings request (the second source: one job, one window each) is cut
    // after two pieces sent 300 ms apart: the first has surely been read when it breaks.
    const cut = { path: "/readings", after: 1, times: 1 };
    const removers = [
      server.simulator.addFault({
        ...cut,
        fault: { kind: "trickle", chunkBytes: 3000, intervalMs: 300 },
      }),
      server.simulator.addFault({ ...cut, fault: { kind: "drop", afterBytes: 6000 } }),
    ];
    const remove = () => {
      for (const r of removers) r();
    };
    const dir = join(work, "export");
    const { code, screen, raw } = await dcs([
      "export",
      "--ids",
      first!,
      dropped!,
      last!,
      missing,
      ...range,
      "--dir",
      dir,
      "--jobs",
      "1",
    ]).finally(remove);
    expect(code).toBe(1);
    expect(raw).toContain("░"); // bars were drawn on the way
    const text = screen.join("\n");
    for (const id of [first, last]) {
      expect(screen.some((row) => row.includes(id!) && row.includes("2,832 readings"))).toBe(true);
    }
    expect(occurrences(text, `${dropped} failed`)).toBe(1);
    const after = Number(/failed after ([\d,]+) readings/.exec(text)?.[1]?.replaceAll(",", ""));
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(periods);
    expect(occurrences(text, `${missing} failed`)).toBe(1);
    expect(screen.join("")).toContain(reason); // wrapped over rows as needed, never cut
    expect(screen.filter((row) => /\d% \d[\d,]*\/\d/.test(row))).toEqual([]); // no bar left standing
    const summary = screen.slice(screen.findIndex((row) => row.startsWith("Exported"))).join("");
    expect(summary).toMatch(
      /^Exported 2 file\(s\) \(5,664 readings\) to .*; skipped 0 already complete; 2 failed; 0 interrupted\.$/,
    );
  });

  it("readings --output shows progress too, and ends with the file's line", async () => {
    const [id] = cumulative();
    const { code, screen } = await dcs([
      "readings",
      id!,
      ...range,
      "--output",
      join(work, "one.csv"),
    ]);
    expect(code).toBe(0);
    expect(screen.some((row) => row.includes(id!) && row.includes("2,832 readings"))).toBe(true);
    expect(screen.filter((row) => /\d% \d[\d,]*\/\d/.test(row))).toEqual([]);
  });
});
