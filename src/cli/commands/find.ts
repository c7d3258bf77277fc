/** `dcs find <text>`: registers and virtual meters by name, with the readings ids to use. */
import type { Command } from "commander";
import { sourceRef } from "../../core/ids.js";
import type { Meter, VirtualMeter } from "../../node.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../errors.js";
import { table } from "../output.js";

interface Found {
  id: string;
  kind: string;
  name: string;
  unit: string;
}

/** The registers of meters whose name or own name holds `needle`, then such virtual meters. */
function matching(needle: string, meters: Meter[], vms: VirtualMeter[]): Found[] {
  const has = (name: string) => name.toLowerCase().includes(needle);
  return [
    ...meters.flatMap((m) =>
      m.registers
        .filter((r) => has(m.name) || has(r.name))
        .map((r) => ({
          id: sourceRef("register", r.id).wire,
          kind: "register",
          name: `${m.name}: ${r.name}`,
          unit: r.unit,
        })),
    ),
    ...vms
      .filter((v) => has(v.name))
      .map((v) => ({
        id: sourceRef("virtualMeter", v.id).wire,
        kind: "virtual meter",
        name: v.name,
        unit: v.unit,
      })),
  ];
}

export function addFindCommand(program: Command, context: CliContext): void {
  const { stdout, stderr } = context.io;
  program
    .command("find")
    .description(
      "find meters, registers and virtual meters by name, and print the ids to use for readings",
    )
    .argument("<text>", "part of a name (case-insensitive)")
    .option("--json", "JSON array")
    .action((text: string, options) =>
      context.withConnection(async (c) => {
        const [meters, vms] = await Promise.all([c.meters(), c.virtualMeters()]);
        const rows = matching(text.toLowerCase(), meters, vms);
        if (options.json) {
          stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else if (rows.length === 0) {
          stderr.write(`No meter, register or virtual meter name contains "${text}".\n`);
          context.setExit(EXIT.failed);
        } else {
          stdout.write(
            `${table(
              ["readings id", "kind", "name", "unit"],
              rows.map((r) => [r.id, r.kind, r.name, r.unit]),
            )}\n`,
          );
          stderr.write(
            "Use these R…/VM… ids for readings: a meter's own id is not a readings id.\n",
          );
        }
      }),
    );
}
