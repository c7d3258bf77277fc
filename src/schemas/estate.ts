/**
 * Meters, registers and virtual meters: the same shapes in both API generations.
 * Objects are loose: fields a newer server adds are kept, never rejected.
 */
import * as z from "zod/mini";
import { dcsId, openEnum } from "./primitives.js";
import type { ConnectionMethod, MeterStatus } from "./types.js";

export const connectionMethodSchema = openEnum<ConnectionMethod>();
export const meterStatusSchema = openEnum<MeterStatus>();

export const registerSchema = z.looseObject({
  id: dcsId,
  address: z.string(),
  isInstantaneous: z.boolean(),
  name: z.string(),
  scaleFactor: z.string(),
  defaultScaleFactor: z.string(),
  unit: z.string(),
});

export const meterSchema = z.looseObject({
  id: dcsId,
  name: z.string(),
  connectionMethod: connectionMethodSchema,
  deviceId: z.string(),
  meterType: z.optional(z.string()),
  remoteAddress: z.string(),
  serialNumber: z.string(),
  mpn: z.optional(z.string()),
  service: z.optional(z.string()),
  status: meterStatusSchema,
  registers: z.array(registerSchema),
});

export const registerAliasSchema = z.looseObject({
  alias: z.string(),
  registerId: dcsId,
  registerName: z.optional(z.string()),
});

export const virtualMeterSchema = z.looseObject({
  id: dcsId,
  name: z.string(),
  expression: z.string(),
  decimalPlaces: z.optional(z.int()),
  isInstantaneous: z.boolean(),
  unit: z.string(),
  registerAliases: z.array(registerAliasSchema),
});

/** The meter and virtual meter lists, as both API generations answer them. */
export const meterListSchema = z.array(meterSchema);
export const virtualMeterListSchema = z.array(virtualMeterSchema);
