/**
 * Shared by the Deno examples: the client from the environment, and consumption readings of
 * either kind of source. Same variables as the Node examples:
 *
 *   DCS_URL       the current API's root, e.g. https://dcs.example.org/DCSWebApi (required)
 *   DCS_USERNAME  account to sign in as; omit (with DCS_PASSWORD) for the public endpoints
 *   DCS_PASSWORD  its password; read from the environment only, never from the command line
 *
 * The package is imported from the build (`npm run build`); Deno finds its dependencies in
 * node_modules through the project's package.json.
 */
// @ts-types="../../dist/index.d.ts"
import { DcsWebApi, type SourceId } from "../../dist/index.js";

/** A signed-in client (or a public one when no user is set). Dispose it to sign out. */
export async function connect(): Promise<DcsWebApi> {
  const url = Deno.env.get("DCS_URL");
  if (!url) fail("set DCS_URL to the DCS Web API root, e.g. https://dcs.example.org/DCSWebApi");
  const dcs = new DcsWebApi(url);
  const user = Deno.env.get("DCS_USERNAME");
  const password = Deno.env.get("DCS_PASSWORD");
  if (password && !user) fail("DCS_PASSWORD is set but DCS_USERNAME is not: set both, or neither");
  if (user) await dcs.signIn(user, password ?? "");
  return dcs;
}

/** Prints a usage or configuration problem and exits with 2, like the `dcs` command. */
export function fail(message: string): never {
  console.error(message);
  Deno.exit(2);
}

/** One period of consumption. */
export interface Consumption {
  timestamp: Date;
  value: number;
  status: number;
}

/**
 * The consumption per period of a register (`R768`: the complete format's `periodValue`, as
 * a register's standard `value` is its running total) or a virtual meter (`VM11`: `value`).
 */
export async function consumption(
  dcs: DcsWebApi,
  id: SourceId,
  startTime: string,
  endTime: string,
): Promise<{ name: string; unit: string; readings: AsyncIterable<Consumption> }> {
  const isRegister = typeof id === "string" ? /^R\d+$/i.test(id) : "register" in id;
  if (!isRegister) {
    const res = await dcs.largeReadings(id, { startTime, endTime });
    return { name: res.name, unit: res.unit, readings: res.readings };
  }
  const res = await dcs.largeReadings(id, { startTime, endTime, format: "complete" });
  async function* periodValues(): AsyncGenerator<Consumption> {
    for await (const r of res.readings) {
      yield { timestamp: r.timestamp, value: r.periodValue, status: r.status };
    }
  }
  return { name: res.name, unit: res.unit, readings: periodValues() };
}
