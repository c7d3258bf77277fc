/**
 * The shapes the simulator serves are the API's own, compiled from spec/ into src/generated/:
 * the simulator and the clients cannot disagree about them. Where the simulator always sends
 * what the API leaves optional, the type says so (`Required<Pick<…>>`); fields no API type
 * has are named as the simulator's own. SimMeterGroup, SimCalibration, SimReset and SimGap are
 * not API shapes but the estate's own records, for tests that need known events.
 */
import type { components as V3 } from "../generated/dcs-v3.js";
import type { components as WebApi } from "../generated/dcs-webapi.js";

type WebApiSchemas = WebApi["schemas"];
type V3Schemas = V3["schemas"];

/** A register of the simulated estate, as served by both APIs. */
export type SimRegister = WebApiSchemas["Register"];

/** A meter of the simulated estate with its registers, as served by both APIs. */
export type SimMeter = WebApiSchemas["Meter"];

/** Names a register inside a virtual meter's expression. */
export type SimRegisterAlias = WebApiSchemas["RegisterAlias"];

/** A virtual meter of the simulated estate: an expression over register aliases. */
export type SimVirtualMeter = WebApiSchemas["VirtualMeter"];

/** An IDC (data concentrator) of the simulated estate. */
export type SimIdc = V3Schemas["Idc"] &
  Required<Pick<V3Schemas["Idc"], "name" | "ipAddress" | "status">>;

/** Free-form IDC configuration, as the DCS web UI edits it. */
export type SimIdcSettings = V3Schemas["IdcSettings"];

/** A Modbus device attached to a simulated IDC. */
export type SimModbusDevice = V3Schemas["ModbusDevice"] &
  Required<Pick<V3Schemas["ModbusDevice"], "description" | "serialNumber" | "deviceType">>;

/** The body of `POST /api/ModbusDevices`: a device without its id. */
export type NewModbusDevice = V3Schemas["NewModbusDevice"];

/** A register type of a simulated meter type. */
export type SimRegisterType = V3Schemas["RegisterType"] &
  Required<Pick<V3Schemas["RegisterType"], "unit" | "isInstantaneous">> & {
    /** The simulator's own: the address a register of this type gets. */
    address: string;
  };

/** A meter model the simulator knows, with its register types. */
export type SimMeterType = V3Schemas["MeterType"] & {
  /** The simulator's own: who makes the model. */
  manufacturer: string;
  registerTypes: SimRegisterType[];
};

/**
 * A folder of the meter tree, flat: group 0 is the root, the others name their parent. The
 * legacy API serves it as a nested `MeterGroup`.
 */
export type SimMeterGroup = Pick<V3Schemas["MeterGroup"], "id" | "name"> & {
  parentId: number | null;
  meterIds: number[];
  virtualMeterIds: number[];
};

/** A calibration reading: totals from `startTime` on are shifted by `offset` (in units). */
export interface SimCalibration {
  registerId: number;
  /** When the meter was read by hand (epoch ms). */
  timestamp: number;
  /** From when the offset applies (epoch ms, on a half hour). */
  startTime: number;
  offset: number;
}

/** A register reset: the total restarts from `openingTotal` at `time` (epoch ms). */
export interface SimReset {
  registerId: number;
  time: number;
  openingTotal: number;
  closingTotal: number;
}

/** A run of missing half hours of every register of a meter: [start, end) in epoch ms. */
export interface SimGap {
  meterId: number;
  start: number;
  end: number;
}
