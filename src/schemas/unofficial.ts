/**
 * Shapes of the legacy API's undocumented endpoints (reverse engineered from the DCS web UI,
 * as pythondcs's "other functions"). Only the fields we rely on are required; everything else
 * a server sends is kept.
 */
import * as z from "zod/mini";
import {
  connectionMethodSchema,
  meterStatusSchema,
  registerSchema,
  virtualMeterSchema,
} from "./estate.js";
import { dcsId, macAddressInt, zonelessUtc } from "./primitives.js";

/** A meter as listed per IDC or inside the meter tree (registers may be left out). */
export const meterSummarySchema = z.looseObject({
  id: dcsId,
  name: z.string(),
  connectionMethod: z.optional(connectionMethodSchema),
  deviceId: z.optional(z.string()),
  meterType: z.optional(z.string()),
  remoteAddress: z.optional(z.string()),
  serialNumber: z.optional(z.string()),
  mpn: z.optional(z.string()),
  service: z.optional(z.string()),
  status: z.optional(meterStatusSchema),
  registers: z.optional(z.array(registerSchema)),
});

/**
 * A node of the meter tree (`getMeterTree`): a group with its meters, virtual meters and
 * sub-groups. Group 0 is the root. Unofficial endpoint.
 */
export interface MeterGroup {
  id: number;
  name: string;
  hasMeters?: boolean | undefined;
  meters?: MeterSummary[] | undefined;
  meterGroups?: MeterGroup[] | undefined;
  virtualMeters?: z.output<typeof virtualMeterSchema>[] | undefined;
  [key: string]: unknown;
}

/** A folder of the meter tree: meters, virtual meters and sub-groups. */
export const meterGroupSchema: z.ZodMiniType<MeterGroup> = z.looseObject({
  id: z.int(),
  name: z.string(),
  hasMeters: z.optional(z.boolean()),
  meters: z.optional(z.array(meterSummarySchema)),
  get meterGroups() {
    return z.optional(z.array(meterGroupSchema));
  },
  virtualMeters: z.optional(z.array(virtualMeterSchema)),
});

export const idcSchema = z.looseObject({
  macAddress: macAddressInt,
  name: z.optional(z.string()),
  ipAddress: z.optional(z.string()),
  status: z.optional(z.string()),
});

/** IDC settings are free-form: read them, change what you need, write them all back. */
export const idcSettingsSchema = z.looseObject({});

export const modbusDeviceSchema = z.looseObject({
  id: dcsId,
  address: z.int(),
  description: z.optional(z.string()),
  serialNumber: z.optional(z.string()),
  deviceType: z.optional(z.string()),
  macAddress: macAddressInt,
});

export const modbusCommandResultSchema = z.looseObject({});

export const calibrationReadingWire = z.looseObject({
  timestamp: zonelessUtc,
  startTime: zonelessUtc,
  value: z.number(),
  offset: z.optional(z.number()),
});

export const calibrationReadingsPageSchema = z.looseObject({
  calibrationReadings: z.array(calibrationReadingWire),
  totalCount: z.optional(z.int()),
});

export const registerTypeSchema = z.looseObject({
  id: dcsId,
  name: z.string(),
  unit: z.optional(z.string()),
  isInstantaneous: z.optional(z.boolean()),
});

export const meterTypeSchema = z.looseObject({
  id: dcsId,
  name: z.string(),
  registerTypes: z.optional(z.array(registerTypeSchema)),
});

/** The lists the unofficial endpoints answer. */
export const idcListSchema = z.array(idcSchema);
export const modbusDeviceListSchema = z.array(modbusDeviceSchema);
export const meterSummaryListSchema = z.array(meterSummarySchema);
export const meterTypeListSchema = z.array(meterTypeSchema);

/**
 * A meter as the unofficial endpoints list it: id and name, other fields and registers optional.
 */
export type MeterSummary = z.output<typeof meterSummarySchema>;
/**
 * An IDC (Coherent's data concentrator) with its MAC address as an integer. Unofficial endpoint.
 */
export type Idc = z.output<typeof idcSchema>;
/** An IDC's settings, free-form: read them, change a field, write all of them back. */
export type IdcSettings = z.output<typeof idcSettingsSchema>;
/** A Modbus device attached to an IDC (pulse counter or radio receiver). Unofficial endpoint. */
export type ModbusDevice = z.output<typeof modbusDeviceSchema>;
/** The server's answer to a Modbus device command; its shape is undocumented and kept as sent. */
export type ModbusCommandResult = z.output<typeof modbusCommandResultSchema>;
/** A register a meter type can have (`addRegisters` takes these ids). Unofficial endpoint. */
export type RegisterType = z.output<typeof registerTypeSchema>;
/** A meter model known to DCS, with its possible register types. Unofficial endpoint. */
export type MeterType = z.output<typeof meterTypeSchema>;

/** A calibration reading, its zone-less times read as UTC. */
export interface CalibrationReading {
  /** When the meter was read by hand. */
  timestamp: Date;
  /** From when the offset applies. */
  startTime: Date;
  value: number;
  offset?: number | undefined;
  [key: string]: unknown;
}
