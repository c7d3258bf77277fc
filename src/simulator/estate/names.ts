/**
 * The vocabulary of the synthetic estate: buildings, sites, meter types and what their
 * registers measure. A university campus, because that is where many DCS systems live.
 */
import type { SeriesKind } from "./profiles.js";

/** How DCS reaches a meter: the documented methods, the only ones the simulator makes. */
export type ConnectionMethod = "tcp" | "modem" | "idc";
/** A meter's status: the documented values, the only ones the simulator makes. */
export type MeterStatus = "online" | "offline" | "disabled" | "unknown";

export const SITES = [
  "Main Campus",
  "North Campus",
  "Science Park",
  "Halls of Residence",
  "Sports Village",
  "City Centre Campus",
  "Medical Campus",
  "Research Farm",
];

export const BUILDINGS = [
  "Library",
  "Sports Centre",
  "Students' Union",
  "Engineering Building",
  "Chemistry Labs",
  "Great Hall",
  "Medical School",
  "Business School",
  "Arts Tower",
  "Physics Building",
  "Biology Labs",
  "Music Department",
  "Law School",
  "Computer Science",
  "Refectory",
  "Estates Workshop",
  "Swimming Pool",
  "Lecture Theatre Block",
  "Innovation Centre",
  "Data Centre",
  "Nursery",
  "Chaplaincy",
  "Geography Building",
  "Psychology Building",
  "Maths Institute",
  "Drama Studio",
  "Observatory",
  "Boathouse",
  "Conference Centre",
  "Veterinary School",
  "Dental Hospital",
  "Print Unit",
  "Energy Centre",
  "Health Centre",
  "Languages Centre",
  "Archive Store",
];

/** A register a meter of some type can have. */
export interface RegisterTemplate {
  name: string;
  unit: string;
  instantaneous: boolean;
  kind: SeriesKind;
  address: string;
  /** Cumulative values are multiples of 1 / ticksPerUnit. */
  ticksPerUnit: number;
  /** Size relative to the meter's size (cumulative), or the level (instantaneous, when absolute). */
  scale: number;
  /** True when `scale` is a level in the unit rather than relative to the meter's size. */
  absolute?: boolean;
}

export type MeterRole = "main" | "sub" | "gas" | "water" | "heat";

export interface MeterTemplate {
  role: MeterRole;
  meterType: string;
  manufacturer: string;
  service: string;
  purposes: readonly string[];
  /** Consumption per half hour at full load, in the first register's unit. */
  size: readonly [number, number];
  registers: readonly RegisterTemplate[];
  /** How many of `registers` (in order) a meter gets. */
  registerCount: readonly [number, number];
  connections: readonly ConnectionMethod[];
}

