/**
 * `dcs demo` (`npm run demo`): the main job end to end, against the built-in simulator.
 * It starts the simulator, signs in, lists a few meters, exports a year of half-hourly
 * readings for several registers and a virtual meter as CSV through the same export code
 * as `dcs export`, and summarises each file.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import { sourceRef } from "../../core/ids.js";
import { DcsWebApi, type Meter, type VirtualMeter } from "../../node.js";
import { startDcsSimulator } from "../../simulator/index.js";
import { type CliSource, connect, isVirtualMeter, sourcesOf } from "../connect.js";
import type { CliContext } from "../context.js";
import { type ExportOutcome, exportFileName, type RowObserver, runExport } from "../exporter.js";
import { isoUtc, sparkline, table } from "../output.js";
import { createProgress, progressMode } from "../progress.js";

const YEAR = { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2025-01-01T00:00:00Z") };
const USER = { username: "user", password: "password" }; // the simulator's demo account

export function addDemoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .description(
      "start the simulator, export a year of readings to ./demo-output and summarise them",
    )
    .option("--dir <dir>", "output folder", "demo-output")
    .action((options: { dir: string }) => runDemo(options.dir, context));
}

/** Running figures for one exported source. */
interface Summary {
  rows: number;
  min: number;
  max: number;
  total: number;
  peak: { value: number; at: Date } | undefined;
  daily: Map<number, number>;
}

async function runDemo(dir: string, context: CliContext): Promise<void> {
  const { stdout, stderr } = context.io;
  const started = performance.now();
  const server = await startDcsSimulator({ port: 0 });
  try {
    stdout.write(`DCS simulator on ${server.url} (current API ${server.webApiUrl})\n\n`);
    const { meters, virtualMeters } = await firstLook(server.webApiUrl, stdout);
    const cumulative = sourcesOf(meters, virtualMeters).filter((s) => !s.isInstantaneous);
    const picked: CliSource[] = [
      ...cumulative.filter((s) => !isVirtualMeter(s)).slice(0, 4),
      ...cumulative.filter(isVirtualMeter).slice(0, 1),
    ];
    for (const source of picked)
      await rm(join(dir, exportFileName(source, "csv")), { force: true });

    stdout.write(
      `Exporting ${picked.map((s) => s.wire).join(", ")}: half hours of 2024 to ${dir}/\n`,
    );
    const summaries = new Map<string, Summary>();
    const expected = (YEAR.end.getTime() - YEAR.start.getTime()) / 1_800_000;
    const progress = createProgress(progressMode(stderr, {}), stderr, expected);
    const env = {
      DCS_URL: server.webApiUrl,
      DCS_USERNAME: USER.username,
      DCS_PASSWORD: USER.password,
    };
    const outcomes = await runExport(
      picked,
      {
        dir,
        jobs: 2,
        as: "csv",
        query: {
          ...YEAR,
          period: "halfHour",
          format: "standard",
          calibrated: true,
          interpolated: true,
        },
        connect: () => connect({ env, stdin: context.io.stdin }),
        progress,
        signal: context.signal,
      },
      summarise(summaries),
    ).finally(() => progress.stop());

    stdout.write(report(outcomes, summaries, unitsOf(meters, virtualMeters)));
    const failed = outcomes.filter((o) => o.status !== "written");
    if (failed.length > 0) throw new Error(`${failed.length} export(s) did not complete`);
    stdout.write(
      `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s. Files are in ${dir}/.\n`,
    );
  } finally {
    await server.close();
  }
}

/** A first look, with the SDK as a user would write it. */
async function firstLook(
  webApiUrl: string,
  stdout: Writable,
): Promise<{ meters: Meter[]; virtualMeters: VirtualMeter[] }> {
  await using dcs = new DcsWebApi(webApiUrl);
  const me = await dcs.signIn(USER.username, USER.password);
  stdout.write(`Signed in as ${me.username} (${me.role}).\n`);
  const meters = await dcs.meters();
  const virtualMeters = await dcs.virtualMeters();
  stdout.write(
    `${meters.length} meters, ${virtualMeters.length} virtual meters. A few of them:\n\n`,
  );
  const registers = (m: Meter) =>
    m.registers.map((r) => `${sourceRef("register", r.id).wire} ${r.unit}`).join(", ");
  stdout.write(
    `${table(
      ["meter", "status", "registers (readings ids)"],
      meters.slice(0, 5).map((m) => [m.name, m.status, registers(m)]),
    )}\n\n`,
  );
  return { meters, virtualMeters };
}

/** Keeps the running figures of each source in `summaries`, row by row. */
function summarise(summaries: Map<string, Summary>): RowObserver {
  return (source, shape, row) => {
    const s = summaries.get(source.wire) ?? {
      rows: 0,
      min: Infinity,
      max: -Infinity,
      total: 0,
      peak: undefined,
      daily: new Map(),
    };
    summaries.set(source.wire, s);
    const value = shape.measure(row);
    s.rows++;
    if (!Number.isFinite(value)) return;
    s.min = Math.min(s.min, value);
    s.max = Math.max(s.max, value);
    s.total += value;
    if (!s.peak || value > s.peak.value) s.peak = { value, at: shape.time(row) };
    const day = Math.floor(shape.time(row).getTime() / 86_400_000);
    s.daily.set(day, (s.daily.get(day) ?? 0) + value);
  };
}

function unitsOf(meters: Meter[], virtualMeters: VirtualMeter[]): Map<string, string> {
  return new Map([
    ...meters.flatMap((m) =>
      m.registers.map((r) => [sourceRef("register", r.id).wire, r.unit] as const),
    ),
    ...virtualMeters.map((v) => [sourceRef("virtualMeter", v.id).wire, v.unit] as const),
  ]);
}

/** The table of figures per file, and a sparkline of daily totals per source. */
function report(
  outcomes: ExportOutcome[],
  summaries: Map<string, Summary>,
  units: Map<string, string>,
): string {
  const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
  const figures = outcomes.map((o) => {
    const s = summaries.get(o.source.wire);
    return [
      o.file,
      o.status === "written" ? o.rows : o.status,
      units.get(o.source.wire) ?? "",
      fixed(s?.min ?? NaN),
      fixed(s?.max ?? NaN),
      fixed(s?.total ?? NaN),
      s?.peak ? `${fixed(s.peak.value)} at ${isoUtc(s.peak.at)}` : "-",
    ];
  });
  const sparklines = outcomes.map((o) => {
    const daily = [...(summaries.get(o.source.wire)?.daily.values() ?? [])];
    return `${o.source.wire.padEnd(7)} ${sparkline(daily, 52)}  (daily totals, Jan → Dec)\n`;
  });
  return (
    "\nConsumption per half hour, 2024:\n\n" +
    `${table(["file", "rows", "unit", "min", "max", "total", "peak half-hour"], figures)}\n\n` +
    sparklines.join("")
  );
}
