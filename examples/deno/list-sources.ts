/**
 * Lists every register (`R…`) and virtual meter (`VM…`): the ids readings() takes.
 *
 *   npx deno run --allow-net --allow-env --allow-read examples/deno/list-sources.ts
 */
import { connect } from "./connect.ts";

await using dcs = await connect();
const meters = await dcs.meters();
const virtualMeters = await dcs.virtualMeters();

for (const meter of meters) {
  for (const register of meter.registers) {
    console.log(`R${register.id}\t${register.unit}\t${meter.name}: ${register.name}`);
  }
}
for (const vm of virtualMeters)
  console.log(`VM${vm.id}\t${vm.unit}\t${vm.name} = ${vm.expression}`);
console.log(
  `${meters.reduce((n, m) => n + m.registers.length, 0)} registers on ${meters.length} meters, ` +
    `${virtualMeters.length} virtual meters`,
);
