/**
 * The JSON shapes the simulator serves (as in the project's OpenAPI descriptions), kept here
 * rather than imported from the SDK so the simulator depends on nothing but the shared time
 * and period helpers.
 */

/** A register of the simulated estate, as served by both APIs. */
export interface SimRegister {
  id: number;
  address: string;
  isInstantaneous: boolean;
  name: string;
  scaleFactor: string;
  defaultScaleFactor: string;
  unit: string;
}

export type ConnectionMethod = "tcp" | "modem" | "idc";
export type MeterStatus = "online" | "offline" | "disabled" | "unknown";

/** A meter of the simulated estate with its registers. */
export interface SimMeter {
  id: number;
  name: string;
  connectionMethod: ConnectionMethod;
  deviceId: string;
  meterType?: string;
  remoteAddress: string;
  serialNumber: string;
  mpn?: string;
  service?: string;
  status: MeterStatus;
  registers: SimRegister[];
}

/** Names a register inside a virtual meter's expression. */
export interface SimRegisterAlias {
  alias: string;
  registerId: number;
  registerName?: string;
}

/** A virtual meter of the simulated estate: an expression over register aliases. */
export interface SimVirtualMeter {
  id: number;
  name: string;
  expression: string;
  decimalPlaces?: number;
  isInstantaneous: boolean;
  unit: string;
  registerAliases: SimRegisterAlias[];
}

/** An IDC (data concentrator) of the simulated estate. */
export interface SimIdc {
  /** The MAC address as an unsigned 48-bit integer. */
  macAddress: number;
  name: string;
  ipAddress: string;
  status: string;
}

/** Free-form IDC configuration, as the DCS web UI edits it. */
export type SimIdcSettings = Record<string, unknown>;

/** A Modbus device attached to a simulated IDC. */
export interface SimModbusDevice {
  id: number;
  address: number;
  description: string;
  serialNumber: string;
  deviceType: string;
  macAddress: number;
}

/** A register type of a simulated meter type. */
export interface SimRegisterType {
  id: number;
  name: string;
  unit: string;
  isInstantaneous: boolean;
  address: string;
}

/** A meter model the simulator knows, with its register types. */
export interface SimMeterType {
  id: number;
  name: string;
  manufacturer: string;
  registerTypes: SimRegisterType[];
}

/** A folder of the meter tree (group 0 is the root). */
export interface SimMeterGroup {
  id: number;
  name: string;
  parentId: number | null;
  meterIds: number[];
  virtualMeterIds: number[];
}

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
