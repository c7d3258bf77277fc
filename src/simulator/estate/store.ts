/**
 * One simulator's live estate: lookups, the meter restriction filter, a cache of register
 * series, and the changes the legacy API's configuration endpoints make (kept in memory per
 * simulator instance, visible to later requests).
 */
import { HALF_HOUR_MS } from "../../core/periods.js";
import type { Principal } from "../auth.js";
import { HttpError } from "../http.js";
import type {
  NewModbusDevice,
  SimCalibration,
  SimGap,
  SimMeter,
  SimMeterGroup,
  SimModbusDevice,
  SimRegister,
  SimRegisterType,
  SimReset,
  SimVirtualMeter,
} from "../types.js";
import type { SeriesKind } from "./profiles.js";
import { hash2 } from "./random.js";
import type { Estate, MeterRecord, RegisterRecord } from "./records.js";
import { type ImportedReading, RegisterSeries } from "./series.js";

const SERIES_CACHE = 256;

const KIND_BY_UNIT: Record<string, SeriesKind> = {
  kWh: "electricity",
  kVAh: "electricity",
  kvarh: "reactive",
  "m³": "water",
  kW: "power",
  V: "voltage",
  A: "current",
  "m³/h": "flowRate",
  "°C": "temperature",
};

export class EstateStore {
  readonly estate: Estate;
  readonly #meters = new Map<number, MeterRecord>();
  readonly #series = new Map<number, RegisterSeries>();
  /** Imported readings per register, by slot; kept here, as cached series come and go. */
  readonly #imported = new Map<number, Map<number, ImportedReading>>();
  readonly #seed: number;
  #nextRegisterId: number;
  #nextDeviceId: number;

  constructor(estate: Estate, seed: number) {
    this.estate = estate;
    this.#seed = seed;
    for (const m of estate.meters) this.#meters.set(m.meter.id, m);
    // Loops, not Math.max(...ids): estates can be larger than the argument limit.
    let register = 699;
    for (const id of estate.registers.keys()) register = Math.max(register, id);
    let device = 999;
    for (const d of estate.modbusDevices) device = Math.max(device, d.id);
    this.#nextRegisterId = register + 1;
    this.#nextDeviceId = device + 1;
  }

  meter(id: number): MeterRecord | undefined {
    return this.#meters.get(id);
  }

  register(id: number): RegisterRecord | undefined {
    return this.estate.registers.get(id);
  }

  virtualMeter(id: number): SimVirtualMeter | undefined {
    return this.estate.virtualMeters.find((v) => v.id === id);
  }

  /** `METER NAME: REGISTER NAME`, as readings results name a register. */
  registerFullName(id: number): string {
    const record = this.estate.registers.get(id);
    const meter = record ? this.#meters.get(record.meterId) : undefined;
    return `${meter?.meter.name ?? ""}: ${record?.register.name ?? ""}`;
  }

  /** The readings of a register, built on first use and kept in a small cache. */
  series(registerId: number): RegisterSeries {
    let series = this.#series.get(registerId);
    if (series) {
      this.#series.delete(registerId); // move to the back: most recently used
      this.#series.set(registerId, series);
      return series;
    }
    const record = this.estate.registers.get(registerId);
    const meter = record ? this.#meters.get(record.meterId) : undefined;
    if (!record || !meter) throw new HttpError(404, `Register ${registerId} not found.`);
    series = new RegisterSeries(
      { ...record.spec, gaps: meter.gaps },
      this.estate.dataStart,
      this.estate.slots,
      this.#importedInto(registerId),
    );
    this.#series.set(registerId, series);
    if (this.#series.size > SERIES_CACHE) {
      const oldest = this.#series.keys().next().value;
      if (oldest !== undefined) this.#series.delete(oldest);
    }
    return series;
  }

  // ---- restrictions ---------------------------------------------------------------------

  canSeeMeter(who: Principal, meterId: number): boolean {
    return who.allowedMeters === undefined || who.allowedMeters.has(meterId);
  }

  canSeeRegister(who: Principal, registerId: number): boolean {
    const record = this.estate.registers.get(registerId);
    return record !== undefined && this.canSeeMeter(who, record.meterId);
  }

  canSeeVirtualMeter(who: Principal, vm: SimVirtualMeter): boolean {
    return vm.registerAliases.every((a) => this.canSeeRegister(who, a.registerId));
  }

