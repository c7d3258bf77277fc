/**
 * What the user named on the command line, as readings sources: `R…` and `VM…` ids, `M…`
 * meters (all their registers, as DCS's export definitions read a meter) and groups of the
 * meter tree (every register of their meters and every virtual meter, sub-groups included, as
 * DCS's reports read a group). The one place `readings` and `export` resolve them; `dcs sync`
 * leaves R…, VM… and M… ids to the sync engine, which reads the meter lists anyway.
 */
import { sourceRef } from "../core/ids.js";
import type { MeterGroup } from "../node.js";
import { type CliSource, type Connection, parseCliSource, sourcesOf } from "./connect.js";
import { UsageError } from "./errors.js";

/** What the user named: ids (`R733`, `VM9`, `M426`, or several with commas) and groups. */
export interface SourceSelection {
  ids?: readonly string[];
  /** Groups by name (any case) or id; 0 is the root, the whole tree. */
  groups?: readonly string[];
}

/** A name on the command line, before the meter lists are read. */
type Named = { meter: number } | { group: string } | { source: CliSource };

const METER_ID = /^M(\d{1,10})$/i;

/** The ids of the command line, given apart or joined by commas (`R1,VM2 M3`). */
export function splitIds(texts: readonly string[]): string[] {
  return texts
    .flatMap((text) => text.split(","))
    .map((text) => text.trim())
    .filter(Boolean);
}

/** The one line that says which instantaneous sources were left out, and what to do instead. */
export function skippedInstantaneousLine(ids: readonly string[], instead: string): string {
  const shown = ids.slice(0, 5);
  const more = ids.length - shown.length;
  return (
    `Skipped ${ids.length} instantaneous source(s), which have half-hours only ` +
    `(${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""})${instead}.\n`
  );
}

/**
 * The sources the selection names, each once, in the order named, with what the meter lists
 * say of them. Throws a UsageError for an unknown meter or group, a group name two groups
 * share, or a selection that names nothing.
 */
export async function resolveSources(
  connection: Connection,
  selection: SourceSelection,
): Promise<CliSource[]> {
  const named: Named[] = [
    ...splitIds(selection.ids ?? []).map(nameOf),
    ...(selection.groups ?? []).map((group) => ({ group })),
  ];
  if (named.length === 0) throw new UsageError("Give readings ids or --group");
  const groups = named.some((n) => "group" in n);
  const names = (kind: CliSource["kind"]) =>
    groups || named.some((n) => ("source" in n ? n.source.kind === kind : kind === "register"));
  const [tree, meters, vms] = await Promise.all([
    groups ? connection.meterTree() : undefined,
    names("register") ? connection.meters() : [],
    names("virtualMeter") ? connection.virtualMeters() : [],
  ]);
  const known = new Map(sourcesOf(meters, vms).map((s) => [s.wire, s]));
  const described = (source: CliSource) => known.get(source.wire) ?? source;
  const registersOf = (meterId: number): CliSource[] | undefined => {
    const meter = meters.find((m) => m.id === meterId);
    return meter && sourcesOf([meter], []);
  };
  const sources = named.flatMap((n): CliSource[] => {
    if ("source" in n) return [described(n.source)];
    if ("meter" in n) {
      const registers = registersOf(n.meter);
      if (registers) return registers;
      throw new UsageError(
        `M${n.meter} is not a meter this account can see (see "dcs meters" or "dcs tree")`,
      );
    }
    const group = findGroup(tree as MeterGroup, n.group);
    return [
      ...meterIdsIn(group).flatMap((id) => registersOf(id) ?? []),
      ...vmIdsIn(group).map((id) => described(sourceRef("virtualMeter", id))),
    ];
  });
  if (sources.length === 0) {
    throw new UsageError("The groups named hold no register or virtual meter this account can see");
  }
  return [...new Map(sources.map((s) => [s.wire, s])).values()];
}

function nameOf(text: string): Named {
  const meter = METER_ID.exec(text);
  return meter ? { meter: Number(meter[1]) } : { source: parseCliSource(text) };
}

/** The group `text` names: its id, or its name in any case (which must be one group's). */
export function findGroup(tree: MeterGroup, text: string): MeterGroup {
  const wanted = text.trim();
  const all = groupsIn(tree);
  const found = /^\d+$/.test(wanted)
    ? all.filter((g) => g.id === Number(wanted))
    : all.filter((g) => g.name.trim().toLowerCase() === wanted.toLowerCase());
  if (found.length === 0) {
    throw new UsageError(`no group "${text}" in the meter tree (see "dcs tree")`);
  }
  if (found.length > 1) {
    const ids = found.map((g) => g.id).join(", ");
    throw new UsageError(`${found.length} groups are named "${text}" (ids ${ids}): give the id`);
  }
  return found[0] as MeterGroup;
}

const groupsIn = (group: MeterGroup): MeterGroup[] => [
  group,
  ...(group.meterGroups ?? []).flatMap(groupsIn),
];
const meterIdsIn = (group: MeterGroup) =>
  groupsIn(group).flatMap((g) => (g.meters ?? []).map((m) => m.id));
const vmIdsIn = (group: MeterGroup) =>
  groupsIn(group).flatMap((g) => (g.virtualMeters ?? []).map((v) => v.id));
