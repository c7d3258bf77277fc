/**
 * `dcs sync`: keeps a SQLite file or a PostgreSQL database in step with DCS (coherent-dcs/sync
 * does the work; this is its shell: options, sources, progress and the summary).
 */
import { type Command, InvalidArgumentError } from "commander";
import { openStore, type SyncEvent, type SyncSummary, syncReadings } from "../../sync/index.js";
import { signInWebApi, webApiClient } from "../connect.js";
import type { CliContext } from "../context.js";
import { describeError, EXIT, UsageError } from "../errors.js";
import { periodOption, wholeNumber } from "../options.js";
import { skippedInstantaneousLine, splitIds } from "../sources.js";

const HELP = `
--db is a SQLite file (created if missing) or a postgres:// URL (tables created if missing).
A PostgreSQL password goes in PGPASSWORD or ~/.pgpass, never in --db (it would show in ps).
Tables: sources, readings(source, period, timestamp, value, status, consumption) and the
views daily_consumption and monthly_consumption (UK local days); see docs/sync.md.
  value         a register's running total (the meter reading), a virtual meter's value
  consumption   the use in the period: a register's periodValue, a virtual meter's value;
                NULL for instantaneous sources. Sum this column, not value.
A run fetches what the database lacks, and the last --lookback-days again, so late and revised
readings (interpolated ones replaced by real ones) are picked up. Readings are committed as they
arrive, with the record of what they cover: a killed run keeps what it got, the next carries on.
--shard K/N syncs the K-th of N stable shares of the sources, for N jobs into one PostgreSQL.`;

/** `--shard K/N`, 1 <= K <= N. */
function shardOption(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError("use K/N with 1 <= K <= N, e.g. 2/4");
  }
  return { index, count };
}

/** The target as it may be printed: a URL without its credentials. */
export function printableTarget(target: string): string {
  if (!/^postgres(ql)?:\/\//i.test(target)) return target;
  try {
    const url = new URL(target);
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return "the PostgreSQL URL given to --db";
  }
}

function checkTarget(target: string): void {
  if (!/^postgres(ql)?:\/\//i.test(target)) return;
  let password = "";
  try {
    password = new URL(target).password;
  } catch {
    throw new UsageError("--db is not a valid postgres:// URL");
  }
  if (password) {
    throw new UsageError(
      "--db must not carry a password (it would show in ps and shell history): set PGPASSWORD or use ~/.pgpass",
    );
  }
}

export function addSyncCommand(program: Command, context: CliContext): void {
  program
    .command("sync")
    .description("keep readings of registers and virtual meters in a SQLite or PostgreSQL database")
    .requiredOption("--db <target>", "SQLite file, or postgres://user@host/database")
    .option("--ids <id...>", "readings ids, e.g. R768 VM11, or M426 for a meter's registers")
    .option("--all", "every register and virtual meter the account can see")
    .requiredOption("--start <date>", 'first day: "yyyy-mm-dd" (UTC) or ISO 8601 with a zone')
    .option("--end <date>", "end (exclusive); default now, floored to the period")
    .addOption(periodOption())
    .option(
      "--lookback-days <n>",
      "days before the last run's end fetched again",
      wholeNumber("--lookback-days", 0),
      7,
    )
    .option(
      "--jobs <n>",
      "sources synced at once, one request in flight each",
      wholeNumber("--jobs", 1),
      2,
    )
    .option("--shard <K/N>", "only the K-th of N stable shares of the sources", shardOption)
    .option(
      "--max-window-days <days>",
      "longest span of one request (default 365)",
      wholeNumber("--max-window-days", 1),
    )
    .addHelpText("after", HELP)
    .action(async (options) => {
      if (Boolean(options.all) === Boolean(options.ids)) {
        throw new UsageError("Give either --all or --ids");
      }
      checkTarget(options.db);
      let requests = 0;
      // The environment is checked before the database is opened (a refused run creates no
      // file), and a bad --db is told before signing in.
      const connect = context.connectOptions();
      const client = webApiClient(
        connect,
        { maxConcurrent: options.jobs, hooks: { beforeRequest: [() => void requests++] } },
        "dcs sync",
      );
      const store = await openStore(options.db);
      try {
        await signInWebApi(client, connect);
        // The engine resolves R…, VM… and M… ids from the meter lists it reads anyway.
        const sources = options.ids ? splitIds(options.ids) : undefined;
        const progress = syncProgress(context);
        const summary = await syncReadings({
          client,
          store,
          ...(sources ? { sources } : {}),
          start: options.start,
          ...(options.end ? { end: options.end } : {}),
          period: options.period,
          lookbackDays: options.lookbackDays,
          jobs: options.jobs,
          ...(options.maxWindowDays ? { windowDays: options.maxWindowDays } : {}),
          ...(options.shard ? { shard: options.shard } : {}),
          signal: context.signal,
          onProgress: progress.onEvent,
        }).finally(progress.stop);
        report(context, summary, requests, printableTarget(options.db));
      } finally {
        await client.signOut();
        await store.close();
      }
    });
}

/** Failures always; the summary unless `--quiet`. */
function report(context: CliContext, s: SyncSummary, requests: number, target: string): void {
  const { stderr } = context.io;
  for (const f of s.failed) stderr.write(`${f.source} failed: ${describeError(f.error)}\n`);
  if (s.skipped.length > 0) {
    stderr.write(
      skippedInstantaneousLine(
        s.skipped.map((k) => k.source),
        "",
      ),
    );
  }
  if (!context.quiet()) {
    const n = (x: number) => x.toLocaleString("en-GB");
    stderr.write(
      `Synced ${n(s.sources)} source(s) into ${target}: ${n(s.readings)} readings fetched, ` +
        `${n(s.inserted)} inserted, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ` +
        `${n(s.deleted)} deleted; ${n(requests)} requests; ${s.seconds.toFixed(1)} s` +
        `${s.failed.length > 0 ? `; ${s.failed.length} FAILED` : ""}.\n`,
    );
  }
  if (s.failed.length > 0) context.setExit(EXIT.failed);
}

/**
 * On a terminal, one line redrawn at most 10 times a second: sources done, readings, rate.
 * Elsewhere (cron, logs) a line per finished source; nothing with `--quiet`.
 */
function syncProgress(context: CliContext): { onEvent(e: SyncEvent): void; stop(): void } {
  const { stderr } = context.io;
  if (context.quiet()) return { onEvent: () => {}, stop: () => {} };
  const started = performance.now();
  let done = 0;
  let readings = 0;
  let drawn = 0;
  const line = () => {
    const rate = readings / Math.max((performance.now() - started) / 1000, 0.001);
    return `sync: ${done} source(s) done, ${readings.toLocaleString("en-GB")} readings, ${Math.round(rate).toLocaleString("en-GB")}/s`;
  };
  const terminal = Boolean(stderr.isTTY) && !context.verbose();
  return {
    onEvent(event) {
      if (event.type === "window") readings += event.readings;
      if (event.type === "sourceEnd") {
        done++;
        if (!terminal && !event.error) {
          stderr.write(`${event.source}: ${event.readings.toLocaleString("en-GB")} readings\n`);
        }
      }
      if (terminal && performance.now() - drawn > 100) {
        drawn = performance.now();
        stderr.write(`\r${line()}\u001b[K`);
      }
    },
    stop() {
      if (terminal) stderr.write(`\r${line()}\u001b[K\n`);
    },
  };
}
