/**
 * Lists every source that has readings: each register of each meter (`R…`) and each virtual
 * meter (`VM…`), with its name and unit. These ids, never a meter's own id, go to readings().
 *
 *   npm run example -- list-sources
 */
import { connect } from "./connect.js";

await using dcs = await connect();
const [meters, virtualMeters] = [await dcs.meters(), await dcs.virtualMeters()];

const rows: string[][] = [["id", "unit", "name"]];
for (const meter of meters) {
  for (const register of meter.registers) {
    rows.push([`R${register.id}`, register.unit, `${meter.name}: ${register.name}`]);
  }
}
for (const vm of virtualMeters) rows.push([`VM${vm.id}`, vm.unit, `${vm.name} = ${vm.expression}`]);

const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const [id, unit, name] of rows) {
  console.log(`${id!.padEnd(widths[0]!)}  ${unit!.padEnd(widths[1]!)}  ${name}`);
}
console.log(
  `${meters.reduce((n, m) => n + m.registers.length, 0)} registers on ${meters.length} meters, ` +
    `${virtualMeters.length} virtual meters`,
);
