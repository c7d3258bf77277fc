/**
 * What a generated estate holds: the API objects it serves, plus, for each meter and register,
 * what the simulator needs to compute its readings.
 */
import type {
  SimCalibration,
  SimIdc,
  SimIdcSettings,
  SimMeter,
  SimMeterGroup,
  SimMeterType,
  SimModbusDevice,
  SimRegister,
  SimVirtualMeter,
} from "../types.js";
import type { GapSpec, SeriesSpec } from "./series.js";

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
  gaps: GapSpec[];
  /** The MAC of the IDC the meter is wired to, when it has one. */
  idc: number | undefined;
}

export interface Estate {
  /** Epoch ms of the first half hour (midnight UTC). */
  dataStart: number;
  /** Epoch ms after the last half hour. */
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
