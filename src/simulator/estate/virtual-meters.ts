/**
 * Virtual meters: recipes a site's energy manager would write (a site total, the unmetered
 * part of a building, corrected gas volumes, an average…) over registers of one unit, tried
 * in turn, each turn over the next registers that fit, until there are enough.
 */
import type { SimMeter, SimRegister, SimVirtualMeter } from "../types.js";
import { type MeterRole, uniqueName } from "./names.js";
import type { Rng } from "./random.js";
import type { RegisterRecord } from "./records.js";

/** A register a recipe may use. */
interface Candidate {
  register: SimRegister;
  meter: SimMeter;
  role: MeterRole;
  kind: string;
}

/** The registers of each kind that recipes draw from. */
interface Pools {
  imports: Candidate[];
  mains: Candidate[];
  gas: Candidate[];
  water: Candidate[];
  power: Candidate[];
  volts: Candidate[];
  cumulative: Candidate[];
}

interface Made {
  name: string;
  expression: string;
  parts: Candidate[];
  /** Aliases are the prefix and a number (R1, R2…), or just "A" for the prefix "A". */
  aliasPrefix: string;
  unit?: string;
  instantaneous?: boolean;
  decimalPlaces?: number;
}

/** Up to `n` of `items`, starting further along on each turn. */
type Take = (items: Candidate[], n: number) => Candidate[];

type Recipe = (pools: Pools, take: Take) => Made | undefined;

const fullName = (c: Candidate) => `${c.meter.name}: ${c.register.name}`;

/** "R1", "R2"… for each part. */
const aliases = (prefix: string, parts: readonly Candidate[]) =>
  parts.map((_, i) => `${prefix}${i + 1}`);

const total = (name: string, prefix: string, parts: Candidate[], decimalPlaces?: number) =>
  parts.length === 0
    ? undefined
    : {
        name,
        expression: aliases(prefix, parts).join("+"),
        parts,
        aliasPrefix: prefix,
        decimalPlaces,
      };

const buildingOf = (c: Candidate) => c.meter.name.replace(/ (Main Incomer|Incomer \d)$/, "");

const RECIPES: readonly Recipe[] = [
  (p, take) => total("Site Electricity", "R", take(p.mains.length >= 2 ? p.mains : p.imports, 4)),
  // As the User Guide's first ternary example: a building's unmetered part, never below zero.
  (p, take) => {
    const main = take(p.mains, 1)[0];
    if (!main) return undefined;
    const building = buildingOf(main);
    const subs = p.imports
      .filter((c) => c.role === "sub" && c.meter.name.startsWith(building))
      .slice(0, 3);
    if (subs.length === 0) return undefined;
    const difference = aliases("R", [main, ...subs]).join("-");
    return {
      name: `${building} Unmetered Electricity`,
      expression: `${difference} >= 0 ? ${difference} : 0`,
      parts: [main, ...subs],
      aliasPrefix: "R",
    };
  },
  (p, take) => {
    const parts = take(p.gas, 3);
    const sum = total("Gas Volume (corrected)", "G", parts, 2);
    if (!sum) return undefined;
    return {
      ...sum,
      expression: parts.length === 1 ? "G1*1.02264" : `(${sum.expression})*1.02264`,
    };
  },
  (p, take) => {
    const parts = take(p.gas, 1);
    if (parts.length === 0) return undefined;
    return {
      name: `${parts[0]?.meter.name} Energy Estimate`,
      expression: "(V1*1.02264*39.5)/3.6",
      parts,
      aliasPrefix: "V",
      unit: "kWh",
    };
  },
  (p, take) => {
    const parts = take(p.power.length > 0 ? p.power : p.volts, 3);
    if (parts.length === 0) return undefined;
    if (p.power.length > 0) {
      const demand = total("Site Electrical Demand", "P", parts);
      return demand && { ...demand, instantaneous: true };
    }
    return {
      name: "Average Voltage",
      expression: `(${aliases("V", parts).join("+")})/${parts.length}`,
      parts,
      aliasPrefix: "V",
      instantaneous: true,
    };
  },
  (p, take) => total("Water Total", "W", take(p.water, 3), 3),
  (p, take) => {
    const parts = take(p.imports, 2);
    if (parts.length < 2) return undefined;
    return { name: "Electricity Share", expression: "(R1-R2)*0.5", parts, aliasPrefix: "R" };
  },
  (p, take) => {
    const parts = take(p.cumulative, 1);
    if (parts.length === 0) return undefined;
    return {
      name: `${parts[0] ? fullName(parts[0]) : ""} x2`,
      expression: "A*2",
      parts,
      aliasPrefix: "A",
    };
  },
];

function poolsOf(candidates: Candidate[]): Pools {
  const where = (test: (c: Candidate) => boolean) => candidates.filter(test);
  const imports = where((c) => c.register.name === "Active Energy (import)");
  return {
    imports,
    mains: imports.filter((c) => c.role === "main"),
    gas: where((c) => c.kind === "gas" && c.register.unit === "m³" && c.role === "gas"),
    water: where((c) => c.kind === "water"),
    power: where((c) => c.register.unit === "kW" && c.role !== "heat"),
    volts: where((c) => c.register.unit === "V"),
    cumulative: where((c) => !c.register.isInstantaneous),
  };
}

/** `count` virtual meters (fewer if the estate has too few registers) over the meters' registers. */
export function planVirtualMeters(
  rng: Rng,
  count: number,
  meters: readonly { meter: SimMeter; role: MeterRole }[],
  registers: ReadonlyMap<number, RegisterRecord>,
): SimVirtualMeter[] {
  const pools = poolsOf(
    meters.flatMap(({ meter, role }) =>
      meter.registers.map((register) => ({
        register,
        meter,
        role,
        kind: registers.get(register.id)?.spec.kind ?? "",
      })),
    ),
  );
  const result: SimVirtualMeter[] = [];
  const names = new Set<string>();
  let nextId = 9 + rng.int(0, 3);
  const attempts = count * RECIPES.length + RECIPES.length;
  for (let attempt = 0; result.length < count && attempt < attempts; attempt++) {
    const turn = Math.floor(attempt / RECIPES.length);
    const take: Take = (items, n) => {
      const k = items.length === 0 ? 0 : turn % items.length;
      return [...items.slice(k), ...items.slice(0, k)].slice(0, n);
    };
    const made = (RECIPES[attempt % RECIPES.length] as Recipe)(pools, take);
    if (!made) continue;
    const first = made.parts[0] as Candidate;
    const registerAliases = made.parts.map((c, i) => ({
      alias: made.aliasPrefix === "A" ? "A" : `${made.aliasPrefix}${i + 1}`,
      registerId: c.register.id,
      registerName: rng.chance(0.5) ? fullName(c) : "",
    }));
    result.push({
      id: nextId,
      name: uniqueName(names, made.name),
      expression: made.expression,
      decimalPlaces: made.decimalPlaces ?? rng.int(1, 2),
      isInstantaneous: made.instantaneous ?? false,
      unit: made.unit ?? first.register.unit,
      registerAliases,
    });
    nextId += rng.chance(0.2) ? 2 : 1;
  }
  return result;
}
