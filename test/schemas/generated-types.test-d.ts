/**
 * The zod schemas and the OpenAPI descriptions cannot drift apart: each schema's input type
 * (the wire shape it accepts) must equal the type generated from spec/*.yaml, for both API
 * generations. Rename a field in a spec or a schema and this file stops compiling.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import type { components as V3 } from "../../src/generated/dcs-v3.js";
import type { components as WebApi } from "../../src/generated/dcs-webapi.js";
import type {
  errorBodySchema,
  rateLimitErrorBodySchema,
  signInResultSchema,
} from "../../src/schemas/account.js";
import type { restrictionProfileSchema, userSchema } from "../../src/schemas/admin.js";
import type {
  meterSchema,
  registerAliasSchema,
  registerSchema,
  virtualMeterSchema,
} from "../../src/schemas/estate.js";
import type {
  completeReadingsResultWire,
  completeReadingWire,
  legacyReadingWire,
  standardReadingsResultWire,
  standardReadingWire,
} from "../../src/schemas/readings.js";
import type {
  calibrationReadingsPageSchema,
  calibrationReadingWire,
  idcSchema,
  meterSummarySchema,
  meterTypeSchema,
  modbusDeviceSchema,
  registerTypeSchema,
} from "../../src/schemas/unofficial.js";

/** Flattens intersections so that equal shapes compare equal. */
type Flat<T> = T extends readonly (infer E)[]
  ? Flat<E>[]
  : T extends object
    ? { [K in keyof T]: Flat<T[K]> }
    : T;
type Wire<S extends z.ZodMiniType> = Flat<z.input<S>>;
type W = WebApi["schemas"];
type L = V3["schemas"];

describe("zod schemas match the generated OpenAPI types", () => {
  it("estate shapes, in both generations", () => {
    expectTypeOf<Wire<typeof registerSchema>>().toEqualTypeOf<Flat<W["Register"]>>();
    expectTypeOf<Wire<typeof registerSchema>>().toEqualTypeOf<Flat<L["Register"]>>();
    expectTypeOf<Wire<typeof meterSchema>>().toEqualTypeOf<Flat<W["Meter"]>>();
    expectTypeOf<Wire<typeof meterSchema>>().toEqualTypeOf<Flat<L["Meter"]>>();
    expectTypeOf<Wire<typeof registerAliasSchema>>().toEqualTypeOf<Flat<W["RegisterAlias"]>>();
    expectTypeOf<Wire<typeof registerAliasSchema>>().toEqualTypeOf<Flat<L["RegisterAlias"]>>();
    expectTypeOf<Wire<typeof virtualMeterSchema>>().toEqualTypeOf<Flat<W["VirtualMeter"]>>();
    expectTypeOf<Wire<typeof virtualMeterSchema>>().toEqualTypeOf<Flat<L["VirtualMeter"]>>();
  });

  it("readings: both current shapes, their results, and the legacy reading", () => {
    expectTypeOf<Wire<typeof standardReadingWire>>().toEqualTypeOf<Flat<W["StandardReading"]>>();
    expectTypeOf<Wire<typeof completeReadingWire>>().toEqualTypeOf<Flat<W["CompleteReading"]>>();
    expectTypeOf<Wire<typeof standardReadingsResultWire>>().toEqualTypeOf<
      Flat<W["StandardReadingsResult"]>
    >();
    expectTypeOf<Wire<typeof completeReadingsResultWire>>().toEqualTypeOf<
      Flat<W["CompleteReadingsResult"]>
    >();
    expectTypeOf<Wire<typeof legacyReadingWire>>().toEqualTypeOf<Flat<L["LegacyReading"]>>();
  });

  it("sign-in results and error bodies", () => {
    expectTypeOf<Wire<typeof signInResultSchema>>().toEqualTypeOf<Flat<W["SignInResult"]>>();
    expectTypeOf<Wire<typeof signInResultSchema>>().toEqualTypeOf<Flat<L["LoginResult"]>>();
    expectTypeOf<Wire<typeof errorBodySchema>>().toEqualTypeOf<Flat<W["ErrorBody"]>>();
    expectTypeOf<Wire<typeof errorBodySchema>>().toEqualTypeOf<Flat<L["ErrorBody"]>>();
    expectTypeOf<Wire<typeof rateLimitErrorBodySchema>>().toEqualTypeOf<
      Flat<W["RateLimitErrorBody"]>
    >();
  });

  it("the unofficial legacy shapes", () => {
    expectTypeOf<Wire<typeof meterSummarySchema>>().toEqualTypeOf<Flat<L["MeterSummary"]>>();
    expectTypeOf<Wire<typeof idcSchema>>().toEqualTypeOf<Flat<L["Idc"]>>();
    expectTypeOf<Wire<typeof modbusDeviceSchema>>().toEqualTypeOf<Flat<L["ModbusDevice"]>>();
    expectTypeOf<Wire<typeof calibrationReadingWire>>().toEqualTypeOf<
      Flat<L["CalibrationReading"]>
    >();
    expectTypeOf<Wire<typeof calibrationReadingsPageSchema>>().toEqualTypeOf<
      Flat<L["CalibrationReadingsPage"]>
    >();
    expectTypeOf<Wire<typeof registerTypeSchema>>().toEqualTypeOf<Flat<L["RegisterType"]>>();
    expectTypeOf<Wire<typeof meterTypeSchema>>().toEqualTypeOf<Flat<L["MeterType"]>>();
  });

  it("the administration shapes", () => {
    expectTypeOf<Wire<typeof userSchema>>().toEqualTypeOf<Flat<L["User"]>>();
    expectTypeOf<Wire<typeof restrictionProfileSchema>>().toEqualTypeOf<
      Flat<L["RestrictionProfile"]>
    >();
  });
});
