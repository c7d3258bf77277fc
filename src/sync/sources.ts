/**
 * The sources of a sync: the rows of the `sources` table from the meter lists, and the stable
 * shares `--shard K/N` takes.
 */
import type { Meter, VirtualMeter } from "../index.js";
import type { SyncSource } from "./store.js";

/** FNV-1a of a readings id: a share that stays the same whoever lists the sources. */
export function shardOf(source: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    hash ^= source.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % count) + 1;
}

/** The sources of the meter lists, as the `sources` table holds them. */
export function syncSourcesOf(
  meters: readonly Meter[],
  vms: readonly VirtualMeter[],
): SyncSource[] {
  return [
    ...meters.flatMap((m) =>
      m.registers.map(
        (r): SyncSource => ({
          source: `R${r.id}`,
          kind: "register",
          name: r.name,
          unit: r.unit,
          meterId: m.id,
          meterName: m.name,
          serialNumber: m.serialNumber,
          isInstantaneous: r.isInstantaneous,
          decimalPlaces: null,
          expression: null,
        }),
      ),
    ),
    ...vms.map(
      (v): SyncSource => ({
        source: `VM${v.id}`,
        kind: "virtualMeter",
        name: v.name,
        unit: v.unit,
        meterId: null,
        meterName: null,
        serialNumber: null,
        isInstantaneous: v.isInstantaneous,
        decimalPlaces: v.decimalPlaces ?? null,
        expression: v.expression,
      }),
    ),
  ];
}
