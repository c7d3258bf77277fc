/**
 * The maximum demand of a virtual meter (or register): its largest half-hour consumption over
 * a range, and when it happened. Streams the readings, so any range runs in flat memory.
 *
 *   npm run example -- max-demand "<virtual meter name>" [start] [end]
 *   npm run example -- max-demand VM11 2024-01-01 2025-01-01
 *
 * start defaults to 1 January of this year, end to today (both midnight UTC).
 */
import { ReadingStatus, type SourceId } from "coherent-dcs";
import { type Consumption, connect, consumption, fail, todayUtc } from "./connect.js";

const [which, start = `${todayUtc().slice(0, 4)}-01-01`, end = todayUtc()] = process.argv.slice(2);
if (!which) fail("usage: max-demand <VM id | R id | virtual meter name> [start] [end]");

await using dcs = await connect();

let id: SourceId = which;
if (!/^(R|VM)\d+$/i.test(which)) {
  // A name: look it up among the virtual meters, as the ids are not memorable.
  const vm = (await dcs.virtualMeters()).find((v) => v.name === which);
  if (!vm) fail(`no virtual meter is named ${JSON.stringify(which)}`);
  id = { virtualMeter: vm.id };
}

const res = await consumption(dcs, id, start, end);
let max: Consumption | undefined;
let count = 0;
for await (const reading of res.readings) {
  count++;
  if (Number.isFinite(reading.value) && (max === undefined || reading.value > max.value)) {
    max = reading;
  }
}

if (!max) fail(`no finite readings for ${which} from ${start} to ${end}`);
const interpolated = max.status & ReadingStatus.Interpolated ? " (interpolated)" : "";
console.log(`source: ${res.name}`);
console.log(`range: ${start} to ${end} (${count} readings)`);
console.log(`max demand: ${max.value} ${res.unit} in one period${interpolated}`);
console.log(`at: ${max.timestamp.toISOString()}`);