export const TEMPLATES: Record<MeterRole, MeterTemplate> = {
  main: {
    role: "main",
    meterType: "Elster A1700",
    manufacturer: "Elster",
    service: "Electricity",
    purposes: ["Main Incomer", "Incomer 2", "Incomer 3"],
    size: [40, 220],
    registerCount: [3, 6],
    connections: ["tcp"],
    registers: [
      {
        name: "Active Energy (import)",
        unit: "kWh",
        instantaneous: false,
        kind: "electricity",
        address: "130",
        ticksPerUnit: 10,
        scale: 1,
      },
      {
        name: "Reactive Energy (import)",
        unit: "kvarh",
        instantaneous: false,
        kind: "reactive",
        address: "132",
        ticksPerUnit: 10,
        scale: 0.32,
      },
      {
        name: "Active Power",
        unit: "kW",
        instantaneous: true,
        kind: "power",
        address: "200",
        ticksPerUnit: 1,
        scale: 2,
      },
      {
        name: "Voltage L1-N",
        unit: "V",
        instantaneous: true,
        kind: "voltage",
        address: "210",
        ticksPerUnit: 1,
        scale: 240,
        absolute: true,
      },
      {
        name: "Current L1",
        unit: "A",
        instantaneous: true,
        kind: "current",
        address: "220",
        ticksPerUnit: 1,
        scale: 2.9,
      },
      {
        name: "Apparent Energy",
        unit: "kVAh",
        instantaneous: false,
        kind: "electricity",
        address: "134",
        ticksPerUnit: 10,
        scale: 1.06,
      },
    ],
  },
  sub: {
    role: "sub",
    meterType: "Schneider PM5110",
    manufacturer: "Schneider Electric",
    service: "Electricity",
    purposes: [
      "Lighting",
      "Small Power",
      "Mechanical Services",
      "Lifts",
      "Kitchen",
      "Server Room",
      "Chiller",
      "AHU 1",
      "AHU 2",
      "Lab Extract",
      "EV Chargers",
      "Heat Pump",
    ],
    size: [2, 30],
    registerCount: [2, 4],
    connections: ["idc", "idc", "tcp"],
    registers: [
      {
        name: "Active Energy (import)",
        unit: "kWh",
        instantaneous: false,
        kind: "electricity",
        address: "30001",
        ticksPerUnit: 100,
        scale: 1,
      },
      {
        name: "Active Power",
        unit: "kW",
        instantaneous: true,
        kind: "power",
        address: "30013",
        ticksPerUnit: 1,
        scale: 2,
      },
      {
        name: "Voltage L1-N",
        unit: "V",
        instantaneous: true,
        kind: "voltage",
        address: "30029",
        ticksPerUnit: 1,
        scale: 239,
        absolute: true,
      },
      {
        name: "Current L1",
        unit: "A",
        instantaneous: true,
        kind: "current",
        address: "30043",
        ticksPerUnit: 1,
        scale: 8.6,
      },
    ],
  },
  gas: {
    role: "gas",
    meterType: "IDC Pulse Input",
    manufacturer: "Coherent Research",
    service: "Gas",
    purposes: ["Gas", "Boiler House Gas", "Kitchen Gas"],
    size: [2, 25],
    registerCount: [2, 3],
    connections: ["idc", "idc", "modem"],
    registers: [
      {
        name: "Gas Volume",
        unit: "m³",
        instantaneous: false,
        kind: "gas",
        address: "1",
        ticksPerUnit: 100,
        scale: 1,
      },
      {
        name: "Gas Energy",
        unit: "kWh",
        instantaneous: false,
        kind: "gasEnergy",
        address: "2",
        ticksPerUnit: 10,
        scale: 11.2,
      },
      {
        name: "Gas Flow Rate",
        unit: "m³/h",
        instantaneous: true,
        kind: "flowRate",
        address: "3",
        ticksPerUnit: 1,
        scale: 2,
      },
    ],
  },
  water: {
    role: "water",
    meterType: "Kamstrup MULTICAL 21",
    manufacturer: "Kamstrup",
    service: "Water",
    purposes: ["Water", "Cold Water Main", "Irrigation Water"],
    size: [0.2, 3],
    registerCount: [2, 2],
    connections: ["modem", "idc"],
    registers: [
      {
        name: "Water Volume",
        unit: "m³",
        instantaneous: false,
        kind: "water",
        address: "1",
        ticksPerUnit: 1000,
        scale: 1,
      },
      {
        name: "Flow Rate",
        unit: "m³/h",
        instantaneous: true,
        kind: "flowRate",
        address: "4",
        ticksPerUnit: 1,
        scale: 2,
      },
    ],
  },
  heat: {
    role: "heat",
    meterType: "Kamstrup MULTICAL 603",
    manufacturer: "Kamstrup",
    service: "Heat",
    purposes: ["Heat Meter", "LTHW Heat Meter", "District Heating"],
    size: [20, 150],
    registerCount: [2, 5],
    connections: ["tcp"],
    registers: [
      {
        name: "Heat Energy",
        unit: "kWh",
        instantaneous: false,
        kind: "heat",
        address: "60",
        ticksPerUnit: 1,
        scale: 1,
      },
      {
        name: "Volume",
        unit: "m³",
        instantaneous: false,
        kind: "gas",
        address: "68",
        ticksPerUnit: 100,
        scale: 0.021,
      },
      {
        name: "Flow Temperature",
        unit: "°C",
        instantaneous: true,
        kind: "temperature",
        address: "86",
        ticksPerUnit: 1,
        scale: 45,
        absolute: true,
      },
      {
        name: "Return Temperature",
        unit: "°C",
        instantaneous: true,
        kind: "temperature",
        address: "87",
        ticksPerUnit: 1,
        scale: 28,
        absolute: true,
      },
      {
        name: "Thermal Power",
        unit: "kW",
        instantaneous: true,
        kind: "power",
        address: "80",
        ticksPerUnit: 1,
        scale: 2,
      },
    ],
  },
};

/** The order of meter types within a building after its main incomer. */
export const BUILDING_EXTRAS: readonly MeterRole[] = [
  "sub",
  "gas",
  "sub",
  "water",
  "sub",
  "heat",
  "sub",
];

/** `name`, or `name (2)`, `name (3)`… when taken; the result is taken from then on. */
export function uniqueName(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}
