/**
 * Groups of the meter tree and whole meters on the command line: `dcs tree`, `--group` and
 * `M<meter id>` for `readings` and `export`, as DCS's own export definitions and reports read
 * them.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findGroup } from "../../src/cli/sources.js";
import type { MeterGroup } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { csvRows, runDcs } from "./run-dcs.js";

let server: RunningDcsSimulator;
let work: string;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  work = await mkdtemp(join(tmpdir(), "dcs-groups-"));
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const legacy = (username = "operator", password = "operator-password") => ({
  DCS_V3_URL: server.v3Url,
  DCS_USERNAME: username,
  DCS_PASSWORD: password,
});
const day = ["--start", "2024-01-01", "--count", "2"];
const estate = () => server.simulator.estate;

/** The group and every group below it. */
function subtree(id: number): number[] {
  const children = estate().meterGroups.filter((g) => g.parentId === id);
  return [id, ...children.flatMap((g) => subtree(g.id))];
}

/** The readings ids a group stands for: its meters' registers, then its virtual meters. */
function idsOfGroup(id: number): string[] {
  const groups = subtree(id).map((g) => estate().meterGroups.find((x) => x.id === g)!);
  const meterIds = groups.flatMap((g) => g.meterIds);
  const registers = estate()
    .meters.filter((m) => meterIds.includes(m.id))
    .flatMap((m) => m.registers.map((r) => `R${r.id}`));
  return [...registers, ...groups.flatMap((g) => g.virtualMeterIds.map((v) => `VM${v}`))];
}

const idsIn = (stdout: string) => [...new Set(csvRows(stdout).map((r) => r.id))].sort();
/** The sources whose readings a --verbose run asked for (a meter installed late has no rows). */
const requested = (stderr: string) =>
  [...stderr.matchAll(/(registerId|virtualMeterId)=(\d+)/g)]
    .map((m) => `${m[1] === "registerId" ? "R" : "VM"}${m[2]}`)
    .sort();

describe("dcs tree", () => {
  it("prints the group tree with each meter's M id and its registers' R ids, and virtual meters", async () => {
    const { code, stdout, stderr } = await runDcs(["tree"], legacy());
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("All Meters  (group 0)");
    const library = estate().meterGroups.find((g) => g.name === "Library")!;
    const meter = estate().meters.find((m) => m.id === library.meterIds[0])!;
    const groupLine = lines.findIndex((l) => l.trim() === `Library  (group ${library.id})`);
    expect(groupLine).toBeGreaterThan(0);
    const indent = lines[groupLine]!.indexOf("L");
    expect(lines[groupLine + 1]).toBe(`${" ".repeat(indent + 2)}M${meter.id}  ${meter.name}`);
    const register = meter.registers[0]!;
    expect(lines[groupLine + 2]).toBe(
      `${" ".repeat(indent + 4)}R${register.id}  ${register.name}  ${register.unit}`,
    );
    const vm = estate().virtualMeters[0]!;
    expect(stdout).toContain(`  VM${vm.id}  ${vm.name}  ${vm.unit}\n`);
    expect(stderr).toMatch(/--group/);

    const sub = await runDcs(["tree", "library", "--json"], legacy());
    expect(sub.code).toBe(0);
    expect(JSON.parse(sub.stdout)).toMatchObject({ id: library.id, name: "Library" });
  });

  it("shows a restricted account only the meters it may see", async () => {
    const { code, stdout } = await runDcs(["tree"], legacy("restricted", "restricted-password"));
    expect(code).toBe(0);
    const shown = [...stdout.matchAll(/^\s*M(\d+) /gm)].map((m) => Number(m[1]));
    expect(shown).toEqual(
      estate()
        .meters.slice(0, 3)
        .map((m) => m.id),
    );
  });
});

