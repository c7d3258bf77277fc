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
import type { MeterGroup } from "./types.js";

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
