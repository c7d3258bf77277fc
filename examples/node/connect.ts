/**
 * Shared by the Node examples: the client from the environment, and "consumption" readings
 * of either kind of source.
 *
 *   DCS_URL       the current API's root, e.g. https://dcs.example.org/DCSWebApi (required)
 *   DCS_USERNAME  account to sign in as; omit (with DCS_PASSWORD) for the public endpoints
 *   DCS_PASSWORD  its password; read from the environment only, never from the command line
 */
import { type CompleteReading, type DateInput, DcsWebApi, type SourceId } from "coherent-dcs";

/** A signed-in client (or a public one when no user is set). Dispose it to sign out. */
export async function connect(): Promise<DcsWebApi> {
  const url = process.env.DCS_URL;
  if (!url) fail("set DCS_URL to the DCS Web API root, e.g. https://dcs.example.org/DCSWebApi");
  const dcs = new DcsWebApi(url);
  const user = process.env.DCS_USERNAME;
  const password = process.env.DCS_PASSWORD;
  if (password && !user) fail("DCS_PASSWORD is set but DCS_USERNAME is not: set both, or neither");
  if (user) await dcs.signIn(user, password ?? "");
  return dcs;
}

/** Prints a usage or configuration problem and exits with 2, like the `dcs` command. */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** A half-hour (or other period) of consumption. */
export interface Consumption {
  timestamp: Date;
  value: number;
  status: number;
}

/** The header of a readings result and its readings as consumption. */
export interface ConsumptionResult {
  /** `"METER: REGISTER"` or the virtual meter's name. */
  name: string;
  unit: string;
  readings: AsyncIterable<Consumption>;
}

/**
 * The consumption per period of a register (`R768`) or virtual meter (`VM11`), streamed over
 * any range. A register's standard `value` is its running total, so for registers this asks
 * for the complete format and uses `periodValue`; a virtual meter's `value` already is the
 * consumption.
 */
export async function consumption(
  dcs: DcsWebApi,
  id: SourceId,
  startTime: DateInput,
  endTime: DateInput,
): Promise<ConsumptionResult> {
  const isRegister = typeof id === "string" ? /^R\d+$/i.test(id) : "register" in id;
  if (!isRegister) {
    const res = await dcs.largeReadings(id, { startTime, endTime });
    return { name: res.name, unit: res.unit, readings: res.readings };
  }
  const res = await dcs.largeReadings(id, { startTime, endTime, format: "complete" });
  return { name: res.name, unit: res.unit, readings: periodValues(res.readings) };
}

async function* periodValues(readings: AsyncIterable<CompleteReading>) {
  for await (const r of readings)
    yield { timestamp: r.timestamp, value: r.periodValue, status: r.status };
}

/** Midnight UTC today, as "yyyy-mm-dd". */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
