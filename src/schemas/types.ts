/**
 * The public data types: the shapes of spec/*.yaml as src/generated/ has them, under the
 * names users import. Each field's hover text is its description in the spec. Where the SDK
 * hands out something other than the wire form on purpose (a `Date` for a date-time string, a
 * number for `"NaN"`), the type is derived from the generated one here, field by field, so
 * the descriptions stay. The zod schemas beside this file are held equal to these types by
 * test/schemas/generated-types.test-d.ts.
 */
import type { components as V3 } from "../generated/dcs-v3.js";
import type { components as WebApi } from "../generated/dcs-webapi.js";

/** A shape of spec/dcs-webapi.yaml (written so, as an interface may extend only a named type). */
type Web<Name extends keyof WebApi["schemas"]> = WebApi["schemas"][Name];
/** A shape of spec/dcs-v3.yaml. */
type Legacy<Name extends keyof V3["schemas"]> = V3["schemas"][Name];

/**
 * `T` with the types of the fields in `New` replaced. A homomorphic mapped type, so each field
 * keeps its optionality and its description, and `T`'s index signature stays.
 */
type Retyped<T, New> = { [K in keyof T]: K extends keyof New ? New[K] : T[K] };

/** A reading value as the SDK hands it out: `"NaN"`, `"Infinity"` and `"-Infinity"` as numbers. */
type Decoded = { value: number; totalValue: number; periodValue: number };

/** Who signed in, as the server reported it (fields a newer server adds are kept). */
export interface SignInResult extends Web<"SignInResult"> {}

/**
 * The current API's `/status` object. Its shape is undocumented, so every field is kept as sent.
 */
export interface DcsStatus extends Web<"Status"> {}

/**
 * How DCS reaches a meter: `"tcp"`, `"modem"` or `"idc"` as documented, or a method a newer
 * server adds (M-Bus meters are new in 2026), kept as sent.
 */
export type ConnectionMethod = Web<"ConnectionMethod">;

/**
 * A meter's status: `"online"` / `"offline"` (by the age of its latest reading), `"disabled"`
 * (no data collection) or `"unknown"`, kept as the server sends it. The vendor's own table
 * writes `Online`, and new values may come, so compare case-insensitively and allow others.
 */
export type MeterStatus = Web<"MeterStatus">;

/** A register as stored in DCS (unknown fields kept). Use its `id` for readings. */
export interface Register extends Web<"Register"> {}

/** A meter with its registers. Use a register's `id` for readings, never the meter's. */
export interface Meter extends Web<"Meter"> {
  registers: Register[];
}

/** Maps an alias in a virtual meter's expression to a register. */
export interface RegisterAlias extends Web<"RegisterAlias"> {}

/** A virtual meter: a value computed from registers by `expression`. */
export interface VirtualMeter extends Web<"VirtualMeter"> {
  registerAliases: RegisterAlias[];
}

/** A reading in `format: "standard"`: its period's start as a `Date`, its value a number. */
export interface StandardReading
  extends Retyped<Web<"StandardReading">, Decoded & { timestamp: Date }> {}

/** A reading in `format: "complete"` (registers only), with a `Date` and numbers. */
export interface CompleteReading
  extends Retyped<Web<"CompleteReading">, Decoded & { timestamp: Date }> {}

/** A reading of the legacy v3 API, with a `Date` and numbers. */
export interface LegacyReading
  extends Retyped<Legacy<"LegacyReading">, Decoded & { startTime: Date }> {}

/**
 * A meter as the unofficial endpoints list it: id and name, other fields and registers optional.
 */
export interface MeterSummary extends Legacy<"MeterSummary"> {
  registers?: Register[];
}

/**
 * A node of the meter tree (`getMeterTree`): a group with its meters, virtual meters and
 * sub-groups. Group 0 is the root. Unofficial endpoint.
 */
export interface MeterGroup extends Legacy<"MeterGroup"> {
  meters?: MeterSummary[];
  meterGroups?: MeterGroup[];
  virtualMeters?: VirtualMeter[];
}

/**
 * An IDC (Coherent's data concentrator) with its MAC address as an integer. Unofficial endpoint.
 */
export interface Idc extends Legacy<"Idc"> {}

/** An IDC's settings, free-form: read them, change a field, write all of them back. */
export interface IdcSettings extends Legacy<"IdcSettings"> {}

/** A Modbus device attached to an IDC (pulse counter or radio receiver). Unofficial endpoint. */
export interface ModbusDevice extends Legacy<"ModbusDevice"> {}

/** The server's answer to a Modbus device command; its shape is undocumented and kept as sent. */
export interface ModbusCommandResult extends Legacy<"ModbusCommandResult"> {}

/** A calibration reading, its zone-less times read as UTC `Date`s. Unofficial endpoint. */
export interface CalibrationReading
  extends Retyped<Legacy<"CalibrationReading">, { timestamp: Date; startTime: Date }> {}

/** A register a meter type can have (`addRegisters` takes these ids). Unofficial endpoint. */
export interface RegisterType extends Legacy<"RegisterType"> {}

/** A meter model known to DCS, with its possible register types. Unofficial endpoint. */
export interface MeterType extends Legacy<"MeterType"> {
  registerTypes?: RegisterType[];
}

/** A DCS role as the User Guide lists them, or one a newer server adds, kept as sent. */
export type UserRole = Legacy<"UserRole">;

/**
 * A DCS user account: its UUID-like `id`, user `name`, `email` and `role`, and every other
 * field the server sends (kept, so that `updateUser` can write the whole object back).
 */
export interface User extends Legacy<"User"> {}

/**
 * What `createUser` needs: at least the user name, email and role (DCS emails the new user a
 * password). Any other field of a user may be given too.
 */
export interface NewUser extends Legacy<"NewUser"> {}

/**
 * A meter or IDC restriction profile: its id (as users refer to it) and name, with the rest
 * (default access, the granted and denied groups, meters and virtual meters) kept as sent.
 */
export interface RestrictionProfile extends Legacy<"RestrictionProfile"> {}
