/**
 * `dcs tree [group]`: the meter tree (the DCS web UI's folders, legacy API) with the ids to
 * use: `M…` for a meter's registers, `R…` and `VM…` for one source, the group's name or id
 * for `--group`.
 */
import type { Command } from "commander";
import type { MeterGroup } from "../../node.js";
import type { CliContext } from "../context.js";
import { findGroup } from "../sources.js";

/** The lines of a group and everything below it: meters with their registers, virtual meters, sub-groups. */
function treeLines(group: MeterGroup, depth = 0): string[] {
  const indent = (extra: number) => "  ".repeat(depth + extra);
  return [
    `${indent(0)}${group.name}  (group ${group.id})`,
    ...(group.meters ?? []).flatMap((m) => [
      `${indent(1)}M${m.id}  ${m.name}`,
      ...(m.registers ?? []).map((r) => `${indent(2)}R${r.id}  ${r.name}  ${r.unit}`),
    ]),
    ...(group.virtualMeters ?? []).map((v) => `${indent(1)}VM${v.id}  ${v.name}  ${v.unit}`),
    ...(group.meterGroups ?? []).flatMap((g) => treeLines(g, depth + 1)),
  ];
}

export function addTreeCommand(program: Command, context: CliContext): void {
  const { stdout, stderr } = context.io;
  program
    .command("tree")
    .description(
      "the meter tree (legacy API): groups with their meters, registers and virtual meters, and the ids to use",
    )
    .argument("[group]", "only this group, by name (any case) or id")
    .option("--json", "the tree as the server sends it")
    .action((name: string | undefined, options) =>
      context.withConnection(async (c) => {
        const tree = await c.meterTree();
        const group = name === undefined ? tree : findGroup(tree, name);
        if (options.json) {
          stdout.write(`${JSON.stringify(group, null, 2)}\n`);
          return;
        }
        stdout.write(`${treeLines(group).join("\n")}\n`);
        stderr.write(
          "For readings and export: R…/VM… for one source, M… for a meter's registers, --group <name or id> for a group's.\n",
        );
      }),
    );
}