  visibleMeters(who: Principal): SimMeter[] {
    return this.estate.meters.map((m) => m.meter).filter((m) => this.canSeeMeter(who, m.id));
  }

  visibleVirtualMeters(who: Principal): SimVirtualMeter[] {
    return this.estate.virtualMeters.filter((v) => this.canSeeVirtualMeter(who, v));
  }

  // ---- views for tests ------------------------------------------------------------------

  gaps(): SimGap[] {
    const start = this.estate.dataStart;
    return this.estate.meters.flatMap((m) =>
      m.gaps.map((g) => ({
        meterId: m.meter.id,
        start: start + g.start * HALF_HOUR_MS,
        end: start + g.end * HALF_HOUR_MS,
      })),
    );
  }

  resets(): SimReset[] {
    const out: SimReset[] = [];
    for (const [id, record] of this.estate.registers) {
      if (record.spec.resets.length === 0) continue;
      const series = this.series(id);
      for (const r of record.spec.resets) {
        const closing = series.rawTotalTicks(r.slot - 1) + series.consumptionTicks(r.slot - 1);
        out.push({
          registerId: id,
          time: this.estate.dataStart + r.slot * HALF_HOUR_MS,
          openingTotal: r.openingTicks / record.spec.ticksPerUnit,
          closingTotal: closing / record.spec.ticksPerUnit,
        });
      }
    }
    return out;
  }

  calibrations(registerId?: number): SimCalibration[] {
    const all = this.estate.calibrations;
    return registerId === undefined ? all : all.filter((c) => c.registerId === registerId);
  }

  /** The meter reading a calibration records: the uncalibrated total then, plus the offset. */
  calibrationValue(c: SimCalibration): number {
    const series = this.series(c.registerId);
    return series.totalAt(c.timestamp, this.estate.dataStart) + c.offset;
  }

  group(id: number): SimMeterGroup | undefined {
    return this.estate.groups.find((g) => g.id === id);
  }

  childGroups(id: number): SimMeterGroup[] {
    return this.estate.groups.filter((g) => g.parentId === id);
  }

  // ---- changes through the legacy configuration endpoints --------------------------------

  /** The meter with `meter.id` is now `meter` (its registers keep their records). */
  replaceMeter(meter: SimMeter): void {
    const record = this.#meters.get(meter.id);
    if (record) record.meter = meter;
  }

  /** A new register of `type` on the meter (which must exist), named apart from its others. */
  addRegister(meterId: number, type: SimRegisterType): void {
    const record = this.#meters.get(meterId);
    if (!record) throw new Error(`Meter ${meterId} is not in the estate.`);
    const id = this.#nextRegisterId++;
    let name = type.name;
    for (let n = 2; record.meter.registers.some((r) => r.name === name); n++)
      name = `${type.name} ${n}`;
    const register: SimRegister = {
      id,
      address: type.address,
      isInstantaneous: type.isInstantaneous,
      name,
      scaleFactor: "",
      defaultScaleFactor: "1",
      unit: type.unit,
    };
    record.meter.registers.push(register);
    const kind = KIND_BY_UNIT[type.unit] ?? (type.isInstantaneous ? "power" : "electricity");
    const level = kind === "voltage" ? 240 : kind === "temperature" ? 40 : 10;
    this.estate.registers.set(id, {
      register,
      meterId,
      spec: {
        seed: hash2(this.#seed, id),
        kind,
        instantaneous: type.isInstantaneous,
        scale: level,
        ticksPerUnit: 100,
        openingTicks: 0,
        resets: [],
        calibrations: [],
      },
    });
  }

  /** Stores imported readings; each replaces what its register showed in its half hour. */
  importReadings(readings: readonly ({ registerId: number; slot: number } & ImportedReading)[]) {
    for (const { registerId, slot, total, period } of readings) {
      this.#importedInto(registerId).set(slot, { total, period });
    }
  }

  #importedInto(registerId: number): Map<number, ImportedReading> {
    let imported = this.#imported.get(registerId);
    if (!imported) {
      imported = new Map();
      this.#imported.set(registerId, imported);
    }
    return imported;
  }

  addModbusDevice(device: NewModbusDevice): SimModbusDevice {
    const added = { id: this.#nextDeviceId++, ...device };
    this.estate.modbusDevices.push(added);
    return added;
  }

  removeModbusDevice(device: SimModbusDevice): void {
    const list = this.estate.modbusDevices;
    list.splice(list.indexOf(device), 1);
  }
}
