/**
 * Meters, registers and virtual meters: the same shapes in both API generations.
 * Objects are loose: fields a newer server adds are kept, never rejected.
 */
import * as z from "zod/mini";
import { dcsId, openEnum } from "./primitives.js";

/**
 * How DCS reaches a meter: `"tcp"`, `"modem"` or `"idc"` as documented, or a method a newer
 * server adds (M-Bus meters are new in 2026), kept as sent.
 */
export type ConnectionMethod = "tcp" | "modem" | "idc" | (string & {});

/**
 * A meter's status: `"online"` / `"offline"` (by the age of its latest reading), `"disabled"`
 * (no data collection) or `"unknown"`, kept as the server sends it. The vendor's own table
 * writes `Online`, and new values may come, so compare case-insensitively and allow others.
 */
export type MeterStatus = "online" | "offline" | "disabled" | "unknown" | (string & {});

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

/** A register as stored in DCS (unknown fields kept). */
export type Register = z.output<typeof registerSchema>;
/** A meter with its registers. Use a register's `id` for readings, never the meter's. */
export type Meter = z.output<typeof meterSchema>;
/** Maps an alias in a virtual meter's expression to a register. */
export type RegisterAlias = z.output<typeof registerAliasSchema>;
/** A virtual meter: a value computed from registers by `expression`. */
export type VirtualMeter = z.output<typeof virtualMeterSchema>;
