/**
 * Options more than one command takes: whole numbers, the integration period, the readings
 * range and settings of `readings` and `export`, and the groups they read.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { addPeriods, PERIOD_TYPES, parsePeriodType } from "../core/periods.js";
import { toInstant } from "../core/time.js";
import type { CliReadingsQuery } from "./connect.js";
import { UsageError } from "./errors.js";

/** A parser for an option that takes a whole number of at least `min`. */
export const wholeNumber = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new InvalidArgumentError(`${name} needs a whole number >= ${min}`);
  return n;
};

/** `--period`, in any case; halfHour unless given. */
export const periodOption = () =>
  new Option("--period <type>", `integration period: ${PERIOD_TYPES.join(", ")} (any case)`)
    .argParser((value: string) => {
      const period = parsePeriodType(value);
      if (!period) throw new InvalidArgumentError(`use one of ${PERIOD_TYPES.join(", ")}`);
      return period;
    })
    .default("halfHour");

const COLUMNS_HELP = `
Columns (current API, --format standard):
  timestamp     start of the period, UTC
  value         what DCS calls the value: a register's running total (the meter reading),
                an instantaneous register's reading, a virtual meter's value for the period
  consumption   the use in the period, comparable between registers and virtual meters
                (a register's periodValue; a virtual meter's value); empty for instantaneous
                sources. Sum or compare this column, not value.
  status        bits: 1 interpolated, 2 register reset
Virtual meter values are written to their decimal places. The legacy API (DCS_V3_URL) writes
its own fields: startTime, duration, totalValue, periodValue (the consumption), ...`;

/** The range and settings of a readings download; read them back with {@link readingsQuery}. */
export function addReadingsOptions(command: Command): Command {
  return command
    .requiredOption(
      "--start <date>",
      'start (inclusive): "yyyy-mm-dd" (midnight UTC) or ISO 8601 with a zone',
    )
    .option("--end <date>", "end (exclusive)")
    .option(
      "--count <n>",
      "number of periods from --start (instead of --end)",
      wholeNumber("--count", 1),
    )
    .addOption(periodOption())
    .addOption(
      new Option(
        "--format <format>",
        "standard: value and consumption; complete: the server's totalValue and periodValue (registers only)",
      )
        .choices(["standard", "complete"])
        .default("standard"),
    )
    .option("--no-calibrated", "do not apply calibration readings")
    .option("--no-interpolated", "do not fill gaps")
    .option(
      "--max-window-days <days>",
      "longest span of one request",
      wholeNumber("--max-window-days", 1),
    )
    .addHelpText("after", COLUMNS_HELP);
}

/** The query the options of {@link addReadingsOptions} describe. */
export function readingsQuery(options: Record<string, unknown>): CliReadingsQuery {
  const period = options.period as CliReadingsQuery["period"];
  const start = toInstant(options.start as string, "--start");
  if ((options.end === undefined) === (options.count === undefined)) {
    throw new UsageError("Give --end or --count (one of them) with --start");
  }
  const end =
    options.end !== undefined
      ? toInstant(options.end as string, "--end")
      : addPeriods(start, period, options.count as number);
  return {
    start: new Date(start),
    end: new Date(end),
    period,
    format: options.format as "standard" | "complete",
    calibrated: options.calibrated as boolean,
    interpolated: options.interpolated as boolean,
    ...(options.maxWindowDays ? { maxWindowDays: options.maxWindowDays as number } : {}),
  };
}

/** `--group`, besides the ids a command takes (resolve them with `resolveSources`). */
export function addSelectionOptions(command: Command): Command {
  return command.option(
    "--group <group...>",
    "groups of the meter tree, by name or id (see dcs tree): every register of their meters and every virtual meter, sub-groups included (legacy API)",
  );
}

/** `--json` and `--ndjson` of the list commands (read them with `listFormat`). */
export function addListOptions(command: Command): Command {
  return command.option("--json", "JSON array").option("--ndjson", "one JSON object per line");
}
