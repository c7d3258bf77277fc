/** `dcs meters`: the meters with their registers, and the readings id of each register. */
import type { Command } from "commander";
import { sourceRef } from "../../core/ids.js";
import type { CliContext } from "../context.js";
import { addListOptions } from "../options.js";
import { listFormat, printList, table } from "../output.js";

export function addMetersCommand(program: Command, context: CliContext): void {
  addListOptions(
    program
      .command("meters")
      .description("list meters with their registers (use the R<id> of a register for readings)"),
  ).action((options) =>
    context.withConnection(async (c) => {
      const meters = await c.meters();
      printList(context.io.stdout, listFormat(options, context.io.stdout), meters, () =>
        table(
          ["readings id", "register", "unit", "meter", "meter status"],
          meters.flatMap((m) =>
            m.registers.map((r) => [
              sourceRef("register", r.id).wire,
              r.name,
              r.unit,
              m.name,
              m.status,
            ]),
          ),
        ),
      );
    }),
  );
}
