/**
 * Meters, registers and virtual meters: the same shapes in both API generations.
 * Objects are loose: fields a newer server adds are kept, never rejected.
 */
import * as z from "zod/mini";
import { dcsId } from "./primitives.js";

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
  connectionMethod: z.enum(["tcp", "modem", "idc"]),
  deviceId: z.string(),
  meterType: z.optional(z.string()),
  remoteAddress: z.string(),
  serialNumber: z.string(),
  mpn: z.optional(z.string()),
  service: z.optional(z.string()),
  status: z.enum(["online", "offline", "disabled", "unknown"]),
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

/** A register as stored in DCS (unknown fields kept). */
export type Register = z.output<typeof registerSchema>;
/** A meter with its registers. Use a register's `id` for readings, never the meter's. */
export type Meter = z.output<typeof meterSchema>;
/** Maps an alias in a virtual meter's expression to a register. */
export type RegisterAlias = z.output<typeof registerAliasSchema>;
/** A virtual meter: a value computed from registers by `expression`. */
export type VirtualMeter = z.output<typeof virtualMeterSchema>;
