/**
 * The largest half-hour consumption of a virtual meter (or register) over a range, and when.
 *
 *   npx deno run --allow-net --allow-env --allow-read examples/deno/max-demand.ts VM11 2024-01-01 2025-01-01
 */
import { type Consumption, connect, consumption, fail } from "./connect.ts";

const [id, start, end] = Deno.args;
if (!id || !start || !end) fail("usage: max-demand.ts <VM id | R id> <start> <end>");

await using dcs = await connect();
const res = await consumption(dcs, id, start, end);
let max: Consumption | undefined;
let count = 0;
for await (const reading of res.readings) {
  count++;
  if (Number.isFinite(reading.value) && (max === undefined || reading.value > max.value)) {
    max = reading;
  }
}
if (!max) fail(`no finite readings for ${id} from ${start} to ${end}`);
console.log(`source: ${res.name}`);
console.log(`range: ${start} to ${end} (${count} readings)`);
console.log(`max demand: ${max.value} ${res.unit} in one period`);
console.log(`at: ${max.timestamp.toISOString()}`);
