/**
 * What the server says of a source, fetched apart from the sync engine and mapped by hand to
 * the rows the `readings` table should hold (timestamps in Unix seconds), for the stores' tests.
 */
import type { DcsWebApi } from "../../src/index.js";

export type SourceKind = "register" | "instantaneous" | "virtualMeter";

export async function serverRows(
  client: DcsWebApi,
  source: string,
  kind: SourceKind,
  range: { startTime: string; endTime: string },
) {
  if (kind === "register") {
    const res = await client.largeReadings(source, { ...range, format: "complete" });
    return (await res.readings.toArray()).map((r) => ({
      timestamp: r.timestamp.getTime() / 1000,
      value: r.totalValue,
      status: r.status,
      consumption: r.periodValue,
    }));
  }
  const vm = (await client.virtualMeters()).find((v) => `VM${v.id}` === source);
  const res = await client.largeReadings(source, range);
  return (await res.readings.toArray()).map((r) => {
    const places = vm?.decimalPlaces;
    const value = places === undefined ? r.value : Number(r.value.toFixed(places));
    return {
      timestamp: r.timestamp.getTime() / 1000,
      value: Number.isNaN(value) ? null : value,
      status: r.status,
      consumption: kind === "instantaneous" ? null : value,
    };
  });
}
