/**
 * The synthetic estate: meters with registers, virtual meters, the meter tree, IDCs with
 * their Modbus devices, meter types, and each register's gaps, resets and calibrations.
 * Everything is derived from the seed; only metadata is built here (O(meters)), readings are
 * computed on demand by `series.ts`.
 */
import { HALF_HOUR_MS, HOUR_MS, MINUTE_MS } from "../core/periods.js";
import {
  BUILDING_EXTRAS,
  BUILDINGS,
  type MeterRole,
  type MeterTemplate,
  SITES,
  TEMPLATES,
} from "./names.js";
import { hash2, hashKey, Rng } from "./random.js";
import type { CalibrationSpec, GapSpec, ResetSpec, SeriesSpec } from "./series.js";
import type {
  ConnectionMethod,
  MeterStatus,
  SimCalibration,
  SimIdc,
  SimIdcSettings,
  SimMeter,
  SimMeterGroup,
  SimMeterType,
  SimModbusDevice,
  SimRegister,
  SimVirtualMeter,
} from "./types.js";

export interface EstateOptions {
  seed: number;
  meters: number;
  virtualMeters: number;
  /** Epoch ms of the first half hour (midnight UTC). */
  dataStart: number;
  /** Epoch ms after the last half hour. */
  dataEnd: number;
}

/** How a register's readings are made (the meter's gaps are added when the series is built). */
export type RegisterSpec = Omit<SeriesSpec, "gaps">;

export interface RegisterRecord {
  /** The object served in meter listings (shared with `meter.registers`). */
  register: SimRegister;
  meterId: number;
  spec: RegisterSpec;
}

export interface MeterRecord {
  meter: SimMeter;
  role: MeterRole;
  gaps: GapSpec[];
  /** The MAC of the IDC the meter is wired to, when it has one. */
  idc: number | undefined;
}

export interface Estate {
  dataStart: number;
  dataEnd: number;
  /** Half hours from dataStart to dataEnd. */
  slots: number;
  meters: MeterRecord[];
  registers: Map<number, RegisterRecord>;
  virtualMeters: SimVirtualMeter[];
  groups: SimMeterGroup[];
  idcs: SimIdc[];
  idcSettings: Map<number, SimIdcSettings>;
  modbusDevices: SimModbusDevice[];
  meterTypes: SimMeterType[];
  calibrations: SimCalibration[];
}

const SLOTS_PER_YEAR = 17532;

/** Ids grow with an occasional hole, as in a database where things were deleted. */
function idSequence(rng: Rng, first: number): () => number {
  let next = first;
  return () => {
    const id = next;
    next += rng.chance(0.15) ? rng.int(2, 5) : 1;
    return id;
  };
}

function digits(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function uniqueName(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}

interface PlannedMeter {
  role: MeterRole;
  building: number;
}

function buildingName(order: readonly string[], b: number): string {
  const base = order[b % order.length] as string;
  const cycle = Math.floor(b / order.length);
  const suffixes = ["", " Annexe", " East Wing", " West Wing", " North Block", " South Block"];
  return cycle < suffixes.length ? `${base}${suffixes[cycle]}` : `${base} Block ${cycle}`;
}

/** Meters per building: a main incomer, then sub-meters and utilities. */
function planMeters(rng: Rng, count: number): PlannedMeter[] {
  const plan: PlannedMeter[] = [];
  for (let b = 0; plan.length < count; b++) {
    plan.push({ role: "main", building: b });
    const extras = rng.int(2, 6);
    for (let k = 0; k < extras && plan.length < count; k++) {
      plan.push({ role: BUILDING_EXTRAS[k] as MeterRole, building: b });
    }
  }
  return plan;
}

/** Gaps of a meter: many short ones, some hours long, a few days long, plus missing ends. */
function planGaps(rng: Rng, slots: number, status: MeterStatus, full: boolean): GapSpec[] {
  const gaps: GapSpec[] = [];
  let lo = 0;
  let hi = slots;
  if (slots < 48 * 120) return gaps; // a data range of days or weeks: keep it whole
  if (!full && status === "unknown") {
    lo = rng.int(Math.floor(slots * 0.1), Math.floor(slots * 0.6));
    lo -= lo % 48;
    gaps.push({ start: 0, end: lo });
  }
  if (!full && (status === "offline" || status === "disabled")) {
    hi =
      status === "offline"
        ? slots - rng.int(48 * 3, 48 * 30)
        : rng.int(Math.floor(slots * 0.4), Math.floor(slots * 0.85));
    gaps.push({ start: hi, end: slots });
  }
  const years = slots / SLOTS_PER_YEAR;
  const wanted: number[] = [];
  for (let n = Math.round(years * rng.range(1, 3)); n > 0; n--) wanted.push(rng.int(1, 6));
  for (let n = Math.round(years * rng.range(0.2, 0.8)); n > 0; n--) wanted.push(rng.int(7, 24));
  if (rng.chance(0.35)) for (let n = rng.int(1, 2); n > 0; n--) wanted.push(rng.int(96, 240));
  for (const length of wanted) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (hi - lo < length + 100) break;
      const start = rng.int(lo + 48, hi - length - 48);
      const end = start + length;
      if (gaps.every((g) => end + 8 < g.start || start > g.end + 8)) {
        gaps.push({ start, end });
        break;
      }
    }
  }
  return gaps.sort((a, b) => a.start - b.start);
}

