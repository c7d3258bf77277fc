/**
 * What can be plotted: every register (named by its meter and itself, since every incomer has
 * a register called "Active Energy (import)") and every virtual meter, found by words.
 */
import type { Meter, VirtualMeter } from "coherent-dcs";

/** At most this many sources are compared at once. */
export const MAX_SOURCES = 6;

export interface SourceInfo {
  /** The readings id: `R701` or `VM11`. */
  id: string;
  kind: "register" | "virtualMeter";
  /** The meter's name; "Virtual meter" for virtual meters. */
  meter: string;
  /** The register's or virtual meter's own name. */
  name: string;
  unit: string;
  /**
   * Instantaneous sources (kW, V, °C) are levels: they have no consumption. The others are
   * consumption per period: a register's `periodValue`, a virtual meter's `value`.
   */
  instantaneous: boolean;
  /** A virtual meter's decimal places, when DCS says. */
  decimalPlaces: number | undefined;
}

export function listSources(
  meters: readonly Meter[],
  virtualMeters: readonly VirtualMeter[],
): SourceInfo[] {
  const registers = meters.flatMap((meter) =>
    meter.registers.map(
      (register): SourceInfo => ({
        id: `R${register.id}`,
        kind: "register",
        meter: meter.name,
        name: register.name,
        unit: register.unit,
        instantaneous: register.isInstantaneous,
        decimalPlaces: undefined,
      }),
    ),
  );
  const virtual = virtualMeters.map(
    (vm): SourceInfo => ({
      id: `VM${vm.id}`,
      kind: "virtualMeter",
      meter: "Virtual meter",
      name: vm.name,
      unit: vm.unit,
      instantaneous: vm.isInstantaneous,
      decimalPlaces: vm.decimalPlaces,
    }),
  );
  return [...registers, ...virtual];
}

/** `Medical School Main Incomer: Active Energy (import)`, or a virtual meter's name. */
export function sourceLabel(source: SourceInfo): string {
  return source.kind === "register" ? `${source.meter}: ${source.name}` : source.name;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The sources where every word of `query` (any case, any order) starts a word of the meter's
 * name, the name, the unit or the id: "active energy" finds no "Reactive Energy".
 */
export function findSources(sources: readonly SourceInfo[], query: string): SourceInfo[] {
  const wanted = words(query);
  return sources.filter((source) => {
    const have = words(`${source.meter} ${source.name} ${source.unit} ${source.id}`);
    return wanted.every((word) => have.some((w) => w.startsWith(word)));
  });
}

/**
 * The unit of a rate of `unit` per hour: kWh gives kW (a demand), kvarh kvar, m³ m³/h. A
 * level's unit is its own.
 */
export function rateUnit(source: SourceInfo): string {
  if (source.instantaneous) return source.unit;
  return /^[kMG]?(W|var|VA)h$/.test(source.unit) ? source.unit.slice(0, -1) : `${source.unit}/h`;
}
