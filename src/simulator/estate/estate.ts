/**
 * The synthetic estate: meters with registers, virtual meters, the meter tree, IDCs with
 * their Modbus devices, meter types, and each register's gaps, resets and calibrations.
 * Everything is derived from the seed; only metadata is built here (O(meters)), readings are
 * computed on demand by `series.ts`. The builders draw from one random sequence, so the order
 * in which they are called is part of what a seed means.
 */
import { HALF_HOUR_MS } from "../../core/periods.js";
import type { SimMeterType } from "../types.js";
import { Campus, MeterTree, planMeters, shuffledBuildings } from "./campus.js";
import { planGaps } from "./gaps.js";
import { IdcBuilder } from "./idcs.js";
import { MeterBuilder } from "./meters.js";
import { type MeterRole, TEMPLATES } from "./names.js";
import { hashKey, Rng } from "./random.js";
import type { Estate, MeterRecord } from "./records.js";
import { RegisterBuilder } from "./registers.js";
import { planVirtualMeters } from "./virtual-meters.js";

export interface EstateOptions {
  seed: number;
  meters: number;
  virtualMeters: number;
  /** Epoch ms of the first half hour (midnight UTC). */
  dataStart: number;
  /** Epoch ms after the last half hour. */
  dataEnd: number;
}

/** Ids grow with an occasional hole, as in a database where things were deleted. */
function idSequence(rng: Rng, first: number): () => number {
  let next = first;
  return () => {
    const id = next;
    next += rng.chance(0.15) ? rng.int(2, 5) : 1;
    return id;
  };
}

/** Every meter model of the templates, with its register types. */
function meterTypes(): SimMeterType[] {
  return Object.values(TEMPLATES).map((t, k) => ({
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
}

/** Builds the whole estate for the options. Deterministic: same options, same estate. */
export function generateEstate(options: EstateOptions): Estate {
  const { seed, dataStart, dataEnd } = options;
  const slots = Math.floor((dataEnd - dataStart) / HALF_HOUR_MS);
  const rng = new Rng(hashKey(seed, "estate"));
  const nextMeterId = idSequence(rng, 400 + rng.int(0, 20));
  const nextRegisterId = idSequence(rng, 700 + rng.int(0, 40));
  const nextDeviceId = idSequence(rng, 1000 + rng.int(0, 50));
  const buildingOrder = shuffledBuildings(rng);
  const plan = planMeters(rng, Math.max(1, options.meters));
  const campus = new Campus(buildingOrder, rng.int(2, 3));
  const tree = new MeterTree(campus);
  const idcs = new IdcBuilder(rng, seed, campus, nextDeviceId);
  const meterBuilder = new MeterBuilder(rng, campus, idcs, nextMeterId);
  const registers = new RegisterBuilder(rng, seed, dataStart, slots, nextRegisterId);

  const resetMeter = Math.min(1, plan.length - 1);
  const calibrationMeter = Math.max(
    0,
    plan.findIndex((p) => p.role === "gas" || p.role === "water"),
  );
  const meters: MeterRecord[] = [];
  const roles: { meter: MeterRecord["meter"]; role: MeterRole }[] = [];
  plan.forEach((planned, index) => {
    const { meter, idc } = meterBuilder.build(planned, index);
    const gaps = planGaps(rng, slots, meter.status, index === 0);
    const template = TEMPLATES[planned.role];
    registers.fill({
      meter,
      template,
      gaps,
      first: index === 0,
      surelyReset: index === resetMeter,
      surelyCalibrated: index === calibrationMeter,
    });
    if (idc) {
      const pulses = planned.role === "gas" || planned.role === "water";
      idcs.addMeterDevice(idc.idc, idc.address, meter.name, pulses);
    }
    tree.building(planned.building).meterIds.push(meter.id);
    meters.push({ meter, gaps, idc: idc?.idc.macAddress });
    roles.push({ meter, role: planned.role });
  });
  idcs.addRadioReceivers();

  const virtualMeters = planVirtualMeters(rng, options.virtualMeters, roles, registers.records);
  tree.root.virtualMeterIds.push(...virtualMeters.map((v) => v.id));

  return {
    dataStart,
    dataEnd,
    slots,
    meters,
    registers: registers.records,
    virtualMeters,
    groups: tree.groups,
    idcs: idcs.idcs,
    idcSettings: idcs.settings,
    modbusDevices: idcs.devices,
    meterTypes: meterTypes(),
    calibrations: registers.calibrations,
  };
}