/** A slot for a reset or a calibration start, away from gaps and the ends. */
function quietSlot(
  rng: Rng,
  slots: number,
  gaps: readonly GapSpec[],
  taken: readonly number[],
): number | undefined {
  if (slots < 48 * 8) return undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const slot = rng.int(96, slots - 96);
    const clearOfGaps = gaps.every((g) => slot < g.start - 4 || slot > g.end + 4);
    const clearOfOthers = taken.every((t) => Math.abs(t - slot) > Math.min(48 * 30, slots / 8));
    if (clearOfGaps && clearOfOthers) return slot;
  }
  return undefined;
}

function connectionDetails(
  rng: Rng,
  method: ConnectionMethod,
  template: MeterTemplate,
  site: number,
  idc: SimIdc | undefined,
  modbusAddress: number,
): { deviceId: string; remoteAddress: string } {
  if (method === "idc" && idc)
    return { deviceId: String(modbusAddress), remoteAddress: idc.ipAddress };
  if (method === "modem")
    return { deviceId: String(rng.int(1, 99)), remoteAddress: `01632 960${digits(rng, 3)}` };
  const port = rng.pick(template.role === "main" ? [5000, 5000, 4001] : [502, 502, 5000]);
  return {
    deviceId: template.role === "main" ? rng.pick(["", "1"]) : String(rng.int(1, 32)),
    remoteAddress: `10.${8 + (site % 200)}.${rng.int(1, 254)}.${rng.int(2, 254)}:${port}`,
  };
}

function serialNumber(rng: Rng, role: MeterRole): string {
  switch (role) {
    case "main":
      return `K${rng.int(10, 24)}A${digits(rng, 6)}`;
    case "sub":
      return `ME-${digits(rng, 10)}`;
    case "gas":
      return `PC${digits(rng, 6)}`;
    case "water":
      return `6${digits(rng, 7)}`;
    case "heat":
      return `KM${digits(rng, 8)}`;
  }
}

function meterPointNumber(rng: Rng, role: MeterRole): string | undefined {
  if (role === "main" && rng.chance(0.7)) return `${rng.int(10, 23)}${digits(rng, 11)}`;
  if (role === "gas" && rng.chance(0.6)) return digits(rng, 10).replace(/^0/, "7");
  if (role === "water" && rng.chance(0.3)) return `3${digits(rng, 9)}`;
  return undefined;
}

function pickStatus(rng: Rng, index: number): MeterStatus {
  if (index === 0) return "online";
  const x = rng.next();
  return x < 0.08 ? "offline" : x < 0.12 ? "disabled" : x < 0.16 ? "unknown" : "online";
}

