/**
 * Loads readings into a days x half-hours matrix and prints each day's total and peak.
 *
 *   npx deno run --allow-net --allow-env --allow-read examples/deno/readings-table.ts VM11 2024-01-01 2024-01-08
 */
import { connect, consumption, fail } from "./connect.ts";

const DAY_MS = 86_400_000;
const SLOT_MS = 1_800_000;

const [id, start, end] = Deno.args;
if (!id || !start || !end) fail("usage: readings-table.ts <R id | VM id> <start> <end>");

await using dcs = await connect();
const res = await consumption(dcs, id, start, end);

// One row per UTC day, 48 half-hour slots each; NaN where a slot has no reading.
const rows = new Map<string, Float64Array>();
for await (const r of res.readings) {
  const day = r.timestamp.toISOString().slice(0, 10);
  const row = rows.get(day) ?? new Float64Array(DAY_MS / SLOT_MS).fill(Number.NaN);
  rows.set(day, row);
  row[Math.floor((r.timestamp.getTime() % DAY_MS) / SLOT_MS)] = r.value;
}

console.log(`${res.name} (${res.unit} per half hour)`);
console.table(
  [...rows].map(([day, row]) => {
    const finite = row.filter(Number.isFinite);
    const peak = Math.max(...finite);
    return {
      day,
      total: Number(finite.reduce((a, b) => a + b, 0).toFixed(2)),
      peak,
      at: new Date(row.indexOf(peak) * SLOT_MS).toISOString().slice(11, 16),
    };
  }),
);
