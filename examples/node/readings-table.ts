/**
 * Loads readings into table structures for analysis: first columns of arrays (one typed array
 * per field, what dataframe libraries and charting want), then a matrix of days by half-hour
 * slots, and prints a small summary per day.
 *
 *   npm run example -- readings-table VM11 2024-01-01 2024-01-08
 */
import { ReadingStatus } from "coherent-dcs";
import { connect, consumption, fail } from "./connect.js";

const DAY_MS = 86_400_000;
const SLOT_MS = 1_800_000;
const SLOTS = DAY_MS / SLOT_MS;

const [id, start, end] = process.argv.slice(2);
if (!id || !start || !end) fail("usage: readings-table <R id | VM id> <start> <end>");

await using dcs = await connect();
const res = await consumption(dcs, id, start, end);

// Columns of arrays: one entry per half hour.
const time: number[] = [];
const value: number[] = [];
const status: number[] = [];
for await (const r of res.readings) {
  time.push(r.timestamp.getTime());
  value.push(r.value);
  status.push(r.status);
}
const columns = {
  time: Float64Array.from(time),
  value: Float64Array.from(value),
  status: Uint8Array.from(status),
};

// Days x 48 slots (UTC days), NaN where a slot has no reading.
const firstDay = Math.floor((columns.time[0] ?? 0) / DAY_MS) * DAY_MS;
const days = Math.ceil(((columns.time.at(-1) ?? firstDay) + SLOT_MS - firstDay) / DAY_MS);
const matrix = Array.from({ length: days }, () => new Float64Array(SLOTS).fill(Number.NaN));
const interpolatedPerDay = new Uint16Array(days);
for (let i = 0; i < columns.time.length; i++) {
  const offset = columns.time[i]! - firstDay;
  const day = Math.floor(offset / DAY_MS);
  matrix[day]![Math.floor((offset % DAY_MS) / SLOT_MS)] = columns.value[i]!;
  if (columns.status[i]! & ReadingStatus.Interpolated) interpolatedPerDay[day]!++;
}

const slotTime = (slot: number) => new Date(slot * SLOT_MS).toISOString().slice(11, 16);
const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "-");
console.log(`${res.name} (${res.unit} per half hour), ${columns.time.length} readings`);
console.log("day         total       min       max  peak   interpolated");
for (let day = 0; day < days; day++) {
  const row = matrix[day]!;
  const finite = row.filter(Number.isFinite);
  const peak = finite.length ? row.indexOf(Math.max(...finite)) : -1;
  console.log(
    [
      new Date(firstDay + day * DAY_MS).toISOString().slice(0, 10),
      fixed(finite.reduce((a, b) => a + b, 0)).padStart(9),
      fixed(finite.length ? Math.min(...finite) : Number.NaN).padStart(9),
      fixed(finite.length ? Math.max(...finite) : Number.NaN).padStart(9),
      peak >= 0 ? slotTime(peak) : "  -  ",
      String(interpolatedPerDay[day]).padStart(13),
    ].join(" "),
  );
}
