/**
 * `dcs demo` (`npm run demo`): the main job end to end, against the built-in simulator.
 * It starts the simulator, signs in, lists a few meters, exports a year of half-hourly
 * readings for several registers and a virtual meter as CSV through the same export code
 * as `dcs export`, and summarises each file.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { DcsWebApi } from "../node.js";
import { startDcsSimulator } from "../simulator/index.js";
import { type CliSource, connect, sourcesOf } from "./connect.js";
import { exportFileName, runExport } from "./export.js";
import { isoUtc, sparkline, table } from "./output.js";
import { createProgress, progressMode } from "./progress.js";

export interface DemoOptions {
  dir: string;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  signal: AbortSignal;
}

const YEAR = { start: new Date("2024-01-01T00:00:00Z"), end: new Date("2025-01-01T00:00:00Z") };
const USER = { username: "user", password: "password" }; // the simulator's demo account

/** Running figures for one exported source. */
interface Summary {
  rows: number;
  min: number;
  max: number;
  total: number;
  peak: { value: number; at: Date } | undefined;
  daily: Map<number, number>;
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const { stdout, stderr } = options;
  const started = performance.now();
  const server = await startDcsSimulator({ port: 0 });
  try {
    stdout.write(`DCS simulator on ${server.url} (current API ${server.webApiUrl})\n\n`);
    const env = {
      DCS_URL: server.webApiUrl,
      DCS_USERNAME: USER.username,
      DCS_PASSWORD: USER.password,
    };

    // A first look, with the SDK as a user would write it.
    await using dcs = new DcsWebApi(server.webApiUrl);
    const me = await dcs.signIn(USER.username, USER.password);
    stdout.write(`Signed in as ${me.username} (${me.role}).\n`);
    const meters = await dcs.meters();
    const virtualMeters = await dcs.virtualMeters();
    stdout.write(
      `${meters.length} meters, ${virtualMeters.length} virtual meters. A few of them:\n\n`,
    );
    stdout.write(
      `${table(
        ["meter", "status", "registers (readings ids)"],
        meters
          .slice(0, 5)
          .map((m) => [m.name, m.status, m.registers.map((r) => `R${r.id} ${r.unit}`).join(", ")]),
      )}\n\n`,
    );

    const cumulative = sourcesOf(meters, virtualMeters).filter((s) => !s.isInstantaneous);
    const picked: CliSource[] = [
      ...cumulative.filter((s) => !s.isVirtual).slice(0, 4),
      ...cumulative.filter((s) => s.isVirtual).slice(0, 1),
    ];
    for (const source of picked)
      await rm(join(options.dir, exportFileName(source, "csv")), { force: true });

    stdout.write(
      `Exporting ${picked.map((s) => s.wire).join(", ")}: half hours of 2024 to ${options.dir}/\n`,
    );
    const summaries = new Map<string, Summary>();
    const expected = (YEAR.end.getTime() - YEAR.start.getTime()) / 1_800_000;
    const progress = createProgress(progressMode(stderr, {}), stderr, expected);
    const outcomes = await runExport(
      picked,
      {
        dir: options.dir,
        jobs: 2,
        as: "csv",
        query: {
          ...YEAR,
          period: "halfHour",
          format: "standard",
          calibrated: true,
          interpolated: true,
        },
        connect: () => connect({ env, stdin: process.stdin }),
        progress,
        signal: options.signal,
      },
      (source, shape, row) => {
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
      },
    ).finally(() => progress.stop());

    const units = new Map<string, string>([
      ...meters.flatMap((m) => m.registers.map((r) => [`R${r.id}`, r.unit] as const)),
      ...virtualMeters.map((v) => [`VM${v.id}`, v.unit] as const),
    ]);
    const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
    stdout.write("\nConsumption per half hour, 2024:\n\n");
    stdout.write(
      `${table(
        ["file", "rows", "unit", "min", "max", "total", "peak half-hour"],
        outcomes.map((o) => {
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
        }),
      )}\n\n`,
    );
    for (const o of outcomes) {
      const daily = [...(summaries.get(o.source.wire)?.daily.values() ?? [])];
      stdout.write(
        `${o.source.wire.padEnd(7)} ${sparkline(daily, 52)}  (daily totals, Jan → Dec)\n`,
      );
    }
    const failed = outcomes.filter((o) => o.status !== "written");
    if (failed.length > 0) throw new Error(`${failed.length} export(s) did not complete`);
    stdout.write(
      `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s. Files are in ${options.dir}/.\n`,
    );
  } finally {
    await server.close();
  }
}
