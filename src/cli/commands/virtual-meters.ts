/** `dcs virtual-meters`: the virtual meters, and the readings id of each. */
import type { Command } from "commander";
import { sourceRef } from "../../core/ids.js";
import type { CliContext } from "../context.js";
import { addListOptions } from "../options.js";
import { listFormat, printList, table } from "../output.js";

export function addVirtualMetersCommand(program: Command, context: CliContext): void {
  addListOptions(
    program.command("virtual-meters").description("list virtual meters (use VM<id> for readings)"),
  ).action((options) =>
    context.withConnection(async (c) => {
      const vms = await c.virtualMeters();
      printList(context.io.stdout, listFormat(options, context.io.stdout), vms, () =>
        table(
          ["readings id", "name", "unit", "expression"],
          vms.map((v) => [sourceRef("virtualMeter", v.id).wire, v.name, v.unit, v.expression]),
        ),
      );
    }),
  );
}