describe("--group and M<meter id>", () => {
  it("readings --group: every register of the group's meters and every virtual meter, sub-groups included", async () => {
    const campus = estate().meterGroups.find((g) => g.name === "North Campus")!;
    for (const group of ["north campus", String(campus.id)]) {
      const args = ["--verbose", "readings", "--group", group, ...day];
      const { code, stdout, stderr } = await runDcs(args, legacy());
      expect(code, group).toBe(0);
      expect(requested(stderr), group).toEqual(idsOfGroup(campus.id).sort());
      expect(idsIn(stdout).every((id) => idsOfGroup(campus.id).includes(id!))).toBe(true);
    }
  });

  it("readings M<id>: the meter's registers, each once, however else they are named", async () => {
    const meter = estate().meters[0]!;
    const register = `R${meter.registers[0]!.id}`;
    const { code, stdout } = await runDcs(
      ["readings", `M${meter.id}`, register, `m${meter.id}`, ...day],
      legacy(),
    );
    expect(code).toBe(0);
    const rows = csvRows(stdout);
    expect([...new Set(rows.map((r) => r.id))]).toEqual(meter.registers.map((r) => `R${r.id}`));
    expect(rows).toHaveLength(meter.registers.length * 2);
  });

  it("export --group with --ids: one file per source, the group's and the ids', each once", async () => {
    const library = estate().meterGroups.find((g) => g.name === "Library")!;
    const other = estate().meters[0]!;
    const dir = join(work, "group-export");
    const { code, stderr } = await runDcs(
      ["export", "--group", "Library", "--ids", `M${other.id}`, ...day, "--dir", dir],
      legacy(),
    );
    expect(code, stderr).toBe(0);
    const expected = [...idsOfGroup(library.id), ...other.registers.map((r) => `R${r.id}`)];
    const files = (await readdir(dir)).filter((f) => !f.startsWith("."));
    expect(files.sort()).toEqual([...new Set(expected)].map((id) => `${id}.csv`).sort());
  });

  it("M<id> works with the current API too; groups need the legacy API, and say so", async () => {
    const meter = estate().meters[1]!;
    const current = { DCS_URL: server.webApiUrl };
    const byMeter = await runDcs(["readings", `M${meter.id}`, ...day], current);
    expect(byMeter.code).toBe(0);
    expect(idsIn(byMeter.stdout)).toEqual(meter.registers.map((r) => `R${r.id}`).sort());
    for (const args of [["tree"], ["readings", "--group", "Library", ...day]]) {
      const { code, stderr } = await runDcs(args, current);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr, args.join(" ")).toMatch(/^dcs: meter groups .*set DCS_V3_URL/);
    }
  });

  it("an unknown group or meter, an id that is none, or nothing named: one line, exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [["readings", "--group", "Nowhere", ...day], /no group "Nowhere" in the meter tree/],
      [["readings", "M4000000000", ...day], /M4000000000 is not a meter this account can see/],
      [
        ["readings", "X12", ...day],
        /"X12" is not a readings id: use R<register id>, VM<virtual meter id> or M<meter id>/,
      ],
      [["readings", ...day], /Give readings ids or --group/],
      [["export", "--all", "--group", "Library", ...day, "--dir", work], /--all/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runDcs(args, legacy());
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(stderr, args.join(" ")).toMatch(message);
    }
  });
});

describe("finding a group", () => {
  const tree: MeterGroup = {
    id: 0,
    name: "All Meters",
    meterGroups: [
      { id: 1, name: "North", meterGroups: [{ id: 3, name: "Plant Room" }] },
      { id: 2, name: "South", meterGroups: [{ id: 4, name: "plant room " }] },
    ],
  };

  it("by id, or by name in any case; a name two groups share asks for the id", () => {
    expect(findGroup(tree, "0").name).toBe("All Meters");
    expect(findGroup(tree, "SOUTH").id).toBe(2);
    expect(findGroup(tree, "4").id).toBe(4);
    expect(() => findGroup(tree, "Plant room")).toThrow(
      '2 groups are named "Plant room" (ids 3, 4): give the id',
    );
    expect(() => findGroup(tree, "9")).toThrow('no group "9" in the meter tree');
  });
});