/** Builds the whole estate for the options. Deterministic: same options, same estate. */
export function generateEstate(options: EstateOptions): Estate {
  const { seed, dataStart, dataEnd } = options;
  const slots = Math.floor((dataEnd - dataStart) / HALF_HOUR_MS);
  const rng = new Rng(hashKey(seed, "estate"));
  const nextMeterId = idSequence(rng, 400 + rng.int(0, 20));
  const nextRegisterId = idSequence(rng, 700 + rng.int(0, 40));
  const nextDeviceId = idSequence(rng, 1000 + rng.int(0, 50));

  const buildingOrder = [...BUILDINGS];
  for (let i = buildingOrder.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [buildingOrder[i], buildingOrder[j]] = [buildingOrder[j] as string, buildingOrder[i] as string];
  }
  const plan = planMeters(rng, Math.max(1, options.meters));
  const buildingsPerSite = rng.int(2, 3);
  const siteOf = (building: number) => Math.floor(building / buildingsPerSite);

  // The meter tree: root, sites, buildings.
  const groups: SimMeterGroup[] = [
    { id: 0, name: "All Meters", parentId: null, meterIds: [], virtualMeterIds: [] },
  ];
  const siteGroups = new Map<number, SimMeterGroup>();
  const buildingGroups = new Map<number, SimMeterGroup>();
  let nextGroupId = 1;
  const groupFor = (building: number): SimMeterGroup => {
    let group = buildingGroups.get(building);
    if (group) return group;
    const site = siteOf(building);
    let siteGroup = siteGroups.get(site);
    if (!siteGroup) {
      const base = SITES[site % SITES.length] as string;
      const name = site < SITES.length ? base : `${base} ${Math.floor(site / SITES.length) + 1}`;
      siteGroup = { id: nextGroupId++, name, parentId: 0, meterIds: [], virtualMeterIds: [] };
      siteGroups.set(site, siteGroup);
      groups.push(siteGroup);
    }
    group = {
      id: nextGroupId++,
      name: buildingName(buildingOrder, building),
      parentId: siteGroup.id,
      meterIds: [],
      virtualMeterIds: [],
    };
    buildingGroups.set(building, group);
    groups.push(group);
    return group;
  };

  // IDCs, one per building that has meters wired to one.
  const idcs: SimIdc[] = [];
  const idcSettings = new Map<number, SimIdcSettings>();
  const idcOfBuilding = new Map<number, SimIdc>();
  const macs = new Set<number>();
  const idcFor = (building: number): SimIdc => {
    let idc = idcOfBuilding.get(building);
    if (idc) return idc;
    let mac = 0x0050c2000000 + (hash2(seed, building) & 0xffffff);
    while (macs.has(mac)) mac++;
    macs.add(mac);
    const site = siteOf(building);
    const ipAddress = `10.20.${site % 250}.${10 + (idcs.length % 240)}`;
    idc = {
      macAddress: mac,
      name: `${buildingName(buildingOrder, building)} IDC`,
      ipAddress,
      status: rng.chance(0.9) ? "online" : "offline",
    };
    idcs.push(idc);
    idcOfBuilding.set(building, idc);
    idcSettings.set(mac, {
      macAddress: mac,
      name: idc.name,
      ipAddress,
      subnetMask: "255.255.255.0",
      gateway: `10.20.${site % 250}.1`,
      dnsServer: "10.20.0.53",
      ntpServer: "pool.ntp.org",
      dhcpEnabled: false,
      pollIntervalMinutes: 30,
      modbusBaudRate: 9600,
      modbusParity: "none",
      modbusStopBits: 1,
      timeZone: "GMT Standard Time",
      firmwareVersion: `2.${rng.int(1, 4)}.${rng.int(0, 9)}`,
    });
    return idc;
  };

  const meterTypes: SimMeterType[] = Object.values(TEMPLATES).map((t, k) => ({
    id: k + 1,
    name: t.meterType,
    manufacturer: t.manufacturer,
    registerTypes: t.registers.map((r, j) => ({
      id: (k + 1) * 100 + j + 1,
      name: r.name,
      unit: r.unit,
      isInstantaneous: r.instantaneous,
      address: r.address,
    })),
  }));

  // Which meters surely carry a reset and calibrations, so that every estate shows both.
  const resetMeter = Math.min(1, plan.length - 1);
  const calibrationMeter = Math.max(
    0,
    plan.findIndex((p) => p.role === "gas" || p.role === "water"),
  );

  const meters: MeterRecord[] = [];
  const registers = new Map<number, RegisterRecord>();
  const modbusDevices: SimModbusDevice[] = [];
  const calibrations: SimCalibration[] = [];
  const names = new Set<string>();
  const purposeUse = new Map<string, number>();
  const modbusAddresses = new Map<number, number>();

  plan.forEach((planned, index) => {
    const template = TEMPLATES[planned.role];
    const building = buildingName(buildingOrder, planned.building);
    const key = `${planned.building}/${planned.role}`;
    const use = purposeUse.get(key) ?? 0;
    purposeUse.set(key, use + 1);
    const purpose =
      planned.role === "sub"
        ? (template.purposes[(planned.building * 3 + use) % template.purposes.length] as string)
        : (template.purposes[use % template.purposes.length] as string);
    const name = uniqueName(names, `${building} ${purpose}`);
    const site = siteOf(planned.building);
    const method: ConnectionMethod = index === 0 ? "tcp" : rng.pick(template.connections);
    const idc = method === "idc" ? idcFor(planned.building) : undefined;
    const modbusAddress = idc ? (modbusAddresses.get(idc.macAddress) ?? 0) + 1 : 0;
    if (idc) modbusAddresses.set(idc.macAddress, modbusAddress);
    const { deviceId, remoteAddress } = connectionDetails(
      rng,
      method,
      template,
      site,
      idc,
      modbusAddress,
    );
    const status = pickStatus(rng, index);
    const mpn = meterPointNumber(rng, planned.role);
    const service = rng.chance(0.75) ? template.service : undefined;
    const meter: SimMeter = {
      id: nextMeterId(),
      name,
      connectionMethod: method,
      deviceId,
      meterType: template.meterType,
      remoteAddress,
      serialNumber: serialNumber(rng, planned.role),
      ...(mpn === undefined ? {} : { mpn }),
      ...(service === undefined ? {} : { service }),
      status,
      registers: [],
    };
    const gaps = planGaps(rng, slots, status, index === 0);
    const size = rng.range(template.size[0], template.size[1]);
    const registerCount =
      index === 0
        ? template.registerCount[1]
        : rng.int(template.registerCount[0], template.registerCount[1]);

    const resetSlot =
      index === resetMeter || rng.chance(0.15) ? quietSlot(rng, slots, gaps, []) : undefined;
    const calibrated =
      index === calibrationMeter ||
      ((planned.role === "gas" || planned.role === "water") && rng.chance(0.5));

    template.registers.slice(0, registerCount).forEach((t, k) => {
      const id = nextRegisterId();
      const register: SimRegister = {
        id,
        address: t.address,
        isInstantaneous: t.instantaneous,
        name: t.name,
        scaleFactor:
          t.ticksPerUnit === 100
            ? rng.pick(["", "0.01"])
            : t.ticksPerUnit === 10
              ? rng.pick(["", "0.1"])
              : "",
        defaultScaleFactor: "1",
        unit: t.unit,
      };
      meter.registers.push(register);
      const scale = t.absolute ? t.scale : t.scale * size;
      const resets: ResetSpec[] = [];
      const cals: CalibrationSpec[] = [];
      if (!t.instantaneous && resetSlot !== undefined) {
        const opening = rng.chance(0.6) ? 0 : Math.round(rng.range(0, 500) * t.ticksPerUnit);
        resets.push({ slot: resetSlot, openingTicks: opening });
      }
      if (!t.instantaneous && k === 0 && calibrated) {
        const taken: number[] = resetSlot === undefined ? [] : [resetSlot];
        for (let n = rng.int(1, 3); n > 0; n--) {
          const slot = quietSlot(rng, slots, gaps, taken);
          if (slot === undefined) continue;
          taken.push(slot);
          let offset = Math.round(rng.range(-500, 25000));
          if (offset === 0) offset = 100;
          cals.push({ startSlot: slot, offsetTicks: offset * t.ticksPerUnit });
        }
        cals.sort((a, b) => a.startSlot - b.startSlot);
        for (const c of cals) {
          const startTime = dataStart + c.startSlot * HALF_HOUR_MS;
          const timestamp =
            startTime + rng.int(2, 72) * HOUR_MS + rng.pick([0, 15, 30, 45, 10, 50]) * MINUTE_MS;
          calibrations.push({
            registerId: id,
            startTime,
            timestamp,
            offset: c.offsetTicks / t.ticksPerUnit,
          });
        }
      }
      registers.set(id, {
        register,
        meterId: meter.id,
        spec: {
          seed: hash2(seed, id),
          kind: t.kind,
          instantaneous: t.instantaneous,
          scale,
          ticksPerUnit: t.ticksPerUnit,
          openingTicks: t.instantaneous
            ? 0
            : Math.round(rng.range(500, 20000) * scale * t.ticksPerUnit),
          resets,
          calibrations: cals,
        },
      });
    });

    if (idc) {
      modbusDevices.push({
        id: nextDeviceId(),
        address: modbusAddress,
        description: `${name} ${planned.role === "gas" || planned.role === "water" ? "pulse counter" : "meter"}`,
        serialNumber: `MB${digits(rng, 7)}`,
        deviceType:
          planned.role === "gas" || planned.role === "water" ? "pulseCounter" : "modbusMeter",
        macAddress: idc.macAddress,
      });
    }
    groupFor(planned.building).meterIds.push(meter.id);
    meters.push({ meter, role: planned.role, gaps, idc: idc?.macAddress });
  });

  // Each IDC may also have a radio receiver for wireless pulse meters.
  for (const idc of idcs) {
    if (!rng.chance(0.3)) continue;
    const address = (modbusAddresses.get(idc.macAddress) ?? 0) + 1;
    modbusAddresses.set(idc.macAddress, address);
    modbusDevices.push({
      id: nextDeviceId(),
      address,
      description: `${idc.name.replace(/ IDC$/, "")} radio receiver`,
      serialNumber: `RR${digits(rng, 6)}`,
      deviceType: "radioReceiver",
      macAddress: idc.macAddress,
    });
  }

  const virtualMeters = planVirtualMeters(rng, options.virtualMeters, meters, registers);
  (groups[0] as SimMeterGroup).virtualMeterIds.push(...virtualMeters.map((v) => v.id));

  return {
    dataStart,
    dataEnd,
    slots,
    meters,
    registers,
    virtualMeters,
    groups,
    idcs,
    idcSettings,
    modbusDevices,
    meterTypes,
    calibrations,
  };
}

