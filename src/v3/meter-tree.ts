/**
 * Reading the meter tree that `DcsSession.getMeterTree` returns.
 */
import { DcsArgumentError } from "../core/errors.js";
import type { MeterGroup, MeterSummary } from "../schemas/types.js";

/**
 * The meters of a group of the meter tree and of all its sub-groups, as one flat list in tree
 * order (a group's own meters, then each sub-group's in turn): pythondcspro's
 * `get_meters_from_group`. From the root of the tree it holds the meters `getMeters()` lists.
 * A new list on every call; the tree is not changed. A tree fetched with `groupsOnly` has no
 * meters to give.
 */
export function metersFromGroup(group: MeterGroup): MeterSummary[] {
  if (typeof group !== "object" || group === null) {
    throw new DcsArgumentError("metersFromGroup needs a group of the tree getMeterTree() gives");
  }
  const meters: MeterSummary[] = [];
  // A stack rather than recursion, so that no depth of tree runs out of call stack.
  const pending: MeterGroup[] = [group];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const meter of next.meters ?? []) meters.push(meter);
    const children = next.meterGroups ?? [];
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as MeterGroup);
  }
  return meters;
}