interface Candidate {
  register: SimRegister;
  meter: SimMeter;
  role: MeterRole;
  kind: string;
}

function fullName(c: Candidate): string {
  return `${c.meter.name}: ${c.register.name}`;
}

/** Virtual meters over registers of compatible units, plus one instantaneous one. */
function planVirtualMeters(
  rng: Rng,
  count: number,
  meters: readonly MeterRecord[],
  registers: ReadonlyMap<number, RegisterRecord>,
): SimVirtualMeter[] {
  const candidates: Candidate[] = meters.flatMap((m) =>
    m.meter.registers.map((register) => ({
      register,
      meter: m.meter,
      role: m.role,
      kind: registers.get(register.id)?.spec.kind ?? "",
    })),
  );
  const where = (test: (c: Candidate) => boolean) => candidates.filter(test);
  const imports = where((c) => c.register.name === "Active Energy (import)");
  const mains = imports.filter((c) => c.role === "main");
  const gas = where((c) => c.kind === "gas" && c.register.unit === "m³" && c.role === "gas");
  const water = where((c) => c.kind === "water");
  const power = where((c) => c.register.unit === "kW" && c.role !== "heat");
  const volts = where((c) => c.register.unit === "V");
  const cumulative = where((c) => !c.register.isInstantaneous);

  type Recipe = () =>
    | {
        name: string;
        expression: string;
        parts: Candidate[];
        aliasPrefix: string;
        unit?: string;
        instantaneous?: boolean;
        decimalPlaces?: number;
      }
    | undefined;
  let turn = 0;
  const rotate = <T>(items: T[], n: number): T[] => {
    const k = items.length === 0 ? 0 : turn % items.length;
    return [...items.slice(k), ...items.slice(0, k)].slice(0, n);
  };
  const recipes: Recipe[] = [
    () => {
      const parts = rotate(mains.length >= 2 ? mains : imports, 4);
      if (parts.length === 0) return undefined;
      return {
        name: "Site Electricity",
        expression: parts.map((_, i) => `R${i + 1}`).join("+"),
        parts,
        aliasPrefix: "R",
      };
    },
    () => {
      const main = rotate(mains, 1)[0];
      const subs = main
        ? imports
            .filter(
              (c) =>
                c.role === "sub" &&
                c.meter.name.startsWith(main.meter.name.replace(/ (Main Incomer|Incomer \d)$/, "")),
            )
            .slice(0, 3)
        : [];
      if (!main || subs.length === 0) return undefined;
      const building = main.meter.name.replace(/ (Main Incomer|Incomer \d)$/, "");
      // As the User Guide's first ternary example: never below zero.
      const difference = ["R1", ...subs.map((_, i) => `R${i + 2}`)].join("-");
      return {
        name: `${building} Unmetered Electricity`,
        expression: `${difference} >= 0 ? ${difference} : 0`,
        parts: [main, ...subs],
        aliasPrefix: "R",
      };
    },
    () => {
      const parts = rotate(gas, 3);
      if (parts.length === 0) return undefined;
      const sum = parts.map((_, i) => `G${i + 1}`).join("+");
      return {
        name: "Gas Volume (corrected)",
        expression: parts.length === 1 ? "G1*1.02264" : `(${sum})*1.02264`,
        parts,
        aliasPrefix: "G",
        decimalPlaces: 2,
      };
    },
    () => {
      const parts = rotate(gas, 1);
      if (parts.length === 0) return undefined;
      return {
        name: `${parts[0]?.meter.name} Energy Estimate`,
        expression: "(V1*1.02264*39.5)/3.6",
        parts,
        aliasPrefix: "V",
        unit: "kWh",
      };
    },
    () => {
      const parts = rotate(power.length > 0 ? power : volts, 3);
      if (parts.length === 0) return undefined;
      if (power.length > 0) {
        return {
          name: "Site Electrical Demand",
          expression: parts.map((_, i) => `P${i + 1}`).join("+"),
          parts,
          aliasPrefix: "P",
          instantaneous: true,
        };
      }
      return {
        name: "Average Voltage",
        expression: `(${parts.map((_, i) => `V${i + 1}`).join("+")})/${parts.length}`,
        parts,
        aliasPrefix: "V",
        instantaneous: true,
      };
    },
    () => {
      const parts = rotate(water, 3);
      if (parts.length === 0) return undefined;
      return {
        name: "Water Total",
        expression: parts.map((_, i) => `W${i + 1}`).join("+"),
        parts,
        aliasPrefix: "W",
        decimalPlaces: 3,
      };
    },
    () => {
      const parts = rotate(imports, 2);
      if (parts.length < 2) return undefined;
      return { name: "Electricity Share", expression: "(R1-R2)*0.5", parts, aliasPrefix: "R" };
    },
    () => {
      const parts = rotate(cumulative, 1);
      if (parts.length === 0) return undefined;
      return {
        name: `${parts[0] ? fullName(parts[0]) : ""} x2`,
        expression: "A*2",
        parts,
        aliasPrefix: "A",
      };
    },
  ];

  const result: SimVirtualMeter[] = [];
  const names = new Set<string>();
  let nextId = 9 + rng.int(0, 3);
  for (
    let attempt = 0;
    result.length < count && attempt < count * recipes.length + recipes.length;
    attempt++
  ) {
    const recipe = recipes[attempt % recipes.length] as Recipe;
    turn = Math.floor(attempt / recipes.length);
    const made = recipe();
    if (!made) continue;
    const first = made.parts[0] as Candidate;
    const aliases = made.parts.map((c, i) => ({
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
      registerAliases: aliases,
    });
    nextId += rng.chance(0.2) ? 2 : 1;
  }
  return result;
}
